// engine.test.mjs — the built WASM engine through the binding the page uses
// (web/engine/engine.js). Expected answers are worked out independently from
// JSON.parse of the same files, never from the engine.
// Run: ./build.sh build && node --test tests/js/
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createEngine, EngineError, Frame } from '../../web/engine/engine.js';
import { loadEngine, REPO } from './helpers/load-engine.mjs';

const STORY_PATH = join(REPO, 'data', 'ev_story.json');
const storyBytes = readFileSync(STORY_PATH);
const story = JSON.parse(storyBytes.toString('utf8'));
const SHARED = join(REPO, '..', 'shared', 'data');

let engine;
before(async () => {
  engine = await loadEngine();
});

// ---- an independent model of the ingest rules (ingest_json.h) ------------

function kindOf(v) {
  if (v === null) return null;
  if (Array.isArray(v) || typeof v === 'object') return 'json';
  return typeof v; // number, string, boolean
}

/** The tables the engine should make of doc, or the first type error:
 * { tables: [{name, rows, columns: [{name, type}]}] } or
 * { error: {table, row (1-based), column, want, got} }. */
function expectedSchema(doc) {
  const members = Array.isArray(doc)
    ? [['data', doc]]
    : Object.entries(doc).filter(
        ([, v]) => Array.isArray(v) && v.length > 0 && v[0] !== null && typeof v[0] === 'object' && !Array.isArray(v[0]),
      );
  const tables = [];
  for (const [name, rows] of members) {
    const types = new Map();
    for (let r = 0; r < rows.length; r++) {
      for (const [col, v] of Object.entries(rows[r])) {
        if (!types.has(col)) types.set(col, null);
        const k = kindOf(v);
        if (k === null) continue;
        const want = types.get(col);
        if (want === null) types.set(col, k);
        else if (want !== k) return { error: { table: name, row: r + 1, column: col, want, got: k, value: v } };
      }
    }
    tables.push({
      name,
      rows: rows.length,
      columns: [...types].map(([n, t]) => ({ name: n, type: t === null ? 'number' : t })),
    });
  }
  return { tables };
}

/** Asserts that fn throws an EngineError with this code whose message
 * matches re (a RegExp or an exact string). Returns the error. */
function throwsEngine(fn, code, re) {
  let err;
  assert.throws(fn, (e) => {
    err = e;
    return true;
  });
  assert.ok(err instanceof EngineError, `expected an EngineError, got ${err}`);
  assert.equal(err.code, code, `code of: ${err.message}`);
  assert.equal(err.status, engine.abi.status[code]);
  if (typeof re === 'string') assert.equal(err.message, re);
  else if (re) assert.match(err.message, re);
  return err;
}

/** The engine still works: a small ingest + query gives the right answer. */
function stillUsable() {
  const ds = engine.ingest('{"t":[{"k":"a","v":1},{"k":"a","v":2.5},{"k":"b","v":null}]}');
  try {
    const f = engine.query(ds.table('t'), { groupBy: ['k'], aggregates: [{ op: 'sum', column: 'v' }] });
    assert.deepEqual(f.rows(), [
      { k: 'a', sum_v: 3.5 },
      { k: 'b', sum_v: null },
    ]);
  } finally {
    ds.free();
  }
  assert.equal(engine.liveObjects(), 0);
  assert.equal(engine.dead, false);
}

// ---- ABI ------------------------------------------------------------------

describe('ABI', () => {
  test('every status name maps back to its code; codes are distinct', () => {
    const st = engine.abi.status;
    assert.deepEqual(Object.keys(st).sort(), [
      'ARG', 'COLUMN', 'DATA', 'HANDLE', 'LIMIT', 'NOMEM', 'OK', 'PARSE', 'RANGE', 'SHAPE', 'TYPE',
    ]);
    assert.equal(st.OK, 0);
    for (const [name, code] of Object.entries(st)) {
      assert.equal(engine._statusName.get(code), name);
      if (name !== 'OK') assert.ok(Number.isInteger(code) && code < 0, name);
    }
    assert.equal(new Set(Object.values(st)).size, Object.keys(st).length);
  });

  test('column types and aggregates are the names the binding uses', () => {
    assert.deepEqual(Object.keys(engine.abi.col_type).sort(), ['boolean', 'json', 'number', 'string']);
    for (const [name, code] of Object.entries(engine.abi.col_type)) assert.equal(engine._typeName.get(code), name);
    assert.deepEqual(Object.keys(engine.abi.agg).sort(), ['count', 'max', 'mean', 'median', 'min', 'sum']);
    assert.deepEqual(Object.keys(engine.abi.derive).sort(),
      ['change', 'cumsum', 'index', 'pct_change', 'ratio', 'rolling_mean', 'share']);
    const codes = Object.values(engine.abi.derive);
    assert.equal(new Set(codes).size, codes.length);
    for (const c of codes) assert.ok(Number.isInteger(c) && c > 0);
  });

  test('limits are present and positive integers', () => {
    const want = ['max_input_bytes', 'max_depth', 'max_rows', 'max_columns', 'max_tables', 'max_name_bytes',
      'max_filters', 'max_group_keys', 'max_aggregates', 'max_sort', 'max_filter_values', 'max_derive', 'max_derive_by',
      'max_window', 'trend_max_horizon', 'trend_min_points', 'trend_min_points_holt', 'max_decimate_pixels',
      'max_stream_input_bytes', 'chart_max_bytes', 'chart_max_locales', 'chart_max_locale_bytes', 'chart_max_views',
      'chart_max_id_bytes', 'chart_max_text_bytes', 'chart_max_tab_bytes', 'chart_max_list', 'chart_max_derive', 'chart_max_in',
      'chart_max_series_values', 'chart_max_horizon', 'chart_max_panels', 'chart_max_modes', 'chart_max_names',
      'chart_max_findings', 'chart_max_values', 'chart_max_reference', 'chart_max_choices', 'chart_max_colours',
      'chart_max_zooms', 'chart_max_weight'];
    assert.deepEqual(Object.keys(engine.limits).sort(), [...want].sort());
    for (const k of want) assert.ok(Number.isInteger(engine.limits[k]) && engine.limits[k] > 0, k);
    assert.equal(engine.limits.max_input_bytes, 16 * 1024 * 1024);
    assert.equal(engine.limits.max_depth, 64);
    assert.equal(engine.limits.max_derive, 8);
  });

  test("the binding's own errors use the ABI's codes", () => {
    throwsEngine(() => engine.ingest(42), 'ARG', 'ingest: expected a string or a Uint8Array');
    const f = new Frame('t', 0, [], new Map());
    let err;
    try {
      f.col('x');
    } catch (e) {
      err = e;
    }
    assert.equal(err.code, 'COLUMN');
    assert.equal(err.status, engine.abi.status.COLUMN);
  });
});

// ---- ingest -----------------------------------------------------------------

