// The general renderer's view builder (web/core/chart-view.js) on small
// datasets through the real engine: every mark's value equals an aggregate
// computed here, independently, from the rows; missing values stay gaps;
// each mark (bar, hbar, line, point) with series, filters, aggregates,
// derive, log scale, annotations, notes, sources, locales; long lines
// decimated by the engine; and every model lays out as a scene. The parts
// it composes are also tested on their own: chart/state.js (the state a view
// has) and chart/panels.js (a view's panels).
// Run `./build.sh build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine } from './helpers/load-engine.mjs';
import { fakeMeasure } from './core-fixtures.test.mjs';
import { buildChartView, MAX_SERIES } from '../../web/core/chart-view.js';
import { MAX_POINTS } from '../../web/core/chart/lines.js';
import { tabLabel, textOf } from '../../web/core/chart/text.js';
import { copyFor } from '../../web/core/copy.js';
import { createProvenance } from '../../web/core/provenance.js';
import { themeFor } from '../../web/core/theme.js';
import { finishView } from '../../web/core/viewmodel.js';
import { buildScene } from '../../web/core/scene.js';

const engine = await loadEngine();

// Cars-like rows: origin, cylinders, year, mpg (some missing), hp.
const CARS = [];
{
  const origins = ['USA', 'Europe', 'Japan'];
  let seed = 7;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  for (let i = 0; i < 60; i++) {
    CARS.push({
      name: `car ${i}`,
      origin: i === 59 ? null : origins[i % 3],
      cyl: [4, 6, 8][(i * 7) % 3],
      year: 1970 + (i % 5),
      mpg: i % 11 === 3 ? null : Math.round(100 * (10 + 30 * rnd())) / 100,
      hp: 50 + i * 3,
    });
  }
}

// The view as engine.checkChart normalises it (every key present, Texts as
// objects, defaults written), the form the page hands the builder; the
// check also proves each test's view is a valid ev-chart/1 view.
export const LOCALES = ['en', 'zh', 'pt'];
function checked(view, ds) {
  return engine.checkChart({ format: 'ev-chart/1', locales: LOCALES, title: 'Test', views: [view] }, ds).views[0];
}

