// The page's own strict Content-Security-Policy (a <meta> in index.html and
// embed.html): every view, both languages, every control, sharing and
// downloads run with zero violations (securitypolicyviolation events and
// console CSP errors); and the policy is really in force.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { settle, startHarness, WEB } from './helpers/page-harness.mjs';
import { cspConsole, cspViolations, download, openDownloads, watchCsp } from './helpers/share-tools.mjs';

let h;
before(async () => {
  h = await startHarness({ acceptDownloads: true, hasTouch: false }); // a desktop: downloads, not long-press images
  await watchCsp(h.context);
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});
after(async () => { await h?.close(); });

const policyOf = (file) => {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(fs.readFileSync(path.join(WEB, file), 'utf8'));
  assert.ok(m, `${file} has a CSP meta`);
  return Object.fromEntries(m[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
};

test('the policy: no inline script or style, no eval; WebAssembly allowed by wasm-unsafe-eval only', () => {
  for (const file of ['index.html', 'embed.html']) {
    const p = policyOf(file);
    assert.deepEqual(p['default-src'], ["'self'"]);
    assert.deepEqual(p['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(p['style-src'], ["'self'"]);
    assert.deepEqual(p['object-src'], ["'none'"]);
    assert.deepEqual(p['base-uri'], ["'none'"]);
    const all = Object.values(p).flat();
    for (const loose of ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:']) assert.ok(!all.includes(loose), `${file}: no ${loose}`);
    const html = fs.readFileSync(path.join(WEB, file), 'utf8');
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link rel="stylesheet"'), `${file}: the policy comes before anything it governs`);
  }
});

// Clicks every button of the controls and legend (legend buttons twice),
// moves the year sliders, and opens the share panels.
async function exercise(page) {
  for (const sel of ['#chart-controls button', '#chart-legend button']) {
    const n = await page.locator(sel).count();
    for (let i = 0; i < n; i += 1) {
      const b = page.locator(sel).nth(i);
      if (!(await b.isVisible())) continue;
      await b.click();
      await settle(page);
      if (sel.includes('legend')) {
        await b.click(); // and back: a series shown again
        await settle(page);
      }
    }
  }
  const selects = page.locator('#chart-controls select');
  for (let i = 0; i < (await selects.count()); i += 1) {
    const values = await selects.nth(i).locator('option').evaluateAll((os) => os.map((o) => o.value));
    await selects.nth(i).selectOption(values.at(-1));
    await settle(page);
  }
  const range = page.locator('input[type="range"][data-end="from"]');
  if (await range.count()) {
    await range.focus();
    await page.keyboard.press('ArrowRight');
    await settle(page);
  }
  await page.locator('#chart-canvas').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await settle(page);
}

for (const file of ['index.html', 'embed.html']) {
  test(`${file}: every view, both languages, every control, share and downloads: zero CSP violations`, async () => {
    const { page, problems } = await h.open({ width: 1200, query: '', lang: 'en' });
    if (file !== 'index.html') {
      await page.goto(`${h.base}${file}`);
      await page.evaluate(() => window.evGraphic.ready);
    }
    const consoleCsp = cspConsole(page);
    const views = await page.evaluate(() => window.evGraphic.views);
    for (const lang of ['en', 'zh']) {
      await page.evaluate((l) => window.evGraphic.setLanguage(l), lang);
      for (const v of views) {
        await page.evaluate((id) => window.evGraphic.show(id), v);
        if (lang === 'en' || file === 'index.html') await exercise(page);
        assert.ok((await page.evaluate(() => window.evGraphic.marks().length)) > 0, `${v}/${lang} draws`);
      }
    }
    await page.locator('#graphic-share [data-action="share"]').click();
    await page.locator('#graphic-share [data-action="embed"]').click();
    await openDownloads(page);
    await download(page, 'png');
    await download(page, 'csv');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(consoleCsp, []);
    assert.deepEqual(problems, []);

    // the policy is live: an inline script, an inline style and a foreign image are refused
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      const st = document.createElement('style');
      st.textContent = 'body { background: red }';
      document.head.append(st);
      const img = document.createElement('img');
      img.src = 'https://example.invalid/x.png';
      document.body.append(img);
    });
    await page.waitForFunction(() => window.__csp.length >= 3);
    assert.equal(await page.evaluate(() => window.__inline ?? null), null, 'the inline script did not run');
    const seen = (await cspViolations(page)).join('\n');
    assert.match(seen, /script-src-elem inline/);
    assert.match(seen, /style-src-elem inline/);
    assert.match(seen, /img-src https:\/\/example\.invalid/);
    await page.close();
  });
}
