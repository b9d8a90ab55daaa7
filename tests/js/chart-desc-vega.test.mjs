// chart-desc-vega.test.mjs — engine.checkChart on real third-party data:
// cars, gapminder and penguins from the npm package vega-datasets (pinned in
// package.json), with the descriptions a user would write for them, and the
// mistakes a user makes (a typo in a column, the mean of a string column, a
// line whose x is a string), each caught with its path. The bar's numbers are
// then drawn from the normalised description through engine.query and
// compared with means computed here from JSON.parse of the same file.
// Run: ./build.sh build && node --test tests/js/chart-desc-vega.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../../web/engine/engine.js';
import { loadEngine, REPO } from './helpers/load-engine.mjs';

const VEGA = join(REPO, 'node_modules', 'vega-datasets', 'data');
const text = (name) => readFileSync(join(VEGA, name), 'utf8');

let engine;
const data = {};
before(async () => {
  engine = await loadEngine();
  for (const name of ['cars', 'gapminder', 'penguins']) {
    const t = text(`${name}.json`);
    data[name] = { rows: JSON.parse(t), dataset: engine.ingest(t) };
  }
});

const doc = (view) => ({
  format: 'ev-chart/1',
  locales: ['en', 'zh'],
  title: { en: 'Vega datasets', zh: 'Vega 数据集' },
  dataset: { url: 'https://cdn.jsdelivr.net/npm/vega-datasets@3.2.1/data/cars.json' },
  views: [view],
});

const carsBar = {
  id: 'mpg-by-origin',
  title: { en: 'Fuel economy by origin', zh: '按产地的燃油经济性' },
  table: 'data',
  mark: 'bar',
  x: { column: 'Origin', label: { en: 'Origin', zh: '产地' } },
  y: { column: 'Miles_per_Gallon', aggregate: 'mean', label: 'Miles per gallon', unit: 'mpg' },
  notes: [{ en: 'Cars with no figure for miles per gallon are left out.' }],
  sources: [{ name: 'Vega datasets: cars', url: 'https://github.com/vega/vega-datasets' }],
};
const gapminderLine = {
  id: 'life-expectancy',
  title: 'Life expectancy',
  table: 'data',
  mark: 'line',
  x: { column: 'year' },
  y: { column: 'life_expect', unit: { en: 'years', zh: '岁' } },
  series: { column: 'country' },
  trend: { method: 'linear', horizon: 2 },
};
const penguinsHbar = {
  id: 'penguins-by-species',
  title: 'Penguins by species',
  table: 'data',
  mark: 'hbar',
  x: { column: 'Species' },
  y: { aggregate: 'count' },
  filters: [{ column: 'Sex', in: ['MALE', 'FEMALE'] }],
};

function rejects(description, dataset, code, message) {
  assert.throws(() => engine.checkChart(description, dataset), (e) => {
    assert.ok(e instanceof EngineError);
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });
}

test('cars: a bar of mean miles per gallon by origin, and its numbers', () => {
  const { dataset, rows } = data.cars;
  const d = doc(carsBar);
  const out = engine.checkChart(d, dataset);
  const v = out.views[0];
  assert.equal(v.y.scale, 'linear');
  assert.deepEqual(v.x.label, { en: 'Origin', zh: '产地' });
  assert.deepEqual(v.y.label, { en: 'Miles per gallon' });
  // draw it as the format says: group by x, one aggregate per group
  const f = engine.query(dataset.table(v.table), {
    filters: v.filters,
    groupBy: [v.x.column],
    aggregates: [{ op: v.y.aggregate, column: v.y.column, as: 'y' }],
  });
  const sums = new Map();
  for (const r of rows) {
    if (r.Miles_per_Gallon === null) continue;
    const [s, n] = sums.get(r.Origin) ?? [0, 0];
    sums.set(r.Origin, [s + r.Miles_per_Gallon, n + 1]);
  }
  const origins = f.col('Origin');
  assert.deepEqual([...origins].sort(), [...sums.keys()].sort());
  origins.forEach((o, i) => {
    const [s, n] = sums.get(o);
    assert.ok(Math.abs(f.col('y')[i] - s / n) < 1e-12, `${o}: ${f.col('y')[i]} vs ${s / n}`);
  });
});