describe('ingest of data/ev_story.json', () => {
  test('tables, row counts and column types follow the ingest rules', () => {
    const ds = engine.ingest(storyBytes);
    try {
      const want = expectedSchema(story);
      assert.equal(want.error, undefined);
      assert.deepEqual(ds.tableNames, want.tables.map((t) => t.name));
      // the tables the story needs (the dataset may add more)
      for (const name of ['sources', 'investment', 'series', 'series_points', 'projects', 'destinations',
        'indicators', 'segments', 'exports', 'conflicts', 'countries']) {
        assert.ok(ds.has(name), name);
      }
      for (const t of want.tables) {
        const ref = ds.table(t.name);
        assert.equal(ref.rowCount, t.rows, t.name);
        assert.deepEqual(ref.columns, t.columns, t.name);
      }
      const type = (table, col) => ds.table(table).columns.find((c) => c.name === col).type;
      assert.equal(ds.table('investment').rowCount, 7);
      assert.equal(type('investment', 'usd_bn'), 'number');
      assert.equal(type('investment', 'approximate'), 'boolean');
      assert.equal(type('investment', 'also_sources'), 'json');
      assert.equal(type('investment', 'market'), 'string');
      assert.equal(type('projects', 'alt_values'), 'json');
      assert.equal(ds.has('title'), false); // strings at the top are not tables
    } finally {
      ds.free();
    }
    assert.equal(engine.liveObjects(), 0);
  });

  test('every value of every table reads back as in the JSON', () => {
    const ds = engine.ingest(storyBytes);
    try {
      for (const name of ds.tableNames) {
        const rows = engine.read(ds.table(name)).rows();
        const src = story[name];
        assert.equal(rows.length, src.length, name);
        const cols = ds.table(name).columns.map((c) => c.name);
        src.forEach((r, i) => {
          for (const c of cols) {
            const want = r[c] === undefined ? null : r[c];
            assert.deepEqual(rows[i][c], want, `${name}[${i}].${c}`);
          }
        });
      }
    } finally {
      ds.free();
    }
  });

  test('non-ASCII strings (Chinese country names) round-trip, also as filters', () => {
    const ds = engine.ingest(storyBytes);
    try {
      const f = engine.read(ds.table('countries'));
      assert.deepEqual(f.col('name_zh'), story.countries.map((c) => c.name_zh));
      assert.ok(f.col('name_zh').includes('匈牙利'));
      const hun = engine.query(ds.table('countries'), { filters: [{ column: 'name_zh', eq: '匈牙利' }] });
      assert.deepEqual(hun.col('iso3'), story.countries.filter((c) => c.name_zh === '匈牙利').map((c) => c.iso3));
      assert.deepEqual(hun.col('iso3'), ['HUN']);
    } finally {
      ds.free();
    }
  });
});

describe('ingest of the shared research files', () => {
  const gg = join(SHARED, 'ev_going_global.json');
  const se = join(SHARED, 'ev_series.json');

  test('ev_going_global.json is rejected: indicators.year mixes strings and numbers', { skip: !existsSync(gg) }, () => {
    const bytes = readFileSync(gg);
    const want = expectedSchema(JSON.parse(bytes.toString('utf8')));
    // The model finds the same first mismatch: in 'indicators', the first
    // non-null 'year' is a string ("2021-2022", row 7) and row 8 holds 2024.
    assert.deepEqual(
      { table: want.error.table, column: want.error.column, want: want.error.want, got: want.error.got },
      { table: 'indicators', column: 'year', want: 'string', got: 'number' },
    );
    throwsEngine(
      () => engine.ingest(bytes),
      'TYPE',
      `table 'indicators' row ${want.error.row}, column 'year': expected string, got number`,
    );
    assert.equal(engine.liveObjects(), 0); // the tables before it were freed
    stillUsable();
  });

  test('ev_series.json ingests: its tables follow the ingest rules', { skip: !existsSync(se) }, () => {
    const bytes = readFileSync(se);
    const want = expectedSchema(JSON.parse(bytes.toString('utf8')));
    assert.equal(want.error, undefined);
    const ds = engine.ingest(bytes);
    try {
      assert.deepEqual(ds.tableNames, want.tables.map((t) => t.name));
      for (const t of want.tables) {
        assert.equal(ds.table(t.name).rowCount, t.rows);
        assert.deepEqual(ds.table(t.name).columns, t.columns);
      }
    } finally {
      ds.free();
    }
    assert.equal(engine.liveObjects(), 0);
  });
});

// ---- queries with answers from JSON.parse ---------------------------------

/** Group rows by key(row); returns Map key -> rows, keys sorted ascending
 * with null last (the engine's order for ASCII keys). */
function groupBy(rows, key) {
  const m = new Map();
  for (const r of rows) {
    const k = key(r) ?? null;
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(r);
  }
  const keys = [...m.keys()].sort((a, b) => (a === null) - (b === null) || (a < b ? -1 : a > b ? 1 : 0));
  return new Map(keys.map((k) => [k, m.get(k)]));
}
const sum = (xs) => xs.reduce((s, x) => s + x, 0);

