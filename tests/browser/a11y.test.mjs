// Accessibility audit of the story page with axe-core, in Debian's Chromium (playwright-core).
//
// For every view × colour scheme (light, dark) × language (en, zh): axe.run() reports no
// violation. And the Chinese page is Chinese: <html lang> starts with "zh" and the visible
// headings and legend carry CJK text.
//
// Needs ./build.sh build (web/build/engine.js, engine.wasm, ev_story.json) and the page's test API:
//   await window.evGraphic.ready;                  first draw done
//   window.evGraphic.views                         ['investment', 'capacity', 'exports', 'projects', 'europe', 'map']
//   await window.evGraphic.show(viewId);           switch view, resolves after it drew
//   await window.evGraphic.setLanguage('en'|'zh'); resolves after the redraw
//
// axe is injected from node_modules/axe-core (a test-only dependency; nothing of it ships). The
// context bypasses the page's Content-Security-Policy so the injected script can run; the page
// itself is audited as served.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveStatic, withTimeout } from './helpers/static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const WEB = path.resolve(here, '../../web');
const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const EXPECTED_VIEWS = ['investment', 'capacity', 'exports', 'projects', 'europe', 'map'];
const SCHEMES = ['light', 'dark'];
const LANGUAGES = ['en', 'zh'];
const STEP_MS = 30_000;
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;

let server;
let base;
let browser;

before(async () => {
  for (const f of ['build/engine.js', 'build/engine.wasm', 'build/ev_story.json']) {
    assert.ok(fs.existsSync(path.join(WEB, f)), `web/${f} missing: run ./build.sh build`);
  }
  ({ server, base } = await serveStatic(WEB));
  browser = await launchChromium({ bypassCSP: true });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

// Opens the page in `scheme`, waits for the first draw and checks the test API.
async function open(scheme) {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  await page.goto(base);
  await withTimeout(page.evaluate(() => window.evGraphic && window.evGraphic.ready), STEP_MS, 'evGraphic.ready');
  const api = await page.evaluate(() => {
    const g = window.evGraphic;
    return {
      views: g && Array.isArray(g.views) ? [...g.views] : null,
      show: typeof g?.show === 'function',
      setLanguage: typeof g?.setLanguage === 'function',
    };
  });
  assert.ok(api.views && api.show && api.setLanguage,
    `the page lacks its test API (window.evGraphic.views / show / setLanguage): ${JSON.stringify(api)}`);
  for (const v of EXPECTED_VIEWS) assert.ok(api.views.includes(v), `evGraphic.views lacks '${v}': ${JSON.stringify(api.views)}`);
  return { page, views: api.views, problems };
}

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function setLanguage(page, lang) {
  await withTimeout(page.evaluate((l) => window.evGraphic.setLanguage(l), lang), STEP_MS, `setLanguage('${lang}')`);
  await settle(page);
}

async function show(page, view) {
  await withTimeout(page.evaluate((v) => window.evGraphic.show(v), view), STEP_MS, `show('${view}')`);
  await settle(page);
}

// Injects axe-core once per page: a script tag, or, if that is blocked, an evaluation of the
// source (DevTools evaluation is not subject to the page's CSP).
async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  try {
    await page.addScriptTag({ content: AXE_SOURCE });
  } catch {
    // fall through to evaluate
  }
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  assert.equal(await page.evaluate(() => window.axe.version), '4.14.1');
}

async function axeViolations(page) {
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
}

function report(violations) {
  return violations.map((v) => [
    `  ${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.map((n) => `    ${n.target}\n      ${String(n.summary).replace(/\n/g, '\n      ')}`),
  ].join('\n')).join('\n');
}

test('axe-core finds no violations in any view, colour scheme or language', async (t) => {
  for (const scheme of SCHEMES) {
    const { page, views, problems } = await open(scheme);
    try {
      await injectAxe(page);
      assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), scheme === 'dark');
      for (const lang of LANGUAGES) {
        await setLanguage(page, lang);
        for (const view of views) {
          await t.test(`${view} · ${scheme} · ${lang}`, async () => {
            await show(page, view);
            const violations = await axeViolations(page);
            assert.equal(violations.length, 0,
              `${violations.length} axe violation(s) in ${view} · ${scheme} · ${lang}:\n${report(violations)}`);
          });
        }
      }
      assert.deepEqual(problems, [], `page errors (${scheme})`);
    } finally {
      await page.close();
    }
  }
});

// Visible text of the headings and of the legend(s), per element.
function visibleText(page) {
  return page.evaluate(() => {
    const visible = (el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0 && !el.closest('[hidden]');
    };
    const pick = (selector) => [...document.querySelectorAll(selector)]
      .filter(visible)
      .map((el) => ({ tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.replace(/\s+/g, ' ').trim() }))
      .filter((x) => x.text.length > 0);
    return {
      lang: document.documentElement.lang,
      headings: pick('h1, h2, h3, [role="heading"]'),
      legends: pick('[id*="legend" i], [class~="legend"], [aria-label="Legend"], [aria-label="图例"]'),
    };
  });
}

test('the Chinese page is Chinese: lang="zh…", headings and legend in Chinese characters', async (t) => {
  const { page, views, problems } = await open('light');
  try {
    await setLanguage(page, 'zh');
    let legendsSeen = 0;
    for (const view of views) {
      await t.test(`${view} · zh`, async () => {
        await show(page, view);
        const v = await visibleText(page);
        assert.match(v.lang, /^zh/i, `<html lang="${v.lang}">`);
        assert.ok(v.headings.some((h) => h.tag === 'h1'), 'no visible h1');
        for (const h of v.headings) assert.match(h.text, CJK, `${h.tag}#${h.id}: "${h.text}" has no Chinese`);
        for (const l of v.legends) assert.match(l.text, CJK, `legend #${l.id}: "${l.text}" has no Chinese`);
        legendsSeen += v.legends.length;
      });
    }
    assert.ok(legendsSeen > 0, 'no visible legend in any view');
    // And back: English again, with lang="en…".
    await setLanguage(page, 'en');
    const en = await visibleText(page);
    assert.match(en.lang, /^en/i, `<html lang="${en.lang}"> after setLanguage('en')`);
    assert.ok(en.headings.some((h) => h.tag === 'h1' && !CJK.test(h.text)), 'h1 still Chinese after setLanguage(en)');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
