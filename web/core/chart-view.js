// chart-view.js — the general renderer's view builder: ONE view of a chart
// description (data/CHART_FORMAT.md, `ev-chart/1`) → a view model with the
// story's contract (core/viewmodel.js), so the same shell draws it.
//
// buildChartView(ctx, view) → view model (before finishView)
//   ctx   { q(table, spec) → Frame (engine.query on the dataset's table),
//           decimate(table, spec) → Frame (engine.decimate on it),
//           trend?(xy, opts) (engine.trend), locale (a description locale),
//           defaultLocale (the description's first), t (core/copy.js copy
//           for the UI language), theme, prov (provenance.js; only its
//           credit() is used: described marks carry no source ids),
//           state ({hidden: series keys, scale: 'linear'|'log'}),
//           ticks?(lo, hi, count, opts) (engine.ticks: values are never printed
//           with fewer fraction digits than the value axis' ticks),
//           width? (the canvas width in CSS px; lines with more points than
//           that are decimated; default 800), geo? (map views: null while
//           the world shapes load, {error}, or {points}: app/map-shapes.js) }
//   The model's widthDependent is true when a line was decimated: a host
//   builds it again when the canvas width changes.
//   view  one normalised view of a description (engine.checkChart's output)
// Marks: bar → a 'bars' panel (a group per x category in x order, one mark
// per drawn series, an empty slot where a category has no value for a
// series); hbar → an 'hbars' panel (a row per category, or per category and
// series); line → a 'lines' panel with general number x (one series per
// series value; gaps where y is missing); point → the same panel drawn as
// dots only, at most MAX_POINTS of them (above that none, and the note,
// the empty chart and the finding say how many and suggest an aggregate:
// chart/lines.js) (chart/bars.js, chart/lines.js); map → a 'map' panel of circles
// (chart/map.js); a line's `trend` → the projection overlay (chart/trend.js).
// Series keys are 's0'…'s11' (series order: `series.order` first,
// then the engine's sort); at most 12 are drawn, the rest named in a note.
// finding (the text alternative): bar, hbar and point name the highest and
// lowest drawn value; line says how each series went from its first to its
// last drawn value ("Production rose from 78,500 in 2014 to 16,626,000 in
// 2025" when x is a year-like whole number 1000–2999, else "… from 0 (x = 3)
// to …"). Numbers a reader sees are rounded for reading (chart/common.js
// readableTexts); the table ("The numbers") keeps every digit.
// hbar rows are ordered by value, largest first, missing last (with a
// series: categories by their largest value, series in legend order within);
// bar groups keep the x order.
// Every number comes from the engine's Frames; the builder only picks and
// formats them. Throws ModelError (core/frame.js) for a bar or hbar without
// an aggregate whose x repeats within a series.

import { ModelError } from './frame.js';
import { colourOf } from './theme.js';
import { barsBody } from './chart/bars.js';
import { extentOf, isNum, keyText, readableTexts } from './chart/common.js';
import { linesBody } from './chart/lines.js';
import { mapBody } from './chart/map.js';
import { countSpec, seriesSpec, viewQuery } from './chart/query.js';
import { chartCopy, textOf } from './chart/text.js';
import { applyChoices, choiceControls, withChoice } from './chart/choices.js';
import { detailModel } from './chart/detail.js';
import { mapControls } from './chart/map-colour.js';
import { trendLayerOf } from './chart/trend.js';

export const MAX_SERIES = 12;

function texts(ctx, view) {
  const tx = (T) => textOf(T, ctx.locale, ctx.defaultLocale);
  const c = chartCopy(ctx.locale);
  const y = view.y ?? {};
  const unit = tx(y.unit);
  return {
    c,
    tx,
    unit,
    xLabel: tx(view.x?.label) || view.x?.column || view.map?.key || '',
    yLabel: tx(y.label) || y.column || (y.aggregate === 'count' ? 'count' : c.value),
    seriesLabel: view.series ? tx(view.series.label) || view.series.column : c.series,
  };
}

// The series drawn: [{key, value, label}] (≤ MAX_SERIES) and the names of
// those left out.
function seriesOf(ctx, view, q, w) {
  if (!q.series) return { list: [{ key: 's0', value: null, label: w.yLabel }], rest: [] };
  const rows = ctx.q(view.table, seriesSpec(view)).rows();
  const values = rows.map((r) => r[q.series]).filter((v) => v !== null);
  const order = Array.isArray(view.series.order) ? view.series.order.map(String) : [];
  const ordered = [
    ...order.map((o) => values.find((v) => keyText(v) === o)).filter((v) => v !== undefined),
    ...values.filter((v) => !order.includes(keyText(v))),
  ];
  const labels = view.series.labels ?? {};
  const label = (v) => w.tx(Object.prototype.hasOwnProperty.call(labels, keyText(v)) ? labels[keyText(v)] : null) || keyText(v);
  const list = ordered.slice(0, MAX_SERIES).map((value, i) => ({ key: `s${i}`, value, label: label(value) }));
  const rest = ordered.slice(MAX_SERIES).map(label);
  return { list, rest };
}

