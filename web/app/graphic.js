// graphic.js — the controller: state → engine queries → view model → chart
// and page text, and reader input → new state → the same path again.
//
// createGraphic({ els, factory, defaultData, mapData, source, description }) → { load, ready, show, setLanguage, setDescription, marks, views, query, state }
//   description  the story's chart description (data/CHART_FORMAT.md): a URL
//                (build/ev_story.chart.json), JSON text or an object, read
//                before the first load. Every load checks it against the
//                dataset with the engine (engine.checkChart, as
//                app/chart-mount.js does) and draws its normalised form:
//                source.describe(normalised) gives the views then drawn, in
//                the description's order (the tabs' order; the story's
//                source: core/chart-view.js chartViews, the general
//                renderer). Nothing story-specific is known before: the
//                URL's view state is read (core/url-state.js fromQuery)
//                only once the first description's views are known (a link
//                naming a view the description lacks opens the first); a
//                later description carries the state over (url-state.js
//                restate). A description the check refuses refuses the
//                load like a bad dataset (below).
//   source       the view source (default: STORY_SOURCE, below):
//                { views?: [{id, build?(ctx) → view model, defaults, allowed?}] in
//                  tab order (fixed views: the URL is read at once),
//                  describe?(doc) → views (with `description`),
//                  requiredTables?: tables every load must have (default:
//                  those the description reads, core/chart-view.js
//                  chartTables, so that a dataset without one is refused
//                  as the data's fault, before the description is checked),
//                  tabLabel?(words, view, lang) → the tab's text (default: the described
//                  view's `tab`, else its title, in lang: core/chart/text.js tabLabel),
//                  context?(ctx, engine, dataset) → ctx with more fields (e.g. a
//                  described chart's decimate and defaultLocale) }
//   mapData      { land, countries }: URL, JSON text or bytes of the world
//                shapes (default build/land-110m.json, build/countries-110m.json),
//                loaded when the map view is first shown (app/map-shapes.js)
//   els          the page's elements (see main.js)
//   factory      the Emscripten module factory (globalThis.createEvEngine)
// views          the ids of the views drawn now, in tab order ([] until the
//   description has been read and checked); a getter.
// load(urlOrText) → Promise<{ok: true} | {ok: false, code, message}>: text
//   whose first non-space character is '{' or '[' is JSON, as is a
//   Uint8Array of its UTF-8 bytes; anything else is a URL. Loads run one at
//   a time in call order. Every view is built from the new dataset before it
//   is shown, so a dataset that any view cannot use is refused: the error is
//   shown, the previous dataset and chart stay. On success the previous
//   dataset is freed. Never rejects.
// setDescription(urlOrText | object) → Promise<{ok: true} | {ok: false,
//   code, message}>: another description (read as `description` above),
//   checked against the current dataset and drawn, in the load queue. One
//   the check refuses (or that any view cannot draw) is refused: the
//   engine's message (what and where) in the status line, the last good
//   description and chart stay. Never rejects.
// show(viewId) / setLanguage('en' | 'zh') → Promise resolved after the redraw
//   (after the first load; show rejects an id that is not one of `views`).
// marks() the current view's marks in CSS px relative to the canvas.
// engineMemory() bytes of WASM memory held by the engine instance.
// A failure that leaves the engine unusable (a trap, or NOMEM, after which
// the instance is discarded because its memory stays grown) is followed by
// a fresh instance with the last good dataset; load() resolves after that.
//
// Every reader action changes the state and schedules one render in the
// next animation frame: the view's queries run in the engine, the chart and
// text are rebuilt from the result, and the URL is updated (replaceState).
// Tabs, controls, legend, the view's text and table, and picking marks by
// pointer and keyboard are app/view-shell.js's, shared with chart-mount.js.

