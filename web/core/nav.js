// nav.js — which mark a key press moves to.
//
// nextMark(marks, current, key) → the new index, -1 for none (Escape), or
// null when the key is not a navigation key. `marks` are scene marks
// ({index, kind, panel, key, period}) in keyboard order (view model order:
// panel by panel; in a lines panel series by series, years ascending).
//   ArrowRight / ArrowLeft   next / previous mark (wrapping)
//   ArrowDown / ArrowUp      on a line point: the next / previous series at
//                            the same year in the same panel; else as Right / Left
//   Home / End               first / last mark
//   PageDown / PageUp        first mark of the next / previous panel
//   Escape                   none

const wrap = (i, n) => ((i % n) + n) % n;

function acrossSeries(marks, current, dir) {
  const m = marks[current];
  const peers = marks.filter((p) => p.kind === 'point' && p.panel === m.panel && p.period === m.period);
  if (peers.length < 2) return null;
  const at = peers.findIndex((p) => p.index === current);
  return peers[wrap(at + dir, peers.length)].index;
}

function panelStep(marks, current, dir) {
  const panels = [...new Set(marks.map((m) => m.panel))];
  const at = current < 0 ? (dir > 0 ? -1 : 0) : panels.indexOf(marks[current].panel);
  const target = panels[wrap(at + dir, panels.length)];
  return marks.find((m) => m.panel === target).index;
}

export function nextMark(marks, current, key) {
  const n = marks.length;
  if (n === 0) return key === 'Escape' ? -1 : null;
  const has = current >= 0 && current < n;
  switch (key) {
    case 'ArrowRight':
      return has ? wrap(current + 1, n) : 0;
    case 'ArrowLeft':
      return has ? wrap(current - 1, n) : n - 1;
    case 'ArrowDown':
    case 'ArrowUp': {
      const dir = key === 'ArrowDown' ? 1 : -1;
      if (has && marks[current].kind === 'point') {
        const other = acrossSeries(marks, current, dir);
        if (other !== null) return other;
      }
      return has ? wrap(current + dir, n) : dir > 0 ? 0 : n - 1;
    }
    case 'Home':
      return 0;
    case 'End':
      return n - 1;
    case 'PageDown':
      return panelStep(marks, has ? current : -1, 1);
    case 'PageUp':
      return panelStep(marks, has ? current : -1, -1);
    case 'Escape':
      return -1;
    default:
      return null;
  }
}
