// studio-a11y.test.mjs — the studio (web/studio.html) for keyboard and
// screen-reader users and on phones, in Chromium: a chart built end to end
// with the keyboard alone (paste, mark, views, locale, texts, links); axe-core
// finds no violations with data and a chart, at desktop width and at 375 px;
// at 375 px nothing scrolls sideways. Screenshots in tests/browser/artifacts/.
// Needs ./build.sh build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, VEGA, axeViolations, injectAxe, loadFile, startStudio } from './helpers/studio-harness.mjs';

let h;
before(async () => { h = await startStudio(); });
after(async () => { await h?.close(); });

// Presses Tab until `selector` has the focus (at most 120 times): proves it
// is reachable in the tab order, and leaves the focus there.
async function tabTo(page, selector) {
  for (let i = 0; i < 120; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${selector} was not reached with Tab`);
}

test('keyboard only: paste data, choose the mark, add and switch views, write a Chinese title, make links', async () => {
  const { page, problems } = await h.open();
  await tabTo(page, '.paste summary');
  await page.keyboard.press('Enter');
  await tabTo(page, '#paste-text');
  await page.keyboard.insertText(JSON.stringify([
    { species: 'Adelie', mass: 3750 }, { species: 'Gentoo', mass: 5000 }, { species: 'Adelie', mass: 3800 }, { species: 'Chinstrap', mass: 3500 },
  ]));
  await tabTo(page, '#paste-load');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.evStudio.viewData() !== null);
  // the first chart: count by species
  assert.deepEqual(await page.evaluate(() => window.evStudio.viewData().rows.map((r) => [r.x, r.y])), [['Adelie', 2], ['Chinstrap', 1], ['Gentoo', 1]]);

  await tabTo(page, '#mark');
  await page.keyboard.press('ArrowDown'); // bar → hbar
  await page.waitForFunction(() => window.evStudio.description().views[0].mark === 'hbar');

  await tabTo(page, '#y-aggregate');
  await page.keyboard.press('ArrowDown'); // count → sum
  await page.waitForFunction(() => window.evStudio.edited().views[0].y.aggregate === 'sum');
  await tabTo(page, '#y');
  await page.keyboard.press('ArrowDown'); // (choose) → mass
  await page.waitForFunction(() => window.evStudio.description().views[0].y.column === 'mass');
  assert.deepEqual(await page.evaluate(() => window.evStudio.viewData().rows.map((r) => [r.x, r.y])), [['Adelie', 7550], ['Chinstrap', 3500], ['Gentoo', 5000]]);

  await tabTo(page, '#view-add');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.evStudio.edited().views.length === 2);
  await tabTo(page, '#view-tabs [aria-selected="true"]');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.activeElement?.id === 'view-tab-0' && document.activeElement.getAttribute('aria-selected') === 'true');

  await tabTo(page, '#locale');
  await page.keyboard.press('ArrowDown'); // English → 中文
  await page.waitForFunction(() => document.getElementById('locale').value === 'zh');
  await tabTo(page, '#view-title');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('企鹅体重');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => window.evStudio.edited().views[0].title.zh === '企鹅体重');
  const title = await page.evaluate(() => window.evStudio.edited().views[0].title);
  assert.equal(title.en, 'Untitled view', 'the English title is untouched');

  await tabTo(page, '#make-links');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('share-link').value.includes('#c=1.'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'share-link');
  assert.deepEqual(problems, []);
  await page.close();
});

for (const width of [1200, 375]) {
  test(`axe-core finds no violations with a chart built, at ${width} px; nothing scrolls sideways`, async () => {
    const { page, problems } = await h.open({ width, height: 900 });
    await injectAxe(page);
    assert.deepEqual(await axeViolations(page), [], 'empty studio');
    assert.equal((await loadFile(page, path.join(VEGA, 'penguins.json'))).ok, true);
    const r = await page.evaluate(() => window.evStudio.edit({
      mark: 'bar', x: { column: 'Island' }, y: { column: 'Body Mass (g)', aggregate: 'mean' }, series: { column: 'Species' },
      title: { en: 'Penguin body mass', zh: '企鹅体重' }, notes: [{ en: 'Vega datasets: penguins.' }], sources: [{ name: 'Palmer Station LTER', url: 'https://pallter.marine.rutgers.edu/' }],
    }));
    assert.equal(r.ok, true, r.error);
    await page.click('#make-links');
    await page.waitForFunction(() => !document.getElementById('links').hidden);
    await injectAxe(page);
    assert.deepEqual(await axeViolations(page), [], 'studio with a chart and links');
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(over <= 0, `the page scrolls sideways by ${over} px`);
    await page.screenshot({ path: path.join(ARTIFACTS, `studio-${width}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    await page.close();
  });
}
