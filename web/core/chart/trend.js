// chart/trend.js — a described line's trend projection (core/chart-view.js).

import { makeMark } from '../marks.js';
import { formatValue } from '../i18n.js';
import { fullText } from '../numbers.js';
import { fromTrend, trendLayer, withExtent } from '../projection-model.js';
import { keyText } from './common.js';
import { valueLabel } from './text.js';

// A line's trend projection (view.trend: {method, horizon, level}) from each
// drawn series' own points, through the engine (ctx.trend = engine.trend):
// the overlay scene-projection.js draws (dashed, with its band), its marks
// (projected: true, lo, hi, interval), a note, sentences for the finding
// and the legend entry. x steps by 1 when every x is a whole number, else
// by the last spacing of the series. A series the engine declines (too few
// points, a constant series, values ≤ 0 for loglinear) gets a note instead.
export function trendLayerOf(ctx, view, w, panel, notes) {
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
      const at = keyText(p.x);
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

// The reader's trend control on a bar or line panel (trend.control: true):
// core/projection-model.js trendLayer over each drawn, visible series (only
// those whose value is in trend.series, when given), from its own drawn
// points within [from, to] (the view's range, else the panel's x span; x
// must be whole years). Marks withheld for low confidence are not used.
// Sets panel.projection and widens its extent; returns the layer
// (control, legend, notes, sentences, marks) or null without the key.
export function controlTrendOf(ctx, view, w, panel, drawn, marks, span) {
  const tr = view.trend;
  if (!tr || tr.control !== true || typeof ctx.trend !== 'function') return null;
  if (panel.kind !== 'bars' && panel.kind !== 'lines') return null;
  const only = Array.isArray(tr.series) && tr.series.length ? tr.series.map(keyText) : null;
  const use = (m) => !m.empty && !m.withheld && !m.projected && Number.isInteger(Number(m.category));
  const xs = marks.filter(use).map((m) => Number(m.category));
  const from = span && Number.isInteger(span.from) ? span.from : Math.min(...xs);
  const to = span && Number.isInteger(span.to) ? span.to : Math.max(...xs);
  const series = drawn.filter((s) => only === null || (s.value === null ? only.includes(keyText(s.key)) : only.includes(keyText(s.value)))).map((s) => ({
    key: s.key,
    label: s.label,
    colour: s.colour,
    rows: marks.filter((m) => m.key === s.key && use(m)).map((m) => ({
      year: Number(m.category), value: m.value, approximate: m.approximate && m.bound === null, bound: m.bound, sources: m.sources,
    })).sort((a, b) => a.year - b.year),
  })).filter((s) => s.rows.length > 0 || only !== null);
  const layer = trendLayer(ctx, {
    panel: panel.id, unit: w.format, from, to, lastYear: to, series, sourcesOf: (r) => ({ sources: r.sources ?? [] }),
  });
  if (layer.overlay) {
    panel.projection = layer.overlay;
    panel.extent = withExtent(panel.extent, layer);
    if (panel.kind === 'lines') panel.xs = [...panel.xs, ...layer.years.filter((x) => !panel.xs.includes(x))];
  }
  return { ...layer, marks: layer.overlay ? layer.overlay.series.flatMap((s) => s.marks) : [] };
}
