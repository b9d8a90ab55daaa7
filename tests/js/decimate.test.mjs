// decimate.test.mjs — engine.decimate through the page's binding
// (web/engine/engine.js → api_decimate → wasm/decimate.c).
//
// The main check draws the full line and the decimated line with the same
// small rasteriser (below: each segment fills, in every pixel column it
// crosses, the pixel rows between its lowest and highest y in that column)
// into two 1-bit rasters and wants them identical, on random series with
// gaps, ties and random ranges and widths. Timings (1e6 points) are printed,
// never asserted.
// Run: ./build.sh build && node --test tests/js/decimate.test.mjs
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError, Frame } from '../../web/engine/engine.js';
import { loadEngine } from './helpers/load-engine.mjs';

let engine;
let live0;
before(async () => {
  engine = await loadEngine();
  live0 = engine.liveObjects();
});
after(() => {
  // every result table was freed by the binding, errors included
  assert.equal(engine.liveObjects(), live0);
});

/** A small PRNG so that failures reproduce. */
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random walk: sorted x with ties, y with gaps (null). */
function walk(rand, n, { gapRate = 0.01, tieRate = 0.1 } = {}) {
  const x = new Array(n);
  const y = new Array(n);
  let xv = rand() * 100;
  let yv = 0;
  for (let i = 0; i < n; i++) {
    if (rand() >= tieRate) xv += rand() * 2;
    yv += (rand() - 0.5) * 10;
    x[i] = xv;
    y[i] = rand() < gapRate ? null : yv;
  }
  return { x, y };
}

function ingestSeries({ x, y }, extra = null) {
  const rows = x.map((xv, i) => ({ x: xv, y: y[i], ...(extra ? extra(i) : {}) }));
  return engine.ingest(JSON.stringify({ s: rows }));
}

/** Draws the polyline through (x[i], y[i]) (NaN/null y: a break) into a
 * width × height 1-bit raster. x maps to pixels as in wasm/decimate.h:
 * p = (x - from) / (to - from) * width, column floor(p), x == to in the last
 * column; y maps linearly from [ylo, yhi] to rows 0 .. height - 1. */
function raster(x, y, { from, to, width, height, ylo, yhi }) {
  const img = new Uint8Array(width * height);
  const px = (xv) => ((xv - from) / (to - from)) * width;
  const col = (xv) => {
    const c = Math.floor(px(xv));
    if (xv > to) return Math.max(c, width);
    return Math.min(c, width - 1);
  };
  const rowOf = (yv) => Math.floor(((yv - ylo) / (yhi - ylo)) * (height - 1));
  const fill = (c, y0, y1) => {
    const r0 = Math.max(0, rowOf(Math.min(y0, y1)));
    const r1 = Math.min(height - 1, rowOf(Math.max(y0, y1)));
    for (let r = r0; r <= r1; r++) img[r * width + c] = 1;
  };
  const missing = (v) => v == null || Number.isNaN(v);
  for (let i = 1; i < x.length; i++) {
    const xa = x[i - 1], ya = y[i - 1], xb = x[i], yb = y[i];
    if (missing(xa) || missing(ya) || missing(xb) || missing(yb)) continue;
    const ca = col(xa), cb = col(xb);
    const pa = px(xa), pb = px(xb);
    for (let c = Math.max(ca, 0); c <= Math.min(cb, width - 1); c++) {
      // the segment's y where it enters and leaves column c
      const yIn = c === ca ? ya : ya + ((yb - ya) * (c - pa)) / (pb - pa);
      const yOut = c === cb ? yb : ya + ((yb - ya) * (c + 1 - pa)) / (pb - pa);
      fill(c, yIn, yOut);
    }
  }
  return img;
}

function firstDifference(a, b, width) {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return `column ${i % width}, row ${Math.floor(i / width)}: full ${a[i]}, decimated ${b[i]}`;
  }
  return null;
}

