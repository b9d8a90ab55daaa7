// bars.js — draws a bars panel's bars, empty-slot marks, value labels and
// annotation. `pen` is { ctx, theme, locale, labelAlpha }.

import { paintBar, paintEmpty } from './paint.js';
import { drawLines } from './text.js';

export function drawBars({ ctx }, ps) {
  for (const b of ps.bars) {
    if (b.empty) paintEmpty(ctx, b, b.colour);
    else paintBar(ctx, b, b.colour, { approximate: b.approximate, openTop: b.openTop });
  }
}

export function drawValueLabels({ ctx, theme, locale, labelAlpha = 1 }, ps) {
  ctx.save();
  ctx.globalAlpha = labelAlpha;
  for (const l of ps.valueLabels ?? []) {
    drawLines(ctx, { lines: l.lines, font: l.font, x: l.x, y: l.y, colours: theme.text, halo: theme.background, locale });
  }
  for (const l of ps.missingLabels ?? []) {
    drawLines(ctx, { lines: l.lines, font: l.font, x: l.x, y: l.y, colours: theme.muted, locale });
  }
  ctx.restore();
}

export function drawAnnotation({ ctx, theme, locale, labelAlpha = 1 }, ps) {
  const a = ps.annotation;
  if (!a) return;
  ctx.save();
  ctx.globalAlpha = labelAlpha;
  ctx.strokeStyle = theme.muted;
  ctx.lineWidth = 1;
  ctx.beginPath();
  a.leader.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
  ctx.stroke();
  drawLines(ctx, { lines: a.lines, font: a.font, x: a.x + a.w, y: a.y, colours: theme.text, halo: theme.background, align: 'right', locale });
  ctx.restore();
}
