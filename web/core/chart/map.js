// chart/map.js — the marks of a map view (core/chart-view.js).

import { colourOf } from '../theme.js';
import { checkUnique, extentOf, keyText, mainRows, markOf } from './common.js';

export const MAP_BOX = Object.freeze([-180, -56, 180, 84]);

// A map: one circle per key (ISO alpha-3) at the engine's point for that
// country in world-atlas countries-110m (ctx.geo.points, whose ids are the
// alpha-3 codes build.sh writes into its copy), its area proportional to y; a missing or
// non-positive y is a hollow marker (no size). Keys with no shape are named
// in a note. ctx.geo is null while the shapes load, {error} if they failed.
export function mapBody(ctx, view, q, w, notes) {
  const rows = mainRows(ctx, view, q, []).filter((r) => r.x !== null);
  if (!q.aggregated) checkUnique(view, rows, w);
  const geo = ctx.geo ?? null;
  const points = geo && Array.isArray(geo.points) ? new Map(geo.points.map((p) => [p.id, p])) : null;
  const s = { key: 's0', value: null, label: w.yLabel };
  const colour = colourOf(ctx.theme, 0);
  const placed = [];
  const unplaced = [];
  for (const r of rows) {
    const pt = points ? points.get(r.x) : null;
    if (points && (!pt || typeof pt.lon !== 'number' || typeof pt.lat !== 'number')) unplaced.push(keyText(r.x));
    else if (pt) placed.push({ r, pt });
  }
  placed.sort((a, b) => a.pt.lon - b.pt.lon);
  const circles = placed.map(({ r, pt }) => {
    const name = typeof pt.name === 'string' && pt.name ? pt.name : keyText(r.x);
    const mark = markOf(ctx, w, { id: `${w.pid ?? 'map'}/${keyText(r.x)}`, panel: w.pid ?? 'map', kind: 'circle', s, colour, category: r.x, value: r.y });
    mark.categoryText = name;
    mark.heading = name;
    mark.xText = `${name} (${keyText(r.x)})`;
    return { key: keyText(r.x), lon: pt.lon, lat: pt.lat, mark, colour, slices: null, hollow: !(r.y > 0) };
  });
  const nonPositive = rows.filter((r) => r.y !== null && !(r.y > 0)).length;
  if (nonPositive) notes.push(w.c.mapNonPositive(nonPositive));
  if (unplaced.length) notes.push(w.c.mapUnplaced(w.c.list(unplaced)));
  const marks = circles.map((c) => c.mark);
  const ext = extentOf(marks);
  return {
    marks,
    emptyText: !geo ? w.c.mapLoading : geo.error ? w.c.mapFailed(geo.error) : null,
    panel: {
      id: w.pid ?? 'map', kind: 'map', projection: view.map.projection ?? 'equal-earth', box: [...MAP_BOX], max: ext.max, unit: null,
      unitLabel: w.unit, circles, selected: null, sizeTitle: w.unit ? `${w.yLabel} (${w.unit})` : w.yLabel, ready: Boolean(points),
    },
  };
}
