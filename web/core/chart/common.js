// chart/common.js — what the mark builders of a described view share
// (core/chart-view.js and chart/bars.js, lines.js, map.js, trend.js).
//
// isNum(v) → a finite number; keyText(v) → an x or series value as text
//   ('' for missing): the category key and the reader's text of it.
// markOf(ctx, w, {id, panel, kind, s, colour, x, category, value}) → a mark
//   (core/marks.js) with the description's unit after its value (w: the
//   view's texts, chart-view.js) and xText, the x as the table shows it.
//   The mark's valueText, label and exactText start as the full value
//   (every digit); readableTexts then sets valueText and label for reading.
// readableTexts(ctx, w, marks, {extent, log}) → sets each drawn mark's
//   valueText (tooltips, findings: 4 significant digits, whole numbers
//   whole) and label (on the chart: 3) through numbers.js readText, never
//   with fewer fraction digits than the engine's value-axis ticks over the
//   extent (ctx.ticks, when given; on a log axis the tick at or below the
//   value); exactText (the table) keeps every digit.
// mainRows(ctx, view, q, drawn, w) → [{x, s, y, q, src}] (q of a share step's
//   y: shareQual over its group's rows): the view's query (q:
//   chart/query.js viewQuery) for the drawn series; ModelError when y is
//   not a number column of the result.
// checkUnique(view, rows, w) → throws ModelError naming the first x that
//   repeats within a series (bars without an aggregate).
// extentOf(marks) → {min, max} of the drawn values (null, null for none).

import { ModelError } from '../frame.js';
import { makeMark, ratioQual, shareQual } from '../marks.js';
import { fractionDigits, fullText, periodCandidates, periodText, readText } from '../numbers.js';
import { idList } from '../provenance.js';
import { valueLabel } from './text.js';
import { seriesFilter } from './query.js';
import { groupQualifiers, groupSources } from './groups.js';

export const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
export const keyText = (v) => (v === null || v === undefined ? '' : String(v));

// A row's source entries (y.source with document provenance): the primary
// source and the corroborating ones ('also'), and whether every one of them
// is rated low confidence (the mark is then a withheld slot).
export function rowSources(ctx, row) {
  if (!row || !row.src) return { sources: [], also: [], low: false };
  // a group (chart/groups.js groupSources) carries its member rows' ids
  if (Array.isArray(row.src.ids)) {
    return { sources: row.src.ids.map((id) => ctx.prov.entry(id)), also: idList(row.src.also).map((id) => ctx.prov.entry(id)), low: false };
  }
  const primary = [row.src.id, row.src.den].filter((id, i, a) => typeof id === 'string' && a.indexOf(id) === i).map((id) => ctx.prov.entry(id));
  const also = idList(row.src.also).filter((id) => id !== row.src.id).map((id) => ctx.prov.entry(id));
  const all = [...primary, ...also];
  return { sources: primary, also, low: all.length > 0 && all.every((e) => e.confidence === 'low') };
}

// The text of an x value: a period (formatPeriod: "2024", zh "2024年") in a
// view with panels, else the value as text.
// With x.names, the value's reader name (chart/names.js).
export function xTextOf(ctx, w, v) {
  if (w.xNames && w.name) return w.name(w.xNames, v, ctx.locale);
  return w.periods ? periodText(ctx.locale, keyText(v)) : keyText(v);
}

// Group label candidates of a bar category (narrower ones for small widths).
export const xCandidates = (ctx, w, v) => (w.periods && !w.xNames ? periodCandidates(ctx.locale, keyText(v)) : [[xTextOf(ctx, w, v)]]);

export function markOf(ctx, w, { id, panel, kind, s, colour, x, category, value, row = null }) {
  const at = xTextOf(ctx, w, category);
  const src = rowSources(ctx, row);
  const m = makeMark(ctx, {
    id, panel, kind, key: s.key, category: keyText(category), categoryText: at, x: isNum(x) ? x : null,
    colour, seriesLabel: s.label, heading: s.value === null && !w.multi ? at : `${s.label}, ${at}`,
    value, unit: w.format, q: row && row.q ? row.q : undefined, derived: w.derived,
    withheld: src.low && !w.aggregated, sources: src.sources, also: src.also,
  });
  m.xText = at;
  if (!m.empty) {
    if (!w.format) m.valueText = valueLabel(fullText(ctx.locale, m.value, null), w.unit);
    m.exactText = w.format ? fullText(ctx.locale, m.value, w.format, row && row.q ? row.q : {}) : m.valueText;
    if (!w.format) m.label = m.valueText;
  }
  return m;
}

// The least fraction digits a value must keep so that it is never printed
// coarser than the engine's value-axis ticks over the extent (10 ticks, the
// most the axis draws): linear ticks share one step, so all of theirs; log
// ticks step by decades, so those of the tick at or below the value.
function tickDigits(ctx, { extent, log }) {
  if (typeof ctx.ticks !== 'function' || !extent || !isNum(extent.min) || !isNum(extent.max)) return () => 0;
  const lo = log ? extent.min : Math.min(0, extent.min);
  const hi = log ? extent.max : Math.max(0, extent.max);
  if (!(hi > lo) || (log && !(lo > 0))) return () => 0;
  const ticks = Array.from(ctx.ticks(lo, hi, 10, log ? { log: true } : undefined) ?? []).filter(isNum).sort((a, b) => a - b);
  if (!log) {
    const d = Math.max(0, ...ticks.map(fractionDigits));
    return () => d;
  }
  return (v) => {
    const below = ticks.filter((t) => t <= v);
    return fractionDigits(below.length ? below.at(-1) : ticks[0]);
  };
}

