// publish.js — the studio's outputs for the chart it holds: share links (to
// chart.html, the reader's page, and to studio.html, to go on editing), the
// embed snippet, a PNG of the chart, a CSV of the current view's numbers and
// the single offline HTML file.
//
// createPublish({els, state}) → {links(), csv(), png(), offline()}
//   state() → {engine, data, description, locale, viewIndex, current,
//     datasetUrl}
//   links() → Promise<{share, studio, embed, hasData, description}>: the
//     description goes in the link (core/chart-link.js) with the data when
//     the link stays small enough; otherwise with dataset.url when the data
//     came from a web address, else without data (the message says so).
//   csv() → the CSV text (core/csv.js: BOM, CRLF, formula escaping) of the
//     current view: x, series (when there is one), then the y value.
//   png() → Promise<Blob> of the chart as drawn.
//   offline() → Promise<string>: core/chart-offline.js's offlineChartHtml of
//     the template beside the page (dist/ev-chart-template.html) with the
//     description and the data (up to 32 MB of JSON); rejects with a message
//     saying what is missing (the template outside dist/, the data too large).
// The buttons and fields in els call these and show the outcome in
// els.publishStatus (role=status).

import { csvText } from '../../core/csv.js';
import { chartLinkHash, encodeChartLinkDetailed } from '../../core/chart-link.js';
import { offlineChartHtml } from '../../core/chart-offline.js';
import { saveBlob } from '../../ui/download.js';

const MAX_INLINE_TEXT = 4 * 1024 * 1024; // larger data never fits a link; not parsed for it
const MAX_OFFLINE_TEXT = 32 * 1024 * 1024; // data inlined in the offline file
const TEMPLATE = 'ev-chart-template.html'; // tools/dist.mjs writes it beside studio.html

function slug(s) {
  return String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'chart';
}

function escapeAttr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function createPublish({ els, state }) {
  const say = (t) => { els.publishStatus.textContent = t; };

  async function dataValue(data, max = MAX_INLINE_TEXT) {
    if (!data || !data.blob || data.blob.size > max) return undefined;
    try {
      return JSON.parse(await data.blob.text());
    } catch {
      return undefined;
    }
  }

  async function links() {
    const s = state();
    const datasetUrl = s.datasetUrl || null;
    if (!s.description) throw new Error('there is no chart to share yet');
    const base = { ...s.description };
    delete base.dataset;
    const withData = { ...base, dataset: { inline: true } };
    const value = await dataValue(s.data);
    let r = await encodeChartLinkDetailed({ description: withData, data: value });
    let description = withData;
    if (!r.hasData) {
      description = datasetUrl ? { ...base, dataset: { url: datasetUrl } } : base;
      r = await encodeChartLinkDetailed({ description });
    }
    const hash = chartLinkHash(r.value);
    const share = new URL(`chart.html${hash}`, document.baseURI).href;
    const studio = new URL(`studio.html${hash}`, document.baseURI).href;
    const title = typeof base.title === 'string' ? base.title : Object.values(base.title || {})[0] || 'Chart';
    const embed = `<iframe src="${escapeAttr(share)}" title="${escapeAttr(title)}" width="100%" height="600" loading="lazy" allow="clipboard-write" data-ev-graphic></iframe>\n`
      + `<script src="${escapeAttr(new URL('embed-host.js', document.baseURI).href)}" async></script>`;
    return { share, studio, embed, hasData: r.hasData, description };
  }

  function csv() {
    const s = state();
    if (!s.current) throw new Error('this view draws nothing yet');
    const c = s.current;
    const head = c.series ? [c.x, c.series, yName(s)] : [c.x, yName(s)];
    const rows = c.rows.map((r) => (c.series ? [r.x, r.series, r.y] : [r.x, r.y]));
    return csvText([head, ...rows]);
  }

  // the value column's header: 'mean of Miles_per_Gallon', 'count', or the
  // column (a view with panels: its first panel's, whose numbers the CSV holds)
  function yName(s) {
    const v = s.description.views[s.viewIndex];
    const y = (Array.isArray(v.panels) && v.panels.length ? v.panels[0].y : v.y) || {};
    if (!y.aggregate) return s.current.y;
    return y.column ? `${y.aggregate} of ${y.column}` : y.aggregate;
  }

  function chartCanvas() {
    return els.chartHost.querySelector('canvas');
  }

  function png() {
    const canvas = chartCanvas();
    if (!canvas) return Promise.reject(new Error('no chart is drawn yet'));
    return new Promise((resolve, reject) => {
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the image'))), 'image/png');
    });
  }

  async function offline() {
    const s = state();
    if (!s.description) throw new Error('there is no chart yet');
    const res = await fetch(new URL(TEMPLATE, document.baseURI).href).catch(() => null);
    if (!res || !res.ok) throw new Error(`the offline chart template (${TEMPLATE}) is not beside this page: ./build.sh dist makes it, in dist/`);
    const template = await res.text();
    const data = await dataValue(s.data, MAX_OFFLINE_TEXT);
    if (data === undefined) throw new Error(`the data is over ${MAX_OFFLINE_TEXT / 1024 / 1024} MB, too large to put in one offline file`);
    const description = { ...s.description, dataset: { inline: true } };
    return offlineChartHtml(template, { description, data });
  }

  const fileBase = () => {
    const s = state();
    return slug(s.description ? s.description.views[s.viewIndex].id : 'chart');
  };

  els.makeLinks.addEventListener('click', async () => {
    try {
      const r = await links();
      els.shareLink.value = r.share;
      els.studioLink.value = r.studio;
      els.embedCode.value = r.embed;
      els.links.hidden = false;
      els.linkHelp.textContent = r.hasData
        ? 'The links carry the chart and its data; nothing is stored on a server.'
        : r.description.dataset && r.description.dataset.url
          ? `The data is too large for a link; the links load it from ${r.description.dataset.url}.`
          : 'The data is too large for a link and was not loaded from a web address: these links carry the chart only, and whoever opens them must load the same data. Load the data from a web address to make complete links.';
      say('Links made.');
      els.shareLink.focus();
      els.shareLink.select();
    } catch (e) {
      say(`Could not make the links: ${e.message}`);
    }
  });
  els.downloadCsv.addEventListener('click', () => {
    try {
      saveBlob(document, new Blob([csv()], { type: 'text/csv;charset=utf-8' }), `${fileBase()}.csv`);
      say('CSV of this view downloaded.');
    } catch (e) {
      say(`Could not make the CSV: ${e.message}`);
    }
  });
  els.downloadPng.addEventListener('click', async () => {
    try {
      saveBlob(document, await png(), `${fileBase()}.png`);
      say('PNG downloaded.');
    } catch (e) {
      say(`Could not make the PNG: ${e.message}`);
    }
  });
  els.downloadHtml.addEventListener('click', async () => {
    try {
      const html = await offline();
      saveBlob(document, new Blob([html], { type: 'text/html;charset=utf-8' }), `${fileBase()}.html`);
      say('Offline HTML file downloaded.');
    } catch (e) {
      say(`Could not make the offline file: ${e.message}`);
    }
  });

  return { links, csv, png, offline };
}
