// hbars.js — draws a horizontal-bars panel: column heads, the selected
// row's band, labels, tracks, bars, value and count labels.
// `pen` is { ctx, theme, locale, labelAlpha }.

import { paintBar } from './paint.js';
import { drawLines } from './text.js';

const COUNT_FONT = { size: 12, weight: 700 };

export function drawHbars({ ctx, theme, locale, labelAlpha = 1 }, ps) {
  for (const h of ps.heads) {
    drawLines(ctx, { lines: h.lines, font: { size: 12, weight: 400 }, x: h.x, y: h.y, colours: theme.muted, align: h.align, locale });
  }
  for (const r of ps.rows) {
    if (r.selected) {
      ctx.save();
      ctx.fillStyle = theme.surface;
      ctx.fillRect(r.label.x - 4, r.top - 5, (ps.area ? ps.area.w : 0) + 8, r.h - 2);
      ctx.restore();
    }
    drawLines(ctx, { lines: r.label.lines, font: r.label.font, x: r.label.x, y: r.label.y, colours: theme.text, align: 'left', locale });
    if (r.track) {
      ctx.save();
      ctx.fillStyle = theme.surface;
      ctx.fillRect(r.track.x, r.track.y, r.track.w, r.track.h);
      ctx.strokeStyle = theme.grid;
      ctx.lineWidth = 1;
      ctx.strokeRect(r.track.x + 0.5, r.track.y + 0.5, r.track.w - 1, r.track.h - 1);
      ctx.restore();
    }
    if (!r.empty) paintBar(ctx, r.bar, r.colour, { approximate: r.approximate });
    ctx.save();
    ctx.globalAlpha = labelAlpha;
    drawLines(ctx, {
      lines: [r.value.text], font: r.value.font, x: r.value.x, y: r.value.y,
      colours: r.empty ? theme.muted : theme.text, align: r.value.align, locale,
    });
    if (r.count) drawLines(ctx, { lines: [r.count.text], font: COUNT_FONT, x: r.count.x, y: r.count.y, colours: theme.text, align: 'right', locale });
    ctx.restore();
  }
}
