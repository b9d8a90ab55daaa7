// Hostile datasets in Chromium (issue 6): every label a payload, and a
// dataset that runs the engine out of memory.
//
// 1. Labels: starting from data/ev_story.json, each string column in turn
//    has every distinct value replaced by a distinct hostile string (HTML and
//    SVG with handlers, <script>, javascript: URLs, RTL overrides, names of
//    Object.prototype members, 100 KB strings). The page must accept each
//    such dataset. A column stays hostile when every view draws as many
//    marks as before (key columns, whose values the views filter and join
//    on, are put back and named in the output). The label columns a reader
//    sees must all end up hostile. Then in every view and both
//    languages: nothing executes (no dialog, window.__pwned unset), no
//    element, handler attribute or link scheme is added, no request leaves
//    for anything but the world shapes, the payloads show as literal text,
//    and the chart draws.
// 2. Out of memory: a 3 MB dataset that needs 2 GiB of table is refused with
//    NOMEM; the page discards the grown instance, loads the last good
//    dataset into a fresh one, and the chart drawn before stays, pixel for
//    pixel; every view still works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, canvasPixels, marks, settle, show, startHarness, WEB } from './helpers/page-harness.mjs';
import { cspViolations, watchCsp } from './helpers/share-tools.mjs';

let h;
before(async () => {
  h = await startHarness();
  await watchCsp(h.context);
});
after(async () => { await h?.close(); });

const STORY = JSON.parse(fs.readFileSync(path.join(WEB, 'build/ev_story.json'), 'utf8'));

const LONG = `${'<b>long</b> \u202E'.repeat(8000)}end`; // 100 KB
const PAYLOADS = [
  (i) => `<img src=x onerror="window.__pwned='img ${i}'">`,
  (i) => `<script>window.__pwned='script ${i}'</script>`,
  (i) => `javascript:window.__pwned='js ${i}'`,
  (i) => `"><svg onload="window.__pwned='svg ${i}'"></svg>`,
  (i) => `\u202Eexe.${i}\u202C evil \u200F\u2067rtl\u2069`,
  (i) => `{{constructor.constructor('window.__pwned=${i}')()}}`,
  (i) => `&lt;i&gt;${i}&amp;amp; <a href="javascript:alert(${i})">link</a>`,
  (i) => ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'][i % 5] + (i < 5 ? '' : ` ${i}`),
];
const payload = (i) => PAYLOADS[i % PAYLOADS.length](i);

// The label columns a reader sees as text (legends, tooltips, tables,
// notes, sources, detail list): each must take hostile values.
const MUST = ['names.en', 'names.zh', 'countries.name_en', 'countries.name_zh', 'sources.publisher', 'sources.title',
  'sources.url', 'projects.company', 'projects.location', 'projects.note', 'projects.status_zh', 'investment.note',
  'indicators.note', 'series_points.note'];

function tablesOf(doc) {
  return Object.entries(doc).filter(([, v]) => Array.isArray(v) && v.length && typeof v[0] === 'object');
}

// Distinct value number i of the column → payload(i), except that the
// first value found in one row only becomes the 100 KB string.
function withHostile(doc, table, column) {
  const out = structuredClone(doc);
  const rows = out[table].filter((r) => typeof r[column] === 'string');
  const count = new Map();
  for (const r of rows) count.set(r[column], (count.get(r[column]) ?? 0) + 1);
  const once = [...count.keys()].find((v) => count.get(v) === 1);
  const seen = new Map();
  for (const row of rows) {
    const v = row[column];
    if (!seen.has(v)) seen.set(v, v === once ? LONG : payload(seen.size));
    row[column] = seen.get(v);
  }
  return out;
}

