// panels.js — a view's panels (data/CHART_FORMAT.md "Panels, modes,
// range"): which one-chart specs a view draws, the range they share, the
// keys and colours of their series across the view, and how the drawn
// parts are read back (findings) and joined (the table). Each panel itself
// is built by core/chart-view.js (panelPart).
//
// panelSpecs(view, mode) → [{spec, pid, panel}]: a one-chart view is its
//   own single panel (pid null: its panel and mark ids are the kind,
//   'bars/s0/0', as before panels); a view with `panels` has one per panel
//   drawn in `mode` (a panel without a mode is always drawn), each a
//   one-chart spec with id `<view>/<panel>` (for error messages).
// rangeOf(ctx, view, specs, state) → null without `range`, else {column,
//   values, from, to, on}: the distinct values of range.column in the
//   panels whose x.column is that column (`on`; after each panel's own
//   filters, through ctx.q), ascending; from / to the state's, clamped to
//   them (the full span when unset or outside; swapped if reversed).
// keyMaker(multiPanel, claimed) → keyOf(series, i, pid, style) → {key,
//   colour}: a one-chart view keeps its series' keys ('s0'…'s11', its links
//   use them); in a view with panels a series is keyed by its value when
//   that is a safe key ([a-z0-9_]{1,64}: the story's series ids, so its
//   share links keep their meaning), a panel without a series by its panel
//   id ('-' as '_'), anything else 's<n>' (n counting the view's series).
//   Colours: a style's palette role (0–7 or 'neutral'), else the next role
//   not in `claimed`, in order of first appearance, one per key.
// claimedColours(specs) → Set of the palette roles series.styles claim in
//   the panels (the default colours skip them).
// drawnPanels(parts) → (id) → {marks, series, format, unit} | null: the
//   drawn parts as the ValueRefs of findings read them (chart/refs.js); id
//   null is the only (or first drawn) panel.
// panelsTable(ctx, parts, provenance) → {head, rows}: the table of a view
//   with panels: one row per mark of every part, the panel's title (when it
//   has one) before its series label; with document provenance, the
//   qualifier and source columns.
// parts: chart-view.js panelPart results ({pid, spec, w, q, body, drawn,
//   tableMarks}).

import { isNum, keyText } from './common.js';
import { viewQuery } from './query.js';

const SAFE_KEY = /^[a-z0-9_]{1,64}$/;

export function panelSpecs(view, mode) {
  if (!Array.isArray(view.panels) || view.panels.length === 0) return [{ spec: view, pid: null, panel: null }];
  return view.panels
    .filter((p) => p && (p.mode === null || p.mode === undefined || p.mode === mode))
    .map((p) => ({ spec: { ...p, id: `${view.id}/${p.id}` }, pid: p.id, panel: p }));
}

export function rangeOf(ctx, view, specs, state) {
  const r = view.range;
  if (!r || typeof r.column !== 'string') return null;
  const values = new Set();
  const on = specs.filter(({ spec }) => spec.mark !== 'map' && spec.x && spec.x.column === r.column);
  for (const { spec } of on) {
    const f = ctx.q(spec.table, {
      filters: viewQuery(spec).spec.filters, groupBy: [r.column], aggregates: [{ op: 'count', as: 'ev_n' }], sort: [{ column: r.column }],
    });
    for (const row of f.rows()) if (isNum(row[r.column])) values.add(row[r.column]);
  }
  const list = [...values].sort((a, b) => a - b);
  if (list.length === 0) return { column: r.column, values: list, from: null, to: null, on };
  const lo = list[0];
  const hi = list[list.length - 1];
  let from = isNum(state.from) && state.from >= lo && state.from <= hi ? state.from : lo;
  let to = isNum(state.to) && state.to >= lo && state.to <= hi ? state.to : hi;
  if (from > to) [from, to] = [to, from];
  return { column: r.column, values: list, from, to, on };
}

export function keyMaker(multiPanel, claimed) {
  const seen = new Map();
  let n = 0;
  let next = 0;
  return (s, i, pid, style) => {
    let key;
    if (!multiPanel) key = s.key;
    else if (s.value === null) key = SAFE_KEY.test(pid.replace(/-/g, '_')) ? pid.replace(/-/g, '_') : `s${n}`; // 'nev-share' → 'nev_share'
    else key = SAFE_KEY.test(keyText(s.value)) ? keyText(s.value) : `s${n}`;
    n += 1;
    if (!seen.has(key)) {
      if (style && (style.colour === 'neutral' || (Number.isInteger(style.colour) && style.colour >= 0 && style.colour <= 7))) seen.set(key, style.colour);
      else {
        while (claimed.has(next)) next += 1;
        seen.set(key, next);
        next += 1;
      }
    }
    return { key, colour: seen.get(key) };
  };
}

export function claimedColours(specs) {
  const out = new Set();
  for (const { spec } of specs) {
    const st = spec.series && spec.series.styles && typeof spec.series.styles === 'object' ? spec.series.styles : {};
    for (const v of Object.values(st)) if (v && Number.isInteger(v.colour)) out.add(v.colour);
  }
  return out;
}

export function drawnPanels(parts) {
  return (id) => {
    const p = id === null ? parts[0] : parts.find((x) => x.pid === id);
    if (!p) return null;
    return { marks: p.body.marks, series: p.drawn, format: typeof p.spec.y?.format === 'string' ? p.spec.y.format : null, unit: p.w.unit };
  };
}

export function panelsTable(ctx, parts, provenance) {
  const h = ctx.t.ui.head;
  const xs = [...new Set(parts.map((p) => p.w.xLabel))];
  const interval = parts.some((p) => p.tableMarks.some((m) => m.projected));
  const head = [xs.length === 1 ? xs[0] : h.period, h.series, h.value, ...(interval ? [ctx.t.trend.intervalHead] : []),
    ...(provenance ? [h.note, h.source] : [])];
  const rows = parts.flatMap((p) => p.tableMarks.map((m) => ({
    id: m.id,
    projected: Boolean(m.projected),
    cells: [
      { text: m.projected ? m.categoryText : m.xText, header: true },
      { text: p.body.panel.title && !p.q.series ? `${p.body.panel.title}: ${m.seriesLabel}` : m.seriesLabel },
      { text: m.empty ? '–' : m.exactText ?? m.valueText, value: m.value },
      ...(interval ? [m.projected ? { text: m.interval, data: { lo: m.lo, hi: m.hi } } : { text: '' }] : []),
      // with document provenance, the story's columns: the qualifier and the sources
      ...(provenance ? [{ text: m.qualifier }, { text: m.sourceText ?? m.sources.map((x) => x.publisher).join('; ') }] : []),
    ],
  })));
  return { head, rows };
}
