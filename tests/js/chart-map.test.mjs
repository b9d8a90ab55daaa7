// A described map's reader controls and colours (web/core/chart/map-colour.js,
// chart/map.js through chart-view.js and the real engine): zooms fit the box
// and name what is outside (largest first), the projection choice, colour by a column (the
// majority value, or split into slices whose shares are computed here from
// the rows), legend order from the names order, styles, and the country's
// detail list. Run `./build.sh build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { near, rawSetup, sum, THEME } from './helpers/chart-raw.mjs';
import { colourOf, mapControls, projectionOf, zoomOf } from '../../web/core/chart/map-colour.js';
import { chartCopy } from '../../web/core/chart/text.js';

const ROWS = [
  { iso3: 'HUN', region: 'Europe', fam: 'cells', usd: 7.6, approx: false, company: 'CATL' },
  { iso3: 'HUN', region: 'Europe', fam: 'assembly', usd: 4, approx: true, company: 'BYD' },
  { iso3: 'HUN', region: 'Europe', fam: 'cells', usd: null, approx: false, company: 'EVE' },
  { iso3: 'DEU', region: 'Europe', fam: 'cells', usd: 2, approx: false, company: 'CATL' },
  { iso3: 'IDN', region: 'Southeast Asia', fam: 'materials', usd: 6, approx: false, company: 'CBL' },
  { iso3: 'IDN', region: 'Southeast Asia', fam: null, usd: 3.4, approx: false, company: 'X' },
  { iso3: 'BRA', region: 'Latin America', fam: 'assembly', usd: 1, approx: false, company: 'BYD' },
  { iso3: 'TUR', region: 'Europe', fam: 'assembly', usd: 1, approx: false, company: 'BYD' },
  { iso3: 'TUR', region: 'Middle East', fam: 'assembly', usd: 0.5, approx: false, company: 'Chery' },
  { iso3: 'TUR', region: 'Middle East', fam: 'assembly', usd: 0.5, approx: false, company: 'Togg' },
];
const POINTS = [
  { id: 'HUN', lon: 19, lat: 47, name: 'Hungary' }, { id: 'DEU', lon: 10, lat: 51, name: 'Germany' },
  { id: 'IDN', lon: 115, lat: -2, name: 'Indonesia' }, { id: 'BRA', lon: -50, lat: -10, name: 'Brazil' }, { id: 'TUR', lon: 35, lat: 39, name: 'Turkey' },
];
const NAMES = {
  fam: {
    cells: { en: 'Cells', zh: '电芯' }, materials: { en: 'Materials', zh: '材料' }, assembly: { en: 'Assembly', zh: '组装' },
  },
  country: { HUN: { en: 'Hungary', zh: '匈牙利' }, IDN: { en: 'Indonesia', zh: '印度尼西亚' } },
};
const VIEW = {
  id: 'map', title: 'Map', table: 'data', mark: 'map',
  map: {
    key: 'iso3',
    colour: [
      { column: 'region', label: { en: 'Region', zh: '地区' } },
      { column: 'fam', label: { en: 'Segment', zh: '环节' }, names: 'fam', split: true, styles: { assembly: { colour: 5 } } },
    ],
    zooms: [
      { id: 'world', label: { en: 'World', zh: '全球' }, box: [-180, -56, 180, 84] },
      { id: 'europe', label: { en: 'Europe', zh: '欧洲' }, box: [-12, 27, 44, 62] },
    ],
    projections: true,
  },
  y: { column: 'usd', aggregate: 'sum', label: 'Sum', format: 'usd_bn', approximate: 'approx' },
  detail: { table: 'data', key: 'iso3', columns: [{ column: 'company', label: 'Company' }], sort: [{ column: 'company' }] },
};

const { make } = rawSetup(ROWS, { names: NAMES });
const geo = { points: POINTS };
const circle = (vm, key) => vm.panels[0].circles.find((c) => c.key === key);

