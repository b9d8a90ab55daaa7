// The story page's views (web/app/graphic.js draws data/ev_story.chart.json
// through the general renderer, core/chart-view.js): every drawn value is
// the dataset's (checked against the JSON file), gaps stay empty,
// approximate values and bounds are flagged, low-confidence-only values are
// withheld, and the Chinese models are Chinese. The page knows nothing of
// the story before the description: its tabs are the description's views in
// its order, a link is read against their state fields (core/url-state.js),
// and the tables it requires of a dataset are those the description reads
// (chartTables). Run `./build.sh build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { story } from './core-fixtures.test.mjs';
import { PAGE_VIEWS, STORY_DOC } from './helpers/page-views.mjs';
import { chartTables, chartViews } from '../../web/core/chart-view.js';
import { fromQuery, initialState, restate, toQuery } from '../../web/core/url-state.js';

const CJK = /[\u4e00-\u9fff]/;
const points = (json, id) => json.series_points.filter((p) => p.series_id === id);
const near = (a, b) => Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(b));

test('investment (US$bn), drawn from the description: the Aug 2025 Rhodium rows only, gaps empty, the crossover annotated', async () => {
  const { build, json } = await story();
  const vm = build('investment');
  const rows = json.investment.filter((r) => r.series === 'rhodium_2025_zev_supply_chain');
  const drawn = vm.marks.filter((m) => !m.empty);
  assert.equal(drawn.length, rows.length);
  for (const r of rows) {
    const m = drawn.find((x) => x.key === r.market && x.category === r.period);
    assert.ok(m, `${r.market} ${r.period} drawn`);
    assert.equal(m.value, r.usd_bn);
    assert.equal(m.approximate, r.approximate || r.bound !== null);
    assert.equal(m.bound, r.bound);
  }
  assert.ok(!vm.marks.some((m) => m.value === 29.7 || m.value === 28.2), 'the Feb 2024 series is not drawn');
  assert.deepEqual(vm.marks.filter((m) => m.empty).map((m) => m.id), ['bars/overseas/2022', 'bars/overseas/2023']);
  const first = json.indicators.find((r) => r.name === 'first_year_overseas_exceeds_domestic');
  assert.equal(vm.panels[0].annotation.markId, `bars/overseas/${first.year}`);
  assert.match(vm.panels[0].annotation.text, new RegExp(`^${first.year}: .*2014`));
  // the finding template: the domestic peak and last, the last abroad, from the drawn marks
  const home = rows.filter((r) => r.market === 'domestic');
  const peak = home.reduce((a, r) => (r.usd_bn > a.usd_bn ? r : a));
  assert.equal(peak.bound, 'lower');
  assert.equal(vm.finding, `Announced investment at home peaked at over US$${peak.usd_bn}bn in ${peak.period} and was US$${home.at(-1).usd_bn}bn in ${home.at(-1).period}; `
    + `abroad, ≈US$${rows.filter((r) => r.market === 'overseas').at(-1).usd_bn}bn was announced in ${rows.filter((r) => r.market === 'overseas').at(-1).period}.`);
  assert.match(vm.notes.join(' '), /February 2024 note/);
  assert.match(vm.notes.join(' '), /yearly average over the years under it, not a single year’s figure/);
  assert.equal(vm.legend.find((l) => l.key === 'total').label, 'All locations, yearly average');
  assert.equal(vm.marks.find((m) => m.id === 'bars/domestic/2022').label, 'over 90');
  assert.equal(vm.marks.find((m) => m.id === 'bars/overseas/2024').label, '≈16');
});

