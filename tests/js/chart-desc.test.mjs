// chart-desc.test.mjs — engine.checkChart (web/engine/engine.js →
// wasm/api.c → wasm/chart_desc.c): a chart description (data/CHART_FORMAT.md)
// checked against an ingested dataset, as text or as a plain object; each
// kind of error with its code and path; the engine working on after errors.
// Run: ./build.sh build && node --test tests/js/chart-desc.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EngineError } from '../../web/engine/engine.js';
import { loadEngine } from './helpers/load-engine.mjs';

const DATA = {
  sales: [
    { year: 2020, region: 'Europe', usd: 1.5, iso3: 'HUN', ev: true, tags: [1] },
    { year: 2021, region: 'Asia', usd: 2.25, iso3: 'THA', ev: false, tags: [2] },
    { year: 2022, region: 'Europe', usd: null, iso3: 'HUN', ev: true, tags: [3] },
  ],
};

/** A description with one view; `view` overrides members of a line view. */
function describe(view = {}, top = {}) {
  return {
    format: 'ev-chart/1',
    locales: ['en', 'zh'],
    title: { en: 'Sales', zh: '销售' },
    views: [{ id: 'usd', title: 'US$', table: 'sales', mark: 'line', x: { column: 'year' }, y: { column: 'usd' }, ...view }],
    ...top,
  };
}

let engine;
let dataset;
before(async () => {
  engine = await loadEngine();
  dataset = engine.ingest(JSON.stringify(DATA));
});

/** Asserts that checkChart throws EngineError with this code and message. */
function rejects(description, code, message, data = dataset) {
  assert.throws(
    () => engine.checkChart(description, data),
    (e) => {
      assert.ok(e instanceof EngineError, `expected an EngineError, got ${e}`);
      assert.equal(e.code, code);
      assert.equal(e.message, message);
      assert.equal(e.status, engine.abi.status[code]);
      return true;
    },
  );
}

test('an object and its JSON text give the same normalised description', () => {
  const d = describe({ trend: { method: 'holt', horizon: 3 } });
  const fromObject = engine.checkChart(d, dataset);
  const fromText = engine.checkChart(JSON.stringify(d, null, 2), dataset);
  assert.deepEqual(fromObject, fromText);
  assert.deepEqual(fromObject, {
    format: 'ev-chart/1',
    locales: ['en', 'zh'],
    title: { en: 'Sales', zh: '销售' },
    dataset: null,
    // the story keys (data/CHART_FORMAT.md), written out when absent
    provenance: null,
    names: [],
    views: [{
      id: 'usd',
      title: { en: 'US$' },
      tab: null,
      subtitle: null,
      table: 'sales',
      mark: 'line',
      x: { column: 'year', label: null, names: null, complete: false, choices: [] },
      y: {
        column: 'usd', aggregate: null, label: null, unit: null, scale: 'linear',
        format: null, fixed: null, percent: false, approximate: null, bound: null, counts: false,
      },
      series: null,
      filters: [],
      derive: [],
      trend: { method: 'holt', horizon: 3, level: 0.95, control: false, series: [] },
      map: null,
      annotations: [],
      notes: [],
      sources: [],
      reference: [],
      source: null,
      detail: null,
      sort: null,
      panels: [],
      layout: 'side',
      modes: null,
      range: null,
      findings: [],
    }],
  });
  // the input object is not changed
  assert.equal(d.views[0].trend.level, undefined);
});

test('defaults of every mark are written out', () => {
  const out = engine.checkChart(describe({
    id: 'm', mark: 'map', x: undefined, map: { key: 'iso3' }, y: { aggregate: 'count' },
    series: { column: 'region' }, sources: [{ name: 'Rhodium' }],
  }), dataset);
  const v = out.views[0];
  assert.deepEqual(v.map, { key: 'iso3', projection: 'equal-earth', colour: [], zooms: [], projections: false, names: null });
  assert.equal(v.x, null);
  assert.deepEqual(v.y, {
    aggregate: 'count', column: null, label: null, unit: null, scale: 'linear',
    format: null, fixed: null, percent: false, approximate: null, bound: null, counts: false,
  });
  assert.deepEqual(v.series, { column: 'region', labels: {}, order: [], label: null, names: null, styles: {}, sparse: [] });
  assert.deepEqual(v.sources, [{ name: { en: 'Rhodium' }, url: null }]);
  for (const mark of ['bar', 'hbar']) {
    const b = engine.checkChart(describe({ mark, x: { column: 'region' }, y: { column: 'usd', aggregate: 'sum' } }), dataset);
    assert.equal(b.views[0].mark, mark);
    assert.equal(b.views[0].y.aggregate, 'sum');
  }
  const p = engine.checkChart(describe({ mark: 'point', annotations: [{ x: 2021, text: { en: 'peak', zh: '峰值' } }] }), dataset);
  assert.deepEqual(p.views[0].annotations, [{ x: 2021, y: null, text: { en: 'peak', zh: '峰值' }, series: null }]);
});

