// studio.test.mjs — the studio (web/studio.html) in Chromium with real
// datasets nobody here wrote, from the npm package vega-datasets: cars,
// gapminder, penguins and flights-200k (through the worker). Each view is
// built through the page (its form or window.evStudio.edit, the same path),
// and the numbers the page shows (evStudio.viewData and the data table under
// the chart) are checked against aggregates computed here from the file in
// plain JS. Prints the time from dropping flights-200k to its first chart.
// Needs ./build.sh build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS, VEGA, close, groupBy, loadFile, mean, readVega, startStudio, tableRows,
} from './helpers/studio-harness.mjs';

let h;
before(async () => { h = await startStudio(); });
after(async () => { await h?.close(); });

const noProblems = async (page, problems) => {
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
};

test('cars: mean Miles_per_Gallon by Origin as bars, chosen in the form', async () => {
  const { page, problems } = await h.open();
  const r = await loadFile(page, path.join(VEGA, 'cars.json'));
  assert.equal(r.ok, true);
  assert.equal(r.rows, 406);
  // the summary: types and missing counts from the engine, checked here
  const cars = readVega('cars.json');
  const summary = await page.evaluate(() => window.evStudio.summary());
  const cols = Object.fromEntries(summary[0].columns.map((c) => [c.name, c]));
  for (const name of Object.keys(cars[0])) {
    const missing = cars.filter((c) => c[name] === null || c[name] === undefined).length;
    assert.equal(cols[name].missing, missing, `missing in ${name}`);
    assert.equal(cols[name].type, typeof cars.find((c) => c[name] != null)[name], `type of ${name}`);
  }
  assert.equal(cols.Miles_per_Gallon.missing, 8);
  assert.equal(summary[0].preview.rows[0][0], cars[0].Name);

  await page.selectOption('#mark', 'bar');
  await page.selectOption('#x', 'Origin');
  await page.selectOption('#y-aggregate', 'mean');
  await page.selectOption('#y', 'Miles_per_Gallon');
  await page.waitForFunction(() => window.evStudio.viewData()?.x === 'Origin' && window.evStudio.edited().views[0].y.column === 'Miles_per_Gallon');
  await page.waitForFunction(() => document.querySelectorAll('#chart-host table tbody tr').length === 3);
  const d = await page.evaluate(() => window.evStudio.description());
  assert.deepEqual(d.views[0].x, { column: 'Origin' });
  assert.deepEqual(d.views[0].y, { aggregate: 'mean', column: 'Miles_per_Gallon' });
  const want = [...groupBy(cars, (c) => c.Origin)].map(([k, rows]) => [k, mean(rows.map((c) => c.Miles_per_Gallon))]).sort();
  const got = (await page.evaluate(() => window.evStudio.viewData())).rows;
  assert.deepEqual(got.map((g) => g.x), want.map((w) => w[0]));
  got.forEach((g, i) => close(g.y, want[i][1], `mean mpg ${g.x}`));
  // the chart's own table shows the same numbers
  const shown = await tableRows(page);
  assert.deepEqual(shown.map((s) => s.cells[0]), want.map((w) => w[0]));
  shown.forEach((s, i) => close(s.values[0], want[i][1], `table mean mpg ${s.cells[0]}`));
  // the chart is drawn by the reader's renderer: three bars
  assert.equal(await page.evaluate(() => window.evStudio.chart().marks().length), 3);
  await page.screenshot({ path: path.join(ARTIFACTS, 'studio-cars.png'), fullPage: true });
  await noProblems(page, problems);
  await page.close();
});

