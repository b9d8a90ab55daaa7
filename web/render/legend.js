// legend.js — the HTML legend: a drawn swatch (same painter as the bars)
// and text for each series, plus the key to hatching. Text only through
// textContent.

import { TEXT_MUTED } from '../core/palette.js';
import { paintBar } from './paint.js';

const SWATCH_W = 22;
const SWATCH_H = 14;

function swatch(colour, style) {
  const c = document.createElement('canvas');
  const dpr = window.devicePixelRatio || 1;
  c.width = Math.round(SWATCH_W * dpr);
  c.height = Math.round(SWATCH_H * dpr);
  c.style.width = `${SWATCH_W}px`;
  c.style.height = `${SWATCH_H}px`;
  c.className = 'legend-swatch';
  c.setAttribute('aria-hidden', 'true');
  const ctx = c.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  paintBar(ctx, { x: 0, y: 0, w: SWATCH_W, h: SWATCH_H }, colour, style);
  return c;
}

function item(colour, style, text, key) {
  const li = document.createElement('li');
  li.className = 'legend-item';
  if (key) li.dataset.series = key;
  const label = document.createElement('span');
  label.textContent = text;
  li.append(swatch(colour, style), label);
  return li;
}

// Replaces the children of `list` (a <ul>) with the model's legend.
export function renderLegend(list, model) {
  const items = model.series.map((s) => item(s.colour, {}, s.label, s.key));
  if (model.hasApproximate) items.push(item(TEXT_MUTED, { approximate: true }, 'Hatched: approximate (≈) or lower bound (“over”)', null));
  list.replaceChildren(...items);
}
