// ingest-stream.test.mjs — the stream path (wasm/ingest_stream.c) against
// the tree path (wasm/ingest_json.c) through the binding the page uses.
//
// For each input, both paths run and must give the same tables, compared
// raw from WASM memory (names, column order, types, the bytes of every
// number and code column, every dictionary string in code order) or the
// same EngineError (code and message). Inputs: every JSONTestSuite file as
// a document and as a record's value, the story data, generated flat
// records (1e5 rows, and vega-datasets-style cars records), hostile
// cases. The stream path is also fed in chunks through openStream; cancel
// and errors leave no live object; the stream limit is refused before any
// byte is read; the 'auto' rule. Prints (does not assert) MB/s of both
// paths.
// Run: ./build.sh build && node --test tests/js/ingest-stream.test.mjs
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError, STREAM_AUTO_MIN_BYTES, ingestPath } from '../../web/engine/engine.js';
import { loadEngine, REPO } from './helpers/load-engine.mjs';

const SUITE = join(REPO, '..', 'shared', 'jsontestsuite');
const encoder = new TextEncoder();

let engine;
before(async () => {
  engine = await loadEngine();
});

/** The raw content of the tables of a Dataset (then freed). */
function snapshot(ds) {
  const e = engine;
  const out = [];
  for (const name of ds.tableNames) {
    const h = ds.table(name).handle;
    const rows = e._call('api_table_rows', h);
    const ncols = e._call('api_table_cols', h);
    const cols = [];
    for (let i = 0; i < ncols; i++) {
      const type = e._call('api_col_type', h, i);
      const ptr = e._call('api_col_data', h, i);
      const isNum = type === e.abi.col_type.number || type === e.abi.col_type.boolean;
      const data = Buffer.from(e._mod.HEAPU8.slice(ptr, ptr + rows * (isNum ? 8 : 4))).toString('base64');
      const dict = [];
      if (!isNum) {
        const n = e._call('api_col_dict_count', h, i);
        for (let k = 0; k < n; k++) {
          const sp = e._call('api_col_dict_str', h, i, k);
          const len = e._call('api_col_dict_len', h, i, k);
          dict.push(Buffer.from(e._mod.HEAPU8.slice(sp, sp + len)).toString('base64'));
        }
      }
      cols.push({ name: e._string(e._call('api_col_name', h, i)), type, data, dict });
    }
    out.push({ name, rows, cols });
  }
  ds.free();
  return out;
}

function outcome(fn) {
  try {
    return { tables: snapshot(fn()) };
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    return { error: { code: err.code, message: err.message } };
  }
}

/** Feeds bytes through openStream in chunks of sizes from sizes(). */
function streamChunked(bytes, sizes) {
  const st = engine.openStream({ totalBytes: bytes.length });
  try {
    for (let off = 0; off < bytes.length; ) {
      const k = Math.max(1, Math.min(sizes(), bytes.length - off));
      st.feed(bytes.subarray(off, off + k));
      off += k;
    }
    assert.equal(st.bytes, bytes.length);
    return st.finish();
  } finally {
    st.cancel();
  }
}

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

let compared = 0;
/** Asserts that both paths agree on bytes; returns the tree's outcome. */
function agree(bytes, label, { chunked = true } = {}) {
  const live = engine.liveObjects();
  const tree = outcome(() => engine.ingest(bytes, { path: 'tree' }));
  const stream = outcome(() => engine.ingest(bytes, { path: 'stream' }));
  assert.deepStrictEqual(stream, tree, `${label}: stream path differs from the tree path`);
  if (chunked) {
    const r = rng(bytes.length + 7);
    const small = outcome(() => streamChunked(bytes, () => 1 + Math.floor(r() * 9)));
    assert.deepStrictEqual(small, tree, `${label}: chunked stream differs`);
  }
  assert.equal(engine.liveObjects(), live, `${label}: objects left behind`);
  compared++;
  return tree;
}

function suiteFiles(dir) {
  const path = join(SUITE, dir);
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, readFileSync(join(path, f))]);
}