test('each kind of error has its code and a message that starts with the path', () => {
  rejects('{"format": "ev-chart/1",', 'PARSE',
    'JSON parse error at line 1, column 25: unexpected end of input (expected a string key)');
  rejects(describe({ mark: 'pie' }), 'SHAPE', "views[0].mark: unknown mark 'pie' (line, bar, hbar, point, map)");
  rejects(describe({ titel: 'x' }), 'SHAPE', "views[0].titel: unknown key 'titel' (did you mean 'title'?)");
  rejects(describe({ title: { zh: '销售' } }), 'SHAPE', "views[0].title: no text for the default locale 'en'");
  rejects(describe({ y: { column: 'usb' } }), 'COLUMN',
    "views[0].y.column: table 'sales' has no column 'usb' (did you mean 'usd'?)");
  rejects(describe({ table: 'sale' }), 'COLUMN', "views[0].table: the dataset has no table 'sale' (did you mean 'sales'?)");
  rejects(describe({ x: { column: 'region' } }), 'TYPE', "views[0].x.column: a line needs a number x; 'region' is string");
  rejects(describe({ mark: 'bar', x: { column: 'region' }, y: { column: 'iso3', aggregate: 'mean' } }), 'TYPE',
    "views[0].y.aggregate: 'mean' needs a number column; 'iso3' is string");
  rejects(describe({ filters: [{ column: 'year', eq: '2020' }] }), 'TYPE',
    "views[0].filters[0].eq: 'year' is number, got a string");
  rejects(describe({ trend: { method: 'linear', horizon: 80 } }), 'LIMIT',
    'views[0].trend.horizon: 80 steps, outside 1 to 50');
  rejects(describe({}, { locales: ['en', 'en-GB', 'zh', 'fr', 'de', 'es', 'it', 'pt', 'ja'] }), 'LIMIT',
    'locales: 9 locales, over the limit of 8');
  rejects(describe({ mark: 'map', x: undefined, map: { key: 'region' }, y: { aggregate: 'count' } }), 'DATA',
    "views[0].map.key: 'region' holds 'Europe', not an ISO 3166-1 alpha-3 code (e.g. 'HUN')");
  // (only text can hold a number too large for a double)
  rejects(JSON.stringify(describe()).replace('"y":{"column":"usd"}', '"y":{"column":"usd"},"annotations":[{"x":1e999,"text":"a"}]'),
    'RANGE', 'views[0].annotations[0].x: the number is too large for a double');
  rejects(describe({}, { dataset: { url: 'javascript:alert(1)' } }), 'SHAPE',
    "dataset.url: 'javascript:' URLs are not allowed (https: only)");
});

test('bad arguments are refused in the binding', () => {
  for (const bad of [null, undefined, 42, [describe()], new Map(), () => 1]) {
    assert.throws(() => engine.checkChart(bad, dataset), (e) => e instanceof EngineError && e.code === 'ARG');
  }
  const cyclic = describe();
  cyclic.self = cyclic;
  assert.throws(() => engine.checkChart(cyclic, dataset), (e) => e instanceof EngineError && e.code === 'ARG');
  assert.throws(() => engine.checkChart(describe(), { tableNames: ['sales'] }),
    (e) => e instanceof EngineError && e.code === 'ARG' && /this engine \(ingest or importTables\)/.test(e.message));
});

test('a dataset from importTables is checked against; one from another engine is refused', async () => {
  const copy = engine.importTables([engine.exportTable(dataset.table('sales'))]);
  try {
    assert.equal(engine.checkChart(describe(), copy).views[0].table, 'sales');
  } finally {
    copy.free();
  }
  const other = await loadEngine();
  const theirs = other.ingest(JSON.stringify(DATA));
  assert.throws(() => engine.checkChart(describe(), theirs), (e) => e instanceof EngineError && e.code === 'ARG');
  assert.equal(other.checkChart(describe(), theirs).views[0].table, 'sales');
  theirs.free();
});

