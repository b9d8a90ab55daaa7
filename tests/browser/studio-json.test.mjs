// studio-json.test.mjs — the studio's description as JSON (web/studio.html
// section 3, app/studio/json-editor.js), in Chromium over vega-datasets'
// cars: "Edit as JSON" applies story keys the form cannot edit (panels,
// findings) and the chart, form, links and what a reload brings back
// follow; a syntax error says its line and column, a check error the
// engine's message with its path, and both keep the last good chart and
// the typed text; "Open description…" opens a file through the same check;
// "Download description" saves the description; keyboard, axe at desktop
// width and 375 px. Needs ./build.sh build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS, VEGA, axeViolations, injectAxe, loadFile, readVega, startStudio } from './helpers/studio-harness.mjs';

let h;
let tmp;
before(async () => {
  h = await startStudio();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-studio-json-'));
});
after(async () => {
  await h?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const CARS = readVega('cars.json');
const CARS_VIEW = { mark: 'bar', x: { column: 'Origin' }, y: { column: 'Miles_per_Gallon', aggregate: 'mean' } };
const distinct = (col) => [...new Set(CARS.map((r) => r[col]).filter((v) => v !== null))];

// The mean of MPG per origin, in the test's own arithmetic: the origin with the highest.
function bestOrigin() {
  let best = null;
  let bestMean = -Infinity;
  for (const o of distinct('Origin')) {
    const v = CARS.filter((r) => r.Origin === o && r.Miles_per_Gallon !== null).map((r) => r.Miles_per_Gallon);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    if (m > bestMean) { best = o; bestMean = m; }
  }
  return best;
}

// The cars chart with two panels and a finding: keys the form has no control for.
function storyDescription(d) {
  const v = d.views[0];
  const table = v.table;
  return {
    ...d,
    views: [{
      id: v.id,
      title: { en: 'Fuel economy and engines' },
      tab: { en: 'Two panels' },
      panels: [
        { id: 'mpg', title: { en: 'Mean miles per gallon' }, table, mark: 'bar', x: { column: 'Origin' }, y: { column: 'Miles_per_Gallon', aggregate: 'mean' } },
        { id: 'cyl', title: { en: 'Cars by cylinders' }, table, mark: 'bar', x: { column: 'Cylinders' }, y: { aggregate: 'count' } },
      ],
      findings: [{ text: { en: 'Cars from {best} go furthest on a gallon.' }, values: { best: { panel: 'mpg', pick: 'max', of: 'x' } } }],
    }],
  };
}

async function withCars(opts = {}) {
  const { page, problems } = await h.open(opts);
  assert.equal((await loadFile(page, path.join(VEGA, 'cars.json'))).ok, true);
  const r = await page.evaluate((v) => window.evStudio.edit(v), CARS_VIEW);
  assert.equal(r.ok, true, r.error);
  const good = await snapshot(page);
  assert.equal(good.marks, distinct('Origin').length);
  return { page, problems, good };
}

function snapshot(page) {
  return page.evaluate(() => ({
    description: window.evStudio.description(),
    edited: window.evStudio.edited(),
    stored: localStorage.getItem('ev-studio:v1'),
    marks: window.evStudio.chart().marks().length,
    canvas: document.querySelector('#chart-host canvas').toDataURL(),
    form: document.getElementById('chart-title').value,
  }));
}

async function assertKept(page, good, what) {
  const now = await snapshot(page);
  assert.deepEqual(now.description, good.description, `${what}: the description is kept`);
  assert.deepEqual(now.edited, good.edited, `${what}: the form's description is kept`);
  assert.equal(now.stored, good.stored, `${what}: what the browser keeps is unchanged`);
  assert.equal(now.marks, good.marks, `${what}: the chart is kept`);
  assert.equal(now.canvas, good.canvas, `${what}: the chart is kept pixel for pixel`);
  assert.equal(now.form, good.form, `${what}: the form is unchanged`);
}

const text = (page, id) => page.evaluate((i) => document.getElementById(i).textContent, id);
const focused = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);

// Opens the editor with its button, replaces its text and presses Apply.
async function applyText(page, value) {
  if (await page.locator('#json-panel').isHidden()) await page.click('#json-edit');
  await page.fill('#json-text', value);
  const before = await page.evaluate(() => [document.getElementById('json-status').textContent, document.getElementById('json-error').textContent]);
  await page.click('#json-apply');
  await page.waitForFunction((b) => {
    const now = [document.getElementById('json-status').textContent, document.getElementById('json-error').textContent];
    return !document.getElementById('json-apply').disabled && (now[0] !== b[0] || now[1] !== b[1]) && (now[0] || now[1]);
  }, before, { polling: 50 });
}

test('Edit as JSON: panels and a finding the form cannot edit; form, chart, links and a reload follow', async () => {
  const { page, problems, good } = await withCars();
  await page.click('#json-edit');
  assert.equal(await page.getAttribute('#json-edit', 'aria-expanded'), 'true');
  assert.equal(await focused(page), 'json-text', 'the editor takes the focus');
  const shown = await page.inputValue('#json-text');
  assert.equal(shown, JSON.stringify(good.edited, null, 2), 'the whole description, pretty-printed');

  const next = storyDescription(good.description);
  await applyText(page, JSON.stringify(next, null, 2));
  assert.equal(await text(page, 'json-error'), '');
  assert.match(await text(page, 'json-status'), /^Applied/);
  assert.equal(await page.locator('#json-panel').isHidden(), true, 'a good text closes the editor');
  assert.equal(await focused(page), 'json-edit', 'the focus goes back to the button');

  const after = await page.evaluate(() => {
    const m = window.evStudio.chart().model();
    const marks = window.evStudio.chart().marks();
    return {
      description: window.evStudio.description(), marks: marks.length, panels: m.panels.length, finding: m.finding,
      cyl: m.marks.filter((k) => k.id.startsWith('cyl/')).map((k) => [k.category, k.value]),
    };
  });
  assert.deepEqual(after.description, next);
  assert.equal(after.panels, 2, 'two panels drawn');
  assert.equal(after.marks, distinct('Origin').length + distinct('Cylinders').length, 'the bars of both panels');
  const counts = new Map();
  for (const r of CARS) counts.set(String(r.Cylinders), (counts.get(String(r.Cylinders)) ?? 0) + 1);
  assert.deepEqual(new Map(after.cyl), counts, 'the second panel: the count of cars per cylinder count');
  assert.equal(after.finding, `Cars from ${bestOrigin()} go furthest on a gallon.`, 'the finding names the engine\'s highest mean');
  // the form shows the panels note, its chart settings disabled; its texts follow
  assert.equal(await page.locator('#panels-note').isVisible(), true);
  assert.match(await text(page, 'panels-note'), /2 panels \(mpg, cyl\)/);
  assert.equal(await page.locator('#x').isHidden(), true, 'the form\'s chart settings give way to the note');
  assert.equal(await page.locator('#x-label').isHidden(), true, 'axis labels are the panels\'');
  assert.equal(await page.locator('label[for="y-unit"]').isHidden(), true);
  assert.equal(await page.inputValue('#view-title'), 'Fuel economy and engines');
  assert.equal(await page.inputValue('#view-tab-label'), 'Two panels');
  assert.deepEqual(JSON.parse(await text(page, 'description-json')).views[0].findings, next.views[0].findings);
  // the CSV holds the first panel's numbers, under its aggregate's name
  const csv = (await page.evaluate(() => window.evStudio.csvText())).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  assert.equal(csv[0], 'Origin,mean of Miles_per_Gallon');
  assert.deepEqual(csv.slice(1).map((l) => l.split(',')[0]).sort(), distinct('Origin').sort());
  // the links carry it
  const links = await page.evaluate(() => window.evStudio.links());
  assert.deepEqual(links.description.views[0].panels, next.views[0].panels);

  // a reload brings it back, drawn (once the dataset is written to this browser)
  await page.evaluate(() => window.evStudio.kept());
  await page.reload();
  await page.evaluate(() => window.evStudio.ready);
  await page.waitForFunction(() => window.evStudio.chart() && window.evStudio.chart().model() && window.evStudio.chart().model().panels.length === 2, null, { polling: 50 });
  assert.deepEqual(await page.evaluate(() => window.evStudio.description()), next);
  assert.equal(await page.evaluate(() => window.evStudio.chart().model().finding), `Cars from ${bestOrigin()} go furthest on a gallon.`);
  // loading the data again keeps it: its panels' tables are in the data
  assert.equal((await loadFile(page, path.join(VEGA, 'cars.json'))).ok, true);
  assert.deepEqual(await page.evaluate(() => window.evStudio.description()), next);
  assert.doesNotMatch(await text(page, 'status'), /does not fit/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a syntax error: its line and column; the typed text, the last good chart and the focus on the message', async () => {
  const { page, problems, good } = await withCars();
  const lines = JSON.stringify({ ...good.description, title: { en: 'Changed' } }, null, 2).split('\n');
  // drop the comma after the title's line: the parser stops at the next line's first character
  const k = lines.findIndex((l) => /^ {2}"title": \{$/.test(l)) + 2; // the line closing the title object: "  },"
  assert.equal(lines[k], '  },');
  lines[k] = '  }';
  const bad = lines.join('\n');
  const wantLine = k + 2; // 1-based, the line after
  const wantColumn = lines[k + 1].search(/\S/) + 1;
  await applyText(page, bad);
  const err = await text(page, 'json-error');
  assert.match(err, new RegExp(`^JSON syntax error at line ${wantLine}, column ${wantColumn}: `));
  assert.match(err, /Nothing was changed; the chart shows the last good version\.$/);
  assert.equal(await page.inputValue('#json-text'), bad, 'the typed text stays');
  assert.equal(await page.locator('#json-panel').isVisible(), true);
  assert.equal(await focused(page), 'json-error', 'the focus moves to the message');
  assert.equal(await page.getAttribute('#json-text', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#json-text', 'aria-describedby'), 'json-help json-error');
  // the caret waits at the error (the offset of that line and column)
  const caret = await page.evaluate(() => document.getElementById('json-text').selectionStart);
  assert.equal(caret, lines.slice(0, wantLine - 1).join('\n').length + 1 + wantColumn - 1);
  await assertKept(page, good, 'syntax error');
  // Tab from the message reaches the text area
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'json-text');

  // not an object
  await applyText(page, '[1, 2]');
  assert.match(await text(page, 'json-error'), /^A chart description is a JSON object .*; this text is an array\./);
  await assertKept(page, good, 'an array');

  // Cancel: closes without change, the focus back on the button
  await page.click('#json-cancel');
  assert.equal(await page.locator('#json-panel').isHidden(), true);
  assert.equal(await focused(page), 'json-edit');
  await assertKept(page, good, 'cancel');
  // Escape in the editor does the same
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'json-text');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#json-panel').isHidden(), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a check error: the engine\'s message with its path; nothing changes; the text stays', async () => {
  const { page, problems, good } = await withCars();
  const d = structuredClone(good.description);
  d.views[0].y.column = 'Miles_per_Galon';
  const bad = JSON.stringify(d, null, 2);
  await applyText(page, bad);
  const err = await text(page, 'json-error');
  assert.match(err, /^views\[0\]\.y\.column: .*Miles_per_Galon/);
  assert.match(err, /the chart shows the last good version\.$/);
  assert.match(err, /Miles_per_Gallon/, 'the engine suggests the column meant');
  assert.equal(await page.inputValue('#json-text'), bad);
  assert.equal(await focused(page), 'json-error');
  await assertKept(page, good, 'check error');
  assert.equal(await text(page, 'check-error'), '', 'the form\'s own error line stays clear: the form is unchanged');

  // a story key checked too: a finding naming a panel the view lacks
  const s = storyDescription(good.description);
  s.views[0].findings[0].values.best.panel = 'nope';
  await applyText(page, JSON.stringify(s));
  assert.match(await text(page, 'json-error'), /^views\[0\]\.findings\[0\]\.values\.best\.panel: /);
  await assertKept(page, good, 'finding error');

  // an incomplete view the form did not make
  const inc = structuredClone(good.description);
  inc.views.push({ id: 'half', title: 'Half', table: inc.views[0].table, mark: 'bar' });
  await applyText(page, JSON.stringify(inc));
  assert.match(await text(page, 'json-error'), /^views\[1\]: not complete/);
  await assertKept(page, good, 'incomplete view');
  // a key no format has (and one a JS object would treat specially): the engine names it
  const proto = JSON.stringify(good.description).replace(/^\{/, '{"__proto__": {"polluted": true}, ');
  await applyText(page, proto);
  assert.match(await text(page, 'json-error'), /^__proto__: unknown key '__proto__'/);
  assert.equal(await page.evaluate(() => ({}).polluted), undefined);
  await assertKept(page, good, '__proto__');
  const api = await page.evaluate((t) => window.evStudio.applyJson(t), '{"views": 1}');
  assert.equal(api.ok, false);
  assert.match(api.error, /^locales: /);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a JSON edit while a view still being set up is selected applies, and shows the first complete view', async () => {
  const { page, problems } = await withCars();
  await page.click('#view-add');
  await page.waitForFunction(() => window.evStudio.edited().views.length === 2);
  const d = JSON.parse(await page.evaluate(() => window.evStudio.jsonText()));
  assert.equal(d.views.length, 2);
  d.views[0].title = { en: 'Retitled in JSON' };
  const r = await page.evaluate((t) => window.evStudio.applyJson(t), JSON.stringify(d));
  assert.deepEqual(r, { ok: true });
  const now = await page.evaluate(() => window.evStudio.edited());
  assert.equal(now.views[0].title.en, 'Retitled in JSON');
  assert.equal(now.views.length, 2, 'the view being set up stays, unchanged');
  assert.deepEqual(now.views[1], d.views[1]);
  assert.equal(await page.inputValue('#view-title'), 'Retitled in JSON', 'the form shows the complete view');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Open description…: a good file is applied, a bad one opens in the editor with its message', async () => {
  const { page, problems, good } = await withCars();
  const d = structuredClone(good.description);
  d.views[0] = { ...d.views[0], mark: 'hbar', x: { column: 'Cylinders' }, y: { column: 'Horsepower', aggregate: 'max' } };
  d.title = { en: 'Most powerful by cylinders' };
  const f = path.join(tmp, 'power.chart.json');
  fs.writeFileSync(f, JSON.stringify(d));
  await page.setInputFiles('#description-file', f);
  await page.waitForFunction(() => /^Opened power\.chart\.json/.test(document.getElementById('json-status').textContent), null, { polling: 50 });
  const got = await page.evaluate(() => ({ d: window.evStudio.description(), rows: window.evStudio.viewData().rows }));
  assert.deepEqual(got.d, d);
  const want = new Map();
  for (const r of CARS) if (r.Horsepower !== null) want.set(r.Cylinders, Math.max(want.get(r.Cylinders) ?? -Infinity, r.Horsepower));
  assert.deepEqual(new Map(got.rows.map((r) => [r.x, r.y])), want, 'the engine\'s max horsepower per cylinder count');
  assert.equal(await page.inputValue('#chart-title'), 'Most powerful by cylinders', 'the form follows');
  assert.equal(await page.locator('#json-panel').isHidden(), true);

  const opened = await snapshot(page);
  const badText = '{\n  "format": "ev-chart/1",\n  "locales": ["en"]\n  "views": []\n}\n';
  const bf = path.join(tmp, 'broken.chart.json');
  fs.writeFileSync(bf, badText);
  await page.setInputFiles('#description-file', bf);
  await page.waitForFunction(() => document.getElementById('json-error').textContent !== '', null, { polling: 50 });
  assert.match(await text(page, 'json-error'), /^broken\.chart\.json: JSON syntax error at line 4, column 3: /);
  assert.equal(await page.locator('#json-panel').isVisible(), true, 'the editor opens to mend it');
  assert.equal(await page.inputValue('#json-text'), badText, 'with the file\'s text');
  assert.equal(await focused(page), 'json-error');
  await assertKept(page, opened, 'a broken file');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Download description: <title>.chart.json holding the description', async () => {
  const { page, problems, good } = await withCars();
  await page.evaluate(() => window.evStudio.editChart((d) => ({ ...d, title: { en: 'Cars: MPG by origin' } })));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#description-download')]);
  assert.equal(download.suggestedFilename(), 'cars-mpg-by-origin.chart.json');
  const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(saved, { ...good.description, title: { en: 'Cars: MPG by origin' } });
  assert.match(await text(page, 'json-status'), /^Downloaded cars-mpg-by-origin\.chart\.json\./);
  assert.deepEqual(problems, []);
  await page.close();
});

// Presses Tab until `selector` has the focus (at most 200 times).
async function tabTo(page, selector) {
  for (let i = 0; i < 200; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${selector} was not reached with Tab`);
}

test('keyboard only: open the editor, replace the text, apply; then a mistake and its message', async () => {
  const { page, problems, good } = await withCars();
  await tabTo(page, '#json-edit');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'json-text');
  await page.keyboard.press('Control+A');
  const next = storyDescription(good.description);
  await page.keyboard.insertText(JSON.stringify(next, null, 2));
  await page.keyboard.press('Tab'); // past the text area: Apply
  assert.equal(await focused(page), 'json-apply');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('json-panel').hidden, null, { polling: 50 });
  assert.equal(await focused(page), 'json-edit');
  assert.deepEqual(await page.evaluate(() => window.evStudio.description()), next);

  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#json-text'), JSON.stringify(next, null, 2), 'the editor opens on the applied description');
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(','); // after the closing brace, alone on the last line
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('json-error').textContent !== '', null, { polling: 50 });
  assert.equal(await focused(page), 'json-error');
  const lines = JSON.stringify(next, null, 2).split('\n');
  assert.match(await text(page, 'json-error'), new RegExp(`^JSON syntax error at line ${lines.length}, column 2: `));
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'json-text', 'from the message back to the text');
  assert.deepEqual(problems, []);
  await page.close();
});

test('axe finds nothing with the editor open and showing an error, at desktop width and 375 px; nothing scrolls sideways', async () => {
  for (const width of [1200, 375]) {
    const { page, problems, good } = await withCars({ width, height: 800 });
    await page.click('#json-edit');
    await page.fill('#json-text', '{"format": "ev-chart/1",}');
    await page.click('#json-apply');
    await page.waitForFunction(() => document.getElementById('json-error').textContent !== '', null, { polling: 50 });
    await injectAxe(page);
    assert.deepEqual(await axeViolations(page), [], `axe at ${width} px`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(wide <= 0, `${width} px: the page scrolls sideways by ${wide} px`);
    await page.locator('#json-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, `studio-json-${width}.png`) });
    await page.fill('#json-text', JSON.stringify(storyDescription(good.description), null, 2));
    await page.click('#json-apply');
    await page.waitForFunction(() => document.getElementById('json-panel').hidden, null, { polling: 50 });
    assert.deepEqual(await axeViolations(page), [], `axe at ${width} px with panels`);
    await page.evaluate(() => document.getElementById('build-heading').scrollIntoView());
    await page.screenshot({ path: path.join(ARTIFACTS, `studio-json-panels-${width}.png`) });
    await page.evaluate(() => document.getElementById('panels-note').scrollIntoView());
    await page.screenshot({ path: path.join(ARTIFACTS, `studio-json-panels-form-${width}.png`) });
    await page.evaluate(() => document.getElementById('description-heading').scrollIntoView());
    await page.screenshot({ path: path.join(ARTIFACTS, `studio-json-buttons-${width}.png`) });
    assert.deepEqual(problems, []);
    await page.close();
  }
});