test('investment (share), drawn from the description: the engine share only where both markets have a figure; the pre-2024 share as the report gives it', async () => {
  const { build, json } = await story();
  const vm = build('investment', { state: { mode: 'share' } });
  const y24 = json.investment.filter((r) => r.series === 'rhodium_2025_zev_supply_chain' && r.period === '2024');
  const total = y24.reduce((s, r) => s + r.usd_bn, 0);
  const abroad = vm.marks.find((m) => m.id === 'share/overseas/2024');
  assert.ok(near(abroad.value, (100 * y24.find((r) => r.market === 'overseas').usd_bn) / total));
  assert.ok(abroad.approximate && abroad.derived, 'a share of an approximate value is approximate');
  assert.equal(abroad.label, '≈51.6%');
  const home = vm.marks.find((m) => m.id === 'share/domestic/2024');
  assert.ok(y24.find((r) => r.market === 'domestic').approximate === false && home.approximate && home.bound === null,
    'an exact figure over an approximate total is an approximate share (shareQual)');
  assert.equal(home.label, '≈48.4%');
  const before = vm.marks.find((m) => m.reference);
  const ind = json.indicators.find((r) => r.name === 'domestic_share_of_chinese_ev_supply_chain_investment_pre_2024');
  assert.equal(before.value, ind.value);
  assert.equal(before.categoryText, 'Before 2024');
  assert.ok(before.approximate && !before.derived);
  assert.match(before.qualifier, /not computed/);
  assert.equal(vm.marks[0], before, 'the reference bar comes first');
  assert.ok(!vm.marks.some((m) => m.category === '2022' || m.category === '2023'), 'no share for years with one market');
  assert.equal(vm.finding, `In 2024, ≈${(100 * abroad.value / 100).toFixed(1)}% of announced investment went abroad. Before 2024, ≈${ind.value}% had stayed in China, by the report’s own rough figure.`);
});

test('capacity: utilisation bars and CAAM lines over the selected years, linear or log', async () => {
  const { build, json } = await story();
  const vm = build('capacity', { state: { from: 2016, to: 2023, scale: 'log' } });
  // the described view (general renderer): a row key is series key/segment, its mark's category the segment
  const util = vm.panels[0].rows.map((r) => [r.mark.category, r.mark.value]);
  assert.deepEqual(util, points(json, 'china_domestic_capacity_utilisation_scmp').sort((a, b) => b.value - a.value).map((p) => [p.segment, p.value]));
  assert.deepEqual(vm.panels[0].fixed, [0, 100]);
  const lines = vm.panels[1];
  assert.equal(lines.scale, 'log');
  assert.deepEqual(lines.xs, [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]);
  for (const s of lines.series) {
    const want = points(json, s.key).filter((p) => p.year >= 2016 && p.year <= 2023);
    assert.deepEqual(s.marks.map((m) => [m.x, m.value]), want.map((p) => [p.year, p.value]));
  }
  assert.deepEqual(lines.extent, {
    min: Math.min(...points(json, 'caam_nev_sales').concat(points(json, 'caam_nev_production')).filter((p) => p.year >= 2016 && p.year <= 2023).map((p) => p.value)),
    max: 9587000,
  });
  const range = vm.controls.find((c) => c.id === 'range');
  assert.deepEqual([range.from, range.to, range.years[0], range.years.at(-1)], [2016, 2023, 2014, 2025]);
  assert.match(vm.finding, /49%.*36\.5%.*517k in 2016 to 9\.59m in 2023/);
  const hidden = build('capacity', { state: { hidden: ['caam_nev_sales'] } });
  assert.deepEqual(hidden.panels[1].series.map((s) => s.key), ['caam_nev_production']);
  assert.equal(hidden.legend.find((l) => l.key === 'caam_nev_sales').pressed, false);
});

test('exports: CAAM bars with gaps, the NEV share from the engine ratio, CPCA only in a note', async () => {
  const { build, json } = await story();
  const vm = build('exports');
  const nev = points(json, 'caam_nev_exports');
  const tot = points(json, 'caam_vehicle_exports_total');
  assert.deepEqual(vm.marks.filter((m) => m.key === 'caam_nev_exports' && m.empty).map((m) => m.category), ['2019', '2020']);
  for (const m of vm.panels[1].series[0].marks) {
    const n = nev.find((p) => p.year === m.x);
    const d = tot.find((p) => p.year === m.x);
    assert.ok(near(m.value, (100 * n.value) / d.value), `share ${m.x}`);
    if (d.bound === 'lower') assert.equal(m.bound, 'upper', `${m.x}: over a lower-bound total the share is an upper bound`);
  }
  assert.equal(vm.marks.find((m) => m.id === 'nev-share/nev_share/2025').label, 'up to 37.4%');
  assert.ok(!vm.marks.some((m) => /cpca/.test(m.id)));
  assert.equal(vm.panels[1].series.length, 1, 'the ratio\'s denominator (100% by construction) is not drawn');
  // the CPCA comparison is a note without figures now (no general feature compares another series' figures)
  assert.ok(vm.notes.some((n) => /Passenger Car Association counts differently/.test(n)));
  assert.ok(vm.notes.some((n) => /computed from a bound is itself a bound/.test(n)));
  const narrow = build('exports', { state: { from: 2022, to: 2024 } });
  assert.deepEqual(narrow.panels[0].groups.map((g) => g.key), ['2022', '2023', '2024']);
});

