// draw.js — paints a scene (core/scene.js) on a 2D context in CSS px.
//
// drawScene(ctx, scene, { theme, focus, labelAlpha }) clears to the theme's
// background and draws every panel, then the focus: a ring around the
// focused mark and its value label (index `focus`, -1 for none; a list row:
// the whole row) and, on a lines panel, a
// vertical crosshair through its year with rings on every point there.
// labelAlpha (0–1) fades text labels during transitions. A trend projection
// (render/projection.js) draws its bands behind the marks and its lines over
// them; a map panel (render/map.js) draws itself, and a circle's focus is a
// ring around it.

import { FONTS } from '../core/layout.js';
import { drawBaseline, drawCategories, drawGrid, drawTitle } from './axes.js';
import { drawAnnotation, drawBars, drawValueLabels } from './bars.js';
import { drawHbars } from './hbars.js';
import { drawPaths } from './lines.js';
import { drawCircleFocus, drawMap } from './map.js';
import { drawProjectionBands, drawProjectionLines } from './projection.js';
import { drawLines } from './text.js';

function crosshair({ ctx, theme }, ps, scene, focus) {
  const m = scene.marks[focus];
  if (!m || m.kind !== 'point' || m.panel !== ps.id) return;
  const { plot } = ps.axis;
  ctx.save();
  ctx.strokeStyle = theme.axis;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(Math.round(m.cx) + 0.5, plot.y);
  ctx.lineTo(Math.round(m.cx) + 0.5, plot.y + plot.h);
  ctx.stroke();
  ctx.restore();
}

function ringPoints({ ctx, theme }, scene, focus) {
  const m = scene.marks[focus];
  ctx.save();
  ctx.lineWidth = 2;
  for (const p of scene.marks) {
    if (p.kind !== 'point' || p.panel !== m.panel || p.period !== m.period || p.empty) continue;
    ctx.strokeStyle = p.index === focus ? theme.focus : theme.muted;
    ctx.beginPath();
    ctx.arc(p.cx, p.cy, p.r + 3.5, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.restore();
}

function drawFocus(pen, scene, focus) {
  const m = scene.marks[focus];
  if (!m || m.x === undefined) return;
  if (m.kind === 'circle') {
    drawCircleFocus(pen, m);
    return;
  }
  if (m.kind === 'point') {
    ringPoints(pen, scene, focus);
    return;
  }
  const { ctx, theme } = pen;
  let r = { x: m.x, y: m.y, w: m.w, h: m.h };
  if (m.kind === 'hbar') r = { x: m.hit.x, y: m.hit.y + 2, w: m.hit.w, h: m.hit.h - 4 };
  else if (m.empty) r = { x: m.x, y: m.top, w: m.w, h: m.y - m.top };
  else if (m.top < m.y) r = { x: m.x, y: m.top, w: m.w, h: m.y + m.h - m.top };
  ctx.save();
  ctx.strokeStyle = theme.focus;
  ctx.lineWidth = 2;
  ctx.strokeRect(r.x - 3, r.y - 3, r.w + 6, r.h + 6);
  ctx.restore();
}

export function drawScene(ctx, scene, { theme, focus = -1, labelAlpha = 1 }) {
  const pen = { ctx, theme, locale: scene.locale, labelAlpha };
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, scene.width, scene.height);
  for (const ps of scene.panels) {
    drawTitle(pen, ps);
    if (ps.kind === 'hbars') {
      drawHbars(pen, ps);
      continue;
    }
    if (ps.kind === 'map') {
      drawMap(pen, ps);
      continue;
    }
    drawGrid(pen, ps);
    drawProjectionBands(pen, ps);
    if (ps.kind === 'bars') {
      drawBars(pen, ps);
      drawBaseline(pen, ps);
      drawProjectionLines(pen, ps);
      drawValueLabels(pen, ps);
      drawAnnotation(pen, ps);
    } else {
      drawBaseline(pen, ps);
      crosshair(pen, ps, scene, focus);
      drawPaths(pen, ps);
      drawProjectionLines(pen, ps);
      drawValueLabels(pen, ps);
      drawAnnotation(pen, ps);
    }
    drawCategories(pen, ps);
  }
  if (scene.message) {
    drawLines(ctx, { lines: [scene.message.text], font: FONTS.empty, x: scene.message.x, y: scene.message.y - 10, colours: theme.muted, locale: scene.locale });
  }
  drawFocus(pen, scene, focus);
}