describe('queries on data/ev_story.json', () => {
  let ds;
  before(() => {
    ds = engine.ingest(storyBytes);
  });

  test('investment of the 2025 Rhodium series by market: sum and count', () => {
    const SERIES = 'rhodium_2025_zev_supply_chain';
    const f = engine.query(ds.table('investment'), {
      filters: [{ column: 'series', eq: SERIES }],
      groupBy: ['market'],
      aggregates: [{ op: 'sum', column: 'usd_bn' }, { op: 'count' }],
    });
    const groups = groupBy(story.investment.filter((r) => r.series === SERIES), (r) => r.market);
    const want = [...groups].map(([market, rows]) => ({
      market,
      sum_usd_bn: sum(rows.map((r) => r.usd_bn)),
      count: rows.length,
    }));
    // by hand: domestic 90 + 41 + 15 = 146 (3 rows), overseas 16, total 92
    assert.deepEqual(want, [
      { market: 'domestic', sum_usd_bn: 146, count: 3 },
      { market: 'overseas', sum_usd_bn: 16, count: 1 },
      { market: 'total', sum_usd_bn: 92, count: 1 },
    ]);
    assert.deepEqual(f.rows(), want);
    assert.deepEqual(f.columns, [
      { name: 'market', type: 'string' },
      { name: 'sum_usd_bn', type: 'number' },
      { name: 'count', type: 'number' },
    ]);
  });

  test('projects by region: count of projects, count of usd_bn values, sum', () => {
    const f = engine.query(ds.table('projects'), {
      groupBy: ['region'],
      aggregates: [
        { op: 'count', as: 'projects' },
        { op: 'count', column: 'usd_bn', as: 'with_value' },
        { op: 'sum', column: 'usd_bn' },
        { op: 'max', column: 'usd_bn' },
      ],
    });
    const groups = groupBy(story.projects, (r) => r.region);
    const got = f.rows();
    assert.deepEqual(got.map((r) => r.region), [...groups.keys()]);
    [...groups].forEach(([region, rows], i) => {
      const vals = rows.map((r) => r.usd_bn).filter((v) => v !== null);
      assert.equal(got[i].projects, rows.length, region);
      assert.equal(got[i].with_value, vals.length, region);
      if (vals.length) {
        assert.ok(Math.abs(got[i].sum_usd_bn - sum(vals)) < 1e-9, `${region}: ${got[i].sum_usd_bn} vs ${sum(vals)}`);
        assert.equal(got[i].max_usd_bn, Math.max(...vals));
      } else {
        assert.equal(got[i].sum_usd_bn, null);
      }
    });
    assert.equal(sum(got.map((r) => r.projects)), story.projects.length);
    // some projects have no dollar value: counted as projects, not values
    assert.ok(got.some((r) => r.with_value < r.projects));
  });

  test('filter + sort: projects of at least US$5bn, largest first, ties in file order', () => {
    const f = engine.query(ds.table('projects'), {
      filters: [{ column: 'usd_bn', range: [5, null] }],
      sort: [{ column: 'usd_bn', desc: true }],
    });
    const want = story.projects
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.usd_bn !== null && p.usd_bn >= 5)
      .sort((a, b) => b.p.usd_bn - a.p.usd_bn || a.i - b.i)
      .map(({ p }) => [p.company, p.usd_bn]);
    assert.ok(want.length > 0);
    assert.deepEqual(f.rows().map((r) => [r.company, r.usd_bn]), want);
    assert.equal(f.columns.length, ds.table('projects').columns.length); // filter-only: all columns
  });

  test('boolean and multi-value filters', () => {
    const f = engine.query(ds.table('investment'), {
      filters: [{ column: 'approximate', eq: true }, { column: 'year', in: [2022, 2024] }],
    });
    const want = story.investment.filter((r) => r.approximate === true && [2022, 2024].includes(r.year));
    assert.deepEqual(f.rows().map((r) => [r.period, r.market]), want.map((r) => [r.period, r.market]));
    assert.deepEqual(f.col('approximate'), want.map(() => true));
  });

  test('missing values: rows() gives null, col() gives NaN for numbers', () => {
    const f = engine.read(ds.table('investment'));
    const i = story.investment.findIndex((r) => r.year === null);
    assert.ok(i >= 0);
    assert.equal(f.rows()[i].year, null);
    assert.ok(Number.isNaN(f.col('year')[i]));
    assert.ok(f.col('year') instanceof Float64Array);
    const b = story.investment.findIndex((r) => r.bound === null);
    assert.equal(f.rows()[b].bound, null);
    assert.equal(f.col('bound')[b], null);
    // a null / undefined filter value matches nothing (missing never matches)
    assert.equal(engine.query(ds.table('investment'), { filters: [{ column: 'year', eq: null }] }).rowCount, 0);
    assert.equal(engine.query(ds.table('investment'), { filters: [{ column: 'year', in: [undefined] }] }).rowCount, 0);
  });

  test('null and undefined filter values match nothing, on any column type', () => {
    // v holds a 0: Number(null) would be 0 and match it
    const d2 = engine.ingest('[{"v":0,"s":"a"},{"v":null,"s":null},{"v":1,"s":"b"}]');
    try {
      const t = d2.table('data');
      assert.equal(engine.query(t, { filters: [{ column: 'v', eq: null }] }).rowCount, 0);
      assert.equal(engine.query(t, { filters: [{ column: 'v', eq: undefined }] }).rowCount, 0);
      assert.equal(engine.query(t, { filters: [{ column: 's', eq: null }] }).rowCount, 0);
      assert.deepEqual(engine.query(t, { filters: [{ column: 'v', in: [null, 0] }] }).col('s'), ['a']);
      assert.deepEqual(engine.query(t, { filters: [{ column: 's', in: ['b', null] }] }).col('s'), ['b']);
    } finally {
      d2.free();
    }
  });

  test('a 0-row result keeps its columns', () => {
    const f = engine.query(ds.table('projects'), { filters: [{ column: 'region', eq: 'Antarctica' }] });
    assert.equal(f.rowCount, 0);
    assert.deepEqual(f.rows(), []);
    assert.deepEqual(f.columns, ds.table('projects').columns);
    assert.equal(f.col('usd_bn').length, 0);
    const g = engine.query(ds.table('projects'), {
      filters: [{ column: 'region', in: [] }],
      aggregates: [{ op: 'count' }, { op: 'mean', column: 'usd_bn' }],
    });
    assert.deepEqual(g.rows(), [{ count: 0, mean_usd_bn: null }]); // mean of nothing is missing, not 0
  });

  test('ticks and nice through the binding', () => {
    assert.deepEqual(engine.ticks(0, 92, 5), [0, 20, 40, 60, 80]);
    assert.deepEqual(engine.ticks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
    assert.deepEqual(engine.nice(0, 92, 5), [0, 100]);
    throwsEngine(() => engine.ticks(0, NaN, 5), 'ARG', 'ticks: bounds must be finite numbers');
    assert.equal(engine.liveObjects(), ds.tableNames.length); // ds's tables only
  });

  test('query errors say which table, step and column', () => {
    const inv = ds.table('investment');
    throwsEngine(() => engine.query(inv, { filters: [{ column: 'nope', eq: 1 }] }), 'COLUMN',
      "query on table 'investment': filter 1: no column 'nope'");
    throwsEngine(() => engine.query(inv, { filters: [{ column: 'series', eq: 'x' }, { column: 'usd', range: [0, 1] }] }),
      'COLUMN', "query on table 'investment': filter 2: no column 'usd'");
    throwsEngine(() => engine.query(inv, { groupBy: ['region'] }), 'COLUMN',
      "query on table 'investment': group by: no column 'region'");
    throwsEngine(() => engine.query(inv, { filters: [{ column: 'market', range: [0, 1] }] }), 'TYPE',
      "query on table 'investment': filter 1: a range needs a number column, 'market' is string");
    throwsEngine(() => engine.query(inv, { aggregates: [{ op: 'sum', column: 'market' }] }), 'TYPE',
      "query on table 'investment': aggregate 1: cannot take the sum of 'market', a string column");
    throwsEngine(() => engine.query(inv, { filters: [{ column: 'usd_bn', eq: '92' }] }), 'TYPE',
      "query on table 'investment': filter 1: column 'usd_bn' is number, got string values");
    throwsEngine(() => engine.query(inv, { aggregates: [{ op: 'sum', column: 'usd_bn' }, { op: 'sum', column: 'usd_bn' }] }),
      'ARG', "query on table 'investment': aggregate 2: output column 'sum_usd_bn' already exists; give it another name with 'as'");
    throwsEngine(() => engine.query(inv, { groupBy: ['market'], sort: [{ column: 'usd_bn' }] }), 'COLUMN',
      "query on table 'investment': sort: no output column 'usd_bn'");
    throwsEngine(() => engine.query(inv, { aggregates: [{ op: 'avg', column: 'usd_bn' }] }), 'ARG', "unknown aggregate 'avg'");
    throwsEngine(() => engine.query(inv, { filters: [{ column: 'usd_bn' }] }), 'ARG', /needs 'eq', 'in' or 'range'/);
    throwsEngine(() => engine.query(inv, { filters: [{ column: 'market', in: ['a', 1] }] }), 'ARG',
      "query: filter 1 on 'market' mixes numbers and strings");
    throwsEngine(() => ds.table('nope'), 'ARG', /the dataset has no table 'nope' \(tables: 'sources', /);
    assert.equal(engine.liveObjects(), ds.tableNames.length); // no query or result left behind
  });

  test('a freed dataset gives HANDLE errors, and freeing twice is fine', () => {
    const d2 = engine.ingest('[{"a":1}]');
    const ref = d2.table('data');
    d2.free();
    d2.free();
    throwsEngine(() => engine.read(ref), 'HANDLE', `unknown or freed table handle ${ref.handle}`);
    assert.equal(engine.liveObjects(), ds.tableNames.length);
  });

  test('cleanup', () => {
    ds.free();
    assert.equal(engine.liveObjects(), 0);
  });
});

// ---- derived series and log ticks ----------------------------------------

/** |a - b| within tol * max(1, |b|); null only equals null. */
function near(a, b, tol, what) {
  if (a === null || b === null) return assert.equal(a, b, what);
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

describe('derived series on data/ev_story.json', () => {
  let ds;
  before(() => {
    ds = engine.ingest(storyBytes);
  });

  test('NEV share of vehicle exports: ratio to the CAAM total of the same year', () => {
    const NEV = 'caam_nev_exports';
    const TOTAL = 'caam_vehicle_exports_total';
    const f = engine.query(ds.table('series_points'), {
      filters: [{ column: 'series_id', in: [NEV, TOTAL] }],
      derive: [{ op: 'ratio', column: 'value', by: ['year'], key: 'series_id', denominator: TOTAL, as: 'share' }],
    });
    // independently: the total of each year, then value / total per row
    const points = story.series_points.filter((p) => p.series_id === NEV || p.series_id === TOTAL);
    const totals = new Map();
    for (const p of points) {
      if (p.series_id !== TOTAL) continue;
      assert.ok(!totals.has(p.year), `one total per year (${p.year})`);
      totals.set(p.year, p.value);
    }
    const want = points.map((p) => {
      const d = totals.get(p.year);
      const share = p.value === null || d === undefined || d === null || d === 0 ? null : p.value / d;
      return { series_id: p.series_id, year: p.year, share };
    });
    assert.deepEqual(f.rows().map((r) => ({ series_id: r.series_id, year: r.year, share: r.share })), want);
    assert.deepEqual(f.columns.at(-1), { name: 'share', type: 'number' });
    // by hand, 2024: 1,284,000 NEV of 5,859,000 vehicles = 21.9%
    const nev2024 = f.rows().find((r) => r.series_id === NEV && r.year === 2024);
    if (nev2024 && nev2024.value === 1284000 && totals.get(2024) === 5859000) {
      near(nev2024.share, 0.21915, 1e-5, 'NEV share 2024');
    }
    const nevShares = want.filter((r) => r.series_id === NEV);
    assert.ok(nevShares.length >= 3 && nevShares.every((r) => r.share > 0 && r.share < 1));
  });

  test("overseas share of 2024 investment: share by period = 16 / (15 + 16)", () => {
    const SERIES = 'rhodium_2025_zev_supply_chain';
    const f = engine.query(ds.table('investment'), {
      filters: [{ column: 'series', eq: SERIES }],
      derive: [{ op: 'share', column: 'usd_bn', by: ['period'] }],
    });
    const rows = story.investment.filter((r) => r.series === SERIES);
    const byPeriod = groupBy(rows, (r) => r.period);
    const want = rows.map((r) => {
      const vals = byPeriod.get(r.period).map((x) => x.usd_bn);
      const total = sum(vals);
      return vals.includes(null) || total === 0 || r.usd_bn === null ? null : r.usd_bn / total;
    });
    const got = f.col('share_usd_bn');
    assert.equal(got.length, want.length);
    want.forEach((w, i) => near(Number.isNaN(got[i]) ? null : got[i], w, 1e-15, `row ${i + 1}`));
    const i2024 = f.rows().findIndex((r) => r.period === '2024' && r.market === 'overseas');
    assert.ok(i2024 >= 0);
    assert.equal(got[i2024], 16 / (15 + 16)); // by hand: 0.516..., overseas narrowly ahead
    const d2024 = f.rows().findIndex((r) => r.period === '2024' && r.market === 'domestic');
    assert.equal(got[d2024], 15 / 31);
  });

  test('year-on-year % change of CAAM NEV production', () => {
    const ID = 'caam_nev_production';
    const f = engine.query(ds.table('series_points'), {
      filters: [{ column: 'series_id', eq: ID }],
      derive: [{ op: 'pct_change', column: 'value', order: 'year', as: 'yoy' }],
    });
    const rows = story.series_points.filter((p) => p.series_id === ID);
    const byYear = new Map(rows.map((p) => [p.year, p.value]));
    const want = rows.map((p) => {
      const prev = byYear.get(p.year - 1); // a missing year is a gap: no value
      if (p.year === null || prev === undefined || prev === null || p.value === null || prev === 0) return null;
      return (100 * (p.value - prev)) / Math.abs(prev);
    });
    const got = f.rows().map((r) => r.yoy);
    assert.equal(got.length, want.length);
    want.forEach((w, i) => near(got[i], w, 1e-12, `${rows[i].year}`));
    assert.equal(got[rows.findIndex((p) => p.year === Math.min(...rows.map((r) => r.year)))], null); // the first year
    // by hand, 2025 over 2024: 100 * (16,626,000 - 12,888,000) / 12,888,000 = 29.0%
    if (byYear.get(2025) === 16626000 && byYear.get(2024) === 12888000) {
      near(got[rows.findIndex((p) => p.year === 2025)], 29.003724394785848, 1e-12, '2025');
    }
  });

  test("cumulative US$bn of projects by year announced: group, sum, then cumsum", () => {
    const f = engine.query(ds.table('projects'), {
      groupBy: ['year_announced'],
      aggregates: [{ op: 'sum', column: 'usd_bn' }],
      derive: [{ op: 'cumsum', column: 'sum_usd_bn', order: 'year_announced', as: 'cumulative' }],
    });
    // independently: known years ascending, then the missing year last
    const groups = groupBy(story.projects, (p) => p.year_announced);
    const years = [...groups.keys()].filter((y) => y !== null).sort((a, b) => a - b);
    if (groups.has(null)) years.push(null);
    let running = 0;
    let broken = false;
    const want = years.map((y) => {
      const vals = groups.get(y).map((p) => p.usd_bn).filter((v) => v !== null);
      const s = vals.length ? sum(vals) : null; // a sum of nothing is missing
      if (y === null) return { year_announced: y, sum_usd_bn: s, cumulative: null }; // no year: no place in the run
      if (s === null) broken = true; // missing from here on
      if (!broken) running += s;
      return { year_announced: y, sum_usd_bn: s, cumulative: broken ? null : running };
    });
    const got = f.rows();
    assert.deepEqual(got.map((r) => r.year_announced), want.map((r) => r.year_announced));
    want.forEach((w, i) => {
      near(got[i].sum_usd_bn, w.sum_usd_bn, 1e-12, `sum ${w.year_announced}`);
      near(got[i].cumulative, w.cumulative, 1e-12, `cumulative ${w.year_announced}`);
    });
    const last = want.filter((r) => r.year_announced !== null).at(-1);
    assert.ok(last.cumulative > 0);
  });

  test('gaps stay gaps: change next to a missing year is null', () => {
    const d2 = engine.ingest(
      '{"t":[{"c":"A","y":2019,"v":1},{"c":"A","y":2020,"v":3},{"c":"A","y":2022,"v":10},' +
        '{"c":"B","y":2020,"v":null},{"c":"B","y":2021,"v":4},{"c":"B","y":2022,"v":6}]}',
    );
    try {
      const f = engine.query(d2.table('t'), {
        derive: [
          { op: 'change', column: 'v', order: 'y', partition: ['c'] },
          { op: 'index', column: 'v', order: 'y', base: 2020, partition: ['c'], as: 'idx' },
          { op: 'rolling_mean', column: 'v', order: 'y', window: 2, partition: ['c'], as: 'mean2' },
          { op: 'cumsum', column: 'v', order: 'y', partition: ['c'], as: 'run' },
        ],
        sort: [{ column: 'c' }, { column: 'y', desc: true }],
      });
      // A: 2020 - 2019 = 2; 2022 has no 2021: null. B: 2021 follows a missing
      // value: null; 2022: 6 - 4 = 2. index to 2020: A 3 -> 33.3, 100, 333.3;
      // B's 2020 is missing: all null. cumsum: A 1, 4, 14; B null from 2020 on.
      assert.deepEqual(f.rows(), [
        { c: 'A', y: 2022, v: 10, change_v: null, idx: 1000 / 3, mean2: null, run: 14 },
        { c: 'A', y: 2020, v: 3, change_v: 2, idx: 100, mean2: 2, run: 4 },
        { c: 'A', y: 2019, v: 1, change_v: null, idx: 100 / 3, mean2: null, run: 1 },
        { c: 'B', y: 2022, v: 6, change_v: 2, idx: null, mean2: 5, run: null },
        { c: 'B', y: 2021, v: 4, change_v: null, idx: null, mean2: null, run: null },
        { c: 'B', y: 2020, v: null, change_v: null, idx: null, mean2: null, run: null },
      ]);
    } finally {
      d2.free();
    }
  });

  test('derive errors name the table, the step and the column', () => {
    const inv = ds.table('investment');
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'share', column: 'usd' }] }), 'COLUMN',
      "query on table 'investment': derive 1 (share): no output column 'usd'");
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'share', column: 'usd_bn', by: ['region'] }] }), 'COLUMN',
      "query on table 'investment': derive 1 (share): by: no output column 'region'");
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'share', column: 'market' }] }), 'TYPE',
      "query on table 'investment': derive 1 (share): cannot take the share of 'market', a string column");
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'change', column: 'usd_bn', order: 'period' }] }), 'TYPE',
      "query on table 'investment': derive 1 (change): order column 'period' is string; it must be a number column");
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'change', column: 'usd_bn', order: 'year' }] }), 'ARG',
      /^query on table 'investment': derive 1 \(change\): two rows have year = 20\d\d; partition by the column/);
    // one overseas row per year, but several in the whole table
    assert.equal(engine.query(inv, {
      derive: [{ op: 'ratio', column: 'usd_bn', key: 'market', denominator: 'overseas', by: ['year'] }],
    }).rowCount, story.investment.length);
    throwsEngine(() => engine.query(inv, {
      derive: [{ op: 'ratio', column: 'usd_bn', key: 'market', denominator: 'overseas' }],
    }), 'ARG', "query on table 'investment': derive 1 (ratio): two rows have market = 'overseas'; the denominator must be one row");
    throwsEngine(() => engine.query(inv, {
      derive: [{ op: 'ratio', column: 'usd_bn', key: 'market', denominator: 1 }],
    }), 'TYPE', "query on table 'investment': derive 1 (ratio): key column 'market' is string, got a number denominator");
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'index', column: 'usd_bn', order: 'year' }] }), 'ARG',
      "query on table 'investment': derive 1 (index): needs a base (the order value of the row to index to)");
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'share', column: 'usd_bn', as: 'year' }] }), 'ARG',
      "query on table 'investment': derive 1 (share): output column 'year' already exists; give it another name with 'as'");
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'rolling_mean', column: 'usd_bn', order: 'year', window: 1.5 }] }),
      'ARG', 'query: derive 1 (rolling_mean): window must be a whole number from 1 to 1000, got 1.5');
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'share', column: 'usd_bn', order: 'year' }] }), 'ARG',
      'query: derive 1 (share) takes no order');
    throwsEngine(() => engine.query(inv, { derive: Array(9).fill({ op: 'share', column: 'usd_bn' }) }), 'LIMIT',
      'query: more than 8 derive steps (limit)');
    // the binding's own checks, in the same words
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'avg', column: 'usd_bn' }] }), 'ARG',
      "query: derive 1 (avg): unknown op 'avg'");
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'toString', column: 'usd_bn' }] }), 'ARG',
      "query: derive 1 (toString): unknown op 'toString'");
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'share', column: 'usd_bn', bye: ['x'] }] }), 'ARG',
      "query: derive 1 (share): unknown setting 'bye'");
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'cumsum', column: 'usd_bn', order: 'year', by: ['a'], partition: ['b'] }] }),
      'ARG', "query: derive 1 (cumsum): give 'by' or 'partition', not both");
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'share', column: 'usd_bn', by: 'market' }] }), 'ARG',
      "query: derive 1 (share): 'by' must be an array of column names");
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'ratio', column: 'usd_bn', key: 'market', denominator: {} }] }),
      'ARG', 'query: derive 1 (ratio): the denominator must be a string, number or boolean');
    throwsEngine(() => engine.query(inv, { derive: [{ op: 'index', column: 'usd_bn', order: 'year', base: '2024' }] }),
      'ARG', 'query: derive 1 (index): base must be a number');
    throwsEngine(() => engine.query(inv, { derive: [null] }), 'ARG', 'query: derive 1: expected an object');
    assert.equal(engine.liveObjects(), ds.tableNames.length); // no query or result left behind
  });

  test('a boolean key takes true / false as its denominator', () => {
    const d2 = engine.ingest('[{"est":true,"v":8},{"est":false,"v":2}]');
    try {
      const f = engine.query(d2.table('data'), {
        derive: [{ op: 'ratio', column: 'v', key: 'est', denominator: true }],
      });
      assert.deepEqual(Array.from(f.col('ratio_v')), [1, 0.25]);
    } finally {
      d2.free();
    }
  });

  test('log ticks and log nice through the binding', () => {
    assert.deepEqual(engine.ticks(1, 1e6, 5, { log: true }), [1, 10, 100, 1000, 1e4, 1e5, 1e6]);
    // 3 powers are enough for 5 ticks; for 10, the 2x and 5x multiples join
    assert.deepEqual(engine.ticks(75000, 16000000, 5, { log: true }), [1e5, 1e6, 1e7]);
    assert.deepEqual(engine.ticks(75000, 16000000, 10, { log: true }), [1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7]);
    assert.deepEqual(engine.ticks(0.5, 3, 5, { log: true }), [0.5, 1, 2]);
    assert.deepEqual(engine.ticks(0.01, 0.5, 10, { log: true }), [0.01, 0.02, 0.05, 0.1, 0.2, 0.5]);
    assert.deepEqual(engine.ticks(0, 92, 5, { log: false }), [0, 20, 40, 60, 80]);
    assert.deepEqual(engine.nice(75000, 16000000, 5, { log: true }), [1e4, 1e8]);
    assert.deepEqual(engine.nice(0.03, 0.7, 5, { log: true }), [0.01, 1]);
    throwsEngine(() => engine.ticks(0, 100, 5, { log: true }), 'ARG',
      'log ticks: bounds must be finite numbers above 0, got 0 and 100');
    throwsEngine(() => engine.nice(-1, 100, 5, { log: true }), 'ARG',
      'log ticks: bounds must be finite numbers above 0, got -1 and 100');
    // the CAAM NEV production range on a log axis (78,500 to 16.6 million):
    // the powers of ten within it, 1e5, 1e6, 1e7, are enough for 5 ticks
    const vals = story.series_points.filter((p) => p.series_id === 'caam_nev_production' && p.value > 0).map((p) => p.value);
    const [lo, hi] = [Math.min(...vals), Math.max(...vals)];
    const powers = [];
    for (let k = 0; k <= 22; k++) if (10 ** k >= lo && 10 ** k <= hi) powers.push(10 ** k);
    assert.ok(2 * powers.length >= 5, `${powers}`);
    assert.deepEqual(engine.ticks(lo, hi, 5, { log: true }), powers);
  });

  test('cleanup', () => {
    ds.free();
    assert.equal(engine.liveObjects(), 0);
  });
});

