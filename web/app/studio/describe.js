// describe.js — the studio's chart description (data/CHART_FORMAT.md,
// `ev-chart/1`) as plain data, and the edits the studio's form makes to it.
// Pure: no DOM, no engine; tested in Node (tests/js/studio-describe.test.mjs).
//
// Every function returns a new object (descriptions are never mutated in
// place), so the last good description can be kept while an edit is checked.
//
// newDescription({table, locales}) → a description with one empty view.
// newView({id, table}) → a view: bar, no x or y yet.
// nextViewId(description) → 'view-N', unused in the description.
// textIn(text, locale, defaultLocale) → the string a Text shows in locale
//   (falling back to the default locale), '' when none.
// setText(text, locale, value, defaultLocale) → the Text with locale's entry
//   set to value ('' removes a non-default entry); a plain string Text
//   becomes an object first. A text written in another locale while the
//   default has no entry fills the default's too (the format requires it).
//   Returns undefined when no entry is left.
// updateView(description, index, patch) → a description whose views[index]
//   has patch's keys set (undefined deletes the key).
// withDerive(view, op, {xStep, denominator, base, keyType}) → the view with
//   its y derived by one engine derive step (op in DERIVE_OPS, '' for none):
//   derive [{op, column: <the column the aggregate reads, or 'count' for a
//   count of rows>, as: '<op>_<column>', …}] and y.column = that `as`
//   (core/chart/query.js resolves it back to the aggregated column). share
//   is within each x when there is a series, else of the whole; ratio
//   divides by the value of one series (key: the series column, by x) or,
//   without a series, of one x category (key: the x column), `denominator`
//   the text of that value, read as keyType ('number' | 'string' |
//   'boolean'); index is 100 × y / y at x = `base` (a number, text accepted)
//   within each series; the others run along x (order) within each series
//   (partition), comparing with x − xStep (default 1; not for cumsum).
//   Throws FilterError when y has no column to derive from, or ratio's
//   denominator or index's base is missing or not of its type.
// parseAnnotations(text, old, {xType, locale, defaultLocale}) → the view's
//   annotations from the form's text, one a line: `x | text` or
//   `x | y | text` (y a number; an empty y is none). x is read as xType;
//   line i's text sets the locale's entry of annotation i's Text (old[i]),
//   so other languages' texts stay. undefined when there is none. Throws
//   FilterError naming the line.
// annotationsText(annotations, locale, defaultLocale) → the text
//   parseAnnotations reads back.
// parseSeriesLines(text, old, {type, locale, defaultLocale}) → {order,
//   labels} of a series from the form's text, one value a line in legend
//   order, `value` or `value = label` (label in locale; its entries in other
//   languages stay). Values are read as type; label keys are the values as
//   text (numbers as JavaScript writes them, as the engine does); a label
//   first written in another language gets the value itself as its
//   default-language entry. Both undefined when the text is empty. Throws FilterError naming the line.
// seriesLinesText(series, locale, defaultLocale) → the text
//   parseSeriesLines reads back.
// addLocale(description, tag) → the description with the language tag
//   appended to locales (Texts then fall back to the default until written).
//   Throws FilterError for a malformed tag, a repeat (ignoring case) or a
//   ninth language.
// removeLocale(description, tag) → the description without tag in locales
//   and without tag's entry in every Text. Throws FilterError for the
//   default (first) language or an unknown tag.
// deriveOf(view) → the op of the view's derive step, or ''.
// parseFilter({column, kind, text, type}) → a filter object of the format, or
//   throws FilterError saying what is wrong with the text (kind 'eq' | 'in' |
//   'range'; type the column's type: 'number' | 'string' | 'boolean').
// filterText(filter) → the text parseFilter reads back into filter.
// (What a view draws, as an engine query, is core/chart/query.js's, shared
// with the reader's renderer.)

export const FORMAT = 'ev-chart/1';
export const MARKS = ['line', 'bar', 'hbar', 'point', 'map'];
export const AGGREGATES = ['count', 'sum', 'mean', 'min', 'max', 'median'];
export const DERIVE_OPS = ['share', 'ratio', 'index', 'change', 'pct_change', 'cumsum', 'rolling_mean'];
export const PROJECTIONS = ['equal-earth', 'natural-earth', 'mercator', 'equirectangular'];

export class FilterError extends Error {
  constructor(message) {
    super(message);
    this.name = 'FilterError';
  }
}

