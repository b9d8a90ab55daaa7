// chart/detail.js — the list behind a selected mark (data/CHART_FORMAT.md
// `detail`): the rows of detail.table whose key column equals the selected
// category, each with the described columns, in the reader's words.
//
// detailKey(view, q) → the column the selected category is matched on: the
//   chosen x column when the view has x.choices (q.x), else detail.key.
// detailSpec(view, q, value, extraFilters) → the engine spec: detail.filters,
//   then extraFilters (e.g. rows whose sources are all low confidence left
//   out, as the marks leave them out), then key = value; sorted by
//   detail.sort. null when value is missing (a filter never matches null).
// detailItems(rows, view, opts) → [{cells: [{column, label, text}]}]: each row's
//   described columns in order, empty texts left out of the rendering (the
//   cell stays, text ''). opts {locale, defaultLocale, tx(Text), c (renderer
//   words), nameOf(kind, value) → reader's name, sourceOf?(id) → {publisher,
//   low} (a provenance entry; a cell of `source`'s column shows publishers)}.
// Column texts: a column given by locale ({"en": "status", "zh": "status_zh"})
//   reads the reader's locale's column, the default locale's when that is
//   null; `names` → the reader's name of the value; `format` (a unit code) →
//   the value in that unit (≈ / over / up to from the view's y.approximate
//   and y.bound columns when they are in the row); a missing number → the
//   renderer's "no figure"; other numbers: whole numbers as written (years),
//   the rest in the locale's digits; booleans yes / no; a json list of
//   strings → joined (source ids → publishers); a json list of objects
//   ("figures": alt_values) → each object's figures (see figureText).
// figureText(obj, opts) → one figure object as text, or '' if it has none:
//   every member whose key is a unit code (usd_bn, eur_bn, cny_bn, gwh,
//   vehicles, percent) formatted in that unit, a member "<xyz>_bn" (another
//   currency's billions) as "XYZ 3bn" / "XYZ 30亿"; `approximate: true` and
//   `bound` qualify them; `source` (an id) adds "(publisher)" and, for a low
//   confidence source, the renderer's low-confidence words; in Chinese in
//   full-width brackets with no space before them ("10亿欧元（路透社）"), as the
//   renderer's other zh texts (c.comma, c.listSep, c.colon, detailHead).
//   Other members (notes) are not shown.
// parenthesised(locale, text) → " (text)" in English and other locales,
//   "（text）" in Chinese (zh and its region/script tags).
// detailHeading(c, name, n) → "Hungary (4)".
// detailPreview(ctx, view, q, w, marks, opts) → adds to each mark's tooltip
//   lines (mark.extra) its first PREVIEW rows as "<first column>: <second
//   column>" (the list the mark opens, in its order) and "and N more"; one
//   query for all marks. opts as detailModel's.
// detailModel(ctx, view, q, w, body, state, opts) → the view model's detail
//   ({heading, items, key}) for state.selected (a category as text, the
//   marks' `category`) when it is a drawn, non-empty category, else null;
//   also sets body.panel.selected. The selected text is matched back to the
//   x value of the view's rows (so a number x is queried as a number).
//   opts {extraFilters, nameOf, sourceOf}.

import { formatValue } from '../i18n.js';
import { fullText } from '../numbers.js';
import { isNum, keyText } from './common.js';

export const PREVIEW = 5;

export const UNIT_CODES = Object.freeze(['usd_bn', 'eur_bn', 'cny_bn', 'vehicles', 'percent', 'gwh', 'projects']);

export function detailKey(view, q) {
  if (view.x && Array.isArray(view.x.choices) && view.x.choices.length) return q.x;
  return view.detail ? view.detail.key : q.x;
}

