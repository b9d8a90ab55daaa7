// Share, Embed and Download on the reader's page for a described chart
// (web/chart.html, chart.js with ui/share.js) in Debian's Chromium: the
// shared link reopens the exact view (?d= and #c= alike, after load() a #c=
// of the new description); the embed code's iframe draws the view in a host
// page and is sized by embed-host.js; the PNG is the chart at 2×; the CSV
// holds the table's rows with the engine's exact numbers; the offline file
// is refused clearly where the template is not served (the dist test
// downloads it from dist/). Screenshots go to tests/browser/artifacts/.
// Needs ./build.sh build first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, serveStatic } from './helpers/static-server.mjs';
import { ARTIFACTS, WEB } from './helpers/page-harness.mjs';
import { decodeInPage, download, openDownloads, parseCsv, pngSize } from './helpers/share-tools.mjs';
import { chartLinkHash, decodeChartLink, encodeChartLink, linkValueFromHash } from '../../web/core/chart-link.js';

const EXAMPLE = JSON.parse(fs.readFileSync(path.join(WEB, 'examples', 'ev-story.chart.json'), 'utf8'));

let server;
let base;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(WEB, 'build', 'engine.wasm')), 'web/build missing: run ./build.sh build');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  ({ server, base } = await serveStatic(WEB));
  browser = await launchChromium({ acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
});

after(async () => {
  await browser?.close();
  if (server) await new Promise((r) => server.close(r));
});

async function open(url, { width = 1100 } = {}) {
  const page = await browser.context.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.setViewportSize({ width, height: 900 });
  await page.goto(url.startsWith('http') ? url : base + url);
  const ready = await page.evaluate(() => window.evChart.ready);
  return { page, problems, ready };
}

const sharedLink = async (page) => {
  await page.locator('#graphic-share [data-action="share"]').click();
  await page.waitForFunction(() => document.querySelector('#graphic-share [role="status"]').textContent !== '');
  return page.locator('#graphic-share input.share-field').inputValue();
};
const viewOf = (page) => page.evaluate(() => ({
  state: window.evChart.state(),
  title: document.querySelector('.ev-chart h2').textContent,
  values: window.evChart.model().marks.map((m) => m.value),
}));
const tableRows = (page) => page.evaluate(() => [...document.querySelectorAll('.ev-chart table tbody tr')]
  .map((tr) => [...tr.children].map((c) => (c.dataset.value === undefined ? c.textContent : Number(c.dataset.value)))));

