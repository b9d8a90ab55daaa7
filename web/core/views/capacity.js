// capacity.js — view 2: spare capacity at home next to NEV output.
//
// Left (or top on a phone): 2023 capacity utilisation of EV assembly and
// battery plants in China (series UTIL) as bars on a 0–100% track. Right:
// CAAM NEV production and sales per year as lines, linear or logarithmic,
// over the selected years (engine filter on `year`). Lines break where a year
// has no row; a lone point is a dot. A trend projection (the `trend`
// control, core/projection-model.js) extends each visible line from its own
// points in the selected years.

import { makeMark } from '../marks.js';
import { periodText, qualOf, sentenceText } from '../numbers.js';
import { colourOf } from '../theme.js';
import { trendDefaults, trendLayer, withExtent } from '../projection-model.js';
import {
  approxLegend, choiceControl, legendItem, rangeControl, rows, sourcesOf, visibleKeys, yearRange, yearsOf,
} from './common.js';

const UTIL = 'china_domestic_capacity_utilisation_scmp';
const PRODUCTION = 'caam_nev_production';
const SALES = 'caam_nev_sales';
const LINES = [PRODUCTION, SALES];
const ROLE = { [PRODUCTION]: 0, [SALES]: 1, util: 2 };
const DASH = { [PRODUCTION]: null, [SALES]: [6, 4] };
const COLUMNS = { series_id: 'string', value: 'number', source: 'string' };
const OPTIONAL = { year: 'number', period: 'string', approximate: 'boolean', bound: 'string', also_sources: 'json', segment: 'string' };

export const defaults = Object.freeze({ scale: 'linear', hidden: [], from: null, to: null, ...trendDefaults });

function utilPanel(ctx, v) {
  const list = rows(ctx, ctx.q('series_points', {
    filters: [{ column: 'series_id', eq: UTIL }], sort: [{ column: 'value', desc: true }],
  }), 'series_points', COLUMNS, OPTIONAL);
  const segName = (s) => v.segments[s] ?? ctx.name(ctx.locale, 'segment', s);
  const panelRows = list.map((r) => {
    const label = segName(r.segment);
    const mark = makeMark(ctx, {
      id: `util/${r.segment}`, panel: 'util', kind: 'hbar', key: 'util', category: r.period, categoryText: label,
      colour: colourOf(ctx.theme, ROLE.util), seriesLabel: v.utilTitle,
      heading: `${label}, ${periodText(ctx.locale, r.period)}`, value: r.value, unit: 'percent', q: qualOf(r),
      withheld: ctx.prov.onlyLow(r), ...sourcesOf(ctx, r),
    });
    return { key: r.segment, label, mark };
  });
  return { panel: { id: 'util', kind: 'hbars', title: v.utilTitle, unit: 'percent', fixed: [0, 100], track: true, rows: panelRows, weight: 1, noFigure: ctx.t.ui.noFigure }, list };
}

