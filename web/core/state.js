// state.js — the graphic's state and its URL form.
//
// State: { view, lang ('en' | 'zh' | null: not chosen), views: { <id>: per-view
// state } }. Per-view keys: mode ('usd' | 'share'), scale ('linear' | 'log'),
// from / to (years), hidden (series keys), group, sort, selected (a group
// key). initialState(views) gives every view its defaults.
//
// fromQuery(search, views) reads a location.search string through an
// allow-list of typed keys; anything else is ignored, never merged:
//   view   a view id          lang   en | zh
//   mode   usd | share        scale  linear | log
//   from, to  four-digit years
//   hide   comma-separated series keys ([a-z0-9_], at most 8)
//   group  country | region | segment | year_announced
//   sort   sum | count | name
//   sel    a group key (at most 120 characters, no control characters)
// Per-view keys apply to the view named by `view` (default the first).
// toQuery(state, views) writes the current view, the language and the
// view's keys that differ from its defaults.

const ENUMS = {
  mode: ['usd', 'share'],
  scale: ['linear', 'log'],
  group: ['country', 'region', 'segment', 'year_announced'],
  sort: ['sum', 'count', 'name'],
};
const SERIES_KEY = /^[a-z0-9_]{1,64}$/;
const YEAR = /^\d{4}$/;
const MAX_HIDDEN = 8;

export function initialState(views) {
  const per = {};
  for (const v of views) per[v.id] = { ...v.defaults, ...(v.defaults.hidden ? { hidden: [...v.defaults.hidden] } : {}) };
  return { view: views[0].id, lang: null, views: per };
}

export function fromQuery(search, views) {
  const state = initialState(views);
  const p = new URLSearchParams(typeof search === 'string' ? search : '');
  const ids = views.map((v) => v.id);
  if (ids.includes(p.get('view'))) state.view = p.get('view');
  if (['en', 'zh'].includes(p.get('lang'))) state.lang = p.get('lang');
  const vs = state.views[state.view];
  const keys = Object.keys(vs);
  for (const [key, allowed] of Object.entries(ENUMS)) {
    if (keys.includes(key) && allowed.includes(p.get(key))) vs[key] = p.get(key);
  }
  for (const key of ['from', 'to']) {
    if (keys.includes(key) && YEAR.test(p.get(key) ?? '')) vs[key] = Number(p.get(key));
  }
  if (keys.includes('hidden') && p.has('hide')) {
    vs.hidden = p.get('hide').split(',').filter((k) => SERIES_KEY.test(k)).slice(0, MAX_HIDDEN);
  }
  const sel = p.get('sel');
  if (keys.includes('selected') && sel !== null && sel.length <= 120 && !/[\u0000-\u001f\u007f]/.test(sel)) vs.selected = sel;
  return state;
}

export function toQuery(state, views) {
  const p = new URLSearchParams();
  p.set('view', state.view);
  if (state.lang) p.set('lang', state.lang);
  const def = views.find((v) => v.id === state.view).defaults;
  const vs = state.views[state.view];
  for (const key of [...Object.keys(ENUMS), 'from', 'to']) {
    if (key in vs && vs[key] !== null && vs[key] !== def[key]) p.set(key, String(vs[key]));
  }
  if (vs.hidden && vs.hidden.length) p.set('hide', vs.hidden.join(','));
  if (typeof vs.selected === 'string') p.set('sel', vs.selected);
  return `?${p.toString()}`;
}
