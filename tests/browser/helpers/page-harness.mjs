// page-harness.mjs — shared steps of the page's browser tests
// (tests/browser/page*.test.mjs): a static server for web/, one Chromium per
// test file, pages opened at a width / language / colour scheme, and probes
// of the canvas, tooltip, table and layout. Needs ./build.sh build first.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveStatic } from './static-server.mjs';
import { THEMES } from '../../../web/core/palette.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB = path.resolve(here, '../../../web');
export const ARTIFACTS = path.resolve(here, '../artifacts');
export { THEMES };

// '#rrggbb' → [r, g, b]
export const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

// Starts the server and browser; returns { open, close }.
//   open({ width, height, lang, scheme, query, motion }) → { page, problems }
//   after the first draw; lang 'en' | 'zh' is set through the page API.
export async function startHarness(options = {}) {
  for (const f of ['build/engine.js', 'build/engine.wasm', 'build/ev_story.json']) {
    assert.ok(fs.existsSync(path.join(WEB, f)), `web/${f} missing: run ./build.sh build`);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const { server, base } = await serveStatic(WEB);
  const browser = await launchChromium({ hasTouch: true, ...options });
  async function open({ width = 1200, height = 900, lang = 'en', scheme = 'light', query = '', motion = 'reduce' } = {}) {
    const page = await browser.context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: motion });
    await page.setViewportSize({ width, height });
    await page.goto(base + query);
    assert.deepEqual(await page.evaluate(() => window.evGraphic.ready), { ok: true });
    if (lang) await page.evaluate((l) => window.evGraphic.setLanguage(l), lang);
    return { page, problems };
  }
  async function close() {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return { open, close, base, context: browser.context };
}

export const show = (page, view) => page.evaluate((v) => window.evGraphic.show(v), view);

// After an interaction: two animation frames (the render is scheduled in one).
export const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// Marks in CSS px relative to the canvas, plus viewport coordinates px, py
// of the mark's centre and cl, ct of the canvas (scrolled into view first).
export function marks(page) {
  return page.evaluate(() => {
    const c = document.getElementById('chart-canvas');
    c.scrollIntoView({ block: 'nearest' });
    const r = c.getBoundingClientRect();
    return window.evGraphic.marks().map((m) => ({ ...m, px: r.left + m.x + m.w / 2, py: r.top + m.y + m.h / 2, cl: r.left, ct: r.top }));
  });
}

// Count of canvas pixels inside a CSS-px rect within `tol` of an RGB colour.
export function countColour(page, rect, colour, tol = 14) {
  return page.evaluate(([rect, colour, tol]) => {
    const c = document.getElementById('chart-canvas');
    const k = c.width / c.clientWidth;
    const x = Math.max(0, Math.floor(rect.x * k));
    const y = Math.max(0, Math.floor(rect.y * k));
    const w = Math.max(1, Math.ceil(rect.w * k));
    const h = Math.max(1, Math.ceil(rect.h * k));
    const d = c.getContext('2d').getImageData(x, y, w, h).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - colour[0]) <= tol && Math.abs(d[i + 1] - colour[1]) <= tol && Math.abs(d[i + 2] - colour[2]) <= tol) n += 1;
    }
    return n;
  }, [rect, colour, tol]);
}

export const canvasPixels = (page) => page.evaluate(() => document.getElementById('chart-canvas').toDataURL());

export function tooltip(page) {
  return page.evaluate(() => {
    const t = document.getElementById('chart-tooltip');
    if (t.hidden) return null;
    return {
      num: t.querySelector('.tt-num')?.textContent ?? '',
      rows: [...t.querySelectorAll('.tt-row')].map((r) => [r.querySelector('.tt-label').textContent, r.querySelector('.tt-row-value').textContent]),
      text: t.textContent,
      box: t.getBoundingClientRect().toJSON(),
    };
  });
}

// The data table: [{ mark, cells: [{ text, value }] }].
export function table(page) {
  return page.evaluate(() => [...document.querySelectorAll('#chart-table tbody tr')].map((tr) => ({
    mark: tr.dataset.mark,
    cells: [...tr.children].map((c) => ({ text: c.textContent, value: c.dataset.value === undefined ? null : Number(c.dataset.value) })),
  })));
}

export const live = (page) => page.locator('#chart-live').textContent();

// Runs `fn` (an async function (engine, ds, arg) → JSON value; its source
// is sent to the page) with a second engine instance in the page, on the
// dataset file, independent of the graphic's own engine. The expression is
// evaluated through DevTools, so the page's CSP (no eval) does not apply.
export function engineQuery(page, fn, arg = null) {
  return page.evaluate(`(async () => {
    const { createEngine } = await import('./engine/engine.js');
    const engine = await createEngine({ factory: globalThis.createEvEngine });
    const bytes = new Uint8Array(await (await fetch('build/ev_story.json')).arrayBuffer());
    const ds = engine.ingest(bytes);
    try {
      return await (${fn.toString()})(engine, ds, ${JSON.stringify(arg)});
    } finally {
      ds.free();
    }
  })()`);
}

// Layout problems of the visible DOM of the graphic at this width: anything
// wider than the viewport, text clipped by its box, and overlapping
// controls, legend items or tabs. Returns a list of sentences (empty: fine).
export function layoutProblems(page) {
  return page.evaluate(() => {
    const out = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && !el.closest('[hidden]') && getComputedStyle(el).visibility !== 'hidden';
    };
    const sel = 'h1, h2, .dek, .kicker, .tab, .lang-switch button, .segmented button, .control-label, .range-end, .legend-item, .graphic-finding, .graphic-foot p, #chart-canvas, .detail-item';
    const els = [...document.querySelectorAll(sel)].filter(visible);
    for (const el of els) {
      const r = el.getBoundingClientRect();
      if (r.left < -0.5 || r.right > vw + 0.5) out.push(`${el.className || el.tagName} "${el.textContent.slice(0, 30)}" outside the viewport (${r.left}–${r.right})`);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto') out.push(`${el.className || el.tagName} "${el.textContent.slice(0, 30)}" clipped`);
    }
    const groups = ['.tab', '.lang-switch button', '.segmented button', '.legend-item', '.range-end'];
    for (const g of groups) {
      const rs = [...document.querySelectorAll(g)].filter(visible).map((el) => [el, el.getBoundingClientRect()]);
      for (let i = 0; i < rs.length; i += 1) {
        for (let j = i + 1; j < rs.length; j += 1) {
          const [a, ra] = rs[i];
          const [b, rb] = rs[j];
          if (ra.left < rb.right - 1 && rb.left < ra.right - 1 && ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1) {
            out.push(`"${a.textContent.slice(0, 20)}" overlaps "${b.textContent.slice(0, 20)}"`);
          }
        }
      }
    }
    return out;
  });
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
