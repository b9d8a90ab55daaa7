// Trend projections in Chromium: the control on the time-series views draws
// a dashed line and a shaded band right of the last year, the tooltip names
// the method and the fit window, the table lists the projected rows with
// their intervals, the engine's refusal is shown next to the control, and a
// link reopens the projection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import {
  countColour, engineQuery, layoutProblems, marks, rgb, screenshot, settle, show, startHarness, table, THEMES, tooltip,
} from './helpers/page-harness.mjs';
import { mixColour } from '../../web/core/map-style.js';
import { BAND_ALPHA } from '../../web/core/scene-projection.js';

const L = THEMES.light;
const PROD = 'caam_nev_production';
let h;
const method = (page, name) => page.getByRole('group', { name: 'Trend projection' }).getByRole('button', { name, exact: true });

// bypassCSP lets the axe-core audit below inject its script (as a11y.test.mjs does).
before(async () => { h = await startHarness({ bypassCSP: true }); });
after(async () => { await h?.close(); });

// The engine's own trend of one series, through a second engine instance.
const engineTrend = (page, arg) => engineQuery(page, async (engine, ds, a) => {
  const rows = engine.query(ds.table('series_points'), {
    filters: [{ column: 'series_id', eq: a.id }, { column: 'year', range: [a.from, a.to] }], sort: [{ column: 'year' }],
  }).rows().filter((r) => r.value !== null);
  const r = engine.trend({ x: rows.map((p) => p.year), y: rows.map((p) => p.value) }, { method: a.method, level: a.level, horizon: a.horizon });
  return { points: r.points.rows(), fit: r.fit };
}, arg);

test('projection: Linear draws a band and a dashed line right of the last year; tooltip and table say what it is', async () => {
  const { page, problems } = await h.open({ width: 1200, query: '?view=capacity&hide=caam_nev_sales' });
  const before = await marks(page);
  assert.ok(!before.some((m) => m.id.startsWith('proj/')), 'off by default');
  assert.equal(await page.locator('.trend-note').isVisible(), false);
  await method(page, 'Linear').click();
  await settle(page);
  assert.equal(await method(page, 'Linear').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('.trend-note').textContent(), 'Trend projection, not a forecast');
  const ms = await marks(page);
  const last = ms.find((m) => m.id === `lines/${PROD}/2025`);
  const proj = ms.filter((m) => m.id.startsWith(`proj/${PROD}/`));
  assert.deepEqual(proj.map((m) => m.period), ['2026', '2027', '2028', '2029', '2030']);
  assert.ok(proj.every((m) => m.cx > last.cx));
  const band = mixColour(L.background, L.series[0], BAND_ALPHA);
  const plot = { x: last.cx + 4, y: last.hit.y, w: proj.at(-1).cx - last.cx, h: last.hit.h };
  const bandPx = await countColour(page, plot, rgb(band), 6);
  assert.ok(bandPx > 2000, `band pixels right of 2025: ${bandPx}`);
  const over = await countColour(page, { x: last.hit.x - 400, y: plot.y, w: 380, h: plot.h }, rgb(band), 6);
  assert.ok(over < bandPx / 50, `no band over the data (${over} stray anti-aliased pixels)`);
  for (const m of proj.slice(1)) assert.ok(await countColour(page, { x: m.cx - 4, y: m.cy - 4, w: 8, h: 8 }, rgb(L.series[0]), 40) > 3, `${m.id} dashed line`);

  const want = await engineTrend(page, { id: PROD, from: 2014, to: 2025, method: 'linear', level: 0.8, horizon: 5 });
  const p2030 = proj.at(-1);
  await page.mouse.move(p2030.px, p2030.py);
  const t = await tooltip(page);
  assert.match(t.text, /^Production, 2030 \(trend projection\)[\d.]+m vehicles/);
  assert.match(t.text, /Trend projection, not a forecast/);
  assert.match(t.text, /Straight-line trend fitted to 2014–25 \(12 years\)/);
  assert.match(t.text, new RegExp(`R² ${want.fit.r2.toFixed(2)}`));
  assert.match(t.text, /80% interval: [\d.]+m to [\d.]+m vehicles/);
  assert.match(t.text, /approximate or lower-bound figures for 2014 and 2018/);
  await screenshot(page, 'projection-1200-en-hover');
  await page.mouse.move(1, 1);

  const rows = await table(page);
  const projected = rows.filter((r) => r.mark.startsWith('proj/'));
  assert.equal(projected.length, 5);
  const wantRows = want.points.filter((r) => r.projected);
  const heads = await page.locator('#chart-table thead th').allTextContents();
  assert.deepEqual(heads, ['Period', 'Series', 'Value', 'Interval', 'Note', 'Source']);
  for (const [i, r] of projected.entries()) {
    assert.equal(r.cells[0].text, `${wantRows[i].x} (projected)`);
    assert.equal(r.cells[2].value, wantRows[i].y);
    assert.equal(r.cells[4].text, 'Trend projection, not a forecast');
  }
  const bounds = await page.evaluate(() => [...document.querySelectorAll('#chart-table tr.projected td[data-lo]')].map((td) => [Number(td.dataset.lo), Number(td.dataset.hi)]));
  assert.deepEqual(bounds, wantRows.map((r) => [r.lo, r.hi]), 'the interval bounds are the engine’s');
  const finding = await page.locator('#chart-finding').textContent();
  assert.match(finding, /Trend projections, not forecasts\. Production: a straight-line trend fitted to 2014–25 \(R² 0\.\d\d\) reaches/);
  assert.match(await page.locator('#chart-notes').textContent(), /Dashed lines and shaded bands are trend projections, not forecasts/);
  assert.match(await page.locator('#chart-legend').textContent(), /Trend projection with its 80% interval \(not a forecast\)/);
  await screenshot(page, 'projection-1200-en');
  assert.deepEqual(problems, []);
  await page.close();
});

