// scene.js — everything the renderer draws, in CSS pixels, for one width.
//
// buildScene(model, { width, measure, nice, ticks }) → scene
//   model    from model.js
//   width    canvas width in CSS px (≥ 1)
//   measure  (text, font) → width in CSS px
//   nice     (lo, hi, count) → [lo, hi]   the engine's engine.nice
//   ticks    (lo, hi, count) → number[]   the engine's engine.ticks
// The y domain starts at 0 (or below, for negative data) and ends at the
// engine's nice bound above model.max; tick values are the engine's.
// Returns { width, height, plot, domain:[lo,hi], ticks:[{value, y, text}],
//   bars:[{index, key, colour, empty, approximate, openTop, x, y, w, h,
//   hit:{x,y,w,h}}], valueLabels, missingLabels, categoryLabels } where the
// label lists come from labels.js (missing labels mark empty slots).
// Pure: same inputs, same scene.

import { formatTick } from './format.js';
import { bandLayout, chartHeight, FONTS, lineHeight, plotRect, tickCount, verticalMargins, yScale } from './layout.js';
import { placeCategoryLabels, placeValueLabels } from './labels.js';

export const MISSING_MARK = 'n/a';
const MISSING_NARROW = '–';

export function buildScene(model, { width, measure, nice, ticks }) {
  const height = chartHeight(width);
  const categoryLines = Math.max(1, ...model.groups.map((g) => g.labelCandidates[0].length));
  const margins = verticalMargins(categoryLines);
  const plotH = height - margins.top - margins.bottom;
  const count = tickCount(plotH);
  const hiData = model.max !== null && model.max > 0 ? model.max : 1;
  const loData = model.min !== null && model.min !== undefined && model.min < 0 ? model.min : 0;
  const [lo, hi] = nice(loData, hiData, count);
  const tickValues = ticks(lo, hi, count);
  const tickTexts = tickValues.map(formatTick);
  const tickW = Math.max(0, ...tickTexts.map((t) => measure(t, FONTS.tick)));
  const plot = plotRect(width, height, tickW, margins);
  const y = yScale(lo, hi, plot);
  const y0 = y(Math.max(lo, Math.min(hi, 0)));

  const bands = bandLayout(plot, model.groups.map((g) => g.slots.length));
  const bars = [];
  const valueItems = [];
  const missingLabels = [];
  model.groups.forEach((g, gi) => {
    g.slots.forEach((s, si) => {
      const geo = bands[gi].slots[si];
      const hit = { x: geo.x, y: plot.y, w: geo.w, h: plot.h };
      if (s.empty) {
        bars.push({ index: s.index, key: s.key, colour: s.colour, empty: true, approximate: false, openTop: false, x: geo.barX, y: y0, w: geo.barW, h: 0, hit });
        const wide = measure(MISSING_MARK, FONTS.missing) <= geo.w - 2;
        const text = wide ? MISSING_MARK : MISSING_NARROW;
        const w = measure(text, FONTS.missing);
        const h = lineHeight(FONTS.missing);
        missingLabels.push({ index: s.index, x: geo.cx, y: y0 - 3 - h, w, h, lines: [text], font: FONTS.missing, crowded: false });
        return;
      }
      const yv = y(s.value);
      const rect = { x: geo.barX, y: Math.min(yv, y0), w: geo.barW, h: Math.abs(y0 - yv) };
      bars.push({ index: s.index, key: s.key, colour: s.colour, empty: false, approximate: s.approximate, openTop: s.bound === 'lower', ...rect, hit });
      valueItems.push({ index: s.index, text: s.text, cx: geo.cx, top: rect.y - (s.bound === 'lower' ? 6 : 0), bar: rect });
    });
  });

  const canvasBox = { x: 0, y: 0, w: width, h: height };
  const valueLabels = placeValueLabels(valueItems, measure, canvasBox);
  const categoryLabels = placeCategoryLabels(
    model.groups.map((g, gi) => ({ cx: bands[gi].cx, w: bands[gi].w, candidates: g.labelCandidates })),
    measure, plot.y + plot.h + 6,
  );

  return {
    width,
    height,
    plot,
    domain: [lo, hi],
    ticks: tickValues.map((value, i) => ({ value, y: y(value), text: tickTexts[i] })),
    bars,
    valueLabels,
    missingLabels,
    categoryLabels,
  };
}
