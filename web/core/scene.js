// scene.js — everything the renderer draws for a view model, in CSS px.
//
// buildScene(vm, { width, measure, nice, ticks, locale }) → scene
//   vm       a finished view model (viewmodel.js)
//   width    canvas width in CSS px (≥ 1)
//   measure  (text, font) → width in CSS px
//   nice     (lo, hi, count, {log}) → [lo, hi]   the engine's engine.nice
//   ticks    (lo, hi, count, {log}) → number[]   the engine's engine.ticks
//   geo      the engine's map functions for a map panel (scene-map.js), or null
// Two panels sit side by side on wide canvases (layout.js panelColumns,
// split by panel.weight) and are stacked on narrow ones, or always when the
// view model says `stack`. Each panel has an
// optional title (wrapped) above its area and is laid out by its kind
// (scene-bars.js, scene-lines.js, scene-hbars.js, scene-map.js; a map
// panel, like hbars, sets its own height).
// Returns { width, height, panels:[{…panel scene, title:{lines, x, y, font} | null}],
//   marks: [per mark index: {index, id, key, panel, kind, period, empty, x, y, w, h, top, hit,
//   cx?, cy?, r?}], message: {text, x, y} | null }.
// Pure: same inputs, same scene.

import { barsScene } from './scene-bars.js';
import { hbarsScene } from './scene-hbars.js';
import { linesScene } from './scene-lines.js';
import { mapScene } from './scene-map.js';
import { chartHeight, FONTS, lineHeight, panelColumns } from './layout.js';
import { wrapText } from './labels.js';

const STACK_GAP = 24;
const SECONDARY_HEIGHT = 230;

function panelScene(panel, area, opts) {
  let title = null;
  let inner = area;
  if (panel.title) {
    const lines = wrapText(panel.title, FONTS.panelTitle, opts.measure, area.w);
    const h = lines.length * lineHeight(FONTS.panelTitle) + 6;
    title = { lines, x: area.x, y: area.y, font: FONTS.panelTitle };
    inner = { x: area.x, y: area.y + h, w: area.w, h: area.h - h };
  }
  let s;
  if (panel.kind === 'bars') s = barsScene(panel, inner, opts);
  else if (panel.kind === 'lines') s = linesScene(panel, inner, opts);
  else if (panel.kind === 'map') s = mapScene(panel, inner, opts);
  else s = hbarsScene(panel, inner, opts);
  const bottom = panel.kind === 'hbars' || panel.kind === 'map' ? inner.y + s.height : area.y + area.h;
  return { ...s, title, area: { ...area, h: bottom - area.y }, bottom };
}

export function buildScene(vm, { width, measure, nice, ticks, locale, geo = null }) {
  const opts = { measure, nice, ticks, locale, geo, missingMark: vm.missingMark ?? 'n/a' };
  const cols = vm.stack ? null : panelColumns(width, vm.panels.map((p) => p.weight ?? 1));
  const panels = [];
  if (cols) {
    const h = chartHeight(width);
    vm.panels.forEach((p, i) => panels.push(panelScene(p, { x: cols[i].x, y: 0, w: cols[i].w, h }, opts)));
  } else {
    let y = 0;
    vm.panels.forEach((p, i) => {
      const h = i === 0 || vm.panels.length === 1 ? chartHeight(width) : SECONDARY_HEIGHT;
      const s = panelScene(p, { x: 0, y, w: width, h }, opts);
      panels.push(s);
      y = s.bottom + STACK_GAP;
    });
  }
  const height = Math.ceil(Math.max(1, ...panels.map((p) => p.bottom)));
  const byIndex = new Map();
  panels.forEach((ps, pi) => { for (const g of ps.marks) byIndex.set(g.index, { ...g, panel: vm.panels[pi].id }); });
  const marks = vm.marks.map((m) => ({
    ...byIndex.get(m.index), index: m.index, id: m.id, key: m.key, period: m.category, empty: m.empty,
  }));
  const message = vm.empty ? { text: vm.empty, x: width / 2, y: height / 2 } : null;
  return { width, height, panels, marks, message, locale };
}
