// run.mjs — `./build.sh bench`: generates the datasets, measures every
// method in Node and in headless Chromium in the same run, then peak memory
// and shipped sizes, prints a plain-text table and writes
// .cache/bench/results.json. A benchmark, not a test: nothing here asserts
// a timing. See README.md, "Benchmark".
//   node tests/bench/run.mjs [--quick]   (--quick: one dataset size less, fewer runs)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { datasetChunks, GENERATOR_VERSION, SYNTH_QUERY, FLIGHTS_QUERY } from './lib/dataset.mjs';
import { runDataset, median } from './lib/suite.mjs';
import { frameRunner, hasDecimate } from './lib/frame.mjs';
import { hasStreamPath } from './lib/methods.mjs';
import { loadEngine, nodeMethods } from './lib/node-deps.mjs';
import { CHROMIUM_ARGS, serveStatic } from '../browser/helpers/static-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const CACHE = path.join(REPO, '.cache', 'bench');
const QUICK = process.argv.includes('--quick');
const FLIGHTS = path.join(HERE, 'node_modules', 'vega-datasets', 'data', 'flights-200k.json');
const FRAMES = QUICK ? 10 : 30;
const METHOD_IDS = ['js', 'engine-stream', 'engine-tree', 'arquero', 'duckdb'];
const t00 = performance.now();
const LOAD_START = os.loadavg()[0];
const say = (s) => process.stderr.write(`[bench ${((performance.now() - t00) / 1000).toFixed(0)} s] ${s}\n`);

fs.mkdirSync(CACHE, { recursive: true });

// ---- datasets ---------------------------------------------------------------

function synthFile(n) {
  const file = path.join(CACHE, `synth-${n}.json`);
  const stamp = `${file}.v`;
  if (fs.existsSync(file) && fs.readFileSync(stamp, 'utf8').trim() === String(GENERATOR_VERSION)) return file;
  say(`generating ${path.relative(REPO, file)}`);
  const fd = fs.openSync(file, 'w');
  for (const chunk of datasetChunks(n)) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  fs.writeFileSync(stamp, `${GENERATOR_VERSION}\n`);
  return file;
}

const DATASETS = [
  { id: '1e3', n: 1e3, q: SYNTH_QUERY, reps: 30, groupReps: 50 },
  { id: '1e5', n: 1e5, q: SYNTH_QUERY, reps: QUICK ? 3 : 7, groupReps: QUICK ? 5 : 20 },
  { id: 'flights-200k', file: FLIGHTS, q: FLIGHTS_QUERY, reps: QUICK ? 3 : 5, groupReps: QUICK ? 5 : 15 },
  ...(QUICK ? [] : [{ id: '1e6', n: 1e6, q: SYNTH_QUERY, reps: 3, groupReps: 5 }]),
];
for (const d of DATASETS) {
  if (!d.file) d.file = synthFile(d.n);
  d.bytes = fs.statSync(d.file).size;
  d.url = `/${path.relative(REPO, d.file)}`;
}
const FRAME_SET = DATASETS.find((d) => d.id === '1e6') || DATASETS.find((d) => d.id === '1e5');

// ---- Node -------------------------------------------------------------------

async function nodePass() {
  const engine = await loadEngine();
  const methods = await nodeMethods(engine);
  const out = { stream: hasStreamPath(engine), decimate: hasDecimate(engine), datasets: {} };
  for (const d of DATASETS) {
    say(`Node: ${d.id}`);
    const bytes = new Uint8Array(fs.readFileSync(d.file));
    out.datasets[d.id] = await runDataset(bytes, d.q, methods, { reps: d.reps, groupReps: d.groupReps,
      gc: globalThis.gc, log: (s) => say(`  ${s}`) });
  }
  out.frame = nodeFrame(engine);
  return out;
}

/** The frame in Node: filter + aggregate + decimate, no drawing. The
 * stream path takes 1e6 rows; the tree path refuses that much, so without
 * the stream path the frame runs on 1e5 rows (and says so). */
