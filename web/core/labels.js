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

// Two-line form of a label at its last space ("up to 21.8%" → ["up to",
// "21.8%"]) or after a Chinese qualifier ("约160" → ["约", "160"]), or null.
function split(text) {
  const i = text.lastIndexOf(' ');
  if (i > 0) return [text.slice(0, i), text.slice(i + 1)];
  const m = /^([\u4e00-\u9fff]+)([^\u4e00-\u9fff].*)$/.exec(text);
  return m ? [m[1], m[2]] : null;
}

function candidatesFor(text, below) {
  const two = split(text);
  const out = [{ lines: [text], font: FONTS.value }];
  if (below) out.push({ lines: [text], font: FONTS.value, below: true });
  if (two) out.push({ lines: two, font: FONTS.value });
  out.push({ lines: [text], font: FONTS.valueSmall });
  if (below) out.push({ lines: [text], font: FONTS.valueSmall, below: true });
  if (two) out.push({ lines: two, font: FONTS.valueSmall });
  return out;
}

// Places value labels above their marks. `items` are
// [{index, text, cx, top, bar:{x,y,w,h}, below?}] in drawing order;
// `bounds` the area {x, y, w, h}; `avoid` boxes no label may cover (e.g. the
// unit caption). Each label tries, in order: one line, (below the mark, for
// items with `below`), two lines, a smaller font, both; it takes the first
// that stays inside bounds and clear of every other mark, every avoided box
// and every label already placed. If none is clear it takes the one with
// the least overlap and is flagged `crowded`; with `drop`, crowded labels
// are left out (and do not block the labels after them).
// Returns [{index, x (centre), y (top), w, h, lines, font, crowded}].
export function placeValueLabels(items, measure, bounds, { gapPx = 3, avoid = [], drop = false } = {}) {
  const placed = [];
  const bars = items.map((it) => it.bar);
  for (const it of items) {
    let best = null;
    let bestScore = Infinity;
    for (const c of candidatesFor(it.text, it.below)) {
      const b = c.below
        ? { ...box(c.lines, c.font, measure, it.cx, 0), y: it.bar.y + it.bar.h + gapPx }
        : box(c.lines, c.font, measure, it.cx, it.top - gapPx);
      if (b.x < bounds.x) b.x = bounds.x;
      if (b.x + b.w > bounds.x + bounds.w) b.x = bounds.x + bounds.w - b.w;
      let score = b.y < bounds.y ? 1 + bounds.y - b.y : 0;
      if (b.y + b.h > bounds.y + bounds.h) score += 1;
      for (const a of avoid) if (overlaps(b, a, 2)) score += 1;
      for (const p of placed) if (overlaps({ x: p.x - p.w / 2, y: p.y, w: p.w, h: p.h }, b, 2)) score += 1;
      for (const other of bars) if (other !== it.bar && overlaps(b, other, 1)) score += 1;
      if (score < bestScore) {
        best = { index: it.index, x: b.x + b.w / 2, y: b.y, w: b.w, h: b.h, lines: c.lines, font: c.font, crowded: score > 0 };
        bestScore = score;
        if (score === 0) break;
      }
    }
    if (!(drop && best.crowded)) placed.push(best);
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

// CJK characters (and full-width punctuation) may break anywhere; a line
// never starts with closing punctuation.
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
const NO_START = /^[，。、：；！？）》”’%]/;

function tokens(text) {
  const out = [];
  let word = '';
  for (const ch of String(text)) {
    if (ch === ' ') {
      if (word) out.push(word);
      out.push(' ');
      word = '';
    } else if (CJK.test(ch)) {
      if (word) out.push(word);
      word = '';
      if (NO_START.test(ch) && out.length && out[out.length - 1] !== ' ') out[out.length - 1] += ch;
      else out.push(ch);
    } else {
      word += ch;
    }
  }
  if (word) out.push(word);
  return out;
}

// The most lines a label wraps to on the canvas: a longer text (a note
// pasted as a name, a hostile 100 KB label) ends in '…' on the last line,
// so it cannot push the chart to a height the canvas cannot have. The
// tooltip, the table and the notes give such text whole.
export const MAX_LINES = 6;

// Wraps `text` into lines no wider than maxWidth (a single word wider than
// that gets a line of its own); a '\n' in the text always breaks. At most
// maxLines lines: the last one kept ends in '…' (shortened to fit) when
// text was left out. Returns an array of strings (at least one).
export function wrapText(text, font, measure, maxWidth, maxLines = MAX_LINES) {
  const lines = wrapAll(String(text), font, measure, maxWidth, maxLines + 1);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(kept[maxLines - 1], font, measure, maxWidth);
  return kept;
}

// The longest start of `line` (whole code points) that fits maxWidth with
// '…' after it (at least one character).
function withEllipsis(line, font, measure, maxWidth) {
  const chars = Array.from(line.trimEnd());
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${chars.slice(0, mid).join('')}…`, font) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}

// All lines, stopping once `stop` lines are made.
function wrapAll(text, font, measure, maxWidth, stop) {
  const parts = text.split('\n');
  if (parts.length > 1) {
    const out = [];
    for (const p of parts) {
      if (out.length >= stop) break;
      out.push(...wrapAll(p, font, measure, maxWidth, stop - out.length));
    }
    return out;
  }
  const lines = [];
  let line = '';
  for (const t of tokens(text)) {
    if (t === ' ') {
      if (line) line += ' ';
      continue;
    }
    const next = line + t;
    if (line.trim() && measure(next, font) > maxWidth) {
      lines.push(line.trimEnd());
      if (lines.length >= stop) return lines;
      line = t;
    } else {
      line = next;
    }
  }
  if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

// Width of the widest line.
export function linesWidth(lines, font, measure) {
  return Math.max(0, ...lines.map((l) => measure(l, font)));
}
