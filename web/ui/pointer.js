// pointer.js — mouse hover and touch taps on the chart canvas.
//
// attachPointer({ canvas, tooltipEl, marks, onPick }) → detach()
//   marks   () → chart.marks() (canvas CSS px)
//   onPick  (index) → void; -1 means "nothing": hide the tooltip
// A mouse shows the mark under it and -1 on leaving; a touch or pen tap
// picks the mark under it; a tap anywhere else on the page (outside the
// canvas and the tooltip) picks -1.

import { hitTest } from './hit.js';

export function attachPointer({ canvas, tooltipEl, marks, onPick }) {
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return hitTest(marks(), e.clientX - r.left, e.clientY - r.top);
  };
  const move = (e) => {
    if (e.pointerType === 'mouse') onPick(at(e));
  };
  const leave = (e) => {
    if (e.pointerType === 'mouse') onPick(-1);
  };
  const down = (e) => {
    if (e.pointerType !== 'mouse') onPick(at(e));
  };
  const outside = (e) => {
    if (e.target instanceof Node && (canvas.contains(e.target) || tooltipEl.contains(e.target))) return;
    onPick(-1);
  };
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerleave', leave);
  canvas.addEventListener('pointerdown', down);
  document.addEventListener('pointerdown', outside, true);
  return () => {
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerleave', leave);
    canvas.removeEventListener('pointerdown', down);
    document.removeEventListener('pointerdown', outside, true);
  };
}
