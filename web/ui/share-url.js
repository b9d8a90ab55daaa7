// share-url.js — the state's query string in the address bar, and the links
// to share and embed. The state ⇄ query conversion itself is pure
// (core/url-state.js); this module only touches location and history.
//
// initialQuery(win) → the query string to read the state from: the URL's
//   query if it has one; else its hash (where the state is written when
//   replaceState is refused); else the data-ev-state attribute of <html>
//   (the state baked into a downloaded offline file); else ''.
// createUrlSync({ win, delay, keep, keepHash }) → { write(query), flush() }: puts `query`
//   (from toQuery, '' for the defaults) into the address bar with
//   history.replaceState, keeping the path and dropping other parameters
//   (except those named in `keep`, written after the query; with keepHash
//   the fragment stays too, and nothing is ever written into it).
//   The first change after a quiet spell is written at once, later ones at
//   most once per `delay` ms (the last always wins), so dragging a slider
//   does not flood the history API (browsers throttle it). Where
//   replaceState throws (sandboxed frames, some browsers' file: pages) the
//   query goes into the hash with location.replace; where that fails too it
//   gives up quietly: the graphic works without it. Never throws.
// pageBase(win) → the address the shared links start from: the page's
//   <link rel="canonical"> if it is http(s) (the embed page's names the
//   story page), else this page's address without query and hash.
// shareLink(query, win) → the story page's link for the view.
// embedSnippet({ query, title, win, height, frame }) → the HTML to paste into
//   an article: an iframe of embed.html with `query` (or of `frame`, an
//   absolute URL, when given: chart.html's link) allowed to write the
//   clipboard, for its Share control, and the host script that sizes it
//   (embed-host.js beside the page).
// isLocalFile(win) → true for a page opened from file:.

export function initialQuery(win = window) {
  const { search, hash } = win.location;
  if (search && search.length > 1) return search;
  if (hash && hash.length > 1) return hash.slice(1);
  const baked = win.document.documentElement.getAttribute('data-ev-state');
  return typeof baked === 'string' ? baked : '';
}

export function createUrlSync({ win = window, delay = 300, keep = [], keepHash = false } = {}) {
  let pending = null;
  let timer = 0;
  let last = 0;
  let written = null;

  function apply(query) {
    if (query === written) return;
    written = query;
    try {
      const url = new URL(win.location.href);
      const kept = keep.map((k) => [k, url.searchParams.get(k)]).filter(([, v]) => v !== null);
      url.search = query;
      for (const [k, v] of kept) url.searchParams.set(k, v);
      if (!keepHash) url.hash = '';
      win.history.replaceState(win.history.state, '', url.href);
      return;
    } catch {
      if (keepHash) return;
      // fall through to the hash
    }
    try {
      win.location.replace(`#${query.replace(/^\?/, '')}`);
    } catch {
      // no URL state here; links still work through the Share control
    }
  }

  function flush() {
    if (timer) win.clearTimeout(timer);
    timer = 0;
    if (pending === null) return;
    const q = pending;
    pending = null;
    last = Date.now();
    apply(q);
  }

  return {
    write(query) {
      pending = query;
      if (timer) return;
      const wait = last + delay - Date.now();
      if (wait <= 0) flush();
      else timer = win.setTimeout(flush, wait);
    },
    flush,
  };
}

export const isLocalFile = (win = window) => win.location.protocol === 'file:';

export function pageBase(win = window) {
  const link = win.document.querySelector('link[rel="canonical"]');
  if (link) {
    try {
      const url = new URL(link.getAttribute('href'), win.location.href);
      if (url.protocol === 'https:' || url.protocol === 'http:') {
        url.search = '';
        url.hash = '';
        return url;
      }
    } catch {
      // a malformed canonical link: use the page's own address
    }
  }
  const url = new URL(win.location.href);
  url.search = '';
  url.hash = '';
  return url;
}

export function shareLink(query, win = window) {
  const url = pageBase(win);
  url.search = query;
  return url.href;
}

const attr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function embedSnippet({ query, title, win = window, height = 720, frame: src = null }) {
  const base = pageBase(win);
  const frame = src ? new URL(src, base) : new URL('embed.html', base);
  if (!src) frame.search = query;
  const host = new URL('embed-host.js', base);
  return `<iframe src="${attr(frame.href)}" title="${attr(title)}" width="100%" height="${Math.round(height)}" loading="lazy" allow="clipboard-write" data-ev-graphic></iframe>\n`
    + `<script src="${attr(host.href)}" async></script>`;
}
