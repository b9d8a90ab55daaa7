// The reader's page for a described chart (web/chart.html, chart.js,
// app/chart-mount.js) in Debian's Chromium: a description and data through
// ?d= (web/examples/ev-story.chart.json over the story dataset), through the
// inline #ev-chart block and through a #c= link; every mark drawn, with the
// table's numbers checked against aggregates computed here from the JSON
// file; the language switch; keyboard focus through the marks with live
// announcements; the URL reopening a view with hidden series; bad
// descriptions showing an error (the last good chart stays); other-site
// addresses refused; no CSP violations. Screenshots (desktop, 375 px) go to
// tests/browser/artifacts/. Needs ./build.sh build first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, serveStatic } from './helpers/static-server.mjs';
import { ARTIFACTS, WEB } from './helpers/page-harness.mjs';
import { encodeChartLink, chartLinkHash } from '../../web/core/chart-link.js';

const STORY = JSON.parse(fs.readFileSync(path.join(WEB, 'build', 'ev_story.json'), 'utf8'));
const EXAMPLE = JSON.parse(fs.readFileSync(path.join(WEB, 'examples', 'ev-story.chart.json'), 'utf8'));
const CHART_HTML = fs.readFileSync(path.join(WEB, 'chart.html'), 'utf8');
const INDEX_HTML = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');

// The story page's shell (index.html, app/graphic.js) given the example
// description as its own (instead of data/ev_story.chart.json).
const SOURCE_MAIN = `
import { createGraphic } from './app/graphic.js';
import { chartViews } from './core/chart-view.js';
import { textOf } from './core/chart/text.js';
const $ = (id) => document.getElementById(id);
const d = await (await fetch('examples/ev-story.chart.json')).json();
const views = chartViews(d).map((v) => ({ id: v.id, build: v.build, defaults: v.defaults, title: v.view.title }));
const ids = ['figure:ev-graphic', 'kicker', 'headline', 'dek', 'lang:lang-switch', 'tablist:view-tabs', 'panel:view-panel',
  'title:chart-title', 'finding:chart-finding', 'definition:chart-definition', 'controls:chart-controls', 'legend:chart-legend',
  'error:chart-error', 'chart', 'canvas:chart-canvas', 'tooltip:chart-tooltip', 'live:chart-live', 'detail:chart-detail',
  'notes:chart-notes', 'sources:chart-sources', 'tableSummary:chart-table-summary', 'table:chart-table', 'share:graphic-share'];
const els = Object.fromEntries(ids.map((x) => { const [k, id = k] = x.split(':'); return [k, $(id)]; }));
window.evGraphic = createGraphic({
  els, factory: globalThis.createEvEngine, defaultData: 'build/ev_story.json',
  source: {
    views, requiredTables: ['series_points', 'projects'],
    tabLabel: (words, v, lang) => textOf(v.title, lang, 'en'),
    context: (ctx, engine, ds) => ({ ...ctx, defaultLocale: 'en', width: $('chart').clientWidth, decimate: (t, s) => engine.decimate(ds.table(t), s) }),
  },
});
`;

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

// chart.html with an inline block, served under another name from the same origin.
function inlinePage(payload) {
  const json = JSON.stringify(payload).replace(/</g, '\\u003c');
  return CHART_HTML.replace('<div id="chart-root"></div>', `<div id="chart-root"></div>\n    <script type="application/json" id="ev-chart">${json}</script>`);
}

async function open(query, { width = 1100, inline = null } = {}) {
  const page = await browser.context.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  if (inline) {
    await page.route('**/chart-inline.html*', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: inlinePage(inline) }));
  }
  await page.setViewportSize({ width, height: 900 });
  await page.goto(base + query);
  const ready = await page.evaluate(() => window.evChart.ready);
  return { page, problems, ready };
}

const tableRows = (page) => page.evaluate(() => [...document.querySelectorAll('.ev-chart table tbody tr')].map((tr) => ({
  mark: tr.dataset.mark,
  cells: [...tr.children].map((c) => ({ text: c.textContent, value: c.dataset.value === undefined ? null : Number(c.dataset.value) })),
})));
const csp = (page) => page.evaluate(() => window.__csp);
const near = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