import { createEngine } from '../engine/engine.js';
import { copyFor } from '../core/copy.js';
import { htmlLang, pickLocale } from '../core/i18n.js';
import { isJsonText } from '../core/input.js';
import { csvText, viewRows } from '../core/csv.js';
import { fromQuery, langOf, restate, toQuery } from '../core/url-state.js';
import { themeFor } from '../core/theme.js';
import { finishView } from '../core/viewmodel.js';
import { chartTables, chartViews } from '../core/chart-view.js';
import { tabLabel as tabTextOf } from '../core/chart/text.js';
import { createChart } from '../render/chart.js';
import { renderDetail } from '../render/detail.js';
import { renderSources } from '../render/notes.js';
import { createLanguageSwitch } from '../ui/language.js';
import { createStatus } from '../ui/status.js';
import { chartPng } from '../ui/download-png.js';
import { createShareBar } from '../ui/share.js';
import { createUrlSync, initialQuery } from '../ui/share-url.js';
import { createTooltip } from '../ui/tooltip.js';
import { fetchBytes, openDataset } from './dataset.js';
import { createMapShapes } from './map-shapes.js';
import { applyThemeVars } from './theme-vars.js';
import { createViewShell, toggleHidden } from './view-shell.js';

// The story: every view, its state fields and the tables it reads come
// from the description (core/chart-view.js); none are known before it is read.
export const STORY_SOURCE = Object.freeze({ describe: chartViews });

function descriptionOf(arg, t) {
  if (arg && typeof arg === 'object' && !(arg instanceof Uint8Array)) return Promise.resolve(arg);
  const bytes = arg instanceof Uint8Array ? Promise.resolve(arg) : isJsonText(arg) ? Promise.resolve(new TextEncoder().encode(arg)) : fetchBytes(String(arg), t);
  return bytes.then((b) => JSON.parse(new TextDecoder().decode(b)));
}