test('gapminder: life_expect by year per country, a line filtered to three countries', async () => {
  const { page, problems } = await h.open();
  assert.equal((await loadFile(page, path.join(VEGA, 'gapminder.json'))).ok, true);
  const pick = ['China', 'India', 'Japan'];
  const res = await page.evaluate(() => window.evStudio.edit({
    mark: 'line', x: { column: 'year' }, y: { column: 'life_expect' }, series: { column: 'country' },
    filters: [{ column: 'country', in: ['China', 'India', 'Japan'] }],
  }));
  assert.equal(res.ok, true, res.error);
  const gap = readVega('gapminder.json');
  const want = gap.filter((g) => pick.includes(g.country))
    .sort((a, b) => a.year - b.year || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0))
    .map((g) => ({ x: g.year, series: g.country, y: g.life_expect }));
  const got = (await page.evaluate(() => window.evStudio.viewData())).rows;
  assert.equal(got.length, want.length);
  assert.deepEqual(got, want);
  // the same filter typed into the form gives the same description
  await page.evaluate(() => window.evStudio.edit({ filters: undefined }));
  await page.selectOption('#filter-column', 'country');
  await page.selectOption('#filter-kind', 'in');
  await page.fill('#filter-text', 'China, India, Japan');
  await page.click('#filter-add');
  await page.waitForFunction(() => window.evStudio.viewData()?.rows.length < 100);
  assert.deepEqual((await page.evaluate(() => window.evStudio.description())).views[0].filters, [{ column: 'country', in: pick }]);
  assert.deepEqual((await page.evaluate(() => window.evStudio.viewData())).rows, want);
  await noProblems(page, problems);
  await page.close();
});

test('penguins: count by Species (hbar); mean body mass by island and sex (a second view)', async () => {
  const { page, problems } = await h.open();
  assert.equal((await loadFile(page, path.join(VEGA, 'penguins.json'))).ok, true);
  const pen = readVega('penguins.json');
  let res = await page.evaluate(() => window.evStudio.edit({ mark: 'hbar', x: { column: 'Species' }, y: { aggregate: 'count' } }));
  assert.equal(res.ok, true, res.error);
  const counts = [...groupBy(pen, (p) => p.Species)].map(([k, rows]) => ({ x: k, series: null, y: rows.length })).sort((a, b) => (a.x < b.x ? -1 : 1));
  assert.deepEqual((await page.evaluate(() => window.evStudio.viewData())).rows, counts);
  assert.equal(counts.reduce((s, c) => s + c.y, 0), pen.length);

  await page.click('#view-add');
  await page.waitForFunction(() => window.evStudio.edited().views.length === 2);
  res = await page.evaluate(() => window.evStudio.edit({
    mark: 'bar', x: { column: 'Island' }, y: { column: 'Body Mass (g)', aggregate: 'mean' }, series: { column: 'Sex' },
  }));
  assert.equal(res.ok, true, res.error);
  const got = (await page.evaluate(() => window.evStudio.viewData())).rows;
  // the engine: groups sorted by x then series; a missing Sex is its own group, last
  const order = (v) => (v === null ? '\uffff' : v);
  const want = [...groupBy(pen, (p) => `${p.Island}\u0000${p.Sex}`)].map(([, rows]) => ({
    x: rows[0].Island, series: rows[0].Sex, y: mean(rows.map((p) => p['Body Mass (g)'])),
  })).sort((a, b) => (a.x < b.x ? -1 : a.x > b.x ? 1 : order(a.series) < order(b.series) ? -1 : 1));
  assert.deepEqual(got.map((g) => [g.x, g.series]), want.map((w) => [w.x, w.series]));
  got.forEach((g, i) => {
    if (Number.isNaN(want[i].y)) assert.equal(g.y, null, `${g.x}/${g.series}: no body mass, no value`);
    else close(g.y, want[i].y, `mean body mass ${g.x}/${g.series}`);
  });
  assert.ok(got.some((g) => g.series === null), 'the penguins with no recorded sex form their own group');
  // both views are in the description, as tabs
  const d = await page.evaluate(() => window.evStudio.description());
  assert.deepEqual(d.views.map((v) => v.mark), ['hbar', 'bar']);
  assert.deepEqual(await page.$$eval('#view-tabs [role="tab"]', (ts) => ts.map((t) => t.getAttribute('aria-selected'))), ['false', 'true']);
  await noProblems(page, problems);
  await page.close();
});

