// chart-view.js — the general renderer's entry: a chart description
// (data/CHART_FORMAT.md, `ev-chart/1`) as the views a page shows, and ONE
// view of it → a view model with the story's contract (core/viewmodel.js),
// so the same shell draws it. The story page, chart.html and the studio all
// draw through it. It composes chart/state.js (the state a view has:
// viewDefaults, viewAllowed, modeOf), chart/panels.js (a view's panels:
// which are drawn, their shared range, series keys and colours across
// them, the joined table) and the chart/ modules named below; each panel
// itself is built here (panelPart).
//
// chartViews(description) → [{ id, view, build(ctx) → view model, defaults,
//   allowed }]: the views of a (checked) description in its order (a page's
//   tab order); defaults the per-view state (viewDefaults), allowed the
//   values its choices take (viewAllowed). A page reads its link against
//   these (core/url-state.js).
// chartTables(description) → the dataset tables a description reads, each
//   once, in the order met: its views' first (their own tables, panels,
//   detail lists, the value references of findings, annotations and
//   reference bars), then the document's (provenance, names). Every member
//   named `table` whose value is a string counts, wherever it is, except
//   inside a Text (an object whose keys are all locales of the
//   description). The engine's check refuses a description that names a
//   table the dataset lacks (COLUMN, with its path); a host that checks
//   these first can say the dataset is at fault instead. Never throws:
//   anything that is not a description object gives [].
// buildChartView(ctx, view, doc?) → view model (before finishView)
//   ctx   { q(table, spec) → Frame (engine.query on the dataset's table),
//           decimate(table, spec) → Frame (engine.decimate on it),
//           trend?(xy, opts) (engine.trend), locale (a description locale),
//           defaultLocale (the description's first), t (core/copy.js copy
//           for the UI language), theme, prov (provenance.js: the document's
//           `provenance` table's entries, confidence and credit), name? (the
//           host's namer, used after the document's own `names`),
//           state (chart/state.js viewDefaults' fields: hidden, scale,
//           mode, from/to, group, sort, colour, zoom, projection, selected,
//           trend settings),
//           ticks?(lo, hi, count, opts) (engine.ticks: values are never printed
//           with fewer fraction digits than the value axis' ticks),
//           width? (the canvas width in CSS px; lines with more points than
//           that are decimated; default 800), geo? (map views: null while
//           the world shapes load, {error}, or {points}: app/map-shapes.js) }
//   The model's widthDependent is true when a line was decimated: a host
//   builds it again when the canvas width changes.
//   view  one normalised view of a description (engine.checkChart's output)
//   doc   the whole description (its `provenance` and `names`), when given
// A view is one chart, or `panels` (1–4, each a one-chart spec) drawn side
// by side or stacked (`layout`), filtered by the view's `modes` choice and
// `range`; each panel part below is built by panelPart and their marks,
// legend, notes and table joined. Findings: the view's `findings` templates
// (chart/findings.js) when one resolves, else the general sentence below.
// Choices, sort and counts: chart/choices.js; detail lists: chart/detail.js;
// groups' sources and qualifiers: chart/groups.js; map colour, zoom and
// projection: chart/map-colour.js; reference bars: chart/reference.js;
// annotations: chart/annotations.js; names: chart/names.js; a panel's compare note: chart/compare.js.
// Marks: bar → a 'bars' panel (a group per x category in x order, one mark
// per drawn series, an empty slot where a category has no value for a
// series); hbar → an 'hbars' panel (a row per category, or per category and
// series); line → a 'lines' panel with general number x (one series per
// series value; gaps where y is missing); point → the same panel drawn as
// dots only, at most MAX_POINTS of them (above that none, and the note,
// the empty chart and the finding say how many and suggest an aggregate:
// chart/lines.js) (chart/bars.js, chart/lines.js); map → a 'map' panel of circles
// (chart/map.js); a line's `trend` → the projection overlay (chart/trend.js).
// Series keys: in a one-chart view 's0'…'s11'; in a view of panels the
// series value itself when it is a safe key (so links keep naming the
// story's series ids), a panel without a series by its id (series order:
// `series.order` first, then the engine's sort); at most 12 are drawn, the
// rest named in a note.
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
import { axisUnit } from './i18n.js';
import { periodText } from './numbers.js';
import { colourOf } from './theme.js';
import { resolveAnnotations, targetOf } from './chart/annotations.js';
import { barsBody } from './chart/bars.js';
import { compareNote } from './chart/compare.js';
import { describedFinding } from './chart/findings.js';
import { extentOf, isNum, keyText, readableTexts } from './chart/common.js';
import { linesBody } from './chart/lines.js';
import { mapBody } from './chart/map.js';
import { namesOf } from './chart/names.js';
import { countSpec, seriesSpec, viewQuery } from './chart/query.js';
import { chartCopy, textOf } from './chart/text.js';
import { applyChoices, choiceControls, withChoice } from './chart/choices.js';
import { detailModel, detailPreview } from './chart/detail.js';
import { eligibility } from './chart/groups.js';
import { mapControls } from './chart/map-colour.js';
import { claimedColours, drawnPanels, keyMaker, panelSpecs, panelsTable, rangeOf } from './chart/panels.js';
import { modeOf, viewAllowed, viewDefaults } from './chart/state.js';
import { controlTrendOf, trendLayerOf } from './chart/trend.js';

