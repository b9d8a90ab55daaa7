// url-state.js — the graphic's view state and its URL form. Pure: no DOM,
// no globals; tested in Node (tests/js/core-url-state.test.mjs).
//
// State: { view, lang ('en' | 'zh' | null: not chosen, the browser's
// language decides), views: { <view id>: per-view state } }. A view's
// per-view fields are the keys of its `defaults` (core/chart/state.js
// viewDefaults, through core/chart-view.js chartViews: the views come from
// a chart description, so a page reads its URL only once the description's
// views are known): mode, scale,
// from / to (years), hidden (series keys), group, sort, selected (a group
// key), and whatever a view adds.
//
// initialState(views) → every view at its defaults (fresh arrays).
// fromQuery(search, views) → state. Reads a query string ('?a=1&b=2', with
//   or without the '?'; a URLSearchParams also works) through URL_KEYS, the
//   allow-list of typed keys below. Only listed parameters are read; a value
//   that does not parse as its type is ignored (the default stays); unknown
//   parameters are ignored; nothing from the URL is merged into an object,
//   so '__proto__', 'constructor' or 'prototype' are just unknown names.
//   Per-view keys apply to the view named by `view` (default: the first),
//   and only if that view has the field (and, when the view lists the
//   values a field takes in `allowed: {<field>: [values]}`, only one of
//   them). Never throws, whatever the input.
// toQuery(state, views) → '?v=1&…', or '' when everything is at its
//   defaults. Writes the version, the view (unless it is the first), the
//   language (if chosen) and the current view's fields that differ from its
//   defaults, in URL_KEYS order. fromQuery(toQuery(s)) equals s for the
//   current view's fields (tests check every key).
// langOf(search) → 'en' | 'zh' | null: the query's language as fromQuery
//   reads it, without views (a page picks its language before its views
//   are known). Never throws.
// restate(state, from, to) → the state for views `to` (another chart
//   description's), carried over from `state`, read against views `from`:
//   the language; the current view if `to` has one of that id, else the
//   first; each view of `to` whose id `from` also has keeps its state as is
//   when its defaults and allowed values are the same, else keeps what its
//   link would carry (toQuery against `from`, then fromQuery against `to`:
//   fields it no longer has or values it no longer allows go back to its
//   defaults); views `from` lacks start at their defaults. Never throws.
//
// Adding a key is one line in URL_KEYS: { param, field, type }. `param` is
// the parameter name, `field` the per-view state field (the view's defaults
// must have it), `type` one of the TYPES constructors below. Page-level keys
// (view, lang) are handled by name.
//
// Versions: `v` is URL_VERSION. A link without `v` is read as version 1
// (links made before versioning); a link with a higher version is read
// best-effort through the same allow-list. If a key ever changes meaning,
// bump URL_VERSION and translate older links in fromQuery.
//
// Version-1 link translations (OLD_VALUES, applied by fromQuery before a
// value is parsed; toQuery writes only the new spelling):
//   sort=sum → sort=value: the projects view's order by total, named `sum`
//     by its hand-written builder and `value` since the view is described
//     (data/ev_story.chart.json `sort.options`). Same order, new name.
// (The map's colour=segment needs none: the description gives that colour
// entry `"id": "segment"`, so the old value is still the current one.)

export const URL_VERSION = 1;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const MAX_PARAM = 2000; // longer values are ignored unread