function setup(data) {
  const ds = engine.ingest(JSON.stringify(data));
  // unchecked: the raw view as written (the renderer takes both forms)
  const make = (raw, { locale = 'en', defaultLocale = 'en', state = {}, width = 800, spy = null, unchecked = false } = {}) => {
    const view = unchecked ? raw : checked(raw, ds);
    const ctx = {
      q: (t, s) => {
        const f = engine.query(ds.table(t), s);
        if (spy) spy(f);
        return f;
      },
      decimate: (t, s) => engine.decimate(ds.table(t), s),
      locale, defaultLocale, t: copyFor(locale === 'zh' ? 'zh' : 'en'), theme: themeFor('light'),
      prov: createProvenance([]), state: { hidden: [], scale: null, ...state }, width,
      ticks: (a, b, c, o) => engine.ticks(a, b, c, o),
    };
    const vm = finishView(ctx, buildChartView(ctx, view));
    const scene = buildScene(vm, {
      width, measure: fakeMeasure, locale: vm.locale, nice: (a, b, c, o) => engine.nice(a, b, c, o), ticks: (a, b, c, o) => engine.ticks(a, b, c, o),
    });
    return { vm, scene };
  };
  return { ds, make };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const near = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

const barView = (extra = {}) => ({
  id: 'mpg', title: { en: 'Fuel economy', zh: '油耗' }, table: 'data', mark: 'bar',
  x: { column: 'origin', label: { en: 'Origin', zh: '产地' } },
  y: { column: 'mpg', aggregate: 'mean', label: { en: 'Miles per gallon' }, unit: 'mpg' },
  ...extra,
});

test('bar + mean by x and series: each mark is the mean computed here; an empty combination is an empty slot', () => {
  const data = CARS.filter((r) => !(r.origin === 'Europe' && r.cyl === 8));
  const { make } = setup(data);
  const { vm, scene } = make(barView({ series: { column: 'cyl' } }));
  const panel = vm.panels[0];
  assert.equal(panel.kind, 'bars');
  assert.deepEqual(panel.groups.map((g) => g.key), ['Europe', 'Japan', 'USA']);
  const cyls = [4, 6, 8];
  assert.deepEqual(vm.legend.map((l) => l.label), cyls.map(String));
  for (const g of panel.groups) {
    for (const m of g.marks) {
      const cyl = cyls[Number(m.key.slice(1))];
      const vals = data.filter((r) => r.origin === g.key && r.cyl === cyl && r.mpg !== null).map((r) => r.mpg);
      if (vals.length === 0) assert.ok(m.empty, `${g.key} ${cyl} is a gap`);
      else assert.ok(near(m.value, mean(vals)), `${g.key} ${cyl}: ${m.value} vs ${mean(vals)}`);
    }
  }
  const europe8 = panel.groups.find((g) => g.key === 'Europe').marks.find((m) => m.key === 's2');
  assert.ok(europe8 && europe8.empty, 'Europe has a slot for 8 cylinders, left empty');
  const missingX = data.filter((r) => r.origin === null).length;
  const missingY = data.filter((r) => r.mpg === null).length;
  assert.ok(vm.notes.includes(`${missingX} row has no value for Origin and is left out.`), vm.notes.join(' | '));
  assert.ok(vm.notes.includes(`${missingY} rows have no value for Miles per gallon and are left out of the figures.`), vm.notes.join(' | '));
  assert.equal(scene.marks.length, vm.marks.length);
  assert.match(vm.table.head.at(-1), /Miles per gallon \(mpg\)/);
  const drawn = vm.marks.filter((m) => !m.empty);
  assert.equal(vm.table.rows.filter((r) => r.cells.at(-1).value !== null).length, drawn.length);
  assert.ok(drawn.every((m) => m.valueText.endsWith(' mpg')));
});

test('bar finding names the highest and lowest category from the marks; filters are the engine\'s', () => {
  const { make } = setup(CARS);
  const { vm } = make(barView({ filters: [{ column: 'year', range: [1971, 1973] }, { column: 'origin', in: ['USA', 'Japan'] }] }));
  const by = (o) => mean(CARS.filter((r) => r.origin === o && r.year >= 1971 && r.year <= 1973 && r.mpg !== null).map((r) => r.mpg));
  const marks = vm.marks;
  assert.deepEqual(marks.map((m) => m.category), ['Japan', 'USA']);
  marks.forEach((m) => assert.ok(near(m.value, by(m.category))));
  const [hi, lo] = by('Japan') > by('USA') ? ['Japan', 'USA'] : ['USA', 'Japan'];
  assert.match(vm.finding, new RegExp(`^Highest: ${hi}, .* mpg\\. Lowest: ${lo}, .* mpg\\.$`));
  assert.equal(vm.controls.length, 0, 'no log choice unless y.scale is log');
});

test('bar without an aggregate: one row per category or a clear error naming the repeat', () => {
  const { make } = setup([{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'a', v: 3 }]);
  const view = { id: 'raw', title: 'Raw', table: 'data', mark: 'bar', x: { column: 'k' }, y: { column: 'v' } };
  assert.throws(() => make(view), (e) => e.code === 'MODEL' && /'a' \(k\) repeats/.test(e.message));
  const ok = setup([{ k: 'a', v: 1 }, { k: 'b', v: null }, { k: 'c', v: -2 }]).make(view);
  assert.deepEqual(ok.vm.marks.map((m) => m.value), [1, null, -2]);
  assert.ok(ok.vm.marks[1].empty);
});

test('hbar + sum and count: rows per category with the engine sums; count needs no column', () => {
  const { make } = setup(CARS);
  const { vm, scene } = make({ id: 'hp', title: 'HP', table: 'data', mark: 'hbar', x: { column: 'origin' }, y: { column: 'hp', aggregate: 'sum' } });
  const p = vm.panels[0];
  assert.equal(p.kind, 'hbars');
  for (const r of p.rows) {
    assert.equal(r.mark.value, CARS.filter((c) => c.origin === r.label).reduce((a, c) => a + c.hp, 0));
  }
  assert.equal(scene.marks.length, 3);
  const count = make({ id: 'n', title: 'N', table: 'data', mark: 'hbar', x: { column: 'cyl' }, y: { aggregate: 'count' } }).vm;
  for (const m of count.marks) assert.equal(m.value, CARS.filter((c) => String(c.cyl) === m.category).length);
  assert.equal(count.marks[0].categoryText, '4');
});

test('bar + count of a column: rows with a value per x, labelled as a count; the notes name the column', () => {
  const { make } = setup(CARS);
  for (const [x, locale, label] of [['origin', 'en', 'Count of mpg'], ['cyl', 'zh', '“mpg”计数']]) {
    const { vm } = make({ id: 'n', title: 'N', table: 'data', mark: 'bar', x: { column: x }, y: { column: 'mpg', aggregate: 'count' } }, { locale });
    const p = vm.panels[0];
    for (const m of vm.marks) assert.equal(m.value, CARS.filter((c) => String(c[x]) === m.category && c.mpg !== null).length, `${x} ${m.category}`);
    assert.equal(p.unitLabel, label);
    const missing = CARS.filter((c) => c.mpg === null).length;
    assert.ok(vm.notes.some((n) => n.includes(String(missing)) && n.includes('mpg') && !n.includes(label)), vm.notes.join(' | '));
  }
  // the count of x by x is a count too, not the key (core/chart/query.js KEY_Y)
  const { vm } = make({ id: 'c', title: 'C', table: 'data', mark: 'bar', x: { column: 'cyl' }, y: { column: 'cyl', aggregate: 'count' } });
  for (const m of vm.marks) assert.equal(m.value, CARS.filter((c) => String(c.cyl) === m.category).length);
});

test('line without aggregate: the rows themselves, sorted by x; a missing y is an empty mark and breaks the line', () => {
  const rows = [];
  for (let i = 0; i < 20; i++) rows.push({ t: i * 0.5, v: i === 7 || i === 8 ? null : i * i, g: i % 2 ? 'odd' : 'even' });
  rows.push({ t: null, v: 3, g: 'odd' });
  const { make } = setup([...rows].reverse());
  const { vm, scene } = make({ id: 'l', title: 'L', table: 'data', mark: 'line', x: { column: 't' }, y: { column: 'v' } });
  const s = vm.panels[0].series[0];
  const want = rows.filter((r) => r.t !== null);
  assert.deepEqual(s.marks.map((m) => m.x), want.map((r) => r.t));
  assert.deepEqual(s.marks.map((m) => m.value), want.map((r) => r.v));
  const paths = scene.panels[0].paths;
  assert.equal(paths.length, 2, 'the gap splits the line in two');
  assert.equal(paths[0].points.length, 7);
  assert.equal(paths[1].points.length, 11);
  assert.ok(vm.notes.some((n) => /2 rows have no value for v: gaps, never filled in\./.test(n)), vm.notes.join(' | '));
  assert.ok(vm.notes.some((n) => /1 row has no value for t/.test(n)));
  assert.match(vm.finding, /^v rose from 0 \(t = 0\) to 361 \(t = 9\.5\)\.$/);
});

test('line + series: one line per series value, colours from the theme, series order and labels, legend toggles', () => {
  const rows = [];
  for (let y = 2000; y < 2010; y++) for (const c of ['a', 'b', 'c']) rows.push({ year: y, c, v: y - 2000 + (c === 'b' ? 100 : 0) });
  const { make } = setup(rows);
  const view = {
    id: 'l', title: 'L', table: 'data', mark: 'line', x: { column: 'year' }, y: { column: 'v', aggregate: 'sum' },
    series: { column: 'c', order: ['c', 'a'], labels: { a: { en: 'Alpha', zh: '甲' } } },
  };
  const { vm } = make(view);
  const theme = themeFor('light');
  assert.deepEqual(vm.panels[0].series.map((s) => s.label), ['c', 'Alpha', 'b']);
  assert.deepEqual(vm.panels[0].series.map((s) => s.colour), theme.series.slice(0, 3));
  for (const s of vm.panels[0].series) {
    const value = s.label === 'Alpha' ? 'a' : s.label;
    assert.deepEqual(s.marks.map((m) => m.value), rows.filter((r) => r.c === value).map((r) => r.v));
  }
  assert.ok(vm.legend.every((l) => l.toggle && l.pressed));
  const hidden = make(view, { state: { hidden: ['s1'] } }).vm;
  assert.deepEqual(hidden.panels[0].series.map((s) => s.label), ['c', 'b']);
  assert.equal(hidden.legend.find((l) => l.key === 's1').pressed, false);
  const zh = make(view, { locale: 'zh' }).vm;
  assert.equal(zh.panels[0].series[1].label, '甲');
  assert.equal(zh.title, 'L');
  const all = make(view, { state: { hidden: ['s0', 's1', 's2'] } }).vm;
  assert.equal(all.marks.length, 0);
  assert.equal(all.empty, copyFor('en').ui.allHidden);
});

test('more than 12 series: 12 drawn, the rest named in a note', () => {
  const rows = [];
  for (let k = 0; k < 15; k++) for (let x = 0; x < 3; x++) rows.push({ x, k: `k${String(k).padStart(2, '0')}`, v: k * 10 + x });
  const { make } = setup(rows);
  const { vm } = make({ id: 'p', title: 'P', table: 'data', mark: 'point', x: { column: 'x' }, y: { column: 'v' }, series: { column: 'k' } });
  assert.equal(vm.panels[0].series.length, MAX_SERIES);
  assert.ok(vm.notes.includes('Only the first 12 series are drawn; 3 more are left out: k12, k13 and k14.'));
  assert.equal(vm.marks.length, 36);
});

test('point: dots only, no connecting lines; every row a dot at its own x and y', () => {
  const { make } = setup(CARS);
  const { vm, scene } = make({ id: 'sc', title: 'HP v MPG', table: 'data', mark: 'point', x: { column: 'hp' }, y: { column: 'mpg' } });
  const p = scene.panels[0];
  assert.equal(p.paths.length, 0);
  const withY = CARS.filter((r) => r.mpg !== null);
  assert.equal(p.dots.length, withY.length);
  const drawn = vm.marks.filter((m) => !m.empty);
  for (const r of withY) assert.ok(drawn.some((m) => m.x === r.hp && m.value === r.mpg));
});

test('a long line is decimated by the engine to the canvas width; points are rows of the data, gaps stay', () => {
  const rows = [];
  for (let i = 0; i < 6000; i++) rows.push({ x: i, y: i >= 3000 && i < 3010 ? null : Math.sin(i / 50) * 100 + (i % 7) });
  const { make } = setup(rows);
  const view = { id: 'big', title: 'Big', table: 'data', mark: 'line', x: { column: 'x' }, y: { column: 'y' } };
  const { vm, scene } = make(view, { width: 300 });
  const s = vm.panels[0].series[0];
  assert.ok(s.marks.length < 6000 && s.marks.length <= 4 * 300 + 8, `${s.marks.length} points`);
  for (const m of s.marks.filter((x) => !x.empty)) assert.equal(m.value, rows[m.x].y, `x ${m.x}`);
  assert.ok(s.marks.some((m) => m.empty && m.x >= 3000 && m.x < 3010), 'the gap is kept');
  const max = Math.max(...rows.filter((r) => r.y !== null).map((r) => r.y));
  assert.ok(s.marks.some((m) => m.value === max), 'the peak survives decimation');
  assert.ok(vm.notes.some((n) => /^y: 6,000 points, drawn from the \d+ the engine keeps/.test(n)), vm.notes.join(' | '));
  assert.ok(scene.panels[0].paths.length >= 2);
  assert.equal(vm.widthDependent, true);
  // an aggregated line (sum per x of two rows each) decimated too: each point is the engine's sum
  const doubled = setup([...rows, ...rows.map((r) => ({ x: r.x, y: r.y === null ? null : 1 }))]).make(
    { ...view, y: { column: 'y', aggregate: 'sum' } }, { width: 250 }).vm;
  const ds2 = doubled.panels[0].series[0].marks;
  assert.ok(ds2.length <= 4 * 250 + 8 && ds2.length > 250, `${ds2.length} points`);
  for (const m of ds2.filter((x) => !x.empty)) assert.ok(near(m.value, rows[m.x].y + 1), `x ${m.x}`);
  assert.ok(ds2.some((m) => m.empty && m.x >= 3000 && m.x < 3010), 'the gap is kept');
  const small = make(view, { width: 8000 }).vm;
  assert.equal(small.panels[0].series[0].marks.length, 6000, 'not decimated when the canvas is wider');
  assert.equal(small.widthDependent, false);
});

test('derive after the aggregate: a share per x, y.column naming the derived column', () => {
  const { make } = setup(CARS);
  const { vm } = make({
    id: 'sh', title: 'Share', table: 'data', mark: 'bar', x: { column: 'year' }, series: { column: 'origin' },
    y: { column: 'share', aggregate: 'sum' },
    derive: [{ op: 'share', column: 'hp', by: ['year'], as: 'share' }],
  });
  for (const m of vm.marks) {
    const year = Number(m.category);
    const origin = m.seriesLabel;
    const total = CARS.filter((r) => r.year === year && r.origin !== null).reduce((a, r) => a + r.hp, 0);
    const part = CARS.filter((r) => r.year === year && r.origin === origin).reduce((a, r) => a + r.hp, 0);
    assert.ok(near(m.value, part / total), `${year} ${origin}`);
  }
});

test('log scale: a choice control, values at or below zero not drawn and counted in a note', () => {
  const rows = [1, 10, 0, 1000, -5, 100].map((v, i) => ({ x: i, v }));
  const { make } = setup(rows);
  const view = { id: 'lg', title: 'Log', table: 'data', mark: 'line', x: { column: 'x' }, y: { column: 'v', scale: 'log' } };
  const { vm, scene } = make(view);
  assert.deepEqual(vm.controls.map((c) => [c.id, c.value]), [['scale', 'log']]);
  assert.equal(vm.panels[0].scale, 'log');
  assert.deepEqual(vm.marks.map((m) => m.value), [1, 10, null, 1000, null, 100]);
  assert.ok(vm.notes.includes('On the logarithmic scale 2 values at or below zero are not drawn.'));
  assert.ok(scene.panels[0].axis.log);
  const lin = make(view, { state: { scale: 'linear' } }).vm;
  assert.deepEqual(lin.marks.map((m) => m.value), [1, 10, 0, 1000, -5, 100]);
  assert.equal(lin.panels[0].scale, 'linear');
});

test('annotations, notes, sources, subtitle and Text in a locale with a fallback to the default', () => {
  const { make } = setup(CARS);
  const view = barView({
    subtitle: { en: 'Mean mpg', pt: 'Média' },
    annotations: [{ x: 'Japan', text: { en: 'Lightest cars', pt: 'Carros leves' } }, { x: 'Mars', text: 'No such place' }],
    notes: [{ en: 'A note.', pt: 'Uma nota.' }],
    sources: [{ name: 'Vega', url: 'https://github.com/vega/vega-datasets' }, { name: 'Print' }],
  });
  const en = make(view).vm;
  const target = en.marks.find((m) => m.id === en.panels[0].annotation.markId);
  assert.equal(target.category, 'Japan');
  assert.equal(en.panels[0].annotation.text, 'Lightest cars');
  assert.ok(en.notes.includes('Mars: No such place'), 'an annotation with no drawn mark becomes a note');
  assert.ok(en.notes.includes('A note.'));
  assert.deepEqual(en.sourceList, [{ name: 'Vega', url: 'https://github.com/vega/vega-datasets' }, { name: 'Print', url: null }]);
  const pt = make(view, { locale: 'pt', defaultLocale: 'en' }).vm;
  assert.equal(pt.definition, 'Média');
  assert.equal(pt.title, 'Fuel economy', 'no pt title: the default locale');
  assert.equal(pt.panels[0].annotation.text, 'Carros leves');
  assert.ok(pt.notes.includes('Uma nota.'));
  assert.match(pt.notes.join(' '), /rows have no value/, 'UI copy beyond en/zh falls back to English');
  const zh = make(view, { locale: 'zh' }).vm;
  assert.equal(zh.title, '油耗');
  assert.match(zh.notes.join(''), /行缺少“产地”的值/);
  assert.match(zh.finding, /^最高：/);
  const line = setup([{ x: 1, v: 2 }, { x: 2, v: 4 }, { x: 3, v: 3 }]).make({
    id: 'a', title: 'A', table: 'data', mark: 'line', x: { column: 'x' }, y: { column: 'v' }, annotations: [{ x: 2, y: 4, text: 'Peak' }],
  });
  assert.equal(line.vm.panels[0].annotation.markId, 'lines/s0/1');
  assert.ok(line.scene.panels[0].annotation, 'the lines scene places the annotation');
});

test('textOf: strings, locale objects, fallback, and non-text', () => {
  assert.equal(textOf('x', 'zh', 'en'), 'x');
  assert.equal(textOf({ en: 'a', zh: 'b' }, 'zh', 'en'), 'b');
  assert.equal(textOf({ en: 'a' }, 'zh', 'en'), 'a');
  assert.equal(textOf(null, 'en', 'en'), '');
  assert.equal(textOf({ __proto__: { en: 'x' } }, 'en', 'en'), '');
});

test('tabLabel: the view\'s tab in the locale (default-locale fallback), else its title', () => {
  const view = { id: 'v', title: { en: 'Where the money went', zh: '资金流向' }, tab: { en: 'Money', zh: '资金' } };
  assert.equal(tabLabel(view, 'zh', 'en'), '资金');
  assert.equal(tabLabel(view, 'en', 'en'), 'Money');
  assert.equal(tabLabel({ ...view, tab: { en: 'Money' } }, 'zh', 'en'), 'Money');
  assert.equal(tabLabel({ ...view, tab: null }, 'zh', 'en'), '资金流向');
  assert.equal(tabLabel({ ...view, tab: { en: '' } }, 'en', 'en'), 'Where the money went');
  assert.equal(tabLabel({ id: 'v', title: 'T' }, 'en', 'en'), 'T');
  assert.equal(tabLabel(null, 'en', 'en'), '');
});

test('trend: the engine\'s projection from each series\' drawn points, equal to an OLS fit computed here; a series the engine declines gets a note', () => {
  const rows = [];
  const ys = { a: [3, 5.5, 6.8, 9.1, 11.2, 12.7], b: [10, 9, 9.5, 8, 7.2, 7] };
  for (const k of ['a', 'b']) ys[k].forEach((v, i) => rows.push({ year: 2010 + i, k, v }));
  rows.push({ year: 2010, k: 'c', v: 0 }, { year: 2011, k: 'c', v: 4 }, { year: 2012, k: 'c', v: 5 });
  const { make } = setup(rows);
  const view = {
    id: 't', title: 'T', table: 'data', mark: 'line', x: { column: 'year' }, y: { column: 'v' }, series: { column: 'k' },
    trend: { method: 'linear', horizon: 3, level: 0.9 },
  };
  const ctxTrend = { trend: (xy, o) => engine.trend(xy, o) };
  const build = (raw) => {
    const ds = engine.ingest(JSON.stringify(rows));
    const v = checked(raw, ds);
    const ctx = {
      q: (t, s) => engine.query(ds.table(t), s), decimate: (t, s) => engine.decimate(ds.table(t), s), ...ctxTrend,
      locale: 'en', defaultLocale: 'en', t: copyFor('en'), theme: themeFor('light'), prov: createProvenance([]), state: { hidden: [] }, width: 800,
    };
    const vm = finishView(ctx, buildChartView(ctx, v));
    const scene = buildScene(vm, { width: 800, measure: fakeMeasure, locale: 'en', nice: (a, b, c, o) => engine.nice(a, b, c, o), ticks: (a, b, c, o) => engine.ticks(a, b, c, o) });
    return { vm, scene };
  };
  const { vm, scene } = build(view);
  const p = vm.panels[0];
  assert.ok(p.projection, 'the overlay is on the panel');
  for (const key of ['a', 'b']) {
    const y = ys[key];
    const x = y.map((_, i) => 2010 + i);
    const mx = x.reduce((s, v) => s + v, 0) / x.length;
    const my = y.reduce((s, v) => s + v, 0) / y.length;
    const slope = x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / x.reduce((s, v) => s + (v - mx) ** 2, 0);
    const series = p.projection.series.find((s) => s.key === vm.legend.find((l) => l.label === key).key);
    assert.deepEqual(series.marks.map((m) => m.x), [2016, 2017, 2018]);
    for (const m of series.marks) {
      assert.ok(near(m.value, my + slope * (m.x - mx)), `${key} ${m.x}: ${m.value}`);
      assert.ok(m.lo < m.value && m.value < m.hi && m.projected);
    }
  }
  assert.deepEqual(p.xs.slice(-3), [2016, 2017, 2018]);
  assert.equal(vm.marks.filter((m) => m.projected).length, 6, 'c (3 points) is declined by the engine');
  assert.ok(vm.notes.some((n) => /^No trend projection for c: .*needs at least 5/.test(n)), vm.notes.join(' | '));
  assert.equal(vm.table.head.at(-1), 'Interval');
  assert.equal(vm.table.rows.filter((r) => r.projected).length, 6);
  assert.ok(vm.legend.some((l) => l.shape === 'projection'));
  assert.match(vm.finding, /Trend projections, not forecasts\..*a: the trend projection reaches .* at 2018 \(90% interval: /);
  assert.ok(scene.panels[0].projection, 'the lines scene draws the overlay');
  assert.ok(vm.notes.some((n) => /3 steps ahead by a straight-line trend; the band is the 90% prediction interval/.test(n)));

  const declined = build({ ...view, trend: { method: 'loglinear', horizon: 2 } }).vm;
  assert.ok(declined.notes.some((n) => /^No trend projection for c: /.test(n)), declined.notes.join(' | '));
  assert.equal(declined.marks.filter((m) => m.projected && m.seriesLabel === 'c').length, 0);
  assert.equal(declined.marks.filter((m) => m.projected).length, 4);
});

test('every mark × aggregate × series combination: marks equal aggregates computed here; all-missing groups are gaps', () => {
  const rows = [];
  let n = 0;
  for (let x = 0; x < 5; x++) {
    for (const s of ['p', 'q']) {
      for (let r = 0; r < 3; r++) {
        n += 1;
        const missing = (x === 2 && s === 'q') || n % 7 === 0;
        rows.push({ x, s, y: missing ? null : ((n * 37) % 23) - 5 });
      }
    }
  }
  const { make } = setup(rows);
  const agg = {
    count: (v) => v.length,
    sum: (v) => (v.length ? v.reduce((a, b) => a + b, 0) : null),
    mean: (v) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null),
    min: (v) => (v.length ? Math.min(...v) : null),
    max: (v) => (v.length ? Math.max(...v) : null),
    median: (v) => {
      if (!v.length) return null;
      const o = [...v].sort((a, b) => a - b);
      return o.length % 2 ? o[(o.length - 1) / 2] : (o[o.length / 2 - 1] + o[o.length / 2]) / 2;
    },
  };
  let checked = 0;
  for (const mark of ['bar', 'hbar', 'line', 'point']) {
    for (const aggregate of [null, ...Object.keys(agg)]) {
      for (const withSeries of [false, true]) {
        const view = { id: 'c', title: 'C', table: 'data', mark, x: { column: 'x' }, y: { column: 'y', ...(aggregate ? { aggregate } : {}) } };
        if (withSeries) view.series = { column: 's' };
        const what = `${mark} ${aggregate ?? 'rows'} ${withSeries ? 'by series' : ''}`;
        if (!aggregate && (mark === 'bar' || mark === 'hbar')) {
          assert.throws(() => make(view), /repeats/, what);
          continue;
        }
        const { vm, scene } = make(view);
        assert.equal(scene.marks.length, vm.marks.length, what);
        const drawn = vm.marks;
        if (!aggregate) {
          assert.equal(drawn.length, rows.length, what);
          for (const key of withSeries ? ['p', 'q'] : [null]) {
            const own = rows.filter((r) => key === null || r.s === key);
            const got = drawn.filter((m) => key === null || m.seriesLabel === key);
            assert.deepEqual(got.map((m) => [m.x, m.value]), own.map((r) => [r.x, r.y]), what);
          }
        } else {
          const keys = withSeries ? ['p', 'q'] : [null];
          for (let x = 0; x < 5; x++) {
            for (const key of keys) {
              const vals = rows.filter((r) => r.x === x && (key === null || r.s === key) && r.y !== null).map((r) => r.y);
              const want = agg[aggregate](vals);
              const m = drawn.find((d) => d.category === String(x) && (key === null || d.seriesLabel === key));
              assert.ok(m, `${what}: x ${x} ${key}`);
              if (want === null) assert.ok(m.empty, `${what}: x ${x} ${key} is a gap`);
              else assert.ok(near(m.value, want), `${what}: x ${x} ${key}: ${m.value} vs ${want}`);
            }
          }
        }
        checked += 1;
      }
    }
  }
  assert.equal(checked, 4 * 7 * 2 - 4, 'every combination but bars of raw rows (refused above) was drawn and checked');
});

test('finding: ties at the highest or lowest value are all named; value labels are short, tooltips full', () => {
  const { make } = setup([{ k: 'a', v: 4.123456 }, { k: 'b', v: 4.123456 }, { k: 'c', v: 1 }, { k: 'd', v: 2 }]);
  const { vm } = make({ id: 't', title: 'T', table: 'data', mark: 'bar', x: { column: 'k' }, y: { column: 'v', unit: 'kg' } });
  assert.equal(vm.finding, 'Highest: a and b, 4.123 kg. Lowest: c, 1 kg.');
  assert.equal(vm.marks[0].label, '4.12 kg');
  assert.equal(vm.marks[0].valueText, '4.123 kg');
  assert.equal(vm.table.rows[0].cells.at(-1).text, '4.123456 kg', 'the table keeps every digit');
  const many = setup([1, 2, 3, 4, 5, 6].map((i) => ({ k: `k${i}`, s: i % 2 ? 'odd' : 'even', v: i === 6 ? 9 : 1 }))).make({
    id: 't', title: 'T', table: 'data', mark: 'hbar', x: { column: 'k' }, y: { column: 'v' }, series: { column: 's' },
  }, { locale: 'zh' }).vm;
  assert.equal(many.finding, '最高：k6（even），9。最低：k1（odd）、k2（even）、k3（odd）等5项，1。');
});

test('map: one circle per country at the engine\'s point, area from the engine\'s sums; hollow for non-positive, unplaced codes in a note', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { BUILD } = await import('./helpers/load-engine.mjs');
  const shapes = engine.loadShapes(fs.readFileSync(path.join(BUILD, 'countries-110m.json')), 'countries');
  const points = engine.mapPoints(shapes).rows();
  shapes.free();
  const rows = [
    { c: 'HUN', v: 7.5 }, { c: 'HUN', v: 2.25 }, { c: 'DEU', v: 4 }, { c: 'ESP', v: null }, { c: 'BRA', v: 0 }, { c: 'XXX', v: 3 }, { c: null, v: 1 },
    { c: 'NZL', v: 1.5 }, { c: 'ISL', v: 0.5 }, { c: 'XKX', v: 2 },
  ];
  const ds = engine.ingest(JSON.stringify(rows));
  const view = engine.checkChart({
    format: 'ev-chart/1', locales: ['en'], title: 'M',
    views: [{ id: 'm', title: 'Map', table: 'data', mark: 'map', map: { key: 'c' }, y: { column: 'v', aggregate: 'sum', unit: 'US$bn' } }],
  }, ds).views[0];
  const make = (geo) => {
    const ctx = {
      q: (t, s) => engine.query(ds.table(t), s), decimate: (t, s) => engine.decimate(ds.table(t), s),
      locale: 'en', defaultLocale: 'en', t: copyFor('en'), theme: themeFor('light'), prov: createProvenance([]), state: { hidden: [] }, width: 800, geo,
    };
    return finishView(ctx, buildChartView(ctx, view));
  };
  const loading = make(null);
  assert.equal(loading.panels[0].ready, false);
  assert.equal(loading.empty, 'Loading the map…');
  const vm = make({ points });
  const p = vm.panels[0];
  assert.equal(p.kind, 'map');
  assert.deepEqual(p.circles.map((c) => c.key), ['BRA', 'ISL', 'ESP', 'DEU', 'HUN', 'NZL'], 'west to east: any country with an ISO code is placed');
  const byKey = Object.fromEntries(p.circles.map((c) => [c.key, c]));
  assert.equal(byKey.HUN.mark.value, 9.75);
  assert.equal(byKey.DEU.mark.value, 4);
  assert.ok(byKey.ESP.mark.empty && byKey.ESP.hollow, 'no value: a hollow marker');
  assert.equal(byKey.BRA.mark.value, 0);
  assert.ok(byKey.BRA.hollow, 'zero keeps its value in the table but is not sized');
  assert.equal(p.max, 9.75);
  for (const k of ['HUN', 'NZL', 'ISL']) {
    const pt = points.find((x) => x.id === k);
    assert.deepEqual([byKey[k].lon, byKey[k].lat], [pt.lon, pt.lat], `${k} at the engine's point`);
  }
  assert.equal(byKey.NZL.mark.categoryText, 'New Zealand', 'named from the shapes');
  assert.ok(vm.notes.includes('Not on the map (no country shape for the code): XKX and XXX.'), vm.notes.join(' | '));
  assert.ok(vm.notes.includes('1 country has a value at or below zero: a hollow marker, not sized.'));
  assert.ok(vm.notes.includes('1 row has no value for c and is left out.'));
  assert.match(vm.finding, /^Highest: Hungary \(HUN\), 9\.75 US\$bn\. Lowest: Brazil \(BRA\), 0 US\$bn\.$/);
  assert.deepEqual(vm.table.rows.map((r) => r.cells[0].text), ['Brazil (BRA)', 'Iceland (ISL)', 'Spain (ESP)', 'Germany (DEU)', 'Hungary (HUN)', 'New Zealand (NZL)']);
});

