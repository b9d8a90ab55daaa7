// load-hints.js — what the studio says when a dataset cannot be loaded. Pure
// (tested in Node: tests/js/studio-load-hints.test.mjs).
//
// sniffText(head) → 'json' | 'csv' | 'html' | 'empty' | 'other': what the
//   first bytes of an input (a string, at most a few KB) look like.
// explainLoadError(error, {name, head}) → the message shown in the page:
//   the engine's message (which says what and where) with a hint for the
//   common causes: a CSV or an HTML page given as JSON, a column of mixed
//   types, records nested past the engine's depth limit, nested values that
//   cannot be charted. name: how the input is called ('cars.csv', 'the
//   pasted text'); head: the input's first characters, when known.
// urlProblem(url, pageUrl) → null when `url` can be fetched from the page, or
//   a message saying why not (not http(s), a bad address, http: on another
//   site: the page's CSP allows other sites only over https:).
// isCrossOrigin(url, pageUrl) → true when url's origin differs from the page's.
// datasetUrlFor(url, pageUrl) → the address to write in a description's
//   dataset.url: relative to the page when it is on the page's site and under
//   its folder (so the links work wherever the site is hosted), else the
//   absolute address.
// fetchFailureMessage({url, pageUrl, status, statusText, networkError}) → the
//   message for a failed fetch: the HTTP status, or for a network error the
//   likely causes (server unreachable, or a cross-origin server that does not
//   send CORS headers).

export function sniffText(head) {
  const t = String(head ?? '').replace(/^\uFEFF/, '').trimStart();
  if (t === '') return 'empty';
  if (t[0] === '[' || t[0] === '{') return 'json';
  if (/^<(!doctype|html|head|body|\?xml)/i.test(t)) return 'html';
  const lines = t.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 3);
  if (lines.length >= 1 && /[,;\t]/.test(lines[0]) && !/^["\d-]?[\d.eE+-]*$/.test(lines[0])) {
    const sep = [',', ';', '\t'].find((s) => lines[0].includes(s));
    const n = lines[0].split(sep).length;
    if (n >= 2 && lines.slice(1).every((l) => Math.abs(l.split(sep).length - n) <= 1)) return 'csv';
  }
  return 'other';
}

export function explainLoadError(error, { name = 'the data', head = '' } = {}) {
  const code = error && error.code ? error.code : 'LOAD';
  const msg = error && error.message ? error.message : String(error);
  const kind = sniffText(head);
  const hints = [];
  if (code === 'PARSE' && kind === 'csv') {
    hints.push('This looks like CSV (comma-separated text), not JSON. The studio reads JSON: an array of records such as [{"year": 2020, "value": 1.5}, …]. Convert the CSV to JSON first (most spreadsheet tools can export JSON).');
  } else if (code === 'PARSE' && kind === 'html') {
    hints.push('This looks like a web page (HTML), not JSON: the address may point to a page about the data rather than to the data file.');
  } else if (code === 'TYPE') {
    hints.push('A column holds values of more than one type (for example numbers and text). Every value of a column must have one type; use null for a missing value.');
  } else if (code === 'LIMIT' && /nesting/i.test(msg)) {
    hints.push('The records are nested too deeply to be a table. The studio charts flat records: each record an object whose values are numbers, strings, booleans or null.');
  } else if (code === 'SHAPE') {
    hints.push('The studio needs an array of records ([{…}, {…}]) or an object whose members are such arrays.');
  }
  return [`Could not load ${name}: ${msg}`, ...hints].join(' ');
}

export function urlProblem(url, pageUrl) {
  let u;
  try {
    u = new URL(url, pageUrl);
  } catch {
    return `'${url}' is not a web address`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && !(u.protocol === 'file:' && new URL(pageUrl).protocol === 'file:')) {
    return `'${url}' is a ${u.protocol} address; the studio fetches only http: and https: addresses`;
  }
  if (u.protocol === 'http:' && isCrossOrigin(u.href, pageUrl)) {
    return `'${url}' is a plain http: address on another site; the studio fetches other sites only over https: (and only when they send CORS headers)`;
  }
  return null;
}

export function isCrossOrigin(url, pageUrl) {
  try {
    return new URL(url, pageUrl).origin !== new URL(pageUrl).origin;
  } catch {
    return false;
  }
}

export function fetchFailureMessage({ url, pageUrl, status = 0, statusText = '', networkError = false }) {
  if (!networkError) return `Could not load ${url}: the server answered ${status}${statusText ? ` ${statusText}` : ''}.`;
  const cross = isCrossOrigin(url, pageUrl);
  const why = cross
    ? 'the server is unreachable, or it is on another site and does not send CORS headers (Access-Control-Allow-Origin) allowing this page to read it. A cross-origin address works only when its server allows it; otherwise download the file and choose it here.'
    : 'the server is unreachable (check the address and your connection).';
  return `Could not load ${url}: no answer could be read — ${why}`;
}

export function datasetUrlFor(url, pageUrl) {
  const u = new URL(url, pageUrl);
  const page = new URL(pageUrl);
  const dir = page.pathname.slice(0, page.pathname.lastIndexOf('/') + 1);
  if (u.origin === page.origin && u.pathname.startsWith(dir)) return u.pathname.slice(dir.length) + u.search;
  return u.href;
}
