// The map view in the page's pure code (the described map of
// data/ev_story.chart.json through core/chart-view.js and chart/map.js,
// map-colour.js; scene-map.js, map-style.js; segment families from the dataset) through the
// real engine and the world-atlas shapes the page draws: circle area ∝ the
// engine's sums, countries placed at the engine's points, presets and
// projections, segment slices from the engine's shares, the antimeridian
// cut, Chinese names, and the URL keys. Run `./build.sh build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { story } from './core-fixtures.test.mjs';
import { BUILD } from './helpers/load-engine.mjs';
import { circleRadius, cutAtJumps, HOLLOW_R, maxRadius } from '../../web/core/scene-map.js';
import isoCountries from 'i18n-iso-countries';
import { landColour, mixColour } from '../../web/core/map-style.js';
import { THEMES } from '../../web/core/palette.js';
import { copyFor } from '../../web/core/copy.js';
import { makeNamer } from '../../web/core/i18n.js';
import { themeFor } from '../../web/core/theme.js';
import { finishView } from '../../web/core/viewmodel.js';
import { PROJECTIONS } from '../../web/core/chart/map-colour.js';
import { fromQuery, initialState, toQuery, URL_KEYS } from '../../web/core/url-state.js';
import { PAGE_VIEWS as VIEWS, STORY_DOC } from './helpers/page-views.mjs';
import { chartViews } from '../../web/core/chart-view.js';

const MAP = STORY_DOC.views.find((v) => v.id === 'map').map;
const ZOOMS = Object.fromEntries(MAP.zooms.map((z) => [z.id, z.box]));
const COLOUR_BY = MAP.colour.map((c) => c.id ?? c.column);

let geoShared = null;
async function withGeo() {
  if (geoShared) return geoShared;
  const s = await story();
  const map = (state = {}, locale = 'en') => s.build('map', { locale, state });
  geoShared = { ...s, map };
  return geoShared;
}

// The engine's own per-country grouping of the eligible projects.
function engineSums(s) {
  const eligible = [{ column: 'source', in: s.prov.ids('!low') }];
  return s.engine.query(s.ds.table('projects'), {
    filters: eligible, groupBy: ['iso3'],
    aggregates: [{ op: 'sum', column: 'usd_bn', as: 'usd' }, { op: 'count', as: 'n' }, { op: 'count', column: 'usd_bn', as: 'valued' }],
  }).rows();
}

test('circle area is proportional to the value', () => {
  const rMax = 40;
  const max = 13.75;
  for (const v of [0.2, 1.217, 4.2, 7.4, 13.75]) {
    const r = circleRadius(v, max, rMax);
    assert.ok(Math.abs((Math.PI * r * r) / (Math.PI * rMax * rMax) - v / max) < 1e-12, `${v}`);
  }
  assert.equal(circleRadius(0, max, rMax), 0);
  assert.equal(circleRadius(null, max, rMax), 0);
  assert.equal(circleRadius(5, 0, rMax), 0);
  assert.ok(maxRadius(1200, 600) <= 46 && maxRadius(100, 60) >= 10);
});

// The built countries-110m (build.sh, tools/country-shapes.mjs) names each
// feature by its ISO alpha-3 code, taken from i18n-iso-countries: every host
// country of the story and a sample of others finds its shape, whose Natural
// Earth name is one of the package's English names for that code and whose
// world-atlas numeric code is the package's.
test('alpha-3 codes find their world-atlas shapes: the story\'s countries and others', async () => {
  const topo = JSON.parse(fs.readFileSync(path.join(BUILD, 'countries-110m.json'), 'utf8'));
  const byId = new Map(topo.objects.countries.geometries.map((g) => [g.id, g.properties]));
  const { json } = await story();
  const sample = ['NZL', 'ISL', 'CHL', 'KEN', 'ARG', 'NGA', 'CAN', 'JPN', 'AUS', 'PER', 'MNG', 'FJI', 'GRL', 'NOR', 'KOR', 'PRK', 'RUS', 'CZE', 'TUR', 'ZAF'];
  const codes = [...new Set([...json.countries.map((c) => c.iso3), ...sample])];
  assert.ok(json.countries.length >= 13 && codes.length > json.countries.length);
  for (const iso3 of codes) {
    const props = byId.get(iso3);
    assert.ok(props, `${iso3} has a shape`);
    assert.ok(isoCountries.getName(iso3, 'en', { select: 'all' }).includes(props.name), `${iso3}: "${props.name}" is one of the package's names`);
    assert.equal(props.iso_n3, isoCountries.alpha3ToNumeric(iso3), `${iso3}: world-atlas's numeric code`);
  }
  // every feature with a numeric code has its alpha-3 id, once; those without stay without
  const ids = topo.objects.countries.geometries.map((g) => g.id).filter((id) => id !== undefined);
  assert.equal(new Set(ids).size, ids.length, 'no code twice');
  assert.ok(ids.length >= 170 && ids.every((id) => /^[A-Z]{3}$/.test(id)));
  const noId = topo.objects.countries.geometries.filter((g) => g.id === undefined).map((g) => g.properties.name).sort();
  assert.deepEqual(noId, ['Kosovo', 'N. Cyprus', 'Somaliland']);
});

