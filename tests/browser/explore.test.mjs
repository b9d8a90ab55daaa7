// explore.test.mjs — the explore page (web/explore.html) in Chromium: a
// reader's large JSON file ingested in a Web Worker with progress and
// Cancel, the tables imported into the page's engine, the line (decimated
// by the engine) and the bars (an engine query) checked against values
// computed here from the generated data; files over the limit, bad files,
// and the worker from a blob: URL in the offline file under its strict CSP.
// Needs ./build.sh build (and ./build.sh dist for the offline file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS, WEB } from './helpers/page-harness.mjs';
import { launchChromium, serveStatic } from './helpers/static-server.mjs';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DIST_OFFLINE = path.resolve(WEB, '..', 'dist', 'ev-explore.html');
const SENSORS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta'];
const BIG = 30 * 1000 * 1000;

// A deterministic dataset of `rows` readings: t = row index, a sensor name
// (cycling), a value (sine plus noise, 3 decimals; every 997th missing) and
// a boolean. Written in pieces; returns the values for independent checks.
function generate(file, rows) {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const values = new Float64Array(rows);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '{"title":"explore test","readings":[\n');
  let piece = [];
  for (let i = 0; i < rows; i++) {
    const v = i % 997 === 500 ? NaN : Math.round((Math.sin(i / 5000) * 100 + rnd() * 20) * 1000) / 1000;
    values[i] = v;
    piece.push(`{"t":${i},"sensor":"${SENSORS[i % 7]}","value":${Number.isNaN(v) ? 'null' : v},"ok":${i % 3 === 0}}`);
    if (piece.length === 10000 || i === rows - 1) {
      fs.writeSync(fd, piece.join(',\n') + (i === rows - 1 ? '\n' : ',\n'));
      piece = [];
    }
  }
  fs.writeSync(fd, '],"sensors":[{"name":"alpha","site":"north"},{"name":"beta","site":"south"}]}\n');
  fs.closeSync(fd);
  return values;
}

// Neumaier-compensated sum, min, max and count of the values where keep(i).
function stats(values, keep) {
  let sum = 0;
  let c = 0;
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v) || !keep(i)) continue;
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { sum: sum + c, n, min, max };
}

