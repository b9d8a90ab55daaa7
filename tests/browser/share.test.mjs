// Sharing by link, in Chromium: every view field survives state → URL →
// page → state; the address bar follows the reader; the Share control copies
// the link and says so to screen readers; hostile links never throw, never
// add markup, and always give a chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, settle, startHarness } from './helpers/page-harness.mjs';
import { cspViolations, watchCsp } from './helpers/share-tools.mjs';
import { fromQuery, initialState, toQuery, URL_KEYS } from '../../web/core/url-state.js';
// the story page's views: its description's (data/ev_story.chart.json, core/chart-view.js chartViews)
import { PAGE_VIEWS as VIEWS } from '../js/helpers/page-views.mjs';

let h;
before(async () => {
  h = await startHarness();
  await watchCsp(h.context);
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});
after(async () => { await h?.close(); });

// Realistic non-default values, then each type's examples.
const REAL = { mode: 'share', scale: 'log', from: 2018, to: 2023, hidden: ['caam_nev_sales'], group: 'region', sort: 'count', selected: 'Europe' };
// A view that lists the values a field takes (`allowed`) gets one of those.
const allowedIn = (view, field, x) => !(view.allowed && Array.isArray(view.allowed[field]) && view.allowed[field].length) || view.allowed[field].includes(x);
const sample = (key, view) => [REAL[key.field], ...(view.allowed?.[key.field] ?? []), ...key.type.examples]
  .find((x) => x !== undefined && JSON.stringify(x) !== JSON.stringify(view.defaults[key.field]) && allowedIn(view, key.field, x));

// Opens `query` and waits for the first draw; lang: null keeps the URL's.
const openAt = (query, opts = {}) => h.open({ width: 1200, lang: null, query, ...opts });

// Waits until the address bar carries `query` (written with a debounce).
const urlIs = (page, query) => page.waitForFunction((q) => location.search === q, query, { timeout: 3000 });

test('every field of every view: state → URL → page → state is the identity', async () => {
  for (const view of VIEWS) {
    const state = initialState(VIEWS);
    state.view = view.id;
    state.lang = 'zh';
    const fields = [];
    for (const key of URL_KEYS) {
      if (!(key.field in view.defaults)) continue;
      state.views[view.id][key.field] = sample(key, view);
      fields.push(key.param);
    }
    const query = toQuery(state, VIEWS);
    const { page, problems } = await openAt(query);
    const got = await page.evaluate(() => window.evGraphic.state());
    assert.equal(got.view, view.id);
    assert.equal(got.lang, 'zh');
    assert.deepEqual(got.views[view.id], state.views[view.id], `${view.id}: ${query}`);
    assert.equal(await page.evaluate(() => window.evGraphic.query()), query);
    await urlIs(page, query);
    assert.equal(await page.locator(`#tab-${view.id}`).getAttribute('aria-selected'), 'true');
    assert.ok((await page.evaluate(() => window.evGraphic.marks().length)) > 0, `${view.id} draws`);
    for (const p of fields) assert.ok(new URL(page.url()).searchParams.has(p), `${view.id}: ${p} in the URL`);
    assert.deepEqual(problems, []);
    assert.deepEqual(await cspViolations(page), []);
    await page.close();
  }
});

test('the address bar follows the reader (debounced), and the link reopens the same view and drawing', async () => {
  const { page, problems } = await openAt('');
  assert.equal(new URL(page.url()).search, '', 'defaults: a bare address');
  await page.locator('#tab-capacity').click();
  await page.getByRole('button', { name: 'Logarithmic', exact: true }).click();
  const from = page.locator('input[type="range"][data-end="from"]');
  await from.focus();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  await settle(page);
  const q = await page.evaluate(() => window.evGraphic.query());
  assert.equal(q, '?v=1&view=capacity&scale=log&from=2017');
  await urlIs(page, q);
  const marks = await page.evaluate(() => window.evGraphic.marks().map((m) => [m.id, Math.round(m.x), Math.round(m.y)]));
  const again = await openAt(q);
  assert.deepEqual(await again.page.evaluate(() => window.evGraphic.marks().map((m) => [m.id, Math.round(m.x), Math.round(m.y)])), marks,
    'the same marks in the same places');
  assert.equal(await again.page.locator('input[type="range"][data-end="from"]').getAttribute('aria-valuetext'), '2017');
  assert.deepEqual([...problems, ...again.problems], []);
  await page.close();
  await again.page.close();
});

test('Share copies the link to the clipboard and a live region says so; the link field shows it', async () => {
  const { page, problems } = await openAt('?v=1&view=exports&lang=zh&from=2021');
  const share = page.locator('#graphic-share [data-action="share"]');
  assert.equal(await share.textContent(), '分享');
  await page.evaluate(() => window.evGraphic.setLanguage('en'));
  assert.equal(await share.textContent(), 'Share');
  await share.click();
  const status = page.locator('#graphic-share [role="status"]');
  await page.waitForFunction(() => document.querySelector('#graphic-share [role="status"]').textContent !== '');
  assert.equal(await status.textContent(), 'Link copied to the clipboard.');
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  const link = `${h.base}?v=1&view=exports&lang=en&from=2021`;
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  const field = page.locator('#graphic-share input.share-field');
  assert.equal(await field.inputValue(), link);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('share-field')), true, 'the field is focused and selected');
  assert.equal(await page.evaluate(() => document.querySelector(`label[for="${document.querySelector('#graphic-share input').id}"]`).textContent), 'Link to this view');
  await screenshot(page, 'share-1200-en-link');
  // the same message again is announced again (emptied, then set)
  await share.click();
  await page.waitForFunction(() => document.querySelector('#graphic-share [role="status"]').textContent === 'Link copied to the clipboard.');
  // the field follows the view
  await page.locator('#tab-europe').click();
  await settle(page);
  assert.equal(await field.inputValue(), `${h.base}?v=1&view=europe&lang=en`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('where the clipboard is refused, the link is selected in the field for the reader to copy', async () => {
  const { page, problems } = await openAt('?v=1&view=projects&sel=Hungary');
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } }));
  await page.locator('#graphic-share [data-action="share"]').click();
  await page.waitForFunction(() => document.querySelector('#graphic-share [role="status"]').textContent !== '');
  assert.equal(await page.locator('#graphic-share [role="status"]').textContent(), 'Copy the link below.');
  assert.equal(await page.locator('#graphic-share input.share-field').inputValue(), `${h.base}?v=1&view=projects&sel=Hungary`);
  assert.deepEqual(await page.evaluate(() => { const f = document.activeElement; return [f.selectionStart, f.selectionEnd === f.value.length]; }), [0, true]);
  assert.deepEqual(problems, []);
  await page.close();
});