test('URL state of described views (core/url-state.js over chartViews): view, scale and up to 12 hidden series round-trip; defaults hold only the controls offered', async () => {
  const { chartViews } = await import('../../web/core/chart-view.js');
  const { fromQuery, toQuery } = await import('../../web/core/url-state.js');
  const views = chartViews({
    views: [
      { id: 'a-b', y: { scale: 'linear' } },
      { id: 'c', y: { scale: 'log' }, series: { column: 'g' } },
    ],
  });
  assert.deepEqual(views.map((v) => ({ ...v.defaults })), [{}, { hidden: [], scale: 'log' }], 'no series, no log: nothing to keep');
  const hidden = Array.from({ length: 12 }, (_, i) => `s${i}`);
  const q = toQuery({ view: 'c', lang: null, views: { 'a-b': {}, c: { hidden, scale: 'linear' } } }, views);
  assert.equal(q, `?v=1&view=c&scale=linear&hide=${hidden.join('%2C')}`);
  const back = fromQuery(q, views);
  assert.equal(back.view, 'c');
  assert.deepEqual(back.views.c, { hidden, scale: 'linear' });
  assert.equal(toQuery(fromQuery('', views), views), '', 'the defaults make no query');
  assert.equal(fromQuery('?view=nope&scale=linear', views).views['a-b'].scale, undefined, 'an unknown view falls back to the first, which offers no scale');
  assert.equal(fromQuery('?scale=linear&view=c', views).views.c.scale, 'linear');
});

