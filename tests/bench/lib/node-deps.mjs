// node-deps.mjs — the contenders in Node: the engine through the page's own
// binding, Arquero, DuckDB-WASM (blocking Node bindings, same .wasm as the
// browser) and Apache Arrow, from tests/bench/node_modules.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEngine } from '../../js/helpers/load-engine.mjs';
import { jsMethod, engineMethod, arqueroMethod, duckdbMethod } from './methods.mjs';

const require = createRequire(import.meta.url);

export { loadEngine };

export function readStatus() {
  const s = readFileSync('/proc/self/status', 'utf8');
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)[1]) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

export async function newDuckConn() {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
      eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  return db.connect();
}

/** The methods in the table's order; `only` (a method id) sets up just
 * that one and the JS baseline (for the memory runs). */
export async function nodeMethods(engine, only = null) {
  const want = (id) => !only || only.startsWith(id);
  const list = [jsMethod()];
  if (want('engine')) list.push(engineMethod(engine, 'stream'), engineMethod(engine, 'tree'));
  if (want('arquero')) list.push(arqueroMethod(await import('arquero')));
  if (want('duckdb')) list.push(duckdbMethod(require('apache-arrow'), await newDuckConn()));
  return list;
}
