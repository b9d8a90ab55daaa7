// chart-desc-story.test.mjs — engine.checkChart on the story's description
// (data/ev_story.chart.json, written on the renderer branches) against the
// story's dataset (data/ev_story.json): it checks, its normalised form checks
// again to itself, the story keys are written out, and a mistake in each of
// the new kinds of reference is caught with its path; the exports view's
// compare note, drawn from the checked description, gives the data's CPCA
// figures where they differ from CAAM's.
//
// The mistakes are made in a copy of the live description, so that the
// story's own description is what every case starts from.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EngineError } from '../../web/engine/engine.js';
import { loadEngine } from './helpers/load-engine.mjs';
import { buildChartView } from '../../web/core/chart-view.js';
import { copyFor } from '../../web/core/copy.js';
import { createProvenance } from '../../web/core/provenance.js';
import { themeFor } from '../../web/core/theme.js';

const REPO = new URL('../../', import.meta.url);
const LIVE = new URL('data/ev_story.chart.json', REPO);

let engine;
let dataset;
before(async () => {
  engine = await loadEngine();
  dataset = engine.ingest(readFileSync(new URL('data/ev_story.json', REPO)));
});

const story = () => JSON.parse(readFileSync(LIVE, 'utf8'));

function rejects(description, code, message) {
  assert.throws(() => engine.checkChart(description, dataset), (e) => {
    assert.ok(e instanceof EngineError, `expected an EngineError, got ${e}`);
    assert.equal(e.code, code);
    if (message instanceof RegExp) assert.match(e.message, message);
    else assert.equal(e.message, message);
    return true;
  });
}

/** The {name} placeholders of a template ({{ and }} are literal braces). */
function placeholders(text) {
  return [...text.replace(/\{\{|\}\}/g, '').matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
}

test('data/ev_story.chart.json checks against the story dataset and normalises to itself', () => {
  const out = engine.checkChart(readFileSync(LIVE, 'utf8'), dataset);
  assert.deepEqual(engine.checkChart(out, dataset), out);
  assert.deepEqual(out.locales, ['en', 'zh']);
  assert.equal(out.provenance.table, 'sources');
  assert.deepEqual(out.views.map((v) => v.id), ['investment', 'capacity', 'exports', 'projects', 'europe', 'map']);
});

test('the story keys of the description are written out in normal form', () => {
  const out = engine.checkChart(story(), dataset);
  const charts = [];
  for (const v of out.views) {
    assert.ok(Array.isArray(v.panels) && Array.isArray(v.findings), v.id);
    assert.ok(v.layout === 'side' || v.layout === 'stack', v.id);
    if (v.panels.length) {
      // a view of panels keeps only the view's keys
      for (const k of ['table', 'mark', 'x', 'y', 'series', 'filters', 'derive', 'trend', 'map', 'annotations', 'reference', 'source', 'detail', 'sort']) {
        assert.ok(!(k in v), `${v.id}.${k}`);
      }
      for (const p of v.panels) {
        assert.equal(typeof p.weight, 'number');
        assert.ok('mode' in p && 'title' in p);
        charts.push(p);
      }
    } else {
      charts.push(v);
    }
    // every placeholder of every finding (each locale) is one of its values
    for (const f of v.findings) {
      for (const [loc, t] of Object.entries(f.text)) {
        for (const name of placeholders(t)) assert.ok(name in f.values, `${v.id}: {${name}} in ${loc}`);
      }
      for (const ref of Object.values(f.values)) {
        if ('table' in ref) assert.ok(Array.isArray(ref.filters) && 'source' in ref && 'bound' in ref);
        else assert.ok(['x', 'y'].includes(ref.of) && 'panel' in ref);
      }
    }
  }
  for (const c of charts) {
    for (const k of ['format', 'fixed', 'approximate', 'bound']) assert.ok(k in c.y, `y.${k}`);
    assert.equal(typeof c.y.percent, 'boolean');
    assert.equal(typeof c.y.counts, 'boolean');
    assert.ok(Array.isArray(c.reference) && 'source' in c && 'detail' in c && 'sort' in c);
    if (c.series) assert.ok(Array.isArray(c.series.sparse) && typeof c.series.styles === 'object');
    if (c.trend) assert.equal(typeof c.trend.control, 'boolean');
  }
});

/** The first (view index, view) whose predicate holds. */
function findView(d, pred) {
  const i = d.views.findIndex(pred);
  assert.ok(i >= 0, 'the description has such a view');
  return [i, d.views[i]];
}

test('a finding naming a value it does not list is refused, with its path', () => {
  const d = story();
  const [i, v] = findView(d, (x) => Array.isArray(x.findings) && x.findings.length);
  v.findings[0].text = { ...v.findings[0].text, en: `${v.findings[0].text.en ?? v.findings[0].text} {nope}` };
  rejects(d, 'SHAPE', `views[${i}].findings[0].text.en: '{nope}' is not one of the values`);
});

test("a panel's mode that is not an option of the view's modes is refused", () => {
  const d = story();
  const [i, v] = findView(d, (x) => x.modes && Array.isArray(x.panels) && x.panels.length);
  const ids = v.modes.options.map((o) => o.id).join(', ');
  v.panels[0].mode = 'nope';
  rejects(d, 'SHAPE', `views[${i}].panels[0].mode: no mode 'nope' (modes: ${ids})`);
});

test('without provenance, the first source is refused', () => {
  const d = story();
  delete d.provenance;
  rejects(d, 'SHAPE', /^views\[\d+\]\..*source: sources need the document's 'provenance'/);
});

test('a names kind no entry gives is refused once no entry has a kind column', () => {
  const d = story();
  // keep the constant-kind entries only: the kinds of the names table's
  // kind column (company, region...) then have no entry
  const kinds = [...new Set(d.names.filter((n) => typeof n.kind === 'string').map((n) => n.kind))];
  assert.ok(d.names.some((n) => typeof n.kind_column === 'string'), 'the description has a kind_column entry');
  d.names = d.names.filter((n) => typeof n.kind === 'string');
  assert.throws(() => engine.checkChart(d, dataset), (e) => {
    assert.equal(e.code, 'SHAPE');
    const m = /^views\[\d+\]\.\S*names: no names entry gives the kind '([^']+)'/.exec(e.message);
    assert.ok(m, e.message);
    assert.ok(!kinds.includes(m[1]), `${m[1]} is a constant kind`);
    return true;
  });
});

