// summary.js — what a loaded dataset holds, as the engine reports it: each
// table's rows, its columns with their inferred types and missing counts
// (engine.query of count aggregates, at most limits.max_aggregates a query),
// and a preview of its first rows; and that summary as DOM (text only
// through textContent).
//
// summarize(engine, dataset, {previewRows}) → [{name, rows, columns: [{name,
//   type, missing}], preview: {columns, rows: [[cell]]} | null, previewNote}]
//   missing = rows − the engine's count of the column's values. json columns
//   (nested values) are listed with their type and no count. The preview is
//   null (previewNote says why) when copying the table out would be large.
// renderSummary(container, summaries, {idPrefix}) draws one card per table:
//   a heading, a caption line, a columns table and a preview table.

import { countText as num } from '../../core/bytes.js';

const PREVIEW_CELLS = 4e6; // rows × columns copied out for the preview

export function summarize(engine, dataset, { previewRows = 5 } = {}) {
  return dataset.tableNames.map((name) => {
    const t = dataset.table(name);
    const countable = t.columns.filter((c) => c.type !== 'json');
    // the counts in queries of at most the engine's aggregates each
    const per = engine.limits.max_aggregates;
    const rows = t.rowCount;
    const missing = new Map();
    for (let from = 0; from < countable.length; from += per) {
      const part = countable.slice(from, from + per);
      const f = engine.query(t, { aggregates: part.map((c, i) => ({ op: 'count', column: c.name, as: `#${i}` })) });
      part.forEach((c, i) => missing.set(c.name, rows - f.col(`#${i}`)[0]));
    }
    const columns = t.columns.map((c) => ({ name: c.name, type: c.type, missing: missing.has(c.name) ? missing.get(c.name) : null }));
    let preview = null;
    let previewNote = '';
    if (t.rowCount * Math.max(1, t.columns.length) <= PREVIEW_CELLS) {
      const all = engine.read(t);
      const n = Math.min(previewRows, all.rowCount);
      const cols = t.columns.map((c) => all.col(c.name));
      preview = {
        columns: t.columns.map((c) => c.name),
        rows: Array.from({ length: n }, (_, r) => cols.map((v, j) => cell(v[r], t.columns[j].type))),
      };
    } else {
      previewNote = `No preview: the table has ${num(t.rowCount)} rows × ${t.columns.length} columns, too many to copy out for a preview.`;
    }
    return { name, rows, columns, preview, previewNote };
  });
}

function cell(v, type) {
  if (v === null || v === undefined || (type === 'number' && Number.isNaN(v))) return null;
  if (type === 'json') return JSON.stringify(v);
  return v;
}

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function table(caption, head, body, cls) {
  const t = el('table', null, { class: cls });
  t.append(el('caption', caption));
  const thead = el('thead');
  const tr = el('tr');
  for (const h of head) tr.append(el('th', h, { scope: 'col' }));
  thead.append(tr);
  const tb = el('tbody');
  for (const row of body) {
    const r = el('tr');
    for (const c of row) {
      const td = el('td', c === null ? '—' : String(c));
      if (c === null) td.setAttribute('class', 'missing');
      r.append(td);
    }
    tb.append(r);
  }
  t.append(thead, tb);
  return t;
}

export function renderSummary(container, summaries) {
  const cards = summaries.map((s) => {
    const box = el('section', null, { class: 'table-card', 'data-table': s.name });
    box.append(el('h3', s.name === '' ? '(unnamed)' : s.name));
    box.append(el('p', `${num(s.rows)} rows, ${s.columns.length} columns`, { class: 'table-meta' }));
    const wrap1 = el('div', null, { class: 'table-wrap' });
    wrap1.append(table(`Columns of ${s.name}`, ['column', 'type', 'missing'],
      s.columns.map((c) => [c.name, c.type === 'json' ? 'nested (json)' : c.type, c.missing === null ? 'n/a' : num(c.missing)]), 'columns'));
    box.append(wrap1);
    if (s.preview) {
      const wrap2 = el('div', null, { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `First rows of ${s.name}` });
      wrap2.append(table(`First ${s.preview.rows.length} rows of ${s.name}`, s.preview.columns, s.preview.rows, 'preview'));
      box.append(wrap2);
    } else {
      box.append(el('p', s.previewNote, { class: 'note' }));
    }
    return box;
  });
  container.replaceChildren(...cards);
}
