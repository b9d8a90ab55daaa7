// palette.js — the chart's colours, in a light and a dark theme.
//
// Every theme is checked by tests/js/palette.test.mjs against:
//   - WCAG 2.x contrast: `text` and `muted` at least 4.5:1 on `background` and
//     on `surface` (1.4.3); every `series` colour, `neutral`, `grid`, `axis`
//     and `focus` at least 3:1 on `background` (1.4.11, graphical objects);
//   - colour-vision deficiency: every pair of `series` colours stays at least
//     ΔE2000 10 apart with normal vision and under simulated protanopia,
//     deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009,
//     severity 1.0), and `neutral` likewise against series[0] and series[1],
//     the colours it is drawn beside (the average beside domestic and overseas).
//
// The light series start with Okabe–Ito blue and vermillion (the domestic and
// overseas colours the page already uses); the other four were chosen by a
// max–min search over ΔE2000 under the three simulations, limited to colours
// that keep 3:1 on the background, and then pruned by hand to distinct hue
// names (blue, vermillion, bluish green, wine, dark ochre, indigo). The dark
// series are the same hue families lightened for a dark background, chosen the
// same way. Measured minimum pairwise ΔE2000 (normal / deutan / protan / tritan):
//   light 24.7 / 17.3 / 15.7 / 11.1     dark 25.5 / 17.7 / 18.2 / 13.9
// Colour is never the only cue: the page also labels marks directly.

const freeze = (o) => Object.freeze(o);

export const THEMES = freeze({
  light: freeze({
    background: '#ffffff',
    surface: '#f5f5f4', // panels: tooltip, table header
    text: '#1a1a1a', //   17.4:1 on background
    muted: '#595959', //   7.0:1
    grid: '#909090', //    3.2:1
    axis: '#6b6b6b', //    5.3:1
    focus: '#1a1a1a', //  17.4:1
    neutral: '#5f5f5f', // 6.4:1, for totals and averages (not a category)
    series: freeze(['#0072b2', '#d55e00', '#009977', '#772244', '#5c4800', '#332288']),
  }),
  dark: freeze({
    background: '#15171a',
    surface: '#202328',
    text: '#ececec', //   15.2:1 on background
    muted: '#a3a8b0', //   7.5:1
    grid: '#6a6f77', //    3.6:1
    axis: '#8d939b', //    5.8:1
    focus: '#ffffff', //  18.0:1
    neutral: '#9a9a9a', // 6.4:1
    series: freeze(['#56b4e9', '#dd4400', '#009966', '#ff99aa', '#bbdd55', '#0066ee']),
  }),
});

// Returns the theme called `name` ('light' or 'dark'); anything else gives light.
export function theme(name) {
  return name === 'dark' ? THEMES.dark : THEMES.light;
}

// ---- WCAG 2.x contrast ------------------------------------------------------

// '#rrggbb' or '#rgb' → [r, g, b] in 0..1; throws on anything else.
export function hexToRgb(hex) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(hex).trim());
  if (!m) throw new TypeError(`not a hex colour: ${hex}`);
  const h = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
}

// sRGB channel (0..1) → linear light, as WCAG 2.x defines it (the 0.04045
// threshold of IEC 61966-2-1; WCAG's 0.03928 gives the same result for 8-bit values).
export function toLinear(c) {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

// WCAG relative luminance of a hex colour.
export function relativeLuminance(hex) {
  const [r, g, b] = hexToRgb(hex).map(toLinear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// WCAG contrast ratio of two hex colours, 1..21 (order does not matter).
export function contrastRatio(hexA, hexB) {
  const a = relativeLuminance(hexA);
  const b = relativeLuminance(hexB);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

// ---- the first chart's market colours (kept for existing imports) -----------

export const BACKGROUND = THEMES.light.background;
export const TEXT = THEMES.light.text;
export const TEXT_MUTED = THEMES.light.muted;
export const GRID = THEMES.light.grid;
export const AXIS = THEMES.light.axis;
export const FOCUS = THEMES.light.focus;

// Colour per market key in the light theme; markets the story does not know
// fall back to EXTRA_COLOURS in order of first appearance.
export const SERIES_COLOURS = freeze({
  total: THEMES.light.neutral,
  domestic: THEMES.light.series[0],
  overseas: THEMES.light.series[1],
});

export const EXTRA_COLOURS = freeze(THEMES.light.series.slice(2));

const MARKET_SLOT = freeze({ domestic: 0, overseas: 1 });

// Returns the colour for a market key in theme `themeName` (default light):
// total → neutral, domestic → series[0], overseas → series[1]; other keys take
// series[2 + extraIndex] (wrapping around the remaining colours).
export function seriesColour(key, extraIndex = 0, themeName = 'light') {
  const t = theme(themeName);
  if (key === 'total') return t.neutral;
  if (Object.prototype.hasOwnProperty.call(MARKET_SLOT, key)) return t.series[MARKET_SLOT[key]];
  const extra = t.series.length - 2;
  return t.series[2 + (((extraIndex % extra) + extra) % extra)];
}
