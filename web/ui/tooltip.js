// tooltip.js — the tooltip box over the chart.
//
// createTooltip(el, container) → { show(description, anchor), hide(), el }
//   description  core/describe.js describeMark() output
//   anchor       {x, y, w, h?, mode?} in container CSS px: the mark's left
//                edge, the top of the mark with its label, its width and
//                height; mode 'above' (default), 'side' or 'below' (see below)
// Placement, first that fits inside the container: above the mark, to its
// right, to its left; otherwise docked just below the chart, so on a phone
// the box never hides the bars. Mode 'side' (a point on a line, whose
// crosshair runs the full height): beside the mark first, so the box does
// not cover the lines. Mode 'below' (a row of a ranked list): under the row
// first, so the row itself stays readable. Text only through textContent; a row's
// swatch colour (a theme colour) through a CSS custom property.

const GAP = 8;

function line(cls, text) {
  const d = document.createElement('div');
  d.className = cls;
  d.textContent = text;
  return d;
}

// Pure placement maths; returns {left, top} in container px.
export function placeTooltip(anchor, box, container, mode = 'above') {
  const clampX = (x) => Math.max(0, Math.min(container.w - box.w, x));
  const cx = anchor.x + anchor.w / 2;
  const side = mode === 'side';
  const top = Math.max(0, Math.min(container.h - box.h, anchor.y - (side ? box.h / 2 : 0)));
  if (mode === 'below') {
    const below = anchor.y + (anchor.h ?? 0) + GAP;
    if (below + box.h <= container.h) return { left: clampX(anchor.x), top: below };
  }
  if (side) {
    if (anchor.x + anchor.w + GAP + box.w <= container.w) return { left: anchor.x + anchor.w + GAP + 6, top };
    if (anchor.x - GAP - box.w >= 0) return { left: anchor.x - GAP - 6 - box.w, top };
  }
  if (anchor.y - box.h - GAP >= 0) return { left: clampX(cx - box.w / 2), top: anchor.y - box.h - GAP };
  if (anchor.x + anchor.w + GAP + box.w <= container.w) return { left: anchor.x + anchor.w + GAP, top };
  if (anchor.x - GAP - box.w >= 0) return { left: anchor.x - GAP - box.w, top };
  return { left: clampX(cx - box.w / 2), top: container.h + GAP };
}

function row(r) {
  const d = document.createElement('div');
  d.className = r.current ? 'tt-row tt-current' : 'tt-row';
  const sw = document.createElement('span');
  sw.className = 'tt-swatch';
  sw.setAttribute('aria-hidden', 'true');
  sw.style.setProperty('--swatch', r.colour);
  const label = document.createElement('span');
  label.className = 'tt-label';
  label.textContent = r.label;
  const value = document.createElement('span');
  value.className = 'tt-row-value';
  value.textContent = r.value;
  d.append(sw, label, value);
  return d;
}

export function createTooltip(el, container) {
  return {
    el,
    show(d, anchor) {
      const parts = [line('tt-heading', d.heading)];
      if (d.value) parts.push(line('tt-num', d.value));
      for (const r of d.rows) parts.push(row(r));
      parts.push(line('tt-qualifier', d.qualifier));
      for (const x of d.extra) parts.push(line('tt-extra', x));
      if (d.source) parts.push(line('tt-source', d.source));
      el.replaceChildren(...parts);
      el.hidden = false;
      const pos = placeTooltip(anchor, { w: el.offsetWidth, h: el.offsetHeight },
        { w: container.clientWidth, h: container.clientHeight }, anchor.mode);
      el.style.left = `${Math.round(pos.left)}px`;
      el.style.top = `${Math.round(pos.top)}px`;
    },
    hide() {
      el.hidden = true;
    },
  };
}
