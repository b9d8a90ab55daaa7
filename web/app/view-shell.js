// view-shell.js — what the story's controller (app/graphic.js) and a
// described chart's mount (app/chart-mount.js) share around one drawn view
// model: the tabs, controls and legend widgets, the view's text, the table,
// and picking a mark (focus ring, tooltip, live announcement) from the
// pointer, touch and keyboard.
//
// createViewShell({ els, chart, tooltip, model, words, onTab, onControl,
//                   onLegend, onSelect?, alwaysSide? }) → shell
//   els       { tablist, panel, controls, legend, canvas, tooltip, live,
//               title, finding, definition, notes, tableSummary, table }
//   chart     render/chart.js's chart (marks(), setFocus(i))
//   tooltip   ui/tooltip.js's tooltip
//   model()   the view model drawn now (or null); words() the UI copy
//             (core/copy.js) for the tooltip and announcements
//   onTab(id), onControl(id, value), onLegend(key): the reader's choices
//   onSelect(i) Enter or a click on mark i (default: nothing)
//   alwaysSide  point tooltips sit beside the point (default: only where
//             another point of the panel shares its category)
// shell.pick(i, {fromKeyboard}) focuses mark i (−1: none), shows its
//   tooltip and, from the keyboard, announces it in els.live.
// shell.picked() → the picked index (−1 for none); shell.reset() forgets it.
// shell.render(m, { words, key, theme, dark, help }) writes the view's text
//   (title, finding, definition), controls, legend, notes, the table and the
//   canvas's accessible name (help: the canvas's usage hint); key tells the
//   widgets when to rebuild (view and language).
// shell.tabs: ui/tabs.js's tabs (render them with the host's labels).
// shell.destroy() detaches the pointer and keyboard.
// toggleHidden(viewState, key) flips a series key in viewState.hidden.

import { announce, describeMark } from '../core/describe.js';
import { createLegend } from '../render/legend.js';
import { renderNotes } from '../render/notes.js';
import { renderTable } from '../render/table.js';
import { createControls } from '../ui/controls.js';
import { attachKeyboard } from '../ui/keyboard.js';
import { attachPointer } from '../ui/pointer.js';
import { createTabs } from '../ui/tabs.js';

export function toggleHidden(vs, key) {
  vs.hidden = vs.hidden.includes(key) ? vs.hidden.filter((k) => k !== key) : [...vs.hidden, key];
}

export function createViewShell({ els, chart, tooltip, model, words, onTab, onControl, onLegend, onSelect = () => {}, alwaysSide = false }) {
  let picked = -1;

  function anchorOf(vm, g, index) {
    if (g.kind === 'hbar') return { x: g.x, y: g.hit.y, w: g.w, h: g.hit.h, mode: 'below' };
    const side = g.kind === 'point' && (alwaysSide
      || vm.marks.some((m) => m.kind === 'point' && m.panel === g.panel && m.category === g.period && m !== vm.marks[index]));
    return { x: g.x, y: g.kind === 'point' ? g.y : g.top, w: g.w, mode: side ? 'side' : 'above' };
  }

  function pick(index, { fromKeyboard = false } = {}) {
    const vm = model();
    const mark = vm && index >= 0 ? vm.marks[index] : null;
    picked = mark ? index : -1;
    chart.setFocus(picked);
    if (!mark) {
      tooltip.hide();
      return;
    }
    const t = words();
    tooltip.show(describeMark(vm, index, t), anchorOf(vm, chart.marks()[index], index));
    if (fromKeyboard) els.live.textContent = announce(vm, index, t);
  }

  const tabs = createTabs(els.tablist, els.panel, onTab);
  const controls = createControls(els.controls, onControl);
  const legend = createLegend(els.legend, onLegend);
  const detachPointer = attachPointer({ canvas: els.canvas, tooltipEl: els.tooltip, marks: () => chart.marks(), onPick: (i) => pick(i), onSelect });
  const detachKeyboard = attachKeyboard({ canvas: els.canvas, marks: () => chart.marks(), current: () => picked, onPick: pick, onSelect });

  function render(m, { words: w, key, theme, dark, help }) {
    els.title.textContent = m.title;
    els.finding.textContent = m.finding;
    els.definition.textContent = m.definition;
    controls.render(m.controls, `${m.id}/${key}`);
    legend.render(m.legend, `${m.id}/${key}/${dark ? 'dark' : 'light'}`, theme.background);
    els.legend.setAttribute('aria-label', w.ui.legend);
    renderNotes(els.notes, m);
    els.tableSummary.textContent = w.ui.table;
    renderTable(els.table, m, w.ui.tableCaption(m.title));
    els.canvas.setAttribute('aria-roledescription', w.ui.roleChart);
    els.canvas.setAttribute('aria-label', `${m.title}. ${help}`);
  }

  return {
    pick,
    picked: () => picked,
    reset() { picked = -1; },
    render,
    tabs,
    destroy() {
      if (typeof detachPointer === 'function') detachPointer();
      if (typeof detachKeyboard === 'function') detachKeyboard();
    },
  };
}