function nodeFrame(engine) {
  const set = hasStreamPath(engine) ? FRAME_SET : DATASETS.find((d) => d.id === '1e5');
  const path_ = hasStreamPath(engine) ? 'stream' : 'tree';
  const ds = engine.ingest(new Uint8Array(fs.readFileSync(set.file)), { path: path_ });
  try {
    const table = ds.table(ds.tableNames[0]);
    const run = frameRunner(engine, table);
    for (let i = 0; i < 3; i++) run(i);
    const runs = [];
    const parts = { aggregate: [], decimate: [] };
    for (let i = 0; i < FRAMES; i++) {
      const t0 = performance.now();
      const r = run(i);
      runs.push(performance.now() - t0);
      for (const k of Object.keys(parts)) parts[k].push(r.ms[k]);
    }
    const med = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, median(v)]));
    return { rows: table.rowCount, path: path_, decimate: hasDecimate(engine), frames: FRAMES, computeMs: median(runs), parts: med };
  } finally {
    ds.free();
  }
}

// ---- Chromium ---------------------------------------------------------------

async function bundlePeers() {
  const esbuild = await import('esbuild'); // the main devDependency
  await esbuild.build({
    entryPoints: [path.join(HERE, 'browser', 'peers.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: path.join(CACHE, 'peers.js'),
    logLevel: 'error',
  });
}

async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1000, height: 600 },
    args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--disable-features=SpareRendererForSitePerProcess'],
  });
  return {
    context,
    profile,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function openPage(context, base) {
  const page = await context.newPage();
  page.on('pageerror', (e) => say(`  page error: ${e.message}`));
  await page.goto(`${base}tests/bench/browser/page.html`);
  await page.waitForFunction(() => typeof window.benchSetup === 'function', null, { timeout: 60000 });
  return page;
}

async function browserPass(base) {
  const b = await launch();
  try {
    const page = await openPage(b.context, base);
    const info = await page.evaluate(() => window.benchSetup());
    const out = { ...info, datasets: {} };
    for (const d of DATASETS) {
      say(`Chromium: ${d.id}`);
      const r = await page.evaluate((a) => window.benchDataset(a), { url: d.url, q: d.q, reps: d.reps, groupReps: d.groupReps });
      for (const l of r.logs) say(`  ${l}`);
      delete r.logs;
      out.datasets[d.id] = r;
    }
    const set = info.stream ? FRAME_SET : DATASETS.find((d) => d.id === '1e5');
    say(`Chromium: interaction frame on ${set.id}`);
    out.frame = await page.evaluate((a) => window.benchFrame(a), { url: set.url, frames: FRAMES });
    await page.close();
    return out;
  } finally {
    await b.close();
  }
}

// ---- peak memory ------------------------------------------------------------

function procStatus(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s) || [0, 0])[1]) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** The renderer processes of the Chromium whose profile is `profile`
 * (each carries --type=renderer and the profile's --user-data-dir). */
function rendererPids(profile) {
  const procs = new Map();
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      // Chromium rewrites its command line as one space-separated string
      procs.set(Number(e), { cmd: ` ${fs.readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ')} ` });
    } catch {
      // gone meanwhile
    }
  }
  return [...procs]
    .filter(([, p]) => p.cmd.includes(' --type=renderer ') && p.cmd.includes(` --user-data-dir=${profile} `))
    .map(([pid]) => pid);
}

/** Peak extra memory of one ingest + group-by in Chromium: a fresh page
 * loads the input and the method; after gc() the renderers' peak-RSS marks
 * are reset (/proc/PID/clear_refs); extra = sum of their VmHWM after the run
 * − sum of their VmRSS before (DuckDB's worker thread lives in the same
 * renderer process). */
