// chart-offline.js — a self-contained chart page from the offline template
// (dist/ev-chart-template.html, written by tools/dist.mjs from chart.html:
// the single-file engine, the bundle and the styles inlined, CSP hashes) and
// a description with its data. Pure: text in, text out (the studio's
// "Download" and tools/dist.mjs both use it).
//
// offlineChartHtml(templateText, { description, data? }) → html: the template
//   with its one <script type="application/json" id="ev-chart"> block
//   holding {description, data}. The JSON is written with '<', '>', '&',
//   U+2028 and U+2029 as \u escapes (the same values for JSON.parse), so no
//   string in the description or data can end the block, open a comment or
//   start another element. The block is data, not script: it runs nothing and
//   needs no CSP hash. Throws Error when the template has no such block, or
//   more than one, or the description is not an object.
// chartBlockJson(payload) → that escaped JSON text.

export const CHART_BLOCK_ID = 'ev-chart';
const BLOCK = /<script type="application\/json" id="ev-chart">[\s\S]*?<\/script>/g;

export function chartBlockJson(payload) {
  return JSON.stringify(payload).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function offlineChartHtml(templateText, { description, data } = {}) {
  if (typeof templateText !== 'string') throw new Error('offlineChartHtml: the template must be text');
  if (description === null || typeof description !== 'object' || Array.isArray(description)) {
    throw new Error('offlineChartHtml: the description must be an object');
  }
  const blocks = templateText.match(BLOCK) ?? [];
  if (blocks.length !== 1) {
    throw new Error(`offlineChartHtml: the template must hold exactly one <script type="application/json" id="${CHART_BLOCK_ID}"> block (found ${blocks.length})`);
  }
  const payload = data === undefined ? { description } : { description, data };
  const json = chartBlockJson(payload);
  return templateText.replace(BLOCK, () => `<script type="application/json" id="${CHART_BLOCK_ID}">${json}</script>`);
}
