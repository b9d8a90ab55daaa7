// index.js — the views of the graphic, in tab order.
//
// VIEWS: [{ id, build(ctx) → view model (before finishView), defaults }].
// REQUIRED_TABLES: the tables the views read; the page checks them at load
// so that switching views can never fail on a missing table. `names` is
// optional (without it, names fall back to the data's English keys).

import * as investment from './investment.js';
import * as capacity from './capacity.js';
import * as exportsView from './exports.js';
import * as projects from './projects.js';
import * as europe from './europe.js';
import * as map from './map.js';

export const VIEWS = Object.freeze([
  { id: 'investment', build: investment.build, defaults: investment.defaults },
  { id: 'capacity', build: capacity.build, defaults: capacity.defaults },
  { id: 'exports', build: exportsView.build, defaults: exportsView.defaults },
  { id: 'projects', build: projects.build, defaults: projects.defaults, allowed: { group: projects.GROUPS } },
  { id: 'europe', build: europe.build, defaults: europe.defaults },
  { id: 'map', build: map.build, defaults: map.defaults, allowed: { zoom: Object.keys(map.ZOOMS), colour: map.COLOUR_BY } },
]);

export const VIEW_IDS = Object.freeze(VIEWS.map((v) => v.id));

export const REQUIRED_TABLES = Object.freeze(['investment', 'sources', 'series_points', 'projects', 'destinations', 'indicators', 'countries']);

export function viewById(id) {
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0];
}
