// chart-mount.js — a described chart (data/CHART_FORMAT.md) drawn into a
// container with the story's shell: tabs per view, title, finding, controls,
// legend toggles, the canvas with tooltip, pointer, touch and keyboard, the
// aria-live announcements, notes, source line and the table of the numbers.
// For the reader's page (chart.js) and the studio.
//
// mountChart(container, { engine, dataset, description, locale?, viewId?, state?, onState?, onError? })
//   → { update({ description?, locale?, viewId?, dataset? }), destroy(), ready,
//       marks(), model(), state(), show(viewId), setLocale(locale),
//       scene(), theme() }  (the scene drawn and its colours: for the PNG)
//   engine       the engine binding (web/engine/engine.js); dataset its Dataset
//   description  JSON text or object; checked by engine.checkChart against the
//                dataset before anything is drawn (its normalised form is drawn)
//   locale       one of the description's locales (default: its first); the
//                description's Text uses it, UI copy is Chinese for zh and
//                English otherwise
//   state        initial per-view state {view, views: {<id>: {hidden, scale}}}
//                (core/url-state.js's shape, e.g. from fromQuery)
//   onState      (state, locale) → void after every redraw (for the URL)
//   titleTag     'p' (default: the description's title as a small kicker, for
//                a chart inside another page) or 'h1' (the page's heading:
//                chart.html)
//   mapData      { land, countries }: URL, JSON text or bytes of the world
//                shapes for map views (default build/land-110m.json and
//                build/countries-110m.json beside the page; the offline file
//                carries them inline), loaded into the engine the first time
//                a map view is shown, once per engine
// update() checks and builds the new view model first and throws (EngineError
//   or Error, message saying what and where) if it cannot: the last good chart
//   and description stay. Otherwise it returns a Promise resolved once drawn.
// The mount never owns the engine or dataset: destroy() removes its elements
//   and listeners only. Tabs, controls, legend, the view's text and table and
//   picking marks by pointer and keyboard are app/view-shell.js's, the story
//   controller's (app/graphic.js) too; this module adapts a description to it.

import { copyFor } from '../core/copy.js';
import { chartCopy, tabLabel } from '../core/chart/text.js';
import { chartViews } from '../core/chart-view.js';
import { createProvenance } from '../core/provenance.js';
import { themeFor } from '../core/theme.js';
import { initialState } from '../core/url-state.js';
import { finishView } from '../core/viewmodel.js';
import { createChart } from '../render/chart.js';
import { renderDetail } from '../render/detail.js';
import { renderSourceList, renderSources } from '../render/notes.js';
import { createLanguageSwitch } from '../ui/language.js';
import { createTooltip } from '../ui/tooltip.js';
import { applyThemeVars } from './theme-vars.js';
import { fetchBytes } from './dataset.js';
import { createMapShapes } from './map-shapes.js';
import { createViewShell, toggleHidden } from './view-shell.js';

let mounts = 0;
// One set of world shapes per engine instance, shared by its mounts.
const shapesByEngine = new WeakMap();
function shapesFor(engine, mapData = {}) {
  if (!shapesByEngine.has(engine)) {
    shapesByEngine.set(engine, createMapShapes({
      land: mapData.land ?? 'build/land-110m.json',
      countries: mapData.countries ?? 'build/countries-110m.json',
      fetchBytes: (url) => fetchBytes(url, copyFor('en')),
    }));
  }
  return shapesByEngine.get(engine);
}

