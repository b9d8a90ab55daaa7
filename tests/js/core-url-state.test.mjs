// URL state (web/core/url-state.js): state → URL → state is the identity
// for every key of every view; defaults are left out; the version is
// written; unknown, malformed, hostile and huge values are ignored without
// throwing and without touching any prototype.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromQuery, initialState, langOf, OLD_VALUES, toQuery, URL_KEYS, URL_VERSION } from '../../web/core/url-state.js';
import { PAGE_VIEWS as VIEWS } from './helpers/page-views.mjs';

// A non-default value for each key (two where the type allows).
const SAMPLES = {
  mode: ['share'],
  scale: ['log'],
  from: [2016, 1900],
  to: [2023, 2100],
  hidden: [['caam_nev_sales'], ['a', 'b_2', 'total']],
  group: ['region', 'segment', 'year_announced'],
  sort: ['count', 'name'],
  colour: ['segment'],
  zoom: ['europe', 'southeast-asia', 'americas'],
  selected: ['Hungary', '', 'Côte d’Ivoire & <b>“x”</b>', '2024', '中国'],
};

// A seeded PRNG (mulberry32), so a failing fuzz case can be replayed.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Checks that `s` is a well-formed state: known view, known language,
// every view's fields of the default's kind, no extra keys.
function assertWellFormed(s, msg) {
  assert.deepEqual(Object.keys(s).sort(), ['lang', 'view', 'views'], msg);
  assert.ok(VIEWS.some((v) => v.id === s.view), msg);
  assert.ok(s.lang === null || s.lang === 'en' || s.lang === 'zh', msg);
  assert.deepEqual(Object.keys(s.views).sort(), VIEWS.map((v) => v.id).sort(), msg);
  for (const v of VIEWS) {
    const vs = s.views[v.id];
    assert.equal(Object.getPrototypeOf(vs), Object.prototype, msg);
    assert.deepEqual(Object.keys(vs).sort(), Object.keys(v.defaults).sort(), msg);
    for (const [k, d] of Object.entries(v.defaults)) {
      const x = vs[k];
      if (Array.isArray(d)) assert.ok(Array.isArray(x) && x.every((i) => typeof i === 'string'), `${msg}: ${v.id}.${k}`);
      else assert.ok(x === null || ['string', 'number'].includes(typeof x), `${msg}: ${v.id}.${k}`);
    }
  }
}

// The sample values of a key: the ones above plus its type's examples (for
// a view that lists the values a field takes, `allowed`, only those).
const samplesOf = ({ field, type }, view = null) => [...(SAMPLES[field] ?? []), ...type.examples]
  .filter((x) => !(view && view.allowed && Array.isArray(view.allowed[field])) || view.allowed[field].includes(x));

test('every key of every view round-trips: state → URL → state is the identity', () => {
  let checked = 0;
  for (const view of VIEWS) {
    for (const key of URL_KEYS) {
      const { field } = key;
      if (!(field in view.defaults)) continue;
      for (const value of samplesOf(key, view)) {
        if (JSON.stringify(value) === JSON.stringify(view.defaults[field])) continue;
        for (const lang of [null, 'en', 'zh']) {
          const s = initialState(VIEWS);
          s.view = view.id;
          s.lang = lang;
          s.views[view.id][field] = value;
          const q = toQuery(s, VIEWS);
          assert.match(q, new RegExp(`^\\?v=${URL_VERSION}&`), `${view.id}.${field} writes the version first`);
          assert.deepEqual(fromQuery(q, VIEWS), s, `${view.id}.${field} = ${JSON.stringify(value)} via ${q}`);
          checked += 1;
        }
      }
    }
    // every field at once
    const s = initialState(VIEWS);
    s.view = view.id;
    s.lang = 'zh';
    for (const key of URL_KEYS) {
      if (key.field in view.defaults) s.views[view.id][key.field] = samplesOf(key, view).find((x) => JSON.stringify(x) !== JSON.stringify(view.defaults[key.field]));
    }
    assert.deepEqual(fromQuery(toQuery(s, VIEWS), VIEWS), s, `${view.id}: all fields`);
  }
  // every URL key is exercised by some view, and every view field has a URL key
  const fields = new Set(VIEWS.flatMap((v) => Object.keys(v.defaults)));
  for (const { field } of URL_KEYS) assert.ok(fields.has(field), `URL key for '${field}' is used by a view`);
  for (const f of fields) assert.ok(URL_KEYS.some((k) => k.field === f), `view field '${f}' has a URL key`);
  assert.ok(checked > 50);
});

