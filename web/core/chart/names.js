// chart/names.js — reader names of data values from a description's
// document `names` (data/CHART_FORMAT.md): each entry a table whose rows
// map a value (column `key`) of a kind (`kind`, or each row's
// `kind_column`) to a name per locale (`text`: {locale: column}).
//
// namesOf(ctx, doc) → lookup(kind, value, locale) → the name of `value`
//   under `kind` in `locale`, falling back to the default locale's
//   (ctx.defaultLocale), then to the value itself as text. Earlier entries
//   win where two give the same kind and value. Reads each entry's table
//   once through the engine (ctx.q); entries whose table is missing are
//   skipped. Without names, the lookup returns the value as text.

const keyText = (v) => (v === null || v === undefined ? '' : String(v));

export function namesOf(ctx, doc) {
  const list = doc && Array.isArray(doc.names) ? doc.names : [];
  const byKind = new Map();
  for (const n of list) {
    if (!n || typeof n.table !== 'string' || typeof n.key !== 'string' || !n.text || typeof n.text !== 'object') continue;
    let rows;
    try {
      rows = ctx.q(n.table, {}).rows();
    } catch {
      continue;
    }
    for (const r of rows) {
      const kind = typeof n.kind === 'string' ? n.kind : typeof n.kind_column === 'string' ? r[n.kind_column] : null;
      const key = r[n.key];
      if (typeof kind !== 'string' || key === null || key === undefined) continue;
      if (!byKind.has(kind)) byKind.set(kind, new Map());
      const m = byKind.get(kind);
      if (m.has(keyText(key))) continue;
      const names = {};
      for (const [locale, column] of Object.entries(n.text)) if (typeof r[column] === 'string' && r[column]) names[locale] = r[column];
      m.set(keyText(key), names);
    }
  }
  return (kind, value, locale) => {
    const m = typeof kind === 'string' ? byKind.get(kind) : null;
    const names = m ? m.get(keyText(value)) : null;
    if (!names) return keyText(value);
    return names[locale] ?? names[ctx.defaultLocale] ?? keyText(value);
  };
}
