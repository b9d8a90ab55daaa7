// numbers.js — the chart's number texts, built on i18n.js.
//
// Values arrive from the engine; these functions only turn them into text.
// A missing value (NaN, null, undefined) gives '' so it can never read as 0.
// `q` is a qualifier { approximate: boolean, bound: 'lower'|'upper'|null }.
// Units are i18n.js unit codes ('usd_bn', 'eur_bn', 'vehicles', 'percent', …).
//
//   fullText   tooltips, tables, detail lists: every digit the reader needs
//              (money 2 decimals, percent 1, vehicles exact: "340,471 vehicles",
//              "34.0471万辆")
//   shortText  labels on the chart: 3 significant digits in the axis's unit
//              with the qualifier ("≈16", "over 90", "约160", "49%")
//   sentenceText  running text: i18n's formatValue ("about" forms, 万/亿)
//   tickText / unitText / periodText: axis ticks, the axis unit, periods
//   percentOf  a share or ratio from the engine (a fraction) in percent: the
//              one unit conversion done here, for display only
//   readText   a plain number for reading (described charts' labels, tooltips
//              and findings): whole numbers whole with grouping ("16,626,000"),
//              others to `sig` significant digits but never fewer fraction
//              digits than `minDigits` (the axis ticks'): "13.75", "0.0001235"
//   readDigits the fraction digits readText uses; fractionDigits(v) those of
//              a tick value as the engine computed it (0.25 → 2)

import { axisUnit, formatPeriod, formatTick, formatValue } from './i18n.js';

export function isValue(v) {
  return typeof v === 'number' && Number.isFinite(v);
}

// The qualifier of a row with `approximate` and `bound` columns.
export function qualOf(row) {
  const bound = row && (row.bound === 'lower' || row.bound === 'upper') ? row.bound : null;
  return { approximate: Boolean(row && row.approximate === true), bound };
}

const DIGITS = { usd_bn: 2, eur_bn: 2, cny_bn: 2, percent: 1, gwh: 1 };
const PREFIX = {
  en: { approximate: '≈', lower: 'over ', upper: 'up to ' },
  zh: { approximate: '约', lower: '超过', upper: '最多' },
};
const VEHICLES = { en: ' vehicles' };

const loc = (locale) => (locale === 'zh' ? 'zh' : 'en');

export function prefix(locale, q = {}) {
  const p = PREFIX[loc(locale)];
  if (q.bound === 'lower') return p.lower;
  if (q.bound === 'upper') return p.upper;
  return q.approximate ? p.approximate : '';
}

export function fullText(locale, v, unit, q = {}) {
  if (!isValue(v)) return '';
  if (unit === 'vehicles') {
    if (loc(locale) === 'zh') return formatValue(locale, v, unit, { approximate: q.approximate, bound: q.bound, digits: 4 });
    return `${formatValue(locale, v, null, q)}${VEHICLES.en}`;
  }
  return formatValue(locale, v, unit, { approximate: q.approximate, bound: q.bound, digits: DIGITS[unit] });
}

export function shortText(locale, v, unit, q = {}) {
  if (!isValue(v)) return '';
  const text = formatTick(locale, Number(v.toPrecision(3)), unit);
  return `${prefix(locale, q)}${text}${unit === 'percent' ? '%' : ''}`;
}

export function sentenceText(locale, v, unit, q = {}) {
  if (!isValue(v)) return '';
  const digits = unit === 'vehicles' && loc(locale) === 'zh' ? 2 : DIGITS[unit];
  return formatValue(locale, v, unit, { approximate: q.approximate, bound: q.bound, digits });
}

export function tickText(locale, v, unit) {
  return formatTick(locale, v, unit);
}

export function unitText(locale, unit) {
  return axisUnit(locale, unit);
}

export function periodText(locale, period) {
  return formatPeriod(locale, period);
}

export function percentOf(fraction) {
  return isValue(fraction) ? fraction * 100 : null;
}

// Category label candidates for a period, widest first: en "2024", "’24";
// zh "2024年", "2024", "24年" (ranges alike).
export function periodCandidates(locale, period) {
  const full = periodText(locale, period);
  const m = /^(\d{4})(?:\s*[-–]\s*(\d{4}))?$/.exec(String(period));
  if (!m) return [[full]];
  const digits = m[2] ? `${m[1]}–${m[2].slice(2)}` : m[1];
  const two = m[2] ? `${m[1].slice(2)}–${m[2].slice(2)}` : m[1].slice(2);
  return locale === 'zh' ? [[full], [digits], [`${two}年`]] : [[full], [`’${two}`]];
}

// Fraction digits readText prints for v: none for a whole number (unless the
// ticks have some), else enough for `sig` significant digits, at least
// minDigits, at most 12.
export function readDigits(v, sig = 4, minDigits = 0) {
  const min = Math.max(0, Math.min(12, Math.floor(minDigits) || 0));
  if (!isValue(v) || Number.isInteger(v) || v === 0) return min;
  const lead = Math.floor(Math.log10(Math.abs(v))) + 1; // digits before the point (≤ 0 below 1)
  return Math.min(12, Math.max(min, sig - lead));
}

export function readText(locale, v, { sig = 4, minDigits = 0 } = {}) {
  if (!isValue(v)) return '';
  if (Number.isInteger(v) && minDigits <= 0) return formatValue(locale, v, null);
  return formatValue(locale, v, null, { digits: readDigits(v, sig, minDigits) });
}

// The fraction digits of a tick value (the engine computes ticks as integer
// multiples of the step, so their shortest text is exact).
export function fractionDigits(v) {
  if (!isValue(v) || Number.isInteger(v)) return 0;
  const t = String(Math.abs(v));
  const e = /e-(\d+)$/.exec(t);
  if (e) return Math.min(12, Number(e[1]) + ((t.split('e')[0].split('.')[1] ?? '').length));
  return Math.min(12, (t.split('.')[1] ?? '').length);
}
