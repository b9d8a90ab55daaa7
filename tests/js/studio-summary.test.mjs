// studio-summary.test.mjs — the studio's dataset summary (web/app/studio/
// summary.js) and store (store.js) in Node: tables, inferred types, missing
// counts and the preview from the engine, checked against vega-datasets'
// penguins read here; descriptions kept in a (fake) localStorage, and
// refusals reported, not thrown. Run ./build.sh build first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadEngine, REPO } from './helpers/load-engine.mjs';
import { summarize } from '../../web/app/studio/summary.js';
import { loadDescription, saveDescription } from '../../web/app/studio/store.js';

const VEGA = path.join(REPO, 'node_modules', 'vega-datasets', 'data');

test('summarize: types, missing counts and first rows of penguins, from the engine', async () => {
  const engine = await loadEngine();
  const text = fs.readFileSync(path.join(VEGA, 'penguins.json'), 'utf8');
  const rows = JSON.parse(text);
  const ds = engine.ingest(text);
  try {
    const [t] = summarize(engine, ds, { previewRows: 4 });
    assert.equal(t.name, 'data');
    assert.equal(t.rows, rows.length);
    const keys = Object.keys(rows[0]);
    assert.deepEqual(t.columns.map((c) => c.name), keys);
    for (const c of t.columns) {
      const vals = rows.map((r) => r[c.name]);
      assert.equal(c.missing, vals.filter((v) => v === null || v === undefined).length, c.name);
      assert.equal(c.type, typeof vals.find((v) => v !== null && v !== undefined), c.name);
    }
    assert.ok(t.columns.find((c) => c.name === 'Sex').missing > 0, 'penguins has rows with no sex recorded');
    assert.deepEqual(t.preview.columns, keys);
    assert.deepEqual(t.preview.rows, rows.slice(0, 4).map((r) => keys.map((k) => r[k] ?? null)));
  } finally {
    ds.free();
  }
});

test('summarize: several tables; a nested column is listed with no count', async () => {
  const engine = await loadEngine();
  const ds = engine.ingest(JSON.stringify({
    title: 'ignored',
    a: [{ k: 'x', v: 1 }, { k: null, v: 2 }, { v: null }],
    b: [{ n: { deep: [1, 2] }, s: true }, { n: null, s: null }],
  }));
  try {
    const s = summarize(engine, ds);
    assert.deepEqual(s.map((t) => [t.name, t.rows]), [['a', 3], ['b', 2]]);
    assert.deepEqual(s[0].columns, [{ name: 'k', type: 'string', missing: 2 }, { name: 'v', type: 'number', missing: 1 }]);
    assert.deepEqual(s[1].columns, [{ name: 'n', type: 'json', missing: null }, { name: 's', type: 'boolean', missing: 1 }]);
    assert.deepEqual(s[1].preview.rows, [['{"deep":[1,2]}', true], [null, null]]);
  } finally {
    ds.free();
  }
});

test('store: a description is kept and read back; refused storage and bad text are reported, not thrown', () => {
  const mem = new Map();
  const storage = { setItem: (k, v) => mem.set(k, String(v)), getItem: (k) => (mem.has(k) ? mem.get(k) : null), removeItem: (k) => mem.delete(k) };
  const state = { description: { format: 'ev-chart/1', views: [{ id: 'v' }] }, locale: 'zh', viewIndex: 0 };
  assert.deepEqual(saveDescription(state, storage), { ok: true });
  assert.deepEqual(loadDescription(storage), state);
  const full = { setItem: () => { throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' }); }, getItem: () => null };
  const r = saveDescription(state, full);
  assert.equal(r.ok, false);
  assert.match(r.message, /could not be saved in this browser \(QuotaExceededError\)/);
  for (const bad of ['{', '[1,2]', 'null', '"text"']) {
    mem.set('ev-studio:v1', bad);
    assert.equal(loadDescription(storage), null, bad);
  }
  assert.equal(loadDescription({ getItem: () => { throw new Error('denied'); } }), null);
});

test('summarize: a table with more columns than a query takes aggregates (the story\'s projects, 17 columns; 40 made here)', async () => {
  const engine = await loadEngine();
  const story = fs.readFileSync(path.join(REPO, 'web', 'build', 'ev_story.json'), 'utf8');
  const ds = engine.ingest(story);
  try {
    const projects = JSON.parse(story).projects;
    const t = summarize(engine, ds).find((s) => s.name === 'projects');
    assert.ok(t.columns.length > engine.limits.max_aggregates - 1, `${t.columns.length} columns`);
    for (const c of t.columns.filter((col) => col.type !== 'json')) {
      assert.equal(c.missing, projects.filter((p) => p[c.name] === null || p[c.name] === undefined).length, c.name);
    }
  } finally {
    ds.free();
  }
  // 40 columns, column i missing in the first i rows of 50
  const rows = Array.from({ length: 50 }, (_, r) => Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`c${i}`, r < i ? null : r])));
  const wide = engine.ingest(JSON.stringify(rows));
  try {
    const [t] = summarize(engine, wide);
    assert.equal(t.rows, 50);
    assert.deepEqual(t.columns.map((c) => c.missing), Array.from({ length: 40 }, (_, i) => i));
  } finally {
    wide.free();
  }
});
