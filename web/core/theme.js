// theme.js — the colours of the graphic for 'light' or 'dark'.
//
// themeFor(name) → palette.js's theme: { background, surface, text, muted,
//   grid, axis, focus, neutral, series: [6 colours] }. Views name colours by
//   role: a number n picks series[n]; 'neutral' is the theme's neutral (for
//   totals and averages, so they do not read as another category).

import { theme } from './palette.js';

export function themeFor(name) {
  return theme(name === 'dark' ? 'dark' : 'light');
}

export function colourOf(t, role) {
  if (role === 'neutral') return t.neutral;
  return t.series[role % t.series.length];
}
