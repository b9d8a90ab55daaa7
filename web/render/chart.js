// chart.js — the chart's lifecycle on one canvas: layout, DPR, resize, draw.
//
// createChart({ canvas, container, scale, onError }) → chart
//   scale    { nice(lo, hi, count), ticks(lo, hi, count) } — the engine's
//   onError  (error) → void, for failures while re-laying out on resize
//            (the previous drawing stays on screen)
// chart.setModel(model)  lays out and draws a new model. If the layout
//                        throws, the previous model and drawing are kept
//                        and the error is rethrown.
// chart.relayout()       lays out again at the container's width.
// chart.setFocus(index)  rings one mark (-1 for none) and redraws.
// chart.marks()          [{index, key, period, empty, x, y, w, h, top, hit}]
//                        in CSS px relative to the canvas's top-left corner;
//                        x, y, w, h is the bar (height 0 for an empty slot),
//                        top the top of the bar's label, hit the area that
//                        picks it.
// chart.scene()          the current scene (core/scene.js) or null.
// chart.destroy()        stops observing; the canvas keeps its last frame.
//
// The backing store is width × height × devicePixelRatio device pixels and
// the context is scaled by the same ratio, so drawing code works in CSS px.

import { buildScene } from '../core/scene.js';
import { BACKGROUND } from '../core/palette.js';
import { drawBaseline, drawCategories, drawGrid } from './axes.js';
import { drawBars, drawFocus } from './bars.js';
import { drawValueLabels } from './labels.js';
import { createMeasure } from './text.js';

export function createChart({ canvas, container, scale, onError = () => {} }) {
  const ctx = canvas.getContext('2d');
  const measure = createMeasure(ctx);
  let model = null;
  let scene = null;
  let focus = -1;
  let lastWidth = 0;
  let dprQuery = null;

  const containerWidth = () => Math.max(1, Math.floor(container.clientWidth));

  function draw() {
    if (!scene) return;
    const dpr = window.devicePixelRatio || 1;
    const bw = Math.round(scene.width * dpr);
    const bh = Math.round(scene.height * dpr);
    if (canvas.width !== bw) canvas.width = bw;
    if (canvas.height !== bh) canvas.height = bh;
    canvas.style.height = `${scene.height}px`;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, scene.width, scene.height);
    drawGrid(ctx, scene);
    drawBars(ctx, scene);
    drawBaseline(ctx, scene);
    drawValueLabels(ctx, scene);
    drawCategories(ctx, scene);
    drawFocus(ctx, scene, focus);
    watchDpr(dpr);
  }

  // Redraw when the page moves to a screen of another pixel ratio (or zooms).
  function watchDpr(dpr) {
    if (dprQuery && dprQuery.dpr === dpr) return;
    if (dprQuery) dprQuery.mql.removeEventListener('change', dprQuery.listener);
    const mql = window.matchMedia(`(resolution: ${dpr}dppx)`);
    const listener = () => draw();
    mql.addEventListener('change', listener);
    dprQuery = { dpr, mql, listener };
  }

  function layout(m) {
    const width = containerWidth();
    const next = buildScene(m, { width, measure, nice: scale.nice, ticks: scale.ticks });
    lastWidth = width;
    return next;
  }

  const observer = new ResizeObserver(() => {
    if (!model || containerWidth() === lastWidth) return;
    try {
      scene = layout(model);
      draw();
    } catch (e) {
      onError(e);
    }
  });
  observer.observe(container);

  return {
    setModel(m) {
      const next = layout(m);
      model = m;
      scene = next;
      focus = -1;
      draw();
    },
    relayout() {
      if (!model) return;
      scene = layout(model);
      draw();
    },
    setFocus(index) {
      if (index === focus) return;
      focus = index;
      draw();
    },
    marks() {
      if (!scene || !model) return [];
      const labels = [...scene.valueLabels, ...scene.missingLabels];
      return scene.bars.map((b) => {
        const label = labels.find((l) => l.index === b.index);
        return {
          index: b.index,
          key: b.key,
          period: model.marks[b.index].period,
          empty: b.empty,
          x: b.x, y: b.y, w: b.w, h: b.h,
          top: label ? Math.min(label.y, b.y) : b.y,
          hit: { ...b.hit },
        };
      });
    },
    scene: () => scene,
    model: () => model,
    destroy() {
      observer.disconnect();
      if (dprQuery) dprQuery.mql.removeEventListener('change', dprQuery.listener);
    },
  };
}
