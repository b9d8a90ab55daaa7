// tween.js — in-between scenes for transitions.
//
// tweenScene(from, to, t) → a scene drawn like `to` whose bars, line points,
// dots and horizontal bars sit between their place in `from` and in `to`
// (matched by mark id), at progress t in [0, 1] (eased). Marks new in `to`
// grow from its baseline; tick labels, text and hit areas are `to`'s.
// Returns `to` itself when t ≥ 1 or `from` is null.

export const DURATION_MS = 250;

const lerp = (a, b, t) => a + (b - a) * t;
export const ease = (t) => 1 - (1 - Math.min(1, Math.max(0, t))) ** 3;

function indexById(scene) {
  const ids = new Map();
  for (const m of scene.marks) ids.set(m.index, m.id);
  return ids;
}

export function tweenScene(from, to, t) {
  if (!from || t >= 1) return to;
  const e = ease(t);
  const fromIds = indexById(from);
  const toIds = indexById(to);
  const oldBars = new Map();
  const oldPts = new Map();
  const oldRows = new Map();
  for (const p of from.panels) {
    for (const b of p.bars ?? []) oldBars.set(fromIds.get(b.index), b);
    for (const path of p.paths ?? []) path.ids.forEach((id, i) => oldPts.set(id, path.points[i]));
    for (const d of p.dots ?? []) oldPts.set(d.id, [d.cx, d.cy]);
    for (const r of p.rows ?? []) oldRows.set(fromIds.get(r.index), r);
  }
  const panels = to.panels.map((p) => {
    const base = p.axis ? p.axis.plot.y + p.axis.plot.h : 0;
    const out = { ...p };
    if (p.bars) {
      out.bars = p.bars.map((b) => {
        const o = oldBars.get(toIds.get(b.index)) ?? { x: b.x, y: b.y + b.h, w: b.w, h: 0 };
        return { ...b, x: lerp(o.x, b.x, e), y: lerp(o.y, b.y, e), w: lerp(o.w, b.w, e), h: lerp(o.h, b.h, e) };
      });
    }
    if (p.paths) {
      const at = (id, [x, y]) => {
        const o = oldPts.get(id) ?? [x, base];
        return [lerp(o[0], x, e), lerp(o[1], y, e)];
      };
      out.paths = p.paths.map((path) => ({ ...path, points: path.points.map((pt, i) => at(path.ids[i], pt)) }));
      out.dots = p.dots.map((d) => {
        const [cx, cy] = at(d.id, [d.cx, d.cy]);
        return { ...d, cx, cy };
      });
    }
    if (p.rows) {
      out.rows = p.rows.map((r) => {
        const o = oldRows.get(toIds.get(r.index));
        const w0 = o ? o.bar.w : 0;
        const y0 = o ? o.bar.y : r.bar.y;
        return { ...r, bar: { ...r.bar, w: lerp(w0, r.bar.w, e), y: lerp(y0, r.bar.y, e) } };
      });
    }
    return out;
  });
  return { ...to, panels };
}
