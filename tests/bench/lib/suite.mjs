// suite.mjs — runs the methods of methods.mjs on one dataset and returns
// medians; the same code in Node and in Chromium. Nothing here asserts a
// timing.

import { compareResults, jsSum, wasmSummer } from './methods.mjs';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const now = () => performance.now();

/** Per-call medians of fn over `samples` samples, each timing a batch of
 * calls long enough (≥ 2 ms) to be above the timer's resolution; fn may
 * return a promise (awaited). Returns {ms, runs, batch}. */
async function timeBatched(fn, samples) {
  let t0 = now();
  let r = fn();
  if (r && typeof r.then === 'function') await r;
  const once = now() - t0;
  const batch = Math.min(10000, Math.max(1, Math.ceil(2 / Math.max(once, 0.0005))));
  const runs = [];
  for (let s = 0; s < samples; s++) {
    t0 = now();
    for (let i = 0; i < batch; i++) {
      r = fn();
      if (r && typeof r.then === 'function') await r;
    }
    runs.push((now() - t0) / batch);
  }
  return { ms: median(runs), runs, batch };
}

/** What a method's failure is called in the table: the tree path's size
 * limit is "over the limit", anything else its message. */
function failure(e) {
  if (e && e.code === 'LIMIT') return 'over the limit';
  return `error: ${(e && e.message) || e}`.slice(0, 200);
}

/** Runs every method on bytes with query q.
 * opts: {reps, groupReps, gc?: () => void, log?: (s) => void}.
 * Returns {rows: n, methods: {id: {label, status, check, ingestGroupMs,
 * groupMs, ingestGroupRuns, groupRuns}}, floor: {jsMs, wasmMs}}. status is
 * 'ok' or why there is no number ("n/a (not built)", "over the limit", ...);
 * check is 'ok' or why the result differs from JSON.parse + JS loop's. */
export async function runDataset(bytes, q, methods, { reps, groupReps, gc = () => {}, log = () => {} }) {
  const out = { methods: {} };
  let ref = null;
  let values = null;
  for (const m of methods) {
    const r = { label: m.label, status: 'ok', check: null, ingestGroupRuns: [], groupRuns: [] };
    out.methods[m.id] = r;
    if (m.available !== undefined && m.available !== true) {
      r.status = m.available;
      continue;
    }
    try {
      // warm-up run, also the correctness check against the JS baseline
      gc();
      const state = await m.ingest(bytes);
      const got = m.normalize(await m.groupBy(state, q), q);
      if (m.id === 'js') {
        ref = got;
        out.rows = state.length;
        values = Float64Array.from(state, (rec) => rec[q.value]);
      }
      const diff = compareResults(ref, got);
      r.check = diff === null ? 'ok' : diff;
      const g = await timeBatched(() => m.groupBy(state, q), groupReps);
      r.groupRuns = g.runs;
      r.groupBatch = g.batch;
      await m.dispose(state);
      for (let i = 0; i < reps; i++) {
        gc();
        const t0 = now();
        const s = await m.ingest(bytes);
        await m.groupBy(s, q);
        r.ingestGroupRuns.push(now() - t0);
        await m.dispose(s);
      }
      r.ingestGroupMs = median(r.ingestGroupRuns);
      r.groupMs = median(r.groupRuns);
      log(`${m.label}: ingest+group-by ${r.ingestGroupMs.toFixed(2)} ms, group-by ${r.groupMs.toFixed(3)} ms, check ${r.check}`);
    } catch (e) {
      r.status = failure(e);
      log(`${m.label}: ${r.status}`);
    }
  }
  // the floor: one pass over the value column as doubles, JS and WASM
  const fr = Math.max(groupReps, 10);
  for (let i = 0; i < 3; i++) jsSum(values); // let the JIT optimise it
  const js = await timeBatched(() => {
    jsSum(values);
  }, fr);
  const w = wasmSummer(values);
  const wasm = w ? await timeBatched(() => {
    w.sum();
  }, fr) : null;
  out.floor = { jsMs: js.ms, wasmMs: wasm ? wasm.ms : null, reps: fr, bytes: values.length * 8 };
  return out;
}
