// chart.js — the chart's lifecycle on one canvas: layout, DPR, resize,
// transitions and drawing.
//
// createChart({ canvas, container, scale, onError, reducedMotion }) → chart
//   scale          { nice(lo, hi, count, opts), ticks(lo, hi, count, opts), geo? } — the engine's
//                  (geo: the map functions of core/scene-map.js)
//   onError        (error) → void, for failures while re-laying out on resize
//                  (the previous drawing stays on screen)
//   reducedMotion  () → true when transitions must be skipped
// chart.setModel(vm, { theme, animate }) lays out `vm` (a finished view
//   model) and draws it; with animate (and motion allowed) bars and points
//   move from the previous drawing in ≤ DURATION_MS. Returns a Promise that
//   resolves once the final frame is on the canvas. If the layout throws,
//   the previous model and drawing are kept and the error is rethrown.
// chart.setTheme(theme)  redraws in other colours.
// chart.relayout()       lays out again at the container's width.
// chart.setFocus(index)  rings one mark (-1 for none) and redraws.
// chart.marks()          the scene's marks ([{index, id, key, period, panel, kind, empty,
//                        x, y, w, h, top, hit, cx?, cy?}]) in CSS px relative to the
//                        canvas's top-left corner: x, y, w, h is the drawn mark (height 0
//                        for an empty slot), top the top of the mark with its label, hit
//                        the area that picks it.
// chart.scene(), chart.model()  the current scene and view model, or null.
// chart.destroy()        stops observing; the canvas keeps its last frame.
//
// The backing store is width × height × devicePixelRatio device pixels and
// the context is scaled by the same ratio, so drawing code works in CSS px.

import { buildScene } from '../core/scene.js';
import { DURATION_MS, ease, tweenScene } from '../core/tween.js';
import { drawScene } from './draw.js';
import { createMeasure } from './text.js';

export function createChart({ canvas, container, scale, onError = () => {}, reducedMotion = () => false }) {
  const ctx = canvas.getContext('2d');
  const measures = new Map();
  let model = null;
  let scene = null;
  let theme = null;
  let focus = -1;
  let lastWidth = 0;
  let dprQuery = null;
  let frame = 0;

  const containerWidth = () => Math.max(1, Math.floor(container.clientWidth));
  const measureFor = (locale) => {
    if (!measures.has(locale)) measures.set(locale, createMeasure(ctx, locale));
    return measures.get(locale);
  };

  function paint(s, labelAlpha = 1) {
    const dpr = window.devicePixelRatio || 1;
    const bw = Math.round(s.width * dpr);
    const bh = Math.round(s.height * dpr);
    if (canvas.width !== bw) canvas.width = bw;
    if (canvas.height !== bh) canvas.height = bh;
    canvas.style.height = `${s.height}px`;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawScene(ctx, s, { theme, focus, labelAlpha });
    watchDpr(dpr);
  }

  function draw() {
    if (scene && theme) paint(scene);
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
    const next = buildScene(m, { width, measure: measureFor(m.locale), nice: scale.nice, ticks: scale.ticks, locale: m.locale, geo: scale.geo ?? null });
    lastWidth = width;
    return next;
  }

  function animateFrom(prev) {
    cancelAnimationFrame(frame);
    return new Promise((resolve) => {
      const start = performance.now();
      const step = (now) => {
        const t = (now - start) / DURATION_MS;
        if (t >= 1) {
          draw();
          resolve();
          return;
        }
        paint(tweenScene(prev, scene, t), ease(t));
        frame = requestAnimationFrame(step);
      };
      step(start);
    });
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
    setModel(m, { theme: th, animate = false } = {}) {
      const next = layout(m);
      const prev = scene;
      const same = model && model.id === m.id && model.locale === m.locale && prev && prev.width === next.width;
      model = m;
      scene = next;
      theme = th ?? theme;
      if (focus >= m.marks.length) focus = -1;
      if (animate && same && !reducedMotion()) return animateFrom(prev);
      cancelAnimationFrame(frame);
      draw();
      return Promise.resolve();
    },
    setTheme(th) {
      theme = th;
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
      if (!scene) return [];
      return scene.marks.map((m) => ({ ...m, hit: { ...m.hit } }));
    },
    scene: () => scene,
    model: () => model,
    destroy() {
      cancelAnimationFrame(frame);
      observer.disconnect();
      if (dprQuery) dprQuery.mql.removeEventListener('change', dprQuery.listener);
    },
  };
}
