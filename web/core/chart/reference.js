// chart/reference.js — reference bars of a bar panel (data/CHART_FORMAT.md,
// panel `reference`): a figure given by a source (e.g. the report's "Before
// 2024" ≈80% home share from `indicators`), drawn as its own category before
// the panel's x categories and marked as given, not computed.
//
// referenceGroups(ctx, panel, w, drawn, visible) → [{key, labels, marks,
//   reference: true}] (in the description's order; drawn first, before the
//   x categories), one group per entry whose value resolves and whose series
//   is drawn and not hidden; an entry whose value does not resolve (no row,
//   a null figure) is left out and named in `missing` (texts of its
//   category) so the caller can say so in a note.
//   → { groups, missing: [category text] }
//   ctx      { q(table, spec) (engine.query), locale, defaultLocale, t (core
//            copy: ui.noFigure etc. for core/marks.js), prov? (provenance.js:
//            entry(id) gives the source entry of the value's source id) }
//   panel    the (normalised or raw) panel / one-chart view: reference, y
//            (y.format: the unit code the value is written in; without it
//            the value is written as a plain number with w.unit after it)
//   w        {tx(Text) → string, unit (unit text), c (chartCopy), pid (the
//            panel id, null/absent in a one-chart view: 'bars')} of the view
//   drawn    [{key, value, label, colour}] the drawn series; visible: the keys
//            not hidden. An entry's `series` picks the drawn series with that
//            value (absent: the first drawn series).
// The value is drawn as the source gives it (y.percent does not apply: a
// reference is a figure from the table, not a derived fraction). Each mark
// has reference: true, derived: false, id `<panel id>/<series key>/ref<i>`,
// category `ref<i>`, categoryText the entry's category Text, and the
// qualifier sentence "<qualifier Text or the general one>: <value>".

import { makeMark } from '../marks.js';
import { fullText } from '../numbers.js';
import { keyText } from './common.js';
import { resolveTableRef } from './refs.js';
import { valueLabel } from './text.js';

export function referenceGroups(ctx, panel, w, drawn, visible) {
  const list = Array.isArray(panel.reference) ? panel.reference : [];
  const format = typeof panel.y?.format === 'string' ? panel.y.format : null;
  const pid = w.pid ?? 'bars';
  const groups = [];
  const missing = [];
  list.forEach((entry, i) => {
    const category = w.tx(entry.category);
    const hasSeries = entry.series !== null && entry.series !== undefined;
    const s = hasSeries ? drawn.find((d) => d.value !== null && keyText(d.value) === keyText(entry.series)) : drawn[0];
    if (!s || !visible.includes(s.key)) return;
    const r = entry.value && typeof entry.value === 'object' ? resolveTableRef(ctx.q, entry.value) : null;
    if (!r || typeof r.value !== 'number') {
      missing.push(category);
      return;
    }
    const source = r.source && ctx.prov && typeof ctx.prov.entry === 'function' ? ctx.prov.entry(r.source) : null;
    const m = makeMark(ctx, {
      id: `${pid}/${s.key}/ref${i}`, panel: pid, kind: 'bar', key: s.key, category: `ref${i}`, categoryText: category,
      colour: s.colour, seriesLabel: s.label, heading: `${s.label}, ${category}`,
      value: r.value, unit: format, q: r.q, sources: source ? [source] : [],
      withheld: Boolean(source && ctx.prov && typeof ctx.prov.onlyLow === 'function' && ctx.prov.onlyLow({ source: r.source })),
    });
    if (!m.empty && !format) {
      m.valueText = valueLabel(fullText(ctx.locale, m.value, null, r.q), w.unit);
      m.exactText = m.valueText;
      m.label = m.valueText;
    }
    m.xText = category;
    m.reference = true;
    if (!m.empty) m.qualifier = `${w.tx(entry.qualifier) || w.c.referenceQ}: ${m.valueText}`;
    groups.push({ key: `ref${i}`, labels: [[category]], marks: [m], reference: true });
  });
  return { groups, missing };
}