test('derive ratio and index after a count aggregate: values equal ratios computed here; a missing base stays missing', () => {
  const rows = [];
  for (let year = 2000; year < 2005; year++) {
    for (const c of ['a', 'b']) for (let k = 0; k < (c === 'a' ? 2 + (year % 3) : year === 2001 ? 0 : 1 + ((year * 7) % 4)); k++) rows.push({ year, c });
  }
  const { make } = setup(rows);
  const n = (year, c) => rows.filter((r) => r.year === year && r.c === c).length;
  const ratio = make({
    id: 'r', title: 'R', table: 'data', mark: 'line', x: { column: 'year' }, series: { column: 'c' },
    y: { column: 'vs_a', aggregate: 'count' },
    derive: [{ op: 'ratio', column: 'count', by: ['year'], key: 'c', denominator: 'a', as: 'vs_a' }],
  }).vm;
  for (const m of ratio.marks) assert.ok(near(m.value, n(m.x, m.seriesLabel) / n(m.x, 'a')), `${m.seriesLabel} ${m.x}`);
  const index = make({
    id: 'i', title: 'I', table: 'data', mark: 'bar', x: { column: 'year' }, series: { column: 'c' },
    y: { column: 'idx', aggregate: 'count' },
    derive: [{ op: 'index', column: 'count', order: 'year', base: 2001, partition: ['c'], as: 'idx' }],
  }).vm;
  for (const m of index.marks) {
    if (m.seriesLabel === 'b') assert.ok(m.empty, `b ${m.category}: no 2001 base, no index`);
    else assert.ok(near(m.value, (100 * n(Number(m.category), 'a')) / n(2001, 'a')), `a ${m.category}`);
  }
  assert.equal(index.marks.filter((m) => m.seriesLabel === 'b').length, 5, 'b keeps an (empty) slot in every year');
});

