// table-io.test.mjs — table export and import through the binding
// (engine.exportTable / engine.importTables, wasm/table_io.h): round trips
// between two engine instances, the format as documented, and corrupt
// buffers refused with located errors and nothing kept.
// Run: ./build.sh build && node --test tests/js/
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../../web/engine/engine.js';
import { loadEngine, REPO } from './helpers/load-engine.mjs';

const storyBytes = readFileSync(join(REPO, 'data', 'ev_story.json'));

let a; // the "worker" instance: ingests and exports
let b; // the "page" instance: imports and queries
before(async () => {
  a = await loadEngine();
  b = await loadEngine();
});

const frameOf = (engine, ds, name) => {
  const f = engine.read(ds.table(name));
  return { name: f.name, rowCount: f.rowCount, columns: f.columns, rows: f.rows() };
};

test('round trip: every table of the story dataset, exported in one instance and imported in another, is identical', () => {
  const src = a.ingest(storyBytes);
  const buffers = src.tableNames.map((n) => a.exportTable(src.table(n)));
  for (const buf of buffers) assert.equal(new TextDecoder().decode(buf.subarray(0, 4)), 'EVT1');
  const dst = b.importTables(buffers);
  assert.deepEqual(dst.tableNames, src.tableNames);
  for (const n of src.tableNames) {
    assert.deepEqual(frameOf(b, dst, n), frameOf(a, src, n), `table ${n}`);
    assert.deepEqual(dst.table(n).columns, src.table(n).columns);
    assert.equal(dst.table(n).rowCount, src.table(n).rowCount);
    // the imported table exports to the same bytes (the format is canonical)
    assert.deepEqual(b.exportTable(dst.table(n)), buffers[src.tableNames.indexOf(n)]);
  }
  // queries agree too
  const spec = { groupBy: ['region'], aggregates: [{ op: 'sum', column: 'usd_bn', as: 's' }, { op: 'count' }], sort: [{ column: 'region' }] };
  assert.deepEqual(b.query(dst.table('projects'), spec).rows(), a.query(src.table('projects'), spec).rows());
  src.free();
  dst.free();
  assert.equal(a.liveObjects(), 0);
  assert.equal(b.liveObjects(), 0);
});

test('the format is as documented: header, then typed columns (little-endian)', () => {
  const ds = a.ingest(JSON.stringify({ t: [{ n: 1.5, s: 'x', f: true, j: [1] }, { n: null, s: 'x', f: null, j: null }] }));
  const buf = a.exportTable(ds.table('t'));
  ds.free();
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let p = 4;
  const u32 = () => { const x = v.getUint32(p, true); p += 4; return x; };
  const text = () => { const n = u32(); const s = new TextDecoder().decode(buf.subarray(p, p + n)); p += n; return s; };
  assert.equal(u32(), buf.length);
  assert.equal(u32(), 2); // rows
  assert.equal(u32(), 4); // columns
  assert.equal(text(), 't');
  const types = a.abi.col_type;
  assert.equal(u32(), types.number); assert.equal(text(), 'n');
  assert.equal(v.getFloat64(p, true), 1.5); assert.ok(Number.isNaN(v.getFloat64(p + 8, true))); p += 16;
  assert.equal(u32(), types.string); assert.equal(text(), 's');
  assert.equal(u32(), 1); assert.equal(text(), 'x'); assert.equal(v.getInt32(p, true), 0); assert.equal(v.getInt32(p + 4, true), 0); p += 8;
  assert.equal(u32(), types.boolean); assert.equal(text(), 'f');
  assert.equal(v.getFloat64(p, true), 1); assert.ok(Number.isNaN(v.getFloat64(p + 8, true))); p += 16;
  assert.equal(u32(), types.json); assert.equal(text(), 'j');
  assert.equal(u32(), 1); assert.equal(text(), '[1]'); assert.equal(v.getInt32(p, true), 0); assert.equal(v.getInt32(p + 4, true), -1); p += 8;
  assert.equal(p, buf.length);
});

