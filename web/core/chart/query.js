// chart/query.js — a described view (data/CHART_FORMAT.md) as engine query
// specs. Pure: no engine calls, no DOM.
//
// viewQuery(view) → { x, y, series, aggregated, base, spec }
//   x, series   the x (for a map: the map key) and series column names
//               (series null without one)
//   y           the column the drawn value is read from: y.column, or the
//               aggregate's output when y has no column (count), or
//               KEY_Y when y.column is x or the series (e.g. the count of
//               x by x: the group's key column holds its value)
//   aggregated  true when y.aggregate is set: the rows are grouped by x (and
//               series) with one aggregate per group
//   base        the table column the aggregate reads (y.column, or the table
//               column a derived y.column comes from through its derive
//               steps); null for count without a column
//   spec        the engine.query spec: filters, then (aggregated) groupBy
//               [x, series] and the aggregate of `base` and of every column a
//               derive step reads (traced back through earlier steps), each
//               under its own name, plus `count` (rows) for a count — what
//               data/CHART_FORMAT.md says derive steps see — then derive,
//               then sort by x (and series)
// countSpec(view, q) → a spec whose one row counts rows (ev_n), rows with an x
//   (ev_nx), with a y in the table (ev_ny, when base is a table column) and with a
//   series value (ev_ns), after the filters.
// seriesSpec(view) → a spec listing the distinct series values (with filters).
// seriesFilter(q, values) → the filter that keeps those series values.

// the aggregate of y when y.column is a group key (x or series)
export const KEY_Y = 'ev_y';

export function derivedBase(view, column) {
  const steps = Array.isArray(view.derive) ? view.derive : [];
  let col = column;
  for (let guard = 0; guard <= steps.length; guard++) {
    const step = steps.find((d) => d && d.as === col);
    if (!step) return col;
    col = step.column;
  }
  return col;
}

export function viewQuery(view) {
  const x = view.mark === 'map' ? view.map.key : view.x.column;
  const series = view.series ? view.series.column : null;
  const y = view.y ?? {};
  const aggregated = typeof y.aggregate === 'string';
  const filters = Array.isArray(view.filters) ? view.filters.map((f) => ({ ...f })) : [];
  const derive = Array.isArray(view.derive) ? view.derive.map((d) => ({ ...d })) : [];
  const traced = typeof y.column === 'string' ? derivedBase(view, y.column) : null;
  // derive steps of a count read its rows count, 'count', which no table column backs
  const base = aggregated && y.aggregate === 'count' && traced === 'count' ? null : traced;
  const spec = { filters };
  let yCol = y.column;
  if (aggregated) {
    spec.groupBy = series ? [x, series] : [x];
    const keys = new Set(spec.groupBy);
    const read = [base, ...derive.map((d) => derivedBase(view, d.column))];
    // for a count, 'count' is the row count written below, not a column to count
    const isRows = (c) => y.aggregate === 'count' && c === 'count';
    const columns = [...new Set(read.filter((c) => typeof c === 'string' && !keys.has(c) && !isRows(c)))];
    spec.aggregates = columns.map((c) => ({ op: y.aggregate, column: c, as: c }));
    if (y.aggregate === 'count') spec.aggregates.push({ op: 'count', as: 'count' });
    if (!yCol) yCol = 'count';
    // y of a group key (the count of x by x): its aggregate cannot take the
    // key's name, which the group's value holds, so it has its own
    if (yCol === base && keys.has(base)) {
      spec.aggregates.push({ op: y.aggregate, column: base, as: KEY_Y });
      yCol = KEY_Y;
    }
  }
  if (derive.length) spec.derive = derive;
  spec.sort = series ? [{ column: x }, { column: series }] : [{ column: x }];
  return { x, y: yCol, series, aggregated, base, spec };
}

export function countSpec(view, q) {
  const aggregates = [{ op: 'count', as: 'ev_n' }, { op: 'count', column: q.x, as: 'ev_nx' }];
  const derived = Array.isArray(view.derive) && view.derive.some((d) => d && d.as === q.base);
  if (q.base && !derived) aggregates.push({ op: 'count', column: q.base, as: 'ev_ny' });
  if (q.series) aggregates.push({ op: 'count', column: q.series, as: 'ev_ns' });
  return { filters: viewQuery(view).spec.filters, aggregates };
}

export function seriesSpec(view) {
  const column = view.series.column;
  return {
    filters: viewQuery(view).spec.filters,
    groupBy: [column],
    aggregates: [{ op: 'count', as: 'ev_n' }],
    sort: [{ column }],
  };
}

export function seriesFilter(q, values) {
  return { column: q.series, in: values };
}
