// text.js — canvas fonts and text drawing.
//
// The font stacks match styles.css: FAMILY for English and FAMILY_ZH for
// Chinese (CJK fonts first, so Chinese text does not fall back glyph by
// glyph). createMeasure(ctx, locale) returns (text, font) → width in CSS px,
// cached by font and text; it only sets ctx.font.

export const FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const FAMILY_ZH = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", system-ui, sans-serif';

// CSS font shorthand for a core/layout.js font ({size, weight}).
export function cssFont(font, locale = 'en') {
  return `${font.weight} ${font.size}px ${locale === 'zh' ? FAMILY_ZH : FAMILY}`;
}

export function createMeasure(ctx, locale = 'en') {
  const cache = new Map();
  return (text, font) => {
    const key = `${font.weight}/${font.size}/${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      ctx.font = cssFont(font, locale);
      w = ctx.measureText(text).width;
      cache.set(key, w);
    }
    return w;
  };
}

// Draws `lines` with the first line's top at y, aligned on x ('center',
// 'left' or 'right'). `colours` is one colour or one per line (the last
// repeats). With `halo` (a colour) each line is first outlined in it, so
// gridlines behind stay clear of the text.
export function drawLines(ctx, { lines, font, x, y, colours, halo = null, align = 'center', locale = 'en' }) {
  ctx.save();
  ctx.font = cssFont(font, locale);
  ctx.textAlign = align;
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
