// europe.js — view 5: Chinese direct investment in the EU and UK (Rhodium
// Group & MERICS), with Hungary's share of the EV-related part.
//
// Bars: all completed Chinese FDI and its greenfield part per year (grouped,
// never stacked: greenfield is part of the total), over the selected years.
// Second panel: Hungary's share of Chinese EV-related FDI into Europe, from
// the `destinations` rows of scope HUNGARY_SCOPE (a share the source gives,
// not one computed here). A trend projection (the `trend` control,
// core/projection-model.js) extends the total from its own points in the
// selected years (greenfield has too few points to fit).

import { makeMark } from '../marks.js';
import { periodText, qualOf, sentenceText } from '../numbers.js';
import { colourOf } from '../theme.js';
import { trendDefaults, trendLayer, withExtent } from '../projection-model.js';
import {
  approxLegend, barGroups, gapNote, legendItem, periodCandidates, rangeControl, rows, sourcesOf, visibleKeys,
  yearRange, yearsOf,
} from './common.js';

const TOTAL = 'merics_rhodium_chinese_fdi_europe_total';
const GREENFIELD = 'merics_rhodium_chinese_greenfield_europe';
const HUNGARY = 'hungary';
const HUNGARY_SCOPE = 'Chinese EV-related FDI into Europe';
const BARS = [TOTAL, GREENFIELD];
const ROLE = { [TOTAL]: 0, [GREENFIELD]: 2, [HUNGARY]: 1 };
const COLUMNS = { series_id: 'string', value: 'number', source: 'string' };
const OPTIONAL = { year: 'number', period: 'string', approximate: 'boolean', bound: 'string', also_sources: 'json' };

export const defaults = Object.freeze({ hidden: [], from: null, to: null, ...trendDefaults });

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
      heading: `${v.series[key]}, ${periodText(ctx.locale, year)}`, value: row ? row.value : null, unit: 'eur_bn',
      q: qualOf(row), withheld: row ? ctx.prov.onlyLow(row) : false, ...(row ? sourcesOf(ctx, row) : {}),
    }),
  }).map((g) => ({ ...g, labels: periodCandidates(ctx.locale, g.key) }));
  const trend = trendLayer(ctx, {
    panel: 'bars', unit: 'eur_bn', from, to, lastYear: to,
    series: keys.filter((k) => k === TOTAL).map((key) => ({
      key, label: v.series[key], colour: colourOf(ctx.theme, ROLE[key]),
      rows: list.filter((r) => r.series_id === key && !ctx.prov.onlyLow(r)),
    })),
    sourcesOf: (r) => sourcesOf(ctx, r),
  });
  const panel = {
    id: 'bars', kind: 'bars', title: v.barsTitle, unit: 'eur_bn', weight: 2.2,
    extent: withExtent({ min: ext ? ext.min : null, max: ext ? ext.max : null }, trend), groups, keyLabels: v.keys,
  };
  if (trend.overlay) panel.projection = trend.overlay;
  return { panel, trend };
}

function hungaryPanel(ctx, v) {
  const list = rows(ctx, ctx.q('destinations', {
    filters: [{ column: 'scope', eq: HUNGARY_SCOPE }, { column: 'iso3', eq: 'HUN' }], sort: [{ column: 'period' }],
  }), 'destinations', { period: 'string', share_pct: 'number', source: 'string' }, { approximate: 'boolean', also_sources: 'json' });
  const shown = visibleKeys(ctx, [HUNGARY]).length > 0;
  const label = v.series[HUNGARY];
  const groups = !shown ? [] : list.filter((r) => r.share_pct !== null).map((r) => ({
    key: r.period,
    labels: periodCandidates(ctx.locale, r.period),
    marks: [makeMark(ctx, {
      id: `hungary/${HUNGARY}/${r.period}`, panel: 'hungary', kind: 'bar', key: HUNGARY, category: r.period,
      colour: colourOf(ctx.theme, ROLE[HUNGARY]), seriesLabel: label,
      heading: `${label}, ${periodText(ctx.locale, r.period)}`, value: r.share_pct, unit: 'percent', q: qualOf(r),
      withheld: ctx.prov.onlyLow(r), ...sourcesOf(ctx, r),
    })],
  }));
  return { panel: { id: 'hungary', kind: 'bars', title: v.hungaryTitle, unit: 'percent', fixed: [0, 100], groups, weight: 1 }, list };
}

function finding(ctx, v, from, to, hungary) {
  const total = rows(ctx, ctx.q('series_points', {
    filters: [{ column: 'series_id', eq: TOTAL }, { column: 'year', range: [from, to] }], sort: [{ column: 'year' }],
  }), 'series_points', COLUMNS, OPTIONAL);
  if (total.length < 2) return '';
  const first = total[0];
  const last = total[total.length - 1];
  const args = {
    first: sentenceText(ctx.locale, first.value, 'eur_bn', qualOf(first)), firstYear: periodText(ctx.locale, String(first.year)),
    last: sentenceText(ctx.locale, last.value, 'eur_bn', qualOf(last)), lastYear: periodText(ctx.locale, String(last.year)),
  };
  const h = hungary.filter((r) => r.share_pct !== null).at(-1);
  if (!h) return v.findingNoShare(args);
  return v.finding({ ...args, hungary: sentenceText(ctx.locale, h.share_pct, 'percent', qualOf(h)), hungaryYear: periodText(ctx.locale, h.period) });
}

export function build(ctx) {
  const v = ctx.t.views.europe;
  const years = yearsOf(ctx, 'series_points', [{ column: 'series_id', in: BARS }]);
  const [from, to] = yearRange(years, ctx.state.from, ctx.state.to);
  const { panel: bars, trend } = barsPanel(ctx, v, from, to);
  const hungary = hungaryPanel(ctx, v);
  const marks = [...bars.groups.flatMap((g) => g.marks), ...hungary.panel.groups.flatMap((g) => g.marks)];
  const approx = marks.some((m) => m.approximate);
  return {
    id: 'europe',
    title: v.title,
    definition: v.definition,
    finding: [finding(ctx, v, from, to, hungary.list), ...trend.sentences].filter(Boolean).join(ctx.t.ui.sep),
    controls: [...(years.length > 2 ? [rangeControl(ctx, years, from, to)] : []), trend.control],
    legend: [
      ...BARS.map((k) => legendItem(ctx, k, v.series[k], ROLE[k], 'bar')),
      legendItem(ctx, HUNGARY, v.series[HUNGARY], ROLE[HUNGARY], 'bar'),
      ...(approx ? [approxLegend(ctx)] : []),
      ...(trend.legend ? [trend.legend] : []),
    ],
    panels: [bars, hungary.panel],
    notes: [
      ...BARS.map((k) => gapNote(ctx, v.gapName[k], marks.filter((m) => m.key === k))),
      v.vintageNote,
      approx ? ctx.t.ui.approxNote : '',
      ...trend.notes,
    ].filter(Boolean),
    credit: v.credit,
  };
}
