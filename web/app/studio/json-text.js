// json-text.js — the studio's description as JSON text (pure; no DOM): the
// text the "Edit as JSON" editor and "Open description…" read, where a
// syntax error is, what a JSON edit must hold before the engine checks it,
// and the name a downloaded description is saved under.
//
// lineColumn(text, offset) → {line, column}: 1-based; offset in UTF-16 code
//   units (a JS string index, as JSON.parse's "position N"), clamped to the
//   text; the column counts characters (code points) since the line's start,
//   so a Chinese character or an emoji is one column.
// locateSyntaxError(message, text) → {message, offset, line, column, near}:
//   where a JSON.parse SyntaxError is, from its message, which browsers word
//   differently: "… in JSON at position N" or "… after JSON at position N"
//   (V8) → that offset's line and
//   column, computed here; "… at line L column C of the JSON data" (Firefox)
//   → L and C as given; "Unexpected end of JSON input" / "Unexpected EOF"
//   → the end of the text; else `near` quotes what the message quotes
//   (V8's `Unexpected token '}', "…text…" is not valid JSON`, Safari's
//   `Unexpected identifier "tru"`), offset, line and column null. `message`
//   is the browser's words without the position part. Fields it cannot
//   tell are null.
// syntaxErrorText(loc) → "JSON syntax error at line 3, column 14: Expected
//   ',' or '}' after property value." (or "… near '}' in "e": },": …", or
//   the message alone), ending with a full stop.
// parseDescriptionText(text) → {ok: true, value} | {ok: false, message,
//   line, column, offset}: JSON.parse, its error located; a value that is
//   not a JSON object ({…}) is refused, saying what it is.
// jsonEditProblem(next, current, drawable) → a message or null: what a JSON
//   edit lacks before the engine can check it and the form can show it:
//   `views`, 1–16 objects, and `locales`, 1 or more strings; a view that
//   drawable(view) says is not complete (the form's views being set up,
//   without x or y) is accepted only unchanged from `current` (the
//   description the form holds), since the engine checks complete views
//   only. Messages start with the JSON path ("views[2]: …").
// descriptionFileName(description, locale) → "<title>.chart.json": the
//   title in `locale` (else the first locale's, else "chart"), letters and
//   digits of any script kept, the rest as single hyphens, at most 60
//   characters, lower case.

export function lineColumn(text, offset) {
  const s = String(text);
  const at = Math.max(0, Math.min(Number.isFinite(offset) ? Math.trunc(offset) : 0, s.length));
  const before = s.slice(0, at);
  const lines = before.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1];
  return { line: lines.length, column: Array.from(last).length + 1 };
}

export function locateSyntaxError(message, text) {
  const raw = String(message ?? '');
  const s = String(text ?? '');
  let m = raw.match(/^(.*?)\s+(?:in JSON\s+)?at position (\d+)(?:\s*\(line \d+ column \d+\))?\s*$/s);
  if (m) {
    const offset = Number(m[2]);
    return { message: m[1], offset, ...lineColumn(s, offset), near: null };
  }
  m = raw.match(/^(?:JSON\.parse:\s*)?(.*?)\s+at line (\d+) column (\d+) of the JSON data\s*$/s);
  if (m) return { message: m[1], offset: null, line: Number(m[2]), column: Number(m[3]), near: null };
  const words = raw.replace(/^JSON\.parse:\s*|^JSON Parse error:\s*/, '');
  if (/end of (?:the )?(?:JSON )?(?:input|data)|unexpected EOF/i.test(words)) {
    const offset = s.replace(/\s+$/, '').length;
    return { message: words, offset, ...lineColumn(s, offset), near: null };
  }
  // V8: Unexpected token '}', "…" is not valid JSON (the text quoted, maybe cut with …)
  m = words.match(/^(.*?),\s*(?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)?\s+is not valid JSON\s*$/);
  if (m) {
    const snippet = m[2].replace(/\s+/g, ' ').trim();
    const token = m[1].match(/'([^']*)'/);
    return { message: m[1], offset: null, line: null, column: null, near: token ? `'${token[1]}' in "${snippet}"` : `"${snippet}"` };
  }
  m = words.match(/"([^"]{1,60})"|'([^']{1,60})'/);
  return { message: words, offset: null, line: null, column: null, near: m ? `"${m[1] ?? m[2]}"` : null };
}

export function syntaxErrorText(loc) {
  const words = String(loc.message).trim();
  const said = /[.!?]$/.test(words) ? words : `${words}.`;
  if (loc.line !== null && loc.column !== null) return `JSON syntax error at line ${loc.line}, column ${loc.column}: ${said}`;
  if (loc.near) return `JSON syntax error near ${loc.near}: ${said}`;
  return `JSON syntax error: ${said}`;
}

function kindOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : typeof v;
}

export function parseDescriptionText(text) {
  let value;
  try {
    value = JSON.parse(String(text));
  } catch (e) {
    const loc = locateSyntaxError(e && e.message, text);
    return { ok: false, message: syntaxErrorText(loc), line: loc.line, column: loc.column, offset: loc.offset };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: `A chart description is a JSON object ({"format": "ev-chart/1", …}); this text is ${kindOf(value)}.`, line: null, column: null, offset: null };
  }
  return { ok: true, value };
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

export function jsonEditProblem(next, current, drawable) {
  if (!isObject(next)) return `the description must be a JSON object, got ${kindOf(next)}`;
  if (!Array.isArray(next.locales) || next.locales.length === 0 || !next.locales.every((l) => typeof l === 'string')) {
    return 'locales: a list of one or more language tags (["en"]) is required';
  }
  if (!Array.isArray(next.views) || next.views.length === 0) return 'views: a list of one or more views is required';
  if (next.views.length > 16) return `views: at most 16 views, got ${next.views.length}`;
  const known = new Set(current && Array.isArray(current.views) ? current.views.map((v) => JSON.stringify(v)) : []);
  for (let i = 0; i < next.views.length; i++) {
    const v = next.views[i];
    if (!isObject(v)) return `views[${i}]: a view is a JSON object, got ${kindOf(v)}`;
    if (!drawable(v) && !known.has(JSON.stringify(v))) {
      return `views[${i}]: not complete: a view needs a table, an x column (a map: map.key) and a y column or the count aggregate (with panels: each panel does)`;
    }
  }
  return null;
}

export function descriptionFileName(description, locale) {
  const t = description ? description.title : null;
  let title = '';
  if (typeof t === 'string') title = t;
  else if (isObject(t)) {
    const first = Array.isArray(description.locales) ? description.locales[0] : undefined;
    title = [t[locale], t[first], ...Object.values(t)].find((x) => typeof x === 'string' && x.trim()) || '';
  }
  const slug = Array.from(title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '')).slice(0, 60).join('').replace(/-+$/, '');
  return `${slug || 'chart'}.chart.json`;
}
