// keyboard.js — arrow keys move between marks on the focused canvas.
//
// attachKeyboard({ canvas, count, current, onPick }) → detach()
//   count    () → number of marks
//   current  () → index of the picked mark, or -1
//   onPick   (index, { fromKeyboard: true }) → void
// Right/Down: next; Left/Up: previous (wrapping); Home/End: first/last;
// Escape: none. Leaving the canvas picks none.

export function nextIndex(key, current, count) {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return current < 0 ? count - 1 : (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'Escape':
      return -1;
    default:
      return null;
  }
}

export function attachKeyboard({ canvas, count, current, onPick }) {
  const keydown = (e) => {
    const next = nextIndex(e.key, current(), count());
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
