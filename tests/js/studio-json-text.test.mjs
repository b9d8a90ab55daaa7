// The studio's description as JSON text (web/app/studio/json-text.js, pure):
// line and column from an offset, syntax errors located from each browser's
// wording (V8's, Firefox's and Safari's messages, written out as those
// engines word them, and Node's own JSON.parse errors), what a JSON edit
// needs before the engine checks it, and the download's file name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  descriptionFileName, jsonEditProblem, lineColumn, locateSyntaxError, parseDescriptionText, syntaxErrorText,
} from '../../web/app/studio/json-text.js';
import { drawable } from '../../web/app/studio/preview.js';

test('lineColumn: 1-based lines and columns; CRLF and CR end lines; a column counts characters', () => {
  const t = 'ab\ncd\r\nef\rgh';
  assert.deepEqual(lineColumn(t, 0), { line: 1, column: 1 });
  assert.deepEqual(lineColumn(t, 2), { line: 1, column: 3 });
  assert.deepEqual(lineColumn(t, 3), { line: 2, column: 1 });
  assert.deepEqual(lineColumn(t, 7), { line: 3, column: 1 }, 'after \\r\\n');
  assert.deepEqual(lineColumn(t, 10), { line: 4, column: 1 }, 'after a lone \\r');
  assert.deepEqual(lineColumn(t, 999), { line: 4, column: 3 }, 'clamped to the end');
  assert.deepEqual(lineColumn(t, -5), { line: 1, column: 1 });
  // x is the 8th character: the emoji before it is two UTF-16 units, one column
  const u = '{"汽车😀":x}';
  assert.equal(u.indexOf('x'), 8);
  assert.deepEqual(lineColumn(u, u.indexOf('x')), { line: 1, column: 8 });
});

test('a V8 message with a position: line and column computed from it, for every position in a broken text', () => {
  const text = '{\n  "format": "ev-chart/1",\n  "locales": ["en"]\n  "views": []\n}';
  let message;
  try { JSON.parse(text); } catch (e) { message = e.message; }
  const loc = locateSyntaxError(message, text);
  if (/position \d+/.test(message)) {
    // Node's V8 gives the position here: the parser stops at line 4's first quote
    assert.equal(loc.offset, text.indexOf('"views"'));
    assert.deepEqual([loc.line, loc.column], [4, 3]);
    assert.doesNotMatch(loc.message, /position/);
  }
  // the messages as V8 words them, with and without the (line column) suffix Chromium adds
  assert.equal(text.indexOf('"views"'), 50);
  const v8 = locateSyntaxError("Expected ',' or '}' after property value in JSON at position 50 (line 4 column 3)", text);
  assert.deepEqual({ ...v8 }, { message: "Expected ',' or '}' after property value", offset: 50, line: 4, column: 3, near: null });
  const after = locateSyntaxError('Unexpected non-whitespace character after JSON at position 3 (line 2 column 1)', '{}\n},');
  assert.deepEqual([after.offset, after.line, after.column, after.message], [3, 2, 1, 'Unexpected non-whitespace character after JSON']);
  const old = locateSyntaxError('Unexpected token v in JSON at position 51', text);
  assert.deepEqual([old.line, old.column, old.message], [4, 4, 'Unexpected token v']);
});

