// load.js — how a dataset reaches the studio: the file picker, a drop on the
// page, pasted text, or a web address. The engine work (app/big-ingest.js)
// and what follows are app.js's; this module only gathers the input.
//
// fetchDataset(url, pageUrl) → Promise<{blob, url}>: the body of `url`
//   (resolved against pageUrl) as a Blob, and its absolute address. Rejects
//   with a LoadError whose code is 'URL' (an address the studio will not
//   fetch), 'HTTP' (the server answered with an error) or 'NETWORK' (no answer
//   could be read: unreachable, or another site without CORS headers), and
//   whose message says so (load-hints.js).
// bindLoadControls(els, {load(fileOrText, {name}), loadUrl(url), cancel()})
//   wires the file input (the same file may be chosen twice), the drop zone,
//   the paste button, the address field (its button and Enter; a page
//   without els.urlInput has none: explore.html) and Cancel.

import { fetchFailureMessage, urlProblem } from './load-hints.js';

export class LoadError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'LoadError';
    this.code = code;
  }
}

export async function fetchDataset(url, pageUrl) {
  const problem = urlProblem(url, pageUrl);
  if (problem) throw new LoadError('URL', `Could not load ${url}: ${problem}.`);
  const abs = new URL(url, pageUrl).href;
  let res;
  try {
    res = await fetch(abs, { credentials: 'same-origin' });
  } catch {
    throw new LoadError('NETWORK', fetchFailureMessage({ url: abs, pageUrl, networkError: true }));
  }
  if (!res.ok) throw new LoadError('HTTP', fetchFailureMessage({ url: abs, pageUrl, status: res.status, statusText: res.statusText }));
  try {
    return { blob: await res.blob(), url: abs };
  } catch {
    throw new LoadError('NETWORK', fetchFailureMessage({ url: abs, pageUrl, networkError: true }));
  }
}

export function bindLoadControls(els, { load, loadUrl, cancel }) {
  els.fileInput.addEventListener('change', () => {
    const f = els.fileInput.files && els.fileInput.files[0];
    if (f) load(f);
    els.fileInput.value = ''; // choosing the same file again loads it again
  });
  els.drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    els.drop.classList.add('over');
  });
  els.drop.addEventListener('dragleave', () => els.drop.classList.remove('over'));
  els.drop.addEventListener('drop', (e) => {
    e.preventDefault();
    els.drop.classList.remove('over');
    const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (f) load(f);
  });
  els.pasteLoad.addEventListener('click', () => load(els.pasteText.value, { name: 'the pasted text' }));
  els.cancel.addEventListener('click', cancel);
  if (!els.urlInput) return;
  els.urlLoad.addEventListener('click', () => loadUrl(els.urlInput.value.trim()));
  els.urlInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      loadUrl(els.urlInput.value.trim());
    }
  });
}
