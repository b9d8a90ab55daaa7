// The browser side of URL state, with stand-ins for window: the address bar
// is written at most once per delay (first at once, last always), falls back
// to the hash where replaceState throws and gives up quietly where that
// fails too; the state is read from query, hash or the baked attribute; share
// and embed links; and baking a view into the offline file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUrlSync, embedSnippet, initialQuery, shareLink } from '../../web/ui/share-url.js';
import { bakeState } from '../../web/ui/download-offline.js';

function fakeWindow({ href = 'https://news.example/graphics/ev/index.html', replaceState, replace, canonical = null, baked = null } = {}) {
  const calls = [];
  const timers = [];
  const win = {
    calls,
    timers,
    location: {
      href,
      get search() { return new URL(win.location.href).search; },
      get hash() { return new URL(win.location.href).hash; },
      get protocol() { return new URL(win.location.href).protocol; },
      replace: replace ?? ((h) => { calls.push(['hash', h]); win.location.href = new URL(h, win.location.href).href; }),
    },
    history: {
      state: null,
      replaceState: replaceState ?? ((s, t, u) => { calls.push(['replaceState', u]); win.location.href = u; }),
    },
    document: {
      documentElement: { getAttribute: (n) => (n === 'data-ev-state' ? baked : null) },
      querySelector: (sel) => (sel === 'link[rel="canonical"]' && canonical !== null ? { getAttribute: () => canonical } : null),
    },
    setTimeout: (f, ms) => { timers.push({ f, ms }); return timers.length; },
    clearTimeout: (id) => { if (timers[id - 1]) timers[id - 1].f = () => {}; },
  };
  return win;
}

test('writes the first change at once, then at most once per delay, the last change always', () => {
  const win = fakeWindow();
  const sync = createUrlSync({ win, delay: 300 });
  sync.write('?v=1&view=capacity');
  assert.deepEqual(win.calls, [['replaceState', 'https://news.example/graphics/ev/index.html?v=1&view=capacity']]);
  for (let y = 2015; y <= 2020; y += 1) sync.write(`?v=1&view=capacity&from=${y}`);
  assert.equal(win.calls.length, 1, 'a slider drag is held back');
  assert.equal(win.timers.length, 1, 'one timer');
  win.timers[0].f();
  assert.deepEqual(win.calls.at(-1), ['replaceState', 'https://news.example/graphics/ev/index.html?v=1&view=capacity&from=2020']);
  sync.write('?v=1&view=capacity&from=2020');
  win.timers.at(-1)?.f();
  assert.equal(win.calls.length, 2, 'an unchanged query is not written again');
  sync.write('');
  win.timers.at(-1).f();
  assert.deepEqual(win.calls.at(-1), ['replaceState', 'https://news.example/graphics/ev/index.html'], 'defaults: the bare address');
  sync.write('?v=1&view=europe');
  sync.flush();
  assert.deepEqual(win.calls.at(-1), ['replaceState', 'https://news.example/graphics/ev/index.html?v=1&view=europe'], 'flush writes at once');
});

test('falls back to the hash where replaceState throws, and gives up quietly where that fails too', () => {
  const refuse = () => { throw new Error('SecurityError'); };
  const win = fakeWindow({ href: 'file:///home/reader/ev-going-global.html', replaceState: refuse });
  const sync = createUrlSync({ win, delay: 0 });
  sync.write('?v=1&view=exports');
  assert.deepEqual(win.calls, [['hash', '#v=1&view=exports']]);
  assert.equal(initialQuery(win), 'v=1&view=exports', 'and reads it back from the hash');
  const none = fakeWindow({ replaceState: refuse, replace: refuse });
  assert.doesNotThrow(() => createUrlSync({ win: none, delay: 0 }).write('?v=1&view=exports'));
});

test('the state is read from the query, else the hash, else the baked attribute', () => {
  assert.equal(initialQuery(fakeWindow({ href: 'https://x.example/?v=1&view=europe#v=1&view=exports', baked: '?v=1&view=projects' })), '?v=1&view=europe');
  assert.equal(initialQuery(fakeWindow({ href: 'https://x.example/#v=1&view=exports', baked: '?v=1&view=projects' })), 'v=1&view=exports');
  assert.equal(initialQuery(fakeWindow({ href: 'file:///x/ev-going-global.html', baked: '?v=1&view=projects' })), '?v=1&view=projects');
  assert.equal(initialQuery(fakeWindow({ href: 'file:///x/ev-going-global.html' })), '');
});

test('share and embed links: the canonical page if it is http(s), else this page; markup in values is escaped', () => {
  const hosted = fakeWindow({ href: 'https://news.example/graphics/ev/embed.html?v=1&view=x#frag', canonical: './' });
  assert.equal(shareLink('?v=1&view=exports', hosted), 'https://news.example/graphics/ev/?v=1&view=exports');
  assert.equal(shareLink('', hosted), 'https://news.example/graphics/ev/');
  const abs = fakeWindow({ href: 'file:///x/ev-going-global.html', canonical: 'https://news.example/ev/' });
  assert.equal(shareLink('?v=1&lang=zh', abs), 'https://news.example/ev/?v=1&lang=zh', 'the offline file links to the hosted page');
  const local = fakeWindow({ href: 'file:///x/ev-going-global.html?v=1&view=europe', canonical: './' });
  assert.equal(shareLink('?v=1&view=exports', local), 'file:///x/ev-going-global.html?v=1&view=exports');
  const snippet = embedSnippet({ query: '?v=1&view=projects&sel=%3Cb%3E', title: 'A "title" <b>', win: hosted, height: 700 });
  assert.equal(snippet, '<iframe src="https://news.example/graphics/ev/embed.html?v=1&amp;view=projects&amp;sel=%3Cb%3E" '
    + 'title="A &quot;title&quot; &lt;b&gt;" width="100%" height="700" loading="lazy" allow="clipboard-write" data-ev-graphic></iframe>\n'
    + '<script src="https://news.example/graphics/ev/embed-host.js" async></script>');
});

test('bakeState puts the view on the <html> tag, escaped, replacing an earlier one', () => {
  const html = '<!doctype html>\n<html lang="en" data-ev-offline data-ev-state="">\n<head></head><body><p data-ev-state="keep"></p></body></html>';
  const once = bakeState(html, '?v=1&view=exports&sel="><script>');
  assert.match(once, /<html lang="en" data-ev-offline data-ev-state="\?v=1&amp;view=exports&amp;sel=&quot;&gt;&lt;script&gt;">/);
  assert.match(once, /<p data-ev-state="keep">/, 'only the html tag');
  const twice = bakeState(once, '?v=1&view=europe');
  assert.match(twice, /<html lang="en" data-ev-offline data-ev-state="\?v=1&amp;view=europe">/);
  assert.equal(bakeState('<html lang="en">', '?v=1'), '<html data-ev-state="?v=1" lang="en">');
});