test('projection: the engine declines Holt on five points; its reason is shown politely and the chart stays', async () => {
  const { page, problems } = await h.open({ width: 1200, query: '?view=capacity&from=2021' });
  const lines = (await marks(page)).filter((m) => m.panel === 'lines');
  await method(page, 'Holt').click();
  await settle(page);
  const message = page.locator('.trend-message');
  assert.equal(await message.getAttribute('role'), 'status');
  assert.ok(await message.isVisible());
  const text = await message.textContent();
  assert.match(text, /No Holt projection for Production: the engine declined\. trend: 5 points with values; a Holt projection needs at least 6/);
  assert.match(text, /No Holt projection for Sales/);
  const after = await marks(page);
  assert.ok(!after.some((m) => m.id.startsWith('proj/')), 'no silent line');
  assert.deepEqual(after.filter((m) => m.panel === 'lines').map((m) => m.id), lines.map((m) => m.id), 'the chart keeps its lines');
  assert.equal(await page.locator('#chart-error').textContent(), '', 'not an error of the page');
  await screenshot(page, 'projection-1200-en-declined');
  await method(page, 'Linear').click();
  await settle(page);
  assert.equal(await message.textContent(), '', 'five points are enough for a straight line');
  assert.ok((await marks(page)).some((m) => m.id.startsWith('proj/')));

  await show(page, 'exports');
  await method(page, 'Holt').click();
  await settle(page);
  assert.match(await page.locator('.trend-message').textContent(), /^No Holt projection for New-energy vehicles: the engine declined\. trend: 5 points/);
  const ex = await marks(page);
  assert.ok(ex.some((m) => m.id.startsWith('proj/caam_vehicle_exports_total/')), 'the series with enough points is projected');
  assert.ok(!ex.some((m) => m.id.startsWith('proj/caam_nev_exports/')));
  assert.deepEqual(problems, []);
  await page.close();
});

