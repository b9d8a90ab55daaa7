// labels.js — where text goes, so no two labels collide.
//
// `measure(text, font)` returns a width in CSS px (the page passes the
// canvas's measureText; tests pass a fake). Boxes are {x, y, w, h} with y
// the top edge. Nothing here draws.

import { FONTS, lineHeight, overlaps } from './layout.js';

function box(lines, font, measure, cx, bottom) {
  const w = Math.max(...lines.map((l) => measure(l, font)));
  const h = lines.length * lineHeight(font);
  return { x: cx - w / 2, y: bottom - h, w, h };
}

// Two-line form of a label at its first space ("over 90" → ["over", "90"]),
// or null for a single word.
function split(text) {
  const i = text.indexOf(' ');
  return i > 0 ? [text.slice(0, i), text.slice(i + 1)] : null;
}

function candidatesFor(text) {
  const two = split(text);
  const out = [{ lines: [text], font: FONTS.value }];
  if (two) out.push({ lines: two, font: FONTS.value });
  out.push({ lines: [text], font: FONTS.valueSmall });
  if (two) out.push({ lines: two, font: FONTS.valueSmall });
  return out;
}

// Places value labels above their bars. `items` are
// [{index, text, cx, top, bar:{x,y,w,h}}] in drawing order; `bounds` is the
// canvas {x, y, w, h}. Each label tries, in order: one line, two lines, a
// smaller font, both; it takes the first that stays inside bounds and clear
// of every other bar and every label already placed. If none is clear it
// takes the one with the least overlap and is flagged `crowded`.
// Returns [{index, x (centre), y (top), w, h, lines, font, crowded}].
export function placeValueLabels(items, measure, bounds, gapPx = 3) {
  const placed = [];
  const bars = items.map((it) => it.bar);
  for (const it of items) {
    let best = null;
    let bestScore = Infinity;
    for (const c of candidatesFor(it.text)) {
      const b = box(c.lines, c.font, measure, it.cx, it.top - gapPx);
      if (b.x < bounds.x) b.x = bounds.x;
      if (b.x + b.w > bounds.x + bounds.w) b.x = bounds.x + bounds.w - b.w;
      let score = b.y < bounds.y ? 1 + bounds.y - b.y : 0;
      for (const p of placed) if (overlaps(b, p, 2)) score += 1;
      for (const other of bars) if (other !== it.bar && overlaps(b, other, 1)) score += 1;
      if (score < bestScore) {
        best = { index: it.index, x: b.x + b.w / 2, y: b.y, w: b.w, h: b.h, lines: c.lines, font: c.font, crowded: score > 0 };
        bestScore = score;
        if (score === 0) break;
      }
    }
    placed.push(best);
  }
  return placed;
}

// Chooses, per group, the first label candidate (array of lines) whose
// widest line fits the band with 4 px to spare, trying the category font
// then the smaller one; falls back to the last candidate in the small font.
// `groups` are [{cx, w, candidates}]; `top` is the y of the first line's top.
// Returns [{x (centre), y (top), w, h, lines, font}].
export function placeCategoryLabels(groups, measure, top) {
  return groups.map((g) => {
    const tries = [];
    for (const font of [FONTS.category, FONTS.categorySmall]) for (const lines of g.candidates) tries.push({ lines, font });
    const fit = tries.find((t) => Math.max(...t.lines.map((l) => measure(l, t.font))) <= g.w - 4) ?? tries[tries.length - 1];
    const w = Math.max(...fit.lines.map((l) => measure(l, fit.font)));
    return { x: g.cx, y: top, w, h: fit.lines.length * lineHeight(fit.font), lines: fit.lines, font: fit.font };
  });
}