test('Firefox gives line and column; an end of input is the text\'s end; otherwise "near" what the message quotes', () => {
  const ff = locateSyntaxError("JSON.parse: expected ',' or '}' after property value in object at line 4 column 3 of the JSON data", 'whatever');
  assert.deepEqual([ff.line, ff.column, ff.offset, ff.message], [4, 3, null, "expected ',' or '}' after property value in object"]);
  const end = locateSyntaxError('Unexpected end of JSON input', '{\n  "a": [1,\n  2\n\n');
  assert.deepEqual([end.line, end.column, end.offset], [3, 4, 16], 'after the last character, trailing blank lines left out');
  const eof = locateSyntaxError('JSON Parse error: Unexpected EOF', '{"a":');
  assert.deepEqual([eof.line, eof.column], [1, 6]);
  const v8near = locateSyntaxError('Unexpected token \'}\', ..."\n    "e": },\n    "f""... is not valid JSON', 'x');
  assert.deepEqual([v8near.line, v8near.near, v8near.message], [null, '\'}\' in "\\"e\\": }, \\"f\\""'.replace(/\\"/g, '"'), "Unexpected token '}'"]);
  const safari = locateSyntaxError('JSON Parse error: Unexpected identifier "tru"', '{"a":tru}');
  assert.deepEqual([safari.near, safari.message], ['"tru"', 'Unexpected identifier "tru"']);
  const bare = locateSyntaxError('JSON Parse error: Expected \'}\'', '{');
  assert.equal(bare.line, null);
  assert.equal(syntaxErrorText(bare), 'JSON syntax error near "}": Expected \'}\'.');
  assert.equal(syntaxErrorText(locateSyntaxError('Bad', '')), 'JSON syntax error: Bad.');
  assert.equal(syntaxErrorText(ff), "JSON syntax error at line 4, column 3: expected ',' or '}' after property value in object.");
});

test('parseDescriptionText: an object or a located error; other JSON values refused by kind', () => {
  assert.deepEqual(parseDescriptionText('{"format":"ev-chart/1"}'), { ok: true, value: { format: 'ev-chart/1' } });
  const bad = parseDescriptionText('{\n  "a": 1,\n}');
  assert.equal(bad.ok, false);
  assert.match(bad.message, /^JSON syntax error (at line 3, column 1|near .*): /);
  for (const [t, kind] of [['[1]', 'an array'], ['"x"', 'a string'], ['3', 'a number'], ['null', 'null'], ['true', 'a boolean']]) {
    const r = parseDescriptionText(t);
    assert.equal(r.ok, false);
    assert.match(r.message, new RegExp(`this text is ${kind}\\.$`), t);
  }
});

test('jsonEditProblem: views and locales present; an incomplete view only as the form made it', () => {
  const done = { id: 'a', table: 't', mark: 'bar', x: { column: 'k' }, y: { column: 'v' } };
  const half = { id: 'b', table: 't', mark: 'bar', x: { column: '' }, y: { aggregate: 'count' } };
  const panels = { id: 'p', panels: [{ id: 'one', ...done }, { id: 'two', ...done, y: { aggregate: 'count' } }] };
  const current = { locales: ['en'], views: [done, half] };
  assert.equal(jsonEditProblem({ locales: ['en'], views: [done, half] }, current, drawable), null, 'the form\'s half-made view, unchanged');
  assert.equal(jsonEditProblem({ locales: ['en'], views: [done, panels] }, current, drawable), null, 'a view with complete panels');
  assert.match(jsonEditProblem({ locales: ['en'], views: [done, { ...half, mark: 'line' }] }, current, drawable), /^views\[1\]: not complete/);
  assert.match(jsonEditProblem({ locales: ['en'], views: [{ id: 'p', panels: [{ id: 'one', table: 't', mark: 'bar' }] }] }, current, drawable), /^views\[0\]: not complete/);
  assert.match(jsonEditProblem({ locales: ['en'], views: [] }, current, drawable), /^views: /);
  assert.match(jsonEditProblem({ locales: ['en'], views: [done, 3] }, current, drawable), /^views\[1\]: a view is a JSON object, got a number/);
  assert.match(jsonEditProblem({ locales: ['en'], views: Array(17).fill(done) }, current, drawable), /^views: at most 16 views, got 17/);
  assert.match(jsonEditProblem({ locales: [], views: [done] }, current, drawable), /^locales: /);
  assert.match(jsonEditProblem({ locales: 'en', views: [done] }, current, drawable), /^locales: /);
  assert.match(jsonEditProblem({ views: [done] }, null, drawable), /^locales: /);
});

test('descriptionFileName: the title in the locale, any script, safe characters only', () => {
  const d = { locales: ['en', 'zh'], title: { en: 'Cars: MPG by origin!', zh: '汽车 油耗' } };
  assert.equal(descriptionFileName(d, 'en'), 'cars-mpg-by-origin.chart.json');
  assert.equal(descriptionFileName(d, 'zh'), '汽车-油耗.chart.json');
  assert.equal(descriptionFileName(d, 'fr'), 'cars-mpg-by-origin.chart.json', 'the first locale\'s when the reader\'s has none');
  assert.equal(descriptionFileName({ locales: ['en'], title: '../../etc/passwd' }, 'en'), 'etc-passwd.chart.json');
  assert.equal(descriptionFileName({ locales: ['en'], title: '***' }, 'en'), 'chart.chart.json');
  assert.equal(descriptionFileName({ locales: ['en'] }, 'en'), 'chart.chart.json');
  assert.equal(descriptionFileName(null, 'en'), 'chart.chart.json');
  const long = descriptionFileName({ locales: ['en'], title: 'x'.repeat(100) }, 'en');
  assert.equal(long, `${'x'.repeat(60)}.chart.json`);
});
