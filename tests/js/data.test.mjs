// Tests for data/ev_story.json (the engine's input) and its build script.
// Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STORY_PATH = join(REPO, 'data', 'ev_story.json');
const SCRIPT = join(REPO, 'data', 'build_story_dataset.mjs');
const SHARED = resolve(REPO, '..', 'shared', 'data');
const SHARED_FILES = ['ev_going_global.json', 'ev_series.json'];
const sharedPresent = SHARED_FILES.every((f) => existsSync(join(SHARED, f)));

const storyText = readFileSync(STORY_PATH, 'utf8');
const story = JSON.parse(storyText);
const tables = Object.entries(story).filter(([, v]) => Array.isArray(v));
const YEAR_COLS = new Set(['year', 'year_announced']);

function kind(v) {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v) || typeof v === 'object') return 'json';
  return typeof v;
}

test('ev_story.json parses and every table has one JSON type per column', () => {
  assert.equal(typeof story, 'object');
  for (const key of ['title', 'description', 'built_from']) {
    assert.equal(typeof story[key], 'string', key);
    assert.ok(story[key].length > 0, key);
  }
  const expected = ['sources', 'investment', 'series', 'series_points', 'projects', 'destinations',
    'indicators', 'segments', 'exports', 'conflicts', 'countries', 'names'];
  assert.deepEqual(tables.map(([k]) => k).sort(), [...expected].sort());
  // Anything that is not a table must be a plain string (engine ignores it).
  for (const [k, v] of Object.entries(story)) {
    if (!Array.isArray(v)) assert.equal(typeof v, 'string', `top-level ${k}`);
  }
  for (const [name, rows] of tables) {
    assert.ok(rows.length > 0, `${name} is empty`);
    const types = {};
    rows.forEach((row, i) => {
      assert.ok(row !== null && typeof row === 'object' && !Array.isArray(row), `${name}[${i}] not an object`);
      for (const [col, v] of Object.entries(row)) {
        assert.match(col, /^[a-z][a-z0-9_]*$/, `${name}.${col} not snake_case`);
        const t = kind(v);
        if (t === null) continue;
        if (t === 'json') {
          assert.ok(Array.isArray(v), `${name}.${col}: nested objects must be lists`);
          assert.ok(['also_sources', 'alt_values'].includes(col), `${name}.${col}: unexpected nested column`);
        }
        if (t === 'number') assert.ok(Number.isFinite(v), `${name}[${i}].${col}`);
        if (types[col] !== undefined) {
          assert.equal(t, types[col], `${name}.${col}: mixed types (row ${i})`);
        }
        types[col] = t;
      }
    });
  }
  // The split that the rule forced: indicators.year is a number or null, period a string or null.
  for (const r of story.indicators) {
    assert.ok(r.year === null || typeof r.year === 'number');
    assert.ok(r.period === null || typeof r.period === 'string');
  }
  assert.ok(story.indicators.some((r) => r.period === '2021-2022' && r.year === null));
});

test('every number traces to the shared files under the same source id', (t) => {
  if (!sharedPresent) {
    t.skip('shared data not present');
    return;
  }
  const pairs = new Set();
  const walk = (o) => {
    if (Array.isArray(o)) return o.forEach(walk);
    if (o !== null && typeof o === 'object') {
      if (typeof o.source === 'string') {
        for (const v of Object.values(o)) if (typeof v === 'number') pairs.add(`${o.source}|${v}`);
      }
      Object.values(o).forEach(walk);
    }
  };
  for (const f of SHARED_FILES) walk(JSON.parse(readFileSync(join(SHARED, f), 'utf8')));
  assert.ok(pairs.size > 100, 'collected too few (source, number) pairs');
  let checked = 0;
  for (const [name, rows] of tables) {
    rows.forEach((row, i) => {
      for (const [col, v] of Object.entries(row)) {
        if (typeof v !== 'number' || YEAR_COLS.has(col)) continue;
        assert.ok(typeof row.source === 'string', `${name}[${i}].${col} has a number but no source`);
        assert.ok(pairs.has(`${row.source}|${v}`), `${name}[${i}].${col}=${v} not found under ${row.source}`);
        checked++;
      }
      for (const a of row.alt_values ?? []) {
        for (const [k, v] of Object.entries(a)) {
          if (typeof v !== 'number') continue;
          assert.ok(pairs.has(`${a.source}|${v}`), `${name}[${i}].alt_values.${k}=${v} not under ${a.source}`);
          checked++;
        }
      }
    });
  }
  assert.ok(checked > 150, `only ${checked} numbers checked`);
});

