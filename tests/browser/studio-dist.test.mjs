// studio-dist.test.mjs — the studio as ./build.sh dist ships it (dist/studio.html
// with its bundled studio.js), in Chromium: a chart built from vega-datasets'
// cars, then the single offline HTML file it downloads, opened from file:
// with the network unused, drawing the same numbers under its strict CSP.
// Needs ./build.sh dist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VEGA, WEB, loadFile, startStudio } from './helpers/studio-harness.mjs';

const DIST = path.resolve(WEB, '..', 'dist');
let h;
let tmp;
before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'studio.html')), 'dist/studio.html missing: run ./build.sh dist');
  assert.ok(fs.existsSync(path.join(DIST, 'ev-chart-template.html')), 'dist/ev-chart-template.html missing: run ./build.sh dist');
  h = await startStudio({ root: DIST });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-studio-dist-'));
});
after(async () => {
  await h?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('dist/studio.html builds a chart; its offline file draws it from file: under a strict CSP', async () => {
  const { page, problems } = await h.open();
  assert.equal((await loadFile(page, path.join(VEGA, 'cars.json'))).ok, true);
  const r = await page.evaluate(() => window.evStudio.edit({ mark: 'bar', x: { column: 'Origin' }, y: { column: 'Horsepower', aggregate: 'max' }, title: { en: 'Most powerful', zh: '最大马力' } }));
  assert.equal(r.ok, true, r.error);
  const rows = await page.evaluate(() => window.evStudio.viewData().rows);
  const cars = JSON.parse(fs.readFileSync(path.join(VEGA, 'cars.json'), 'utf8'));
  for (const row of rows) {
    assert.equal(row.y, Math.max(...cars.filter((c) => c.Origin === row.x && c.Horsepower !== null).map((c) => c.Horsepower)));
  }
  const html = await page.evaluate(() => window.evStudio.offlineHtml());
  assert.match(html, /<script type="application\/json" id="ev-chart">/);
  assert.match(html, /connect-src 'none'/);
  const file = path.join(tmp, 'most-powerful.html');
  fs.writeFileSync(file, html);
  assert.deepEqual(problems, []);
  await page.close();

  // offline: from file:, every request but the file itself refused
  const off = await h.browser.context.newPage();
  const offProblems = [];
  off.on('console', (m) => { if (m.type() === 'error') offProblems.push(m.text()); });
  off.on('pageerror', (e) => offProblems.push(e.message));
  const requests = [];
  await off.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    requests.push(u);
    return route.abort();
  });
  await off.goto(pathToFileURL(file).href);
  await off.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 3, null, { timeout: 30000 });
  const cells = await off.$$eval('table tbody tr', (trs) => trs.map((tr) => Number(tr.querySelector('[data-value]').dataset.value)));
  assert.deepEqual(cells, rows.map((x) => x.y));
  assert.deepEqual(requests, []);
  assert.deepEqual(offProblems, []);
  await off.close();
});
