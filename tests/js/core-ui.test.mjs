// Pure parts of web/ui/: hit-testing, keyboard stepping, tooltip placement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hitTest } from '../../web/ui/hit.js';
import { nextIndex } from '../../web/ui/keyboard.js';
import { placeTooltip } from '../../web/ui/tooltip.js';

test('hit-testing picks the slot column under the point', () => {
  const marks = [
    { index: 0, hit: { x: 10, y: 0, w: 20, h: 100 } },
    { index: 1, hit: { x: 30, y: 0, w: 20, h: 100 } },
  ];
  assert.equal(hitTest(marks, 15, 50), 0);
  assert.equal(hitTest(marks, 30, 99), 1);
  assert.equal(hitTest(marks, 50, 50), -1);
  assert.equal(hitTest(marks, 15, 101), -1);
  assert.equal(hitTest([], 0, 0), -1);
});

test('arrow keys step and wrap; other keys are ignored', () => {
  assert.equal(nextIndex('ArrowRight', -1, 7), 0);
  assert.equal(nextIndex('ArrowRight', 6, 7), 0);
  assert.equal(nextIndex('ArrowLeft', 0, 7), 6);
  assert.equal(nextIndex('ArrowLeft', -1, 7), 6);
  assert.equal(nextIndex('Home', 4, 7), 0);
  assert.equal(nextIndex('End', 0, 7), 6);
  assert.equal(nextIndex('Escape', 3, 7), -1);
  assert.equal(nextIndex('a', 3, 7), null);
  assert.equal(nextIndex('ArrowRight', -1, 0), -1);
});

test('tooltip goes above, then beside, then below the chart', () => {
  const container = { w: 800, h: 400 };
  const box = { w: 200, h: 100 };
  assert.deepEqual(placeTooltip({ x: 400, y: 300, w: 40 }, box, container), { left: 320, top: 192 });
  assert.deepEqual(placeTooltip({ x: 100, y: 50, w: 40 }, box, container), { left: 148, top: 50 });
  assert.deepEqual(placeTooltip({ x: 700, y: 50, w: 40 }, box, container), { left: 492, top: 50 });
  const phone = { w: 288, h: 260 };
  assert.deepEqual(placeTooltip({ x: 40, y: 20, w: 20 }, { w: 270, h: 150 }, phone), { left: 0, top: 268 });
  assert.deepEqual(placeTooltip({ x: 270, y: 200, w: 10 }, { w: 200, h: 100 }, phone), { left: 88, top: 92 });
});