export function newView({ id = 'view-1', table = 'data' } = {}) {
  return { id, title: { en: 'Untitled view' }, table, mark: 'bar', x: { column: '' }, y: { aggregate: 'count' } };
}

export function newDescription({ table = 'data', locales = ['en', 'zh'] } = {}) {
  return {
    format: FORMAT,
    locales: [...locales],
    title: { [locales[0]]: 'Untitled chart' },
    views: [newView({ table })],
  };
}

export function nextViewId(description) {
  const used = new Set(description.views.map((v) => v.id));
  let n = description.views.length + 1;
  while (used.has(`view-${n}`)) n += 1;
  return `view-${n}`;
}

export function textIn(text, locale, defaultLocale) {
  if (typeof text === 'string') return text;
  if (!text || typeof text !== 'object') return '';
  if (Object.hasOwn(text, locale) && typeof text[locale] === 'string') return text[locale];
  return Object.hasOwn(text, defaultLocale) && typeof text[defaultLocale] === 'string' ? text[defaultLocale] : '';
}

export function setText(text, locale, value, defaultLocale) {
  const out = {};
  if (typeof text === 'string') out[defaultLocale] = text;
  else if (text && typeof text === 'object') for (const [k, v] of Object.entries(text)) out[k] = v;
  if (value === '' && locale !== defaultLocale) delete out[locale];
  else out[locale] = value;
  // the format requires the default locale's entry: a text first written in
  // another language is also the default's until someone translates it
  const first = !Object.hasOwn(out, defaultLocale) && value !== '' ? { [defaultLocale]: value } : {};
  Object.assign(first, out);
  const keys = Object.keys(first).filter((k) => first[k] !== '' || k === defaultLocale);
  if (keys.length === 0 || (keys.length === 1 && first[keys[0]] === '')) return undefined;
  return Object.fromEntries(keys.map((k) => [k, first[k]]));
}

export function updateView(description, index, patch) {
  const views = description.views.map((v, i) => {
    if (i !== index) return v;
    const next = { ...v };
    for (const [k, val] of Object.entries(patch)) {
      if (val === undefined) delete next[k];
      else next[k] = val;
    }
    return next;
  });
  return { ...description, views };
}

function parseValue(text, type, where) {
  const t = text.trim();
  if (type === 'number') {
    if (t === '' || !Number.isFinite(Number(t))) throw new FilterError(`${where}: '${t}' is not a number`);
    return Number(t);
  }
  if (type === 'boolean') {
    if (t !== 'true' && t !== 'false') throw new FilterError(`${where}: '${t}' is not true or false`);
    return t === 'true';
  }
  return t;
}

// Splits "a, b, c" on commas; a value may be quoted ("a, b") to keep a comma.
function splitList(text) {
  const out = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*))\s*(?:,|$)/gy;
  let m;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    if (m[1] !== undefined) out.push({ text: m[1].replace(/\\(.)/g, '$1'), quoted: true });
    else out.push({ text: m[2], quoted: false });
    if (m[0] === '') break;
  }
  return out;
}

export function parseFilter({ column, kind, text, type }) {
  if (typeof column !== 'string' || column === '') throw new FilterError('choose a column to filter on');
  const src = String(text ?? '');
  const where = `filter on '${column}'`;
  if (kind === 'eq') return { column, eq: parseValue(src, type, where) };
  if (kind === 'in') {
    const parts = splitList(src).filter((p) => p.quoted || p.text.trim() !== '');
    if (parts.length === 0) throw new FilterError(`${where}: list at least one value, separated by commas`);
    return { column, in: parts.map((p) => (p.quoted && type === 'string' ? p.text : parseValue(p.text, type, where))) };
  }
  if (kind === 'range') {
    if (type !== 'number') throw new FilterError(`${where}: a range needs a number column; '${column}' is ${type}`);
    const m = /^\s*([^\s.][^\s]*?|)\s*(?:\.\.|–|to)\s*([^\s]*?|)\s*$/.exec(src);
    if (!m) throw new FilterError(`${where}: write a range as 'from..to' (either end may be left empty)`);
    const lo = m[1] === '' ? null : parseValue(m[1], 'number', where);
    const hi = m[2] === '' ? null : parseValue(m[2], 'number', where);
    if (lo === null && hi === null) throw new FilterError(`${where}: give at least one end of the range`);
    if (lo !== null && hi !== null && lo > hi) throw new FilterError(`${where}: the range starts at ${lo}, after its end ${hi}`);
    return { column, range: [lo, hi] };
  }
  throw new FilterError(`${where}: unknown kind '${kind}' (eq, in, range)`);
}

