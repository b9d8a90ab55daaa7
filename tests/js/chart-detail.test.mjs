// Detail lists of a described view (web/core/chart/detail.js through
// chart-view.js and the real engine): the selected category lists exactly
// the rows of the detail table whose key equals it (found here from the
// rows), in the described order, with each column's text: the reader's
// locale column with its fallback, names, unit formats with qualifiers,
// figure lists with their sources. Run `./build.sh build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rawSetup } from './helpers/chart-raw.mjs';
import { detailSpec, figureText, parenthesised } from '../../web/core/chart/detail.js';
import { chartCopy } from '../../web/core/chart/text.js';

const SOURCES = [
  { id: 's1', publisher: 'Reuters', confidence: 'high' },
  { id: 's2', publisher: 'Blog', confidence: 'low' },
  { id: 's3', publisher: 'Company', confidence: 'medium' },
];
const ROWS = {
  projects: [
    { company: 'CATL', country: 'Hungary', iso3: 'HUN', year: 2022, usd: 7.6, approx: false, status: 'building', status_zh: '在建', source: 's1', alt: [{ usd_bn: 8, source: 's3' }, { usd_bn: 8.6, approximate: true, source: 's2' }] },
    { company: 'BYD', country: 'Hungary', iso3: 'HUN', year: 2023, usd: 4, approx: true, status: 'planned', status_zh: null, source: 's3', alt: [] },
    { company: 'EVE', country: 'Hungary', iso3: 'HUN', year: 2023, usd: null, approx: false, status: null, status_zh: null, source: 's1', alt: [{ eur_bn: 1, bound: 'lower', source: 's1' }, { brl_bn: 3 }] },
    { company: 'Gotion', country: 'Slovakia', iso3: 'SVK', year: 2023, usd: null, approx: false, status: 'announced', status_zh: '已宣布', source: 's1', alt: [] },
    { company: 'Chery', country: 'Spain', iso3: 'ESP', year: 2024, usd: 0.4, approx: false, status: 'operating', status_zh: '运营中', source: 's1', alt: [] },
  ],
};
const NAMES = { company: { CATL: { en: 'CATL', zh: '宁德时代' }, BYD: { en: 'BYD', zh: '比亚迪' } }, country: { Hungary: { en: 'Hungary', zh: '匈牙利' } } };

const COLUMNS = [
  { column: 'company', label: { en: 'Company', zh: '公司' }, names: 'company' },
  { column: 'usd', label: { en: 'US$', zh: '美元' }, format: 'usd_bn' },
  { column: 'year', label: { en: 'Announced', zh: '宣布年份' } },
  { column: { en: 'status', zh: 'status_zh' }, label: { en: 'Status', zh: '进展' } },
  { column: 'alt', label: { en: 'Other figures', zh: '其他数字' } },
  { column: 'source', label: { en: 'Source', zh: '来源' } },
];
const VIEW = {
  id: 'projects', title: 'Projects', table: 'projects', mark: 'hbar',
  x: { column: 'country', label: 'Country' },
  y: { column: 'usd', aggregate: 'sum', label: 'US$bn', approximate: 'approx' },
  source: { column: 'source' },
  detail: { table: 'projects', key: 'country', columns: COLUMNS, sort: [{ column: 'usd', desc: true }, { column: 'company' }] },
};

const { make } = rawSetup(ROWS, { names: NAMES, sources: SOURCES });
const texts = (item) => Object.fromEntries(item.cells.map((c) => [c.column, c.text]));

test('a selected bar lists its rows, in the described order, with every column\'s text', () => {
  const { vm, scene } = make(VIEW, { state: { selected: 'Hungary' } });
  assert.equal(vm.selectable, true);
  const want = ROWS.projects.filter((r) => r.country === 'Hungary');
  assert.equal(vm.detail.items.length, want.length);
  assert.equal(vm.detail.heading, `Hungary (${want.length})`);
  assert.equal(vm.detail.key, 'Hungary');
  // usd descending (missing last), then company
  assert.deepEqual(vm.detail.items.map((i) => texts(i).company), ['CATL', 'BYD', 'EVE']);
  const [catl, byd, eve] = vm.detail.items.map(texts);
  assert.deepEqual(vm.detail.items[0].cells.map((c) => c.label), ['Company', 'US$', 'Announced', 'Status', 'Other figures', 'Source']);
  assert.equal(catl.usd, 'US$7.6bn');
  assert.equal(byd.usd, '≈US$4bn', 'the view\'s y.approximate column qualifies the figure');
  assert.equal(eve.usd, 'no figure');
  assert.equal(catl.year, '2022', 'a year as written, not 2,022');
  assert.equal(catl.status, 'building');
  assert.equal(eve.status, '');
  assert.equal(catl.alt, 'US$8bn (Company); ≈US$8.6bn (Blog, low-confidence source)');
  assert.equal(eve.alt, 'over €1bn (Reuters); BRL 3bn');
  assert.equal(catl.source, 'Reuters');
  assert.equal(byd.source, 'Company');
  const row = vm.panels[0].rows.find((r) => r.mark.category === 'Hungary');
  assert.equal(vm.panels[0].selected, row.key, 'the selected row is highlighted');
  assert.ok(scene.panels[0].rows.find((r) => r.key === row.key).selected);
});

