// scene-lines.js — geometry of a lines panel (one line per series over
// years), in CSS px.
//
// linesScene(panel, area, opts) → { kind:'lines', id, axis, xTicks:[{x, y, lines, font}], paths, dots,
//   valueLabels, marks }
//   panel  a view-model lines panel: xs (years, ascending), series [{key, colour, marks}],
//          dots (draw every point), labels (value labels at points)
// A line joins two points only when their years are exactly one apart, so a
// missing year breaks it (never bridged); a point with no neighbour is a dot.
// Approximate points are hollow dots; a series may be dashed (`dash`).
// Value labels go above or below their point, and are left out where they
// would collide (the tooltip and table still give the value). paths: [{key, colour, points:[[x, y]…], ids (mark ids)}];
// dots: [{id, index, cx, cy, r, colour, hollow}]. Each mark's hit area is its
// year's column over the whole plot; marks: [{index, kind:'point', x, y, w, h,
// cx, cy, r, top, hit}].
// A trend projection (panel.projection) adds its overlay (scene-projection.js)
// as `projection` and its points to marks; panel.xs already holds its years.
// General x (panel.continuous, described charts): x is any number, placed on
// a linear scale over [xs[0], xs.at(-1)] with the engine's ticks; a line joins
// neighbouring points of a series and breaks only at an empty mark (a missing
// y); each mark's hit column is its share of the plot. panel.noLines: points
// only (every value a dot, no paths). panel.annotation {markId, text}: a note
// placed over the mark (core/annotate.js), as on bars panels.

import { valueAxis } from './axis.js';
import { placeAnnotation } from './annotate.js';
import { FONTS, lineHeight, yearScale } from './layout.js';
import { placeValueLabels } from './labels.js';
import { periodCandidates } from './numbers.js';
import { projectionScene } from './scene-projection.js';

export const DOT_R = 3.5;

function continuousTicks(panel, plot, scale, { measure, ticks, locale }) {
  const xs = panel.xs;
  const x0 = xs[0];
  const x1 = xs[xs.length - 1];
  const y = plot.y + plot.h + 6;
  const text = (v) => String(v);
  const widest = Math.max(measure(text(x0), FONTS.category), measure(text(x1), FONTS.category));
  const count = Math.max(1, Math.min(8, Math.floor(plot.w / (widest + 16))));
  const values = x1 > x0 ? ticks(x0, x1, count).filter((v) => v >= x0 && v <= x1) : [x0];
  return values.map((v) => ({ value: v, x: scale.x(v), y, lines: [text(v)], font: FONTS.category }));
}

// A linear x scale over [x0, x1] with room for half a band at each end.
function linearScale(xs, plot) {
  const x0 = xs[0] ?? 0;
  const x1 = xs[xs.length - 1] ?? x0;
  const band = Math.max(1, Math.min(plot.w / Math.max(1, xs.length), 24));
  const inner = Math.max(1, plot.w - band);
  const x = x1 > x0 ? (v) => plot.x + band / 2 + ((v - x0) / (x1 - x0)) * inner : () => plot.x + plot.w / 2;
  return { x, band };
}

function xTicks(panel, plot, scale, opts) {
  const { measure, ticks, locale } = opts;
  const xs = panel.xs;
  if (xs.length === 0) return [];
  if (panel.continuous) return continuousTicks(panel, plot, scale, opts);
  const x0 = xs[0];
  const x1 = xs[xs.length - 1];
  const full = measure(periodCandidates(locale, String(x1))[0][0], FONTS.category);
  const step = [1, 2, 5, 10, 20].find((s) => s * scale.band >= full + 10) ?? 20;
  const count = Math.max(1, Math.floor((x1 - x0) / step));
  const years = x1 > x0 ? ticks(x0, x1, count).filter((v) => Number.isInteger(v) && v >= x0 && v <= x1) : [x0];
  const gap = years.length > 1 ? (years[1] - years[0]) * scale.band : plot.w;
  const pick = (y) => periodCandidates(locale, String(y)).find((c) => measure(c[0], FONTS.category) <= gap - 6)
    ?? periodCandidates(locale, String(y)).at(-1);
  const y = plot.y + plot.h + 6;
  return years.map((yr) => ({ value: yr, x: scale.x(yr), y, lines: pick(yr), font: FONTS.category }));
}

