// chart/choices.js — the reader's "Group by" and "Sort by" controls and the
// row counts of a described bar/hbar view (data/CHART_FORMAT.md `x.choices`,
// `sort`, `y.counts`). Pure apart from ctx.q (engine queries).
//
// chosenX(view, state) → the x choice in force: {column, label, names} — the
//   choice whose column is state.group, else the first (x.column). null when
//   the view has no x.choices.
// withChoice(view, state) → the view with x replaced by the chosen column,
//   label and names kind (a shallow copy; the view itself when there are no
//   choices), so the rest of the renderer draws it as an ordinary view.
// sortOf(view, state) → 'value' | 'count' | 'name' (state.sort if it is one of
//   view.sort.options, else the first option), or null without `sort`.
// choiceControls(view, state, tx, c) → [group control?, sort control?] in the
//   shell's control shape ({kind: 'choice', id, label, value, options}); tx
//   reads description Text, c the renderer's words (chart/text.js).
// countsSpec(view, q) → the engine spec counting, per x category, its rows
//   (ev_rows) and its rows with a y value (ev_valued; rows again for a count
//   without a column): filters as the view's query, group by q.x.
// countsOf(rows, q) → Map keyText(x) → {n, valued} from that query's rows.
// countText(locale, n, valued) → "12 (9)" in the locale's digits.
// sortRows(rows, sort, {locale, counts}) → rows (each {label, mark:
//   {category, value, empty}}) in place, for 'value': y descending, then count
//   descending; 'count': count descending, then y descending; 'name': by
//   label with Intl.Collator in the reader's locale (numeric, so years go up);
//   rows without a value (or count) go last, ties keep their order.
// applyChoices(ctx, view, q, w, body, state) → for an hbar panel (body from
//   chart/bars.js): with y.counts, each row's count text ("12 (9)", a
//   column of the chart and of the table: row.count, mark.count,
//   mark.valued, a tooltip line) and panel.countHead; with `sort`, the rows
//   in the chosen order (body.marks follows). Returns the counts Map (or
//   null). Does nothing for other panels.

import { numberLocale } from '../i18n.js';
import { fullText } from '../numbers.js';
import { keyText } from './common.js';

export const SORTS = Object.freeze(['value', 'count', 'name']);

const choicesOf = (view) => (view && view.x && Array.isArray(view.x.choices) ? view.x.choices : []);

export function chosenX(view, state) {
  const list = choicesOf(view);
  if (list.length === 0) return null;
  const want = state && typeof state.group === 'string' ? state.group : null;
  return list.find((ch) => ch.column === want) ?? list[0];
}

export function withChoice(view, state) {
  const ch = chosenX(view, state);
  if (!ch) return view;
  return { ...view, x: { ...view.x, column: ch.column, label: ch.label ?? null, names: ch.names ?? null } };
}

export function sortOf(view, state) {
  const opts = view && view.sort && Array.isArray(view.sort.options) ? view.sort.options.filter((o) => SORTS.includes(o)) : [];
  if (opts.length === 0) return null;
  const want = state && typeof state.sort === 'string' ? state.sort : null;
  return opts.includes(want) ? want : opts[0];
}

export function choiceControls(view, state, tx, c) {
  const controls = [];
  const list = choicesOf(view);
  const ch = chosenX(view, state);
  if (ch) {
    controls.push({
      kind: 'choice', id: 'group', label: c.groupBy, value: ch.column,
      options: list.map((o) => ({ value: o.column, label: tx(o.label) || o.column })),
    });
  }
  const sort = sortOf(view, state);
  if (sort) {
    controls.push({
      kind: 'choice', id: 'sort', label: tx(view.sort.label) || c.sortBy, value: sort,
      options: view.sort.options.filter((o) => SORTS.includes(o)).map((o) => ({ value: o, label: c.sorts[o] })),
    });
  }
  return controls;
}

export function countsSpec(view, q) {
  const aggregates = [{ op: 'count', as: 'ev_rows' }];
  if (q.base) aggregates.push({ op: 'count', column: q.base, as: 'ev_valued' });
  return { filters: q.spec.filters, groupBy: [q.x], aggregates };
}

export function countsOf(rows, q) {
  const out = new Map();
  for (const r of rows) {
    const n = r.ev_rows ?? 0;
    out.set(keyText(r[q.x]), { n, valued: q.base ? r.ev_valued ?? 0 : n });
  }
  return out;
}

export function countText(locale, n, valued) {
  return `${fullText(locale, n, null)} (${fullText(locale, valued, null)})`;
}

export function sortRows(rows, sort, { locale, counts } = {}) {
  const countOf = (r) => (counts && counts.get(keyText(r.mark.category))?.n) ?? null;
  const valueOf = (r) => (r.mark && !r.mark.empty ? r.mark.value : null);
  const desc = (a, b) => {
    if (a === null && b === null) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    return b - a;
  };
  const order = rows.map((r, i) => ({ r, i }));
  if (sort === 'name') {
    const coll = new Intl.Collator(numberLocale(locale), { numeric: true });
    order.sort((a, b) => coll.compare(a.r.label, b.r.label) || a.i - b.i);
  } else if (sort === 'count') {
    order.sort((a, b) => desc(countOf(a.r), countOf(b.r)) || desc(valueOf(a.r), valueOf(b.r)) || a.i - b.i);
  } else {
    order.sort((a, b) => desc(valueOf(a.r), valueOf(b.r)) || desc(countOf(a.r), countOf(b.r)) || a.i - b.i);
  }
  order.forEach((o, i) => { rows[i] = o.r; });
  return rows;
}

export function applyChoices(ctx, view, q, w, body, state) {
  const panel = body.panel;
  if (!panel || panel.kind !== 'hbars') return null;
  const y = view.y ?? {};
  let counts = null;
  if (y.counts === true && q.aggregated) {
    counts = countsOf(ctx.q(view.table, countsSpec(view, q)).rows(), q);
    panel.countHead = w.c.countHead;
    for (const r of panel.rows) {
      const n = counts.get(keyText(r.mark.category)) ?? { n: 0, valued: 0 };
      r.count = countText(ctx.locale, n.n, n.valued);
      r.mark.count = n.n;
      r.mark.valued = n.valued;
      r.mark.extra = [...r.mark.extra, w.c.countLine(fullText(ctx.locale, n.n, null), fullText(ctx.locale, n.valued, null))];
    }
  }
  const sort = sortOf(view, state);
  if (sort) {
    sortRows(panel.rows, sort, { locale: ctx.locale, counts });
    body.marks.splice(0, body.marks.length, ...panel.rows.map((r) => r.mark));
  }
  return counts;
}
