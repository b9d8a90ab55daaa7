// exports.js — view 3: CAAM vehicle exports, all and NEV, with the NEV share.
//
// Bars: all vehicle exports and NEV exports per year (grouped, never stacked:
// one is part of the other). Points: the NEV share of exports, the engine's
// `ratio` derive (NEV ÷ all, per year); its qualifier follows from both
// inputs (marks.js ratioQual). CPCA counts appear only in a footnote, for
// years where both associations give a figure and they differ; a CPCA
// figure whose only source is low confidence says so there. A trend
// projection (the `trend` control, core/projection-model.js) extends each
// visible bar series from its own CAAM points in the selected years.

import { makeMark, ratioQual } from '../marks.js';
import { percentOf, periodText, qualOf, sentenceText } from '../numbers.js';
import { colourOf } from '../theme.js';
import { trendDefaults, trendLayer, withExtent } from '../projection-model.js';
import {
  approxLegend, barGroups, gapNote, legendItem, periodCandidates, rangeControl, rows, sourcesOf, visibleKeys,
  yearRange, yearsOf,
} from './common.js';

const TOTAL = 'caam_vehicle_exports_total';
const NEV = 'caam_nev_exports';
const CPCA = 'cpca_nev_exports';
const SHARE = 'nev_share';
const BARS = [TOTAL, NEV];
const ROLE = { [TOTAL]: 'neutral', [NEV]: 2, [SHARE]: 0 };
const COLUMNS = { series_id: 'string', value: 'number', source: 'string' };
const OPTIONAL = { year: 'number', period: 'string', approximate: 'boolean', bound: 'string', also_sources: 'json', scope: 'string' };

export const defaults = Object.freeze({ hidden: [], from: null, to: null, ...trendDefaults });

const byYear = (list, id, year) => list.find((r) => r.series_id === id && r.year === year);

function barsPanel(ctx, v, from, to) {
  const keys = visibleKeys(ctx, BARS);
  const filters = [{ column: 'series_id', in: keys }, { column: 'year', range: [from, to] }];
  const list = rows(ctx, ctx.q('series_points', { filters, sort: [{ column: 'year' }] }), 'series_points', COLUMNS, OPTIONAL);
  const ext = rows(ctx, ctx.q('series_points', {
    filters, aggregates: [{ op: 'max', column: 'value', as: 'max' }, { op: 'min', column: 'value', as: 'min' }],
  }), 'series_points', { max: 'number', min: 'number' })[0];
  const groups = barGroups({
    rows: list, categoryOf: (r) => String(r.year), keyOf: (r) => r.series_id, keys,
    make: (row, key, year) => makeMark(ctx, {
      id: `bars/${key}/${year}`, panel: 'bars', kind: 'bar', key, category: year,
      colour: colourOf(ctx.theme, ROLE[key]), seriesLabel: v.series[key],
      heading: `${v.series[key]}, ${periodText(ctx.locale, year)}`, value: row ? row.value : null, unit: 'vehicles',
      q: qualOf(row), withheld: row ? ctx.prov.onlyLow(row) : false, ...(row ? sourcesOf(ctx, row) : {}),
    }),
  }).map((g) => ({ ...g, labels: periodCandidates(ctx.locale, g.key) }));
  const trend = trendLayer(ctx, {
    panel: 'bars', unit: 'vehicles', from, to, lastYear: to,
    series: keys.map((key) => ({
      key, label: v.series[key], colour: colourOf(ctx.theme, ROLE[key]),
      rows: list.filter((r) => r.series_id === key && !ctx.prov.onlyLow(r)),
    })),
    sourcesOf: (r) => sourcesOf(ctx, r),
  });
  const panel = {
    id: 'bars', kind: 'bars', title: v.barsTitle, unit: 'vehicles', weight: 2,
    extent: withExtent({ min: ext ? ext.min : null, max: ext ? ext.max : null }, trend), groups, labelFirst: NEV, keyLabels: v.keys,
  };
  if (trend.overlay) panel.projection = trend.overlay;
  return { panel, trend };
}

function sharePanel(ctx, v, from, to, years) {
  const list = rows(ctx, ctx.q('series_points', {
    filters: [{ column: 'series_id', in: BARS }, { column: 'year', range: [from, to] }],
    derive: [{ op: 'ratio', column: 'value', by: ['year'], key: 'series_id', denominator: TOTAL, as: 'ratio' }],
    sort: [{ column: 'year' }],
  }), 'series_points', { ...COLUMNS, ratio: 'number' }, OPTIONAL);
  const shown = visibleKeys(ctx, [SHARE]).length > 0;
  const marks = !shown ? [] : list.filter((r) => r.series_id === NEV && r.ratio !== null).map((r) => {
    const den = byYear(list, TOTAL, r.year);
    const src = sourcesOf(ctx, r);
    return makeMark(ctx, {
      id: `share/${SHARE}/${r.year}`, panel: 'share', kind: 'point', key: SHARE, category: String(r.year), x: r.year,
      colour: colourOf(ctx.theme, ROLE[SHARE]), seriesLabel: v.series[SHARE],
      heading: `${v.series[SHARE]}, ${periodText(ctx.locale, String(r.year))}`, value: percentOf(r.ratio), unit: 'percent',
      q: ratioQual(qualOf(r), qualOf(den)), derived: true,
      withheld: ctx.prov.onlyLow(r) || ctx.prov.onlyLow(den),
      sources: [...src.sources, ctx.prov.entry(den.source)], also: src.also,
    });
  });
  return {
    panel: {
      id: 'share', kind: 'lines', title: v.shareTitle, unit: 'percent', fixed: [0, 100], scale: 'linear', weight: 1.2,
      xs: years.filter((y) => y >= from && y <= to),
      series: [{ key: SHARE, label: v.series[SHARE], colour: colourOf(ctx.theme, ROLE[SHARE]), marks }], dots: true, labels: true,
    },
    list,
  };
}

