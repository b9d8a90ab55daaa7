// lines.js — draws a lines panel's paths, dots and value labels. Paths are
// only drawn between points one year apart (scene-lines.js), so gaps stay
// gaps. `pen` is { ctx, theme, locale, labelAlpha }.

import { paintDot } from './paint.js';

export function drawPaths({ ctx, theme }, ps) {
  ctx.save();
  ctx.lineWidth = 2.5;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const p of ps.paths) {
    ctx.strokeStyle = p.colour;
    ctx.setLineDash(p.dash ?? []);
    ctx.beginPath();
    p.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    ctx.stroke();
  }
  ctx.restore();
  for (const d of ps.dots) paintDot(ctx, d.cx, d.cy, d.r, d.colour, { hollow: d.hollow, background: theme.background });
}
