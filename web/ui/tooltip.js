// tooltip.js — the tooltip box over the chart.
//
// createTooltip(el, container) → { show(description, anchor), hide(), el }
//   description  core/describe.js describeMark() output
//   anchor       {x, y, w} in container CSS px: the mark's left edge, the
//                top of the mark with its label, and its width
// Placement, first that fits inside the container: above the mark, to its
// right, to its left; otherwise docked just below the chart, so on a phone
// the box never hides the bars. Text only through textContent.

const GAP = 8;

function line(cls, text) {
  const d = document.createElement('div');
  d.className = cls;
  d.textContent = text;
  return d;
}

// Pure placement maths; returns {left, top} in container px.
export function placeTooltip(anchor, box, container) {
  const clampX = (x) => Math.max(0, Math.min(container.w - box.w, x));
  const cx = anchor.x + anchor.w / 2;
  if (anchor.y - box.h - GAP >= 0) return { left: clampX(cx - box.w / 2), top: anchor.y - box.h - GAP };
  const top = Math.max(0, Math.min(container.h - box.h, anchor.y));
  if (anchor.x + anchor.w + GAP + box.w <= container.w) return { left: anchor.x + anchor.w + GAP, top };
  if (anchor.x - GAP - box.w >= 0) return { left: anchor.x - GAP - box.w, top };
  return { left: clampX(cx - box.w / 2), top: container.h + GAP };
}

export function createTooltip(el, container) {
  return {
    el,
    show(d, anchor) {
      const parts = [line('tt-heading', d.heading)];
      if (d.value) {
        const value = document.createElement('div');
        value.className = 'tt-value';
        value.append(line('tt-num', d.value), line('tt-unit', d.unit));
        parts.push(value);
      }
      parts.push(line('tt-qualifier', d.qualifier));
      if (d.source) parts.push(line('tt-source', d.source));
      el.replaceChildren(...parts);
      el.hidden = false;
      const pos = placeTooltip(anchor, { w: el.offsetWidth, h: el.offsetHeight },
        { w: container.clientWidth, h: container.clientHeight });
      el.style.left = `${Math.round(pos.left)}px`;
      el.style.top = `${Math.round(pos.top)}px`;
    },
    hide() {
      el.hidden = true;
    },
  };
}