function cpcaNote(ctx, v) {
  const cpca = rows(ctx, ctx.q('series_points', { filters: [{ column: 'series_id', eq: CPCA }], sort: [{ column: 'year' }] }),
    'series_points', COLUMNS, OPTIONAL);
  if (cpca.length === 0) return '';
  const caam = rows(ctx, ctx.q('series_points', {
    filters: [{ column: 'series_id', eq: NEV }, { column: 'year', in: cpca.map((r) => r.year) }],
  }), 'series_points', COLUMNS, OPTIONAL);
  const parts = [];
  for (const r of cpca) {
    const c = caam.find((x) => x.year === r.year);
    if (!c || c.value === r.value) continue;
    const low = ctx.prov.onlyLow(r);
    const scope = [r.scope && /passenger/i.test(r.scope) ? v.cpcaPassenger : '', low ? v.cpcaLow : ''].filter(Boolean);
    parts.push(v.cpca({
      year: periodText(ctx.locale, String(r.year)),
      cpca: sentenceText(ctx.locale, r.value, 'vehicles', qualOf(r)),
      caam: sentenceText(ctx.locale, c.value, 'vehicles', qualOf(c)),
      scope: scope.join(ctx.locale === 'zh' ? '；' : '; '),
    }));
  }
  return parts.length ? `${v.cpcaLead}${parts.join(ctx.locale === 'zh' ? '；' : '; ')}${ctx.locale === 'zh' ? '。' : '.'}` : '';
}

function finding(ctx, v, from, to, share) {
  const nev = rows(ctx, ctx.q('series_points', {
    filters: [{ column: 'series_id', eq: NEV }, { column: 'year', range: [from, to] }], sort: [{ column: 'year' }],
  }), 'series_points', COLUMNS, OPTIONAL);
  if (nev.length < 2) return '';
  const first = nev[0];
  const last = nev[nev.length - 1];
  const args = {
    first: sentenceText(ctx.locale, first.value, 'vehicles', qualOf(first)), firstYear: periodText(ctx.locale, String(first.year)),
    last: sentenceText(ctx.locale, last.value, 'vehicles', qualOf(last)), lastYear: periodText(ctx.locale, String(last.year)),
  };
  const r = byYear(share, NEV, last.year);
  const den = byYear(share, TOTAL, last.year);
  if (!r || r.ratio === null || !den) return v.findingNoShare(args);
  return v.finding({ ...args, share: sentenceText(ctx.locale, percentOf(r.ratio), 'percent', ratioQual(qualOf(r), qualOf(den))) });
}

export function build(ctx) {
  const v = ctx.t.views.exports;
  const years = yearsOf(ctx, 'series_points', [{ column: 'series_id', in: BARS }]);
  const [from, to] = yearRange(years, ctx.state.from, ctx.state.to);
  const { panel: bars, trend } = barsPanel(ctx, v, from, to);
  const share = sharePanel(ctx, v, from, to, years);
  const marks = [...bars.groups.flatMap((g) => g.marks), ...share.panel.series[0].marks];
  const approx = marks.some((m) => m.approximate);
  return {
    id: 'exports',
    title: v.title,
    definition: v.definition,
    finding: [finding(ctx, v, from, to, share.list), ...trend.sentences].filter(Boolean).join(ctx.t.ui.sep),
    controls: [...(years.length > 2 ? [rangeControl(ctx, years, from, to)] : []), trend.control],
    legend: [
      ...BARS.map((k) => legendItem(ctx, k, v.series[k], ROLE[k], 'bar')),
      legendItem(ctx, SHARE, v.series[SHARE], ROLE[SHARE], 'dot'),
      ...(approx ? [approxLegend(ctx)] : []),
      ...(trend.legend ? [trend.legend] : []),
    ],
    panels: [bars, share.panel],
    stack: true,
    notes: [
      ...BARS.map((k) => gapNote(ctx, v.gapName[k], marks.filter((m) => m.key === k))),
      marks.some((m) => m.derived && m.bound === 'upper') ? v.boundNote : '',
      approx ? ctx.t.ui.approxNote : '',
      cpcaNote(ctx, v),
      ...trend.notes,
    ].filter(Boolean),
    credit: v.credit,
  };
}
