// bench-smoke.test.mjs — the bench's correctness, not its speed: the dataset
// generator of tests/bench at 1e3 records, and the group-by of the JS
// baseline and of the engine (through the page's binding) giving the same
// sums and counts. Needs only the main devDependencies and a built engine
// (./build.sh build); ./build.sh bench itself is never run by the tests.
import test from 'node:test';
import assert from 'node:assert/strict';
import { datasetChunks, datasetText, CATEGORIES, REGIONS, SYNTH_QUERY, TS0, TS_STEP } from '../bench/lib/dataset.mjs';
import { compareResults, engineMethod, hasStreamPath, jsMethod, jsSum, wasmSummer } from '../bench/lib/methods.mjs';
import { frameRunner } from '../bench/lib/frame.mjs';
import { loadEngine } from './helpers/load-engine.mjs';

const N = 1000;
const text = datasetText(N);
const bytes = new TextEncoder().encode(text);

test('bench dataset: deterministic, valid JSON, the documented fields', () => {
  assert.equal(datasetText(N), text);
  assert.equal([...datasetChunks(N, 7)].join(''), text, 'chunking does not change the text');
  assert.notEqual(datasetText(N + 1).slice(0, 200), text.slice(0, 200), 'another size is another sample');
  const records = JSON.parse(text);
  assert.equal(records.length, N);
  records.forEach((r, i) => {
    assert.deepEqual(Object.keys(r), ['ts', 'category', 'region', 'value', 'count', 'flag']);
    assert.equal(r.ts, TS0 + i * TS_STEP);
    assert.ok(CATEGORIES.includes(r.category) && REGIONS.includes(r.region));
    assert.ok(r.value >= 0 && r.value < 10000 && Math.round(r.value * 100) / 100 === r.value);
    assert.ok(Number.isInteger(r.count) && r.count >= 0 && r.count < 1000);
    assert.equal(typeof r.flag, 'boolean');
  });
  assert.ok(new Set(records.map((r) => r.category)).size > 30, 'most categories occur');
  const perRecord = bytes.length / N;
  assert.ok(perRecord > 80 && perRecord < 100, `${perRecord} bytes a record`);
});

test('bench group-by: JS loop and engine give the same sums and counts', async () => {
  const engine = await loadEngine();
  const js = jsMethod();
  const records = js.ingest(bytes);
  const ref = js.normalize(js.groupBy(records, SYNTH_QUERY));
  assert.equal([...ref.values()].reduce((s, g) => s + g.count, 0), N);
  const total = records.reduce((s, r) => s + r.value, 0);
  assert.ok(Math.abs([...ref.values()].reduce((s, g) => s + g.sum, 0) - total) < 1e-6);

  const paths = hasStreamPath(engine) ? ['tree', 'stream'] : ['tree'];
  for (const p of paths) {
    const m = engineMethod(engine, p);
    const state = m.ingest(bytes);
    try {
      assert.equal(state.table.rowCount, N);
      const got = m.normalize(m.groupBy(state, SYNTH_QUERY), SYNTH_QUERY);
      assert.equal(compareResults(ref, got), null, `engine ${p} path`);
    } finally {
      m.dispose(state);
    }
  }
  assert.equal(engine.liveObjects(), 0);
});

test('bench compareResults catches a wrong sum, count or group', () => {
  const ref = new Map([['a', { sum: 10, count: 2 }], ['b', { sum: 1e9, count: 1 }]]);
  assert.equal(compareResults(ref, new Map([['a', { sum: 10, count: 2 }], ['b', { sum: 1e9 + 1e-3, count: 1 }]])), null);
  assert.match(compareResults(ref, new Map([['a', { sum: 10.001, count: 2 }], ['b', { sum: 1e9, count: 1 }]])), /sum/);
  assert.match(compareResults(ref, new Map([['a', { sum: 10, count: 3 }], ['b', { sum: 1e9, count: 1 }]])), /count/);
  assert.match(compareResults(ref, new Map([['a', { sum: 10, count: 2 }], ['c', { sum: 1e9, count: 1 }]])), /missing/);
  assert.match(compareResults(ref, new Map([['a', { sum: 10, count: 2 }]])), /groups/);
});

test('bench floor: the hand-written WASM sum and the JS sum agree', () => {
  const a = Float64Array.from({ length: 4000 }, (_, i) => (i % 97) * 0.25);
  const exact = a.reduce((s, x) => s + x, 0);
  assert.equal(jsSum(a), exact);
  assert.equal(wasmSummer(a).sum(), exact);
  assert.equal(jsSum(Float64Array.of(1, 2, 3, 4, 5)), 15);
});

test('bench interaction frame: the bars are the filtered sums', async () => {
  const engine = await loadEngine();
  const ds = engine.ingest(bytes);
  try {
    const table = ds.table('data');
    const run = frameRunner(engine, table);
    const records = JSON.parse(text);
    for (const i of [0, 5]) {
      const { bars, line } = run(i);
      const lo = TS0;
      const hi = TS0 + (N - 1) * TS_STEP;
      const from = lo + ((i * 37) % 60) / 100 * (hi - lo);
      const to = from + (hi - lo) * 0.4;
      const want = new Map();
      for (const r of records) {
        if ((r.region === 'Asia' || r.region === 'Europe') && r.ts >= from && r.ts <= to) {
          want.set(r.category, (want.get(r.category) ?? 0) + r.value);
        }
      }
      const cats = bars.col('category');
      const sums = bars.col('sum');
      assert.equal(bars.rowCount, want.size);
      cats.forEach((c, k) => assert.ok(Math.abs(sums[k] - want.get(c)) < 1e-6, c));
      if (line) assert.ok(line.rowCount > 0);
    }
  } finally {
    ds.free();
  }
});
