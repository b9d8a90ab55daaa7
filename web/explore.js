// explore.js — finds the explore page's elements and starts it
// (app/explore.js). Test API: window.evExplore (see app/explore.js).

import { createExplore } from './app/explore.js';

const $ = (id) => document.getElementById(id);

const explore = createExplore({
  els: {
    root: document.querySelector('main'),
    fileInput: $('file-input'),
    drop: $('drop-zone'),
    limitText: $('limit-text'),
    pasteText: $('paste-text'),
    pasteLoad: $('paste-load'),
    progress: $('progress'),
    progressBar: $('progress-bar'),
    progressText: $('progress-text'),
    cancel: $('cancel'),
    status: $('status'),
    error: $('error'),
    summary: $('summary'),
    summaryBody: $('summary-body'),
    lineView: $('line-view'),
    lineTable: $('line-table'),
    lineX: $('line-x'),
    lineY: $('line-y'),
    lineFrom: $('line-from'),
    lineTo: $('line-to'),
    lineRange: $('line-range-text'),
    lineReset: $('line-reset'),
    lineEarlier: $('line-earlier'),
    lineLater: $('line-later'),
    lineZoomIn: $('line-zoom-in'),
    lineZoomOut: $('line-zoom-out'),
    lineChart: $('line-chart'),
    lineCanvas: $('line-canvas'),
    lineNote: $('line-note'),
    barsView: $('bars-view'),
    barsTable: $('bars-table'),
    barsGroup: $('bars-group'),
    barsOp: $('bars-op'),
    barsValue: $('bars-value'),
    barsChart: $('bars-chart'),
    barsCanvas: $('bars-canvas'),
    barsNote: $('bars-note'),
    barsTableData: $('bars-table-data'),
  },
  factory: globalThis.createEvEngine,
});

window.evExplore = Object.freeze(explore);
