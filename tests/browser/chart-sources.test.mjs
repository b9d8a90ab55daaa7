// The source line of the chart page (web/chart.html, app/chart-mount.js) in
// Debian's Chromium: a description with document `provenance` (the story's
// own, /chart.html?d=build/ev_story.chart.json) gets the same line as the
// story page (index.html, app/graphic.js) in every view and both languages:
// the view's credit and the publishers behind the drawn marks (and compared
// figures), with links; a description without provenance keeps its view's
// `sources` list; a description with provenance whose marks carry no
// sources shows the credit alone, and nothing when it has none.
// Screenshots (desktop and 375 px) go to tests/browser/artifacts/. Needs
// ./build.sh build first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, serveStatic } from './helpers/static-server.mjs';
import { ARTIFACTS, WEB } from './helpers/page-harness.mjs';

const STORY_DOC = JSON.parse(fs.readFileSync(path.join(WEB, 'build', 'ev_story.chart.json'), 'utf8'));
const STORY = JSON.parse(fs.readFileSync(path.join(WEB, 'build', 'ev_story.json'), 'utf8'));
const EXAMPLE = JSON.parse(fs.readFileSync(path.join(WEB, 'examples', 'ev-story.chart.json'), 'utf8'));
const CHART_HTML = fs.readFileSync(path.join(WEB, 'chart.html'), 'utf8');

let server;
let base;
let browser;

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  ({ server, base } = await serveStatic(WEB));
  browser = await launchChromium({ hasTouch: true });
});

after(async () => {
  await browser.close();
  await new Promise((r) => server.close(r));
});

function watch(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return problems;
}

// The line's text and its links ([text, href]).
const lineOf = (page, selector) => page.evaluate((sel) => {
  const el = document.querySelector(sel);
  return { text: el.textContent, links: [...el.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]) };
}, selector);

// chart.html with an inline {description, data} block, served under another name.
function inlinePage(payload) {
  const json = JSON.stringify(payload).replace(/</g, '\\u003c');
  return CHART_HTML.replace('<div id="chart-root"></div>', `<div id="chart-root"></div>\n    <script type="application/json" id="ev-chart">${json}</script>`);
}

