// common.js — helpers shared by the view builders.
//
// A view builder is build(ctx) → view model (see core/viewmodel.js), where
// ctx = { q(tableName, spec) → Frame (engine.query on the dataset's table),
// locale, t (copy), theme, prov (provenance.js), name (i18n makeNamer),
// state (this view's state) }. Builders only read Frames and compose text;
// every number comes from a query.

import { checkedRows } from '../frame.js';
import { colourOf } from '../theme.js';
import { idList } from '../provenance.js';
import { periodText } from '../numbers.js';

export { periodCandidates } from '../numbers.js';

// Rows of a Frame after checking its columns ({name: type}); throws
// ModelError with a reader-facing sentence.
export function rows(ctx, frame, table, required, optional = {}) {
  return checkedRows(frame, table, required, optional, ctx.t.errors);
}

// The distinct years (ascending) of `table` rows matching `filters`.
export function yearsOf(ctx, table, filters, column = 'year') {
  const f = ctx.q(table, { filters, groupBy: [column], aggregates: [{ op: 'count', as: 'n' }], sort: [{ column }] });
  return rows(ctx, f, table, { [column]: 'number' }).map((r) => r[column]).filter((y) => y !== null);
}

// The selected [from, to] within `years` (the state's, clamped; the full
// span when unset or out of range). Returns [null, null] for no years.
export function yearRange(years, from, to) {
  if (years.length === 0) return [null, null];
  const lo = years[0];
  const hi = years[years.length - 1];
  let a = Number.isInteger(from) && from >= lo && from <= hi ? from : lo;
  let b = Number.isInteger(to) && to >= lo && to <= hi ? to : hi;
  if (a > b) [a, b] = [b, a];
  return [a, b];
}

// A range control over `years`.
export function rangeControl(ctx, years, from, to) {
  return {
    kind: 'range',
    id: 'range',
    label: ctx.t.ui.range,
    fromLabel: ctx.t.ui.from,
    toLabel: ctx.t.ui.to,
    years,
    from,
    to,
    yearText: years.map((y) => periodText(ctx.locale, String(y))),
  };
}

// A choice control (a group of toggle buttons).
export function choiceControl(id, label, options, value) {
  return { kind: 'choice', id, label, value, options: Object.entries(options).map(([v, l]) => ({ value: v, label: l })) };
}

// The source entries of a row: { sources: [primary], also: [others] }.
export function sourcesOf(ctx, row) {
  const primary = typeof row.source === 'string' ? [ctx.prov.entry(row.source)] : [];
  const also = idList(row.also_sources).filter((id) => id !== row.source).map((id) => ctx.prov.entry(id));
  return { sources: primary, also };
}

// A legend entry. shape: 'bar' | 'line' | 'dot'; toggle: a button that
// shows or hides the series.
export function legendItem(ctx, key, label, role, shape, toggle = true) {
  const hidden = ctx.state.hidden ?? [];
  return { key, label, colour: colourOf(ctx.theme, role), shape, toggle, pressed: !hidden.includes(key) };
}

// The key to hatching, as a legend entry that is not a button.
export function approxLegend(ctx) {
  return { key: 'approximate', label: ctx.t.ui.approxKey, colour: ctx.theme.muted, shape: 'hatch', toggle: false, pressed: true };
}

export const visibleKeys = (ctx, keys) => keys.filter((k) => !(ctx.state.hidden ?? []).includes(k));

// "No overseas figure for 2022 and 2023: …" for the empty slots of a series.
export function gapNote(ctx, name, marks) {
  const periods = marks.filter((m) => m.empty && !m.withheld).map((m) => periodText(ctx.locale, m.category));
  return periods.length ? ctx.t.ui.gap(name, ctx.t.ui.list(periods)) : '';
}

// Groups bar marks by category. `rows` are in drawing order; `keys` the
// visible series in slot order; a key in `sparse` gets a slot only where it
// has a row, the others get a slot in every category where any non-sparse
// key has a row (an empty slot stays empty: gaps are never filled).
// make(row | null, key, category) → mark. Returns [{key, marks}].
export function barGroups({ rows: list, categoryOf, keyOf, keys, sparse = [], make }) {
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
