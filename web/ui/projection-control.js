// projection-control.js — the trend projection control of a time-series
// view (a view model control of kind 'trend', core/projection-model.js):
// the method (Off / Linear / Constant growth / Holt) as toggle buttons, the
// horizon year as a <select>, the interval level (80% / 95%) as toggle
// buttons, the "trend projection, not a forecast" caption, and a polite
// status line (role="status") that shows the engine's reason when it
// declines to project a series. Horizon, level and caption are hidden while
// the method is Off; the DOM stays the same, so the button the reader
// pressed keeps its focus.
//
// buildTrend(c, onChange) → element; onChange('trend' | 'level' | 'horizon', value)
// updateTrend(el, c) sets pressed states, the select's value, visibility and
// the message (only when its text changes, so it is announced once).
// trendSignature(c) → the string that decides when to rebuild.
// Everything through textContent; the engine's reason is English, so in the
// Chinese page it is marked lang="en".

function segmented(labelId, options, onPick) {
  const group = document.createElement('div');
  group.className = 'segmented';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-labelledby', labelId);
  for (const o of options) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.value = String(o.value);
    b.textContent = o.label;
    b.addEventListener('click', () => onPick(o.value));
    group.append(b);
  }
  return group;
}

function label(id, text) {
  const s = document.createElement('span');
  s.className = 'control-label';
  if (id) s.id = id;
  s.textContent = text;
  return s;
}

export function trendSignature(c) {
  return `${c.methods.map((m) => m.value).join(',')}|${c.levels.map((l) => l.value).join(',')}|${c.horizons.map((h) => h.value).join(',')}`;
}

export function buildTrend(c, onChange) {
  const wrap = document.createElement('div');
  wrap.className = 'control control-trend';
  wrap.dataset.control = c.id;
  const head = label('control-trend-label', c.label);
  const row = document.createElement('div');
  row.className = 'trend-row';
  const methods = segmented(head.id, c.methods, (v) => onChange('trend', v));
  methods.dataset.part = 'method';

  const horizon = document.createElement('label');
  horizon.className = 'trend-horizon';
  horizon.dataset.part = 'horizon';
  const select = document.createElement('select');
  for (const h of c.horizons) {
    const o = document.createElement('option');
    o.value = String(h.value);
    o.textContent = h.label;
    select.append(o);
  }
  select.addEventListener('change', () => onChange('horizon', Number(select.value)));
  horizon.append(label(null, c.horizonLabel), select);

  const level = document.createElement('div');
  level.className = 'trend-level';
  level.dataset.part = 'level';
  const levelHead = label('control-trend-level-label', c.levelLabel);
  level.append(levelHead, segmented(levelHead.id, c.levels, (v) => onChange('level', v)));

  row.append(methods, horizon, level);
  const note = document.createElement('p');
  note.className = 'trend-note';
  note.dataset.part = 'note';
  note.textContent = c.chart;
  const message = document.createElement('p');
  message.className = 'trend-message';
  message.setAttribute('role', 'status');
  wrap.append(head, row, note, message);
  return wrap;
}

export function updateTrend(el, c) {
  const off = c.method === 'off';
  for (const b of el.querySelectorAll('[data-part="method"] button')) b.setAttribute('aria-pressed', String(b.dataset.value === c.method));
  for (const b of el.querySelectorAll('.trend-level button')) b.setAttribute('aria-pressed', String(b.dataset.value === String(c.level)));
  const select = el.querySelector('select');
  if (c.horizons.length) select.value = String(c.horizon);
  for (const part of el.querySelectorAll('[data-part="horizon"], [data-part="level"], [data-part="note"]')) part.hidden = off;
  el.querySelector('[data-part="horizon"]').hidden = off || c.horizons.length === 0;
  const message = el.querySelector('.trend-message');
  const key = JSON.stringify(c.messages);
  if (message.dataset.key === key) return;
  message.dataset.key = key;
  message.replaceChildren(...c.messages.flatMap((m, i) => {
    const lead = document.createElement('span');
    lead.className = 'trend-message-lead';
    lead.textContent = m.lead;
    const parts = [...(i > 0 ? [document.createElement('br')] : []), lead];
    if (m.reason) {
      const reason = document.createElement('span');
      reason.className = 'trend-message-reason';
      if (c.locale !== 'en') reason.lang = 'en';
      reason.textContent = ` ${m.reason}`;
      parts.push(reason);
    }
    return parts;
  }));
}
