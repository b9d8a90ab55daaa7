// paint.js — how one bar or dot looks; shared by the chart and the legend.
//
// paintBar(ctx, rect, colour, { approximate, openTop }) draws into the
// current transform (CSS px). Exact values: solid fill. Approximate values:
// a pale tint, diagonal hatching and a solid outline, so they read as
// different without relying on colour. openTop (a lower bound): the outline
// has no top edge and the sides run on upward in dashes, "and more".
// paintDot(ctx, cx, cy, r, colour, { hollow, background }): a filled dot, or
// for an approximate value a ring filled with the background.
// paintEmpty: the mark of an empty slot, a short dashed line on the baseline.
// All leave ctx state as they found it.

export const HATCH_SPACING = 5;
export const OPEN_TOP_EXTENSION = 6;

export function paintBar(ctx, rect, colour, { approximate = false, openTop = false } = {}) {
  const { x, y, w, h } = rect;
  if (w <= 0 || h < 0) return;
  ctx.save();
  if (!approximate) {
    ctx.fillStyle = colour;
    ctx.fillRect(x, y, w, h);
    ctx.restore();
    return;
  }
  ctx.globalAlpha = 0.16;
  ctx.fillStyle = colour;
  ctx.fillRect(x, y, w, h);
  ctx.globalAlpha = 1;
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let d = -h; d < w; d += HATCH_SPACING) {
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
  }
  ctx.stroke();
  ctx.restore();

  ctx.save();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5;
  const i = 0.75;
  ctx.beginPath();
  if (openTop) {
    ctx.moveTo(x + i, y);
    ctx.lineTo(x + i, y + h - i);
    ctx.lineTo(x + w - i, y + h - i);
    ctx.lineTo(x + w - i, y);
    ctx.stroke();
    ctx.setLineDash([2, 2]);
    ctx.beginPath();
    ctx.moveTo(x + i, y);
    ctx.lineTo(x + i, y - OPEN_TOP_EXTENSION);
    ctx.moveTo(x + w - i, y);
    ctx.lineTo(x + w - i, y - OPEN_TOP_EXTENSION);
    ctx.stroke();
  } else {
    ctx.strokeRect(x + i, y + i, Math.max(0, w - 2 * i), Math.max(0, h - 2 * i));
  }
  ctx.restore();
}

export function paintDot(ctx, cx, cy, r, colour, { hollow = false, background = '#ffffff' } = {}) {
  ctx.save();
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.fillStyle = hollow ? background : colour;
  ctx.fill();
  if (hollow) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  ctx.restore();
}

export function paintEmpty(ctx, rect, colour) {
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(rect.x, rect.y - 1);
  ctx.lineTo(rect.x + rect.w, rect.y - 1);
  ctx.stroke();
  ctx.restore();
}
