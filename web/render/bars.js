// bars.js — draws the bars, empty-slot marks and the focus ring of a scene.

import { FOCUS } from '../core/palette.js';
import { OPEN_TOP_EXTENSION, paintBar, paintEmpty } from './paint.js';

export function drawBars(ctx, scene) {
  for (const b of scene.bars) {
    if (b.empty) paintEmpty(ctx, b, b.colour);
    else paintBar(ctx, b, b.colour, { approximate: b.approximate, openTop: b.openTop });
  }
}

// Ring around the mark with this index (its bar, or for an empty slot the
// space its "n/a" label takes); nothing for -1.
export function drawFocus(ctx, scene, index) {
  const b = scene.bars.find((m) => m.index === index);
  if (!b) return;
  let r = { x: b.x, y: b.y - (b.openTop ? OPEN_TOP_EXTENSION : 0), w: b.w, h: b.h + (b.openTop ? OPEN_TOP_EXTENSION : 0) };
  if (b.empty) {
    const l = scene.missingLabels.find((m) => m.index === index);
    const top = l ? l.y : b.y - 14;
    r = { x: b.x, y: top, w: b.w, h: b.y - top };
  }
  ctx.save();
  ctx.strokeStyle = FOCUS;
  ctx.lineWidth = 2;
  ctx.strokeRect(r.x - 3, r.y - 3, r.w + 6, r.h + 6);
  ctx.restore();
}
