// Shared fixtures for the core tests: the real engine (built wasm, through
// the page's binding) on the story dataset, a view-model builder with the
// page's context, and a generous stand-in for measureText.
// Run `./build.sh build` first.

import fs from 'node:fs';
import path from 'node:path';
import { loadEngine, REPO } from './helpers/load-engine.mjs';
import { copyFor } from '../../web/core/copy.js';
import { makeNamer } from '../../web/core/i18n.js';
import { createProvenance } from '../../web/core/provenance.js';
import { initialState } from '../../web/core/state.js';
import { themeFor } from '../../web/core/theme.js';
import { finishView } from '../../web/core/viewmodel.js';
import { viewById, VIEWS } from '../../web/core/views/index.js';
import { buildScene } from '../../web/core/scene.js';

export const DATA_FILE = path.join(REPO, 'data', 'ev_story.json');

// A generous width estimate (wider than real system-ui glyphs; CJK
// characters count as one em).
export const fakeMeasure = (text, font) => [...String(text)].reduce((w, ch) => w + font.size * (/[\u2e80-\uffef]/.test(ch) ? 1 : font.weight >= 600 ? 0.62 : 0.56), 0);

let shared = null;

// The engine with the story dataset ingested, the parsed JSON, and helpers:
//   build(viewId, { locale, state, theme }) → a finished view model
//   scene(vm, width, measure?) → core/scene.js buildScene with the engine's ticks
export async function story() {
  if (shared) return shared;
  const engine = await loadEngine();
  const bytes = fs.readFileSync(DATA_FILE);
  const ds = engine.ingest(bytes);
  const json = JSON.parse(bytes.toString('utf8'));
  const prov = createProvenance(engine.read(ds.table('sources')).rows());
  const name = makeNamer(engine.read(ds.table('countries')).rows(), engine.read(ds.table('names')).rows());
  const build = (viewId, { locale = 'en', state = {}, theme = 'light' } = {}) => {
    const view = viewById(viewId);
    const ctx = {
      q: (t, s) => engine.query(ds.table(t), s), locale, t: copyFor(locale), theme: themeFor(theme), prov, name,
      state: { ...initialState(VIEWS).views[viewId], ...state },
    };
    return finishView(ctx, view.build(ctx));
  };
  const scene = (vm, width, measure = fakeMeasure) => buildScene(vm, {
    width, measure, locale: vm.locale, nice: (a, b, c, o) => engine.nice(a, b, c, o), ticks: (a, b, c, o) => engine.ticks(a, b, c, o),
  });
  shared = { engine, ds, json, prov, build, scene };
  return shared;
}

// When run as a test file: the fixtures load.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const { test } = await import('node:test');
  const assert = (await import('node:assert/strict')).default;
  test('the story fixture loads and builds every view', async () => {
    const s = await story();
    for (const v of VIEWS) assert.ok(s.build(v.id).marks.length > 0, v.id);
  });
}
