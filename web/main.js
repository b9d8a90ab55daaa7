// main.js — finds the page's elements and starts the graphic.
//
// Test and embed API: window.evGraphic (app/graphic.js has the contracts)
//   ready                 Promise of the first load's result ({ok: true} or
//                         {ok: false, code, message}); the first draw is done
//   views                 the view ids in tab order, as the story's description
//                         (build/ev_story.chart.json) gives them: ['investment',
//                         'capacity', 'exports', 'projects', 'europe', 'map'];
//                         [] until its first load has read the description
//   show(viewId)          → Promise, resolved after the redraw
//   setLanguage('en'|'zh') → Promise, resolved after the redraw
//   marks()               the current view's marks in CSS px relative to the canvas
//   load(urlOrText)       → Promise<{ok: true} | {ok: false, code, message}>
//   setDescription(urlOrTextOrObject) → the same: another chart description,
//                         checked by the engine against the current dataset
//   query()               the current view's URL query ('' at the defaults)
//   state()               a copy of the view state (core/url-state.js)

import { createGraphic } from './app/graphic.js';
import { startEmbedFrame } from './ui/embed-frame.js';

const $ = (id) => document.getElementById(id);

const graphic = createGraphic({
  els: {
    figure: $('ev-graphic'),
    kicker: $('kicker'),
    headline: $('headline'),
    dek: $('dek'),
    lang: $('lang-switch'),
    tablist: $('view-tabs'),
    panel: $('view-panel'),
    title: $('chart-title'),
    finding: $('chart-finding'),
    definition: $('chart-definition'),
    controls: $('chart-controls'),
    legend: $('chart-legend'),
    error: $('chart-error'),
    chart: $('chart'),
    canvas: $('chart-canvas'),
    tooltip: $('chart-tooltip'),
    live: $('chart-live'),
    detail: $('chart-detail'),
    notes: $('chart-notes'),
    sources: $('chart-sources'),
    tableSummary: $('chart-table-summary'),
    table: $('chart-table'),
    share: $('graphic-share'),
  },
  factory: globalThis.createEvEngine,
  defaultData: 'build/ev_story.json',
  description: 'build/ev_story.chart.json',
});

window.evGraphic = Object.freeze(graphic);
startEmbedFrame(window);
