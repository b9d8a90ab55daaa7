// core-bytes.test.mjs — web/core/bytes.js: the sizes and counts the explore
// and studio pages print in their status lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byteText, countText } from '../../web/core/bytes.js';

test('byteText: megabytes with one decimal below 1e9 bytes, gigabytes with two from there', () => {
  assert.equal(byteText(0), '0.0 MB');
  assert.equal(byteText(29_800_000), '29.8 MB');
  assert.equal(byteText(9_950_001), '10.0 MB');
  assert.equal(byteText(999_999_999), '1000.0 MB');
  assert.equal(byteText(1e9), '1.00 GB');
  assert.equal(byteText(1024 ** 3), '1.07 GB');
});

test('countText: thousands separators, whatever the machine\'s locale', () => {
  assert.equal(countText(526315), '526,315');
  assert.equal(countText(1e6), '1,000,000');
  assert.equal(countText(406), '406');
  assert.equal(countText('1234'), '1,234');
});
