// tools/dist.mjs — writes dist/ for ./build.sh dist (run through build.sh,
// which builds the engine, the data and the single-file engine first).
//
//   node tools/dist.mjs --engine-single .cache/engine-single/engine.js --out dist
//
// dist/ (a folder to put on any static host):
//   index.html, embed.html   the story page and the embed page; the page's ES
//                            modules replaced by one bundle (app.js)
//   app.js                   web/main.js and everything it imports, bundled
//                            and minified by esbuild into one classic script
//   styles.css, embed-host.js, build/ (engine.js + engine.wasm, the data
//                            files, preview.png and fallback.png)
//   ev-going-global.html     the offline file (below)
//   explore.html, explore.js, explore.css, engine/ingest-worker.js, and
//   ev-explore.html          the explore page, hosted and offline (see
//                            explorePages)
//   studio.html, studio.js, studio.css   the chart studio (studioPages)
//   chart.html, chart-app.js, examples/, ev-chart-template.html and
//   ev-chart.html            the reader's page for a described chart, hosted
//                            and offline (see chartPages)
// ev-going-global.html is ONE self-contained file: the single-file engine
// (Emscripten -sSINGLE_FILE, the .wasm as base64 inside the script), the
// bundle, the styles and every data file the page loads, inlined as
// <script type="application/json" data-src="build/…"> blocks that the page
// reads instead of fetching (app/dataset.js). Nothing is fetched, so it
// works from file: with the network off. Its CSP (a <meta>) allows exactly
// its inline scripts and style by their sha256 hashes, plus
// 'wasm-unsafe-eval'; <html data-ev-offline data-ev-state=""> marks it, and
// data-ev-state carries a view baked in by the Download control.
// Images (headless Chromium on the offline file): build/preview.png, the
// 1200×630 link-preview picture (Open Graph, Twitter card), and
// build/fallback.png, the first view as a still for readers without
// JavaScript, RSS and e-mail. Both are generated, not committed (they
// depend on the machine's fonts); they are written to web/build/ too.
// PUBLIC_URL (environment, e.g. https://example.org/graphics/ev/): the
// address dist/ will be served from. With it, the canonical link, og:url
// and og:image are absolute (link previews need absolute image URLs) and
// the offline file's Share and Embed controls point at the hosted page.
// Prints the sizes of the offline file (raw and gzip).

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(REPO, 'web');
const BUILD = path.join(WEB, 'build');
export const OFFLINE_NAME = 'ev-going-global.html';
// The data files the page loads (app/dataset.js fetchBytes), by their URL
// relative to the page. Every *.json in web/build except package.json.
const dataFiles = () => fs.readdirSync(BUILD).filter((f) => f.endsWith('.json') && f !== 'package.json').sort().map((f) => `build/${f}`);

function die(message) {
  console.error(`tools/dist.mjs: ${message}`);
  process.exit(1);
}

function args() {
  const out = { out: path.join(REPO, 'dist'), engineSingle: null, images: true };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] === '--out') out.out = path.resolve(a[(i += 1)]);
    else if (a[i] === '--engine-single') out.engineSingle = path.resolve(a[(i += 1)]);
    else if (a[i] === '--no-images') out.images = false;
    else die(`unknown argument ${a[i]}`);
  }
  if (!out.engineSingle || !fs.existsSync(out.engineSingle)) die('--engine-single <engine.js> is required (built by ./build.sh dist)');
  return out;
}

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// Replaces exactly one occurrence of `from` in `text`.
function replaceOnce(text, from, to, what) {
  const at = typeof from === 'string' ? text.indexOf(from) : text.search(from);
  if (at < 0) die(`${what}: not found`);
  return text.replace(from, typeof to === 'string' ? () => to : to);
}

// Text that will sit inside <script> or <style> must not end the element
// early or switch the tokenizer into its escaped states.
function checkRawText(text, tag, what) {
  const bad = tag === 'style' ? /<\/style/i : /<\/script|<!--/i;
  const m = bad.exec(text);
  if (m) die(`${what} contains "${m[0]}" at ${m.index}; it cannot be inlined in a <${tag}>`);
  return text;
}

