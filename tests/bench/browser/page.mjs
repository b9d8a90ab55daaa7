// page.mjs — the bench in Chromium: run.mjs opens page.html (served from the
// repository root) and calls the window.bench* functions below. The engine
// is loaded as the page loads it (build/engine.js + engine/engine.js).

import { createEngine } from '/web/engine/engine.js';
import { aq, arrow, duckdb } from '/.cache/bench/peers.js';
import { jsMethod, engineMethod, arqueroMethod, duckdbMethod, hasStreamPath } from '../lib/methods.mjs';
import { runDataset, median } from '../lib/suite.mjs';
import { frameRunner, drawFrame, hasDecimate } from '../lib/frame.mjs';

const DUCK = '/tests/bench/node_modules/@duckdb/duckdb-wasm/dist/';
let engine = null;
let methods = null;
const kept = []; // state kept alive for the memory measurement

async function newEngine() {
  return createEngine({ factory: window.createEvEngine, locateFile: (p) => `/web/build/${p}` });
}

async function newDuck() {
  const worker = new Worker(new URL(`${DUCK}duckdb-browser-eh.worker.js`, location.href));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL(`${DUCK}duckdb-eh.wasm`, location.href).href);
  return db.connect();
}

async function makeMethods(only) {
  const want = (id) => !only || only === id || only.startsWith(id);
  const list = [];
  if (!engine) engine = await newEngine();
  list.push(jsMethod());
  if (want('engine')) list.push(engineMethod(engine, 'stream'), engineMethod(engine, 'tree'));
  if (want('arquero')) list.push(arqueroMethod(aq));
  if (want('duckdb')) list.push(duckdbMethod(arrow, await newDuck()));
  return list;
}

async function fetchBytes(url) {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

const gc = () => window.gc && window.gc();

window.benchSetup = async () => {
  methods = await makeMethods(null);
  return { stream: hasStreamPath(engine), decimate: hasDecimate(engine), userAgent: navigator.userAgent };
};

window.benchDataset = async ({ url, q, reps, groupReps }) => {
  const bytes = await fetchBytes(url);
  const logs = [];
  const r = await runDataset(bytes, q, methods, { reps, groupReps, gc, log: (s) => logs.push(s) });
  return { ...r, logs };
};

window.benchFrame = async ({ url, frames }) => {
  const bytes = await fetchBytes(url);
  const path = hasStreamPath(engine) ? 'stream' : 'tree';
  const ds = engine.ingest(bytes, { path });
  try {
    const table = ds.table(ds.tableNames[0]);
    const canvas = document.getElementById('c');
    // a CPU-backed canvas: headless Chromium's GPU is SwiftShader, whose
    // read-back would dominate the time
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const draw = (bars, line, from, to) => drawFrame(ctx, canvas.width, canvas.height, bars, line, from, to);
    const run = frameRunner(engine, table, { draw });
    for (let i = 0; i < 3; i++) run(i);
    const full = [];
    const parts = { aggregate: [], decimate: [], draw: [] };
    let points = 0;
    for (let i = 0; i < frames; i++) {
      const t0 = performance.now();
      const r = run(i);
      full.push(performance.now() - t0);
      for (const k of Object.keys(parts)) parts[k].push(r.ms[k]);
      points = r.line ? r.line.rowCount : 0;
    }
    const med = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, median(v)]));
    return { rows: table.rowCount, path, decimate: hasDecimate(engine), frames, ms: median(full), parts: med, points };
  } finally {
    ds.free();
  }
};

window.benchMemPrepare = async ({ url, method }) => {
  const list = await makeMethods(method);
  window.__m = list.find((m) => m.id === method);
  window.__bytes = await fetchBytes(url);
  if (window.__m.available !== undefined && window.__m.available !== true) return window.__m.available;
  return 'ok';
};

window.benchMemRun = async ({ q }) => {
  try {
    const s = await window.__m.ingest(window.__bytes);
    kept.push(s, await window.__m.groupBy(s, q));
    return 'ok';
  } catch (e) {
    return e && e.code === 'LIMIT' ? 'over the limit' : `error: ${e && e.message}`;
  }
};
