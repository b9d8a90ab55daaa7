// "Group by", "Sort by" and row counts of a described hbar (web/core/chart/
// choices.js through chart-view.js and the real engine): every bar is the
// sum computed here from the rows of the chosen column; counts are counted
// here; each sort order is checked against an order computed here.
// Run `./build.sh build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { near, rawSetup, sum } from './helpers/chart-raw.mjs';
import { chosenX, sortOf, sortRows, withChoice } from '../../web/core/chart/choices.js';

const ROWS = [
  { company: 'A', country: 'Hungary', region: 'Europe', year: 2022, usd: 7.6 },
  { company: 'B', country: 'Hungary', region: 'Europe', year: 2023, usd: 4 },
  { company: 'C', country: 'Spain', region: 'Europe', year: 2024, usd: null },
  { company: 'D', country: 'Spain', region: 'Europe', year: 2022, usd: 1.2 },
  { company: 'E', country: 'Spain', region: 'Europe', year: 2023, usd: 0.5 },
  { company: 'F', country: 'Brazil', region: 'Latin America', year: 2023, usd: 1 },
  { company: 'G', country: 'Thailand', region: 'Southeast Asia', year: 2024, usd: null },
  { company: 'H', country: 'Indonesia', region: 'Southeast Asia', year: null, usd: 9.4 },
  { company: 'I', country: 'Austria', region: 'Europe', year: 2022, usd: 1.7 },
];
const NAMES = {
  country: {
    Hungary: { en: 'Hungary', zh: '匈牙利' }, Spain: { en: 'Spain', zh: '西班牙' }, Brazil: { en: 'Brazil', zh: '巴西' },
    Thailand: { en: 'Thailand', zh: '泰国' }, Indonesia: { en: 'Indonesia', zh: '印度尼西亚' }, Austria: { en: 'Austria', zh: '奥地利' },
  },
  region: { Europe: { en: 'Europe', zh: '欧洲' }, 'Southeast Asia': { en: 'Southeast Asia', zh: '东南亚' }, 'Latin America': { en: 'Latin America', zh: '拉丁美洲' } },
};

const VIEW = {
  id: 'projects', title: { en: 'Projects', zh: '项目' }, table: 'data', mark: 'hbar',
  x: {
    column: 'country', label: { en: 'Country', zh: '国家' }, names: 'country',
    choices: [
      { column: 'country', label: { en: 'Country', zh: '国家' }, names: 'country' },
      { column: 'region', label: { en: 'Region', zh: '地区' }, names: 'region' },
      { column: 'year', label: { en: 'Year', zh: '年份' } },
    ],
  },
  y: { column: 'usd', aggregate: 'sum', label: { en: 'US$bn', zh: '亿美元' }, counts: true },
  sort: { options: ['value', 'count', 'name'] },
};

const { make } = rawSetup(ROWS, { names: NAMES });
const group = (col) => {
  const out = new Map();
  for (const r of ROWS) {
    if (r[col] === null) continue;
    const k = String(r[col]);
    const g = out.get(k) ?? { n: 0, valued: 0, vals: [] };
    g.n += 1;
    if (r.usd !== null) {
      g.valued += 1;
      g.vals.push(r.usd);
    }
    out.set(k, g);
  }
  return out;
};