test('derive on the rows (no aggregate) and after a sum: cumsum and rolling mean equal running values computed here', () => {
  const rows = [3, 1, 4, 1, 5, 9, 2, 6].map((v, i) => ({ t: i, v, g: i % 2 ? 'odd' : 'even' }));
  const { make } = setup(rows);
  const cum = make({
    id: 'c', title: 'C', table: 'data', mark: 'line', x: { column: 't' }, y: { column: 'cum' },
    derive: [{ op: 'cumsum', column: 'v', order: 't', as: 'cum' }],
  }).vm;
  let run = 0;
  assert.deepEqual(cum.marks.map((m) => m.value), rows.map((r) => (run += r.v)));
  const roll = make({
    id: 'r', title: 'R', table: 'data', mark: 'bar', x: { column: 't' }, y: { column: 'avg', aggregate: 'sum' },
    derive: [{ op: 'rolling_mean', column: 'v', order: 't', window: 3, as: 'avg' }],
  }).vm;
  roll.marks.forEach((m, i) => {
    if (i < 2) assert.ok(m.empty, `t ${i}: fewer than 3 values, no mean`);
    else assert.ok(near(m.value, (rows[i].v + rows[i - 1].v + rows[i - 2].v) / 3), `t ${i}`);
  });
});

test('numbers for reading: means and sums of decimals to 4 significant digits (labels 3), whole numbers grouped, the table exact; log values keep their ticks\' digits', () => {
  const rows = [{ k: 'a', v: 10.1 }, { k: 'a', v: 17.40942 }, { k: 'b', v: 30.4506329113924 }, { k: 'c', v: 16626000 }];
  const { make } = setup(rows);
  const { vm } = make({ id: 'm', title: 'M', table: 'data', mark: 'bar', x: { column: 'k' }, y: { column: 'v', aggregate: 'mean', unit: 'US$bn' } });
  const byCat = Object.fromEntries(vm.marks.map((m) => [m.category, m]));
  assert.equal(byCat.a.value, (10.1 + 17.40942) / 2);
  assert.equal(byCat.a.valueText, '13.75 US$bn');
  assert.equal(byCat.a.label, '13.8 US$bn');
  assert.equal(byCat.b.valueText, '30.45 US$bn');
  assert.equal(byCat.c.valueText, '16,626,000 US$bn', 'a whole number stays whole');
  assert.equal(byCat.c.label, '16,626,000 US$bn');
  const table = Object.fromEntries(vm.table.rows.map((r) => [r.cells[0].text, r.cells.at(-1).text]));
  assert.equal(table.a, '13.75471 US$bn');
  assert.equal(table.b, '30.4506329113924 US$bn');
  const zh = make({ id: 'm', title: 'M', table: 'data', mark: 'bar', x: { column: 'k' }, y: { column: 'v', aggregate: 'mean' } }, { locale: 'zh' }).vm;
  assert.equal(zh.marks.find((m) => m.category === 'b').valueText, '30.45');
  // log axis over 0.001…5,000: 0.00123456 keeps the digits that tell its ticks apart, 1234.5678 does not take 0.001's
  const log = setup([{ k: 'a', v: 0.00123456 }, { k: 'b', v: 1234.5678 }, { k: 'c', v: 5000 }]).make({
    id: 'g', title: 'G', table: 'data', mark: 'bar', x: { column: 'k' }, y: { column: 'v', scale: 'log' },
  }).vm;
  assert.deepEqual(log.marks.map((m) => m.valueText), ['0.001235', '1,235', '5,000']);
});

test('line finding: rose/fell from the first to the last drawn value, "in" a year-like x, en and zh', () => {
  const view = (col) => ({ id: 'l', title: 'L', table: 'data', mark: 'line', x: { column: 'y' }, y: { column: col, label: { en: 'Production', zh: '产量' } } });
  const rows = setup([{ y: 2014, p: 78500 }, { y: 2019, p: null }, { y: 2025, p: 16626000 }]);
  assert.equal(rows.make(view('p')).vm.finding, 'Production rose from 78,500 in 2014 to 16,626,000 in 2025.');
  assert.equal(rows.make(view('p'), { locale: 'zh' }).vm.finding, '产量从2014年的78,500升至2025年的16,626,000。');
  const down = setup([{ x: 3, v: 2.5 }, { x: 8, v: 1.25 }]).make({ id: 'd', title: 'D', table: 'data', mark: 'line', x: { column: 'x' }, y: { column: 'v' } });
  assert.equal(down.vm.finding, 'v fell from 2.5 (x = 3) to 1.25 (x = 8).');
  const flat = setup([{ x: 1990, v: 5 }, { x: 2000, v: 5 }]).make({ id: 'f', title: 'F', table: 'data', mark: 'line', x: { column: 'x' }, y: { column: 'v' } }, { locale: 'zh' });
  assert.equal(flat.vm.finding, 'v在1990年和2000年均为5。');
});