async function browserMem(b, base, d, method) {
  const page = await openPage(b.context, base);
  try {
    const st = await page.evaluate((a) => window.benchMemPrepare(a), { url: d.url, method });
    if (st !== 'ok') return { status: st, extra: null };
    for (let i = 0; i < 3; i++) await page.evaluate(() => window.gc && window.gc());
    const pids = rendererPids(b.profile);
    if (pids.length === 0) return { status: 'error: no renderer process found', extra: null };
    const before = pids.reduce((s, p) => s + procStatus(p).rss, 0);
    for (const p of pids) fs.writeFileSync(`/proc/${p}/clear_refs`, '5');
    const status = await page.evaluate((a) => window.benchMemRun(a), { q: d.q });
    const peak = pids.reduce((s, p) => s + procStatus(p).hwm, 0);
    return { status, extra: status === 'ok' ? peak - before : null };
  } finally {
    await page.close();
  }
}

function nodeMem(d, method) {
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(HERE, 'mem-one.mjs'),
    JSON.stringify({ file: d.file, method, q: d.q })], { encoding: 'utf8', maxBuffer: 1 << 20 });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    return { status: `error: ${(r.stderr || '').split('\n').slice(-3).join(' ').slice(0, 200)}`, extra: null };
  }
}

// 1e3 is too small to measure in resident memory; 1e5 is like flights-200k
const MEM_SETS = DATASETS.filter((d) => d.id !== '1e3' && (QUICK || d.id !== '1e5'));

async function memoryPass(base) {
  const out = { node: {}, chromium: {} };
  for (const d of MEM_SETS) {
    say(`memory, Node: ${d.id}`);
    out.node[d.id] = {};
    for (const m of METHOD_IDS) out.node[d.id][m] = nodeMem(d, m);
  }
  const b = await launch();
  try {
    for (const d of MEM_SETS) {
      say(`memory, Chromium: ${d.id}`);
      out.chromium[d.id] = {};
      for (const m of METHOD_IDS) out.chromium[d.id][m] = await browserMem(b, base, d, m);
    }
  } finally {
    await b.close();
  }
  return out;
}

// ---- shipped size -----------------------------------------------------------

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

function listFiles(dir, keep) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (p !== path.join(REPO, 'web', 'build')) out.push(...listFiles(p, keep));
    } else if (keep(p)) out.push(p);
  }
  return out.sort();
}

async function sizes() {
  const engineFiles = ['engine.js', 'engine.wasm'].map((f) => path.join(REPO, 'web', 'build', f));
  const pageFiles = listFiles(path.join(REPO, 'web'), (p) => /\.(js|html|css)$/.test(p));
  const sum = (files) => files.reduce((s, f) => s + gz(fs.readFileSync(f)), 0);
  const raw = (files) => files.reduce((s, f) => s + fs.statSync(f).size, 0);
  // the page code as shipped minified: web/main.js bundled by esbuild
  const esbuild = await import('esbuild');
  const bundle = await esbuild.build({ entryPoints: [path.join(REPO, 'web', 'main.js')], bundle: true, minify: true,
    format: 'esm', write: false, logLevel: 'error' });
  const minJs = bundle.outputFiles[0].contents;
  const others = pageFiles.filter((f) => !f.endsWith('.js'));
  const uplotDir = path.join(HERE, 'node_modules', 'uplot', 'dist');
  const uplot = ['uPlot.iife.min.js', 'uPlot.min.css'].map((f) => path.join(uplotDir, f));
  return {
    engineGzip: sum(engineFiles),
    engineWasmGzip: sum([engineFiles[1]]),
    engineRaw: raw(engineFiles),
    pageGzip: sum(pageFiles),
    pageRaw: raw(pageFiles),
    pageFiles: pageFiles.length,
    pageMinGzip: gz(minJs) + sum(others),
    pageMinRaw: minJs.length + raw(others),
    uplotGzip: sum(uplot),
    uplotRaw: raw(uplot),
    uplotVersion: JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', 'uplot', 'package.json'))).version,
  };
}

