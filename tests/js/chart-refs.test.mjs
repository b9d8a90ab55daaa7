// ValueRefs (web/core/chart/refs.js), reference bars (chart/reference.js)
// and annotations with x from the data (chart/annotations.js) through the
// real engine: on the story dataset (data/ev_story.json: `indicators`,
// `investment`) and on small inline datasets; every expected figure is read
// here from the rows themselves (JSON), independently of the engine.
// Run `./build.sh build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadEngine } from './helpers/load-engine.mjs';
import { DATA_FILE } from './core-fixtures.test.mjs';
import { buildChartView } from '../../web/core/chart-view.js';
import { isTableRef, resolveRef, resolveTableRef } from '../../web/core/chart/refs.js';
import { referenceGroups } from '../../web/core/chart/reference.js';
import { resolveAnnotations, targetOf } from '../../web/core/chart/annotations.js';
import { chartCopy, textOf } from '../../web/core/chart/text.js';
import { copyFor } from '../../web/core/copy.js';
import { createProvenance } from '../../web/core/provenance.js';
import { themeFor } from '../../web/core/theme.js';

const engine = await loadEngine();
const storyBytes = fs.readFileSync(DATA_FILE);
const storyJson = JSON.parse(storyBytes.toString('utf8'));
const story = engine.ingest(storyBytes);
const storyQ = (t, s) => engine.query(story.table(t), s);
const prov = createProvenance(storyJson.sources);
const PRE = 'domestic_share_of_chinese_ev_supply_chain_investment_pre_2024';
const FIRST = 'first_year_overseas_exceeds_domestic';
const indicator = (name) => storyJson.indicators.find((r) => r.name === name);

const LOCALES = ['en', 'zh'];
const checked = (view, ds) => engine.checkChart({ format: 'ev-chart/1', locales: LOCALES, title: 'T', views: [view] }, ds).views[0];

function ctxFor(ds, { locale = 'en', state = {}, p = createProvenance([]) } = {}) {
  return {
    q: (t, s) => engine.query(ds.table(t), s), locale, defaultLocale: 'en', t: copyFor(locale === 'zh' ? 'zh' : 'en'),
    theme: themeFor('light'), prov: p, state: { hidden: [], scale: null, ...state }, width: 800,
  };
}
const wOf = (locale = 'en', unit = '') => ({ tx: (T) => textOf(T, locale, 'en'), c: chartCopy(locale), unit });

test('table form: the first row after the filters, its column, qualifier and source id (story indicators)', () => {
  const want = indicator(PRE);
  const ref = { table: 'indicators', filters: [{ column: 'name', eq: PRE }], column: 'value', approximate: 'approximate', bound: 'bound', source: 'source' };
  assert.ok(isTableRef(ref));
  const r = resolveRef(ref, { q: storyQ });
  assert.equal(r.of, 'y');
  assert.equal(r.value, want.value);
  assert.deepEqual(r.q, { approximate: want.approximate === true, bound: null });
  assert.equal(r.source, want.source);
  assert.equal(r.mark, null);
  // without the qualifier and source columns: exact, no source
  const bare = resolveRef({ table: 'indicators', filters: [{ column: 'name', eq: PRE }], column: 'value' }, { q: storyQ });
  assert.deepEqual(bare.q, { approximate: false, bound: null });
  assert.equal(bare.source, null);
  // another column of the same row: the year the crossover indicator gives
  const year = resolveRef({ table: 'indicators', filters: [{ column: 'name', eq: FIRST }], column: 'year' }, { q: storyQ });
  assert.equal(year.value, indicator(FIRST).year);
});

test('table form: a lower bound is a qualifier; no row or a null figure is unresolved; a missing column is an error', () => {
  const ds = engine.ingest(JSON.stringify({
    t: [
      { k: 'a', v: 90, b: 'lower', ap: false, s: 'x1' },
      { k: 'b', v: null, b: null, ap: true, s: 'x2' },
      { k: 'c', v: 7, b: 'sideways', ap: true, s: null },
    ],
  }));
  const q = (t, s) => engine.query(ds.table(t), s);
  const ref = (k) => ({ table: 't', filters: [{ column: 'k', eq: k }], column: 'v', approximate: 'ap', bound: 'b', source: 's' });
  assert.deepEqual(resolveRef(ref('a'), { q }).q, { approximate: true, bound: 'lower' });
  assert.equal(resolveRef(ref('b'), { q }), null, 'a null figure');
  assert.equal(resolveRef(ref('zz'), { q }), null, 'no row');
  const c = resolveRef(ref('c'), { q });
  assert.deepEqual(c.q, { approximate: true, bound: null }, 'an unknown bound word is no bound');
  assert.equal(c.source, null);
  // no filters: the table's first row
  assert.equal(resolveRef({ table: 't', column: 'v' }, { q }).value, 90);
  assert.throws(() => resolveTableRef(q, { table: 't', column: 'nope' }), (e) => e.code === 'MODEL' && /no column 'nope'/.test(e.message));
  assert.equal(resolveRef({ table: 't', column: 'v' }, {}), null, 'no engine: unresolved');
});

