// frame.mjs — one interaction frame on an ingested synthetic table, as a
// reader panning a time window would cause: filter (two regions, the
// window's ts range) + aggregate (sum of value by category, the bars) +
// decimate (value over ts in the window, same regions, to first/min/max/last
// per pixel column, the line; engine.decimate, when the binding has it) +
// draw (a canvas, in Chromium). Each frame moves the window so that nothing
// is reused.

import { TS0, TS_STEP } from './dataset.mjs';

export const hasDecimate = (engine) => typeof engine.decimate === 'function';

/** Returns frame(i) → {bars, line, ms: {aggregate, decimate, draw}} for
 * table (a TableRef); draw(bars, line, from, to) is called when given. */
export function frameRunner(engine, table, { pixels = 800, draw = null, decimate = hasDecimate(engine) } = {}) {
  const lo = TS0;
  const hi = TS0 + (table.rowCount - 1) * TS_STEP;
  const span = (hi - lo) * 0.4;
  return (i) => {
    const from = lo + ((i * 37) % 60) / 100 * (hi - lo);
    const to = from + span;
    const regions = { column: 'region', in: ['Asia', 'Europe'] };
    const t0 = performance.now();
    const bars = engine.query(table, {
      filters: [regions, { column: 'ts', range: [from, to] }],
      groupBy: ['category'],
      aggregates: [{ op: 'sum', column: 'value', as: 'sum' }],
    });
    const t1 = performance.now();
    const line = decimate ? engine.decimate(table, { x: 'ts', y: 'value', from, to, pixels, filters: [regions] }) : null;
    const t2 = performance.now();
    if (draw) draw(bars, line, from, to);
    const t3 = performance.now();
    return { bars, line, ms: { aggregate: t1 - t0, decimate: t2 - t1, draw: t3 - t2 } };
  };
}

/** Draws the frame's bars and line on a 2D context of width × height and
 * forces the drawing to happen (a one-pixel read-back), so the time counts
 * the rasterization too. The line is drawn from the decimated frame's
 * number columns: the first as x, each other one as a y series. */
export function drawFrame(ctx, width, height, bars, line, from, to) {
  ctx.clearRect(0, 0, width, height);
  const sums = bars.col('sum');
  let max = 0;
  for (const v of sums) if (v > max) max = v;
  const bw = width / Math.max(1, bars.rowCount);
  ctx.fillStyle = '#4c78a8';
  for (let i = 0; i < bars.rowCount; i++) {
    const h = max > 0 ? (sums[i] / max) * (height / 2) : 0;
    ctx.fillRect(i * bw, height / 2 - h, bw * 0.8, h);
  }
  if (line) {
    const nums = line.columns.filter((c) => c.type === 'number').map((c) => line.col(c.name));
    if (nums.length >= 2) {
      const [xs, ...ys] = nums;
      ctx.strokeStyle = '#e45756';
      ctx.lineWidth = 1;
      for (const y of ys) {
        ctx.beginPath();
        let pen = false;
        for (let i = 0; i < xs.length; i++) {
          if (Number.isNaN(y[i]) || Number.isNaN(xs[i])) {
            pen = false;
            continue;
          }
          const px = ((xs[i] - from) / (to - from)) * width;
          const py = height - (y[i] / 10000) * (height / 2);
          if (pen) ctx.lineTo(px, py);
          else ctx.moveTo(px, py);
          pen = true;
        }
        ctx.stroke();
      }
    }
  }
  ctx.getImageData(0, 0, 1, 1);
}
