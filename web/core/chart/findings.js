// chart/findings.js — a view's finding from its description's `findings`
// templates (data/CHART_FORMAT.md, "findings"): the first entry (of the
// current mode, or without a mode) whose every value resolves, with each
// `{name}` replaced by its value as a reader sentence.
//
// fillTemplate(text, texts) → string, or null when the text names a value
//   `texts` does not have. `{name}` (name [a-z][a-z0-9_]*) is replaced by
//   texts[name]; `{{` and `}}` are literal braces; any other brace is kept
//   as written.
// placeholders(text) → the names a template uses, in order (repeats kept once).
// valueSentence(locale, resolved, unit) → the reader's text of a resolved
//   ValueRef (chart/refs.js): an x value as a period (core/numbers.js
//   periodText: "2024", "2021–22", "2024年"); a number through numbers.js
//   sentenceText with its unit code and qualifier ("over US$90bn", "≈51.6%",
//   "约160亿美元") when unit.format is a unit code, else as a plain number
//   (numbers.js readText, 4 significant digits) with the qualifier's prefix
//   and the unit text after it ("≈12.5 mpg"); a string as it is.
//   unit: {format: unit code | null, text: unit text | ''} of the figure.
// findingOf({findings, mode, locale, defaultLocale, resolve, unitOf}) →
//   {text, entry, values} or null when no entry fits (the caller then gives
//   the general finding).
//   findings  the view's `findings` (raw or normalised: absent mode = null)
//   mode      the view's current mode id (null without modes): entries with
//             another mode are skipped
//   resolve(ref) → Resolved | null (chart/refs.js resolveRef, bound to the
//             view's drawn panels and the engine)
//   unitOf(ref, resolved) → {format, text}: the unit a figure is shown in
//             (a panel ref: that panel's y; a table ref: the panel of the
//             finding's mode, or the view's only chart)
//   An entry fits when every value it lists resolves and its text (in the
//   reader's locale, falling back to the default's) names only listed
//   values. values: {name: Resolved} of the entry used (for sources).
// describedFinding(ctx, findings, {mode, panels}) → string | null: findingOf
//   for a view's drawn panels. ctx {q, locale, defaultLocale}; panels(id) →
//   {marks, series, format, unit} of the drawn panel with that id (null: the
//   view's only chart, or the first panel drawn in the mode) or null; a
//   panel ref's figure is shown in its panel's unit (format: unit code,
//   unit: unit text), a table ref's in that of panels(null).

import { isTableRef, resolveRef } from './refs.js';
import { periodText, prefix, readText, sentenceText } from '../numbers.js';
import { textOf, valueLabel } from './text.js';

const NAME = /^[a-z][a-z0-9_]*$/;

// Walks a template: calls onText(literal) and onName(name) in order.
function walk(text, onText, onName) {
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if ((c === '{' || c === '}') && text[i + 1] === c) {
      onText(c);
      i += 2;
    } else if (c === '{') {
      const end = text.indexOf('}', i + 1);
      const name = end < 0 ? '' : text.slice(i + 1, end);
      if (NAME.test(name)) {
        onName(name);
        i = end + 1;
      } else {
        onText(c);
        i += 1;
      }
    } else {
      onText(c);
      i += 1;
    }
  }
}

export function placeholders(text) {
  const names = [];
  walk(String(text ?? ''), () => {}, (n) => { if (!names.includes(n)) names.push(n); });
  return names;
}

export function fillTemplate(text, texts) {
  let out = '';
  let missing = false;
  walk(String(text ?? ''), (s) => { out += s; }, (n) => {
    if (Object.prototype.hasOwnProperty.call(texts, n) && typeof texts[n] === 'string') out += texts[n];
    else missing = true;
  });
  return missing ? null : out;
}

export function valueSentence(locale, resolved, unit = {}) {
  const v = resolved.value;
  // a category the chart names (x.names: the reader's name) is said as drawn
  if (resolved.of === 'x' && typeof v === 'string' && resolved.mark && resolved.mark.xText && resolved.mark.xText !== v) return resolved.mark.xText;
  if (resolved.of === 'x') return periodText(locale, v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  const q = resolved.q ?? { approximate: false, bound: null };
  if (typeof unit.format === 'string' && unit.format) return sentenceText(locale, v, unit.format, q);
  const text = readText(locale, v, { sig: 4 });
  return text ? valueLabel(`${prefix(locale, q)}${text}`, unit.text || '') : '';
}

export function findingOf({ findings, mode = null, locale, defaultLocale, resolve, unitOf }) {
  const list = Array.isArray(findings) ? findings : [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const m = entry.mode ?? null;
    if (m !== null && m !== mode) continue;
    const template = textOf(entry.text, locale, defaultLocale);
    const refs = entry.values && typeof entry.values === 'object' ? entry.values : {};
    const values = {};
    const texts = {};
    let ok = true;
    for (const [name, ref] of Object.entries(refs)) {
      const r = resolve(ref);
      if (!r) {
        ok = false;
        break;
      }
      values[name] = r;
      texts[name] = valueSentence(locale, r, unitOf ? unitOf(ref, r) ?? {} : {});
      if (!texts[name]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const text = fillTemplate(template, texts);
    if (text === null) continue;
    return { text, entry, values };
  }
  return null;
}

export function describedFinding(ctx, findings, { mode = null, panels }) {
  if (!Array.isArray(findings) || findings.length === 0) return null;
  const unitOf = (ref) => {
    const p = panels(isTableRef(ref) ? null : ref?.panel ?? null);
    return p ? { format: p.format ?? null, text: p.unit ?? '' } : {};
  };
  const found = findingOf({
    findings, mode, locale: ctx.locale, defaultLocale: ctx.defaultLocale, unitOf,
    resolve: (ref) => resolveRef(ref, { q: ctx.q, panels }),
  });
  return found ? found.text : null;
}