// A bar view on an inline dataset, drawn by the general renderer; the
// panel form reads its drawn marks.
const SALES = [
  { year: 2020, region: 'north', v: 5 }, { year: 2021, region: 'north', v: 9 }, { year: 2022, region: 'north', v: 4 },
  { year: 2020, region: 'south', v: 2 }, { year: 2021, region: 'south', v: null }, { year: 2022, region: 'south', v: 11 },
  { year: 2023, region: 'south', v: 3 },
];
const salesView = {
  id: 'sales', title: 'Sales', table: 'data', mark: 'bar', x: { column: 'year' }, y: { column: 'v' }, series: { column: 'region' },
};

function drawnSales(state = {}) {
  const ds = engine.ingest(JSON.stringify(SALES));
  const view = checked(salesView, ds);
  const ctx = ctxFor(ds, { state });
  const vm = buildChartView(ctx, view);
  const marks = vm.panels[0].groups.flatMap((g) => g.marks);
  // the renderer's series keys, paired with the values (legend labels are the values here)
  const series = vm.legend.map((l) => ({ key: l.key, value: l.label }));
  return { ds, ctx, vm, marks, series, panels: (id) => (id === null ? { marks, series } : null) };
}

test('panel form: first/last by x, max/min by y, of x; per series; gaps never picked', () => {
  const { panels } = drawnSales();
  const rows = (region) => SALES.filter((r) => r.region === region && r.v !== null).sort((a, b) => a.year - b.year);
  for (const region of ['north', 'south']) {
    const list = rows(region);
    const r = (pick, of) => resolveRef({ series: region, pick, of }, { panels });
    assert.equal(r('first').value, list[0].v, `${region} first`);
    assert.equal(r('last').value, list.at(-1).v, `${region} last`);
    assert.equal(r('max').value, Math.max(...list.map((x) => x.v)), `${region} max`);
    assert.equal(r('min').value, Math.min(...list.map((x) => x.v)), `${region} min`);
    const maxRow = list.reduce((a, b) => (b.v > a.v ? b : a));
    assert.equal(r('max', 'x').value, String(maxRow.year), `${region} year of the max (a bar's x as its category text)`);
    assert.equal(r('max', 'x').of, 'x');
    assert.equal(r('last', 'x').value, String(list.at(-1).year));
  }
  // without a series: over every drawn mark
  const all = SALES.filter((r) => r.v !== null);
  assert.equal(resolveRef({ pick: 'max' }, { panels }).value, Math.max(...all.map((r) => r.v)));
  assert.equal(resolveRef({ pick: 'min', of: 'x' }, { panels }).value, String(all.reduce((a, b) => (b.v < a.v ? b : a)).year));
  // south 2021 is a gap: min of south over drawn marks is 2, never the gap
  assert.equal(resolveRef({ series: 'south', pick: 'min' }, { panels }).value, 2);
  // a series the panel does not draw, or a panel it does not have: unresolved
  assert.equal(resolveRef({ series: 'west', pick: 'max' }, { panels }), null);
  assert.equal(resolveRef({ panel: 'other', pick: 'max' }, { panels }), null);
  assert.equal(resolveRef({ pick: 'median' }, { panels }), null, 'an unknown pick');
});

test('panel form: only the drawn marks (a hidden series, an empty panel) resolve', () => {
  const { panels, series } = drawnSales({ hidden: ['s1'] });
  assert.equal(series.find((s) => s.key === 's1').value, 'south');
  assert.equal(resolveRef({ series: 'south', pick: 'last' }, { panels }), null, 'hidden: nothing drawn');
  assert.equal(resolveRef({ series: 'north', pick: 'last' }, { panels }).value, 4);
  assert.equal(resolveRef({ pick: 'first' }, { panels: () => ({ marks: [], series: [] }) }), null, 'nothing drawn');
  assert.equal(resolveRef({ pick: 'first' }, {}), null, 'no panels');
});

