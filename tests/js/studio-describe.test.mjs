// studio-describe.test.mjs — the studio's description edits
// (web/app/studio/describe.js). Pure; no engine here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FilterError, FORMAT, filterText, newDescription, nextViewId, parseFilter, setText, textIn, updateView,
} from '../../web/app/studio/describe.js';

test('a new description has the format, its locales and one view', () => {
  const d = newDescription({ table: 'cars', locales: ['en', 'zh'] });
  assert.equal(d.format, FORMAT);
  assert.deepEqual(d.locales, ['en', 'zh']);
  assert.equal(d.views.length, 1);
  assert.equal(d.views[0].table, 'cars');
  assert.equal(nextViewId(d), 'view-2');
  const d2 = { ...d, views: [...d.views, { ...d.views[0], id: 'view-2' }] };
  assert.equal(nextViewId(d2), 'view-3');
  assert.equal(nextViewId({ views: [{ id: 'view-2' }] }), 'view-3');
});

test('Text: each locale edits its own entry; a missing locale falls back to the default', () => {
  let t = setText(undefined, 'en', 'Cars', 'en');
  assert.deepEqual(t, { en: 'Cars' });
  t = setText(t, 'zh', '汽车', 'en');
  assert.deepEqual(t, { en: 'Cars', zh: '汽车' });
  assert.equal(textIn(t, 'zh', 'en'), '汽车');
  assert.equal(textIn({ en: 'Cars' }, 'zh', 'en'), 'Cars');
  assert.equal(textIn('Same', 'zh', 'en'), 'Same');
  // clearing a non-default entry removes it; a string Text becomes an object
  assert.deepEqual(setText(t, 'zh', '', 'en'), { en: 'Cars' });
  assert.deepEqual(setText('Cars', 'zh', '汽车', 'en'), { en: 'Cars', zh: '汽车' });
  assert.equal(setText({ en: '' }, 'en', '', 'en'), undefined);
  // an own property only: a locale named like an Object.prototype member is not read through
  assert.equal(textIn({ en: 'x' }, 'constructor', 'en'), 'x');
});

test('updateView sets and deletes keys of one view and leaves the original untouched', () => {
  const d = newDescription();
  const d2 = updateView(d, 0, { mark: 'line', series: { column: 's' } });
  assert.equal(d2.views[0].mark, 'line');
  assert.equal(d.views[0].mark, 'bar');
  const d3 = updateView(d2, 0, { series: undefined });
  assert.equal(Object.hasOwn(d3.views[0], 'series'), false);
  assert.equal(Object.hasOwn(d2.views[0], 'series'), true);
});

test('parseFilter reads eq, in and range in the column\'s type', () => {
  assert.deepEqual(parseFilter({ column: 'Origin', kind: 'eq', text: ' USA ', type: 'string' }), { column: 'Origin', eq: 'USA' });
  assert.deepEqual(parseFilter({ column: 'Cylinders', kind: 'eq', text: '8', type: 'number' }), { column: 'Cylinders', eq: 8 });
  assert.deepEqual(parseFilter({ column: 'ok', kind: 'eq', text: 'false', type: 'boolean' }), { column: 'ok', eq: false });
  assert.deepEqual(parseFilter({ column: 'country', kind: 'in', text: 'China, India,Japan', type: 'string' }),
    { column: 'country', in: ['China', 'India', 'Japan'] });
  assert.deepEqual(parseFilter({ column: 'c', kind: 'in', text: '"Korea, Rep.", Chad', type: 'string' }),
    { column: 'c', in: ['Korea, Rep.', 'Chad'] });
  assert.deepEqual(parseFilter({ column: 'year', kind: 'range', text: '1970..1980', type: 'number' }), { column: 'year', range: [1970, 1980] });
  assert.deepEqual(parseFilter({ column: 'year', kind: 'range', text: '..1980', type: 'number' }), { column: 'year', range: [null, 1980] });
  assert.deepEqual(parseFilter({ column: 'year', kind: 'range', text: '-5..', type: 'number' }), { column: 'year', range: [-5, null] });
  assert.deepEqual(parseFilter({ column: 'year', kind: 'range', text: '1.5 .. 2e3', type: 'number' }), { column: 'year', range: [1.5, 2000] });
});

