// Scene geometry (web/core/scene*.js, layout.js, labels.js, annotate.js):
// every view at phone and desktop widths keeps its marks and labels inside
// the canvas and apart from each other; bar heights and line points follow
// the engine's scale; lines break at gaps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandLayout, chartHeight, logScale, overlaps, panelColumns, tickCount, yearScale, yScale } from '../../web/core/layout.js';
import { MAX_LINES, placeValueLabels, wrapText } from '../../web/core/labels.js';
import { linesScene } from '../../web/core/scene-lines.js';
import { PAGE_VIEWS } from './helpers/page-views.mjs';
import { fakeMeasure, story } from './core-fixtures.test.mjs';

const VIEW_IDS = PAGE_VIEWS.map((v) => v.id); // the story page's tabs, in the description's order

const inside = (b, box) => b.x >= box.x - 0.5 && b.y >= box.y - 0.5 && b.x + b.w <= box.x + box.w + 0.5 && b.y + b.h <= box.y + box.h + 0.5;
const centred = (l) => ({ x: l.x - l.w / 2, y: l.y, w: l.w, h: l.h });

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
  assert.equal(new Set(bands.flatMap((b) => b.slots.map((s) => s.w))).size, 1);
  assert.ok(bands[1].slots[1].x >= bands[1].slots[0].x + bands[1].slots[0].w);
  const y = yScale(0, 100, plot);
  assert.deepEqual([y(0), y(50), y(100)], [210, 110, 10]);
});

test('log and year scales', () => {
  const plot = { x: 0, y: 0, w: 100, h: 300 };
  const y = logScale(1e4, 1e7, plot);
  assert.deepEqual([y(1e4), y(1e5), y(1e6), y(1e7)].map(Math.round), [300, 200, 100, 0]);
  assert.equal(y(0), 300, 'non-positive values sit on the bottom, never NaN');
  const x = yearScale(2014, 2025, plot);
  assert.equal(x.band, 100 / 12);
  assert.ok(Math.abs(x.x(2014) - x.band / 2) < 1e-9);
  assert.deepEqual(panelColumns(320, [1, 2]), null);
  const cols = panelColumns(728, [1, 2]);
  assert.equal(cols[1].x + cols[1].w, 728);
  assert.ok(cols[0].w < cols[1].w);
});

test('wrapText breaks English at spaces and Chinese between characters, never before closing punctuation', () => {
  const m = (t) => [...t].length * 10;
  assert.deepEqual(wrapText('one two three', {}, m, 70), ['one two', 'three']);
  const zh = wrapText('荣鼎自2014年有记录以来，首次出现', {}, m, 100);
  assert.ok(zh.every((l) => m(l) <= 110));
  assert.ok(zh.every((l) => !/^[，。、]/.test(l)));
  assert.deepEqual(wrapText('Projects\n(with US$)', {}, m, 500), ['Projects', '(with US$)']);
});

test('wrapText stops at MAX_LINES: the last line ends in an ellipsis that fits; short texts are untouched', () => {
  let measured = 0;
  const m = (t) => { measured += 1; return [...t].length * 10; };
  const long = 'word '.repeat(20000); // 100 KB
  const lines = wrapText(long, {}, m, 100);
  assert.equal(lines.length, MAX_LINES);
  assert.deepEqual(lines.slice(0, -1), Array(MAX_LINES - 1).fill('word word'));
  assert.equal(lines.at(-1), 'word word…');
  assert.ok(lines.every((l) => m(l) <= 100));
  assert.ok(measured < 200, `stops early (${measured} measurements)`);
  assert.deepEqual(wrapText('a b c d', {}, m, 10, 2), ['a', 'b…'], 'at least one character');
  assert.deepEqual(wrapText('a\nb\nc', {}, m, 100, 2), ['a', 'b…']);
  assert.deepEqual(wrapText('one two three', {}, m, 70, 2), ['one two', 'three'], 'exactly maxLines: no ellipsis');
  const zh = wrapText('荣鼎'.repeat(50000), {}, m, 100, 3);
  assert.equal(zh.length, 3);
  assert.equal(zh[2], '荣鼎荣鼎荣鼎荣鼎荣…');
});

test('crowded value labels are dropped and do not block later ones', () => {
  const font = { size: 12, weight: 700 };
  const items = [
    { index: 0, text: 'wide label', cx: 50, top: 100, bar: { x: 45, y: 100, w: 10, h: 100 } },
    { index: 1, text: 'also wide', cx: 60, top: 100, bar: { x: 55, y: 100, w: 10, h: 100 } },
    { index: 2, text: '7', cx: 200, top: 100, bar: { x: 195, y: 100, w: 10, h: 100 } },
  ];
  const placed = placeValueLabels(items, fakeMeasure, { x: 0, y: 0, w: 300, h: 300 }, { drop: true });
  assert.deepEqual(placed.map((l) => l.index), [0, 2]);
  assert.ok(!placed.some((l) => l.crowded));
  assert.ok(font);
});

