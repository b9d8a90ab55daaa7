// Builds a described view (raw, unchecked: the renderer accepts raw and
// normalised input) on an inline dataset through the real engine, for the
// chart-choices, chart-detail and chart-map tests. Run `./build.sh build` first.
import { loadEngine } from './load-engine.mjs';
import { fakeMeasure } from '../core-fixtures.test.mjs';
import { buildChartView } from '../../../web/core/chart-view.js';
import { copyFor } from '../../../web/core/copy.js';
import { createProvenance } from '../../../web/core/provenance.js';
import { themeFor } from '../../../web/core/theme.js';
import { finishView } from '../../../web/core/viewmodel.js';
import { buildScene } from '../../../web/core/scene.js';

export const engine = await loadEngine();
export const THEME = themeFor('light');

// names: {kind: {value: {en, zh}}} in the order given (the names table's order)
export function rawSetup(data, { names = {}, sources = [] } = {}) {
  const ds = engine.ingest(JSON.stringify(data));
  const queries = [];
  const make = (view, { locale = 'en', state = {}, geo = null, width = 800 } = {}) => {
    const ctx = {
      q: (t, s) => {
        queries.push({ t, s });
        return engine.query(ds.table(t), s);
      },
      decimate: (t, s) => engine.decimate(ds.table(t), s),
      locale, defaultLocale: 'en', t: copyFor(locale === 'zh' ? 'zh' : 'en'), theme: THEME,
      prov: createProvenance(sources), state: { hidden: [], ...state }, width, geo,
      ticks: (a, b, c, o) => engine.ticks(a, b, c, o),
      nameOf: (kind, v) => names[kind]?.[String(v)]?.[locale] ?? names[kind]?.[String(v)]?.en ?? String(v),
      nameOrder: (kind) => Object.keys(names[kind] ?? {}),
    };
    const vm = finishView(ctx, buildChartView(ctx, view));
    const scene = buildScene(vm, {
      width, measure: fakeMeasure, locale, nice: (a, b, c, o) => engine.nice(a, b, c, o), ticks: (a, b, c, o) => engine.ticks(a, b, c, o),
    });
    return { vm, scene };
  };
  return { ds, make, queries };
}

export const near = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
export const sum = (xs) => xs.reduce((a, b) => a + b, 0);