test('projects: sums and counts per group from the engine match the file; unvalued projects are counted, not summed', async () => {
  const { build, json, prov } = await story();
  const eligible = json.projects.filter((p) => prov.entry(p.source).confidence !== 'low');
  assert.equal(json.projects.length - eligible.length, 1, 'one project rests on a low-confidence source');
  for (const group of ['country', 'region', 'segment', 'year_announced']) {
    const vm = build('projects', { state: { group } });
    for (const r of vm.panels[0].rows) {
      const members = eligible.filter((p) => String(p[group] ?? '') === r.mark.category);
      const valued = members.filter((p) => p.usd_bn !== null);
      assert.ok(members.length > 0, `${group} ${r.mark.category} has projects`);
      assert.equal(r.mark.count, members.length, `${group} ${r.key} count`);
      assert.equal(r.mark.valued, valued.length, `${group} ${r.key} valued`);
      if (valued.length) assert.ok(near(r.mark.value, valued.reduce((s, p) => s + p.usd_bn, 0)), `${group} ${r.key} sum`);
      else assert.ok(r.mark.empty);
      assert.equal(r.mark.approximate, valued.some((p) => p.approximate), `${group} ${r.key} approximate`);
    }
  }
  const bySum = build('projects').panels[0].rows.map((r) => r.mark.value ?? -1);
  assert.deepEqual(bySum, [...bySum].sort((a, b) => b - a));
  const byCount = build('projects', { state: { sort: 'count' } }).panels[0].rows.map((r) => r.mark.count);
  assert.deepEqual(byCount, [...byCount].sort((a, b) => b - a));
  const byName = build('projects', { state: { sort: 'name' } }).panels[0].rows.map((r) => r.label);
  assert.deepEqual(byName, [...byName].sort((a, b) => a.localeCompare(b, 'en-GB')));
  assert.ok(byName.indexOf('Türkiye') < byName.indexOf('United States'), 'names sort as words, not bytes');
  const vm = build('projects', { state: { selected: 'Hungary' } });
  assert.equal(vm.detail.items.length, eligible.filter((p) => p.country === 'Hungary').length);
  const catl = vm.detail.items.find((p) => p.cells[0].text === 'CATL');
  const alts = json.projects.find((p) => p.company === 'CATL' && p.country === 'Hungary').alt_values;
  assert.equal(catl.cells.find((c) => c.column === 'alt_values').text,
    alts.map((a) => `US$${a.usd_bn}bn (${prov.entry(a.source).publisher})`).join('; '), 'the other figures with their sources');
  const unvalued = eligible.filter((p) => p.usd_bn === null).length;
  assert.equal(unvalued, 8);
  assert.ok(vm.notes.includes(`${unvalued} rows have no value for US$ announced and are left out of the figures.`), vm.notes.join(' | '));
  assert.ok(vm.notes.includes('1 row whose only sources are rated low confidence is left out.'));
  // the general renderer leaves a project without a year out of the year groups and says so
  const year = build('projects', { state: { group: 'year_announced' } });
  const noYear = eligible.filter((p) => p.year_announced === null).length;
  assert.equal(noYear, 1);
  assert.ok(year.notes.includes('1 row has no value for Year and is left out.'), year.notes.join(' | '));
});

test('europe: FDI bars with greenfield gaps, Hungary’s share as the source gives it', async () => {
  const { build, json } = await story();
  const vm = build('europe');
  const total = points(json, 'merics_rhodium_chinese_fdi_europe_total');
  assert.deepEqual(vm.marks.filter((m) => m.key === 'merics_rhodium_chinese_fdi_europe_total').map((m) => m.value), total.map((p) => p.value));
  assert.deepEqual(vm.marks.filter((m) => m.key === 'merics_rhodium_chinese_greenfield_europe' && m.empty).map((m) => m.category),
    ['2016', '2017', '2018', '2019', '2021', '2023']);
  const hun = json.destinations.filter((d) => d.scope === 'Chinese EV-related FDI into Europe' && d.iso3 === 'HUN');
  assert.deepEqual(vm.panels[1].groups.map((g) => [g.key, g.marks[0].value]), hun.map((d) => [d.period, d.share_pct]).sort());
  assert.match(vm.finding, /€37bn in 2016 to €10bn in 2024.*62%/);
});

