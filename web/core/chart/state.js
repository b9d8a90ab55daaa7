// state.js — the state a described view has (data/CHART_FORMAT.md): the
// per-view fields a reader's choices set, their starting values, the values
// they may take, and the mode a state selects. core/url-state.js reads a
// link into these fields and writes them back; core/chart-view.js builds
// the view from them.
//
// viewDefaults(view) → the per-view state a view starts from (frozen):
//   hidden (a series or panels: legend toggles), scale (a log scale
//   offered: a view with panels starts linear, a one-chart view on the log
//   scale), mode (the first `modes` option), from / to (null: the full
//   span) with `range`, group (the first x.choices column), sort (the first
//   sort option), colour and zoom (a map's first map.colour and map.zooms
//   entries), projection (the map's, when map.projections lets the reader
//   change it), selected (null) with a `detail`, the trend settings (core/projection-model.js trendDefaults)
//   with a trend control. Only the fields of controls the view offers.
// viewAllowed(view) → the values the reader's choices take (frozen; a link
//   with another value is ignored): mode (modes option ids), group
//   (x.choices columns), colour (map.colour ids: each entry's id, else its
//   column), zoom (map.zooms ids).
// modeOf(view, state) → the current mode of a view with `modes`: the
//   state's when it is an option id, else the first option's; null without
//   modes.
// view: one view of a description, as written or normalised by the
// engine's check (both give the same state).

import { trendDefaults } from '../projection-model.js';
import { colourId } from './map-colour.js';

export function viewDefaults(view) {
  const specs = Array.isArray(view.panels) && view.panels.length ? view.panels : [view];
  const multi = Array.isArray(view.panels) && view.panels.length > 0;
  const log = specs.some((p) => p && p.y && p.y.scale === 'log');
  // only the fields of controls the view offers: hidden (legend toggles:
  // a series, or panels), scale (a log scale offered: a view with panels
  // starts linear, a one-chart view on the log scale)
  const toggles = multi || specs.some((p) => p && p.series && p.mark !== 'map');
  const d = { ...(toggles ? { hidden: [] } : {}), ...(log ? { scale: multi ? 'linear' : 'log' } : {}) };
  if (view.modes && Array.isArray(view.modes.options) && view.modes.options.length) d.mode = view.modes.options[0].id;
  if (view.range) {
    d.from = null;
    d.to = null;
  }
  // the reader's choices, at the description's defaults, and the selection
  const first = (f) => specs.map((p) => (p ? f(p) : undefined)).find((v) => v !== undefined && v !== null);
  const group = first((p) => p.x && Array.isArray(p.x.choices) && p.x.choices[0] ? p.x.choices[0].column : undefined);
  if (group !== undefined) d.group = group;
  const sort = first((p) => p.sort && Array.isArray(p.sort.options) ? p.sort.options[0] : undefined);
  if (sort !== undefined) d.sort = sort;
  const colour = first((p) => p.map && Array.isArray(p.map.colour) && p.map.colour[0] ? colourId(p.map.colour[0]) : undefined);
  if (colour !== undefined) d.colour = colour;
  const zoom = first((p) => p.map && Array.isArray(p.map.zooms) && p.map.zooms[0] ? p.map.zooms[0].id : undefined);
  if (zoom !== undefined) d.zoom = zoom;
  const projection = first((p) => p.map && p.map.projections === true ? p.map.projection ?? 'equal-earth' : undefined);
  if (projection !== undefined) d.projection = projection;
  if (specs.some((p) => p && p.detail)) d.selected = null;
  if (specs.some((p) => p && p.trend && p.trend.control === true)) Object.assign(d, trendDefaults);
  return Object.freeze(d);
}

export function viewAllowed(view) {
  const specs = Array.isArray(view.panels) && view.panels.length ? view.panels : [view];
  const list = (f) => specs.flatMap((p) => (p ? f(p) : []));
  return Object.freeze({
    mode: view.modes && Array.isArray(view.modes.options) ? view.modes.options.map((o) => o.id) : [],
    group: list((p) => (p.x && Array.isArray(p.x.choices) ? p.x.choices.map((c) => c.column) : [])),
    colour: list((p) => (p.map && Array.isArray(p.map.colour) ? p.map.colour.map(colourId) : [])),
    zoom: list((p) => (p.map && Array.isArray(p.map.zooms) ? p.map.zooms.map((z) => z.id) : [])),
  });
}

export function modeOf(view, state) {
  const options = view.modes && Array.isArray(view.modes.options) ? view.modes.options : [];
  if (options.length === 0) return null;
  const m = state && options.find((o) => o.id === state.mode);
  return (m ?? options[0]).id;
}
