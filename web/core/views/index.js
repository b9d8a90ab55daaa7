// index.js — the views of the graphic drawn by builders, in tab order (the
// projects and map views are described: data/ev_story.chart.json, placed
// among these by app/graphic.js storyViews).
//
// VIEWS: [{ id, build(ctx) → view model (before finishView), defaults }].
// REQUIRED_TABLES: the tables the views read; the page checks them at load
// so that switching views can never fail on a missing table. `names` is
// optional (without it, names fall back to the data's English keys).

import * as investment from './investment.js';
import * as capacity from './capacity.js';
import * as exportsView from './exports.js';
import * as europe from './europe.js';

export const VIEWS = Object.freeze([
  { id: 'investment', build: investment.build, defaults: investment.defaults, allowed: { mode: ['usd', 'share'] } },
  { id: 'capacity', build: capacity.build, defaults: capacity.defaults },
  { id: 'exports', build: exportsView.build, defaults: exportsView.defaults },
  { id: 'europe', build: europe.build, defaults: europe.defaults },
]);

export const VIEW_IDS = Object.freeze(VIEWS.map((v) => v.id));

// The views of data/ev_story.chart.json the story page draws with the
// general renderer (app/graphic.js storyViews; main.js): these replace the
// builders of the same id; the others keep their builders until their
// descriptions pass the page tests.
export const DESCRIBED = Object.freeze(['investment', 'europe', 'exports', 'capacity', 'projects', 'map']);

export const REQUIRED_TABLES = Object.freeze(['investment', 'sources', 'series_points', 'projects', 'destinations', 'indicators', 'countries']);

export function viewById(id) {
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0];
}
