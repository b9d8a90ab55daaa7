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
  // a text first written in another language also fills the default's entry
  // (the format requires it), first in order; later edits touch only their own
  t = setText(undefined, 'zh', '汽车', 'en');
  assert.deepEqual(Object.entries(t), [['en', '汽车'], ['zh', '汽车']]);
  assert.deepEqual(setText(t, 'en', 'Cars', 'en'), { en: 'Cars', zh: '汽车' });
  assert.deepEqual(setText({ en: 'Cars' }, 'zh', '汽车', 'en'), { en: 'Cars', zh: '汽车' });
  assert.equal(setText(undefined, 'zh', '', 'en'), undefined);
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

test('ratio and index steps: their settings from the form, typed by their column', async () => {
  const { withDerive, deriveOf } = await import('../../web/app/studio/describe.js');
  const bars = { id: 'v', table: 'data', mark: 'bar', x: { column: 'year' }, y: { column: 'value', aggregate: 'sum' }, series: { column: 'market' } };
  // with a series: each x's value divided by that of one series value
  let v = withDerive(bars, 'ratio', { denominator: ' domestic ', keyType: 'string' });
  assert.deepEqual(v.derive, [{ op: 'ratio', column: 'value', as: 'ratio_value', key: 'market', by: ['year'], denominator: 'domestic' }]);
  assert.equal(v.y.column, 'ratio_value');
  assert.equal(deriveOf(v), 'ratio');
  // without a series: to one x category, read as the x column's type
  const noSeries = { ...bars, series: undefined };
  v = withDerive(noSeries, 'ratio', { denominator: '2020', keyType: 'number' });
  assert.deepEqual(v.derive[0], { op: 'ratio', column: 'value', as: 'ratio_value', key: 'year', denominator: 2020 });
  assert.throws(() => withDerive(noSeries, 'ratio', { denominator: 'twenty', keyType: 'number' }), /denominator \('year'\): 'twenty' is not a number/);
  assert.throws(() => withDerive(bars, 'ratio', { denominator: '' }), /a ratio needs the 'market' value to divide by/);
  // index: 100 at x = base within each series; back to no derive restores y
  v = withDerive(bars, 'index', { base: '2015' });
  assert.deepEqual(v.derive, [{ op: 'index', column: 'value', as: 'index_value', order: 'year', partition: ['market'], base: 2015 }]);
  assert.throws(() => withDerive(bars, 'index', { base: '' }), /an index needs the x value of its base/);
  assert.throws(() => withDerive(bars, 'index', { base: '20x5' }), /'20x5' is not a number/);
  assert.deepEqual(withDerive(v, '').y, bars.y);
  // a count of rows: the step reads the aggregate's 'count'
  v = withDerive({ ...bars, y: { aggregate: 'count' } }, 'index', { base: '1' });
  assert.equal(v.derive[0].column, 'count');
  // a map: its key stands for x
  const map = { id: 'm', table: 't', mark: 'map', map: { key: 'iso3' }, y: { column: 'usd', aggregate: 'sum' } };
  assert.equal(withDerive(map, 'ratio', { denominator: 'HUN' }).derive[0].key, 'iso3');
});

test('annotations: one a line, x typed by its column, y optional, text per language', async () => {
  const { parseAnnotations, annotationsText } = await import('../../web/app/studio/describe.js');
  const en = { xType: 'number', locale: 'en', defaultLocale: 'en' };
  let a = parseAnnotations('1973 | Oil crisis\n\n 1980 | 24.5 | Peak: a | in text \n', [], en);
  assert.deepEqual(a, [{ x: 1973, text: { en: 'Oil crisis' } }, { x: 1980, y: 24.5, text: { en: 'Peak: a | in text' } }]);
  assert.equal(annotationsText(a, 'en', 'en'), '1973 | Oil crisis\n1980 | 24.5 | Peak: a | in text');
  // the same lines in Chinese set the zh entries and keep the English ones
  a = parseAnnotations('1973 | 石油危机\n1980 | 24.5 | 高峰', a, { ...en, locale: 'zh' });
  assert.deepEqual(a.map((x) => x.text), [{ en: 'Oil crisis', zh: '石油危机' }, { en: 'Peak: a | in text', zh: '高峰' }]);
  assert.equal(annotationsText(a, 'zh', 'en'), '1973 | 石油危机\n1980 | 24.5 | 高峰');
  // an empty y is none; a string x stays text; a word in y's place is text
  assert.deepEqual(parseAnnotations('Japan |  | Most efficient', [], { ...en, xType: 'string' }), [{ x: 'Japan', text: { en: 'Most efficient' } }]);
  assert.deepEqual(parseAnnotations('USA | big | cars', [], { ...en, xType: 'string' }), [{ x: 'USA', text: { en: 'big | cars' } }]);
  assert.equal(parseAnnotations(' \n', [], en), undefined);
  assert.throws(() => parseAnnotations('1973 Oil crisis', [], en), /annotation line 1: write 'x \| text'/);
  assert.throws(() => parseAnnotations('1973 | ok\nabc | text', [], en), /annotation line 2: 'abc' is not a number/);
  assert.throws(() => parseAnnotations('1973 |  ', [], en), /annotation line 1: the text after '\|' is empty/);
});

