// chart/refs.js — resolving a ValueRef of a chart description
// (data/CHART_FORMAT.md, "ValueRef"): one figure a finding, an annotation or
// a reference bar names. Pure apart from the engine queries it is handed.
//
// A ValueRef is one of
//   panel form  {panel?, series?, pick, of?}: a figure from the DRAWN marks of
//               a panel (after its filters, range and mode); first/last by x,
//               max/min by y; `of` "y" (default: the mark's value) or "x"
//               (its x value). `panel` absent or null: the view's only chart.
//   table form  {table, filters?, column, approximate?, bound?, source?}: the
//               first row of `table` after `filters` (engine filters), its
//               `column`; the qualifier from the `approximate` (boolean) and
//               `bound` (string: "lower"/"upper") columns, the source id from
//               the `source` column.
// Both raw and normalised forms are read (an absent key and null alike).
//
// isTableRef(ref) → true for the table form (it has `table`).
// resolveRef(ref, { q, panels }) → Resolved | null (null = unresolved)
//   q(table, spec) → engine Frame (engine.query on the dataset's table):
//     used by the table form only
//   panels(id) → the drawn panel {marks, series} or null/undefined when the
//     view has no such panel drawn (another mode, unknown id). `id` is the
//     ref's panel id or null (a one-chart view). marks: the panel's marks
//     (core/marks.js: key, empty, value, x, category, approximate, bound,
//     sources) in x order (bars: group order; lines: sorted by x where x is a
//     number); series: [{key, value}] mapping a series value to the marks'
//     key (a view without series: one entry, value null). Empty marks
//     (gaps, withheld) are never picked; a panel with no drawn mark (or none
//     of the ref's series) leaves the ref unresolved; reference bars
//     (mark.reference, chart/reference.js) and projections are not drawn data.
//   Resolved: {
//     of       'y' (a figure) | 'x' (an x value: a period or category)
//     value    the number (of y) or the x value (number or string); never null
//     q        {approximate, bound} (bound 'lower'|'upper'|null)
//     sources  panel form: the mark's source entries; table form: []
//     source   table form: the source id from the `source` column (or null)
//     mark     panel form: the picked mark; table form: null
//     row      table form: the row; panel form: null
//   }
// resolveTableRef(q, ref) → the same for the table form only (no panels).
// Throws ModelError (core/frame.js) when the table form's column is not in
// the query's result (the engine's check rules that out for checked
// descriptions: a clear error, not a silent gap, for unchecked ones).

import { ModelError } from '../frame.js';
import { isNum, keyText } from './common.js';

const PICKS = ['first', 'last', 'max', 'min'];
const has = (o, k) => o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k) && o[k] !== null && o[k] !== undefined;

export function isTableRef(ref) {
  return has(ref, 'table');
}

function qualOfRow(row, ref) {
  const approximate = has(ref, 'approximate') ? row[ref.approximate] === true : false;
  const b = has(ref, 'bound') ? row[ref.bound] : null;
  const bound = b === 'lower' || b === 'upper' ? b : null;
  return { approximate: approximate || bound !== null, bound };
}

export function resolveTableRef(q, ref) {
  const filters = Array.isArray(ref.filters) ? ref.filters.map((f) => ({ ...f })) : [];
  const frame = q(ref.table, { filters });
  const names = new Set(frame.columns.map((c) => c.name));
  if (!names.has(ref.column)) throw new ModelError(`value reference: table '${ref.table}' has no column '${ref.column}'`);
  const row = frame.rows()[0];
  if (!row) return null;
  const value = row[ref.column];
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return null;
  const src = has(ref, 'source') ? row[ref.source] : null;
  return {
    of: 'y', value, q: qualOfRow(row, ref), sources: [], source: typeof src === 'string' ? src : null, mark: null, row,
  };
}

// first/last by x (a number x when every mark has one, else the marks'
// order), max/min by value; ties keep the earlier mark.
function pickMark(marks, pick) {
  if (marks.length === 0) return null;
  if (pick === 'first' || pick === 'last') {
    const byX = marks.every((m) => isNum(m.x));
    const list = byX ? marks.map((m, i) => ({ m, i })).sort((a, b) => a.m.x - b.m.x || a.i - b.i).map((e) => e.m) : marks;
    return pick === 'first' ? list[0] : list[list.length - 1];
  }
  let best = marks[0];
  for (const m of marks) if (pick === 'max' ? m.value > best.value : m.value < best.value) best = m;
  return best;
}

function resolvePanelRef(ref, panels) {
  if (!PICKS.includes(ref.pick)) return null;
  const panel = typeof panels === 'function' ? panels(has(ref, 'panel') ? ref.panel : null) : null;
  if (!panel || !Array.isArray(panel.marks)) return null;
  let marks = panel.marks.filter((m) => m && !m.empty && !m.withheld && !m.projected && !m.reference && isNum(m.value));
  if (has(ref, 'series')) {
    const s = (Array.isArray(panel.series) ? panel.series : []).find((e) => e.value !== null && keyText(e.value) === keyText(ref.series));
    if (!s) return null;
    marks = marks.filter((m) => m.key === s.key);
  }
  const mark = pickMark(marks, ref.pick);
  if (!mark) return null;
  const q = { approximate: Boolean(mark.approximate), bound: mark.bound === 'lower' || mark.bound === 'upper' ? mark.bound : null };
  if (ref.of === 'x') {
    const value = isNum(mark.x) ? mark.x : mark.category;
    if (value === null || value === undefined || value === '') return null;
    return { of: 'x', value, q: { approximate: false, bound: null }, sources: mark.sources ?? [], source: null, mark, row: null };
  }
  return { of: 'y', value: mark.value, q, sources: mark.sources ?? [], source: null, mark, row: null };
}

export function resolveRef(ref, { q, panels } = {}) {
  if (ref === null || typeof ref !== 'object') return null;
  if (isTableRef(ref)) {
    if (typeof q !== 'function') return null;
    return resolveTableRef(q, ref);
  }
  return resolvePanelRef(ref, panels);
}