test('flights-200k: dropped on the page, read in the worker, mean delay by time of day', async () => {
  const { page, problems } = await h.open();
  const flights = readVega('flights-200k.json');
  // a real drop of the file on the drop zone; the clock starts at the drop
  const t = await page.evaluate(async () => {
    const blob = await (await fetch('/vega/flights-200k.json')).blob();
    const file = new File([blob], 'flights-200k.json', { type: 'application/json' });
    const dt = new DataTransfer();
    dt.items.add(file);
    const t0 = performance.now();
    document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    return t0;
  });
  await page.waitForFunction(() => window.evStudio.lastResult() !== null && !window.evStudio.busy(), null, { timeout: 180000, polling: 20 });
  const r = await page.evaluate(() => window.evStudio.lastResult());
  assert.equal(r.ok, true, r.message);
  assert.equal(r.via, 'worker');
  assert.equal(r.rows, flights.length);
  assert.ok((await page.evaluate(() => window.evStudio.progress())).length >= 1, 'progress was reported');
  const timing = await page.evaluate(() => window.evStudio.timing());
  assert.ok(Number.isFinite(timing.firstChart), 'a first chart was drawn');
  console.log(`# flights-200k (${(fs.statSync(path.join(VEGA, 'flights-200k.json')).size / 1e6).toFixed(1)} MB, ${flights.length} rows): drop → first chart ${(timing.firstChart - t).toFixed(0)} ms (worker ingest ${r.workerMs == null ? '?' : r.workerMs.toFixed(0)} ms, load ${r.ms.toFixed(0)} ms)`);

  const res = await page.evaluate(() => window.evStudio.edit({ mark: 'line', x: { column: 'time' }, y: { column: 'delay', aggregate: 'mean' } }));
  assert.equal(res.ok, true, res.error);
  const got = (await page.evaluate(() => window.evStudio.viewData())).rows;
  const want = [...groupBy(flights, (f) => f.time)].map(([k, rows]) => [k, mean(rows.map((f) => f.delay))]).sort((a, b) => a[0] - b[0]);
  assert.equal(got.length, want.length);
  got.forEach((g, i) => {
    assert.equal(g.x, want[i][0]);
    close(g.y, want[i][1], `mean delay at ${g.x}`);
  });
  await page.screenshot({ path: path.join(ARTIFACTS, 'studio-flights.png'), fullPage: false });
  await noProblems(page, problems);
  await page.close();
});

test('gapminder: a derived series chosen in the form, change in mean life expectancy every 5 years', async () => {
  const { page, problems } = await h.open();
  assert.equal((await loadFile(page, path.join(VEGA, 'gapminder.json'))).ok, true);
  await page.selectOption('#mark', 'line');
  await page.selectOption('#x', 'year');
  await page.selectOption('#y-aggregate', 'mean');
  await page.selectOption('#y', 'life_expect');
  await page.fill('#derive-step', '5');
  await page.selectOption('#derive', 'change');
  await page.waitForFunction(() => window.evStudio.viewData()?.y === 'change_life_expect');
  const d = await page.evaluate(() => window.evStudio.description());
  assert.deepEqual(d.views[0].derive, [{ op: 'change', column: 'life_expect', as: 'change_life_expect', order: 'year', step: 5 }]);
  const gap = readVega('gapminder.json');
  const means = [...groupBy(gap, (g) => g.year)].map(([y, rows]) => [y, mean(rows.map((g) => g.life_expect))]).sort((a, b) => a[0] - b[0]);
  const byYear = new Map(means);
  const got = (await page.evaluate(() => window.evStudio.viewData())).rows;
  assert.deepEqual(got.map((g) => g.x), means.map((m) => m[0]));
  for (const g of got) {
    const prev = byYear.get(g.x - 5);
    if (prev === undefined) assert.equal(g.y, null, `${g.x}: no year before, no change`);
    // a difference of two means near 70: a few ulps of each
    else assert.ok(Math.abs(g.y - (byYear.get(g.x) - prev)) <= 1e-12, `${g.x}: page ${g.y}, test ${byYear.get(g.x) - prev}`);
  }
  // and back to the plain mean
  await page.selectOption('#derive', '');
  await page.waitForFunction(() => window.evStudio.viewData()?.y === 'life_expect');
  assert.equal(Object.hasOwn((await page.evaluate(() => window.evStudio.description())).views[0], 'derive'), false);
  await noProblems(page, problems);
  await page.close();
});