// ---- bad inputs -----------------------------------------------------------

function nested(depth) {
  // [{"a": + (depth-2) '[' ... ']' + }]: `depth` levels in all
  return '[{"a":' + '['.repeat(depth - 2) + ']'.repeat(depth - 2) + '}]';
}

describe('bad inputs through the binding', () => {
  const cases = [
    ['malformed, multi-line', '{\n  "t": [\n    {"a": 1},\n    {"a": tru}\n  ]\n}', 'PARSE',
      "JSON parse error at line 4, column 11: invalid literal 'tru' (expected true, false or null)"],
    ['trailing garbage', '[{"a":1}]\n  x', 'PARSE',
      'JSON parse error at line 2, column 3: unexpected data after the end of the JSON value'],
    ['empty input', '', 'PARSE', 'JSON parse error at line 1, column 1: the input is empty'],
    ['only whitespace', ' \n ', 'PARSE', 'JSON parse error at line 2, column 2: the input holds no JSON value, only whitespace'],
    ['empty array', '[]', 'SHAPE', 'the document is an empty array: no records to make a table from'],
    ['no tables', '{"title":"x","list":[1,2]}', 'SHAPE',
      'no tables found: expected an array of records, or an object whose members are arrays of records'],
    ['a scalar', '3', 'SHAPE', /^the document is a number, not a table/],
    ['non-object row', '{"t":[{"a":1},[2]]}', 'SHAPE', "table 't' row 2: expected an object (a record), got array"],
    ['wrong type', '{"projects":[{"usd_bn":1},{"usd_bn":true}]}', 'TYPE',
      "table 'projects' row 2, column 'usd_bn': expected number, got boolean"],
    ['quoted number', '[{"v":1},{"v":"2"}]', 'TYPE',
      'table \'data\' row 2, column \'v\': expected number, got string "2" (numbers must not be quoted; use null for a missing value)'],
    ['"NaN" string', '[{"v":1},{"v":"NaN"}]', 'TYPE', /row 2, column 'v': expected number, got string "NaN"/],
    ['"Infinity" string', '[{"v":1},{"v":"Infinity"}]', 'TYPE', /row 2, column 'v': expected number, got string "Infinity"/],
    ['bare NaN', '[{"v":NaN}]', 'PARSE', "JSON parse error at line 1, column 7: invalid literal 'NaN' (expected true, false or null)"],
    ['1e400', '[{"v":1},{"v":1e400}]', 'RANGE',
      "table 'data' row 2, column 'v': number out of range (overflows a 64-bit float)"],
    ['nesting 65 deep', nested(65), 'LIMIT', 'JSON nesting deeper than 64 levels at line 1, column 69 (limit)'],
    ['257 columns', '[{' + Array.from({ length: 257 }, (_, i) => `"c${i}":${i}`).join(',') + '}]', 'LIMIT',
      "table 'data' row 1: more than 256 columns (limit)"],
    ['65 tables', '{' + Array.from({ length: 65 }, (_, i) => `"t${i}":[{"v":1}]`).join(',') + '}', 'LIMIT',
      'more than 64 tables in the document (limit)'],
    ['a long column name', `[{"${'n'.repeat(257)}":1}]`, 'LIMIT',
      "table 'data' row 1: a column name is 257 bytes long (limit 256)"],
  ];
  for (const [name, input, code, message] of cases) {
    test(name, () => {
      throwsEngine(() => engine.ingest(input), code, message);
      assert.equal(engine.liveObjects(), 0);
      stillUsable();
    });
  }

  test('nesting 64 deep is accepted; the json column holds the nest', () => {
    const ds = engine.ingest(nested(64));
    try {
      const a = engine.read(ds.table('data')).col('a')[0];
      let depth = 0;
      for (let v = a; Array.isArray(v); v = v[0]) depth++;
      assert.equal(depth, 62);
    } finally {
      ds.free();
    }
  });

  test('input over the size limit is refused before it reaches the engine', () => {
    const max = engine.limits.max_input_bytes;
    const big = new Uint8Array(max + 1).fill(0x21); // "!!!...": not even JSON
    // (path 'auto' reads inputs past the tree path's limit with the stream
    // path: tests/js/ingest-stream.test.mjs)
    throwsEngine(() => engine.ingest(big, { path: 'tree' }), 'LIMIT',
      `input is ${max + 1} bytes, over the limit of ${max} bytes`);
    stillUsable();
    // exactly at the limit is fine (and grows WASM memory; views are re-read)
    const ok = new Uint8Array(max).fill(0x20);
    ok.set(new TextEncoder().encode('[{"a":"at the limit","b":2}]'));
    const ds = engine.ingest(ok);
    assert.deepEqual(engine.read(ds.table('data')).rows(), [{ a: 'at the limit', b: 2 }]);
    ds.free();
    stillUsable();
  });

  test('10 MB of pseudo-random bytes: a clean PARSE error', () => {
    const bytes = new Uint8Array(10 * 1024 * 1024);
    let x = 0x2545f491; // xorshift32, fixed seed
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = x & 0xff;
    }
    throwsEngine(() => engine.ingest(bytes), 'PARSE', /^JSON parse error at line \d+, column \d+/);
    // the same bytes starting like a document, then a byte that cannot
    // start a value (cJSON would skip a random byte <= 0x20 as whitespace)
    bytes.set(new TextEncoder().encode('[{"a":!'));
    throwsEngine(() => engine.ingest(bytes), 'PARSE', /^JSON parse error at line 1, column 7: expected a value after ':', got '!'$/);
    stillUsable();
  });

  test('non-ASCII text in an error message arrives intact', () => {
    const e = throwsEngine(() => engine.ingest('{"国家":[{"名称":1},{"名称":"匈牙利"}]}'), 'TYPE');
    assert.equal(e.message,
      "table '国家' row 2, column '名称': expected number, got string \"匈牙利\" (numbers must not be quoted; use null for a missing value)");
    stillUsable();
  });

  test('a trap kills the instance and every later call says so', async () => {
    const e2 = await loadEngine();
    // a pointer far outside WASM memory: the engine traps reading it
    let err;
    try {
      e2._call('api_ingest_json', 0x7ffffff0, 100, 8, 64);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof EngineError);
    assert.equal(err.code, 'TRAP');
    assert.equal(e2.dead, true);
    assert.throws(() => e2.ingest('[{"a":1}]'), (e) => e.code === 'TRAP' && /reload/.test(e.message));
    stillUsable(); // the other instance is unaffected
  });

  test('discard(): later calls are TRAP with the reason; freeing its datasets is a no-op', async () => {
    const e2 = await loadEngine();
    const ds = e2.ingest('[{"a":1}]');
    assert.ok(e2.memoryBytes >= 16 * 1024 * 1024, 'the initial 16 MiB');
    e2.discard('the engine ran out of memory');
    assert.equal(e2.dead, true);
    assert.throws(() => e2.ingest('[{"a":1}]'),
      (e) => e.code === 'TRAP' && e.message === 'the engine ran out of memory; load the data into a new instance');
    assert.throws(() => e2.read(ds.table('data')), (e) => e.code === 'TRAP');
    ds.free(); // nothing to free in a discarded instance, and no throw
    stillUsable();
  });

  test('a column named __proto__ (or constructor) is an own property of each row, never a prototype', () => {
    const text = '[{"__proto__":{"polluted":1},"constructor":"c","prototype":[1]},{"__proto__":null,"constructor":null,"prototype":null}]';
    const ds = engine.ingest(text);
    const rows = engine.read(ds.table('data')).rows();
    assert.deepEqual(rows.map((r) => Object.keys(r)), [['__proto__', 'constructor', 'prototype'], ['__proto__', 'constructor', 'prototype']]);
    assert.equal(Object.getPrototypeOf(rows[0]), Object.prototype);
    assert.equal(Object.getPrototypeOf(rows[1]), Object.prototype);
    assert.equal(rows[0].polluted, undefined);
    assert.deepEqual(Object.getOwnPropertyDescriptor(rows[0], '__proto__').value, { polluted: 1 });
    assert.equal(Object.getOwnPropertyDescriptor(rows[1], '__proto__').value, null);
    assert.equal(rows[0].constructor, 'c');
    assert.equal(({}).polluted, undefined);
    // the same rows as JSON.parse reads them (it defines own properties too)
    assert.deepEqual(JSON.stringify(rows), JSON.stringify(JSON.parse(text)));
    ds.free();
  });
});