const valueText = (v) => (typeof v === 'string' && (v.includes(',') || v.includes('"') || v.trim() !== v) ? JSON.stringify(v) : String(v));

export function filterText(filter) {
  if (Object.hasOwn(filter, 'eq')) return { kind: 'eq', text: String(filter.eq) };
  if (Object.hasOwn(filter, 'in')) return { kind: 'in', text: filter.in.map(valueText).join(', ') };
  const [lo, hi] = filter.range;
  return { kind: 'range', text: `${lo ?? ''}..${hi ?? ''}` };
}

// The table column y reads: y.column, or what its derive step starts from.
// A count without a column is derived from the aggregate's output, 'count'.
function baseColumn(view) {
  const y = view.y || {};
  const step = (view.derive || []).find((d) => d.as === y.column);
  if (step) return step.column;
  return y.column || (y.aggregate === 'count' ? COUNT : undefined);
}
const COUNT = 'count';

export function deriveOf(view) {
  const y = view.y || {};
  const step = (view.derive || []).find((d) => d.as === y.column);
  return step ? step.op : '';
}

export function withDerive(view, op, { xStep = 1, denominator = '', base: indexBase = '', keyType = 'string' } = {}) {
  const base = baseColumn(view);
  const next = { ...view, y: { ...view.y } };
  if (base && !(base === COUNT && next.y.aggregate === 'count')) next.y.column = base;
  else delete next.y.column;
  if (!op) {
    delete next.derive;
    return next;
  }
  if (!DERIVE_OPS.includes(op)) throw new FilterError(`unknown derived series '${op}' (${DERIVE_OPS.join(', ')})`);
  if (!base) throw new FilterError('a derived series needs a y column or the count: choose one first');
  const series = view.series && view.series.column;
  const xCol = view.mark === 'map' ? (view.map && view.map.key) : view.x.column;
  const step = { op, column: base, as: `${op}_${base}` };
  if (op === 'share') {
    if (series) step.by = [xCol];
  } else if (op === 'ratio') {
    step.key = series || xCol;
    if (series) step.by = [xCol];
    if (String(denominator).trim() === '') throw new FilterError(`a ratio needs the ${series ? `'${series}' value` : `'${xCol}' category`} to divide by`);
    step.denominator = parseValue(String(denominator), keyType, `the ratio's denominator ('${step.key}')`);
  } else if (op === 'index') {
    step.order = xCol;
    if (series) step.partition = [series];
    if (String(indexBase).trim() === '') throw new FilterError(`an index needs the x value of its base (= 100)`);
    step.base = parseValue(String(indexBase), 'number', `the index's base ('${xCol}')`);
  } else {
    step.order = xCol;
    if (series) step.partition = [series];
    if (op === 'rolling_mean') step.window = 3;
    if (op !== 'cumsum' && xStep !== 1) {
      if (!(Number.isFinite(xStep) && xStep > 0)) throw new FilterError(`the step of x must be a number above 0, not '${xStep}'`);
      step.step = xStep;
    }
  }
  next.derive = [step];
  next.y.column = step.as;
  return next;
}

// One line's parts around the first `sep` (null when it has none).
function cut(line, sep) {
  const i = line.indexOf(sep);
  return i < 0 ? null : [line.slice(0, i), line.slice(i + sep.length)];
}

