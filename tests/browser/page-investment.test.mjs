// View 1 in Chromium: investment at home and abroad (US$bn and share).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  canvasPixels, countColour, engineQuery, layoutProblems, live, marks, rgb, screenshot, settle, show, startHarness, table,
  THEMES, tooltip,
} from './helpers/page-harness.mjs';

const L = THEMES.light;
const COLOUR = { total: rgb(L.neutral), domestic: rgb(L.series[0]), overseas: rgb(L.series[1]) };
const S = 'rhodium_2025_zev_supply_chain';
let h;

before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const find = (ms, id) => ms.find((m) => m.id === id);

test('investment: bars in their colours, gaps empty, approximate hatched, legend and sources', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'investment');
  const ms = await marks(page);
  assert.deepEqual(ms.map((m) => m.id), ['bars/total/2021-2022', 'bars/domestic/2022', 'bars/overseas/2022', 'bars/domestic/2023',
    'bars/overseas/2023', 'bars/domestic/2024', 'bars/overseas/2024']);
  for (const m of ms.filter((x) => !x.empty)) assert.ok(await countColour(page, m, COLOUR[m.key]) > 20, `${m.id} drawn in its colour`);
  const solid = find(ms, 'bars/domestic/2023');
  const inner = { x: solid.x + 2, y: solid.y + 2, w: solid.w - 4, h: solid.h - 4 };
  assert.ok(await countColour(page, inner, COLOUR.domestic, 2) > inner.w * inner.h * 0.95, 'exact value: solid');
  const hatched = find(ms, 'bars/overseas/2024');
  assert.ok(await countColour(page, hatched, COLOUR.overseas) < hatched.w * hatched.h * 0.8, 'approximate value: hatched');
  for (const m of ms.filter((x) => x.empty)) {
    const mid = { x: m.hit.x + 2, y: m.hit.y + m.hit.h / 2 - 10, w: m.hit.w - 4, h: 20 };
    assert.equal(await countColour(page, mid, COLOUR[m.key], 40), 0, `${m.id} stays empty`);
  }
  const legend = await page.locator('#chart-legend').textContent();
  assert.match(legend, /In China/);
  assert.match(legend, /Abroad/);
  // the series label says what the grey bar is (the description carries words, not periods: the category names it)
  assert.match(legend, /All locations, yearly average/);
  assert.match(await page.locator('#chart-sources').textContent(), /^Sources: Rhodium Group, as reported by .*Bloomberg/);
  const notes = await page.locator('#chart-notes').textContent();
  assert.match(notes, /Abroad: no figure for 2022 and 2023; left empty, not estimated\./);
  assert.match(notes, /The grey bar for all locations is a yearly average over the years under it, not a single year’s figure/);
  assert.equal(await page.locator('#chart-finding').textContent(),
    'Announced investment at home peaked at over US$90bn in 2022 and was US$15bn in 2024; abroad, ≈US$16bn was announced in 2024.');
  assert.deepEqual(problems, []);
  await page.close();
});

test('investment: hover and tap show the engine’s value, qualifier and source', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'investment');
  const ms = await marks(page);
  const d23 = find(ms, 'bars/domestic/2023');
  await page.mouse.move(d23.px, d23.py);
  let t = await tooltip(page);
  assert.equal(t.num, 'US$41bn');
  assert.match(t.text, /In China, 2023/);
  assert.match(t.text, /As reported/);
  const o24 = find(ms, 'bars/overseas/2024');
  await page.mouse.move(o24.px, o24.py);
  t = await tooltip(page);
  assert.equal(t.num, '≈US$16bn');
  assert.match(t.text, /Approximate/);
  assert.match(t.text, /Source: Bloomberg/);
  const d22 = find(ms, 'bars/domestic/2022');
  await page.mouse.move(d22.px, d22.py);
  assert.match((await tooltip(page)).text, /Lower bound: the source says over US\$90bn/);
  const gap = find(ms, 'bars/overseas/2023');
  await page.mouse.move(gap.cl + gap.hit.x + gap.hit.w / 2, gap.ct + gap.hit.y + 20);
  assert.match((await tooltip(page)).text, /No figure in this dataset/);
  await page.mouse.move(3, 3);
  assert.equal(await tooltip(page), null);
  const avg = find(ms, 'bars/total/2021-2022');
  await page.touchscreen.tap(avg.px, avg.py);
  t = await tooltip(page);
  assert.equal(t.num, 'US$92bn');
  assert.match(t.text, /^All locations, yearly average, 2021–22/);
  await screenshot(page, 'investment-1200-en-tooltip');
  const head = await page.locator('h1').boundingBox();
  await page.touchscreen.tap(head.x + 10, head.y + 10);
  assert.equal(await tooltip(page), null, 'a tap elsewhere hides the tooltip');
  assert.deepEqual(problems, []);
  await page.close();
});

