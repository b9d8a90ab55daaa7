// core/chart-offline.js: the offline chart page's JSON block, filled with
// hostile strings, still ends where it should and reads back as exactly the
// payload; templates without exactly one block are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartBlockJson, offlineChartHtml } from '../../web/core/chart-offline.js';

const TEMPLATE = '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="x"></head><body>'
  + '<div id="chart-root"></div>\n<script type="application/json" id="ev-chart"></script>\n<script>engine()</script></body></html>';

const HOSTILE = [
  '</script><script>alert(1)</script>',
  '</SCRIPT >',
  '<!--',
  '<!-- <script>',
  '-->',
  ']]>',
  '<script type="application/json" id="ev-chart">',
  '\u2028\u2029',
  '&lt;&amp;',
  '"\\\'`${x}',
  '\u0000'.replace('\u0000', '\\u0000'),
  '<img src=x onerror=alert(1)>',
  '中文 🚗',
];

// The text of the first <script …id="ev-chart"> element as an HTML parser
// would cut it: up to the first "</script" (case-insensitive).
function blockText(html) {
  const open = '<script type="application/json" id="ev-chart">';
  const at = html.indexOf(open);
  assert.ok(at >= 0);
  const rest = html.slice(at + open.length);
  const end = rest.search(/<\/script/i);
  return rest.slice(0, end);
}

test('hostile strings in the description and data stay inside the block and read back unchanged', () => {
  const description = { format: 'ev-chart/1', locales: ['en'], title: HOSTILE.join(' '), views: [{ id: 'v', title: { en: HOSTILE[0] } }] };
  const data = { data: HOSTILE.map((s, i) => ({ [s]: s, i })) };
  const html = offlineChartHtml(TEMPLATE, { description, data });
  const text = blockText(html);
  assert.doesNotMatch(text, /<|>|&|\u2028|\u2029/);
  assert.deepEqual(JSON.parse(text), { description, data });
  assert.ok(html.endsWith('\n<script>engine()</script></body></html>'), 'the rest of the template is untouched');
  assert.equal(html.match(/<script/g).length, 2);
});

test('a filled page can be filled again; without data the payload has none', () => {
  const once = offlineChartHtml(TEMPLATE, { description: { a: '</script>' }, data: [1] });
  const twice = offlineChartHtml(once, { description: { b: 2 } });
  assert.deepEqual(JSON.parse(blockText(twice)), { description: { b: 2 } });
  assert.equal(chartBlockJson({ x: '<' }), '{"x":"\\u003c"}');
});

test('templates without exactly one block, and descriptions that are not objects, are refused', () => {
  assert.throws(() => offlineChartHtml('<html></html>', { description: {} }), /exactly one .* \(found 0\)/);
  const two = TEMPLATE.replace('<script>engine()', '<script type="application/json" id="ev-chart"></script><script>engine()');
  assert.throws(() => offlineChartHtml(two, { description: {} }), /found 2/);
  assert.throws(() => offlineChartHtml(TEMPLATE, { description: [] }), /must be an object/);
  assert.throws(() => offlineChartHtml(TEMPLATE, {}), /must be an object/);
});
