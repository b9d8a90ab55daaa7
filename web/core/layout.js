// layout.js — pixel geometry of the bar chart, in CSS pixels.
//
// Pure maths: no DOM, no data values other than those passed in. Every
// function returns new objects; nothing is kept between calls.

export const FONTS = Object.freeze({
  tick: Object.freeze({ size: 12, weight: 400 }),
  category: Object.freeze({ size: 12, weight: 400 }),
  categorySmall: Object.freeze({ size: 11, weight: 400 }),
  value: Object.freeze({ size: 12, weight: 700 }),
  valueSmall: Object.freeze({ size: 11, weight: 700 }),
  missing: Object.freeze({ size: 11, weight: 400 }),
  unit: Object.freeze({ size: 12, weight: 400 }),
  panelTitle: Object.freeze({ size: 13, weight: 700 }),
  note: Object.freeze({ size: 12, weight: 400 }),
  rowLabel: Object.freeze({ size: 13, weight: 400 }),
  rowLabelBold: Object.freeze({ size: 13, weight: 700 }),
  empty: Object.freeze({ size: 14, weight: 400 }),
  seriesKey: Object.freeze({ size: 11, weight: 600 }),
});

// Line height for a font: 1.25 × its size, rounded up.
export function lineHeight(font) {
  return Math.ceil(font.size * 1.25);
}

export const MIN_HEIGHT = 260;
export const MAX_HEIGHT = 420;

// Canvas height for a container width: 0.62 × width, kept within
// [MIN_HEIGHT, MAX_HEIGHT] so a phone still gets a readable plot.
export function chartHeight(width) {
  return Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, Math.round(width * 0.62)));
}

// How many y ticks to ask the engine for: about one per 48 px, 3 to 8.
export function tickCount(plotHeight) {
  return Math.max(3, Math.min(8, Math.floor(plotHeight / 48)));
}

// Vertical margins: room for two-line value labels above the tallest bar and
// for `categoryLines` lines of category labels below the axis.
export function verticalMargins(categoryLines) {
  const valueLine = lineHeight(FONTS.value);
  return {
    top: 2 * valueLine + 8,
    bottom: Math.max(1, categoryLines) * lineHeight(FONTS.category) + 10,
  };
}

// Plot rectangle for a canvas of width × height, given the widest tick label.
export function plotRect(width, height, tickLabelWidth, margins) {
  const x = Math.ceil(tickLabelWidth) + 10;
  const right = 6;
  return {
    x,
    y: margins.top,
    w: Math.max(1, width - x - right),
    h: Math.max(1, height - margins.top - margins.bottom),
  };
}

// Maps a value in [lo, hi] to a y pixel in the plot (lo at the bottom).
// Returns a function; hi === lo maps everything to the bottom.
export function yScale(lo, hi, plot) {
  const span = hi - lo;
  const bottom = plot.y + plot.h;
  return (v) => (span > 0 ? bottom - ((v - lo) / span) * plot.h : bottom);
}

export const MAX_SLOT_WIDTH = 72;

// Splits the plot into one equal band per group and places each group's
// slots side by side, centred in the band. All slots share one width (the
// widest group decides it) so bars compare fairly. `slotCounts` is the
// number of slots per group. Returns [{x, w, cx, slots:[{x, w, cx, barX, barW}]}].
export function bandLayout(plot, slotCounts) {
  const n = slotCounts.length;
  if (n === 0) return [];
  const band = plot.w / n;
  const most = Math.max(1, ...slotCounts);
  const inner = band * (most > 1 ? 0.88 : 0.8);
  const slotW = Math.min(MAX_SLOT_WIDTH, inner / most);
  const gap = Math.min(4, slotW * 0.12);
  return slotCounts.map((count, g) => {
    const x = plot.x + g * band;
    const cx = x + band / 2;
    const start = cx - (count * slotW) / 2;
    const slots = [];
    for (let i = 0; i < count; i += 1) {
      const sx = start + i * slotW;
      slots.push({ x: sx, w: slotW, cx: sx + slotW / 2, barX: sx + gap / 2, barW: slotW - gap });
    }
    return { x, w: band, cx, slots };
  });
}

// Maps a value in [lo, hi] (both > 0) to a y pixel on a logarithmic scale;
// values ≤ 0 map to the bottom.
export function logScale(lo, hi, plot) {
  const a = Math.log10(lo);
  const span = Math.log10(hi) - a;
  const bottom = plot.y + plot.h;
  return (v) => (v > 0 && span > 0 ? bottom - ((Math.log10(v) - a) / span) * plot.h : bottom);
}

// Maps a year in [x0, x1] to an x pixel: each year gets an equal band and
// sits at its centre, so the first and last years keep half a band of room.
// Returns { x(year), band }.
export function yearScale(x0, x1, plot) {
  const n = Math.max(1, x1 - x0 + 1);
  const band = plot.w / n;
  return { x: (year) => plot.x + (year - x0 + 0.5) * band, band };
}

// Panels side by side when there are two and the canvas is at least
// SIDE_BY_SIDE px wide; otherwise stacked.
export const SIDE_BY_SIDE = 560;
export const PANEL_GAP = 28;

// Splits `width` among panels by weight. Returns [{x, w}] (side by side) or
// null (stack them, each the full width).
export function panelColumns(width, weights) {
  if (weights.length !== 2 || width < SIDE_BY_SIDE) return null;
  const total = weights[0] + weights[1];
  const w0 = Math.round(((width - PANEL_GAP) * weights[0]) / total);
  return [{ x: 0, w: w0 }, { x: w0 + PANEL_GAP, w: width - w0 - PANEL_GAP }];
}

// Axis-aligned boxes {x, y, w, h}: true if they overlap by more than `pad`
// pixels of slack in both directions.
export function overlaps(a, b, pad = 0) {
  return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
}