// ---- leaks ----------------------------------------------------------------

test('2000 ingest -> query -> free cycles leak nothing and memory stops growing', () => {
  const mod = engine._mod;
  let settled = 0;
  for (let i = 0; i < 2000; i++) {
    const ds = engine.ingest(storyBytes);
    const f = engine.query(ds.table('projects'), {
      filters: [{ column: 'usd_bn', range: [0, null] }],
      groupBy: ['region'],
      aggregates: [{ op: 'median', column: 'usd_bn' }, { op: 'count' }],
      sort: [{ column: 'count', desc: true }],
    });
    assert.ok(f.rowCount > 0);
    if (i % 100 === 0) {
      // an error path in the loop too
      assert.throws(() => engine.query(ds.table('projects'), { groupBy: ['nope'] }));
    }
    ds.free();
    if (i === 50) settled = mod.HEAPU8.length;
  }
  assert.equal(engine.liveObjects(), 0);
  assert.equal(mod.HEAPU8.length, settled, 'WASM memory grew after the first 50 cycles');
});

// ---- hostile input: limits, JSON edge cases, memory, leaks ---------------
// (README "Errors" and "Limits"; wasm/json_strict.h, wasm/json_doc.h)

const DEBUG_BUILD = join(REPO, '.cache', 'engine-debug');
const debugSkip = !existsSync(join(DEBUG_BUILD, 'engine.wasm')) && 'no .cache/engine-debug: ./build.sh test builds it';