function noteCounts(ctx, view, q, w, lineLike) {
  const r = ctx.q(view.table, countSpec(view, q)).rows()[0] ?? {};
  const notes = [];
  const n = r.ev_n ?? 0;
  if (isNum(r.ev_nx) && n - r.ev_nx > 0) notes.push(w.c.missingX(n - r.ev_nx, w.xLabel));
  if (isNum(r.ev_ny) && n - r.ev_ny > 0) {
    notes.push(lineLike && !q.aggregated ? w.c.missingYGap(n - r.ev_ny, w.yLabel) : w.c.missingYLeft(n - r.ev_ny, w.yLabel));
  }
  if (isNum(r.ev_ns) && n - r.ev_ns > 0) notes.push(w.c.missingSeries(n - r.ev_ns, w.seriesLabel));
  return notes;
}

function logFilter(ctx, marks, log, w, notes) {
  if (!log) return;
  let n = 0;
  for (const m of marks) {
    if (!m.empty && m.value <= 0) {
      n += 1;
      m.empty = true;
      m.value = null;
      m.label = '';
      m.valueText = '';
      m.qualifier = ctx.t.ui.noFigure;
    }
  }
  if (n) notes.push(w.c.logLeftOut(n));
}

function annotate(view, w, panel, marks, notes) {
  const list = Array.isArray(view.annotations) ? view.annotations : [];
  for (const a of list) {
    const text = w.tx(a.text);
    const at = marks.filter((m) => !m.empty && m.category === keyText(a.x));
    const target = isNum(a.y) ? at.find((m) => m.value === a.y) ?? at[0] : at[0];
    if (target && !panel.annotation && panel.kind !== 'hbars') panel.annotation = { markId: target.id, text };
    else notes.push(w.c.annotation(keyText(a.x), text));
  }
}

function finding(ctx, view, w, body) {
  const shown = body.marks.filter((m) => !m.empty);
  if (shown.length === 0) return body.emptyText ?? '';
  const at = (m) => (body.many ? w.c.inSeries(m.xText, m.seriesLabel) : m.xText);
  if (view.mark !== 'line') {
    if (shown.length === 1) return w.c.single({ value: shown[0].valueText, at: at(shown[0]) });
    let hi = shown[0];
    let lo = shown[0];
    for (const m of shown) {
      if (m.value > hi.value) hi = m;
      if (m.value < lo.value) lo = m;
    }
    // every mark that ties with the highest or lowest value is named (up to 4)
    const all = (v) => w.c.tied(shown.filter((m) => m.value === v.value).map(at));
    return w.c.highLow({ high: hi.valueText, highAt: all(hi), low: lo.valueText, lowAt: all(lo) });
  }
  return body.panel.series.map((s) => {
    const pts = s.marks.filter((m) => !m.empty);
    if (pts.length === 0) return '';
    const first = pts[0];
    const last = pts[pts.length - 1];
    if (first === last) return w.c.single({ value: first.valueText, at: `${s.label}, ${first.categoryText}` });
    const years = [first.x, last.x].every((x) => Number.isInteger(x) && x >= 1000 && x <= 2999);
    const dir = Math.sign(last.value - first.value);
    return w.c.change({
      series: s.label, first: first.valueText, firstAt: first.categoryText, last: last.valueText, lastAt: last.categoryText, dir, years, x: w.xLabel,
    });
  }).filter(Boolean).join(w.c.sep);
}

// extra: more columns [{head, cell(mark) → {text, value?}}] (the map's colour
// column, the counts of y.counts), after the value (and interval) columns.
function tableOf(ctx, w, q, marks, extra = []) {
  const interval = marks.some((m) => m.projected);
  const head = [w.xLabel, ...(q.series ? [w.seriesLabel] : []), w.unit ? `${w.yLabel} (${w.unit})` : w.yLabel,
    ...(interval ? [ctx.t.trend.intervalHead] : []), ...extra.map((e) => e.head)];
  return {
    head,
    rows: marks.map((m) => ({
      id: m.id,
      projected: Boolean(m.projected),
      cells: [
        { text: m.projected ? m.categoryText : m.xText, header: true },
        ...(q.series ? [{ text: m.seriesLabel }] : []),
        { text: m.empty ? '–' : m.exactText ?? m.valueText, value: m.value },
        ...(interval ? [m.projected ? { text: m.interval, data: { lo: m.lo, hi: m.hi } } : { text: '' }] : []),
        ...extra.map((e) => e.cell(m)),
      ],
    })),
  };
}

// a source id → {publisher, low} through the page's provenance (ctx.prov)
function sourceEntry(ctx) {
  if (!ctx.prov || typeof ctx.prov.entry !== 'function') return undefined;
  return (id) => {
    const e = ctx.prov.entry(id);
    return e ? { publisher: e.publisher, low: e.confidence === 'low' } : null;
  };
}

