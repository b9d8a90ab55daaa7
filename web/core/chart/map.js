// chart/map.js — the marks of a map view (core/chart-view.js).

import { colourOf as paletteColour } from '../theme.js';
import { checkUnique, extentOf, keyText, mainRows, markOf } from './common.js';
import { WORLD_BOX, colourOf, colourParts, projectionOf, zoomOf } from './map-colour.js';

export const MAP_BOX = WORLD_BOX;

const inBox = (p, [lon0, lat0, lon1, lat1]) => p.lon >= lon0 && p.lon <= lon1 && p.lat >= lat0 && p.lat <= lat1;

// A map: one circle per key (ISO alpha-3) at the engine's point for that
// country in world-atlas countries-110m (ctx.geo.points, whose ids are the
// alpha-3 codes build.sh writes into its copy), its area proportional to y; a missing or
// non-positive y is a hollow marker (no size). Keys with no shape are named
// in a note. ctx.geo is null while the shapes load, {error} if they failed.
// The map is fitted to the zoom in force (map.zooms; the world without
// them): keys whose point falls outside are named in a note ("Not in this
// view", largest value first), and when none is inside the empty text says so. The projection is
// the reader's choice when map.projections is true (its note then says
// what the projection does). With map.colour, circles take the colour of
// their value of the chosen column (chart/map-colour.js; split: slices),
// with a legend of the values drawn. Names: the key's reader name through
// ctx.nameOf(kind, value) with map.names (absent: the shape's name).
// opts: {filters} (extra row filters, as the marks' query has them).
export function mapBody(ctx, view, q, w, notes, state = {}, opts = {}) {
  const rows = mainRows(ctx, view, q, []).filter((r) => r.x !== null);
  if (!q.aggregated) checkUnique(view, rows, w);
  const geo = ctx.geo ?? null;
  const points = geo && Array.isArray(geo.points) ? new Map(geo.points.map((p) => [p.id, p])) : null;
  const s = { key: 's0', value: null, label: w.yLabel };
  const zoom = zoomOf(view, state);
  const box = zoom ? zoom.box : WORLD_BOX;
  const projection = projectionOf(view, state);
  const entry = colourOf(view, state);
  const nameKind = view.map && typeof view.map.names === 'string' ? view.map.names : null;
  const nameOf = typeof ctx.nameOf === 'function' ? ctx.nameOf : (kind, v) => keyText(v);
  const parts = entry ? colourParts(ctx, view, q, entry, {
    filters: opts.filters ?? [], nameOf, orderOf: ctx.nameOrder, unit: view.y?.format ?? null, locale: ctx.locale, c: w.c, tx: w.tx,
  }) : null;
  const colour = paletteColour(ctx.theme, 0);
  const placed = [];
  const unplaced = [];
  const outside = [];
  const nameFor = (r, pt) => {
    if (nameKind) return nameOf(nameKind, r.x);
    return pt && typeof pt.name === 'string' && pt.name ? pt.name : keyText(r.x);
  };
  for (const r of rows) {
    const pt = points ? points.get(r.x) : null;
    if (points && (!pt || typeof pt.lon !== 'number' || typeof pt.lat !== 'number')) unplaced.push(nameFor(r, null));
    else if (pt && !inBox(pt, box)) outside.push({ name: nameFor(r, pt), y: r.y });
    else if (pt) placed.push({ r, pt });
  }
  placed.sort((a, b) => a.pt.lon - b.pt.lon);
  // the places outside the zoom, largest value first (no value last)
  const outsideNames = outside.map((o, i) => ({ ...o, i }))
    .sort((a, b) => (b.y ?? -Infinity) - (a.y ?? -Infinity) || a.i - b.i).map((o) => o.name);
  const circles = placed.map(({ r, pt }) => {
    const name = nameFor(r, pt);
    const part = parts ? parts.of(keyText(r.x)) : null;
    const fill = part ? part.colour : colour;
    const ms = part ? { ...s, key: part.valueKey, label: part.label } : s;
    const mark = markOf(ctx, w, { id: `${w.pid ?? 'map'}/${keyText(r.x)}`, panel: w.pid ?? 'map', kind: 'circle', s: ms, colour: fill, category: r.x, value: r.y, row: r });
    mark.categoryText = name;
    mark.heading = name;
    mark.xText = nameKind ? name : `${name} (${keyText(r.x)})`;
    if (part) mark.extra = [...mark.extra, ...part.lines];
    return { key: keyText(r.x), lon: pt.lon, lat: pt.lat, mark, colour: fill, slices: part ? part.slices : null, hollow: !(r.y > 0), colourText: part ? part.text : '' };
  });
  const nonPositive = rows.filter((r) => r.y !== null && !(r.y > 0)).length;
  if (nonPositive) notes.push(w.c.mapNonPositive(nonPositive));
  if (outside.length) notes.push(w.c.mapOutside(w.c.list(outsideNames)));
  if (unplaced.length) notes.push(w.c.mapUnplaced(w.c.list(unplaced)));
  if (view.map && view.map.projections === true) notes.push(w.c.projectionNotes[projection] ?? '');
  if (parts && entry.split === true) notes.push(w.c.mapSplit);
  const marks = circles.map((c) => c.mark);
  const ext = extentOf(marks);
  const empty = !geo ? w.c.mapLoading : geo.error ? w.c.mapFailed(geo.error)
    : circles.length === 0 && outside.length ? w.c.mapOutside(w.c.list(outsideNames)) : null;
  return {
    marks,
    emptyText: empty,
    legend: parts ? parts.legend().map((g) => ({ ...g, shape: 'circle', toggle: false, pressed: true })) : [],
    colourLabel: parts ? parts.label : null,
    circles,
    panel: {
      id: w.pid ?? 'map', kind: 'map', projection, zoom: zoom ? zoom.id : null, box: [...box], max: ext.max, unit: null,
      unitLabel: w.unit, circles, selected: null, sizeTitle: w.unit ? `${w.yLabel} (${w.unit})` : w.yLabel, ready: Boolean(points),
    },
  };
}
