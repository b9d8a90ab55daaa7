// axes.js — gridlines, y tick labels, the baseline and the category labels.

import { AXIS, GRID, TEXT, TEXT_MUTED } from '../core/palette.js';
import { FONTS } from '../core/layout.js';
import { cssFont, drawLines } from './text.js';

// Lines are drawn on half pixels so 1 px lines stay crisp at any DPR ≥ 1.
const crisp = (v) => Math.round(v) + 0.5;

export function drawGrid(ctx, scene) {
  const { plot } = scene;
  ctx.save();
  ctx.strokeStyle = GRID;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of scene.ticks) {
    if (t.value === 0) continue;
    ctx.moveTo(plot.x, crisp(t.y));
    ctx.lineTo(plot.x + plot.w, crisp(t.y));
  }
  ctx.stroke();
  ctx.font = cssFont(FONTS.tick);
  ctx.fillStyle = TEXT_MUTED;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of scene.ticks) ctx.fillText(t.text, plot.x - 6, t.y);
  ctx.restore();
}

export function drawBaseline(ctx, scene) {
  const zero = scene.ticks.find((t) => t.value === 0);
  const y = zero ? zero.y : scene.plot.y + scene.plot.h;
  ctx.save();
  ctx.strokeStyle = AXIS;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(scene.plot.x, crisp(y));
  ctx.lineTo(scene.plot.x + scene.plot.w, crisp(y));
  ctx.stroke();
  ctx.restore();
}

// Category labels: the first line in the text colour, further lines (e.g.
// "average") muted.
export function drawCategories(ctx, scene) {
  for (const l of scene.categoryLabels) drawLines(ctx, l.lines, l.font, l.x, l.y, [TEXT, TEXT_MUTED]);
}
