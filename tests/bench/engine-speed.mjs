// engine-speed.mjs — a quick side-by-side speed check of engine builds in
// Node (not a test, nothing asserted): stream-path ingest MB/s on the bench's
// 1e6 synthetic records (tests/bench/lib/dataset.mjs, 94 MB) and on the same
// records with a 17-digit float `value`, and the bench's group-by (sum of
// value and count by category) on the ingested table. Builds are run
// interleaved, round by round, so that a shared machine's load falls on all of
// them alike; prints the best and the median of each (wall and CPU time:
// the process's, steadier than wall time on a loaded machine), and each instance's
// WASM memory after its first ingest (memory only grows: the peak heap of
// one 94 MB stream ingest, with its 1 MiB feed buffer).
//
//   node tests/bench/engine-speed.mjs [rounds] [buildDir...]
//   (default: 5 rounds, web/build; give several build dirs to compare them,
//    each holding engine.js + engine.wasm)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../web/engine/engine.js';
import { datasetChunks } from './lib/dataset.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const rounds = Number(process.argv[2] || 5);
const dirs = process.argv.length > 3 ? process.argv.slice(3) : [join(REPO, 'web', 'build')];

const enc = new TextEncoder();
const short = enc.encode([...datasetChunks(1e6)].join(''));
// the same records with a 17-digit value (the shape of flights-200k's decimals)
const long = enc.encode(
  [...datasetChunks(1e6)].join('').replace(/"value":([0-9.]+)/g, (_, v) => `"value":${(Number(v) + 1 / 3).toPrecision(17)}`),
);

const engines = [];
for (const d of dirs) {
  const dir = resolve(d);
  const factory = require(join(dir, 'engine.js'));
  const wasmBinary = readFileSync(join(dir, 'engine.wasm'));
  engines.push({ dir, engine: await createEngine({ factory, wasmBinary }), ingest: { short: [], long: [] }, cpu: { short: [], long: [] }, groupBy: [], memory: 0 });
}

const spec = { groupBy: ['category'], aggregates: [{ op: 'sum', column: 'value' }, { op: 'count' }] };
for (let r = 0; r < rounds; r++) {
  for (const e of engines) {
    for (const [name, bytes] of [['short', short], ['long', long]]) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const ds = e.engine.ingest(bytes, { path: 'stream' });
      e.ingest[name].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      e.cpu[name].push((c.user + c.system) / 1000);
      if (!e.memory) e.memory = e.engine.memoryBytes;
      if (name === 'short') {
        const t = ds.table('data');
        for (let i = 0; i < 10; i++) {
          const g0 = performance.now();
          e.engine.query(t, spec);
          e.groupBy.push(performance.now() - g0);
        }
      }
      ds.free();
    }
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const best = (a) => Math.min(...a);
const mbs = (bytes, ms) => (bytes.length / 1e3 / ms).toFixed(0);
for (const e of engines) {
  console.log(`${e.dir}`);
  for (const [name, bytes, what] of [['short', short, 'short numbers'], ['long', long, '17-digit value']]) {
    console.log(`  stream ingest, ${what} (${(bytes.length / 1e6).toFixed(1)} MB): wall best ${mbs(bytes, best(e.ingest[name]))} MB/s, median ${mbs(bytes, med(e.ingest[name]))} MB/s; CPU time best ${mbs(bytes, best(e.cpu[name]))} MB/s, median ${mbs(bytes, med(e.cpu[name]))} MB/s`);
  }
  console.log(`  WASM memory after the first ingest of the short-number records: ${(e.memory / 2 ** 20).toFixed(1)} MiB (${(e.memory / short.length).toFixed(2)}x the input)`);
  console.log(`  group-by (sum + count by category, 1e6 rows): best ${best(e.groupBy).toFixed(2)} ms, median ${med(e.groupBy).toFixed(2)} ms`);
}
