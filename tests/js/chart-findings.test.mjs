// Finding templates (web/core/chart/findings.js): `{name}` placeholders
// filled with reader sentences of ValueRefs, the first entry of the mode
// whose values all resolve, the general finding when none does; through the
// real engine on the story dataset (data/ev_story.json) and on small inline
// datasets. Expected figures are read here from the rows (JSON).
// Run `./build.sh build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadEngine } from './helpers/load-engine.mjs';
import { DATA_FILE } from './core-fixtures.test.mjs';
import { buildChartView } from '../../web/core/chart-view.js';
import { describedFinding, fillTemplate, findingOf, placeholders, valueSentence } from '../../web/core/chart/findings.js';
import { resolveRef } from '../../web/core/chart/refs.js';
import { copyFor } from '../../web/core/copy.js';
import { createProvenance } from '../../web/core/provenance.js';
import { themeFor } from '../../web/core/theme.js';

const engine = await loadEngine();
const storyBytes = fs.readFileSync(DATA_FILE);
const storyJson = JSON.parse(storyBytes.toString('utf8'));
const story = engine.ingest(storyBytes);
const PRE = 'domestic_share_of_chinese_ev_supply_chain_investment_pre_2024';
const S = 'rhodium_2025_zev_supply_chain';

const checked = (view, ds) => engine.checkChart({ format: 'ev-chart/1', locales: ['en', 'zh'], title: 'T', views: [view] }, ds).views[0];
const ctxFor = (ds, { locale = 'en', state = {} } = {}) => ({
  q: (t, s) => engine.query(ds.table(t), s), locale, defaultLocale: 'en', t: copyFor(locale === 'zh' ? 'zh' : 'en'),
  theme: themeFor('light'), prov: createProvenance([]), state: { hidden: [], scale: null, ...state }, width: 800,
});

test('fillTemplate: {name} replaced, {{ and }} literal, other braces kept; a name without a value gives null', () => {
  assert.equal(fillTemplate('From {a} to {b}, {a} again', { a: 'x', b: 'y' }), 'From x to y, x again');
  assert.equal(fillTemplate('{{a}} is {a}; }} and {{', { a: '1' }), '{a} is 1; } and {');
  assert.equal(fillTemplate('{Not a name} { a } {a', { a: '1' }), '{Not a name} { a } {a');
  assert.equal(fillTemplate('{a} and {b}', { a: '1' }), null);
  assert.equal(fillTemplate('', {}), '');
  assert.deepEqual(placeholders('{b}{a}{b}{{c}}{x_1}'), ['b', 'a', 'x_1']);
});

test('valueSentence: unit codes per locale with the qualifier; periods; plain numbers with the unit text', () => {
  const fig = (value, q = { approximate: false, bound: null }) => ({ of: 'y', value, q });
  assert.equal(valueSentence('en', fig(90, { approximate: true, bound: 'lower' }), { format: 'usd_bn' }), 'over US$90bn');
  assert.equal(valueSentence('zh', fig(16, { approximate: true, bound: null }), { format: 'usd_bn' }), '约160亿美元');
  assert.equal(valueSentence('en', fig(51.61290322580645, { approximate: true, bound: null }), { format: 'percent' }), '≈51.6%');
  assert.equal(valueSentence('en', { of: 'x', value: '2021-2022' }), '2021–22');
  assert.equal(valueSentence('zh', { of: 'x', value: 2024 }), '2024年');
  assert.equal(valueSentence('en', fig(12.3456, { approximate: true, bound: null }), { format: null, text: 'mpg' }), '≈12.35 mpg');
  assert.equal(valueSentence('en', fig(1234567), {}), '1,234,567');
  assert.equal(valueSentence('en', { of: 'y', value: 'a name', q: null }), 'a name');
});

// Two regions by year, drawn by the general renderer.
const SALES = [
  { year: 2020, region: 'north', v: 5 }, { year: 2021, region: 'north', v: 9 }, { year: 2022, region: 'north', v: 4 },
  { year: 2020, region: 'south', v: 2 }, { year: 2022, region: 'south', v: 11 },
];
const NOTES = [{ what: 'target', v: 12.5 }];
const salesView = { id: 'sales', title: 'Sales', table: 'data', mark: 'bar', x: { column: 'year' }, y: { column: 'v', unit: 'units' }, series: { column: 'region' } };