test('the engine\'s country points carry the alpha-3 ids; a feature without an ISO code matches none', async () => {
  const s = await withGeo();
  const points = new Map(s.points.map((p) => [p.id, p]));
  assert.ok(points.has('NZL') && points.has('ISL') && typeof points.get('NZL').lon === 'number');
  assert.equal(points.get('XXK'), undefined, 'Kosovo (no ISO code) is not matched');
  assert.equal(points.get('__proto__'), undefined);
});

// The segment families are the dataset's (data/build_story_dataset.mjs):
// `projects.segment_group`, named in en and zh by `names` rows of kind
// 'segment_group' (in legend order).
test('segment families come from the dataset: every project has one, named in en and zh, one family per segment', async () => {
  const { json } = await story();
  const families = json.names.filter((n) => n.kind === 'segment_group');
  assert.deepEqual(families.map((n) => n.key), ['cells', 'materials', 'assembly', 'mixed']);
  for (const n of families) assert.ok(n.en && /[\u3400-\u9fff]/.test(n.zh), `${n.key} named in en and zh`);
  const familyOf = new Map();
  for (const p of json.projects) {
    assert.ok(families.some((n) => n.key === p.segment_group), `${p.company} (${p.segment}): ${p.segment_group} is a named family`);
    assert.equal(familyOf.get(p.segment) ?? p.segment_group, p.segment_group, `"${p.segment}" in one family`);
    familyOf.set(p.segment, p.segment_group);
  }
  assert.equal(familyOf.get('battery cells (LFP)'), 'cells');
  assert.equal(familyOf.get('vehicle assembly (hybrids)'), 'assembly');
});

// The map follows the data: a dataset whose families differ (one HUN project
// moved to another family, one project with none, a family renamed) changes
// the slices, the legend and the names.
test('segment colouring reads projects.segment_group: other families in the data, other slices and legend', async () => {
  const s = await story();
  const json = structuredClone(s.json);
  const moved = json.projects.filter((p) => p.segment === 'battery cells (cylindrical)'); // HUN's only
  const dropped = json.projects.filter((p) => p.segment === 'battery materials (cathode/anode components)'); // USA's only
  assert.deepEqual([moved.map((p) => p.iso3), dropped.map((p) => p.iso3)], [['HUN'], ['USA']]);
  for (const p of moved) p.segment_group = 'materials';
  for (const p of dropped) delete p.segment_group;
  json.names.find((n) => n.kind === 'segment_group' && n.key === 'materials').en = 'Materials (renamed)';
  const ds = s.engine.ingest(JSON.stringify(json));
  try {
    const name = makeNamer(s.engine.read(ds.table('countries')).rows(), s.engine.read(ds.table('names')).rows());
    const ctx = {
      q: (t, spec) => s.engine.query(ds.table(t), spec), locale: 'en', defaultLocale: 'en', t: copyFor('en'), theme: themeFor('light'), prov: s.prov, name,
      state: { ...initialState(VIEWS).views.map, colour: 'segment' }, geo: { points: s.points },
    };
    const vm = finishView(ctx, VIEWS.find((v) => v.id === 'map').build(ctx));
    const hun = vm.panels[0].circles.find((c) => c.key === 'HUN');
    assert.deepEqual([...new Set(hun.slices.map((x) => x.key))], ['cells', 'materials', 'assembly']);
    assert.match(vm.marks.find((m) => m.id === 'map/HUN').extra.join(' | '), /Materials \(renamed\): ≈?US\$1\.18bn \(1\)/);
    const us = vm.panels[0].circles.find((c) => c.key === 'USA');
    assert.deepEqual([...new Set(us.slices.map((x) => x.key))], ['cells', '\u0000none'], 'no family: not given, last');
    assert.match(vm.marks.find((m) => m.id === 'map/USA').extra.join(' | '), /Not given: US\$2\.36bn \(1\)/);
    const labels = vm.legend.map((l) => l.label);
    assert.ok(labels.includes('Materials (renamed)') && labels.includes('Not given'), labels.join(' | '));
    assert.ok(labels.indexOf('Battery cells and packs') < labels.indexOf('Materials (renamed)'), 'legend in the names order');
    assert.ok(labels.indexOf('Materials (renamed)') < labels.indexOf('Not given'), 'not given last');
  } finally {
    ds.free();
  }
});

