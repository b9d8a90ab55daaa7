// mem-one.mjs — one peak-memory measurement in a fresh Node process (run by
// run.mjs with --expose-gc): loads the input bytes and the method, collects
// garbage, takes the resident set size as the baseline, resets the kernel's
// peak-RSS mark (writing 5 to /proc/self/clear_refs), runs ingest + group-by
// once (keeping the result alive) and prints {status, extra} where extra =
// peak RSS (VmHWM) − baseline, in bytes: everything the method allocated,
// JS heap, WASM memory and native buffers alike.
//   node --expose-gc mem-one.mjs '{"file": ..., "method": ..., "q": {...}}'

import { readFileSync, writeFileSync } from 'node:fs';
import { loadEngine, nodeMethods, readStatus } from './lib/node-deps.mjs';

const { file, method, q } = JSON.parse(process.argv[2]);
const bytes = new Uint8Array(readFileSync(file));
const engine = await loadEngine();
const m = (await nodeMethods(engine, method)).find((x) => x.id === method);
let status = m.available === undefined || m.available === true ? 'ok' : m.available;
let extra = null;
const kept = [];
if (status === 'ok') {
  for (let i = 0; i < 3; i++) globalThis.gc();
  const before = readStatus();
  writeFileSync('/proc/self/clear_refs', '5');
  try {
    const s = await m.ingest(bytes);
    kept.push(s, await m.groupBy(s, q));
    extra = readStatus().hwm - before.rss;
  } catch (e) {
    status = e && e.code === 'LIMIT' ? 'over the limit' : `error: ${e && e.message}`;
  }
}
process.stdout.write(`${JSON.stringify({ status, extra, input: bytes.length, kept: kept.length })}\n`);
process.exit(0);
