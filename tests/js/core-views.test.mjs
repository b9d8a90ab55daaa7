// The five view builders (web/core/views/) on the story dataset, through the
// real engine: every drawn value is the dataset's (checked against the JSON
// file), gaps stay empty, approximate values and bounds are flagged,
// low-confidence-only values are withheld, and the Chinese models are
// Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { story } from './core-fixtures.test.mjs';
import { PAGE_VIEWS } from './helpers/page-views.mjs';
import { VIEW_IDS } from '../../web/core/views/index.js';

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

test('the story views the page reads the URL against (core/views/index.js VIEWS) are the description\'s (chartViews defaults and allowed values)', async () => {
  const { description } = await story();
  const { VIEWS, storyViews } = await import('../../web/core/views/index.js');
  const described = storyViews(description);
  assert.deepEqual(described.map((v) => v.id), VIEWS.map((v) => v.id));
  for (const v of VIEWS) {
    const d = described.find((x) => x.id === v.id);
    assert.deepEqual({ ...v.defaults }, { ...d.defaults }, `${v.id} defaults`);
    for (const [k, list] of Object.entries(d.allowed)) assert.deepEqual(v.allowed[k] ?? [], list, `${v.id} allowed ${k}`);
  }
  assert.throws(() => storyViews({ ...description, views: description.views.filter((v) => v.id !== 'europe') }), /no view 'europe'/);
});

// The page draws the description as the engine's check normalises it
// (app/graphic.js): every view, in both languages and at non-default
// choices, gives the same model from the normalised form as from the file,
// except the panels' default weight 1, which the normal form writes out
// (the layout reads a missing weight as 1). The same holds for the views'
// state fields and allowed values.
test('the engine-normalised description draws every view as the description as written', async () => {
  const s = await story();
  const { storyViews } = await import('../../web/core/views/index.js');
  const normal = s.engine.checkChart(s.description, s.ds);
  assert.notDeepEqual(normal, s.description, 'normalisation writes defaults out');
  const normalViews = storyViews(normal);
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