function concat(...parts) {
  const arrays = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let off = 0;
  for (const a of arrays) {
    out.set(a, off);
    off += a.length;
  }
  return out;
}

const REGIONS = ['Europe', 'Asia', 'Africa', 'Americas', 'Oceania'];
function flatRecords(n, seed = 1) {
  const r = rng(seed);
  const parts = [];
  for (let i = 0; i < n; i++) {
    parts.push(
      JSON.stringify({
        id: i,
        year: 2000 + (i % 25),
        region: REGIONS[i % 5],
        country: `C${i % 200}`,
        value: Math.round((r() - 0.3) * 1e8) / 100,
        share: r(),
        ok: i % 3 === 0,
        note: i % 7 ? null : `n\u00e9 ${i % 11}`,
      }),
    );
  }
  return encoder.encode(`[${parts.join(',\n')}]`);
}

// vega-datasets' cars.json shape: names, nulls among numbers, dates as text
function carsRecords(n) {
  const r = rng(42);
  const origins = ['USA', 'Europe', 'Japan'];
  const rows = [];
  for (let i = 0; i < n; i++) {
    rows.push({
      Name: `car ${Math.floor(r() * 400)}`,
      Miles_per_Gallon: r() < 0.05 ? null : Math.round(r() * 400) / 10,
      Cylinders: [3, 4, 5, 6, 8][Math.floor(r() * 5)],
      Displacement: Math.round(r() * 4550) / 10,
      Horsepower: r() < 0.03 ? null : Math.floor(46 + r() * 184),
      Weight_in_lbs: Math.floor(1600 + r() * 3600),
      Acceleration: Math.round(80 + r() * 170) / 10,
      Year: `19${70 + Math.floor(r() * 13)}-01-01`,
      Origin: origins[Math.floor(r() * 3)],
    });
  }
  return encoder.encode(JSON.stringify(rows, null, 2));
}

describe('stream path = tree path', () => {
  test('every JSONTestSuite file, as a document and as a record value', () => {
    const files = [...suiteFiles('test_parsing'), ...suiteFiles('test_transform')];
    assert.ok(files.length >= 300, `JSONTestSuite files found: ${files.length}`);
    const codes = new Map();
    for (const [name, bytes] of files) {
      const doc = agree(bytes, name);
      const key = doc.error ? doc.error.code : 'OK';
      codes.set(key, (codes.get(key) || 0) + 1);
      agree(concat('[{"v":', bytes, '}]'), `${name} as a value`);
    }
    // the suite exercises every kind of outcome, so agreement means something
    for (const code of ['OK', 'PARSE', 'SHAPE', 'LIMIT']) assert.ok(codes.get(code) > 0, code);
  });

  test('the story data, whole and in chunks of every size up to 64 KiB', () => {
    const bytes = readFileSync(join(REPO, 'data', 'ev_story.json'));
    const tree = agree(bytes, 'ev_story.json');
    assert.ok(tree.tables && tree.tables.length > 3);
    for (const size of [1, 3, 1000, 65536]) {
      const got = outcome(() => streamChunked(bytes, () => size));
      assert.deepStrictEqual(got, tree, `chunks of ${size}`);
    }
    for (const f of ['ev_going_global.json', 'ev_series.json']) {
      const p = join(REPO, '..', 'shared', 'data', f);
      if (existsSync(p)) agree(readFileSync(p), f);
    }
  });

  test('generated flat records: 1e5 rows, and vega-datasets-style cars', () => {
    const big = flatRecords(100000);
    const tree = agree(big, '1e5 flat records');
    assert.equal(tree.tables[0].rows, 100000);
    assert.deepStrictEqual(
      tree.tables[0].cols.map((c) => c.name),
      ['id', 'year', 'region', 'country', 'value', 'share', 'ok', 'note'],
    );
    const cars = agree(carsRecords(406), 'cars');
    assert.equal(cars.tables[0].rows, 406);
    // a wrong type deep in the data, then a syntax error later: PARSE wins
    const text = new TextDecoder().decode(big);
    const typed = text.replace('"year":2010', '"year":"2010"');
    const typeErr = agree(encoder.encode(typed), 'type error', { chunked: false });
    assert.equal(typeErr.error.code, 'TYPE');
    const both = agree(encoder.encode(`${typed.slice(0, -1)},]`), 'type then parse', {
      chunked: false,
    });
    assert.equal(both.error.code, 'PARSE');
  });

  test('hostile inputs give the same error word for word', () => {
    const cases = [
      '[{"a":1},{"a":"NaN"}]',
      '[{"a":1e400}]',
      '[{"n":[1,{"x":-1e999}]}]',
      '[{"a":"\\u0000"}]',
      '{"x":"\\u0000","t":[{"a":1},2]}',
      '\ufeff[{"a":1}]',
      '\ufeff',
      '[{"a":1},{"a":1}',
      '{"t":[{"a":1}],"t":[{"b":"x"},{"b":2}]}',
      '[{"\\ud800":1}]',
      '[{"a":1}] [',
      '[' + '['.repeat(70),
      `[{"${'k'.repeat(257)}":1}]`,
      '[{"a":1, "a":"x"}]',
      '',
      '[]',
      '{"notes":[1,2]}',
    ];
    for (const c of cases) agree(encoder.encode(c), JSON.stringify(c).slice(0, 60));
    agree(Uint8Array.from([0x5b, 0x22, 0xe9, 0x22, 0x5d]), 'Latin-1 byte');
    agree(Uint8Array.from([0x5b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x5d]), 'encoded surrogate');
    agree(Uint8Array.from([0xff, 0xfe, 0x5b, 0x00]), 'UTF-16');
    const e = outcome(() => engine.ingest('[{"a":1},{"a":"x"},{"a":01}]', { path: 'stream' }));
    assert.deepStrictEqual(e.error, {
      code: 'PARSE',
      message: 'JSON parse error at line 1, column 25: leading zero in a number',
    });
    console.log(`# ${compared} inputs compared between the two paths`);
  });
});