// entry (relative to web/) and everything it imports, bundled and minified
// by esbuild into one classic script.
async function bundle(entry = 'main.js') {
  const result = await esbuild.build({
    entryPoints: [path.join(WEB, entry)],
    bundle: true,
    format: 'iife',
    minify: true,
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

// Compact JSON with every '<' written as \u003c (valid JSON, the same
// values), so that no data can close the <script> block.
function inlineJson(file) {
  const text = fs.readFileSync(file, 'utf8');
  return JSON.stringify(JSON.parse(text)).replace(/</g, '\\u003c');
}

// A data file (its URL relative to the page) as the block that
// app/dataset.js fetchBytes reads instead of fetching.
const dataBlock = (src) => `<script type="application/json" data-src="${src}">${inlineJson(path.join(WEB, src))}</script>`;

// Emscripten 3.1.6's SINGLE_FILE runtime first tries fetch() on its own
// data: URI (a CSP violation under connect-src 'none', then a fallback to
// decoding the base64 itself); later versions decode without fetching. This
// makes 3.1.6 skip the fetch. Left as is where the pattern is absent (the
// dist CSP test catches a fetch).
function singleEngine(js) {
  const FETCH = 'if(typeof fetch=="function"){return fetch(wasmBinaryFile';
  if (!js.includes('data:application/octet-stream;base64,')) die('the single-file engine has no inlined .wasm (was it built with -sSINGLE_FILE=1?)');
  return js.replace(FETCH, () => 'if(typeof fetch=="function"&&!isDataURI(wasmBinaryFile)){return fetch(wasmBinaryFile');
}

const moduleScript = (entry) => `<script type="module" src="${entry}"></script>`;
const ENGINE_SCRIPT = '<script src="build/engine.js"></script>';

// A hosted page: its module script (entry) replaced by the bundle's classic
// script (bundleName, beside the page).
function hostedScript(html, entry, bundleName) {
  return replaceOnce(html, moduleScript(entry), `<script src="${bundleName}"></script>`, `the module script ${entry}`);
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

// Writes text to out/rel (making its folder).
function put(out, rel, text) {
  fs.mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
  fs.writeFileSync(path.join(out, rel), text);
}

// Writes a hosted page (page, its module script entry replaced by the
// bundle's classic script) and the bundle (app) beside it as bundleName.
function putHosted(out, page, html, { entry, bundleName, app }) {
  put(out, page, hostedScript(html, entry, bundleName));
  put(out, bundleName, app);
}

// The steps every offline page shares: <html lang="en"> gains mark; each
// stylesheet link ([href, css]) becomes a <style> with css; the engine script
// becomes the blocks in before followed by the single-file engine; the module
// script (entry) becomes the bundle (app); and the CSP meta allows exactly
// those scripts and styles by their sha256 hashes, plus 'wasm-unsafe-eval',
// worker-src (if given) and img-src img; nothing is fetched.
function offlineFile(html, { mark, styles, before, engine, entry, app, worker, img }) {
  let out = replaceOnce(html, '<html lang="en">', `<html lang="en" ${mark}>`, `${entry}'s page: <html lang="en">`);
  const styleTexts = styles.map(([href, css]) => {
    const style = checkRawText(css, 'style', href);
    out = replaceOnce(out, `<link rel="stylesheet" href="${href}">`, () => `<style>${style}</style>`, `${entry}'s page: the stylesheet link ${href}`);
    return style;
  });
  const engineText = checkRawText(engine, 'script', 'the single-file engine');
  const appText = checkRawText(app, 'script', `the bundle of ${entry}`);
  out = replaceOnce(out, ENGINE_SCRIPT, () => [...before, `<script>${engineText}</script>`].join('\n  '), `${entry}'s page: the engine script`);
  out = replaceOnce(out, moduleScript(entry), () => `<script>${appText}</script>`, `${entry}'s page: the module script`);
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(engineText)} ${sha256(appText)} 'wasm-unsafe-eval'`,
    ...(worker ? [`worker-src ${worker}`] : []),
    `style-src ${styleTexts.map(sha256).join(' ')}`,
    `img-src ${img}`,
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return replaceOnce(out, /<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`, `${entry}'s page: the CSP meta`);
}

// index.html / embed.html for the hostable folder.
function hostedPage(html, publicUrl) {
  let out = hostedScript(html, 'main.js', 'app.js');
  if (publicUrl) {
    const abs = (rel) => new URL(rel, publicUrl).href;
    out = out.replace(/<link rel="canonical" href="[^"]*">/, `<link rel="canonical" href="${abs('./')}">`);
    out = out.replace(/<meta property="og:image" content="[^"]*">/, `<meta property="og:image" content="${abs('build/preview.png')}">`);
    out = out.replace(/(<meta property="og:type"[^>]*>)/, `$1\n  <meta property="og:url" content="${abs('./')}">`);
  }
  return out;
}

// The story's offline file: the data files inlined; no link previews, and no
// fallback image (there is none beside a lone file).
function offlinePage(html, { css, engine, app, publicUrl }) {
  let out = html;
  // link previews and the canonical link are for the hosted page
  out = out.replace(/\n\s*<meta (property="og:|name="twitter:)[^>]*>/g, '');
  out = out.replace(/<link rel="canonical" href="[^"]*">/, publicUrl ? `<link rel="canonical" href="${new URL('./', publicUrl).href}">` : '');
  out = out.replace(/\n\s*\n/g, '\n');
  // no-JS readers: the text only (there is no image beside a lone file)
  out = out.replace(/\s*<img class="fallback"[^>]*>/, '');
  const noscript = fs.readFileSync(path.join(WEB, 'noscript.css'), 'utf8');
  return offlineFile(out, {
    mark: 'data-ev-offline data-ev-state=""',
    styles: [['styles.css', css], ['noscript.css', noscript]],
    before: dataFiles().map(dataBlock),
    engine,
    entry: 'main.js',
    app,
    img: 'data: blob:',
  });
}

// ---- the explore page (explore.html): a reader's own large file ----------
// dist/explore.html + explore.js + explore.css + engine/ingest-worker.js
// (hosted; the worker loads build/engine.js with importScripts), and
// dist/ev-explore.html, one offline file. There the worker cannot be a
// file: it is the single-file engine plus the bundled worker, carried as
// <script type="text/x-ev-worker" id="ev-ingest-worker"> (not run by the
// page, so not under script-src) and started from a blob: URL
// (app/big-ingest.js); its CSP adds worker-src blob: for that, and the
// worker inherits the page's policy ('wasm-unsafe-eval' included).

function exploreOffline(html, { css, engine, app, worker }) {
  const workerText = checkRawText(`${engine}\n${worker}`, 'script', 'the worker bundle');
  return offlineFile(html, {
    mark: 'data-ev-offline',
    styles: [['explore.css', css]],
    before: [`<script type="text/x-ev-worker" id="ev-ingest-worker">${workerText}</script>`],
    engine,
    entry: 'explore.js',
    app,
    worker: 'blob:',
    img: 'data:',
  });
}

async function explorePages(out, engine) {
  const html = fs.readFileSync(path.join(WEB, 'explore.html'), 'utf8');
  const css = fs.readFileSync(path.join(WEB, 'explore.css'), 'utf8');
  const app = await bundle('explore.js');
  const worker = await bundle('engine/ingest-worker.js');
  putHosted(out, 'explore.html', html, { entry: 'explore.js', bundleName: 'explore.js', app });
  put(out, 'explore.css', css);
  put(out, 'engine/ingest-worker.js', worker);
  put(out, 'ev-explore.html', exploreOffline(html, { css, engine, app, worker }));
}

// ---- the studio (studio.html): descriptions from a reader's data --------
// dist/studio.html + studio.js (bundled like explore.js) + studio.css; its
// worker is explore's dist/engine/ingest-worker.js (written just before).

async function studioPages(out) {
  const html = fs.readFileSync(path.join(WEB, 'studio.html'), 'utf8');
  putHosted(out, 'studio.html', html, { entry: 'studio.js', bundleName: 'studio.js', app: await bundle('studio.js') });
  copy(path.join(WEB, 'studio.css'), path.join(out, 'studio.css'));
}

// ---- the described-chart page (chart.html) ------------------------------
// dist/chart.html + chart-app.js (hosted; descriptions through ?d= or #c=,
// the examples in dist/examples/), dist/ev-chart-template.html (the offline
// page with an empty <script type="application/json" id="ev-chart"> block:
// the single-file engine, the bundle, the styles and the world shapes of
// map views inlined, the scripts and style allowed by their hashes,
// connect-src 'none') and dist/ev-chart.html (the template
// filled by web/core/chart-offline.js with the example description and the
// story dataset: one file that works from file: with the network off).

const EXAMPLE = 'examples/ev-story.chart.json';

function chartOffline(html, { css, engine, app }) {
  return offlineFile(html, {
    mark: 'data-ev-offline',
    styles: [['styles.css', css]],
    // the world shapes for map views, then the (empty) description block
    before: [...['build/land-110m.json', 'build/countries-110m.json'].map(dataBlock), '<script type="application/json" id="ev-chart"></script>'],
    engine,
    entry: 'chart.js',
    app,
    img: 'data:',
  });
}

async function chartPages(out, { css, engine }) {
  const { offlineChartHtml } = await import(pathToFileURL(path.join(WEB, 'core', 'chart-offline.js')).href);
  const html = fs.readFileSync(path.join(WEB, 'chart.html'), 'utf8');
  const app = await bundle('chart.js');
  putHosted(out, 'chart.html', html, { entry: 'chart.js', bundleName: 'chart-app.js', app });
  for (const f of fs.readdirSync(path.join(WEB, 'examples'))) copy(path.join(WEB, 'examples', f), path.join(out, 'examples', f));
  const template = chartOffline(html, { css, engine, app });
  put(out, 'ev-chart-template.html', template);
  const description = JSON.parse(fs.readFileSync(path.join(WEB, EXAMPLE), 'utf8'));
  const data = JSON.parse(fs.readFileSync(path.join(BUILD, 'ev_story.json'), 'utf8'));
  put(out, 'ev-chart.html', offlineChartHtml(template, { description, data }));
}


// Screenshots of the offline file in headless Chromium (file:, no server).
// bypassCSP: the screenshots add a stylesheet that hides the controls.
async function screenshot(offline, { width, height, scale, css, shoot }) {
  const { launchChromium } = await import(pathToFileURL(path.join(REPO, 'tests/browser/helpers/static-server.mjs')).href);
  const browser = await launchChromium({ bypassCSP: true, deviceScaleFactor: scale, locale: 'en-US', viewport: { width, height } });
  try {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.goto(`${pathToFileURL(offline).href}?lang=en`);
    const ready = await page.evaluate(() => window.evGraphic.ready);
    if (!ready.ok) die(`the offline file did not load: ${ready.message}`);
    await page.addStyleTag({ content: css });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await shoot(page);
  } finally {
    await browser.close();
  }
}

async function images(offline) {
  // Link preview, 1200×630: 1000×525 CSS px at 1.2×; the first view's
  // title, legend and chart, nothing interactive (the card shows the
  // headline and description beside it).
  await screenshot(offline, {
    width: 1000,
    height: 525,
    scale: 1.2,
    css: `.story { max-width: none; padding: 14px 24px 0; }
      .story-head, .tabs, .controls, .graphic-finding, .share, .graphic-foot, .data, .detail { display: none !important; }
      .graphic { border-top: 0; }
      .legend-toggle { border-color: transparent; }`,
    shoot: (page) => page.screenshot({ path: path.join(BUILD, 'preview.png'), clip: { x: 0, y: 0, width: 1000, height: 525 } }),
  });
  // Fallback still: the figure as a reader first sees it at the story's
  // width, with its notes and sources, without controls (2× for print).
  await screenshot(offline, {
    width: 760,
    height: 900,
    scale: 2,
    css: '.tabs, .controls, .share, .data, .lang-switch { display: none !important; } .legend-toggle { border-color: transparent; } .graphic { border-top: 0; }',
    shoot: (page) => page.locator('#ev-graphic').screenshot({ path: path.join(BUILD, 'fallback.png') }),
  });
}

async function main() {
  const opts = args();
  const publicUrl = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).href : '';
  for (const f of ['engine.js', 'engine.wasm', 'ev_story.json', 'ev_story.chart.json']) {
    if (!fs.existsSync(path.join(BUILD, f))) die(`web/build/${f} is missing: run ./build.sh build`);
  }
  const app = await bundle();
  const css = fs.readFileSync(path.join(WEB, 'styles.css'), 'utf8');
  const engine = singleEngine(fs.readFileSync(opts.engineSingle, 'utf8'));
  const index = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  const embed = fs.readFileSync(path.join(WEB, 'embed.html'), 'utf8');

  const out = opts.out;
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'build'), { recursive: true });
  const offline = offlinePage(index, { css, engine, app, publicUrl });
  put(out, OFFLINE_NAME, offline);
  if (opts.images) await images(path.join(out, OFFLINE_NAME));

  put(out, 'app.js', app);
  put(out, 'index.html', hostedPage(index, publicUrl));
  put(out, 'embed.html', hostedPage(embed, publicUrl));
  copy(path.join(WEB, 'styles.css'), path.join(out, 'styles.css'));
  copy(path.join(WEB, 'noscript.css'), path.join(out, 'noscript.css'));
  copy(path.join(WEB, 'embed-host.js'), path.join(out, 'embed-host.js'));
  for (const f of ['engine.js', 'engine.wasm', ...dataFiles().map((s) => s.slice('build/'.length)), 'preview.png', 'fallback.png']) {
    if (fs.existsSync(path.join(BUILD, f))) copy(path.join(BUILD, f), path.join(out, 'build', f));
  }

  await explorePages(out, engine);
  await studioPages(out);
  await chartPages(out, { css, engine });

  const raw = Buffer.byteLength(offline);
  const gz = zlib.gzipSync(offline, { level: 9 }).length;
  const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
  put(out, 'sizes.json', `${JSON.stringify({ offline: { raw, gzip: gz }, app: Buffer.byteLength(app) }, null, 2)}\n`);
  console.log(`dist/${OFFLINE_NAME}: ${kb(raw)} (${raw} bytes), gzip ${kb(gz)} (${gz} bytes); dist/app.js ${kb(Buffer.byteLength(app))}`);
}

await main();