test('every source and also_sources id exists in the sources table', () => {
  const ids = new Set(story.sources.map((s) => s.id));
  assert.equal(ids.size, story.sources.length, 'duplicate source ids');
  for (const s of story.sources) {
    assert.ok(['ev_going_global', 'ev_series'].includes(s.file), s.id);
    assert.ok(['high', 'medium', 'low'].includes(s.confidence), s.id);
    for (const k of ['publisher', 'title', 'url']) assert.ok(typeof s[k] === 'string' && s[k].length > 0, `${s.id}.${k}`);
  }
  let refs = 0;
  for (const [name, rows] of tables) {
    if (name === 'sources') continue;
    rows.forEach((row, i) => {
      const used = [];
      if ('source' in row) used.push(row.source);
      for (const id of row.also_sources ?? []) used.push(id);
      for (const a of row.alt_values ?? []) used.push(a.source);
      for (const id of used) {
        assert.ok(ids.has(id), `${name}[${i}] refers to unknown source ${id}`);
        refs++;
      }
    });
  }
  assert.ok(refs > 200);
  // Every row that holds a number has a source.
  for (const name of ['investment', 'series_points', 'projects', 'destinations', 'indicators', 'segments', 'exports']) {
    for (const row of story[name]) assert.equal(typeof row.source, 'string', name);
  }
});

test('investment table has exactly the Rhodium rows, flags and bounds', () => {
  const AUG25 = 'rhodium_2025_zev_supply_chain';
  const FEB24 = 'rhodium_2024_ev_value_chain_ofdi';
  const expected = [
    { series: AUG25, period: '2021-2022', year: null, market: 'total', measure: 'annual average 2021-2022',
      usd_bn: 92, approximate: false, bound: null, source: 'r2s1' },
    { series: AUG25, period: '2022', year: 2022, market: 'domestic', measure: 'annual',
      usd_bn: 90, approximate: true, bound: 'lower', source: 's4' },
    { series: AUG25, period: '2023', year: 2023, market: 'domestic', measure: 'annual',
      usd_bn: 41, approximate: false, bound: null, source: 's4' },
    { series: AUG25, period: '2024', year: 2024, market: 'domestic', measure: 'annual',
      usd_bn: 15, approximate: false, bound: null, source: 's1' },
    { series: AUG25, period: '2024', year: 2024, market: 'overseas', measure: 'annual',
      usd_bn: 16, approximate: true, bound: null, source: 's1' },
    { series: FEB24, period: '2022', year: 2022, market: 'overseas', measure: 'annual',
      usd_bn: 29.7, approximate: false, bound: null, source: 's9' },
    { series: FEB24, period: '2023', year: 2023, market: 'overseas', measure: 'annual',
      usd_bn: 28.2, approximate: false, bound: 'lower', source: 's9' },
  ];
  const inv = story.investment;
  assert.equal(inv.length, expected.length);
  for (const e of expected) {
    const hits = inv.filter((r) => r.series === e.series && r.period === e.period && r.market === e.market);
    assert.equal(hits.length, 1, `${e.series} ${e.period} ${e.market}`);
    const r = hits[0];
    for (const k of Object.keys(e)) assert.equal(r[k], e[k], `${e.series} ${e.period} ${e.market}: ${k}`);
    assert.ok(Array.isArray(r.also_sources));
    assert.ok(r.note === null || typeof r.note === 'string');
  }
  // Round-2 sources were added to the matching round-1 rows.
  const get = (p, m) => inv.find((r) => r.series === AUG25 && r.period === p && r.market === m);
  assert.ok(get('2022', 'domestic').also_sources.includes('r2s2'));
  assert.ok(get('2023', 'domestic').also_sources.includes('r2s2'));
  assert.ok(get('2024', 'domestic').also_sources.includes('r2s1'));
  assert.ok(get('2024', 'overseas').also_sources.includes('r2s3'));
  assert.ok(get('2021-2022', 'total').also_sources.includes('r2s4'));
  // Two datasets, distinguishable only by the series column; never a 2021 row.
  assert.deepEqual([...new Set(inv.map((r) => r.series))].sort(), [FEB24, AUG25].sort());
  for (const r of inv) {
    assert.notEqual(r.year, 2021);
    assert.notEqual(r.period, '2021');
    assert.equal(r.year === null, r.period === '2021-2022');
    if (r.year !== null) assert.equal(r.period, String(r.year));
  }
  assert.ok(inv.filter((r) => r.series === FEB24).every((r) => r.market === 'overseas' && r.source === 's9'));
});