export function parseAnnotations(text, old = [], { xType = 'string', locale, defaultLocale }) {
  const lines = String(text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const out = lines.map((line, i) => {
    const where = `annotation line ${i + 1}`;
    const parts = line.split('|');
    if (parts.length < 2) throw new FilterError(`${where}: write 'x | text' or 'x | y | text'`);
    const x = parseValue(parts[0], xType, where);
    let y = null;
    let rest = parts.slice(1);
    if (parts.length >= 3) {
      const t = parts[1].trim();
      if (t === '') rest = parts.slice(2);
      else if (Number.isFinite(Number(t))) {
        y = Number(t);
        rest = parts.slice(2);
      }
    }
    const words = rest.join('|').trim();
    if (words === '') throw new FilterError(`${where}: the text after '|' is empty`);
    const a = { x };
    if (y !== null) a.y = y;
    a.text = setText(old[i] && old[i].text, locale, words, defaultLocale);
    return a;
  });
  return out.length ? out : undefined;
}

const plain = (v) => String(v);

export function annotationsText(annotations, locale, defaultLocale) {
  return (annotations || []).map((a) => [plain(a.x), ...(typeof a.y === 'number' ? [plain(a.y)] : []), textIn(a.text, locale, defaultLocale)].join(' | ')).join('\n');
}

export function parseSeriesLines(text, old = {}, { type = 'string', locale, defaultLocale }) {
  const lines = String(text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return { order: undefined, labels: undefined };
  const oldLabels = old.labels || {};
  const order = [];
  const labels = {};
  const seen = new Set();
  lines.forEach((line, i) => {
    const where = `series line ${i + 1}`;
    const parts = cut(line, '=');
    const valueText = (parts ? parts[0] : line).trim();
    if (valueText === '') throw new FilterError(`${where}: write the value first, then '= label' if it has one`);
    const value = parseValue(valueText, type, where);
    const key = String(value);
    if (seen.has(key)) throw new FilterError(`${where}: '${key}' is listed twice`);
    seen.add(key);
    order.push(value);
    const text = parts ? parts[1].trim() : '';
    let base = Object.hasOwn(oldLabels, key) ? oldLabels[key] : undefined;
    // a label first written in another language shows the value itself in
    // the default one (which every Text needs), as an unlabelled value does
    const hasDefault = typeof base === 'string' || (base && typeof base === 'object' && Object.hasOwn(base, defaultLocale));
    if (text !== '' && locale !== defaultLocale && !hasDefault) base = { [defaultLocale]: key, ...(base || {}) };
    const label = setText(base, locale, text, defaultLocale);
    if (label !== undefined) labels[key] = label;
  });
  return { order, labels: Object.keys(labels).length ? labels : undefined };
}

export function seriesLinesText(series, locale, defaultLocale) {
  if (!series) return '';
  const labels = series.labels || {};
  const order = Array.isArray(series.order) ? series.order.map(String) : [];
  const keys = [...order, ...Object.keys(labels).filter((k) => !order.includes(k))];
  return keys.map((k) => {
    const label = Object.hasOwn(labels, k) ? textIn(labels[k], locale, defaultLocale) : '';
    return label ? `${k} = ${label}` : k;
  }).join('\n');
}

const TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

export function addLocale(description, tag) {
  const t = String(tag ?? '').trim();
  if (!TAG.test(t) || t.length > 16) throw new FilterError(`'${t}' is not a language tag (like en, zh, pt-BR or zh-Hant: letters, then parts of letters or digits after '-'; at most 16 characters)`);
  if (description.locales.some((l) => l.toLowerCase() === t.toLowerCase())) throw new FilterError(`'${t}' is already one of the languages`);
  if (description.locales.length >= 8) throw new FilterError('a chart has at most 8 languages');
  return { ...description, locales: [...description.locales, t] };
}

// Every Text of a description passed through fn (a new description).
function mapTexts(d, fn) {
  const opt = (t) => (t === undefined || t === null ? t : fn(t));
  const axis = (a) => (a && a.label != null ? { ...a, label: fn(a.label) } : a);
  const views = d.views.map((v) => {
    const n = { ...v, title: fn(v.title) };
    if (v.tab != null) n.tab = fn(v.tab);
    if (v.subtitle != null) n.subtitle = fn(v.subtitle);
    if (v.x) n.x = axis(v.x);
    if (v.y) {
      n.y = axis(v.y);
      if (v.y.unit != null) n.y = { ...n.y, unit: opt(v.y.unit) };
    }
    if (v.series && v.series.labels) n.series = { ...v.series, labels: Object.fromEntries(Object.entries(v.series.labels).map(([k, t]) => [k, fn(t)])) };
    if (Array.isArray(v.annotations)) n.annotations = v.annotations.map((a) => ({ ...a, text: fn(a.text) }));
    if (Array.isArray(v.notes)) n.notes = v.notes.map(fn);
    if (Array.isArray(v.sources)) n.sources = v.sources.map((s) => ({ ...s, name: fn(s.name) }));
    return n;
  });
  return { ...d, title: fn(d.title), views };
}

export function removeLocale(description, tag) {
  const [first] = description.locales;
  if (tag === first) throw new FilterError(`'${tag}' is the default language (the first): every text needs it; it cannot be removed`);
  if (!description.locales.includes(tag)) throw new FilterError(`'${tag}' is not one of the languages`);
  const drop = (t) => {
    if (!t || typeof t !== 'object') return t;
    const out = {};
    for (const [k, v] of Object.entries(t)) if (k !== tag) out[k] = v;
    return out;
  };
  return { ...mapTexts(description, drop), locales: description.locales.filter((l) => l !== tag) };
}
