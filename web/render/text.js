// text.js — canvas fonts and text measurement.
//
// FAMILY matches the page's CSS font stack (styles.css) so canvas text and
// HTML text look alike. createMeasure(ctx) returns (text, font) → width in
// CSS px, caching by font and text; it only sets ctx.font (callers set the
// font they draw with themselves).

export const FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

// CSS font shorthand for a core/layout.js font ({size, weight}).
export function cssFont(font) {
  return `${font.weight} ${font.size}px ${FAMILY}`;
}

export function createMeasure(ctx) {
  const cache = new Map();
  return (text, font) => {
    const key = `${font.weight}/${font.size}/${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      ctx.font = cssFont(font);
      w = ctx.measureText(text).width;
      cache.set(key, w);
    }
    return w;
  };
}

// Draws `lines` centred on x with the first line's top at y. `colours` is
// one colour or one per line (the last repeats). With `halo` (a colour),
// each line is first outlined in it so gridlines behind stay clear of it.
export function drawLines(ctx, lines, font, x, y, colours, halo = null) {
  ctx.save();
  ctx.font = cssFont(font);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.lineJoin = 'round';
  const lh = Math.ceil(font.size * 1.25);
  lines.forEach((line, i) => {
    const ly = y + i * lh + (lh - font.size) / 2;
    if (halo) {
      ctx.strokeStyle = halo;
      ctx.lineWidth = 3;
      ctx.strokeText(line, x, ly);
    }
    ctx.fillStyle = Array.isArray(colours) ? colours[Math.min(i, colours.length - 1)] : colours;
    ctx.fillText(line, x, ly);
  });
  ctx.restore();
}
