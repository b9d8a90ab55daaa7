// csv.js — the current view's numbers as CSV for spreadsheets. Pure.
//
// csvText(rows) → string: RFC 4180 text with CRLF line ends, preceded by a
//   UTF-8 byte-order mark (U+FEFF, so Excel reads Chinese as UTF-8). rows:
//   arrays of cells; a cell is a number (written as JavaScript's shortest
//   round-trip form, untouched: -3.5 stays -3.5; NaN and ±Infinity are
//   empty), a string, or null/undefined (empty).
// csvCell(cell) → the cell's CSV text. A string that starts with =, +, -,
//   @, a tab or a carriage return gets a leading apostrophe, so that a
//   spreadsheet shows it as text instead of running it as a formula
//   (formula injection); a cell with a comma, quote, CR or LF is quoted,
//   inner quotes doubled.
// viewRows(vm, words) → rows: the view model's data table (exactly the
//   marks drawn, the engine's values) as cells. Each number column of the
//   table gives two columns: the engine's number and the text as shown
//   (with ≈, "over" and the reader's units); the first number column is
//   followed by the unit of its numbers. words: copy.share.csv.
//   Rows and columns are those of the table the page shows.

export const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(cell) {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (cell === null || cell === undefined) return '';
  let s = String(cell);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(rows) {
  return BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const isNumberCell = (c) => c !== null && typeof c === 'object' && 'value' in c;

export function viewRows(vm, words) {
  const { head, rows } = vm.table;
  const numeric = head.map((_, i) => rows.some((r) => isNumberCell(r.cells[i])));
  const firstNumeric = numeric.indexOf(true);
  const marks = new Map(vm.marks.map((m) => [m.id, m]));
  const header = [];
  head.forEach((h, i) => {
    const name = String(h).replace(/\s*\n\s*/g, ' ');
    if (!numeric[i]) {
      header.push(name);
      return;
    }
    header.push(name, words.asShown(name));
    if (i === firstNumeric) header.push(words.unit);
  });
  const body = rows.map((r) => {
    const out = [];
    head.forEach((_, i) => {
      const c = r.cells[i] ?? { text: '' };
      if (!numeric[i]) {
        out.push(c.text);
        return;
      }
      const v = isNumberCell(c) && typeof c.value === 'number' ? c.value : null;
      out.push(v, c.text);
      if (i === firstNumeric) {
        const m = marks.get(r.id);
        out.push(v === null || !m ? '' : words.units[m.unit] ?? m.unit ?? '');
      }
    });
    return out;
  });
  return [header, ...body];
}
