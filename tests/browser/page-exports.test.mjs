// View 3 in Chromium: CAAM exports (bars) and the NEV share (engine ratio).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  countColour, engineQuery, layoutProblems, live, marks, rgb, screenshot, settle, show, startHarness, table, THEMES, tooltip,
} from './helpers/page-harness.mjs';

const L = THEMES.light;
const NEV = 'caam_nev_exports';
const TOTAL = 'caam_vehicle_exports_total';
let h;

before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const ratios = (page) => engineQuery(page, async (engine, ds) => engine.query(ds.table('series_points'), {
  filters: [{ column: 'series_id', in: ['caam_vehicle_exports_total', 'caam_nev_exports'] }],
  derive: [{ op: 'ratio', column: 'value', by: ['year'], key: 'series_id', denominator: 'caam_vehicle_exports_total', as: 'ratio' }],
  sort: [{ column: 'year' }],
}).rows().filter((r) => r.series_id === 'caam_nev_exports'));

// The compare note the rows call for, in the page's engine: each year with a
// CPCA and a CAAM NEV figure that differ, CPCA's figure (its qualifier, its
// scope) against CAAM's; a CPCA figure whose only sources are rated low is
// left out (data rule 7).
async function cpcaNote(page, lang, from = -Infinity, to = Infinity) {
  const { rows, low } = await engineQuery(page, async (engine, ds) => ({
    rows: engine.query(ds.table('series_points'), {
      filters: [{ column: 'series_id', in: ['cpca_nev_exports', 'caam_nev_exports'] }], sort: [{ column: 'year' }],
    }).rows(),
    low: engine.query(ds.table('sources'), { filters: [{ column: 'confidence', eq: 'low' }] }).rows().map((r) => r.id),
  }));
  const caam = rows.filter((r) => r.series_id === 'caam_nev_exports');
  const items = rows.filter((r) => r.series_id === 'cpca_nev_exports' && r.year >= from && r.year <= to).flatMap((r) => {
    const c = caam.find((x) => x.year === r.year);
    if (!c || c.value === r.value) return [];
    if ([r.source, ...(r.also_sources ?? [])].every((id) => low.includes(id))) return [];
    if (lang === 'en') {
      const n = (v) => `${v.toLocaleString('en-US')} vehicles`;
      const notes = r.scope === 'passenger vehicles only' ? ['passenger cars only'] : [];
      return [`${r.year}: ${r.approximate ? '≈' : ''}${n(r.value)} (CAAM: ${n(c.value)}${notes.map((x) => `; ${x}`).join('')})`];
    }
    const n = (v) => `${Number((v / 1e4).toFixed(4))}万辆`;
    const notes = r.scope === 'passenger vehicles only' ? ['仅乘用车'] : [];
    return [`${r.year}年乘联会数据为${r.approximate ? '约' : ''}${n(r.value)}（中汽协：${n(c.value)}${notes.map((x) => `；${x}`).join('')}）`];
  });
  if (!items.length) return null;
  return lang === 'en'
    ? `The China Passenger Car Association counts differently: ${items.join('; ')}.`
    : `乘联会的统计口径不同：${items.join('；')}。`;
}

test('exports: bars, gaps and share points drawn; the share is the engine’s ratio', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'exports');
  const ms = await marks(page);
  for (const m of ms.filter((x) => x.panel === 'bars' && !x.empty)) {
    const colour = m.key === NEV ? rgb(L.series[2]) : rgb(L.neutral);
    assert.ok(await countColour(page, m, colour) > 10, `${m.id} drawn`);
  }
  assert.deepEqual(ms.filter((m) => m.empty).map((m) => m.id), [`bars/${NEV}/2019`, `bars/${NEV}/2020`]);
  const want = await ratios(page);
  const rows = await table(page);
  for (const r of want) {
    const row = rows.find((x) => x.mark === `nev-share/nev_share/${r.year}`);
    assert.ok(Math.abs(row.cells[2].value - 100 * r.ratio) < 1e-9, `${r.year} share`);
  }
  const p25 = ms.find((m) => m.id === 'nev-share/nev_share/2025');
  assert.ok(await countColour(page, { x: p25.x - 1, y: p25.y - 1, w: p25.w + 2, h: p25.h + 2 }, rgb(L.series[0]), 30) > 3);
  await page.mouse.move(p25.px, p25.py);
  const t = await tooltip(page);
  assert.equal(t.num, 'up to 37.4%');
  assert.match(t.text, /Upper bound/);
  const b22 = ms.find((m) => m.id === `bars/${TOTAL}/2022`);
  await page.mouse.move(b22.px, b22.py);
  assert.equal((await tooltip(page)).num, 'over 3,110,000 vehicles');
  // the CPCA comparison (the bars panel's compare): CPCA's figure for each year it differs from CAAM's, from the rows
  const notes = await page.locator('#chart-notes p').allTextContents();
  assert.deepEqual(notes.filter((n) => /Passenger Car Association/.test(n)), [await cpcaNote(page, 'en')]);
  await screenshot(page, 'exports-1200-en-hover');
  assert.deepEqual(problems, []);
  await page.close();
});

test('exports: legend toggles and the year range change what is drawn', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'exports');
  const share = page.locator('#chart-legend button', { hasText: 'NEV share' });
  await share.click();
  await settle(page);
  assert.ok(!(await marks(page)).some((m) => m.panel === 'nev-share'), 'share points hidden');
  await share.click();
  await settle(page);
  const to = page.locator('input[type="range"][data-end="to"]');
  await to.focus();
  await page.keyboard.press('ArrowLeft');
  await settle(page);
  const ms = await marks(page);
  assert.ok(!ms.some((m) => m.period === '2025'), '2025 left out');
  assert.ok(ms.some((m) => m.period === '2024'));
  assert.match(await page.locator('#chart-finding').textContent(), /to 1\.28m in 2024/);
  // the compare note follows the range: only the years drawn
  const from = page.locator('input[type="range"][data-end="from"]');
  await from.focus();
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight'); // 2019 → 2023
  await settle(page);
  const shown = (await marks(page)).map((m) => Number(m.period)).filter(Number.isFinite);
  const lo = Math.min(...shown);
  const hi = Math.max(...shown);
  const want = await cpcaNote(page, 'en', lo, hi);
  const got = (await page.locator('#chart-notes p').allTextContents()).filter((n) => /Passenger Car Association/.test(n));
  assert.deepEqual(got, want ? [want] : [], `years ${lo}–${hi}`);
  assert.ok(!got.join('').includes('2021:'), '2021 is outside the range');
  await page.focus('#chart-canvas');
  await page.keyboard.press('End');
  assert.match(await live(page), /^NEV share, 2024\. 21\.9%\./);
  assert.deepEqual(problems, []);
  await page.close();
});

test('exports at phone and desktop widths, in English and Chinese', async () => {
  for (const [width, lang] of [[320, 'en'], [1200, 'en'], [320, 'zh'], [1200, 'zh']]) {
    const { page, problems } = await h.open({ width, lang });
    await show(page, 'exports');
    assert.deepEqual(await layoutProblems(page), [], `${width} ${lang}`);
    if (lang === 'zh') {
      assert.match(await page.locator('#chart-legend').textContent(), /全部汽车.*新能源汽车/);
      const zhNotes = await page.locator('#chart-notes p').allTextContents();
      assert.deepEqual(zhNotes.filter((n) => /乘联会/.test(n)), [await cpcaNote(page, 'zh')]);
      assert.ok((await table(page)).some((r) => /万辆/.test(r.cells[2].text)));
    }
    await screenshot(page, `exports-${width}-${lang}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
