// View 4 in Chromium: named overseas projects grouped, ranked and listed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  countColour, engineQuery, layoutProblems, live, marks, rgb, screenshot, settle, show, startHarness, table, THEMES, tooltip,
} from './helpers/page-harness.mjs';

const L = THEMES.light;
let h;

before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

// The engine's own grouping, on projects whose primary source is not rated low.
const groups = (page, column) => engineQuery(page, async (engine, ds, col) => {
  const low = engine.query(ds.table('sources'), { filters: [{ column: 'confidence', eq: 'low' }] }).rows().map((r) => r.id);
  const all = engine.read(ds.table('sources')).rows().map((r) => r.id).filter((id) => !low.includes(id));
  return engine.query(ds.table('projects'), {
    filters: [{ column: 'source', in: all }], groupBy: [col],
    aggregates: [{ op: 'sum', column: 'usd_bn', as: 'usd' }, { op: 'count', as: 'n' }, { op: 'count', column: 'usd_bn', as: 'valued' }],
  }).rows();
}, column);

test('projects: ranked bars by country match the engine; hover shows sum and counts', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'projects');
  const want = await groups(page, 'country');
  const rows = await table(page);
  assert.equal(rows.length, want.length);
  for (const g of want) {
    const row = rows.find((r) => r.mark === `hbars/s0/${g.country}`);
    assert.equal(row.cells[1].value, g.usd, `${g.country} sum`);
    assert.equal(row.cells[2].value, g.n, `${g.country} count`);
    assert.equal(row.cells[2].text, `${g.n} (${g.valued})`);
  }
  const ms = await marks(page);
  assert.equal(ms[0].id, 'hbars/s0/Hungary', 'largest first');
  assert.ok(await countColour(page, ms[3], rgb(L.series[0])) > 50, 'an exact sum is a solid bar');
  await page.mouse.move(ms[0].px, ms[0].py);
  const t = await tooltip(page);
  assert.equal(t.num, '≈US$13.75bn');
  assert.match(t.text, /4 in all, 4 with a figure/);
  const nofig = ms.find((m) => m.id === 'hbars/s0/France');
  await page.mouse.move(nofig.cl + nofig.hit.x + 100, nofig.ct + nofig.hit.y + nofig.hit.h / 2);
  assert.match((await tooltip(page)).text, /1 in all, 0 with a figure/);
  assert.match(await page.locator('#chart-notes').textContent(), /8 rows have no value for US\$ announced and are left out of the figures\./);
  assert.match(await page.locator('#chart-notes').textContent(), /1 row whose only sources are rated low confidence is left out\./);
  assert.deepEqual(problems, []);
  await page.close();
});

test('projects: grouping and sorting recompute; a bar click or Enter lists its projects with other figures', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'projects');
  await page.getByRole('button', { name: 'Region', exact: true }).click();
  await settle(page);
  const want = await groups(page, 'region');
  let ms = await marks(page);
  assert.equal(ms.length, want.length);
  assert.equal(ms[0].id, 'hbars/s0/Europe');
  await page.getByRole('button', { name: 'Name', exact: true }).click();
  await settle(page);
  ms = await marks(page);
  const names = ms.map((m) => m.id.slice(8));
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en-GB')));
  await page.getByRole('button', { name: 'Count', exact: true }).click();
  await settle(page);
  ms = await marks(page);
  const counts = (await table(page)).map((r) => r.cells[2].value);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a));

  await page.getByRole('button', { name: 'Country', exact: true }).click();
  await settle(page);
  await page.getByRole('button', { name: 'Value', exact: true }).click();
  await settle(page);
  ms = await marks(page);
  await page.mouse.click(ms[0].px, ms[0].py);
  await settle(page);
  const detail = page.locator('#chart-detail');
  assert.ok(await detail.isVisible());
  assert.match(await detail.locator('h3').textContent(), /^Hungary \(4\)$/);
  const items = await detail.locator('.detail-item').allTextContents();
  assert.equal(items.length, 4);
  assert.ok(items.some((t) => /CATL.*US\$7\.6bn.*Other figures: US\$8bn \(.*\); US\$8\.6bn/.test(t)), 'CATL lists the other figures with their sources');
  assert.ok(items.some((t) => /BYD.*Szeged|BYD/.test(t)));
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sel') === 'Hungary'); // the URL is written debounced
  await screenshot(page, 'projects-1200-en-detail');

  await page.focus('#chart-canvas');
  await page.keyboard.press('End');
  assert.match(await live(page), /^Slovakia\. No figure in this dataset\. 1 in all, 0 with a figure\. Gotion InoBat/);
  await page.keyboard.press('Enter');
  await settle(page);
  assert.match(await detail.locator('h3').textContent(), /^Slovakia \(1\)$/);
  assert.match(await live(page), /^Slovakia \(1\)\. The projects are listed below the chart\.$/);
  assert.match(await detail.textContent(), /no figure.*As announced: EUR 1\.2bn/);
  assert.match(await detail.textContent(), /low-confidence source/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('projects at phone and desktop widths, in English and Chinese', async () => {
  for (const [width, lang] of [[320, 'en'], [1200, 'en'], [320, 'zh'], [1200, 'zh']]) {
    const { page, problems } = await h.open({ width, lang, query: '?view=projects&sel=Spain' });
    await show(page, 'projects');
    assert.deepEqual(await layoutProblems(page), [], `${width} ${lang}`);
    if (lang === 'zh') {
      const ms = await marks(page);
      assert.equal(ms[0].id, 'hbars/s0/Hungary');
      assert.match(await page.locator('#chart-detail h3').textContent(), /^西班牙（4）$/);
      assert.match(await page.locator('#chart-detail').textContent(), /宁德时代/);
      assert.equal(await page.getByRole('button', { name: '地区', exact: true }).count(), 1);
    }
    await screenshot(page, `projects-${width}-${lang}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

// A link shared when the projects view's order by total was called `sum`
// (before the view was described) opens the view ordered by value, the same
// order as the Value button gives; the page's own link says `value` (the
// default, left out).
test('projects: an old link ?view=projects&sort=sum opens the view ordered by value', async () => {
  const old = await h.open({ width: 1200, lang: '', query: '?view=projects&sort=sum' });
  await settle(old.page);
  assert.equal(await old.page.locator('#tab-projects').getAttribute('aria-selected'), 'true');
  assert.equal(await old.page.getByRole('button', { name: 'Value', exact: true }).getAttribute('aria-pressed'), 'true');
  assert.equal(await old.page.getByRole('button', { name: 'Country', exact: true }).getAttribute('aria-pressed'), 'true');
  assert.equal(await old.page.evaluate(() => window.evGraphic.query()), '?v=1&view=projects');
  const byCount = await h.open({ width: 1200, lang: '', query: '?view=projects&sort=count' });
  await settle(byCount.page);
  const fresh = await h.open({ width: 1200, lang: '', query: '?view=projects' });
  await settle(fresh.page);
  const order = async (page) => (await marks(page)).map((m) => [m.id, m.value]);
  assert.deepEqual(await order(old.page), await order(fresh.page), 'the same bars in the same order as the current link');
  assert.notDeepEqual(await order(old.page), await order(byCount.page), 'an order the link chose, not any order');
  for (const p of [old, byCount, fresh]) {
    assert.deepEqual(p.problems, []);
    await p.page.close();
  }
});
