// ./build.sh dist, in Chromium: the offline file opened from file: with
// every non-file request blocked renders every view and responds to the
// reader in both languages, with zero CSP violations under its hashed
// policy; the offline file it downloads carries the view and works the
// same; the hostable folder runs on a static server; the preview image is
// 1200×630. Needs ./build.sh dist (./build.sh test builds it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium, serveStatic } from './helpers/static-server.mjs';
import { ARTIFACTS } from './helpers/page-harness.mjs';
import { cspConsole, cspViolations, download, openDownloads, pngSize, watchCsp } from './helpers/share-tools.mjs';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const OFFLINE = path.join(DIST, 'ev-going-global.html');
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

let browser;
let requests; // every request that was not for a file: URL
let tmp;

before(async () => {
  for (const f of ['ev-going-global.html', 'index.html', 'embed.html', 'app.js', 'embed-host.js', 'build/engine.wasm', 'build/preview.png']) {
    assert.ok(fs.existsSync(path.join(DIST, f)), `dist/${f} missing: run ./build.sh dist`);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-dist-'));
  browser = await launchChromium({ acceptDownloads: true });
  requests = [];
  await browser.context.route((url) => url.protocol !== 'file:' && !url.href.startsWith('blob:'), (route) => {
    requests.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await watchCsp(browser.context);
});

after(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// Opens a file: URL and waits for the first draw.
async function openFile(file, query = '') {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  const csp = cspConsole(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(pathToFileURL(file).href + query);
  assert.deepEqual(await page.evaluate(() => window.evGraphic.ready), { ok: true });
  return { page, problems, csp };
}

const marks = (page) => page.evaluate(() => window.evGraphic.marks());

test('the offline file is one file: nothing to fetch, a CSP of hashes, sizes reported', () => {
  const html = fs.readFileSync(OFFLINE, 'utf8');
  const tags = html.replace(/(<(script|style)\b[^>]*>)[\s\S]*?<\/\2>/g, '$1'); // the markup without script and style text
  assert.doesNotMatch(tags, /<script[^>]*\ssrc=|<link[^>]*\shref=(?!"data:)|<img|<iframe/, 'no external script, stylesheet or image');
  assert.equal((tags.match(/<script>/g) ?? []).length, 2, 'two inline scripts: the engine and the bundle');
  assert.match(html, /<html lang="en" data-ev-offline data-ev-state="">/);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)[1];
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]{44}' 'sha256-[A-Za-z0-9+/=]{44}' 'wasm-unsafe-eval'/);
  assert.match(csp, /style-src 'sha256-/);
  assert.match(csp, /connect-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'|'self'/);
  assert.ok(html.includes('data-src="build/ev_story.json"'), 'the dataset is inlined');
  assert.ok(html.includes('data:application/octet-stream;base64,'), 'the engine carries its .wasm');
  const sizes = JSON.parse(fs.readFileSync(path.join(DIST, 'sizes.json'), 'utf8'));
  assert.equal(sizes.offline.raw, Buffer.byteLength(html));
  assert.equal(sizes.offline.gzip, zlib.gzipSync(html, { level: 9 }).length);
  assert.ok(sizes.offline.raw < 3 * 1024 * 1024, `${sizes.offline.raw} bytes`);
});

test('from file: with the network blocked: every view, both languages, the reader’s interactions, the data table', async () => {
  requests.length = 0;
  const { page, problems, csp } = await openFile(OFFLINE);
  const views = await page.evaluate(() => window.evGraphic.views);
  assert.ok(views.length >= 5);
  for (const lang of ['en', 'zh']) {
    await page.locator(`#lang-switch button[data-lang="${lang}"]`).click();
    await settle(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang === 'zh' ? 'zh-Hans' : 'en');
    for (const v of views) {
      await page.locator(`#tab-${v}`).click();
      await settle(page);
      const ms = await marks(page);
      assert.ok(ms.length > 0, `${v}/${lang}: marks`);
      assert.ok((await page.locator('#chart-table tbody tr').count()) > 0, `${v}/${lang}: the data table`);
      assert.ok((await page.locator('#chart-finding').textContent()).length > 10);
      if (lang === 'zh') assert.match(await page.locator('#chart-title').textContent(), /[\u4e00-\u9fff]/);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, `dist-offline-1100-${lang}.png`) });
  }
  // interactions, from the reader's side
  await page.locator('#tab-investment').click();
  await settle(page);
  const before = (await marks(page)).length;
  await page.locator('#chart-legend button').first().click();
  await settle(page);
  assert.ok((await marks(page)).length < before, 'a legend button hides a series');
  await page.locator('#chart-legend button').first().click();
  await page.locator('#chart-controls button').nth(1).click();
  await settle(page);
  assert.equal(await page.locator('#chart-controls button').nth(1).getAttribute('aria-pressed'), 'true');
  await page.locator('#tab-capacity').click();
  await settle(page);
  const range = page.locator('input[type="range"][data-end="from"]');
  const y0 = await range.inputValue();
  await range.focus();
  await page.keyboard.press('ArrowRight');
  await settle(page);
  assert.equal(Number(await range.inputValue()), Number(y0) + 1, 'the year slider moves');
  await page.locator('#chart-canvas').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const c = await page.locator('#chart-canvas').boundingBox();
  const m = (await marks(page)).find((x) => !x.empty && x.kind === 'point');
  await page.mouse.move(c.x + m.x + m.w / 2, c.y + m.y + m.h / 2);
  await page.waitForSelector('#chart-tooltip:not([hidden])');
  await page.locator('#tab-projects').click();
  await settle(page);
  await page.locator('#chart-canvas').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.ok(await page.locator('#chart-detail').isVisible(), 'Enter lists a bar’s projects');
  await page.waitForFunction(() => location.search.includes('view=projects')); // the URL keeps the view even from file: (debounced)
  assert.deepEqual(requests, [], 'no request left the file');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(csp, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the offline file downloads itself with the current view baked in; that copy opens on that view, CSP intact', async () => {
  requests.length = 0;
  const { page, problems } = await openFile(OFFLINE, '?v=1&view=exports&lang=zh&from=2021');
  await openDownloads(page);
  const { name, bytes } = await download(page, 'html');
  assert.equal(name, 'ev-going-global-exports-zh.html');
  const text = bytes.toString('utf8');
  assert.match(text, /<html lang="en" data-ev-offline(="")? data-ev-state="\?v=1&amp;view=exports&amp;lang=zh&amp;from=2021">/);
  const copy = path.join(tmp, name);
  fs.writeFileSync(copy, bytes);
  await page.close();
  const again = await openFile(copy);
  const st = await again.page.evaluate(() => window.evGraphic.state());
  assert.equal(st.view, 'exports');
  assert.equal(st.lang, 'zh');
  assert.equal(st.views.exports.from, 2021);
  assert.equal(await again.page.locator('#tab-exports').getAttribute('aria-selected'), 'true');
  assert.ok((await marks(again.page)).length > 0);
  // and a copy of the copy
  await openDownloads(again.page);
  await again.page.locator('#tab-europe').click();
  await settle(again.page);
  const second = await download(again.page, 'html');
  assert.match(second.bytes.toString('utf8'), /data-ev-state="\?v=1&amp;view=europe&amp;lang=zh"/);
  assert.deepEqual(await cspViolations(again.page), [], 'the hashes still match the re-serialised scripts');
  assert.deepEqual(requests, []);
  assert.deepEqual([...problems, ...again.problems], []);
  await again.page.close();
});

test('the hostable folder on a static server: the bundle runs, zero CSP violations, the offline page downloads with the view', async () => {
  const { server, base } = await serveStatic(DIST);
  const ctx = await launchChromium({ acceptDownloads: true });
  try {
    await watchCsp(ctx.context);
    for (const file of ['index.html', 'embed.html']) {
      const page = await ctx.context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      await page.goto(`${base}${file}?v=1&view=capacity&scale=log`);
      assert.deepEqual(await page.evaluate(() => window.evGraphic.ready), { ok: true });
      assert.equal(await page.evaluate(() => window.evGraphic.state().views.capacity.scale), 'log');
      assert.equal(await page.locator('script[type="module"]').count(), 0, 'one classic bundle, no modules');
      await openDownloads(page);
      const { name, bytes } = await download(page, 'html');
      assert.equal(name, 'ev-going-global-capacity-en.html');
      assert.match(bytes.toString('utf8'), /data-ev-state="\?v=1&amp;view=capacity&amp;scale=log"/);
      assert.deepEqual(await cspViolations(page), [], file);
      assert.deepEqual(problems, [], file);
      await page.close();
    }
  } finally {
    await ctx.close();
    await new Promise((r) => server.close(r));
  }
});

test('link previews: Open Graph and Twitter tags with a 1200×630 PNG; a fallback image for readers without JavaScript', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  for (const tag of ['og:title', 'og:description', 'og:image', 'og:image:width', 'og:image:height', 'og:image:alt']) {
    assert.match(html, new RegExp(`<meta property="${tag}" content="[^"]+">`), tag);
  }
  assert.match(html, /<meta name="twitter:card" content="summary_large_image">/);
  const image = /<meta property="og:image" content="([^"]+)">/.exec(html)[1];
  assert.ok(image.endsWith('build/preview.png'));
  assert.deepEqual(pngSize(fs.readFileSync(path.join(DIST, 'build/preview.png'))), { width: 1200, height: 630 });
  const fallback = pngSize(fs.readFileSync(path.join(DIST, 'build/fallback.png')));
  assert.ok(fallback.width >= 1200, 'the fallback is sharp enough for print');
  assert.match(html, /<noscript>[\s\S]*<img class="fallback" src="build\/fallback\.png" alt="[^"]{40,}">[\s\S]*<\/noscript>/);
});

test('without JavaScript, the hostable page shows the fallback image', async () => {
  const { server, base } = await serveStatic(DIST);
  const ctx = await launchChromium({ javaScriptEnabled: false });
  try {
    const page = await ctx.context.newPage();
    await page.goto(base);
    const img = page.locator('img.fallback');
    await img.waitFor({ state: 'visible' });
    assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 1000));
    await page.screenshot({ path: path.join(ARTIFACTS, 'dist-nojs.png') });
    await page.close();
  } finally {
    await ctx.close();
    await new Promise((r) => server.close(r));
  }
});