export function detailSpec(view, q, value, extraFilters = []) {
  if (!view.detail || value === null || value === undefined) return null;
  const d = view.detail;
  const filters = [...(Array.isArray(d.filters) ? d.filters : []), ...extraFilters, { column: detailKey(view, q), eq: value }];
  const sort = (Array.isArray(d.sort) ? d.sort : []).map((s) => ({ column: s.column, desc: s.desc === true }));
  return sort.length ? { filters, sort } : { filters };
}

// the row's value of a detail column (a name or {locale: name})
function cellValue(row, column, locale, defaultLocale) {
  if (typeof column === 'string') return row[column] ?? null;
  if (column === null || typeof column !== 'object') return null;
  const own = (k) => Object.prototype.hasOwnProperty.call(column, k) && typeof column[k] === 'string';
  const mine = own(locale) ? row[column[locale]] ?? null : null;
  if (mine !== null) return mine;
  return own(defaultLocale) ? row[column[defaultLocale]] ?? null : null;
}

const columnName = (column, defaultLocale) => (typeof column === 'string' ? column : column && column[defaultLocale]);

export function parenthesised(locale, text) {
  return /^zh(-|$)/i.test(String(locale ?? '')) ? `（${text}）` : ` (${text})`;
}

export function figureText(obj, { locale, c, sourceOf } = {}) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return '';
  const q = { approximate: obj.approximate === true, bound: obj.bound === 'lower' || obj.bound === 'upper' ? obj.bound : null };
  const parts = [];
  for (const [k, v] of Object.entries(obj)) {
    if (!isNum(v)) continue;
    if (UNIT_CODES.includes(k)) parts.push(fullText(locale, v, k, q));
    else if (/^[a-z]{3}_bn$/.test(k)) {
      const ccy = k.slice(0, 3).toUpperCase();
      const n = formatValue(locale, locale === 'zh' ? v * 10 : v, null, q);
      parts.push(locale === 'zh' ? `${ccy} ${n}亿` : `${ccy} ${n}bn`);
    }
  }
  if (parts.length === 0) return '';
  const text = parts.join(' / ');
  if (typeof obj.source === 'string' && typeof sourceOf === 'function') {
    const s = sourceOf(obj.source);
    if (s) return `${text}${parenthesised(locale, `${s.publisher}${s.low && c ? `${c.comma}${c.lowSource}` : ''}`)}`;
  }
  return text;
}

function textOfValue(v, col, row, view, opts) {
  const { locale, c, nameOf, sourceOf } = opts;
  if (v === null || v === undefined) return col.format ? c.noFigure : '';
  if (typeof col.names === 'string' && (typeof v === 'string' || typeof v === 'number')) return nameOf(col.names, v);
  if (typeof v === 'number') {
    if (typeof col.format === 'string') {
      const y = view.y ?? {};
      const q = {
        approximate: typeof y.approximate === 'string' && row[y.approximate] === true,
        bound: typeof y.bound === 'string' && (row[y.bound] === 'lower' || row[y.bound] === 'upper') ? row[y.bound] : null,
      };
      return fullText(locale, v, col.format, q);
    }
    return Number.isInteger(v) ? String(v) : fullText(locale, v, null);
  }
  if (typeof v === 'boolean') return v ? c.yes : c.no;
  if (typeof v === 'string') {
    const src = view.source && typeof sourceOf === 'function' && columnName(col.column, opts.defaultLocale) === view.source.column;
    if (src) {
      const s = sourceOf(v);
      return s ? `${s.publisher}${s.low ? `${c.comma}${c.lowSource}` : ''}` : v;
    }
    return v;
  }
  if (Array.isArray(v)) {
    const texts = v.map((x) => {
      if (typeof x === 'string') {
        const s = typeof sourceOf === 'function' ? sourceOf(x) : null;
        return s ? s.publisher : x;
      }
      if (isNum(x)) return fullText(locale, x, typeof col.format === 'string' ? col.format : null);
      return figureText(x, opts);
    }).filter(Boolean);
    return texts.join(c.listSep);
  }
  return '';
}

