// provenance.js — sources: lookup, confidence (shared data rule 7) and the
// credit line.
//
// createProvenance(sourceRows) takes the rows of the `sources` table (id,
// publisher, title, url, date, confidence) and returns
//   entry(id)       → {id, publisher, title, url, date, confidence}; an
//                     unknown id gives an entry named after the id
//   onlyLow(row)    → true when every source of the row (`source` plus
//                     `also_sources`) is rated low confidence
//   ids(level)      → ids rated `level` ('low') or, with '!low', every other id
//   credit(marks)   → the sources to credit for drawn marks, one per
//                     publisher: those behind a drawn value first (primary:
//                     true), then corroborating ones; low confidence left out

export function idList(v) {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
}

export function createProvenance(rows) {
  const byId = new Map();
  for (const r of rows) if (typeof r.id === 'string' && !byId.has(r.id)) byId.set(r.id, r);

  function entry(id) {
    const r = byId.get(id);
    if (!r) return { id, publisher: String(id), title: '', url: null, date: null, confidence: null };
    return {
      id,
      publisher: r.publisher ?? id,
      title: r.title ?? '',
      url: typeof r.url === 'string' ? r.url : null,
      date: r.date ?? null,
      confidence: r.confidence ?? null,
    };
  }

  function onlyLow(row) {
    const all = [row.source, ...idList(row.also_sources)].filter((x) => typeof x === 'string');
    return all.length > 0 && all.every((id) => byId.get(id)?.confidence === 'low');
  }

  function ids(level) {
    const out = [];
    for (const [id, r] of byId) if ((r.confidence === 'low') === (level === 'low')) out.push(id);
    return out;
  }

  function credit(marks) {
    const out = [];
    const add = (src, primary) => {
      if (!src || src.confidence === 'low' || out.some((c) => c.publisher === src.publisher)) return;
      out.push({ ...src, primary });
    };
    for (const m of marks) if (!m.empty && !m.withheld) for (const s of m.sources ?? []) add(s, true);
    for (const m of marks) if (!m.empty && !m.withheld) for (const s of m.also ?? []) add(s, false);
    return out;
  }

  return { entry, onlyLow, ids, credit };
}
