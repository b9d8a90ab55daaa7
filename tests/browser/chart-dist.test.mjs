// ./build.sh dist, the described-chart files in Chromium: dist/ev-chart.html
// (the offline template filled by core/chart-offline.js with the example
// description and the story dataset) opened from file: with every non-file
// request aborted draws every view, switches language and walks marks by
// keyboard with zero CSP violations under its hashed policy; the template
// filled with hostile strings keeps them as text; dist/chart.html runs on a
// static server with ?d=, and its Download → offline file (the template
// filled with the description and the data from dataset.url, the view baked
// in) reopens the same view from file:, and downloads itself again with
// another view. Needs ./build.sh dist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium, serveStatic } from './helpers/static-server.mjs';
import { ARTIFACTS } from './helpers/page-harness.mjs';
import { cspConsole, cspViolations, download, openDownloads, watchCsp } from './helpers/share-tools.mjs';
import { offlineChartHtml } from '../../web/core/chart-offline.js';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const STORY = JSON.parse(fs.readFileSync(path.join(DIST, 'build', 'ev_story.json'), 'utf8'));
const EXAMPLE = JSON.parse(fs.readFileSync(path.join(DIST, 'examples', 'ev-story.chart.json'), 'utf8'));

let browser;
let requests;
let tmp;

