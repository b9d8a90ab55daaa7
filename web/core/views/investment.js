// investment.js — view 1: Rhodium's announced investment at home and abroad
// (Aug 2025 report), in US$bn or as the share abroad.
//
// US$bn mode: grouped bars per period from the `investment` table, series
// STORY_SERIES only (the Feb 2024 Rhodium series is another dataset and is
// never drawn with it). The all-locations average gets a slot only where it
// has a row; home and abroad get a slot in every period that has either.
// The crossover year (indicator FIRST_YEAR) is annotated.
// Share mode: the engine's `share` derive over home + abroad, only for
// periods with both figures (engine count = 2); before them, the report's
// approximate pre-2024 home share (indicator PRE_2024) as its own bar,
// marked as an approximate figure, not a computed one.

import { makeMark, shareQual } from '../marks.js';
import { percentOf, periodText, qualOf, sentenceText } from '../numbers.js';
import { colourOf } from '../theme.js';
import {
  approxLegend, barGroups, choiceControl, gapNote, legendItem, periodCandidates, rows, sourcesOf, visibleKeys,
} from './common.js';

export const STORY_SERIES = 'rhodium_2025_zev_supply_chain';
const PRE_2024 = 'domestic_share_of_chinese_ev_supply_chain_investment_pre_2024';
const FIRST_YEAR = 'first_year_overseas_exceeds_domestic';
const KEYS = ['total', 'domestic', 'overseas'];
const SPLIT = ['domestic', 'overseas'];
const ROLE = { total: 'neutral', domestic: 0, overseas: 1 };
const AVERAGE = /\b(average|mean)\b/i;
const COLUMNS = { period: 'string', market: 'string', usd_bn: 'number', source: 'string' };
const OPTIONAL = { approximate: 'boolean', bound: 'string', measure: 'string', also_sources: 'json' };

export const defaults = Object.freeze({ mode: 'usd', hidden: [] });

const series = [{ column: 'series', eq: STORY_SERIES }];

function indicator(ctx, name) {
  const f = ctx.q('indicators', { filters: [{ column: 'name', eq: name }] });
  return rows(ctx, f, 'indicators', { name: 'string', value: 'number' }, { year: 'number', source: 'string' })[0] ?? null;
}

function isAverage(row) {
  return typeof row.measure === 'string' && AVERAGE.test(row.measure);
}

function usdMark(ctx, v, row, key, period) {
  const src = row ? sourcesOf(ctx, row) : { sources: [], also: [] };
  const spec = {
    id: `bars/${key}/${period}`, panel: 'bars', kind: 'bar', key, category: period,
    colour: colourOf(ctx.theme, ROLE[key]), seriesLabel: v.short[key],
    heading: `${v.short[key]}, ${periodText(ctx.locale, period)}`,
    value: row ? row.usd_bn : null, unit: 'usd_bn', q: qualOf(row), withheld: row ? ctx.prov.onlyLow(row) : false, ...src,
  };
  const mark = makeMark(ctx, spec);
  if (row && isAverage(row) && !mark.empty) {
    const rest = mark.approximate ? `${ctx.t.ui.sep}${mark.qualifier}` : '';
    mark.qualifier = `${ctx.t.ui.q.average(periodText(ctx.locale, period))}${rest}`;
  }
  return mark;
}

function markets(ctx) {
  const f = ctx.q('investment', { filters: series, groupBy: ['market'], aggregates: [{ op: 'count', as: 'n' }] });
  const present = rows(ctx, f, 'investment', { market: 'string' }).map((r) => r.market);
  return KEYS.filter((k) => present.includes(k));
}

function finding(ctx, v) {
  const byYear = (market, desc) => rows(ctx, ctx.q('investment', {
    filters: [...series, { column: 'market', eq: market }, { column: 'year', range: [null, null] }],
    sort: [{ column: desc ? 'usd_bn' : 'year', desc: true }],
  }), 'investment', COLUMNS, OPTIONAL)[0];
  const peak = byYear('domestic', true);
  const last = byYear('domestic', false);
  const abroad = byYear('overseas', false);
  if (!peak || !last || !abroad || abroad.period !== last.period) return '';
  const first = indicator(ctx, FIRST_YEAR);
  const money = (r) => sentenceText(ctx.locale, r.usd_bn, 'usd_bn', qualOf(r));
  const p = (r) => periodText(ctx.locale, r.period);
  const args = { peak: money(peak), peakYear: p(peak), last: money(last), lastYear: p(last), abroad: money(abroad) };
  return first && String(first.year) === last.period ? v.finding(args) : v.findingPlain(args);
}

