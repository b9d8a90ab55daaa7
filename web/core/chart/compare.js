// chart/compare.js — a panel's `compare` note (data/CHART_FORMAT.md,
// "compare"): the rows of one value S of the panel's series column are
// another count of a series T the panel draws; the note lists each x where
// both have a value and they differ ("The China Passenger Car Association
// counts differently: 2023: ≈1,050,000 vehicles (CAAM: 1,203,000
// vehicles; passenger cars only)."). Pure apart from the engine query it
// is handed.
//
// compareNote(ctx, part) → {text, sources, items} | null
//   ctx   {q(table, spec) → engine Frame, locale, defaultLocale,
//          prov? (core/provenance.js: entry(id); with it, each figure's
//          sources are read, and a figure whose sources are all rated low
//          confidence is left out)}
//   part  {spec, series, marks}: the panel as drawn (core/chart-view.js
//          panelPart): spec its one-chart spec (compare, table, x, y,
//          series, source); series the drawn series [{key, value}]; marks
//          the panel's marks (core/marks.js: key, category, x, xText,
//          value, approximate, bound, empty, withheld, …).
//   null when the panel has no compare, T is not drawn (another mode, or
//   hidden by the reader: the note follows what the chart shows), or no x
//   differs. Otherwise:
//   text     the lead, then one template per x that differs (in x order,
//            joined by '; ' / '；'), then '.' / '。'
//   items    [{x, value, against, notes}]: the strings filled in, per x
//   sources  the source entries (ctx.prov.entry) of the listed S rows, for
//            the view's credit (core/viewmodel.js extraSources; the credit
//            leaves out low-confidence ones itself)
// What it reads: S's rows are the panel's table where the series column is
// `compare.series`, after `compare.filters` (not the panel's own filters,
// which usually leave S out); T's values are the drawn marks of the series
// `compare.against` (after the panel's filters, the view's range and mode;
// gaps, withheld slots and projections are no value). So the note follows
// the reader's range: an x outside it has no T mark and is not listed.
// Values are shown with every digit, in the panel's y.format (core/
// numbers.js fullText: "≈1,050,000 vehicles", "约105万辆") or as a number
// with y.unit, each with its qualifier from y.approximate / y.bound (S: its
// row's; T: its mark's). {notes}: S's qualifiers — the text
// `compare.qualifiers.text` gives its row's value of `qualifiers.column`
// (the value itself where no text is given: nothing in the data is
// dropped), each after the separator ("; 仅乘用车" style), or nothing.
// A template without {notes} gets them in parentheses at the end.
// An S row whose sources are all rated low confidence is left out, as a
// drawn mark would be withheld (data rule: such a number stays out of the
// main views; the credit leaves its source out too).

import { fullText, periodText, prefix } from '../numbers.js';
import { fillTemplate, placeholders } from './findings.js';
import { isNum, keyText, rowSources } from './common.js';
import { textOf, valueLabel } from './text.js';

const isObj = (o) => o !== null && typeof o === 'object' && !Array.isArray(o);
const own = (o, k) => isObj(o) && Object.prototype.hasOwnProperty.call(o, k);
const zhLocale = (locale) => typeof locale === 'string' && (locale === 'zh' || locale.startsWith('zh-'));

// A figure as the note says it: every digit, the unit, the qualifier.
function figureText(locale, v, q, format, unit) {
  if (format) return fullText(locale, v, format, q);
  return valueLabel(`${prefix(locale, q)}${fullText(locale, v, null)}`, unit);
}

const str = (v) => (typeof v === 'string' && v !== '' ? v : null);

export function compareNote(ctx, part) {
  const spec = part && part.spec;
  const cmp = spec && spec.compare;
  if (!isObj(cmp) || !spec.series || !spec.x || !spec.y) return null;
  const xCol = str(spec.x.column);
  const yCol = str(spec.y.column);
  const sCol = str(spec.series.column);
  if (!xCol || !yCol || !sCol || typeof ctx.q !== 'function') return null;
  const tx = (T) => textOf(T, ctx.locale, ctx.defaultLocale);
  const zh = zhLocale(ctx.locale);
  const sep = zh ? '；' : '; ';
  const format = str(spec.y.format);
  const unit = format ? '' : tx(spec.y.unit);
  const scale = spec.y.percent === true ? 100 : 1;

  // T: the drawn marks of the `against` series, by x
  const t = (Array.isArray(part.series) ? part.series : []).find((s) => s && s.value !== null && keyText(s.value) === keyText(cmp.against));
  if (!t) return null;
  const against = new Map();
  for (const m of Array.isArray(part.marks) ? part.marks : []) {
    if (!m || m.key !== t.key || m.empty || m.withheld || m.projected || m.reference || !isNum(m.value)) continue;
    if (!against.has(m.category)) against.set(m.category, m);
  }
  if (against.size === 0) return null;

  // S: its rows, after the compare's own filters, in x order
  const filters = [{ column: sCol, eq: cmp.series }, ...(Array.isArray(cmp.filters) ? cmp.filters.map((f) => ({ ...f })) : [])];
  const rows = ctx.q(spec.table, { filters, sort: [{ column: xCol }] }).rows();
  const approx = str(spec.y.approximate);
  const bound = str(spec.y.bound);
  const source = isObj(spec.source) && str(spec.source.column) ? spec.source : null;
  const qual = isObj(cmp.qualifiers) && str(cmp.qualifiers.column) ? cmp.qualifiers : null;
  const template = tx(cmp.text);
  const hasNotes = placeholders(template).includes('notes');

  const items = [];
  const sources = [];
  for (const row of rows) {
    const raw = row[yCol];
    if (!isNum(raw)) continue;
    const v = raw * scale;
    const m = against.get(keyText(row[xCol]));
    if (!m || m.value === v) continue; // no drawn T value here, or the same count
    // its sources: all rated low → left out (as a drawn mark is withheld)
    let src = null;
    if (source && ctx.prov && typeof ctx.prov.entry === 'function') {
      src = rowSources(ctx, { src: { id: row[source.column], also: str(source.also) ? row[source.also] : null } });
      if (src.low) continue;
    }
    const b = bound ? row[bound] : null;
    const q = { approximate: approx ? row[approx] === true : false, bound: b === 'lower' || b === 'upper' ? b : null };
    const notes = [];
    if (qual && str(row[qual.column])) {
      const value = row[qual.column];
      const named = own(qual.text, value) ? tx(qual.text[value]) : '';
      notes.push(named || value);
    }
    if (src) sources.push(...src.sources, ...src.also);
    const item = {
      x: m.xText || periodText(ctx.locale, keyText(row[xCol])),
      value: figureText(ctx.locale, v, q, format, unit),
      against: figureText(ctx.locale, m.value, { approximate: Boolean(m.approximate), bound: m.bound === 'lower' || m.bound === 'upper' ? m.bound : null }, format, unit),
      notes: notes.length ? `${sep}${notes.join(sep)}` : '',
    };
    let text = fillTemplate(template, item);
    if (text === null) return null; // an unchecked template naming something else
    if (!hasNotes && notes.length) text += zh ? `（${notes.join(sep)}）` : ` (${notes.join(sep)})`;
    items.push({ ...item, text });
  }
  if (items.length === 0) return null;
  return {
    text: `${tx(cmp.lead)}${items.map((i) => i.text).join(sep)}${zh ? '。' : '.'}`,
    items,
    sources,
  };
}
