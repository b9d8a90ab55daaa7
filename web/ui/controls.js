// controls.js — the view's controls: groups of toggle buttons (one choice
// each) and a pair of year sliders.
//
// createControls(container, onChange) → { render(controls, key) }
//   onChange  (id, value) → void; a choice gives its option value, the
//             range gives [from, to] (years)
// render(controls, key) rebuilds the DOM only when `key` (view + language)
// or the set of controls changes, so the control the reader is using keeps
// its focus; otherwise it only updates aria-pressed and slider values.
// Choice: a role="group" labelled by its label, buttons with aria-pressed.
// Range: two <input type="range"> (From, To) with aria-valuetext and an
// <output>; moving one past the other moves both.
// Trend: the trend projection control (ui/projection-control.js).

import { buildTrend, trendSignature, updateTrend } from './projection-control.js';

function choice(c, onChange) {
  const wrap = document.createElement('div');
  wrap.className = 'control control-choice';
  wrap.dataset.control = c.id;
  const label = document.createElement('span');
  label.className = 'control-label';
  label.id = `control-${c.id}-label`;
  label.textContent = c.label;
  const group = document.createElement('div');
  group.className = 'segmented';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-labelledby', label.id);
  for (const o of c.options) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.value = o.value;
    b.textContent = o.label;
    b.addEventListener('click', () => onChange(c.id, o.value));
    group.append(b);
  }
  wrap.append(label, group);
  return wrap;
}

function slider(c, which, onInput) {
  const box = document.createElement('label');
  box.className = 'range-end';
  const name = document.createElement('span');
  name.className = 'control-label';
  name.textContent = which === 'from' ? c.fromLabel : c.toLabel;
  const input = document.createElement('input');
  input.type = 'range';
  input.min = String(c.years[0]);
  input.max = String(c.years[c.years.length - 1]);
  input.step = '1';
  input.dataset.end = which;
  const out = document.createElement('output');
  out.className = 'range-value';
  input.addEventListener('input', onInput);
  box.append(name, input, out);
  return box;
}

function range(c, onChange) {
  const wrap = document.createElement('fieldset');
  wrap.className = 'control control-range';
  wrap.dataset.control = c.id;
  const legend = document.createElement('legend');
  legend.className = 'control-label';
  legend.textContent = c.label;
  const onInput = (e) => {
    const inputs = wrap.querySelectorAll('input');
    let from = Number(inputs[0].value);
    let to = Number(inputs[1].value);
    if (from > to) {
      if (e.target === inputs[0]) to = from;
      else from = to;
    }
    onChange(c.id, [from, to]);
  };
  wrap.append(legend, slider(c, 'from', onInput), slider(c, 'to', onInput));
  return wrap;
}

function update(el, c) {
  if (c.kind === 'trend') {
    updateTrend(el, c);
    return;
  }
  if (c.kind === 'choice') {
    for (const b of el.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.value === c.value));
    return;
  }
  const [a, b] = el.querySelectorAll('input');
  const [oa, ob] = el.querySelectorAll('output');
  const text = (y) => c.yearText[c.years.indexOf(y)] ?? String(y);
  a.value = String(c.from);
  b.value = String(c.to);
  a.setAttribute('aria-valuetext', text(c.from));
  b.setAttribute('aria-valuetext', text(c.to));
  oa.textContent = text(c.from);
  ob.textContent = text(c.to);
}

export function createControls(container, onChange) {
  let built = '';
  return {
    render(controls, key) {
      const part = (c) => (c.kind === 'range' ? c.years.join(',') : c.kind === 'trend' ? trendSignature(c) : c.options.map((o) => o.value).join(','));
      const sig = `${key}|${controls.map((c) => `${c.id}:${c.kind}:${part(c)}`).join(';')}`;
      if (sig !== built) {
        const make = { choice, range, trend: buildTrend };
        container.replaceChildren(...controls.map((c) => make[c.kind](c, onChange)));
        built = sig;
      }
      controls.forEach((c, i) => update(container.children[i], c));
      container.hidden = controls.length === 0;
    },
  };
}
