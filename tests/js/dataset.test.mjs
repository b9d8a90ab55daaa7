// app/dataset.js openDataset: the tables a view source requires are checked
// at load (none by default); a dataset without `sources` or
// `countries` (a described chart's) still opens, with no sources and names
// falling back to the data's keys. Run `./build.sh build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine } from './helpers/load-engine.mjs';
import { openDataset } from '../../web/app/dataset.js';
import { copyFor } from '../../web/core/copy.js';

const engine = await loadEngine();
const t = copyFor('en');

test('no required tables by default; a view source\'s own list otherwise', () => {
  const doc = JSON.stringify({ data: [{ k: 'a', v: 1 }] });
  openDataset(engine, doc, t).ds.free();
  assert.throws(() => openDataset(engine, doc, t, ['investment']), (e) => e.code === 'MODEL' && /no 'investment' table/.test(e.message));
  const d = openDataset(engine, doc, t, ['data']);
  assert.deepEqual(d.ds.tableNames, ['data']);
  assert.equal(d.prov.entry('x').publisher, 'x');
  assert.deepEqual(d.prov.credit([{ empty: false, withheld: false, sources: [], also: [] }]), []);
  assert.equal(d.name('en', 'country', 'DEU'), 'DEU');
  d.ds.free();
  assert.throws(() => openDataset(engine, doc, t, ['data', 'other']), (e) => e.code === 'MODEL' && /no 'other' table/.test(e.message));
  assert.equal(engine.liveObjects(), 0, 'the refused datasets were freed, and the opened one by ds.free()');
});