test('panel form on lines: first/last by the number x even when the marks are not in x order; qualifier from the mark', () => {
  const mk = (x, value, extra = {}) => ({ key: 's0', x, category: String(x), value, empty: value === null, approximate: false, bound: null, sources: [], ...extra });
  const marks = [mk(2019, 3), mk(2017, 8, { approximate: true, bound: 'lower', sources: [{ id: 'a' }] }), mk(2021, null), mk(2020, 5)];
  const panels = () => ({ marks, series: [{ key: 's0', value: null }] });
  const first = resolveRef({ pick: 'first' }, { panels });
  assert.equal(first.value, 8);
  assert.deepEqual(first.q, { approximate: true, bound: 'lower' });
  assert.deepEqual(first.sources, [{ id: 'a' }]);
  assert.equal(resolveRef({ pick: 'last' }, { panels }).value, 5, 'the last drawn point, not the gap at 2021');
  assert.equal(resolveRef({ pick: 'last', of: 'x' }, { panels }).value, 2020);
  // a reference bar is not data of the panel
  marks.push(mk(2030, 99, { reference: true }));
  assert.equal(resolveRef({ pick: 'max' }, { panels }).value, 8);
});

test('reference bars: the story\'s "Before 2024" share from indicators, drawn first, marked as given, with its source', () => {
  const want = indicator(PRE);
  const ctx = { ...ctxFor(story, { p: prov }) };
  const panel = {
    id: 'bars', y: { format: 'percent' },
    reference: [{
      category: { en: 'Before 2024', zh: '2024年以前' }, series: 'domestic',
      value: { table: 'indicators', filters: [{ column: 'name', eq: PRE }], column: 'value', approximate: 'approximate', bound: 'bound', source: 'source' },
      qualifier: { en: 'Approximate figure given in the report, not computed from yearly values' },
    }],
  };
  const drawn = [{ key: 'domestic', value: 'domestic', label: 'Share in China', colour: '#111' }, { key: 'overseas', value: 'overseas', label: 'Share abroad', colour: '#222' }];
  const { groups, missing } = referenceGroups(ctx, panel, wOf(), drawn, ['domestic', 'overseas']);
  assert.deepEqual(missing, []);
  assert.equal(groups.length, 1);
  const m = groups[0].marks[0];
  assert.equal(m.value, want.value);
  assert.equal(m.key, 'domestic');
  assert.equal(m.reference, true);
  assert.equal(m.derived, false);
  assert.equal(m.approximate, want.approximate === true);
  assert.equal(m.valueText, `≈${want.value}%`);
  assert.equal(m.categoryText, 'Before 2024');
  assert.equal(m.id, 'bars/domestic/ref0');
  assert.match(m.qualifier, /^Approximate figure given in the report, not computed from yearly values: ≈80%$/);
  assert.equal(m.sources[0].publisher, storyJson.sources.find((s) => s.id === want.source).publisher);
  // Chinese: the Text and the number in zh; the general qualifier when none is given
  const zh = referenceGroups(ctxFor(story, { locale: 'zh', p: prov }), { ...panel, reference: [{ ...panel.reference[0], qualifier: null }] },
    wOf('zh'), drawn, ['domestic', 'overseas']);
  assert.equal(zh.groups[0].marks[0].categoryText, '2024年以前');
  assert.equal(zh.groups[0].marks[0].qualifier, `${chartCopy('zh').referenceQ}: 约80%`);
  // the series hidden: no reference bar
  assert.equal(referenceGroups(ctx, panel, wOf(), drawn, ['overseas']).groups.length, 0);
  // a figure the table does not have: left out and named
  const gone = referenceGroups(ctx, { ...panel, reference: [{ ...panel.reference[0], value: { ...panel.reference[0].value, filters: [{ column: 'name', eq: 'nope' }] } }] },
    wOf(), drawn, ['domestic', 'overseas']);
  assert.deepEqual(gone, { groups: [], missing: ['Before 2024'] });
});