test('investment: share mode draws the engine’s share; the legend toggles a series', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'investment');
  const before = await canvasPixels(page);
  await page.getByRole('button', { name: '% of total', exact: true }).click();
  await settle(page);
  assert.equal(await page.getByRole('button', { name: '% of total', exact: true }).getAttribute('aria-pressed'), 'true');
  assert.notEqual(await canvasPixels(page), before);
  const ms = await marks(page);
  assert.deepEqual(ms.map((m) => m.id), ['share/domestic/ref0', 'share/domestic/2024', 'share/overseas/2024']);
  const share = await engineQuery(page, async (engine, ds, s) => engine.query(ds.table('investment'), {
    filters: [{ column: 'series', eq: s }, { column: 'period', eq: '2024' }, { column: 'market', in: ['domestic', 'overseas'] }],
    derive: [{ op: 'share', column: 'usd_bn', by: ['period'], as: 'share' }],
  }).rows(), S);
  const rows = await table(page);
  for (const r of share) {
    const row = rows.find((x) => x.mark === `share/${r.market}/2024`);
    assert.ok(Math.abs(row.cells[2].value - r.share * 100) < 1e-9, `${r.market} share in the table is the engine's`);
  }
  const o24 = find(ms, 'share/overseas/2024');
  await page.mouse.move(o24.px, o24.py);
  assert.equal((await tooltip(page)).num, '≈51.6%');
  const pre = find(ms, 'share/domestic/ref0');
  await page.mouse.move(pre.px, pre.py);
  assert.match((await tooltip(page)).text, /≈80%.*not computed/);
  assert.ok(await countColour(page, o24, COLOUR.overseas) > 20);
  await screenshot(page, 'investment-1200-en-share');

  await page.getByRole('button', { name: 'US$bn', exact: true }).click();
  await settle(page);
  const toggle = page.locator('#chart-legend button', { hasText: 'All locations' });
  await toggle.click();
  await settle(page);
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.ok(!(await marks(page)).some((m) => m.key === 'total'), 'the average is hidden');
  assert.ok(!(await table(page)).some((r) => r.mark.startsWith('bars/total')), 'and gone from the table');
  await toggle.click();
  await settle(page);
  assert.ok((await marks(page)).some((m) => m.key === 'total'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('investment: arrow keys move between bars and announce them; the table is the engine’s numbers', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'investment');
  await page.focus('#chart-canvas');
  await page.keyboard.press('ArrowRight');
  assert.match(await live(page), /^All locations, yearly average, 2021–22\. US\$92bn\. As reported\..*Point 1 of 7\.$/);
  assert.equal((await tooltip(page)).num, 'US$92bn');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await live(page), /^Abroad, 2022\. No figure in this dataset\./);
  await page.keyboard.press('End');
  assert.match(await live(page), /^Abroad, 2024\. ≈US\$16bn\. Approximate/);
  await screenshot(page, 'investment-1200-en-keyboard');
  await page.keyboard.press('Escape');
  assert.equal(await tooltip(page), null);
  const want = await engineQuery(page, async (engine, ds, s) => engine.query(ds.table('investment'), {
    filters: [{ column: 'series', eq: s }], sort: [{ column: 'period' }],
  }).rows(), S);
  const rows = await table(page);
  for (const r of want) {
    const row = rows.find((x) => x.mark === `bars/${r.market}/${r.period}`);
    assert.equal(row.cells[2].value, r.usd_bn, `${r.market} ${r.period}`);
  }
  assert.equal(rows.filter((r) => r.cells[2].value === null).length, 2, 'the two gaps are rows without a value');
  assert.deepEqual(problems, []);
  await page.close();
});

test('investment in Chinese, at phone and desktop widths, light and dark', async () => {
  for (const [width, lang, scheme] of [[320, 'en', 'light'], [1200, 'en', 'light'], [320, 'zh', 'light'], [1200, 'zh', 'light'], [1200, 'en', 'dark'], [320, 'zh', 'dark']]) {
    const { page, problems } = await h.open({ width, lang, scheme });
    await show(page, 'investment');
    assert.deepEqual(await layoutProblems(page), [], `${width} ${lang} ${scheme}`);
    const ms = await marks(page);
    const colours = scheme === 'dark' ? THEMES.dark : L;
    assert.ok(await countColour(page, find(ms, 'bars/domestic/2023'), rgb(colours.series[0])) > 10, `${width} ${lang} ${scheme}: drawn`);
    if (lang === 'zh') {
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans');
      assert.equal(await page.locator('#chart-title').textContent(), '国内与海外投资');
      assert.match(await page.locator('#chart-legend').textContent(), /国内.*海外/);
      const o24 = find(ms, 'bars/overseas/2024');
      await page.mouse.move(o24.px, o24.py);
      assert.equal((await tooltip(page)).num, '约160亿美元');
      await page.mouse.move(1, 1);
    }
    if (scheme === 'dark') {
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, `rgb(${rgb(THEMES.dark.background).join(', ')})`);
    }
    await screenshot(page, `investment-${width}-${lang}${scheme === 'dark' ? '-dark' : ''}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
