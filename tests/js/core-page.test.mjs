// Static checks of the page's files: the CSS fallback colours are the
// palette's, and nothing in the page needs a relaxed Content-Security-Policy
// or writes HTML from strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { THEMES } from '../../web/core/palette.js';
import { THEME_VARS } from '../../web/app/theme-vars.js';
import { REPO } from './helpers/load-engine.mjs';

const WEB = path.join(REPO, 'web');

function vars(block) {
  const out = {};
  for (const m of block.matchAll(/(--[a-z-]+):\s*([^;]+);/g)) out[m[1]] = m[2].trim();
  return out;
}

test('styles.css fallback colours are the palette’s light and dark themes', () => {
  const css = fs.readFileSync(path.join(WEB, 'styles.css'), 'utf8');
  const light = vars(/:root\s*{([^}]*)}/.exec(css)[1]);
  const dark = vars(/@media \(prefers-color-scheme: dark\)\s*{\s*:root\s*{([^}]*)}/.exec(css)[1]);
  for (const [name, key] of Object.entries(THEME_VARS)) {
    const pick = (t) => (key === 'series.0' ? t.series[0] : t[key]);
    assert.equal(light[name], pick(THEMES.light), `light ${name}`);
    assert.equal(dark[name], pick(THEMES.dark), `dark ${name}`);
  }
});

function pageFiles(dir = WEB) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'build' ? [] : pageFiles(p);
    return /\.(js|html)$/.test(e.name) ? [p] : [];
  });
}

test('no inline script or style, no eval, no HTML from strings', () => {
  const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script has a src');
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'no inline style or handlers');
  for (const f of pageFiles()) {
    const src = fs.readFileSync(f, 'utf8');
    const name = path.relative(WEB, f);
    // (reading outerHTML is allowed: the offline file copies itself as parsed)
    assert.doesNotMatch(src, /\b(innerHTML|outerHTML)\s*(=(?!=)|\+=)|\b(insertAdjacentHTML|document\.write|setHTML(Unsafe)?|parseHTMLUnsafe|createContextualFragment)\b/, `${name} writes HTML`);
    assert.doesNotMatch(src, /\beval\(|new Function\(|setAttribute\(\s*'style'/, `${name} needs unsafe-eval or inline style`);
  }
});