before(async () => {
  for (const f of ['ev-chart.html', 'ev-chart-template.html', 'chart.html', 'chart-app.js', 'examples/ev-story.chart.json']) {
    assert.ok(fs.existsSync(path.join(DIST, f)), `dist/${f} missing: run ./build.sh dist`);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-chart-dist-'));
  browser = await launchChromium({ acceptDownloads: true });
  requests = [];
  await browser.context.route((url) => url.protocol !== 'file:' && !url.href.startsWith('blob:') && !url.href.startsWith('http://127.0.0.1'), (route) => {
    requests.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await watchCsp(browser.context);
});

after(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function openUrl(url, width = 1100) {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  const csp = cspConsole(page);
  await page.setViewportSize({ width, height: 900 });
  await page.goto(url);
  const ready = await page.evaluate(() => window.evChart.ready);
  return { page, problems, csp, ready };
}

const tableRows = (page) => page.evaluate(() => [...document.querySelectorAll('.ev-chart table tbody tr')].map((tr) => [...tr.children].map((c) => [c.textContent, c.dataset.value === undefined ? null : Number(c.dataset.value)])));

test('dist/ev-chart.html from file:, network off: every view drawn, language and keyboard, no CSP violation', async () => {
  const { page, problems, csp, ready } = await openUrl(pathToFileURL(path.join(DIST, 'ev-chart.html')).href);
  assert.deepEqual(ready, { ok: true });
  for (const v of EXAMPLE.views) {
    await page.evaluate((id) => window.evChart.show(id), v.id);
    const rows = await tableRows(page);
    assert.ok(rows.length > 0, v.id);
    assert.equal((await page.evaluate(() => window.evChart.marks())).length, rows.length, v.id);
  }
  await page.evaluate(() => window.evChart.show('nev-output'));
  const prod = (await tableRows(page)).filter((r) => r[1][0] === 'Production').map((r) => r[2][1]);
  assert.deepEqual(prod, STORY.series_points.filter((r) => r.series_id === 'caam_nev_production').sort((a, b) => a.year - b.year).map((r) => r.value));
  await page.locator('.lang-switch button[data-lang="zh"]').click();
  await page.waitForFunction(() => document.querySelector('.ev-chart h2').textContent === '中国新能源汽车产量与销量');
  await page.locator('.ev-chart canvas[role="application"]').focus();
  await page.keyboard.press('Home');
  assert.match(await page.locator('.ev-chart [aria-live="polite"]').textContent(), /2014/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'chart-offline-zh.png'), fullPage: true });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(csp, []);
  assert.deepEqual(problems, []);
  assert.deepEqual(requests, [], 'nothing but file: was requested');
  await page.close();
});

test('the offline template filled with hostile strings: they are text, the page works', async () => {
  const template = fs.readFileSync(path.join(DIST, 'ev-chart-template.html'), 'utf8');
  const evil = '</script><script>window.pwned=1</script><!--<img src=x onerror="window.pwned=2">';
  const description = {
    format: 'ev-chart/1', locales: ['en'], title: evil,
    views: [{ id: 'v', title: evil, table: 'data', mark: 'hbar', x: { column: 'k' }, y: { column: 'v', aggregate: 'sum' }, notes: [evil] }],
  };
  const data = { data: [{ k: evil, v: 2 }, { k: 'b', v: 3 }, { k: evil, v: 4 }] };
  const file = path.join(tmp, 'hostile.html');
  fs.writeFileSync(file, offlineChartHtml(template, { description, data }));
  const { page, problems, csp, ready } = await openUrl(pathToFileURL(file).href);
  assert.deepEqual(ready, { ok: true });
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('.ev-chart h2').textContent(), evil);
  assert.deepEqual((await tableRows(page)).map((r) => [r[0][0], r[1][1]]), [[evil, 6], ['b', 3]]);
  assert.equal(await page.locator('img:not(.share-image)').count(), 0, 'no image but the share bar\'s own (empty) one');
  assert.equal(await page.locator('img.share-image').getAttribute('src'), null);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(csp, []);
  assert.deepEqual(problems, []);
  assert.deepEqual(requests, []);
  await page.close();
});

test('dist/chart.html hosted: ?d= with the example draws from the dist folder', async () => {
  const { server, base } = await serveStatic(DIST);
  try {
    const { page, problems, ready } = await openUrl(`${base}chart.html?d=examples/ev-story.chart.json&view=projects-by-country`);
    assert.deepEqual(ready, { ok: true });
    assert.equal((await tableRows(page)).length, new Set(STORY.projects.map((p) => p.country)).size);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('dist/chart.html hosted: Download → offline file has the description, its data and the view; it reopens that view from file: and downloads itself', async () => {
  const { server, base } = await serveStatic(DIST);
  try {
    const { page, problems, ready } = await openUrl(`${base}chart.html?d=examples/ev-story.chart.json&view=projects-by-year&lang=zh`);
    assert.deepEqual(ready, { ok: true });
    const want = await tableRows(page);
    await openDownloads(page);
    const { name, bytes } = await download(page, 'html');
    assert.equal(name, 'ev-chart-projects-by-year-zh.html');
    const html = bytes.toString('utf8');
    assert.match(html, /<html [^>]*data-ev-state="\?v=1&amp;view=projects-by-year&amp;lang=zh"/);
    const block = /<script type="application\/json" id="ev-chart">([\s\S]*?)<\/script>/.exec(html);
    const payload = JSON.parse(block[1]);
    assert.deepEqual(payload.description, EXAMPLE);
    assert.deepEqual(payload.data, STORY, 'the data read from dataset.url goes into the file');
    await page.waitForFunction(() => document.querySelector('#graphic-share [role="status"]').textContent !== '');
    assert.equal(await page.locator('#graphic-share [role="status"]').textContent(), '离线网页（HTML）：已开始下载。');
    const file = path.join(tmp, name);
    fs.writeFileSync(file, html);
    const off = await openUrl(pathToFileURL(file).href);
    assert.deepEqual(off.ready, { ok: true });
    assert.deepEqual(await off.page.evaluate(() => [window.evChart.state().view, window.evChart.state().locale]), ['projects-by-year', 'zh']);
    assert.deepEqual(await tableRows(off.page), want);
    await off.page.evaluate(() => window.evChart.show('nev-output'));
    await openDownloads(off.page);
    const again = await download(off.page, 'html');
    assert.match(again.bytes.toString('utf8'), /<html [^>]*data-ev-state="\?v=1&amp;lang=zh"/);
    assert.deepEqual(await cspViolations(off.page), []);
    assert.deepEqual([...problems, ...off.problems, ...off.csp], []);
    assert.deepEqual(requests, [], 'nothing but file: and the test server was requested');
    await off.page.close();
    await page.close();
  } finally {
    await new Promise((r) => server.close(r));
  }
});
