// trend.test.mjs — the engine's trend projections through the binding,
// checked against independent computations: Python's
// statistics.linear_regression for the least-squares fits, an exact series
// for Student's t quantiles, and a hand-worked Holt example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadEngine, REPO } from './helpers/load-engine.mjs';

const engine = await loadEngine();
const story = JSON.parse(readFileSync(join(REPO, 'data', 'ev_story.json'), 'utf8'));

function series(id) {
  const rows = story.series_points.filter((r) => r.series_id === id && r.year !== null).sort((a, b) => a.year - b.year);
  return { x: rows.map((r) => r.year), y: rows.map((r) => r.value) };
}

function pythonRegression(x, y) {
  const script = 'import json,sys,statistics\n' +
    'd=json.load(sys.stdin)\n' +
    'r=statistics.linear_regression(d["x"], d["y"])\n' +
    'print(json.dumps({"slope": r.slope, "intercept": r.intercept}))\n';
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify({ x, y }), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

// P(|T| < t) for integer df (Abramowitz & Stegun 26.7.3 and 26.7.4), and its
// inverse by bisection: an independent route to the t quantile.
function tAbsCdf(t, df) {
  const th = Math.atan(t / Math.sqrt(df));
  const s = Math.sin(th);
  const c = Math.cos(th);
  if (df === 1) return (2 * th) / Math.PI;
  if (df % 2 === 0) {
    let term = 1;
    let sum = 1;
    for (let k = 1; k < df / 2; k++) { term *= ((2 * k - 1) / (2 * k)) * c * c; sum += term; }
    return s * sum;
  }
  let term = c;
  let sum = c;
  for (let k = 1; k <= (df - 3) / 2; k++) { term *= ((2 * k) / (2 * k + 1)) * c * c; sum += term; }
  return (2 / Math.PI) * (th + s * sum);
}
function tQuantile(p, df) {
  let lo = 0;
  let hi = 1e6;
  for (let i = 0; i < 300; i++) {
    const mid = (lo + hi) / 2;
    if (tAbsCdf(mid, df) < 2 * p - 1) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

test('linear: CAAM NEV production 2014–2025 matches Python statistics.linear_regression to 1e-9', () => {
  const { x, y } = series('caam_nev_production');
  assert.ok(x.length >= 10);
  const { points, fit } = engine.trend({ x, y }, { method: 'linear', level: 0.95, horizon: 5 });
  const py = pythonRegression(x, y);
  assert.ok(rel(fit.slope, py.slope) < 1e-9, `slope ${fit.slope} vs ${py.slope}`);
  assert.ok(rel(fit.intercept, py.intercept) < 1e-9, `intercept ${fit.intercept} vs ${py.intercept}`);
  // fitted values and the residual standard error, computed here
  const n = x.length;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - (py.intercept + py.slope * x[i])) ** 2;
  const s = Math.sqrt(sse / (n - 2));
  assert.ok(rel(fit.rse, s) < 1e-9);
  assert.equal(fit.n, n);
  assert.equal(fit.df, n - 2);
  // interval half-widths follow the t distribution with n − 2 df
  const t = tQuantile(0.975, n - 2);
  assert.ok(rel(fit.quantile, t) < 1e-9, `t ${fit.quantile} vs ${t}`);
  const xm = x.reduce((a, b) => a + b) / n;
  const sxx = x.reduce((a, v) => a + (v - xm) ** 2, 0);
  const proj = points.rows().filter((r) => r.projected);
  assert.deepEqual(proj.map((r) => r.x), [2026, 2027, 2028, 2029, 2030]);
  for (const r of proj) {
    const half = t * s * Math.sqrt(1 + 1 / n + (r.x - xm) ** 2 / sxx);
    assert.ok(rel(r.y, py.intercept + py.slope * r.x) < 1e-9);
    assert.ok(rel(r.hi - r.y, half) < 1e-9, `half width at ${r.x}`);
    assert.ok(rel(r.y - r.lo, half) < 1e-9);
  }
  // an 80% interval is narrower, by the ratio of the two t quantiles
  const p80 = engine.trend({ x, y }, { method: 'linear', level: 0.8, horizon: 1 }).points.rows().at(-1);
  assert.ok(rel((p80.hi - p80.y) / (proj[0].hi - proj[0].y), tQuantile(0.9, n - 2) / t) < 1e-9);
});

test('log-linear: CAAM NEV exports — growth rate from Python regression on ln y', () => {
  const { x, y } = series('caam_nev_exports');
  const { points, fit } = engine.trend({ x, y }, { method: 'loglinear', level: 0.95, horizon: 5 });
  const py = pythonRegression(x, y.map(Math.log));
  assert.ok(rel(fit.slope, py.slope) < 1e-9);
  assert.ok(rel(fit.growth, Math.expm1(py.slope)) < 1e-9, 'growth rate = e^b − 1');
  const last = points.rows().at(-1);
  assert.equal(last.x, x.at(-1) + 5);
  assert.ok(rel(last.y, Math.exp(py.intercept + py.slope * last.x)) < 1e-9);
  assert.ok(last.hi - last.y > last.y - last.lo, 'intervals are asymmetric on the original scale');
});

test('Holt: the hand-worked example of tests/c/test_trend.c through the binding', () => {
  const x = [2019, 2020, 2021, 2022, 2023, 2024];
  const y = [10, 12, 13, 15, 18, 20];
  const { points, fit } = engine.trend({ x, y }, { method: 'holt', level: 0.95, horizon: 2, alpha: 0.5, beta: 0.5 });
  assert.deepEqual(Array.from(points.col('y')), [10, 12, 14, 15.25, 16.8125, 19.390625, 21.83203125, 23.96875]);
  const sigma = Math.sqrt(2.843994140625 / 4);
  const z = 1.9599639845400536; // Python statistics.NormalDist().inv_cdf(0.975)
  const rows = points.rows();
  assert.ok(rel(rows[6].hi - rows[6].y, z * sigma) < 1e-12);
  assert.ok(rel(rows[7].hi - rows[7].y, z * sigma * Math.SQRT2) < 1e-12);
  assert.equal(fit.alpha, 0.5);
  assert.equal(fit.r2, null);
});

test('the engine declines what it cannot honestly project, with a clear error', () => {
  const dom = story.investment.filter((r) => r.series === 'rhodium_2025_zev_supply_chain' && r.market === 'domestic');
  const cases = [
    [{ x: dom.map((r) => r.year), y: dom.map((r) => r.usd_bn) }, { method: 'linear' }, 'DATA', /3 points with values; a linear projection needs at least 5/],
    [{ x: [1, 2, 3, 4, 5, 6], y: [NaN, NaN, NaN, NaN, NaN, NaN] }, { method: 'linear' }, 'DATA', /0 points/],
    [{ x: [1, 2, 3, 4, 5], y: [3, 3, 3, 3, 3] }, { method: 'linear' }, 'DATA', /constant/],
    [{ x: [1, 2, 3, 4, 5], y: [1, 2, 3, 4, 5] }, { method: 'linear', horizon: 101 }, 'ARG', /horizon 101/],
    [{ x: [1, 2, 3, 4, 5], y: [1, 2, Infinity, 4, 5] }, { method: 'linear' }, 'ARG', /not finite/],
    [{ x: [1, 2, 3, 4, 5], y: [1, 2, -3, 4, 5] }, { method: 'loglinear' }, 'DATA', /positive values/],
    [{ x: [1, 2, 3, 4, 5], y: [1, 2, 3, 4, 5] }, { method: 'linear', level: 1.2 }, 'ARG', /level/],
    [{ x: [1, 2, 3, 4, 5], y: [1, 2, 3, 4, 5] }, { method: 'cubic' }, 'ARG', /method/],
  ];
  for (const [data, opts, code, message] of cases) {
    assert.throws(() => engine.trend(data, { level: 0.95, horizon: 3, ...opts }),
      (e) => e.code === code && message.test(e.message), `${JSON.stringify(opts)} ${message}`);
  }
  assert.equal(engine.trend({ x: [1, 2, 3, 4, 5], y: [1, 2, 4, 4, 5] }, { method: 'linear', level: 0.9, horizon: 1 }).fit.n, 5);
  assert.equal(engine.liveObjects(), 0);
});