test('every iso3 in projects and destinations has English and Chinese names', () => {
  const byIso = new Map(story.countries.map((c) => [c.iso3, c]));
  assert.equal(byIso.size, story.countries.length, 'duplicate iso3 in countries');
  const used = new Set();
  for (const r of [...story.projects, ...story.destinations]) {
    if (r.iso3 === null || r.iso3 === undefined) continue;
    used.add(r.iso3);
    const c = byIso.get(r.iso3);
    assert.ok(c, `no countries row for ${r.iso3}`);
    assert.ok(typeof c.name_en === 'string' && c.name_en.trim().length > 0, `${r.iso3} name_en`);
    assert.ok(typeof c.name_zh === 'string' && /[\u4e00-\u9fff]/.test(c.name_zh), `${r.iso3} name_zh`);
    if (typeof r.country === 'string') assert.equal(r.country, c.name_en, `${r.iso3} English name differs from data`);
  }
  assert.ok(used.size >= 10);
  for (const c of story.countries) assert.match(c.iso3, /^[A-Z]{3}$/);
});

// ---- names in English and Chinese (shared rule 6) ---------------------------------------------

const CJK = /[\u3400-\u9fff]/;
const MONTH = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
// Numbers written in a text, thousands separators dropped. In English text a month name counts as its
// number ("Jan 2023" ↔ "2023年1月"), so a Chinese date may spell the same date with digits.
function numbers(text, { english = false } = {}) {
  const out = (String(text).match(/\d+(?:,\d{3})*(?:\.\d+)?/g) ?? []).map((n) => n.replace(/,/g, ''));
  if (english) {
    const months = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?\b/gi;
    for (const m of String(text).matchAll(months)) out.push(String(MONTH[m[1].toLowerCase()]));
  }
  return out;
}
// Every number of the Chinese text is one of the English text's, and none is rescaled to 万/亿.
function assertSameNumbers(en, zh, where) {
  const allowed = new Set(numbers(en, { english: true }));
  for (const n of numbers(zh)) assert.ok(allowed.has(n), `${where}: ${n} in "${zh}" is not in "${en}"`);
  assert.doesNotMatch(zh, /\d\s*[万亿]/, `${where}: a rescaled number`);
}

test('numbers() and the month rule catch an added or changed number', () => {
  assert.deepEqual(numbers('150,000 vehicles/yr; 6.9 GWh; 50:50'), ['150000', '6.9', '50', '50']);
  assert.deepEqual(numbers('opened 4 July 2024', { english: true }), ['4', '2024', '7']);
  assert.doesNotThrow(() => assertSameNumbers('operating (opened 4 July 2024)', '运营中（2024年7月4日开业）', 't'));
  assert.throws(() => assertSameNumbers('operating (opened 4 July 2024)', '运营中（2024年8月4日开业）', 't'));
  assert.throws(() => assertSameNumbers('150,000 vehicles/yr', '每年15万辆', 't'));
  assert.throws(() => assertSameNumbers('planned', '计划中（2026年）', 't'));
});

