// chart/groups.js — what an aggregated (grouped) view needs from its member
// rows besides the aggregate (data/CHART_FORMAT.md `source` and
// `y.approximate` / `y.bound` with `y.aggregate`). Pure apart from ctx.q.
//
// eligibility(ctx, view) → { filters, left } for an aggregated view with
//   `source` (and provenance: ctx.prov.entry): rows whose sources are all
//   rated low confidence are left out before grouping (shared data rule 7).
//   Engine filters cannot look inside the `also` list, so a row is judged
//   by its primary source and its `also` ids together in JS, and the filter
//   keeps the primary source ids that have no such row: `filters` is
//   [{column: source.column, in: [kept ids]}] (or [] when nothing is left
//   out), `left` the number of rows left out (for the note). A primary id
//   shared by a row that is left out and a row that is kept (its `also`
//   has a source not rated low) keeps both: the filter cannot separate
//   them, so the count only counts rows actually left out. Without an
//   aggregate, `source` or provenance: { filters: [], left: 0 }.
// groupQualifiers(ctx, view, q, keysOf) → Map "<x>\0<series>" → {approximate,
//   bound} for an aggregated view with y.approximate or y.bound: a group is
//   approximate when any member row with a y value is, and a lower bound
//   when any is (for sum and max; "upper" likewise for sum and min). keysOf
//   is keyText. Empty Map otherwise.
// groupSources(ctx, view, q) → Map "<x>\0<series>" → {ids, also}: for an
//   aggregated view with `source`, the source ids of each group's member
//   rows (primary ids, then the `also` ids that are not primary), so that a
//   group's mark carries them (tooltip, table, credit). Empty Map otherwise.

import { idList } from '../provenance.js';
import { keyText } from './common.js';

const isStr = (v) => typeof v === 'string';

export function eligibility(ctx, view) {
  const none = { filters: [], left: 0 };
  const y = view.y ?? {};
  const src = view.source;
  if (!isStr(y.aggregate) || !src || !isStr(src.column) || !ctx.prov || typeof ctx.prov.entry !== 'function') return none;
  const low = (id) => ctx.prov.entry(id)?.confidence === 'low';
  const cols = [src.column, ...(isStr(src.also) ? [src.also] : [])];
  const f = ctx.q(view.table, { filters: Array.isArray(view.filters) ? view.filters : [] });
  const has = new Set(f.columns.map((c) => c.name));
  if (!cols.every((c) => has.has(c))) return none;
  const rows = f.rows();
  const leftOut = (r) => {
    const all = [r[src.column], ...(isStr(src.also) ? idList(r[src.also]) : [])].filter(isStr);
    return all.length > 0 && all.every(low);
  };
  const ids = new Set();
  const keep = new Set();
  for (const r of rows) {
    if (!isStr(r[src.column])) continue;
    ids.add(r[src.column]);
    if (!leftOut(r)) keep.add(r[src.column]);
  }
  if (keep.size === ids.size) return none;
  const left = rows.filter((r) => isStr(r[src.column]) && !keep.has(r[src.column])).length;
  // rows without a primary source id are kept by the filter only if it lets
  // nulls through, which an `in` filter does not: they are counted as left out
  const nulls = rows.filter((r) => !isStr(r[src.column])).length;
  return { filters: [{ column: src.column, in: [...keep] }], left: left + nulls };
}

export function groupQualifiers(ctx, view, q) {
  const out = new Map();
  const y = view.y ?? {};
  if (!q.aggregated || !q.base) return out;
  const probe = ctx.q(view.table, { filters: [{ column: q.x, in: [] }] });
  const types = new Map(probe.columns.map((c) => [c.name, c.type]));
  const approx = isStr(y.approximate) && types.get(y.approximate) === 'boolean' ? y.approximate : null;
  const bound = isStr(y.bound) && types.get(y.bound) === 'string' ? y.bound : null;
  if (!approx && !bound) return out;
  const by = q.series ? [q.x, q.series] : [q.x];
  const key = (r) => `${keyText(r[q.x])}\u0000${q.series ? keyText(r[q.series]) : ''}`;
  const valued = [...q.spec.filters, { column: q.base, range: [null, null] }];
  const get = (r) => {
    const k = key(r);
    if (!out.has(k)) out.set(k, { approximate: false, bound: null });
    return out.get(k);
  };
  if (approx) {
    for (const r of ctx.q(view.table, { filters: [...valued, { column: approx, eq: true }], groupBy: by, aggregates: [{ op: 'count', as: 'ev_n' }] }).rows()) {
      if (r.ev_n > 0) get(r).approximate = true;
    }
  }
  if (bound) {
    const agg = y.aggregate;
    const sides = [...(agg === 'sum' || agg === 'max' ? ['lower'] : []), ...(agg === 'sum' || agg === 'min' ? ['upper'] : [])];
    for (const side of sides) {
      for (const r of ctx.q(view.table, { filters: [...valued, { column: bound, eq: side }], groupBy: by, aggregates: [{ op: 'count', as: 'ev_n' }] }).rows()) {
        if (r.ev_n === 0) continue;
        const g = get(r);
        // a sum with members bounded on both sides has no bound: approximate
        if (g.bound && g.bound !== side) {
          g.bound = null;
          g.approximate = true;
        } else g.bound = side;
      }
    }
    // any other bounded member (e.g. a lower bound under a mean) makes it approximate
    for (const r of ctx.q(view.table, { filters: [...valued, { column: bound, in: ['lower', 'upper'] }], groupBy: by, aggregates: [{ op: 'count', as: 'ev_n' }] }).rows()) {
      if (r.ev_n > 0 && !get(r).bound) get(r).approximate = true;
    }
  }
  return out;
}

export function groupSources(ctx, view, q) {
  const out = new Map();
  const src = view.source;
  if (!q.aggregated || !src || !isStr(src.column)) return out;
  const f = ctx.q(view.table, { filters: q.spec.filters });
  const has = new Set(f.columns.map((c) => c.name));
  if (!has.has(src.column) || !has.has(q.x)) return out;
  const also = isStr(src.also) && has.has(src.also) ? src.also : null;
  for (const r of f.rows()) {
    if (r[q.x] === null || (q.series && r[q.series] === null)) continue;
    const k = `${keyText(r[q.x])}\u0000${q.series ? keyText(r[q.series]) : ''}`;
    if (!out.has(k)) out.set(k, { ids: [], also: [] });
    const g = out.get(k);
    if (isStr(r[src.column]) && !g.ids.includes(r[src.column])) g.ids.push(r[src.column]);
    if (also) for (const id of idList(r[also])) if (!g.also.includes(id)) g.also.push(id);
  }
  for (const g of out.values()) g.also = g.also.filter((id) => !g.ids.includes(id));
  return out;
}