test('defaults are left out: the first view at its defaults is the bare URL', () => {
  assert.equal(toQuery(initialState(VIEWS), VIEWS), '');
  const s = initialState(VIEWS);
  s.view = 'capacity';
  assert.equal(toQuery(s, VIEWS), '?v=1&view=capacity');
  s.views.capacity.scale = 'linear'; // the default, explicitly
  s.views.capacity.hidden = [];
  assert.equal(toQuery(s, VIEWS), '?v=1&view=capacity');
  s.lang = 'en';
  assert.equal(toQuery(s, VIEWS), '?v=1&view=capacity&lang=en');
  const p = initialState(VIEWS);
  p.view = 'projects';
  p.views.projects.selected = 'Spain';
  p.views.investment.mode = 'share'; // another view's field: not in the URL
  assert.equal(toQuery(p, VIEWS), '?v=1&view=projects&sel=Spain');
});

test('links without a version, and from a later version, are read through the same allow-list', () => {
  const old = fromQuery('?view=capacity&scale=log&from=2016', VIEWS);
  assert.equal(old.view, 'capacity');
  assert.deepEqual(old.views.capacity, { ...initialState(VIEWS).views.capacity, scale: 'log', from: 2016 });
  const later = fromQuery('?v=7&view=capacity&scale=cubic&from=2016&newkey=1', VIEWS);
  assert.deepEqual(later.views.capacity, { ...initialState(VIEWS).views.capacity, from: 2016 });
  assert.deepEqual(fromQuery('v=1&view=exports&to=2020', VIEWS).views.exports.to, 2020, 'the ? is optional');
  assert.deepEqual(fromQuery(new URLSearchParams('view=europe&from=2019'), VIEWS).views.europe.from, 2019);
});

// Links shared before the story's views were described (version 1, with or
// without v=1) reopen the same view: the projects view's sort=sum is read as
// its new name, value; the map's colour=segment is still the id of the
// segment colour (the description's "id": "segment" on segment_group).
test('older links reopen the same view: sort=sum is sort=value, colour=segment is the segment colour', () => {
  const base = initialState(VIEWS);
  for (const q of ['?view=projects&sort=sum', '?v=1&view=projects&sort=sum']) {
    const s = fromQuery(q, VIEWS);
    assert.equal(s.view, 'projects', q);
    assert.deepEqual(s.views.projects, { ...base.views.projects, sort: 'value' }, q);
    assert.equal(toQuery(s, VIEWS), '?v=1&view=projects', `${q}: the order by value is the default, left out`);
  }
  const grouped = fromQuery('?view=projects&group=region&sort=sum&sel=Europe', VIEWS);
  assert.deepEqual(grouped.views.projects, { group: 'region', sort: 'value', selected: 'Europe' });
  assert.equal(toQuery(grouped, VIEWS), '?v=1&view=projects&group=region&sel=Europe', 'written with the new name (the default)');
  // the new spellings round-trip, and sum is never written
  for (const sort of ['count', 'name']) {
    const s = fromQuery(`?view=projects&sort=${sort}`, VIEWS);
    assert.equal(s.views.projects.sort, sort);
    assert.equal(toQuery(s, VIEWS), `?v=1&view=projects&sort=${sort}`);
  }
  assert.equal(fromQuery('?view=projects&sort=value', VIEWS).views.projects.sort, 'value');
  assert.equal(URL_KEYS.find((k) => k.param === 'sort').type.parse('sum'), undefined, 'sum is only an old spelling');
  // only the exact old value is translated; other names stay ignored
  for (const bad of ['SUM', 'sum ', 'hasOwnProperty', '__proto__', 'constructor', 'toString']) {
    assert.equal(fromQuery(`?view=projects&sort=${encodeURIComponent(bad)}`, VIEWS).views.projects.sort, 'value', bad);
  }
  assert.deepEqual(fromQuery('?view=projects&sort=hasOwnProperty', VIEWS).views.projects, base.views.projects);
  assert.deepEqual(Object.keys(OLD_VALUES), ['sort']);
  // value is also the story's default: with another default, sum still
  // means value (the translation, not the fallback to the default)
  const other = [{ id: 'p', defaults: { sort: 'count' }, allowed: { sort: ['value', 'count', 'name'] } }];
  assert.equal(fromQuery('?sort=sum', other).views.p.sort, 'value');
  assert.equal(toQuery(fromQuery('?sort=sum', other), other), '?v=1&sort=value');
  assert.equal(fromQuery('?sort=SUM', other).views.p.sort, 'count');
  // the map
  const map = fromQuery('?view=map&colour=segment', VIEWS);
  assert.equal(map.view, 'map');
  assert.deepEqual(map.views.map, { ...base.views.map, colour: 'segment' });
  assert.equal(toQuery(map, VIEWS), '?v=1&view=map&colour=segment');
  assert.deepEqual(fromQuery('?view=map&colour=segment_group', VIEWS).views.map, base.views.map, 'the column name is not the id');
});

