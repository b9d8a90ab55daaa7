// model.js — the first chart's model, built from engine Frames.
//
// buildChartModel({ investment, extent, sources, seriesId }) takes
//   investment  Frame of the story series' rows (already filtered to
//               seriesId by the engine, in the period order to draw),
//               columns period, market, usd_bn, source (+ optional
//               approximate, bound, measure, also_sources);
//   extent      Frame with one row and number columns `max` and optionally
//               `min` (the engine's max/min of usd_bn over the same rows);
//   sources     Frame of the sources table (id, publisher, title, …).
// It returns a plain object (below) that owns copies of every value, so the
// Frames may be invalidated afterwards. Throws ModelError (frame.js) with a
// reader-facing sentence when a Frame lacks a column or has no rows.
//
// Slots: each period is a group. A market called "total" is an aggregate of
// the others and gets a slot only where it has a row. The other ("split")
// markets get a slot in every period that has any split value, and a slot
// without a row stays empty (value null): gaps are never filled in.
// Two rows for the same period and market keep the first one. A value whose
// sources are all rated low confidence is withheld (an empty slot that says
// why), per data rule 7.
//
// Returns { seriesId, max, min, series:[{key, colour, average, label}],
//   groups:[{period, average, labelCandidates, slots}], marks (all slots in
//   drawing order, each with .index), gaps:[{key, periods}], hasApproximate,
//   sources (credited sources, one per publisher, those behind a drawn value
//   first with primary: true, then corroborating ones; low confidence left
//   out) }.
// A slot is { key, period, empty, withheld, value, approximate, bound,
//   average, text (bar label), money (running text), qualifier, source,
//   also, index, colour }.

import { checkedRows, ModelError } from './frame.js';
import { formatMoney, formatValue, isValue } from './format.js';
import { seriesColour } from './palette.js';
import {
  averageLegend, errors, LOW_CONFIDENCE, marketLabel, NO_FIGURE, periodLabelCandidates, periodSpan, qualifierText,
} from './strings.js';

const TOTAL = 'total';
const KNOWN_ORDER = ['total', 'domestic', 'overseas'];
const AVERAGE_MEASURE = /\b(average|mean)\b/i;

function isAverageRow(row) {
  if (typeof row.measure === 'string' && row.measure !== '') return AVERAGE_MEASURE.test(row.measure);
  return periodSpan(row.period) !== null;
}

function sourceIndex(rows) {
  const byId = new Map();
  for (const r of rows) if (typeof r.id === 'string' && !byId.has(r.id)) byId.set(r.id, r);
  return byId;
}

function sourceEntry(byId, id) {
  const r = byId.get(id);
  if (!r) return { id, publisher: id, title: '', url: null, date: null, confidence: null };
  return {
    id,
    publisher: r.publisher ?? id,
    title: r.title ?? '',
    url: typeof r.url === 'string' ? r.url : null,
    date: r.date ?? null,
    confidence: r.confidence ?? null,
  };
}

function idList(v) {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
}

function marketOrder(markets) {
  const known = KNOWN_ORDER.filter((k) => markets.includes(k));
  return known.concat(markets.filter((k) => !KNOWN_ORDER.includes(k)));
}

function emptySlot(key, period, qualifier, withheld) {
  return {
    key, period, empty: true, withheld, value: null, approximate: false, bound: null, average: false,
    text: '', money: '', qualifier, source: null, also: [],
  };
}

// Data rule 7: a number whose only sources are rated low confidence is
// corroboration, not shown in the main view.
function onlyLowConfidence(row, byId) {
  const ids = [row.source, ...idList(row.also_sources)].filter((id) => typeof id === 'string');
  return ids.length > 0 && ids.every((id) => byId.get(id)?.confidence === 'low');
}