test('?d=: every view of the example drawn, the table equal to aggregates of the dataset', async () => {
  const { page, problems, ready } = await open('chart.html?d=examples/ev-story.chart.json');
  assert.deepEqual(ready, { ok: true });
  assert.deepEqual(await page.evaluate(() => window.evChart.views()), EXAMPLE.views.map((v) => v.id));
  assert.equal(await page.locator('[role="tab"]').count(), EXAMPLE.views.length);

  // line: CAAM production and sales, one row per year
  let rows = await tableRows(page);
  for (const id of ['caam_nev_production', 'caam_nev_sales']) {
    const label = id === 'caam_nev_production' ? 'Production' : 'Sales';
    const want = STORY.series_points.filter((r) => r.series_id === id).sort((a, b) => a.year - b.year);
    const got = rows.filter((r) => r.cells[1].text === label);
    assert.deepEqual(got.map((r) => Number(r.cells[0].text)), want.map((r) => r.year), label);
    assert.deepEqual(got.map((r) => r.cells[2].value), want.map((r) => r.value), label);
  }
  assert.ok((await page.evaluate(() => window.evChart.marks())).length === rows.length);

  // line + trend: the sales rows from 2020, then the projected rows with their interval
  await page.evaluate(() => window.evChart.show('nev-trend'));
  rows = await tableRows(page);
  const sales = STORY.series_points.filter((r) => r.series_id === 'caam_nev_sales' && r.year >= 2020).sort((a, b) => a.year - b.year);
  const last = sales.at(-1).year;
  assert.deepEqual(rows.slice(0, sales.length).map((r) => [Number(r.cells[0].text), r.cells[1].value]), sales.map((r) => [r.year, r.value]));
  const projected = rows.slice(sales.length);
  assert.deepEqual(projected.map((r) => r.cells[0].text), [1, 2, 3].map((k) => `${last + k} (projected)`));
  assert.ok(projected.every((r) => r.cells[1].value > 0 && /\d to \d/.test(r.cells[2].text)));
  assert.match(await page.locator('.ev-chart .graphic-finding').textContent(), /Trend projections, not forecasts/);

  // hbar: sum of usd_bn by country, largest first; a country with no figure is an empty row, last
  await page.evaluate(() => window.evChart.show('projects-by-country'));
  rows = await tableRows(page);
  const sumOf = (c) => {
    const vals = STORY.projects.filter((p) => p.country === c && p.usd_bn !== null).map((p) => p.usd_bn);
    return vals.length ? vals.reduce((a, b) => a + b, 0) : -Infinity;
  };
  const countries = [...new Set(STORY.projects.map((p) => p.country))].sort().sort((a, b) => (sumOf(b) - sumOf(a)) || 0);
  assert.deepEqual(rows.map((r) => r.cells[0].text), countries);
  for (const r of rows) {
    const vals = STORY.projects.filter((p) => p.country === r.cells[0].text && p.usd_bn !== null).map((p) => p.usd_bn);
    if (vals.length === 0) assert.equal(r.cells[1].value, null, r.cells[0].text);
    else assert.ok(near(r.cells[1].value, vals.reduce((a, b) => a + b, 0)), r.cells[0].text);
  }

  // bar + count by year and region
  await page.evaluate(() => window.evChart.show('projects-by-year'));
  rows = await tableRows(page);
  const drawn = rows.filter((r) => r.cells[2].value !== null);
  for (const r of drawn) {
    const n = STORY.projects.filter((p) => String(p.year_announced) === r.cells[0].text && p.region === r.cells[1].text).length;
    assert.equal(r.cells[2].value, n, `${r.cells[0].text} ${r.cells[1].text}`);
  }
  const groups = new Set(STORY.projects.filter((p) => p.year_announced !== null).map((p) => `${p.year_announced}/${p.region}`));
  assert.equal(drawn.length, groups.size);

  // point: each project with a year and a US$ figure
  await page.evaluate(() => window.evChart.show('projects-scatter'));
  rows = await tableRows(page);
  const pts = STORY.projects.filter((p) => p.year_announced !== null);
  assert.equal(rows.length, pts.length);
  assert.equal(rows.filter((r) => r.cells[1].value !== null).length, pts.filter((p) => p.usd_bn !== null).length);
  await page.waitForFunction(() => /view=projects-scatter/.test(location.search));
  assert.match(page.url(), /d=examples%2Fev-story\.chart\.json/);

  // map: a circle per host country (world-atlas shapes loaded on first show), the sum by iso3
  await page.evaluate(() => window.evChart.show('projects-map'));
  await page.waitForFunction(() => window.evChart.model().panels[0].ready === true);
  rows = await tableRows(page);
  const iso = [...new Set(STORY.projects.map((p) => p.iso3).filter(Boolean))];
  assert.equal(rows.length, iso.length);
  for (const r of rows) {
    const code = /\(([A-Z]{3})\)$/.exec(r.cells[0].text)[1];
    const vals = STORY.projects.filter((p) => p.iso3 === code && p.usd_bn !== null).map((p) => p.usd_bn);
    if (vals.length === 0) assert.equal(r.cells[1].value, null, code);
    else assert.ok(near(r.cells[1].value, vals.reduce((a, b) => a + b, 0)), code);
  }
  assert.equal((await page.evaluate(() => window.evChart.marks())).filter((m) => m.kind === 'circle').length, iso.length);
  assert.deepEqual(await csp(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the URL reopens a view with a series hidden and the language; the language switch redraws in Chinese', async () => {
  const { page, problems } = await open('chart.html?d=examples/ev-story.chart.json&view=projects-by-year&hide=s0&lang=zh');
  const state = await page.evaluate(() => window.evChart.state());
  assert.equal(state.view, 'projects-by-year');
  assert.deepEqual(state.views['projects-by-year'].hidden, ['s0']);
  assert.equal(state.locale, 'zh');
  assert.equal(await page.locator('.ev-chart h2').textContent(), '每年宣布的海外项目');
  assert.equal(await page.locator('.ev-chart .legend [aria-pressed="false"]').count(), 1);
  assert.ok((await tableRows(page)).every((r) => r.cells[1].text !== 'Europe'), 'the hidden series is not drawn');
  await page.locator('.lang-switch button[data-lang="en"]').click();
  await page.waitForFunction(() => document.querySelector('.ev-chart h2').textContent === 'Overseas projects announced each year');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  // the URL is written at most every 300 ms (ui/share-url.js): wait for it, then check
  await page.waitForFunction(() => !/lang=/.test(location.search), null, { timeout: 5000 });
  assert.doesNotMatch(page.url(), /lang=/);
  await page.locator('.lang-switch button[data-lang="zh"]').click();
  await page.waitForFunction(() => /lang=zh/.test(location.search));
  assert.match(await page.locator('.ev-chart .graphic-finding').textContent(), /^最高：/);
  assert.deepEqual(await csp(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard: focus on the chart, arrows move through the marks and each is announced', async () => {
  const { page, problems } = await open('chart.html?d=examples/ev-story.chart.json&view=projects-by-country');
  await page.locator('.ev-chart canvas[role="application"]').focus();
  const marks = await page.evaluate(() => window.evChart.marks());
  const model = await page.evaluate(() => window.evChart.model().marks.map((m) => [m.categoryText, m.valueText]));
  const seen = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press(i === 0 ? 'Home' : 'ArrowDown');
    seen.push(await page.locator('.ev-chart [aria-live="polite"]').textContent());
  }
  assert.equal(marks.length, model.length);
  assert.match(seen[0], new RegExp(`^${model[0][0]}`));
  assert.ok(seen[0].includes(model[0][1]), seen[0]);
  assert.notEqual(seen[1], seen[0]);
  assert.equal(await page.locator('.ev-chart .tooltip').isVisible(), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('inline block: the description and its data in the page; #c= link; both drawn', async () => {
  const data = { data: [{ k: 'a', v: 3 }, { k: 'b', v: 5 }, { k: 'c', v: null }, { k: '</script><img src=x onerror=alert(1)>', v: 1 }] };
  const description = {
    format: 'ev-chart/1', locales: ['en', 'pt-BR'], title: { en: 'Inline', 'pt-BR': 'Embutido' },
    views: [{ id: 'v', title: { en: 'Bars', 'pt-BR': 'Barras' }, table: 'data', mark: 'bar', x: { column: 'k' }, y: { column: 'v' } }],
  };
  const { page, problems, ready } = await open('chart-inline.html', { inline: { description, data } });
  assert.deepEqual(ready, { ok: true });
  const rows = await tableRows(page);
  assert.deepEqual(rows.map((r) => [r.cells[0].text, r.cells[1].value]), [['</script><img src=x onerror=alert(1)>', 1], ['a', 3], ['b', 5], ['c', null]]);
  assert.equal(await page.locator('.ev-chart img').count(), 0, 'data text is never markup');
  await page.locator('.lang-switch button[data-lang="pt-BR"]').click();
  await page.waitForFunction(() => document.querySelector('.ev-chart h2').textContent === 'Barras');
  assert.equal(await page.locator('.ev-chart summary').textContent(), 'The numbers', 'UI copy beyond en/zh falls back to English');
  await page.close();

  const value = await encodeChartLink({ description, data });
  const linked = await open(`chart.html${chartLinkHash(value)}`);
  assert.deepEqual(linked.ready, { ok: true });
  assert.equal((await tableRows(linked.page)).length, 4);
  assert.match(linked.page.url(), /#c=/, 'the fragment stays');
  assert.deepEqual(await csp(linked.page), []);
  assert.deepEqual([...problems, ...linked.problems], []);
  await linked.page.close();

  // a link without data: the description's dataset.url, resolved against the page
  const byUrl = await encodeChartLink({ description: { ...EXAMPLE, dataset: { url: 'build/ev_story.json' } } }, { maxBytes: 0 });
  const noData = await open(`chart.html?view=projects-by-country${chartLinkHash(byUrl)}`);
  assert.deepEqual(noData.ready, { ok: true });
  assert.equal((await tableRows(noData.page)).length, new Set(STORY.projects.map((p) => p.country)).size);
  assert.deepEqual(noData.problems, []);
  await noData.page.close();
});

test('tabs: a view\'s tab label in the reader\'s language (the default\'s when it has none), else the view title', async () => {
  const data = { data: [{ k: 'a', v: 3 }, { k: 'b', v: 5 }] };
  const view = { table: 'data', mark: 'bar', x: { column: 'k' }, y: { column: 'v' } };
  const description = {
    format: 'ev-chart/1', locales: ['en', 'pt-BR'], title: 'Tabs',
    views: [
      { id: 'a', title: { en: 'Values by key, as bars', 'pt-BR': 'Valores por chave' }, tab: { en: 'Bars', 'pt-BR': 'Barras' }, ...view },
      { id: 'b', title: { en: 'The same values, horizontal', 'pt-BR': 'Os mesmos valores' }, ...view, mark: 'hbar' },
      { id: 'c', title: { en: 'Once more', 'pt-BR': 'Mais uma vez' }, tab: 'Again', ...view },
    ],
  };
  const { page, problems, ready } = await open('chart-inline.html', { inline: { description, data } });
  assert.deepEqual(ready, { ok: true });
  const tabs = page.locator('.ev-chart [role="tab"]');
  assert.equal(await tabs.first().isVisible(), true);
  assert.deepEqual(await tabs.allTextContents(), ['Bars', 'The same values, horizontal', 'Again']);
  assert.equal(await page.locator('.ev-chart h2').textContent(), 'Values by key, as bars', 'the title stays the chart\'s heading');
  await page.locator('.lang-switch button[data-lang="pt-BR"]').click();
  await page.waitForFunction(() => document.querySelector('.ev-chart h2').textContent === 'Valores por chave');
  assert.deepEqual(await tabs.allTextContents(), ['Barras', 'Os mesmos valores', 'Again']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad description shows what and where; a later bad update keeps the last good chart; other sites are refused', async () => {
  const data = { data: [{ k: 'a', v: 3 }] };
  const bad = { format: 'ev-chart/1', locales: ['en'], title: 'T', views: [{ id: 'v', title: 'V', table: 'data', mark: 'pie', x: { column: 'k' }, y: { column: 'v' } }] };
  const first = await open('chart-inline.html', { inline: { description: bad, data } });
  assert.equal(first.ready.ok, false);
  assert.match(await first.page.locator('#chart-status').textContent(), /views\[0\]\.mark: unknown mark 'pie'/);
  const good = { ...bad, views: [{ ...bad.views[0], mark: 'bar' }] };
  assert.deepEqual(await first.page.evaluate((d) => window.evChart.load({ description: d }), good), { ok: true });
  assert.equal(await first.page.locator('#chart-status').textContent(), '');
  const before = await first.page.evaluate(() => [window.evChart.model().marks.map((m) => m.value), document.querySelector('.ev-chart canvas[role="application"]').toDataURL()]);
  const r = await first.page.evaluate((d) => window.evChart.load({ description: d }), { ...good, views: [{ ...good.views[0], y: { column: 'nope' } }] });
  assert.equal(r.ok, false);
  assert.match(await first.page.locator('#chart-status').textContent(), /nope/);
  const afterBad = await first.page.evaluate(() => [window.evChart.model().marks.map((m) => m.value), document.querySelector('.ev-chart canvas[role="application"]').toDataURL()]);
  assert.deepEqual(afterBad, before, 'the last good chart stays, pixel for pixel');
  assert.deepEqual(first.problems, []);
  await first.page.close();

  const foreign = await open('chart.html?d=https://example.org/chart.json');
  assert.equal(foreign.ready.ok, false);
  assert.match(await foreign.page.locator('#chart-status').textContent(), /https:\/\/example\.org\/chart\.json is on another site/);
  await foreign.page.close();
  const remote = await open('chart-inline.html', { inline: { description: { ...good, dataset: { url: 'https://example.org/data.json' } } } });
  assert.equal(remote.ready.ok, false);
  assert.match(await remote.page.locator('#chart-status').textContent(), /https:\/\/example\.org\/data\.json is on another site/);
  await remote.page.close();
  const notJson = await open('chart.html?d=styles.css');
  assert.equal(notJson.ready.ok, false);
  assert.match(await notJson.page.locator('#chart-status').textContent(), /^Could not draw the chart: styles\.css: /);
  await notJson.page.close();
  const none = await open('chart.html');
  assert.match(await none.page.locator('#chart-status').textContent(), /no chart description/);
  await none.page.close();
});

test('the story shell (app/graphic.js) takes a view source: the description\'s views drawn in index.html', async () => {
  const page = await browser.context.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.route('**/source-page.html*', (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: INDEX_HTML.replace('src="main.js"', 'src="source-main.js"') }));
  await page.route('**/source-main.js', (r) => r.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: SOURCE_MAIN }));
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`${base}source-page.html?view=projects-by-country`);
  await page.waitForFunction(() => window.evGraphic, null, { timeout: 10000 }).catch((e) => { throw new Error(`${e.message}: ${problems.join('; ')}`); });
  assert.deepEqual(await page.evaluate(() => window.evGraphic.ready), { ok: true });
  assert.deepEqual(await page.evaluate(() => window.evGraphic.views), EXAMPLE.views.map((v) => v.id));
  assert.equal(await page.locator('#view-tabs [role="tab"]').count(), EXAMPLE.views.length);
  assert.equal(await page.locator('#chart-title').textContent(), 'Announced overseas projects by host country');
  const rows = await page.evaluate(() => [...document.querySelectorAll('#chart-table tbody tr')].map((tr) => [tr.children[0].textContent, tr.children[1].dataset.value ?? null]));
  for (const [country, value] of rows) {
    const vals = STORY.projects.filter((p) => p.country === country && p.usd_bn !== null).map((p) => p.usd_bn);
    if (vals.length === 0) assert.equal(value, null, country);
    else assert.ok(near(Number(value), vals.reduce((a, b) => a + b, 0)), country);
  }
  await page.evaluate(() => window.evGraphic.setLanguage('zh'));
  assert.equal(await page.locator('#chart-title').textContent(), '按东道国分的海外项目');
  await page.evaluate(() => window.evGraphic.show('nev-output'));
  assert.match(await page.locator('#chart-sources').textContent(), /CAAM/);
  assert.equal(await page.locator('#chart-sources a').count(), 1);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a long line is decimated for the canvas width, and again when the width changes', async () => {
  const data = { data: Array.from({ length: 20000 }, (_, i) => ({ t: i, v: Math.round(1000 * Math.sin(i / 300)) + (i % 13) })) };
  const description = {
    format: 'ev-chart/1', locales: ['en'], title: 'Long',
    views: [{ id: 'long', title: 'A long line', table: 'data', mark: 'line', x: { column: 't' }, y: { column: 'v' } }],
  };
  const { page, problems, ready } = await open('chart-inline.html', { inline: { description, data }, width: 1100 });
  assert.deepEqual(ready, { ok: true });
  const count = () => page.evaluate(() => window.evChart.model().marks.length);
  const wide = await count();
  assert.ok(wide < 20000 && wide > 0, `${wide} points at 1100 px`);
  assert.match(await page.locator('.ev-chart .notes').textContent(), /20,000 points, drawn from the [\d,]+ the engine keeps/);
  await page.setViewportSize({ width: 375, height: 900 });
  await page.waitForFunction((n) => window.evChart.model().marks.length < n, wide);
  const narrow = await count();
  assert.ok(narrow < wide, `${narrow} points at 375 px < ${wide}`);
  const values = await page.evaluate(() => window.evChart.model().marks.filter((m) => !m.empty).map((m) => [m.x, m.value]));
  for (const [x, v] of values) assert.equal(v, data.data[x].v, `x ${x}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('screenshots at desktop and 375 px: no sideways scroll on a phone', async () => {
  for (const [width, name] of [[1100, 'desktop'], [375, 'phone']]) {
    for (const view of EXAMPLE.views.map((v) => v.id)) {
      const { page, problems } = await open(`chart.html?d=examples/ev-story.chart.json&view=${view}`, { width });
      await page.screenshot({ path: path.join(ARTIFACTS, `chart-${view}-${name}.png`), fullPage: true });
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(sideways <= 0, `${view} at ${width}px scrolls sideways by ${sideways}px`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
});
