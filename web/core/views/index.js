// index.js — the story's views, in tab order.
//
// VIEW_IDS: the tab order.
// VIEWS: [{ id, defaults, allowed }]: the state fields each view has and
//   the values a field takes (core/url-state.js reads the URL against
//   them). Every view is drawn from the story's chart description
//   (data/ev_story.chart.json) by the general renderer (core/chart-view.js);
//   these are what its chartViews gives (tests/js/core-views.test.mjs checks
//   them against the description), here so that the URL can be read before
//   the description has loaded.
// storyViews(doc) → [{ id, view, build(ctx), defaults, allowed }]: the
//   description's views in VIEW_IDS order (then any others it holds);
//   throws an Error naming a story view the description lacks.
// REQUIRED_TABLES: the tables the views read; the page checks them at load
// so that switching views can never fail on a missing table. `names` is
// optional (without it, names fall back to the data's English keys).

import { chartViews } from '../chart-view.js';
import { trendDefaults } from '../projection-model.js';

export const VIEW_IDS = Object.freeze(['investment', 'capacity', 'exports', 'projects', 'europe', 'map']);

const NONE = Object.freeze({ group: [], colour: [], zoom: [], mode: [] });
const RANGE_TREND = { hidden: [], from: null, to: null, ...trendDefaults };

export const VIEWS = Object.freeze([
  { id: 'investment', defaults: { hidden: [], mode: 'usd' }, allowed: { ...NONE, mode: ['usd', 'share'] } },
  { id: 'capacity', defaults: { hidden: [], scale: 'linear', from: null, to: null, ...trendDefaults }, allowed: NONE },
  { id: 'exports', defaults: RANGE_TREND, allowed: NONE },
  {
    id: 'projects', defaults: { group: 'country', sort: 'value', selected: null },
    allowed: { ...NONE, group: ['country', 'region', 'segment', 'year_announced'] },
  },
  { id: 'europe', defaults: RANGE_TREND, allowed: NONE },
  {
    id: 'map', defaults: { colour: 'region', zoom: 'world', projection: 'equal-earth', selected: null },
    allowed: { ...NONE, colour: ['region', 'segment'], zoom: ['world', 'europe', 'southeast-asia', 'americas'] },
  },
].map((v) => Object.freeze({ ...v, defaults: Object.freeze(v.defaults) })));

export function storyViews(doc) {
  const described = chartViews(doc);
  const byId = new Map(described.map((v) => [v.id, v]));
  const out = VIEW_IDS.map((id) => {
    const d = byId.get(id);
    if (!d) throw new Error(`the chart description has no view '${id}'`);
    return d;
  });
  for (const v of described) if (!VIEW_IDS.includes(v.id)) out.push(v);
  return out;
}

export const REQUIRED_TABLES = Object.freeze(['investment', 'sources', 'series_points', 'projects', 'destinations', 'indicators', 'countries']);

export function viewById(id) {
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0];
}