test('corrupt buffers: every truncation and a sweep of garbled bytes are refused with a located error, nothing kept', () => {
  const ds = a.ingest(storyBytes);
  const good = a.exportTable(ds.table('investment'));
  ds.free();
  const before = b.liveObjects();
  for (let cut = 0; cut < good.length; cut += Math.max(1, Math.floor(good.length / 300))) {
    assert.throws(() => b.importTables([good.subarray(0, cut)]), (e) => e instanceof EngineError && e.code === 'PARSE'
      && /^importTables: buffer 1: table buffer, byte \d+: /.test(e.message), `cut at ${cut}`);
  }
  let refused = 0;
  for (let i = 0; i < good.length; i += 7) {
    for (const x of [0x00, 0xff, 0x80]) {
      const bad = good.slice();
      if (bad[i] === x) continue;
      bad[i] = x;
      try {
        b.importTables([bad]).free();
      } catch (e) {
        assert.ok(e instanceof EngineError && ['PARSE', 'LIMIT'].includes(e.code), `${e.code} ${e.message}`);
        assert.match(e.message, /byte \d+/);
        refused++;
      }
    }
  }
  assert.ok(refused > 0);
  assert.equal(b.liveObjects(), before, 'nothing kept');
  // the engine stays usable
  assert.equal(b.importTables([good]).table('investment').rowCount, a.ingest(storyBytes).table('investment').rowCount);
});

test('a code outside its dictionary and invalid UTF-8 name the table, column, row and byte', () => {
  const ds = a.ingest(JSON.stringify({ t: [{ c: 'a' }, { c: 'b' }] }));
  const good = a.exportTable(ds.table('t'));
  ds.free();
  const bad = good.slice();
  new DataView(bad.buffer).setInt32(bad.length - 4, 5, true); // row 2's code
  assert.throws(() => b.importTables([bad]), {
    name: 'EngineError', code: 'PARSE',
    message: `importTables: buffer 1: table buffer, byte ${bad.length - 4}: table 't', column 'c': row 2: code 5 is outside its dictionary of 2 strings`,
  });
  const utf = good.slice();
  const at = good.indexOf(0x62); // the 'b' entry
  utf[at] = 0xc3;
  assert.throws(() => b.importTables([utf]), { code: 'PARSE', message: new RegExp(`byte ${at}: table 't', column 'c': dictionary entry 1: invalid UTF-8 byte 0xC3`) });
});

test('several buffers: a bad second one frees the first; duplicate names and non-buffers are refused', () => {
  const ds = a.ingest(storyBytes);
  const inv = a.exportTable(ds.table('investment'));
  const proj = a.exportTable(ds.table('projects'));
  ds.free();
  const before = b.liveObjects();
  assert.throws(() => b.importTables([inv, proj.subarray(0, 100)]), { code: 'PARSE', message: /^importTables: buffer 2: / });
  assert.throws(() => b.importTables([inv, inv]), { code: 'ARG', message: /buffer 2: a second table named 'investment'/ });
  assert.throws(() => b.importTables(['EVT1']), { code: 'ARG' });
  assert.equal(b.liveObjects(), before);
  // an ArrayBuffer works as well as a Uint8Array (what postMessage transfers)
  const two = b.importTables([inv.slice().buffer, proj]);
  assert.deepEqual(two.tableNames, ['investment', 'projects']);
  two.free();
  assert.equal(b.liveObjects(), before);
});

// ---- app/big-ingest.js on the main-thread path (the worker path runs in
// tests/browser/explore.test.mjs) ---------------------------------------

test('ingestFile: a file over the limit is refused from its size without reading; a small one is ingested here', async () => {
  const { ingestFile, maxFileBytes, SMALL_BYTES } = await import('../../web/app/big-ingest.js');
  const limit = maxFileBytes(b);
  assert.ok(limit >= b.limits.max_input_bytes);
  let reads = 0;
  const huge = { size: limit + 1, stream() { reads++; }, arrayBuffer() { reads++; }, slice() { reads++; } };
  await assert.rejects(ingestFile(huge, { engine: b }), { code: 'LIMIT', message: /over the limit of .* bytes \(not read\)$/ });
  assert.equal(reads, 0);
  const seen = [];
  const r = await ingestFile(new Blob([storyBytes]), { engine: b, onProgress: (p) => seen.push(p) });
  assert.ok(storyBytes.length < SMALL_BYTES);
  assert.equal(r.via, 'main');
  assert.equal(r.bytes, storyBytes.length);
  assert.deepEqual(seen, [{ bytes: storyBytes.length, total: storyBytes.length, rows: null }]);
  assert.deepEqual(r.dataset.tableNames, a.ingest(storyBytes).tableNames);
  r.dataset.free();
  await assert.rejects(ingestFile('{"t": [1]}', { engine: b }), { code: 'SHAPE' });
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(ingestFile('[{"a":1}]', { engine: b, signal: ac.signal }), { code: 'CANCELLED' });
});