function annotation(ctx, v, marks) {
  const first = indicator(ctx, FIRST_YEAR);
  if (!first || first.year === null) return null;
  const target = marks.find((m) => m.key === 'overseas' && m.category === String(first.year) && !m.empty);
  if (!target) return null;
  return { markId: target.id, text: v.annotation(periodText(ctx.locale, String(first.year))), sources: [ctx.prov.entry(first.source)] };
}

function buildUsd(ctx, v, present) {
  const keys = visibleKeys(ctx, present);
  const filters = [...series, { column: 'market', in: keys }];
  const list = rows(ctx, ctx.q('investment', { filters, sort: [{ column: 'period' }] }), 'investment', COLUMNS, OPTIONAL);
  const ext = rows(ctx, ctx.q('investment', {
    filters,
    aggregates: [{ op: 'max', column: 'usd_bn', as: 'max' }, { op: 'min', column: 'usd_bn', as: 'min' }],
  }), 'investment', { max: 'number', min: 'number' })[0];
  const groups = barGroups({
    rows: list, categoryOf: (r) => r.period, keyOf: (r) => r.market, keys, sparse: ['total'],
    make: (row, key, period) => usdMark(ctx, v, row, key, period),
  }).map((g) => {
    const avg = g.marks.length > 0 && g.marks.every((m) => m.empty || isAverage(list.find((r) => r.period === g.key && r.market === m.key) ?? {}));
    const full = periodText(ctx.locale, g.key);
    const cands = avg ? [[full, v.average], [periodCandidates(ctx.locale, g.key).at(-1)[0], v.avg]] : periodCandidates(ctx.locale, g.key);
    return { ...g, labels: cands, average: avg };
  });
  const marks = groups.flatMap((g) => g.marks);
  const avgPeriods = groups.filter((g) => g.average).map((g) => periodText(ctx.locale, g.key));
  const notes = [
    ...SPLIT.map((k) => gapNote(ctx, v.gapName[k], marks.filter((m) => m.key === k))),
    avgPeriods.length ? v.averageNote(ctx.t.ui.list(avgPeriods)) : '',
  ];
  return {
    panels: [{
      id: 'bars', kind: 'bars', unit: 'usd_bn', extent: { min: ext ? ext.min : null, max: ext ? ext.max : null },
      groups, annotation: annotation(ctx, v, marks), keyLabels: v.short,
    }],
    notes,
    legendLabel: (k) => (k === 'total' ? v.seriesAverage(ctx.t.ui.list(avgPeriodsAll(ctx))) : v.series[k]),
    finding: finding(ctx, v),
  };
}

function avgPeriodsAll(ctx) {
  const list = rows(ctx, ctx.q('investment', { filters: [...series, { column: 'market', eq: 'total' }], sort: [{ column: 'period' }] }),
    'investment', COLUMNS, OPTIONAL);
  return list.filter(isAverage).map((r) => periodText(ctx.locale, r.period));
}

