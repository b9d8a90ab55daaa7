import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChartModel } from '../../web/core/model.js';
import { describeMark, announce } from '../../web/core/describe.js';
import { fakeFrame, storyFrames, STORY_ROWS } from './core-fixtures.test.mjs';

const slotsOf = (m) => m.groups.map((g) => [g.period, g.slots.map((s) => `${s.key}:${s.empty ? '-' : s.text}`)]);

test('bars land in the right slots; missing slots stay empty', () => {
  const m = buildChartModel(storyFrames());
  assert.deepEqual(slotsOf(m), [
    ['2021-2022', ['total:92']],
    ['2022', ['domestic:over 90', 'overseas:-']],
    ['2023', ['domestic:41', 'overseas:-']],
    ['2024', ['domestic:15', 'overseas:≈16']],
  ]);
  assert.deepEqual(m.marks.map((s) => s.index), [0, 1, 2, 3, 4, 5, 6]);
  const empty = m.marks.filter((s) => s.empty);
  assert.ok(empty.every((s) => s.value === null && s.text === ''));
  assert.deepEqual(m.gaps, [{ key: 'overseas', periods: ['2022', '2023'] }]);
  assert.equal(m.max, 92);
});

test('the two-year average is its own series and is labelled as an average', () => {
  const m = buildChartModel(storyFrames());
  assert.deepEqual(m.series.map((s) => s.key), ['total', 'domestic', 'overseas']);
  const total = m.series[0];
  assert.equal(total.average, true);
  assert.match(total.label, /average 2021–22/);
  assert.equal(m.groups[0].average, true);
  assert.deepEqual(m.groups[0].labelCandidates[0], ['2021–22', 'average']);
  assert.match(m.marks[0].qualifier, /^Two-year average/);
  assert.equal(m.groups[1].average, false);
});

test('approximate values and bounds carry their qualifiers', () => {
  const m = buildChartModel(storyFrames());
  const over = m.marks.find((s) => s.period === '2022' && s.key === 'domestic');
  assert.equal(over.approximate, true);
  assert.equal(over.bound, 'lower');
  assert.equal(over.money, 'over US$90bn');
  const about = m.marks.find((s) => s.period === '2024' && s.key === 'overseas');
  assert.equal(about.text, '≈16');
  assert.match(about.qualifier, /about US\$16bn/);
  const exact = m.marks.find((s) => s.period === '2023');
  assert.equal(exact.approximate, false);
  assert.equal(m.hasApproximate, true);
});

test('sources: tooltip names the primary; credit line skips low confidence', () => {
  const m = buildChartModel(storyFrames());
  const d = describeMark(m.marks.find((s) => s.period === '2024' && s.key === 'overseas'));
  assert.equal(d.heading, 'Overseas, 2024');
  assert.equal(d.value, '≈16');
  assert.equal(d.source, 'Source: Bloomberg: “EV sector invests more abroad”');
  assert.deepEqual(m.sources.map((s) => s.publisher), ['South China Morning Post', 'CNBC', 'Bloomberg']);
  assert.deepEqual(m.sources.map((s) => s.primary), [true, true, true]);
  const gap = describeMark(m.marks[2]);
  assert.equal(gap.qualifier, 'No figure in this dataset');
  assert.equal(gap.value, '');
  assert.match(announce(m.marks[3], 4, 7), /^Domestic, 2023\. US\$41bn\. As reported\. Source: CNBC.* Bar 4 of 7\.$/);
});

test('a value whose only sources are low confidence is withheld, not drawn', () => {
  const rows = STORY_ROWS.map((r) => (r.period === '2023' ? { ...r, source: 'ai', also_sources: null } : r));
  const m = buildChartModel(storyFrames(rows));
  const s = m.marks.find((x) => x.period === '2023' && x.key === 'domestic');
  assert.equal(s.empty, true);
  assert.equal(s.withheld, true);
  assert.match(s.qualifier, /low confidence/);
  assert.deepEqual(m.gaps, [{ key: 'overseas', periods: ['2022', '2023'] }]);
});

test('missing values (NaN) are gaps, never zero bars', () => {
  const rows = STORY_ROWS.map((r) => (r.period === '2023' ? { ...r, usd_bn: NaN } : r));
  const m = buildChartModel(storyFrames(rows));
  assert.equal(m.marks.find((x) => x.period === '2023' && x.key === 'domestic').empty, true);
});

test('a frame of the wrong shape gives a sentence naming table and column', () => {
  const f = storyFrames();
  f.investment = fakeFrame('investment', [['period', 'string'], ['market', 'string'], ['source', 'string']], []);
  assert.throws(() => buildChartModel(f), { code: 'MODEL', message: "The 'investment' table has no 'usd_bn' column." });
  const g = storyFrames();
  g.investment = fakeFrame('investment', [['period', 'string'], ['market', 'string'], ['usd_bn', 'string'], ['source', 'string']], []);
  assert.throws(() => buildChartModel(g), /column 'usd_bn' should be number, not string/);
  assert.throws(() => buildChartModel(storyFrames([])), /has no rows for series 'rhodium_2025_zev_supply_chain'/);
});
