// Pure parts of the interaction: hit-testing, keyboard navigation, tooltip
// placement, URL state and transition tweening.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextMark } from '../../web/core/nav.js';
import { fromQuery, initialState, toQuery } from '../../web/core/state.js';
import { ease, tweenScene } from '../../web/core/tween.js';
import { PAGE_VIEWS as VIEWS } from './helpers/page-views.mjs';
import { hitTest } from '../../web/ui/hit.js';
import { placeTooltip } from '../../web/ui/tooltip.js';
import { story } from './core-fixtures.test.mjs';

test('hit-testing picks the column under the point, and the nearest line there', () => {
  const marks = [
    { index: 0, kind: 'bar', hit: { x: 10, y: 0, w: 20, h: 100 } },
    { index: 1, kind: 'point', cy: 20, hit: { x: 40, y: 0, w: 20, h: 100 } },
    { index: 2, kind: 'point', cy: 80, hit: { x: 40, y: 0, w: 20, h: 100 } },
  ];
  assert.equal(hitTest(marks, 15, 50), 0);
  assert.equal(hitTest(marks, 45, 30), 1);
  assert.equal(hitTest(marks, 45, 70), 2);
  assert.equal(hitTest(marks, 35, 50), -1);
});

test('arrow keys walk the marks; up and down switch series on a line chart; page keys switch panels', () => {
  const m = [
    { index: 0, kind: 'hbar', panel: 'a', period: 'x' },
    { index: 1, kind: 'point', panel: 'b', key: 's', period: '2020' },
    { index: 2, kind: 'point', panel: 'b', key: 's', period: '2021' },
    { index: 3, kind: 'point', panel: 'b', key: 't', period: '2020' },
    { index: 4, kind: 'point', panel: 'b', key: 't', period: '2021' },
  ];
  assert.equal(nextMark(m, -1, 'ArrowRight'), 0);
  assert.equal(nextMark(m, -1, 'ArrowLeft'), 4);
  assert.equal(nextMark(m, 4, 'ArrowRight'), 0, 'wraps');
  assert.equal(nextMark(m, 1, 'ArrowDown'), 3, 'same year, next series');
  assert.equal(nextMark(m, 3, 'ArrowDown'), 1, 'wraps among series');
  assert.equal(nextMark(m, 0, 'ArrowDown'), 1, 'bars: as right');
  assert.equal(nextMark(m, 2, 'Home'), 0);
  assert.equal(nextMark(m, 0, 'End'), 4);
  assert.equal(nextMark(m, 0, 'PageDown'), 1);
  assert.equal(nextMark(m, 3, 'PageDown'), 0);
  assert.equal(nextMark(m, 2, 'Escape'), -1);
  assert.equal(nextMark(m, 2, 'a'), null);
  assert.equal(nextMark([], -1, 'ArrowRight'), null);
});

test('tooltip placement prefers above, then beside, then below the chart', () => {
  const c = { w: 300, h: 200 };
  assert.deepEqual(placeTooltip({ x: 100, y: 120, w: 20 }, { w: 100, h: 60 }, c), { left: 60, top: 52 });
  assert.deepEqual(placeTooltip({ x: 10, y: 30, w: 20 }, { w: 100, h: 60 }, c), { left: 38, top: 30 });
  assert.deepEqual(placeTooltip({ x: 250, y: 30, w: 20 }, { w: 100, h: 60 }, c), { left: 142, top: 30 });
  assert.deepEqual(placeTooltip({ x: 140, y: 30, w: 20 }, { w: 290, h: 60 }, c), { left: 5, top: 208 });
  assert.deepEqual(placeTooltip({ x: 100, y: 120, w: 8 }, { w: 100, h: 60 }, c, 'side'), { left: 122, top: 90 }, 'a line point: beside it');
  assert.deepEqual(placeTooltip({ x: 250, y: 120, w: 8 }, { w: 100, h: 60 }, c, 'side'), { left: 136, top: 90 }, 'or on its left');
  assert.deepEqual(placeTooltip({ x: 40, y: 20, w: 200, h: 30 }, { w: 100, h: 60 }, c, 'below'), { left: 40, top: 58 }, 'a list row: under it');
});

test('the URL state passes an allow-list of typed keys, and round-trips', () => {
  const s = fromQuery('?view=capacity&lang=zh&scale=log&from=2016&to=2023&hide=caam_nev_sales&mode=share&x=1', VIEWS);
  assert.equal(s.view, 'capacity');
  assert.equal(s.lang, 'zh');
  assert.deepEqual(s.views.capacity, { ...initialState(VIEWS).views.capacity, scale: 'log', hidden: ['caam_nev_sales'], from: 2016, to: 2023 });
  assert.equal(s.views.investment.mode, 'usd', 'keys of other views are ignored');
  assert.equal(toQuery(s, VIEWS), '?v=1&view=capacity&lang=zh&scale=log&from=2016&to=2023&hide=caam_nev_sales');
  assert.deepEqual(fromQuery(toQuery(s, VIEWS), VIEWS), s);
  const bad = fromQuery('?view=evil&lang=fr&mode=cubic&from=20x6&hide=a,B!,c&sel=%00x', VIEWS);
  const want = initialState(VIEWS);
  want.views.investment.hidden = ['a', 'c'];
  assert.deepEqual(bad, want, 'bad values are dropped one by one');
  const p = fromQuery('?view=projects&group=region&sort=name&sel=Europe', VIEWS);
  assert.deepEqual(p.views.projects, { ...initialState(VIEWS).views.projects, group: 'region', sort: 'name', selected: 'Europe' });
  assert.equal(fromQuery('?view=projects&group=company', VIEWS).views.projects.group, 'country', 'a column the view does not offer');
  assert.equal(fromQuery('?view=projects&sel=' + 'x'.repeat(200), VIEWS).views.projects.selected, null);
});

test('transitions move bars from their old place and end exactly on the new scene', async () => {
  const { build, scene } = await story();
  const a = scene(build('investment'), 728);
  const b = scene(build('investment', { state: { hidden: ['total'] } }), 728);
  assert.equal(tweenScene(a, b, 1), b);
  assert.equal(tweenScene(null, b, 0.5), b);
  const mid = tweenScene(a, b, 0.5);
  const id = 'bars/domestic/2023';
  const ia = a.marks.find((m) => m.id === id).index;
  const ib = b.marks.find((m) => m.id === id).index;
  const xa = a.panels[0].bars.find((x) => x.index === ia).x;
  const xb = b.panels[0].bars.find((x) => x.index === ib).x;
  const xm = mid.panels[0].bars.find((x) => x.index === ib).x;
  assert.ok(Math.abs(xm - (xa + (xb - xa) * ease(0.5))) < 1e-9);
  assert.equal(ease(0), 0);
  assert.equal(ease(1), 1);
});