test('a described view\'s finding: the first entry of its mode whose values resolve, in the reader\'s locale', () => {
  const ds = engine.ingest(JSON.stringify({ data: SALES, notes: NOTES }));
  const base = checked(salesView, ds);
  const findings = [
    { mode: 'other', text: 'Never: another mode {a}', values: { a: { pick: 'max' } } },
    { text: 'Never: {w} does not resolve', values: { w: { series: 'west', pick: 'max' } } },
    {
      text: { en: 'North peaked at {peak} in {peak_year}; south ended at {south} in {south_year} (target {target}).', zh: '北部{peak_year}达到{peak}。' },
      values: {
        peak: { series: 'north', pick: 'max' }, peak_year: { series: 'north', pick: 'max', of: 'x' },
        south: { series: 'south', pick: 'last' }, south_year: { series: 'south', pick: 'last', of: 'x' },
        target: { table: 'notes', filters: [{ column: 'what', eq: 'target' }], column: 'v' },
      },
    },
    { text: 'The fallback {a}', values: { a: { pick: 'first' } } },
  ];
  const north = SALES.filter((r) => r.region === 'north');
  const peak = north.reduce((a, b) => (b.v > a.v ? b : a));
  const south = SALES.filter((r) => r.region === 'south').at(-1);
  const vm = buildChartView(ctxFor(ds), { ...base, findings });
  assert.equal(vm.finding, `North peaked at ${peak.v} units in ${peak.year}; south ended at ${south.v} units in ${south.year} (target ${NOTES[0].v} units).`);
  const zh = buildChartView(ctxFor(ds, { locale: 'zh' }), { ...base, findings });
  assert.equal(zh.finding, `北部${peak.year}年达到${peak.v} units。`);
  // south hidden: the third entry no longer resolves, the fourth does
  const hidden = buildChartView(ctxFor(ds, { state: { hidden: ['s1'] } }), { ...base, findings });
  assert.equal(hidden.finding, `The fallback ${north[0].v} units`);
  // the mode's entry first when the view is in that mode
  const modes = { label: 'Show', options: [{ id: 'all', label: 'All', notes: [] }, { id: 'other', label: 'Other', notes: [] }] };
  const moded = buildChartView(ctxFor(ds, { state: { mode: 'other' } }), { ...base, modes, findings });
  assert.equal(buildChartView(ctxFor(ds, { state: { mode: 'all' } }), { ...base, modes, findings }).finding, vm.finding, 'another mode: skipped');
  assert.equal(moded.finding, `Never: another mode ${Math.max(...SALES.map((r) => r.v))} units`);
  // no entry fits: the general finding, as without findings
  const none = buildChartView(ctxFor(ds), { ...base, findings: [findings[1]] });
  assert.equal(none.finding, buildChartView(ctxFor(ds), base).finding);
  assert.match(none.finding, /^Highest: /);
});

test('findingOf: a template naming a value it does not list is skipped; mode-less entries serve every mode', () => {
  const resolve = (ref) => (ref.ok ? { of: 'y', value: ref.ok, q: { approximate: false, bound: null } } : null);
  const f = (findings, mode = null) => findingOf({ findings, mode, locale: 'en', defaultLocale: 'en', resolve, unitOf: () => ({ format: 'usd_bn' }) });
  assert.equal(f([{ text: '{a} {b}', values: { a: { ok: 1 } } }, { text: 'ok {a}', values: { a: { ok: 2 } } }]).text, 'ok US$2bn');
  assert.equal(f([{ mode: null, text: 'all modes {a}', values: { a: { ok: 3 } } }], 'share').text, 'all modes US$3bn');
  assert.equal(f([{ mode: 'usd', text: 'x', values: {} }], 'share'), null);
  assert.equal(f([]), null);
  assert.equal(f(undefined), null);
  const used = f([{ text: 'no values at all', values: {} }]);
  assert.deepEqual([used.text, used.values], ['no values at all', {}]);
});

