// scene-map.js — geometry of the map panel (core/chart/map.js), in CSS px.
//
// mapScene(panel, area, opts) → { kind:'map', id, height, map:{x, y, w, h}, view, land,
//   circles, labels, sizeKey, marks }
//   panel  the view model's map panel: projection, box [lon0, lat0, lon1, lat1], max (the
//          largest US$ sum, for the size scale), circles [{key, lon, lat, mark, colour, slices}],
//          selected (a circle key), sizeTitle, ready (false while the shapes load),
//          a circle's hollow: true draws it as a hollow marker whatever its value,
//          unit (i18n unit code of the values; default 'usd_bn'; null: plain numbers)
//          and unitLabel (text after each number, for a described chart's unit)
//   area   {x, y, w}; the map decides its height from the box's projected shape
//   opts   { measure, ticks, locale, geo } where geo is the engine's:
//          fit(projection, box, width, height, padding) → view; path(view) → {x, y} (NaN breaks);
//          project(view, lon[], lat[]) → {x, y}
// land: the land outline in pixels ({x, y}, NaN between rings), cut where
//   rings cross the antimeridian (cutAtJumps).
// circles (in drawing order: largest first, hollow markers last):
//   [{index, key, cx, cy, r, colour, hollow, approximate, slices: [{key, colour, a0, a1, approximate}] | null, selected}]
//   A circle's area is proportional to its value: r = rMax·√(value / max) (circleRadius).
//   Slices start at 12 o'clock and turn clockwise by each share (the engine's);
//   neighbouring slices of one family and qualifier are drawn as one.
// labels: country name and value beside the largest circles where they fit.
// sizeKey: reference circles under the map: { title:{text, x, y, font}, items:[{cx, cy, r, text, tx, ty}] }.
// marks: [{index, kind:'circle', x, y, w, h, cx, cy, r, top, hit}] with hit the
//   circle's box grown to at least MIN_HIT_R (ui/hit.js tests the circle itself).

import { FONTS, lineHeight, overlaps } from './layout.js';
import { formatValue } from './i18n.js';

export const MAP_PAD = 10;
export const HOLLOW_R = 5;
export const MIN_HIT_R = 9;
const MIN_MAP_H = 140;
const MAX_MAP_H = 620;
const LABEL_FONT = FONTS.value;

// Cuts the rings of a projected path ({x, y}, NaN after each ring) where a
// ring jumps across the map, i.e. at a segment wider than `limit` px: the
// antimeridian, which world-atlas rings cross (Russia, Fiji, Antarctica)
// and which a planar path would draw as a line across the whole map. A
// ring with jumps is rotated to start after one and split at each, so
// every piece is closed along the map's edge. Returns {x, y} in the same
// form (a new pair of arrays).
export function cutAtJumps({ x, y }, limit) {
  const ox = [];
  const oy = [];
  const emit = (xs, ys) => {
    for (let i = 0; i < xs.length; i += 1) {
      ox.push(xs[i]);
      oy.push(ys[i]);
    }
    ox.push(NaN);
    oy.push(NaN);
  };
  let start = 0;
  for (let i = 0; i <= x.length; i += 1) {
    if (i < x.length && !Number.isNaN(x[i])) continue;
    let rx = Array.from(x.subarray ? x.subarray(start, i) : x.slice(start, i));
    let ry = Array.from(y.subarray ? y.subarray(start, i) : y.slice(start, i));
    start = i + 1;
    if (rx.length === 0) continue;
    if (rx.length > 1 && rx[0] === rx[rx.length - 1] && ry[0] === ry[ry.length - 1]) {
      rx = rx.slice(0, -1);
      ry = ry.slice(0, -1);
    }
    const n = rx.length;
    const jumps = [];
    for (let k = 0; k < n; k += 1) if (Math.abs(rx[k] - rx[(k + n - 1) % n]) > limit) jumps.push(k);
    if (jumps.length === 0) {
      emit(rx, ry);
      continue;
    }
    for (let j = 0; j < jumps.length; j += 1) {
      const a = jumps[j];
      const b = jumps[(j + 1) % jumps.length];
      const len = ((b - a + n - 1) % n) + 1;
      const px = [];
      const py = [];
      for (let k = 0; k < len; k += 1) {
        px.push(rx[(a + k) % n]);
        py.push(ry[(a + k) % n]);
      }
      emit(px, py);
    }
  }
  return { x: Float64Array.from(ox), y: Float64Array.from(oy) };
}

