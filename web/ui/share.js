// share.js — the Share, Embed and Download controls under the graphic.
//
// createShareBar(container, api) → { render(words) }; with no container it
// does nothing (a page without the controls). api:
//   query()     the current state's query string (core/url-state.js toQuery)
//   viewId(), lang()   for file names
//   title()     the current view's title (the iframe's title, the image's alt)
//   png()       → Promise<Blob>, the chart at 2× (ui/download-png.js)
//   csv()       → string, the view's CSV (core/csv.js)
//   pageTitle() the page's title
// and, for pages other than the story (chart.html), optionally:
//   link()      the link to share (default: this page's address with query())
//   embed()     the embed code (default: an iframe of embed.html, share-url.js)
//   offline()   → Promise<string | null>, the offline file's text for this
//               view (default: the story's, ui/download-offline.js)
//   fileBase()  the first part of file names (default 'ev-going-global')
// render(words) relabels everything in the reader's language (words = the
// copy); the DOM is built once.
//
// Share copies the page's link for this view (navigator.clipboard)
// and shows it in a read-only field (selected, so that Ctrl+C works where
// the clipboard API is refused). Embed and Download are disclosure buttons
// (aria-expanded) over one panel each; one panel is open at a time. Every
// outcome is written to a role="status" line that screen readers announce.
// Download offers the PNG (saved, or shown as an <img> to long-press on
// phones and in in-app browsers), the CSV and the offline HTML page for
// this view. All text goes through textContent or form values.

import { offlineHtml } from './download-offline.js';
import { fileName, prefersInlineImage, saveBlob } from './download.js';
import { embedSnippet, isLocalFile, shareLink } from './share-url.js';

let uid = 0;

function el(doc, tag, props = {}, children = []) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'data') Object.assign(e.dataset, v);
    else if (k.startsWith('aria-') || k === 'role' || k === 'for') e.setAttribute(k, v);
    else e[k] = v;
  }
  e.append(...children);
  return e;
}