test('story: the share finding from the engine\'s share derive and the report\'s pre-2024 figure, en and zh', () => {
  // the investment shares for the year with both figures, drawn as a one-chart bar view
  const view = {
    ...checked({
      id: 'share', title: 'Share', table: 'investment', mark: 'bar', x: { column: 'period' }, y: { column: 'share' },
      series: { column: 'market' },
      filters: [{ column: 'series', eq: S }, { column: 'market', in: ['domestic', 'overseas'] }, { column: 'period', eq: '2024' }],
      derive: [{ op: 'share', column: 'usd_bn', by: ['period'], as: 'share' }],
    }, story),
  };
  const rows = storyJson.investment.filter((r) => r.series === S && r.period === '2024' && ['domestic', 'overseas'].includes(r.market));
  const abroad = rows.find((r) => r.market === 'overseas').usd_bn / rows.reduce((a, r) => a + r.usd_bn, 0);
  const pre = storyJson.indicators.find((r) => r.name === PRE);
  const findings = [{
    text: { en: 'In {year}, {abroad} of announced investment went abroad. Before {year}, {before} had stayed in China.', zh: '{year}宣布的投资中，{abroad}投向海外；此前{before}留在国内。' },
    values: {
      year: { series: 'overseas', pick: 'last', of: 'x' },
      abroad: { series: 'overseas', pick: 'last' },
      before: { table: 'indicators', filters: [{ column: 'name', eq: PRE }], column: 'value', approximate: 'approximate', bound: 'bound' },
    },
  }];
  // the drawn value is the engine's fraction; shown as a percent, the panel's format is percent
  const panelsOf = (vm, share) => (id) => (id === null ? {
    marks: vm.panels[0].groups.flatMap((g) => g.marks).map((m) => ({ ...m, value: m.empty ? null : m.value * share, approximate: true })),
    series: vm.legend.map((l) => ({ key: l.key, value: l.label })), format: 'percent',
  } : null);
  const ctx = ctxFor(story);
  const vm = buildChartView(ctx, view);
  const en = describedFinding(ctx, findings, { panels: panelsOf(vm, 100) });
  const pct = (abroad * 100).toFixed(1);
  assert.equal(en, `In 2024, ≈${pct}% of announced investment went abroad. Before 2024, ≈${pre.value}% had stayed in China.`);
  const zctx = ctxFor(story, { locale: 'zh' });
  const zh = describedFinding(zctx, findings, { panels: panelsOf(buildChartView(zctx, view), 100) });
  assert.equal(zh, `2024年宣布的投资中，约${pct}%投向海外；此前约${pre.value}%留在国内。`);
  // the table ref resolves on its own through the engine as well
  assert.equal(resolveRef(findings[0].values.before, { q: ctx.q }).value, pre.value);
  assert.equal(describedFinding(ctx, [], { panels: panelsOf(vm, 100) }), null, 'no findings: null (the general finding)');
});

test('a view with panels: panel refs read the panel they name; a panel not drawn in the mode leaves its refs unresolved', () => {
  const ds = engine.ingest(JSON.stringify(SALES));
  const panel = (id, region, mode) => ({
    id, mode, table: 'data', mark: 'bar', x: { column: 'year' }, y: { column: 'v', unit: 'units' }, filters: [{ column: 'region', eq: region }],
  });
  const view = {
    id: 'two', title: 'Two', modes: { label: 'Show', options: [{ id: 'both', label: 'Both' }, { id: 'south', label: 'South only' }] },
    panels: [panel('north', 'north', 'both'), panel('south', 'south', null)],
    findings: [
      { text: 'North peaked at {n} in {n_year}; south ended at {s}.', values: { n: { panel: 'north', pick: 'max' }, n_year: { panel: 'north', pick: 'max', of: 'x' }, s: { panel: 'south', pick: 'last' } } },
      { text: 'South ended at {s}.', values: { s: { panel: 'south', pick: 'last' } } },
    ],
  };
  const north = SALES.filter((r) => r.region === 'north').reduce((a, b) => (b.v > a.v ? b : a));
  const south = SALES.filter((r) => r.region === 'south').at(-1);
  const both = buildChartView(ctxFor(ds, { state: { mode: 'both' } }), view);
  assert.equal(both.finding, `North peaked at ${north.v} units in ${north.year}; south ended at ${south.v} units.`);
  const one = buildChartView(ctxFor(ds, { state: { mode: 'south' } }), view);
  assert.equal(one.panels.length, 1);
  assert.equal(one.finding, `South ended at ${south.v} units.`);
});

test('a line with a trend: the template replaces the general sentence, the trend\'s sentences stay', () => {
  const rows = [2015, 2016, 2017, 2018, 2019, 2020].map((year, i) => ({ year, v: 10 + 3 * i + (i % 2) }));
  const ds = engine.ingest(JSON.stringify(rows));
  const base = checked({ id: 'l', title: 'L', table: 'data', mark: 'line', x: { column: 'year' }, y: { column: 'v' }, trend: { method: 'linear', horizon: 2 } }, ds);
  const ctx = { ...ctxFor(ds), trend: (xy, o) => engine.trend(xy, o) };
  const general = buildChartView(ctx, base).finding;
  const vm = buildChartView(ctx, { ...base, findings: [{ text: 'Last {v} in {y}.', values: { v: { pick: 'last' }, y: { pick: 'last', of: 'x' } } }] });
  const head = `Last ${rows.at(-1).v} in ${rows.at(-1).year}.`;
  assert.ok(vm.finding.startsWith(`${head} `), vm.finding);
  const tail = vm.finding.slice(head.length + 1);
  assert.ok(tail.length > 0 && general.endsWith(tail) && !general.startsWith(tail), `trend sentences kept: ${vm.finding} | ${general}`);
});