export function linesScene(panel, area, opts) {
  const { measure } = opts;
  const labelRoom = panel.labels ? lineHeight(FONTS.value) + 4 : 8;
  const top = lineHeight(FONTS.unit) + labelRoom;
  const bottom = lineHeight(FONTS.category) + 10;
  const axis = valueAxis(panel, area, { ...opts, top, bottom, right: 12 });
  const { plot, y } = axis;
  const x0 = panel.xs[0] ?? 0;
  const x1 = panel.xs[panel.xs.length - 1] ?? x0;
  const scale = panel.continuous ? linearScale(panel.xs, plot) : yearScale(x0, x1, plot);
  const joined = panel.continuous ? () => true : (a, b) => b.x - a.x === 1;
  const paths = [];
  const dots = [];
  const marks = [];
  const valueItems = [];
  for (const s of panel.series) {
    const pts = s.marks.map((m) => (m.empty ? null : { m, cx: scale.x(m.x), cy: y(m.value) }));
    let run = [];
    const flush = () => {
      if (run.length > 1 && !panel.noLines) paths.push({ key: s.key, colour: s.colour, dash: s.dash ?? null, points: run.map((p) => [p.cx, p.cy]), ids: run.map((p) => p.m.id) });
      for (const p of run) {
        const lone = run.length === 1;
        if (panel.dots || panel.noLines || lone || p.m.approximate) dots.push({ id: p.m.id, index: p.m.index, cx: p.cx, cy: p.cy, r: DOT_R, colour: s.colour, hollow: p.m.approximate });
      }
      run = [];
    };
    for (const p of pts) {
      if (p === null) {
        if (panel.continuous) flush();
        continue;
      }
      if (run.length && !joined(run[run.length - 1].m, p.m)) flush();
      run.push(p);
    }
    flush();
    for (const m of s.marks) {
      const cx = scale.x(m.x);
      const cy = m.empty ? plot.y + plot.h : y(m.value);
      const r = m.empty ? 0 : DOT_R;
      const hit = { x: cx - scale.band / 2, y: plot.y, w: scale.band, h: plot.h };
      marks.push({ index: m.index, kind: 'point', x: cx - r, y: cy - r, w: 2 * r, h: 2 * r, cx, cy, r, top: cy - r, hit });
      if (panel.labels && !m.empty) valueItems.push({ index: m.index, text: m.label, cx, top: cy - r - 2, bar: { x: cx - r, y: cy - r, w: 2 * r, h: 2 * r }, below: true });
    }
  }
  let projection = null;
  if (panel.projection) {
    const p = projectionScene(panel.projection, {
      xOf: (yr) => scale.x(yr), colOf: (yr) => ({ x: scale.x(yr) - scale.band / 2, w: scale.band }), y, plot,
      divider: scale.x(panel.projection.start) - scale.band / 2, measure, log: axis.log,
    });
    marks.push(...p.marks);
    projection = p.layer;
  }
  const valueLabels = placeValueLabels(valueItems, measure, { x: area.x, y: area.y, w: area.w, h: area.h }, { avoid: [axis.unit], drop: true });
  for (const l of valueLabels) {
    const mk = marks.find((m) => m.index === l.index);
    mk.top = Math.min(mk.top, l.y);
  }
  let annotation = null;
  const target = panel.annotation ? marks.find((g) => g.index === panel.series.flatMap((s) => s.marks).find((m) => m.id === panel.annotation.markId)?.index) : null;
  if (target) {
    const obstacles = [...dots.map((d) => ({ x: d.cx - d.r, y: d.cy - d.r, w: 2 * d.r, h: 2 * d.r })), ...valueLabels.map((l) => ({ x: l.x - l.w / 2, y: l.y, w: l.w, h: l.h }))];
    annotation = placeAnnotation({ text: panel.annotation.text, target: { cx: target.cx, top: target.top }, plot, obstacles, measure, font: FONTS.note });
  }
  return { kind: 'lines', id: panel.id, axis, xTicks: xTicks(panel, plot, scale, opts), paths, dots, valueLabels, marks, band: scale.band, projection, annotation };
}