test('series labels and order: one value a line in legend order, labels per language', async () => {
  const { parseSeriesLines, seriesLinesText } = await import('../../web/app/studio/describe.js');
  const en = { type: 'string', locale: 'en', defaultLocale: 'en' };
  let s = parseSeriesLines('USA = United States\nJapan\n Europe =  European makers ', {}, en);
  assert.deepEqual(s, { order: ['USA', 'Japan', 'Europe'], labels: { USA: { en: 'United States' }, Europe: { en: 'European makers' } } });
  const series = { column: 'Origin', ...s };
  assert.equal(seriesLinesText(series, 'en', 'en'), 'USA = United States\nJapan\nEurope = European makers');
  // Chinese labels are added beside the English ones
  s = parseSeriesLines('USA = 美国\nJapan = 日本\nEurope', series, { ...en, locale: 'zh' });
  assert.deepEqual(s.labels, { USA: { en: 'United States', zh: '美国' }, Japan: { en: 'Japan', zh: '日本' }, Europe: { en: 'European makers' } });
  // number values: typed in order, keys as the engine writes them
  s = parseSeriesLines('8 = eight\n4.50\n6', {}, { ...en, type: 'number' });
  assert.deepEqual(s, { order: [8, 4.5, 6], labels: { 8: { en: 'eight' } } });
  assert.deepEqual(parseSeriesLines('', {}, en), { order: undefined, labels: undefined });
  assert.throws(() => parseSeriesLines('4\nfour', {}, { ...en, type: 'number' }), /series line 2: 'four' is not a number/);
  assert.throws(() => parseSeriesLines('USA\nUSA = again', {}, en), /series line 2: 'USA' is listed twice/);
  assert.throws(() => parseSeriesLines('= label', {}, en), /series line 1: write the value first/);
});

test('languages: a tag is added and removed with every Text entry of it; the default stays', async () => {
  const { addLocale, removeLocale } = await import('../../web/app/studio/describe.js');
  const d = {
    format: FORMAT, locales: ['en', 'zh'], title: { en: 'Cars', zh: '汽车' },
    views: [{
      id: 'v', title: { en: 'V', zh: '视图' }, tab: { en: 'Tab', zh: '标签' }, subtitle: { en: 's', zh: 's' }, table: 'data', mark: 'bar',
      x: { column: 'Origin', label: { en: 'Origin', zh: '产地' } }, y: { aggregate: 'count', label: { en: 'n', zh: '数' }, unit: { en: 'cars', zh: '辆' } },
      series: { column: 'Cylinders', labels: { 4: { en: 'four', zh: '四' } } },
      annotations: [{ x: 'USA', text: { en: 'a', zh: '甲' } }], notes: [{ en: 'n', zh: '注' }], sources: [{ name: { en: 'src', zh: '来源' } }],
    }],
  };
  const withFr = addLocale(d, ' fr ');
  assert.deepEqual(withFr.locales, ['en', 'zh', 'fr']);
  assert.deepEqual(addLocale(d, 'pt-BR').locales, ['en', 'zh', 'pt-BR']);
  assert.throws(() => addLocale(d, 'ZH'), /'ZH' is already one of the languages/);
  assert.throws(() => addLocale(d, 'f'), /'f' is not a language tag/);
  assert.throws(() => addLocale(d, 'en_GB'), /not a language tag/);
  assert.throws(() => addLocale({ ...d, locales: ['en', 'a1', 'b1', 'c1', 'd1', 'e1', 'f1', 'g1'].map((t) => t.replace(/1/, 'x')) }, 'fr'), /at most 8 languages/);
  const noZh = removeLocale(d, 'zh');
  assert.deepEqual(noZh.locales, ['en']);
  assert.ok(!JSON.stringify(noZh).includes('"zh"'), 'no zh entry left');
  const v = noZh.views[0];
  assert.deepEqual([noZh.title, v.title, v.tab, v.subtitle, v.x.label, v.y.label, v.y.unit, v.series.labels[4], v.annotations[0].text, v.notes[0], v.sources[0].name],
    [{ en: 'Cars' }, { en: 'V' }, { en: 'Tab' }, { en: 's' }, { en: 'Origin' }, { en: 'n' }, { en: 'cars' }, { en: 'four' }, { en: 'a' }, { en: 'n' }, { en: 'src' }]);
  assert.equal(d.locales.length, 2, 'the original is untouched');
  assert.equal(d.title.zh, '汽车');
  assert.throws(() => removeLocale(d, 'en'), /'en' is the default language/);
  assert.throws(() => removeLocale(d, 'fr'), /'fr' is not one of the languages/);
});
