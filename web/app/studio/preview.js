// preview.js — the studio's live chart of the current view, drawn by the
// reader's renderer (app/chart-mount.js), and the view's numbers for the CSV
// and the test API.
//
// createPreview({host, onLocale}) → {render, destroy, mount}
//   onLocale(locale) after each redraw of the chart, with its language (the
//   reader's switch in the chart may change it)
//   render({engine, dataset, description, locale, viewId}) → Promise: draws
//     the description's view viewId with mountChart (a new mount for a new
//     dataset or a changed y.scale, else mount.update, which checks the whole
//     description first).
//     Rejects with the renderer's error; the chart drawn before then stays.
//   mount() → the current mount (marks(), model(), …) or null.
// drawable(view) → true when the view says enough to be drawn: an x column
//   (a map: its key column), and a y column or the count aggregate; a view
//   with `panels` (data/CHART_FORMAT.md) when each of its panels does.
// viewData(engine, dataset, view) → {x, y, series, rows: [{x, series, y}],
//   spec} | null (not drawable): the numbers the view draws (a view with
//   panels: its first panel's; the CSV is of that panel), from the same
//   engine query the renderer makes (core/chart/query.js viewQuery). Throws
//   the engine's error (an unknown column or table names it).

import { mountChart } from '../chart-mount.js';
import { viewQuery } from '../../core/chart/query.js';

export function drawable(view) {
  if (!view || typeof view !== 'object') return false;
  if (Array.isArray(view.panels) && view.panels.length > 0) return view.panels.every((p) => !Array.isArray(p && p.panels) && drawable(p));
  const y = view.y || {};
  if (view.mark === 'map') {
    if (!view.map || !view.map.key) return false;
  } else if (!view.x || !view.x.column) return false;
  return Boolean(y.column) || y.aggregate === 'count';
}

export function viewData(engine, dataset, view) {
  if (!drawable(view)) return null;
  if (Array.isArray(view.panels) && view.panels.length > 0) return viewData(engine, dataset, view.panels[0]);
  const q = viewQuery(view);
  const f = engine.query(dataset.table(view.table), q.spec);
  const xs = f.col(q.x);
  const ys = f.col(q.y);
  const ss = q.series ? f.col(q.series) : null;
  const rows = [];
  for (let i = 0; i < f.rowCount; i++) {
    const y = ys[i];
    rows.push({ x: xs[i], series: ss ? ss[i] : null, y: Number.isNaN(y) ? null : y });
  }
  return { x: q.x, y: q.y, series: q.series, rows, spec: q.spec };
}

export function createPreview({ host, onLocale = () => {} }) {
  let mounted = null;
  let mountedData = null;
  let mountedScales = '';

  function destroy() {
    if (mounted) mounted.destroy();
    mounted = null;
    mountedData = null;
  }

  return {
    mount: () => mounted,
    destroy,
    async render({ engine, dataset, description, locale, viewId }) {
      // the mount keeps a reader's scale choice over the description's; a
      // changed y.scale is the author's, so it starts a fresh mount
      const scales = JSON.stringify(description.views.map((v) => [v.id, (v.y && v.y.scale) || 'linear']));
      if (mounted && mountedData === dataset && scales === mountedScales) {
        await mounted.update({ description, locale, viewId });
        return;
      }
      const next = mountChart(host, { engine, dataset, description, locale, viewId, onState: (state, loc) => onLocale(loc) });
      try {
        await next.ready;
      } catch (e) {
        next.destroy();
        throw e;
      }
      if (mounted) mounted.destroy();
      mounted = next;
      mountedData = dataset;
      mountedScales = scales;
    },
  };
}
