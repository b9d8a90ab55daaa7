// hit.js — which mark is under a point.
//
// hitTest(marks, x, y) → the index of the mark whose hit rectangle contains
// (x, y) in canvas CSS px, or -1. Bars hit on their whole slot column and
// line points on their year's column, so short bars, empty slots and thin
// lines are easy to touch; where several points share a column the one
// nearest to y wins. A circle (map) hits within its radius (at least its
// hit box's half-width, so small markers stay easy to touch); where circles
// overlap the smallest wins, so one drawn over a larger one can be reached.

export function hitTest(marks, x, y) {
  let best = -1;
  let bestD = Infinity;
  for (const m of marks) {
    const r = m.hit;
    if (!r || x < r.x || x >= r.x + r.w || y < r.y || y > r.y + r.h) continue;
    if (m.kind === 'circle' && Math.hypot(x - m.cx, y - m.cy) > Math.max(m.r, r.w / 2)) continue;
    const d = m.kind === 'circle' ? m.r : m.kind === 'point' && !m.empty ? Math.abs(m.cy - y) : 0;
    if (d < bestD) {
      best = m.index;
      bestD = d;
    }
  }
  return best;
}
