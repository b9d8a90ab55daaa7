// Shared fixtures for the core tests: the real engine (built wasm, through
// the page's binding) on the story dataset, a view-model builder with the
// page's context, and a generous stand-in for measureText.
// Run `./build.sh build` first.

import fs from 'node:fs';
import path from 'node:path';
import { BUILD, loadEngine, REPO } from './helpers/load-engine.mjs';
import { copyFor } from '../../web/core/copy.js';
import { makeNamer } from '../../web/core/i18n.js';
import { createProvenance } from '../../web/core/provenance.js';
import { initialState } from '../../web/core/state.js';
import { themeFor } from '../../web/core/theme.js';
import { finishView } from '../../web/core/viewmodel.js';
import { chartViews } from '../../web/core/chart-view.js';
import { buildScene } from '../../web/core/scene.js';

export const DATA_FILE = path.join(REPO, 'data', 'ev_story.json');
export const DESCRIPTION_FILE = path.join(REPO, 'data', 'ev_story.chart.json');

// A generous width estimate (wider than real system-ui glyphs; CJK
// characters count as one em).
export const fakeMeasure = (text, font) => [...String(text)].reduce((w, ch) => w + font.size * (/[\u2e80-\uffef]/.test(ch) ? 1 : font.weight >= 600 ? 0.62 : 0.56), 0);

let shared = null;

// The engine with the story dataset ingested, the parsed JSON, and helpers:
//   build(viewId, { locale, state, theme, ctx }) → a finished view model, with
//     the page's engine.trend and the map's country points (world-atlas
//     countries-110m through the engine) in its context; ctx overrides them
//   scene(vm, width, measure?, geo?) → core/scene.js buildScene with the engine's ticks
//     and map functions (world-atlas land-110m), as the page passes them
export async function story() {
  if (shared) return shared;
  const engine = await loadEngine();
  const bytes = fs.readFileSync(DATA_FILE);
  const ds = engine.ingest(bytes);
  const json = JSON.parse(bytes.toString('utf8'));
  const prov = createProvenance(engine.read(ds.table('sources')).rows());
  const name = makeNamer(engine.read(ds.table('countries')).rows(), engine.read(ds.table('names')).rows());
  const shapes = engine.loadShapes(fs.readFileSync(path.join(BUILD, 'countries-110m.json')), 'countries');
  const points = engine.mapPoints(shapes).rows();
  shapes.free();
  const trend = (xy, o) => engine.trend(xy, o);
  const land = engine.loadShapes(fs.readFileSync(path.join(BUILD, 'land-110m.json')), 'land');
  const mapGeo = {
    fit: (p, b, w, h, pad) => engine.fitMap(p, b, w, h, pad),
    path: (v) => engine.mapPath(land, v),
    project: (v, lon, lat) => engine.project(v, lon, lat),
  };
  // the page's views: the description's (the general renderer)
  const description = JSON.parse(fs.readFileSync(DESCRIPTION_FILE, 'utf8'));
  const views = chartViews(description);
  const build = (viewId, { locale = 'en', state = {}, theme = 'light', ctx: extra = {} } = {}) => {
    const view = views.find((v) => v.id === viewId) ?? views[0];
    const ctx = {
      q: (t, s) => engine.query(ds.table(t), s), locale, t: copyFor(locale), theme: themeFor(theme), prov, name,
      state: { ...initialState(views).views[view.id], ...state }, trend, geo: { points },
      defaultLocale: description.locales[0], decimate: (t, s) => engine.decimate(ds.table(t), s),
      ticks: (a, b, c, o) => engine.ticks(a, b, c, o), width: 800, ...extra,
    };
    return finishView(ctx, view.build(ctx));
  };
  const scene = (vm, width, measure = fakeMeasure, geo = mapGeo) => buildScene(vm, {
    width, measure, locale: vm.locale, nice: (a, b, c, o) => engine.nice(a, b, c, o), ticks: (a, b, c, o) => engine.ticks(a, b, c, o), geo,
  });
  shared = { engine, ds, json, prov, build, scene, geo: mapGeo, points, description, views };
  return shared;
}

// When run as a test file: the fixtures load.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const { test } = await import('node:test');
  const assert = (await import('node:assert/strict')).default;
  test('the story fixture loads and builds every view', async () => {
    const s = await story();
    for (const v of chartViews(JSON.parse(fs.readFileSync(DESCRIPTION_FILE, 'utf8')))) assert.ok(s.build(v.id).marks.length > 0, v.id);
  });
}
