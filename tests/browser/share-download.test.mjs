// The Download control, in Chromium: the chart as PNG at 2× its CSS size
// (and on a 2× screen, the very pixels on screen), the view's numbers as CSV
// (the engine's, as in the data table; formula cells defused; a BOM for
// Excel), an <img> to long-press on phones and in in-app browsers, and a
// clear message where the offline page is not on the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { engineQuery, screenshot, show, startHarness, table, WEB } from './helpers/page-harness.mjs';
import { launchChromium } from './helpers/static-server.mjs';
import { decodeInPage, download, openDownloads, parseCsv, pngSize } from './helpers/share-tools.mjs';

let h;
before(async () => { h = await startHarness({ acceptDownloads: true, hasTouch: false }); });
after(async () => { await h?.close(); });

const canvasSize = (page) => page.evaluate(() => {
  const c = document.getElementById('chart-canvas');
  return { width: c.clientWidth, height: c.clientHeight };
});

test('PNG: every view, 2× the chart’s CSS size, a PNG that decodes; the file name names the view and language', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await openDownloads(page);
  for (const v of await page.evaluate(() => window.evGraphic.views)) {
    await show(page, v);
    const css = await canvasSize(page);
    const { name, bytes } = await download(page, 'png');
    assert.equal(name, `ev-going-global-${v}-en.png`);
    assert.deepEqual(pngSize(bytes), { width: css.width * 2, height: css.height * 2 }, v);
    assert.deepEqual(await decodeInPage(page, bytes), { width: css.width * 2, height: css.height * 2 }, `${v} decodes`);
    assert.equal(await page.locator('#graphic-share [role="status"]').textContent(), 'Chart (PNG): download started.');
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('PNG on a 2× screen: the same pixels as the chart on screen', async () => {
  const hi = await launchChromium({ deviceScaleFactor: 2, acceptDownloads: true, viewport: { width: 800, height: 900 } });
  try {
    const page = await hi.context.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${h.base}?v=1&view=exports&lang=zh`);
    await page.evaluate(() => window.evGraphic.ready);
    await openDownloads(page);
    const { bytes } = await download(page, 'png');
    const diff = await page.evaluate(async (b64) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bin], { type: 'image/png' }));
      const screen = document.getElementById('chart-canvas');
      const c = document.createElement('canvas');
      c.width = bmp.width;
      c.height = bmp.height;
      const ctx = c.getContext('2d');
      ctx.drawImage(bmp, 0, 0);
      const a = ctx.getImageData(0, 0, c.width, c.height).data;
      const s = screen.getContext('2d').getImageData(0, 0, screen.width, screen.height).data;
      let differ = 0;
      for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i] - s[i]) + Math.abs(a[i + 1] - s[i + 1]) + Math.abs(a[i + 2] - s[i + 2]) > 24) differ += 1;
      return { size: [bmp.width, bmp.height], screen: [screen.width, screen.height], differ, total: a.length / 4 };
    }, bytes.toString('base64'));
    assert.deepEqual(diff.size, diff.screen);
    assert.ok(diff.differ / diff.total < 0.001, `${diff.differ} of ${diff.total} pixels differ`);
    await page.close();
  } finally {
    await hi.close();
  }
});

test('CSV: every view in both languages has the data table’s rows with the engine’s numbers, a BOM and a unit', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await openDownloads(page);
  for (const lang of ['en', 'zh']) {
    await page.evaluate((l) => window.evGraphic.setLanguage(l), lang);
    for (const v of await page.evaluate(() => window.evGraphic.views)) {
      await show(page, v);
      const { name, bytes } = await download(page, 'csv');
      assert.equal(name, `ev-going-global-${v}-${lang}.csv`);
      assert.equal(bytes.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM');
      const [head, ...rows] = parseCsv(bytes.toString('utf8'));
      const shown = await table(page);
      assert.equal(rows.length, shown.length, `${v}/${lang}: one row per table row`);
      const valueCol = shown[0].cells.findIndex((c, i) => shown.some((r) => r.cells[i].value !== null));
      const headShown = await page.locator('#chart-table thead th').allTextContents();
      const at = head.indexOf(headShown[valueCol].replace(/\s*\n\s*/g, ' '));
      assert.ok(at >= 0, `${v}/${lang}: the value column is there`);
      for (const [i, r] of shown.entries()) {
        const want = r.cells[valueCol].value;
        assert.equal(rows[i][at], want === null ? '' : String(want), `${v}/${lang} row ${i}: the engine's number, untouched`);
        assert.equal(rows[i][at + 1].replace(/^'/, ''), r.cells[valueCol].text, 'then the value as shown');
        if (want !== null) assert.ok(rows[i][at + 2].length > 0, 'and its unit');
        assert.equal(rows[i][0].replace(/^'/, ''), r.cells[0].text, 'the first column is the table’s');
      }
      if (lang === 'zh') assert.match(head.join(','), /单位/);
    }
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('CSV numbers match an independent engine query (investment, projects)', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await openDownloads(page);
  const inv = parseCsv((await download(page, 'csv')).bytes.toString('utf8'));
  const want = await engineQuery(page, async (engine, ds) => engine.query(ds.table('investment'), {
    filters: [{ column: 'series', eq: 'rhodium_2025_zev_supply_chain' }],
  }).rows().map((r) => r.usd_bn));
  const at = inv[0].indexOf('Value');
  assert.deepEqual(inv.slice(1).map((r) => r[at]).filter((x) => x !== '').map(Number).sort((a, b) => a - b), want.filter((x) => x !== null).sort((a, b) => a - b));
  await show(page, 'projects');
  const pro = parseCsv((await download(page, 'csv')).bytes.toString('utf8'));
  const sums = await engineQuery(page, async (engine, ds) => {
    const ok = engine.read(ds.table('sources')).rows().filter((s) => s.confidence !== 'low').map((s) => s.id);
    return engine.query(ds.table('projects'), {
      filters: [{ column: 'source', in: ok }],
      groupBy: ['country'], aggregates: [{ op: 'sum', column: 'usd_bn', as: 'usd' }, { op: 'count', as: 'n' }],
    }).rows();
  });
  // the described projects view heads its value column with the label and unit: 'US$bn announced (US$bn)'
  const usdAt = pro[0].findIndex((h) => h === 'US$ announced (US$bn)');
  assert.ok(usdAt > 0, pro[0].join(' | '));
  for (const r of pro.slice(1)) {
    if (r[usdAt] === '') continue;
    const g = sums.find((s) => Math.abs(s.usd - Number(r[usdAt])) < 1e-9);
    assert.ok(g, `${r[0]}: ${r[usdAt]} is an engine sum`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('CSV formula injection: text from the data that starts with = + - @ tab or CR is defused', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  const doc = JSON.parse(fs.readFileSync(path.join(WEB, 'build', 'ev_story.json'), 'utf8'));
  // host countries renamed (a name the namer does not know is shown as it is)
  const evil = { Hungary: '=HYPERLINK("http://evil.example","x")', Indonesia: '+cmd|\' /C calc\'!A0', Spain: '-2+3', 'United States': '@SUM(1,2)', Germany: '\tTab', Morocco: '\rCR' };
  for (const p of doc.projects) if (evil[p.country]) p.country = evil[p.country];
  const loaded = await page.evaluate((t) => window.evGraphic.load(t), JSON.stringify(doc));
  assert.deepEqual(loaded, { ok: true });
  await show(page, 'projects');
  await openDownloads(page);
  const rows = parseCsv((await download(page, 'csv')).bytes.toString('utf8'));
  const first = rows.slice(1).map((r) => r[0]);
  const labels = (await table(page)).map((r) => r.cells[0].text);
  let defused = 0;
  for (const [i, label] of labels.entries()) {
    if (/^[=+\-@\t\r]/.test(label)) {
      assert.equal(first[i], `'${label}`, `"${label}" gets a leading apostrophe`);
      defused += 1;
    } else {
      assert.equal(first[i], label);
    }
  }
  assert.ok(defused >= 3, `${defused} hostile names in the chart were defused`);
  for (const r of rows) for (const c of r) assert.doesNotMatch(c, /^[=+@\t\r]/);
  assert.deepEqual(problems, []);
  await page.close();
});

for (const [what, opts] of [
  ['phone (touch only)', { hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 }, deviceScaleFactor: 1 }],
  ['in-app browser', { userAgent: 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36 Instagram 330.0.0.0', viewport: { width: 1000, height: 900 } }],
]) {
  test(`${what}: the PNG is shown as an image to press and hold, at 2×`, async () => {
    const b = await launchChromium({ acceptDownloads: true, ...opts });
    try {
      const page = await b.context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      let downloads = 0;
      page.on('download', () => { downloads += 1; });
      await page.goto(`${h.base}?v=1&view=capacity&lang=zh`);
      await page.evaluate(() => window.evGraphic.ready);
      await openDownloads(page);
      await page.locator('#graphic-share [data-action="png"]').click();
      const img = page.locator('#graphic-share img.share-image');
      await img.waitFor({ state: 'visible' });
      await page.waitForFunction(() => document.querySelector('#graphic-share img.share-image').complete);
      const css = await canvasSize(page);
      const got = await img.evaluate((i) => ({ w: i.naturalWidth, h: i.naturalHeight, alt: i.alt, src: i.src.slice(0, 5) }));
      assert.deepEqual(got, { w: css.width * 2, h: css.height * 2, alt: `图表：${await page.locator('#chart-title').textContent()}`, src: 'blob:' });
      await page.waitForFunction(() => document.querySelector('#graphic-share [role="status"]').textContent !== '');
      assert.equal(await page.locator('#graphic-share [role="status"]').textContent(), '图表图片在下方：长按图片即可保存。');
      assert.equal(downloads, 0, 'no download link was tried');
      await img.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(path.dirname(WEB), 'tests/browser/artifacts', `share-png-${what.split(' ')[0]}.png`), fullPage: false });
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      await b.close();
    }
  });
}

test('offline page where the server has no dist: a clear message, nothing downloaded', async () => {
  const { page, problems } = await h.open({ width: 1200, lang: 'en' });
  await openDownloads(page);
  await page.locator('#graphic-share [data-action="html"]').click();
  await page.waitForFunction(() => document.querySelector('#graphic-share [role="status"]').textContent !== '');
  assert.equal(await page.locator('#graphic-share [role="status"]').textContent(), 'The offline page is not available from this server.');
  assert.ok(problems.length > 0 && problems.every((p) => /404/.test(p)), problems.join('\n'));
  await screenshot(page, 'share-1200-en-download');
  await page.close();
});
