// chart/lines.js — the marks of a line or point view (core/chart-view.js).
//
// linesBody(ctx, view, q, w, drawn, visible, notes) → { marks, panel }: a
//   'lines' panel with general number x (continuous: core/scene-lines.js),
//   one series per visible series value, a missing y an empty mark (a gap);
//   point views are dots only (noLines). A line with more points than
//   ctx.width is decimated by the engine (engine.decimate through
//   ctx.decimate) and notes say so (notes.decimated is then true).

import { extentOf, mainRows, markOf } from './common.js';

const DEFAULT_WIDTH = 800;

// The points of one line: the engine's rows, or its decimation when there
// are more of them than pixel columns.
function linePoints(ctx, view, q, s, rows, width, w, notes) {
  const own = rows.filter((r) => (q.series === null || r.s === s.value) && r.x !== null);
  if (view.mark !== 'line' || own.length <= width) return own;
  notes.decimated = true;
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

export function linesBody(ctx, view, q, w, drawn, visible, notes) {
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
