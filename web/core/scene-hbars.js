// scene-hbars.js — geometry of a horizontal-bars panel (one row per
// category: utilisation on a 0–100 track, or a ranked list), in CSS px.
//
// hbarsScene(panel, area, opts) → { kind:'hbars', id, height, heads, rows, marks }
//   panel  a view-model hbars panel: rows [{key, label, mark, count?}], fixed?:[0, hi]
//          or extent.max, track (draw the full scale behind each bar), valueHead /
//          countHead (column headings), selected (key of a highlighted row),
//          noFigure (text for a row without a value)
//   area   {x, y, w} (the height is the panel's own: `height`)
// On narrow areas (< WIDE px), or with a track, a row's label sits above its
// bar; otherwise labels take a left column (at most a third of the width,
// wrapped). Value labels follow the bar's end (track: right-aligned above
// it); the count column, if any, is right-aligned at the right edge.
// rows: [{key, index, selected, top, h, label:{lines, x, y, font}, bar:{x, y, w, h}, track?,
//   value:{text, x, y, align, font}, count?:{text, x, y}, colour, approximate, empty}]
// marks: [{index, kind:'hbar', x, y, w, h, top, hit}] (hit: the whole row).

import { FONTS, lineHeight } from './layout.js';
import { linesWidth, wrapText } from './labels.js';

export const WIDE = 460;
const BAR_H = 16;
const ROW_GAP = 12;

export function hbarsScene(panel, area, { measure }) {
  const stacked = panel.track || area.w < WIDE;
  const lhLabel = lineHeight(FONTS.rowLabel);
  const lhValue = lineHeight(FONTS.value);
  const hasCount = panel.rows.some((r) => r.count);
  const countTexts = panel.rows.map((r) => r.count ?? '');
  let countW = hasCount ? Math.max(44, ...countTexts.map((t) => measure(t, FONTS.value))) : 0;
  const countHead = hasCount && panel.countHead ? wrapText(panel.countHead, FONTS.unit, measure, Math.max(countW, 76)) : [];
  countW = Math.max(countW, linesWidth(countHead, FONTS.unit, measure));
  const countGap = hasCount ? 16 : 0;
  const labelW = stacked ? 0 : Math.min(Math.round(area.w / 3),
    Math.max(...panel.rows.map((r) => measure(r.label, FONTS.rowLabel))) + 4);
  const x0 = area.x + (stacked ? 0 : labelW + 12);
  const right = area.x + area.w - countW - countGap;
  const valueW = panel.track ? 0 : Math.max(0, ...panel.rows.map((r) => measure(r.mark.empty ? panel.noFigure ?? '' : r.mark.label, FONTS.value))) + 8;
  const x1 = Math.max(x0 + 20, right - valueW);
  const hi = panel.fixed ? panel.fixed[1] : panel.extent && panel.extent.max > 0 ? panel.extent.max : 1;
  const len = (v) => Math.max(0, Math.min(1, v / hi)) * (x1 - x0);

  let y = area.y;
  const heads = [];
  if (panel.valueHead || countHead.length) {
    const valueHead = panel.valueHead ? wrapText(panel.valueHead, FONTS.unit, measure, Math.max(60, x1 - x0)) : [];
    const h = Math.max(valueHead.length, countHead.length) * lineHeight(FONTS.unit);
    if (valueHead.length) heads.push({ lines: valueHead, x: x0, y: y + h - valueHead.length * lineHeight(FONTS.unit), align: 'left' });
    if (countHead.length) heads.push({ lines: countHead, x: area.x + area.w, y: y + h - countHead.length * lineHeight(FONTS.unit), align: 'right' });
    y += h + 8;
  }

  const rows = [];
  const marks = [];
  for (const r of panel.rows) {
    const m = r.mark;
    const labelLines = wrapText(r.label, FONTS.rowLabel, measure, stacked ? Math.max(60, (panel.track ? x1 - x0 - 50 : right - x0)) : labelW);
    const labelH = labelLines.length * lhLabel;
    const top = y;
    let barY;
    let labelY;
    let h;
    if (stacked) {
      labelY = top;
      barY = top + labelH + 3;
      h = labelH + 3 + BAR_H;
    } else {
      h = Math.max(labelH, BAR_H);
      labelY = top + (h - labelH) / 2;
      barY = top + (h - BAR_H) / 2;
    }
    const w = m.empty ? 0 : len(m.value);
    const bar = { x: x0, y: barY, w, h: BAR_H };
    const valueText = m.empty ? panel.noFigure ?? '' : m.label;
    const value = panel.track
      ? { text: valueText, x: x1, y: labelY + labelH - lhValue, align: 'right', font: FONTS.value }
      : { text: valueText, x: x0 + w + 6, y: barY + (BAR_H - lhValue) / 2, align: 'left', font: m.empty ? FONTS.missing : FONTS.value };
    const row = {
      key: r.key, index: m.index, selected: panel.selected === r.key, top, h: h + ROW_GAP,
      label: { lines: labelLines, x: area.x, y: labelY, font: panel.selected === r.key ? FONTS.rowLabelBold : FONTS.rowLabel },
      bar, track: panel.track ? { x: x0, y: barY, w: x1 - x0, h: BAR_H } : null, value,
      count: hasCount ? { text: r.count ?? '', x: area.x + area.w, y: barY + (BAR_H - lhValue) / 2 } : null,
      colour: m.colour, approximate: m.approximate, empty: m.empty,
    };
    rows.push(row);
    marks.push({ index: m.index, kind: 'hbar', x: bar.x, y: bar.y, w: Math.max(w, 1), h: BAR_H, top, hit: { x: area.x, y: top - ROW_GAP / 2, w: area.w, h: h + ROW_GAP } });
    y += h + ROW_GAP;
  }
  return { kind: 'hbars', id: panel.id, height: y - area.y, heads, rows, marks };
}
