// chart/check.js — a description checked against a dataset before drawing.
//
// checkDescription(engine, description, dataset) → the normalised description.
//   `description` is JSON text or an object. With engine.checkChart (the
//   engine's check, data/CHART_FORMAT.md "Checking") its result is used and
//   its EngineError passes through. An engine without it gets this module's
//   structural check: the document's shape, the keys the renderer needs, and
//   each view's table present in the dataset. Throws Error with a message that
//   starts with the path of the fault ("views[0].table: …"); the engine's own
//   check adds the column and type rules, which the renderer otherwise meets
//   as the engine's COLUMN errors when it queries.

const MARKS = ['line', 'bar', 'hbar', 'point', 'map'];
const ID = /^[a-z0-9][a-z0-9-]*$/;

function fail(path, message) {
  const e = new Error(`${path}: ${message}`);
  e.code = 'DESCRIPTION';
  return e;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function parse(description) {
  if (typeof description !== 'string') return description;
  try {
    return JSON.parse(description);
  } catch (e) {
    throw fail('description', `not JSON (${e.message})`);
  }
}

function localCheck(doc, dataset) {
  if (!isObject(doc)) throw fail('description', 'expected an object');
  if (doc.format !== 'ev-chart/1') throw fail('format', `expected "ev-chart/1", got ${JSON.stringify(doc.format ?? null)}`);
  if (!Array.isArray(doc.locales) || doc.locales.length < 1 || !doc.locales.every((l) => typeof l === 'string')) {
    throw fail('locales', 'expected 1–8 language tags');
  }
  if (!Array.isArray(doc.views) || doc.views.length < 1 || doc.views.length > 16) throw fail('views', 'expected 1–16 views');
  const ids = new Set();
  doc.views.forEach((v, i) => {
    const at = `views[${i}]`;
    if (!isObject(v)) throw fail(at, 'expected an object');
    if (typeof v.id !== 'string' || !ID.test(v.id) || v.id.length > 40) throw fail(`${at}.id`, 'expected [a-z0-9][a-z0-9-]*, at most 40 bytes');
    if (ids.has(v.id)) throw fail(`${at}.id`, `'${v.id}' is used twice`);
    ids.add(v.id);
    if (!MARKS.includes(v.mark)) throw fail(`${at}.mark`, `unknown mark '${v.mark}' (${MARKS.join(', ')})`);
    if (v.mark === 'map') throw fail(`${at}.mark`, 'map views are not drawn by this renderer yet');
    if (typeof v.table !== 'string') throw fail(`${at}.table`, 'expected a table name');
    if (dataset && typeof dataset.has === 'function' && !dataset.has(v.table)) {
      throw fail(`${at}.table`, `the dataset has no table '${v.table}'`);
    }
    if (!isObject(v.x) || typeof v.x.column !== 'string') throw fail(`${at}.x.column`, 'expected a column name');
    if (!isObject(v.y)) throw fail(`${at}.y`, 'expected an object');
    if (v.y.column === undefined && v.y.aggregate !== 'count') throw fail(`${at}.y.column`, 'expected a column name (only count needs none)');
    if (v.series !== undefined && (!isObject(v.series) || typeof v.series.column !== 'string')) throw fail(`${at}.series.column`, 'expected a column name');
  });
  return doc;
}

export function checkDescription(engine, description, dataset) {
  if (engine && typeof engine.checkChart === 'function') return engine.checkChart(description, dataset);
  return localCheck(parse(description), dataset);
}
