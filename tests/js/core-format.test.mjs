import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMoney, formatNumber, formatTick, formatValue } from '../../web/core/format.js';

test('formatValue marks approximate values and bounds', () => {
  assert.equal(formatValue(16, { approximate: true }), '≈16');
  assert.equal(formatValue(90, { approximate: true, bound: 'lower' }), 'over 90');
  assert.equal(formatValue(90, { bound: 'upper' }), 'up to 90');
  assert.equal(formatValue(41, { approximate: false, bound: null }), '41');
  assert.equal(formatValue(41), '41');
});

test('missing values format as empty text, never as zero', () => {
  assert.equal(formatValue(NaN, { approximate: true }), '');
  assert.equal(formatValue(null), '');
  assert.equal(formatNumber(undefined), '');
  assert.equal(formatMoney(NaN), '');
  assert.equal(formatNumber(0), '0');
});

test('numbers keep one decimal and group thousands', () => {
  assert.equal(formatNumber(29.7), '29.7');
  assert.equal(formatNumber(1234.56), '1,234.6');
  assert.equal(formatTick(100), '100');
  assert.equal(formatTick(0.3), '0.3');
});

test('formatMoney says the qualifier in words', () => {
  assert.equal(formatMoney(16, { approximate: true }), 'about US$16bn');
  assert.equal(formatMoney(90, { approximate: true, bound: 'lower' }), 'over US$90bn');
  assert.equal(formatMoney(15), 'US$15bn');
});
