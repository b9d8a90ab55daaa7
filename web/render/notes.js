// notes.js — the text under the chart: notes on gaps and approximation, and
// the source line naming the publishers behind the values (links only for
// http(s) URLs). Everything through textContent / createElement.

import { safeHttpUrl } from '../core/input.js';
import { APPROX_NOTE, gapsNote, sourceLead } from '../core/strings.js';

export function renderNotes(el, model) {
  const parts = [gapsNote(model.gaps), model.hasApproximate ? APPROX_NOTE : ''].filter(Boolean);
  el.textContent = parts.join(' ');
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

function appendList(el, sources) {
  sources.forEach((s, i) => {
    if (i > 0) el.append('; ');
    el.append(sourceNode(s));
  });
}

export function renderSources(el, model) {
  const primary = model.sources.filter((s) => s.primary);
  const also = model.sources.filter((s) => !s.primary);
  el.replaceChildren(sourceLead(model.seriesId));
  appendList(el, primary);
  el.append('.');
  if (also.length) {
    el.append(' Also reported by ');
    appendList(el, also);
    el.append('.');
  }
}
