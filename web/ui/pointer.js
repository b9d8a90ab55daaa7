// pointer.js — mouse hover, touch and pen taps on the chart canvas.
//
// attachPointer({ canvas, tooltipEl, marks, onPick, onSelect }) → detach()
//   marks     () → chart.marks() (canvas CSS px)
//   onPick    (index) → void; -1 means "nothing": hide the tooltip
//   onSelect  (index) → void: a click or tap on a mark
// A mouse shows the mark under it and -1 on leaving; a touch or pen picks
// the mark under it on contact and while sliding along the chart (the
// canvas's CSS touch-action: pan-y leaves vertical scrolling to the page);
// a click or tap selects. A tap anywhere else on the page (outside the
// canvas and the tooltip) picks -1.

import { hitTest } from './hit.js';

export function attachPointer({ canvas, tooltipEl, marks, onPick, onSelect = () => {} }) {
  let down = null;
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return hitTest(marks(), e.clientX - r.left, e.clientY - r.top);
  };
  const move = (e) => {
    if (e.pointerType === 'mouse' || down) onPick(at(e));
  };
  const leave = (e) => {
    if (e.pointerType === 'mouse') onPick(-1);
  };
  const press = (e) => {
    down = { x: e.clientX, y: e.clientY };
    if (e.pointerType !== 'mouse') onPick(at(e));
  };
  const release = (e) => {
    const start = down;
    down = null;
    if (!start || Math.hypot(e.clientX - start.x, e.clientY - start.y) > 10) return;
    const i = at(e);
    if (i >= 0) onSelect(i);
  };
  const cancel = () => {
    down = null;
  };
  const outside = (e) => {
    if (e.target instanceof Node && (canvas.contains(e.target) || tooltipEl.contains(e.target))) return;
    onPick(-1);
  };
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerleave', leave);
  canvas.addEventListener('pointerdown', press);
  canvas.addEventListener('pointerup', release);
  canvas.addEventListener('pointercancel', cancel);
  document.addEventListener('pointerdown', outside, true);
  return () => {
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerleave', leave);
    canvas.removeEventListener('pointerdown', press);
    canvas.removeEventListener('pointerup', release);
    canvas.removeEventListener('pointercancel', cancel);
    document.removeEventListener('pointerdown', outside, true);
  };
}