export function readableTexts(ctx, w, marks, opts = {}) {
  const minDigits = tickDigits(ctx, opts);
  if (w.format) return; // a unit code: the page's own formatting (core/numbers.js)
  for (const m of marks) {
    if (m.empty || m.projected || m.reference) continue; // a reference bar keeps the source's figure as written (chart/reference.js)
    const d = minDigits(m.value);
    m.valueText = valueLabel(readText(ctx.locale, m.value, { sig: 4, minDigits: d }), w.unit);
    m.label = valueLabel(readText(ctx.locale, m.value, { sig: 3, minDigits: d }), w.unit);
  }
}

// The rows of the drawn series, [x, series, y] each, from one query.
export function mainRows(ctx, view, q, drawn, w = {}) {
  // y from a ratio step, in a view with panels: the denominator's own rows
  // (1 by construction) are not drawn; each ratio's qualifier and sources
  // join its denominator's (a one-chart view draws every row, as before)
  const ratio = w.multi ? (Array.isArray(view.derive) ? view.derive : []).find((d) => d && d.op === 'ratio' && d.as === q.y) ?? null : null;
  const spec = { ...q.spec };
  if (q.series) {
    const values = drawn.map((s) => s.value);
    if (ratio && ratio.key === q.series) values.push(ratio.denominator);
    spec.filters = [...spec.filters, seriesFilter(q, values)];
  }
  const f = ctx.q(view.table, spec);
  const types = new Map(f.columns.map((c) => [c.name, c.type]));
  if (types.has(q.y) && types.get(q.y) !== 'number') {
    throw new ModelError(`view '${view.id}': y column '${q.y}' is ${types.get(q.y)}, not a number column`);
  }
  if (!types.has(q.y)) throw new ModelError(`view '${view.id}': the query gives no column '${q.y}'`);
  const y = view.y ?? {};
  const has = (c) => typeof c === 'string' && types.has(c);
  const approx = has(y.approximate) ? y.approximate : null;
  const bound = has(y.bound) ? y.bound : null;
  const source = view.source && has(view.source.column) ? view.source : null;
  const scale = y.percent === true ? 100 : 1;
  const groupQ = q.aggregated && (typeof y.approximate === 'string' || typeof y.bound === 'string') ? groupQualifiers(ctx, view, q) : null;
  const groupSrc = q.aggregated && view.source ? groupSources(ctx, view, q) : null;
  let all = f.rows();
  let denOf = () => null;
  if (ratio && typeof ratio.key === 'string') {
    const by = Array.isArray(ratio.by) ? ratio.by : [];
    const group = (r) => by.map((c) => keyText(r[c])).join('\u0000');
    const dens = new Map(all.filter((r) => keyText(r[ratio.key]) === keyText(ratio.denominator)).map((r) => [group(r), r]));
    denOf = (r) => dens.get(group(r)) ?? null;
    all = all.filter((r) => keyText(r[ratio.key]) !== keyText(ratio.denominator));
  }
  const qualOfRow = (row) => {
    const b = bound ? row[bound] : null;
    return { approximate: approx ? row[approx] === true : false, bound: b === 'lower' || b === 'upper' ? b : null };
  };
  // a share the engine derived: approximate when any member of its group is (core/marks.js shareQual)
  const share = (Array.isArray(view.derive) ? view.derive : []).find((d) => d && d.op === 'share' && d.as === q.y) ?? null;
  const shareBy = share && Array.isArray(share.by) ? share.by : [];
  const shareKey = (r) => shareBy.map((c) => keyText(r[c])).join('\u0000');
  const members = new Map();
  if (share && (approx || bound)) {
    for (const r of all) {
      if (!members.has(shareKey(r))) members.set(shareKey(r), []);
      members.get(shareKey(r)).push(qualOfRow(r));
    }
  }
  return all.map((row) => {
    const v = row[q.y];
    const out = { x: row[q.x], s: q.series ? row[q.series] : null, y: isNum(v) ? v * scale : v, q: null, src: null };
    const den = denOf(row);
    if (approx || bound) out.q = den ? ratioQual(qualOfRow(row), qualOfRow(den)) : share ? shareQual(members.get(shareKey(row))) : qualOfRow(row);
    if (source) {
      out.src = { id: row[source.column], also: has(source.also) ? row[source.also] : null };
      if (den && typeof den[source.column] === 'string') out.src.den = den[source.column];
    }
    // a group's qualifier from its member rows (chart/groups.js)
    if (groupQ) out.q = groupQ.get(`${keyText(out.x)}\u0000${q.series ? keyText(out.s) : ''}`) ?? null;
    if (groupSrc) out.src = groupSrc.get(`${keyText(out.x)}\u0000${q.series ? keyText(out.s) : ''}`) ?? null;
    return out;
  });
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
