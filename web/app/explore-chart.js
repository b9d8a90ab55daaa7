// explore-chart.js — the explore page's two charts on a canvas: a line of
// (decimated) points and ranked horizontal bars. Every number drawn comes
// from the engine (values, extents, nice bounds, ticks); this file only
// places and paints them, in CSS px on a DPR-scaled canvas.
//
// lineLayout({width, height, from, to, lo, hi, nice, ticks, measure}) →
//   {width, height, plot, x(v), y(v), xTicks, yTicks, domain}
//   from/to: the visible x range; lo/hi: the y extent in it (engine)
// paintLine(canvas, layout, {x, y}, theme, {xName, yName}) draws; NaN y
//   breaks the line (a gap is never bridged).
// barsLayout({width, rows, nice, ticks, measure}) → layout; rows:
//   [{label, value}] in drawing order (value NaN = no value).
// paintBars(canvas, layout, theme, {valueName}).
// formatNumber(v) the page's number text (en-US, up to 6 significant digits).

import { FONTS } from '../core/layout.js';
import { cssFont, drawLines } from '../render/text.js';

const fmtSmall = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6, useGrouping: false });
const fmtBig = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

const fmtCompact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 4 });

/** Axis tick text: compact for large values ("1.6B"). */
export function tickText(v) {
  return Math.abs(v) >= 1e6 && Math.abs(v) < 1e15 ? fmtCompact.format(v) : formatNumber(v);
}

export function formatNumber(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '';
  if (Math.abs(v) >= 1e15 || (v !== 0 && Math.abs(v) < 1e-6)) return v.toExponential(3);
  return Math.abs(v) >= 10000 ? fmtBig.format(v) : fmtSmall.format(v);
}

export function chartHeight(width) {
  return Math.max(240, Math.min(400, Math.round(width * 0.5)));
}

function tickCount(px, per) {
  return Math.max(2, Math.min(10, Math.floor(px / per)));
}

function linear(d0, d1, r0, r1) {
  const span = d1 - d0;
  return (v) => (span > 0 ? r0 + ((v - d0) / span) * (r1 - r0) : (r0 + r1) / 2);
}

export function lineLayout({ width, height, from, to, lo, hi, nice, ticks, measure }) {
  const top = 28;
  const bottom = 34;
  const plotH = Math.max(40, height - top - bottom);
  const n = tickCount(plotH, 50);
  let [ylo, yhi] = Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : [0, 1];
  if (ylo === yhi) [ylo, yhi] = [ylo - 1, yhi + 1];
  const [dlo, dhi] = nice(ylo, yhi, n);
  const yValues = ticks(dlo, dhi, n);
  const yTexts = yValues.map(tickText);
  const left = Math.ceil(Math.max(0, ...yTexts.map((t) => measure(t, FONTS.tick)))) + 10;
  const plot = { x: left, y: top, w: Math.max(10, width - left - 16), h: plotH };
  const y = linear(dlo, dhi, plot.y + plot.h, plot.y);
  const x = linear(from, to, plot.x, plot.x + plot.w);
  const widest = Math.max(measure(tickText(from), FONTS.tick), measure(tickText(to), FONTS.tick));
  const xValues = to > from ? ticks(from, to, tickCount(plot.w, widest + 40)).filter((v) => v >= from && v <= to) : [from];
  return {
    width, height, plot, x, y, domain: [dlo, dhi],
    yTicks: yValues.map((v, i) => ({ value: v, y: y(v), text: yTexts[i] })),
    xTicks: xValues.map((v) => ({ value: v, x: x(v), text: tickText(v) })),
  };
}

/** Sizes the canvas's backing store for the device pixel ratio; returns
 * its 2D context scaled to CSS px. */
export function prepare(canvas, width, height) {
  const dpr = globalThis.devicePixelRatio || 1;
  const bw = Math.round(width * dpr);
  const bh = Math.round(height * dpr);
  if (canvas.width !== bw) canvas.width = bw;
  if (canvas.height !== bh) canvas.height = bh;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

const crisp = (v) => Math.round(v) + 0.5;

function grid(ctx, plot, yTicks, theme) {
  ctx.save();
  ctx.strokeStyle = theme.grid;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of yTicks) {
    ctx.moveTo(plot.x, crisp(t.y));
    ctx.lineTo(plot.x + plot.w, crisp(t.y));
  }
  ctx.stroke();
  ctx.restore();
  ctx.save();
  ctx.font = cssFont(FONTS.tick);
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yTicks) ctx.fillText(t.text, plot.x - 6, t.y);
  ctx.restore();
}