test('a value outside the view\'s allowed list is ignored, one inside is read', () => {
  const views = [{ id: 'a', defaults: { group: 'x', zoom: 'world' }, allowed: { group: ['x', 'y'], zoom: ['world', 'europe'] } }];
  assert.deepEqual(fromQuery('?group=z&zoom=asia', views).views.a, { group: 'x', zoom: 'world' });
  assert.deepEqual(fromQuery('?group=y&zoom=europe', views).views.a, { group: 'y', zoom: 'europe' });
  assert.deepEqual(fromQuery('?group=__proto__', views).views.a, { group: 'x', zoom: 'world' });
});

test('bad values fall back to defaults one by one; keys of other views are ignored', () => {
  const s = fromQuery('?view=investment&mode=share&scale=log&group=region&from=2016', VIEWS);
  assert.deepEqual(s.views.investment, { ...initialState(VIEWS).views.investment, mode: 'share' });
  const bad = fromQuery('?view=projects&group=Region&sort=SUM&sel=%00x&lang=fr', VIEWS);
  assert.deepEqual(bad.views.projects, initialState(VIEWS).views.projects);
  assert.equal(bad.lang, null);
  for (const y of ['1899', '2101', '20x6', '2016.5', '+2016', ' 2016', '2e3', '0x7e0', '', '-0']) {
    assert.equal(fromQuery(`?view=capacity&from=${encodeURIComponent(y)}`, VIEWS).views.capacity.from, null, `from=${y}`);
  }
  assert.deepEqual(fromQuery('?view=capacity&hide=a,B!,c,a,,x-y', VIEWS).views.capacity.hidden, ['a', 'c'], 'bad and repeated keys dropped');
  assert.equal(fromQuery(`?view=capacity&hide=${Array.from({ length: 20 }, (_, i) => `k${i}`).join(',')}`, VIEWS).views.capacity.hidden.length, 12);
  assert.equal(fromQuery('?view=projects&sel=' + 'x'.repeat(121), VIEWS).views.projects.selected, null);
  assert.equal(fromQuery('?view=projects&sel=a%0Ab', VIEWS).views.projects.selected, null, 'no newlines');
  assert.equal(fromQuery('?view=projects&sel=a%C2%85b', VIEWS).views.projects.selected, null, 'no C1 controls');
  assert.equal(fromQuery('?view=capacity&view=projects', VIEWS).view, 'capacity', 'the first of repeated keys');
});

test('hostile names and values: no prototype is touched, nothing but allow-listed fields appear', () => {
  const hostile = [
    '?__proto__=x&constructor=y&prototype=z',
    '?__proto__[polluted]=1&constructor[prototype][polluted]=1',
    '?view=__proto__', '?view=constructor', '?view=prototype', '?view=toString', '?view=hasOwnProperty',
    '?view=projects&sel=__proto__', '?view=capacity&hide=__proto__,constructor,prototype',
    '?view=projects&group=__proto__&sort=constructor',
    '?lang=__proto__', '?lang=constructor',
    '?view=capacity&from=__proto__&to=constructor',
    '?view=projects&sel=<img src=x onerror=alert(1)>',
    '?view=projects&sel="><script>alert(1)</script>',
    '?view=capacity&mode=share&scale=<svg/onload=alert(1)>',
    '?%5F%5Fproto%5F%5F=1', '?view=%5F%5Fproto%5F%5F',
    '?view=investment&mode=valueOf', '?view=investment&mode=toString',
  ];
  for (const q of hostile) {
    const s = fromQuery(q, VIEWS);
    assertWellFormed(s, q);
    assert.equal({}.polluted, undefined, q);
    assert.equal(Object.prototype.x, undefined, q);
    assert.deepEqual(fromQuery(toQuery(s, VIEWS), VIEWS), s, `${q}: its canonical URL reads back the same`);
  }
  assert.deepEqual(fromQuery('?view=__proto__', VIEWS), initialState(VIEWS));
  assert.deepEqual(fromQuery('?view=capacity&hide=__proto__,constructor', VIEWS).views.capacity.hidden, ['__proto__', 'constructor'],
    'series keys are only ever compared as strings');
  assert.equal(fromQuery('?view=projects&sel=<img src=x onerror=alert(1)>', VIEWS).views.projects.selected, '<img src=x onerror=alert(1)>',
    'text is kept as text (the page shows it with textContent, or not at all)');
});

