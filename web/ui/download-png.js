// download-png.js — the chart as a PNG image, drawn again off screen at a
// fixed pixel ratio (2 for print), whatever the screen's.
//
// chartCanvas(doc, scene, theme, scale) → a canvas of round(scene.width ×
//   scale) × round(scene.height × scale) pixels with the scene drawn on the
//   theme's background, without focus rings.
// chartPng({ doc, scene, theme, scale = 2 }) → Promise<Blob> (image/png);
//   rejects if there is no scene or the browser cannot encode the image.

import { drawScene } from '../render/draw.js';

export function chartCanvas(doc, scene, theme, scale) {
  const canvas = doc.createElement('canvas');
  canvas.width = Math.round(scene.width * scale);
  canvas.height = Math.round(scene.height * scale);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  drawScene(ctx, scene, { theme, focus: -1, labelAlpha: 1 });
  return canvas;
}

export function chartPng({ doc = document, scene, theme, scale = 2 }) {
  if (!scene || !theme) return Promise.reject(new Error('no chart drawn yet'));
  const canvas = chartCanvas(doc, scene, theme, scale);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png');
  });
}