test('a line breaks where a year is missing; a lone point is a dot', () => {
  const mk = (x, value, i) => ({ index: i, id: `l/a/${x}`, x, value, empty: false, approximate: false, label: String(value) });
  const panel = {
    id: 'l', kind: 'lines', unit: 'percent', fixed: [0, 100], xs: [2019, 2020, 2021, 2022, 2023, 2024],
    series: [{ key: 'a', colour: '#000', marks: [mk(2019, 10, 0), mk(2020, 20, 1), mk(2022, 30, 2), mk(2024, 40, 3)] }],
    dots: false, labels: false,
  };
  const s = linesScene(panel, { x: 0, y: 0, w: 400, h: 300 }, {
    measure: fakeMeasure, locale: 'en', nice: (a, b) => [a, b], ticks: (a, b) => [a, (a + b) / 2, b],
  });
  assert.equal(s.paths.length, 1, 'only 2019–2020 are joined');
  assert.deepEqual(s.paths[0].ids, ['l/a/2019', 'l/a/2020']);
  assert.deepEqual(s.dots.map((d) => d.index), [2, 3], '2022 and 2024 stand alone as dots');
});

for (const locale of ['en', 'zh']) {
  for (const width of [320, 728]) {
    test(`every view at ${width}px (${locale}): marks and labels inside the canvas, no label collisions`, async () => {
      const { build, scene } = await story();
      for (const id of VIEW_IDS) {
        const vm = build(id, { locale });
        const s = scene(vm, width);
        const canvas = { x: 0, y: 0, w: s.width, h: s.height };
        assert.equal(s.marks.length, vm.marks.length, `${id}: a geometry for every mark`);
        for (const m of s.marks) {
          assert.ok(inside({ x: m.x, y: m.y, w: m.w, h: m.h }, canvas), `${id} ${m.id} inside`);
          assert.ok(inside(m.hit, canvas), `${id} ${m.id} hit area inside`);
        }
        for (const p of s.panels) {
          const labels = [...(p.valueLabels ?? []), ...(p.categoryLabels ?? []), ...(p.seriesKeys ?? [])].map(centred);
          if (p.annotation) labels.push(p.annotation);
          if (p.axis) labels.push(p.axis.unit);
          for (const l of labels) assert.ok(inside(l, canvas), `${id} ${p.id}: label inside the canvas`);
          for (let i = 0; i < labels.length; i += 1) {
            for (let j = i + 1; j < labels.length; j += 1) assert.ok(!overlaps(labels[i], labels[j]), `${id} ${p.id}: labels ${i} and ${j} overlap`);
          }
          for (const b of p.bars ?? []) {
            if (b.empty) continue;
            for (const l of p.valueLabels) assert.ok(!overlaps(centred(l), b, -1), `${id}: a value label covers a bar`);
          }
          const xt = p.xTicks ?? [];
          for (let i = 1; i < xt.length; i += 1) {
            const a = fakeMeasure(xt[i - 1].lines[0], xt[i - 1].font);
            assert.ok(xt[i].x - xt[i - 1].x >= (a + fakeMeasure(xt[i].lines[0], xt[i].font)) / 2, `${id}: year labels overlap`);
          }
        }
        if (width < 560) for (let i = 1; i < s.panels.length; i += 1) assert.ok(s.panels[i].area.y >= s.panels[i - 1].bottom, `${id}: stacked panels`);
      }
    });
  }
}

test('bars stand on zero and their heights follow the engine ticks', async () => {
  const { build, scene } = await story();
  const s = scene(build('investment'), 728);
  const p = s.panels[0];
  const zero = p.axis.ticks.find((t) => t.value === 0).y;
  const top = p.axis.ticks.at(-1);
  for (const b of p.bars.filter((x) => !x.empty)) {
    assert.ok(Math.abs(b.y + b.h - zero) < 1e-6);
    const m = build('investment').marks[b.index];
    assert.ok(Math.abs(b.h - ((zero - top.y) * m.value) / top.value) < 1e-6, `${m.id} height`);
  }
  assert.deepEqual(p.axis.domain, [0, 100]);
  const log = scene(build('capacity', { state: { scale: 'log' } }), 728).panels[1];
  assert.ok(log.axis.log);
  assert.ok(log.axis.ticks.every((t) => Math.log10(t.value) % 1 === 0 || /[25]/.test(String(t.value)[0])), 'log ticks are 1-2-5 × powers of ten');
});