test('every view in Chinese: Chinese titles, findings, legends and 亿/万 numbers', async () => {
  const { build } = await story();
  for (const id of PAGE_VIEWS.map((v) => v.id)) {
    const vm = build(id, { locale: 'zh' });
    assert.match(vm.title, CJK, `${id} title`);
    assert.match(vm.finding, CJK, `${id} finding`);
    for (const l of vm.legend) assert.match(l.label, CJK, `${id} legend ${l.key}`);
    for (const n of vm.notes) assert.match(n, CJK, `${id} note`);
  }
  assert.match(build('investment', { locale: 'zh' }).finding, /峰值超过900亿美元.*150亿美元.*约160亿美元/);
  assert.match(build('capacity', { locale: 'zh' }).finding, /1662\.6万辆/);
  assert.equal(build('projects', { locale: 'zh' }).panels[0].rows[0].label, '匈牙利');
});

test('every drawn value has a source; empty slots say why; the table lists exactly the drawn marks', async () => {
  const { build } = await story();
  for (const id of PAGE_VIEWS.map((v) => v.id)) {
    const vm = build(id);
    for (const m of vm.marks) {
      if (m.empty) assert.ok(m.qualifier.length > 0, `${m.id} says why it is empty`);
      else assert.ok(m.sources.length > 0, `${m.id} has a source`);
    }
    assert.deepEqual(vm.table.rows.map((r) => r.id), vm.marks.map((m) => m.id), `${id} table rows`);
    assert.ok(vm.sources.length > 0 || vm.sourceLine, `${id} credits its sources`);
    assert.ok(vm.sources.every((s) => s.confidence !== 'low'), `${id} credits no low-confidence source`);
  }
});

// What links made before the description drove the page relied on: each
// story view's state fields, their defaults and the values its choices
// take (the hand-written list the page held until session 5). The page now
// reads links against the description's views, so the description must keep
// offering them for old links to reopen the exact view.
const LINK_FIELDS = {
  investment: { defaults: { hidden: [], mode: 'usd' }, allowed: { mode: ['usd', 'share'] } },
  capacity: { defaults: { hidden: [], scale: 'linear', from: null, to: null, trend: 'off', level: 80, horizon: 2030 }, allowed: {} },
  exports: { defaults: { hidden: [], from: null, to: null, trend: 'off', level: 80, horizon: 2030 }, allowed: {} },
  projects: { defaults: { group: 'country', sort: 'value', selected: null }, allowed: { group: ['country', 'region', 'segment', 'year_announced'] } },
  europe: { defaults: { hidden: [], from: null, to: null, trend: 'off', level: 80, horizon: 2030 }, allowed: {} },
  map: {
    defaults: { colour: 'region', zoom: 'world', projection: 'equal-earth', selected: null },
    allowed: { colour: ['region', 'segment'], zoom: ['world', 'europe', 'southeast-asia', 'americas'] },
  },
};

test('the page\'s tabs are the description\'s views in its order, with the state fields old links use', () => {
  assert.deepEqual(PAGE_VIEWS.map((v) => v.id), STORY_DOC.views.map((v) => v.id));
  assert.deepEqual(PAGE_VIEWS.map((v) => v.id), Object.keys(LINK_FIELDS));
  for (const v of PAGE_VIEWS) {
    assert.deepEqual({ ...v.defaults }, LINK_FIELDS[v.id].defaults, `${v.id} defaults`);
    for (const [field, list] of Object.entries(v.allowed)) assert.deepEqual(list, LINK_FIELDS[v.id].allowed[field] ?? [], `${v.id} allowed ${field}`);
  }
});