function buildShare(ctx, v) {
  const split = [...series, { column: 'market', in: SPLIT }];
  const counts = rows(ctx, ctx.q('investment', {
    filters: split, groupBy: ['period'], aggregates: [{ op: 'count', column: 'usd_bn', as: 'n' }], sort: [{ column: 'period' }],
  }), 'investment', { period: 'string', n: 'number' });
  const both = counts.filter((r) => r.n === SPLIT.length).map((r) => r.period);
  const shares = both.length === 0 ? [] : rows(ctx, ctx.q('investment', {
    filters: [...split, { column: 'period', in: both }],
    derive: [{ op: 'share', column: 'usd_bn', by: ['period'], as: 'share' }],
    sort: [{ column: 'period' }],
  }), 'investment', { ...COLUMNS, share: 'number' }, OPTIONAL);
  const keys = visibleKeys(ctx, SPLIT);
  const groups = [];
  const pre = indicator(ctx, PRE_2024);
  if (pre && keys.includes('domestic')) {
    const q = qualOf(pre);
    const m = makeMark(ctx, {
      id: 'bars/domestic/before', panel: 'bars', kind: 'bar', key: 'domestic', category: 'before', categoryText: v.before,
      colour: colourOf(ctx.theme, ROLE.domestic), seriesLabel: v.shareSeries.domestic,
      heading: `${v.shareSeries.domestic}, ${v.before}`, value: pre.value, unit: 'percent', q,
      withheld: ctx.prov.onlyLow(pre), ...sourcesOf(ctx, pre),
    });
    if (!m.empty) m.qualifier = `${v.indicatorQ}: ${m.valueText}`;
    groups.push({ key: 'before', labels: [[v.before]], marks: [m] });
  }
  for (const period of both) {
    const members = shares.filter((r) => r.period === period);
    const q = shareQual(members.map(qualOf));
    const marks = keys.map((key) => {
      const row = members.find((r) => r.market === key);
      const src = sourcesOf(ctx, row);
      const others = members.filter((r) => r !== row).map((r) => ctx.prov.entry(r.source));
      return makeMark(ctx, {
        id: `bars/${key}/${period}`, panel: 'bars', kind: 'bar', key, category: period,
        colour: colourOf(ctx.theme, ROLE[key]), seriesLabel: v.shareSeries[key],
        heading: `${v.shareSeries[key]}, ${periodText(ctx.locale, period)}`,
        value: percentOf(row.share), unit: 'percent', q, derived: true,
        withheld: members.some((r) => ctx.prov.onlyLow(r)), sources: [...src.sources, ...others], also: src.also,
      });
    });
    if (marks.length) groups.push({ key: period, labels: periodCandidates(ctx.locale, period), marks });
  }
  const marks = groups.flatMap((g) => g.marks);
  const last = both.at(-1);
  const abroad = shares.find((r) => r.period === last && r.market === 'overseas');
  const finding = abroad && pre ? v.findingShare({
    year: periodText(ctx.locale, last),
    abroad: sentenceText(ctx.locale, percentOf(abroad.share), 'percent', shareQual(shares.filter((r) => r.period === last).map(qualOf))),
    before: sentenceText(ctx.locale, pre.value, 'percent', qualOf(pre)),
  }) : '';
  return {
    panels: [{ id: 'bars', kind: 'bars', unit: 'percent', fixed: [0, 100], groups, annotation: annotation(ctx, v, marks), keyLabels: v.short }],
    notes: [both.length ? v.shareNote(ctx.t.ui.list(both.map((p) => periodText(ctx.locale, p)))) : ''],
    legendLabel: (k) => v.shareSeries[k],
    finding,
  };
}

export function build(ctx) {
  const v = ctx.t.views.investment;
  const present = markets(ctx);
  const share = ctx.state.mode === 'share';
  const body = share ? buildShare(ctx, v) : buildUsd(ctx, v, present);
  const legendKeys = share ? SPLIT.filter((k) => present.includes(k)) : present;
  const marks = body.panels.flatMap((p) => p.groups.flatMap((g) => g.marks));
  return {
    id: 'investment',
    title: v.title,
    definition: v.definition,
    finding: body.finding,
    controls: [choiceControl('mode', v.mode, v.modes, share ? 'share' : 'usd')],
    legend: [
      ...legendKeys.map((k) => legendItem(ctx, k, body.legendLabel(k), ROLE[k], 'bar')),
      ...(marks.some((m) => m.approximate) ? [approxLegend(ctx)] : []),
    ],
    panels: body.panels,
    notes: [...body.notes, marks.some((m) => m.approximate) ? ctx.t.ui.approxNote : '', v.otherSeriesNote].filter(Boolean),
    credit: v.credit,
    extraSources: body.panels[0].annotation ? body.panels[0].annotation.sources : [],
  };
}
