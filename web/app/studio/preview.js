// preview.js — the studio's live chart of the current view, and the table of
// the numbers it draws.
//
// createPreview({host, table, engine, measure, theme, mountChart}) →
//   {render, numbers, renderer, canvas}
//   render({dataset, description, locale, viewIndex, data}) draws the view:
//     through mountChart(host, {engine, dataset, description, locale,
//     viewId}) (app/chart-mount.js, the reader's renderer) when given one;
//     otherwise a draft on a canvas with the explore page's painters
//     (app/explore-chart.js): bars of each (x, series) value, or the line of
//     the first series. data: the view's numbers, from viewData (below).
//     Throws what the renderer throws; the caller keeps the last good chart.
//   renderer() → 'mountChart' | 'draft'.
//   numbers(data, names) fills the data table: one row per point drawn (the
//     first 1,000, the caption says how many there are).
// viewData(engine, dataset, view) → {x, y, series, rows: [{x, series, y}],
//   spec} | null: the view's numbers from one engine.query (describe.js
//   viewQuery), or null when the view does not yet say what to draw. Throws
//   the engine's error (an unknown column or table names it).

import { viewQuery } from './describe.js';
import { barsLayout, chartHeight, formatNumber, lineLayout, paintBars, paintLine } from '../explore-chart.js';

export function viewData(engine, dataset, view) {
  const q = viewQuery(view);
  if (!q) return null;
  const f = engine.query(dataset.table(view.table), q.spec);
  const xs = f.col(q.x);
  const ys = f.col(q.y);
  const ss = q.series ? f.col(q.series) : null;
  const rows = [];
  for (let i = 0; i < f.rowCount; i++) {
    const y = ys[i];
    rows.push({ x: xs[i], series: ss ? ss[i] : null, y: Number.isNaN(y) ? null : y });
  }
  return { x: q.x, y: q.y, series: q.series, rows, spec: q.spec };
}

const MAX_TABLE_ROWS = 1000;
const label = (v) => (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '(missing)' : String(v));

export function createPreview({ host, table, engine, measure, theme, mountChart = null }) {
  let used = 'draft';
  let mounted = null;
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.className = 'draft-canvas';
  const note = document.createElement('p');
  note.className = 'chart-note';

  function drawDraft(dataset, view, data, names) {
    const width = Math.max(280, Math.min(900, Math.floor(host.getBoundingClientRect().width || 600)));
    const nice = (lo, hi, n) => engine().nice(lo, hi, n);
    const ticks = (lo, hi, n) => engine().ticks(lo, hi, n);
    const notes = [];
    if (view.mark === 'line' || view.mark === 'point') {
      const first = data.rows.length ? data.rows[0].series : null;
      const pts = data.rows.filter((r) => r.series === first && typeof r.x === 'number');
      if (data.series && data.rows.some((r) => r.series !== first)) notes.push(`Draft preview: the first series (${label(first)}) only.`);
      let xs = pts.map((r) => r.x);
      let ys = pts.map((r) => (r.y === null ? NaN : r.y));
      if (xs.length > 4 * width && xs.length >= 2) {
        // more points than pixel columns: the engine decimates the same query
        const spec = { ...data.spec, x: data.x, y: data.y, from: xs[0], to: xs[xs.length - 1], pixels: width };
        if (data.series) spec.filters = [...spec.filters, { column: data.series, eq: first }];
        const f = engine().decimate(dataset.table(view.table), spec);
        xs = Array.from(f.col('x'));
        ys = Array.from(f.col('y'));
        notes.push(`${pts.length.toLocaleString('en-US')} points, reduced by the engine to ${xs.length.toLocaleString('en-US')} for ${width} pixel columns.`);
      }
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of ys) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const from = xs.length ? xs[0] : 0;
      const to = xs.length ? xs[xs.length - 1] : 1;
      const L = lineLayout({ width, height: chartHeight(width), from, to: to > from ? to : from + 1, lo, hi, nice, ticks, measure });
      paintLine(canvas, L, { x: Float64Array.from(xs), y: Float64Array.from(ys) }, theme(), { xName: names.x, yName: names.y });
    } else {
      const rows = data.rows.slice(0, 60).map((r) => ({ label: data.series ? `${label(r.x)} · ${label(r.series)}` : label(r.x), value: r.y === null ? NaN : r.y }));
      if (data.rows.length > 60) notes.push(`Draft preview: the first 60 of ${data.rows.length} bars.`);
      const L = barsLayout({ width, rows, nice, ticks, measure });
      paintBars(canvas, L, theme(), { valueName: names.y });
    }
    canvas.setAttribute('aria-label', `${names.title}: ${view.mark} chart of ${names.y} by ${names.x}. The numbers are in the table below.`);
    note.textContent = [...notes, 'This build has no chart renderer (app/chart-mount.js); the studio shows a draft.'].join(' ');
    host.replaceChildren(canvas, note);
  }

  return {
    canvas,
    renderer: () => used,
    async render({ dataset, description, locale, viewIndex, data, names }) {
      const view = description.views[viewIndex];
      if (mountChart) {
        if (mounted && typeof mounted.destroy === 'function') mounted.destroy();
        host.replaceChildren();
        mounted = await mountChart(host, { engine: engine(), dataset, description, locale, viewId: view.id });
        used = 'mountChart';
        return;
      }
      used = 'draft';
      drawDraft(dataset, view, data, names);
    },
    numbers(data, names) {
      const head = document.createElement('thead');
      const tr = document.createElement('tr');
      for (const h of data.series ? [names.x, names.series, names.y] : [names.x, names.y]) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = h;
        tr.append(th);
      }
      head.append(tr);
      const body = document.createElement('tbody');
      const shown = data.rows.slice(0, MAX_TABLE_ROWS);
      for (const r of shown) {
        const row = document.createElement('tr');
        const cells = data.series ? [label(r.x), label(r.series)] : [label(r.x)];
        for (const c of cells) {
          const td = document.createElement('td');
          td.textContent = c;
          row.append(td);
        }
        const td = document.createElement('td');
        td.textContent = r.y === null ? 'n/a' : formatNumber(r.y);
        if (r.y !== null) td.dataset.value = String(r.y);
        row.append(td);
        body.append(row);
      }
      const caption = document.createElement('caption');
      caption.textContent = shown.length < data.rows.length
        ? `The first ${shown.length.toLocaleString('en-US')} of ${data.rows.length.toLocaleString('en-US')} rows (the CSV has them all)`
        : `${data.rows.length.toLocaleString('en-US')} rows`;
      table.replaceChildren(caption, head, body);
    },
  };
}