test('locale columns fall back to the default locale\'s per row; names and figures in the reader\'s language', () => {
  const { vm } = make(VIEW, { state: { selected: 'Hungary' }, locale: 'zh' });
  const [catl, byd, eve] = vm.detail.items.map(texts);
  assert.equal(catl.company, '宁德时代');
  assert.equal(catl.status_zh ?? catl.status, '在建');
  assert.equal(byd.status, 'planned', 'status_zh is null: the English status');
  assert.equal(catl.usd, '76亿美元');
  assert.equal(eve.usd, '无数据');
  assert.equal(eve.alt, '超过10亿欧元（Reuters）；BRL 30亿', 'full-width brackets, no space, in Chinese');
  assert.equal(vm.detail.heading, 'Hungary（3）');
  assert.deepEqual(vm.detail.items[0].cells.map((c) => c.label), ['公司', '美元', '宣布年份', '进展', '其他数字', '来源']);
});

test('no selection, an unknown one, or a category with no value: no list; the key column may differ from x', () => {
  assert.equal(make(VIEW).vm.detail, null);
  assert.equal(make(VIEW, { state: { selected: 'France' } }).vm.detail, null);
  assert.equal(make(VIEW, { state: { selected: 'France' } }).vm.panels[0].selected ?? null, null);
  const slovakia = make(VIEW, { state: { selected: 'Slovakia' } }).vm;
  assert.equal(slovakia.detail.items.length, 1, 'a bar with no figure still lists its rows');
  // grouped by year (a number column): the selection text is matched to the number
  const byYear = make({ ...VIEW, x: { column: 'year', label: 'Year' } }, { state: { selected: '2023' } }).vm;
  assert.equal(byYear.detail.items.length, 0, 'detail.key is country: a year, compared as text, matches no row');
  const keyed = make({ ...VIEW, x: { column: 'year', label: 'Year' }, detail: { ...VIEW.detail, key: 'year' } }, { state: { selected: '2023' } }).vm;
  assert.deepEqual(keyed.detail.items.map((i) => texts(i).company).sort(), ROWS.projects.filter((r) => r.year === 2023).map((r) => r.company).sort());
  // with x.choices the chosen column is the key (detail.key ignored)
  const chosen = make({
    ...VIEW, x: { ...VIEW.x, choices: [{ column: 'country', label: 'Country' }, { column: 'year', label: 'Year' }] },
  }, { state: { group: 'year', selected: '2024' } }).vm;
  assert.deepEqual(chosen.detail.items.map((i) => texts(i).company), ['Chery']);
  // a view without detail is not selectable
  const none = make({ ...VIEW, detail: null }, { state: { selected: 'Hungary' } }).vm;
  assert.equal(none.selectable, false);
  assert.equal(none.detail, null);
});

test('detail.filters apply; pure parts: detailSpec, figureText', () => {
  const filtered = make({ ...VIEW, detail: { ...VIEW.detail, filters: [{ column: 'approx', eq: false }] } }, { state: { selected: 'Hungary' } }).vm;
  assert.deepEqual(filtered.detail.items.map((i) => texts(i).company), ['CATL', 'EVE']);
  const q = { x: 'country', spec: { filters: [] } };
  assert.equal(detailSpec(VIEW, q, null), null, 'a missing key never matches');
  assert.deepEqual(detailSpec(VIEW, q, 'Spain', [{ column: 'source', in: ['s1'] }]), {
    filters: [{ column: 'source', in: ['s1'] }, { column: 'country', eq: 'Spain' }], sort: [{ column: 'usd', desc: true }, { column: 'company', desc: false }],
  });
  const c = chartCopy('en');
  assert.equal(figureText({ note: 'only words' }, { locale: 'en', c }), '', 'no figure: nothing');
  assert.equal(figureText({ gwh: 40, source: 'nope' }, { locale: 'en', c, sourceOf: () => null }), '40GWh');
  assert.equal(figureText({ usd_bn: 1.5, bound: 'upper' }, { locale: 'en', c }), 'up to US$1.5bn');
  assert.equal(figureText(null, { locale: 'en', c }), '');
  // the source in brackets: ASCII with a space in English, full-width without one in Chinese
  const zc = chartCopy('zh');
  const sourceOf = (id) => (id === 'b' ? { publisher: '博客', low: true } : { publisher: '路透社', low: false });
  assert.equal(figureText({ usd_bn: 2, source: 'r' }, { locale: 'en', c, sourceOf }), 'US$2bn (路透社)');
  assert.equal(figureText({ usd_bn: 2, source: 'r' }, { locale: 'zh', c: zc, sourceOf }), '20亿美元（路透社）');
  assert.equal(figureText({ usd_bn: 2, source: 'b' }, { locale: 'zh', c: zc, sourceOf }), '20亿美元（博客，低可信度来源）', 'the zh comma inside the zh brackets');
  assert.equal(parenthesised('zh-Hant', 'x'), '（x）');
  assert.equal(parenthesised('fr', 'x'), ' (x)');
});

test('with `source` and an aggregate, a group\'s mark carries its member rows\' sources', () => {
  const { vm } = make(VIEW);
  const hun = vm.marks.find((m) => m.category === 'Hungary');
  const want = [...new Set(ROWS.projects.filter((r) => r.country === 'Hungary').map((r) => r.source))].map((id) => SOURCES.find((x) => x.id === id).publisher);
  assert.deepEqual(hun.sources.map((x) => x.publisher), want);
  assert.deepEqual(vm.sources.map((x) => x.publisher).sort(), ['Company', 'Reuters'], 'credited once per publisher');
});
