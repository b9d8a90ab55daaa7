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
// Under the chart, Share, Embed and Download (ui/share.js, as on the story
// page): the link is this page's address with the view's query, the ?d= it
// was opened with and its #c= fragment (after load(), a #c= of the new
// description, with its data when that fits the link); Embed is an iframe of
// that link with embed-host.js (the page reports its height when framed,
// ui/embed-frame.js); Download gives the PNG, the CSV of the view's table
// and the offline file (dist's ev-chart-template.html filled with the
// description and its data, core/chart-offline.js; inside an offline file,
// the file itself), each with the view baked in.
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
import { chartLinkHash, encodeChartLink } from './core/chart-link.js';
import { offlineChartHtml } from './core/chart-offline.js';
import { copyFor } from './core/copy.js';
import { csvText, viewRows } from './core/csv.js';
import { offlineHtml } from './ui/download-offline.js';
import { chartPng } from './ui/download-png.js';
import { startEmbedFrame } from './ui/embed-frame.js';
import { createShareBar } from './ui/share.js';
import { createUrlSync, embedSnippet } from './ui/share-url.js';

export const CHART_TEMPLATE = 'ev-chart-template.html';

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
    return { description: p.description, data: p.data, base: location.href, hash: '', d: null };
  }
  const link = linkValueFromHash(location.hash);
  if (link !== null) {
    const p = await decodeChartLink(link);
    return { description: p.description, data: p.data, base: location.href, hash: chartLinkHash(link), d: null };
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
    return { description, base: url, hash: '', d };
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
  p.dataUrl = url;
  return engine.ingest(await fetchJsonText(url));
}

// The first view state: the query's (view, scale, hide) and its lang.
function initial(description) {
  if (!description || !Array.isArray(description.views) || !Array.isArray(description.locales)) return { state: null, locale: null };
  const views = chartViews(description).filter((v) => typeof v.id === 'string');
  if (views.length === 0) return { state: null, locale: null };
  // the query, else the state baked into an offline file (download-offline.js)
  const baked = document.documentElement.getAttribute('data-ev-state');
  const params = new URLSearchParams(location.search.length > 1 ? location.search : baked ?? '');
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
// Where the drawn description came from: { description (as given), data?
// (or dataUrl, the address its data was read from), base, hash ('#c=…' or
// ''), d (the ?d= value or null) }
let source = null;
startEmbedFrame(window);

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

// The link that reopens this view: the page, the view's query, ?d= and #c=.
function chartLink() {
  const url = new URL(location.href);
  const q = new URLSearchParams(mount ? queryOf(mount.state(), mount.state().locale).replace(/^\?/, '') : '');
  if (source && source.d !== null) q.set('d', source.d);
  const text = q.toString();
  url.search = text ? `?${text}` : '';
  url.hash = source ? source.hash : '';
  return url.href;
}

// The description's data as JSON: given with it, or fetched from dataset.url.
async function sourceData() {
  if (source.data !== undefined && source.data !== null) return source.data;
  if (!source.dataUrl) throw fail(words.noData);
  return JSON.parse(new TextDecoder().decode(await fetchJsonText(source.dataUrl)));
}

const uiOf = (locale) => (locale === 'zh' || String(locale).startsWith('zh-') ? 'zh' : 'en');
const shareEl = document.getElementById('graphic-share');
const share = createShareBar(shareEl, {
  query: () => (mount ? queryOf(mount.state(), mount.state().locale) : ''),
  viewId: () => (mount ? mount.state().view : ''),
  lang: () => (mount ? mount.state().locale : ''),
  title: () => (mount && mount.model() ? mount.model().title : document.title),
  pageTitle: () => document.title,
  png: () => chartPng({ scene: mount.scene(), theme: mount.theme(), scale: 2 }),
  csv: () => csvText(viewRows(mount.model(), copyFor(uiOf(mount.state().locale)).share.csv)),
  link: chartLink,
  embed: () => embedSnippet({ title: document.title, frame: chartLink(), win: window }),
  offline: () => offlineHtml(queryOf(mount.state(), mount.state().locale), {
    file: CHART_TEMPLATE,
    fill: async (template) => offlineChartHtml(template, { description: source.description, data: await sourceData() }),
  }),
  fileBase: () => 'ev-chart',
});

function onState(state, locale) {
  words = chartCopy(locale);
  share.render(copyFor(uiOf(locale)));
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
  source = p;
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
  // the first draw happened inside mountChart, before `mount` was set
  onState(mount.state(), mount.state().locale);
  shareEl.hidden = false;
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
      onState(m.state(), m.state().locale);
      if (next && dataset) dataset.free();
      dataset = ds;
    } else {
      await mount.update({ description: p.description, ...(next ? { dataset: next } : {}) });
      if (next && dataset) dataset.free();
      if (next) dataset = next;
    }
    // the link of a loaded description: a #c= of it (its data too, when that fits)
    // without data of its own it is drawn from the data drawn before
    const own = p.data !== undefined && p.data !== null;
    const data = own ? p.data : source ? source.data : undefined;
    source = { description: p.description, data, dataUrl: own || !source ? null : source.dataUrl, base: location.href, hash: '', d: null };
    source.hash = chartLinkHash(await encodeChartLink({ description: p.description, ...(data !== undefined ? { data } : {}) }));
    shareEl.hidden = false;
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