test('old links reopen the exact view against the description\'s views; unknown values fall back to defaults', () => {
  const base = initialState(PAGE_VIEWS);
  const cases = [
    ['?view=map&colour=segment', 'map', { colour: 'segment' }],
    ['?view=projects&sort=sum', 'projects', { sort: 'value' }],
    ['?view=projects&group=region&sort=count&sel=Europe', 'projects', { group: 'region', sort: 'count', selected: 'Europe' }],
    ['?view=capacity&scale=log&from=2016&to=2023&hide=caam_nev_sales', 'capacity', { scale: 'log', from: 2016, to: 2023, hidden: ['caam_nev_sales'] }],
    ['?view=exports&trend=holt&level=95&horizon=2028', 'exports', { trend: 'holt', level: 95, horizon: 2028 }],
    ['?view=investment&mode=share&lang=zh', 'investment', { mode: 'share' }],
    ['?view=map&colour=red&zoom=mars&projection=mercator', 'map', { projection: 'mercator' }],
    ['?view=projects&group=Region&sort=SUM', 'projects', {}],
  ];
  for (const [q, view, changed] of cases) {
    const s = fromQuery(q, PAGE_VIEWS);
    assert.equal(s.view, view, q);
    assert.deepEqual(s.views[view], { ...base.views[view], ...changed }, q);
    for (const v of PAGE_VIEWS) if (v.id !== view) assert.deepEqual(s.views[v.id], base.views[v.id], `${q}: ${v.id} untouched`);
  }
  assert.equal(fromQuery('?view=investment&mode=share&lang=zh', PAGE_VIEWS).lang, 'zh');
});

test('a description whose views differ: tabs in its own order; a link is read against its views; an id it lacks opens its first view', () => {
  const reordered = { ...STORY_DOC, views: [...STORY_DOC.views].reverse().filter((v) => v.id !== 'europe') };
  const views = chartViews(reordered);
  assert.deepEqual(views.map((v) => v.id), ['map', 'projects', 'exports', 'capacity', 'investment']);
  // the first view is now the map: a bare link opens it, and leaving it out of a link names no view
  assert.equal(fromQuery('', views).view, 'map');
  assert.equal(toQuery(fromQuery('?view=investment', PAGE_VIEWS), views), '?v=1&view=investment');
  assert.equal(toQuery(fromQuery('?view=map&colour=segment', views), views), '?v=1&colour=segment');
  // a view the description lacks: its first view, as for any unknown view id
  // (the link's keys apply to it where it has the field: from=2019 is not a map's)
  assert.deepEqual(fromQuery('?view=europe&from=2019', views), initialState(views));
  const missing = fromQuery('?view=europe&from=2019&colour=segment', views);
  assert.equal(missing.view, 'map');
  assert.deepEqual(missing.views.map, { ...initialState(views).views.map, colour: 'segment' });
  assert.ok(!('europe' in missing.views));
  // the story's own views read the same link
  assert.equal(fromQuery('?view=europe&from=2019', PAGE_VIEWS).views.europe.from, 2019);
  // a view whose choices differ reads only the values it allows
  const narrowed = JSON.parse(JSON.stringify(STORY_DOC));
  const map = narrowed.views.find((v) => v.id === 'map');
  map.map.colour = map.map.colour.filter((c) => (c.id ?? c.column) !== 'segment');
  const narrowViews = chartViews(narrowed);
  assert.deepEqual(fromQuery('?view=map&colour=segment&zoom=europe', narrowViews).views.map,
    { ...initialState(narrowViews).views.map, zoom: 'europe' });
});

test('another description carries the state over: unchanged views keep theirs, changed ones keep what they still allow, the current view stays if present', () => {
  const s = fromQuery('?view=projects&group=region&sort=count&sel=Europe&lang=zh', PAGE_VIEWS);
  s.views.capacity.hidden = ['caam_nev_sales'];
  s.views.map.colour = 'segment';
  s.views.map.zoom = 'europe';
  const same = restate(s, PAGE_VIEWS, chartViews(JSON.parse(JSON.stringify(STORY_DOC))));
  assert.deepEqual(same, s, 'the same description: the same state');
  assert.notEqual(same.views.capacity.hidden, s.views.capacity.hidden, 'copied, not shared');
  // the map loses its segment colour, Europe goes, the order changes
  const other = JSON.parse(JSON.stringify(STORY_DOC));
  other.views = other.views.filter((v) => v.id !== 'europe').reverse();
  const map = other.views.find((v) => v.id === 'map');
  map.map.colour = map.map.colour.filter((c) => (c.id ?? c.column) !== 'segment');
  const views = chartViews(other);
  const next = restate(s, PAGE_VIEWS, views);
  assert.equal(next.view, 'projects');
  assert.equal(next.lang, 'zh');
  assert.deepEqual(Object.keys(next.views), views.map((v) => v.id));
  assert.deepEqual(next.views.projects, s.views.projects);
  assert.deepEqual(next.views.capacity, s.views.capacity);
  assert.deepEqual(next.views.map, { ...initialState(views).views.map, zoom: 'europe' }, 'a colour it no longer offers goes back to its default');
  // the current view gone: the first
  const gone = restate({ ...s, view: 'europe' }, PAGE_VIEWS, views);
  assert.equal(gone.view, 'map');
  // nothing to carry: the defaults
  assert.deepEqual(restate(null, PAGE_VIEWS, views), initialState(views));
});

