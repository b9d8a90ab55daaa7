// chart/bars.js — the marks of a bar or hbar view (core/chart-view.js).
//
// barsBody(ctx, view, q, w, drawn, visible, notes) → { marks, panel }
//   bar: a 'bars' panel, a group per x category (in the engine's x order)
//   with one mark per visible series and an empty slot where a category has
//   no value for a series (barGroups below); hbar: an 'hbars'
//   panel, a row per category (per category and series with a series),
//   largest value first, missing last (byValue).
//   drawn: the drawn series [{key, value, label, colour}]; visible their
//   keys not hidden. Without an aggregate, x must not repeat in a series.

import { referenceGroups } from './reference.js';
import { checkUnique, extentOf, keyText, mainRows, markOf, xCandidates, xTextOf } from './common.js';

// Groups bar marks by category. `rows` are in drawing order; `keys` the
// visible series in slot order; a key in `sparse` gets a slot only where it
// has a row, the others get a slot in every category where any non-sparse
// key has a row (an empty slot stays empty: gaps are never filled).
// make(row | null, key, category) → mark. Returns [{key, marks}].
function barGroups({ rows: list, categoryOf, keyOf, keys, sparse = [], make }) {
  const cats = [];
  const cell = new Map();
  for (const r of list) {
    const c = categoryOf(r);
    const k = keyOf(r);
    if (!keys.includes(k)) continue;
    if (!cats.includes(c)) cats.push(c);
    if (!cell.has(`${c}\u0000${k}`)) cell.set(`${c}\u0000${k}`, r);
  }
  const dense = keys.filter((k) => !sparse.includes(k));
  return cats.map((c) => {
    const has = (k) => cell.has(`${c}\u0000${k}`);
    const slotKeys = keys.filter((k) => (sparse.includes(k) ? has(k) : dense.some(has)));
    return { key: c, marks: slotKeys.map((k) => make(cell.get(`${c}\u0000${k}`) ?? null, k, c)) };
  });
}

// hbar rows in reading order: categories by their largest drawn value,
// largest first, categories with no value last (ties keep the engine's x
// order); within a category the series in legend order. Sorted in place.
function byValue(panelRows, drawn) {
  const best = new Map();
  panelRows.forEach((r, i) => {
    const c = keyText(r.mark.category);
    const b = best.get(c) ?? { v: -Infinity, at: i };
    if (!r.mark.empty && r.mark.value > b.v) b.v = r.mark.value;
    best.set(c, b);
  });
  const rank = (r) => best.get(keyText(r.mark.category));
  const sIndex = (r) => drawn.findIndex((s) => s.key === r.mark.key);
  panelRows.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return rb.v - ra.v || ra.at - rb.at;
    return sIndex(a) - sIndex(b);
  });
}

export function barsBody(ctx, view, q, w, drawn, visible, notes) {
  const rows = mainRows(ctx, view, q, drawn, w).filter((r) => r.x !== null && (q.series === null || r.s !== null));
  if (!q.aggregated) checkUnique(view, rows, w);
  const sOf = (r) => drawn.find((s) => s.value === r.s || (q.series === null)) ?? null;
  if (view.mark === 'hbar') {
    const panelRows = rows.filter((r) => visible.includes(sOf(r).key)).map((r) => {
      const s = sOf(r);
      const label = q.series ? `${xTextOf(ctx, w, r.x)} · ${s.label}` : xTextOf(ctx, w, r.x);
      const mark = markOf(ctx, w, {
        id: `${w.pid ?? 'hbars'}/${s.key}/${keyText(r.x)}`, panel: w.pid ?? 'hbars', kind: 'hbar', s, colour: s.colour, category: r.x, value: r.y, row: r,
      });
      mark.categoryText = label;
      return { key: `${s.key}/${keyText(r.x)}`, label, mark };
    });
    byValue(panelRows, drawn);
    const marks = panelRows.map((r) => r.mark);
    const ext = extentOf(marks);
    return {
      marks,
      panel: {
        id: w.pid ?? 'hbars', kind: 'hbars', unit: w.format, unitLabel: w.format ? undefined : w.unit, extent: { min: 0, max: ext.max }, rows: panelRows,
        noFigure: ctx.t.ui.noFigure, valueHead: w.yLabel,
      },
    };
  }
  const keys = drawn.filter((s) => visible.includes(s.key)).map((s) => s.key);
  // x.complete: only categories where every drawn series has a value
  const complete = view.x && view.x.complete === true;
  const sparseValues = view.series && Array.isArray(view.series.sparse) ? view.series.sparse.map(keyText) : [];
  const sparse = drawn.filter((s) => sparseValues.includes(keyText(s.value))).map((s) => s.key);
  let list = rows;
  if (complete) {
    const need = drawn.filter((s) => keys.includes(s.key));
    const ok = new Set([...new Set(rows.map((r) => keyText(r.x)))].filter((c) => need.every((s) => rows.some((r) => keyText(r.x) === c && sOf(r) === s && r.y !== null))));
    list = rows.filter((r) => ok.has(keyText(r.x)));
  }
  const catIndex = new Map();
  for (const r of list) if (!catIndex.has(keyText(r.x))) catIndex.set(keyText(r.x), catIndex.size);
  const groups = barGroups({
    rows: list, categoryOf: (r) => keyText(r.x), keyOf: (r) => sOf(r).key, keys, sparse,
    make: (row, key, cat) => {
      const s = drawn.find((d) => d.key === key);
      const x = row ? row.x : list.find((r) => keyText(r.x) === cat).x;
      return markOf(ctx, w, {
        id: `${w.pid ?? 'bars'}/${key}/${w.pid ? cat : catIndex.get(cat)}`, panel: w.pid ?? 'bars', kind: 'bar', s, colour: s.colour, category: x,
        value: row ? row.y : null, row,
      });
    },
  }).map((g) => ({ ...g, labels: g.marks.length ? xCandidates(ctx, w, g.marks[0].category) : [[g.key]] }));
  // reference bars (chart/reference.js) come first, as their own categories
  const ref = referenceGroups(ctx, view, w, drawn, visible);
  if (ref.missing.length) notes.push(w.c.referenceMissing(ref.missing));
  groups.unshift(...ref.groups);
  const marks = groups.flatMap((g) => g.marks);
  return {
    marks,
    panel: {
      id: w.pid ?? 'bars', kind: 'bars', unit: w.format, unitLabel: w.format ? undefined : w.unit || w.yLabel, extent: extentOf(marks), groups,
    },
  };
}
