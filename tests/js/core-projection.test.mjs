// Trend projections in the page's pure code (web/core/projection-model.js,
// scene-projection.js and the three time-series views): the model from an
// engine Frame (a fake one, then the real engine), declined fits, the marks,
// table rows, notes and sentences, the overlay geometry, and the URL keys.
// Run `./build.sh build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { story } from './core-fixtures.test.mjs';
import {
  CLIP, effectiveHorizon, fromTrend, horizonYears, LAST_YEAR, LEVELS, METHODS, projectSeries, trendSettings, withExtent,
} from '../../web/core/projection-model.js';
import { fromQuery, initialState, toQuery, URL_KEYS } from '../../web/core/url-state.js';
import { PAGE_VIEWS as VIEWS } from './helpers/page-views.mjs';

const PROD = 'caam_nev_production';
const SALES = 'caam_nev_sales';

// A stand-in for the binding's Frame: col(name) and rowCount.
function fakeFrame(columns) {
  const n = columns.x.length;
  return { rowCount: n, col: (name) => columns[name] };
}

const points = (json, id, from = -Infinity, to = Infinity) => json.series_points
  .filter((p) => p.series_id === id && p.year !== null && p.year >= from && p.year <= to).sort((a, b) => a.year - b.year);

test('fromTrend splits an engine Frame into fitted and projected points; NaN is missing', () => {
  const frame = fakeFrame({
    x: Float64Array.from([2020, 2021, 2022, 2023, 2024]),
    y: Float64Array.from([1, 2, 3, 4, 5]),
    lo: Float64Array.from([NaN, NaN, NaN, 3.5, NaN]),
    hi: Float64Array.from([NaN, NaN, NaN, 4.5, 6]),
    projected: [false, false, false, true, true],
  });
  const r = fromTrend({ points: frame, fit: { n: 3, r2: 0.9, growth: null } });
  assert.deepEqual(r.fitted, [{ x: 2020, y: 1 }, { x: 2021, y: 2 }, { x: 2022, y: 3 }]);
  assert.deepEqual(r.projected, [{ x: 2023, y: 4, lo: 3.5, hi: 4.5 }, { x: 2024, y: 5, lo: null, hi: 6 }]);
  assert.deepEqual(r.window, [2020, 2022]);
  assert.equal(r.n, 3);
  assert.deepEqual(r.fit, { n: 3, r2: 0.9, growth: null });
});

test('settings, horizons and declines: the engine’s DATA/ARG refusals become messages, other errors pass', () => {
  assert.deepEqual(trendSettings({ trend: 'holt', level: 95, horizon: 2028 }), { method: 'holt', level: 95, horizon: 2028 });
  assert.deepEqual(trendSettings({ trend: 'cubic', level: 90, horizon: 2040 }), { method: null, level: 80, horizon: LAST_YEAR });
  assert.deepEqual(horizonYears(2025), [2026, 2027, 2028, 2029, 2030]);
  assert.deepEqual(horizonYears(2030), []);
  assert.equal(effectiveHorizon(2027, 2025), 2027);
  assert.equal(effectiveHorizon(2024, 2025), 2030, 'a horizon before the data falls back to the last on offer');
  assert.equal(effectiveHorizon(2030, 2030), null);
  const settings = { method: 'holt', level: 80, horizon: 2030 };
  let seen = null;
  const declining = (xy, opts) => {
    seen = opts;
    throw Object.assign(new Error('trend: 4 points with values; a Holt projection needs at least 6'), { code: 'DATA' });
  };
  const r = projectSeries(declining, { x: [2022, 2023, 2024, 2025], y: [1, 2, 3, 4] }, settings, 2025);
  assert.deepEqual(r, { ok: false, code: 'DATA', message: 'trend: 4 points with values; a Holt projection needs at least 6' });
  assert.deepEqual(seen, { method: 'holt', level: 0.8, horizon: 5, step: 1 });
  assert.throws(() => projectSeries(() => { throw Object.assign(new Error('crash'), { code: 'TRAP' }); }, { x: [1], y: [1] }, settings, 2025), /crash/);
  assert.deepEqual(projectSeries(() => assert.fail('not called'), { x: [], y: [] }, settings, 2030), { ok: false, code: 'RANGE', message: null });
});

