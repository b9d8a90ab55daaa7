// studio-form.test.mjs — what the studio's form (web/studio.html) writes that
// the format allows beyond x, y, series and filters: series labels and order,
// annotations, a tab label, languages added and removed (the Text fields follow), the
// ratio and index derive steps with their settings, and the map mark (its key
// and projection). Each is typed into the form's own controls; the test
// checks the description written is what the form says, and that the chart
// (the reader's renderer, app/chart-mount.js) shows it: its legend, its
// annotation, its title in the added language, its numbers against the
// test's own from the file, its circles on the map. Needs ./build.sh build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS, VEGA, WEB, close, groupBy, loadFile, mean, readVega, startStudio, tableRows,
} from './helpers/studio-harness.mjs';

let h;
before(async () => { h = await startStudio(); });
after(async () => { await h?.close(); });

// Types text into a form field and lets it fire 'change', as leaving it does.
async function type(page, selector, text) {
  await page.fill(selector, text);
  await page.dispatchEvent(selector, 'change');
}
const edited = (page) => page.evaluate(() => window.evStudio.edited());
const drawn = (page) => page.evaluate(() => window.evStudio.description());
const model = (page) => page.evaluate(() => {
  const m = window.evStudio.chart().model();
  const p = m.panels[0];
  return { series: m.legend.map((s) => s.label), annotation: p.annotation ? p.annotation.text : null };
});
const hostText = (page) => page.evaluate(() => document.getElementById('chart-host').textContent);
const settled = (page, fn, arg) => page.waitForFunction(fn, arg, { polling: 50 });

