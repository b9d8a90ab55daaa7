// copy.js — the strings for a locale.
//
// copyFor(locale) → the copy object of copy-en.js or copy-zh.js ('zh' gives
// Chinese, anything else English). The two files have the same keys.

import en from './copy-en.js';
import zh from './copy-zh.js';

export function copyFor(locale) {
  return locale === 'zh' ? zh : en;
}