test('the new limits reach JS (engine.limits.chart_max_*)', () => {
  assert.equal(engine.limits.chart_max_panels, 4);
  assert.equal(engine.limits.chart_max_modes, 8);
  assert.equal(engine.limits.chart_max_findings, 8);
  assert.equal(engine.limits.chart_max_values, 16);
  assert.equal(engine.limits.chart_max_names, 8);
});

// The exports view's compare (the CPCA count beside CAAM's NEV exports).
function exportsBars(d) {
  const i = d.views.findIndex((v) => v.id === 'exports');
  const p = d.views[i].panels.findIndex((x) => x.compare);
  assert.ok(i >= 0 && p >= 0, 'the exports view has a panel with compare');
  return [i, p, d.views[i].panels[p]];
}

test("the exports view's compare is checked and kept as written; its mistakes are refused with their path", () => {
  const out = engine.checkChart(story(), dataset);
  const [, , bars] = exportsBars(out);
  assert.deepEqual(bars.compare, exportsBars(story())[2].compare);
  assert.equal(bars.compare.series, 'cpca_nev_exports');
  assert.equal(bars.compare.against, 'caam_nev_exports');
  let d = story();
  let [i, p, panel] = exportsBars(d);
  panel.compare.against = 'caam_nev_export';
  rejects(d, 'SHAPE', `views[${i}].panels[${p}].compare.against: 'caam_nev_export' is not a value of column 'series_id' in table 'series_points' (did you mean 'caam_nev_exports'?)`);
  d = story();
  [i, p, panel] = exportsBars(d);
  panel.compare.text.zh = '{year}乘联会数据为{value}（中汽协：{against}）';
  rejects(d, 'SHAPE', `views[${i}].panels[${p}].compare.text.zh: '{year}' is not a placeholder of a compare text ({x}, {value}, {against}, {notes})`);
  d = story();
  [i, p, panel] = exportsBars(d);
  panel.compare.qualifiers.column = 'scopes';
  rejects(d, 'COLUMN', `views[${i}].panels[${p}].compare.qualifiers.column: table 'series_points' has no column 'scopes' (did you mean 'scope'?)`);
  d = story();
  [i, p, panel] = exportsBars(d);
  panel.compare.lead = 3;
  rejects(d, 'SHAPE', /^views\[\d+\]\.panels\[\d+\]\.compare\.lead: expected text/);
});

test("the exports view's note, drawn from the checked description, gives the CPCA rows that differ from CAAM's (not those resting on low-confidence sources only)", () => {
  const json = JSON.parse(readFileSync(new URL('data/ev_story.json', REPO), 'utf8'));
  const out = engine.checkChart(story(), dataset);
  const view = out.views.find((v) => v.id === 'exports');
  const prov = createProvenance(engine.read(dataset.table('sources')).rows());
  const ctx = {
    q: (t, s) => engine.query(dataset.table(t), s), locale: 'en', defaultLocale: 'en', t: copyFor('en'), theme: themeFor('light'),
    prov, state: { hidden: [], from: null, to: null }, width: 800,
  };
  const vm = buildChartView(ctx, view, out);
  const rows = (id) => json.series_points.filter((r) => r.series_id === id);
  const caam = rows('caam_nev_exports');
  // a CPCA row whose sources are all rated low confidence stays out (data rule 7)
  const lowOnly = (r) => [r.source, ...(r.also_sources ?? [])].every((id) => json.sources.find((s) => s.id === id)?.confidence === 'low');
  const listed = rows('cpca_nev_exports').filter((r) => !lowOnly(r) && caam.some((c) => c.year === r.year && c.value !== r.value)).sort((a, b) => a.year - b.year);
  const note = vm.notes.find((n) => n.startsWith('The China Passenger Car Association counts differently: '));
  assert.ok(note, vm.notes.join('\n'));
  const years = [...note.matchAll(/(?:: |; )(\d{4}): /g)].map((m) => Number(m[1]));
  assert.deepEqual(years, listed.map((r) => r.year));
  for (const r of listed) {
    const c = caam.find((x) => x.year === r.year);
    const q = r.approximate ? '≈' : '';
    assert.ok(note.includes(`${r.year}: ${q}${r.value.toLocaleString('en-US')} vehicles (CAAM: ${c.value.toLocaleString('en-US')} vehicles`), `${r.year} in ${note}`);
  }
  assert.ok(!vm.notes.some((n) => /its figures are not drawn/.test(n)), 'the figure-less note is gone');
});
