// studio-load-hints.test.mjs — what the studio says when a dataset cannot be
// loaded (web/app/studio/load-hints.js): CSV or HTML given as JSON, mixed
// types, deep nesting, addresses it will not fetch, failed fetches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainLoadError, fetchFailureMessage, isCrossOrigin, sniffText, urlProblem } from '../../web/app/studio/load-hints.js';

const err = (code, message) => Object.assign(new Error(message), { code });

test('sniffText tells JSON, CSV and HTML apart', () => {
  assert.equal(sniffText('  [{"a":1}]'), 'json');
  assert.equal(sniffText('\uFEFF{"t":[]}'), 'json');
  assert.equal(sniffText('Name,Miles_per_Gallon,Origin\nchevrolet,18,USA\nbuick,15,USA\n'), 'csv');
  assert.equal(sniffText('a;b;c\r\n1;2;3\r\n'), 'csv');
  assert.equal(sniffText('year\tvalue\n2020\t1.5\n'), 'csv');
  assert.equal(sniffText('<!DOCTYPE html><html>'), 'html');
  assert.equal(sniffText(''), 'empty');
  assert.equal(sniffText('42'), 'other');
  assert.equal(sniffText('hello world'), 'other');
});

test('a CSV given as JSON: the engine\'s message plus what to do', () => {
  const m = explainLoadError(err('PARSE', 'JSON parse error at line 1, column 1: invalid literal'), { name: 'cars.csv', head: 'Name,Origin\nchevrolet,USA\n' });
  assert.match(m, /^Could not load cars\.csv: JSON parse error at line 1, column 1/);
  assert.match(m, /looks like CSV/);
  const plain = explainLoadError(err('PARSE', 'JSON parse error at line 3, column 14: leading zero in a number'), { name: 'x.json', head: '[{"a": 01}]' });
  assert.doesNotMatch(plain, /CSV/);
});

test('mixed types, deep nesting, no table: a hint per cause', () => {
  assert.match(explainLoadError(err('TYPE', "table 'data' row 4, column 'v': expected number, got string"), { name: 'a.json', head: '[' }), /row 4, column 'v'.*more than one type/);
  assert.match(explainLoadError(err('LIMIT', 'JSON nesting deeper than 64 levels at line 1, column 65 (limit)'), { name: 'a.json', head: '[' }), /at line 1, column 65.*nested too deeply/);
  assert.match(explainLoadError(err('SHAPE', 'the document is an empty array: no records to make a table from'), { name: 'a.json', head: '[]' }), /array of records/);
  assert.match(explainLoadError(err('PARSE', 'x'), { name: 'page', head: '<html><body>' }), /web page \(HTML\)/);
});

test('urlProblem refuses what the studio will not fetch, and says why', () => {
  const page = 'https://graphics.example.org/studio.html';
  assert.equal(urlProblem('data/cars.json', page), null);
  assert.equal(urlProblem('https://other.example.com/cars.json', page), null);
  assert.match(urlProblem('ftp://x.org/a.json', page), /ftp: address/);
  assert.match(urlProblem('javascript:alert(1)', page), /javascript: address/);
  assert.match(urlProblem('http://other.example.com/a.json', page), /plain http: address on another site/);
  assert.equal(urlProblem('http://127.0.0.1:8000/a.json', 'http://127.0.0.1:8000/studio.html'), null);
  assert.match(urlProblem('http://[bad', page), /not a web address/);
  assert.equal(isCrossOrigin('https://a.org/x', 'https://a.org/studio.html'), false);
  assert.equal(isCrossOrigin('https://b.org/x', 'https://a.org/studio.html'), true);
});

test('fetch failures: the HTTP status, or unreachable / CORS for another site', () => {
  const page = 'https://a.org/studio.html';
  assert.equal(fetchFailureMessage({ url: 'https://a.org/x.json', pageUrl: page, status: 404, statusText: 'Not Found' }),
    'Could not load https://a.org/x.json: the server answered 404 Not Found.');
  const same = fetchFailureMessage({ url: 'https://a.org/x.json', pageUrl: page, networkError: true });
  assert.match(same, /unreachable/);
  assert.doesNotMatch(same, /CORS/);
  assert.match(fetchFailureMessage({ url: 'https://b.org/x.json', pageUrl: page, networkError: true }), /CORS headers \(Access-Control-Allow-Origin\)/);
});

test('datasetUrlFor: relative under the page\'s folder, else absolute', async () => {
  const { datasetUrlFor } = await import('../../web/app/studio/load-hints.js');
  const page = 'https://a.org/graphics/studio.html';
  assert.equal(datasetUrlFor('https://a.org/graphics/data/cars.json', page), 'data/cars.json');
  assert.equal(datasetUrlFor('data/cars.json?v=2', page), 'data/cars.json?v=2');
  assert.equal(datasetUrlFor('https://a.org/other/cars.json', page), 'https://a.org/other/cars.json');
  assert.equal(datasetUrlFor('https://b.org/graphics/cars.json', page), 'https://b.org/graphics/cars.json');
});
