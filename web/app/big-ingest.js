// big-ingest.js — a reader's file into the page's engine: small files on the
// page's thread, large ones in a Web Worker (engine/ingest-worker.js) whose
// tables come back as transferred buffers and are imported here.
//
// ingestFile(file, opts) → Promise<{dataset, bytes, rows, ms, via}>
//   file        a File or Blob (a string is taken as JSON text)
//   opts.engine the page's engine (web/engine/engine.js); the Dataset is its
//   opts.worker how to start the worker: a URL (classic worker script,
//               default 'engine/ingest-worker.js'), or null to use the
//               inlined worker source (see workerFromPage)
//   opts.engineUrl, opts.wasmUrl  the engine's script and .wasm for the
//               worker (absolute; default build/engine.js, build/engine.wasm
//               next to the page)
//   opts.smallBytes  files smaller than this skip the worker (1 MiB)
//   opts.onProgress({bytes, total, rows})  at most every 50 ms (rows null
//               when unknown)
//   opts.signal an AbortSignal: aborting cancels the read; the worker frees
//               its partial tables and is terminated; the promise rejects
//               with an Error whose code is 'CANCELLED'
// Rejects with an EngineError-like error {code, message} when the file is
// over the engine's limit (checked from file.size before a byte is read),
// or when the engine refuses it (the message says what and where).
// via: 'main' | 'worker'.
//
// The worker in the offline file: a page built by tools/dist.mjs carries
// the worker's bundled source (with the single-file engine) in
// <script type="text/x-ev-worker" id="ev-ingest-worker">; it is started
// from a blob: URL made from that text (the page's CSP then needs
// `worker-src blob:`). workerFromPage() returns that source or null.

export const SMALL_BYTES = 1024 * 1024;

export class IngestError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'IngestError';
    this.code = code;
  }
}

/** The inlined worker source of the offline page, or null. */
export function workerFromPage(doc = globalThis.document) {
  const el = doc && doc.getElementById('ev-ingest-worker');
  return el && el.type === 'text/x-ev-worker' ? el.textContent : null;
}

/** The largest file the engine accepts: the stream path's limit (a file
 * over the tree path's smaller limit takes the stream path). */
export function maxFileBytes(engine) {
  return engine.limits.max_stream_input_bytes;
}

function startWorker(worker) {
  if (worker) return new Worker(worker);
  const src = workerFromPage();
  if (!src) return new Worker('engine/ingest-worker.js');
  const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
  try {
    return new Worker(url);
  } finally {
    // the worker has fetched its script once it starts; revoke after that
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
}

const abortError = () => new IngestError('CANCELLED', 'loading was cancelled; nothing was kept');

export async function ingestFile(file, opts) {
  const { engine, onProgress = () => {}, signal = null, smallBytes = SMALL_BYTES } = opts;
  const blob = typeof file === 'string' ? new Blob([file]) : file;
  const total = blob.size;
  const limit = maxFileBytes(engine);
  if (total > limit) {
    throw new IngestError('LIMIT', `the file is ${total.toLocaleString('en-US')} bytes, over the limit of ${limit.toLocaleString('en-US')} bytes (not read)`);
  }
  if (signal && signal.aborted) throw abortError();
  const t0 = performance.now();
  if (total < smallBytes) {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (signal && signal.aborted) throw abortError();
    onProgress({ bytes: total, total, rows: null });
    const dataset = engine.ingest(bytes);
    const rows = dataset.tableNames.reduce((s, n) => s + dataset.table(n).rowCount, 0);
    return { dataset, bytes: total, rows, ms: performance.now() - t0, via: 'main' };
  }
  const base = globalThis.document ? document.baseURI : globalThis.location?.href;
  const engineUrl = opts.engineUrl ?? new URL('build/engine.js', base).href;
  const wasmUrl = opts.wasmUrl ?? new URL('build/engine.wasm', base).href;
  const worker = startWorker(opts.worker === undefined ? null : opts.worker);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn, value) => {
      if (settled) return;
      settled = true;
      worker.terminate();
      if (signal) signal.removeEventListener('abort', onAbort);
      fn(value);
    };
    function onAbort() {
      worker.postMessage({ type: 'cancel' });
    }
    if (signal) signal.addEventListener('abort', onAbort);
    worker.onmessage = (ev) => {
      const m = ev.data;
      if (m.type === 'progress') {
        if (!settled) onProgress({ bytes: m.bytes, total: m.total, rows: m.rows });
      } else if (m.type === 'cancelled') {
        const e = abortError();
        e.workerLiveObjects = m.liveObjects;
        finish(reject, e);
      } else if (m.type === 'error') {
        finish(reject, new IngestError(m.code, m.message));
      } else if (m.type === 'done') {
        if (signal && signal.aborted) {
          finish(reject, abortError());
          return;
        }
        try {
          const dataset = engine.importTables(m.buffers.map((b) => new Uint8Array(b)));
          finish(resolve, { dataset, bytes: m.bytes, rows: m.rows, ms: performance.now() - t0, workerMs: m.ms, via: 'worker' });
        } catch (e) {
          finish(reject, e);
        }
      }
    };
    worker.onerror = (ev) => {
      ev.preventDefault?.();
      finish(reject, new IngestError('WORKER', `the ingest worker failed: ${ev.message || 'it could not start'}`));
    };
    worker.postMessage({ type: 'start', file: blob, engineUrl, wasmUrl });
  });
}
