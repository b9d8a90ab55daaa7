// theme-vars.js — the theme's colours as CSS custom properties on the root
// element, so the DOM parts (text, tooltip, controls, table) use the same
// colours as the canvas. styles.css holds the same values as fallbacks for
// the first paint (tests/js/core-page.test.mjs checks they agree).

const VARS = {
  '--bg': 'background', '--surface': 'surface', '--text': 'text', '--muted': 'muted',
  '--grid': 'grid', '--axis': 'axis', '--focus': 'focus', '--accent': 'series.0',
};

export function applyThemeVars(root, theme) {
  for (const [name, key] of Object.entries(VARS)) {
    const value = key === 'series.0' ? theme.series[0] : theme[key];
    root.style.setProperty(name, value);
  }
}

export const THEME_VARS = VARS;
