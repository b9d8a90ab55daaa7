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
//   becomes an object first. Returns undefined when no entry is left.
// updateView(description, index, patch) → a description whose views[index]
//   has patch's keys set (undefined deletes the key).
// withDerive(view, op, {xStep}) → the view with its y derived by one engine derive
//   step (op in DERIVE_OPS, '' for none): derive [{op, column: <the column
//   the aggregate reads, or 'count' for a count of rows>, as:
//   '<op>_<column>', …}] and y.column = that `as`
//   (core/chart/query.js resolves it back to the aggregated column). share
//   is within each x when there is a series, else of the whole; the others
//   run along x (order) within each series (partition), comparing with x −
//   xStep (default 1; not for cumsum). Throws FilterError
//   when y has no column to derive from.
// deriveOf(view) → the op of the view's derive step, or ''.
// parseFilter({column, kind, text, type}) → a filter object of the format, or
//   throws FilterError saying what is wrong with the text (kind 'eq' | 'in' |
//   'range'; type the column's type: 'number' | 'string' | 'boolean').
// filterText(filter) → the text parseFilter reads back into filter.
// (What a view draws, as an engine query, is core/chart/query.js's, shared
// with the reader's renderer.)

export const FORMAT = 'ev-chart/1';
export const MARKS = ['line', 'bar', 'hbar', 'point'];
export const AGGREGATES = ['count', 'sum', 'mean', 'min', 'max', 'median'];
export const DERIVE_OPS = ['share', 'change', 'pct_change', 'cumsum', 'rolling_mean'];

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
  const keys = Object.keys(out).filter((k) => out[k] !== '' || k === defaultLocale);
  if (keys.length === 0 || (keys.length === 1 && out[keys[0]] === '')) return undefined;
  return Object.fromEntries(keys.map((k) => [k, out[k]]));
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

export function withDerive(view, op, { xStep = 1 } = {}) {
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
  const step = { op, column: base, as: `${op}_${base}` };
  if (op === 'share') {
    if (series) step.by = [view.x.column];
  } else {
    step.order = view.x.column;
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