// The page's elements, as in index.html's figure (same classes, so the same
// styles), with ids made unique per mount.
function skeleton(container, n, titleTag) {
  const el = (tag, cls, attrs = {}) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  };
  const id = (s) => `evc${n}-${s}`;
  const els = {};
  els.figure = el('figure', 'graphic ev-chart', { 'data-state': 'loading', 'aria-labelledby': id('title') });
  els.head = el('div', 'story-top chart-top');
  els.heading = titleTag === 'h1' ? el('h1', 'chart-headline', { id: id('doc-title') }) : el('p', 'kicker chart-doc-title', { id: id('doc-title') });
  els.lang = el('div', 'lang-switch', { role: 'group' });
  els.head.append(els.heading, els.lang);
  els.tablist = el('div', 'tabs', { role: 'tablist', id: id('tabs') });
  els.panel = el('div', 'view', { role: 'tabpanel', tabindex: '-1', id: id('panel') });
  els.title = el('h2', 'graphic-title', { id: id('title') });
  els.finding = el('p', 'graphic-finding', { id: id('finding') });
  els.controls = el('div', 'controls');
  els.error = el('p', 'graphic-error', { role: 'alert' });
  els.legend = el('ul', 'legend');
  els.chart = el('div', 'chart');
  els.canvas = el('canvas', '', { tabindex: '0', role: 'application', 'aria-describedby': `${id('finding')} ${id('definition')}` });
  els.tooltip = el('div', 'tooltip', { role: 'tooltip' });
  els.tooltip.hidden = true;
  els.chart.append(els.canvas, els.tooltip);
  els.live = el('div', 'visually-hidden', { 'aria-live': 'polite' });
  const foot = el('figcaption', 'graphic-foot');
  els.definition = el('p', 'definition', { id: id('definition') });
  els.notes = el('div', 'notes');
  els.sources = el('p', 'sources');
  foot.append(els.definition, els.notes, els.sources);
  const details = el('details', 'data');
  els.tableSummary = el('summary');
  const wrap = el('div', 'table-wrap');
  els.table = el('table');
  wrap.append(els.table);
  details.append(els.tableSummary, wrap);
  els.detail = el('section', 'detail', { 'aria-labelledby': id('detail-heading') });
  els.detail.hidden = true;
  els.panel.append(els.title, els.finding, els.controls, els.error, els.legend, els.chart, els.live, els.detail, foot, details);
  els.figure.append(els.head, els.tablist, els.panel);
  container.append(els.figure);
  return els;
}

function languageName(tag) {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name && name !== tag ? name : tag;
  } catch {
    return tag;
  }
}

// The source line under a described chart. Without document `provenance`,
// the view's `sources` ("Sources: A; B", nothing when it has none). With it,
// the story page's line (render/notes.js renderSources): the view's credit
// and the publishers behind the drawn marks and compared figures ("Sources:
// CAAM, as reported by A; B. Also reported by C."); with no publisher behind
// the marks, the credit alone ("Sources: CAAM."), or, with no credit, the
// publishers alone ("Sources: A; B"); nothing when there is neither.
function renderSourceLine(el, vm, t, c) {
  const sep = vm.locale === 'zh' ? '；' : '; ';
  if (Array.isArray(vm.sourceList)) {
    renderSourceList(el, vm.sourceList, c.sources, sep);
    return;
  }
  const sources = Array.isArray(vm.sources) ? vm.sources : [];
  if (sources.length && vm.credit) renderSources(el, vm, t);
  else if (sources.length) renderSourceList(el, sources.map((s) => ({ name: s.publisher, url: s.url })), c.sources, sep);
  else if (vm.credit) el.replaceChildren(`${c.sources}${vm.credit}${t.ui.stop}`);
  else el.replaceChildren();
}

export const uiLocale = (locale) => (typeof locale === 'string' && (locale === 'zh' || locale.startsWith('zh-')) ? 'zh' : 'en');