test('capacity, linear: projected marks are the engine’s trend of each line’s own points, with method, window and interval', async () => {
  const { build, engine, json } = await story();
  const trend = (xy, o) => engine.trend(xy, o);
  const vm = build('capacity', { state: { trend: 'linear', level: 80, horizon: 2028 }, ctx: { trend } });
  for (const key of [PROD, SALES]) {
    const pts = points(json, key);
    const want = engine.trend({ x: pts.map((p) => p.year), y: pts.map((p) => p.value) }, { method: 'linear', level: 0.8, horizon: 3 });
    const rows = want.points.rows().filter((r) => r.projected);
    const marks = vm.marks.filter((m) => m.projected && m.key === key);
    assert.deepEqual(marks.map((m) => [m.x, m.value, m.lo, m.hi]), rows.map((r) => [r.x, r.y, r.lo, r.hi]), key);
    assert.match(marks[0].extra[0], /^Straight-line trend fitted to 2014–25 \(12 years\)$/);
    assert.match(marks[0].extra[1], /^R² 0\.\d\d$/);
    assert.match(marks[0].extra[2], /^80% interval: [\d.]+m to [\d.]+m vehicles$/);
    assert.equal(marks[0].qualifier, 'Trend projection, not a forecast');
    assert.equal(marks[0].categoryText, '2026 (projected)');
  }
  assert.ok(vm.marks.find((m) => m.projected && m.key === PROD).extra.some((x) => /approximate or lower-bound figures for 2014 and 2018/.test(x)),
    'approximate inputs are included and said so');
  const lines = vm.panels[1];
  assert.deepEqual(lines.xs, [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028]);
  assert.ok(lines.extent.max >= Math.max(...vm.marks.filter((m) => m.projected).map((m) => m.value)));
  const order = vm.marks.filter((m) => m.panel === 'lines').map((m) => m.id);
  assert.equal(order.indexOf(`proj/${PROD}/2026`), order.indexOf(`lines/${PROD}/2025`) + 1, 'a projection follows its own line in keyboard order');
  const head = vm.table.head;
  assert.deepEqual(head, ['Period', 'Series', 'Value', 'Interval', 'Note', 'Source']);
  const row = vm.table.rows.find((r) => r.id === `proj/${PROD}/2028`);
  assert.equal(row.projected, true);
  const m = vm.marks.find((x) => x.id === `proj/${PROD}/2028`);
  assert.deepEqual(row.cells[3].data, { lo: m.lo, hi: m.hi });
  assert.equal(row.cells[4].text, 'Trend projection, not a forecast');
  assert.match(vm.finding, /Trend projections, not forecasts\. Production: a straight-line trend fitted to 2014–25 \(R² 0\.\d\d\) reaches [\d.]+m vehicles in 2028 \(80% interval: /);
  assert.ok(vm.notes.some((n) => /not forecasts: each extends one series’ own figures for the years shown \(2014–25\) to 2028 by a straight-line trend/.test(n)));
  assert.equal(vm.legend.at(-1).shape, 'projection');
  const control = vm.controls.find((c) => c.kind === 'trend');
  assert.deepEqual([control.method, control.level, control.horizon, control.messages], ['linear', 80, 2028, []]);
  assert.deepEqual(control.horizons.map((h) => h.value), [2026, 2027, 2028, 2029, 2030]);
});

test('the fit window follows the year range; log-linear reports the growth rate; Holt declines on five points and keeps the lines', async () => {
  const { build, engine, json } = await story();
  const trend = (xy, o) => engine.trend(xy, o);
  const log = build('capacity', { state: { trend: 'loglinear', from: 2018, to: 2024, level: 95 }, ctx: { trend } });
  const pts = points(json, PROD, 2018, 2024);
  const want = engine.trend({ x: pts.map((p) => p.year), y: pts.map((p) => p.value) }, { method: 'loglinear', level: 0.95, horizon: 6 });
  const first = log.marks.find((m) => m.id === `proj/${PROD}/2025`);
  assert.equal(first.value, want.points.rows().find((r) => r.projected).y);
  assert.deepEqual(first.window, [2018, 2024]);
  const growth = (want.fit.growth * 100).toFixed(1);
  assert.match(first.extra[0], new RegExp(`^Constant growth of ${growth}% a year, fitted to 2018–24 \\(7 years\\)$`));
  assert.match(log.finding, new RegExp(`constant growth of ${growth}% a year, fitted to 2018–24 \\(R² [\\d.]+ on the log scale\\)`));

  const holt = build('capacity', { state: { trend: 'holt', from: 2021 }, ctx: { trend } });
  assert.equal(holt.marks.filter((m) => m.projected).length, 0, 'no silent line');
  assert.equal(holt.panels[1].projection, undefined);
  const c = holt.controls.find((x) => x.kind === 'trend');
  assert.equal(c.messages.length, 2);
  assert.equal(c.messages[0].lead, 'No Holt projection for Production: the engine declined.');
  assert.equal(c.messages[0].reason, 'trend: 5 points with values; a Holt projection needs at least 6');
  assert.ok(holt.marks.filter((m) => m.panel === 'lines').length === 10, 'the chart keeps its lines');
  assert.doesNotMatch(holt.finding, /Trend projection/);

  const zh = build('capacity', { locale: 'zh', state: { trend: 'holt', from: 2021 }, ctx: { trend } });
  assert.equal(zh.controls.find((x) => x.kind === 'trend').messages[0].lead, '产量：引擎拒绝作霍尔特法推算。');
});

test('exports and Europe: bar panels get projected points after the last year; only the series’ own points are used', async () => {
  const { build, engine, json } = await story();
  const trend = (xy, o) => engine.trend(xy, o);
  const ex = build('exports', { state: { trend: 'linear', horizon: 2027 }, ctx: { trend } });
  const bars = ex.panels[0];
  assert.deepEqual(bars.projection.years, [2026, 2027]);
  assert.deepEqual(bars.projection.series.map((s) => s.key), ['caam_vehicle_exports_total', 'caam_nev_exports']);
  const nev = points(json, 'caam_nev_exports');
  const want = engine.trend({ x: nev.map((p) => p.year), y: nev.map((p) => p.value) }, { method: 'linear', level: 0.8, horizon: 2 });
  assert.deepEqual(bars.projection.series[1].marks.map((m) => m.value), want.points.rows().filter((r) => r.projected).map((r) => r.y),
    'CAAM NEV exports only: CPCA is not mixed in');
  assert.ok(!ex.panels[1].projection, 'the share panel is not projected');
  const holt = build('exports', { state: { trend: 'holt' }, ctx: { trend } });
  assert.deepEqual(holt.panels[0].projection.series.map((s) => s.key), ['caam_vehicle_exports_total']);
  assert.match(holt.controls.find((c) => c.kind === 'trend').messages[0].lead, /^No Holt projection for New-energy vehicles/);

  const eu = build('europe', { state: { trend: 'holt', horizon: 2026 }, ctx: { trend } });
  assert.deepEqual(eu.panels[0].projection.series.map((s) => s.key), ['merics_rhodium_chinese_fdi_europe_total']);
  assert.deepEqual(eu.marks.filter((m) => m.projected).map((m) => m.x), [2025, 2026]);
  assert.match(eu.marks.find((m) => m.projected).extra[1], /^Smoothing α [\d.]+, β [\d.]+$/);
  const off = build('europe', { ctx: { trend } });
  assert.ok(!off.marks.some((m) => m.projected) && !off.panels[0].projection, 'off by default');
});

test('a wide interval is cut at CLIP × the largest drawn value, and the chart label says so', () => {
  const overlay = { clipped: false };
  const layer = { extent: { min: 5, max: 1000, midMin: 20, midMax: 60, log: false }, overlay };
  assert.deepEqual(withExtent({ min: 0, max: 40 }, layer), { min: 0, max: 60 * CLIP });
  assert.equal(overlay.clipped, true);
  const fits = { extent: { min: 5, max: 70, midMin: 20, midMax: 60, log: false }, overlay: { clipped: false } };
  assert.deepEqual(withExtent({ min: 0, max: 40 }, fits), { min: 0, max: 70 });
  assert.equal(fits.overlay.clipped, false);
});

test('overlay geometry: bands and dashed lines right of the divider, hit columns per projected year', async () => {
  const { build, engine, scene } = await story();
  const trend = (xy, o) => engine.trend(xy, o);
  for (const [id, panel] of [['capacity', 'lines'], ['exports', 'bars']]) {
    const vm = build(id, { state: { trend: 'linear' }, ctx: { trend } });
    const s = scene(vm, 900);
    const ps = s.panels.find((p) => p.id === panel);
    const layer = ps.projection;
    assert.ok(layer, `${id} has an overlay`);
    for (const b of layer.bands) {
      assert.ok(b.points.length >= 3);
      assert.ok(b.points.slice(1).every(([x]) => x > layer.divider.x), `${id} band right of the divider`);
    }
    const projected = vm.marks.filter((m) => m.projected);
    for (const m of projected) {
      const g = s.marks[m.index];
      assert.equal(g.kind, 'point');
      assert.ok(g.cx > layer.divider.x && g.hit.w > 0, `${m.id} placed`);
    }
    assert.ok(layer.label && /not a forecast/.test(layer.label.lines.join(' ')));
  }
});

test('URL: the projection keys round-trip through the allow-list; bad values are ignored', () => {
  const s = fromQuery('?view=capacity&trend=holt&level=95&horizon=2028&from=2016', VIEWS);
  assert.deepEqual([s.views.capacity.trend, s.views.capacity.level, s.views.capacity.horizon], ['holt', 95, 2028]);
  const q = toQuery(s, VIEWS);
  assert.match(q, /trend=holt/);
  assert.match(q, /level=95/);
  assert.match(q, /horizon=2028/);
  assert.deepEqual(fromQuery(q, VIEWS), s);
  const bad = fromQuery('?view=exports&trend=cubic&level=90&horizon=2031', VIEWS);
  assert.deepEqual(bad.views.exports, initialState(VIEWS).views.exports);
  assert.equal(toQuery(fromQuery('?view=europe&trend=off&level=80&horizon=2030', VIEWS), VIEWS), '?v=1&view=europe', 'defaults stay out of the link');
  const allowed = (param) => URL_KEYS.find((k) => k.param === param).type;
  for (const m of ['off', ...METHODS]) assert.equal(allowed('trend').parse(m), m);
  for (const l of LEVELS) assert.equal(allowed('level').parse(String(l)), l);
  assert.equal(allowed('horizon').parse(String(LAST_YEAR)), LAST_YEAR);
  assert.equal(allowed('horizon').parse(String(LAST_YEAR + 1)), undefined);
});

test('with a projection, every time-series view keeps marks and labels inside the canvas and apart, at 320 and 728 px', async () => {
  const { build, engine, scene } = await story();
  const trend = (xy, o) => engine.trend(xy, o);
  const inside = (b, box) => b.x >= box.x - 0.5 && b.y >= box.y - 0.5 && b.x + b.w <= box.x + box.w + 0.5 && b.y + b.h <= box.y + box.h + 0.5;
  const centred = (l) => ({ x: l.x - l.w / 2, y: l.y, w: l.w, h: l.h });
  const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  for (const locale of ['en', 'zh']) {
    for (const width of [320, 728]) {
      for (const [id, state] of [['capacity', { trend: 'linear' }], ['capacity', { trend: 'loglinear', scale: 'log' }], ['exports', { trend: 'holt', level: 95 }], ['europe', { trend: 'holt' }]]) {
        const vm = build(id, { locale, state, ctx: { trend } });
        const s = scene(vm, width);
        const canvas = { x: 0, y: 0, w: s.width, h: s.height };
        const at = `${id} ${JSON.stringify(state)} ${width} ${locale}`;
        assert.equal(s.marks.length, vm.marks.length, `${at}: a geometry for every mark`);
        for (const m of s.marks) assert.ok(inside(m, canvas) && inside(m.hit, canvas), `${at}: ${m.id} inside`);
        for (const p of s.panels) {
          const labels = (p.categoryLabels ?? []).filter((l) => l.lines.length).map(centred);
          for (let i = 1; i < labels.length; i += 1) assert.ok(!overlap(labels[i - 1], labels[i]), `${at}: category labels ${i - 1} and ${i} overlap`);
          const xt = p.xTicks ?? [];
          for (let i = 1; i < xt.length; i += 1) assert.ok(xt[i].x > xt[i - 1].x, `${at}: year ticks in order`);
          if (p.projection && p.projection.label) {
            const l = p.projection.label;
            assert.ok(l.x >= p.projection.divider.x && l.y >= p.axis.plot.y - 1, `${at}: the projection label sits in the projected region`);
          }
        }
      }
    }
  }
});
