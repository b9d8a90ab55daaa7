// projection-model.js — trend projections on the time-series views.
//
// The numbers are the engine's (engine.trend, reached through ctx.trend): a
// fit to one series' own points in the selected years, projected year by
// year to a horizon with a prediction interval. This module turns that
// result into marks (tooltips, table, keyboard), an overlay the scenes draw
// (core/scene-projection.js), the control, notes and the sentences of the
// text alternative. Pure apart from ctx.trend.
//
// View state (per view; in the URL through core/url-state.js):
//   trend    'off' | 'linear' | 'loglinear' | 'holt'
//   level    80 | 95 (interval coverage, %)
//   horizon  the last projected year (at most LAST_YEAR)
//
// trendSettings(state) → { method (null when off), level, horizon }
// fromTrend({ points, fit }) → { fitted:[{x, y}], projected:[{x, y, lo, hi}],
//   fit (the engine's diagnostics), window:[x0, x1] | null, n }
//   points is the engine's Frame (x, y, lo, hi, projected); missing → null.
// projectSeries(trend, { x, y }, settings, lastYear) → { ok: true, ...fromTrend }
//   or { ok: false, code, message } when the engine declines (EngineError
//   'DATA', or 'ARG' for uneven years under Holt) or nothing is left to
//   project. Any other error is rethrown.
// trendLayer(ctx, spec) → everything a view adds for its projection (below).

import { makeMark } from './marks.js';
import { formatValue } from './i18n.js';
import { percentOf, periodText } from './numbers.js';

export const METHODS = Object.freeze(['linear', 'loglinear', 'holt']);
export const LEVELS = Object.freeze([80, 95]);
export const LAST_YEAR = 2030;
export const trendDefaults = Object.freeze({ trend: 'off', level: 80, horizon: LAST_YEAR });

const DECLINED = new Set(['DATA', 'ARG']);

export function trendSettings(state = {}) {
  const method = METHODS.includes(state.trend) ? state.trend : null;
  const level = LEVELS.includes(state.level) ? state.level : trendDefaults.level;
  const horizon = Number.isInteger(state.horizon) ? Math.min(state.horizon, LAST_YEAR) : LAST_YEAR;
  return { method, level, horizon };
}

// The years a projection can reach from `lastYear`: lastYear + 1 … LAST_YEAR.
export function horizonYears(lastYear) {
  const out = [];
  if (!Number.isInteger(lastYear)) return out;
  for (let y = lastYear + 1; y <= LAST_YEAR; y += 1) out.push(y);
  return out;
}

// The horizon in effect: the chosen year if it lies after lastYear, else the
// last year on offer.
export function effectiveHorizon(horizon, lastYear) {
  const years = horizonYears(lastYear);
  if (years.length === 0) return null;
  return years.includes(horizon) ? horizon : years.at(-1);
}

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function fromTrend({ points, fit }) {
  const x = points.col('x');
  const y = points.col('y');
  const lo = points.col('lo');
  const hi = points.col('hi');
  const projected = points.col('projected');
  const fitted = [];
  const ahead = [];
  for (let i = 0; i < points.rowCount; i += 1) {
    if (projected[i] === true) ahead.push({ x: x[i], y: num(y[i]), lo: num(lo[i]), hi: num(hi[i]) });
    else fitted.push({ x: x[i], y: num(y[i]) });
  }
  return {
    fitted,
    projected: ahead,
    fit: { ...fit },
    window: fitted.length ? [fitted[0].x, fitted[fitted.length - 1].x] : null,
    n: fit.n ?? fitted.length,
  };
}

