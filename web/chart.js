// chart.js — the reader's page for a described chart (chart.html).
//
// The description and data come from, in this order:
//   1. an inline <script type="application/json" id="ev-chart"> block
//      holding {description, data?} (the offline file, tools/dist.mjs);
//   2. the URL fragment #c=… (core/chart-link.js: decodeChartLink);
//   3. ?d=<same-origin URL of a description JSON>.
// The dataset is the payload's data, else description.dataset.url (resolved
// against the description's address; same origin only). The description is
// checked (engine.checkChart, through app/chart-mount.js) before drawing.
// Any failure shows its message in the page's status line; a later bad
// load() keeps the last good chart. The view, language, scale and hidden
// series live in the query (core/url-state.js for view/scale/hide, plus
// lang), next to ?d= and the #c= fragment, so a shared link reopens the view.
//
// Test API: window.evChart
//   ready         Promise<{ok: true} | {ok: false, message}> after the first draw
//   views()       the view ids; show(id), setLocale(locale) → Promise (redrawn)
//   marks()       the current marks in canvas CSS px; model() the view model
//   state()       {view, views, locale}; query() the state's query string
//   load({description, data?}) → Promise<{ok} | {ok: false, message}>: a new
//                 description (and data); on failure the last good chart stays

import { createEngine } from './engine/engine.js';
import { mountChart } from './app/chart-mount.js';
import { decodeChartLink, linkValueFromHash } from './core/chart-link.js';
import { chartCopy, sameOrigin } from './core/chart/text.js';
import { chartViews } from './core/chart-view.js';
import { htmlLang } from './core/i18n.js';
import { fromQuery, toQuery } from './core/url-state.js';
import { createUrlSync } from './ui/share-url.js';

const $ = (id) => document.getElementById(id);
const statusEl = $('chart-status');
const root = $('chart-root');
let words = chartCopy(navigator.language && navigator.language.startsWith('zh') ? 'zh' : 'en');

function fail(message) {
  const e = new Error(message);
  e.code = 'LOAD';
  return e;
}

async function fetchJsonText(url) {
  let res;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw fail(words.fetch(url, e.message));
  }
  if (!res.ok) throw fail(words.http(url, res.status));
  return new Uint8Array(await res.arrayBuffer());
}

