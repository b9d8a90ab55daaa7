// table.js — the view's numbers as an HTML table (for screen readers and
// anyone who prefers text): exactly the marks drawn, gaps included, with the
// same text as the tooltips. A numeric cell keeps the engine's value in
// data-value (for tests and copy-paste tools), and a cell's `data` numbers
// (a projection's interval: data-lo, data-hi) likewise; a projected row has
// class "projected". Everything through textContent / dataset.

function cell(tag, c) {
  const el = document.createElement(tag);
  el.textContent = c.text;
  if (typeof c.value === 'number' && Number.isFinite(c.value)) el.dataset.value = String(c.value);
  for (const [k, v] of Object.entries(c.data ?? {})) if (typeof v === 'number' && Number.isFinite(v)) el.dataset[k] = String(v);
  if (tag === 'th') el.scope = 'row';
  return el;
}

export function renderTable(table, vm, caption) {
  const cap = document.createElement('caption');
  cap.className = 'visually-hidden';
  cap.textContent = caption;
  const head = document.createElement('thead');
  const hr = document.createElement('tr');
  for (const h of vm.table.head) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    hr.append(th);
  }
  head.append(hr);
  const body = document.createElement('tbody');
  for (const r of vm.table.rows) {
    const tr = document.createElement('tr');
    tr.dataset.mark = r.id;
    if (r.projected) tr.className = 'projected';
    for (const c of r.cells) tr.append(cell(c.header ? 'th' : 'td', c));
    body.append(tr);
  }
  table.replaceChildren(cap, head, body);
}