export const MAX_SERIES = 12;

const UNIT_CODES = ['usd_bn', 'eur_bn', 'cny_bn', 'vehicles', 'percent', 'gwh', 'projects'];

function texts(ctx, view, multi = false) {
  const tx = (T) => textOf(T, ctx.locale, ctx.defaultLocale);
  const c = chartCopy(ctx.locale);
  const y = view.y ?? {};
  const format = UNIT_CODES.includes(y.format) ? y.format : null;
  const unit = format ? axisUnit(ctx.locale, format) : tx(y.unit);
  const derive = Array.isArray(view.derive) ? view.derive : [];
  return {
    c,
    tx,
    unit,
    format,
    multi,
    periods: multi,
    aggregated: typeof y.aggregate === 'string',
    // a share or ratio the engine derived: an approximate input makes it approximate
    derived: derive.some((d) => d && d.as === y.column && (d.op === 'share' || d.op === 'ratio')),
    // a map's key: 'Place' when the places are named (map.names), else the key column
    xLabel: tx(view.x?.label) || view.x?.column || (view.map ? (typeof view.map.names === 'string' ? c.place : view.map.key) : ''),
    // the count of a table column is a number of rows, not a value of it:
    // 'Count of Horsepower' (the column itself names it in the notes)
    yLabel: tx(y.label) || (y.aggregate === 'count' && typeof y.column === 'string' && !derive.some((d) => d && d.as === y.column)
      ? c.countOf(y.column) : y.column || (y.aggregate === 'count' ? 'count' : c.value)),
    yColumn: tx(y.label) || y.column || (y.aggregate === 'count' ? 'count' : c.value),
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
  // a ratio over the series column: the denominator is not a drawn series (chart/common.js mainRows)
  const ratio = w.multi && (Array.isArray(view.derive) ? view.derive : []).find((d) => d && d.op === 'ratio' && d.as === q.y && d.key === q.series);
  if (ratio) ordered.splice(0, ordered.length, ...ordered.filter((v) => keyText(v) !== keyText(ratio.denominator)));
  const labels = view.series.labels ?? {};
  const named = (v) => (view.series.names && w.name ? w.name(view.series.names, v, ctx.locale) : keyText(v));
  const label = (v) => w.tx(Object.prototype.hasOwnProperty.call(labels, keyText(v)) ? labels[keyText(v)] : null) || named(v);
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
    notes.push(lineLike && !q.aggregated ? w.c.missingYGap(n - r.ev_ny, w.yColumn) : w.c.missingYLeft(n - r.ev_ny, w.yColumn));
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

// annotations (x literal or a ValueRef, {x} in the text: chart/annotations.js)
function annotate(ctx, view, w, drawn, panel, marks, notes) {
  for (const a of resolveAnnotations(ctx, view, w, drawn)) {
    const target = targetOf(a, marks);
    if (target && !panel.annotation && panel.kind !== 'hbars') panel.annotation = { markId: target.id, text: a.text, sources: a.sources };
    else notes.push(w.c.annotation(keyText(a.x), a.text));
  }
}

function finding(ctx, view, w, body) {
  const shown = body.marks.filter((m) => !m.empty && !m.reference); // a reference bar is a source's figure, not the chart's data
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

// Reader names of data values until the document `names` module lands: the
// host's ctx.nameOf(kind, value) or the story page's namer ctx.name(locale,
// kind, value); the order of a kind's values from the document's `names`
// entries (the rows of each entry's table, in table order).
function namingOf(ctx, doc) {
  // the description's own names (chart/names.js) first, else the host's namer
  const own = doc && Array.isArray(doc.names) && doc.names.length ? namesOf(ctx, doc) : null;
  const nameOf = typeof ctx.nameOf === 'function' ? ctx.nameOf
    : own ? (kind, v) => own(kind, v, ctx.locale)
      : typeof ctx.name === 'function' ? (kind, v) => ctx.name(ctx.locale, kind, v) : (kind, v) => keyText(v);
  const entries = doc && Array.isArray(doc.names) ? doc.names : [];
  const orderOf = typeof ctx.nameOrder === 'function' ? ctx.nameOrder : (kind) => {
    const out = [];
    for (const e of entries) {
      if (!e || typeof e.table !== 'string' || typeof e.key !== 'string') continue;
      if (typeof e.kind === 'string' && e.kind !== kind) continue;
      const filters = typeof e.kind_column === 'string' ? [{ column: e.kind_column, eq: kind }] : [];
      try {
        for (const r of ctx.q(e.table, { filters }).rows()) if (r[e.key] !== null && !out.includes(r[e.key])) out.push(r[e.key]);
      } catch {
        // a names table the dataset lacks: no order from it
      }
    }
    return out;
  };
  return { nameOf, orderOf };
}

// hbar rows of a view whose x says `names`: the reader's name of each category
function nameRows(spec, body, nameOf) {
  const kind = spec.x && typeof spec.x.names === 'string' ? spec.x.names : null;
  if (!kind || body.panel.kind !== 'hbars') return;
  for (const r of body.panel.rows) {
    if (r.mark.category === '') continue;
    const name = nameOf(kind, r.mark.category);
    r.label = name;
    r.mark.categoryText = name;
    r.mark.xText = name;
    if (r.mark.heading === r.mark.category || !r.mark.heading) r.mark.heading = name;
  }
}

// a source id → {publisher, low} through the page's provenance (ctx.prov)
function sourceEntry(ctx) {
  if (!ctx.prov || typeof ctx.prov.entry !== 'function') return undefined;
  return (id) => {
    const e = ctx.prov.entry(id);
    return e ? { publisher: e.publisher, low: e.confidence === 'low' } : null;
  };
}

// The table's extra columns of one panel: the map's colour-by column, the
// counts of y.counts.
function extraColumns(body) {
  const extra = [];
  if (body.colourLabel) {
    const byMark = new Map((body.circles ?? []).map((c) => [c.mark, c.colourText]));
    extra.push({ head: body.colourLabel, cell: (m) => ({ text: byMark.get(m) ?? '' }) });
  }
  if (body.panel.countHead) {
    const byMark = new Map((body.panel.rows ?? []).map((r) => [r.mark, r.count]));
    extra.push({ head: body.panel.countHead.replace('\n', ' '), cell: (m) => ({ text: byMark.get(m) ?? '', value: m.count ?? null }) });
  }
  return extra;
}

const DASH = Object.freeze([6, 4]); // series.styles dash: the story's dashed line

// One panel of a view: its body (bars, lines, hbars, map), legend entries,
// notes, finding and table marks. `keys` gives each series its key and
// colour index across the view.
function panelPart(ctx, view, { spec: described, pid, panel }, opts) {
  const { hidden, state, keyOf, multi } = opts;
  // the reader's x choice (x.choices) makes the spec an ordinary one-x spec;
  // an aggregated spec with `source` leaves out rows whose sources are all
  // rated low confidence (chart/groups.js), and says how many
  const chosen = withChoice(described, state);
  const elig = eligibility(ctx, chosen);
  const spec = elig.filters.length ? { ...chosen, filters: [...(Array.isArray(chosen.filters) ? chosen.filters : []), ...elig.filters] } : chosen;
  const w = texts(ctx, spec, multi);
  const naming = opts.naming;
  const cx = { ...ctx, nameOf: naming.nameOf, nameOrder: naming.orderOf };
  w.pid = pid;
  w.name = (kind, v) => naming.nameOf(kind, v);
  w.xNames = spec.x && typeof spec.x.names === 'string' ? spec.x.names : null;
  const q = viewQuery(spec);
  const { list, rest } = seriesOf(ctx, spec, q, w);
  const styles = spec.series && spec.series.styles && typeof spec.series.styles === 'object' ? spec.series.styles : {};
  const drawn = list.map((s, i) => {
    const st = s.value !== null && Object.prototype.hasOwnProperty.call(styles, keyText(s.value)) ? styles[keyText(s.value)] : null;
    const key = keyOf(s, i, pid, st);
    return { ...s, key: key.key, colour: colourOf(ctx.theme, key.colour), dash: st && st.dash === true ? DASH : null };
  });
  const visible = drawn.map((s) => s.key).filter((k) => !hidden.includes(k));
  const lineLike = spec.mark === 'line' || spec.mark === 'point';
  const notes = [...noteCounts(ctx, spec, q, w, lineLike)];
  if (rest.length) notes.push(w.c.moreSeries(rest.length, rest));
  if (elig.left) notes.push(w.c.lowLeftOut(elig.left));
  let body;
  if (spec.mark === 'map') body = mapBody(cx, spec, q, w, notes, state);
  else if (lineLike) body = linesBody(ctx, spec, q, w, drawn, visible, notes);
  else body = barsBody(ctx, spec, q, w, drawn, visible, notes);
  body.many = Boolean(q.series) || multi;
  nameRows(spec, body, naming.nameOf);
  applyChoices(ctx, spec, q, w, body, state);
  const logAllowed = spec.y?.scale === 'log' && spec.mark !== 'hbar' && spec.mark !== 'map';
  // a view with panels starts linear and offers log (the story's capacity
  // view); a one-chart view with y.scale 'log' starts on the log scale
  const scale = logAllowed && (multi ? state.scale === 'log' : state.scale !== 'linear') ? 'log' : 'linear';
  if (body.panel.kind === 'bars' || body.panel.kind === 'lines') body.panel.scale = scale;
  logFilter(ctx, body.marks, scale === 'log', w, notes);
  if (scale === 'log') body.panel.extent = extentOf(body.marks);
  readableTexts(ctx, w, body.marks, { extent: body.panel.extent, log: scale === 'log' });
  if (body.panel.kind === 'lines') {
    for (const ls of body.panel.series) ls.dash = drawn.find((d) => d.key === ls.key)?.dash ?? null;
  }
  const y = spec.y ?? {};
  if (Array.isArray(y.fixed) && y.fixed.length === 2 && isNum(y.fixed[0]) && isNum(y.fixed[1]) && y.fixed[0] < y.fixed[1]) {
    body.panel.fixed = [y.fixed[0], y.fixed[1]];
    if (body.panel.kind === 'hbars') {
      body.panel.track = true; // bars on a track of the whole fixed range
      body.panel.extent = { min: y.fixed[0], max: y.fixed[1] };
    }
  }
  const trend = spec.trend && spec.trend.control === true
    ? controlTrendOf(ctx, spec, w, body.panel, drawn.filter((d) => visible.includes(d.key)), body.marks, opts.span)
    : lineLike ? trendLayerOf(ctx, spec, w, body.panel, notes) : null;
  if (trend && trend.notes && spec.trend.control === true) notes.push(...trend.notes);
  annotate(ctx, spec, w, drawn, body.panel, body.marks, notes);
  if (panel) {
    const title = w.tx(panel.title);
    if (title) body.panel.title = title;
    if (title && body.panel.kind === 'hbars') delete body.panel.valueHead; // the title says it
    if (isNum(panel.weight) && panel.weight > 0) body.panel.weight = panel.weight;
  }
  const tableMarks = body.panel.kind === 'lines'
    ? body.panel.series.flatMap((s) => [...s.marks, ...(trend && trend.marks ? trend.marks.filter((m) => m.key === s.key) : [])])
    : [...body.marks, ...(trend && trend.marks ? trend.marks : [])];
  if (body.panel.kind === 'bars') {
    // "<series>: no figure for 2019 and 2020": the empty slots of each series
    for (const d of drawn) {
      const gaps = body.marks.filter((m) => m.key === d.key && m.empty && !m.withheld).map((m) => m.categoryText);
      if (gaps.length) notes.push(ctx.t.ui.gap(d.label, ctx.t.ui.list(gaps)));
    }
  }
  const shape = spec.mark === 'line' ? 'line' : spec.mark === 'point' ? 'dot' : spec.mark === 'map' ? 'circle' : 'bar';
  const legend = q.series || (multi && spec.mark !== 'map')
    ? drawn.map((s) => ({ key: s.key, label: s.label, colour: s.colour, shape, ...(s.dash ? { dash: s.dash } : {}), toggle: true, pressed: !hidden.includes(s.key) }))
    : [];
  legend.push(...(body.legend ?? []));
  const detailOpts = { nameOf: naming.nameOf, sourceOf: sourceEntry(ctx), extraFilters: spec.detail && spec.detail.table === spec.table ? elig.filters : [] };
  const detail = detailModel(ctx, spec, q, w, body, state, detailOpts);
  detailPreview(ctx, spec, q, w, body.marks, detailOpts);
  const controls = [...choiceControls(described, state, w.tx, w.c), ...(spec.mark === 'map' ? mapControls(spec, state, w.tx, w.c) : [])];
  return {
    w, q, body, notes, trend, legend, tableMarks, logAllowed, scale, visible, pid, drawn, spec, detail, controls, selectable: Boolean(spec.detail),
    finding: finding(ctx, spec, w, body),
  };
}

export function buildChartView(ctx, view, doc = null) {
  // document provenance: marks carry their sources, the page credits them
  // (core/provenance.js); the view's sources name the credit
  const provenance = Boolean(doc && doc.provenance && typeof doc.provenance.table === 'string');
  if (view.mark === 'map' && view.series) throw new ModelError(`view '${view.id}': a map with a series is not drawn by this renderer yet`);
  const tx = (T) => textOf(T, ctx.locale, ctx.defaultLocale);
  const c = chartCopy(ctx.locale);
  const state = ctx.state ?? {};
  const hidden = Array.isArray(state.hidden) ? state.hidden : [];
  const multiPanel = Array.isArray(view.panels) && view.panels.length > 0;
  const mode = modeOf(view, state);
  let specs = panelSpecs(view, mode);
  const range = multiPanel ? rangeOf(ctx, view, specs, state) : null;
  if (range && range.from !== null) {
    specs = specs.map((s) => (range.on.includes(s)
      ? { ...s, spec: { ...s.spec, filters: [...(Array.isArray(s.spec.filters) ? s.spec.filters : []), { column: range.column, range: [range.from, range.to] }] } }
      : s));
  }
  const keyOf = keyMaker(multiPanel, claimedColours(specs));
  const naming = namingOf(ctx, doc);
  const parts = specs.map((s) => panelPart(ctx, view, s, {
    hidden, state, keyOf, multi: multiPanel, naming, span: range && range.on.includes(s) ? { from: range.from, to: range.to } : null,
  }));
  const notes = parts.flatMap((p) => p.notes);
  const modeOption = mode === null ? null : view.modes.options.find((o) => o.id === mode);
  for (const n of [...(Array.isArray(view.notes) ? view.notes : []), ...(modeOption && Array.isArray(modeOption.notes) ? modeOption.notes : [])]) notes.push(tx(n));
  const compared = parts.map((p) => compareNote(ctx, { spec: p.spec, series: p.drawn, marks: p.body.marks })).filter(Boolean); // chart/compare.js
  for (const x of compared) notes.push(x.text);
  const logPart = parts.find((p) => p.logAllowed);
  if (parts.some((p) => p.scale === 'log') && ctx.t.ui.logNote) notes.push(ctx.t.ui.logNote);
  if (parts.some((p) => p.body.marks.some((m) => !m.empty && m.derived && m.bound !== null)) && ctx.t.ui.derivedBoundNote) {
    notes.push(ctx.t.ui.derivedBoundNote);
  }
  const controls = [];
  if (modeOption) {
    controls.push({
      kind: 'choice', id: 'mode', label: tx(view.modes.label), value: mode,
      options: view.modes.options.map((o) => ({ value: o.id, label: tx(o.label) || o.id })),
    });
  }
  if (logPart) {
    controls.push({
      kind: 'choice', id: 'scale', label: c.scale, value: logPart.scale,
      options: [{ value: 'linear', label: c.scales.linear }, { value: 'log', label: c.scales.log }],
    });
  }
  if (range && range.values.length >= 2) {
    controls.push({
      kind: 'range', id: 'range', label: tx(view.range.label) || ctx.t.ui.range, fromLabel: ctx.t.ui.from, toLabel: ctx.t.ui.to,
      years: range.values, from: range.from, to: range.to, yearText: range.values.map((v) => periodText(ctx.locale, keyText(v))),
    });
  }
  for (const p of parts) for (const k of p.controls) if (!controls.some((x) => x.id === k.id)) controls.push(k);
  const trendControl = parts.map((p) => p.trend && p.trend.control).find(Boolean);
  if (trendControl) controls.push(trendControl);
  const legend = [];
  for (const p of parts) for (const l of p.legend) if (!legend.some((x) => x.key === l.key)) legend.push(l);
  const allMarks = parts.flatMap((p) => p.body.marks);
  if (allMarks.some((m) => !m.empty && m.approximate)) {
    legend.push({ key: 'approximate', label: ctx.t.ui.approxKey, colour: ctx.theme.muted, shape: 'hatch', toggle: false, pressed: true });
    notes.push(ctx.t.ui.approxNote);
  }
  for (const p of parts) if (p.trend && p.trend.legend && !legend.some((x) => x.key === p.trend.legend.key)) legend.push(p.trend.legend);
  const findings = parts.map((p) => [p.finding, ...(p.trend ? p.trend.sentences : [])].filter(Boolean).join(p.w.c.sep));
  // the description's finding template (chart/findings.js) replaces the general sentences; trend sentences stay
  const described = describedFinding(ctx, view.findings, { mode, panels: drawnPanels(parts) });
  const sources = (Array.isArray(view.sources) ? view.sources : []).map((s) => ({ name: tx(s.name), url: typeof s.url === 'string' ? s.url : null }));
  const visible = parts.some((p) => p.visible.length > 0);
  const emptyTexts = parts.map((p) => p.body.emptyText).filter(Boolean);
  const one = parts.length === 1 && !multiPanel ? parts[0] : null;
  return {
    id: view.id,
    title: tx(view.title),
    definition: tx(view.subtitle),
    finding: (described === null ? findings : [described, ...parts.flatMap((p) => (p.trend ? p.trend.sentences : []))]).filter(Boolean).join(c.sep),
    controls,
    legend,
    panels: parts.map((p) => p.body.panel),
    notes: notes.filter(Boolean),
    credit: provenance ? sources.map((x) => x.name).filter(Boolean).join(ctx.locale === 'zh' ? '、' : ', ') : '',
    sourceList: provenance ? undefined : sources,
    extraSources: compared.flatMap((x) => x.sources), // the compared figures' sources, credited (core/viewmodel.js)
    table: one ? tableOf(ctx, one.w, one.q, one.tableMarks, extraColumns(one.body)) : panelsTable(ctx, parts, provenance),
    detail: parts.map((p) => p.detail).find(Boolean) ?? null,
    selectable: parts.some((p) => p.selectable),
    ...(parts.some((p) => p.selectable) ? { help: parts.some((p) => p.body.panel.kind === 'map') ? c.helpMap : c.helpSelect } : {}),
    emptyText: emptyTexts[0] ?? (visible ? c.nothing : undefined),
    widthDependent: parts.some((p) => Boolean(p.notes.decimated)),
    stack: view.layout === 'stack' || parts.some((p) => p.body.panel.kind === 'map'),
  };
}

export function chartViews(description) {
  return description.views.map((view) => ({
    id: view.id,
    view,
    build: (ctx) => buildChartView(ctx, view, description),
    defaults: viewDefaults(view),
    allowed: viewAllowed(view),
  }));
}

export function chartTables(description) {
  const out = [];
  if (!description || typeof description !== 'object' || Array.isArray(description)) return out;
  const locales = Array.isArray(description.locales) ? description.locales.filter((l) => typeof l === 'string') : [];
  const isText = (o) => {
    const keys = Object.keys(o);
    return keys.length > 0 && keys.every((k) => locales.includes(k));
  };
  const walk = (o, depth) => {
    if (!o || typeof o !== 'object' || depth > 64) return;
    if (Array.isArray(o)) {
      for (const x of o) walk(x, depth + 1);
      return;
    }
    if (isText(o)) return;
    if (typeof o.table === 'string' && !out.includes(o.table)) out.push(o.table);
    for (const k of Object.keys(o)) walk(o[k], depth + 1);
  };
  walk(description.views, 0);
  for (const k of Object.keys(description)) if (k !== 'views') walk(description[k], 0);
  return out;
}
