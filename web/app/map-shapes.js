// map-shapes.js — the world shapes behind the map view.
//
// The TopoJSON files (world-atlas land-110m and countries-110m, copied into
// build/ by build.sh) are fetched the first time the map is needed, not
// before, and decoded by the engine into shapes it owns. Shapes belong to
// one engine instance: after the engine is replaced (a trap) they are
// loaded again. The land shapes are kept for drawing; of the countries only
// the engine's point per country is kept (its shapes are freed at once).
//
// createMapShapes({ land, countries, fetchBytes }) → {
//   ensure(engine) → Promise<void>: loads them for `engine` (once; a second
//     call waits for the first). Never rejects: a failure is kept and shown
//     by the map view (status(engine).error), and not retried for that
//     engine (a reload of the page tries again).
//   status(engine) → null (not loaded yet) | { error: message } |
//     { points: [{id, name, lon, lat}] }   (ctx.geo of a map view: core/chart/map.js)
//   scene(currentEngine) → { fit, path, project } for core/scene-map.js,
//     drawing with the shapes of the engine currentEngine() returns.
// }
//   land, countries  a URL, JSON text or UTF-8 bytes of each file
//   fetchBytes       (url) → Promise<Uint8Array> (app/dataset.js)

import { isJsonText } from '../core/input.js';

export function createMapShapes({ land, countries, fetchBytes }) {
  let bytes = null; // Promise<{land, countries}>
  let loaded = null; // { engine, land, points } | { engine, error }
  let pending = null; // { engine, promise }

  const source = (s) => (s instanceof Uint8Array || isJsonText(s) ? Promise.resolve(s) : fetchBytes(String(s)));

  function fetchAll() {
    if (!bytes) {
      bytes = Promise.all([source(land), source(countries)]).then(([l, c]) => ({ land: l, countries: c }));
      bytes.catch(() => { bytes = null; });
    }
    return bytes;
  }

  async function load(engine) {
    try {
      const b = await fetchAll();
      const landShapes = engine.loadShapes(b.land, 'land');
      const countryShapes = engine.loadShapes(b.countries, 'countries');
      try {
        loaded = { engine, land: landShapes, points: engine.mapPoints(countryShapes).rows() };
      } finally {
        countryShapes.free();
      }
    } catch (e) {
      loaded = { engine, error: e && e.message ? e.message : String(e) };
    }
  }

  function ensure(engine) {
    if (!engine || (loaded && loaded.engine === engine)) return Promise.resolve();
    if (pending && pending.engine === engine) return pending.promise;
    const promise = load(engine).finally(() => { pending = null; });
    pending = { engine, promise };
    return promise;
  }

  function status(engine) {
    if (!loaded || loaded.engine !== engine) return null;
    return loaded.error ? { error: loaded.error } : { points: loaded.points };
  }

  function scene(currentEngine) {
    const shapes = () => {
      const e = currentEngine();
      return loaded && loaded.engine === e && loaded.land ? { e, land: loaded.land } : null;
    };
    return {
      fit: (projection, box, w, h, pad) => currentEngine().fitMap(projection, box, w, h, pad),
      path: (view) => {
        const s = shapes();
        return s ? s.e.mapPath(s.land, view) : { x: new Float64Array(0), y: new Float64Array(0) };
      },
      project: (view, lon, lat) => currentEngine().project(view, lon, lat),
    };
  }

  return { ensure, status, scene };
}
