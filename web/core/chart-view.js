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
//           width? (the canvas width in CSS px; lines with more points than
//           that are decimated; default 800) }
//   view  one normalised view of a description (engine.checkChart's output)
// Marks: bar → a 'bars' panel (a group per x category in x order, one mark
// per drawn series, an empty slot where a category has no value for a
// series); hbar → an 'hbars' panel (a row per category, or per category and
// series); line → a 'lines' panel with general number x (one series per
// series value; gaps where y is missing); point → the same panel drawn as
// dots only. Series keys are 's0'…'s11' (series order: `series.order` first,
// then the engine's sort); at most 12 are drawn, the rest named in a note.
// finding (the text alternative): bar, hbar and point name the highest and
// lowest drawn value; line gives each series' first and last drawn value.
// Every number comes from the engine's Frames; the builder only picks and
// formats them. Throws ModelError (core/frame.js) for a bar or hbar without
// an aggregate whose x repeats within a series.

import { ModelError } from './frame.js';
import { makeMark } from './marks.js';
import { fullText } from './numbers.js';
import { colourOf } from './theme.js';
import { chartCopy, textOf, valueLabel } from './chart/text.js';
import { countSpec, seriesFilter, seriesSpec, viewQuery } from './chart/query.js';
import { barGroups } from './views/common.js';
import { fromTrend, withExtent } from './projection-model.js';
import { formatValue } from './i18n.js';

export const MAX_SERIES = 12;
const DEFAULT_WIDTH = 800;


const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const keyText = (v) => (v === null || v === undefined ? '' : String(v));

// The reader-facing text of an x or series value.
function valueText(v) {
  return keyText(v);
}

