// detail.js — the list behind the selected mark: the rows of a described
// view's `detail` (core/chart/detail.js). Hidden when nothing is selected.
// Everything through textContent.

function span(cls, text) {
  const s = document.createElement('span');
  s.className = cls;
  s.textContent = text;
  return s;
}

// A row: its first column as the item's head, the second beside it (the
// value), the others as "Label: text" lines; empty texts left out.
function item(p, f) {
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

// `f` holds the words: { colon }, and headingId? (the heading's id; default
// 'chart-detail-heading', the story page's).
export function renderDetail(el, detail, f) {
  if (!detail) {
    el.hidden = true;
    el.replaceChildren();
    return;
  }
  const h = document.createElement('h3');
  h.className = 'detail-heading';
  h.id = f.headingId ?? 'chart-detail-heading';
  h.textContent = detail.heading;
  const list = document.createElement('ul');
  list.className = 'detail-list';
  list.append(...detail.items.map((p) => item(p, f)));
  el.replaceChildren(h, list);
  el.hidden = false;
}
