// A panel's `compare` note (web/core/chart/compare.js; data/CHART_FORMAT.md
// "compare"): each x where the other count (rows of one series value) and a
// drawn series both have a value and differ, with every digit, its
// qualifiers, its low-confidence flag and its sources credited; the note
// follows the range and the drawn series; nothing when nothing differs.
// Through the real engine (checked descriptions) on the story dataset
// (data/ev_story.json, expected figures read here from its rows) and on
// small inline datasets. Run `./build.sh build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { story } from './core-fixtures.test.mjs';
import { loadEngine } from './helpers/load-engine.mjs';
import { buildChartView } from '../../web/core/chart-view.js';
import { compareNote } from '../../web/core/chart/compare.js';
import { copyFor } from '../../web/core/copy.js';
import { createProvenance } from '../../web/core/provenance.js';
import { themeFor } from '../../web/core/theme.js';
import { finishView } from '../../web/core/viewmodel.js';

const engine = await loadEngine();

// ---- the story's exports view ------------------------------------------

const points = (json, id) => json.series_points.filter((p) => p.series_id === id).sort((a, b) => a.year - b.year);
const en = (v) => v.toLocaleString('en-US');

// The pairs the note must list: CPCA rows whose year has a CAAM NEV row
// with another value, in year order, within [from, to].
function differing(json, from = -Infinity, to = Infinity) {
  const caam = points(json, 'caam_nev_exports');
  return points(json, 'cpca_nev_exports')
    .map((r) => ({ r, c: caam.find((x) => x.year === r.year) }))
    .filter(({ r, c }) => c && c.value !== r.value && r.year >= from && r.year <= to && !lowOnly(json, r));
}

const lowOnly = (json, row) => {
  const ids = [row.source, ...(row.also_sources ?? [])];
  return ids.every((id) => json.sources.find((s) => s.id === id)?.confidence === 'low');
};

test('exports (en): the CPCA figures where they differ from CAAM’s, with qualifiers and scope; one resting only on a low-confidence source left out', async () => {
  const { build, json } = await story();
  const pairs = differing(json);
  assert.ok(pairs.length >= 1, 'the story has CPCA years that differ');
  const expected = `The China Passenger Car Association counts differently: ${pairs.map(({ r, c }) => {
    const notes = r.scope === 'passenger vehicles only' ? ['passenger cars only'] : r.scope ? [r.scope] : [];
    const q = r.bound === 'lower' ? 'over ' : r.bound === 'upper' ? 'up to ' : r.approximate ? '≈' : '';
    return `${r.year}: ${q}${en(r.value)} vehicles (CAAM: ${en(c.value)} vehicles${notes.map((n) => `; ${n}`).join('')})`;
  }).join('; ')}.`;
  const vm = build('exports');
  const notes = vm.notes.filter((n) => n.startsWith('The China Passenger Car Association'));
  assert.deepEqual(notes, [expected]);
  // what the data holds, spelled out: CPCA's 2021 count (588,000) differs from CAAM's but rests on a
  // low-confidence source only, so it stays out (data rule 7); 2023 is approximate and passenger cars only
  const r2021 = points(json, 'cpca_nev_exports').find((r) => r.year === 2021);
  assert.ok(r2021 && r2021.value === 588000 && lowOnly(json, r2021), 'the data: CPCA 2021 rests on a low-confidence source');
  assert.ok(!/2021|588,000/.test(notes[0]), notes[0]);
  assert.ok(!/low-confidence/.test(notes[0]));
  assert.equal(expected, 'The China Passenger Car Association counts differently: 2023: ≈1,050,000 vehicles (CAAM: 1,203,000 vehicles; passenger cars only).');
  assert.ok(!/2020/.test(expected), 'CAAM has no 2020 NEV figure: no comparison');
  // the figure-less note is gone
  assert.ok(!vm.notes.some((n) => /its figures are not drawn/.test(n)));
  // the CPCA rows are still not drawn
  assert.ok(!vm.marks.some((m) => /cpca/.test(m.id)));
});

test('exports (zh): the same figures in Chinese', async () => {
  const { build, json } = await story();
  const vm = build('exports', { locale: 'zh' });
  const note = vm.notes.find((n) => n.startsWith('乘联会的统计口径不同：'));
  assert.ok(note, vm.notes.join('\n'));
  const pairs = differing(json);
  assert.equal(note.split('；').filter((s) => /乘联会数据为/.test(s)).length, pairs.length);
  for (const { r } of pairs) assert.ok(note.includes(`${r.year}年乘联会数据为`), `${r.year} in ${note}`);
  assert.ok(!note.includes('2021年') && !note.includes('低可信度'), note);
  assert.ok(note.includes('2023年乘联会数据为约105万辆（中汽协：120.3万辆；仅乘用车）'), note);
  assert.ok(note.endsWith('。'));
});

