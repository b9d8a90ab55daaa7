// annotate.js — where an annotation's text goes inside a plot.
//
// placeAnnotation({ text, target, plot, obstacles, measure, font }) →
//   { lines, font, x, y, w, h, align: 'right', leader: [[x, y], [x, y], …] }
//   target     {cx, top}: the point the annotation is about (top of its label)
//   obstacles  [{x, y, w, h}] the bars and labels it must not cover
// Tries text widths from half the plot down to a narrow column, right-
// aligned with the plot's right edge, then with the target; takes the first
// box inside the plot, above the target and clear of every obstacle, or the
// one with the least overlap. The leader runs from under the box down to
// just above the target.

import { lineHeight, overlaps } from './layout.js';
import { linesWidth, wrapText } from './labels.js';

export function placeAnnotation({ text, target, plot, obstacles, measure, font }) {
  const lh = lineHeight(font);
  const widths = [0.5, 0.42, 0.34, 0.26].map((f) => Math.max(90, Math.round(plot.w * f)));
  let best = null;
  let bestScore = Infinity;
  for (const maxW of widths) {
    const lines = wrapText(text, font, measure, maxW);
    const w = Math.ceil(linesWidth(lines, font, measure));
    const h = lines.length * lh;
    const rights = [plot.x + plot.w, Math.min(plot.x + plot.w, target.cx + w / 2)];
    for (const right of rights) {
      const box = { x: right - w, y: plot.y + 2, w, h };
      let score = 0;
      if (box.x < plot.x) score += 100;
      if (box.y + h + 10 > target.top) score += 50;
      for (const o of obstacles) if (overlaps(box, o, 3)) score += 10;
      if (score < bestScore) {
        bestScore = score;
        best = { lines, box };
      }
      if (score === 0) break;
    }
    if (bestScore === 0) break;
  }
  const { lines, box } = best;
  const lx = Math.max(box.x + 4, Math.min(box.x + box.w - 4, target.cx));
  const leader = lx === target.cx
    ? [[lx, box.y + box.h + 3], [lx, target.top - 4]]
    : [[lx, box.y + box.h + 3], [lx, box.y + box.h + 8], [target.cx, target.top - 4]];
  return { lines, font, x: box.x, y: box.y, w: box.w, h: box.h, align: 'right', leader, clear: bestScore === 0 };
}