test('the tables the page requires are those the description reads, views first; Text is not walked; junk gives none', async () => {
  assert.deepEqual(chartTables(STORY_DOC), ['investment', 'indicators', 'series_points', 'projects', 'destinations', 'sources', 'names', 'countries']);
  // the engine's check names each of them when the dataset lacks it: the list misses none the check needs
  const s = await story();
  const normal = s.engine.checkChart(STORY_DOC, s.ds);
  assert.deepEqual(chartTables(normal), chartTables(STORY_DOC), 'the normalised form reads the same tables');
  for (const table of chartTables(STORY_DOC)) {
    const json = { ...s.json };
    delete json[table];
    const ds = s.engine.ingest(JSON.stringify(json));
    try {
      assert.throws(() => s.engine.checkChart(STORY_DOC, ds), (e) => e.code === 'COLUMN' && e.message.includes(`no table '${table}'`), table);
    } finally {
      ds.free();
    }
  }
  const withTextTable = { locales: ['table', 'en'], views: [{ id: 'a', table: 'data', title: { table: 'x', en: 'y' } }] };
  assert.deepEqual(chartTables(withTextTable), ['data']);
  for (const junk of [null, 'x', 3, [], {}, { views: 'x' }, { views: [null, 1, 'a'] }]) assert.deepEqual(chartTables(junk), [], JSON.stringify(junk));
  let deep = { table: 'deep' };
  for (let i = 0; i < 100000; i += 1) deep = [deep];
  assert.deepEqual(chartTables({ views: [deep] }), [], 'deep nesting is cut, not a stack overflow');
});

// The page draws the description as the engine's check normalises it
// (app/graphic.js): every view, in both languages and at non-default
// choices, gives the same model from the normalised form as from the file,
// except the panels' default weight 1, which the normal form writes out
// (the layout reads a missing weight as 1). The same holds for the views'
// state fields and allowed values.
test('the engine-normalised description draws every view as the description as written', async () => {
  const s = await story();
  const normal = s.engine.checkChart(s.description, s.ds);
  assert.notDeepEqual(normal, s.description, 'normalisation writes defaults out');
  const normalViews = chartViews(normal);
  const STATES = {
    investment: [{}, { mode: 'share' }, { hidden: ['overseas'] }],
    capacity: [{}, { scale: 'log', from: 2016 }],
    exports: [{}, { from: 2019, to: 2023 }],
    projects: [{}, { group: 'region', sort: 'count' }, { sort: 'name', selected: 'Hungary' }],
    europe: [{}],
    map: [{}, { colour: 'segment', zoom: 'europe', projection: 'mercator' }],
  };
  const dropDefaultWeight = (vm) => {
    for (const p of vm.panels ?? []) if (p.weight === 1) delete p.weight;
    return vm;
  };
  let compared = 0;
  for (const v of s.views) {
    const n = normalViews.find((x) => x.id === v.id);
    assert.deepEqual(n.defaults, v.defaults, `${v.id} defaults`);
    assert.deepEqual(n.allowed, v.allowed, `${v.id} allowed`);
    for (const state of STATES[v.id]) {
      for (const locale of ['en', 'zh']) {
        const written = JSON.parse(JSON.stringify(s.build(v.id, { locale, state })));
        const original = v.build;
        v.build = n.build; // the fixture's build, with the normalised view
        let normalised;
        try {
          normalised = JSON.parse(JSON.stringify(s.build(v.id, { locale, state })));
        } finally {
          v.build = original;
        }
        assert.ok(written.marks.length > 0, `${v.id} ${locale} ${JSON.stringify(state)} draws`);
        assert.deepEqual(dropDefaultWeight(normalised), written, `${v.id} ${locale} ${JSON.stringify(state)}`);
        compared += 1;
      }
    }
  }
  assert.equal(compared, 2 * Object.values(STATES).flat().length);
});