function texts(ctx, view) {
  const tx = (T) => textOf(T, ctx.locale, ctx.defaultLocale);
  const c = chartCopy(ctx.locale);
  const y = view.y ?? {};
  const unit = tx(y.unit);
  return {
    c,
    tx,
    unit,
    xLabel: tx(view.x?.label) || view.x?.column || '',
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
  const label = (v) => w.tx(Object.prototype.hasOwnProperty.call(labels, keyText(v)) ? labels[keyText(v)] : null) || valueText(v);
  const list = ordered.slice(0, MAX_SERIES).map((value, i) => ({ key: `s${i}`, value, label: label(value) }));
  const rest = ordered.slice(MAX_SERIES).map(label);
  return { list, rest };
}

function markOf(ctx, w, { id, panel, kind, s, colour, x, category, value }) {
  const at = valueText(category);
  const m = makeMark(ctx, {
    id, panel, kind, key: s.key, category: keyText(category), categoryText: at, x: isNum(x) ? x : null,
    colour, seriesLabel: s.label, heading: s.value === null ? at : `${s.label}, ${at}`,
    value, unit: null, qualifier: '', sources: [],
  });
  m.xText = at;
  if (!m.empty) {
    m.valueText = valueLabel(fullText(ctx.locale, m.value, null), w.unit);
    m.label = m.valueText;
  }
  return m;
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

// The rows of the drawn series, [x, series, y] each, from one query.
function mainRows(ctx, view, q, drawn) {
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

function checkUnique(view, rows, w) {
  const seen = new Set();
  for (const r of rows) {
    const k = `${keyText(r.s)}\u0000${keyText(r.x)}`;
    if (seen.has(k)) {
      throw new ModelError(`view '${view.id}': a ${view.mark} without an aggregate needs one row per category; '${valueText(r.x)}' (${w.xLabel}) repeats${r.s === null ? '' : ` in series '${valueText(r.s)}'`}`);
    }
    seen.add(k);
  }
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

function extentOf(marks) {
  const vals = marks.filter((m) => !m.empty).map((m) => m.value);
  return vals.length ? { min: Math.min(...vals), max: Math.max(...vals) } : { min: null, max: null };
}

function barsBody(ctx, view, q, w, drawn, visible, notes) {
  const rows = mainRows(ctx, view, q, drawn).filter((r) => r.x !== null && (q.series === null || r.s !== null));
  if (!q.aggregated) checkUnique(view, rows, w);
  const sOf = (r) => drawn.find((s) => s.value === r.s || (q.series === null)) ?? null;
  if (view.mark === 'hbar') {
    const panelRows = rows.filter((r) => visible.includes(sOf(r).key)).map((r, i) => {
      const s = sOf(r);
      const label = q.series ? `${valueText(r.x)} · ${s.label}` : valueText(r.x);
      const mark = markOf(ctx, w, {
        id: `hbars/${s.key}/${i}`, panel: 'hbars', kind: 'hbar', s, colour: s.colour, category: r.x, value: r.y,
      });
      mark.categoryText = label;
      return { key: `${s.key}/${keyText(r.x)}`, label, mark };
    });
    const marks = panelRows.map((r) => r.mark);
    const ext = extentOf(marks);
    return {
      marks,
      panel: {
        id: 'hbars', kind: 'hbars', unit: null, unitLabel: w.unit, extent: { min: 0, max: ext.max }, rows: panelRows,
        noFigure: ctx.t.ui.noFigure, valueHead: w.yLabel,
      },
    };
  }
  const keys = drawn.filter((s) => visible.includes(s.key)).map((s) => s.key);
  const catIndex = new Map();
  for (const r of rows) if (!catIndex.has(keyText(r.x))) catIndex.set(keyText(r.x), catIndex.size);
  const groups = barGroups({
    rows, categoryOf: (r) => keyText(r.x), keyOf: (r) => sOf(r).key, keys,
    make: (row, key, cat) => {
      const s = drawn.find((d) => d.key === key);
      const x = row ? row.x : rows.find((r) => keyText(r.x) === cat).x;
      return markOf(ctx, w, {
        id: `bars/${key}/${catIndex.get(cat)}`, panel: 'bars', kind: 'bar', s, colour: s.colour, category: x, value: row ? row.y : null,
      });
    },
  }).map((g) => ({ ...g, labels: [[g.marks[0]?.categoryText ?? g.key]] }));
  const marks = groups.flatMap((g) => g.marks);
  return { marks, panel: { id: 'bars', kind: 'bars', unit: null, unitLabel: w.unit || w.yLabel, extent: extentOf(marks), groups } };
}

// The points of one line: the engine's rows, or its decimation when there
// are more of them than pixel columns.
function linePoints(ctx, view, q, s, rows, width, w, notes) {
  const own = rows.filter((r) => (q.series === null || r.s === s.value) && r.x !== null);
  if (view.mark !== 'line' || own.length <= width) return own;
  const xs = own.map((r) => r.x);
  const spec = { ...q.spec, x: q.x, y: q.y, from: xs[0], to: xs[xs.length - 1], pixels: width };
  if (q.series) spec.filters = [...q.spec.filters, { column: q.series, eq: s.value }];
  if (!q.aggregated) spec.filters = [...spec.filters, { column: q.x, range: [null, null] }];
  const f = ctx.decimate(view.table, spec);
  const x = f.col('x');
  const y = f.col('y');
  const out = [];
  for (let i = 0; i < f.rowCount; i++) out.push({ x: x[i], s: s.value, y: Number.isNaN(y[i]) ? null : y[i] });
  notes.push(w.c.decimated(s.label, own.length, out.filter((p) => p.y !== null).length));
  return out;
}

function linesBody(ctx, view, q, w, drawn, visible, notes) {
  const rows = mainRows(ctx, view, q, drawn);
  const width = Math.max(1, Math.floor(ctx.width ?? DEFAULT_WIDTH));
  const series = drawn.filter((s) => visible.includes(s.key)).map((s) => {
    const pts = linePoints(ctx, view, q, s, rows, width, w, notes);
    return {
      key: s.key, label: s.label, colour: s.colour,
      marks: pts.map((p, i) => markOf(ctx, w, {
        id: `lines/${s.key}/${i}`, panel: 'lines', kind: 'point', s, colour: s.colour, x: p.x, category: p.x, value: p.y,
      })),
    };
  });
  const xs = [...new Set(series.flatMap((s) => s.marks.map((m) => m.x)))].sort((a, b) => a - b);
  const marks = series.flatMap((s) => s.marks);
  return {
    marks,
    panel: {
      id: 'lines', kind: 'lines', unit: null, unitLabel: w.unit || w.yLabel, extent: extentOf(marks), xs, series,
      continuous: true, noLines: view.mark === 'point', dots: view.mark === 'point', labels: false,
    },
  };
}

// A line's trend projection (view.trend: {method, horizon, level}) from each
// drawn series' own points, through the engine (ctx.trend = engine.trend):
// the overlay scene-projection.js draws (dashed, with its band), its marks
// (projected: true, lo, hi, interval), a note, sentences for the finding
// and the legend entry. x steps by 1 when every x is a whole number, else
// by the last spacing of the series. A series the engine declines (too few
// points, a constant series, values ≤ 0 for loglinear) gets a note instead.
function trendLayerOf(ctx, view, w, panel, notes) {
  const tr = view.trend;
  if (!tr || view.mark !== 'line' || typeof ctx.trend !== 'function') return null;
  const level = typeof tr.level === 'number' ? tr.level : 0.95;
  const levelText = formatValue(ctx.locale, level * 100, 'percent');
  const tw = ctx.t.trend;
  const series = [];
  const sentences = [];
  let lo = Infinity;
  let hi = -Infinity;
  let mid = [Infinity, -Infinity];
  const log = panel.scale === 'log';
  for (const s of panel.series) {
    const pts = s.marks.filter((m) => !m.empty);
    const x = pts.map((m) => m.x);
    const y = pts.map((m) => m.value);
    const whole = x.every(Number.isInteger);
    const step = whole || x.length < 2 ? 1 : x[x.length - 1] - x[x.length - 2];
    let r;
    try {
      r = fromTrend(ctx.trend({ x, y }, { method: tr.method, level, horizon: tr.horizon, step }));
    } catch (e) {
      if (e && (e.code === 'DATA' || e.code === 'ARG')) {
        notes.push(w.c.trendDeclined(s.label, e.message));
        continue;
      }
      throw e;
    }
    // a projection carries no more precision than about three significant digits
    const text = (v) => valueLabel(fullText(ctx.locale, Number(v.toPrecision(3)), null), w.unit);
    const marks = r.projected.map((p, i) => {
      const at = valueText(p.x);
      const m = makeMark(ctx, {
        id: `proj/${s.key}/${i}`, panel: panel.id, kind: 'point', key: s.key, category: keyText(p.x), x: p.x,
        categoryText: tw.projectedYear(at), colour: s.colour, seriesLabel: s.label, heading: tw.heading(s.label, at),
        value: p.y, unit: null, qualifier: tw.chart, sources: [],
        extra: [tw.interval(levelText, tw.range(text(p.lo), text(p.hi)))],
      });
      m.xText = at;
      m.projected = true;
      m.lo = p.lo;
      m.hi = p.hi;
      m.valueText = text(p.y);
      m.interval = tw.range(text(p.lo), text(p.hi));
      m.sourceText = tw.source;
      return m;
    });
    for (const p of r.projected) {
      for (const v of [p.lo, p.hi, p.y]) {
        if (v === null || (log && v <= 0)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (p.y !== null && !(log && p.y <= 0)) mid = [Math.min(mid[0], p.y), Math.max(mid[1], p.y)];
    }
    series.push({ key: s.key, colour: s.colour, fitted: r.fitted, marks });
    const end = marks[marks.length - 1];
    if (end) sentences.push(w.c.trendSentence({ series: s.label, x: end.xText, value: end.valueText, level: levelText, lo: text(end.lo), hi: text(end.hi) }));
  }
  if (series.length === 0) return { sentences: [] };
  const years = [...new Set(series.flatMap((s) => s.marks.map((m) => m.x)))].sort((a, b) => a - b);
  const overlay = { label: tw.chart, clippedLabel: tw.clipped, clipped: false, start: years[0], years, series };
  const layer = { overlay, extent: Number.isFinite(lo) ? { min: lo, max: hi, midMin: mid[0], midMax: mid[1], log } : null };
  panel.extent = withExtent(panel.extent, layer);
  panel.projection = overlay;
  panel.xs = [...panel.xs, ...years.filter((x) => !panel.xs.includes(x))];
  notes.push(w.c.trendNote({ method: tw.methodNames[tr.method] ?? tr.method, horizon: tr.horizon, level: levelText }));
  return {
    sentences: [tw.lead, ...sentences],
    legend: { key: 'projection', label: tw.legend(levelText), colour: ctx.theme.muted, shape: 'projection', toggle: false, pressed: true },
    marks: series.flatMap((s) => s.marks),
  };
}

function annotate(view, w, panel, marks, notes) {
  const list = Array.isArray(view.annotations) ? view.annotations : [];
  for (const a of list) {
    const text = w.tx(a.text);
    const at = marks.filter((m) => !m.empty && m.category === keyText(a.x));
    const target = isNum(a.y) ? at.find((m) => m.value === a.y) ?? at[0] : at[0];
    if (target && !panel.annotation && panel.kind !== 'hbars') panel.annotation = { markId: target.id, text };
    else notes.push(w.c.annotation(valueText(a.x), text));
  }
}

function finding(ctx, view, w, body) {
  const shown = body.marks.filter((m) => !m.empty);
  if (shown.length === 0) return '';
  const at = (m) => (body.many ? `${m.seriesLabel}, ${m.xText}` : m.xText);
  if (view.mark !== 'line') {
    if (shown.length === 1) return w.c.single({ value: shown[0].valueText, at: at(shown[0]) });
    let hi = shown[0];
    let lo = shown[0];
    for (const m of shown) {
      if (m.value > hi.value) hi = m;
      if (m.value < lo.value) lo = m;
    }
    return w.c.highLow({ high: hi.valueText, highAt: at(hi), low: lo.valueText, lowAt: at(lo) });
  }
  return body.panel.series.map((s) => {
    const pts = s.marks.filter((m) => !m.empty);
    if (pts.length === 0) return '';
    const first = pts[0];
    const last = pts[pts.length - 1];
    if (first === last) return w.c.single({ value: first.valueText, at: `${s.label}, ${first.categoryText}` });
    return w.c.change({ series: s.label, first: first.valueText, firstAt: first.categoryText, last: last.valueText, lastAt: last.categoryText });
  }).filter(Boolean).join(w.c.sep);
}

function tableOf(ctx, w, q, marks) {
  const interval = marks.some((m) => m.projected);
  const head = [w.xLabel, ...(q.series ? [w.seriesLabel] : []), w.unit ? `${w.yLabel} (${w.unit})` : w.yLabel,
    ...(interval ? [ctx.t.trend.intervalHead] : [])];
  return {
    head,
    rows: marks.map((m) => ({
      id: m.id,
      projected: Boolean(m.projected),
      cells: [
        { text: m.projected ? m.categoryText : m.xText, header: true },
        ...(q.series ? [{ text: m.seriesLabel }] : []),
        { text: m.empty ? '–' : m.valueText, value: m.value },
        ...(interval ? [m.projected ? { text: m.interval, data: { lo: m.lo, hi: m.hi } } : { text: '' }] : []),
      ],
    })),
  };
}

export function buildChartView(ctx, view) {
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
  const body = lineLike ? linesBody(ctx, view, q, w, drawn, visible, notes) : barsBody(ctx, view, q, w, drawn, visible, notes);
  body.many = Boolean(q.series);
  const logAllowed = view.y?.scale === 'log' && view.mark !== 'hbar';
  const scale = logAllowed && state.scale !== 'linear' ? 'log' : 'linear';
  if (body.panel.kind !== 'hbars') body.panel.scale = scale;
  logFilter(ctx, body.marks, scale === 'log', w, notes);
  if (scale === 'log') body.panel.extent = extentOf(body.marks);
  const trend = lineLike ? trendLayerOf(ctx, view, w, body.panel, notes) : null;
  annotate(view, w, body.panel, body.marks, notes);
  for (const n of Array.isArray(view.notes) ? view.notes : []) notes.push(w.tx(n));
  const tableMarks = body.panel.kind === 'lines'
    ? body.panel.series.flatMap((s) => [...s.marks, ...(trend && trend.marks ? trend.marks.filter((m) => m.key === s.key) : [])])
    : body.marks;
  const shape = view.mark === 'line' ? 'line' : view.mark === 'point' ? 'dot' : 'bar';
  const sources = (Array.isArray(view.sources) ? view.sources : []).map((s) => ({ name: w.tx(s.name), url: typeof s.url === 'string' ? s.url : null }));
  return {
    id: view.id,
    title: w.tx(view.title),
    definition: w.tx(view.subtitle),
    finding: [finding(ctx, view, w, body), ...(trend ? trend.sentences : [])].filter(Boolean).join(w.c.sep),
    controls: logAllowed ? [{
      kind: 'choice', id: 'scale', label: w.c.scale, value: scale,
      options: [{ value: 'linear', label: w.c.scales.linear }, { value: 'log', label: w.c.scales.log }],
    }] : [],
    legend: [
      ...(q.series ? drawn.map((s) => ({ key: s.key, label: s.label, colour: s.colour, shape, toggle: true, pressed: !hidden.includes(s.key) })) : []),
      ...(trend && trend.legend ? [trend.legend] : []),
    ],
    panels: [body.panel],
    notes: notes.filter(Boolean),
    credit: '',
    sourceList: sources,
    table: tableOf(ctx, w, q, tableMarks),
    emptyText: visible.length === 0 ? undefined : w.c.nothing,
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
