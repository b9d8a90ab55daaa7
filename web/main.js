// main.js — wires engine, core, render and ui for the first chart.
//
// Data path (one way): bytes/text → engine.ingest → Dataset → engine.query
// → core/model.js → chart + legend + notes + table. The page never computes
// on the data itself; the engine gives the values, their max and the ticks.
//
// Embed API: window.evGraphic
//   load(urlOrText) → Promise<{ok: true} | {ok: false, code, message}>
//     Text whose first non-space character is '{' or '[' is JSON, as is a
//     Uint8Array of its UTF-8 bytes; anything else is a URL (relative to
//     the page). Loads go one at a time in call
//     order. On failure the error is shown and the previous dataset and
//     chart stay; on success the previous dataset is freed. The promise
//     never rejects, so an embedder that ignores it leaves no unhandled
//     rejection.
//   ready   Promise of the first load's result.
//   marks() the chart's marks in CSS px relative to the canvas (chart.js).

import { createEngine } from './engine/engine.js';
import { describeMark, announce } from './core/describe.js';
import { ModelError } from './core/frame.js';
import { isJsonText } from './core/input.js';
import { buildChartModel } from './core/model.js';
import { errors, STORY_SERIES } from './core/strings.js';
import { createChart } from './render/chart.js';
import { renderLegend } from './render/legend.js';
import { renderNotes, renderSources } from './render/notes.js';
import { renderTable } from './render/table.js';
import { attachKeyboard } from './ui/keyboard.js';
import { attachPointer } from './ui/pointer.js';
import { createStatus } from './ui/status.js';
import { createTooltip } from './ui/tooltip.js';

const DEFAULT_DATA = 'build/ev_story.json';

const $ = (id) => document.getElementById(id);
const figure = $('ev-graphic');
const container = $('chart');
const canvas = $('chart-canvas');
const status = createStatus({ errorEl: $('chart-error'), figure });
const tooltip = createTooltip($('chart-tooltip'), container);
const live = $('chart-live');

let engine = null;
let dataset = null;
let picked = -1;

async function currentEngine() {
  if (!engine || engine.dead) {
    if (dataset) dataset = null; // its handles died with the old instance
    engine = await createEngine({ factory: globalThis.createEvEngine });
  }
  return engine;
}

// Scale functions for the chart; they use whichever engine is current.
const scale = {
  nice: (lo, hi, count) => engine.nice(lo, hi, count),
  ticks: (lo, hi, count) => engine.ticks(lo, hi, count),
};

function messageOf(e) {
  if (e && (e.name === 'EngineError' || e instanceof ModelError)) return `${errors.prefix}${e.message}`;
  return `${errors.prefix}${e && e.message ? e.message : String(e)}`;
}

function showError(e) {
  status.error(messageOf(e));
  if (engine && engine.dead) {
    currentEngine().then(() => chart.relayout()).catch(() => {});
  }
}

const chart = createChart({ canvas, container, scale, onError: showError });

function pick(index, { fromKeyboard = false } = {}) {
  const model = chart.model();
  const mark = model && index >= 0 ? model.marks[index] : null;
  picked = mark ? index : -1;
  chart.setFocus(picked);
  if (!mark) {
    tooltip.hide();
    return;
  }
  const bar = chart.marks().find((m) => m.index === index);
  tooltip.show(describeMark(mark), { x: bar.x, y: bar.top, w: bar.w });
  if (fromKeyboard) live.textContent = announce(mark, index + 1, model.marks.length);
}

attachPointer({ canvas, tooltipEl: tooltip.el, marks: () => chart.marks(), onPick: (i) => pick(i) });
attachKeyboard({
  canvas,
  count: () => (chart.model() ? chart.model().marks.length : 0),
  current: () => picked,
  onPick: pick,
});

// Builds the chart model from a freshly ingested dataset. Throws ModelError
// or EngineError with a sentence naming what is wrong.
function modelFrom(eng, ds) {
  for (const name of ['investment', 'sources']) {
    if (!ds.has(name)) throw new ModelError(errors.noTable(name, ds.tableNames));
  }
  const investment = ds.table('investment');
  const only = [{ column: 'series', in: [STORY_SERIES] }];
  return buildChartModel({
    investment: eng.query(investment, { filters: only, sort: [{ column: 'period' }] }),
    extent: eng.query(investment, {
      filters: only,
      aggregates: [{ op: 'max', column: 'usd_bn', as: 'max' }, { op: 'min', column: 'usd_bn', as: 'min' }],
    }),
    sources: eng.read(ds.table('sources')),
    seriesId: STORY_SERIES,
  });
}

async function fetchBytes(url) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(errors.fetch(url, e.message));
  }
  if (!res.ok) throw new Error(errors.http(url, res.status));
  return new Uint8Array(await res.arrayBuffer());
}

async function loadOnce(arg) {
  if (typeof globalThis.createEvEngine !== 'function') throw new Error(errors.noEngine);
  const input = arg instanceof Uint8Array || isJsonText(arg) ? arg : await fetchBytes(String(arg));
  const eng = await currentEngine();
  let ds = null;
  try {
    ds = eng.ingest(input);
    const model = modelFrom(eng, ds);
    chart.setModel(model);
    pick(-1);
    renderLegend($('chart-legend'), model);
    renderNotes($('chart-notes'), model);
    renderSources($('chart-sources'), model);
    renderTable($('chart-table'), model);
  } catch (e) {
    if (ds && !eng.dead) ds.free();
    throw e;
  }
  if (dataset && dataset !== ds) dataset.free();
  dataset = ds;
  status.ready();
}

let queue = Promise.resolve();

function load(arg) {
  status.loading();
  const run = queue.then(() => loadOnce(arg)).then(
    () => ({ ok: true }),
    (e) => {
      showError(e);
      return { ok: false, code: e && e.code ? e.code : 'LOAD', message: messageOf(e) };
    },
  );
  queue = run;
  return run;
}

window.evGraphic = Object.freeze({
  load,
  ready: load(DEFAULT_DATA),
  marks: () => chart.marks(),
});
