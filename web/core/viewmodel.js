// viewmodel.js — the shape every view builder returns, and its finishing.
//
// A view model (plain data, no engine objects):
//   id, title, definition, finding (the main finding, from engine numbers;
//     also the chart's text alternative)
//   controls  [{kind:'choice', id, label, value, options:[{value, label}]}
//              | {kind:'range', id, label, fromLabel, toLabel, years, from, to, yearText}
//              | {kind:'trend', …} (core/projection-model.js, ui/projection-control.js)]
//   legend    [{key, label, colour, shape:'bar'|'line'|'dot'|'hatch'|'circle'|'ring'|'projection', dash?, toggle, pressed}]
//   panels    [panel]: {id, kind:'bars'|'lines'|'hbars'|'map', title?, unit, extent?:{min,max},
//              fixed?:[lo,hi], scale?:'linear'|'log', …kind-specific fields}
//              bars:  groups [{key, labels (candidates: arrays of lines), marks}], annotation?
//              lines: xs (years), series [{key, label, colour, dash?, marks}], dots, labels
//              hbars: rows [{key, label, mark, count?}], track?, valueHead?, countHead?
//   stack     true: panels always one under the other (else side by side when wide)
//   notes     [string]; credit (who made the data); sourceLine? (replaces the list)
//   selectable (Enter / click selects a mark); help? (the canvas's keyboard help)
//   detail    null | {heading, items}; emptyText? (message when nothing is drawn;
//             default: every series is hidden)
//   projection (bars and lines panels) a trend projection overlay: core/projection-model.js;
//             its marks follow their series' marks (lines) or the groups' (bars)
//   map panel {id, kind:'map', circles:[{key, mark, …}], …}: core/chart/map.js
// finishView adds: locale, missingMark (the label of an empty slot), marks (every mark, in keyboard order, with .index),
//   sources (provenance credit), table ({head, rows:[{id, projected?, cells:[{text, value?, data?}]}]};
//   with projected marks an interval column whose cells carry data {lo, hi}).

export function panelMarks(p) {
  const projected = (key) => (p.projection ? p.projection.series.filter((s) => key === undefined || s.key === key).flatMap((s) => s.marks) : []);
  if (p.kind === 'bars') return [...p.groups.flatMap((g) => g.marks), ...projected()];
  if (p.kind === 'lines') return p.series.flatMap((s) => [...s.marks, ...projected(s.key)]);
  if (p.kind === 'map') return p.circles.map((c) => c.mark);
  return p.rows.map((r) => r.mark);
}

function marksTable(ctx, marks) {
  const h = ctx.t.ui.head;
  const interval = marks.some((m) => m.projected);
  return {
    head: [h.period, h.series, h.value, ...(interval ? [ctx.t.trend.intervalHead] : []), h.note, h.source],
    rows: marks.map((m) => ({
      id: m.id,
      projected: Boolean(m.projected),
      cells: [
        { text: m.categoryText, header: true },
        { text: m.seriesLabel },
        { text: m.empty ? '–' : m.valueText, value: m.value },
        ...(interval ? [m.projected ? { text: m.interval, data: { lo: m.lo, hi: m.hi } } : { text: '' }] : []),
        { text: m.qualifier },
        { text: m.sourceText ?? m.sources.map((s) => s.publisher).join('; ') },
      ],
    })),
  };
}

export function finishView(ctx, vm) {
  const marks = vm.panels.flatMap(panelMarks);
  marks.forEach((m, i) => { m.index = i; });
  const extra = { empty: false, withheld: false, sources: vm.extraSources ?? [], also: [] };
  const sources = vm.sourceLine ? [] : ctx.prov.credit([...marks, extra]);
  const table = vm.table ?? marksTable(ctx, marks);
  const shown = marks.length > 0;
  return {
    detail: null,
    ...vm,
    locale: ctx.locale,
    missingMark: ctx.t.ui.missingMark,
    marks,
    sources,
    table,
    empty: shown ? null : vm.emptyText ?? ctx.t.ui.allHidden,
  };
}