describe('decimate: the decimated line rasterises like the full line', () => {
  test('random walks with gaps and ties, random ranges and widths', () => {
    const rand = prng(7);
    let compared = 0;
    let inked = 0;
    for (let iter = 0; iter < 60; iter++) {
      const n = 200 + Math.floor(rand() * 5000);
      const s = walk(rand, n, { gapRate: iter % 3 === 0 ? 0 : 0.02, tieRate: iter % 2 ? 0.2 : 0 });
      const ds = ingestSeries(s);
      try {
        const xmin = s.x[0], xmax = s.x[n - 1];
        const a = xmin - 5 + rand() * (xmax - xmin) * 0.6;
        const to = iter % 4 === 0 ? xmax : a + 1 + rand() * (xmax - a);
        const width = 1 + Math.floor(rand() * (iter % 5 === 0 ? 2000 : 300));
        const f = engine.decimate(ds.table('s'), { x: 'x', y: 'y', from: a, to, pixels: width });
        assert.ok(f instanceof Frame);
        assert.deepEqual(f.columns.map((c) => c.name), ['x', 'y', 'row']);
        const dx = f.col('x'), dy = f.col('y'), drow = f.col('row');
        assert.ok(dx instanceof Float64Array && dy instanceof Float64Array);
        // each point is its row's point; gap rows are rows whose y is missing
        for (let i = 0; i < f.rowCount; i++) {
          const r = drow[i];
          assert.equal(dx[i], s.x[r]);
          if (Number.isNaN(dy[i])) assert.equal(s.y[r], null);
          else assert.equal(dy[i], s.y[r]);
          if (i) assert.ok(drow[i] > drow[i - 1], 'rows ascend');
        }
        const ys = s.y.filter((v) => v != null);
        const view = { from: a, to, width, height: 150, ylo: Math.min(...ys), yhi: Math.max(...ys) };
        const full = raster(s.x, s.y, view);
        const dec = raster(dx, dy, view);
        const diff = firstDifference(full, dec, width);
        assert.equal(diff, null, `iteration ${iter}: n ${n}, [${a}, ${to}], ${width} px: ${diff}`);
        const gaps = dy.filter((v) => Number.isNaN(v)).length;
        if (gaps === 0) assert.ok(f.rowCount <= 4 * width + 2, `${f.rowCount} rows for ${width} px`);
        compared++;
        inked += full.reduce((s, v) => s + v, 0);
      } finally {
        ds.free();
      }
    }
    assert.equal(compared, 60);
    assert.ok(inked > 10000, 'the rasters are not empty');
  });

  test('a gap is never bridged: the raster keeps the hole', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const y = [0, 9, 0, 9, null, null, 0, 9, 0, 9];
    const ds = ingestSeries({ x, y });
    try {
      const nulls = (a) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));
      // 3 px: columns {0, 1, 2}, {3, 4, 5}, {6, 7, 8, 9}; first, min, max,
      // last of each run; the gap row carries the x of the first missing row
      const g = engine.decimate(ds.table('s'), { x: 'x', y: 'y', from: 0, to: 9, pixels: 3 });
      assert.deepEqual(Array.from(g.col('x')), [0, 1, 2, 3, 4, 6, 7, 9]);
      assert.deepEqual(nulls(g.col('y')), [0, 9, 0, 9, null, 0, 9, 9]);
      // 9 px: a column per point, all kept, the gap still a gap
      const f = engine.decimate(ds.table('s'), { x: 'x', y: 'y', from: 0, to: 9, pixels: 9 });
      assert.deepEqual(Array.from(f.col('x')), [0, 1, 2, 3, 4, 6, 7, 8, 9]);
      assert.deepEqual(nulls(f.col('y')), [0, 9, 0, 9, null, 0, 9, 0, 9]);
      const view = { from: 0, to: 9, width: 9, height: 10, ylo: 0, yhi: 9 };
      const img = raster(f.col('x'), f.col('y'), view);
      // nothing drawn in the columns of x in [4, 6): the hole
      assert.equal(img.filter((_, i) => i % 9 === 4 || i % 9 === 5).reduce((s, v) => s + v, 0), 0);
      assert.equal(firstDifference(raster(x, y, view), img, 9), null);
    } finally {
      ds.free();
    }
  });
});

