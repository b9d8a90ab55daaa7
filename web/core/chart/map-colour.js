// chart/map-colour.js — a described map's reader controls and colours
// (data/CHART_FORMAT.md `map.colour`, `map.zooms`, `map.projections`).
// Pure apart from ctx.q (engine queries).
//
// PROJECTIONS: the projections the engine draws, in control order.
// WORLD_BOX: the box a map without zooms is fitted to.
// zoomOf(view, state) → the zoom in force {id, label, box} (state.zoom if it
//   is one of map.zooms, else the first), or null without zooms.
// projectionOf(view, state) → state.projection when map.projections is true
//   and it is one of PROJECTIONS, else map.projection (default equal-earth).
// colourId(entry) → a map.colour entry's id: the reader's choice in state
//   and URL (entry.id, else its column; the engine's check fills it in).
// colourOf(view, state) → the colour-by entry in force {column, label,
//   names?, split?, styles?} (state.colour = its id, else the first), or
//   null without map.colour.
// mapControls(view, state, tx, c) → the "Show", "Projection" and "Colour
//   by" choice controls the view has (shell control shape).
// colourParts(ctx, view, q, entry, opts) → { of(key) → {valueKey, colour,
//   label, slices, lines, text}, legend: [{key, label, colour}] }:
//   per map key, the values of entry.column among its rows (after the view's
//   filters and opts.filters): a key with one value takes that value's
//   colour; with several, the neutral colour and c.several. `split`: each
//   circle also gets slices, one per value with a y figure, its share of the
//   key's y sum (the engine's `share` derive; approximate when any summed
//   row is, by y.approximate), in value order. Value order: the names kind's
//   order (opts.orderOf(kind) → [values] in the names table's order), then
//   the engine's; a missing value is "not given", last, neutral. Colours:
//   entry.styles[value].colour (a palette role 0–7 or "neutral") when given,
//   else the palette in value order. Tooltip lines: "<label>: <name>", or
//   per value "<name>: <y sum> (<rows>)" when split.
//   opts: {filters, nameOf(kind, value), orderOf(kind), unit (y.format),
//   locale, c (renderer words), tx}.

import { colourOf as paletteColour } from '../theme.js';
import { sentenceText } from '../numbers.js';
import { keyText } from './common.js';

export const PROJECTIONS = Object.freeze(['equal-earth', 'natural-earth', 'mercator', 'equirectangular']);
export const WORLD_BOX = Object.freeze([-180, -56, 180, 84]);
const NONE = '\u0000none';

const zoomsOf = (view) => (view.map && Array.isArray(view.map.zooms) ? view.map.zooms : []);
const coloursOf = (view) => (view.map && Array.isArray(view.map.colour) ? view.map.colour : []);

export function zoomOf(view, state) {
  const list = zoomsOf(view);
  if (list.length === 0) return null;
  const want = state && typeof state.zoom === 'string' ? state.zoom : null;
  return list.find((z) => z.id === want) ?? list[0];
}

export function projectionOf(view, state) {
  const fixed = view.map && typeof view.map.projection === 'string' ? view.map.projection : 'equal-earth';
  if (!(view.map && view.map.projections === true)) return fixed;
  const want = state && typeof state.projection === 'string' ? state.projection : null;
  return PROJECTIONS.includes(want) ? want : fixed;
}

export function colourId(entry) {
  return typeof entry.id === 'string' ? entry.id : entry.column;
}

export function colourOf(view, state) {
  const list = coloursOf(view);
  if (list.length === 0) return null;
  const want = state && typeof state.colour === 'string' ? state.colour : null;
  return list.find((e) => colourId(e) === want) ?? list[0];
}

export function mapControls(view, state, tx, c) {
  const controls = [];
  const zoom = zoomOf(view, state);
  if (zoom) {
    controls.push({
      kind: 'choice', id: 'zoom', label: c.zoom, value: zoom.id,
      options: zoomsOf(view).map((z) => ({ value: z.id, label: tx(z.label) || z.id })),
    });
  }
  if (view.map && view.map.projections === true) {
    controls.push({
      kind: 'choice', id: 'projection', label: c.projection, value: projectionOf(view, state),
      options: PROJECTIONS.map((p) => ({ value: p, label: c.projections[p] })),
    });
  }
  const colour = colourOf(view, state);
  if (colour && coloursOf(view).length > 1) {
    controls.push({
      kind: 'choice', id: 'colour', label: c.colourBy, value: colourId(colour),
      options: coloursOf(view).map((e) => ({ value: colourId(e), label: tx(e.label) || e.column })),
    });
  }
  return controls;
}

function styleColour(theme, entry, value, index) {
  const styles = entry.styles && typeof entry.styles === 'object' ? entry.styles : {};
  const st = value === NONE ? null : styles[value];
  if (value === NONE) return paletteColour(theme, 'neutral');
  if (st && (st.colour === 'neutral' || (Number.isInteger(st.colour) && st.colour >= 0 && st.colour <= 7))) return paletteColour(theme, st.colour);
  return paletteColour(theme, index % 8);
}

