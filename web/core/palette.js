// palette.js — the chart's colours, chosen for colour-blind safety (Okabe–Ito
// hues; the average is a neutral grey so it reads as a reference, not a third
// market) and contrast on the white background: every series colour is at
// least 3:1 against #ffffff (WCAG 1.4.11, graphical objects) and every text
// colour at least 4.5:1 (WCAG 1.4.3).
//   #0072b2 on white 5.2:1   #d55e00 on white 3.9:1   #5f5f5f on white 6.4:1
//   #1a1a1a on white 17:1    #595959 on white 7.0:1

export const BACKGROUND = '#ffffff';
export const TEXT = '#1a1a1a';
export const TEXT_MUTED = '#595959';
export const GRID = '#dcdcdc';
export const AXIS = '#8a8a8a';
export const FOCUS = '#1a1a1a';

// Colour per market key; markets the story does not know fall back to
// EXTRA_COLOURS in order of first appearance.
export const SERIES_COLOURS = Object.freeze({
  total: '#5f5f5f',
  domestic: '#0072b2',
  overseas: '#d55e00',
});

export const EXTRA_COLOURS = Object.freeze(['#009e73', '#cc79a7', '#8a6d00']);

// Returns the colour for a market key; `extraIndex` picks among EXTRA_COLOURS
// for unknown keys (wrapping around).
export function seriesColour(key, extraIndex = 0) {
  if (Object.prototype.hasOwnProperty.call(SERIES_COLOURS, key)) return SERIES_COLOURS[key];
  return EXTRA_COLOURS[extraIndex % EXTRA_COLOURS.length];
}
