// chart/lines.js — the marks of a line or point view (core/chart-view.js).
//
// linesBody(ctx, view, q, w, drawn, visible, notes) → { marks, panel }: a
//   'lines' panel with general number x (continuous: core/scene-lines.js),
//   one series per visible series value, a missing y an empty mark (a gap);
//   point views are dots only (noLines). A line with more points than
//   ctx.width is decimated by the engine (engine.decimate through
//   ctx.decimate) and notes say so (notes.decimated is then true).
//   A point view draws at most MAX_POINTS dots (all visible series
//   together): above that it draws none and says so: a note with the
//   count, the limit and what to do instead (an aggregate, a filter), and a
//   short text on the empty chart, also the finding (emptyText). Dots cannot be decimated the
//   way a line is without hiding points, and thinning them would be a
//   sample the reader did not ask for. Raw points are counted by the engine
//   first (lineSizes), so a refused view copies no rows out of it.

import { extentOf, keyText, mainRows, markOf } from './common.js';

const DEFAULT_WIDTH = 800;
export const MAX_POINTS = 5000;

// Per series value (keyText), the number of rows with an x and the x range
// of a line drawn from the rows themselves: one engine query, no rows copied.
function lineSizes(ctx, view, q) {
  const f = ctx.q(view.table, {
    filters: q.spec.filters,
    groupBy: q.series ? [q.series] : [],
    aggregates: [{ op: 'count', column: q.x, as: 'ev_n' }, { op: 'min', column: q.x, as: 'ev_lo' }, { op: 'max', column: q.x, as: 'ev_hi' }],
  });
  return new Map(f.rows().map((r) => [q.series ? keyText(r[q.series]) : '', { n: r.ev_n ?? 0, lo: r.ev_lo, hi: r.ev_hi }]));
}

// The engine's decimation of one line to `width` pixel columns over [lo, hi].
function decimated(ctx, view, q, s, { n, lo, hi }, width, w, notes) {
  notes.decimated = true;
  const filters = [...q.spec.filters, ...(q.series ? [{ column: q.series, eq: s.value }] : [])];
  const spec = { ...q.spec, filters: q.aggregated ? filters : [...filters, { column: q.x, range: [null, null] }], x: q.x, y: q.y, from: lo, to: hi, pixels: width };
  const f = ctx.decimate(view.table, spec);
  const x = f.col('x');
  const y = f.col('y');
  const out = [];
  for (let i = 0; i < f.rowCount; i++) out.push({ x: x[i], s: s.value, y: Number.isNaN(y[i]) ? null : y[i] });
  notes.push(w.c.decimated(s.label, n, out.filter((p) => p.y !== null).length));
  return out;
}

// The points of each drawn series: the engine's rows, or for a line with
// more points than pixel columns the engine's decimation. A line of the
// rows themselves is sized first (lineSizes), so a long one is never
// copied out of the engine whole; aggregated lines are read, then sized.
function seriesPoints(ctx, view, q, shown, width, w, notes) {
  const sizes = !q.aggregated ? lineSizes(ctx, view, q) : null;
  if (view.mark === 'point') {
    const n = sizes
      ? shown.reduce((a, s) => a + (sizes.get(keyText(s.value)) ?? { n: 0 }).n, 0)
      : mainRows(ctx, view, q, shown, w).filter((r) => r.x !== null).length;
    if (n > MAX_POINTS) return { refused: n };
  }
  let rows = null;
  const all = () => {
    if (!rows) rows = mainRows(ctx, view, q, shown, w);
    return rows;
  };
  return shown.map((s) => {
    if (sizes && view.mark === 'line') {
      const size = sizes.get(keyText(s.value)) ?? { n: 0 };
      if (size.n > width) return decimated(ctx, view, q, s, size, width, w, notes);
      return size.n === 0 ? [] : all().filter((r) => (q.series === null || r.s === s.value) && r.x !== null);
    }
    const own = all().filter((r) => (q.series === null || r.s === s.value) && r.x !== null);
    if (view.mark !== 'line' || own.length <= width) return own;
    return decimated(ctx, view, q, s, { n: own.length, lo: own[0].x, hi: own[own.length - 1].x }, width, w, notes);
  });
}

export function linesBody(ctx, view, q, w, drawn, visible, notes) {
  const width = Math.max(1, Math.floor(ctx.width ?? DEFAULT_WIDTH));
  const shown = drawn.filter((s) => visible.includes(s.key));
  let points = seriesPoints(ctx, view, q, shown, width, w, notes);
  let emptyText;
  if (points.refused) {
    emptyText = w.c.tooManyPointsShort(points.refused);
    notes.push(w.c.tooManyPoints(points.refused, MAX_POINTS));
    points = shown.map(() => []);
  }
  const series = shown.map((s, k) => {
    const pts = points[k];
    // panel views key a point by its x (the story's ids) unless x repeats (decimated)
    const byX = w.pid && new Set(pts.map((p) => keyText(p.x))).size === pts.length;
    return {
      key: s.key, label: s.label, colour: s.colour,
      marks: pts.map((p, i) => markOf(ctx, w, {
        id: `${w.pid ?? 'lines'}/${s.key}/${byX ? keyText(p.x) : i}`, panel: w.pid ?? 'lines', kind: 'point', s, colour: s.colour, x: p.x, category: p.x, value: p.y,
        row: p,
      })),
    };
  });
  const xs = [...new Set(series.flatMap((s) => s.marks.map((m) => m.x)))].sort((a, b) => a - b);
  const marks = series.flatMap((s) => s.marks);
  return {
    marks,
    emptyText,
    panel: {
      id: w.pid ?? 'lines', kind: 'lines', unit: w.format, unitLabel: w.format ? undefined : w.unit || w.yLabel, extent: extentOf(marks), xs, series,
      // a panel view's year axis (whole numbers 1000–2999) is drawn as the story's periods
      continuous: !(w.periods && xs.every((x) => Number.isInteger(x) && x >= 1000 && x <= 2999)), noLines: view.mark === 'point', dots: view.mark === 'point', labels: false,
    },
  };
}