test('hbar rows by value, largest first, missing last; with a series categories by their largest value; bars keep x order', () => {
  const data = [{ k: 'a', v: 2 }, { k: 'b', v: null }, { k: 'c', v: 9 }, { k: 'd', v: 5 }];
  const { make } = setup(data);
  const h = make({ id: 'h', title: 'H', table: 'data', mark: 'hbar', x: { column: 'k' }, y: { column: 'v' } }).vm;
  assert.deepEqual(h.panels[0].rows.map((r) => r.label), ['c', 'd', 'a', 'b']);
  const b = make({ id: 'b', title: 'B', table: 'data', mark: 'bar', x: { column: 'k' }, y: { column: 'v' } }).vm;
  assert.deepEqual(b.marks.map((m) => m.category), ['a', 'b', 'c', 'd']);
  const s = setup([{ k: 'a', s: 'x', v: 1 }, { k: 'a', s: 'y', v: 7 }, { k: 'b', s: 'x', v: 3 }, { k: 'b', s: 'y', v: 2 }]).make({
    id: 's', title: 'S', table: 'data', mark: 'hbar', x: { column: 'k' }, y: { column: 'v' }, series: { column: 's', order: ['y', 'x'] },
  }).vm;
  assert.deepEqual(s.panels[0].rows.map((r) => r.label), ['a · y', 'a · x', 'b · y', 'b · x']);
});

test('point views: at most MAX_POINTS dots; above that none, the count and an aggregate suggested, and no rows copied out', () => {
  const rows = [];
  for (let i = 0; i < MAX_POINTS + 1; i++) rows.push({ x: i % 97, y: (i * 7919) % 1000, g: i % 2 ? 'a' : 'b' });
  const { make } = setup(rows);
  const view = { id: 'p', title: 'P', table: 'data', mark: 'point', x: { column: 'x' }, y: { column: 'y' } };
  let most = 0;
  const { vm, scene } = make(view, { spy: (f) => { most = Math.max(most, f.rowCount); } });
  assert.equal(vm.marks.length, 0);
  assert.equal(scene.marks.length, 0);
  const text = `${(MAX_POINTS + 1).toLocaleString('en-GB')} points: more than the ${MAX_POINTS.toLocaleString('en-GB')} this chart draws as dots, so none are drawn. Give y an aggregate (a mean or median of each x, for example) or filter the rows.`;
  assert.ok(vm.notes.includes(text), vm.notes.join(' | '));
  assert.equal(vm.finding, `Too many points for dots: ${(MAX_POINTS + 1).toLocaleString('en-GB')}`);
  assert.equal(vm.empty, vm.finding, 'the empty chart says it too');
  assert.ok(most < 10, `the engine only counted: the largest frame copied out had ${most} rows`);
  // with a series, hiding one brings the others under the cap: they are drawn, each the engine's row
  const s = { ...view, series: { column: 'g' } };
  const split = make(s, { state: { hidden: ['s1'] } }).vm;
  const want = rows.filter((r) => r.g === 'a');
  assert.equal(split.marks.length, want.length);
  assert.deepEqual(split.marks.map((m) => [m.x, m.value]).sort((p, q) => p[0] - q[0] || p[1] - q[1]), want.map((r) => [r.x, r.y]).sort((p, q) => p[0] - q[0] || p[1] - q[1]));
  // aggregated: one dot per x, well under the cap
  const agg = make({ ...view, y: { column: 'y', aggregate: 'mean' } }).vm;
  assert.equal(agg.marks.length, 97);
  // exactly at the cap: every point drawn
  const at = setup(rows.slice(0, MAX_POINTS)).make(view).vm;
  assert.equal(at.marks.length, MAX_POINTS);
  assert.ok(!at.notes.some((n) => /none are drawn/.test(n)));
  const zh = make(view, { locale: 'zh' }).vm;
  assert.equal(zh.finding, `点过多，未绘制：${MAX_POINTS + 1}个`);
  assert.ok(zh.notes.some((n) => n.startsWith(`共${MAX_POINTS + 1}个点，超过本图以圆点绘制的上限${MAX_POINTS}个`)));
});

// Series points shaped like the story's: two bar series (one missing a
// year), a share series for a second panel, years 2015–2020.
const POINTS = [];
for (let year = 2015; year <= 2020; year++) {
  POINTS.push({ series_id: 'total_fdi', year, value: 10 + year - 2015 });
  if (year !== 2017) POINTS.push({ series_id: 'greenfield', year, value: 1 + (year % 3) });
  POINTS.push({ series_id: 'hun share', year, value: 20 + 2 * (year - 2015) });
}
const panelsView = (extra = {}) => ({
  id: 'europe', title: { en: 'Europe', zh: '欧洲' }, layout: 'side',
  panels: [
    {
      id: 'bars', title: { en: 'Investment', zh: '投资' }, weight: 2.2, table: 'data', mark: 'bar',
      x: { column: 'year', label: 'Year' }, y: { column: 'value', unit: '€bn' },
      series: { column: 'series_id' }, filters: [{ column: 'series_id', in: ['total_fdi', 'greenfield'] }],
    },
    {
      id: 'hungary', title: { en: 'Share', zh: '份额' }, table: 'data', mark: 'line',
      x: { column: 'year', label: 'Year' }, y: { column: 'value', label: 'Hungary share' },
      filters: [{ column: 'series_id', eq: 'hun share' }],
    },
  ],
  ...extra,
});

test('panels: one panel per entry, ids and weights from the description, series keyed by their (safe) values, the panel id for a panel without series', () => {
  const { make } = setup(POINTS);
  const { vm, scene } = make(panelsView(), { unchecked: true });
  assert.deepEqual(vm.panels.map((p) => [p.id, p.kind, p.title, p.weight ?? 1]), [['bars', 'bars', 'Investment', 2.2], ['hungary', 'lines', 'Share', 1]]);
  assert.equal(vm.stack, false);
  const bars = vm.marks.filter((m) => m.panel === 'bars');
  assert.deepEqual([...new Set(bars.map((m) => m.key))].sort(), ['greenfield', 'total_fdi']);
  for (const m of bars) {
    const row = POINTS.find((r) => r.series_id === m.key && String(r.year) === m.category);
    if (row) assert.equal(m.value, row.value, `${m.key} ${m.category}`);
    else assert.ok(m.empty, `${m.key} ${m.category}: no row, an empty slot`);
  }
  assert.ok(bars.every((m) => m.id.startsWith('bars/')));
  const line = vm.marks.filter((m) => m.panel === 'hungary');
  assert.deepEqual(line.map((m) => [m.key, m.x, m.value]), POINTS.filter((r) => r.series_id === 'hun share').map((r) => ['hungary', r.year, r.value]));
  assert.deepEqual(vm.legend.map((l) => [l.key, l.shape]), [['greenfield', 'bar'], ['total_fdi', 'bar'], ['hungary', 'line']]);
  assert.equal(new Set(vm.legend.map((l) => l.colour)).size, 3, 'one colour per series across the view');
  assert.equal(scene.marks.length, vm.marks.length);
  assert.equal(vm.table.rows.length, vm.marks.length);
  assert.deepEqual(vm.table.head.slice(0, 3), ['Year', 'Series', 'Value']);
  assert.equal(vm.table.rows.find((r) => r.id === line[0].id).cells[1].text, 'Share: Hungary share');
  // a value that is not a safe key gets s<n>
  const odd = make(panelsView({ panels: [{ ...panelsView().panels[1], id: 'h', series: { column: 'series_id' } }] }), { unchecked: true }).vm;
  assert.deepEqual(odd.legend.map((l) => l.key), ['s0']);
  const dashed = make(panelsView({ panels: [{ ...panelsView().panels[1], id: 'hun-share' }] }), { unchecked: true }).vm;
  assert.deepEqual(dashed.legend.map((l) => l.key), ['hun_share'], 'a panel id with - keys as _ (a safe URL key)');
  assert.ok(dashed.marks.every((m) => m.id.startsWith('hun-share/hun_share/')));
  // hiding a key hides it in every panel
  const hidden = make(panelsView(), { unchecked: true, state: { hidden: ['hungary', 'greenfield'] } }).vm;
  assert.deepEqual([...new Set(hidden.marks.map((m) => m.key))], ['total_fdi']);
  assert.equal(hidden.legend.find((l) => l.key === 'hungary').pressed, false);
  assert.equal(make(panelsView({ layout: 'stack' }), { unchecked: true }).vm.stack, true);
  // the finding has each panel's sentence
  assert.match(vm.finding, /Highest: 2020 \(total_fdi\), 15 €bn\./);
  assert.match(vm.finding, /Hungary share rose from 20 in 2015 to 30 in 2020\./);
});