test('exports: the note follows the year range and the drawn series; nothing when no year differs', async () => {
  const { build, json } = await story();
  const later = build('exports', { state: { from: 2022, to: 2025 } });
  const note = later.notes.find((n) => n.startsWith('The China Passenger Car Association'));
  const pairs = differing(json, 2022, 2025);
  assert.equal(pairs.length, 1);
  assert.ok(note.includes(`${pairs[0].r.year}: `) && !note.includes('2021: '), note);
  const none = build('exports', { state: { from: 2024, to: 2025 } });
  assert.equal(differing(json, 2024, 2025).length, 0);
  assert.ok(!none.notes.some((n) => /counts differently/.test(n)), 'no year differs: no note');
  const hidden = build('exports', { state: { hidden: ['caam_nev_exports'] } });
  assert.ok(!hidden.notes.some((n) => /counts differently/.test(n)), 'CAAM NEV hidden: nothing drawn to compare with');
});

// ---- small datasets --------------------------------------------------------

// Two counts of sales by year: 'a' (drawn) and 'b' (the other count).
const ROWS = [
  { year: 2019, src: 'a', v: 8, est: false, lim: null, scope: null, source: 's1' },
  { year: 2020, src: 'a', v: 10, est: false, lim: null, scope: null, source: 's1' },
  { year: 2021, src: 'a', v: 12.5, est: false, lim: null, scope: null, source: 's1' },
  { year: 2022, src: 'a', v: 15, est: true, lim: null, scope: null, source: 's1' },
  { year: 2023, src: 'a', v: 20, est: false, lim: 'lower', scope: null, source: 's1' },
  { year: 2019, src: 'b', v: 9, est: false, lim: null, scope: 'cars', source: 's3' }, // differs, but low confidence only
  { year: 2020, src: 'b', v: 10, est: false, lim: null, scope: null, source: 's2' },
  { year: 2021, src: 'b', v: 13.25, est: false, lim: null, scope: 'cars', source: 's2' },
  { year: 2022, src: 'b', v: 14, est: true, lim: null, scope: 'vans', source: 's2' },
  { year: 2023, src: 'b', v: 21, est: false, lim: 'upper', scope: null, source: 's2' },
  { year: 2024, src: 'b', v: 30, est: false, lim: null, scope: null, source: 's2' },
];
const SOURCES = [
  { id: 's1', publisher: 'Office A', confidence: 'high' },
  { id: 's2', publisher: 'Trade B', confidence: 'high' },
  { id: 's3', publisher: 'Blog C', confidence: 'low' },
];
const ds = engine.ingest(new TextEncoder().encode(JSON.stringify({ data: ROWS, sources: SOURCES })));

const panel = (y, compare) => ({
  id: 'p', table: 'data', mark: 'bar', x: { column: 'year' }, y: { column: 'v', approximate: 'est', bound: 'lim', ...y },
  series: { column: 'src' }, filters: [{ column: 'src', eq: 'a' }], source: { column: 'source' }, ...(compare ? { compare } : {}),
});
const COMPARE = {
  series: 'b', against: 'a', lead: { en: 'B counts differently: ', zh: 'B口径不同：' },
  text: { en: '{x}: {value} (A: {against}{notes})', zh: '{x}B为{value}（A：{against}{notes}）' },
  qualifiers: { column: 'scope', text: { cars: { en: 'cars only', zh: '仅轿车' } } },
};
const docOf = (p, range = false) => ({
  format: 'ev-chart/1', locales: ['en', 'zh'], title: 'T', provenance: { table: 'sources' },
  views: [{ id: 'v', title: 'V', panels: [p], ...(range ? { range: { column: 'year' } } : {}) }],
});
const prov = createProvenance(SOURCES);
function model(p, { locale = 'en', state = {}, range = false } = {}) {
  const doc = engine.checkChart(docOf(p, range), ds); // the engine accepts it first
  const ctx = {
    q: (t, s) => engine.query(ds.table(t), s), locale, defaultLocale: 'en', t: copyFor(locale), theme: themeFor('light'), prov,
    state: { hidden: [], from: null, to: null, ...state }, width: 800,
  };
  return finishView(ctx, buildChartView(ctx, doc.views[0], doc));
}
const noteOf = (vm, lead = 'B counts differently: ') => vm.notes.find((n) => n.startsWith(lead)) ?? null;

test('compare: only x where both counts have a value and differ; every digit; each side its own qualifier; scope texts and the raw value; low confidence left out', () => {
  const vm = model(panel({}, COMPARE));
  // 2019 differs but its only source is rated low (left out), 2020 equal (not listed), 2024 has no drawn 'a' (not listed)
  assert.equal(noteOf(vm), 'B counts differently: 2021: 13.25 (A: 12.5; cars only); '
    + '2022: ≈14 (A: ≈15; vans); 2023: up to 21 (A: over 20).');
});

