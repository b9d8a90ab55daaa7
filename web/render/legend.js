// legend.js — the legend: a drawn swatch (the same painters as the chart)
// and the series name. A series that can be hidden is a toggle button
// (aria-pressed); the key to hatching is plain text.
//
// createLegend(list, onToggle) → { render(items, key, background) }
//   onToggle    (seriesKey) → void
//   items       the view model's legend entries; background the theme's
//               background (for hollow dots in swatches)
// A number range ("2021–22") never breaks at its dash.
// render rebuilds the items only when `key` (view, language, theme) or the
// items change, so a focused button keeps its focus; aria-pressed is
// updated every time. Text only through textContent.

import { BAND_ALPHA } from '../core/scene-projection.js';
import { paintBar, paintDot } from './paint.js';

const SWATCH_W = 22;
const SWATCH_H = 14;

function swatch(item, background) {
  const c = document.createElement('canvas');
  const dpr = window.devicePixelRatio || 1;
  c.width = Math.round(SWATCH_W * dpr);
  c.height = Math.round(SWATCH_H * dpr);
  c.className = 'legend-swatch';
  c.setAttribute('aria-hidden', 'true');
  const ctx = c.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  if (item.shape === 'circle' || item.shape === 'ring') {
    paintDot(ctx, SWATCH_W / 2, SWATCH_H / 2, item.shape === 'ring' ? 4.5 : 6, item.colour, { hollow: item.shape === 'ring', background });
  } else if (item.shape === 'projection') {
    ctx.globalAlpha = BAND_ALPHA;
    ctx.fillStyle = item.colour;
    ctx.beginPath();
    ctx.moveTo(1, SWATCH_H / 2);
    ctx.lineTo(SWATCH_W - 1, 1);
    ctx.lineTo(SWATCH_W - 1, SWATCH_H - 1);
    ctx.closePath();
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.strokeStyle = item.colour;
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(1, SWATCH_H / 2);
    ctx.lineTo(SWATCH_W - 1, SWATCH_H / 2);
    ctx.stroke();
    ctx.setLineDash([]);
  } else if (item.shape === 'line' || item.shape === 'dot') {
    ctx.strokeStyle = item.colour;
    ctx.lineWidth = 2.5;
    ctx.setLineDash(item.dash ?? []);
    ctx.beginPath();
    ctx.moveTo(1, SWATCH_H / 2);
    ctx.lineTo(SWATCH_W - 1, SWATCH_H / 2);
    ctx.stroke();
    ctx.setLineDash([]);
    if (item.shape === 'dot') paintDot(ctx, SWATCH_W / 2, SWATCH_H / 2, 3.5, item.colour, { background });
  } else {
    paintBar(ctx, { x: 0, y: 0, w: SWATCH_W, h: SWATCH_H }, item.colour, { approximate: item.shape === 'hatch' });
  }
  return c;
}

function entry(item, background, onToggle) {
  const li = document.createElement('li');
  li.className = 'legend-item';
  li.dataset.series = item.key;
  const label = document.createElement('span');
  label.textContent = item.label.replace(/(\d)–(\d)/g, '$1–\u2060$2');
  if (!item.toggle) {
    li.append(swatch(item, background), label);
    return li;
  }
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'legend-toggle';
  b.append(swatch(item, background), label);
  b.addEventListener('click', () => onToggle(item.key));
  li.append(b);
  return li;
}

export function createLegend(list, onToggle) {
  let built = '';
  return {
    render(items, key, background) {
      const sig = `${key}|${items.map((i) => `${i.key}:${i.label}:${i.colour}:${i.shape}:${i.dash ?? ''}`).join(';')}`;
      if (sig !== built) {
        list.replaceChildren(...items.map((i) => entry(i, background, onToggle)));
        built = sig;
      }
      items.forEach((item, i) => {
        const b = list.children[i].querySelector('button');
        if (b) b.setAttribute('aria-pressed', String(item.pressed));
      });
      list.hidden = items.length === 0;
    },
  };
}