// ---- report -----------------------------------------------------------------

const fmtMs = (x) => (x == null ? '' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const fmtX = (x) => (x == null || !Number.isFinite(x) ? '' : `${x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2)}×`);
const fmtMB = (b) => (b == null ? '' : `${(b / 1e6).toFixed(1)} MB`);
const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);

function floorOf(r) {
  const f = r.floor;
  return f.wasmMs == null ? f.jsMs : Math.min(f.jsMs, f.wasmMs);
}

function report(res) {
  const lines = [];
  const L = (s = '') => lines.push(s);
  L(`Benchmark ${res.date}  ${res.machine}; load average ${res.load.start.toFixed(1)} at the start, ${res.load.end.toFixed(1)} at the end`);
  L(`Node ${res.node}; ${res.chromium}. Engine stream path: ${res.nodeRun.stream ? 'built' : 'not built'}; engine.decimate: ${
    res.nodeRun.decimate ? 'built' : 'not built'}.`);
  L('Times are medians; "× JS" is the ratio to JSON.parse + JS loop in the same environment and run; "× floor" is');
  L('group-by time over the floor (one pass summing the value column as a Float64Array, the faster of JS and WASM);');
  L('peak extra = peak resident memory over the input bytes already held, "× input" = peak extra / input size.');
  for (const d of DATASETS) {
    const nodeR = res.nodeRun.datasets[d.id];
    const brR = res.browserRun.datasets[d.id];
    L();
    L(`${d.id}: ${path.relative(REPO, d.file)}, ${(d.bytes / 1e6).toFixed(1)} MB, ${nodeR.rows.toLocaleString('en')} records; `
      + `sum of ${d.q.value} + count by ${d.q.key}; ${d.reps} runs of ingest+group-by, ${d.groupReps} of group-by alone`);
    L(`  ${pad('method', 26)}${pad('env', 10)}${padL('ingest+group-by', 16)}${padL('× JS', 8)}${padL('group-by', 11)}${
      padL('× floor', 9)}${padL('peak extra', 12)}${padL('× input', 9)}  same result`);
    for (const id of METHOD_IDS) {
      for (const [env, r, mem] of [['Node', nodeR, res.memory.node[d.id]], ['Chromium', brR, res.memory.chromium[d.id]]]) {
        const m = r.methods[id];
        const js = r.methods.js;
        const mm = mem && mem[id];
        if (m.status !== 'ok') {
          L(`  ${pad(m.label, 26)}${pad(env, 10)}${padL(m.status, 16)}`);
          continue;
        }
        const memTxt = !mm ? ['', ''] : mm.status !== 'ok' ? [mm.status, ''] : [fmtMB(mm.extra), fmtX(mm.extra / d.bytes)];
        L(`  ${pad(m.label, 26)}${pad(env, 10)}${padL(`${fmtMs(m.ingestGroupMs)} ms`, 16)}${padL(fmtX(m.ingestGroupMs / js.ingestGroupMs), 8)}${
          padL(`${fmtMs(m.groupMs)} ms`, 11)}${padL(fmtX(m.groupMs / floorOf(r)), 9)}${padL(memTxt[0], 12)}${padL(memTxt[1], 9)}  ${
          m.check === 'ok' ? '✓' : `✗ ${m.check}`}`);
      }
    }
    for (const [env, r] of [['Node', nodeR], ['Chromium', brR]]) {
      L(`  floor (${env}): sum of ${(r.floor.bytes / 8).toLocaleString('en')} doubles (${fmtMB(r.floor.bytes)}), median of ${r.floor.reps}: `
        + `JS ${fmtMs(r.floor.jsMs)} ms, WASM ${r.floor.wasmMs == null ? 'n/a' : `${fmtMs(r.floor.wasmMs)} ms`}`);
    }
  }
  const fr = res.browserRun.frame;
  const nf = res.nodeRun.frame;
  L();
  L(`Interaction frame (filter 2 regions + ts window, sum of value by category, ${fr.decimate ? 'engine.decimate to 800 px' : 'no decimation (engine.decimate not built)'}, `
    + `draw 800×400 canvas), ${fr.rows.toLocaleString('en')} rows via the ${fr.path} path, median of ${fr.frames} frames:`);
  L(`  Chromium: ${fmtMs(fr.ms)} ms (filter + aggregate ${fmtMs(fr.parts.aggregate)}, decimate ${fmtMs(fr.parts.decimate)} to ${
    fr.points} points, draw ${fmtMs(fr.parts.draw)}); Node, no drawing: ${fmtMs(nf.computeMs)} ms (filter + aggregate ${
    fmtMs(nf.parts.aggregate)}, decimate ${fmtMs(nf.parts.decimate)})`);
  const s = res.sizes;
  L();
  L(`Shipped size (gzip -9): engine (web/build/engine.js + engine.wasm) ${(s.engineGzip / 1024).toFixed(1)} KiB (wasm ${
    (s.engineWasmGzip / 1024).toFixed(1)}); page code (${s.pageFiles} files `
    + `web/**/*.js,.html,.css without web/build) ${(s.pageGzip / 1024).toFixed(1)} KiB as is, ${(s.pageMinGzip / 1024).toFixed(1)} KiB minified `
    + `(esbuild bundle of web/main.js + html/css); uPlot ${s.uplotVersion} (uPlot.iife.min.js + uPlot.min.css) ${(s.uplotGzip / 1024).toFixed(1)} KiB`);
  L();
  L('Goals (issue 7); "yes" only when every item is met');
  for (const g of res.goals) L(`  ${pad(g.met, 5)} ${g.goal}: ${g.measured}`);
  L();
  L(`Total bench time ${((performance.now() - t00) / 1000).toFixed(0)} s. Results: ${path.relative(REPO, path.join(CACHE, 'results.json'))}`);
  return lines.join('\n');
}