test('the engine keeps working after errors, and nothing is leaked', () => {
  const live = engine.liveObjects();
  const bad = [
    '[', '', describe({ mark: 'pie' }), describe({ y: { column: 'nope' } }), 'x'.repeat(2 * 1024 * 1024),
    '{"format":"ev-chart/1","title":"a\\u0000b"}',
  ];
  for (let i = 0; i < 50; i++) {
    for (const d of bad) assert.throws(() => engine.checkChart(d, dataset), EngineError);
    engine.checkChart(describe(), dataset);
  }
  assert.equal(engine.liveObjects(), live);
  // the dataset and the engine still answer queries
  const f = engine.query(dataset.table('sales'), { groupBy: ['region'], aggregates: [{ op: 'sum', column: 'usd', as: 'usd' }] });
  assert.deepEqual(f.col('region'), ['Asia', 'Europe']);
  assert.deepEqual(Array.from(f.col('usd')), [2.25, 1.5]);
  assert.equal(engine.checkChart(describe(), dataset).views[0].id, 'usd');
});

test('a freed dataset has no tables to check against', () => {
  const d = engine.ingest(JSON.stringify(DATA));
  d.free();
  rejects(describe(), 'COLUMN', "views[0].table: the dataset has no table 'sales' (tables: none)", d);
});

/** The EV_CHART_MAX_* limits of wasm/chart_desc.h as {chart_max_x: value}. */
function headerLimits() {
  const text = readFileSync(new URL('../../wasm/chart_desc.h', import.meta.url), 'utf8');
  const limits = {};
  for (const m of text.matchAll(/^#define EV_CHART_MAX_(\w+)\s+([0-9() *]+?)\s*(?:\/\*.*)?$/gm)) {
    // a product of whole numbers, e.g. (1024 * 1024)
    limits[`chart_max_${m[1].toLowerCase()}`] = m[2].replace(/[()\s]/g, '').split('*').reduce((a, b) => a * Number(b), 1);
  }
  return limits;
}

test("the description limits reach JS in engine.limits, equal to chart_desc.h's", () => {
  const want = headerLimits();
  assert.ok(Object.keys(want).length >= 11, 'the header\'s limits were read');
  const got = Object.fromEntries(Object.entries(engine.limits).filter(([k]) => k.startsWith('chart_')));
  assert.deepEqual(got, want);
  assert.equal(engine.limits.chart_max_bytes, 1024 * 1024);
  assert.equal(engine.limits.chart_max_text_bytes, 2000);
});

test('the check refuses exactly one past the limits the studio reads', () => {
  const { chart_max_bytes: maxBytes, chart_max_text_bytes: maxText, chart_max_views: maxViews } = engine.limits;
  // a title of exactly maxText bytes (a 3-byte character included) is taken, one byte more is not
  const title = '销' + 'a'.repeat(maxText - 3);
  assert.equal(engine.checkChart(describe({}, { title }), dataset).title.en, title);
  rejects(describe({}, { title: title + 'a' }), 'LIMIT', `title: text of ${maxText + 1} bytes, over the limit of ${maxText}`);
  // a view's tab label has its own, shorter limit, per locale
  const maxTab = engine.limits.chart_max_tab_bytes;
  assert.equal(maxTab, 40);
  const tab = '销' + 'a'.repeat(maxTab - 3);
  assert.deepEqual(engine.checkChart(describe({ tab: { en: 'Sales', zh: tab } }), dataset).views[0].tab, { en: 'Sales', zh: tab });
  rejects(describe({ tab: { en: 'Sales', zh: tab + 'a' } }), 'LIMIT', `views[0].tab.zh: text of ${maxTab + 1} bytes, over the limit of ${maxTab}`);
  // maxViews views, then one more
  const views = (n) => Array.from({ length: n }, (_, i) => ({ ...describe().views[0], id: `v${i}` }));
  assert.equal(engine.checkChart(describe({}, { views: views(maxViews) }), dataset).views.length, maxViews);
  rejects(describe({}, { views: views(maxViews + 1) }), 'LIMIT', `views: ${maxViews + 1} views, over the limit of ${maxViews}`);
  // the JSON text: maxBytes (padded with spaces) is read, one byte more is refused before parsing
  const text = JSON.stringify(describe());
  const padded = text + ' '.repeat(maxBytes - Buffer.byteLength(text));
  assert.equal(engine.checkChart(padded, dataset).views[0].id, 'usd');
  rejects(padded + ' ', 'LIMIT', `description: ${maxBytes + 1} bytes, over the limit of ${maxBytes} bytes`);
});