describe('openStream', () => {
  test('feeds strings and bytes, counts bytes and rows', () => {
    const st = engine.openStream();
    st.feed('[{"a":1,"s":"caf');
    st.feed(Uint8Array.from([0xc3]));
    st.feed(Uint8Array.from([0xa9]));
    st.feed('"},{"a":2');
    assert.equal(st.rows, 2);
    st.feed(',"s":null}]');
    assert.equal(st.bytes, 38);
    const ds = st.finish();
    const f = engine.read(ds.table('data'));
    assert.deepStrictEqual(f.rows(), [
      { a: 1, s: 'café' },
      { a: 2, s: null },
    ]);
    ds.free();
    assert.equal(st.rows, 2);
    assert.throws(() => st.feed('x'), (err) => err.code === 'ARG');
    assert.throws(() => st.finish(), (err) => err.code === 'ARG');
  });

  test('cancel at every byte frees everything', () => {
    const live = engine.liveObjects();
    const bytes = encoder.encode('{"t":[{"a":1,"n":[1,{"b":"x"}]},{"a":2}],"u":[{"c":"\\u00e9"}]}');
    for (let k = 0; k <= bytes.length; k++) {
      const st = engine.openStream({ totalBytes: bytes.length });
      for (let i = 0; i < k; i++) st.feed(bytes.subarray(i, i + 1));
      assert.equal(engine.liveObjects(), live + 1);
      st.cancel();
      st.cancel();
      assert.equal(engine.liveObjects(), live);
    }
  });

  test('an error ends the stream and frees it', () => {
    const live = engine.liveObjects();
    const st = engine.openStream();
    st.feed('[{"a":1},');
    assert.throws(
      () => st.feed('{"a":tru }]'),
      (err) =>
        err.code === 'PARSE' &&
        err.message === "JSON parse error at line 1, column 15: invalid literal 'tru' (expected true, false or null)",
    );
    assert.equal(engine.liveObjects(), live);
    const st2 = engine.openStream();
    st2.feed('[{"a":1},{"a":"x"}]');
    assert.throws(() => st2.finish(), (err) => err.code === 'TYPE');
    assert.equal(engine.liveObjects(), live);
  });

  test('the stream limit is refused before any byte is read', () => {
    const max = engine.limits.max_stream_input_bytes;
    assert.equal(max, 1024 * 1024 * 1024);
    const live = engine.liveObjects();
    assert.throws(
      () => engine.openStream({ totalBytes: max + 1 }),
      (err) => err.code === 'LIMIT' && err.message === `input is ${max + 1} bytes, over the limit of ${max} bytes`,
    );
    assert.equal(engine.liveObjects(), live);
    engine.openStream({ totalBytes: max }).cancel();
  });
});