// ---- hostile links ---------------------------------------------------------

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MARKUP = [
  '<img src=x onerror="window.__pwned=1">', '"><script>window.__pwned=1</script>', "'><svg onload=window.__pwned=1>",
  '<iframe src=javascript:window.__pwned=1>', 'javascript:window.__pwned=1', '</textarea><b id=pwned>x</b>', '{{constructor.constructor("window.__pwned=1")()}}',
];

function hostileQueries(count) {
  const next = rng(5);
  const pick = (l) => l[Math.floor(next() * l.length)];
  const names = ['v', 'view', 'lang', ...URL_KEYS.map((k) => k.param), '__proto__', 'constructor', 'prototype', '__proto__[x]', 'x'];
  const values = [...VIEWS.map((v) => v.id), 'en', 'zh', 'share', 'log', '2016', '1e309', '-1', 'NaN', '9'.repeat(400), 'x'.repeat(2000),
    '__proto__', 'constructor', 'prototype', 'toString', 'Hungary', 'caam_nev_sales,__proto__', '%', '%00', '中文', ...MARKUP];
  const out = [
    `?${MARKUP.map((m, i) => `${['view', 'sel', 'lang', 'hide', 'mode', 'from', 'x'][i]}=${encodeURIComponent(m)}`).join('&')}`,
    `?view=projects&sel=${encodeURIComponent(MARKUP[0])}`,
    '?__proto__[polluted]=1&constructor[prototype][polluted]=1&view=__proto__',
    `?view=capacity&from=${'9'.repeat(3000)}&hide=${'a,'.repeat(1500)}`, // servers refuse URLs over ~8-16 KB; core-url-state.test.mjs tries 100 KB values
    '?view=exports&view=capacity&lang=zh&lang=en', '?%E0%A4%A=1&view=%FF', `?${'&'.repeat(1000)}`,
  ];
  while (out.length < count) {
    const parts = [];
    for (let j = Math.floor(next() * 7); j > 0; j -= 1) {
      const v = pick(values);
      parts.push(`${pick(names)}=${next() < 0.6 ? encodeURIComponent(v) : v.replace(/[#&]/g, '')}`);
    }
    out.push(`?${parts.join('&')}`);
  }
  return out;
}

// The element structure of the page (tags, ids, classes, attribute names),
// without text or attribute values.
const skeleton = (page) => page.evaluate(() => {
  const walk = (el) => `${el.tagName}${el.id ? `#${el.id}` : ''}[${[...el.attributes].map((a) => a.name).filter((n) => !/^(style|value|aria-valuetext|aria-pressed|aria-selected|tabindex|hidden|width|height|data-value|data-state|lang)$/.test(n)).sort().join(',')}](${[...el.children].map(walk).join('')})`;
  return walk(document.body);
});

test('hostile links: never throw, never add markup, always draw a chart; the canonical link gives the same page', async () => {
  const { page, problems } = await openAt('', { lang: 'en' });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const load = async (q) => {
    await page.goto(h.base + q);
    assert.deepEqual(await page.evaluate(() => window.evGraphic.ready), { ok: true }, q.slice(0, 120));
    await page.evaluate(() => window.evGraphic.setLanguage('en'));
  };
  const shapes = new Map(); // canonical query → skeleton
  for (const q of hostileQueries(28)) {
    await load(q);
    const state = fromQuery(q, VIEWS);
    const probe = await page.evaluate(() => ({
      ready: document.getElementById('ev-graphic').dataset.state,
      error: document.getElementById('chart-error').textContent,
      pwned: window.__pwned ?? null,
      polluted: ({}).polluted ?? null,
      injected: document.querySelectorAll('#pwned, body script:not([src]), iframe, object, embed, svg, img:not(.share-image)').length,
      handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
      marks: window.evGraphic.marks().length,
      view: window.evGraphic.state().view,
    }));
    const msg = q.slice(0, 120);
    assert.equal(probe.ready, 'ready', msg);
    assert.equal(probe.error, '', msg);
    assert.equal(probe.pwned, null, msg);
    assert.equal(probe.polluted, null, msg);
    assert.equal(probe.injected, 0, msg);
    assert.deepEqual(probe.handlers, [], msg);
    assert.ok(probe.marks > 0, `${msg}: a chart`);
    assert.equal(probe.view, state.view, msg);
    assert.deepEqual(await cspViolations(page), [], msg);
    const shape = await skeleton(page);
    // the same state from its canonical link: the same elements
    const canonical = toQuery(state, VIEWS);
    if (!shapes.has(canonical)) {
      await load(canonical);
      shapes.set(canonical, await skeleton(page));
    }
    assert.equal(shapes.get(canonical), shape, `${msg}: only text differs from ${canonical}`);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(dialogs, []);
  await page.close();
});
