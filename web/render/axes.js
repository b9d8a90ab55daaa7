// axes.js — gridlines, tick labels, the unit caption, the baseline and the
// category / year labels of a bars or lines panel. `pen` is
// { ctx, theme, locale }.

import { FONTS } from '../core/layout.js';
import { cssFont, drawLines } from './text.js';

// Lines are drawn on half pixels so 1 px lines stay crisp at any DPR ≥ 1.
const crisp = (v) => Math.round(v) + 0.5;

export function drawGrid({ ctx, theme, locale }, ps) {
  const { plot, ticks, unit } = ps.axis;
  ctx.save();
  ctx.strokeStyle = theme.grid;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of ticks) {
    if (t.value === 0 && !ps.axis.log) continue;
    ctx.moveTo(plot.x, crisp(t.y));
    ctx.lineTo(plot.x + plot.w, crisp(t.y));
  }
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.font = cssFont(FONTS.tick, locale);
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) ctx.fillText(t.text, plot.x - 6, t.y);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.font = cssFont(FONTS.unit, locale);
  ctx.fillText(unit.text, unit.x, unit.y);
  ctx.restore();
}

export function drawBaseline({ ctx, theme }, ps) {
  const { plot, ticks, log } = ps.axis;
  const zero = log ? null : ticks.find((t) => t.value === 0);
  const y = zero ? zero.y : plot.y + plot.h;
  ctx.save();
  ctx.strokeStyle = theme.axis;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(plot.x, crisp(y));
  ctx.lineTo(plot.x + plot.w, crisp(y));
  ctx.stroke();
  ctx.restore();
}

// Category labels: the first line in the text colour, further lines muted;
// then the direct series labels under one group, muted.
export function drawCategories({ ctx, theme, locale }, ps) {
  for (const l of ps.categoryLabels ?? []) {
    drawLines(ctx, { lines: l.lines, font: l.font, x: l.x, y: l.y, colours: [theme.text, theme.muted], locale });
  }
  for (const l of ps.seriesKeys ?? []) {
    drawLines(ctx, { lines: l.lines, font: l.font, x: l.x, y: l.y, colours: theme.muted, locale });
  }
  for (const l of ps.xTicks ?? []) {
    drawLines(ctx, { lines: l.lines, font: l.font, x: l.x, y: l.y, colours: theme.text, locale });
  }
}

export function drawTitle({ ctx, theme, locale }, ps) {
  if (!ps.title) return;
  const t = ps.title;
  drawLines(ctx, { lines: t.lines, font: t.font, x: t.x, y: t.y, colours: theme.text, align: 'left', locale });
}