// Types: parse(string) → value, or undefined to ignore; format(value) →
// string; examples: valid values (the round-trip tests use them). Values
// are primitives or arrays of strings, never objects.
export const TYPES = Object.freeze({
  // One of a fixed list of strings or numbers (the string form is matched).
  oneOf: (...values) => ({
    parse: (s) => values.find((v) => String(v) === s),
    format: (v) => String(v),
    examples: values,
  }),
  // An integer in [min, max], written in plain decimal digits.
  int: (min, max) => ({
    parse: (s) => {
      if (!/^-?\d{1,9}$/.test(s)) return undefined;
      const n = Number(s);
      return n >= min && n <= max ? n : undefined;
    },
    format: (v) => String(v),
    examples: [min, max, Math.round((min + max) / 2)],
  }),
  // A comma-separated list of keys matching `re`, at most `max` (extra and
  // malformed items dropped, duplicates kept once). '' is the empty list.
  keys: (re, max) => ({
    parse: (s) => {
      const out = [];
      for (const k of s.split(',')) if (re.test(k) && !out.includes(k)) out.push(k);
      return out.slice(0, max);
    },
    format: (v) => v.join(','),
    examples: [['a'], ['a', 'b_2'], []],
  }),
  // One identifier matching `re` (a described view's option id).
  id: (re) => ({
    parse: (s) => (re.test(s) ? s : undefined),
    format: (v) => String(v),
    examples: ['share', 'usd', 'a-2'],
  }),
  // Free text of at most `max` characters without control characters
  // (shown only through textContent and compared with data keys).
  text: (max) => ({
    parse: (s) => (s.length <= max && !CONTROL.test(s) ? s : undefined),
    format: (v) => v,
    examples: ['x', '', 'a & b=c?#', '中文'],
  }),
});

const SERIES_KEY = /^[a-z0-9_]{1,64}$/;
const VIEW_ID = /^[a-z0-9][a-z0-9-]{0,39}$/; // data/CHART_FORMAT.md's view ids

// The allow-list of per-view keys, in the order they are written.
export const URL_KEYS = Object.freeze([
  { param: 'mode', field: 'mode', type: TYPES.id(VIEW_ID) }, // a modes option id of a described view (the story's investment: usd, share)
  { param: 'scale', field: 'scale', type: TYPES.oneOf('linear', 'log') },
  { param: 'from', field: 'from', type: TYPES.int(1900, 2100) },
  { param: 'to', field: 'to', type: TYPES.int(1900, 2100) },
  { param: 'hide', field: 'hidden', type: TYPES.keys(SERIES_KEY, 12) }, // 12: a described chart draws up to 12 series
  { param: 'group', field: 'group', type: TYPES.text(120) }, // an x.choices column of a described view (compared, never shown)
  { param: 'sort', field: 'sort', type: TYPES.oneOf('value', 'count', 'name') }, // a described sort's options (older links' sum: OLD_VALUES)
  { param: 'sel', field: 'selected', type: TYPES.text(120) },
  { param: 'trend', field: 'trend', type: TYPES.oneOf('off', 'linear', 'loglinear', 'holt') },
  { param: 'level', field: 'level', type: TYPES.oneOf(80, 95) },
  { param: 'horizon', field: 'horizon', type: TYPES.int(1900, 2030) },
  { param: 'zoom', field: 'zoom', type: TYPES.id(VIEW_ID) }, // a map.zooms id (the story's world, europe, southeast-asia, americas)
  { param: 'projection', field: 'projection', type: TYPES.oneOf('equal-earth', 'natural-earth', 'mercator', 'equirectangular') },
  { param: 'colour', field: 'colour', type: TYPES.text(120) }, // a map.colour id of a described view (its id, else its column; compared, never shown)
]);

// Values older links wrote that now have another name: {param: {old: new}}.
export const OLD_VALUES = Object.freeze({ sort: Object.freeze({ sum: 'value' }) });

export const LANGS = Object.freeze(['en', 'zh']);

const own = (o, k) => o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k);
const copyValue = (v) => (Array.isArray(v) ? [...v] : v);
const same = (a, b) => (Array.isArray(a) && Array.isArray(b)
  ? a.length === b.length && a.every((x, i) => x === b[i])
  : Object.is(a, b));

// A view may list the values a field takes (`allowed: {<field>: [values]}`,
// e.g. a described view's x.choices columns): any other value is ignored.
function allowedBy(view, field, value) {
  const list = view && view.allowed && own(view.allowed, field) ? view.allowed[field] : null;
  return !Array.isArray(list) || list.includes(value);
}

