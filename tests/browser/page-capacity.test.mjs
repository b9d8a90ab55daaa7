// View 2 in Chromium: spare capacity (utilisation bars) next to CAAM NEV
// production and sales (lines; linear or log; years selectable).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  canvasPixels, countColour, engineQuery, layoutProblems, live, marks, rgb, screenshot, settle, show, startHarness, table,
  THEMES, tooltip,
} from './helpers/page-harness.mjs';

const L = THEMES.light;
const PROD = 'caam_nev_production';
const SALES = 'caam_nev_sales';
let h;

before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const near = (ms, m, r = 4) => ({ x: m.x + m.w / 2 - r, y: m.y + m.h / 2 - r, w: 2 * r, h: 2 * r });

test('capacity: utilisation bars and both lines drawn; hover shows both series at the year with a crosshair', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'capacity');
  const ms = await marks(page);
  const util = ms.filter((m) => m.panel === 'util');
  // the general renderer's ids: panel/series key (the panel id, no series)/x value
  assert.deepEqual(util.map((m) => m.id), ['util/util/EV assembly', 'util/util/battery']);
  for (const m of util) assert.ok(await countColour(page, m, rgb(L.series[2])) > 50, `${m.id} drawn`);
  assert.ok(util[0].w > util[1].w, '49% is longer than 36.5%');
  const p23 = ms.find((m) => m.id === `lines/${PROD}/2023`);
  assert.ok(await countColour(page, near(ms, p23, 5), rgb(L.series[0]), 30) + await countColour(page, near(ms, p23, 5), rgb(L.series[1]), 30) > 3,
    'a line passes through the 2023 point');
  const before = await canvasPixels(page);
  await page.mouse.move(p23.px, p23.py);
  const t = await tooltip(page);
  assert.match(t.text, /^2023/);
  const want = await engineQuery(page, async (engine, ds) => engine.query(ds.table('series_points'), {
    filters: [{ column: 'series_id', in: ['caam_nev_production', 'caam_nev_sales'] }, { column: 'year', eq: 2023 }],
  }).rows());
  assert.deepEqual(t.rows, [
    ['Production', `${want.find((r) => r.series_id === PROD).value.toLocaleString('en-GB')} vehicles`],
    ['Sales', `${want.find((r) => r.series_id === SALES).value.toLocaleString('en-GB')} vehicles`],
  ]);
  assert.notEqual(await canvasPixels(page), before, 'the crosshair and rings are drawn');
  await screenshot(page, 'capacity-1200-en-hover');
  const u = util[1];
  await page.mouse.move(u.px, u.py);
  assert.equal((await tooltip(page)).num, '36.5%');
  assert.deepEqual(problems, []);
  await page.close();
});

test('capacity: the log scale and the year range recompute through the engine', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'capacity');
  const lin = await marks(page);
  await page.getByRole('button', { name: 'Logarithmic', exact: true }).click();
  await settle(page);
  assert.equal(await page.getByRole('button', { name: 'Logarithmic', exact: true }).getAttribute('aria-pressed'), 'true');
  const log = await marks(page);
  const y = (ms, id) => ms.find((m) => m.id === id).y;
  assert.ok(y(log, `lines/${PROD}/2015`) < y(lin, `lines/${PROD}/2015`) - 20, 'small values rise on the log scale');
  assert.match(await page.locator('#chart-notes').textContent(), /tenfold/);
  await screenshot(page, 'capacity-1200-en-log');

  const from = page.locator('input[type="range"][data-end="from"]');
  await from.focus();
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  await settle(page);
  assert.equal(await from.getAttribute('aria-valuetext'), '2018');
  const ranged = await marks(page);
  const years = [...new Set(ranged.filter((m) => m.panel === 'lines').map((m) => Number(m.period)))];
  const want = await engineQuery(page, async (engine, ds) => engine.query(ds.table('series_points'), {
    filters: [{ column: 'series_id', eq: 'caam_nev_production' }, { column: 'year', range: [2018, null] }], sort: [{ column: 'year' }],
  }).rows().map((r) => r.year));
  assert.deepEqual(years, want);
  const rows = await table(page);
  assert.equal(rows.filter((r) => r.mark.startsWith('lines/')).length, 2 * want.length, 'the table follows the range');
  assert.match(await page.locator('#chart-finding').textContent(), /in 2018 to 16\.6m in 2025/);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('from') === '2018'); // the URL is written debounced
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('from'), '2018');
  assert.equal(url.searchParams.get('scale'), 'log');

  const sales = page.locator('#chart-legend button', { hasText: 'Sales' });
  await sales.click();
  await settle(page);
  assert.ok(!(await marks(page)).some((m) => m.key === SALES));
  assert.equal(await sales.getAttribute('aria-pressed'), 'false');
  assert.deepEqual(problems, []);
  await page.close();
});

test('capacity: a link reopens the exact view; arrow keys walk a line and switch series', async () => {
  const { page, problems } = await h.open({ width: 1200, query: '?view=capacity&scale=log&from=2020&to=2024' });
  assert.equal(await page.locator('#tab-capacity').getAttribute('aria-selected'), 'true');
  assert.equal(await page.getByRole('button', { name: 'Logarithmic', exact: true }).getAttribute('aria-pressed'), 'true');
  await page.focus('#chart-canvas');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  assert.match(await live(page), /^Production, 2020\. 1,366,000 vehicles\./);
  await page.keyboard.press('ArrowRight');
  assert.match(await live(page), /^Production, 2021\. 3,545,000 vehicles\./);
  await page.keyboard.press('ArrowDown');
  assert.match(await live(page), /^Sales, 2021\. 3,521,000 vehicles\./);
  await page.keyboard.press('Home');
  // the y label and the segment's name from the dataset's names table
  assert.match(await live(page), /^Capacity in use, EV assembly\. 49%\./);
  assert.deepEqual(problems, []);
  await page.close();
});

test('capacity at phone and desktop widths, in English and Chinese', async () => {
  for (const [width, lang] of [[320, 'en'], [1200, 'en'], [320, 'zh'], [1200, 'zh']]) {
    const { page, problems } = await h.open({ width, lang });
    await show(page, 'capacity');
    assert.deepEqual(await layoutProblems(page), [], `${width} ${lang}`);
    if (lang === 'zh') {
      assert.match(await page.locator('#chart-legend').textContent(), /产量.*销量/);
      assert.equal(await page.getByRole('button', { name: '对数', exact: true }).count(), 1);
      const ms = await marks(page);
      const m = ms.find((x) => x.id === `lines/${PROD}/2025`);
      await page.mouse.move(m.px, m.py);
      assert.deepEqual((await tooltip(page)).rows[0], ['产量', '1662.6万辆']);
      await page.mouse.move(1, 1);
    }
    await screenshot(page, `capacity-${width}-${lang}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
