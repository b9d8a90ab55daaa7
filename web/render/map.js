// map.js — draws a map panel (core/scene-map.js): the land outline (one fill,
// no borders), the circles (largest first; an approximate sum is a pale tint
// with hatching, like a hatched bar; a country without a US$ figure a small
// hollow ring; a circle split by segment as slices), the selected circle's
// ring, the labels and the size key.
// `pen` is { ctx, theme, locale, labelAlpha }.

import { CIRCLE_ALPHA, landColour, TINT_ALPHA } from '../core/map-style.js';
import { HATCH_SPACING } from './paint.js';
import { drawLines } from './text.js';

function landPath(ctx, { x, y }) {
  ctx.beginPath();
  let start = true;
  for (let i = 0; i < x.length; i += 1) {
    if (Number.isNaN(x[i])) {
      if (!start) ctx.closePath();
      start = true;
    } else if (start) {
      ctx.moveTo(x[i], y[i]);
      start = false;
    } else {
      ctx.lineTo(x[i], y[i]);
    }
  }
}

function hatch(ctx, cx, cy, r, colour) {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let d = -2 * r; d < 2 * r; d += HATCH_SPACING) {
    ctx.moveTo(cx + d - r, cy + r);
    ctx.lineTo(cx + d + r, cy - r);
  }
  ctx.stroke();
}

// One shape (a full circle or a slice) filled as exact or approximate.
function fillShape(ctx, shape, c, colour, approximate) {
  ctx.save();
  shape();
  if (approximate) {
    ctx.globalAlpha = TINT_ALPHA;
    ctx.fillStyle = colour;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.clip();
    hatch(ctx, c.cx, c.cy, c.r, colour);
  } else {
    ctx.globalAlpha = CIRCLE_ALPHA;
    ctx.fillStyle = colour;
    ctx.fill();
  }
  ctx.restore();
}

function drawCircle(ctx, c, theme) {
  const full = () => {
    ctx.beginPath();
    ctx.arc(c.cx, c.cy, c.r, 0, Math.PI * 2);
  };
  ctx.save();
  if (c.hollow) {
    full();
    ctx.fillStyle = theme.background;
    ctx.fill();
    ctx.strokeStyle = c.colour;
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.restore();
    return;
  }
  full();
  ctx.strokeStyle = theme.background;
  ctx.lineWidth = 3;
  ctx.stroke();
  if (c.slices) {
    for (const s of c.slices) {
      fillShape(ctx, () => {
        ctx.beginPath();
        ctx.moveTo(c.cx, c.cy);
        ctx.arc(c.cx, c.cy, c.r, s.a0, s.a1);
        ctx.closePath();
      }, c, s.colour, s.approximate);
    }
    ctx.strokeStyle = theme.background;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const s of c.slices) {
      ctx.moveTo(c.cx, c.cy);
      ctx.lineTo(c.cx + c.r * Math.cos(s.a0), c.cy + c.r * Math.sin(s.a0));
    }
    ctx.stroke();
    for (const s of c.slices) {
      ctx.strokeStyle = s.colour;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.arc(c.cx, c.cy, c.r - 0.75, s.a0, s.a1);
      ctx.stroke();
    }
  } else {
    fillShape(ctx, full, c, c.colour, c.approximate);
    full();
    ctx.strokeStyle = c.colour;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
  ctx.restore();
}

export function drawMap({ ctx, theme, locale, labelAlpha = 1 }, ps) {
  if (!ps.land) return;
  const m = ps.map;
  ctx.save();
  ctx.beginPath();
  ctx.rect(m.x, m.y, m.w, m.h);
  ctx.clip();
  landPath(ctx, ps.land);
  ctx.fillStyle = landColour(theme);
  ctx.fill('evenodd');
  for (const c of ps.circles) drawCircle(ctx, c, theme);
  for (const c of ps.circles) {
    if (!c.selected) continue;
    ctx.strokeStyle = theme.text;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(c.cx, c.cy, c.r + 2.5, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.globalAlpha = labelAlpha;
  for (const l of ps.labels) {
    drawLines(ctx, { lines: l.lines, font: l.font, x: l.x, y: l.y, colours: [theme.text, theme.muted], halo: theme.background, align: l.align, locale });
  }
  ctx.restore();
  const k = ps.sizeKey;
  if (!k) return;
  ctx.save();
  drawLines(ctx, { lines: [k.title.text], font: k.title.font, x: k.title.x, y: k.title.y, colours: theme.muted, align: 'left', locale });
  for (const it of k.items) {
    ctx.beginPath();
    ctx.arc(it.cx, it.cy, it.r, 0, Math.PI * 2);
    ctx.strokeStyle = theme.muted;
    ctx.lineWidth = 1.25;
    ctx.stroke();
    drawLines(ctx, { lines: [it.text], font: { size: 12, weight: 400 }, x: it.tx, y: it.ty, colours: theme.text, align: 'left', locale });
  }
  ctx.restore();
}

// The focus ring of a circle mark.
export function drawCircleFocus({ ctx, theme }, m) {
  ctx.save();
  ctx.strokeStyle = theme.focus;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(m.cx, m.cy, m.r + 4, 0, Math.PI * 2);
  ctx.stroke();
  ctx.restore();
}