export function initialState(views) {
  const per = {};
  for (const v of views) {
    const vs = {};
    for (const k of Object.keys(v.defaults)) vs[k] = copyValue(v.defaults[k]);
    per[v.id] = vs;
  }
  return { view: views[0].id, lang: null, views: per };
}

// search → URLSearchParams, or null if it cannot be read.
function paramsOf(search) {
  if (typeof search === 'object' && search instanceof URLSearchParams) return search;
  if (typeof search !== 'string') return null;
  try {
    return new URLSearchParams(search);
  } catch {
    return null;
  }
}

// The value of `name` if present once or more (the first one) and short
// enough to read; else null.
function param(p, name) {
  const s = p.get(name);
  return typeof s === 'string' && s.length <= MAX_PARAM ? s : null;
}

export function fromQuery(search, views) {
  const state = initialState(views);
  const p = paramsOf(search);
  if (!p) return state;
  const view = param(p, 'view');
  const match = views.find((v) => v.id === view);
  if (match) state.view = match.id;
  const lang = param(p, 'lang');
  if (LANGS.includes(lang)) state.lang = lang;
  const vs = state.views[state.view];
  for (const { param: name, field, type } of URL_KEYS) {
    if (!own(vs, field)) continue;
    const s = param(p, name);
    if (s === null) continue;
    const old = own(OLD_VALUES, name) && own(OLD_VALUES[name], s) ? OLD_VALUES[name][s] : null;
    const value = type.parse(old ?? s);
    if (value !== undefined && allowedBy(views.find((v) => v.id === state.view), field, value)) vs[field] = value;
  }
  return state;
}

export function toQuery(state, views) {
  const p = new URLSearchParams();
  const view = views.find((v) => v.id === state.view) ?? views[0];
  if (view !== views[0]) p.set('view', view.id);
  if (LANGS.includes(state.lang)) p.set('lang', state.lang);
  const vs = own(state.views, view.id) ? state.views[view.id] : {};
  for (const { param: name, field, type } of URL_KEYS) {
    if (!own(view.defaults, field) || !own(vs, field)) continue;
    const value = vs[field];
    if (value === null || value === undefined || same(value, view.defaults[field])) continue;
    p.set(name, type.format(value));
  }
  const rest = p.toString();
  return rest ? `?v=${URL_VERSION}&${rest}` : '';
}

export function langOf(search) {
  const p = paramsOf(search);
  const lang = p ? param(p, 'lang') : null;
  return LANGS.includes(lang) ? lang : null;
}

// Same defaults and the same allowed values (field by field, in order).
function sameFields(a, b) {
  const keys = (o) => (o && typeof o === 'object' ? Object.keys(o) : []);
  const sameObject = (x, y) => keys(x).length === keys(y).length && keys(x).every((k) => own(y, k) && same(x[k], y[k]));
  return sameObject(a.defaults, b.defaults) && sameObject(a.allowed ?? {}, b.allowed ?? {});
}

export function restate(state, from, to) {
  const next = initialState(to);
  if (!state || typeof state !== 'object' || !Array.isArray(from)) return next;
  if (LANGS.includes(state.lang)) next.lang = state.lang;
  if (to.some((v) => v.id === state.view)) next.view = state.view;
  const views = own(state, 'views') ? state.views : {};
  for (const v of to) {
    const old = from.find((x) => x.id === v.id);
    if (!old || !own(views, v.id)) continue;
    if (sameFields(old, v)) {
      for (const k of Object.keys(next.views[v.id])) if (own(views[v.id], k)) next.views[v.id][k] = copyValue(views[v.id][k]);
      continue;
    }
    const link = toQuery({ view: v.id, lang: null, views: { [v.id]: views[v.id] } }, [old]);
    next.views[v.id] = fromQuery(link, [v]).views[v.id];
  }
  return next;
}