test('cars: the example view of data/CHART_FORMAT.md checks', () => {
  const md = readFileSync(join(REPO, 'data', 'CHART_FORMAT.md'), 'utf8');
  const blocks = [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
  const view = JSON.parse(blocks.find((b) => b.includes('"mpg-by-origin"')));
  const d = doc(view);
  const out = engine.checkChart(d, data.cars.dataset);
  assert.deepEqual(out.views[0].series, { column: 'Cylinders', labels: {}, order: [], label: null, names: null, styles: {}, sparse: [] });
});

test('gapminder: a line of life expectancy by year per country', () => {
  const d = doc(gapminderLine);
  const v = engine.checkChart(d, data.gapminder.dataset).views[0];
  assert.deepEqual(v.trend, { method: 'linear', horizon: 2, level: 0.95, control: false, series: [] });
  assert.deepEqual(v.y.unit, { en: 'years', zh: '岁' });
  assert.equal(v.series.column, 'country');
});

test('penguins: a count of penguins by species, as horizontal bars', () => {
  const d = doc(penguinsHbar);
  const v = engine.checkChart(d, data.penguins.dataset).views[0];
  assert.deepEqual(v.y, {
    aggregate: 'count', column: null, label: null, unit: null, scale: 'linear',
    format: null, fixed: null, percent: false, approximate: null, bound: null, counts: false,
  });
  const f = engine.query(data.penguins.dataset.table('data'), {
    filters: v.filters, groupBy: ['Species'], aggregates: [{ op: 'count' }],
  });
  const want = {};
  for (const r of data.penguins.rows) if (r.Sex === 'MALE' || r.Sex === 'FEMALE') want[r.Species] = (want[r.Species] ?? 0) + 1;
  assert.deepEqual(Object.fromEntries(f.col('Species').map((s, i) => [s, f.col('count')[i]])), want);
});

test('cars: the count of a column by that same column counts rows, not the key (viewQuery)', async () => {
  const { viewQuery } = await import('../../web/core/chart/query.js');
  for (const [column, series] of [['Cylinders', null], ['Origin', 'Origin']]) {
    const view = {
      id: 'cylinders', title: 'Cars by cylinders', table: 'data', mark: 'bar',
      x: { column: 'Cylinders' }, y: { column, aggregate: 'count' }, ...(series ? { series: { column: series } } : {}),
    };
    const v = engine.checkChart(doc(view), data.cars.dataset).views[0];
    const q = viewQuery(v);
    const f = engine.query(data.cars.dataset.table('data'), q.spec);
    const want = new Map();
    for (const r of data.cars.rows) {
      if (r[column] === null || r[column] === undefined) continue;
      const k = series ? `${r.Cylinders}|${r[series]}` : `${r.Cylinders}`;
      want.set(k, (want.get(k) ?? 0) + 1);
    }
    const got = new Map(Array.from(f.col('Cylinders'), (c, i) => [series ? `${c}|${f.col(series)[i]}` : `${c}`, f.col(q.y)[i]]));
    assert.deepEqual(got, want, `count of ${column}`);
    assert.ok([...got.values()].some((n) => n > 8), 'counts, not cylinder numbers');
  }
});

test("a user's mistakes are caught, each with its path", () => {
  // a typo in a column
  rejects(doc({ ...carsBar, y: { ...carsBar.y, column: 'Miles_per_Galon' } }), data.cars.dataset, 'COLUMN',
    "views[0].y.column: table 'data' has no column 'Miles_per_Galon' (did you mean 'Miles_per_Gallon'?)");
  rejects(doc({ ...penguinsHbar, x: { column: 'species' } }), data.penguins.dataset, 'COLUMN',
    "views[0].x.column: table 'data' has no column 'species' (did you mean 'Species'?)");
  // the mean of a string column
  rejects(doc({ ...carsBar, y: { column: 'Name', aggregate: 'mean' } }), data.cars.dataset, 'TYPE',
    "views[0].y.aggregate: 'mean' needs a number column; 'Name' is string");
  // a line whose x is a string (cars' Year is a date string)
  rejects(doc({ ...gapminderLine, x: { column: 'country' }, series: undefined }), data.gapminder.dataset, 'TYPE',
    "views[0].x.column: a line needs a number x; 'country' is string");
  rejects(doc({ ...carsBar, mark: 'line', x: { column: 'Year' } }), data.cars.dataset, 'TYPE',
    "views[0].x.column: a line needs a number x; 'Year' is string");
  // a filter value of the wrong type, a range on a string column
  rejects(doc({ ...carsBar, filters: [{ column: 'Cylinders', eq: '8' }] }), data.cars.dataset, 'TYPE',
    "views[0].filters[0].eq: 'Cylinders' is number, got a string");
  rejects(doc({ ...carsBar, filters: [{ column: 'Year', range: [1970, 1982] }] }), data.cars.dataset, 'TYPE',
    "views[0].filters[0].range: a range needs a number column; 'Year' is string");
  // a description written for one dataset checked against another
  rejects(doc(carsBar), data.penguins.dataset, 'COLUMN',
    "views[0].x.column: table 'data' has no column 'Origin'");
});
