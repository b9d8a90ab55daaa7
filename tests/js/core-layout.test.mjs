import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandLayout, chartHeight, overlaps, tickCount, yScale } from '../../web/core/layout.js';
import { buildChartModel } from '../../web/core/model.js';
import { buildScene } from '../../web/core/scene.js';
import { fakeMeasure, fakeNice, fakeTicks, storyFrames } from './core-fixtures.test.mjs';

const sceneAt = (width) => buildScene(buildChartModel(storyFrames()), { width, measure: fakeMeasure, nice: fakeNice, ticks: fakeTicks });
const inside = (b, box) => b.x >= box.x - 0.5 && b.y >= box.y - 0.5 && b.x + b.w <= box.x + box.w + 0.5 && b.y + b.h <= box.y + box.h + 0.5;
const labelBox = (l) => ({ x: l.x - l.w / 2, y: l.y, w: l.w, h: l.h });

test('height follows width within bounds; tick count follows plot height', () => {
  assert.equal(chartHeight(320), 260);
  assert.equal(chartHeight(600), 372);
  assert.equal(chartHeight(1200), 420);
  assert.equal(tickCount(150), 3);
  assert.equal(tickCount(300), 6);
  assert.equal(tickCount(2000), 8);
});

test('bands split the plot evenly and slots share one width', () => {
  const plot = { x: 40, y: 10, w: 400, h: 200 };
  const bands = bandLayout(plot, [1, 2, 2, 2]);
  assert.deepEqual(bands.map((b) => b.x), [40, 140, 240, 340]);
  assert.deepEqual(bands.map((b) => b.cx), [90, 190, 290, 390]);
  const widths = new Set(bands.flatMap((b) => b.slots.map((s) => s.w)));
  assert.equal(widths.size, 1);
  assert.equal(bands[0].slots[0].cx, 90);
  assert.ok(bands[1].slots[1].x >= bands[1].slots[0].x + bands[1].slots[0].w);
  const y = yScale(0, 100, plot);
  assert.equal(y(0), 210);
  assert.equal(y(100), 10);
  assert.equal(y(50), 110);
});

for (const width of [320, 1200]) {
  test(`scene at ${width}px: bars in the plot, heights true to values, no label collisions`, () => {
    const s = sceneAt(width);
    assert.equal(s.width, width);
    assert.deepEqual(s.domain, [0, 100]);
    assert.equal(s.ticks[0].value, 0);
    assert.equal(s.ticks.at(-1).value, 100);
    const canvas = { x: 0, y: 0, w: s.width, h: s.height };
    assert.ok(inside(s.plot, canvas));
    const drawn = s.bars.filter((b) => !b.empty);
    assert.equal(drawn.length, 5);
    assert.equal(s.bars.filter((b) => b.empty).length, 2);
    for (const b of drawn) assert.ok(inside(b, s.plot), `bar ${b.index} inside plot`);
    const bar = (i) => s.bars[i];
    const ratio = (bar(3).h / s.plot.h) / 0.41; // 2023 domestic 41 of 100
    assert.ok(Math.abs(ratio - 1) < 1e-9);
    assert.ok(bar(0).h > bar(1).h && bar(1).h > bar(3).h && bar(6).h > bar(5).h);
    const labels = [...s.valueLabels, ...s.missingLabels];
    assert.equal(s.valueLabels.length, 5);
    for (const l of labels) assert.ok(inside(labelBox(l), canvas), `label ${l.lines} inside canvas`);
    for (const l of s.valueLabels) assert.equal(l.crowded, false, `label ${l.lines} placed clear`);
    for (let i = 0; i < labels.length; i += 1) {
      for (let j = i + 1; j < labels.length; j += 1) {
        assert.ok(!overlaps(labelBox(labels[i]), labelBox(labels[j])), `${labels[i].lines} vs ${labels[j].lines}`);
      }
      for (const b of drawn) if (b.index !== labels[i].index) assert.ok(!overlaps(labelBox(labels[i]), b), `${labels[i].lines} clear of bar ${b.index}`);
    }
    const cats = s.categoryLabels.map(labelBox);
    for (let i = 1; i < cats.length; i += 1) assert.ok(cats[i - 1].x + cats[i - 1].w < cats[i].x, 'category labels apart');
    for (const c of cats) assert.ok(inside(c, canvas));
    const ticks = s.ticks.map((t) => t.y);
    for (let i = 1; i < ticks.length; i += 1) assert.ok(ticks[i - 1] - ticks[i] >= 20, 'tick labels apart');
    for (const b of s.bars) assert.ok(b.hit.w > 0 && b.hit.h === s.plot.h);
  });
}

test('narrow widths wrap or shrink labels rather than overlap', () => {
  const s = sceneAt(320);
  const over = s.valueLabels.find((l) => l.index === 1);
  assert.ok(over.lines.join(' ') === 'over 90');
  const wide = sceneAt(1200);
  assert.deepEqual(wide.valueLabels.find((l) => l.index === 1).lines, ['over 90']);
  assert.deepEqual(wide.categoryLabels[0].lines, ['2021–22', 'average']);
  assert.deepEqual(wide.missingLabels.map((l) => l.lines[0]), ['n/a', 'n/a']);
});
