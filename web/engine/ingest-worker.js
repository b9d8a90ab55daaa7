// ingest-worker.js — ingests one large JSON file in a Web Worker, off the
// page's thread, and hands the tables back as transferable buffers.
//
// A classic worker script (no static import: it also runs bundled, from a
// blob: URL, in the offline file). It has its own engine instance; the page
// imports the tables into its own (engine.importTables).
//
// Messages, page → worker:
//   {type: 'start', file, engineUrl, wasmUrl, chunkBytes?, progressMs?}
//       file: a File or Blob; engineUrl: build/engine.js (loaded with
//       importScripts unless createEvEngine is already defined, as in the
//       offline bundle); wasmUrl: build/engine.wasm (absolute).
//   {type: 'cancel'}  stops reading; the partial tables are freed.
// worker → page:
//   {type: 'progress', bytes, total, rows}   at most every progressMs (50)
//                                             ms
//   {type: 'done', tables: [{name, rowCount, columns}], buffers: [ArrayBuffer],
//    bytes, rows, ms}                          buffers are transferred
//   {type: 'cancelled', liveObjects}           liveObjects: the worker
//                                             engine's objects left (0)
//   {type: 'error', code, message}             what and where (EngineError)
// The worker handles one file and then stays idle; the page terminates it.

const state = { cancelled: false, engine: null, stream: null };

function post(msg, transfer) {
  self.postMessage(msg, transfer || []);
}

async function loadEngine(engineUrl, wasmUrl) {
  if (typeof self.createEvEngine !== 'function') self.importScripts(engineUrl);
  const { createEngine } = await import('./engine.js');
  return createEngine({
    factory: self.createEvEngine,
    locateFile: (file) => (file.endsWith('.wasm') && wasmUrl ? wasmUrl : file),
  });
}

// A macrotask turn: lets a waiting 'cancel' message run (a file stream's
// reads can resolve as microtasks, which would never let it in).
const yieldToEvents = () => new Promise((r) => setTimeout(r, 0));

// Reads the file in chunks and feeds them to sink(u8); calls tick() between
// chunks (it returns true when it posted progress: then the worker also
// yields to its event loop). Stops early (returns false) when cancelled.
async function readChunks(file, sink, tick) {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      if (state.cancelled) return false;
      const { done, value } = await reader.read();
      if (done) return true;
      sink(value);
      if (tick()) await yieldToEvents();
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

async function run({ file, engineUrl, wasmUrl, progressMs = 50 }) {
  const t0 = performance.now();
  const engine = await loadEngine(engineUrl, wasmUrl);
  state.engine = engine;
  const total = file.size;
  const limit = engine.limits.max_stream_input_bytes;
  if (total > limit) {
    post({ type: 'error', code: 'LIMIT', message: `the file is ${total} bytes, over the limit of ${limit} bytes` });
    return;
  }
  let last = 0;
  let bytes = 0;
  let lastRows = 0;
  const rowsNow = () => (state.stream ? (lastRows = state.stream.rows) : lastRows);
  const progress = (force) => {
    const now = performance.now();
    if (!force && now - last < progressMs) return false;
    last = now;
    post({ type: 'progress', bytes, total, rows: rowsNow() });
    return true;
  };
  // the stream path, told the file's size (the engine sizes its columns
  // from it)
  const stream = engine.openStream({ totalBytes: total });
  state.stream = stream;
  let ds;
  try {
    const complete = await readChunks(file, (u8) => { stream.feed(u8); bytes += u8.length; }, () => progress(false));
    if (!complete) {
      stream.cancel();
      state.stream = null;
      post({ type: 'cancelled', liveObjects: engine.liveObjects() });
      return;
    }
    progress(true);
    ds = stream.finish();
  } catch (e) {
    stream.cancel();
    throw e;
  } finally {
    state.stream = null;
  }
  if (state.cancelled) {
    ds.free();
    post({ type: 'cancelled', liveObjects: engine.liveObjects() });
    return;
  }
  try {
    const tables = ds.tableNames.map((n) => ds.table(n));
    const buffers = tables.map((t) => engine.exportTable(t).buffer);
    const rows = tables.reduce((s, t) => s + t.rowCount, 0);
    post({
      type: 'done',
      tables: tables.map(({ name, rowCount, columns }) => ({ name, rowCount, columns })),
      buffers, bytes, rows, ms: performance.now() - t0,
    }, buffers);
  } finally {
    ds.free();
  }
}

self.onmessage = (ev) => {
  const msg = ev.data || {};
  if (msg.type === 'cancel') {
    state.cancelled = true;
    return;
  }
  if (msg.type !== 'start') return;
  run(msg).catch((e) => {
    post({ type: 'error', code: (e && e.code) || 'WORKER', message: (e && e.message) || String(e) });
  });
};
