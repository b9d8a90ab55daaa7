// format.js — numbers as text, with the source's qualifier.
//
// Values arrive from the engine; these functions only turn them into text and
// never change them (no rounding beyond one decimal place for display).
// A missing value (NaN, null, undefined) formats as '' so it can never be
// mistaken for zero.

const NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

// Returns true for a finite number.
export function isValue(v) {
  return typeof v === 'number' && Number.isFinite(v);
}

// Plain number: 41 → "41", 1234.56 → "1,234.6"; missing → ''.
export function formatNumber(v) {
  return isValue(v) ? NUMBER.format(v) : '';
}

// Label for a bar: a lower bound reads "over 90", an upper bound "up to 90",
// an approximate value "≈16", an exact one "41". Missing → ''.
// `q` is { approximate: boolean|null, bound: 'lower'|'upper'|null }.
export function formatValue(v, q = {}) {
  const n = formatNumber(v);
  if (n === '') return '';
  if (q.bound === 'lower') return `over ${n}`;
  if (q.bound === 'upper') return `up to ${n}`;
  if (q.approximate) return `≈${n}`;
  return n;
}

// Money in running text, in the unit the dataset uses (US$ billions):
// 16 approximate → "about US$16bn", 90 lower bound → "over US$90bn",
// 41 → "US$41bn". Missing → ''.
export function formatMoney(v, q = {}) {
  const n = formatNumber(v);
  if (n === '') return '';
  const money = `US$${n}bn`;
  if (q.bound === 'lower') return `over ${money}`;
  if (q.bound === 'upper') return `up to ${money}`;
  if (q.approximate) return `about ${money}`;
  return money;
}

// Tick label: same as formatNumber (ticks are plain, unqualified numbers).
export function formatTick(v) {
  return formatNumber(v);
}