function linesPanel(ctx, v, from, to, years) {
  const keys = visibleKeys(ctx, LINES);
  const filters = [{ column: 'series_id', in: keys }, { column: 'year', range: [from, to] }];
  const list = rows(ctx, ctx.q('series_points', { filters, sort: [{ column: 'year' }] }), 'series_points', COLUMNS, OPTIONAL);
  const ext = rows(ctx, ctx.q('series_points', {
    filters, aggregates: [{ op: 'min', column: 'value', as: 'min' }, { op: 'max', column: 'value', as: 'max' }],
  }), 'series_points', { min: 'number', max: 'number' })[0];
  const series = keys.map((key) => ({
    key,
    label: v.series[key],
    colour: colourOf(ctx.theme, ROLE[key]),
    dash: DASH[key],
    marks: list.filter((r) => r.series_id === key).map((r) => makeMark(ctx, {
      id: `lines/${key}/${r.year}`, panel: 'lines', kind: 'point', key, category: String(r.year), x: r.year,
      colour: colourOf(ctx.theme, ROLE[key]), seriesLabel: v.series[key],
      heading: `${v.series[key]}, ${periodText(ctx.locale, String(r.year))}`, value: r.value, unit: 'vehicles', q: qualOf(r),
      withheld: ctx.prov.onlyLow(r), ...sourcesOf(ctx, r),
    })),
  }));
  const trend = trendLayer(ctx, {
    panel: 'lines', unit: 'vehicles', from, to, lastYear: to,
    series: series.map((s) => ({ ...s, rows: list.filter((r) => r.series_id === s.key && !ctx.prov.onlyLow(r)) })),
    sourcesOf: (r) => sourcesOf(ctx, r),
  });
  const xs = years.filter((y) => y >= from && y <= to);
  const panel = {
    id: 'lines', kind: 'lines', title: v.linesTitle, unit: 'vehicles', weight: 2, scale: ctx.state.scale === 'log' ? 'log' : 'linear',
    extent: withExtent({ min: ext ? ext.min : null, max: ext ? ext.max : null }, trend),
    xs: [...xs, ...trend.years.filter((y) => !xs.includes(y))], series, dots: false, labels: false,
  };
  if (trend.overlay) panel.projection = trend.overlay;
  return { panel, trend };
}

function finding(ctx, v, util, from, to) {
  const pct = (seg) => util.find((r) => r.segment === seg);
  const assembly = pct('EV assembly');
  const battery = pct('battery');
  if (!assembly || !battery) return '';
  const base = {
    assembly: sentenceText(ctx.locale, assembly.value, 'percent', qualOf(assembly)),
    battery: sentenceText(ctx.locale, battery.value, 'percent', qualOf(battery)),
    year: periodText(ctx.locale, assembly.period),
  };
  const prod = rows(ctx, ctx.q('series_points', {
    filters: [{ column: 'series_id', eq: PRODUCTION }, { column: 'year', range: [from, to] }], sort: [{ column: 'year' }],
  }), 'series_points', COLUMNS, OPTIONAL);
  if (prod.length < 2) return v.findingNoLines(base);
  const first = prod[0];
  const last = prod[prod.length - 1];
  return v.finding({
    ...base,
    first: sentenceText(ctx.locale, first.value, 'vehicles', qualOf(first)), firstYear: periodText(ctx.locale, String(first.year)),
    last: sentenceText(ctx.locale, last.value, 'vehicles', qualOf(last)), lastYear: periodText(ctx.locale, String(last.year)),
  });
}

export function build(ctx) {
  const v = ctx.t.views.capacity;
  const years = yearsOf(ctx, 'series_points', [{ column: 'series_id', in: LINES }]);
  const [from, to] = yearRange(years, ctx.state.from, ctx.state.to);
  const util = utilPanel(ctx, v);
  const { panel: lines, trend } = linesPanel(ctx, v, from, to, years);
  const marks = [...util.panel.rows.map((r) => r.mark), ...lines.series.flatMap((s) => s.marks)];
  const approx = marks.some((m) => m.approximate);
  return {
    id: 'capacity',
    title: v.title,
    definition: v.definition,
    finding: [finding(ctx, v, util.list, from, to), ...trend.sentences].filter(Boolean).join(ctx.t.ui.sep),
    controls: [
      choiceControl('scale', v.scale, v.scales, lines.scale),
      ...(years.length > 2 ? [rangeControl(ctx, years, from, to)] : []),
      trend.control,
    ],
    legend: [
      ...LINES.map((k) => ({ ...legendItem(ctx, k, v.series[k], ROLE[k], 'line'), dash: DASH[k] })),
      ...(approx ? [approxLegend(ctx)] : []),
      ...(trend.legend ? [trend.legend] : []),
    ],
    panels: [util.panel, lines],
    notes: [v.salesNote, lines.scale === 'log' ? v.logNote : '', approx ? ctx.t.ui.approxNote : '', ...trend.notes].filter(Boolean),
    credit: v.credit,
  };
}
