// axis.js — the value axis of a bars or lines panel.
//
// valueAxis(panel, area, opts) → { plot, y(v), domain:[lo, hi], log, ticks:[{value, y, text}],
//   unit:{text, x, y, w, h} }: the unit caption sits just above the top tick
//   panel  { unit, unitLabel? (a caption that replaces the unit code's), extent?:{min, max},
//          fixed?:[lo, hi], scale?:'linear'|'log' }
//   area   {x, y, w, h}: the panel's drawing area (below its title)
//   opts   { measure, nice, ticks, locale, top, bottom, right }: top/bottom
//          are the room above and below the plot (the unit caption takes
//          the first line of `top`)
// Linear: the domain starts at 0 (or the minimum, if negative) and ends at
// the engine's nice bound above the maximum. Log: the engine's log nice
// bounds around [min, max] (min must be > 0). Fixed: as given. Tick values
// are always the engine's; their text is i18n's formatTick.

import { tickText, unitText } from './numbers.js';
import { FONTS, lineHeight, logScale, tickCount, yScale } from './layout.js';

export function valueAxis(panel, area, { measure, nice, ticks, locale, top, bottom, right = 4 }) {
  const plotH = Math.max(40, area.h - top - bottom);
  const count = tickCount(plotH);
  const log = panel.scale === 'log';
  const ext = panel.extent ?? {};
  let lo;
  let hi;
  if (panel.fixed) {
    [lo, hi] = panel.fixed;
  } else if (log) {
    const min = ext.min > 0 ? ext.min : 1;
    const max = ext.max > min ? ext.max : min * 10;
    [lo, hi] = nice(min, max, count, { log: true });
  } else {
    const min = typeof ext.min === 'number' && ext.min < 0 ? ext.min : 0;
    const max = typeof ext.max === 'number' && ext.max > 0 ? ext.max : 1;
    [lo, hi] = nice(min, max, count);
  }
  const values = log ? ticks(lo, hi, count, { log: true }) : ticks(lo, hi, count);
  const texts = values.map((v) => tickText(locale, v, panel.unit));
  const tickW = Math.max(0, ...texts.map((t) => measure(t, FONTS.tick)));
  const plot = { x: area.x + Math.ceil(tickW) + 8, y: area.y + top, w: Math.max(1, area.w - Math.ceil(tickW) - 8 - right), h: plotH };
  const y = log ? logScale(lo, hi, plot) : yScale(lo, hi, plot);
  const unit = typeof panel.unitLabel === 'string' ? panel.unitLabel : unitText(locale, panel.unit);
  return {
    plot,
    y,
    log,
    domain: [lo, hi],
    ticks: values.map((value, i) => ({ value, y: y(value), text: texts[i] })),
    unit: { text: unit, x: area.x, y: plot.y - 6 - lineHeight(FONTS.unit), w: measure(unit, FONTS.unit), h: lineHeight(FONTS.unit) },
  };
}
