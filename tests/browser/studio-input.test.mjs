// studio-input.test.mjs — the studio (web/studio.html) given bad input, in
// Chromium: deeply nested records, a column of mixed types, a CSV given as
// JSON, unreachable and missing addresses, a share link whose data lacks a
// column the description names, share links truncated or edited, a cancelled
// load. Each shows a clear message in the page, and the chart and
// description built before stay. Also: loading by address, share links that
// reopen the same chart, what the studio keeps across a reload, the CSV and
// PNG. Needs ./build.sh build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VEGA, loadFile, readVega, startStudio } from './helpers/studio-harness.mjs';
import { encodeChartLink } from '../../web/core/chart-link.js';

let h;
let tmp;
before(async () => {
  h = await startStudio();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-studio-'));
});
after(async () => {
  await h?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const CARS_VIEW = { mark: 'bar', x: { column: 'Origin' }, y: { column: 'Miles_per_Gallon', aggregate: 'mean' } };

// A studio page with the cars chart built: the state every bad input must leave alone.
async function withCars(opts = {}) {
  const { page, problems } = await h.open(opts);
  assert.equal((await loadFile(page, path.join(VEGA, 'cars.json'))).ok, true);
  const r = await page.evaluate((v) => window.evStudio.edit(v), CARS_VIEW);
  assert.equal(r.ok, true, r.error);
  const good = await snapshot(page);
  assert.equal(good.rows.length, 3);
  return { page, problems, good };
}

function snapshot(page) {
  return page.evaluate(() => ({
    description: window.evStudio.description(),
    rows: window.evStudio.viewData().rows,
    marks: window.evStudio.chart().marks().length,
    canvas: document.querySelector('#chart-host canvas').toDataURL(),
  }));
}

async function assertKept(page, good, what) {
  const now = await snapshot(page);
  assert.deepEqual(now.description, good.description, `${what}: the description is kept`);
  assert.deepEqual(now.rows, good.rows, `${what}: the numbers are kept`);
  assert.equal(now.marks, good.marks, `${what}: the chart is kept`);
  assert.equal(now.canvas, good.canvas, `${what}: the chart is kept pixel for pixel`);
}

const loadError = (page) => page.evaluate(() => document.getElementById('load-error').textContent);
const checkError = (page) => page.evaluate(() => document.getElementById('check-error').textContent);

function writeTmp(name, text) {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
}

test('deeply nested records: refused with where and why; nested values listed but not chartable', async () => {
  const { page, problems, good } = await withCars();
  let deep = '1';
  for (let i = 0; i < 70; i++) deep = `{"k":${deep}}`;
  const r = await loadFile(page, writeTmp('deep.json', `[{"name":"a","v":${deep}}]`));
  assert.equal(r.ok, false);
  assert.equal(r.code, 'LIMIT');
  const msg = await loadError(page);
  assert.match(msg, /^Could not load deep\.json: JSON nesting deeper than 64 levels at line 1, column \d+/);
  assert.match(msg, /nested too deeply to be a table/);
  assert.match(msg, /still has cars\.json and your chart/);
  await assertKept(page, good, 'deep nesting');

  // nesting within the limit: a json column, listed as nested, never offered as x or y
  const ok = await loadFile(page, writeTmp('nested.json', '[{"name":"a","v":1,"meta":{"k":[1,2]}},{"name":"b","v":2,"meta":null}]'));
  assert.equal(ok.ok, true);
  const cols = (await page.evaluate(() => window.evStudio.summary()))[0].columns;
  assert.deepEqual(cols.map((c) => [c.name, c.type, c.missing]), [['name', 'string', 0], ['v', 'number', 0], ['meta', 'json', null]]);
  assert.ok(await page.evaluate(() => [...document.querySelectorAll('#summary td')].some((td) => td.textContent === 'nested (json)')));
  const xs = await page.$$eval('#x option', (os) => os.map((o) => o.value));
  assert.ok(!xs.includes('meta'));
  const e = await page.evaluate(() => window.evStudio.edit({ x: { column: 'name' }, y: { column: 'meta', aggregate: 'sum' } }));
  assert.equal(e.ok, false);
  assert.match(e.error, /views\[0\]\.y.*'meta'/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a column of mixed types: the row and column, and what to do', async () => {
  const { page, problems, good } = await withCars();
  const r = await loadFile(page, writeTmp('mixed.json', '[{"year":2020,"v":1.5},{"year":2021,"v":"2.5"}]'));
  assert.equal(r.code, 'TYPE');
  const msg = await loadError(page);
  assert.match(msg, /row 2, column 'v': expected number, got string/);
  assert.match(msg, /more than one type/);
  await assertKept(page, good, 'mixed types');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a CSV given as JSON (vega-datasets\' own CSV): says it looks like CSV', async () => {
  const { page, problems, good } = await withCars();
  const r = await loadFile(page, path.join(VEGA, 'gapminder-health-income.csv'));
  assert.equal(r.code, 'PARSE');
  const msg = await loadError(page);
  assert.match(msg, /^Could not load gapminder-health-income\.csv: JSON parse error at line 1, column 1/);
  assert.match(msg, /looks like CSV/);
  await assertKept(page, good, 'CSV');
  assert.deepEqual(problems, []);
  await page.close();
});

test('addresses: same-origin loads; a missing file and an unreachable server say so', async () => {
  const { page, problems, good } = await withCars();
  // a missing file on this site: the HTTP status
  let r = await page.evaluate(() => window.evStudio.loadUrl('vega/no-such-file.json'));
  assert.equal(r.code, 'HTTP');
  assert.match(await loadError(page), /Could not load http:\/\/127\.0\.0\.1:\d+\/vega\/no-such-file\.json: the server answered 404/);
  await assertKept(page, good, '404');
  // a server that does not answer, on another site: unreachable or no CORS
  r = await page.evaluate(() => window.evStudio.loadUrl('https://127.0.0.1:9/data.json'));
  assert.equal(r.code, 'NETWORK');
  assert.match(await loadError(page), /https:\/\/127\.0\.0\.1:9\/data\.json.*unreachable, or it is on another site and does not send CORS headers/);
  await assertKept(page, good, 'unreachable');
  // plain http on another site is refused before fetching
  r = await page.evaluate(() => window.evStudio.loadUrl('http://example.invalid/data.json'));
  assert.equal(r.code, 'URL');
  assert.match(await loadError(page), /plain http: address on another site/);
  // typed into the page and loaded with Enter
  await page.fill('#url-input', 'vega/penguins.json');
  await page.press('#url-input', 'Enter');
  await page.waitForFunction(() => window.evStudio.lastResult()?.ok === true && !window.evStudio.busy());
  assert.equal((await page.evaluate(() => window.evStudio.summary()))[0].rows, readVega('penguins.json').length);
  // the expected failures are the only console errors (Chromium logs failed requests)
  assert.ok(problems.every((p) => /404|ERR_CONNECTION_REFUSED|Failed to load resource/.test(p)), problems.join('\n'));
  await page.close();
});

test('share links: the studio link reopens the same chart with its data; chart.html draws it', async () => {
  const { page, good } = await withCars();
  await page.evaluate(() => window.evStudio.editChart((d) => ({ ...d, title: { en: 'Cars', zh: '汽车' } })));
  const links = await page.evaluate(() => window.evStudio.links());
  assert.equal(links.hasData, true, 'cars.json fits in a link');
  assert.match(links.studio, /\/studio\.html#c=1\.\d+\.[0-9a-f]{8}\./);
  assert.match(links.share, /\/chart\.html#c=1\./);
  assert.match(links.embed, /^<iframe src="[^"]*chart\.html#c=1\.[^"]*" title="Cars"[^>]*data-ev-graphic><\/iframe>\n<script src="[^"]*embed-host\.js" async><\/script>$/);
  const { page: p2, problems } = await h.open({ hash: links.studio.slice(links.studio.indexOf('#')) });
  await p2.waitForFunction(() => window.evStudio.viewData() !== null);
  const d2 = await p2.evaluate(() => window.evStudio.description());
  assert.deepEqual(d2.views, good.description.views);
  assert.deepEqual(d2.title, { en: 'Cars', zh: '汽车' });
  assert.deepEqual(d2.dataset, { inline: true });
  assert.deepEqual(await p2.evaluate(() => window.evStudio.viewData().rows), good.rows);
  assert.deepEqual(problems, []);
  await p2.close();
  // the reader's page draws the same bars from the link alone
  const p3 = await page.context().newPage();
  await p3.goto(links.share);
  await p3.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 3, null, { timeout: 20000 });
  const cells = await p3.$$eval('table tbody tr', (trs) => trs.map((tr) => Number(tr.querySelector('[data-value]').dataset.value)));
  assert.deepEqual(cells, good.rows.map((r) => r.y));
  await p3.close();
  await page.close();
});

test('a link whose data lacks a column the description names: the error, and the description kept to fix', async () => {
  const description = {
    format: 'ev-chart/1', locales: ['en'], title: 'Rates', dataset: { inline: true },
    views: [{ id: 'rates', title: 'Rates', table: 'data', mark: 'line', x: { column: 'year' }, y: { column: 'value' } }],
  };
  const data = [{ year: 2020, rate: 1.5 }, { year: 2021, rate: 2.5 }];
  const value = await encodeChartLink({ description, data });
  const { page, problems } = await h.open({ hash: `#c=${value}` });
  await page.waitForFunction(() => window.evStudio.summary() !== null);
  const msg = await checkError(page);
  assert.match(msg, /^views\[0\]\.y\.column: table 'data' has no column 'value'/);
  // nothing lost: the description is in the form, listed as missing, and can be fixed there
  assert.deepEqual(await page.evaluate(() => window.evStudio.edited().views[0].y), { column: 'value' });
  assert.ok((await page.$$eval('#y option', (os) => os.map((o) => o.textContent))).includes('value (missing)'));
  await page.selectOption('#y', 'rate');
  await page.waitForFunction(() => window.evStudio.viewData() !== null);
  assert.deepEqual(await page.evaluate(() => window.evStudio.viewData().rows), [{ x: 2020, series: null, y: 1.5 }, { x: 2021, series: null, y: 2.5 }]);
  assert.equal(await checkError(page), '');
  assert.deepEqual(problems, []);
  await page.close();
});

test('share links truncated or edited: refused with a message; the chart built stays', async () => {
  const { page, problems, good } = await withCars();
  const links = await page.evaluate(() => window.evStudio.links());
  const value = links.studio.slice(links.studio.indexOf('#c=') + 3);
  const cut = value.slice(0, Math.floor(value.length * 0.6));
  let r = await page.evaluate((h) => window.evStudio.openLink(h), `#c=${cut}`);
  assert.equal(r.ok, false);
  assert.match(await loadError(page), /incomplete|cut off/);
  assert.match(await loadError(page), /keeps the chart it had/);
  await assertKept(page, good, 'truncated link');
  const i = value.length - 40;
  const edited = value.slice(0, i) + (value[i] === 'A' ? 'B' : 'A') + value.slice(i + 1);
  r = await page.evaluate((h) => window.evStudio.openLink(h), `#c=${edited}`);
  assert.equal(r.ok, false);
  assert.match(await loadError(page), /changed after it was made|damaged|incomplete/);
  await assertKept(page, good, 'edited link');
  // through the address bar as well
  await page.evaluate((h) => { location.hash = h; }, `c=${cut}`);
  await page.waitForFunction(() => /cut off|incomplete/.test(document.getElementById('load-error').textContent));
  await assertKept(page, good, 'truncated link in the address bar');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a reload keeps the description and the data; Forget them forgets both', async () => {
  const { page, problems, good } = await withCars();
  await page.evaluate(() => window.evStudio.edit({ series: { column: 'Cylinders' } }));
  const before = await page.evaluate(() => ({ d: window.evStudio.description(), rows: window.evStudio.viewData().rows }));
  // the dataset is written to IndexedDB after the load returns
  await page.evaluate(() => window.evStudio.kept());
  await page.reload();
  await page.evaluate(() => window.evStudio.ready);
  await page.waitForFunction(() => window.evStudio.viewData() !== null);
  assert.deepEqual(await page.evaluate(() => window.evStudio.description()), before.d);
  assert.deepEqual(await page.evaluate(() => window.evStudio.viewData().rows), before.rows);
  assert.match(await page.evaluate(() => document.getElementById('status').textContent), /Restored cars\.json/);
  // an edit that does not check is kept too (it is what the user built)
  await page.evaluate(() => window.evStudio.edit({ y: { column: 'Horsepowr', aggregate: 'mean' } }));
  assert.match(await checkError(page), /no column 'Horsepowr' \(did you mean 'Horsepower'\?\)/);
  await page.reload();
  await page.evaluate(() => window.evStudio.ready);
  assert.equal(await page.evaluate(() => window.evStudio.edited().views[0].y.column), 'Horsepowr');
  await page.click('#forget');
  // Forget is asynchronous (IndexedDB); the page says when it is done, and a
  // reload before that may still find the data (CI once did).
  await page.waitForFunction(() => /no longer keeps your chart or data/.test(document.getElementById('publish-status').textContent));
  await page.reload();
  await page.evaluate(() => window.evStudio.ready);
  assert.equal(await page.evaluate(() => window.evStudio.summary()), null);
  assert.ok(good);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Cancel during a big load keeps the data and chart there were', async () => {
  const { page, problems, good } = await withCars();
  await page.setInputFiles('#file-input', path.join(VEGA, 'flights-200k.json'));
  await page.waitForFunction(() => window.evStudio.busy());
  await page.click('#cancel');
  await page.waitForFunction(() => !window.evStudio.busy());
  const r = await page.evaluate(() => window.evStudio.lastResult());
  assert.equal(r.code, 'CANCELLED');
  assert.match(await page.evaluate(() => document.getElementById('status').textContent), /Cancelled loading flights-200k\.json; nothing was kept\. The studio still has cars\.json/);
  await assertKept(page, good, 'cancel');
  assert.deepEqual(problems, []);
  await page.close();
});

test('CSV of the view (BOM, formula escaping) and PNG of the chart', async () => {
  const { page, problems } = await h.open();
  const text = JSON.stringify([{ who: '=SUM(A1)', n: 2 }, { who: 'plain, with comma', n: 3 }, { who: '=SUM(A1)', n: 4 }]);
  await page.evaluate((t) => window.evStudio.load(t, { name: 'the pasted text' }), text);
  const r = await page.evaluate(() => window.evStudio.edit({ mark: 'bar', x: { column: 'who' }, y: { column: 'n', aggregate: 'sum' } }));
  assert.equal(r.ok, true, r.error);
  const csv = await page.evaluate(() => window.evStudio.csvText());
  assert.equal(csv, '\uFEFFwho,sum of n\r\n\'=SUM(A1),6\r\n"plain, with comma",3\r\n');
  const png = await page.evaluate(async () => [...new Uint8Array(await (await window.evStudio.pngBlob()).arrayBuffer()).slice(0, 8)]);
  assert.deepEqual(png, [137, 80, 78, 71, 13, 10, 26, 10]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('hostile names and values stay text in the summary, the form and the chart', async () => {
  const { page, problems } = await h.open();
  const evil = '<img src=x onerror="window.__pwned=1">';
  const text = JSON.stringify([{ [evil]: `${evil}a`, v: 1 }, { [evil]: '<script>window.__pwned=2</script>', v: 2 }]);
  assert.equal((await page.evaluate((t) => window.evStudio.load(t), text)).ok, true);
  const r = await page.evaluate((c) => window.evStudio.edit({ mark: 'bar', x: { column: c }, y: { column: 'v', aggregate: 'sum' }, title: { en: '<b>bold?</b>' } }), evil);
  assert.equal(r.ok, true, r.error);
  assert.equal(await page.evaluate(() => document.querySelectorAll('main img, main script, main b').length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.ok(await page.evaluate((e) => [...document.querySelectorAll('#summary th, #summary td')].some((c) => c.textContent === e), evil));
  assert.ok(await page.evaluate((e) => [...document.querySelectorAll('#x option')].some((o) => o.value === e), evil));
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await page.close();
});

test('a view still being set up is left out of the check, the chart and the links until complete', async () => {
  const { page, problems, good } = await withCars();
  await page.click('#view-add');
  await page.waitForFunction(() => window.evStudio.edited().views.length === 2);
  assert.match(await checkError(page), /^views\[1\]: choose an x and a y/);
  // back to the first view: it edits, checks and draws as if the second were not there
  await page.click('#view-tab-0');
  const r = await page.evaluate(() => window.evStudio.edit({ mark: 'hbar' }));
  assert.equal(r.ok, true, r.error);
  assert.equal(await checkError(page), '');
  assert.deepEqual(await page.evaluate(() => window.evStudio.viewData().rows), good.rows);
  let pub = await page.evaluate(() => window.evStudio.published());
  assert.deepEqual(pub.views.map((v) => v.mark), ['hbar']);
  assert.equal((await page.evaluate(() => window.evStudio.links())).description.views.length, 1);
  // completing the second view publishes both; an error in it names views[1]
  await page.click('#view-tab-1');
  let e = await page.evaluate(() => window.evStudio.edit({ x: { column: 'Origin' }, y: { column: 'Horsepowr', aggregate: 'max' } }));
  assert.match(e.error, /^views\[1\]\.y\.column: table 'data' has no column 'Horsepowr'/);
  e = await page.evaluate(() => window.evStudio.edit({ y: { column: 'Horsepower', aggregate: 'max' } }));
  assert.equal(e.ok, true, e.error);
  pub = await page.evaluate(() => window.evStudio.published());
  assert.deepEqual(pub.views.map((v) => v.id), ['view-1', 'view-2']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a file inside every input limit whose table needs over 1 GiB: out of memory in the worker; the page keeps its chart', async () => {
  const { page, problems, good } = await withCars();
  // 1,000,000 rows x 256 number columns = 2 GiB of table from a 3 MB text
  const cols = Array.from({ length: 256 }, (_, i) => `"c${i}":${i}`).join(',');
  const file = writeTmp('huge-table.json', `[{${cols}}${',{}'.repeat(999999)}]`);
  const r = await loadFile(page, file);
  assert.equal(r.ok, false);
  assert.equal(r.code, 'NOMEM');
  assert.match(await loadError(page), /^Could not load huge-table\.json: .*out of memory/);
  await assertKept(page, good, 'out of memory');
  // the page's engine still works: another dataset loads and draws
  assert.equal((await loadFile(page, path.join(VEGA, 'penguins.json'))).ok, true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the page\'s own engine runs out of memory: a fresh engine takes the last good data and chart back; the form keeps its edits', async () => {
  const { page, problems } = await withCars();
  const titled = await page.evaluate(() => window.evStudio.editChart((d) => ({ ...d, title: { en: 'Mileage by origin' } })));
  assert.equal(titled.ok, true, titled.error);
  // a second view being set up: edited, not yet drawn
  await page.click('#view-add');
  await page.waitForFunction(() => window.evStudio.edited().views.length === 2);
  const good = await snapshot(page);
  const edited = await page.evaluate(() => window.evStudio.edited());
  const memBefore = await page.evaluate(() => window.evStudio.engineMemory());
  // 1,000,000 rows x 256 number columns (2 GiB of table) from a 3 MB text,
  // inside every input limit; read on the page's thread (smallBytes above its
  // size), so the page's own engine grows to its 1 GiB ceiling and fails
  const text = await page.evaluate(() => {
    const cols = Array.from({ length: 256 }, (_, i) => `"c${i}":${i}`).join(',');
    return `{"t":[{${cols}}${',{}'.repeat(999999)}]}`;
  });
  const r = await page.evaluate((t) => window.evStudio.load(t, { name: 'wide.json', smallBytes: 8 * 2 ** 20 }), text);
  assert.equal(r.ok, false);
  assert.equal(r.code, 'NOMEM');
  const shown = await loadError(page);
  assert.match(shown, /^Could not load wide\.json: .*out of memory/);
  assert.match(shown, /started a fresh engine and reloaded cars\.json and your chart\.$/);
  const memAfter = await page.evaluate(() => window.evStudio.engineMemory());
  assert.ok(memAfter > 0 && memAfter <= Math.max(memBefore, 64 * 2 ** 20), `a fresh instance (${memAfter} bytes, was ${memBefore})`);
  await assertKept(page, good, 'after the fresh engine');
  assert.deepEqual(await page.evaluate(() => window.evStudio.edited()), edited, 'the form keeps the view being set up');
  assert.equal(await page.evaluate(() => window.evStudio.summary()[0].rows), 406, 'the summary is of cars again');
  // the fresh engine works: the second view completes and draws, another dataset loads
  await page.click('#view-tab-1');
  const e = await page.evaluate(() => window.evStudio.edit({ x: { column: 'Origin' }, y: { column: 'Horsepower', aggregate: 'max' } }));
  assert.equal(e.ok, true, e.error);
  assert.deepEqual((await page.evaluate(() => window.evStudio.published())).views.map((v) => v.id), ['view-1', 'view-2']);
  assert.equal((await loadFile(page, path.join(VEGA, 'penguins.json'))).ok, true);
  assert.equal(await loadError(page), '');
  assert.deepEqual(problems, []);
  await page.close();
});
