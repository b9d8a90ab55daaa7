// View 5 in Chromium: Chinese FDI into the EU and UK, and Hungary's share.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  countColour, engineQuery, layoutProblems, marks, rgb, screenshot, settle, show, startHarness, table, THEMES, tooltip,
} from './helpers/page-harness.mjs';

const L = THEMES.light;
const TOTAL = 'merics_rhodium_chinese_fdi_europe_total';
const GF = 'merics_rhodium_chinese_greenfield_europe';
let h;

before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

test('europe: FDI bars with greenfield gaps and Hungary’s share, as the engine reads them', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'europe');
  const ms = await marks(page);
  for (const m of ms.filter((x) => !x.empty)) {
    const colour = { [TOTAL]: L.series[0], [GF]: L.series[2], hungary: L.series[1] }[m.key];
    assert.ok(await countColour(page, m, rgb(colour)) > 5, `${m.id} drawn`);
  }
  const want = await engineQuery(page, async (engine, ds) => ({
    fdi: engine.query(ds.table('series_points'), { filters: [{ column: 'series_id', in: ['merics_rhodium_chinese_fdi_europe_total', 'merics_rhodium_chinese_greenfield_europe'] }] }).rows(),
    hun: engine.query(ds.table('destinations'), { filters: [{ column: 'scope', eq: 'Chinese EV-related FDI into Europe' }] }).rows(),
  }));
  const rows = await table(page);
  for (const r of want.fdi) assert.equal(rows.find((x) => x.mark === `bars/${r.series_id}/${r.year}`).cells[2].value, r.value);
  for (const r of want.hun) assert.equal(rows.find((x) => x.mark === `hungary/hungary/${r.period}`).cells[2].value, r.share_pct);
  assert.equal(rows.filter((r) => r.cells[2].value === null).length, 6, 'six greenfield gaps');
  const h24 = ms.find((m) => m.id === 'hungary/hungary/2024');
  await page.mouse.move(h24.px, h24.py);
  assert.equal((await tooltip(page)).num, '62%');
  assert.match((await tooltip(page)).text, /Source: Evertiq/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('europe: the year range and legend recompute the bars', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'europe');
  const from = page.locator('input[type="range"][data-end="from"]');
  await from.focus();
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  await settle(page);
  const ms = await marks(page);
  assert.deepEqual([...new Set(ms.filter((m) => m.panel === 'bars').map((m) => m.period))], ['2020', '2021', '2022', '2023', '2024']);
  assert.match(await page.locator('#chart-finding').textContent(), /€6\.5bn in 2020 to €10bn in 2024/);
  await page.locator('#chart-legend button', { hasText: 'Greenfield' }).click();
  await settle(page);
  assert.ok(!(await marks(page)).some((m) => m.key === GF));
  await screenshot(page, 'europe-1200-en-range');
  assert.deepEqual(problems, []);
  await page.close();
});

test('europe at phone and desktop widths, in English and Chinese', async () => {
  for (const [width, lang] of [[320, 'en'], [1200, 'en'], [320, 'zh'], [1200, 'zh']]) {
    const { page, problems } = await h.open({ width, lang });
    await show(page, 'europe');
    assert.deepEqual(await layoutProblems(page), [], `${width} ${lang}`);
    if (lang === 'zh') {
      assert.match(await page.locator('#chart-title').textContent(), /欧/);
      assert.match(await page.locator('#chart-finding').textContent(), /370亿欧元/);
    }
    await screenshot(page, `europe-${width}-${lang}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
