// core-bytes.test.mjs — web/core/bytes.js: the sizes and counts the explore
// and studio pages print in their status lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byteText, countText, limitText } from '../../web/core/bytes.js';

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

test('limitText: a limit written exactly, in GiB or MiB when it is a whole number of them', () => {
  assert.equal(limitText(2 ** 30), '1 GiB (1,073,741,824 bytes)');
  assert.equal(limitText(16 * 2 ** 20), '16 MiB (16,777,216 bytes)');
  assert.equal(limitText(3 * 2 ** 30), '3 GiB (3,221,225,472 bytes)');
  assert.equal(limitText(1000), '1,000 bytes');
  assert.equal(limitText(2 ** 20 + 1), '1,048,577 bytes');
});
