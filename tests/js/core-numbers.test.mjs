// Number and period text for the chart (web/core/numbers.js on i18n.js),
// provenance and the qualifiers of derived values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fractionDigits, fullText, percentOf, periodCandidates, prefix, qualOf, readDigits, readText, sentenceText, shortText,
} from '../../web/core/numbers.js';
import { ratioQual, shareQual } from '../../web/core/marks.js';
import { createProvenance } from '../../web/core/provenance.js';

test('chart labels: 3 significant digits in the axis unit, with the qualifier', () => {
  assert.equal(shortText('en', 16, 'usd_bn', { approximate: true }), '≈16');
  assert.equal(shortText('en', 90, 'usd_bn', { approximate: true, bound: 'lower' }), 'over 90');
  assert.equal(shortText('zh', 16, 'usd_bn', { approximate: true }), '约160');
  assert.equal(shortText('en', 16626000, 'vehicles'), '16.6m');
  assert.equal(shortText('zh', 16626000, 'vehicles'), '1660万');
  assert.equal(shortText('en', 51.61290322580645, 'percent', { approximate: true }), '≈51.6%');
  assert.equal(shortText('en', 13.72471, 'usd_bn'), '13.7');
  assert.equal(shortText('en', NaN, 'usd_bn'), '');
});

test('full values keep the digits a reader needs; missing is empty, never 0', () => {
  assert.equal(fullText('en', 340471, 'vehicles'), '340,471 vehicles');
  assert.equal(fullText('zh', 340471, 'vehicles'), '34.0471万辆');
  assert.equal(fullText('en', 0.27471, 'usd_bn', { approximate: true }), '≈US$0.27bn');
  assert.equal(fullText('en', 3110000, 'vehicles', { bound: 'lower', approximate: true }), 'over 3,110,000 vehicles');
  assert.equal(fullText('en', null, 'usd_bn'), '');
  assert.equal(sentenceText('zh', 78500, 'vehicles', { approximate: true }), '约7.85万辆');
  assert.equal(prefix('zh', { bound: 'upper' }), '最多');
  assert.equal(percentOf(0.5), 50);
  assert.equal(percentOf(NaN), null);
  assert.deepEqual(qualOf({ approximate: true, bound: 'lower' }), { approximate: true, bound: 'lower' });
  assert.deepEqual(qualOf(null), { approximate: false, bound: null });
});

test('period labels offer a full and a short form in each language', () => {
  assert.deepEqual(periodCandidates('en', '2024'), [['2024'], ['’24']]);
  assert.deepEqual(periodCandidates('en', '2021-2022'), [['2021–22'], ['’21–22']]);
  assert.deepEqual(periodCandidates('zh', '2024'), [['2024年'], ['2024'], ['24年']]);
});

test('derived qualifiers: ratios over bounds flip the bound; shares of approximate values are approximate', () => {
  const exact = { approximate: false, bound: null };
  const lower = { approximate: true, bound: 'lower' };
  assert.deepEqual(ratioQual(exact, lower), { approximate: true, bound: 'upper' });
  assert.deepEqual(ratioQual(lower, exact), { approximate: true, bound: 'lower' });
  assert.deepEqual(ratioQual(lower, lower), { approximate: true, bound: null });
  assert.deepEqual(ratioQual(exact, exact), exact);
  assert.deepEqual(shareQual([exact, { approximate: true, bound: null }]), { approximate: true, bound: null });
});

test('provenance: low confidence alone withholds a value; credits skip low-confidence sources', () => {
  const p = createProvenance([
    { id: 'a', publisher: 'A', confidence: 'high' },
    { id: 'b', publisher: 'B', confidence: 'low' },
    { id: 'c', publisher: 'A', confidence: 'medium' },
  ]);
  assert.equal(p.onlyLow({ source: 'b', also_sources: [] }), true);
  assert.equal(p.onlyLow({ source: 'b', also_sources: ['a'] }), false);
  assert.deepEqual(p.ids('low'), ['b']);
  assert.deepEqual(p.ids('!low'), ['a', 'c']);
  assert.equal(p.entry('zz').publisher, 'zz');
  const credit = p.credit([{ sources: [p.entry('b'), p.entry('a')], also: [p.entry('c')] }]);
  assert.deepEqual(credit.map((s) => [s.publisher, s.primary]), [['A', true]]);
});

test('readText: 4 significant digits by default, whole numbers whole and grouped, at least the ticks\' decimals; fractionDigits of tick values', () => {
  assert.equal(readText('en', 13.75471), '13.75');
  assert.equal(readText('en', 13.75471, { sig: 3 }), '13.8');
  assert.equal(readText('en', 30.4506329113924), '30.45');
  assert.equal(readText('en', 16626000), '16,626,000');
  assert.equal(readText('en', 0.000123456), '0.0001235');
  assert.equal(readText('en', -2.345678), '−2.346');
  assert.equal(readText('en', 1234.5678), '1,235');
  assert.equal(readText('en', 1234.5678, { minDigits: 2 }), '1,234.57', 'ticks with two decimals keep two');
  assert.equal(readText('zh', 30.4506329113924), '30.45');
  assert.equal(readText('en', NaN), '');
  assert.equal(readText('en', null), '');
  assert.equal(readDigits(5), 0);
  assert.equal(readDigits(5, 4, 1), 1);
  assert.equal(readDigits(1e-20), 12, 'capped at 12');
  assert.deepEqual([0, 20, 0.25, 0.1, 1e-7, 2.5e-7].map(fractionDigits), [0, 0, 2, 1, 7, 8]);
});
