// bytes.js — sizes and counts as text for status lines (the explore and
// studio pages). Pure; tested in Node (tests/js/core-bytes.test.mjs).
//
// byteText(n) → '12.3 MB' (decimal megabytes, one decimal) or, from 1e9
//   bytes, '1.07 GB' (two decimals).
// countText(n) → the whole number with thousands separators, '526,315'
//   (English, as the pages are).

export function byteText(n) {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : `${(n / 1e6).toFixed(1)} MB`;
}

export function countText(n) {
  return Number(n).toLocaleString('en-US');
}
