// detail.js — the list behind the selected mark: the rows of a described
// view's `detail` (core/chart/detail.js), or the story builders' projects
// (company, place, segment, year, US$ value or "no figure", status, and the
// other figures sources give, each with its source). Hidden when nothing is
// selected. Everything through textContent.

function span(cls, text) {
  const s = document.createElement('span');
  s.className = cls;
  s.textContent = text;
  return s;
}

// A described row: its first column as the item's head, the second beside
// it (the value), the others as "Label: text" lines; empty texts left out.
function describedItem(p, f) {
  const li = document.createElement('li');
  li.className = 'detail-item';
  const [first, second, ...rest] = p.cells;
  const head = document.createElement('div');
  head.className = 'detail-head';
  if (first) head.append(span('detail-company', first.text));
  if (second && second.text) head.append(span('detail-value', second.text));
  li.append(head);
  for (const c of rest) {
    if (!c.text) continue;
    const line = document.createElement('div');
    line.className = 'detail-field';
    line.dataset.column = c.column;
    line.append(span('detail-label', `${c.label}${f.colon}`), c.text);
    li.append(line);
  }
  return li;
}

function item(p, f) {
  if (Array.isArray(p.cells)) return describedItem(p, f);
  const li = document.createElement('li');
  li.className = 'detail-item';
  const head = document.createElement('div');
  head.className = 'detail-head';
  head.append(span('detail-company', p.company), span('detail-value', `${p.value}${p.local ? ` ${p.local}` : ''}`));
  const meta = document.createElement('div');
  meta.className = 'detail-meta';
  meta.textContent = [p.country, p.segment, p.year === null ? f.noYear : f.fields.announced(p.year)].join(' · ');
  const status = document.createElement('div');
  status.className = 'detail-status';
  status.append(span('detail-label', `${f.fields.status}${f.colon}`), p.status);
  const source = document.createElement('div');
  source.className = 'detail-source';
  source.append(span('detail-label', `${f.source}${f.colon}`), p.source);
  li.append(head, meta, status, source);
  if (p.alts.length) {
    const alt = document.createElement('div');
    alt.className = 'detail-alt';
    alt.append(span('detail-label', `${f.fields.alt}${f.colon}`));
    p.alts.forEach((a, i) => {
      if (i > 0) alt.append(f.sep);
      alt.append(`${a.text} (${a.source}${a.low ? `, ${f.lowSource}` : ''})`);
    });
    li.append(alt);
  }
  return li;
}

// `f` holds the words: { colon } for described rows; the builders' rows also
// use { fields, source, lowSource, noYear, sep }.
export function renderDetail(el, detail, f) {
  if (!detail) {
    el.hidden = true;
    el.replaceChildren();
    return;
  }
  const h = document.createElement('h3');
  h.className = 'detail-heading';
  h.id = 'chart-detail-heading';
  h.textContent = detail.heading;
  const list = document.createElement('ul');
  list.className = 'detail-list';
  list.append(...detail.items.map((p) => item(p, f)));
  el.replaceChildren(h, list);
  el.hidden = false;
}
