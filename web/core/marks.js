// marks.js — one drawn value ("mark") with every text that describes it.
//
// makeMark(ctx, spec) → mark. ctx is the view context ({ locale, t (copy),
// theme }); spec:
//   id          stable key, unique in the view ('bars/domestic/2024')
//   panel       the panel id; kind 'bar' | 'point' | 'hbar'
//   key         series key; seriesLabel its legend label; colour
//   category    category or period (string), x (number, lines only);
//               categoryText its label (default: the period's text)
//   heading     tooltip heading ('Abroad, 2024')
//   value       number in the panel's unit, or null (an empty slot)
//   unit        i18n unit code of the value
//   q           { approximate, bound } (bound 'lower' | 'upper' | null)
//   derived     true for values the engine computed (shares, ratios): an
//               approximate input makes them approximate
//   withheld    true when the value's only sources are low confidence: drawn
//               as an empty slot that says why
//   sources     [source entries] behind the value; also: corroborating ones
//   qualifier   optional override of the qualifier sentence
//   extra       optional extra tooltip lines (strings)
// The mark carries value, empty, withheld, approximate (any qualifier),
// bound, label (short chart label), valueText (full value), qualifier
// (sentence), and the spec's fields. index is set by the view model.

import { fullText, isValue, periodText, shortText } from './numbers.js';

const uniqueById = (list) => list.filter((s, i) => list.findIndex((x) => x.id === s.id) === i);

export function qualifierText(t, { empty, withheld, q, valueText, derived }) {
  if (withheld) return t.ui.lowConfidence;
  if (empty) return t.ui.noFigure;
  if (q.bound === 'lower') return t.ui.lowerBound(valueText);
  if (q.bound === 'upper') return t.ui.upperBound(valueText);
  if (q.approximate) return derived ? t.ui.derivedApprox : t.ui.approximate(valueText);
  return t.ui.asReportedQ;
}

export function makeMark(ctx, spec) {
  const { locale, t } = ctx;
  const withheld = Boolean(spec.withheld);
  const value = !withheld && isValue(spec.value) ? spec.value : null;
  const empty = value === null;
  const q = spec.q ?? { approximate: false, bound: null };
  const valueText = empty ? '' : fullText(locale, value, spec.unit, q);
  return {
    id: spec.id,
    index: -1,
    panel: spec.panel,
    kind: spec.kind,
    key: spec.key,
    seriesLabel: spec.seriesLabel ?? '',
    colour: spec.colour,
    category: spec.category ?? null,
    categoryText: spec.categoryText ?? (spec.category === null || spec.category === undefined ? '' : periodText(locale, spec.category)),
    x: spec.x ?? null,
    heading: spec.heading ?? '',
    unit: spec.unit,
    value,
    empty,
    withheld,
    approximate: !empty && (q.approximate || q.bound !== null),
    bound: empty ? null : q.bound,
    derived: Boolean(spec.derived),
    label: empty ? '' : shortText(locale, value, spec.unit, q),
    valueText,
    qualifier: spec.qualifier ?? qualifierText(t, { empty, withheld, q, valueText, derived: spec.derived }),
    sources: uniqueById(spec.sources ?? []),
    also: uniqueById(spec.also ?? []),
    extra: spec.extra ?? [],
  };
}

// Combines the qualifiers of a ratio's numerator and denominator: a lower
// bound over an exact total stays a lower bound; an exact value over a
// lower-bound total becomes an upper bound (and the reverse); anything else
// approximate is approximate without a bound.
export function ratioQual(num, den) {
  const approximate = num.approximate || den.approximate || num.bound !== null || den.bound !== null;
  let bound = null;
  if (num.bound && !den.bound) bound = num.bound;
  else if (den.bound && !num.bound) bound = den.bound === 'lower' ? 'upper' : 'lower';
  return { approximate, bound };
}

// The qualifier of a share of a group: approximate if any member is.
export function shareQual(members) {
  return { approximate: members.some((m) => m.approximate || m.bound !== null), bound: null };
}