test('zooms: the first is the default; a zoom fits its box, names the countries outside, and says so when none is inside', () => {
  let { vm, scene } = make(VIEW, { geo });
  const p = vm.panels[0];
  assert.equal(p.zoom, 'world');
  assert.deepEqual(p.box, [-180, -56, 180, 84]);
  assert.deepEqual(p.circles.map((c) => c.key), ['BRA', 'DEU', 'HUN', 'TUR', 'IDN'], 'west to east');
  assert.ok(!vm.notes.some((n) => n.startsWith('Not in this view')));
  ({ vm, scene } = make(VIEW, { geo, state: { zoom: 'europe' } }));
  assert.deepEqual(vm.panels[0].box, [-12, 27, 44, 62]);
  assert.deepEqual(vm.panels[0].circles.map((c) => c.key), ['DEU', 'HUN', 'TUR']);
  assert.ok(vm.notes.includes('Not in this view: Indonesia and Brazil.'), vm.notes.join(' | '));
  assert.equal(scene.marks.length, 3);
  const zoomCtl = vm.controls.find((c) => c.id === 'zoom');
  assert.deepEqual([zoomCtl.label, zoomCtl.value, zoomCtl.options.map((o) => o.label)], ['Show', 'europe', ['World', 'Europe']]);
  // a box with nothing in it
  const far = make({ ...VIEW, map: { ...VIEW.map, zooms: [{ id: 'pacific', label: 'Pacific', box: [160, -50, 180, -30] }] } }, { geo }).vm;
  assert.equal(far.panels[0].circles.length, 0);
  assert.match(far.empty, /^Not in this view: /);
  // an unknown zoom: the first
  assert.equal(make(VIEW, { geo, state: { zoom: 'mars' } }).vm.panels[0].zoom, 'world');
});

test('projection: the reader\'s choice with projections, its note; the described one without', () => {
  let { vm } = make(VIEW, { geo, state: { projection: 'mercator' } });
  assert.equal(vm.panels[0].projection, 'mercator');
  assert.ok(vm.notes.includes('Mercator projection: land far from the equator looks much larger than it is.'));
  assert.deepEqual(vm.controls.find((c) => c.id === 'projection').options.map((o) => o.value), ['equal-earth', 'natural-earth', 'mercator', 'equirectangular']);
  ({ vm } = make(VIEW, { geo, state: { projection: 'bogus' } }));
  assert.equal(vm.panels[0].projection, 'equal-earth');
  const fixed = { ...VIEW, map: { ...VIEW.map, projections: false, projection: 'natural-earth' } };
  ({ vm } = make(fixed, { geo, state: { projection: 'mercator' } }));
  assert.equal(vm.panels[0].projection, 'natural-earth');
  assert.equal(vm.controls.find((c) => c.id === 'projection'), undefined);
  assert.ok(!vm.notes.some((n) => /projection:/.test(n)));
});

test('colour by a column: each circle takes its value with the most rows; colours in value order; a legend of the values drawn', () => {
  const { vm } = make(VIEW, { geo });
  const ctl = vm.controls.find((c) => c.id === 'colour');
  assert.deepEqual([ctl.label, ctl.value, ctl.options.map((o) => o.label)], ['Colour by', 'region', ['Region', 'Segment']]);
  // engine order of the values (no names): Europe, Latin America, Middle East, Southeast Asia
  const order = ['Europe', 'Latin America', 'Middle East', 'Southeast Asia'];
  const colourFor = (v) => THEME.series[order.indexOf(v)];
  assert.equal(circle(vm, 'HUN').colour, colourFor('Europe'));
  assert.equal(circle(vm, 'IDN').colour, colourFor('Southeast Asia'));
  assert.equal(circle(vm, 'TUR').colour, colourFor('Middle East'), 'Turkey: 2 rows Middle East, 1 Europe');
  assert.equal(circle(vm, 'TUR').slices, null, 'not split');
  assert.deepEqual(vm.legend.filter((l) => l.shape === 'circle').map((l) => [l.label, l.colour]), order.map((v) => [v, colourFor(v)]));
  assert.ok(vm.legend.some((l) => l.key === 'approximate'), 'Hungary\'s sum has an approximate member: the approx key');
  assert.equal(circle(vm, 'HUN').mark.approximate, true);
  assert.equal(circle(vm, 'DEU').mark.approximate, false);
  assert.ok(circle(vm, 'TUR').mark.extra.includes('Region: Middle East'));
  assert.deepEqual(vm.table.head, ['iso3', 'Sum (US$bn)', 'Region']);
  assert.equal(vm.table.rows.find((r) => r.id === 'map/TUR').cells[2].text, 'Middle East');
});

