// The responsive embed, in Chromium: a host page on another localhost port
// (with a strict CSP of its own that allows only the graphic's origin)
// pastes the snippet from the Embed control; the iframe's height follows
// the graphic at phone and desktop widths and when the content changes;
// messages from other windows, from other origins and with bad heights
// are ignored; AMP's embed-size message is sent too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS, WEB } from './helpers/page-harness.mjs';
import { launchChromium, serveStatic } from './helpers/static-server.mjs';
import { cspViolations, watchCsp } from './helpers/share-tools.mjs';

let graphic; // the graphic's server (web/)
let host; // the host's server (another port)
let hostDir;
let browser;

before(async () => {
  graphic = await serveStatic(WEB);
  hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-host-'));
  host = await serveStatic(hostDir);
  browser = await launchChromium();
  await watchCsp(browser.context);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

after(async () => {
  await browser?.close();
  for (const s of [graphic, host]) if (s) await new Promise((r) => s.server.close(r));
  if (hostDir) fs.rmSync(hostDir, { recursive: true, force: true });
});

const origin = (base) => new URL(base).origin;

// The snippet as the Embed control shows it for `query`.
async function snippetFor(query) {
  const page = await browser.context.newPage();
  await page.goto(graphic.base + query);
  await page.evaluate(() => window.evGraphic.ready);
  await page.locator('#graphic-share [data-action="embed"]').click();
  assert.equal(await page.locator('#graphic-share [data-action="embed"]').getAttribute('aria-expanded'), 'true');
  const code = await page.locator('#graphic-share textarea').inputValue();
  await page.locator('#graphic-share [data-action="copy-code"]').click();
  await page.waitForFunction(() => document.querySelector('#graphic-share [role="status"]').textContent !== '');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code, 'Copy code copies the snippet');
  await page.close();
  return code;
}

// Writes host.html (article text around the snippet) and returns its URL.
function writeHost(name, snippet, extra = '', frames = '') {
  const g = origin(graphic.base);
  const csp = `default-src 'none'; script-src ${g}; frame-src ${g}${frames}; style-src 'none'; img-src data:`;
  fs.writeFileSync(path.join(hostDir, name), `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Host article</title></head>
<body>
<h1>A news article</h1>
<p>Paragraph before the graphic.</p>
${snippet}
<p id="after">Paragraph after the graphic.</p>
${extra}
</body></html>`);
  return host.base + name;
}

// Opens the host page at `width`; returns { page, frame, problems, amp }.
async function openHost(url, width) {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.setViewportSize({ width, height: 800 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(url);
  const handle = await page.waitForSelector('iframe[data-ev-graphic]');
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => window.evGraphic && document.getElementById('ev-graphic').dataset.state === 'ready');
  return { page, frame, problems };
}

// The iframe's height and the height of the document inside it.
async function heights(page, frame) {
  const outer = await page.evaluate(() => document.querySelector('iframe[data-ev-graphic]').getBoundingClientRect().height);
  const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  const scrolls = await frame.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 1);
  return { outer, inner, scrolls };
}

async function fits(page, frame, what) {
  const deadline = Date.now() + 5000;
  let h;
  do {
    h = await heights(page, frame);
    if (Math.abs(h.outer - h.inner) <= 1 && !h.scrolls) return h;
    await page.waitForTimeout(50);
  } while (Date.now() < deadline);
  assert.fail(`${what}: the iframe is ${h.outer}px for ${h.inner}px of content${h.scrolls ? ' (it scrolls)' : ''}`);
  return h;
}

test('the snippet: an iframe of embed.html for this view and the host script, with no inline style or script', async () => {
  const code = await snippetFor('?v=1&view=exports&lang=zh');
  const g = graphic.base;
  assert.equal(code, `<iframe src="${g}embed.html?v=1&amp;view=exports&amp;lang=zh" title="中国电动汽车供应链企业海外投资首超国内" width="100%" height="720" loading="lazy" allow="clipboard-write" data-ev-graphic></iframe>\n<script src="${g}embed-host.js" async></script>`);
  assert.doesNotMatch(code, /style=|on[a-z]+=/);
});

test('embed.html is the graphic alone: index.html’s figure, without the story’s headline and standfirst', async () => {
  const figure = (f) => /<figure class="graphic"[\s\S]*?<\/figure>/.exec(fs.readFileSync(path.join(WEB, f), 'utf8'))[0];
  assert.equal(figure('embed.html'), figure('index.html'), 'embed.html’s <figure> must be a copy of index.html’s');
  const page = await browser.context.newPage();
  await page.goto(`${graphic.base}embed.html`);
  await page.evaluate(() => window.evGraphic.ready);
  const h1 = await page.locator('h1').boundingBox();
  assert.ok(h1.width <= 1 && h1.height <= 1, 'the headline is for screen readers only');
  assert.equal(await page.locator('#dek').isVisible(), false);
  assert.ok(await page.locator('#chart-canvas').isVisible());
  assert.ok(await page.locator('#lang-switch').isVisible());
  await page.close();
});

test('phone (320) and desktop (1200): the iframe height follows the graphic, also when its content grows', async () => {
  const snippet = await snippetFor('?v=1&view=projects');
  const url = writeHost('host.html', snippet, '<div id="amp-log"></div>');
  for (const width of [320, 1200]) {
    const { page, frame, problems } = await openHost(url, width);
    await page.evaluate(() => {
      window.__amp = [];
      window.addEventListener('message', (e) => { if (e.data && e.data.sentinel === 'amp') window.__amp.push(e.data); });
    });
    const first = await fits(page, frame, `${width}px`);
    assert.ok(first.outer > 300, `${width}: ${first.outer}px tall`);
    await page.screenshot({ path: path.join(ARTIFACTS, `embed-host-${width}.png`), fullPage: true });
    // a bar opens its project list: the graphic grows, and so does the frame
    const m = await frame.evaluate(() => window.evGraphic.marks()[0]);
    await frame.locator('#chart-canvas').click({ position: { x: m.x + m.w / 2, y: m.hit.y + m.hit.h / 2 } });
    await frame.waitForFunction(() => !document.getElementById('chart-detail').hidden);
    const grown = await fits(page, frame, `${width}px after selecting a bar`);
    assert.ok(grown.outer > first.outer + 50, `${width}: grew from ${first.outer} to ${grown.outer}`);
    // another view, in Chinese: shorter or taller, the frame fits again
    await frame.evaluate(() => window.evGraphic.show('investment'));
    await frame.evaluate(() => window.evGraphic.setLanguage('zh'));
    const other = await fits(page, frame, `${width}px on another view`);
    assert.notEqual(other.outer, grown.outer);
    const amp = await page.evaluate(() => window.__amp);
    assert.ok(amp.some((d) => d.type === 'embed-size' && d.height === other.inner), 'AMP embed-size sent with the height');
    // the text after the graphic follows it
    const box = await (await frame.frameElement()).boundingBox();
    const after = await page.locator('#after').boundingBox();
    assert.ok(after.y >= box.y + other.outer - 1, 'the article flows around the frame');
    assert.deepEqual(problems, []);
    assert.deepEqual(await cspViolations(page), [], 'no CSP violation on the host (strict) or in the frame');
    await page.close();
  }
});

test('messages from other windows, from other origins, or with bad heights are ignored', async () => {
  const snippet = await snippetFor('');
  // another frame on the page (not the graphic's)
  fs.writeFileSync(path.join(hostDir, 'evil.html'), '<!doctype html><title>evil</title><body>x</body>');
  const url = writeHost('host2.html', snippet, `<iframe id="evil" src="${host.base}evil.html" title="other"></iframe>`, " 'self'");
  const { page, frame, problems } = await openHost(url, 800);
  const { outer } = await fits(page, frame, 'start');
  const sizeNow = () => page.evaluate(() => document.querySelector('iframe[data-ev-graphic]').getBoundingClientRect().height);
  // from the host window itself
  await page.evaluate(() => window.postMessage({ type: 'ev-graphic:size', height: 200 }, '*'));
  // from another frame on the page
  const evilFrame = await (await page.$('#evil')).contentFrame();
  await evilFrame.evaluate(() => parent.postMessage({ type: 'ev-graphic:size', height: 210 }, '*'));
  // from a window the page opened
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.evaluate((u) => { window.open(u); }, `${host.base}evil.html`)]);
  await popup.evaluate(() => window.opener.postMessage({ type: 'ev-graphic:size', height: 220 }, '*'));
  await popup.close();
  // from the graphic's frame, but malformed
  for (const bad of [1e9, -5, 0, 79, 20001, Number.NaN, Number.POSITIVE_INFINITY, '500', '500px', null, [600], { valueOf: 1 }]) {
    await frame.evaluate((h) => parent.postMessage({ type: 'ev-graphic:size', height: h }, '*'), bad);
  }
  await frame.evaluate(() => parent.postMessage('ev-graphic:size 300', '*'));
  await frame.evaluate(() => parent.postMessage({ type: 'other', height: 300 }, '*'));
  await page.waitForTimeout(300);
  assert.equal(await sizeNow(), outer, 'the height did not move');
  assert.equal(await page.evaluate(() => document.getElementById('evil').clientHeight), 150, 'the foreign frame keeps its default height');
  // a good message from the graphic's frame is used
  await frame.evaluate(() => parent.postMessage({ type: 'ev-graphic:size', height: 999 }, '*'));
  await page.waitForFunction(() => document.querySelector('iframe[data-ev-graphic]').getBoundingClientRect().height === 999);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the host script is safe to include twice and sizes frames that load after it', async () => {
  const snippet = await snippetFor('?v=1&view=europe');
  const script = /<script[^>]*><\/script>/.exec(snippet)[0];
  const iframe = /<iframe[^>]*><\/iframe>/.exec(snippet)[0];
  const url = writeHost('host3.html', `${script}\n${script}\n${iframe}\n${iframe.replace('view=europe', 'view=capacity')}`);
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 700, height: 800 });
  await page.goto(url);
  const frames = await page.$$('iframe[data-ev-graphic]');
  assert.equal(frames.length, 2);
  for (const f of frames) {
    const frame = await f.contentFrame();
    await frame.waitForFunction(() => window.evGraphic && document.getElementById('ev-graphic').dataset.state === 'ready');
    await page.waitForFunction((el) => Math.abs(el.getBoundingClientRect().height - Math.ceil(el.contentDocument?.documentElement.getBoundingClientRect().height ?? -1)) <= 1
      || el.getBoundingClientRect().height > 400, f);
  }
  const hs = await page.evaluate(() => [...document.querySelectorAll('iframe[data-ev-graphic]')].map((e) => e.getBoundingClientRect().height));
  assert.ok(hs.every((x) => x > 400 && x !== 720), `each frame sized on its own: ${hs}`);
  assert.notEqual(hs[0], hs[1]);
  await page.close();
});