function makeSlot(key, period, row, byId) {
  if (!row || !isValue(row.usd_bn)) return emptySlot(key, period, NO_FIGURE, false);
  if (onlyLowConfidence(row, byId)) return emptySlot(key, period, LOW_CONFIDENCE, true);
  const q = { approximate: row.approximate === true, bound: row.bound === 'lower' || row.bound === 'upper' ? row.bound : null };
  const average = isAverageRow(row);
  const money = formatMoney(row.usd_bn, q);
  const also = idList(row.also_sources).filter((id) => id !== row.source).map((id) => sourceEntry(byId, id));
  return {
    key, period, empty: false, withheld: false, value: row.usd_bn, approximate: q.approximate || q.bound !== null, bound: q.bound, average,
    text: formatValue(row.usd_bn, q), money,
    qualifier: qualifierText({ average, approximate: q.approximate, bound: q.bound, period, money }),
    source: typeof row.source === 'string' ? sourceEntry(byId, row.source) : null,
    also,
  };
}

export function buildChartModel({ investment, extent, sources, seriesId }) {
  const rows = checkedRows(investment, 'investment',
    { period: 'string', market: 'string', usd_bn: 'number', source: 'string' },
    { approximate: 'boolean', bound: 'string', measure: 'string', also_sources: 'json' }, errors);
  if (rows.length === 0) throw new ModelError(errors.noRows('investment', seriesId));
  const extentRows = checkedRows(extent, 'investment', { max: 'number' }, { min: 'number' }, errors);
  const max = extentRows.length ? extentRows[0].max : null;
  const min = extentRows.length ? extentRows[0].min ?? null : null;
  const byId = sourceIndex(checkedRows(sources, 'sources', { id: 'string', publisher: 'string' },
    { title: 'string', url: 'string', confidence: 'string' }, errors));

  const periods = [];
  const cell = new Map();
  const seen = [];
  for (const r of rows) {
    if (typeof r.period !== 'string' || typeof r.market !== 'string') continue;
    if (!periods.includes(r.period)) periods.push(r.period);
    if (!seen.includes(r.market)) seen.push(r.market);
    const k = `${r.period}\u0000${r.market}`;
    if (!cell.has(k)) cell.set(k, r);
  }
  const markets = marketOrder(seen);
  const split = markets.filter((m) => m !== TOTAL);
  const extraIndex = new Map(markets.filter((m) => !KNOWN_ORDER.includes(m)).map((m, i) => [m, i]));

  const groups = [];
  const marks = [];
  for (const period of periods) {
    const keys = [];
    if (cell.has(`${period}\u0000${TOTAL}`)) keys.push(TOTAL);
    if (split.some((m) => cell.has(`${period}\u0000${m}`))) keys.push(...split);
    const slots = keys.map((key) => makeSlot(key, period, cell.get(`${period}\u0000${key}`), byId));
    for (const s of slots) {
      s.index = marks.length;
      s.colour = seriesColour(s.key, extraIndex.get(s.key) ?? 0);
      marks.push(s);
    }
    const filled = slots.filter((s) => !s.empty);
    const average = filled.length > 0 && filled.every((s) => s.average);
    groups.push({ period, average, labelCandidates: periodLabelCandidates(period, average), slots });
  }

  const series = markets.map((key) => {
    const avgPeriods = marks.filter((s) => s.key === key && s.average).map((s) => s.period);
    const onlyAverage = avgPeriods.length > 0 && marks.every((s) => s.key !== key || s.empty || s.average);
    return {
      key,
      colour: seriesColour(key, extraIndex.get(key) ?? 0),
      average: onlyAverage,
      label: onlyAverage ? averageLegend(key, avgPeriods) : marketLabel(key),
    };
  });

  const gaps = split
    .map((key) => ({ key, periods: marks.filter((s) => s.key === key && s.empty && !s.withheld).map((s) => s.period) }))
    .filter((g) => g.periods.length > 0);

  const credited = [];
  const credit = (src, primary) => {
    if (src.confidence === 'low' || credited.some((c) => c.publisher === src.publisher)) return;
    credited.push({ ...src, primary });
  };
  for (const s of marks) if (s.source) credit(s.source, true);
  for (const s of marks) for (const src of s.also) credit(src, false);

  return {
    seriesId,
    max: isValue(max) ? max : null,
    min: isValue(min) ? min : null,
    series,
    groups,
    marks,
    gaps,
    hasApproximate: marks.some((s) => s.approximate),
    sources: credited,
  };
}