test('modes: a choice control, the first option by default; panels of another mode are not drawn; per-mode notes', () => {
  const { make } = setup(POINTS);
  const [a, b] = panelsView().panels;
  const view = panelsView({
    modes: {
      label: { en: 'Show', zh: '显示' },
      options: [{ id: 'money', label: { en: 'Money', zh: '金额' } }, { id: 'share', label: 'Share', notes: [{ en: 'Share note.', zh: '份额说明。' }] }],
    },
    panels: [{ ...a, mode: 'money' }, { ...b, mode: 'share' }],
  });
  const first = make(view, { unchecked: true }).vm;
  assert.deepEqual(first.panels.map((p) => p.id), ['bars']);
  const c = first.controls.find((x) => x.id === 'mode');
  assert.deepEqual([c.kind, c.label, c.value, c.options.map((o) => [o.value, o.label])], ['choice', 'Show', 'money', [['money', 'Money'], ['share', 'Share']]]);
  assert.ok(!first.notes.includes('Share note.'));
  const second = make(view, { unchecked: true, state: { mode: 'share' }, locale: 'zh' }).vm;
  assert.deepEqual(second.panels.map((p) => p.id), ['hungary']);
  assert.ok(second.notes.includes('份额说明。'));
  assert.equal(make(view, { unchecked: true, state: { mode: 'nope' } }).vm.controls[0].value, 'money', 'an unknown mode is the first');
});

test('range: from/to over the distinct x values of the panels on that column; the state clamps; those panels are filtered', () => {
  const { make } = setup(POINTS);
  const view = panelsView({ range: { column: 'year', label: { en: 'Years shown' } } });
  const all = make(view, { unchecked: true }).vm;
  const r = all.controls.find((x) => x.kind === 'range');
  assert.deepEqual([r.id, r.label, r.years, r.from, r.to], ['range', 'Years shown', [2015, 2016, 2017, 2018, 2019, 2020], 2015, 2020]);
  const part = make(view, { unchecked: true, state: { from: 2017, to: 2018 } }).vm;
  assert.deepEqual([...new Set(part.marks.map((m) => m.category))].sort(), ['2017', '2018']);
  const r2 = part.controls.find((x) => x.kind === 'range');
  assert.deepEqual([r2.from, r2.to], [2017, 2018]);
  const out = make(view, { unchecked: true, state: { from: 1990, to: 2019 } }).vm.controls.find((x) => x.kind === 'range');
  assert.deepEqual([out.from, out.to], [2015, 2019], 'a from outside the values is the first value');
});

test('viewDefaults: mode and from/to join hidden and scale when the view has modes or a range; they round-trip through the URL', async () => {
  const { chartViews } = await import('../../web/core/chart-view.js');
  const { fromQuery, toQuery } = await import('../../web/core/url-state.js');
  const view = panelsView({ range: { column: 'year' }, modes: { label: 'M', options: [{ id: 'usd', label: 'a' }, { id: 'share', label: 'b' }] } });
  const views = chartViews({ views: [view] });
  assert.deepEqual({ ...views[0].defaults }, { hidden: [], mode: 'usd', from: null, to: null }, 'no scale: no panel offers log');
  const q = toQuery({ view: 'europe', lang: null, views: { europe: { hidden: ['hungary'], mode: 'share', from: 2016, to: 2019 } } }, views);
  assert.equal(q, '?v=1&mode=share&from=2016&to=2019&hide=hungary');
  assert.deepEqual(fromQuery(q, views).views.europe, { hidden: ['hungary'], mode: 'share', from: 2016, to: 2019 });
  const log = chartViews({ views: [panelsView({ panels: [{ ...panelsView().panels[1], y: { column: 'value', scale: 'log' } }], trend: undefined })] });
  assert.equal(log[0].defaults.scale, 'linear', 'a view with panels offering log starts linear');
});

// The story keys of a panel on a small dataset: unit formats, a fixed axis,
// y × 100, qualifiers, sources with provenance (a low-confidence-only row
// withheld), styles, sparse and complete categories, names, the ratio's
// denominator and the reader's trend control.
test('panel keys: format, fixed, percent, approximate/bound, source, styles, sparse, complete, names, ratio, trend control', async () => {
  const { chartViews } = await import('../../web/core/chart-view.js');
  const rows = {
    pts: [
      { s: 'all', year: 2018, v: 7, approx: false, bound: null, src: 'a', also: [] },
      { s: 'all', year: 2019, v: 9, approx: false, bound: null, src: 'a', also: [] },
      { s: 'all', year: 2020, v: 10, approx: false, bound: 'lower', src: 'a', also: [] },
      { s: 'all', year: 2021, v: 12, approx: false, bound: null, src: 'a', also: ['b'] },
      { s: 'all', year: 2022, v: 15, approx: true, bound: null, src: 'a', also: [] },
      { s: 'nev', year: 2021, v: 3, approx: false, bound: null, src: 'b', also: [] },
      { s: 'nev', year: 2022, v: 6, approx: false, bound: null, src: 'low', also: [] },
      { s: 'extra', year: 2022, v: 1, approx: false, bound: null, src: 'a', also: [] },
    ],
    sources: [
      { id: 'a', publisher: 'Agency A', confidence: 'high' },
      { id: 'b', publisher: 'Bureau B', confidence: 'high' },
      { id: 'low', publisher: 'Blog L', confidence: 'low' },
    ],
    names: [{ kind: 'series', key: 'nev', en: 'New energy', zh: '新能源' }],
  };
  const ds = engine.ingest(JSON.stringify(rows));
  const doc = {
    format: 'ev-chart/1', locales: ['en', 'zh'], title: 'T', provenance: { table: 'sources' },
    names: [{ table: 'names', key: 'key', kind_column: 'kind', text: { en: 'en', zh: 'zh' } }],
    views: [{
      id: 'v', title: 'V', range: { column: 'year' }, sources: [{ name: 'The agencies' }],
      panels: [
        {
          id: 'bars', table: 'pts', mark: 'bar', x: { column: 'year' },
          y: { column: 'v', format: 'vehicles', approximate: 'approx', bound: 'bound' },
          series: { column: 's', names: 'series', order: ['all', 'nev', 'extra'], styles: { all: { colour: 'neutral' }, nev: { colour: 2 } }, sparse: ['extra'] },
          source: { column: 'src', also: 'also' }, trend: { method: 'linear', horizon: 3, control: true, series: ['all'] },
        },
        {
          id: 'nev-share', table: 'pts', mark: 'line', x: { column: 'year' }, filters: [{ column: 's', in: ['all', 'nev'] }],
          y: { column: 'r', format: 'percent', percent: true, fixed: [0, 100], approximate: 'approx', bound: 'bound' },
          derive: [{ op: 'ratio', column: 'v', by: ['year'], key: 's', denominator: 'all', as: 'r' }], source: { column: 'src', also: 'also' },
        },
        {
          id: 'done', table: 'pts', mark: 'bar', x: { column: 'year', complete: true }, filters: [{ column: 's', in: ['all', 'nev'] }],
          y: { column: 'v' }, series: { column: 's' },
        },
      ],
    }],
  };
  const [view] = chartViews(doc);
  const build = (state = {}, locale = 'en') => {
    const ctx = {
      q: (t, s) => engine.query(ds.table(t), s), decimate: (t, s) => engine.decimate(ds.table(t), s), trend: (xy, o) => engine.trend(xy, o),
      locale, defaultLocale: 'en', t: copyFor(locale), theme: themeFor('light'), prov: createProvenance(rows.sources),
      state: { ...view.defaults, ...state }, width: 800, ticks: (a, b, c, o) => engine.ticks(a, b, c, o),
    };
    return finishView(ctx, view.build(ctx));
  };
  const vm = build();
  const by = (id) => vm.marks.find((m) => m.id === id);
  // format and qualifiers
  assert.equal(by('bars/all/2020').valueText, 'over 10 vehicles');
  assert.ok(by('bars/all/2022').approximate && by('bars/all/2022').valueText.startsWith('≈'));
  assert.ok(vm.legend.some((l) => l.key === 'approximate') && vm.notes.includes(copyFor('en').ui.approxNote));
  // sources: the primary and the corroborating; a low-confidence-only row withheld; the credit
  assert.deepEqual(by('bars/all/2021').sources.map((s) => s.publisher), ['Agency A']);
  assert.deepEqual(by('bars/all/2021').also.map((s) => s.publisher), ['Bureau B']);
  assert.ok(by('bars/nev/2022').withheld && by('bars/nev/2022').empty, 'only a low-confidence source: withheld');
  assert.equal(vm.credit, 'The agencies');
  assert.ok(!vm.sources.some((s) => s.publisher === 'Blog L'));
  // styles: neutral and role 2 as written; names from the names table
  const L = themeFor('light');
  assert.equal(vm.legend.find((l) => l.key === 'all').colour, L.neutral);
  assert.equal(vm.legend.find((l) => l.key === 'nev').colour, L.series[2]);
  assert.equal(vm.legend.find((l) => l.key === 'nev').label, 'New energy');
  assert.equal(build({}, 'zh').legend.find((l) => l.key === 'nev').label, '新能源');
  // sparse: 'extra' only where it has a row; nev has an empty slot in 2020
  const groups = vm.panels[0].groups;
  assert.deepEqual(groups.map((g) => [g.key, g.marks.map((m) => m.key)]),
    [['2018', ['all', 'nev']], ['2019', ['all', 'nev']], ['2020', ['all', 'nev']], ['2021', ['all', 'nev']], ['2022', ['all', 'nev', 'extra']]]);
  assert.ok(by('bars/nev/2020').empty);
  // ratio × 100 on a fixed axis, the denominator not drawn, its qualifier and sources joined
  const share = vm.panels[1];
  assert.deepEqual(share.fixed, [0, 100]);
  assert.deepEqual(share.series.map((s) => s.key), ['nev_share']);
  assert.ok(near(by('nev-share/nev_share/2021').value, 100 * 3 / 12));
  assert.deepEqual(by('nev-share/nev_share/2021').sources.map((s) => s.publisher), ['Bureau B', 'Agency A']);
  assert.ok(by('nev-share/nev_share/2022').approximate, 'an approximate denominator makes the share approximate');
  // complete: only years where both series have a value
  assert.deepEqual(vm.panels[2].groups.map((g) => g.key), ['2021', '2022']);
  // the trend control: off by default; linear projects only 'all' (trend.series) from its drawn points
  assert.ok(vm.controls.some((c) => c.kind === 'trend' && c.method === 'off'));
  assert.ok(!vm.marks.some((m) => m.projected));
  const on = build({ trend: 'linear', horizon: 2024 });
  const proj = on.marks.filter((m) => m.projected);
  assert.deepEqual(proj.map((m) => [m.key, m.x]), [['all', 2023], ['all', 2024]]);
  // the range narrows every panel on year
  const narrow = build({ from: 2021, to: 2021 });
  assert.ok(narrow.marks.filter((m) => !m.projected).every((m) => m.category === '2021'));
  ds.free();
});

