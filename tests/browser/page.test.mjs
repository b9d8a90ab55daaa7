// End-to-end test of the story page in Debian's Chromium (playwright-core).
// Serves web/ from a small static server on an ephemeral port; needs
// ./build.sh build first (web/build/engine.js, engine.wasm, ev_story.json).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const WEB = path.resolve(here, '../../web');
const ARTIFACTS = path.join(here, 'artifacts');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

// Colours from web/core/palette.js, as RGB.
const COLOURS = { total: [0x5f, 0x5f, 0x5f], domestic: [0x00, 0x72, 0xb2], overseas: [0xd5, 0x5e, 0x00] };

function serve(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const file = path.normalize(path.join(root, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server;
let context;
let base;
let profile;

before(async () => {
  for (const f of ['build/engine.js', 'build/engine.wasm', 'build/ev_story.json']) {
    assert.ok(fs.existsSync(path.join(WEB, f)), `web/${f} missing: run ./build.sh build`);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve(WEB);
  base = `http://127.0.0.1:${server.address().port}/`;
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-browser-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    hasTouch: true,
    viewport: { width: 1200, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

// Opens the page at a viewport width and collects problems.
async function open(width, height = 900) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.setViewportSize({ width, height });
  await page.goto(base);
  const first = await page.evaluate(() => window.evGraphic.ready);
  assert.deepEqual(first, { ok: true });
  return { page, problems };
}

// Marks in page coordinates (CSS px), with the canvas's offset added.
async function marks(page) {
  return page.evaluate(() => {
    const r = document.getElementById('chart-canvas').getBoundingClientRect();
    return window.evGraphic.marks().map((m) => ({ ...m, px: r.left + m.x, py: r.top + m.y }));
  });
}

// RGBA of the canvas pixel at (x, y) CSS px relative to the canvas.
function pixel(page, x, y) {
  return page.evaluate(([x, y]) => {
    const c = document.getElementById('chart-canvas');
    const k = c.width / c.clientWidth;
    return Array.from(c.getContext('2d').getImageData(Math.floor(x * k), Math.floor(y * k), 1, 1).data);
  }, [x, y]);
}

// Count of pixels inside a CSS-px rect within `tol` of an RGB colour.
function countColour(page, rect, rgb, tol = 12) {
  return page.evaluate(([rect, rgb, tol]) => {
    const c = document.getElementById('chart-canvas');
    const k = c.width / c.clientWidth;
    const x = Math.ceil(rect.x * k);
    const y = Math.ceil(rect.y * k);
    const w = Math.max(1, Math.floor(rect.w * k) - 1);
    const h = Math.max(1, Math.floor(rect.h * k) - 1);
    const d = c.getContext('2d').getImageData(x, y, w, h).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - rgb[0]) <= tol && Math.abs(d[i + 1] - rgb[1]) <= tol && Math.abs(d[i + 2] - rgb[2]) <= tol) n += 1;
    }
    return n;
  }, [rect, rgb, tol]);
}

const canvasPixels = (page) => page.evaluate(() => document.getElementById('chart-canvas').toDataURL());
const tooltipText = (page) => page.evaluate(() => {
  const t = document.getElementById('chart-tooltip');
  return t.hidden ? null : { num: t.querySelector('.tt-num')?.textContent ?? '', text: t.textContent };
});
const find = (ms, key, period) => ms.find((m) => m.key === key && m.period === period);

test('desktop: the chart draws the story series with its colours and gaps', async () => {
  const { page, problems } = await open(1200);
  const ms = await marks(page);
  assert.deepEqual(ms.map((m) => `${m.period}/${m.key}${m.empty ? '/empty' : ''}`), [
    '2021-2022/total', '2022/domestic', '2022/overseas/empty', '2023/domestic', '2023/overseas/empty',
    '2024/domestic', '2024/overseas',
  ]);
  for (const m of ms.filter((x) => !x.empty)) {
    const n = await countColour(page, m, COLOURS[m.key]);
    assert.ok(n > 20, `${m.period} ${m.key} drawn in its colour (${n} px)`);
  }
  const solid = find(ms, 'domestic', '2023');
  assert.deepEqual((await pixel(page, solid.x + solid.w / 2, solid.y + solid.h / 2)).slice(0, 3), COLOURS.domestic);
  const hatched = find(ms, 'overseas', '2024');
  const tint = await countColour(page, hatched, COLOURS.overseas, 12);
  const area = hatched.w * hatched.h;
  assert.ok(tint < area * 0.9, 'approximate bar is hatched, not solid');
  for (const m of ms.filter((x) => x.empty)) {
    const mid = await pixel(page, m.hit.x + m.hit.w / 2, m.hit.y + m.hit.h / 2);
    assert.deepEqual(mid, [255, 255, 255, 255], `${m.period} ${m.key} slot stays empty`);
  }
  const legend = await page.locator('#chart-legend').textContent();
  assert.match(legend, /Domestic/);
  assert.match(legend, /Overseas/);
  assert.match(legend, /average 2021–22/);
  const sources = await page.locator('#chart-sources').textContent();
  assert.match(sources, /^Source: Rhodium Group/);
  assert.match(sources, /Bloomberg/);
  assert.match(sources, /CNBC/);
  assert.match(sources, /South China Morning Post/);
  assert.match(await page.locator('#chart-notes').textContent(), /No overseas figure in this dataset for 2022, 2023/);
  assert.equal(await page.locator('#chart-error').textContent(), '');
  assert.equal(await page.evaluate(() => document.getElementById('ev-graphic').dataset.state), 'ready');
  await page.screenshot({ path: path.join(ARTIFACTS, 'desktop.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('hover and touch show the value, its qualifier and its source', async () => {
  const { page, problems } = await open(1200);
  const ms = await marks(page);
  const d23 = find(ms, 'domestic', '2023');
  await page.mouse.move(d23.px + d23.w / 2, d23.py + d23.h / 2);
  let t = await tooltipText(page);
  assert.equal(t.num, '41');
  assert.match(t.text, /Domestic, 2023/);
  assert.match(t.text, /As reported/);
  assert.match(t.text, /Source: CNBC/);
  const o24 = find(ms, 'overseas', '2024');
  await page.mouse.move(o24.px + o24.w / 2, o24.py + o24.h / 2);
  t = await tooltipText(page);
  assert.equal(t.num, '≈16');
  assert.match(t.text, /Approximate: about US\$16bn/);
  assert.match(t.text, /Source: Bloomberg/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'desktop-tooltip.png') });
  const d22 = find(ms, 'domestic', '2022');
  await page.mouse.move(d22.px + d22.w / 2, d22.py + 5);
  t = await tooltipText(page);
  assert.equal(t.num, 'over 90');
  assert.match(t.text, /Lower bound/);
  const gap = find(ms, 'overseas', '2023');
  await page.mouse.move(gap.hit.x + gap.hit.w / 2 + (gap.px - gap.x), gap.py - 10);
  t = await tooltipText(page);
  assert.match(t.text, /No figure in this dataset/);
  await page.mouse.move(5, 5);
  assert.equal(await tooltipText(page), null);

  const avg = find(ms, 'total', '2021-2022');
  await page.touchscreen.tap(avg.px + avg.w / 2, avg.py + avg.h / 2);
  t = await tooltipText(page);
  assert.equal(t.num, '92');
  assert.match(t.text, /Two-year average \(2021–22\)/);
  const head = await page.locator('h1').boundingBox();
  await page.touchscreen.tap(head.x + 10, head.y + 10);
  assert.equal(await tooltipText(page), null, 'a tap elsewhere hides the tooltip');
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard: arrows move between bars and announce them', async () => {
  const { page, problems } = await open(1200);
  await page.focus('#chart-canvas');
  await page.keyboard.press('ArrowRight');
  let live = await page.locator('#chart-live').textContent();
  assert.match(live, /^All locations, 2021–22\. US\$92bn\. Two-year average/);
  assert.equal((await tooltipText(page)).num, '92');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  live = await page.locator('#chart-live').textContent();
  assert.match(live, /^Overseas, 2022\. No figure in this dataset\./);
  await page.keyboard.press('End');
  live = await page.locator('#chart-live').textContent();
  assert.match(live, /^Overseas, 2024\. about US\$16bn\./);
  await page.screenshot({ path: path.join(ARTIFACTS, 'desktop-keyboard.png') });
  await page.keyboard.press('Escape');
  assert.equal(await tooltipText(page), null);
  assert.deepEqual(problems, []);
  await page.close();
});

test('bad input: the error names the problem and the chart stays as it was', async () => {
  const { page, problems } = await open(1200);
  const before = await canvasPixels(page);
  const bad = await page.evaluate(() => window.evGraphic.load('{"investment": ['));
  assert.equal(bad.ok, false);
  assert.equal(bad.code, 'PARSE');
  const err = page.locator('#chart-error');
  assert.match(await err.textContent(), /line 1, column \d+/);
  assert.equal(await err.getAttribute('role'), 'alert');
  assert.ok(await err.isVisible());
  assert.equal(await canvasPixels(page), before, 'chart pixels unchanged');
  await page.screenshot({ path: path.join(ARTIFACTS, 'desktop-error.png') });

  const none = await page.evaluate(() => window.evGraphic.load('{"other": [{"a": 1}], "sources": []}'));
  assert.equal(none.ok, false);
  assert.match(await err.textContent(), /no 'investment' table \(tables found: other/);
  assert.equal(await canvasPixels(page), before);
  assert.equal((await marks(page)).length, 7);

  const badUrl = await page.evaluate(() => window.evGraphic.load('nowhere/missing.json'));
  assert.equal(badUrl.ok, false);
  assert.match(await err.textContent(), /HTTP 404/);
  assert.equal(await canvasPixels(page), before);
  problems.length = 0; // the 404 above was deliberate

  // Every kind of bad document the engine rejects: a clear message in the
  // page, the chart untouched.
  const cases = [
    ['empty array', '[]', 'SHAPE', /empty array/],
    ['wrong type in a column', '{"investment": [{"usd_bn": 1}, {"usd_bn": "x"}]}', 'TYPE', /row 2, column 'usd_bn': expected number, got string/],
    ['huge number', '{"investment": [{"usd_bn": 1e400}]}', 'RANGE', /row 1, column 'usd_bn': number out of range/],
    ['NaN spelled as a string', '{"investment": [{"usd_bn": 1}, {"usd_bn": "NaN"}]}', 'TYPE', /got string "NaN"/],
    ['Infinity spelled as a string', '{"investment": [{"usd_bn": 1}, {"usd_bn": "Infinity"}]}', 'TYPE', /got string "Infinity"/],
    ['bare NaN', '{"investment": [{"usd_bn": NaN}]}', 'PARSE', /line 1, column \d+/],
  ];
  for (const [what, text, code, pattern] of cases) {
    const r = await page.evaluate((t) => window.evGraphic.load(t), text);
    assert.equal(r.ok, false, what);
    assert.equal(r.code, code, what);
    assert.match(await err.textContent(), pattern, what);
    assert.equal(await canvasPixels(page), before, `${what}: chart pixels unchanged`);
  }
  // 10 MB of random bytes (fixed seed), handed over as bytes.
  const random = await page.evaluate(() => {
    const bytes = new Uint8Array(10 * 1024 * 1024);
    let x = 2463534242;
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      bytes[i] = x & 0xff;
    }
    return window.evGraphic.load(bytes);
  });
  assert.equal(random.ok, false);
  assert.equal(random.code, 'PARSE');
  assert.match(await err.textContent(), /JSON parse error at line \d+, column \d+/);
  assert.equal(await canvasPixels(page), before, 'random bytes: chart pixels unchanged');

  const good = await page.evaluate(() => window.evGraphic.load('build/ev_story.json'));
  assert.deepEqual(good, { ok: true });
  assert.equal(await err.textContent(), '');
  assert.equal(await canvasPixels(page), before, 'same data, same drawing');
  assert.deepEqual(problems, []);
  await page.close();
});

test('320 px phone: the chart fits, draws, and its tooltip stays on screen', async () => {
  const { page, problems } = await open(320, 700);
  const size = await page.evaluate(() => {
    const c = document.getElementById('chart-canvas');
    const r = c.getBoundingClientRect();
    return { left: r.left, right: r.right, scroll: document.documentElement.scrollWidth, backing: c.width, css: c.clientWidth, dpr: devicePixelRatio };
  });
  assert.ok(size.left >= 0 && size.right <= 320, `canvas within the viewport (${size.left}–${size.right})`);
  assert.ok(size.scroll <= 320, 'no horizontal scrolling');
  assert.equal(size.backing, Math.round(size.css * size.dpr));
  await page.locator('#chart-canvas').scrollIntoViewIfNeeded();
  const ms = await marks(page);
  for (const m of ms.filter((x) => !x.empty)) assert.ok(await countColour(page, m, COLOURS[m.key]) > 5, `${m.period} ${m.key} drawn`);
  const o24 = find(ms, 'overseas', '2024');
  await page.touchscreen.tap(o24.px + o24.w / 2, o24.py + o24.h / 2);
  const box = await page.locator('#chart-tooltip').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 320, 'tooltip within the viewport');
  assert.equal((await tooltipText(page)).num, '≈16');
  await page.screenshot({ path: path.join(ARTIFACTS, 'phone-320-tooltip.png'), fullPage: true });
  await page.touchscreen.tap(5, 5);
  await page.screenshot({ path: path.join(ARTIFACTS, 'phone-320.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('resize and high-DPI: the canvas follows its container and stays sharp', async () => {
  const { page, problems } = await open(1200);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 700, height: 900, deviceScaleFactor: 2, mobile: false });
  await page.waitForFunction(() => {
    const c = document.getElementById('chart-canvas');
    return devicePixelRatio === 2 && c.width === c.clientWidth * 2 && c.clientWidth < 700;
  });
  const ms = await marks(page);
  const d23 = find(ms, 'domestic', '2023');
  assert.deepEqual((await pixel(page, d23.x + d23.w / 2, d23.y + d23.h / 2)).slice(0, 3), COLOURS.domestic);
  await page.screenshot({ path: path.join(ARTIFACTS, 'tablet-700-dpr2.png') });
  await cdp.send('Emulation.clearDeviceMetricsOverride');
  assert.deepEqual(problems, []);
  await page.close();
});
