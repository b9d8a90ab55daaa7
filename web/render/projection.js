// projection.js — draws a trend projection overlay (core/scene-projection.js):
// the shaded interval bands, the divider between data and projection, the
// fitted trend (thin dashes), the projected line (dashes) with hollow dots,
// and the "trend projection, not a forecast" label.
// `pen` is { ctx, theme, locale, labelAlpha }.

import { BAND_ALPHA } from '../core/scene-projection.js';
import { drawLines } from './text.js';

const path = (ctx, points) => points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));

// Behind the marks: the bands and the divider.
export function drawProjectionBands({ ctx, theme }, ps) {
  const p = ps.projection;
  if (!p) return;
  ctx.save();
  ctx.strokeStyle = theme.axis;
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 3]);
  ctx.beginPath();
  ctx.moveTo(Math.round(p.divider.x) + 0.5, p.divider.y0);
  ctx.lineTo(Math.round(p.divider.x) + 0.5, p.divider.y1);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.rect(p.clip.x, p.clip.y, p.clip.w, p.clip.h);
  ctx.clip();
  ctx.globalAlpha = BAND_ALPHA;
  for (const b of p.bands) {
    if (b.points.length < 3) continue;
    ctx.fillStyle = b.colour;
    ctx.beginPath();
    path(ctx, b.points);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

// Over the marks: the fitted and projected lines, dots and the label.
export function drawProjectionLines({ ctx, theme, locale, labelAlpha = 1 }, ps) {
  const p = ps.projection;
  if (!p) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(p.clip.x, p.clip.y, p.clip.w, p.clip.h);
  ctx.clip();
  ctx.lineJoin = 'round';
  for (const f of p.fits) {
    ctx.strokeStyle = f.colour;
    ctx.globalAlpha = 0.75;
    ctx.lineWidth = 1.25;
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    path(ctx, f.points);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  for (const l of p.lines) {
    ctx.strokeStyle = l.colour;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    path(ctx, l.points);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  for (const d of p.dots) {
    ctx.beginPath();
    ctx.arc(d.cx, d.cy, d.r, 0, Math.PI * 2);
    ctx.fillStyle = theme.background;
    ctx.fill();
    ctx.strokeStyle = d.colour;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
  ctx.restore();
  if (p.label) {
    ctx.save();
    ctx.globalAlpha = labelAlpha;
    drawLines(ctx, { lines: p.label.lines, font: p.label.font, x: p.label.x, y: p.label.y, colours: theme.muted, halo: theme.background, align: 'left', locale });
    ctx.restore();
  }
}
