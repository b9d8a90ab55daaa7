// describe.js — the words for one mark, shared by the tooltip and the
// screen-reader announcement so both say the same thing.
//
// describeMark(slot) → { heading, value, unit, qualifier, source } (strings;
// value, unit and source may be ''; corroborating sources are credited in
// the source line, not here). announce(slot, position, total) → one
// sentence for an aria-live region.

import { marketShort, periodText, UNIT } from './strings.js';

function sourceText(src) {
  if (!src) return '';
  return src.title ? `${src.publisher}: “${src.title}”` : src.publisher;
}

export function describeMark(slot) {
  return {
    heading: `${marketShort(slot.key)}, ${periodText(slot.period)}`,
    value: slot.empty ? '' : slot.text,
    unit: slot.empty ? '' : UNIT,
    qualifier: slot.qualifier,
    source: slot.source ? `Source: ${sourceText(slot.source)}` : '',
  };
}

export function announce(slot, position, total) {
  const d = describeMark(slot);
  const parts = [`${d.heading}.`, slot.empty ? '' : `${slot.money}.`, `${d.qualifier}.`, d.source ? `${d.source}.` : '', `Bar ${position} of ${total}.`];
  return parts.filter(Boolean).join(' ');
}
