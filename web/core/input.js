// input.js — classifying what the embed API is given, and vetting links.

// True when `s` is JSON text rather than a URL: its first non-space
// character is '{' or '['.
export function isJsonText(s) {
  return typeof s === 'string' && /^\s*[[{]/.test(s);
}

// Returns `url` if it is an absolute http(s) URL, else null, so a dataset
// cannot put a javascript: or data: link into the page.
export function safeHttpUrl(url) {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