const probe = (page) => page.evaluate(() => ({
  pwned: window.__pwned ?? null,
  polluted: ({}).polluted ?? null,
  elements: [...document.querySelectorAll('script, img, svg, iframe, object, embed, link, style, base, meta, form')]
    .map((e) => e.tagName + (e.getAttribute('href') ?? e.getAttribute('src') ?? '')).sort(),
  handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}.${a.name}`)),
  links: [...document.querySelectorAll('a[href]')].map((a) => a.protocol),
  text: document.body.innerText,
  marks: window.evGraphic.marks().length,
  state: document.getElementById('ev-graphic').dataset.state,
  error: document.getElementById('chart-error').textContent,
}));

test('every label a hostile payload: nothing runs, nothing is added, the text shows as text, the charts draw', async () => {
  const { page, problems } = await h.open({ width: 1000 });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const clean = await probe(page);

  // The number of marks in each view: a label column changes none of them.
  const views = await page.evaluate(() => window.evGraphic.views);
  const canvasHeight = () => page.evaluate(() => document.getElementById('chart-canvas').clientHeight);
  const cleanHeight = {};
  const markCounts = async () => {
    const out = [];
    for (const v of views) {
      await show(page, v);
      out.push((await marks(page)).length);
      cleanHeight[v] ??= await canvasHeight();
    }
    return out.join(' ');
  };
  const counts = await markCounts();

  // One column at a time, kept hostile when the page accepts the dataset and
  // draws the same number of marks in every view. Key columns (the values
  // the views filter and join on) change the charts and are put back.
  let doc = STORY;
  const kept = [];
  const keys = [];
  const refused = [];
  for (const [name, rows] of tablesOf(STORY)) {
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => rows.some((r) => typeof r[c] === 'string'));
    for (const c of columns) {
      const next = withHostile(doc, name, c);
      const r = await page.evaluate((t) => window.evGraphic.load(t), JSON.stringify(next));
      if (!r.ok) {
        // The engine checks the story's description against each dataset:
        // a key column the description requires a form of (the map key:
        // ISO alpha-3 codes) is refused with the description's path, and the
        // last good dataset stays drawn.
        assert.match(r.message, /^The chart description was refused: views\[\d+\]\.[a-z.[\]0-9]+: /, `${name}.${c}: refused by the description check, with its path`);
        assert.equal(await markCounts(), counts, `${name}.${c}: the last good dataset stays`);
        refused.push(`${name}.${c}`);
        continue;
      }
      if (await markCounts() === counts) {
        doc = next;
        kept.push(`${name}.${c}`);
      } else {
        keys.push(`${name}.${c}`);
      }
    }
  }
  console.log(`# hostile columns: ${kept.length}; key columns left as they were: ${keys.join(', ')}; refused by the description check: ${refused.join(', ')}`);
  assert.deepEqual(refused, ['series_points.series_id', 'projects.iso3'],
    'only the series values the exports compare reads (views[2].panels[0].compare.series, checked against the rows) and the map key (views[5].map.key: ISO alpha-3 codes) are refused');
  for (const c of MUST) assert.ok(kept.includes(c), `label column ${c} takes hostile values`);
  assert.ok(kept.length >= 40, `${kept.length} columns hostile`);

  const r = await page.evaluate((t) => window.evGraphic.load(t), JSON.stringify(doc));
  assert.deepEqual(r, { ok: true });
  requests.length = 0;
  for (const lang of ['en', 'zh']) {
    await page.evaluate((l) => window.evGraphic.setLanguage(l), lang);
    for (const view of await page.evaluate(() => window.evGraphic.views)) {
      await show(page, view);
      await settle(page);
      // the tooltip and the live region: move through a few marks by keyboard
      await page.locator('#chart-canvas').focus();
      for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowRight');
      await settle(page);
      const p = await probe(page);
      const at = `${view} (${lang})`;
      assert.equal(p.pwned, null, at);
      assert.equal(p.polluted, null, at);
      assert.deepEqual(p.handlers, [], at);
      assert.deepEqual(p.elements, clean.elements, `${at}: no element added`);
      assert.ok(p.links.every((x) => x === 'http:' || x === 'https:'), `${at}: links ${p.links}`);
      assert.ok(p.marks > 0, `${at}: a chart`);
      // long labels end in '…' after a few lines: the canvas keeps a height
      // it can have (Chromium draws nothing on one over 32,767 px)
      const height = await canvasHeight();
      assert.ok(height <= 2 * cleanHeight[view], `${at}: canvas ${height} px high, ${cleanHeight[view]} px with the story's labels`);
      assert.equal(p.state, 'ready', at);
      assert.equal(p.error, '', at);
      assert.deepEqual(await cspViolations(page), [], at);
      // the viewport only: a 100 KB note makes the full page very tall
      await page.locator('#ev-graphic').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, `hostile-${view}-${lang}.png`) });
    }
  }
  // the payloads reached the page as text
  await show(page, 'projects');
  const text = (await probe(page)).text;
  assert.ok(text.includes('<img src=x onerror='), 'HTML shown literally');
  assert.ok(text.includes('&lt;i&gt;'), 'entities shown literally, not decoded');
  assert.ok(requests.every((u) => /\/build\/(land|countries)-110m\.json$/.test(u)), `requests: ${requests}`);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('out of memory: a fresh engine instance takes the last good dataset; the chart stays as it was', async () => {
  const { page, problems } = await h.open({ width: 1000 });
  await show(page, 'capacity');
  const before = await canvasPixels(page);
  const memBefore = await page.evaluate(() => window.evGraphic.engineMemory());
  // 1,000,000 rows x 256 number columns = 2 GiB of table from a 3 MB text,
  // inside every input limit: the engine grows to its 1 GiB ceiling and fails
  const r = await page.evaluate(() => {
    const cols = Array.from({ length: 256 }, (_, i) => `"c${i}":${i}`).join(',');
    return window.evGraphic.load(`{"investment":[{${cols}}${',{}'.repeat(999999)}]}`);
  });
  assert.equal(r.ok, false);
  assert.equal(r.code, 'NOMEM');
  // (3 MB: the stream path, see README "Input")
  assert.match(r.message, /: out of memory reading table 'investment'$/);
  assert.match(await page.locator('#chart-error').textContent(), /out of memory/);
  assert.equal(await canvasPixels(page), before, 'the chart drawn before stays');
  const memAfter = await page.evaluate(() => window.evGraphic.engineMemory());
  assert.ok(memAfter > 0 && memAfter <= Math.max(memBefore, 64 * 2 ** 20), `a fresh instance (${memAfter} bytes, was ${memBefore})`);
  // every view works from the reloaded dataset, the map's shapes included
  for (const view of await page.evaluate(() => window.evGraphic.views)) {
    await show(page, view);
    assert.ok((await marks(page)).length > 0, view);
  }
  await show(page, 'capacity');
  assert.equal(await canvasPixels(page), before, 'the same drawing from the fresh instance');
  const good = await page.evaluate(() => window.evGraphic.load('build/ev_story.json'));
  assert.deepEqual(good, { ok: true });
  assert.equal(await page.locator('#chart-error').textContent(), '');
  assert.deepEqual(problems, []);
  await page.close();
});

