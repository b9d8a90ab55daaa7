// viewmodel.js — the shape every view builder returns, and its finishing.
//
// A view model (plain data, no engine objects):
//   id, title, definition, finding (the main finding, from engine numbers;
//     also the chart's text alternative)
//   controls  [{kind:'choice', id, label, value, options:[{value, label}]}
//              | {kind:'range', id, label, fromLabel, toLabel, years, from, to, yearText}]
//   legend    [{key, label, colour, shape:'bar'|'line'|'dot'|'hatch', dash?, toggle, pressed}]
//   panels    [panel]: {id, kind:'bars'|'lines'|'hbars', title?, unit, extent?:{min,max},
//              fixed?:[lo,hi], scale?:'linear'|'log', …kind-specific fields}
//              bars:  groups [{key, labels (candidates: arrays of lines), marks}], annotation?
//              lines: xs (years), series [{key, label, colour, dash?, marks}], dots, labels
//              hbars: rows [{key, label, mark, count?}], track?, valueHead?, countHead?
//   stack     true: panels always one under the other (else side by side when wide)
//   notes     [string]; credit (who made the data); sourceLine? (replaces the list)
//   detail    null | {heading, items}; empty (message when nothing is drawn)
// finishView adds: locale, missingMark (the label of an empty slot), marks (every mark, in keyboard order, with .index),
//   sources (provenance credit), table ({head, rows:[{id, cells:[{text, value?}]}]}).

export function panelMarks(p) {
  if (p.kind === 'bars') return p.groups.flatMap((g) => g.marks);
  if (p.kind === 'lines') return p.series.flatMap((s) => s.marks);
  return p.rows.map((r) => r.mark);
}

function marksTable(ctx, marks) {
  const h = ctx.t.ui.head;
  return {
    head: [h.period, h.series, h.value, h.note, h.source],
    rows: marks.map((m) => ({
      id: m.id,
      cells: [
        { text: m.categoryText, header: true },
        { text: m.seriesLabel },
        { text: m.empty ? '–' : m.valueText, value: m.value },
        { text: m.qualifier },
        { text: m.sources.map((s) => s.publisher).join('; ') },
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
    empty: shown ? null : ctx.t.ui.allHidden,
  };
}