async function openInline(payload, width = 1100) {
  const page = await browser.context.newPage();
  const problems = watch(page);
  await page.route('**/chart-inline.html*', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: inlinePage(payload) }));
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${base}chart-inline.html`);
  return { page, problems, ready: await page.evaluate(() => window.evChart.ready) };
}

test('?d=build/ev_story.chart.json: every view credits the same sources as the story page, in English and Chinese', async () => {
  const story = await browser.context.newPage();
  const chart = await browser.context.newPage();
  const problems = [...watch(story), ...watch(chart)];
  for (const p of [story, chart]) await p.setViewportSize({ width: 1200, height: 900 });
  await story.goto(`${base}index.html`);
  assert.deepEqual(await story.evaluate(() => window.evGraphic.ready), { ok: true });
  await chart.goto(`${base}chart.html?d=build/ev_story.chart.json`);
  assert.deepEqual(await chart.evaluate(() => window.evChart.ready), { ok: true });
  const ids = await chart.evaluate(() => window.evChart.views());
  assert.deepEqual(ids, STORY_DOC.views.map((v) => v.id));
  for (const lang of ['en', 'zh']) {
    await story.evaluate((l) => window.evGraphic.setLanguage(l), lang);
    await chart.evaluate((l) => window.evChart.setLocale(l), lang);
    for (const id of ids) {
      await story.evaluate((v) => window.evGraphic.show(v), id);
      await chart.evaluate((v) => window.evChart.show(v), id);
      if (id === 'map') {
        await story.waitForFunction(() => window.evGraphic.marks().length > 0);
        await chart.waitForFunction(() => window.evChart.model().panels[0].ready === true);
      }
      const want = await lineOf(story, '#chart-sources');
      const got = await lineOf(chart, '.ev-chart .sources');
      assert.ok(want.text.startsWith(lang === 'en' ? 'Sources: ' : '来源：') && want.links.length > 0, `${id} ${lang}: the story page credits sources`);
      assert.deepEqual(got, want, `${id} ${lang}`);
    }
  }
  // the exports view credits CAAM, and the CPCA whose figures its compare note gives
  await chart.evaluate(() => window.evChart.setLocale('en'));
  await chart.evaluate(() => window.evChart.show('exports'));
  const line = (await lineOf(chart, '.ev-chart .sources')).text;
  assert.match(line, /^Sources: China Association of Automobile Manufacturers \(CAAM\), China Passenger Car Association \(CPCA\), as reported by /);
  // the publishers behind the drawn marks, from the rows: every drawn CAAM exports row's primary source is named
  const drawnIds = new Set(STORY.series_points.filter((r) => ['caam_vehicle_exports_total', 'caam_nev_exports'].includes(r.series_id)).map((r) => r.source));
  for (const sid of drawnIds) {
    const s = STORY.sources.find((x) => x.id === sid);
    if (s.confidence !== 'low') assert.ok(line.includes(s.publisher), `${s.publisher} credited`);
  }
  // the compared figure (CPCA 2023; its 2021 figure rests on a low-confidence source only and stays out)
  assert.match((await chart.locator('.ev-chart .notes').textContent()), /The China Passenger Car Association counts differently: 2023: ≈1,050,000 vehicles/);
  await chart.screenshot({ path: path.join(ARTIFACTS, 'chart-sources-exports-1200-en.png'), fullPage: true });
  await chart.setViewportSize({ width: 375, height: 800 });
  await chart.evaluate(() => window.evChart.setLocale('zh'));
  assert.equal(await chart.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scroll at 375 px');
  await chart.screenshot({ path: path.join(ARTIFACTS, 'chart-sources-exports-375-zh.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await story.close();
  await chart.close();
});

test('without provenance the view\'s sources list stays; with provenance and no sourced marks, the credit alone or nothing', async () => {
  // the example description (no provenance): "Sources: " and the view's sources, linked
  const page = await browser.context.newPage();
  const problems = watch(page);
  await page.goto(`${base}chart.html?d=examples/ev-story.chart.json`);
  assert.deepEqual(await page.evaluate(() => window.evChart.ready), { ok: true });
  const first = EXAMPLE.views[0];
  const names = first.sources.map((s) => (typeof s.name === 'string' ? s.name : s.name.en));
  const got = await lineOf(page, '.ev-chart .sources');
  assert.equal(got.text, `Sources: ${names.join('; ')}`);
  assert.deepEqual(got.links, first.sources.filter((s) => s.url).map((s) => [typeof s.name === 'string' ? s.name : s.name.en, s.url]));
  assert.deepEqual(problems, []);
  await page.close();

  // provenance, a panel whose rows name no source column: the view's credit alone; no sources at all: no line
  const data = {
    t: [{ year: 2020, v: 1, src: 's1' }, { year: 2021, v: 2, src: 's1' }],
    sources: [{ id: 's1', publisher: 'Office A', confidence: 'high', url: 'https://example.org/a' }],
  };
  const doc = (panelExtra, viewExtra) => ({
    format: 'ev-chart/1', locales: ['en', 'zh'], title: 'T', provenance: { table: 'sources' },
    views: [{ id: 'v', title: 'V', panels: [{ id: 'p', table: 't', mark: 'bar', x: { column: 'year' }, y: { column: 'v' }, ...panelExtra }], ...viewExtra }],
  });
  let r = await openInline({ description: doc({}, { sources: [{ name: { en: 'Agency B', zh: '乙机构' } }] }), data });
  assert.deepEqual(r.ready, { ok: true });
  assert.equal((await lineOf(r.page, '.ev-chart .sources')).text, 'Sources: Agency B.');
  await r.page.evaluate(() => window.evChart.setLocale('zh'));
  assert.equal((await lineOf(r.page, '.ev-chart .sources')).text, '来源：乙机构。');
  assert.deepEqual(r.problems, []);
  await r.page.close();
  r = await openInline({ description: doc({ source: { column: 'src' } }, { sources: [{ name: 'Agency B' }] }), data });
  assert.deepEqual(r.ready, { ok: true });
  assert.deepEqual(await lineOf(r.page, '.ev-chart .sources'),
    { text: 'Sources: Agency B, as reported by Office A.', links: [['Office A', 'https://example.org/a']] });
  await r.page.close();
  r = await openInline({ description: doc({ source: { column: 'src' } }, {}), data });
  assert.deepEqual(await lineOf(r.page, '.ev-chart .sources'), { text: 'Sources: Office A', links: [['Office A', 'https://example.org/a']] });
  await r.page.close();
  r = await openInline({ description: doc({}, {}), data });
  assert.deepEqual(r.ready, { ok: true });
  assert.equal((await lineOf(r.page, '.ev-chart .sources')).text, '');
  await r.page.close();
});
