// studio-harness.mjs — shared steps of the studio's browser tests
// (tests/browser/studio*.test.mjs): one server for web/ that also serves the
// npm package vega-datasets' data files under /vega/ (same origin, so the
// studio can load them by address), Chromium, a studio page opened with its
// problems (console errors, page errors, CSP violations) recorded, loads
// through the file input, and the datasets read in Node for the tests' own
// aggregates. Needs ./build.sh build first.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ARTIFACTS, WEB } from './page-harness.mjs';
import { launchChromium, serveStatic } from './static-server.mjs';

const require = createRequire(import.meta.url);
export const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export { ARTIFACTS, WEB };
// the package's data folder (its exports map hides package.json)
export const VEGA = path.resolve(WEB, '..', 'node_modules', 'vega-datasets', 'data');

export const readVega = (name) => JSON.parse(fs.readFileSync(path.join(VEGA, name), 'utf8'));

/** Starts the server (of `root`: web/ by default, or dist/) and browser:
 * {base, browser, open, close}. */
export async function startStudio({ root = WEB } = {}) {
  assert.ok(fs.existsSync(path.join(root, 'build/engine.wasm')), `${root}/build/engine.wasm missing: run ./build.sh build (or dist)`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const { server, base } = await serveStatic(root, { mounts: { '/vega/': VEGA } });
  const browser = await launchChromium();
  // open({width, height, hash, page, fresh}) → {page, problems}; fresh:
  // forget what the studio kept in this browser first (default)
  async function open({ width = 1200, height = 900, hash = '', page: reuse = null, fresh = true } = {}) {
    const page = reuse || await browser.context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.setViewportSize({ width, height });
    if (fresh) {
      // nothing kept from an earlier test (the browser profile is shared)
      await page.goto(`${base}studio.html`);
      await page.evaluate(() => window.evStudio.ready);
      await page.evaluate(() => window.evStudio.forget());
    }
    await page.goto(`${base}studio.html${hash}`);
    await page.evaluate(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.evaluate(() => window.evStudio.ready);
    return { page, problems };
  }
  return {
    base,
    browser,
    open,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Chooses a file in the file input and waits for that load: its result. */
export async function loadFile(page, file) {
  const before = await page.evaluate(() => JSON.stringify(window.evStudio.lastResult()));
  await page.setInputFiles('#file-input', file);
  await page.waitForFunction((b) => window.evStudio.lastResult() !== null && JSON.stringify(window.evStudio.lastResult()) !== b && !window.evStudio.busy(),
    before, { timeout: 180000, polling: 50 });
  return page.evaluate(() => window.evStudio.lastResult());
}

/** The chart's table of the numbers it draws (render/table.js): per row, its
 * cells' text and the engine's numbers (data-value) of its number cells. */
export function tableRows(page) {
  return page.evaluate(() => [...document.querySelectorAll('#chart-host table tbody tr')].map((tr) => {
    const tds = [...tr.querySelectorAll('th, td')];
    return { cells: tds.map((td) => td.textContent), values: tds.filter((td) => td.dataset.value !== undefined).map((td) => Number(td.dataset.value)) };
  }));
}

/** Neumaier-compensated mean of the numbers (nulls skipped); NaN when none. */
export function mean(values) {
  let sum = 0;
  let c = 0;
  let n = 0;
  for (const v of values) {
    if (typeof v !== 'number' || Number.isNaN(v)) continue;
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
    n += 1;
  }
  return n ? (sum + c) / n : NaN;
}

/** Groups rows by key(row) → Map key → rows. */
export function groupBy(rows, key) {
  const m = new Map();
  for (const r of rows) {
    const k = key(r);
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(r);
  }
  return m;
}

/** Asserts a equals b within a few units in the last place (the engine sums
 * with compensation too, but in its own order). */
export function close(a, b, what) {
  assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: page ${a}, test ${b}`);
}

export async function injectAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
}

export function axeViolations(page) {
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  });
}