export function paintLine(canvas, L, { x, y }, theme, { xName, yName }) {
  const ctx = prepare(canvas, L.width, L.height);
  const { plot } = L;
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, L.width, L.height);
  grid(ctx, plot, L.yTicks, theme);
  drawLines(ctx, { lines: [yName], font: FONTS.unit, x: 0, y: 4, colours: theme.muted, align: 'left' });
  ctx.save();
  ctx.strokeStyle = theme.axis;
  ctx.beginPath();
  ctx.moveTo(plot.x, crisp(plot.y + plot.h));
  ctx.lineTo(plot.x + plot.w, crisp(plot.y + plot.h));
  ctx.stroke();
  ctx.font = cssFont(FONTS.tick);
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of L.xTicks) {
    ctx.fillRect(Math.round(t.x), plot.y + plot.h, 1, 4);
    ctx.fillText(t.text, t.x, plot.y + plot.h + 7);
  }
  ctx.textAlign = 'right';
  ctx.fillText(xName, plot.x + plot.w, plot.y + plot.h + 20);
  ctx.restore();
  // the line, clipped to the plot; NaN y starts a new piece
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y - 2, plot.w, plot.h + 4);
  ctx.clip();
  ctx.strokeStyle = theme.series[0];
  ctx.lineWidth = 1.5;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  let open = false;
  let lone = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(y[i]) || Number.isNaN(x[i])) {
      open = false;
      continue;
    }
    const px = L.x(x[i]);
    const py = L.y(y[i]);
    const next = i + 1 < x.length && !Number.isNaN(y[i + 1]) && !Number.isNaN(x[i + 1]);
    if (!open) {
      ctx.moveTo(px, py);
      if (!next) lone.push([px, py]);
    } else ctx.lineTo(px, py);
    open = true;
  }
  ctx.stroke();
  ctx.fillStyle = theme.series[0];
  for (const [px, py] of lone) {
    ctx.beginPath();
    ctx.arc(px, py, 2, 0, Math.PI * 2);
    ctx.fill();
  }
  lone = null;
  ctx.restore();
}

const ROW_H = 24;

export function barsLayout({ width, rows, nice, ticks, measure }) {
  const labelW = Math.min(Math.round(width * 0.38), Math.ceil(Math.max(20, ...rows.map((r) => measure(r.label, FONTS.rowLabel)))) + 8);
  const top = 40; // the value name, then the tick labels
  const height = top + rows.length * ROW_H + 8;
  const values = rows.map((r) => r.value).filter(Number.isFinite);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const [dlo, dhi] = hi > lo ? nice(lo, hi, 4) : [0, 1];
  const valueRoom = Math.ceil(Math.max(30, ...rows.map((r) => measure(formatNumber(r.value), FONTS.value)))) + 8;
  const plot = { x: labelW + 4, y: top, w: Math.max(20, width - labelW - 4 - valueRoom), h: rows.length * ROW_H };
  const x = linear(dlo, dhi, plot.x, plot.x + plot.w);
  const widest = Math.max(measure(tickText(dlo), FONTS.tick), measure(tickText(dhi), FONTS.tick));
  const xTicks = ticks(dlo, dhi, tickCount(plot.w, widest + 30)).map((v) => ({ value: v, x: x(v), text: tickText(v) }));
  const bars = rows.map((r, i) => {
    const y = plot.y + i * ROW_H;
    if (!Number.isFinite(r.value)) return { ...r, empty: true, x: x(0), y: y + 4, w: 0, h: ROW_H - 8 };
    const a = x(Math.min(0, r.value));
    const b = x(Math.max(0, r.value));
    return { ...r, empty: false, x: a, y: y + 4, w: Math.max(1, b - a), h: ROW_H - 8 };
  });
  return { width, height, plot, x, xTicks, bars, labelW };
}

function fitText(ctx, text, w) {
  if (ctx.measureText(text).width <= w) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > w) s = s.slice(0, -1);
  return `${s}…`;
}

export function paintBars(canvas, L, theme, { valueName }) {
  const ctx = prepare(canvas, L.width, L.height);
  const { plot } = L;
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, L.width, L.height);
  ctx.save();
  ctx.strokeStyle = theme.grid;
  ctx.globalAlpha = 0.45;
  ctx.beginPath();
  for (const t of L.xTicks) {
    ctx.moveTo(crisp(t.x), plot.y);
    ctx.lineTo(crisp(t.x), plot.y + plot.h);
  }
  ctx.stroke();
  ctx.restore();
  ctx.save();
  ctx.font = cssFont(FONTS.tick);
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  for (const t of L.xTicks) ctx.fillText(t.text, t.x, plot.y - 4);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(valueName, 0, 2);
  ctx.restore();
  for (const b of L.bars) {
    ctx.save();
    ctx.font = cssFont(FONTS.rowLabel);
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(fitText(ctx, b.label, L.labelW - 8), L.labelW, b.y + b.h / 2);
    ctx.restore();
    if (!b.empty) {
      ctx.fillStyle = theme.series[0];
      ctx.fillRect(b.x, b.y, b.w, b.h);
    }
    ctx.save();
    ctx.font = cssFont(b.empty ? FONTS.missing : FONTS.value);
    ctx.fillStyle = b.empty ? theme.muted : theme.text;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(b.empty ? 'n/a' : formatNumber(b.value), Math.max(b.x + b.w, L.x(0)) + 4, b.y + b.h / 2);
    ctx.restore();
  }
  const zero = L.x(0);
  ctx.strokeStyle = theme.axis;
  ctx.beginPath();
  ctx.moveTo(crisp(zero), plot.y);
  ctx.lineTo(crisp(zero), plot.y + plot.h);
  ctx.stroke();
}
