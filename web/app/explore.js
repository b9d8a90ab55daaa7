// explore.js — the controller of the explore page (explore.html): a reader's
// own JSON file → the engine (on this thread when small, in a Web Worker
// when large: app/big-ingest.js) → a summary of its tables, a line of two
// number columns (decimated by the engine to the canvas width) and bars of
// an aggregate by group (an engine query).
//
// createExplore({ els, factory }) → the test API (window.evExplore):
//   ready                 Promise, resolved once the engine is loaded
//   load(fileOrText)      → Promise<{ok: true, via, bytes, rows, ms} |
//                           {ok: false, code, message}>; never rejects. A
//                           failed or cancelled load keeps the previous
//                           data and charts.
//   lastResult()          what the last finished load() resolved to
//   cancel()              cancels the load in progress
//   busy()                true while a load runs
//   progress()            the progress events of the last load [{bytes, total, rows}]
//   setLine({table, x, y, from, to}) / setBars({table, group, op, value})
//                         → Promise resolved after the redraw (from/to in
//                           thousandths of the x extent)
//   line()                the last line drawn: {table, x, y, from, to,
//                           pixels, xs, ys, decimated, sorted (x was not in
//                           increasing order: the line joins the rows sorted
//                           by x)}
//   bars()                the last bars: {table, group, op, value, groups,
//                           rows: [{label, value}]}
//   tables()              [{name, rowCount, columns}] of the loaded data
//   liveObjects()         the page engine's live C objects
//   limit()               the largest file accepted, in bytes

import { createEngine } from '../engine/engine.js';
import { themeFor } from '../core/theme.js';
import { createMeasure } from '../render/text.js';
import { ingestFile, maxFileBytes } from './big-ingest.js';
import { barsLayout, chartHeight, formatNumber, lineLayout, paintBars, paintLine } from './explore-chart.js';
import { byteText as mb, countText as count, limitText } from '../core/bytes.js';
import { bindLoadControls } from './studio/load.js';

const MAX_BARS = 25;
const PERMILLE = 1000;

