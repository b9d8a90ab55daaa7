import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gapsNote, periodLabelCandidates, periodText, qualifierText, sourceLead, spanWord } from '../../web/core/strings.js';
import { isJsonText, safeHttpUrl } from '../../web/core/input.js';

test('periods read as text', () => {
  assert.equal(periodText('2021-2022'), '2021–22');
  assert.equal(periodText('2024'), '2024');
  assert.equal(periodText('1999-2001'), '1999–2001');
  assert.equal(spanWord('2021-2022'), 'two-year');
  assert.equal(spanWord('2024'), null);
  assert.deepEqual(periodLabelCandidates('2021-2022', true)[0], ['2021–22', 'average']);
  assert.deepEqual(periodLabelCandidates('2023', false), [['2023'], ['’23']]);
});

test('qualifiers name approximation, bounds and averages', () => {
  assert.match(qualifierText({ approximate: true, bound: null, period: '2024', money: 'about US$16bn' }), /^Approximate: about US\$16bn/);
  assert.match(qualifierText({ approximate: true, bound: 'lower', period: '2022', money: 'over US$90bn' }), /^Lower bound: .*over US\$90bn/);
  assert.match(qualifierText({ average: true, period: '2021-2022', money: 'US$92bn' }), /^Two-year average \(2021–22\), not a single year/);
  assert.equal(qualifierText({ period: '2023', money: 'US$41bn' }), 'As reported');
});

test('gaps note lists the empty slots', () => {
  assert.equal(gapsNote([]), '');
  assert.match(gapsNote([{ key: 'overseas', periods: ['2022', '2023'] }]), /^No overseas figure in this dataset for 2022, 2023: those bars are left empty/);
});

test('source lead credits the study for the story series only', () => {
  assert.match(sourceLead('rhodium_2025_zev_supply_chain'), /^Source: Rhodium Group .*, as reported by $/);
  assert.equal(sourceLead('other'), 'Sources: ');
});

test('load argument: JSON text or URL; links only http(s)', () => {
  assert.equal(isJsonText('{"a":1}'), true);
  assert.equal(isJsonText('  [1]'), true);
  assert.equal(isJsonText('build/ev_story.json'), false);
  assert.equal(isJsonText(42), false);
  assert.equal(safeHttpUrl('https://example.org/x'), 'https://example.org/x');
  assert.equal(safeHttpUrl('javascript:alert(1)'), null);
  assert.equal(safeHttpUrl('relative/path'), null);
});
