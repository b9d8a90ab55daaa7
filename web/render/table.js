// table.js — the chart's values as an HTML table (for screen readers and
// anyone who prefers text): one row per slot, gaps included, same text as
// the tooltip. Everything through textContent.

import { marketShort, periodText } from '../core/strings.js';

const HEAD = ['Period', 'Market', 'US$bn', 'Note', 'Source'];

function cell(tag, text) {
  const c = document.createElement(tag);
  c.textContent = text;
  return c;
}

export function renderTable(table, model) {
  const head = document.createElement('thead');
  const hr = document.createElement('tr');
  for (const h of HEAD) hr.append(cell('th', h));
  head.append(hr);
  const body = document.createElement('tbody');
  for (const s of model.marks) {
    const tr = document.createElement('tr');
    tr.append(
      cell('th', periodText(s.period)),
      cell('td', marketShort(s.key)),
      cell('td', s.empty ? '–' : s.text),
      cell('td', s.qualifier),
      cell('td', s.source ? s.source.publisher : ''),
    );
    tr.firstChild.scope = 'row';
    body.append(tr);
  }
  table.replaceChildren(head, body);
}
