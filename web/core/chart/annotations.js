// chart/annotations.js — a panel's annotations (data/CHART_FORMAT.md,
// `annotations`) with their x taken from the data where the description
// says so: `x` a literal (of the x column's type) or a ValueRef (table form,
// chart/refs.js: e.g. the first year overseas exceeds domestic, from
// `indicators`); `series` (optional) the annotated mark's series value;
// `text` may contain `{x}`, replaced by the x value as a period
// (core/numbers.js periodText: "2024", "2024年").
//
// resolveAnnotations(ctx, panel, w, drawn) → [{x, y, key, text, sources}]
//   in the description's order, one per annotation whose x resolves (a
//   ValueRef with no row or a null figure leaves its annotation out: there
//   is nothing to point at).
//   ctx    { q(table, spec) (engine.query), locale, prov? (provenance.js:
//          entry(id) for the ValueRef's `source` column) }
//   panel  the panel or one-chart view (raw or normalised)
//   w      { tx(Text) → string } of the view
//   drawn  [{key, value}] the drawn series (a series value → its key)
//   x      the literal or resolved x value; y the literal y or null;
//   key    the drawn series key of `series` (null: any series; undefined
//          when the annotation names a series that is not drawn: such an
//          annotation is kept so the caller can still give its text as a
//          note); text the Text in the reader's locale with {x} filled;
//   sources  [source entry] of a resolved ValueRef (for the credit).
// targetOf(a, marks) → the drawn mark an annotation points at: the first
//   non-empty mark at its x (category text equal to the x as text) of its
//   series (any when key is null), the one with its y when given; or null.

import { periodText } from '../numbers.js';
import { keyText } from './common.js';
import { fillTemplate } from './findings.js';
import { isTableRef, resolveTableRef } from './refs.js';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

export function resolveAnnotations(ctx, panel, w, drawn = []) {
  const list = Array.isArray(panel.annotations) ? panel.annotations : [];
  const out = [];
  for (const a of list) {
    if (!a || typeof a !== 'object') continue;
    let x = a.x;
    let sources = [];
    if (x !== null && typeof x === 'object') {
      if (!isTableRef(x)) continue;
      const r = resolveTableRef(ctx.q, x);
      if (!r) continue;
      x = r.value;
      if (r.source && ctx.prov && typeof ctx.prov.entry === 'function') sources = [ctx.prov.entry(r.source)];
    }
    if (x === null || x === undefined) continue;
    let key = null;
    if (a.series !== null && a.series !== undefined) {
      const s = drawn.find((d) => d.value !== null && keyText(d.value) === keyText(a.series));
      key = s ? s.key : undefined;
    }
    const raw = w.tx(a.text);
    const text = fillTemplate(raw, { x: periodText(ctx.locale, x) }) ?? raw;
    out.push({ x, y: isNum(a.y) ? a.y : null, key, text, sources });
  }
  return out;
}

export function targetOf(a, marks) {
  if (a.key === undefined) return null;
  const at = marks.filter((m) => !m.empty && !m.reference && m.category === keyText(a.x) && (a.key === null || m.key === a.key));
  if (at.length === 0) return null;
  return isNum(a.y) ? at.find((m) => m.value === a.y) ?? at[0] : at[0];
}