// The radius for `value` when `max` gets rMax: area proportional to value.
export function circleRadius(value, max, rMax) {
  if (!(value > 0) || !(max > 0)) return 0;
  return rMax * Math.sqrt(value / max);
}

// The largest circle's radius for a map of w × h px.
export function maxRadius(w, h) {
  return Math.max(10, Math.min(46, 0.075 * Math.min(w, h)));
}

// Height / width of the box's outline under the projection (engine).
function boxAspect(geo, projection, [lon0, lat0, lon1, lat1]) {
  const lon = [];
  const lat = [];
  const n = 24;
  for (let i = 0; i <= n; i += 1) {
    const a = lon0 + ((lon1 - lon0) * i) / n;
    const b = lat0 + ((lat1 - lat0) * i) / n;
    lon.push(a, a, lon0, lon1, (lon0 + lon1) / 2);
    lat.push(lat0, lat1, b, b, b);
  }
  const p = geo.project({ projection, k: 1, tx: 0, ty: 0 }, lon, lat);
  const xs = Array.from(p.x).filter(Number.isFinite);
  const ys = Array.from(p.y).filter(Number.isFinite);
  const w = Math.max(...xs) - Math.min(...xs);
  const h = Math.max(...ys) - Math.min(...ys);
  return w > 0 && h > 0 ? h / w : 0.5;
}

// A value as the map's labels and size key write it.
function mapValue(panel, locale, v, opts = {}) {
  const unit = panel.unit === undefined ? 'usd_bn' : panel.unit;
  const text = formatValue(locale, v, unit, opts);
  return panel.unitLabel ? `${text} ${panel.unitLabel}` : text;
}

function placeLabels(panel, circles, byIndex, { measure, locale, bounds, max }) {
  const out = [];
  const taken = [];
  const lh = lineHeight(LABEL_FONT);
  const big = circles.filter((c) => !c.hollow && c.r >= 10).sort((a, b) => b.value - a.value).slice(0, max);
  for (const c of big) {
    const m = byIndex.get(c.index);
    const lines = [m.heading, mapValue(panel, locale, m.value, { approximate: m.approximate, digits: 1 })];
    const w = Math.max(...lines.map((l) => measure(l, LABEL_FONT)));
    const h = lines.length * lh;
    const spots = [
      { x: c.cx + c.r + 4, y: c.cy - h / 2, align: 'left' },
      { x: c.cx - c.r - 4 - w, y: c.cy - h / 2, align: 'right' },
      { x: c.cx - w / 2, y: c.cy - c.r - 3 - h, align: 'center' },
      { x: c.cx - w / 2, y: c.cy + c.r + 3, align: 'center' },
    ];
    for (const s of spots) {
      const box = { x: s.x, y: s.y, w, h };
      const inside = box.x >= bounds.x && box.y >= bounds.y && box.x + w <= bounds.x + bounds.w && box.y + h <= bounds.y + bounds.h;
      if (!inside || taken.some((t) => overlaps(t, box, 2))) continue;
      if (circles.some((o) => o !== c && !o.hollow && overlaps({ x: o.cx - o.r, y: o.cy - o.r, w: 2 * o.r, h: 2 * o.r }, box, -2))) continue;
      taken.push(box);
      const tx = s.align === 'left' ? box.x : s.align === 'right' ? box.x + w : box.x + w / 2;
      out.push({ index: c.index, lines, x: tx, y: box.y, align: s.align, font: LABEL_FONT, box });
      break;
    }
  }
  return out;
}