test('map view: one circle per host country with the engine’s sum, west to east, at the engine’s point', async () => {
  const s = await withGeo();
  const vm = s.map();
  const want = engineSums(s);
  const panel = vm.panels[0];
  assert.equal(panel.kind, 'map');
  assert.equal(panel.circles.length, want.length);
  for (const g of want) {
    const c = panel.circles.find((x) => x.key === g.iso3);
    assert.ok(c, `${g.iso3} drawn`);
    assert.equal(c.mark.value, g.usd, `${g.iso3} sum`);
    assert.equal(c.mark.empty, g.usd === null);
    const pt = s.points.find((p) => p.id === g.iso3);
    assert.deepEqual([c.lon, c.lat], [pt.lon, pt.lat]);
    const row = vm.table.rows.find((r) => r.id === `map/${g.iso3}`);
    assert.equal(row.cells[1].value ?? null, g.usd);
  }
  const lons = panel.circles.map((c) => c.lon);
  assert.deepEqual(lons, [...lons].sort((a, b) => a - b));
  assert.deepEqual(vm.marks.map((m) => m.id), panel.circles.map((c) => c.mark.id));
  const hun = vm.marks.find((m) => m.id === 'map/HUN');
  assert.equal(hun.valueText, '≈US$13.75bn');
  assert.match(hun.extra.join(' | '), /^Region: Europe \| CATL: US\$7\.6bn \| BYD: US\$4\.7bn/);
  const fra = vm.marks.find((m) => m.id === 'map/FRA');
  assert.ok(fra.empty);
  assert.equal(fra.qualifier, 'No figure in this dataset');
  assert.equal(panel.max, want.reduce((m, g) => (g.usd !== null && g.usd > m ? g.usd : m), 0));
  assert.match(vm.finding, /^The largest sum announced is in Hungary: ≈US\$13\.75bn\.$/);
  assert.ok(vm.legend.some((l) => l.key === 'nofigure' && l.shape === 'ring'));
  assert.ok(vm.selectable && vm.help.length > 0);
  const sel = s.map({ selected: 'HUN' });
  assert.equal(sel.detail.heading, 'Hungary (4)');
  assert.equal(sel.detail.items.length, want.find((g) => g.iso3 === 'HUN').n, 'the list holds the country\'s projects');
});

test('map scene: circles at the engine’s projected points, area ∝ sum, hollow markers, land cut at the antimeridian', async () => {
  const s = await withGeo();
  const vm = s.map();
  const sc = s.scene(vm, 1000, undefined, s.geo);
  const ps = sc.panels[0];
  assert.equal(ps.kind, 'map');
  const view = s.engine.fitMap('equal-earth', ZOOMS.world, 1000, ps.map.h, 10);
  const circles = vm.panels[0].circles;
  const at = s.engine.project(view, circles.map((c) => c.lon), circles.map((c) => c.lat));
  const valued = ps.circles.filter((c) => !c.hollow);
  for (const c of ps.circles) {
    const i = circles.findIndex((x) => x.key === c.key);
    assert.ok(Math.abs(c.cx - at.x[i]) < 1e-9 && Math.abs(c.cy - at.y[i]) < 1e-9, `${c.key} at the engine's point`);
    const m = sc.marks[c.index];
    assert.equal(m.kind, 'circle');
    assert.equal(m.cx, c.cx);
    if (c.hollow) assert.equal(c.r, HOLLOW_R);
  }
  const big = valued[0];
  for (const c of valued) {
    const ratio = (c.r * c.r) / (big.r * big.r);
    assert.ok(Math.abs(ratio - c.value / big.value) < 1e-12, `${c.key} area ∝ value`);
  }
  assert.ok(valued.every((c, i) => i === 0 || c.r <= valued[i - 1].r), 'largest drawn first');
  const width = Math.abs(s.engine.project(view, [180], [0]).x[0] - s.engine.project(view, [-180], [0]).x[0]);
  const { x } = ps.land;
  for (let i = 1; i < x.length; i += 1) {
    if (!Number.isNaN(x[i]) && !Number.isNaN(x[i - 1])) assert.ok(Math.abs(x[i] - x[i - 1]) <= width / 2, 'no segment across the map');
  }
  assert.ok(ps.sizeKey.items.length > 0 && ps.sizeKey.items.every((it) => Math.abs(it.r - circleRadius(Number(it.text.replace(/[^\d.]/g, '')), vm.panels[0].max, sc.panels[0].rMax)) < 1e-9));
  assert.ok(ps.labels.some((l) => l.lines[0] === 'Hungary'));
});