describe('out of memory on the stream path', () => {
  test('1,000,000 rows x 256 numbers (2 GiB, a 3 MB text): a clean NOMEM, nothing kept', async () => {
    const e = await loadEngine();
    const doc = `[{${Array.from({ length: 256 }, (_, i) => `"c${i}":${i}`).join(',')}}${',{}'.repeat(999999)}]`;
    assert.throws(
      () => e.ingest(doc, { path: 'stream' }),
      (err) => err.code === 'NOMEM' && err.message === "out of memory reading table 'data'",
    );
    assert.equal(e.dead, false);
    assert.equal(e.liveObjects(), 0);
    const ds = e.ingest('[{"a":1}]', { path: 'stream' });
    assert.equal(ds.table('data').rowCount, 1);
    ds.free();
    assert.equal(e.liveObjects(), 0);
  });
});

describe("path 'auto'", () => {
  test('the rule: the tree path below 64 KiB, the stream path from there and past 16 MiB', () => {
    const limits = engine.limits;
    assert.equal(STREAM_AUTO_MIN_BYTES, 64 * 1024);
    assert.equal(ingestPath(0, limits), 'tree');
    assert.equal(ingestPath(STREAM_AUTO_MIN_BYTES - 1, limits), 'tree');
    assert.equal(ingestPath(STREAM_AUTO_MIN_BYTES, limits), 'stream');
    assert.equal(ingestPath(limits.max_input_bytes + 1, limits), 'stream');
    assert.throws(() => engine.ingest('[]', { path: 'fast' }), (err) => err.code === 'ARG');
  });

  test('inputs over 16 MiB: the tree path refuses, auto and stream read them', () => {
    const big = flatRecords(160000, 3);
    assert.ok(big.length > engine.limits.max_input_bytes);
    assert.throws(() => engine.ingest(big, { path: 'tree' }), (err) => err.code === 'LIMIT');
    const auto = engine.ingest(big);
    assert.equal(auto.table('data').rowCount, 160000);
    const stream = engine.ingest(big, { path: 'stream' });
    assert.deepStrictEqual(snapshot(auto), snapshot(stream));
  });

  test('MB/s of both paths on generated flat records (printed, not asserted)', () => {
    const million = flatRecords(1000000, 5);
    // wall time, and CPU time (steadier on a busy machine)
    const time = (bytes, path) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const ds = engine.ingest(bytes, { path });
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      ds.free();
      return { wall, cpu: (c.user + c.system) / 1000 };
    };
    const rate = (bytes, ms) => (bytes.length / 1e3 / ms).toFixed(0);
    const t = time(million, 'stream');
    console.log(`# stream path, 1e6 records (${(million.length / 1e6).toFixed(1)} MB): ${rate(million, t.wall)} MB/s wall, ${rate(million, t.cpu)} MB/s CPU`);
    // the tree path stops at 16 MiB: time both on the same prefix that fits
    const n = Math.floor((1000000 * engine.limits.max_input_bytes) / million.length) - 2000;
    const part = flatRecords(n, 5);
    assert.ok(part.length <= engine.limits.max_input_bytes);
    const tree = time(part, 'tree');
    const stream = time(part, 'stream');
    console.log(`# ${n} records (${(part.length / 1e6).toFixed(1)} MB): tree path ${rate(part, tree.wall)} MB/s wall, ${rate(part, tree.cpu)} CPU; stream path ${rate(part, stream.wall)} MB/s wall, ${rate(part, stream.cpu)} CPU`);
  });
});
