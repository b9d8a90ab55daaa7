// scene-projection.js — geometry of a trend projection overlay
// (core/projection-model.js) on a lines or bars panel, in CSS px.
//
// projectionScene(overlay, { xOf, colOf, y, plot, divider, measure }) → { layer, marks }
//   overlay  the view model's panel.projection: { label, start, years,
//            series: [{ key, colour, fitted:[{x, y}], marks }] }
//   xOf      (year, key) → x pixel of that series' point in that year, or null
//   colOf    (year) → { x, w }: the year's column (the hit area of a point)
//   y        value → y pixel (the panel's axis)
//   divider  x pixel of the boundary between the data and the projection
//   log      a log axis: fitted values ≤ 0 are left out of the fitted line
// layer: { divider: {x, y0, y1}, clip (the plot: bands and lines are cut to it),
//   label: {lines, x, y, font, align} | null,
//   bands: [{key, colour, points}], fits: [{key, colour, points}],
//   lines: [{key, colour, points}], dots: [{index, cx, cy, r, colour}] }
//   A band runs from the last fitted point (zero width) through every
//   projected interval and back; the dashed line from the last fitted
//   point through the projected values; the fitted values over the fit
//   window are a thinner dashed line.
// marks: [{index, kind:'point', x, y, w, h, cx, cy, r, top, hit}] for the
//   projected points (hit: the year's column over the plot).
// The label ("trend projection, not a forecast") goes at the top or the
// bottom of the projected region, whichever the bands leave clearer.

import { FONTS, lineHeight } from './layout.js';
import { wrapText } from './labels.js';

export const BAND_ALPHA = 0.2;
export const PROJ_DOT_R = 2.5;
const LABEL_FONT = FONTS.note;

export function projectionScene(overlay, { xOf, colOf, y, plot, divider, measure, log = false }) {
  const bands = [];
  const fits = [];
  const lines = [];
  const dots = [];
  const marks = [];
  for (const s of overlay.series) {
    const fitted = s.fitted.filter((p) => p.y !== null && (!log || p.y > 0)).map((p) => [xOf(p.x, s.key), y(p.y)]).filter(([x]) => x !== null);
    const last = fitted[fitted.length - 1] ?? null;
    const ahead = s.marks.filter((m) => !m.empty);
    const pts = ahead.map((m) => [xOf(m.x, s.key), y(m.value)]);
    if (fitted.length > 1) fits.push({ key: s.key, colour: s.colour, points: fitted });
    lines.push({ key: s.key, colour: s.colour, points: last ? [last, ...pts] : pts });
    const upper = ahead.map((m, i) => [pts[i][0], y(m.hi ?? m.value)]);
    const lower = ahead.map((m, i) => [pts[i][0], y(m.lo ?? m.value)]).reverse();
    bands.push({ key: s.key, colour: s.colour, points: [...(last ? [last] : []), ...upper, ...lower] });
    ahead.forEach((m, i) => {
      const [cx, cy] = pts[i];
      dots.push({ index: m.index, cx, cy, r: PROJ_DOT_R, colour: s.colour });
      const col = colOf(m.x);
      marks.push({
        index: m.index, kind: 'point', x: cx - PROJ_DOT_R, y: cy - PROJ_DOT_R, w: 2 * PROJ_DOT_R, h: 2 * PROJ_DOT_R,
        cx, cy, r: PROJ_DOT_R, top: Math.min(cy, y(m.hi ?? m.value)) - PROJ_DOT_R, hit: { x: col.x, y: plot.y, w: col.w, h: plot.h },
      });
    });
  }
  const region = { x: divider + 4, w: plot.x + plot.w - divider - 6 };
  let label = null;
  if (region.w >= 30) {
    const text = wrapText(overlay.clipped ? overlay.clippedLabel : overlay.label, LABEL_FONT, measure, region.w);
    const h = text.length * lineHeight(LABEL_FONT);
    const inBox = (top) => bands.reduce((n, b) => n + b.points.filter(([x, yy]) => x >= region.x && x <= region.x + region.w && yy >= top - 2 && yy <= top + h + 2).length, 0);
    const topY = plot.y + 2;
    const bottomY = plot.y + plot.h - h - 4;
    const atTop = inBox(topY) <= inBox(bottomY);
    label = { lines: text, x: region.x, y: atTop ? topY : bottomY, font: LABEL_FONT, align: 'left' };
  }
  const clip = { x: plot.x, y: plot.y - 2, w: plot.w, h: plot.h + 2 };
  return { layer: { divider: { x: divider, y0: plot.y, y1: plot.y + plot.h }, clip, label, bands, fits, lines, dots }, marks };
}
