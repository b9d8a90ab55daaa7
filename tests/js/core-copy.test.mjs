// The strings: English and Chinese have the same keys and shapes, the
// Chinese is Chinese, and the page's static English matches the copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import en from '../../web/core/copy-en.js';
import zh from '../../web/core/copy-zh.js';
import { REPO } from './helpers/load-engine.mjs';

const CJK = /[\u4e00-\u9fff]/;
const CJK_OR_PUNCT = /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/;

function walk(a, b, at, out) {
  assert.equal(typeof b, typeof a, `${at}: same kind in both languages`);
  if (typeof a === 'function') {
    assert.equal(b.length, a.length, `${at}: same arguments`);
    out.push([at, a, b]);
  } else if (a && typeof a === 'object') {
    assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort(), `${at}: same keys`);
    for (const k of Object.keys(a)) walk(a[k], b[k], `${at}.${k}`, out);
  } else {
    out.push([at, a, b]);
  }
}

test('copy-en and copy-zh have the same keys, and the Chinese strings are Chinese', () => {
  const leaves = [];
  walk(en, zh, 'copy', leaves);
  const latin = new Set(['copy.ui.sep', 'copy.ui.stop', 'copy.ui.missingMark', 'copy.ui.list']);
  for (const [at, , z] of leaves) {
    if (typeof z === 'string' && !latin.has(at) && z.length > 1) assert.match(z, CJK, `${at} is Chinese: "${z}"`);
    if (typeof z === 'function' && !latin.has(at)) {
      const text = z(...Array.from({ length: z.length }, () => ['X']));
      if (typeof text === 'string') assert.match(text, CJK_OR_PUNCT, `${at}() is Chinese`);
    }
  }
});

test('the page’s static English text is the copy’s', () => {
  const html = fs.readFileSync(path.join(REPO, 'web', 'index.html'), 'utf8');
  for (const s of [en.page.title, en.page.kicker, en.page.headline, en.page.dek]) assert.ok(html.includes(s), `index.html has "${s}"`);
});
