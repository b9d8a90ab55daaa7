#!/usr/bin/env node
// Builds data/ev_story.json from the two shared research files.
//
//   node data/build_story_dataset.mjs [sharedDataDir] [outputPath]
//
// sharedDataDir defaults to <repo>/../shared/data, outputPath to <repo>/data/ev_story.json.
// Plain Node 20 ESM, no dependencies. Output is deterministic (no timestamps, fixed row and key order).
//
// Nothing here creates, rounds, converts or interpolates a number: every number in the output is
// copied from the shared files. The only project-owned content is the `countries` and `names` tables
// (English and Simplified Chinese names), the editorial column `projects.segment_group` (this
// graphic's grouping of the compiler's segment texts into four families, see SEGMENT_GROUPS), the
// Chinese text columns `projects.status_zh`,
// `series.name_zh` and `series.unit_zh` (see zh_text.mjs), the title/description strings and the
// column layout.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NAMES_ZH, SERIES_ZH, STATUS_ZH, numbersOf } from './zh_text.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
const SHARED = resolve(process.argv[2] ?? resolve(REPO, '..', 'shared', 'data'));
const OUT = resolve(process.argv[3] ?? resolve(HERE, 'ev_story.json'));

const FILES = { ev_going_global: 'ev_going_global.json', ev_series: 'ev_series.json' };

function fail(msg) {
  process.stderr.write(`build_story_dataset: ${msg}\n`);
  process.exit(1);
}
function check(cond, msg) {
  if (!cond) fail(msg);
}

function load(name) {
  try {
    return JSON.parse(readFileSync(resolve(SHARED, name), 'utf8'));
  } catch (e) {
    fail(`cannot read ${resolve(SHARED, name)}: ${e.message}`);
  }
}

const G = load(FILES.ev_going_global);
const S = load(FILES.ev_series);

// ---------------------------------------------------------------------------------------------
// Helpers

const nz = (v) => (v === undefined ? null : v);
const list = (v) => (v === undefined || v === null ? [] : v);

