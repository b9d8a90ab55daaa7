// scene-bars.js — geometry of a bars panel (vertical bars, grouped by
// category), in CSS px.
//
// barsScene(panel, area, opts) → { kind:'bars', id, axis (axis.js), bars, valueLabels, missingLabels,
//   categoryLabels, annotation, marks }
//   panel  a view-model bars panel: groups [{key, labels, marks}], unit, extent | fixed, annotation?,
//          labelFirst? (a series key whose value labels are placed before the others'),
//          keyLabels? ({seriesKey: short name}: direct series labels under one group)
//   area   {x, y, w, h} below the panel title; opts as axis.js plus `measure`
// bars: [{index, key, colour, empty, approximate, openTop, x, y, w, h, hit}];
// marks: [{index, kind:'bar', x, y, w, h, top, hit}] where top is the top of
// the mark with its label. Labels come from labels.js; a label that cannot
// be placed clear of other bars and labels is left out (the tooltip and the
// table still give the value); an empty slot gets opts.missingMark ("n/a",
// or "–" when narrow) on the baseline.
// A category label that would overlap the one before it is left empty (on a
// phone, with projected years added, every other year may be named).
// A trend projection (panel.projection: its years come after the groups)
// gets one band per projected year, labelled like the groups, and adds its
// overlay (scene-projection.js) as `projection` and its points to marks.

import { valueAxis } from './axis.js';
import { placeAnnotation } from './annotate.js';
import { bandLayout, FONTS, lineHeight, overlaps } from './layout.js';
import { placeCategoryLabels, placeValueLabels } from './labels.js';
import { periodCandidates } from './numbers.js';
import { projectionScene } from './scene-projection.js';

const MISSING_NARROW = '–';

// Direct labels naming each series under the bars of one group (the last
// with every series drawn), so series can be told apart without colour;
// none when a label is wider than its slot. Returns [{group, x, w, h, lines,
// font}]; y is set under the group's category label once that is placed.
function seriesKeyLabels(panel, bands, measure) {
  if (!panel.keyLabels) return [];
  let gi = -1;
  panel.groups.forEach((g, i) => {
    if (g.marks.length > 1 && g.marks.every((m) => !m.empty && panel.keyLabels[m.key])) gi = i;
  });
  if (gi < 0) return [];
  const out = panel.groups[gi].marks.map((m, si) => {
    const slot = bands[gi].slots[si];
    const text = panel.keyLabels[m.key];
    return { group: gi, x: slot.cx, y: 0, w: measure(text, FONTS.seriesKey), h: lineHeight(FONTS.seriesKey), lines: [text], font: FONTS.seriesKey, slotW: slot.w };
  });
  return out.every((l) => l.w <= l.slotW - 2) ? out : [];
}