test('huge and non-string inputs never throw', () => {
  for (const input of [undefined, null, 42, {}, [], () => 0, Symbol.iterator, new Date(0)]) {
    assert.deepEqual(fromQuery(input, VIEWS), initialState(VIEWS), String(input?.toString?.() ?? input));
  }
  const huge = `?view=capacity&from=${'9'.repeat(100000)}&sel=${'x'.repeat(100000)}&hide=${'a,'.repeat(50000)}`;
  const s = fromQuery(huge, VIEWS);
  assert.equal(s.view, 'capacity');
  assert.equal(s.views.capacity.from, null);
  assert.deepEqual(s.views.capacity.hidden, [], 'a parameter over the length cap is ignored unread');
  assert.equal(fromQuery('?view=capacity&from=99999999999999999999', VIEWS).views.capacity.from, null);
  assert.equal(fromQuery('?%E0%A4%A=1&view=%FF&lang=%', VIEWS).view, 'investment', 'malformed percent-encoding');
});

test('fuzz: random query strings never throw, always give a well-formed state whose URL is a fixed point', () => {
  const next = rng(20250818);
  const names = ['v', 'view', 'lang', ...URL_KEYS.map((k) => k.param), '__proto__', 'constructor', 'prototype', 'x', ''];
  const values = ['investment', 'capacity', 'exports', 'projects', 'europe', 'en', 'zh', 'share', 'usd', 'log', 'linear',
    '2016', '2024', '1', '-1', 'NaN', 'Infinity', '1e309', '__proto__', 'constructor', 'caam_nev_sales', 'country', 'name',
    '<b>x</b>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '%', '%00', '%ZZ', '&', '=', '#', '+', ' ',
    '中国', '\u2028', '\ud800', 'a,b,c', ',,,'];
  const pick = (list) => list[Math.floor(next() * list.length)];
  const enc = (x) => { try { return encodeURIComponent(x); } catch { return x; } }; // lone surrogates stay raw
  const randomText = () => {
    let s = '';
    const n = Math.floor(next() * 12);
    for (let i = 0; i < n; i += 1) s += String.fromCharCode(Math.floor(next() * 0x3000));
    return s;
  };
  for (let i = 0; i < 3000; i += 1) {
    const parts = [];
    const n = Math.floor(next() * 8);
    for (let j = 0; j < n; j += 1) {
      const name = next() < 0.9 ? pick(names) : randomText();
      const value = next() < 0.7 ? pick(values) : randomText();
      parts.push(next() < 0.5 ? `${enc(name)}=${enc(value)}` : `${name}=${value}`);
    }
    const q = (next() < 0.5 ? '?' : '') + parts.join(next() < 0.9 ? '&' : ';');
    let s;
    assert.doesNotThrow(() => { s = fromQuery(q, VIEWS); }, q);
    assertWellFormed(s, q);
    const canonical = toQuery(s, VIEWS);
    assert.deepEqual(fromQuery(canonical, VIEWS), s, `${q} → ${canonical}`);
    assert.equal(toQuery(fromQuery(canonical, VIEWS), VIEWS), canonical);
  }
  assert.equal({}.polluted, undefined);
});

test('langOf reads the language as fromQuery does, without views (the page picks it before its description is read)', () => {
  for (const q of ['?lang=zh', 'lang=zh&view=map', '?view=nowhere&lang=zh&lang=en', new URLSearchParams('lang=zh')]) {
    assert.equal(langOf(q), 'zh', String(q));
    assert.equal(fromQuery(q, VIEWS).lang, 'zh', String(q));
  }
  for (const q of ['', '?lang=fr', '?lang=ZH', '?lang=', `?lang=${'z'.repeat(3000)}`, '?%E0%A4%A=1&lang=%', null, undefined, 7, {}, ['lang=zh']]) {
    assert.equal(langOf(q), null, String(q));
    assert.equal(fromQuery(q, VIEWS).lang, null, String(q));
  }
  assert.equal(langOf('?v=1&view=capacity&lang=en'), 'en');
});