test('group by: each choice regroups; every bar is the sum computed here; the control lists the choices', () => {
  for (const col of ['country', 'region', 'year']) {
    const { vm, scene } = make(VIEW, { state: { group: col } });
    const want = group(col);
    const rows = vm.panels[0].rows;
    assert.equal(rows.length, want.size, col);
    for (const r of rows) {
      const g = want.get(r.mark.category);
      assert.ok(g, `${col}: ${r.mark.category}`);
      if (g.vals.length === 0) assert.ok(r.mark.empty, `${r.mark.category} has no figure`);
      else assert.ok(near(r.mark.value, sum(g.vals)), `${col} ${r.mark.category}: ${r.mark.value}`);
    }
    const ctl = vm.controls.find((c) => c.id === 'group');
    assert.equal(ctl.value, col);
    assert.equal(ctl.label, 'Group by');
    assert.deepEqual(ctl.options.map((o) => [o.value, o.label]), [['country', 'Country'], ['region', 'Region'], ['year', 'Year']]);
    assert.equal(vm.table.head[0], { country: 'Country', region: 'Region', year: 'Year' }[col]);
    assert.equal(scene.marks.length, vm.marks.length);
  }
  // a group the view does not offer falls back to the first choice
  const { vm } = make(VIEW, { state: { group: 'company' } });
  assert.equal(vm.controls.find((c) => c.id === 'group').value, 'country');
  assert.equal(vm.panels[0].rows.length, group('country').size);
});

test('y.counts: "rows (with a value)" per bar, counted here; a table column with the row count as its value; a tooltip line', () => {
  const { vm, scene } = make(VIEW);
  const want = group('country');
  for (const r of vm.panels[0].rows) {
    const g = want.get(r.mark.category);
    assert.equal(r.count, `${g.n} (${g.valued})`, r.mark.category);
    assert.equal(r.mark.count, g.n);
    assert.equal(r.mark.valued, g.valued);
    assert.ok(r.mark.extra.includes(`${g.n} in all, ${g.valued} with a figure`), r.mark.extra.join(' | '));
  }
  assert.equal(vm.panels[0].countHead, 'Rows\n(with a value)');
  assert.deepEqual(vm.table.head, ['Country', 'US$bn', 'Rows (with a value)']);
  for (const row of vm.table.rows) {
    const g = want.get(row.cells[0].text);
    assert.equal(row.cells[2].text, `${g.n} (${g.valued})`);
    assert.equal(row.cells[2].value, g.n);
  }
  assert.ok(scene.panels[0].rows.every((r) => r.count && r.count.text), 'the scene draws the count column');
  // without y.counts there is no count column
  const plain = make({ ...VIEW, y: { ...VIEW.y, counts: false } }).vm;
  assert.equal(plain.table.head.length, 2);
  assert.ok(plain.panels[0].rows.every((r) => r.count === undefined));
});

test('sort: value (largest first, no figure last), count (most rows first), name (the reader\'s names, collated in the locale)', () => {
  const want = group('country');
  const byValue = [...want].filter(([, g]) => g.vals.length).sort((a, b) => sum(b[1].vals) - sum(a[1].vals)).map(([k]) => k);
  let vm = make(VIEW).vm;
  assert.equal(vm.controls.find((c) => c.id === 'sort').value, 'value', 'the first option is the default');
  let cats = vm.panels[0].rows.map((r) => r.mark.category);
  assert.deepEqual(cats.slice(0, byValue.length), byValue);
  assert.deepEqual(cats.slice(byValue.length), ['Thailand'], 'no figure last');
  assert.deepEqual(vm.marks.map((m) => m.category), cats, 'the marks follow the rows (keyboard order)');

  vm = make(VIEW, { state: { sort: 'count' } }).vm;
  const counts = vm.panels[0].rows.map((r) => r.mark.count);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
  assert.equal(vm.panels[0].rows[0].mark.category, 'Spain', 'Spain has the most rows');
  // equal counts: larger value first
  const two = vm.panels[0].rows.filter((r) => r.mark.count === 1).map((r) => r.mark.category);
  assert.deepEqual(two.slice(0, 2), ['Indonesia', 'Austria']);

  vm = make(VIEW, { state: { sort: 'name' } }).vm;
  cats = vm.panels[0].rows.map((r) => r.label);
  assert.deepEqual(cats, [...cats].sort((a, b) => a.localeCompare(b, 'en')));
  const zh = make(VIEW, { state: { sort: 'name' }, locale: 'zh' }).vm;
  const zhLabels = zh.panels[0].rows.map((r) => r.label);
  assert.deepEqual(zhLabels, [...zhLabels].sort(new Intl.Collator('zh-CN').compare));
  assert.ok(zhLabels.includes('匈牙利'), 'x.names: the reader\'s names');
  assert.equal(zh.panels[0].rows.find((r) => r.label === '匈牙利').mark.category, 'Hungary', 'the category stays the data value');
  assert.deepEqual(zh.controls.find((c) => c.id === 'sort').options.map((o) => o.label), ['数值', '数量', '名称']);

  // years sort as numbers by name
  vm = make(VIEW, { state: { sort: 'name', group: 'year' } }).vm;
  assert.deepEqual(vm.panels[0].rows.map((r) => r.label), ['2022', '2023', '2024']);
  // only the listed options; an unknown state falls back to the first
  vm = make({ ...VIEW, sort: { options: ['name', 'value'], label: { en: 'Order' } } }, { state: { sort: 'count' } }).vm;
  const ctl = vm.controls.find((c) => c.id === 'sort');
  assert.equal(ctl.label, 'Order');
  assert.deepEqual(ctl.options.map((o) => o.value), ['name', 'value']);
  assert.equal(ctl.value, 'name');
});