export function barsScene(panel, area, opts) {
  const { measure } = opts;
  const proj = panel.projection ?? null;
  const projYears = proj ? proj.years : [];
  const counts = [...panel.groups.map((g) => g.marks.length), ...projYears.map(() => proj.series.length)];
  const categoryLines = Math.max(1, ...panel.groups.map((g) => g.labels[0].length));
  const valueLine = lineHeight(FONTS.value);
  const top = 2 * valueLine + 8;
  const bottom = categoryLines * lineHeight(FONTS.category) + 10;
  const keyLine = lineHeight(FONTS.seriesKey);
  let axis = valueAxis(panel, area, { ...opts, top, bottom: bottom + keyLine });
  const seriesKeys = seriesKeyLabels(panel, bandLayout(axis.plot, counts), measure);
  if (seriesKeys.length === 0) axis = valueAxis(panel, area, { ...opts, top, bottom });
  const { plot, y } = axis;
  const y0 = y(Math.max(axis.domain[0], Math.min(axis.domain[1], 0)));
  const bands = bandLayout(plot, counts);
  const bars = [];
  const valueItems = [];
  const missingLabels = [];
  panel.groups.forEach((g, gi) => {
    g.marks.forEach((m, si) => {
      const geo = bands[gi].slots[si];
      const hit = { x: geo.x, y: plot.y, w: geo.w, h: plot.h };
      if (m.empty) {
        bars.push({ index: m.index, key: m.key, colour: m.colour, empty: true, approximate: false, openTop: false, x: geo.barX, y: y0, w: geo.barW, h: 0, hit });
        const text = measure(opts.missingMark, FONTS.missing) <= geo.w - 2 ? opts.missingMark : MISSING_NARROW;
        const h = lineHeight(FONTS.missing);
        missingLabels.push({ index: m.index, x: geo.cx, y: y0 - 3 - h, w: measure(text, FONTS.missing), h, lines: [text], font: FONTS.missing, crowded: false });
        return;
      }
      const yv = Math.max(plot.y - 4, y(m.value));
      const rect = { x: geo.barX, y: Math.min(yv, y0), w: geo.barW, h: Math.abs(y0 - yv) };
      bars.push({ index: m.index, key: m.key, colour: m.colour, empty: false, approximate: m.approximate, openTop: m.bound === 'lower', ...rect, hit });
      valueItems.push({ index: m.index, text: m.label, cx: geo.cx, top: rect.y - (m.bound === 'lower' ? 6 : 0), bar: rect });
    });
  });
  const first = (it) => (panel.labelFirst && bars.find((b) => b.index === it.index).key === panel.labelFirst ? 0 : 1);
  valueItems.sort((a, b) => first(a) - first(b));
  const valueLabels = placeValueLabels(valueItems, measure, { x: area.x, y: area.y, w: area.w, h: area.h }, { drop: true });
  const unitBox = { x: axis.unit.x, y: axis.unit.y, w: axis.unit.w, h: axis.unit.h };
  if (valueLabels.some((l) => overlaps(unitBox, { x: l.x - l.w / 2, y: l.y, w: l.w, h: l.h }, 2))) axis.unit.y = area.y;
  const G = panel.groups.length;
  const categoryLabels = placeCategoryLabels(
    [
      ...panel.groups.map((g, gi) => ({ cx: bands[gi].cx, w: bands[gi].w, candidates: g.labels })),
      ...projYears.map((yr, i) => ({ cx: bands[G + i].cx, w: bands[G + i].w, candidates: periodCandidates(opts.locale, String(yr)) })),
    ],
    measure, plot.y + plot.h + 6,
  );
  let kept = null;
  for (const l of categoryLabels) {
    if (kept && l.x - l.w / 2 < kept.x + kept.w / 2 + 2) Object.assign(l, { lines: [], w: 0 });
    else kept = l;
  }
  for (const k of seriesKeys) k.y = categoryLabels[k.group].y + categoryLabels[k.group].h;
  const labelOf = (i) => valueLabels.find((l) => l.index === i) ?? missingLabels.find((l) => l.index === i);
  const marks = bars.map((b) => {
    const l = labelOf(b.index);
    return { index: b.index, kind: 'bar', x: b.x, y: b.y, w: b.w, h: b.h, top: l ? Math.min(l.y, b.y) : b.y, hit: b.hit };
  });
  let projection = null;
  if (proj) {
    const bandOf = (year) => {
      const gi = panel.groups.findIndex((g) => g.key === String(year));
      if (gi >= 0) return { band: bands[gi], si: (key) => panel.groups[gi].marks.findIndex((m) => m.key === key) };
      const pi = projYears.indexOf(year);
      return pi >= 0 ? { band: bands[G + pi], si: (key) => proj.series.findIndex((x) => x.key === key) } : null;
    };
    const p = projectionScene(proj, {
      xOf: (year, key) => {
        const b = bandOf(year);
        if (!b) return null;
        const si = b.si(key);
        return si >= 0 && b.band.slots[si] ? b.band.slots[si].cx : b.band.cx;
      },
      colOf: (year) => {
        const b = bandOf(year);
        return b ? { x: b.band.x, w: b.band.w } : { x: 0, w: 0 };
      },
      y, plot, divider: bands[G] ? bands[G].x : plot.x + plot.w, measure, log: axis.log,
    });
    marks.push(...p.marks);
    projection = p.layer;
  }
  let annotation = null;
  if (panel.annotation) {
    const target = panel.groups.flatMap((g) => g.marks).find((m) => m.id === panel.annotation.markId);
    const tm = target && marks.find((m) => m.index === target.index);
    if (tm) {
      const obstacles = [...bars.filter((b) => !b.empty), ...valueLabels.map((l) => ({ x: l.x - l.w / 2, y: l.y, w: l.w, h: l.h }))];
      annotation = placeAnnotation({ text: panel.annotation.text, target: { cx: tm.x + tm.w / 2, top: tm.top }, plot, obstacles, measure, font: FONTS.note });
    }
  }
  return { kind: 'bars', id: panel.id, axis, bars, valueLabels, missingLabels, categoryLabels, seriesKeys, annotation, marks, projection };
}