export function colourParts(ctx, view, q, entry, opts) {
  const { filters = [], nameOf, orderOf, unit = null, locale, c, tx } = opts;
  const col = entry.column;
  const key = q.x;
  const base = [...q.spec.filters, ...filters];
  const y = view.y ?? {};
  const sumCol = q.base;
  const aggregates = [{ op: 'count', as: 'ev_rows' }];
  if (sumCol) aggregates.push({ op: y.aggregate === 'count' || !y.aggregate ? 'sum' : y.aggregate, column: sumCol, as: 'ev_y' });
  const groups = ctx.q(view.table, { filters: base, groupBy: [key, col], aggregates, sort: [{ column: key }, { column: col }] }).rows();
  const approx = new Set();
  if (typeof y.approximate === 'string' && sumCol) {
    for (const r of ctx.q(view.table, {
      filters: [...base, { column: y.approximate, eq: true }, { column: sumCol, range: [null, null] }],
      groupBy: [key, col], aggregates: [{ op: 'count', as: 'n' }],
    }).rows()) if (r.n > 0) approx.add(`${keyText(r[key])}\u0000${keyText(r[col])}`);
  }
  // value order: the names table's, then the engine's; missing last
  const named = typeof entry.names === 'string' && typeof orderOf === 'function' ? orderOf(entry.names).map(keyText) : [];
  const seen = ctx.q(view.table, { filters: base, groupBy: [col], aggregates: [{ op: 'count', as: 'ev_n' }], sort: [{ column: col }] }).rows()
    .map((r) => (r[col] === null ? NONE : keyText(r[col])));
  const rank = (v) => (v === NONE ? Infinity : named.includes(v) ? named.indexOf(v) : named.length + seen.indexOf(v));
  const values = [...seen].sort((a, b) => rank(a) - rank(b));
  const nameOfValue = (v) => (v === NONE ? c.notGiven : typeof entry.names === 'string' ? nameOf(entry.names, v) : v);
  const colours = new Map(values.map((v, i) => [v, styleColour(ctx.theme, entry, v, i)]));
  let shares = [];
  if (entry.split === true && sumCol) {
    shares = ctx.q(view.table, {
      filters: [...base, { column: sumCol, range: [null, null] }],
      groupBy: [key, col], aggregates: [{ op: 'sum', column: sumCol, as: 'ev_sum' }],
      derive: [{ op: 'share', column: 'ev_sum', by: [key], as: 'ev_share' }],
      sort: [{ column: key }, { column: col }],
    }).rows();
  }
  const label = tx(entry.label) || col;
  const used = new Set();
  const of = (k) => {
    const mine = groups.filter((r) => keyText(r[key]) === k).map((r) => ({ v: r[col] === null ? NONE : keyText(r[col]), r }))
      .sort((a, b) => rank(a.v) - rank(b.v));
    if (mine.length === 0) return null;
    let main = mine[0];
    if (entry.split !== true) for (const m of mine) if (m.r.ev_rows > main.r.ev_rows) main = m;
    const one = entry.split !== true || mine.length === 1;
    const valueKey = one ? main.v : 'several';
    const slices = entry.split === true ? shares.filter((r) => keyText(r[key]) === k && typeof r.ev_share === 'number')
      .map((r) => ({ v: r[col] === null ? NONE : keyText(r[col]), share: r.ev_share }))
      .sort((a, b) => rank(a.v) - rank(b.v))
      .map((s) => ({ key: s.v, share: s.share, colour: colours.get(s.v), approximate: approx.has(`${k}\u0000${s.v === NONE ? '' : s.v}`) })) : [];
    if (one) used.add(main.v);
    for (const s of slices) used.add(s.key);
    const lines = entry.split === true
      ? mine.map((m) => c.splitLine(nameOfValue(m.v),
        m.r.ev_y === null || m.r.ev_y === undefined ? c.noFigure
          : sentenceText(locale, m.r.ev_y, unit, { approximate: approx.has(`${k}\u0000${m.v === NONE ? '' : m.v}`), bound: null }),
        sentenceText(locale, m.r.ev_rows, null)))
      : [c.colourLine(label, nameOfValue(main.v))];
    return {
      valueKey,
      colour: one ? colours.get(main.v) : paletteColour(ctx.theme, 'neutral'),
      label: one ? nameOfValue(main.v) : c.several,
      slices: slices.length > 1 ? slices : null,
      lines,
      text: entry.split === true ? mine.map((m) => nameOfValue(m.v)).join(c.listSep) : nameOfValue(main.v),
    };
  };
  return {
    label,
    of,
    // call after of() has been asked for every drawn key
    legend: () => values.filter((v) => used.has(v)).map((v) => ({ key: v === NONE ? 'none' : v, label: nameOfValue(v), colour: colours.get(v) })),
  };
}