/** A fresh instance of the debug build (-sASSERTIONS=2, SAFE_HEAP, mallinfo
 * exported; build.sh build_engine_debug). Its notes on every heap resize
 * (console.log / warn, bound when the module is made) are dropped. */
async function loadDebugEngine() {
  const require = createRequire(import.meta.url);
  const { log, warn } = console;
  const quiet = (to) => (...a) => {
    if (!/^(Heap resize call|Cannot enlarge memory)/.test(String(a[0]))) to(...a);
  };
  console.log = quiet(log);
  console.warn = quiet(warn);
  try {
    return await createEngine({
      factory: require(join(DEBUG_BUILD, 'engine.js')),
      wasmBinary: readFileSync(join(DEBUG_BUILD, 'engine.wasm')),
    });
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

/** Bytes the allocator has handed out and not taken back (mallinfo's
 * uordblks), in a build that exports mallinfo. */
function heapInUse(e) {
  const mod = e._mod;
  const p = mod._malloc(40); // struct mallinfo: ten ints, uordblks is the 8th
  mod._mallinfo(p);
  const v = mod.HEAP32[(p >> 2) + 7];
  mod._free(p);
  return v;
}

/** [{"c0":0,...,"c<cols-1>":cols-1},{},{},...]: rows records, all but the
 * first empty, so a small text makes a table of rows x cols numbers. */
function wideDoc(cols, rows) {
  return '[{' + Array.from({ length: cols }, (_, i) => `"c${i}":${i}`).join(',') + '}' + ',{}'.repeat(rows - 1) + ']';
}

describe('limits and JSON edge cases through the binding', () => {
  test('rows: 1,000,000 are fine, one more is LIMIT before any table is made', () => {
    const ds = engine.ingest(wideDoc(1, 1000000));
    assert.equal(ds.table('data').rowCount, 1000000);
    ds.free();
    throwsEngine(() => engine.ingest(wideDoc(1, 1000001)), 'LIMIT', "table 'data': more than 1000000 rows (limit)");
    stillUsable();
  });

  test('a UTF-8 byte order mark at the start is skipped', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('[{"a":"x"}]')]);
    const ds = engine.ingest(bom);
    assert.deepEqual(engine.read(ds.table('data')).rows(), [{ a: 'x' }]);
    ds.free();
    stillUsable();
  });

  test('duplicate keys: the last value wins, as in JSON.parse', () => {
    const text = '{"t":[{"a":1,"a":2,"b":"x","b":null}],"t":[{"a":3,"a":"y"}]}';
    throwsEngine(() => engine.ingest(text), 'TYPE', "table 't' row 1, column 'a': expected number, got string \"y\" (numbers must not be quoted; use null for a missing value)");
    const ds = engine.ingest('[{"a":1,"a":2,"b":"x","b":null}]');
    assert.deepEqual(engine.read(ds.table('data')).rows(), JSON.parse('[{"a":1,"a":2,"b":"x","b":null}]'));
    ds.free();
  });

  test('\\u0000 is refused (RANGE), never cut short; other escapes are kept', () => {
    throwsEngine(() => engine.ingest('[{"a":"x\\u0000y"}]'), 'RANGE',
      'a \\u0000 escape (U+0000, NUL) at line 1, column 9: the engine does not accept NUL characters in strings');
    throwsEngine(() => engine.ingest('{"note":"\\u0000","t":[{"a":1}]}'), 'RANGE', /^a \\u0000 escape .* column 10:/);
    throwsEngine(() => engine.ingest('["\\u0000"]'), 'SHAPE', "table 'data' row 1: expected an object (a record), got string");
    const ds = engine.ingest('[{"a":"\\u0001\\t\\u00e9\\ud83d\\ude00"}]');
    assert.equal(engine.read(ds.table('data')).col('a')[0], '\u0001\t\u00e9\u{1F600}');
    ds.free();
    stillUsable();
  });

  test('overflow is RANGE (in a column or nested), underflow is 0, long integers the nearest double', () => {
    throwsEngine(() => engine.ingest('[{"x":1.5e+9999}]'), 'RANGE',
      "table 'data' row 1, column 'x': number out of range (overflows a 64-bit float)");
    throwsEngine(() => engine.ingest('[{"j":[1,{"k":-1e400}]}]'), 'RANGE',
      "table 'data' row 1, column 'j': number out of range (overflows a 64-bit float) in the nested value");
    const text = '[{"x":123e-10000000},{"x":-237462374673276894279832749832423479823246327846},{"x":-0}]';
    const ds = engine.ingest(text);
    assert.deepEqual(Array.from(engine.read(ds.table('data')).col('x')), JSON.parse(text).map((r) => r.x));
    ds.free();
  });

  test('invalid UTF-8, lone surrogates and what cJSON alone let through are PARSE errors, located', () => {
    const bytes = (...b) => new Uint8Array(b);
    const at = 'JSON parse error at line 1, column ';
    throwsEngine(() => engine.ingest(bytes(0x5b, 0x22, 0xff, 0x22, 0x5d)), 'PARSE', `${at}3: invalid UTF-8 byte 0xFF in a string`);
    throwsEngine(() => engine.ingest('[{"s":"\\uD83D"}]'), 'PARSE', `${at}8: lone surrogate \\uD83D in a string`);
    throwsEngine(() => engine.ingest('[{"a":012}]'), 'PARSE', `${at}7: leading zero in a number`);
    throwsEngine(() => engine.ingest('[{"a":2.}]'), 'PARSE', `${at}9: expected a digit after the decimal point`);
    throwsEngine(() => engine.ingest('[{"a":"\n"}]'), 'PARSE', `${at}8: control character U+000A in a string`);
    throwsEngine(() => engine.ingest('[{"a":"\\u12G4"}]'), 'PARSE', `${at}8: invalid \\u escape (expected 4 hex digits)`);
    throwsEngine(() => engine.ingest('[{"a":1}\f]'), 'PARSE',
      `${at}9: expected ',' or ']' after an array element, got control character U+000C`);
    throwsEngine(() => engine.ingest('{“a”: 1}'), 'PARSE',
      `${at}2: expected a string key or '}', got '“' (U+201C) (JSON strings need straight double quotes)`);
    stillUsable();
  });
});