test('cars: series labels and order, an annotation and a third language, typed into the form', async () => {
  const { page, problems } = await h.open();
  assert.equal((await loadFile(page, path.join(VEGA, 'cars.json'))).ok, true);
  const r = await page.evaluate(() => window.evStudio.edit({ mark: 'bar', x: { column: 'Cylinders' }, y: { column: 'Miles_per_Gallon', aggregate: 'mean' }, series: { column: 'Origin' } }));
  assert.equal(r.ok, true, r.error);
  // without labels: the engine's order of the values
  assert.deepEqual((await model(page)).series, ['Europe', 'Japan', 'USA']);

  await type(page, '#series-lines', 'USA = United States\nJapan = Japanese makers\nEurope');
  await settled(page, () => window.evStudio.description().views[0].series.order);
  assert.deepEqual((await drawn(page)).views[0].series, {
    column: 'Origin', order: ['USA', 'Japan', 'Europe'], labels: { USA: { en: 'United States' }, Japan: { en: 'Japanese makers' } },
  });
  assert.deepEqual((await model(page)).series, ['United States', 'Japanese makers', 'Europe'], 'the legend follows');
  assert.match(await hostText(page), /United States/);

  await type(page, '#annotations', '4 | Four cylinders: the most miles per gallon');
  await settled(page, () => window.evStudio.description().views[0].annotations);
  assert.deepEqual((await drawn(page)).views[0].annotations, [{ x: 4, text: { en: 'Four cylinders: the most miles per gallon' } }]);
  assert.equal((await model(page)).annotation, 'Four cylinders: the most miles per gallon', 'the chart annotates the 4-cylinder bars');
  // a bad line: the message says which and why; the description stays
  await type(page, '#annotations', '4 | Four cylinders: the most miles per gallon\nfour | text');
  assert.equal(await page.textContent('#check-error'), "annotation line 2: 'four' is not a number");
  assert.equal((await drawn(page)).views[0].annotations.length, 1);

  // a third language: added by its tag, the form switches to it
  await type(page, '#locale-new', 'fr');
  await page.click('#locale-add');
  await settled(page, () => document.getElementById('locale').value === 'fr' && window.evStudio.description().locales.length === 3);
  assert.deepEqual((await drawn(page)).locales, ['en', 'zh', 'fr']);
  await type(page, '#chart-title', 'Consommation par nombre de cylindres');
  await settled(page, () => window.evStudio.description().title.fr);
  await type(page, '#series-lines', 'USA = États-Unis\nJapan = Japon\nEurope');
  await settled(page, () => window.evStudio.description().views[0].series.labels.USA.fr);
  await type(page, '#annotations', '4 | Quatre cylindres : la plus faible consommation');
  await settled(page, () => window.evStudio.description().views[0].annotations[0].text.fr);
  let d = await drawn(page);
  assert.deepEqual(d.title, { en: 'Untitled chart', fr: 'Consommation par nombre de cylindres' });
  assert.deepEqual(d.views[0].series.labels, { USA: { en: 'United States', fr: 'États-Unis' }, Japan: { en: 'Japanese makers', fr: 'Japon' } });
  assert.deepEqual(d.views[0].annotations[0].text, { en: 'Four cylinders: the most miles per gallon', fr: 'Quatre cylindres : la plus faible consommation' });
  // the chart is in French: its title, legend and annotation
  const fr = await model(page);
  assert.deepEqual(fr.series, ['États-Unis', 'Japon', 'Europe']);
  assert.equal(fr.annotation, 'Quatre cylindres : la plus faible consommation');
  assert.match(await hostText(page), /Consommation par nombre de cylindres/);
  await page.locator('.build').screenshot({ path: path.join(ARTIFACTS, 'studio-form-cars-fr.png') });
  // the English texts are untouched
  await page.selectOption('#locale', 'en');
  await settled(page, () => document.getElementById('series-lines').value.startsWith('USA = United States'));
  assert.equal(await page.inputValue('#annotations'), '4 | Four cylinders: the most miles per gallon');
  assert.equal(await page.isDisabled('#locale-remove'), true, 'the default language cannot be removed');
  // removing French removes every French text
  await page.selectOption('#locale', 'fr');
  await settled(page, () => !document.getElementById('locale-remove').disabled);
  await page.click('#locale-remove');
  await settled(page, () => window.evStudio.description().locales.length === 2 && document.getElementById('locale').value === 'en');
  d = await drawn(page);
  assert.deepEqual(d.locales, ['en', 'zh']);
  assert.ok(!JSON.stringify(d).includes('"fr"'), 'no French entry left');
  assert.deepEqual((await model(page)).series, ['United States', 'Japanese makers', 'Europe']);
  // a bad tag is refused with what a tag looks like
  await type(page, '#locale-new', 'en_GB');
  await page.click('#locale-add');
  assert.match(await page.textContent('#check-error'), /^'en_GB' is not a language tag/);
  assert.deepEqual((await drawn(page)).locales, ['en', 'zh']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('gapminder: ratio to one country and index to a base year, with their settings typed into the form', async () => {
  const { page, problems } = await h.open();
  assert.equal((await loadFile(page, path.join(VEGA, 'gapminder.json'))).ok, true);
  const pick = ['China', 'India', 'Japan'];
  const r = await page.evaluate((p) => window.evStudio.edit({
    mark: 'line', x: { column: 'year' }, y: { column: 'life_expect', aggregate: 'mean' }, series: { column: 'country' },
    filters: [{ column: 'country', in: p }],
  }), pick);
  assert.equal(r.ok, true, r.error);
  const gap = readVega('gapminder.json').filter((g) => pick.includes(g.country));
  const at = new Map([...groupBy(gap, (g) => `${g.country}/${g.year}`)].map(([k, rows]) => [k, mean(rows.map((g) => g.life_expect))]));
  const years = [...new Set(gap.map((g) => g.year))].sort((a, b) => a - b);

  // ratio: each country's life expectancy over Japan's in the same year
  await type(page, '#derive-denominator', 'Japan');
  await page.selectOption('#derive', 'ratio');
  await settled(page, () => window.evStudio.viewData()?.y === 'ratio_life_expect');
  assert.deepEqual((await drawn(page)).views[0].derive, [{ op: 'ratio', column: 'life_expect', as: 'ratio_life_expect', key: 'country', by: ['year'], denominator: 'Japan' }]);
  let got = (await page.evaluate(() => window.evStudio.viewData())).rows;
  assert.equal(got.length, years.length * pick.length);
  for (const g of got) close(g.y, at.get(`${g.series}/${g.x}`) / at.get(`Japan/${g.x}`), `ratio ${g.series} ${g.x}`);
  // the chart draws those numbers: its table, a row per year and country
  let shown = await tableRows(page);
  assert.equal(shown.length, years.length * pick.length);
  for (const s of shown) close(s.values[0], at.get(`${s.cells[1]}/${s.cells[0]}`) / at.get(`Japan/${s.cells[0]}`), `table ratio ${s.cells.join(' ')}`);
  // a denominator that is not a value of the series: every ratio is missing, none invented
  await type(page, '#derive-denominator', 'Atlantis');
  await settled(page, () => window.evStudio.description().views[0].derive[0].denominator === 'Atlantis');
  assert.ok((await page.evaluate(() => window.evStudio.viewData())).rows.every((g) => g.y === null));

  // index: 100 at 1955 within each country
  await type(page, '#derive-base', '1955');
  await page.selectOption('#derive', 'index');
  await settled(page, () => window.evStudio.viewData()?.y === 'index_life_expect');
  assert.deepEqual((await drawn(page)).views[0].derive, [{ op: 'index', column: 'life_expect', as: 'index_life_expect', order: 'year', partition: ['country'], base: 1955 }]);
  got = (await page.evaluate(() => window.evStudio.viewData())).rows;
  for (const g of got) close(g.y, (100 * at.get(`${g.series}/${g.x}`)) / at.get(`${g.series}/1955`), `index ${g.series} ${g.x}`);
  const base = got.filter((g) => g.x === 1955);
  assert.equal(base.length, pick.length);
  for (const g of base) close(g.y, 100, `index ${g.series} at its base`);
  shown = await tableRows(page);
  assert.equal(shown.length, years.length * pick.length);
  for (const s of shown) close(s.values[0], (100 * at.get(`${s.cells[1]}/${s.cells[0]}`)) / at.get(`${s.cells[1]}/1955`), `table index ${s.cells.join(' ')}`);
  // a base typed wrong: the form says so; the chart keeps the last good index
  await type(page, '#derive-base', '19x5');
  assert.match(await page.textContent('#check-error'), /'19x5' is not a number/);
  assert.equal((await drawn(page)).views[0].derive[0].base, 1955);
  await page.locator('.build').screenshot({ path: path.join(ARTIFACTS, 'studio-form-index.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the story\'s projects on a map: the map mark, its key and projection chosen in the form', async () => {
  const { page, problems } = await h.open();
  const r = await page.evaluate(() => window.evStudio.loadUrl('build/ev_story.json'));
  assert.equal(r.ok, true, r.message);
  await page.selectOption('#table', 'projects');
  await settled(page, () => window.evStudio.edited().views[0].table === 'projects');
  await page.selectOption('#mark', 'map');
  await settled(page, () => window.evStudio.edited().views[0].mark === 'map');
  assert.equal(await page.isHidden('#x'), true, 'a map has no x');
  assert.equal(await page.inputValue('#map-key'), 'iso3', 'the alpha-3 column is chosen');
  await page.selectOption('#y-aggregate', 'sum');
  await page.selectOption('#y', 'usd_bn');
  await page.selectOption('#map-projection', 'mercator');
  await settled(page, () => window.evStudio.description()?.views[0].map?.projection === 'mercator' && window.evStudio.description().views[0].y.column === 'usd_bn');
  const v = (await drawn(page)).views[0];
  assert.deepEqual(v.map, { key: 'iso3', projection: 'mercator' });
  assert.equal(v.x, undefined);
  assert.deepEqual(v.y, { aggregate: 'sum', column: 'usd_bn' });
  // one circle per country, sized by the engine's sum of the file's usd_bn
  const projects = JSON.parse(fs.readFileSync(path.join(WEB, 'build', 'ev_story.json'), 'utf8')).projects;
  const want = [...groupBy(projects, (p) => p.iso3)].map(([k, rows]) => [k, rows.reduce((s, p) => s + (p.usd_bn ?? 0), 0), rows.some((p) => p.usd_bn != null)]).sort();
  const got = (await page.evaluate(() => window.evStudio.viewData())).rows;
  assert.deepEqual(got.map((g) => g.x), want.map((w) => w[0]));
  got.forEach((g, i) => (want[i][2] ? close(g.y, want[i][1], `sum ${g.x}`) : assert.equal(g.y, null, `${g.x}: no US$ figure`)));
  await settled(page, () => window.evStudio.chart().model().panels[0].ready === true);
  const m = await page.evaluate(() => {
    const mod = window.evStudio.chart().model();
    return { projection: mod.panels[0].projection, circles: window.evStudio.chart().marks().filter((x) => x.kind === 'circle').length };
  });
  assert.equal(m.projection, 'mercator');
  assert.equal(m.circles, want.length);
  await page.locator('.build').screenshot({ path: path.join(ARTIFACTS, 'studio-form-map.png') });
  // back to bars: x comes back to be chosen, the map settings go
  await page.selectOption('#mark', 'bar');
  await settled(page, () => window.evStudio.edited().views[0].mark === 'bar');
  const e = (await edited(page)).views[0];
  assert.equal(e.map, undefined);
  assert.deepEqual(e.x, { column: '' });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a tab label typed into the form: the studio\'s tab and the renderer\'s tab take it, the title stays; one over 40 bytes gets the engine\'s message', async () => {
  const { page, problems } = await h.open();
  assert.equal((await loadFile(page, path.join(VEGA, 'cars.json'))).ok, true);
  let r = await page.evaluate(() => window.evStudio.edit({ mark: 'bar', x: { column: 'Origin' }, y: { aggregate: 'count' } }));
  assert.equal(r.ok, true, r.error);
  const title = await page.inputValue('#view-title');
  assert.equal(await page.inputValue('#view-tab-label'), '', 'no tab label yet');
  assert.equal(await page.textContent('#view-tab-0'), title, 'without one the tab shows the title');
  await type(page, '#view-tab-label', 'Cars');
  await settled(page, () => window.evStudio.description().views[0].tab?.en === 'Cars');
  assert.deepEqual((await drawn(page)).views[0].tab, { en: 'Cars' });
  assert.equal(await page.textContent('#view-tab-0'), 'Cars');
  assert.equal(await page.inputValue('#view-title'), title, 'the title is not changed');
  // a second view: the renderer's tabs (chart-mount's, which the studio hides
  // behind its own) are given the label, and the other view's title
  await page.click('#view-add');
  await page.waitForFunction(() => window.evStudio.edited().views.length === 2);
  r = await page.evaluate(() => window.evStudio.edit({ mark: 'bar', x: { column: 'Cylinders' }, y: { aggregate: 'count' } }));
  assert.equal(r.ok, true, r.error);
  await settled(page, () => window.evStudio.description().views.length === 2);
  const second = (await drawn(page)).views[1].title.en;
  await settled(page, () => document.querySelectorAll('#chart-host [role="tab"]').length === 2);
  assert.deepEqual(await page.locator('#chart-host [role="tab"]').allTextContents(), ['Cars', second]);
  // in Chinese: the zh label, then the English one as the fallback once it is cleared
  await page.click('#view-tab-0');
  await page.selectOption('#locale', 'zh');
  await settled(page, () => document.getElementById('locale').value === 'zh');
  await type(page, '#view-tab-label', '汽车');
  await settled(page, () => window.evStudio.description().views[0].tab?.zh === '汽车');
  assert.deepEqual((await drawn(page)).views[0].tab, { en: 'Cars', zh: '汽车' });
  assert.equal(await page.textContent('#view-tab-0'), '汽车');
  // 16 Chinese characters are 48 bytes: refused with its path, the last good description stays
  await type(page, '#view-tab-label', '按产地和气缸数量统计的汽车数量表');
  await settled(page, () => document.getElementById('check-error').textContent !== '');
  assert.match(await page.textContent('#check-error'), /views\[0\]\.tab\.zh: text of 48 bytes, over the limit of 40/);
  assert.deepEqual((await drawn(page)).views[0].tab, { en: 'Cars', zh: '汽车' });
  // emptied: the default language's label again
  await type(page, '#view-tab-label', '');
  await settled(page, () => window.evStudio.description().views[0].tab && !('zh' in window.evStudio.description().views[0].tab));
  assert.deepEqual((await drawn(page)).views[0].tab, { en: 'Cars' });
  assert.equal(await page.textContent('#check-error'), '');
  await page.locator('.build').screenshot({ path: path.join(ARTIFACTS, 'studio-form-tab.png') });
  assert.deepEqual(problems, []);
  await page.close();
});
