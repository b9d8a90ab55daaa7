// bytes.js — sizes and counts as text for status lines (the explore and
// studio pages). Pure; tested in Node (tests/js/core-bytes.test.mjs).
//
// byteText(n) → '12.3 MB' (decimal megabytes, one decimal) or, from 1e9
//   bytes, '1.07 GB' (two decimals).
// countText(n) → the whole number with thousands separators, '526,315'
//   (English, as the pages are).
// limitText(n) → a byte limit written exactly: '1 GiB (1,073,741,824 bytes)'
//   for a whole number of GiB or MiB, else '1,000 bytes'.

export function byteText(n) {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : `${(n / 1e6).toFixed(1)} MB`;
}

export function countText(n) {
  return Number(n).toLocaleString('en-US');
}

export function limitText(n) {
  const unit = n % 2 ** 30 === 0 ? [2 ** 30, 'GiB'] : n % 2 ** 20 === 0 ? [2 ** 20, 'MiB'] : null;
  return unit ? `${countText(n / unit[0])} ${unit[1]} (${countText(n)} bytes)` : `${countText(n)} bytes`;
}