/** Runs out of WASM memory (1 GiB) three ways and checks each is a clean
 * NOMEM that keeps nothing (inUse: bytes in use, or null without mallinfo). */
function outOfMemory(e, inUse) {
  const live = () => e.liveObjects();
  const warm = e.ingest('[{"a":1}]');
  warm.free();
  const base = inUse();
  const nomem = (fn, message) => {
    let err;
    try {
      fn();
    } catch (x) {
      err = x;
    }
    assert.ok(err instanceof EngineError, `expected NOMEM, got ${err}`);
    assert.equal(err.code, 'NOMEM', err.message);
    assert.match(err.message, message);
    assert.equal(e.dead, false);
  };
  // 1. a table of 1,000,000 rows x 256 numbers is 2 GiB: out of memory while
  //    adding its columns (a 3 MB text, well inside every limit)
  // (the tree path: the stream path's NOMEM is in ingest-stream.test.mjs)
  nomem(() => e.ingest(wideDoc(256, 1000000), { path: 'tree' }), /^out of memory adding column 'c\d+'$/);
  assert.equal(live(), 0);
  assert.equal(inUse(), base);
  // 2. with 880 MB held by a table of 110 columns, a 16 MiB array of zeros
  //    needs ~380 MB of cJSON nodes: out of memory while parsing
  const held = e.ingest(wideDoc(110, 1000000));
  const heldBytes = inUse();
  const zeros = new Uint8Array(e.limits.max_input_bytes - 1).fill(0x2c); // [0,0,...,0]
  for (let i = 1; i < zeros.length; i += 2) zeros[i] = 0x30;
  zeros[0] = 0x5b;
  zeros[zeros.length - 1] = 0x5d;
  nomem(() => e.ingest(zeros, { path: 'tree' }), /^out of memory parsing JSON$/);
  assert.equal(live(), 1);
  assert.equal(inUse(), heldBytes);
  // 3. a query copying that table's 110 columns: out of memory in the query
  nomem(() => e.query(held.table('data'), {}), /^out of memory/);
  nomem(() => e.query(held.table('data'), { derive: [{ op: 'share', column: 'c1' }] }), /^out of memory/);
  assert.equal(live(), 1);
  assert.equal(inUse(), heldBytes);
  held.free();
  assert.equal(live(), 0);
  assert.equal(inUse(), base);
  // the same instance carries on (its memory stays at 1 GiB: WASM memory
  // never shrinks; a page may prefer a fresh instance)
  assert.equal(e._mod.HEAPU8.length, 1024 * 1024 * 1024);
  const ds = e.ingest('{"t":[{"k":"a","v":1},{"k":"a","v":2.5}]}');
  assert.deepEqual(e.query(ds.table('t'), { groupBy: ['k'], aggregates: [{ op: 'sum', column: 'v' }] }).rows(),
    [{ k: 'a', sum_v: 3.5 }]);
  ds.free();
  assert.equal(inUse(), base);
}

