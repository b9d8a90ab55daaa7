// CSV export (web/core/csv.js): RFC 4180 quoting, CRLF, a UTF-8 BOM,
// formula-injection escaping of text cells (numbers untouched), and every
// view's CSV carrying exactly the engine's numbers that the chart draws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BOM, csvCell, csvText, viewRows } from '../../web/core/csv.js';
import { copyFor } from '../../web/core/copy.js';
import { PAGE_VIEWS } from './helpers/page-views.mjs';
import { story } from './core-fixtures.test.mjs';

const VIEW_IDS = PAGE_VIEWS.map((v) => v.id); // the story page's tabs, in the description's order

// A strict RFC 4180 reader (CRLF rows), for checking what was written.
function parseCsv(text) {
  assert.ok(text.startsWith(BOM), 'starts with the BOM');
  const s = text.slice(1);
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i += 1; } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; i += 1;
    } else {
      assert.ok(ch !== '\n' && ch !== '\r' && ch !== '"', `bare ${JSON.stringify(ch)} at ${i}`);
      cell += ch;
    }
  }
  assert.equal(cell, '', 'ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

test('cells: numbers untouched, text quoted when needed, formulas defused', () => {
  assert.equal(csvCell(-3.5), '-3.5');
  assert.equal(csvCell(0.1 + 0.2), '0.30000000000000004', 'shortest round-trip form, no rounding');
  assert.equal(csvCell(1e21), '1e+21');
  assert.equal(csvCell(-0), '0');
  for (const x of [NaN, Infinity, -Infinity, null, undefined]) assert.equal(csvCell(x), '');
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell(''), '');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('=1+2'), "'=1+2");
  assert.equal(csvCell('+SUM(A1)'), "'+SUM(A1)");
  assert.equal(csvCell('-2+3'), "'-2+3");
  assert.equal(csvCell('@cmd'), "'@cmd");
  assert.equal(csvCell('\tx'), "'\tx");
  assert.equal(csvCell('\r=x'), '"\'\r=x"', 'a leading CR is defused and quoted');
  assert.equal(csvCell('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
  assert.equal(csvCell('=cmd|\' /C calc\'!A0'), "'=cmd|' /C calc'!A0");
  assert.equal(csvCell('a=b'), 'a=b', 'only a leading character matters');
  assert.equal(csvCell('−3%'), '−3%', 'U+2212 minus is not a formula start');
  assert.equal(csvCell('中国'), '中国');
  assert.equal(csvCell(true), 'true');
});

test('text: BOM, CRLF rows, round-trips through a strict reader', () => {
  const rows = [['a', 'b,c', 'd"e'], [1, -2.5, null], ['=x', '@y', '中文']];
  const text = csvText(rows);
  assert.ok(text.startsWith('\uFEFFa,"b,c","d""e"\r\n1,-2.5,\r\n'));
  assert.deepEqual(parseCsv(text), [['a', 'b,c', 'd"e'], ['1', '-2.5', ''], ["'=x", "'@y", '中文']]);
  assert.equal(Buffer.from(text, 'utf8').subarray(0, 3).toString('hex'), 'efbbbf', 'the BOM is EF BB BF in UTF-8');
});

test('every view, both languages: the CSV has exactly the drawn marks with the engine’s numbers', async () => {
  const { build } = await story();
  for (const locale of ['en', 'zh']) {
    const words = copyFor(locale).share.csv;
    for (const id of VIEW_IDS) {
      const vm = build(id, { locale });
      const rows = parseCsv(csvText(viewRows(vm, words)));
      const [head, ...body] = rows;
      assert.equal(body.length, vm.table.rows.length, `${id}/${locale}: one row per table row`);
      const valueAt = head.indexOf(vm.table.head.find((_, i) => vm.table.rows.some((r) => 'value' in (r.cells[i] ?? {}))).replace(/\s*\n\s*/g, ' '));
      assert.ok(valueAt >= 0, `${id}: a value column`);
      assert.equal(head[valueAt + 1], words.asShown(head[valueAt]));
      assert.equal(head[valueAt + 2], words.unit);
      for (const [i, r] of vm.table.rows.entries()) {
        const mark = vm.marks.find((m) => m.id === r.id);
        const cell = body[i][valueAt];
        if (mark && !mark.empty) {
          assert.equal(Number(cell), mark.value, `${id}/${locale} ${r.id}: ${cell}`);
          assert.equal(cell, String(mark.value), 'written exactly');
          assert.equal(body[i][valueAt + 2], words.units[mark.unit]);
        } else {
          assert.equal(cell, '', `${id} ${r.id}: a gap stays empty`);
        }
      }
      for (const row of body) {
        for (const c of row) assert.doesNotMatch(c, /^[=+@\t\r]/, `${id}: no live formula`);
      }
    }
  }
});

test('numbers match an independent engine query (investment, US$bn)', async () => {
  const { build, engine, ds } = await story();
  const vm = build('investment');
  const rows = parseCsv(csvText(viewRows(vm, copyFor('en').share.csv)));
  const want = engine.query(ds.table('investment'), {
    filters: [{ column: 'series', eq: 'rhodium_2025_zev_supply_chain' }],
  }).rows();
  const got = rows.slice(1).filter((r) => r[2] !== '').map((r) => Number(r[2])).sort((a, b) => a - b);
  assert.deepEqual(got, want.map((r) => r.usd_bn).filter((v) => v !== null).sort((a, b) => a - b));
});

test('text cells from the data that start like a formula are escaped', () => {
  const vm = {
    marks: [{ id: 'a', unit: 'usd_bn', value: -1.5, empty: false }],
    table: { head: ['Period', 'Value', 'Note'], rows: [{ id: 'a', cells: [{ text: '=2+3' }, { text: '-US$1.5bn', value: -1.5 }, { text: '@note' }] }] },
  };
  const rows = parseCsv(csvText(viewRows(vm, copyFor('en').share.csv)));
  assert.deepEqual(rows, [
    ['Period', 'Value', 'Value (as shown)', 'Unit', 'Note'],
    ["'=2+3", '-1.5', "'-US$1.5bn", 'US$ billion', "'@note"],
  ]);
});