export function projectSeries(trend, { x, y }, settings, lastYear) {
  const horizon = effectiveHorizon(settings.horizon, lastYear);
  if (horizon === null) return { ok: false, code: 'RANGE', message: null };
  try {
    const result = trend({ x, y }, { method: settings.method, level: settings.level / 100, horizon: horizon - lastYear, step: 1 });
    return { ok: true, ...fromTrend(result) };
  } catch (e) {
    if (e && DECLINED.has(e.code)) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

// Rounded text of a projected value (about three significant digits): a
// projection carries no more precision than that.
const DIGITS = { usd_bn: 1, eur_bn: 1, cny_bn: 1, percent: 1, gwh: 0 };
export function projectedText(locale, v, unit) {
  if (num(v) === null) return '';
  if (unit === 'vehicles') {
    if (locale === 'zh') return formatValue(locale, v, unit, { digits: 0 });
    return `${formatValue(locale, v, unit)} vehicles`;
  }
  return formatValue(locale, v, unit, { digits: DIGITS[unit] });
}

// "9.28m to 18m vehicles", "€4.4bn to €17.7bn", "928万辆至1800万辆".
export function projectedRange(ctx, lo, hi, unit) {
  const w = ctx.t.trend;
  if (unit === 'vehicles' && ctx.locale !== 'zh') return `${w.range(formatValue(ctx.locale, lo, unit), formatValue(ctx.locale, hi, unit))} vehicles`;
  return w.range(projectedText(ctx.locale, lo, unit), projectedText(ctx.locale, hi, unit));
}

const twoDigits = (locale, v) => formatValue(locale, v, null, { digits: 2 });
const windowText = (locale, w) => (w[0] === w[1] ? periodText(locale, String(w[0])) : periodText(locale, `${w[0]}-${w[1]}`));

// The tooltip lines of one fitted series: method and window, fit quality.
function methodLines(ctx, method, r) {
  const w = ctx.t.trend;
  const win = windowText(ctx.locale, r.window);
  const n = formatValue(ctx.locale, r.n, null);
  const f = r.fit;
  if (method === 'loglinear') {
    return [w.method.loglinear(win, n, formatValue(ctx.locale, percentOf(f.growth), 'percent', { digits: 1 })), w.r2Log(twoDigits(ctx.locale, f.r2))];
  }
  if (method === 'holt') return [w.method.holt(win, n), w.holtParams(twoDigits(ctx.locale, f.alpha), twoDigits(ctx.locale, f.beta))];
  return [w.method.linear(win, n), w.r2(twoDigits(ctx.locale, f.r2))];
}

// trendLayer(ctx, spec) → the projection of a view's panel.
//   ctx   the view context; ctx.trend(xy, opts) is engine.trend
//   spec  { panel (id), unit, from, to, lastYear (last year of the range),
//           series: [{ key, label, colour, rows: [{year, value, approximate,
//           bound, source}] in [from, to], sorted by year }],
//           sourcesOf(row) → { sources } }
// Returns {
//   on        a method is chosen
//   control   the view model control (kind 'trend', ui/projection-control.js)
//   overlay   null | { label, start, years, series: [{ key, colour, fitted, marks }] }
//             (marks: the projected points, kind 'point', with projected, lo, hi, interval)
//   years     projected years (ascending) to add to the panel's x axis
//   extent    null | { min, max } over the intervals (for the value axis)
//   legend    null | a legend entry (shape 'projection')
//   notes     [string]; sentences: [string] for the finding (the text alternative)
// }
export function trendLayer(ctx, spec) {
  const w = ctx.t.trend;
  const settings = trendSettings(ctx.state);
  const horizons = horizonYears(spec.lastYear);
  const horizon = effectiveHorizon(settings.horizon, spec.lastYear);
  const messages = [];
  const control = {
    kind: 'trend',
    id: 'trend',
    label: w.control,
    chart: w.chart,
    method: settings.method ?? 'off',
    methods: ['off', ...METHODS].map((m) => ({ value: m, label: w.methods[m] })),
    levelLabel: w.level,
    level: settings.level,
    levels: LEVELS.map((l) => ({ value: l, label: formatValue(ctx.locale, l, 'percent') })),
    horizonLabel: w.horizon,
    horizon: horizon ?? LAST_YEAR,
    horizons: horizons.map((y) => ({ value: y, label: periodText(ctx.locale, String(y)) })),
    messages,
    locale: ctx.locale,
  };
  const off = { on: false, control, overlay: null, years: [], extent: null, legend: null, notes: [], sentences: [] };
  if (!settings.method) return off;
  if (horizon === null) {
    messages.push({ lead: w.nothing(periodText(ctx.locale, String(spec.lastYear))), reason: '' });
    return { ...off, on: true };
  }
  const method = settings.method;
  const levelText = formatValue(ctx.locale, settings.level, 'percent');
  const overlaySeries = [];
  const notes = [];
  const sentences = [];
  const years = new Set();
  let lo = Infinity;
  let hi = -Infinity;
  let mid = [Infinity, -Infinity];
  for (const s of spec.series) {
    const pts = s.rows.filter((r) => Number.isInteger(r.year) && num(r.value) !== null);
    const last = pts.length ? pts[pts.length - 1].year : spec.lastYear;
    const r = projectSeries(ctx.trend, { x: pts.map((p) => p.year), y: pts.map((p) => p.value) }, settings, last);
    if (!r.ok) {
      messages.push({ lead: w.declined(s.label, w.methods[method]), reason: r.message ?? '' });
      continue;
    }
    const lines = methodLines(ctx, method, r);
    const used = pts.filter((p) => p.year >= r.window[0] && p.year <= r.window[1]);
    const rough = used.filter((p) => p.approximate === true || p.bound === 'lower' || p.bound === 'upper');
    const roughNote = rough.length ? w.inputs(s.label, ctx.t.ui.list(rough.map((p) => periodText(ctx.locale, String(p.year))))) : '';
    if (roughNote) notes.push(roughNote);
    const sources = [];
    for (const p of used) for (const src of spec.sourcesOf(p).sources ?? []) if (!sources.some((x) => x.id === src.id)) sources.push(src);
    const marks = r.projected.map((p) => {
      const year = periodText(ctx.locale, String(p.x));
      const interval = projectedRange(ctx, p.lo, p.hi, spec.unit);
      const m = makeMark(ctx, {
        id: `proj/${s.key}/${p.x}`, panel: spec.panel, kind: 'point', key: s.key, category: String(p.x), x: p.x,
        categoryText: w.projectedYear(year), colour: s.colour, seriesLabel: s.label, heading: w.heading(s.label, year),
        value: p.y, unit: spec.unit, qualifier: w.chart,
        extra: [...lines, w.interval(levelText, interval), ...(roughNote ? [roughNote] : [])],
        sources,
      });
      m.projected = true;
      m.lo = p.lo;
      m.hi = p.hi;
      m.valueText = projectedText(ctx.locale, p.y, spec.unit);
      m.interval = interval;
      m.sourceText = w.source;
      m.method = method;
      m.window = r.window;
      return m;
    });
    for (const p of r.projected) {
      years.add(p.x);
      for (const v of [p.lo, p.hi, p.y]) {
        if (v === null || (ctx.state.scale === 'log' && v <= 0)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (p.y !== null && !(ctx.state.scale === 'log' && p.y <= 0)) mid = [Math.min(mid[0], p.y), Math.max(mid[1], p.y)];
    }
    overlaySeries.push({ key: s.key, colour: s.colour, fitted: r.fitted, marks });
    const end = r.projected[r.projected.length - 1];
    const args = {
      series: s.label, window: windowText(ctx.locale, r.window), year: periodText(ctx.locale, String(end.x)),
      value: projectedText(ctx.locale, end.y, spec.unit), level: levelText,
      range: projectedRange(ctx, end.lo, end.hi, spec.unit),
      r2: r.fit.r2 === null ? '' : twoDigits(ctx.locale, r.fit.r2),
      growth: r.fit.growth === null ? '' : formatValue(ctx.locale, percentOf(r.fit.growth), 'percent', { digits: 1 }),
    };
    sentences.push(w.sentence[method](args));
  }
  const sortedYears = [...years].sort((a, b) => a - b);
  const overlay = overlaySeries.length
    ? { label: w.chart, clippedLabel: w.clipped, clipped: false, start: sortedYears[0], years: sortedYears, series: overlaySeries }
    : null;
  if (overlay) {
    notes.unshift(w.note({
      method: w.methodNames[method], window: windowText(ctx.locale, [spec.from, spec.to]),
      horizon: periodText(ctx.locale, String(horizon)), level: levelText,
    }));
    sentences.unshift(w.lead);
  }
  return {
    on: true,
    control,
    overlay,
    years: sortedYears,
    extent: overlay && Number.isFinite(lo) ? { min: lo, max: hi, midMin: mid[0], midMax: mid[1], log: ctx.state.scale === 'log' } : null,
    legend: overlay ? { key: 'projection', label: w.legend(levelText), colour: ctx.theme.muted, shape: 'projection', toggle: false, pressed: true } : null,
    notes,
    sentences,
  };
}

// The panel extent widened to hold the projected values and as much of
// their intervals as stays within CLIP × the largest drawn value (data or
// projected; ×10 on a log scale), so a wide interval cannot flatten the
// data. A cut interval sets overlay.clipped (the chart says so; the tooltip
// and table give it in full).
export const CLIP = 1.5;
export function withExtent(extent, layer) {
  const e = layer.extent;
  if (!e) return extent;
  const has = (v) => typeof v === 'number' && Number.isFinite(v);
  const top = Math.max(...[extent.max, e.midMax].filter(has));
  const cap = e.log ? top * 10 : top * CLIP;
  const max = Math.max(top, Math.min(e.max, cap));
  const low = Math.min(...[extent.min, e.midMin].filter(has));
  const floor = e.log ? low / 10 : Math.min(low, -max * (CLIP - 1));
  const min = Math.min(low, Math.max(e.min, floor));
  if (e.max > max || e.min < min) layer.overlay.clipped = true;
  return { min, max };
}