test('cutAtJumps splits a ring that crosses the map’s edge and closes each piece', () => {
  const nan = NaN;
  const path = { x: Float64Array.from([10, 990, 995, 5, 10, nan, 100, 200, 150, 100, nan]), y: Float64Array.from([0, 0, 10, 10, 0, nan, 50, 50, 80, 50, nan]) };
  const c = cutAtJumps(path, 500);
  assert.deepEqual(Array.from(c.x).map((v) => (Number.isNaN(v) ? 'x' : v)), [990, 995, 'x', 5, 10, 'x', 100, 200, 150, 'x']);
  assert.deepEqual(Array.from(c.y).map((v) => (Number.isNaN(v) ? 'x' : v)), [0, 10, 'x', 10, 0, 'x', 50, 50, 80, 'x']);
});

test('presets and projections move the circles; countries outside a preset are named', async () => {
  const s = await withGeo();
  const pos = (state) => {
    const vm = s.map(state);
    const sc = s.scene(vm, 800, undefined, s.geo);
    return { vm, at: new Map(sc.panels[0].circles.map((c) => [c.key, [c.cx, c.cy]])) };
  };
  const world = pos({});
  for (const projection of PROJECTIONS.slice(1)) {
    const other = pos({ projection });
    assert.notDeepEqual(other.at.get('HUN'), world.at.get('HUN'), projection);
    assert.notDeepEqual(other.at.get('BRA'), world.at.get('BRA'), projection);
  }
  const eu = pos({ zoom: 'europe' });
  assert.deepEqual([...eu.at.keys()].sort(), ['DEU', 'ESP', 'FRA', 'HUN', 'MAR', 'PRT', 'SVK', 'TUR']);
  assert.match(eu.vm.notes.join(' '), /Not in this view: Indonesia, United States, Brazil, Thailand and Mexico\./);
  assert.deepEqual([...pos({ zoom: 'southeast-asia' }).at.keys()].sort(), ['IDN', 'THA']);
  assert.deepEqual([...pos({ zoom: 'americas' }).at.keys()].sort(), ['BRA', 'MEX', 'USA']);
  const [hx, hy] = eu.at.get('HUN');
  const [sx, sy] = eu.at.get('ESP');
  const [wx, wy] = world.at.get('HUN');
  const [vx, vy] = world.at.get('ESP');
  assert.ok(Math.hypot(hx - sx, hy - sy) > 3 * Math.hypot(wx - vx, wy - vy), 'Europe is zoomed in');
});

test('segment colouring: slices are the engine’s shares of each country’s US$ sum', async () => {
  const s = await withGeo();
  const vm = s.map({ colour: 'segment' });
  const hun = vm.panels[0].circles.find((c) => c.key === 'HUN');
  const shares = s.engine.query(s.ds.table('projects'), {
    filters: [{ column: 'source', in: s.prov.ids('!low') }, { column: 'iso3', eq: 'HUN' }, { column: 'usd_bn', range: [null, null] }],
    groupBy: ['segment_group'], aggregates: [{ op: 'sum', column: 'usd_bn', as: 'usd' }], derive: [{ op: 'share', column: 'usd', as: 'share' }],
  }).rows();
  assert.deepEqual(hun.slices.map((x) => x.share).sort(), shares.map((r) => r.share).sort());
  assert.deepEqual([...new Set(hun.slices.map((x) => x.key))], ['cells', 'assembly']);
  assert.match(vm.marks.find((m) => m.id === 'map/HUN').extra.join(' | '), /Battery cells and packs: ≈US\$9\.05bn \(3\) \| Vehicle assembly: US\$4\.7bn \(1\)/);
  const sc = s.scene(vm, 800, undefined, s.geo);
  const drawn = sc.panels[0].circles.find((c) => c.key === 'HUN');
  assert.equal(drawn.slices.length, 2, 'one slice per family');
  assert.ok(Math.abs(drawn.slices.at(-1).a1 - (drawn.slices[0].a0 + 2 * Math.PI)) < 1e-12, 'the slices make a whole circle');
  assert.deepEqual(vm.table.head, ['Place', 'US$ announced (US$bn)', 'Segment']);
  assert.ok(vm.notes.some((n) => /grouped by this graphic into families/.test(n)));
});

