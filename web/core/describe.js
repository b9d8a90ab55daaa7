// describe.js — the words for one mark, shared by the tooltip and the
// screen-reader announcement so both say the same thing.
//
// describeMark(vm, index, t) → { heading, value, rows, qualifier, extra, source }
//   value  the mark's full value text ('' for an empty slot), shown large
//   rows   on a line chart, every series' value at the mark's year:
//          [{label, value, colour, current}] (empty otherwise)
//   extra  further lines (e.g. project counts); source 'Source: …' or ''
//          (a mark's sourceText, e.g. a projection's, replaces its publishers)
// announce(vm, index, t) → one sentence for an aria-live region: heading,
// value, qualifier, extra lines, source and "Point i of n".

function peersOf(vm, m) {
  if (m.kind !== 'point') return [];
  const peers = vm.marks.filter((p) => p.kind === 'point' && p.panel === m.panel && p.category === m.category);
  return peers.length > 1 ? peers : [];
}

export function describeMark(vm, index, t) {
  const m = vm.marks[index];
  const peers = peersOf(vm, m);
  const publishers = m.sourceText ?? m.sources.map((s) => s.publisher).join('; ');
  return {
    heading: peers.length ? m.categoryText : m.heading,
    value: peers.length ? '' : m.valueText,
    rows: peers.map((p) => ({ label: p.seriesLabel, value: p.empty ? t.ui.noFigure : p.valueText, colour: p.colour, current: p === m })),
    qualifier: m.qualifier,
    extra: m.extra,
    source: publishers ? `${t.ui.source}: ${publishers}` : '',
  };
}

const end = (s, stop) => (s && !/[.。!?！？]$/.test(s) ? `${s}${stop}` : s);

export function announce(vm, index, t) {
  const m = vm.marks[index];
  const d = describeMark(vm, index, t);
  const stop = t.ui.stop;
  const parts = [
    end(m.heading, stop),
    m.empty ? '' : end(m.valueText, stop),
    end(d.qualifier, stop),
    ...d.extra.map((x) => end(x, stop)),
    end(d.source, stop),
    t.ui.position(index + 1, vm.marks.length),
  ];
  return parts.filter(Boolean).join(t.ui.sep);
}
