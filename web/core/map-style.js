// map-style.js — colours of the map that are derived from the theme, kept in
// core so the renderer and the tests agree on them.
//
// landColour(theme) → '#rrggbb': the theme's grid colour laid over its
// background at LAND_ALPHA, a quiet land fill in light and dark.
// mixColour(a, b, t) → '#rrggbb': a + (b − a)·t per channel (t in [0, 1]).
// CIRCLE_ALPHA: the fill opacity of an exact circle (approximate ones are a
// pale tint with hatching, like hatched bars).

import { hexToRgb } from './palette.js';

export const LAND_ALPHA = 0.35;
export const CIRCLE_ALPHA = 0.78;
export const TINT_ALPHA = 0.16;

export function mixColour(a, b, t) {
  const ca = hexToRgb(a);
  const cb = hexToRgb(b);
  const hex = (v) => Math.round(v * 255).toString(16).padStart(2, '0');
  return `#${ca.map((v, i) => hex(v + (cb[i] - v) * t)).join('')}`;
}

export function landColour(theme) {
  return mixColour(theme.background, theme.grid, LAND_ALPHA);
}