test('split colour: slices are each value\'s share of the country\'s sum (computed here); several values → neutral; names order and styles', () => {
  const { vm, scene } = make(VIEW, { geo, state: { colour: 'fam' } });
  const famOrder = ['cells', 'materials', 'assembly', null]; // the names order, missing last
  const colour = { cells: THEME.series[0], materials: THEME.series[1], assembly: THEME.series[5], null: THEME.neutral };
  for (const c of vm.panels[0].circles) {
    const rows = ROWS.filter((r) => r.iso3 === c.key);
    const fams = [...new Set(rows.map((r) => r.fam))].sort((a, b) => famOrder.indexOf(a) - famOrder.indexOf(b));
    if (fams.length === 1) {
      assert.equal(c.colour, colour[fams[0]], c.key);
      assert.equal(c.slices, null, `${c.key}: one value, no slices`);
      continue;
    }
    assert.equal(c.colour, THEME.neutral, `${c.key}: several values`);
    assert.equal(c.mark.seriesLabel, 'Several');
    const valued = rows.filter((r) => r.usd !== null);
    const total = sum(valued.map((r) => r.usd));
    const want = fams.map((f) => ({ key: f === null ? '\u0000none' : f, share: sum(valued.filter((r) => r.fam === f).map((r) => r.usd)) / total }));
    assert.deepEqual(c.slices.map((s) => s.key), want.map((w) => w.key), c.key);
    c.slices.forEach((s, i) => {
      assert.ok(near(s.share, want[i].share), `${c.key} ${s.key}: ${s.share} vs ${want[i].share}`);
      assert.equal(s.colour, colour[want[i].key === '\u0000none' ? 'null' : want[i].key]);
    });
  }
  const hun = circle(vm, 'HUN');
  assert.equal(hun.slices.find((s) => s.key === 'assembly').approximate, true, 'an approximate row makes its slice approximate');
  assert.equal(hun.slices.find((s) => s.key === 'cells').approximate, false);
  assert.ok(hun.mark.extra.includes('Cells: US$7.6bn (2)'), hun.mark.extra.join(' | '));
  assert.ok(hun.mark.extra.includes('Assembly: ≈US$4bn (1)'), hun.mark.extra.join(' | '));
  assert.deepEqual(vm.legend.filter((l) => l.shape === 'circle').map((l) => l.label), ['Cells', 'Materials', 'Assembly', 'Not given'], 'names order, missing last');
  assert.ok(vm.notes.some((n) => /divided by the shares/.test(n)));
  assert.equal(vm.table.rows.find((r) => r.id === 'map/IDN').cells[2].text, 'Materials; Not given');
  const sm = scene.panels[0].circles ?? scene.panels[0].marks;
  assert.ok(sm, 'the scene lays the map out');
  const zh = make(VIEW, { geo, state: { colour: 'fam' }, locale: 'zh' }).vm;
  assert.deepEqual(zh.legend.filter((l) => l.shape === 'circle').map((l) => l.label), ['电芯', '材料', '组装', '未注明']);
});

test('a selected circle lists its rows; the pure parts', () => {
  const { vm } = make(VIEW, { geo, state: { selected: 'HUN' } });
  assert.equal(vm.panels[0].selected, 'HUN');
  assert.deepEqual(vm.detail.items.map((i) => i.cells[0].text), ['BYD', 'CATL', 'EVE']);
  assert.equal(vm.detail.heading, 'Hungary (3)');
  const c = chartCopy('en');
  const tx = (t) => (typeof t === 'string' ? t : t.en);
  assert.equal(zoomOf({ map: { key: 'k' } }, {}), null);
  assert.equal(projectionOf({ map: { key: 'k' } }, { projection: 'mercator' }), 'equal-earth');
  assert.equal(colourOf({ map: { key: 'k', colour: [] } }, {}), null);
  assert.deepEqual(mapControls({ map: { key: 'k' } }, {}, tx, c), []);
  const one = mapControls({ map: { key: 'k', colour: [{ column: 'a', label: 'A' }] } }, {}, tx, c);
  assert.deepEqual(one, [], 'one colour-by entry: no control');
});