function goals(res) {
  const out = [];
  const engineRow = (env, id) => {
    const run = env === 'Node' ? res.nodeRun : res.browserRun;
    const r = run.datasets[id];
    if (!r) return null;
    const st = r.methods['engine-stream'];
    const m = st.status === 'ok' ? st : r.methods['engine-tree'];
    return m.status === 'ok' ? { m, r, path: m === st ? 'stream' : 'tree' } : null;
  };
  const big = DATASETS.find((d) => d.id === '1e6') ? '1e6' : '1e5';
  // 1. ingest + group-by
  {
    const parts = [];
    let met = true;
    let any = false;
    for (const env of ['Node', 'Chromium']) {
      for (const id of [big, 'flights-200k']) {
        const run = env === 'Node' ? res.nodeRun : res.browserRun;
        const st = run.datasets[id].methods['engine-stream'];
        const tree = run.datasets[id].methods['engine-tree'];
        const js = run.datasets[id].methods.js.ingestGroupMs;
        if (st.status === 'ok') {
          any = true;
          met = met && st.ingestGroupMs / js <= 0.15;
          parts.push(`${env} ${id} stream ${fmtX(st.ingestGroupMs / js)} ${st.ingestGroupMs / js <= 0.15 ? '✓' : '✗'}`);
        } else parts.push(`${env} ${id} stream ${st.status}`);
        parts.push(`tree ${tree.status === 'ok' ? fmtX(tree.ingestGroupMs / js) : tree.status}`);
      }
    }
    out.push({ goal: 'engine ingest+group-by ≤ 0.15× JSON.parse+loop (tree path for reference)', met: any ? (met ? 'yes' : 'no') : 'n/a', measured: parts.join('; ') });
  }
  // 2. group-by vs floor
  {
    const parts = [];
    let met = true;
    let any = false;
    for (const env of ['Node', 'Chromium']) {
      for (const id of [big, 'flights-200k']) {
        const e = engineRow(env, id);
        if (!e) {
          parts.push(`${env} ${id} n/a`);
          continue;
        }
        any = true;
        const x = e.m.groupMs / floorOf(e.r);
        met = met && x <= 2;
        parts.push(`${env} ${id} ${fmtX(x)} ${x <= 2 ? '✓' : '✗'} (${fmtMs(e.m.groupMs)} vs ${fmtMs(floorOf(e.r))} ms)`);
      }
    }
    out.push({ goal: 'engine group-by within 2× of the floor', met: any ? (met ? 'yes' : 'no') : 'n/a', measured: parts.join('; ') });
  }
  // 3. frame
  {
    const fr = res.browserRun.frame;
    const full = fr.decimate && fr.rows >= 1e6;
    out.push({
      goal: 'interaction frame on 1e6 median < 8 ms',
      met: full ? (fr.ms < 8 ? 'yes' : 'no') : 'n/a',
      measured: `${fmtMs(fr.ms)} ms in Chromium on ${fr.rows.toLocaleString('en')} rows${fr.decimate ? '' : ', without decimation (not built)'}${
        fr.rows < 1e6 && !res.browserRun.stream ? ' (1e6 needs the stream path)' : ''}`,
    });
  }
  // 4. memory
  {
    const parts = [];
    let met = true;
    let any = false;
    for (const env of ['node', 'chromium']) {
      for (const id of [big, 'flights-200k']) {
        const d = DATASETS.find((x) => x.id === id);
        const mem = res.memory[env][id];
        const pick = mem['engine-stream'].status === 'ok' ? 'engine-stream' : 'engine-tree';
        const mm = mem[pick];
        if (mm.status !== 'ok') {
          parts.push(`${env} ${id} ${mm.status}`);
          continue;
        }
        any = true;
        met = met && mm.extra / d.bytes <= 1.5;
        parts.push(`${env} ${id} ${pick.slice(7)} ${fmtX(mm.extra / d.bytes)} ${mm.extra / d.bytes <= 1.5 ? '✓' : '✗'}`);
      }
    }
    out.push({ goal: 'engine peak extra memory ≤ 1.5× input', met: any ? (met ? 'yes' : 'no') : 'n/a', measured: parts.join('; ') });
  }
  // 5. size
  {
    const s = res.sizes;
    out.push({
      goal: 'engine + page gzip < uPlot gzip',
      met: s.engineGzip + s.pageMinGzip < s.uplotGzip ? 'yes' : 'no',
      measured: `${((s.engineGzip + s.pageMinGzip) / 1024).toFixed(1)} KiB minified (${((s.engineGzip + s.pageGzip) / 1024).toFixed(1)} KiB as is) vs ${
        (s.uplotGzip / 1024).toFixed(1)} KiB`,
    });
  }
  return out;
}

// ---- main -------------------------------------------------------------------

// cross-origin isolated, so that Chromium's performance.now() is precise to 5 µs, not 100 µs
const { server, base } = await serveStatic(REPO, { headers: {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
} });
try {
  await bundlePeers();
  const nodeRun = await nodePass();
  const browserRun = await browserPass(base);
  const memory = await memoryPass(base);
  const res = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    load: { start: LOAD_START, end: os.loadavg()[0] },
    node: process.version,
    chromium: browserRun.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? browserRun.userAgent,
    datasets: DATASETS.map(({ id, file, bytes, q, reps, groupReps }) => ({ id, file: path.relative(REPO, file), bytes, q, reps, groupReps })),
    nodeRun,
    browserRun,
    memory,
    sizes: await sizes(),
  };
  res.goals = goals(res);
  const text = report(res);
  fs.writeFileSync(path.join(CACHE, 'results.json'), `${JSON.stringify(res, null, 1)}\n`);
  fs.writeFileSync(path.join(CACHE, 'results.txt'), `${text}\n`);
  console.log(text);
} finally {
  server.close();
}
