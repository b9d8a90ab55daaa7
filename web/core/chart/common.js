// chart/common.js — what the mark builders of a described view share
// (core/chart-view.js and chart/bars.js, lines.js, map.js, trend.js).
//
// isNum(v) → a finite number; keyText(v) → an x or series value as text
//   ('' for missing): the category key and the reader's text of it.
// markOf(ctx, w, {id, panel, kind, s, colour, x, category, value}) → a mark
//   (core/marks.js) with the description's unit after its value (w: the
//   view's texts, chart-view.js) and xText, the x as the table shows it.
// mainRows(ctx, view, q, drawn) → [{x, s, y}]: the view's query (q:
//   chart/query.js viewQuery) for the drawn series; ModelError when y is
//   not a number column of the result.
// checkUnique(view, rows, w) → throws ModelError naming the first x that
//   repeats within a series (bars without an aggregate).
// extentOf(marks) → {min, max} of the drawn values (null, null for none).

import { ModelError } from '../frame.js';
import { makeMark } from '../marks.js';
import { fullText, shortText } from '../numbers.js';
import { valueLabel } from './text.js';
import { seriesFilter } from './query.js';

export const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
export const keyText = (v) => (v === null || v === undefined ? '' : String(v));

export function markOf(ctx, w, { id, panel, kind, s, colour, x, category, value }) {
  const at = keyText(category);
  const m = makeMark(ctx, {
    id, panel, kind, key: s.key, category: keyText(category), categoryText: at, x: isNum(x) ? x : null,
    colour, seriesLabel: s.label, heading: s.value === null ? at : `${s.label}, ${at}`,
    value, unit: null, qualifier: '', sources: [],
  });
  m.xText = at;
  if (!m.empty) {
    m.valueText = valueLabel(fullText(ctx.locale, m.value, null), w.unit);
    m.label = valueLabel(shortText(ctx.locale, m.value, null), w.unit);
  }
  return m;
}

// The rows of the drawn series, [x, series, y] each, from one query.
export function mainRows(ctx, view, q, drawn) {
  const spec = { ...q.spec };
  if (q.series) spec.filters = [...spec.filters, seriesFilter(q, drawn.map((s) => s.value))];
  const f = ctx.q(view.table, spec);
  const types = new Map(f.columns.map((c) => [c.name, c.type]));
  if (types.has(q.y) && types.get(q.y) !== 'number') {
    throw new ModelError(`view '${view.id}': y column '${q.y}' is ${types.get(q.y)}, not a number column`);
  }
  if (!types.has(q.y)) throw new ModelError(`view '${view.id}': the query gives no column '${q.y}'`);
  return f.rows().map((row) => ({ x: row[q.x], s: q.series ? row[q.series] : null, y: row[q.y] }));
}

export function checkUnique(view, rows, w) {
  const seen = new Set();
  for (const r of rows) {
    const k = `${keyText(r.s)}\u0000${keyText(r.x)}`;
    if (seen.has(k)) {
      throw new ModelError(`view '${view.id}': a ${view.mark} without an aggregate needs one row per category; '${keyText(r.x)}' (${w.xLabel}) repeats${r.s === null ? '' : ` in series '${keyText(r.s)}'`}`);
    }
    seen.add(k);
  }
}

export function extentOf(marks) {
  const vals = marks.filter((m) => !m.empty).map((m) => m.value);
  return vals.length ? { min: Math.min(...vals), max: Math.max(...vals) } : { min: null, max: null };
}