test('Share: the link reopens the exact view (?d=, view, language, hidden series), and is copied', async () => {
  const { page, problems, ready } = await open('chart.html?d=examples/ev-story.chart.json');
  assert.deepEqual(ready, { ok: true });
  assert.equal(await page.locator('#graphic-share').isVisible(), true);
  await page.evaluate(() => window.evChart.show('projects-by-year'));
  await page.locator('.ev-chart .legend button').first().click();
  await page.evaluate(() => window.evChart.setLocale('zh'));
  const want = await viewOf(page);
  const link = await sharedLink(page);
  const url = new URL(link);
  assert.equal(url.searchParams.get('d'), 'examples/ev-story.chart.json');
  assert.equal(url.searchParams.get('view'), 'projects-by-year');
  assert.equal(url.searchParams.get('lang'), 'zh');
  assert.ok(url.searchParams.get('hide'), link);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  assert.equal(await page.locator('#graphic-share [role="status"]').textContent(), '链接已复制到剪贴板。');
  await page.screenshot({ path: path.join(ARTIFACTS, 'chart-share-link.png'), fullPage: true });
  const again = await open(link);
  assert.deepEqual(again.ready, { ok: true });
  assert.deepEqual(await viewOf(again.page), want);
  assert.deepEqual([...problems, ...again.problems], []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.close();
  await again.page.close();
});

test('Share: a #c= link keeps its fragment; after load() the link carries the new description', async () => {
  const data = { data: [{ k: 'a', v: 3.14159 }, { k: 'b', v: 5 }] };
  const description = {
    format: 'ev-chart/1', locales: ['en'], title: 'Linked',
    views: [{ id: 'one', title: 'One', table: 'data', mark: 'bar', x: { column: 'k' }, y: { column: 'v' } },
      { id: 'two', title: 'Two', table: 'data', mark: 'hbar', x: { column: 'k' }, y: { column: 'v' } }],
  };
  const hash = chartLinkHash(await encodeChartLink({ description, data }));
  const { page, problems } = await open(`chart.html${hash}`);
  await page.evaluate(() => window.evChart.show('two'));
  const link = await sharedLink(page);
  assert.equal(new URL(link).hash, hash);
  assert.equal(new URL(link).searchParams.get('view'), 'two');
  const again = await open(link);
  assert.equal((await viewOf(again.page)).title, 'Two');
  await again.page.close();

  const other = { ...description, title: 'Loaded', views: [{ ...description.views[0], id: 'three', title: 'Three' }] };
  assert.deepEqual(await page.evaluate((d) => window.evChart.load({ description: d }), other), { ok: true });
  const loaded = await sharedLink(page);
  const decoded = await decodeChartLink(linkValueFromHash(new URL(loaded).hash));
  assert.equal(decoded.description.title, 'Loaded');
  assert.deepEqual(decoded.data, data, 'the data drawn goes with the new description');
  const third = await open(loaded);
  assert.deepEqual(third.ready, { ok: true });
  assert.equal((await viewOf(third.page)).title, 'Three');
  assert.deepEqual([...problems, ...third.problems], []);
  await third.page.close();
  await page.close();
});

test('Embed: the code is an iframe of the view\'s link and embed-host.js; in a host page it draws the view at its own height', async () => {
  const { page, problems } = await open('chart.html?d=examples/ev-story.chart.json&view=projects-by-country');
  await page.locator('#graphic-share [data-action="embed"]').click();
  const code = await page.locator('#graphic-share textarea').inputValue();
  const m = /^<iframe src="([^"]+)" title="([^"]*)" width="100%" height="720" loading="lazy" allow="clipboard-write" data-ev-graphic><\/iframe>\n<script src="([^"]+)" async><\/script>$/.exec(code);
  assert.ok(m, code);
  const src = new URL(m[1].replace(/&amp;/g, '&'));
  assert.equal(src.pathname, '/chart.html');
  assert.equal(src.searchParams.get('view'), 'projects-by-country');
  assert.equal(src.searchParams.get('d'), 'examples/ev-story.chart.json');
  assert.equal(m[3], `${base}embed-host.js`);
  assert.equal(m[2], EXAMPLE.title.en ?? EXAMPLE.title);

  const host = await browser.context.newPage();
  await host.route('**/host-article.html', (route) => route.fulfill({
    status: 200, contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html><head><meta charset="utf-8"><title>Host</title></head><body style="margin:0"><p>Article text.</p>${code}<p>After.</p></body></html>`,
  }));
  await host.setViewportSize({ width: 700, height: 900 });
  await host.goto(`${base}host-article.html`);
  const frame = await (await host.waitForSelector('iframe[data-ev-graphic]')).contentFrame();
  await frame.waitForFunction(() => window.evChart && window.evChart.model() !== null);
  assert.equal(await frame.evaluate(() => window.evChart.state().view), 'projects-by-country');
  await host.waitForFunction(() => {
    const f = document.querySelector('iframe[data-ev-graphic]');
    return f.style.height && f.style.height !== '720px';
  });
  const [frameH, contentH] = [
    await host.evaluate(() => parseFloat(document.querySelector('iframe[data-ev-graphic]').style.height)),
    await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)),
  ];
  assert.equal(frameH, contentH, 'the iframe is as tall as the chart page inside it');
  await host.screenshot({ path: path.join(ARTIFACTS, 'chart-embed-host.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await host.close();
  await page.close();
});

test('Download: PNG at 2× the canvas, CSV with the table\'s rows and exact numbers, the offline file refused here with a message', async () => {
  for (const width of [1100, 375]) {
    const { page, problems } = await open('chart.html?d=examples/ev-story.chart.json&view=projects-by-country', { width });
    await openDownloads(page);
    const css = await page.evaluate(() => {
      const c = document.querySelector('.ev-chart canvas[role="application"]');
      return { width: c.clientWidth, height: c.clientHeight };
    });
    const png = await download(page, 'png');
    assert.equal(png.name, 'ev-chart-projects-by-country-en.png');
    assert.deepEqual(pngSize(png.bytes), { width: css.width * 2, height: css.height * 2 });
    assert.deepEqual(await decodeInPage(page, png.bytes), { width: css.width * 2, height: css.height * 2 });

    const csv = await download(page, 'csv');
    assert.equal(csv.name, 'ev-chart-projects-by-country-en.csv');
    assert.equal(csv.bytes.subarray(0, 3).toString('hex'), 'efbbbf');
    const rows = parseCsv(csv.bytes.toString('utf8'));
    const table = await tableRows(page);
    assert.equal(rows.length - 1, table.length);
    table.forEach((r, i) => {
      assert.equal(rows[i + 1][0], r[0]);
      const v = r[1];
      assert.equal(rows[i + 1][1] === '' ? null : Number(rows[i + 1][1]), typeof v === 'number' && !Number.isNaN(v) ? v : null, r[0]);
    });
    assert.ok(rows.slice(1).some((r) => /\.\d{5,}/.test(r[1])), 'the CSV keeps every digit of the sums');

    await page.locator('#graphic-share [data-action="html"]').click();
    await page.waitForFunction(() => document.querySelector('#graphic-share [role="status"]').textContent !== '');
    assert.equal(await page.locator('#graphic-share [role="status"]').textContent(), 'The offline page is not available from this server.');
    await page.screenshot({ path: path.join(ARTIFACTS, `chart-share-download-${width}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  }
});
