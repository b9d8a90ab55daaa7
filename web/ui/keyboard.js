// keyboard.js — keys on the focused chart canvas.
//
// attachKeyboard({ canvas, marks, current, onPick, onSelect }) → detach()
//   marks     () → the scene's marks (chart.marks())
//   current   () → index of the picked mark, or -1
//   onPick    (index, { fromKeyboard: true }) → void; -1 for none
//   onSelect  (index) → void, for Enter / Space on a picked mark
// Navigation keys as core/nav.js; leaving the canvas picks none.

import { nextMark } from '../core/nav.js';

export function attachKeyboard({ canvas, marks, current, onPick, onSelect = () => {} }) {
  const keydown = (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && current() >= 0) {
      e.preventDefault();
      onSelect(current());
      return;
    }
    const next = nextMark(marks(), current(), e.key);
    if (next === null) return;
    e.preventDefault();
    onPick(next, { fromKeyboard: true });
  };
  const blur = () => onPick(-1, { fromKeyboard: true });
  canvas.addEventListener('keydown', keydown);
  canvas.addEventListener('blur', blur);
  return () => {
    canvas.removeEventListener('keydown', keydown);
    canvas.removeEventListener('blur', blur);
  };
}