function extraColumns(ctx, w, body) {
  const extra = [];
  if (body.colourLabel) {
    const byMark = new Map((body.circles ?? []).map((c) => [c.mark, c.colourText]));
    extra.push({ head: body.colourLabel, cell: (m) => ({ text: byMark.get(m) ?? '' }) });
  }
  if (body.panel.countHead) {
    const byMark = new Map((body.panel.rows ?? []).map((r) => [r.mark, r.count]));
    extra.push({ head: body.panel.countHead, cell: (m) => ({ text: byMark.get(m) ?? '', value: m.count ?? null }) });
  }
  return extra;
}

export function buildChartView(ctx, described) {
  const view = withChoice(described, ctx.state);
  if (view.mark === 'map' && view.series) throw new ModelError(`view '${view.id}': a map with a series is not drawn by this renderer yet`);
  const w = texts(ctx, view);
  const q = viewQuery(view);
  const state = ctx.state ?? {};
  const hidden = Array.isArray(state.hidden) ? state.hidden : [];
  const { list, rest } = seriesOf(ctx, view, q, w);
  const drawn = list.map((s, i) => ({ ...s, colour: colourOf(ctx.theme, i) }));
  const visible = drawn.map((s) => s.key).filter((k) => !hidden.includes(k));
  const lineLike = view.mark === 'line' || view.mark === 'point';
  const notes = [...noteCounts(ctx, view, q, w, lineLike)];
  if (rest.length) notes.push(w.c.moreSeries(rest.length, rest));
  let body;
  if (view.mark === 'map') body = mapBody(ctx, view, q, w, notes, state);
  else if (lineLike) body = linesBody(ctx, view, q, w, drawn, visible, notes);
  else body = barsBody(ctx, view, q, w, drawn, visible, notes);
  body.many = Boolean(q.series);
  applyChoices(ctx, view, q, w, body, state);
  const logAllowed = view.y?.scale === 'log' && view.mark !== 'hbar' && view.mark !== 'map';
  const scale = logAllowed && state.scale !== 'linear' ? 'log' : 'linear';
  if (body.panel.kind === 'bars' || body.panel.kind === 'lines') body.panel.scale = scale;
  logFilter(ctx, body.marks, scale === 'log', w, notes);
  if (scale === 'log') body.panel.extent = extentOf(body.marks);
  readableTexts(ctx, w, body.marks, { extent: body.panel.extent, log: scale === 'log' });
  const trend = lineLike ? trendLayerOf(ctx, view, w, body.panel, notes) : null;
  annotate(view, w, body.panel, body.marks, notes);
  for (const n of Array.isArray(view.notes) ? view.notes : []) notes.push(w.tx(n));
  const tableMarks = body.panel.kind === 'lines'
    ? body.panel.series.flatMap((s) => [...s.marks, ...(trend && trend.marks ? trend.marks.filter((m) => m.key === s.key) : [])])
    : body.marks;
  const detail = detailModel(ctx, view, q, w, body, state, { nameOf: ctx.nameOf, sourceOf: sourceEntry(ctx) });
  const shape = view.mark === 'line' ? 'line' : view.mark === 'point' ? 'dot' : 'bar';
  const sources = (Array.isArray(view.sources) ? view.sources : []).map((s) => ({ name: w.tx(s.name), url: typeof s.url === 'string' ? s.url : null }));
  return {
    id: view.id,
    title: w.tx(view.title),
    definition: w.tx(view.subtitle),
    finding: [finding(ctx, view, w, body), ...(trend ? trend.sentences : [])].filter(Boolean).join(w.c.sep),
    controls: [...(logAllowed ? [{
      kind: 'choice', id: 'scale', label: w.c.scale, value: scale,
      options: [{ value: 'linear', label: w.c.scales.linear }, { value: 'log', label: w.c.scales.log }],
    }] : []), ...choiceControls(described, state, w.tx, w.c), ...(view.mark === 'map' ? mapControls(view, state, w.tx, w.c) : [])],
    legend: [
      ...(body.legend ?? []),
      ...(q.series ? drawn.map((s) => ({ key: s.key, label: s.label, colour: s.colour, shape, toggle: true, pressed: !hidden.includes(s.key) })) : []),
      ...(trend && trend.legend ? [trend.legend] : []),
    ],
    panels: [body.panel],
    notes: notes.filter(Boolean),
    credit: '',
    sourceList: sources,
    table: tableOf(ctx, w, q, tableMarks, extraColumns(ctx, w, body)),
    detail,
    selectable: Boolean(view.detail),
    emptyText: body.emptyText ?? (visible.length === 0 ? undefined : w.c.nothing),
    widthDependent: Boolean(notes.decimated),
    stack: view.mark === 'map',
  };
}

// The views of a (checked) description as the shell's view source:
// [{ id, build(ctx) → view model, defaults }] in tab order. defaults are the
// per-view state (core/url-state.js reads `hide` and `scale` into them).
export function chartViews(description) {
  return description.views.map((view) => ({
    id: view.id,
    view,
    build: (ctx) => buildChartView(ctx, view),
    defaults: Object.freeze({ hidden: [], scale: view.y && view.y.scale === 'log' ? 'log' : 'linear' }),
  }));
}