describe('decimate: a query spec in the same call', () => {
  test('filters: only the selected rows, row naming the table row', () => {
    const rand = prng(11);
    const a = walk(rand, 3000, { gapRate: 0.01 });
    // two series interleaved by row; each is sorted by x on its own
    const x = [], y = [], series = [];
    for (let i = 0; i < 3000; i++) {
      x.push(a.x[i], a.x[i] + 0.5);
      y.push(a.y[i], -i);
      series.push('a', 'b');
    }
    const ds = engine.ingest(JSON.stringify({ s: x.map((xv, i) => ({ series: series[i], x: xv, y: y[i] })) }));
    const onlyA = ingestSeries(a);
    try {
      const opts = { x: 'x', y: 'y', from: a.x[100], to: a.x[2500], pixels: 200 };
      // the whole table is not sorted by y's line: series b sits between a's rows,
      // but x still ascends, so the mixed line decimates; the filter picks one series
      const f = engine.decimate(ds.table('s'), { ...opts, filters: [{ column: 'series', in: ['a'] }] });
      const g = engine.decimate(onlyA.table('s'), opts);
      assert.deepEqual(f.col('x'), g.col('x'));
      assert.deepEqual(f.col('y'), g.col('y'));
      // row: the row in the ingested table (a's row i is table row 2i)
      assert.deepEqual(Array.from(f.col('row')), Array.from(g.col('row'), (r) => 2 * r));
      const rows = engine.read(ds.table('s'));
      f.col('row').forEach((r, i) => assert.equal(rows.col('x')[r], f.col('x')[i]));
      // a range filter on another column combines with it
      const h = engine.decimate(ds.table('s'), {
        ...opts,
        filters: [{ column: 'series', eq: 'b' }, { column: 'y', range: [-2000, -1000] }],
      });
      assert.ok(h.rowCount > 0);
      for (let i = 0; i < h.rowCount; i++) {
        const r = h.col('row')[i];
        assert.equal(series[r], 'b');
        assert.ok(y[r] >= -2000 && y[r] <= -1000);
      }
    } finally {
      ds.free();
      onlyA.free();
    }
  });

  test('unsorted x: DATA naming the row; a query sort fixes it', () => {
    const ds = ingestSeries({ x: [3, 1, 2, 5, 4], y: [30, 10, 20, 50, 40] });
    try {
      const t = ds.table('s');
      assert.throws(
        () => engine.decimate(t, { x: 'x', y: 'y', from: 0, to: 10, pixels: 10 }),
        (e) => e instanceof EngineError && e.code === 'DATA' &&
          e.message === "decimate on table 's': x column 'x' decreases at row 2 (1 after 3 at row 1); sort by x first",
      );
      const f = engine.decimate(t, { x: 'x', y: 'y', from: 0, to: 10, pixels: 10, sort: [{ column: 'x' }] });
      assert.deepEqual(Array.from(f.col('x')), [1, 2, 3, 4, 5]);
      assert.deepEqual(Array.from(f.col('y')), [10, 20, 30, 40, 50]);
      // row: the row of the query's (sorted) result
      assert.deepEqual(Array.from(f.col('row')), [0, 1, 2, 3, 4]);
    } finally {
      ds.free();
    }
  });

  test('a grouped query: decimate the aggregated series', () => {
    const recs = [];
    for (let i = 0; i < 400; i++) recs.push({ year: 2000 + (i % 20), v: i });
    const ds = engine.ingest(JSON.stringify({ t: recs }));
    try {
      const f = engine.decimate(ds.table('t'), {
        x: 'year', y: 'total', from: 2000, to: 2019, pixels: 1000,
        groupBy: ['year'], aggregates: [{ op: 'sum', column: 'v', as: 'total' }],
      });
      assert.deepEqual(Array.from(f.col('x')), Array.from({ length: 20 }, (_, i) => 2000 + i));
      // sum over i ≡ k (mod 20), i < 400: 20k + 20 * (0 + 20 + ... + 380)
      assert.deepEqual(Array.from(f.col('y')), Array.from({ length: 20 }, (_, k) => 20 * k + 3800));
    } finally {
      ds.free();
    }
  });
});

describe('decimate: arguments', () => {
  test('pixels: 1 .. limits.max_decimate_pixels, whole numbers; the message names the limit', () => {
    assert.equal(engine.limits.max_decimate_pixels, 16384);
    const ds = ingestSeries({ x: [0, 1, 2], y: [1, 2, 3] });
    try {
      const t = ds.table('s');
      const run = (pixels) => engine.decimate(t, { x: 'x', y: 'y', from: 0, to: 2, pixels });
      for (const [p, shown] of [[0, 0], [-5, -5], [16385, 16385], [1e12, 16385], [-1e12, -1]]) {
        assert.throws(() => run(p), (e) => e.code === 'ARG' &&
          e.message === `decimate on table 's': ${shown} pixels is outside 1..16384 (limit)`, String(p));
      }
      assert.throws(() => run(2.5), (e) => e.code === 'ARG' && /whole number/.test(e.message));
      assert.throws(() => run(undefined), (e) => e.code === 'ARG');
      assert.equal(run(16384).rowCount, 3);
      assert.deepEqual(Array.from(run(1).col('x')), [0, 2]);
    } finally {
      ds.free();
    }
  });

  test('range, columns and types', () => {
    const ds = engine.ingest('{"s":[{"x":0,"y":1,"name":"a"},{"x":1,"y":2,"name":"b"}]}');
    try {
      const t = ds.table('s');
      const err = (spec, code, re) => assert.throws(() => engine.decimate(t, spec),
        (e) => e instanceof EngineError && e.code === code && re.test(e.message), JSON.stringify(spec));
      const base = { x: 'x', y: 'y', from: 0, to: 1, pixels: 10 };
      err({ ...base, from: 2 }, 'ARG', /the x range \[2, 1\] must be finite with from <= to/);
      err({ ...base, to: Infinity }, 'ARG', /must be finite/);
      err({ ...base, from: NaN }, 'ARG', /must be finite/);
      err({ ...base, from: '0' }, 'ARG', /'from' and 'to' must be numbers/);
      err({ ...base, y: undefined }, 'ARG', /'x' and 'y' must be column names/);
      err({ ...base, y: 'nope' }, 'COLUMN', /no column 'nope' \(y\)/);
      err({ ...base, x: 'name' }, 'TYPE', /x column 'name' is string, not number/);
      err({ ...base, filters: [{ column: 'nope', in: ['a'] }] }, 'COLUMN', /filter 1: no column 'nope'/);
      // x == from == to: one column
      const f = engine.decimate(t, { ...base, from: 1, to: 1 });
      assert.deepEqual(Array.from(f.col('x')), [0, 1]);
    } finally {
      ds.free();
    }
  });
});

