// index.js — the views of the graphic, in tab order.
//
// VIEWS: [{ id, build(ctx) → view model (before finishView), defaults }].
// REQUIRED_TABLES: the tables the views read; the page checks them at load
// so that switching views can never fail on a missing table. `names` is
// optional (without it, names fall back to the data's English keys).
// A view drawn only from the story's description (data/ev_story.chart.json)
// keeps its place here (tab order, the URL state's defaults: those of
// core/chart-view.js viewDefaults for its described view, which a test
// compares): app/graphic.js puts the description's view in its place before
// anything is drawn; its build() is never called (it throws if it were).

import { ModelError } from '../frame.js';
import * as capacity from './capacity.js';
import * as exportsView from './exports.js';
import * as projects from './projects.js';
import * as europe from './europe.js';
import * as map from './map.js';

function describedOnly(id, defaults) {
  return {
    id,
    described: true,
    build: () => { throw new ModelError(`view '${id}' is drawn from the story's description (data/ev_story.chart.json)`); },
    defaults: Object.freeze(defaults),
  };
}

export const VIEWS = Object.freeze([
  describedOnly('investment', { hidden: [], mode: 'usd' }),
  { id: 'capacity', build: capacity.build, defaults: capacity.defaults },
  { id: 'exports', build: exportsView.build, defaults: exportsView.defaults },
  { id: 'projects', build: projects.build, defaults: projects.defaults },
  { id: 'europe', build: europe.build, defaults: europe.defaults },
  { id: 'map', build: map.build, defaults: map.defaults },
]);

export const VIEW_IDS = Object.freeze(VIEWS.map((v) => v.id));

export const REQUIRED_TABLES = Object.freeze(['investment', 'sources', 'series_points', 'projects', 'destinations', 'indicators', 'countries']);

export function viewById(id) {
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0];
}