// The parts chart-view.js composes, on their own: the state a view has
// (chart/state.js) and its panels' plumbing (chart/panels.js).
test('chart/state.js: defaults and allowed values of each control a view offers; modeOf falls back to the first option', async () => {
  const { modeOf, viewAllowed, viewDefaults } = await import('../../web/core/chart/state.js');
  assert.deepEqual({ ...viewDefaults({ id: 'a', mark: 'bar', table: 't', x: { column: 'x' }, y: { column: 'y' } }) }, {}, 'nothing to choose: no fields');
  const map = {
    id: 'm', mark: 'map', table: 't', detail: { table: 't', key: 'k' },
    map: { key: 'iso3', colour: [{ column: 'region' }, { id: 'fam', column: 'family' }], zooms: [{ id: 'world' }, { id: 'eu' }], projections: true, projection: 'mercator' },
  };
  assert.deepEqual({ ...viewDefaults(map) }, { colour: 'region', zoom: 'world', projection: 'mercator', selected: null });
  assert.deepEqual({ ...viewAllowed(map) }, { mode: [], group: [], colour: ['region', 'fam'], zoom: ['world', 'eu'] });
  assert.equal(viewDefaults({ ...map, map: { ...map.map, projections: false } }).projection, undefined, 'a fixed projection is not a choice');
  const hbar = { id: 'h', mark: 'hbar', table: 't', x: { column: 'c', choices: [{ column: 'c' }, { column: 'd' }] }, y: { aggregate: 'count' }, sort: { options: ['count', 'name'] } };
  assert.deepEqual({ ...viewDefaults(hbar) }, { group: 'c', sort: 'count' });
  assert.deepEqual(viewAllowed(hbar).group, ['c', 'd']);
  assert.deepEqual({ ...viewDefaults({ id: 'l', mark: 'line', table: 't', x: { column: 'x' }, y: { column: 'y', scale: 'log' }, series: { column: 's' } }) },
    { hidden: [], scale: 'log' }, 'a one-chart view offering log starts on it');
  assert.ok(Object.isFrozen(viewDefaults(map)) && Object.isFrozen(viewAllowed(map)));
  const modes = { modes: { options: [{ id: 'usd' }, { id: 'share' }] } };
  assert.equal(modeOf(modes, { mode: 'share' }), 'share');
  assert.equal(modeOf(modes, { mode: 'nope' }), 'usd');
  assert.equal(modeOf(modes, null), 'usd');
  assert.equal(modeOf({}, { mode: 'share' }), null);
});

test('chart/panels.js: the panels a mode draws, series keys and colours across panels, claimed colours skipped', async () => {
  const { claimedColours, keyMaker, panelSpecs } = await import('../../web/core/chart/panels.js');
  const one = { id: 'v', mark: 'bar' };
  assert.deepEqual(panelSpecs(one, null), [{ spec: one, pid: null, panel: null }]);
  const view = { id: 'v', panels: [{ id: 'a', mode: 'usd' }, { id: 'b', mode: 'share' }, { id: 'c', mode: null }] };
  assert.deepEqual(panelSpecs(view, 'share').map((p) => [p.pid, p.spec.id]), [['b', 'v/b'], ['c', 'v/c']]);
  assert.deepEqual(panelSpecs(view, 'usd').map((p) => p.pid), ['a', 'c']);
  // one chart: its own keys; panels: safe values, the panel id for a panel without series, else s<n>
  const single = keyMaker(false, new Set());
  assert.deepEqual(single({ key: 's0', value: 'Hello World' }, 0, null, null), { key: 's0', colour: 0 });
  const keyOf = keyMaker(true, new Set([1]));
  assert.deepEqual(keyOf({ key: 's0', value: 'caam_nev' }, 0, 'a', null), { key: 'caam_nev', colour: 0 });
  assert.deepEqual(keyOf({ key: 's0', value: null }, 0, 'nev-share', null), { key: 'nev_share', colour: 2 }, 'colour 1 is claimed by a style');
  assert.deepEqual(keyOf({ key: 's1', value: 'Not Safe' }, 1, 'a', null), { key: 's2', colour: 3 });
  assert.deepEqual(keyOf({ key: 's0', value: 'caam_nev' }, 0, 'b', null), { key: 'caam_nev', colour: 0 }, 'the same series in another panel: the same colour');
  assert.deepEqual(keyOf({ key: 's0', value: 'styled' }, 0, 'b', { colour: 1 }), { key: 'styled', colour: 1 });
  assert.deepEqual(keyOf({ key: 's0', value: 'grey' }, 0, 'b', { colour: 'neutral' }), { key: 'grey', colour: 'neutral' });
  assert.deepEqual([...claimedColours([{ spec: { series: { styles: { x: { colour: 3 }, y: { colour: 'neutral' }, z: null } } } }, { spec: {} }])], [3]);
});