// The story's chart description goes through the engine's check before it
// is drawn (app/graphic.js, as chart-mount.js does): one whose projects y
// column is misspelt is refused with the engine's message (what and where)
// in the status line, and the chart drawn before stays, pixel for pixel.
const DESCRIPTION = fs.readFileSync(path.join(WEB, 'build/ev_story.chart.json'), 'utf8');
function misspelt() {
  const d = JSON.parse(DESCRIPTION);
  const projects = d.views.findIndex((v) => v.id === 'projects');
  assert.equal(d.views[projects].y.column, 'usd_bn');
  d.views[projects].y.column = 'usd_nb';
  return { text: JSON.stringify(d), where: `views[${projects}].y.column` };
}
const MISSPELT_MESSAGE = (where) => new RegExp(`^The chart description was refused: ${where.replace(/[[\].]/g, '\\$&')}: table 'projects' has no column 'usd_nb' \\(did you mean 'usd_bn'\\?\\)$`);

test('a description the engine refuses (a misspelt y column) shows the engine\'s message; the last good chart stays', async () => {
  const { page, problems } = await h.open({ width: 1000, query: '?view=projects' });
  await settle(page);
  const before = await canvasPixels(page);
  const beforeMarks = (await marks(page)).map((m) => [m.id, m.value]);
  assert.ok(beforeMarks.length > 5);
  const bad = misspelt();
  const r = await page.evaluate((t) => window.evGraphic.setDescription(t), bad.text);
  assert.equal(r.ok, false);
  assert.equal(r.code, 'COLUMN');
  assert.match(r.message, MISSPELT_MESSAGE(bad.where));
  assert.match(await page.locator('#chart-error').textContent(), MISSPELT_MESSAGE(bad.where));
  assert.equal(await canvasPixels(page), before, 'the chart drawn before stays');
  assert.deepEqual((await marks(page)).map((m) => [m.id, m.value]), beforeMarks);
  // the last good description is still the one drawn: every view works, a
  // new dataset is checked against it, and the good description is taken
  for (const view of await page.evaluate(() => window.evGraphic.views)) {
    await show(page, view);
    assert.ok((await marks(page)).length > 0, view);
  }
  assert.deepEqual(await page.evaluate(() => window.evGraphic.load('build/ev_story.json')), { ok: true });
  assert.equal(await page.locator('#chart-error').textContent(), '');
  assert.deepEqual(await page.evaluate((t) => window.evGraphic.setDescription(t), DESCRIPTION), { ok: true });
  await show(page, 'projects');
  assert.equal(await canvasPixels(page), before, 'the good description draws the same chart');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a misspelt description served as build/ev_story.chart.json: the page says what and where, and draws nothing false', async () => {
  const page = await h.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const bad = misspelt();
  await page.route('**/build/ev_story.chart.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: bad.text }));
  await page.goto(h.base);
  const r = await page.evaluate(() => window.evGraphic.ready);
  assert.equal(r.ok, false);
  assert.equal(r.code, 'COLUMN');
  assert.match(await page.locator('#chart-error').textContent(), MISSPELT_MESSAGE(bad.where));
  assert.equal(await page.evaluate(() => window.evGraphic.marks().length), 0, 'no chart from a refused description');
  assert.deepEqual(errors, []);
  await page.close();
});
