// dataset.js — bytes in, a checked dataset out.
//
// fetchBytes(url, t) → Promise<Uint8Array>; rejects with a reader-facing
//   Error (t = copy) for a network failure or an HTTP error status.
// openDataset(engine, input, t) → { ds, input, prov, name }: ingests `input`
//   (JSON text or UTF-8 bytes), checks that every table the views read is
//   there, and reads the sources (provenance) and the names (i18n namer).
//   Throws EngineError or ModelError; on failure the ingested tables are
//   freed. On success the caller owns `ds` (free it with ds.free()).

import { ModelError } from '../core/frame.js';
import { makeNamer } from '../core/i18n.js';
import { createProvenance } from '../core/provenance.js';
import { REQUIRED_TABLES } from '../core/views/index.js';

export async function fetchBytes(url, t) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(t.errors.fetch(url, e.message));
  }
  if (!res.ok) throw new Error(t.errors.http(url, res.status));
  return new Uint8Array(await res.arrayBuffer());
}

export function openDataset(engine, input, t) {
  const ds = engine.ingest(input);
  try {
    for (const name of REQUIRED_TABLES) {
      if (!ds.has(name)) throw new ModelError(t.errors.noTable(name, ds.tableNames));
    }
    return {
      ds,
      input,
      prov: createProvenance(engine.read(ds.table('sources')).rows()),
      name: makeNamer(engine.read(ds.table('countries')).rows(), ds.has('names') ? engine.read(ds.table('names')).rows() : []),
    };
  } catch (e) {
    if (!engine.dead) ds.free();
    throw e;
  }
}