/** A table buffer in wasm/table_io.h's format: number columns only. */
function numberTable(name, columns) {
  const enc = new TextEncoder();
  const nameBytes = enc.encode(name);
  const rows = columns[0][1].length;
  const colBytes = columns.map(([n]) => enc.encode(n));
  const total = 20 + nameBytes.length + colBytes.reduce((s, b) => s + 8 + b.length + rows * 8, 0);
  const buf = new Uint8Array(total);
  const dv = new DataView(buf.buffer);
  buf.set(enc.encode('EVT1'), 0);
  let o = 4;
  const u32 = (v) => { dv.setUint32(o, v, true); o += 4; };
  u32(total); u32(rows); u32(columns.length); u32(nameBytes.length);
  buf.set(nameBytes, o); o += nameBytes.length;
  columns.forEach(([, values], i) => {
    u32(engine.abi.col_type.number); u32(colBytes[i].length);
    buf.set(colBytes[i], o); o += colBytes[i].length;
    for (let r = 0; r < rows; r++) { dv.setFloat64(o, values[r], true); o += 8; }
  });
  return buf;
}

test('timing (printed, not asserted): 1e6 points', (ctx) => {
  // a 1e6-row table is over the JSON input limit: build it as a table buffer
  if (typeof engine.importTables !== 'function') {
    ctx.skip('the binding has no importTables');
    return;
  }
  const n = 1_000_000;
  const rand = prng(3);
  const x = new Float64Array(n), y = new Float64Array(n), k = new Float64Array(n);
  let yv = 0;
  for (let i = 0; i < n; i++) {
    x[i] = i;
    yv += rand() - 0.5;
    y[i] = i % 100_000 === 99_999 ? NaN : yv;
    k[i] = i % 4;
  }
  const ds = engine.importTables([numberTable('big', [['x', x], ['y', y], ['k', k]])]);
  try {
    const t = ds.table('big');
    const time = (fn, reps = 5) => {
      fn();
      let best = Infinity;
      let out;
      for (let r = 0; r < reps; r++) {
        const t0 = performance.now();
        out = fn();
        best = Math.min(best, performance.now() - t0);
      }
      return [best, out];
    };
    const [tDec, f] = time(() => engine.decimate(t, { x: 'x', y: 'y', from: 0, to: n - 1, pixels: 1000 }));
    const [tSel, g] = time(() => engine.decimate(t, {
      x: 'x', y: 'y', from: 0, to: n - 1, pixels: 1000, filters: [{ column: 'k', in: [1, 2] }],
    }));
    const [tCopy] = time(() => engine.query(t, { filters: [{ column: 'k', in: [0, 1, 2, 3] }] }), 3);
    console.log(`decimate 1e6 points to 1000 px: ${tDec.toFixed(1)} ms, ${f.rowCount} rows out`);
    console.log(`filter (k in [1, 2]) + decimate in one call: ${tSel.toFixed(1)} ms, ${g.rowCount} rows out`);
    console.log(`for scale, copying the 1e6 rows out through engine.query: ${tCopy.toFixed(1)} ms`);
    assert.ok(f.rowCount <= 4 * 1000 + 2 + 10 * 5); // 10 gaps: a gap row and one more run each
  } finally {
    ds.free();
  }
});
