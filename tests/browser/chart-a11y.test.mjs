// Accessibility audit of the described-chart page (chart.html with the
// example description) with axe-core: every view × light/dark × en/zh has
// no violation. axe is injected from node_modules (test-only); the context
// bypasses the page's CSP only so the injected script can run.
// Needs ./build.sh build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launchChromium, serveStatic } from './helpers/static-server.mjs';
import { WEB } from './helpers/page-harness.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const EXAMPLE = JSON.parse(fs.readFileSync(path.join(WEB, 'examples', 'ev-story.chart.json'), 'utf8'));

let server;
let base;
let browser;

before(async () => {
  ({ server, base } = await serveStatic(WEB));
  browser = await launchChromium({ bypassCSP: true });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server.close(r));
});

test('axe-core finds no violations in any view, colour scheme or language of the chart page', async (t) => {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(`${base}chart.html?d=examples/ev-story.chart.json`);
    assert.deepEqual(await page.evaluate(() => window.evChart.ready), { ok: true });
    await page.addScriptTag({ content: AXE_SOURCE });
    for (const locale of ['en', 'zh']) {
      await page.evaluate((l) => window.evChart.setLocale(l), locale);
      for (const v of EXAMPLE.views) {
        await t.test(`${v.id} · ${scheme} · ${locale}`, async () => {
          await page.evaluate((id) => window.evChart.show(id), v.id);
          if (v.mark === 'map') await page.waitForFunction(() => window.evChart.model().panels[0].ready === true);
          const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
            .violations.map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).join(', ')})`));
          assert.deepEqual(violations, []);
        });
      }
    }
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans');
    assert.deepEqual(problems, []);
    await page.close();
  }
});
