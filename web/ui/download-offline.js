// download-offline.js — the offline page (one self-contained HTML file,
// made by ./build.sh dist) with the current view baked in.
//
// The offline file marks its <html> with data-ev-offline and carries its
// state in data-ev-state (core/url-state.js query form, '' = defaults); the
// page reads it when the URL has no state (ui/share-url.js initialQuery).
//
// offlineHtml(query, { fetchImpl, base, file, fill }) → Promise<string | null>:
//   the offline file's text with `query` baked in, or null when it is not
//   available here. file: the file to fetch (default OFFLINE_FILE; chart.html
//   passes dist's ev-chart-template.html); fill(text) → text: what to do to
//   the fetched file before the state is baked in (chart.html puts the
//   description and its data into the template; may throw). Inside the offline file itself, its own source is used:
//   the document as parsed, captured when this module is first evaluated
//   (before the page changes anything; script, style and JSON blocks
//   serialize verbatim, so the CSP hashes still match). Elsewhere the file
//   is fetched from OFFLINE_FILE beside the page (dist/); a failed fetch
//   (the page served without dist, or from file:) gives null.
// bakeState(html, query) → html with data-ev-state="<query>" on its <html>
//   tag (the attribute replaced or added), entity-escaped.

export const OFFLINE_FILE = 'ev-going-global.html';

const doc0 = typeof document === 'undefined' ? null : document;
const SELF = doc0 && doc0.documentElement.hasAttribute('data-ev-offline')
  ? `<!doctype html>\n${doc0.documentElement.outerHTML}\n`
  : null;

const escapeAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function bakeState(html, query) {
  const value = `data-ev-state="${escapeAttr(query)}"`;
  return html.replace(/<html\b[^>]*>/i, (tag) => (/\sdata-ev-state="[^"]*"/.test(tag)
    ? tag.replace(/\sdata-ev-state="[^"]*"/, ` ${value}`)
    : tag.replace(/^<html\b/i, `<html ${value}`)));
}

export async function offlineHtml(query, { fetchImpl = globalThis.fetch, base = doc0 ? doc0.baseURI : '', file = OFFLINE_FILE, fill = (t) => t } = {}) {
  if (SELF) return bakeState(SELF, query);
  let text;
  try {
    const url = new URL(file, base);
    if (url.protocol === 'file:') return null;
    const res = await fetchImpl(url.href, { cache: 'no-cache' });
    if (!res.ok) return null;
    text = await res.text();
  } catch {
    return null;
  }
  return /\bdata-ev-offline\b/.test(text.slice(0, 2000)) ? bakeState(await fill(text), query) : null;
}