test('map in Chinese; while the shapes load or after they fail the view says so', async () => {
  const s = await withGeo();
  const zh = s.map({}, 'zh');
  assert.equal(zh.title, '已公布项目的分布');
  assert.equal(zh.marks.find((m) => m.id === 'map/HUN').heading, '匈牙利');
  assert.match(zh.finding, /^宣布金额之和最多的是匈牙利：约137\.55亿美元。$/);
  assert.ok(zh.legend.some((l) => l.label === '欧洲'));
  assert.deepEqual(zh.controls.map((c) => c.label), ['范围', '投影', '着色']);
  const loading = s.build('map', { ctx: { geo: null } });
  assert.equal(loading.marks.length, 0);
  assert.equal(loading.empty, 'Loading the map…');
  assert.equal(loading.finding, 'Loading the map…', 'the finding reads the drawn circles: it waits for the shapes');
  const failed = s.build('map', { ctx: { geo: { error: 'HTTP 404' } } });
  assert.equal(failed.empty, 'The map could not be drawn: HTTP 404');
});

test('map style: land is the grid colour over the background', () => {
  assert.equal(mixColour('#000000', '#ffffff', 0.5), '#808080');
  assert.equal(landColour(THEMES.light), mixColour(THEMES.light.background, THEMES.light.grid, 0.35));
  assert.notEqual(landColour(THEMES.dark), landColour(THEMES.light));
});

test('URL: the map keys round-trip through the allow-list; bad values are ignored', () => {
  const s = fromQuery('?view=map&zoom=europe&projection=mercator&colour=segment&sel=HUN', VIEWS);
  assert.deepEqual(s.views.map, { ...initialState(VIEWS).views.map, colour: 'segment', projection: 'mercator', zoom: 'europe', selected: 'HUN' });
  assert.deepEqual(fromQuery(toQuery(s, VIEWS), VIEWS), s);
  const bad = fromQuery('?view=map&zoom=mars&projection=orthographic&colour=red', VIEWS);
  assert.deepEqual(bad.views.map, initialState(VIEWS).views.map);
  const type = (param) => URL_KEYS.find((k) => k.param === param).type;
  for (const p of PROJECTIONS) assert.equal(type('projection').parse(p), p);
  for (const z of Object.keys(ZOOMS)) assert.equal(type('zoom').parse(z), z);
  for (const c of COLOUR_BY) assert.equal(type('colour').parse(c), c);
});

// A link shared when the map's segment colour was the builder's `segment`
// (before the column was named segment_group in the description) opens the
// map coloured by segment family: the description gives that colour entry
// the id `segment`, as written and as the engine's check normalises it.
test('URL: an old link ?view=map&colour=segment opens the map coloured by segment family', async () => {
  const s = await withGeo();
  const entry = MAP.colour.find((c) => c.column === 'segment_group');
  assert.equal(entry.id, 'segment');
  const normal = s.engine.checkChart(STORY_DOC, s.ds);
  const normalMap = normal.views.find((v) => v.id === 'map').map;
  assert.deepEqual(normalMap.colour.map((c) => [c.id, c.column]), [['region', 'region'], ['segment', 'segment_group']], 'the check fills the default id');
  for (const [label, views] of [['as written', VIEWS], ['normalised', chartViews(normal)]]) {
    const state = fromQuery('?view=map&colour=segment', views);
    assert.equal(state.view, 'map', label);
    assert.equal(state.views.map.colour, 'segment', label);
    const vm = s.build('map', { state: state.views.map });
    assert.equal(vm.controls.find((c) => c.id === 'colour').value, 'segment', label);
    assert.deepEqual(vm.controls.find((c) => c.id === 'colour').options.map((o) => o.value), ['region', 'segment'], label);
    assert.deepEqual(vm.table.head, ['Place', 'US$ announced (US$bn)', 'Segment'], label);
    assert.ok(vm.legend.some((l) => l.label === 'Battery cells and packs'), label);
    assert.ok(vm.panels[0].circles.find((c) => c.key === 'HUN').slices.length > 1, `${label}: slices by family`);
    assert.equal(toQuery(state, views), '?v=1&view=map&colour=segment', label);
  }
  const region = s.build('map', { state: fromQuery('?view=map', VIEWS).views.map });
  assert.deepEqual(region.table.head, ['Place', 'US$ announced (US$bn)', 'Region'], 'the default colours by region');
});