export function createExplore({ els, factory }) {
  let engine = null;
  let data = null; // { dataset, tables, label }
  let loading = null; // AbortController of the load in progress
  let progressLog = [];
  let lastLine = null;
  let lastBars = null;
  const line = { table: null, x: null, y: null, from: 0, to: PERMILLE };
  const bars = { table: null, group: null, op: 'sum', value: null };
  const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
  const theme = () => themeFor(darkQuery.matches ? 'dark' : 'light');
  const measure = createMeasure(els.lineCanvas.getContext('2d'));

  const ready = (async () => {
    engine = await createEngine({ factory });
    els.limitText.textContent = limitText(maxFileBytes(engine));
  })();

  function setStatus(text) {
    els.status.textContent = text;
  }
  function setError(text) {
    els.error.textContent = text;
  }

  // ---- loading ------------------------------------------------------------

  function showProgress({ bytes, total, rows }) {
    progressLog.push({ bytes, total, rows });
    els.progressBar.value = total > 0 ? bytes / total : 1;
    els.progressText.textContent = `${mb(bytes)} of ${mb(total)} read${rows == null ? '' : ` · ${count(rows)} rows`}`;
  }

  let lastResult = null;
  async function load(input) {
    lastResult = await loadOnce(input);
    return lastResult;
  }

  async function loadOnce(input) {
    await ready;
    if (loading) loading.abort();
    const controller = new AbortController();
    loading = controller;
    progressLog = [];
    const name = typeof input === 'string' ? 'the pasted text' : input.name || 'the file';
    setError('');
    setStatus(`Loading ${name}…`);
    els.progress.hidden = false;
    els.progressBar.value = 0;
    els.progressText.textContent = '';
    els.cancel.disabled = false;
    els.root.setAttribute('aria-busy', 'true');
    try {
      const r = await ingestFile(input, { engine, signal: controller.signal, onProgress: showProgress });
      if (loading !== controller) {
        r.dataset.free();
        return { ok: false, code: 'CANCELLED', message: 'replaced by a later load' };
      }
      const next = { dataset: r.dataset, tables: r.dataset.tableNames.map((n) => r.dataset.table(n)), label: name };
      const old = data;
      data = next;
      try {
        chooseDefaults();
        renderSummary();
        drawLine();
        drawBars();
      } catch (e) {
        data = old;
        next.dataset.free();
        throw e;
      }
      if (old) old.dataset.free();
      setStatus(`Loaded ${name}: ${next.tables.length} ${next.tables.length === 1 ? 'table' : 'tables'}, ${count(r.rows)} rows (${mb(r.bytes)}) in ${(r.ms / 1000).toFixed(1)} s.`);
      return { ok: true, via: r.via, bytes: r.bytes, rows: r.rows, ms: r.ms, workerMs: r.workerMs ?? null };
    } catch (e) {
      const code = e && e.code ? e.code : 'LOAD';
      if (loading !== controller) {
        // replaced by a later load, which owns the status line now
        return { ok: false, code, message: e && e.message ? e.message : String(e) };
      }
      if (code === 'CANCELLED') {
        setStatus(`Cancelled loading ${name}; nothing was kept.${data ? ' The charts show the previous data.' : ''}`);
      } else {
        setStatus('');
        setError(`Could not load ${name}: ${e && e.message ? e.message : String(e)}${data ? ' (the charts still show the previous data)' : ''}`);
      }
      return { ok: false, code, message: e && e.message ? e.message : String(e), workerLiveObjects: e && e.workerLiveObjects };
    } finally {
      if (loading === controller) {
        loading = null;
        els.progress.hidden = true;
        els.root.removeAttribute('aria-busy');
      }
    }
  }

  function cancel() {
    if (loading) {
      els.cancel.disabled = true;
      loading.abort();
    }
  }

  // ---- summary ------------------------------------------------------------

  function el(tag, text, attrs = {}) {
    const e = document.createElement(tag);
    if (text != null) e.textContent = text;
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  }

  function renderSummary() {
    const body = els.summaryBody;
    body.replaceChildren();
    for (const t of data.tables) {
      const box = el('div', null, { class: 'table-card' });
      box.append(el('h3', t.name === '' ? '(unnamed)' : t.name));
      box.append(el('p', `${count(t.rowCount)} rows, ${t.columns.length} columns`, { class: 'table-meta' }));
      const table = el('table');
      const head = el('tr');
      head.append(el('th', 'column', { scope: 'col' }), el('th', 'type', { scope: 'col' }));
      table.append(el('thead'));
      table.tHead.append(head);
      const tb = el('tbody');
      for (const c of t.columns) {
        const tr = el('tr');
        tr.append(el('td', c.name), el('td', c.type));
        tb.append(tr);
      }
      table.append(tb);
      box.append(table);
      body.append(box);
    }
    els.summary.hidden = false;
  }

  // ---- choices ------------------------------------------------------------

  const tableByName = (name) => data.tables.find((t) => t.name === name) ?? null;
  const cols = (t, types) => t.columns.filter((c) => types.includes(c.type)).map((c) => c.name);

  function fillSelect(select, values, chosen, labels = null) {
    select.replaceChildren(...values.map((v, i) => {
      const o = el('option', labels ? labels[i] : v === '' ? '(unnamed)' : v);
      o.value = v;
      return o;
    }));
    if (chosen != null) select.value = chosen;
    select.disabled = values.length === 0;
  }

  function chooseDefaults() {
    const lineTables = data.tables.filter((t) => cols(t, ['number']).length >= 2);
    const lt = lineTables[0] ?? null;
    line.table = lt ? lt.name : null;
    const nums = lt ? cols(lt, ['number']) : [];
    [line.x, line.y] = [nums[0] ?? null, nums[1] ?? null];
    line.from = 0;
    line.to = PERMILLE;
    const bt = data.tables.find((t) => cols(t, ['string', 'boolean']).length && cols(t, ['number']).length) ?? data.tables[0];
    bars.table = bt ? bt.name : null;
    bars.group = bt ? (cols(bt, ['string', 'boolean'])[0] ?? cols(bt, ['number'])[0] ?? null) : null;
    const bnums = bt ? cols(bt, ['number']).filter((c) => c !== bars.group) : [];
    bars.value = bt && bt.name === line.table && bnums.includes(line.y) ? line.y : bnums[0] ?? null;
    bars.op = bars.value ? 'sum' : 'count';
  }

  function syncLineControls() {
    const t = line.table ? tableByName(line.table) : null;
    fillSelect(els.lineTable, data.tables.filter((x) => cols(x, ['number']).length >= 1).map((x) => x.name), line.table);
    const nums = t ? cols(t, ['number']) : [];
    fillSelect(els.lineX, nums, line.x);
    fillSelect(els.lineY, nums, line.y);
    els.lineFrom.value = String(line.from);
    els.lineTo.value = String(line.to);
  }

  function syncBarsControls() {
    const t = bars.table ? tableByName(bars.table) : null;
    fillSelect(els.barsTable, data.tables.map((x) => x.name), bars.table);
    fillSelect(els.barsGroup, t ? cols(t, ['string', 'boolean', 'number']) : [], bars.group);
    fillSelect(els.barsValue, t ? cols(t, ['number']) : [], bars.value);
    els.barsOp.value = bars.op;
    els.barsValue.disabled = bars.op === 'count' || els.barsValue.options.length === 0;
  }

  // ---- the line -------------------------------------------------------------

  // Points to draw: the engine's decimation to `pixels` columns
  // (engine.decimate). When x is not in increasing order in the table (the
  // engine's DATA error), the line is drawn from the rows sorted by x (a sort
  // stage in the same call) and `sorted` says so.
  function linePoints(ref, spec) {
    let f;
    let sorted = false;
    try {
      f = engine.decimate(ref, spec);
    } catch (e) {
      if (!e || e.code !== 'DATA') throw e;
      f = engine.decimate(ref, { ...spec, sort: [{ column: spec.x }] });
      sorted = true;
    }
    return { xs: f.col('x'), ys: f.col('y'), sorted };
  }

  function drawLine() {
    syncLineControls();
    els.lineView.hidden = false;
    if (!line.table || !line.x || !line.y) {
      els.lineNote.textContent = 'This data has no table with two number columns to draw a line.';
      els.lineChart.hidden = true;
      lastLine = null;
      return;
    }
    els.lineChart.hidden = false;
    const ref = data.dataset.table(line.table);
    const ext = engine.query(ref, { aggregates: [{ op: 'min', column: line.x, as: 'lo' }, { op: 'max', column: line.x, as: 'hi' }] });
    const [xlo, xhi] = [ext.col('lo')[0], ext.col('hi')[0]];
    if (!Number.isFinite(xlo)) {
      els.lineNote.textContent = `Column '${line.x}' has no values.`;
      els.lineChart.hidden = true;
      lastLine = null;
      return;
    }
    const span = xhi - xlo;
    const a = Math.min(line.from, line.to);
    const b = Math.max(line.from, line.to);
    const from = xlo + (span * a) / PERMILLE;
    const to = b === PERMILLE ? xhi : xlo + (span * b) / PERMILLE;
    const yext = engine.query(ref, {
      filters: [{ column: line.x, range: [from, to] }],
      aggregates: [{ op: 'min', column: line.y, as: 'lo' }, { op: 'max', column: line.y, as: 'hi' }, { op: 'count', column: line.y, as: 'n' }],
    });
    const width = Math.max(200, Math.floor(els.lineChart.clientWidth));
    const L = lineLayout({
      width, height: chartHeight(width), from, to, lo: yext.col('lo')[0], hi: yext.col('hi')[0],
      nice: (lo, hi, n) => engine.nice(lo, hi, n), ticks: (lo, hi, n) => engine.ticks(lo, hi, n), measure,
    });
    const pixels = Math.max(1, Math.round(L.plot.w));
    const pts = linePoints(ref, { x: line.x, y: line.y, from, to, pixels });
    paintLine(els.lineCanvas, L, { x: pts.xs, y: pts.ys }, theme(), { xName: line.x, yName: line.y });
    const n = yext.col('n')[0];
    els.lineRange.textContent = `${formatNumber(from)} to ${formatNumber(to)}`;
    const drawn = `${count(pts.xs.length)} points drawn for ${count(n)} values of ${line.y} (reduced by the engine to the ${pixels} pixel columns)`;
    const order = pts.sorted ? ` The rows are not in increasing order of ${line.x}, so the line joins them sorted by ${line.x}.` : '';
    els.lineNote.textContent = `${line.y} against ${line.x}, table ${line.table}: ${drawn}.${order}`;
    els.lineCanvas.setAttribute('aria-label', `Line chart of ${line.y} against ${line.x} from ${formatNumber(from)} to ${formatNumber(to)}; ${line.y} ranges from ${formatNumber(yext.col('lo')[0])} to ${formatNumber(yext.col('hi')[0])}.`);
    lastLine = { table: line.table, x: line.x, y: line.y, from, to, pixels, xs: Array.from(pts.xs), ys: Array.from(pts.ys), decimated: true, sorted: pts.sorted, values: n };
  }

  // ---- the bars -------------------------------------------------------------

  function labelOf(v, type) {
    if (v == null || (typeof v === 'number' && Number.isNaN(v))) return '(missing)';
    if (type === 'number') return formatNumber(v);
    return String(v);
  }

  function drawBars() {
    syncBarsControls();
    els.barsView.hidden = false;
    const t = bars.table ? tableByName(bars.table) : null;
    if (!t || !bars.group || (bars.op !== 'count' && !bars.value)) {
      els.barsNote.textContent = 'Choose a column to group by and a number column to aggregate.';
      els.barsChart.hidden = true;
      lastBars = null;
      return;
    }
    els.barsChart.hidden = false;
    const agg = bars.op === 'count' ? { op: 'count', as: 'value' } : { op: bars.op, column: bars.value, as: 'value' };
    const f = engine.query(data.dataset.table(bars.table), {
      groupBy: [bars.group], aggregates: [agg], sort: [{ column: 'value', desc: true }],
    });
    const type = t.columns.find((c) => c.name === bars.group).type;
    const keys = f.col(bars.group);
    const vals = f.col('value');
    const rows = [];
    for (let i = 0; i < Math.min(MAX_BARS, f.rowCount); i++) rows.push({ key: keys[i], label: labelOf(keys[i], type), value: vals[i] });
    const width = Math.max(200, Math.floor(els.barsChart.clientWidth));
    const L = barsLayout({ width, rows, nice: (lo, hi, n) => engine.nice(lo, hi, n), ticks: (lo, hi, n) => engine.ticks(lo, hi, n), measure });
    const what = bars.op === 'count' ? 'count of rows' : `${bars.op} of ${bars.value}`;
    paintBars(els.barsCanvas, L, theme(), { valueName: what });
    els.barsNote.textContent = `${what} by ${bars.group}, table ${bars.table}: ${count(f.rowCount)} groups${f.rowCount > MAX_BARS ? `; the ${MAX_BARS} largest shown` : ''}.`;
    els.barsCanvas.setAttribute('aria-label', `Bar chart of the ${what} by ${bars.group}: ${rows.slice(0, 5).map((r) => `${r.label} ${formatNumber(r.value) || 'n/a'}`).join(', ')}${rows.length > 5 ? ', …' : ''}. The numbers are in the table below.`);
    const table = els.barsTableData;
    table.replaceChildren();
    const head = el('tr');
    head.append(el('th', bars.group, { scope: 'col' }), el('th', what, { scope: 'col' }));
    const thead = el('thead');
    thead.append(head);
    const tb = el('tbody');
    rows.forEach((r) => {
      const tr = el('tr');
      const v = el('td', Number.isFinite(r.value) ? formatNumber(r.value) : 'n/a');
      if (Number.isFinite(r.value)) v.dataset.value = String(r.value);
      tr.append(el('th', r.label, { scope: 'row' }), v);
      tb.append(tr);
    });
    table.append(thead, tb);
    lastBars = { table: bars.table, group: bars.group, op: bars.op, value: bars.value, groups: f.rowCount, rows: rows.map((r) => ({ label: r.label, key: r.key, value: Number.isFinite(r.value) ? r.value : null })) };
  }

  // A redraw after a reader's choice; an engine error is shown and the last
  // good chart stays.
  function redraw(fn, undo) {
    try {
      fn();
      setError('');
    } catch (e) {
      undo();
      setError(`Could not draw the chart: ${e && e.message ? e.message : String(e)} (the chart shows the last good drawing)`);
    }
  }

  function changeLine(patch) {
    if (!data) return;
    const before = { ...line };
    Object.assign(line, patch);
    if (patch.table !== undefined && patch.table !== before.table) {
      const nums = cols(tableByName(line.table), ['number']);
      line.x = patch.x ?? nums[0] ?? null;
      line.y = patch.y ?? nums[1] ?? nums[0] ?? null;
      line.from = 0;
      line.to = PERMILLE;
    }
    redraw(drawLine, () => { Object.assign(line, before); syncLineControls(); });
  }

  function changeBars(patch) {
    if (!data) return;
    const before = { ...bars };
    Object.assign(bars, patch);
    if (patch.table !== undefined && patch.table !== before.table) {
      const t = tableByName(bars.table);
      bars.group = patch.group ?? cols(t, ['string', 'boolean'])[0] ?? cols(t, ['number'])[0] ?? null;
      bars.value = patch.value ?? cols(t, ['number']).find((c) => c !== bars.group) ?? null;
    }
    redraw(drawBars, () => { Object.assign(bars, before); syncBarsControls(); });
  }

  // ---- wiring ---------------------------------------------------------------

  bindLoadControls(els, { load, cancel });
  els.lineTable.addEventListener('change', () => changeLine({ table: els.lineTable.value }));
  els.lineX.addEventListener('change', () => changeLine({ x: els.lineX.value }));
  els.lineY.addEventListener('change', () => changeLine({ y: els.lineY.value }));
  let rangeFrame = 0;
  const onRange = () => {
    cancelAnimationFrame(rangeFrame);
    rangeFrame = requestAnimationFrame(() => changeLine({ from: Number(els.lineFrom.value), to: Number(els.lineTo.value) }));
  };
  els.lineFrom.addEventListener('input', onRange);
  els.lineTo.addEventListener('input', onRange);
  els.lineReset.addEventListener('click', () => changeLine({ from: 0, to: PERMILLE }));
  // pan by a quarter of the visible range; zoom by half around its middle
  const visible = () => [Math.min(line.from, line.to), Math.max(line.from, line.to)];
  const clampRange = (a, b) => {
    const w = Math.min(PERMILLE, Math.max(1, b - a));
    const lo = Math.max(0, Math.min(PERMILLE - w, Math.round(a)));
    return { from: lo, to: lo + Math.round(w) };
  };
  const pan = (dir) => {
    const [a, b] = visible();
    const step = Math.max(1, Math.round((b - a) / 4));
    changeLine(clampRange(a + dir * step, b + dir * step));
  };
  const zoom = (k) => {
    const [a, b] = visible();
    const mid = (a + b) / 2;
    const half = Math.max(1, ((b - a) * k) / 2);
    const lo = Math.max(0, mid - half);
    const hi = Math.min(PERMILLE, mid + half);
    changeLine({ from: Math.round(lo), to: Math.max(Math.round(lo) + 1, Math.round(hi)) });
  };
  els.lineEarlier.addEventListener('click', () => pan(-1));
  els.lineLater.addEventListener('click', () => pan(1));
  els.lineZoomIn.addEventListener('click', () => zoom(0.5));
  els.lineZoomOut.addEventListener('click', () => zoom(2));
  els.barsTable.addEventListener('change', () => changeBars({ table: els.barsTable.value }));
  els.barsGroup.addEventListener('change', () => changeBars({ group: els.barsGroup.value }));
  els.barsOp.addEventListener('change', () => changeBars({ op: els.barsOp.value }));
  els.barsValue.addEventListener('change', () => changeBars({ value: els.barsValue.value }));
  let lastWidth = 0;
  new ResizeObserver(() => {
    const w = els.root.clientWidth;
    if (!data || w === lastWidth) return;
    lastWidth = w;
    redraw(() => { drawLine(); drawBars(); }, () => {});
  }).observe(els.root);
  darkQuery.addEventListener('change', () => { if (data) redraw(() => { drawLine(); drawBars(); }, () => {}); });

  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));
  return {
    ready,
    load,
    cancel,
    busy: () => loading !== null,
    lastResult: () => lastResult,
    progress: () => progressLog.slice(),
    setLine: (patch) => { changeLine(patch); return nextFrame(); },
    setBars: (patch) => { changeBars(patch); return nextFrame(); },
    line: () => (lastLine ? { ...lastLine } : null),
    bars: () => (lastBars ? JSON.parse(JSON.stringify(lastBars)) : null),
    tables: () => (data ? data.tables.map(({ name, rowCount, columns }) => ({ name, rowCount, columns })) : []),
    liveObjects: () => engine.liveObjects(),
    limit: () => maxFileBytes(engine),
  };
}