test('names: every company, region, segment, market and segment family of the data has English and Chinese', () => {
  const KINDS = ['company', 'region', 'segment', 'market', 'segment_group'];
  const byKey = new Map();
  for (const n of story.names) {
    assert.deepEqual(Object.keys(n), ['kind', 'key', 'en', 'zh']);
    assert.ok(KINDS.includes(n.kind), `kind ${n.kind}`);
    const id = `${n.kind}|${n.key}`;
    assert.ok(!byKey.has(id), `duplicate names row ${id}`);
    byKey.set(id, n);
    for (const k of ['key', 'en', 'zh']) assert.ok(typeof n[k] === 'string' && n[k].trim() === n[k] && n[k].length > 0, `${id}.${k}`);
    assert.match(n.zh, CJK, `${id}: zh has no Chinese characters`);
    if (n.kind !== 'market' && n.kind !== 'segment_group') assert.equal(n.en, n.key, `${id}: en is the data's own English`);
    assertSameNumbers(n.en, n.zh, `names ${id}`);
  }
  const uses = {
    company: [['projects', 'company'], ['series_points', 'company']],
    region: [['projects', 'region'], ['destinations', 'region'], ['series_points', 'region']],
    segment: [['projects', 'segment'], ['segments', 'segment'], ['series_points', 'segment']],
    market: [['investment', 'market'], ['destinations', 'market'], ['segments', 'market'], ['series_points', 'market']],
    segment_group: [['projects', 'segment_group']],
  };
  const used = new Set();
  for (const [kind, cols] of Object.entries(uses)) {
    for (const [table, col] of cols) {
      for (const r of story[table]) {
        if (r[col] === null) continue;
        used.add(`${kind}|${r[col]}`);
        assert.ok(byKey.has(`${kind}|${r[col]}`), `no names row for ${kind} "${r[col]}" (${table}.${col})`);
      }
    }
  }
  // Every project names its company, region, segment and segment family (none null), and no names row is stale.
  for (const p of story.projects) for (const c of ['company', 'region', 'segment', 'segment_group']) assert.equal(typeof p[c], 'string');
  assert.deepEqual([...byKey.keys()].filter((k) => !used.has(k)), []);
  assert.equal(byKey.get('company|BYD').zh, '比亚迪');
  assert.equal(byKey.get('region|Europe').zh, '欧洲');
  assert.equal(byKey.get('segment_group|cells').en, 'Battery cells and packs');
});

test('projects.status_zh renders every status with exactly its numbers and dates', () => {
  assert.equal(story.projects.length, 34);
  story.projects.forEach((p, i) => {
    assert.equal(typeof p.status, 'string');
    assert.equal(typeof p.status_zh, 'string', `projects[${i}].status_zh`);
    assert.match(p.status_zh, CJK, `projects[${i}].status_zh`);
    assertSameNumbers(p.status, p.status_zh, `projects[${i}] status`);
    // Every number of the English status survives into the Chinese (nothing dropped either).
    const zh = new Set(numbers(p.status_zh));
    for (const n of numbers(p.status)) assert.ok(zh.has(n), `projects[${i}]: ${n} of "${p.status}" missing in "${p.status_zh}"`);
  });
  // One English status always gets the same Chinese.
  const seen = new Map();
  for (const p of story.projects) {
    if (seen.has(p.status)) assert.equal(p.status_zh, seen.get(p.status), p.status);
    seen.set(p.status, p.status_zh);
  }
});

test('series.name_zh and unit_zh exist for every series and add no numbers', () => {
  for (const s of story.series) {
    for (const k of ['name_zh', 'unit_zh']) assert.ok(typeof s[k] === 'string' && s[k].length > 0, `${s.id}.${k}`);
    assert.match(s.name_zh, CJK, `${s.id}.name_zh`);
    assertSameNumbers(s.name, s.name_zh, `series ${s.id} name`);
    const zh = new Set(numbers(s.name_zh));
    for (const n of numbers(s.name, { english: false })) assert.ok(zh.has(n), `${s.id}: ${n} dropped from name_zh`);
    if (s.unit_zh !== s.unit) {
      assert.match(s.unit_zh, CJK, `${s.id}.unit_zh`);
      assertSameNumbers(s.unit, s.unit_zh, `series ${s.id} unit`);
    }
  }
  const unit = (id) => story.series.find((s) => s.id === id).unit_zh;
  assert.equal(unit('caam_nev_exports'), '辆');
  assert.equal(unit('rhodium_2025_zev_investment_r2'), '十亿美元'); // the stored unit: billions, not 亿
});

test('re-running the build script reproduces ev_story.json byte for byte', (t) => {
  if (!sharedPresent) {
    t.skip('shared data not present');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ev-story-'));
  try {
    const out = join(dir, 'ev_story.json');
    execFileSync(process.execPath, [SCRIPT, SHARED, out], { stdio: 'pipe' });
    const rebuilt = readFileSync(out);
    assert.ok(rebuilt.equals(readFileSync(STORY_PATH)), 'rebuilt file differs from data/ev_story.json');
    assert.ok(storyText.endsWith('}\n'));
    assert.ok(storyText.startsWith('{\n "title": '), 'expected 1-space indentation');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