// Copy `row` into an object with exactly `columns` (in that order). `map` gives, per output
// column, either a source key (string) or a function(row). Every key of the input row must be
// consumed by some column, so no field of the shared files is dropped silently.
function project(tableName, row, columns, map = {}, consumedExtra = []) {
  const out = {};
  const consumed = new Set(consumedExtra);
  for (const col of columns) {
    const m = map[col] ?? col;
    if (typeof m === 'function') {
      out[col] = m(row);
    } else {
      consumed.add(m);
      out[col] = col === 'also_sources' || col === 'alt_values' ? list(row[m]) : nz(row[m]);
    }
  }
  for (const k of Object.keys(row)) {
    check(consumed.has(k), `${tableName}: input key "${k}" is not mapped to any column`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// sources

const SOURCE_COLS = ['id', 'publisher', 'title', 'date', 'url', 'confidence', 'note', 'file'];
const sources = [];
for (const [file, doc] of [['ev_going_global', G], ['ev_series', S]]) {
  for (const s of doc.sources) {
    sources.push(project('sources', s, SOURCE_COLS, { file: () => file }));
  }
}
const sourceById = new Map();
for (const s of sources) {
  check(!sourceById.has(s.id), `sources: duplicate id ${s.id}`);
  sourceById.set(s.id, s);
}

// ---------------------------------------------------------------------------------------------
// investment: Rhodium Aug 2025 round 1 + round 2 merged, plus the Feb 2024 OFDI rows (own series)

const R1_SERIES = 'rhodium_2025_zev_supply_chain';
const OFDI_SERIES = 'rhodium_2024_ev_value_chain_ofdi';
const R2_SERIES_ID = 'rhodium_2025_zev_investment_r2';
const INVEST_COLS = ['series', 'period', 'year', 'market', 'measure', 'usd_bn', 'approximate', 'bound',
  'source', 'also_sources', 'note'];
const R2_MARKET = { 'total (see definition)': 'total', domestic: 'domestic', overseas: 'overseas' };
const R2_MEASURE = { 'annual average over 2021 and 2022': 'annual average 2021-2022' };
const INVEST_ROW_KEYS = new Set(['year', 'market', 'usd_bn', 'approximate', 'series', 'source',
  'also_sources', 'note', 'bound']);
const R2_ROW_KEYS = new Set(['year', 'period', 'value', 'approximate', 'source', 'bound', 'market',
  'measure', 'also_sources', 'note']);

const investment = [];
const r1ByKey = new Map();
for (const r of G.investment_by_year) {
  for (const k of Object.keys(r)) check(INVEST_ROW_KEYS.has(k), `investment_by_year: unknown key ${k}`);
  check(typeof r.year === 'number', `investment_by_year: non-numeric year ${r.year}`);
  check([R1_SERIES, OFDI_SERIES].includes(r.series), `investment_by_year: unknown series ${r.series}`);
  const row = {
    series: r.series,
    period: String(r.year),
    year: r.year,
    market: r.market,
    measure: 'annual',
    usd_bn: r.usd_bn,
    approximate: r.approximate,
    bound: nz(r.bound),
    source: r.source,
    also_sources: [...list(r.also_sources)],
    note: nz(r.note),
  };
  if (r.series === R1_SERIES) {
    const key = `${row.period}|${row.market}`;
    check(!r1ByKey.has(key), `investment_by_year: duplicate ${key}`);
    r1ByKey.set(key, row);
  }
  investment.push(row);
}

const r2 = S.series.find((x) => x.id === R2_SERIES_ID);
check(r2, `ev_series.json: series ${R2_SERIES_ID} not found`);
const merged = new Set();
for (const r of r2.rows) {
  for (const k of Object.keys(r)) check(R2_ROW_KEYS.has(k), `${R2_SERIES_ID}: unknown key ${k}`);
  const market = R2_MARKET[r.market];
  check(market, `${R2_SERIES_ID}: unknown market "${r.market}"`);
  const period = r.period ?? (r.year === null ? null : String(r.year));
  check(period, `${R2_SERIES_ID}: row without year or period`);
  const key = `${period}|${market}`;
  const r1 = r1ByKey.get(key);
  if (r1) {
    // Same observation in both files: values, flags and bounds must agree exactly.
    check(r1.usd_bn === r.value, `investment ${key}: value disagrees (${r1.usd_bn} vs ${r.value}); stop and report`);
    check(r1.approximate === r.approximate, `investment ${key}: approximate flag disagrees; stop and report`);
    check(r1.bound === nz(r.bound), `investment ${key}: bound disagrees; stop and report`);
    check(r1.year === r.year, `investment ${key}: year disagrees`);
    check(r.measure === undefined, `investment ${key}: unexpected measure on a yearly row`);
    for (const id of [r.source, ...list(r.also_sources)]) {
      if (id !== r1.source && !r1.also_sources.includes(id)) r1.also_sources.push(id);
    }
    merged.add(key);
  } else {
    check(r.measure !== undefined && R2_MEASURE[r.measure], `investment ${key}: only in round 2 and not an average`);
    investment.push({
      series: R1_SERIES, // round 2's series is documented as the same dataset as round 1's
      period,
      year: nz(r.year),
      market,
      measure: R2_MEASURE[r.measure],
      usd_bn: r.value,
      approximate: r.approximate,
      bound: nz(r.bound),
      source: r.source,
      also_sources: [...list(r.also_sources)],
      note: nz(r.note),
    });
  }
}
for (const key of r1ByKey.keys()) {
  check(merged.has(key), `investment ${key}: in round 1 but not in round 2 (unexpected)`);
}
// Order: series (Aug 2025 first), then period, then market.
const SERIES_ORDER = [R1_SERIES, OFDI_SERIES];
const MARKET_ORDER = ['total', 'domestic', 'overseas'];
investment.sort((a, b) =>
  SERIES_ORDER.indexOf(a.series) - SERIES_ORDER.indexOf(b.series) ||
  (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
  MARKET_ORDER.indexOf(a.market) - MARKET_ORDER.indexOf(b.market));
for (const r of investment) {
  check(Object.keys(r).join() === INVEST_COLS.join(), 'investment: column order');
  check(MARKET_ORDER.includes(r.market), `investment: market ${r.market}`);
}

// ---------------------------------------------------------------------------------------------
// series and series_points

const SERIES_COLS = ['id', 'name', 'name_zh', 'unit', 'unit_zh', 'definition', 'confidence', 'body',
  'includes_phev'];
const series = S.series.map((s) => {
  const zh = SERIES_ZH[s.id];
  check(zh, `series ${s.id}: no Chinese name and unit; add them to SERIES_ZH in data/zh_text.mjs`);
  return project('series', s, SERIES_COLS, { name_zh: () => zh.name, unit_zh: () => zh.unit }, ['rows']);
});

const POINT_COLS = ['series_id', 'year', 'period', 'value', 'approximate', 'bound', 'source', 'also_sources',
  'note', 'market', 'measure', 'segment', 'scope', 'basis', 'region', 'company', 'country', 'as_of',
  'projects'];
const series_points = [];
for (const s of S.series) {
  for (const r of s.rows) {
    series_points.push(project(`series_points(${s.id})`, r, POINT_COLS, {
      series_id: () => s.id,
      period: (x) => x.period ?? x.as_of ?? (typeof x.year === 'number' ? String(x.year) : null),
    }, ['period']));
  }
}

// ---------------------------------------------------------------------------------------------
// Round-1 tables (normalised only for the one-type-per-column rule)

// segment_group: the map's families of project segments. The compiler's `segment` is free text (18
// distinct strings), too many to colour; this graphic groups them into four families. The grouping is
// ours (editorial), not a source's classification: the map says so in a note, data/README.md too.
// Families in legend order, with their names (en, zh: ours); every project segment must be in exactly
// one family, and every listed segment must occur (no stale entries).
const SEGMENT_GROUPS = [
  {
    key: 'cells', en: 'Battery cells and packs', zh: '电池电芯和电池包',
    segments: ['battery cells', 'battery cells (LFP)', 'battery cells (cylindrical)', 'battery cells and modules',
      'battery cells and packs', 'battery packs / cells'],
  },
  {
    key: 'materials', en: 'Battery materials', zh: '电池材料',
    segments: ['battery materials (cathode)', 'battery materials (cathode/anode components)',
      'battery materials (LFP cathode, NMC precursor)', 'battery materials (nickel sulfate)', 'battery materials complex'],
  },
  {
    key: 'assembly', en: 'Vehicle assembly', zh: '整车组装',
    segments: ['EV assembly', 'EV / hybrid assembly', 'vehicle assembly (hybrid/EV)', 'vehicle assembly (hybrids)'],
  },
  {
    key: 'mixed', en: 'Several stages (integrated)', zh: '多个环节（一体化）',
    segments: ['battery cells and materials', 'EV parts and battery (plant expansion)',
      'integrated battery chain (nickel mining to cells, recycling)'],
  },
];
const groupOfSegment = new Map();
for (const g of SEGMENT_GROUPS) {
  for (const seg of g.segments) {
    check(!groupOfSegment.has(seg), `SEGMENT_GROUPS: "${seg}" is in ${groupOfSegment.get(seg)} and ${g.key}`);
    groupOfSegment.set(seg, g.key);
  }
}

const PROJECT_COLS = ['company', 'country', 'iso3', 'region', 'segment', 'segment_group', 'location', 'year_announced',
  'usd_bn', 'amount_local', 'approximate', 'status', 'status_zh', 'source', 'also_sources', 'alt_values', 'note'];
const projects = G.projects.map((r, i) => {
  check(typeof r.status === 'string', `projects[${i}]: status is not a string`);
  const zh = STATUS_ZH[r.status];
  check(zh, `projects[${i}]: no Chinese status for "${r.status}"; add it to STATUS_ZH in data/zh_text.mjs`);
  const group = groupOfSegment.get(r.segment);
  check(group, `projects[${i}]: segment "${r.segment}" is in no family; add it to SEGMENT_GROUPS in data/build_story_dataset.mjs`);
  return project('projects', r, PROJECT_COLS, { status_zh: () => zh, segment_group: () => group });
});
for (const seg of groupOfSegment.keys()) {
  check(projects.some((p) => p.segment === seg), `SEGMENT_GROUPS: "${seg}" is not a project segment`);
}

const DEST_COLS = ['period', 'market', 'scope', 'country', 'iso3', 'region', 'usd_bn', 'eur_bn', 'share_pct',
  'approximate', 'series', 'source', 'also_sources', 'note'];
const destinations = G.destinations.map((r) => project('destinations', r, DEST_COLS));

// indicators.year mixes numbers and strings ("2021-2022", "2014-2025", "2025-Q2"): split it.
const IND_COLS = ['name', 'year', 'period', 'as_of', 'value', 'value_min', 'value_max', 'unit', 'deals',
  'approximate', 'bound', 'context_only', 'source', 'also_sources', 'note'];
const indicators = G.indicators.map((r) => {
  check(r.year === null || typeof r.year === 'number' || typeof r.year === 'string',
    `indicators: unexpected year ${JSON.stringify(r.year)}`);
  return project('indicators', r, IND_COLS, {
    year: (x) => (typeof x.year === 'number' ? x.year : null),
    period: (x) => (typeof x.year === 'string' ? x.year : null),
  }, ['year']);
});

const SEG_COLS = ['year', 'market', 'segment', 'share_pct', 'usd_bn', 'approximate', 'bound', 'series', 'source',
  'also_sources', 'note'];
const segments = G.segments.map((r) => project('segments', r, SEG_COLS));

const EXP_COLS = ['year', 'period', 'units', 'scope', 'approximate', 'source', 'note'];
const exports = G.exports.map((r) => project('exports', r, EXP_COLS));

const CONF_COLS = ['id', 'topic', 'detail'];
const conflicts = S.conflicts.map((r) => project('conflicts', r, CONF_COLS));

// ---------------------------------------------------------------------------------------------
// countries: the project's own names (English as used in the shared files; Simplified Chinese
// standard names). Only codes that occur in the data are emitted.

const COUNTRY_NAMES = {
  BRA: ['Brazil', '巴西'],
  DEU: ['Germany', '德国'],
  ESP: ['Spain', '西班牙'],
  FRA: ['France', '法国'],
  HUN: ['Hungary', '匈牙利'],
  IDN: ['Indonesia', '印度尼西亚'],
  MAR: ['Morocco', '摩洛哥'],
  MEX: ['Mexico', '墨西哥'],
  PRT: ['Portugal', '葡萄牙'],
  SVK: ['Slovakia', '斯洛伐克'],
  THA: ['Thailand', '泰国'],
  TUR: ['Türkiye', '土耳其'],
  USA: ['United States', '美国'],
};
const usedIso = new Set();
for (const r of [...projects, ...destinations]) {
  if (r.iso3 === null) continue;
  check(/^[A-Z]{3}$/.test(r.iso3), `bad iso3 ${r.iso3}`);
  check(COUNTRY_NAMES[r.iso3], `countries: no names for ${r.iso3}; add them to COUNTRY_NAMES`);
  check(r.country === COUNTRY_NAMES[r.iso3][0],
    `countries: ${r.iso3} is "${r.country}" in the data but "${COUNTRY_NAMES[r.iso3][0]}" here`);
  usedIso.add(r.iso3);
}
const countries = [...usedIso].sort().map((iso3) => ({
  iso3,
  name_en: COUNTRY_NAMES[iso3][0],
  name_zh: COUNTRY_NAMES[iso3][1],
}));

// ---------------------------------------------------------------------------------------------
// names: English and Simplified Chinese for the strings the page shows as names (shared rule 6).
// `key` is exactly the string used in the data; `en` is the reader-facing English (the key itself,
// except for the short market codes); `zh` is ours. Every string used in the columns below must
// have a row, and every entry of NAMES_ZH must be used (no stale rows). Order: kind, then first
// appearance in the scan below.

const NAME_USES = [
  ['company', [[projects, 'company'], [series_points, 'company']]],
  ['region', [[projects, 'region'], [destinations, 'region'], [series_points, 'region']]],
  ['segment', [[projects, 'segment'], [segments, 'segment'], [series_points, 'segment']]],
  ['market', [[investment, 'market'], [destinations, 'market'], [segments, 'market'], [series_points, 'market']]],
];
const MARKET_EN = {
  total: 'All locations (not split)',
  domestic: 'Domestic (in China)',
  overseas: 'Overseas',
  'total (see definition)': 'Total (see definition)',
};
const names = [];
for (const [kind, uses] of NAME_USES) {
  check(Object.hasOwn(NAMES_ZH, kind), `names: no Chinese names for kind ${kind}`);
  const table = NAMES_ZH[kind];
  const seen = new Set();
  for (const [rows, col] of uses) {
    for (const r of rows) {
      const key = r[col];
      if (key === null || seen.has(key)) continue;
      check(typeof key === 'string', `names: ${kind} key ${JSON.stringify(key)} is not a string`);
      check(Object.hasOwn(table, key), `names: no Chinese ${kind} name for "${key}"; add it to data/zh_text.mjs`);
      seen.add(key);
      const en = kind === 'market' ? MARKET_EN[key] : key;
      check(typeof en === 'string', `names: no English label for market "${key}"`);
      names.push({ kind, key, en, zh: table[key] });
    }
  }
  for (const key of Object.keys(table)) check(seen.has(key), `names: ${kind} "${key}" is not used in the data`);
}
// the families of projects.segment_group (ours), in legend order
for (const g of SEGMENT_GROUPS) names.push({ kind: 'segment_group', key: g.key, en: g.en, zh: g.zh });

// Chinese text may only carry numbers that its English text carries (dates: month names count as
// their month numbers), and never a rescaled figure such as "15万".
function checkZh(where, en, zh) {
  check(typeof zh === 'string' && /[\u3400-\u9fff]/.test(zh), `${where}: Chinese text missing`);
  const allowed = new Set(numbersOf(en, { months: true }));
  for (const n of numbersOf(zh)) check(allowed.has(n), `${where}: "${n}" in "${zh}" is not in "${en}"`);
  check(!/\d\s*[万亿]/.test(zh), `${where}: rescaled number in "${zh}"`);
}
for (const n of names) checkZh(`names ${n.kind} "${n.key}"`, n.en, n.zh);
projects.forEach((p, i) => checkZh(`projects[${i}].status_zh`, p.status, p.status_zh));
for (const s of series) {
  checkZh(`series ${s.id} name_zh`, s.name, s.name_zh);
  if (s.unit_zh === s.unit) continue; // "%", "GWh" read the same in Chinese
  checkZh(`series ${s.id} unit_zh`, s.unit, s.unit_zh);
}
for (const id of Object.keys(SERIES_ZH)) check(series.some((s) => s.id === id), `SERIES_ZH: unknown series ${id}`);
const statuses = new Set(projects.map((p) => p.status));
for (const k of Object.keys(STATUS_ZH)) check(statuses.has(k), `STATUS_ZH: "${k}" is not a project status`);

// ---------------------------------------------------------------------------------------------
// Assemble and validate

const story = {
  title: G.title,
  description: 'Project dataset for the EV going-global graphic: Rhodium investment at home and abroad, ' +
    'overseas projects, destinations, indicators and annual industry series, every value keyed to a source id.',
  built_from: `${FILES.ev_going_global}, ${FILES.ev_series}`,
  sources,
  investment,
  series,
  series_points,
  projects,
  destinations,
  indicators,
  segments,
  exports,
  conflicts,
  countries,
  names,
};

const NESTED_OK = new Set(['also_sources', 'alt_values']);
function typeOf(v) {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v) || typeof v === 'object') return 'json';
  return typeof v; // number | string | boolean
}
for (const [name, value] of Object.entries(story)) {
  if (!Array.isArray(value)) {
    check(typeof value === 'string', `top-level ${name} must be a string or a table`);
    continue;
  }
  check(value.length > 0, `table ${name} is empty`);
  const types = new Map();
  value.forEach((row, i) => {
    check(row && typeof row === 'object' && !Array.isArray(row), `${name}[${i}] is not an object`);
    for (const [col, v] of Object.entries(row)) {
      check(/^[a-z][a-z0-9_]*$/.test(col), `${name}.${col}: column name not snake_case`);
      const t = typeOf(v);
      if (t === null) continue;
      if (t === 'number') check(Number.isFinite(v), `${name}[${i}].${col}: non-finite number`);
      if (t === 'json') check(NESTED_OK.has(col) && Array.isArray(v), `${name}.${col}: nested value not allowed`);
      const prev = types.get(col);
      check(prev === undefined || prev === t, `${name}.${col}: mixed types ${prev} and ${t} (row ${i})`);
      types.set(col, t);
    }
  });
}

// Every referenced source id exists.
for (const [name, value] of Object.entries(story)) {
  if (!Array.isArray(value) || name === 'sources') continue;
  value.forEach((row, i) => {
    const ids = [];
    if (typeof row.source === 'string') ids.push(row.source);
    for (const id of list(row.also_sources)) ids.push(id);
    for (const a of list(row.alt_values)) ids.push(a.source);
    for (const id of ids) check(sourceById.has(id), `${name}[${i}]: unknown source id ${id}`);
  });
}

// Every number (outside year columns) appears in the shared files under the same source id.
const pairs = new Set();
(function walk(o) {
  if (Array.isArray(o)) return o.forEach(walk);
  if (o && typeof o === 'object') {
    if (typeof o.source === 'string') {
      for (const v of Object.values(o)) if (typeof v === 'number') pairs.add(`${o.source}|${v}`);
    }
    Object.values(o).forEach(walk);
  }
})([G, S]);
const YEAR_COLS = new Set(['year', 'year_announced']);
for (const [name, value] of Object.entries(story)) {
  if (!Array.isArray(value)) continue;
  value.forEach((row, i) => {
    for (const [col, v] of Object.entries(row)) {
      if (typeof v === 'number' && !YEAR_COLS.has(col)) {
        check(pairs.has(`${row.source}|${v}`), `${name}[${i}].${col}=${v}: not found under source ${row.source}`);
      }
    }
    for (const a of list(row.alt_values)) {
      for (const v of Object.values(a)) {
        if (typeof v === 'number') check(pairs.has(`${a.source}|${v}`), `${name}[${i}].alt_values: ${v}/${a.source}`);
      }
    }
  });
}

writeFileSync(OUT, JSON.stringify(story, null, 1) + '\n', 'utf8');
const counts = Object.entries(story).filter(([, v]) => Array.isArray(v)).map(([k, v]) => `${k}=${v.length}`);
process.stdout.write(`wrote ${OUT}: ${counts.join(' ')}\n`);