describe('out of memory (the 1 GiB ceiling, reached with inputs inside every limit)', () => {
  test('release build: each way of running out is a clean NOMEM and the instance stays usable', async () => {
    outOfMemory(await loadEngine(), () => null);
  });

  test('debug build: the same, and every byte allocated before the failure is given back', { skip: debugSkip },
    async () => {
      const e = await loadDebugEngine();
      outOfMemory(e, () => heapInUse(e));
    });
});

test('10,000 ingest -> query -> free cycles: live objects back to 0, bytes in use back to the baseline',
  { skip: debugSkip }, async () => {
    const e = await loadDebugEngine();
    const rows = [];
    for (let i = 0; i < 40; i++) {
      rows.push({
        year: 2015 + (i % 10), market: i % 3 ? 'overseas' : 'domestic', usd_bn: i % 7 ? i * 1.25 : null,
        approx: i % 2 === 0, note: i % 5 ? `note ${i} 中文` : null, tags: i % 4 ? [i, { k: 'v' }] : null,
      });
    }
    const small = JSON.stringify({ title: 'x', t: rows });
    const spec = {
      filters: [{ column: 'year', range: [2016, null] }, { column: 'market', in: ['overseas', 'domestic'] }],
      groupBy: ['market', 'year'],
      aggregates: [{ op: 'sum', column: 'usd_bn', as: 'usd' }, { op: 'median', column: 'usd_bn' }, { op: 'count' }],
      derive: [{ op: 'share', column: 'usd', by: ['year'] }, { op: 'change', column: 'usd', order: 'year', partition: ['market'] }],
      sort: [{ column: 'usd', desc: true }],
    };
    let base = null;
    let heap = null;
    for (let i = 0; i < 10000; i++) {
      const story = i % 500 === 0; // now and then the whole story dataset
      const ds = e.ingest(story ? storyBytes : small);
      if (story) {
        e.query(ds.table('projects'), { groupBy: ['region'], aggregates: [{ op: 'sum', column: 'usd_bn' }] });
      } else {
        assert.ok(e.query(ds.table('t'), spec).rowCount > 0);
      }
      if (i % 100 === 7) assert.throws(() => e.query(ds.table(story ? 'projects' : 't'), { groupBy: ['nope'] }));
      if (i % 100 === 9) assert.throws(() => e.ingest('[{"a":1},{"a":"x"}]'));
      ds.free();
      assert.equal(e.liveObjects(), 0);
      if (i === 600) {
        base = heapInUse(e);
        heap = e._mod.HEAPU8.length;
      } else if (i > 600 && i % 100 === 0) {
        assert.equal(heapInUse(e), base, `bytes in use after cycle ${i}`);
      }
    }
    assert.equal(heapInUse(e), base);
    assert.equal(e._mod.HEAPU8.length, heap, 'WASM memory grew after warm-up');
  });