export function createGraphic({ els, factory, defaultData, mapData = {}, source = STORY_SOURCE, description = null }) {
  let VIEWS = Object.freeze(Array.isArray(source.views) ? [...source.views] : []);
  const viewIds = () => Object.freeze(VIEWS.map((v) => v.id));
  const viewById = (id) => VIEWS.find((v) => v.id === id) ?? VIEWS[0];
  // a described view that draws a map: the world shapes load before it is drawn
  const mapView = (id) => {
    const v = VIEWS.find((x) => x.id === id);
    const d = v && v.view;
    return Boolean(d && (d.mark === 'map' || (Array.isArray(d.panels) && d.panels.some((p) => p && p.mark === 'map'))));
  };
  let raw = null; // the story's chart description as read
  let doc = null; // ... as the engine's check normalised it for the current dataset
  const tabLabel = source.tabLabel ?? ((words, v, l) => (v.view ? tabTextOf(v.view, l, doc.locales[0]) : '') || v.id);
  const extendContext = source.context ?? ((ctx, eng) => (doc ? {
    ...ctx,
    defaultLocale: doc.locales[0],
    decimate: (table, spec) => eng.decimate(ctx.table(table), spec),
    ticks: (lo, hi, count, opts) => eng.ticks(lo, hi, count, opts),
    width: els.chart.clientWidth || 800,
  } : ctx));
  // the view state: read from the URL once views are known (fixed views
  // at once, a description's when it is first adopted), null until then
  let state = VIEWS.length ? fromQuery(initialQuery(window), VIEWS) : null;
  const urlSync = createUrlSync({ win: window });
  window.addEventListener('pagehide', () => urlSync.flush());
  let lang = langOf(initialQuery(window)) ?? pickLocale(navigator.languages ?? [navigator.language]);
  const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
  const motionQuery = window.matchMedia('(prefers-reduced-motion: reduce)');
  const status = createStatus({ errorEl: els.error, figure: els.figure });
  const tooltip = createTooltip(els.tooltip, els.chart);
  const mapShapes = createMapShapes({
    land: mapData.land ?? 'build/land-110m.json', countries: mapData.countries ?? 'build/countries-110m.json',
    fetchBytes: (url) => fetchBytes(url, t()),
  });

  let engine = null;
  let data = null; // { ds, prov, name, input }
  let vm = null;

  const t = () => copyFor(lang);
  const theme = () => themeFor(darkQuery.matches ? 'dark' : 'light');

  async function currentEngine() {
    if (!engine || engine.dead) {
      data = data ? { ...data, ds: null } : null; // its handles died with the old instance
      engine = await createEngine({ factory });
    }
    return engine;
  }

  // The error with its prefix: the description's own (e.inDescription, set
  // by adopt) or the data's.
  function messageOf(e) {
    const words = t().ui;
    return `${e && e.inDescription ? words.descriptionErrorPrefix : words.errorPrefix}${e && e.message ? e.message : String(e)}`;
  }

  // Shows the error. After NOMEM the instance keeps its grown memory (WASM
  // memory never shrinks), so it is discarded like one that trapped.
  function showError(e) {
    status.error(messageOf(e));
    if (e && e.code === 'NOMEM' && engine && !engine.dead) engine.discard('the engine ran out of memory');
  }

  // After the instance died: a fresh one, the last good dataset loaded into
  // it again and the current view redrawn. The error stays on show (the
  // chart drawn before the failure stayed on the canvas throughout).
  // Resolves when done; a second failure is shown, never thrown.
  function recover() {
    if (!(engine && engine.dead && data && data.input)) return Promise.resolve();
    return loadOnce(data.input, { keepStatus: true }).catch((e) => status.error(messageOf(e)));
  }

  // An error outside load(): show it, and recover in the load queue.
  function failed(e) {
    showError(e);
    queue = queue.then(recover);
  }

  const chart = createChart({
    canvas: els.canvas,
    container: els.chart,
    scale: {
      nice: (lo, hi, count, opts) => engine.nice(lo, hi, count, opts),
      ticks: (lo, hi, count, opts) => engine.ticks(lo, hi, count, opts),
      geo: mapShapes.scene(() => engine),
    },
    onError: failed,
    reducedMotion: () => motionQuery.matches,
  });

  const share = createShareBar(els.share, {
    query: () => toQuery(state, VIEWS),
    viewId: () => state.view,
    lang: () => lang,
    title: () => (vm ? vm.title : ''),
    pageTitle: () => t().page.title,
    png: () => chartPng({ scene: chart.scene(), theme: theme(), scale: 2 }),
    csv: () => csvText(viewRows(vm, t().share.csv)),
  });

  function buildModel(eng, d, viewId, locale) {
    const view = viewById(viewId);
    const ctx = extendContext({
      q: (table, spec) => eng.query(d.ds.table(table), spec),
      table: (name) => d.ds.table(name),
      locale, t: copyFor(locale), theme: theme(), prov: d.prov, name: d.name, state: state.views[view.id],
      trend: (xy, opts) => eng.trend(xy, opts), geo: mapShapes.status(eng),
    }, eng, d.ds);
    return finishView(ctx, view.build(ctx));
  }

  function select(index) {
    if (!vm || !vm.selectable || !vm.marks[index]) return;
    const vs = state.views[vm.id];
    const key = vm.marks[index].category;
    vs.selected = vs.selected === key ? null : key;
    schedule({ keepPick: true }).then(() => {
      els.live.textContent = vm.detail ? `${vm.detail.heading}${t().ui.stop}${t().ui.sep}${t().ui.listedBelow}` : '';
    });
  }

  // What needs no view: the page's text in the language (the table's
  // summary too), the theme, the language switch. Drawn at once (before
  // the description is read: the first paint is in the link's language)
  // and with every view.
  function renderChrome() {
    const words = t();
    document.documentElement.lang = htmlLang(lang);
    document.title = words.page.title;
    els.kicker.textContent = words.page.kicker;
    els.headline.textContent = words.page.headline;
    els.dek.textContent = words.page.dek;
    if (els.tableSummary) els.tableSummary.textContent = words.ui.table;
    applyThemeVars(document.documentElement, theme());
    language.render(lang, words.ui.language);
  }

  function renderPage(m) {
    const words = t();
    const th = theme();
    renderChrome();
    shell.tabs.render(VIEWS.map((v) => ({ id: v.id, label: tabLabel(words, v, lang) })), m.id);
    shell.render(m, {
      words, key: lang, theme: th, dark: darkQuery.matches,
      help: m.help ?? (m.selectable ? words.ui.chartHelpSelect : words.ui.chartHelp),
    });
    renderSources(els.sources, m, words);
    renderDetail(els.detail, m.detail, { colon: words.ui.colon });
    urlSync.write(toQuery(state, VIEWS));
    share.render(words);
    if (els.share) els.share.hidden = false;
  }

  // Builds and draws the current view. Throws (leaving the previous drawing)
  // if the model cannot be built.
  function renderNow({ animate = false, keepPick = false } = {}) {
    const previous = vm && shell.picked() >= 0 ? vm.marks[shell.picked()].id : null;
    const m = buildModel(engine, data, state.view, lang);
    if ((m.panels ?? []).some((p) => p.kind === 'map') && !mapShapes.status(engine)) mapShapes.ensure(engine).then(() => schedule());
    const drawn = chart.setModel(m, { theme: theme(), animate });
    vm = m;
    renderPage(m);
    const again = keepPick && previous ? m.marks.findIndex((x) => x.id === previous) : -1;
    shell.pick(again);
    return drawn;
  }

  let pending = null;
  function schedule(opts = {}) {
    if (pending) {
      pending.opts.animate = pending.opts.animate && Boolean(opts.animate);
      return pending.promise;
    }
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    pending = { opts: { ...opts }, promise };
    requestAnimationFrame(() => {
      const { opts: o } = pending;
      pending = null;
      if (!vm || !data || !data.ds) {
        resolve();
        return;
      }
      let drawn;
      try {
        drawn = renderNow(o);
      } catch (e) {
        failed(e);
        drawn = Promise.resolve();
      }
      drawn.then(resolve);
    });
    return promise;
  }

  const shell = createViewShell({
    els, chart, tooltip, model: () => vm, words: t, onSelect: select,
    onTab: (id) => {
      if (id === state.view) return;
      state.view = id;
      shell.reset();
      schedule();
    },
    onControl,
    onLegend: (key) => {
      toggleHidden(state.views[state.view], key);
      schedule({ animate: true });
    },
  });
  function onControl(id, value) {
    const vs = state.views[state.view];
    if (id === 'range') {
      // the full span is the default (null), which keeps links short
      const c = vm && vm.controls.find((x) => x.kind === 'range');
      const [lo, hi] = c ? [c.years[0], c.years[c.years.length - 1]] : [];
      [vs.from, vs.to] = [value[0] === lo ? null : value[0], value[1] === hi ? null : value[1]];
    }
    else vs[id] = value;
    if (id === 'group') vs.selected = null;
    schedule({ animate: true });
  }
  let chosenLang = null; // a language the reader picked before the state was read
  function chooseLanguage(l) {
    lang = l;
    if (state) state.lang = l;
    else chosenLang = l;
    renderChrome();
  }
  const language = createLanguageSwitch(els.lang, (l) => {
    if (l === lang) return;
    chooseLanguage(l);
    schedule();
  });
  // the first paint: the page's text and language switch; the share bar
  // only once there is a chart to share
  renderChrome();
  if (els.share) els.share.hidden = true;

  darkQuery.addEventListener('change', () => schedule());

  // Reads the description once, before the first dataset.
  let described = null;
  function describe() {
    if (!description) return Promise.resolve();
    if (!described) {
      described = descriptionOf(description, t()).then((d) => { raw = d; });
      described.catch(() => { described = null; });
    }
    return described;
  }

  // The description checked against dataset d by the engine (throws its
  // EngineError, message saying what and where, if refused), and its
  // normalised form's views made current; the first time, the URL is read
  // against them, later the state is carried over to them. Returns what to
  // restore on failure.
  function adopt(eng, d, desc) {
    const saved = { raw, doc, VIEWS, state };
    if (!desc) return saved;
    let checked;
    let views;
    try {
      checked = eng.checkChart(desc, d.ds);
      views = source.describe(checked);
      if (!Array.isArray(views) || views.length === 0) throw new Error(t().errors.noViews);
    } catch (e) {
      if (e && typeof e === 'object' && e.code !== 'NOMEM' && !eng.dead) e.inDescription = true;
      throw e;
    }
    raw = desc;
    doc = checked;
    VIEWS = Object.freeze([...views]);
    if (!state) {
      state = fromQuery(initialQuery(window), VIEWS);
      if (chosenLang) state.lang = chosenLang;
    } else state = restate(state, saved.VIEWS, VIEWS);
    return saved;
  }
  function restore(saved) {
    ({ raw, doc, VIEWS, state } = saved);
  }

  async function loadOnce(arg, { keepStatus = false } = {}) {
    if (typeof factory !== 'function') throw new Error(t().errors.noEngine);
    await describe();
    const input = arg instanceof Uint8Array || isJsonText(arg) ? arg : await fetchBytes(String(arg), t());
    const eng = await currentEngine();
    const next = openDataset(eng, input, t(), source.requiredTables ?? chartTables(doc ?? raw));
    const old = data;
    let saved = null;
    try {
      saved = adopt(eng, next, raw);
      if (!state) throw new Error(t().errors.noDescription);
      for (const v of VIEWS) buildModel(eng, next, v.id, lang);
      data = next;
      if (mapView(state.view)) await mapShapes.ensure(eng);
      await renderNow();
    } catch (e) {
      data = old;
      if (saved) restore(saved);
      if (!eng.dead) next.ds.free();
      throw e;
    }
    if (old && old.ds) old.ds.free();
    if (!keepStatus) status.ready();
  }

  async function describeOnce(arg) {
    const desc = await descriptionOf(arg, t());
    const eng = await currentEngine();
    if (!data || !data.ds) throw new Error(t().errors.noDataset);
    const saved = adopt(eng, data, desc);
    try {
      for (const v of VIEWS) buildModel(eng, data, v.id, lang);
      if (mapView(state.view)) await mapShapes.ensure(eng);
      await renderNow();
    } catch (e) {
      restore(saved);
      throw e;
    }
    status.ready();
  }

  let queue = Promise.resolve();
  function queued(fn) {
    status.loading();
    const run = queue.then(fn).then(
      () => ({ ok: true }),
      (e) => {
        showError(e);
        const result = { ok: false, code: e && e.code ? e.code : 'LOAD', message: messageOf(e) };
        return recover().then(() => result);
      },
    );
    queue = run;
    return run;
  }
  const load = (arg) => queued(() => loadOnce(arg));

  const ready = load(defaultData);

  return {
    load,
    ready,
    get views() {
      return viewIds();
    },
    show(id) {
      return ready.then(() => {
        if (!VIEWS.some((v) => v.id === id)) throw new Error(`unknown view '${id}'`);
        return mapView(id) ? mapShapes.ensure(engine) : null;
      }).then(() => {
        if (id !== state.view) {
          state.view = id;
          shell.reset();
        }
        return schedule();
      });
    },
    setLanguage(l) {
      if (l !== 'en' && l !== 'zh') return Promise.reject(new Error(`unknown language '${l}'`));
      return ready.then(() => {
        chooseLanguage(l);
        return schedule();
      });
    },
    setDescription: (arg) => ready.then(() => queued(() => describeOnce(arg))),
    marks: () => chart.marks(),
    // bytes of WASM memory the current engine instance holds
    engineMemory: () => (engine && !engine.dead ? engine.memoryBytes : 0),
    query: () => (state ? toQuery(state, VIEWS) : ''),
    state: () => (state ? JSON.parse(JSON.stringify(state)) : null),
  };
}
