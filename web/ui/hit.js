// hit.js — which mark is under a point.
//
// hitTest(marks, x, y) → the index of the first mark whose hit rectangle
// (its whole slot column over the plot, so short bars and empty slots are
// easy to touch) contains (x, y) in canvas CSS px, or -1.

export function hitTest(marks, x, y) {
  for (const m of marks) {
    const r = m.hit;
    if (x >= r.x && x < r.x + r.w && y >= r.y && y <= r.y + r.h) return m.index;
  }
  return -1;
}