test('projection: method, level and horizon travel in the URL and a link reopens them', async () => {
  const { page, problems } = await h.open({ width: 1200, query: '?view=exports' });
  await method(page, 'Constant growth').click();
  await settle(page);
  await page.getByRole('button', { name: '95%', exact: true }).click();
  await settle(page);
  await page.getByLabel('Project to').selectOption('2028');
  await settle(page);
  await page.waitForFunction(() => /horizon=2028/.test(location.search));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('trend'), 'loglinear');
  assert.equal(url.searchParams.get('level'), '95');
  assert.equal(url.searchParams.get('horizon'), '2028');
  const drawn = (await marks(page)).filter((m) => m.id.startsWith('proj/')).map((m) => [m.id, Math.round(m.cx), Math.round(m.cy)]);
  assert.equal(drawn.length, 2 * 3);
  const rows = (await table(page)).filter((r) => r.mark.startsWith('proj/'));
  await page.close();

  const again = await h.open({ width: 1200, query: url.search });
  const p = again.page;
  assert.equal(await method(p, 'Constant growth').getAttribute('aria-pressed'), 'true');
  assert.equal(await p.getByRole('button', { name: '95%', exact: true }).getAttribute('aria-pressed'), 'true');
  assert.equal(await p.getByLabel('Project to').inputValue(), '2028');
  assert.deepEqual((await marks(p)).filter((m) => m.id.startsWith('proj/')).map((m) => [m.id, Math.round(m.cx), Math.round(m.cy)]), drawn);
  assert.deepEqual((await table(p)).filter((r) => r.mark.startsWith('proj/')), rows);
  assert.match(await p.locator('#chart-finding').textContent(), /constant growth of [\d.]+% a year, fitted to 2019–25/);
  await screenshot(p, 'projection-exports-1200-en');
  const bad = await h.open({ width: 1200, query: '?view=exports&trend=quadratic&level=99&horizon=2099' });
  assert.equal(await method(bad.page, 'Off').getAttribute('aria-pressed'), 'true');
  assert.ok(!(await marks(bad.page)).some((m) => m.id.startsWith('proj/')));
  assert.deepEqual([...problems, ...again.problems, ...bad.problems], []);
  await p.close();
  await bad.page.close();
});

test('projection: Europe (FDI) in Chinese, keyboard and narrow widths', async () => {
  for (const [width, lang] of [[1200, 'zh'], [320, 'en'], [320, 'zh']]) {
    const { page, problems } = await h.open({ width, lang, query: '?view=europe&trend=holt&horizon=2027' });
    assert.deepEqual(await layoutProblems(page), [], `${width} ${lang}`);
    const ms = await marks(page);
    const proj = ms.filter((m) => m.id.startsWith('proj/'));
    assert.deepEqual(proj.map((m) => m.period), ['2025', '2026', '2027']);
    if (lang === 'zh') {
      assert.equal(await page.locator('.trend-note').textContent(), '趋势推算，并非预测');
      assert.match(await page.locator('#chart-finding').textContent(), /以下为趋势推算，并非预测。中国投资总额：对2016–24年数据作霍尔特指数平滑/);
      assert.equal(await page.getByRole('button', { name: '霍尔特法', exact: true }).getAttribute('aria-pressed'), 'true');
      await page.mouse.move(proj[0].px, proj[0].py);
      const t = await tooltip(page);
      assert.match(t.text, /^中国投资总额，2025年（趋势推算）/);
      assert.match(t.text, /对2016–24年数据作霍尔特指数平滑（9年）/);
      assert.match(t.text, /80%区间：/);
      await page.mouse.move(1, 1);
      await page.focus('#chart-canvas');
      await page.keyboard.press('End');
      assert.match(await page.locator('#chart-live').textContent(), /^匈牙利占比/);
    }
    await screenshot(page, `projection-europe-${width}-${lang}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('projection: axe-core finds no violations with the control on, declined or drawn, light and dark, en and zh', async () => {
  const axe = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  for (const [scheme, lang, query] of [
    ['light', 'en', '?view=capacity&trend=holt&from=2021'], ['dark', 'zh', '?view=capacity&trend=holt&from=2021'],
    ['light', 'zh', '?view=exports&trend=linear&level=95'], ['dark', 'en', '?view=europe&trend=loglinear&horizon=2027'],
  ]) {
    const { page, problems } = await h.open({ width: 1200, lang, scheme, query });
    await page.evaluate(axe);
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    assert.deepEqual(violations, [], `${scheme} ${lang} ${query}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