test('pure parts: chosenX / withChoice / sortOf / sortRows', () => {
  assert.equal(chosenX({ x: { column: 'a' } }, {}), null);
  const v = { x: { column: 'a', label: 'A', choices: [{ column: 'a', label: 'A' }, { column: 'b', label: 'B', names: 'k' }] } };
  assert.equal(withChoice({ x: { column: 'a' } }, { group: 'b' }).x.column, 'a', 'no choices: unchanged');
  assert.deepEqual(withChoice(v, { group: 'b' }).x, { ...v.x, column: 'b', label: 'B', names: 'k' });
  assert.equal(v.x.column, 'a', 'the description is not changed');
  assert.equal(sortOf({}, { sort: 'name' }), null);
  assert.equal(sortOf({ sort: { options: ['count', 'bogus'] } }, { sort: 'bogus' }), 'count');
  const rows = [
    { label: 'b', mark: { category: 'x', value: 1, empty: false } },
    { label: 'a', mark: { category: 'y', value: null, empty: true } },
    { label: 'c', mark: { category: 'z', value: 1, empty: false } },
    { label: 'd', mark: { category: 'w', value: 3, empty: false } },
  ];
  assert.deepEqual(sortRows([...rows], 'value', { locale: 'en' }).map((r) => r.mark.category), ['w', 'x', 'z', 'y'], 'ties keep their order');
  const counts = new Map([['x', { n: 1 }], ['y', { n: 5 }], ['z', { n: 2 }], ['w', { n: 1 }]]);
  assert.deepEqual(sortRows([...rows], 'count', { locale: 'en', counts }).map((r) => r.mark.category), ['y', 'z', 'w', 'x']);
  assert.deepEqual(sortRows([...rows], 'name', { locale: 'en' }).map((r) => r.label), ['a', 'b', 'c', 'd']);
});

test('a finding template names the chosen x as the chart does (x.names), in the reader\'s language', () => {
  const view = { ...VIEW, findings: [{ text: { en: '{leader} leads with {sum}.', zh: '{leader}以{sum}居首。' }, values: { leader: { pick: 'max', of: 'x' }, sum: { pick: 'max' } } }] };
  const want = [...group('country')].filter(([, g]) => g.vals.length).sort((a, b) => sum(b[1].vals) - sum(a[1].vals))[0][0];
  assert.equal(want, 'Hungary');
  assert.match(make(view).vm.finding, /^Hungary leads with 11\.6\.$/);
  assert.match(make(view, { locale: 'zh' }).vm.finding, /^匈牙利以11\.6居首。$/);
  assert.match(make(view, { state: { group: 'region' } }).vm.finding, /^Europe leads with /);
});