function sizeKey(panel, { measure, ticks, locale }, rMax, top, x0) {
  if (!(panel.max > 0)) return { key: null, height: 0 };
  const values = ticks(0, panel.max, 3).filter((v) => v > 0 && v <= panel.max).slice(-3);
  if (values.length === 0) values.push(panel.max);
  const lhTitle = lineHeight(FONTS.unit);
  const rs = values.map((v) => circleRadius(v, panel.max, rMax));
  const rBig = Math.max(...rs);
  const base = top + lhTitle + 6 + 2 * rBig;
  let x = x0 + 2;
  const items = values.map((v, i) => {
    const r = rs[i];
    const text = mapValue(panel, locale, v);
    const item = { cx: x + r, cy: base - r, r, text, tx: x + 2 * r + 5, ty: base - lineHeight(FONTS.tick) };
    x += 2 * r + 10 + measure(text, FONTS.tick) + 14;
    return item;
  });
  return { key: { title: { text: panel.sizeTitle ?? '', x: x0, y: top, font: FONTS.unit }, items }, height: base - top + 6 };
}

export function mapScene(panel, area, opts) {
  const { geo } = opts;
  if (!panel.ready || !geo) {
    const height = Math.max(200, Math.min(480, Math.round(area.w * 0.5)));
    return { kind: 'map', id: panel.id, height, map: { x: area.x, y: area.y, w: area.w, h: height }, view: null, land: null, circles: [], labels: [], sizeKey: null, marks: [] };
  }
  const aspect = boxAspect(geo, panel.projection, panel.box);
  const mapH = Math.max(MIN_MAP_H, Math.min(MAX_MAP_H, Math.round(area.w * aspect) + 2 * MAP_PAD));
  const fit = geo.fit(panel.projection, panel.box, area.w, mapH, MAP_PAD);
  const view = { ...fit, tx: fit.tx + area.x, ty: fit.ty + area.y };
  const edges = geo.project(view, [-180, 180], [0, 0]);
  const land = cutAtJumps(geo.path(view), Math.abs(edges.x[1] - edges.x[0]) / 2);
  const pts = geo.project(view, panel.circles.map((c) => c.lon), panel.circles.map((c) => c.lat));
  const rMax = maxRadius(area.w, mapH);
  const byIndex = new Map();
  const circles = panel.circles.map((c, i) => {
    const m = c.mark;
    byIndex.set(m.index, m);
    const hollow = m.empty || c.hollow === true;
    let slices = null;
    if (!hollow && c.slices) {
      slices = [];
      let a = -Math.PI / 2;
      for (const s of c.slices) {
        const a1 = a + s.share * 2 * Math.PI;
        const prev = slices[slices.length - 1];
        if (prev && prev.key === s.key && prev.approximate === s.approximate) prev.a1 = a1;
        else slices.push({ key: s.key, colour: s.colour, a0: a, a1, approximate: s.approximate });
        a = a1;
      }
      if (slices.length < 2) slices = null;
    }
    return {
      index: m.index, key: c.key, value: m.value, cx: pts.x[i], cy: pts.y[i], r: hollow ? HOLLOW_R : circleRadius(m.value, panel.max, rMax),
      colour: c.colour, hollow, approximate: m.approximate, slices, selected: panel.selected === c.key,
    };
  });
  const order = [...circles].sort((p, q) => (p.hollow - q.hollow) || (q.r - p.r));
  const bounds = { x: area.x, y: area.y, w: area.w, h: mapH };
  const labels = placeLabels(panel, circles, byIndex, { measure: opts.measure, locale: opts.locale, bounds, max: Math.max(2, Math.floor(area.w / 140)) });
  const key = sizeKey(panel, opts, rMax, area.y + mapH + 8, area.x);
  const marks = circles.map((c) => {
    const R = Math.max(c.r, MIN_HIT_R);
    return {
      index: c.index, kind: 'circle', x: c.cx - c.r, y: c.cy - c.r, w: 2 * c.r, h: 2 * c.r, cx: c.cx, cy: c.cy, r: c.r,
      top: c.cy - c.r, hit: { x: c.cx - R, y: c.cy - R, w: 2 * R, h: 2 * R },
    };
  });
  return {
    kind: 'map', id: panel.id, height: mapH + 8 + key.height, map: bounds, view, land, circles: order, labels, sizeKey: key.key, marks, rMax,
  };
}