let tmp;
let server;
let base;
let browser;
before(async () => {
  assert.ok(fs.existsSync(path.join(WEB, 'build/engine.wasm')), 'web/build/engine.wasm missing: run ./build.sh build');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-explore-'));
  ({ server, base } = await serveStatic(WEB));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  if (server) await new Promise((r) => server.close(r));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function open(url = `${base}explore.html`) {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(url);
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.evaluate(() => window.evExplore.ready);
  return { page, problems };
}

// Sets the file input and waits for that load to finish; returns its result.
async function loadFile(page, files) {
  const before = await page.evaluate(() => window.evExplore.lastResult());
  await page.setInputFiles('#file-input', files);
  await page.waitForFunction((b) => window.evExplore.lastResult() !== null && JSON.stringify(window.evExplore.lastResult()) !== b && !window.evExplore.busy(),
    JSON.stringify(before), { timeout: 180000, polling: 50 });
  return page.evaluate(() => window.evExplore.lastResult());
}

const canvasData = (page, id) => page.evaluate((i) => document.getElementById(i).toDataURL(), id);

let big = null;
function bigFile(limit) {
  // 30 MB when the engine can take it (its stream scanner); otherwise the
  // largest round size under the limit, so the test still runs the worker.
  const target = limit >= BIG * 1.1 ? BIG : Math.floor(limit * 0.8);
  if (big && big.target === target) return big;
  const file = path.join(tmp, 'readings.json');
  const rows = Math.floor(target / 57);
  const values = generate(file, rows);
  big = { target, file, rows, values, size: fs.statSync(file).size };
  return big;
}

test('a large file: progress, Cancel keeps nothing, then a full load; the line and bars match independent aggregates', async () => {
  const { page, problems } = await open();
  const limit = await page.evaluate(() => window.evExplore.limit());
  const B = bigFile(limit);
  console.log(`# explore: ${(B.size / 1e6).toFixed(1)} MB, ${B.rows} rows (limit ${limit} bytes)`);

  // --- Cancel mid-ingest ---------------------------------------------------
  // Cancel is clicked as soon as the first progress reaches the page (in the
  // same task), so it reaches the worker while it is still reading.
  const before = await page.evaluate(() => {
    const text = document.getElementById('progress-text');
    const obs = new MutationObserver(() => {
      const seen = window.evExplore.progress();
      if (!seen.some((p) => p.bytes > 0)) return;
      obs.disconnect();
      const button = document.getElementById('cancel');
      window.__cancel = { at: seen.at(-1), visible: button.checkVisibility(), busy: window.evExplore.busy() };
      button.click();
    });
    obs.observe(text, { childList: true, characterData: true, subtree: true });
    return window.evExplore.liveObjects();
  });
  await page.setInputFiles('#file-input', B.file);
  await page.waitForFunction(() => window.evExplore.lastResult() && !window.evExplore.busy(), null, { timeout: 120000 });
  const cancelled = await page.evaluate(() => window.evExplore.lastResult());
  assert.equal(cancelled.code, 'CANCELLED');
  const clicked = await page.evaluate(() => window.__cancel);
  assert.equal(clicked.visible, true, 'the Cancel button shows during the load');
  assert.equal(clicked.busy, true);
  const seen = await page.evaluate(() => window.evExplore.progress().at(-1));
  assert.ok(seen.bytes < seen.total, `the worker stopped reading (${seen.bytes} of ${seen.total} bytes)`);
  console.log(`# explore: Cancel at ${clicked.at.bytes} bytes; the worker stopped after ${seen.bytes} of ${seen.total} bytes, ${seen.rows} rows; worker objects left: ${cancelled.workerLiveObjects}`);
  if (cancelled.workerLiveObjects !== undefined) assert.equal(cancelled.workerLiveObjects, 0, 'the worker freed its partial tables');
  assert.equal(await page.evaluate(() => window.evExplore.liveObjects()), before, 'nothing kept in the page engine');
  assert.deepEqual(await page.evaluate(() => window.evExplore.tables()), []);
  assert.match(await page.locator('#status').textContent(), /^Cancelled loading readings\.json; nothing was kept\./);
  assert.equal(await page.locator('#progress').isHidden(), true);

  // the page still works: a small pasted document loads on the main thread
  await page.locator('.paste summary').click();
  await page.getByLabel('JSON text (small datasets)').fill('[{"x":1,"y":2,"k":"a"},{"x":2,"y":5,"k":"b"},{"x":3,"y":3,"k":"a"}]');
  await page.getByRole('button', { name: 'Load pasted JSON' }).click();
  await page.waitForFunction(() => window.evExplore.lastResult() && window.evExplore.lastResult().ok);
  assert.equal((await page.evaluate(() => window.evExplore.lastResult())).via, 'main');
  assert.deepEqual((await page.evaluate(() => window.evExplore.bars())).rows.map((r) => [r.label, r.value]), [['a', 5], ['b', 5]]);

  // --- the full load -------------------------------------------------------
  // the page draws frames while the worker ingests
  await page.evaluate(() => {
    const text = document.getElementById('progress-text');
    const obs = new MutationObserver(() => {
      obs.disconnect();
      requestAnimationFrame(() => { window.__frameWhileLoading = window.evExplore.busy(); });
    });
    obs.observe(text, { childList: true, characterData: true, subtree: true });
  });
  const t0 = Date.now();
  const result = await loadFile(page, B.file);
  assert.equal(await page.evaluate(() => window.__frameWhileLoading), true, 'a frame was drawn mid-load');
  const firstChart = Date.now() - t0;
  assert.equal(result.ok, true, result.message);
  assert.equal(result.via, 'worker');
  assert.equal(result.bytes, B.size);
  assert.equal(result.rows, B.rows + 2);
  console.log(`# explore: file set → charts drawn in ${firstChart} ms (load ${Math.round(result.ms)} ms, worker ${Math.round(result.workerMs)} ms)`);
  const progress = await page.evaluate(() => window.evExplore.progress());
  assert.ok(progress.length >= 2, `${progress.length} progress events`);
  console.log(`# explore: ${progress.length} progress events, last ${JSON.stringify(progress.at(-1))}`);
  for (let i = 1; i < progress.length; i++) {
    assert.ok(progress[i].bytes >= progress[i - 1].bytes, 'bytes never go back');
    if (progress[i].rows != null && progress[i - 1].rows != null) assert.ok(progress[i].rows >= progress[i - 1].rows, 'rows never go back');
  }
  assert.ok(progress[0].bytes < progress.at(-1).bytes, 'bytes increase');
  assert.equal(progress.at(-1).bytes, B.size);
  assert.ok(progress.every((p) => p.total === B.size));
  if (progress.at(-1).rows != null) assert.ok(progress[0].rows < progress.at(-1).rows, 'rows increase');

  // summary: tables, columns, types, rows
  assert.deepEqual(await page.evaluate(() => window.evExplore.tables()), [
    { name: 'readings', rowCount: B.rows, columns: [{ name: 't', type: 'number' }, { name: 'sensor', type: 'string' }, { name: 'value', type: 'number' }, { name: 'ok', type: 'boolean' }] },
    { name: 'sensors', rowCount: 2, columns: [{ name: 'name', type: 'string' }, { name: 'site', type: 'string' }] },
  ]);
  assert.match(await page.locator('#summary').textContent(), new RegExp(`readings${B.rows.toLocaleString('en-US')} rows, 4 columns`));
  assert.equal(await page.evaluate(() => window.evExplore.liveObjects()), 2, 'two tables, nothing else');

  // the line: t against value over everything
  let line = await page.evaluate(() => window.evExplore.line());
  assert.deepEqual([line.table, line.x, line.y], ['readings', 't', 'value']);
  assert.equal(line.from, 0);
  assert.equal(line.to, B.rows - 1);
  const all = stats(B.values, () => true);
  assert.equal(line.values, all.n);
  const checkLine = (l, keep) => {
    const want = stats(B.values, keep);
    const inRange = [];
    for (let i = 0; i < l.xs.length; i++) {
      if (l.ys[i] === null || Number.isNaN(l.ys[i])) continue;
      assert.ok(Number.isInteger(l.xs[i]), `x ${l.xs[i]} is a row's t`);
      assert.equal(l.ys[i], B.values[l.xs[i]], `the point at t=${l.xs[i]} is that row's value`);
      if (keep(l.xs[i])) inRange.push(l.ys[i]);
    }
    assert.equal(Math.min(...inRange), want.min, 'the lowest value is drawn');
    assert.equal(Math.max(...inRange), want.max, 'the highest value is drawn');
    // at most 4 points per pixel column and run (decimate.h): each missing
    // value splits a run, adding at most a gap row and 4 points
    const gaps = B.values.filter((v, i) => Number.isNaN(v) && keep(i)).length;
    if (l.decimated) assert.ok(l.xs.length <= 4 * l.pixels + 2 + 5 * gaps, `${l.xs.length} points for ${l.pixels} px and ${gaps} gaps`);
  };
  checkLine(line, () => true);
  if (line.decimated) assert.ok(line.xs.length < B.rows / 20, 'decimated well below the row count');
  await page.screenshot({ path: path.join(ARTIFACTS, 'explore-loaded.png'), fullPage: true });

  // zoom and pan with the range control: re-decimated to the new range
  const lineCanvas = await canvasData(page, 'line-canvas');
  await page.evaluate(() => window.evExplore.setLine({ from: 250, to: 500 }));
  line = await page.evaluate(() => window.evExplore.line());
  const span = B.rows - 1;
  assert.equal(line.from, (span * 250) / 1000);
  assert.equal(line.to, (span * 500) / 1000);
  checkLine(line, (t) => t >= line.from && t <= line.to);
  assert.notEqual(await canvasData(page, 'line-canvas'), lineCanvas);
  // the keyboard moves the slider too
  await page.getByRole('slider', { name: 'To' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => window.evExplore.line().to !== window.evExplore.line().from * 2);
  line = await page.evaluate(() => window.evExplore.line());
  assert.equal(line.to, (span * 501) / 1000);
  // pan and zoom buttons (they redraw in their click handler): later by a
  // quarter of the window, then zoom in to half of it around its middle
  await page.getByRole('button', { name: 'Pan to higher x' }).click();
  line = await page.evaluate(() => window.evExplore.line());
  assert.deepEqual([line.from, line.to], [(span * 313) / 1000, (span * 564) / 1000]);
  checkLine(line, (t) => t >= line.from && t <= line.to);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  line = await page.evaluate(() => window.evExplore.line());
  assert.deepEqual([line.from, line.to], [(span * 376) / 1000, (span * 501) / 1000]);
  checkLine(line, (t) => t >= line.from && t <= line.to);
  await page.screenshot({ path: path.join(ARTIFACTS, 'explore-zoomed.png'), fullPage: true });

  // the bars: sum, mean and count of value by sensor
  const bySensor = (op) => SENSORS.map((name, k) => {
    const st = stats(B.values, (i) => i % 7 === k);
    return [name, op === 'sum' ? st.sum : op === 'mean' ? st.sum / st.n : st.n];
  });
  for (const op of ['sum', 'mean']) {
    await page.evaluate((o) => window.evExplore.setBars({ table: 'readings', group: 'sensor', op: o, value: 'value' }), op);
    const bars = await page.evaluate(() => window.evExplore.bars());
    assert.equal(bars.groups, 7);
    const want = new Map(bySensor(op));
    for (const r of bars.rows) assert.ok(Math.abs(r.value - want.get(r.label)) <= 1e-9 * Math.abs(want.get(r.label)), `${op} ${r.label}: ${r.value} vs ${want.get(r.label)}`);
    assert.deepEqual(bars.rows.map((r) => r.value), [...bars.rows.map((r) => r.value)].sort((a, b) => b - a), 'largest first');
    // the data table under the chart holds the same numbers
    const cells = await page.evaluate(() => [...document.querySelectorAll('#bars-table-data tbody tr')].map((tr) => [tr.querySelector('th').textContent, Number(tr.querySelector('td').dataset.value)]));
    assert.deepEqual(cells, bars.rows.map((r) => [r.label, r.value]));
  }
  await page.getByRole('combobox', { name: 'Aggregate' }).selectOption('count');
  await page.waitForFunction(() => window.evExplore.bars().op === 'count');
  const counts = await page.evaluate(() => window.evExplore.bars());
  const rowsPer = SENSORS.map((_, k) => Math.ceil((B.rows - k) / 7));
  assert.deepEqual(counts.rows.map((r) => r.value).sort((a, b) => a - b), rowsPer.sort((a, b) => a - b));
  assert.equal(await page.getByRole('combobox', { name: 'of', exact: true }).isDisabled(), true, 'count needs no value column');
  await page.screenshot({ path: path.join(ARTIFACTS, 'explore-bars-count.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a file over the limit is refused from its size, before a byte is read', async () => {
  const { page, problems } = await open();
  const r = await page.evaluate(async () => {
    const limit = window.evExplore.limit();
    window.__read = 0;
    const huge = {
      name: 'huge.json',
      size: limit + 1,
      stream() { window.__read++; throw new Error('read'); },
      arrayBuffer() { window.__read++; throw new Error('read'); },
      slice() { window.__read++; throw new Error('read'); },
    };
    const result = await window.evExplore.load(huge);
    return { result, read: window.__read, limit, error: document.getElementById('error').textContent };
  });
  assert.equal(r.read, 0, 'not read');
  assert.equal(r.result.code, 'LIMIT');
  assert.equal(r.error, `Could not load huge.json: the file is ${(r.limit + 1).toLocaleString('en-US')} bytes, over the limit of ${r.limit.toLocaleString('en-US')} bytes (not read)`);
  assert.equal(await page.evaluate(() => window.evExplore.liveObjects()), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad file gives a located error; the previous data and charts stay', async () => {
  const { page, problems } = await open();
  const good = path.join(tmp, 'good.json');
  generate(good, 30000); // 1.7 MB: through the worker
  const ok = await loadFile(page, good);
  assert.equal(ok.ok, true);
  assert.equal(ok.via, 'worker');
  const line = await page.evaluate(() => window.evExplore.line());
  const pixels = [await canvasData(page, 'line-canvas'), await canvasData(page, 'bars-canvas')];
  const tables = await page.evaluate(() => window.evExplore.tables());

  const bad = await loadFile(page, { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"readings":[\n{"t":1,"v":2},\n{"t":2,"v":01}\n]}') });
  assert.equal(bad.ok, false);
  assert.equal(bad.code, 'PARSE');
  const error = await page.locator('#error').textContent();
  assert.match(error, /^Could not load bad\.json: JSON parse error at line 3, column 12: leading zero in a number/);
  assert.match(error, /the charts still show the previous data/);
  assert.equal(await page.locator('#error').getAttribute('role'), 'alert');
  // a large bad file fails in the worker the same way
  const badBig = path.join(tmp, 'bad-big.json');
  fs.copyFileSync(good, badBig);
  fs.appendFileSync(badBig, 'x');
  const bad2 = await loadFile(page, badBig);
  assert.equal(bad2.code, 'PARSE');
  assert.match(await page.locator('#error').textContent(), /^Could not load bad-big\.json: JSON parse error at line \d+, column 1: /);

  assert.deepEqual(await page.evaluate(() => window.evExplore.line()), line);
  assert.deepEqual(await page.evaluate(() => window.evExplore.tables()), tables);
  assert.deepEqual([await canvasData(page, 'line-canvas'), await canvasData(page, 'bars-canvas')], pixels, 'the charts are untouched');
  assert.equal(await page.evaluate(() => window.evExplore.liveObjects()), 2);
  // x not in increasing order in the table ('value' is noisy): the line is the
  // rows sorted by x, said in the note; every point drawn is a row of the file
  await page.evaluate(() => window.evExplore.setLine({ x: 'value', y: 't' }));
  const after = await page.evaluate(() => window.evExplore.line());
  assert.equal(after.x, 'value');
  assert.equal(after.sorted, true);
  assert.match(await page.locator('#line-note').textContent(), /The rows are not in increasing order of value, so the line joins them sorted by value\./);
  const xs = after.xs.filter((x) => x !== null && !Number.isNaN(x));
  assert.ok(xs.length > 100);
  for (let i = 1; i < xs.length; i++) assert.ok(xs[i] >= xs[i - 1], `x drawn in increasing order (at ${i})`);
  const readings = JSON.parse(fs.readFileSync(good, 'utf8')).readings;
  after.xs.forEach((x, i) => {
    const t = after.ys[i];
    if (t === null || Number.isNaN(t) || x === null || Number.isNaN(x)) return;
    assert.equal(readings[t].value, x, `point ${i} (t = ${t}) is that row's value`);
  });
  assert.notEqual(await canvasData(page, 'line-canvas'), pixels[0], 'the sorted line is drawn');
  await page.screenshot({ path: path.join(ARTIFACTS, 'explore-error.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('every control has a label; status and errors are announced; axe-core finds nothing in light or dark', async () => {
  const { page, problems } = await open();
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter((e) => !(e.labels && e.labels.length) && !e.textContent.trim() && !e.getAttribute('aria-label')).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  assert.equal(await page.locator('#status').getAttribute('aria-live'), 'polite');
  assert.equal(await page.locator('#error').getAttribute('role'), 'alert');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file-input', 'the file picker is the first stop');
  // with data loaded (both charts, the summary and the numbers table shown)
  await page.locator('.paste summary').click();
  await page.getByLabel('JSON text (small datasets)').fill(JSON.stringify({ sales: [
    { month: 1, region: 'North', amount: 12.5 }, { month: 2, region: 'South', amount: 7 },
    { month: 3, region: 'North', amount: null }, { month: 4, region: 'East', amount: 3.25 }] }));
  await page.getByRole('button', { name: 'Load pasted JSON' }).click();
  await page.waitForFunction(() => window.evExplore.lastResult() && window.evExplore.lastResult().ok);
  await page.locator('#bars-view details summary').click();
  assert.deepEqual((await page.evaluate(() => window.evExplore.bars())).rows.map((r) => [r.label, r.value]), [['North', 12.5], ['South', 7], ['East', 3.25]]);
  // a file dropped on the drop zone loads too
  const dropped = await page.evaluate(async () => {
    const before = window.evExplore.lastResult();
    const dt = new DataTransfer();
    dt.items.add(new File(['[{"a":1,"b":4},{"a":2,"b":6}]'], 'dropped.json', { type: 'application/json' }));
    document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    while (window.evExplore.lastResult() === before || window.evExplore.busy()) await new Promise((r) => setTimeout(r, 10));
    return { result: window.evExplore.lastResult(), line: window.evExplore.line(), status: document.getElementById('status').textContent };
  });
  assert.equal(dropped.result.ok, true);
  assert.deepEqual([dropped.line.xs, dropped.line.ys], [[1, 2], [4, 6]]);
  assert.match(dropped.status, /^Loaded dropped\.json: 1 table, 2 rows/);
  await page.evaluate(AXE_SOURCE); // DevTools evaluation: not under the page's CSP
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
      .violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
    assert.deepEqual(violations, [], scheme);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the offline file: the worker starts from a blob: URL under the strict CSP, with no violations', async (t) => {
  if (!fs.existsSync(DIST_OFFLINE)) {
    assert.fail('dist/ev-explore.html is missing: run ./build.sh dist');
  }
  const html = fs.readFileSync(DIST_OFFLINE, 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)[1];
  assert.match(csp, /worker-src blob:/);
  assert.match(csp, /connect-src 'none'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|script-src[^;]*blob:/, 'no inline script, no eval, no blob: scripts on the page');
  assert.match(html, /<script type="text\/x-ev-worker" id="ev-ingest-worker">/);
  const { page, problems } = await open(pathToFileURL(DIST_OFFLINE).href);
  const file = path.join(tmp, 'offline.json');
  const values = generate(file, 60000); // 3.4 MB: through the worker
  const r = await loadFile(page, file);
  assert.equal(r.ok, true, r.message);
  assert.equal(r.via, 'worker');
  assert.equal(r.rows, 60002);
  await page.evaluate(() => window.evExplore.setBars({ table: 'readings', group: 'sensor', op: 'max', value: 'value' }));
  const bars = await page.evaluate(() => window.evExplore.bars());
  for (const row of bars.rows) {
    const k = SENSORS.indexOf(row.label);
    assert.equal(row.value, stats(values, (i) => i % 7 === k).max);
  }
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  await page.screenshot({ path: path.join(ARTIFACTS, 'explore-offline.png'), fullPage: true });
  await page.close();
});

test('the hostable folder: dist/explore.html runs the bundled worker (engine/ingest-worker.js) with zero CSP violations', async () => {
  const dist = path.dirname(DIST_OFFLINE);
  assert.ok(fs.existsSync(path.join(dist, 'engine', 'ingest-worker.js')), 'dist/engine/ingest-worker.js is missing: run ./build.sh dist');
  const { server: s, base: b } = await serveStatic(dist);
  try {
    const { page, problems } = await open(`${b}explore.html`);
    const file = path.join(tmp, 'hosted.json');
    generate(file, 40000); // 2.3 MB: through the worker
    const r = await loadFile(page, file);
    assert.equal(r.ok, true, r.message);
    assert.equal(r.via, 'worker');
    assert.equal(r.rows, 40002);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await new Promise((r) => s.close(r));
  }
});