test('flights-200k by address: too big for a link, so the links carry dataset.url and reopen the chart from it', async () => {
  const { page, problems } = await h.open();
  const r = await page.evaluate(() => window.evStudio.loadUrl('vega/flights-200k.json'));
  assert.equal(r.ok, true, r.message);
  assert.equal((await page.evaluate(() => window.evStudio.edit({ mark: 'line', x: { column: 'time' }, y: { column: 'delay', aggregate: 'mean' } }))).ok, true);
  const rows = await page.evaluate(() => window.evStudio.viewData().rows);
  const links = await page.evaluate(() => window.evStudio.links());
  assert.equal(links.hasData, false);
  assert.deepEqual(links.description.dataset, { url: 'vega/flights-200k.json' });
  await page.click('#make-links');
  await page.waitForFunction(() => /too large for a link; the links load it from vega\/flights-200k\.json/.test(document.getElementById('link-help').textContent));
  const { page: p2, problems: p2problems } = await h.open({ hash: links.studio.slice(links.studio.indexOf('#')) });
  await p2.waitForFunction(() => window.evStudio.viewData() !== null, null, { timeout: 60000 });
  assert.deepEqual(await p2.evaluate(() => window.evStudio.viewData().rows), rows);
  assert.deepEqual(p2problems, []);
  await p2.close();
  await noProblems(page, problems);
  await page.close();
});

test('gapminder: trend projection and log scale chosen in the form reach the description and the chart', async () => {
  const { page, problems } = await h.open();
  assert.equal((await loadFile(page, path.join(VEGA, 'gapminder.json'))).ok, true);
  assert.equal((await page.evaluate(() => window.evStudio.edit({ mark: 'line', x: { column: 'year' }, y: { column: 'life_expect', aggregate: 'mean' } }))).ok, true);
  await page.fill('#trend-horizon', '3');
  await page.selectOption('#trend', 'linear');
  await page.waitForFunction(() => window.evStudio.description().views[0].trend?.horizon === 3);
  assert.deepEqual((await page.evaluate(() => window.evStudio.description())).views[0].trend, { method: 'linear', horizon: 3 });
  await page.waitForFunction(() => document.querySelectorAll('#chart-host table tbody tr.projected').length === 3);
  // the drawn rows are the data's own means; the projected rows are marked as such
  const gap = readVega('gapminder.json');
  const years = [...new Set(gap.map((g) => g.year))].sort((a, b) => a - b);
  assert.equal(await page.evaluate(() => document.querySelectorAll('#chart-host table tbody tr:not(.projected)').length), years.length);
  await page.check('#log');
  await page.waitForFunction(() => window.evStudio.description().views[0].y.scale === 'log');
  await page.waitForFunction(() => window.evStudio.chart().state().views['view-1'].scale === 'log');
  await page.uncheck('#log');
  await page.waitForFunction(() => window.evStudio.chart().state().views['view-1'].scale !== 'log');
  assert.equal(Object.hasOwn((await page.evaluate(() => window.evStudio.description())).views[0].y, 'scale'), false);
  await noProblems(page, problems);
  await page.close();
});