test('compare: with a y.format, values in the page’s unit formatting (en and zh); y.percent scales the other count too', () => {
  const vm = model(panel({ format: 'usd_bn' }, COMPARE));
  assert.equal(noteOf(vm), 'B counts differently: 2021: US$13.25bn (A: US$12.5bn; cars only); '
    + '2022: ≈US$14bn (A: ≈US$15bn; vans); 2023: up to US$21bn (A: over US$20bn).');
  const zh = model(panel({ format: 'usd_bn' }, COMPARE), { locale: 'zh' });
  const note = noteOf(zh, 'B口径不同：');
  assert.ok(note.startsWith('B口径不同：2021年B为132.5亿美元（A：125亿美元；仅轿车）；'), note);
  assert.ok(note.endsWith('。'));
  const pct = model(panel({ percent: true, unit: 'pts' }, COMPARE));
  assert.match(noteOf(pct), /^B counts differently: 2021: 1,325 pts \(A: 1,250 pts; cars only\)/);
});

test('compare: a template without {notes} gets them in parentheses; a unit text follows plain numbers', () => {
  const vm = model(panel({ unit: 'units' }, { ...COMPARE, text: { en: 'in {x} {value} against {against}' } }));
  assert.equal(noteOf(vm), 'B counts differently: in 2021 13.25 units against 12.5 units (cars only); '
    + 'in 2022 ≈14 units against ≈15 units (vans); in 2023 up to 21 units against over 20 units.');
  const zh = model(panel({}, { ...COMPARE, text: { en: '{x} {value} {against}', zh: '{x}B为{value}，A为{against}' } }), { locale: 'zh' });
  assert.equal(noteOf(zh, 'B口径不同：'), 'B口径不同：2021年B为13.25，A为12.5（仅轿车）；2022年B为约14，A为约15（vans）；2023年B为最多21，A为超过20。');
});

test('compare: its own filters narrow the other count; the range and hidden series are followed; nothing differs → no note', () => {
  const only22 = model(panel({}, { ...COMPARE, filters: [{ column: 'year', range: [2022, 2022] }] }));
  assert.equal(noteOf(only22), 'B counts differently: 2022: ≈14 (A: ≈15; vans).');
  const ranged = model(panel({}, COMPARE), { range: true, state: { from: 2023, to: 2024 } });
  assert.equal(noteOf(ranged), 'B counts differently: 2023: up to 21 (A: over 20).');
  const equal = model(panel({}, { ...COMPARE, filters: [{ column: 'year', eq: 2020 }] }));
  assert.equal(noteOf(equal), null, '2020 is the same count: no note');
  const hidden = model(panel({}, COMPARE), { state: { hidden: ['a'] } });
  assert.equal(noteOf(hidden), null);
  assert.equal(noteOf(model(panel({}, null))), null, 'no compare, no note');
});

test('compare: the other count’s sources are credited; a figure resting on low-confidence sources only is neither listed nor credited', () => {
  const vm = model(panel({}, COMPARE));
  const publishers = vm.sources.map((s) => s.publisher);
  assert.ok(publishers.includes('Trade B'), publishers.join(', '));
  assert.ok(!publishers.includes('Blog C'));
  const without = model(panel({}, { ...COMPARE, filters: [{ column: 'year', eq: 2019 }] }));
  assert.equal(noteOf(without), null, '2019 rests on Blog C alone');
  assert.ok(!without.sources.some((s) => s.publisher === 'Trade B' || s.publisher === 'Blog C'), 'only the listed rows are credited');
});

test('compareNote on its own: null without a compare or a drawn series to compare with; the items it filled', () => {
  const ctx = { q: (t, s) => engine.query(ds.table(t), s), locale: 'en', defaultLocale: 'en', prov };
  const spec = panel({}, COMPARE);
  assert.equal(compareNote(ctx, { spec: { ...spec, compare: undefined }, series: [], marks: [] }), null);
  assert.equal(compareNote(ctx, { spec, series: [{ key: 'a', value: 'a' }], marks: [] }), null, 'no drawn mark');
  const marks = [{ key: 'a', category: '2021', xText: '2021', value: 13, approximate: false, bound: null, empty: false }];
  const out = compareNote(ctx, { spec, series: [{ key: 'a', value: 'a' }], marks });
  assert.deepEqual(out.items.map(({ x, value, against, notes }) => ({ x, value, against, notes })),
    [{ x: '2021', value: '13.25', against: '13', notes: '; cars only' }]);
  assert.deepEqual(out.sources.map((s) => s.id), ['s2']);
  const low = [{ key: 'a', category: '2019', xText: '2019', value: 8, approximate: false, bound: null, empty: false }];
  assert.equal(compareNote(ctx, { spec, series: [{ key: 'a', value: 'a' }], marks: low }), null, 'the 2019 figure rests on a low-confidence source only');
  assert.ok(compareNote({ ...ctx, prov: undefined }, { spec, series: [{ key: 'a', value: 'a' }], marks: low }), 'without provenance there is no rating to go by');
  assert.equal(compareNote(ctx, { spec, series: [{ key: 'a', value: 'a' }], marks: [{ ...marks[0], withheld: true }] }), null, 'a withheld slot is no value');
});