export function detailItems(rows, view, opts) {
  const cols = view.detail && Array.isArray(view.detail.columns) ? view.detail.columns : [];
  return rows.map((row) => ({
    cells: cols.map((col) => ({
      column: columnName(col.column, opts.defaultLocale) ?? '',
      label: opts.tx(col.label),
      text: textOfValue(cellValue(row, col.column, opts.locale, opts.defaultLocale), col, row, view, opts),
    })),
  }));
}

export function detailHeading(c, name, n) {
  return c.detailHead(name, n);
}

export function detailModel(ctx, view, q, w, body, state, opts = {}) {
  if (!view.detail || !state || typeof state.selected !== 'string') return null;
  const mark = body.marks.find((m) => m.category === state.selected && !m.projected);
  if (!mark) return null;
  const xs = ctx.q(view.table, { filters: q.spec.filters, groupBy: [q.x], aggregates: [{ op: 'count', as: 'ev_n' }] }).rows();
  const raw = xs.map((r) => r[q.x]).find((v) => v !== null && keyText(v) === state.selected);
  // the key column's type in the detail table: a number x matched to a
  // string key (or the reverse) is compared as text
  const keyCol = detailKey(view, q);
  const types = ctx.q(view.detail.table, { filters: [], groupBy: [keyCol], aggregates: [{ op: 'count', as: 'ev_n' }] }).columns;
  const type = (types.find((c) => c.name === keyCol) ?? {}).type;
  let value = raw;
  if (raw !== undefined && type === 'string' && typeof raw !== 'string') value = keyText(raw);
  if (raw !== undefined && type === 'number' && typeof raw !== 'number') value = Number.isFinite(Number(raw)) ? Number(raw) : undefined;
  const spec = detailSpec(view, q, value, opts.extraFilters ?? []);
  if (!spec) return null;
  if (body.panel) {
    const row = Array.isArray(body.panel.rows) ? body.panel.rows.find((r) => r.mark === mark) : null;
    body.panel.selected = row ? row.key : state.selected;
  }
  const rows = ctx.q(view.detail.table, spec).rows();
  const items = detailItems(rows, view, {
    locale: ctx.locale, defaultLocale: ctx.defaultLocale, tx: w.tx, c: w.c,
    nameOf: opts.nameOf ?? ((kind, v) => keyText(v)), sourceOf: opts.sourceOf,
  });
  return { heading: detailHeading(w.c, mark.categoryText || state.selected, rows.length), items, key: state.selected };
}

export function detailPreview(ctx, view, q, w, marks, opts = {}) {
  if (!view.detail || marks.length === 0) return;
  const d = view.detail;
  const keyCol = detailKey(view, q);
  const filters = [...(Array.isArray(d.filters) ? d.filters : []), ...(opts.extraFilters ?? [])];
  const sort = (Array.isArray(d.sort) ? d.sort : []).map((x) => ({ column: x.column, desc: x.desc === true }));
  const rows = ctx.q(d.table, sort.length ? { filters, sort } : { filters }).rows();
  const items = detailItems(rows, view, {
    locale: ctx.locale, defaultLocale: ctx.defaultLocale, tx: w.tx, c: w.c,
    nameOf: opts.nameOf ?? ((kind, v) => keyText(v)), sourceOf: opts.sourceOf,
  });
  const byKey = new Map();
  rows.forEach((r, i) => {
    const k = keyText(r[keyCol]);
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k).push(items[i]);
  });
  for (const m of marks) {
    if (m.projected || m.reference) continue;
    const list = byKey.get(m.category) ?? [];
    const lines = list.slice(0, PREVIEW).map((it) => {
      const [a, b] = it.cells;
      return b && b.text ? `${a ? a.text : ''}${w.c.colon}${b.text}` : a ? a.text : '';
    }).filter(Boolean);
    if (list.length > PREVIEW) lines.push(w.c.more(list.length - PREVIEW));
    m.extra = [...(m.extra ?? []), ...lines];
  }
}
