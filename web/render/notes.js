// notes.js — the text under the chart: notes (gaps, approximations,
// definitions) and the source line naming the publishers behind the drawn
// values (links only for http(s) URLs). Everything through textContent /
// createElement.

import { safeHttpUrl } from '../core/input.js';

export function renderNotes(el, vm) {
  el.replaceChildren(...vm.notes.map((n) => {
    const p = document.createElement('p');
    p.textContent = n;
    return p;
  }));
}

function sourceNode(src) {
  const href = safeHttpUrl(src.url);
  if (!href) return document.createTextNode(src.publisher);
  const a = document.createElement('a');
  a.href = href;
  a.rel = 'noopener noreferrer';
  a.textContent = src.publisher;
  if (src.title) a.title = src.title;
  return a;
}

function appendList(el, sources, sep) {
  sources.forEach((s, i) => {
    if (i > 0) el.append(sep);
    el.append(sourceNode(s));
  });
}

// "Source: <credit>, as reported by A; B. Also reported by C." or the
// view's own source line, or a described chart's list of sources
// (vm.sourceList [{name, url}]: "Sources: A; B").
export function renderSources(el, vm, t) {
  if (vm.sourceLine) {
    el.textContent = vm.sourceLine;
    return;
  }
  const sep = vm.locale === 'zh' ? '；' : '; ';
  if (vm.sourceList) {
    renderSourceList(el, vm.sourceList, `${t.ui.sources}${vm.locale === 'zh' ? '：' : ': '}`, sep);
    return;
  }
  const stop = t.ui.stop;
  const primary = vm.sources.filter((s) => s.primary);
  const also = vm.sources.filter((s) => !s.primary);
  el.replaceChildren(`${t.ui.sources}${vm.locale === 'zh' ? '：' : ': '}${vm.credit}${t.ui.asReported}`);
  appendList(el, primary, sep);
  el.append(stop);
  if (also.length) {
    el.append(`${t.ui.sep}${t.ui.alsoReported}`);
    appendList(el, also, sep);
    el.append(stop);
  }
}

// A described chart's source line: `prefix` then each {name, url} source,
// a link only for an http(s) URL, joined by `sep`. Nothing when the list is empty.
export function renderSourceList(el, sources, prefix, sep) {
  if (!sources.length) {
    el.replaceChildren();
    return;
  }
  el.replaceChildren(prefix);
  appendList(el, sources.map((s) => ({ publisher: s.name, url: s.url, title: '' })), sep);
}