export function mountChart(container, options) {
  const { engine, onState = () => {} } = options;
  let dataset = options.dataset;
  mounts += 1;
  const els = skeleton(container, mounts, options.titleTag);
  const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
  const motionQuery = window.matchMedia('(prefers-reduced-motion: reduce)');
  const theme = () => themeFor(darkQuery.matches ? 'dark' : 'light');
  const tooltip = createTooltip(els.tooltip, els.chart);
  // the description's provenance table (document `provenance`), read once per dataset and description
  const noProv = createProvenance([]);
  let provFor = { dataset: null, table: null, prov: noProv };
  function provOf(next) {
    const table = next.description.provenance && typeof next.description.provenance.table === 'string' ? next.description.provenance.table : null;
    if (!table) return noProv;
    if (provFor.dataset !== next.dataset || provFor.table !== table) {
      provFor = { dataset: next.dataset, table, prov: createProvenance(engine.read(next.dataset.table(table)).rows()) };
    }
    return provFor.prov;
  }
  const mapShapes = shapesFor(engine, options.mapData);

  // The current good chart: { description, views, locale, state, vm }
  let cur = null;
  let language = null;
  let languageKey = '';

  const chart = createChart({
    canvas: els.canvas,
    container: els.chart,
    scale: {
      nice: (lo, hi, c, o) => engine.nice(lo, hi, c, o),
      ticks: (lo, hi, c, o) => engine.ticks(lo, hi, c, o),
      geo: mapShapes.scene(() => engine),
    },
    onError: (e) => showError(e),
    reducedMotion: () => motionQuery.matches,
  });

  function showError(e) {
    els.error.textContent = `${chartCopy(cur ? cur.locale : 'en').errorPrefix}${e && e.message ? e.message : String(e)}`;
    els.figure.dataset.state = 'error';
  }

  function build(next) {
    const entry = next.views.find((v) => v.id === next.state.view) ?? next.views[0];
    const ui = uiLocale(next.locale);
    const ctx = {
      q: (table, spec) => engine.query(next.dataset.table(table), spec),
      decimate: (table, spec) => engine.decimate(next.dataset.table(table), spec),
      trend: (xy, o) => engine.trend(xy, o),
      ticks: (lo, hi, c, o) => engine.ticks(lo, hi, c, o),
      locale: next.locale, defaultLocale: next.description.locales[0], t: copyFor(ui), theme: theme(), prov: provOf(next),
      state: next.state.views[entry.id], width: Math.max(1, Math.floor(els.chart.clientWidth || container.clientWidth || 800)),
      geo: mapShapes.status(engine),
    };
    const vm = finishView(ctx, entry.build(ctx));
    vm.locale = ui;
    builtWidth = ctx.width;
    return vm;
  }

  // A new state from a description: the previous per-view choices kept for
  // views that still exist.
  function stateFor(views, prev, viewId) {
    const s = initialState(views);
    if (prev) {
      for (const v of views) if (prev.views[v.id]) s.views[v.id] = { ...s.views[v.id], ...prev.views[v.id] };
      if (views.some((v) => v.id === prev.view)) s.view = prev.view;
    }
    if (viewId && views.some((v) => v.id === viewId)) s.view = viewId;
    return s;
  }

  function renderPage() {
    const { vm, description, locale, views } = cur;
    const t = copyFor(vm.locale);
    const c = chartCopy(locale);
    const tx = (T) => (typeof T === 'string' ? T : (T && (T[locale] ?? T[description.locales[0]])) || '');
    const th = theme();
    applyThemeVars(els.figure, th);
    els.heading.textContent = tx(description.title);
    const key = description.locales.join(',');
    if (key !== languageKey) {
      languageKey = key;
      language = createLanguageSwitch(els.lang, (l) => { setLocale(l); }, description.locales.map((l) => ({ id: l, name: languageName(l), lang: l })));
    }
    els.lang.hidden = description.locales.length < 2;
    language.render(locale, t.ui.language);
    els.tablist.hidden = views.length < 2;
    els.tablist.setAttribute('aria-label', c.views);
    shell.tabs.render(views.map((v) => ({ id: v.id, label: tabLabel(v.view, locale, description.locales[0]) })), vm.id);
    shell.render(vm, { words: t, key: locale, theme: th, dark: darkQuery.matches, help: vm.help ?? t.ui.chartHelp });
    renderDetail(els.detail, vm.detail ?? null, { colon: t.ui.colon, headingId: els.detail.getAttribute('aria-labelledby') });
    els.legend.hidden = vm.legend.length === 0;
    renderSourceLine(els.sources, vm, t, c);
    els.panel.lang = locale;
  }

  // Builds `next` (throws, keeping everything, if it cannot), then draws it.
  function commit(next, { animate = false } = {}) {
    const vm = build(next);
    const p = shell.picked();
    const previous = cur && p >= 0 && cur.vm.marks[p] ? cur.vm.marks[p].id : null;
    const drawn = chart.setModel(vm, { theme: theme(), animate });
    cur = { ...next, vm };
    renderPage();
    els.error.textContent = '';
    els.figure.dataset.state = 'ready';
    const again = previous ? vm.marks.findIndex((m) => m.id === previous) : -1;
    shell.pick(again);
    onState(cur.state, cur.locale);
    if (vm.panels.some((p) => p.kind === 'map') && !mapShapes.status(engine)) {
      return Promise.all([drawn, mapShapes.ensure(engine)]).then(() => redraw());
    }
    return drawn;
  }

  // Redraws the current chart after a reader action; failures are shown and
  // the chart drawn before stays.
  function redraw(opts) {
    if (!cur) return Promise.resolve();
    try {
      return commit({ ...cur }, opts);
    } catch (e) {
      showError(e);
      return Promise.resolve();
    }
  }

  const shell = createViewShell({
    els, chart, tooltip, alwaysSide: true,
    model: () => (cur ? cur.vm : null),
    words: () => copyFor(cur ? cur.vm.locale : 'en'),
    onTab: (id) => {
      if (!cur || id === cur.state.view) return;
      cur.state.view = id;
      shell.reset();
      redraw();
    },
    onControl: (id, value) => {
      if (!cur) return;
      cur.state.views[cur.state.view][id] = value;
      redraw({ animate: true });
    },
    onLegend: (key) => {
      if (!cur) return;
      toggleHidden(cur.state.views[cur.state.view], key);
      redraw({ animate: true });
    },
    // a selectable mark (the view's `detail`): Enter or a click lists its rows; again closes the list
    onSelect: (i) => {
      if (!cur || !cur.vm.selectable || !cur.vm.marks[i]) return;
      const vs = cur.state.views[cur.state.view];
      const key = cur.vm.marks[i].category;
      vs.selected = vs.selected === key ? null : key;
      redraw();
      els.live.textContent = cur.vm.detail ? cur.vm.detail.heading : '';
    },
  });
  const onScheme = () => redraw();
  darkQuery.addEventListener('change', onScheme);
  // A decimated line is built for the canvas width: build it again when the
  // width changes (the chart itself re-lays out the same model on resize).
  let builtWidth = 0;
  let resizeFrame = 0;
  const resize = new ResizeObserver(() => {
    const width = Math.floor(els.chart.clientWidth);
    if (!cur || !cur.vm.widthDependent || width === builtWidth || resizeFrame) return;
    resizeFrame = requestAnimationFrame(() => {
      resizeFrame = 0;
      redraw();
    });
  });
  resize.observe(els.chart);

  function prepare({ description, locale, viewId, dataset: ds }) {
    const data = ds ?? dataset;
    const checked = description === undefined ? cur.description : engine.checkChart(description, data);
    const views = chartViews(checked);
    const wanted = locale ?? (cur ? cur.locale : null);
    const loc = checked.locales.includes(wanted) ? wanted : checked.locales[0];
    const prevState = cur ? cur.state : options.state ?? null;
    const state = stateFor(views, prevState && prevState.views ? prevState : null, viewId ?? (cur ? null : options.viewId));
    return { description: checked, views, locale: loc, state, dataset: data };
  }

  function update(change = {}) {
    const next = prepare(change);
    // build every view once, so a description that any view cannot draw is refused whole
    for (const v of next.views) build({ ...next, state: { ...next.state, view: v.id } });
    const drawn = commit(next);
    if (change.dataset) dataset = change.dataset;
    return drawn;
  }

  function setLocale(l) {
    if (!cur || !cur.description.locales.includes(l)) return Promise.reject(new Error(`unknown locale '${l}'`));
    cur.locale = l;
    return redraw();
  }

  let ready;
  try {
    ready = update({ description: options.description, locale: options.locale, viewId: options.viewId });
  } catch (e) {
    showError(e);
    ready = Promise.reject(e);
    ready.catch(() => {});
  }

  return {
    ready,
    update,
    setLocale,
    show(id) {
      if (!cur || !cur.views.some((v) => v.id === id)) return Promise.reject(new Error(`unknown view '${id}'`));
      cur.state.view = id;
      shell.reset();
      return redraw();
    },
    marks: () => chart.marks(),
    model: () => (cur ? cur.vm : null),
    scene: () => chart.scene(),
    theme: () => theme(),
    state: () => (cur ? JSON.parse(JSON.stringify({ ...cur.state, locale: cur.locale })) : null),
    description: () => (cur ? cur.description : null),
    showError,
    destroy() {
      resize.disconnect();
      cancelAnimationFrame(resizeFrame);
      chart.destroy();
      shell.destroy();
      darkQuery.removeEventListener('change', onScheme);
      tooltip.hide();
      els.figure.remove();
      cur = null;
    },
  };
}