export function createShareBar(container, api) {
  if (!container) return { render() {} };
  const doc = container.ownerDocument;
  const win = doc.defaultView;
  const id = (name) => `share-${name}-${(uid += 1)}`;
  let words = null;
  let pngUrl = null;

  const shareButton = el(doc, 'button', { type: 'button', class: 'share-button', data: { action: 'share' } });
  const embedButton = el(doc, 'button', { type: 'button', class: 'share-button', data: { action: 'embed' }, 'aria-expanded': 'false' });
  const downloadButton = el(doc, 'button', { type: 'button', class: 'share-button', data: { action: 'download' }, 'aria-expanded': 'false' });
  const bar = el(doc, 'div', { class: 'share-bar', role: 'group' }, [shareButton, embedButton, downloadButton]);
  const status = el(doc, 'p', { class: 'share-status', role: 'status', 'aria-live': 'polite' });

  const linkId = id('link');
  const linkLabel = el(doc, 'label', { class: 'control-label', for: linkId });
  const linkInput = el(doc, 'input', { type: 'text', id: linkId, readOnly: true, class: 'share-field', spellcheck: false });
  const linkNote = el(doc, 'p', { class: 'share-note' });
  const linkPanel = el(doc, 'div', { class: 'share-panel', id: id('link-panel'), hidden: true, data: { panel: 'share' } }, [linkLabel, linkInput, linkNote]);

  const codeId = id('code');
  const codeLabel = el(doc, 'label', { class: 'control-label', for: codeId });
  const code = el(doc, 'textarea', { id: codeId, readOnly: true, rows: 5, class: 'share-field share-code', spellcheck: false });
  const codeHelp = el(doc, 'p', { class: 'share-note' });
  const copyCode = el(doc, 'button', { type: 'button', class: 'share-button', data: { action: 'copy-code' } });
  const embedPanel = el(doc, 'div', { class: 'share-panel', id: id('embed-panel'), hidden: true, data: { panel: 'embed' } }, [codeLabel, code, codeHelp, copyCode]);

  const pngButton = el(doc, 'button', { type: 'button', class: 'share-button', data: { action: 'png' } });
  const csvButton = el(doc, 'button', { type: 'button', class: 'share-button', data: { action: 'csv' } });
  const htmlButton = el(doc, 'button', { type: 'button', class: 'share-button', data: { action: 'html' } });
  const downloadHead = el(doc, 'p', { class: 'control-label', id: id('download-head') });
  const downloads = el(doc, 'div', { class: 'share-downloads', role: 'group', 'aria-labelledby': downloadHead.id }, [pngButton, csvButton, htmlButton]);
  const image = el(doc, 'img', { class: 'share-image', hidden: true, decoding: 'async' });
  const downloadPanel = el(doc, 'div', { class: 'share-panel', id: id('download-panel'), hidden: true, data: { panel: 'download' } }, [downloadHead, downloads, image]);

  embedButton.setAttribute('aria-controls', embedPanel.id);
  downloadButton.setAttribute('aria-controls', downloadPanel.id);
  container.replaceChildren(bar, status, linkPanel, embedPanel, downloadPanel);

  function say(text) {
    // emptied first, so that the same message twice is announced twice
    status.textContent = '';
    win.setTimeout(() => { status.textContent = text; }, 30);
  }

  function open(panel) {
    for (const p of [linkPanel, embedPanel, downloadPanel]) p.hidden = p !== panel;
    embedButton.setAttribute('aria-expanded', String(panel === embedPanel));
    downloadButton.setAttribute('aria-expanded', String(panel === downloadPanel));
  }

  async function copy(text) {
    try {
      if (!win.navigator.clipboard) return false;
      await win.navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }

  const linkOf = () => (api.link ? api.link() : shareLink(api.query(), win));

  function refreshCode() {
    code.value = api.embed ? api.embed() : embedSnippet({ query: api.query(), title: api.pageTitle(), win });
  }

  shareButton.addEventListener('click', async () => {
    const link = linkOf();
    linkInput.value = link;
    linkNote.textContent = isLocalFile(win) ? words.share.fileLink : '';
    linkNote.hidden = !linkNote.textContent;
    open(linkPanel);
    const ok = await copy(link);
    linkInput.focus();
    linkInput.select();
    say(ok ? words.share.copied : words.share.copyFailed);
  });

  embedButton.addEventListener('click', () => {
    if (!embedPanel.hidden) {
      open(null);
      return;
    }
    refreshCode();
    open(embedPanel);
  });

  copyCode.addEventListener('click', async () => {
    refreshCode();
    const ok = await copy(code.value);
    code.focus();
    code.select();
    say(ok ? words.share.codeCopied : words.share.codeCopyFailed);
  });

  downloadButton.addEventListener('click', () => open(downloadPanel.hidden ? downloadPanel : null));

  const base = () => [api.fileBase ? api.fileBase() : 'ev-going-global', api.viewId(), api.lang()];

  pngButton.addEventListener('click', async () => {
    const what = words.share.pngItem;
    let blob;
    try {
      blob = await api.png();
    } catch {
      say(words.share.failed(what));
      return;
    }
    if (prefersInlineImage(win)) {
      if (pngUrl) URL.revokeObjectURL(pngUrl);
      pngUrl = URL.createObjectURL(blob);
      image.src = pngUrl;
      image.alt = words.share.pngAlt(api.title());
      image.hidden = false;
      say(words.share.pngReady);
      return;
    }
    saveBlob(doc, blob, fileName(base(), 'png'));
    say(words.share.saved(what));
  });

  csvButton.addEventListener('click', () => {
    const what = words.share.csvItem;
    let text;
    try {
      text = api.csv();
    } catch {
      say(words.share.failed(what));
      return;
    }
    saveBlob(doc, new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName(base(), 'csv'));
    say(words.share.saved(what));
  });

  htmlButton.addEventListener('click', async () => {
    let html = null;
    try {
      html = await (api.offline ? api.offline() : offlineHtml(api.query()));
    } catch {
      say(words.share.failed(words.share.htmlItem));
      return;
    }
    if (html === null) {
      say(words.share.htmlMissing);
      return;
    }
    saveBlob(doc, new Blob([html], { type: 'text/html;charset=utf-8' }), fileName(base(), 'html'));
    say(words.share.saved(words.share.htmlItem));
  });

  return {
    render(w) {
      const changed = w !== words;
      words = w;
      if (!linkPanel.hidden) linkInput.value = linkOf();
      if (!changed) {
        if (!embedPanel.hidden) refreshCode();
        return;
      }
      const s = w.share;
      bar.setAttribute('aria-label', s.actions);
      shareButton.textContent = s.share;
      embedButton.textContent = s.embed;
      downloadButton.textContent = s.download;
      linkLabel.textContent = s.linkLabel;
      codeLabel.textContent = s.embedLabel;
      codeHelp.textContent = isLocalFile(win) ? s.embedLocal : s.embedHelp;
      copyCode.textContent = s.copyCode;
      downloadHead.textContent = s.downloadLabel;
      pngButton.textContent = s.pngItem;
      csvButton.textContent = s.csvItem;
      htmlButton.textContent = s.htmlItem;
      if (!image.hidden) image.alt = s.pngAlt(api.title());
      if (!embedPanel.hidden) refreshCode();
      status.textContent = '';
    },
  };
}