// { description, data?, base } from the page, the fragment or ?d=.
async function payload() {
  const block = document.getElementById('ev-chart');
  if (block && block.textContent.trim()) {
    let p;
    try {
      p = JSON.parse(block.textContent);
    } catch (e) {
      throw fail(words.badInline(e.message));
    }
    if (p === null || typeof p !== 'object' || Array.isArray(p)) throw fail(words.notObject('ev-chart'));
    return { description: p.description, data: p.data, base: location.href };
  }
  const link = linkValueFromHash(location.hash);
  if (link !== null) {
    const p = await decodeChartLink(link);
    return { description: p.description, data: p.data, base: location.href };
  }
  const d = new URLSearchParams(location.search).get('d');
  if (d !== null) {
    const url = sameOrigin(d, location.href, location.origin);
    if (!url) throw fail(words.crossOrigin(d));
    const bytes = await fetchJsonText(url);
    let description;
    try {
      description = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (e) {
      throw fail(`${d}: ${e.message}`);
    }
    return { description, base: url };
  }
  throw fail(words.noDescription);
}

// The engine's Dataset for a payload: inline data, or dataset.url.
async function datasetOf(engine, p) {
  if (p.data !== undefined && p.data !== null) return engine.ingest(JSON.stringify(p.data));
  const src = p.description && p.description.dataset && p.description.dataset.url;
  if (typeof src !== 'string') throw fail(words.noData);
  const url = sameOrigin(src, p.base, location.origin);
  if (!url) throw fail(words.crossOrigin(src));
  return engine.ingest(await fetchJsonText(url));
}

// The first view state: the query's (view, scale, hide) and its lang.
function initial(description) {
  if (!description || !Array.isArray(description.views) || !Array.isArray(description.locales)) return { state: null, locale: null };
  const views = chartViews(description).filter((v) => typeof v.id === 'string');
  if (views.length === 0) return { state: null, locale: null };
  const params = new URLSearchParams(location.search);
  const state = fromQuery(params, views);
  const asked = params.get('lang');
  const browser = (navigator.languages ?? [navigator.language]).map((l) => String(l));
  const locale = description.locales.includes(asked) ? asked
    : description.locales.find((l) => browser.some((b) => b === l || b.split('-')[0] === l)) ?? null;
  return { state, locale };
}

const urlSync = createUrlSync({ win: window, keep: ['d'], keepHash: true });
window.addEventListener('pagehide', () => urlSync.flush());

let engine = null;
let mount = null;
let dataset = null;
let views = [];

function queryOf(state, locale) {
  if (!mount || !state) return '';
  const q = toQuery({ ...state, lang: null }, views);
  const first = mount.description().locales[0];
  if (locale === first) return q;
  const p = new URLSearchParams(q);
  if (!p.has('v')) p.set('v', '1');
  p.set('lang', locale);
  return `?${p.toString()}`;
}

function onState(state, locale) {
  words = chartCopy(locale);
  document.documentElement.lang = locale === 'zh' ? htmlLang('zh') : locale;
  const d = mount ? mount.description() : null;
  if (d) {
    const t = d.title;
    document.title = typeof t === 'string' ? t : (t && (t[locale] ?? t[d.locales[0]])) || document.title;
    views = chartViews(d);
  }
  urlSync.write(queryOf(state, locale));
}

function showStatus(e) {
  statusEl.textContent = `${words.errorPrefix}${e && e.message ? e.message : String(e)}`;
}

async function start() {
  statusEl.textContent = '';
  const p = await payload();
  engine = await createEngine({ factory: globalThis.createEvEngine });
  dataset = await datasetOf(engine, p);
  const { state, locale } = initial(p.description);
  if (state) views = chartViews(p.description);
  mount = mountChart(root, {
    engine, dataset, description: p.description, locale: locale ?? undefined, viewId: state ? state.view : undefined, state, onState, titleTag: 'h1',
  });
  try {
    await mount.ready;
  } catch (e) {
    // the dataset stays: a later load() may bring a description that fits it
    mount.destroy();
    mount = null;
    throw e;
  }
}

const ready = start().then(() => ({ ok: true }), (e) => {
  showStatus(e);
  return { ok: false, message: statusEl.textContent };
});

async function load(p) {
  await ready;
  if (!engine) engine = await createEngine({ factory: globalThis.createEvEngine });
  let next = null;
  try {
    if (p.data !== undefined && p.data !== null) next = engine.ingest(JSON.stringify(p.data));
    if (!mount) {
      const ds = next ?? dataset;
      if (!ds) throw fail(words.noData);
      const m = mountChart(root, { engine, dataset: ds, description: p.description, onState, titleTag: 'h1' });
      try {
        await m.ready;
      } catch (e) {
        m.destroy();
        throw e;
      }
      mount = m;
      if (next && dataset) dataset.free();
      dataset = ds;
    } else {
      await mount.update({ description: p.description, ...(next ? { dataset: next } : {}) });
      if (next && dataset) dataset.free();
      if (next) dataset = next;
    }
    statusEl.textContent = '';
    return { ok: true };
  } catch (e) {
    if (next && next !== dataset) next.free();
    showStatus(e);
    return { ok: false, message: statusEl.textContent };
  }
}

window.evChart = Object.freeze({
  ready,
  load,
  views: () => (mount && mount.description() ? mount.description().views.map((v) => v.id) : []),
  show: (id) => ready.then(() => mount.show(id)),
  setLocale: (l) => ready.then(() => mount.setLocale(l)),
  marks: () => (mount ? mount.marks() : []),
  model: () => (mount ? mount.model() : null),
  state: () => (mount ? mount.state() : null),
  query: () => (mount ? queryOf(mount.state(), mount.state().locale) : ''),
});