test('reference bars in a described bar view: their own first category, in the extent; a missing one named in a note', () => {
  const ds = engine.ingest(JSON.stringify({ data: SALES, facts: [{ what: 'before', v: 20, ap: true }, { what: 'gone', v: null, ap: false }] }));
  const view = checked({ ...salesView, y: { column: 'v', unit: 'units' } }, ds);
  const withRef = {
    ...view,
    reference: [
      { category: 'Earlier', series: 'north', value: { table: 'facts', filters: [{ column: 'what', eq: 'before' }], column: 'v', approximate: 'ap' } },
      { category: 'Later', value: { table: 'facts', filters: [{ column: 'what', eq: 'gone' }], column: 'v' } },
    ],
  };
  const vm = buildChartView(ctxFor(ds), withRef);
  const groups = vm.panels[0].groups;
  assert.equal(groups[0].key, 'ref0');
  assert.deepEqual(groups[0].labels, [['Earlier']]);
  assert.equal(groups[0].marks[0].value, 20);
  assert.equal(groups[0].marks[0].valueText, '≈20 units');
  assert.deepEqual(groups.slice(1).map((g) => g.key), [...new Set(SALES.map((r) => String(r.year)))]);
  assert.equal(vm.panels[0].extent.max, 20, 'the reference is in the extent');
  assert.ok(vm.notes.includes('No figure for Later: not drawn.'), vm.notes.join(' | '));
  // the general finding is about the chart's data, not the source's reference figure
  const max = Math.max(...SALES.filter((r) => r.v !== null).map((r) => r.v));
  const at = SALES.find((r) => r.v === max);
  assert.match(vm.finding, new RegExp(`^Highest: ${at.year} \\(${at.region}\\), ${max} units\\.`));
  assert.doesNotMatch(vm.finding, /Earlier/);
});

test('annotations: x from a ValueRef (story indicators), {x} as a period in each locale, a series picks the mark', () => {
  const firstYear = indicator(FIRST).year;
  const panel = {
    annotations: [
      { x: { table: 'indicators', filters: [{ column: 'name', eq: FIRST }], column: 'year', source: 'source' }, series: 'overseas',
        text: { en: '{x}: the first year with more announced abroad than at home', zh: '{x}：首次海外多于国内' } },
      { x: { table: 'indicators', filters: [{ column: 'name', eq: 'no_such_indicator' }], column: 'year' }, text: 'never shown' },
      { x: '2022', y: 90, text: 'A literal {x} and {{braces}}' },
    ],
  };
  const drawn = [{ key: 'domestic', value: 'domestic' }, { key: 'overseas', value: 'overseas' }];
  const en = resolveAnnotations(ctxFor(story, { p: prov }), panel, wOf('en'), drawn);
  assert.equal(en.length, 2, 'the unresolved one is left out');
  assert.equal(en[0].x, firstYear);
  assert.equal(en[0].key, 'overseas');
  assert.equal(en[0].text, `${firstYear}: the first year with more announced abroad than at home`);
  assert.equal(en[0].sources[0].id, indicator(FIRST).source);
  assert.equal(en[1].text, 'A literal 2022 and {braces}');
  assert.equal(en[1].key, null);
  const zh = resolveAnnotations(ctxFor(story, { locale: 'zh', p: prov }), panel, wOf('zh'), drawn);
  assert.equal(zh[0].text, `${firstYear}年：首次海外多于国内`);
  // the target: the mark of that series at that x (category text), never a gap or a reference bar
  const marks = [
    { id: 'a', key: 'domestic', category: String(firstYear), value: 15, empty: false },
    { id: 'b', key: 'overseas', category: String(firstYear), value: 16, empty: false },
    { id: 'c', key: 'domestic', category: '2022', value: 90, empty: false },
    { id: 'd', key: 'overseas', category: '2022', value: null, empty: true },
  ];
  assert.equal(targetOf(en[0], marks).id, 'b');
  assert.equal(targetOf(en[1], marks).id, 'c');
  assert.equal(targetOf({ ...en[0], key: undefined }, marks), null, 'a series not drawn');
  assert.equal(targetOf(en[0], marks.filter((m) => m.id !== 'b')), null);
});

test('a described bar view points its annotation at the mark its ValueRef names; an unplaced one becomes a note', () => {
  const ds = engine.ingest(JSON.stringify({ data: SALES, facts: [{ what: 'peak', year: 2022 }] }));
  const view = {
    ...checked(salesView, ds),
    annotations: [
      { x: { table: 'facts', filters: [{ column: 'what', eq: 'peak' }], column: 'year' }, series: 'south', text: 'South peaks in {x}' },
      { x: 2099, text: 'Far away' },
    ],
  };
  const vm = buildChartView(ctxFor(ds), view);
  const target = vm.panels[0].groups.flatMap((g) => g.marks).find((m) => m.id === vm.panels[0].annotation.markId);
  assert.equal(target.category, '2022');
  assert.equal(target.value, SALES.find((r) => r.year === 2022 && r.region === 'south').v);
  assert.equal(vm.panels[0].annotation.text, 'South peaks in 2022');
  assert.ok(vm.notes.includes('2099: Far away'), vm.notes.join(' | '));
});