test('the chart shows no view tabs or language switch of its own: the studio\'s drive it', async () => {
  const { page, problems } = await h.open();
  assert.equal((await loadFile(page, path.join(VEGA, 'penguins.json'))).ok, true);
  await page.evaluate(() => window.evStudio.edit({ mark: 'hbar', x: { column: 'Species' }, title: { en: 'Penguins', zh: '企鹅' } }));
  await page.click('#view-add');
  await page.waitForFunction(() => window.evStudio.edited().views.length === 2);
  const e = await page.evaluate(() => window.evStudio.edit({ mark: 'bar', x: { column: 'Island' }, title: { en: 'Islands', zh: '岛屿' } }));
  assert.equal(e.ok, true, e.error);
  // the mount builds them (chart.html shows them); here they are not shown,
  // not focusable and not in the accessibility tree
  const hidden = await page.evaluate(() => {
    const host = document.getElementById('chart-host');
    const els = [host.querySelector('.ev-chart .lang-switch'), host.querySelector('.ev-chart > [role="tablist"]')];
    return els.map((el) => (el ? getComputedStyle(el).display : 'absent'));
  });
  assert.deepEqual(hidden, ['none', 'none']);
  const visibleTabs = await page.evaluate(() => [...document.querySelectorAll('[role="tab"]')].filter((t) => t.getClientRects().length > 0).map((t) => t.id));
  assert.deepEqual(visibleTabs, ['view-tab-0', 'view-tab-1'], 'one row of view tabs: the studio\'s');
  // the studio's view tabs choose the chart's view
  await page.click('#view-tab-0');
  await page.waitForFunction(() => window.evStudio.chart().model().title === 'Penguins');
  await page.click('#view-tab-1');
  await page.waitForFunction(() => window.evStudio.chart().model().title === 'Islands');
  // the studio's language choice sets the chart's, and the form's texts follow
  await page.selectOption('#locale', 'zh');
  await page.waitForFunction(() => window.evStudio.chart().model().title === '岛屿');
  assert.equal(await page.inputValue('#view-title'), '岛屿');
  await page.selectOption('#locale', 'en');
  await page.waitForFunction(() => window.evStudio.chart().model().title === 'Islands');
  assert.equal(await page.inputValue('#view-title'), 'Islands');
  await page.locator('.build').screenshot({ path: path.join(ARTIFACTS, 'studio-no-chart-tabs.png') });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.locator('#chart-host').screenshot({ path: path.join(ARTIFACTS, 'studio-no-chart-tabs-375.png') });
  await noProblems(page, problems);
  await page.close();
});

test('penguins: share of each species on each island, a derived series of the count, chosen in the form', async () => {
  const { page, problems } = await h.open();
  assert.equal((await loadFile(page, path.join(VEGA, 'penguins.json'))).ok, true);
  await page.selectOption('#x', 'Island');
  await page.selectOption('#series', 'Species');
  await page.selectOption('#derive', 'share');
  await page.waitForFunction(() => window.evStudio.viewData()?.y === 'share_count');
  const d = (await page.evaluate(() => window.evStudio.description())).views[0];
  assert.deepEqual(d.y, { aggregate: 'count', column: 'share_count' });
  assert.deepEqual(d.derive, [{ op: 'share', column: 'count', as: 'share_count', by: ['Island'] }]);
  const pen = readVega('penguins.json');
  const got = (await page.evaluate(() => window.evStudio.viewData())).rows;
  for (const g of got) {
    const onIsland = pen.filter((p) => p.Island === g.x);
    close(g.y, onIsland.filter((p) => p.Species === g.series).length / onIsland.length, `share of ${g.series} on ${g.x}`);
  }
  assert.equal(got.length, new Set(pen.map((p) => `${p.Island}/${p.Species}`)).size);
  await noProblems(page, problems);
  await page.close();
});