test('parseFilter says what is wrong with the text', () => {
  const bad = (args, re) => assert.throws(() => parseFilter(args), (e) => e instanceof FilterError && re.test(e.message));
  bad({ column: 'year', kind: 'eq', text: 'abc', type: 'number' }, /filter on 'year': 'abc' is not a number/);
  bad({ column: 'year', kind: 'range', text: '1980..1970', type: 'number' }, /starts at 1980, after its end 1970/);
  bad({ column: 'year', kind: 'range', text: '..', type: 'number' }, /at least one end/);
  bad({ column: 'year', kind: 'range', text: '1970', type: 'number' }, /'from\.\.to'/);
  bad({ column: 'Origin', kind: 'range', text: '1..2', type: 'string' }, /needs a number column; 'Origin' is string/);
  bad({ column: 'c', kind: 'in', text: ' , ', type: 'string' }, /at least one value/);
  bad({ column: 'ok', kind: 'eq', text: 'yes', type: 'boolean' }, /not true or false/);
  bad({ column: '', kind: 'eq', text: 'x', type: 'string' }, /choose a column/);
});

test('filterText reads back into the same filter', () => {
  const cases = [
    [{ column: 'a', eq: 'USA' }, 'string'],
    [{ column: 'a', in: ['Korea, Rep.', 'Chad', ' padded'] }, 'string'],
    [{ column: 'a', in: [1, 2.5] }, 'number'],
    [{ column: 'a', range: [null, 3] }, 'number'],
    [{ column: 'a', range: [1970, 1982] }, 'number'],
  ];
  for (const [f, type] of cases) {
    const { kind, text } = filterText(f);
    assert.deepEqual(parseFilter({ column: 'a', kind, text, type }), f);
  }
});

test('withDerive: one engine derive step on the aggregated column; y names its output; removable', async () => {
  const { withDerive, deriveOf } = await import('../../web/app/studio/describe.js');
  const { viewQuery } = await import('../../web/core/chart/query.js');
  const view = { x: { column: 'year' }, y: { column: 'v', aggregate: 'sum' }, series: { column: 'c' } };
  const d = withDerive(view, 'cumsum');
  assert.deepEqual(d.derive, [{ op: 'cumsum', column: 'v', as: 'cumsum_v', order: 'year', partition: ['c'] }]);
  assert.equal(d.y.column, 'cumsum_v');
  assert.equal(deriveOf(d), 'cumsum');
  // the renderer's query aggregates v and derives from it
  const q = viewQuery(d);
  assert.deepEqual(q.spec.aggregates, [{ op: 'sum', column: 'v', as: 'v' }]);
  assert.deepEqual(q.spec.derive, d.derive);
  assert.equal(q.y, 'cumsum_v');
  // switching op keeps the base column; share is within x when there is a series, else of the whole
  const s = withDerive(d, 'share');
  assert.deepEqual(s.derive, [{ op: 'share', column: 'v', as: 'share_v', by: ['year'] }]);
  assert.deepEqual(withDerive({ x: { column: 'k' }, y: { column: 'v', aggregate: 'sum' } }, 'share').derive, [{ op: 'share', column: 'v', as: 'share_v' }]);
  assert.equal(withDerive(d, 'rolling_mean').derive[0].window, 3);
  const none = withDerive(d, '');
  assert.equal(Object.hasOwn(none, 'derive'), false);
  assert.deepEqual(none.y, { column: 'v', aggregate: 'sum' });
  assert.equal(deriveOf(none), '');
  // a count of rows: derived from the aggregate's output 'count', and back
  const c = withDerive({ x: { column: 'k' }, y: { aggregate: 'count' } }, 'share');
  assert.deepEqual(c.derive, [{ op: 'share', column: 'count', as: 'share_count' }]);
  assert.deepEqual(c.y, { aggregate: 'count', column: 'share_count' });
  assert.deepEqual(viewQuery(c).spec.aggregates, [{ op: 'count', as: 'count' }]);
  assert.deepEqual(withDerive(c, '').y, { aggregate: 'count' });
  assert.throws(() => withDerive({ x: { column: 'k' }, y: {} }, 'share'), /needs a y column or the count/);
  assert.throws(() => withDerive(view, 'pie'), /unknown derived series 'pie'/);
});

test('withDerive: the step of x for changes and rolling means', async () => {
  const { withDerive } = await import('../../web/app/studio/describe.js');
  const view = { x: { column: 'year' }, y: { column: 'v', aggregate: 'mean' } };
  assert.deepEqual(withDerive(view, 'change', { xStep: 5 }).derive, [{ op: 'change', column: 'v', as: 'change_v', order: 'year', step: 5 }]);
  assert.equal(Object.hasOwn(withDerive(view, 'cumsum', { xStep: 5 }).derive[0], 'step'), false);
  assert.equal(Object.hasOwn(withDerive(view, 'change', { xStep: 1 }).derive[0], 'step'), false);
  assert.throws(() => withDerive(view, 'change', { xStep: 0 }), /step of x must be a number above 0/);
  assert.throws(() => withDerive(view, 'change', { xStep: NaN }), /step of x must be a number above 0/);
});
