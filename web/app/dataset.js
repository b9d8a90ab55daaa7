// dataset.js — bytes in, a checked dataset out.
//
// fetchBytes(url, t) → Promise<Uint8Array>; rejects with a reader-facing
//   Error (t = copy) for a network failure or an HTTP error status. A data
//   file inlined in the page under that url (see inlineAsset) is used
//   without fetching.
// openDataset(engine, input, t, required?) → { ds, input, prov, name }: ingests `input`
//   (JSON text or UTF-8 bytes), checks that every table in `required` (default:
//   none; the story page passes the tables its description reads) is there, and reads the sources
//   (provenance; none without a `sources` table) and the names (i18n namer;
//   the data's keys without a `countries` table).
//   Throws EngineError or ModelError; on failure the ingested tables are
//   freed. On success the caller owns `ds` (free it with ds.free()).

import { ModelError } from '../core/frame.js';
import { makeNamer } from '../core/i18n.js';
import { createProvenance } from '../core/provenance.js';

export async function fetchBytes(url, t) {
  const inline = inlineAsset(url);
  if (inline !== null) return inline;
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(t.errors.fetch(url, e.message));
  }
  if (!res.ok) throw new Error(t.errors.http(url, res.status));
  return new Uint8Array(await res.arrayBuffer());
}

// The text of <script type="application/json" data-src="<url>"> as UTF-8
// bytes, or null: the offline file (./build.sh dist) carries its data files
// this way, since a page opened from file: cannot fetch them.
function inlineAsset(url) {
  if (typeof document === 'undefined') return null;
  for (const el of document.querySelectorAll('script[type="application/json"][data-src]')) {
    if (el.dataset.src === url) return new TextEncoder().encode(el.textContent);
  }
  return null;
}

export function openDataset(engine, input, t, required = []) {
  const ds = engine.ingest(input);
  const rowsOf = (name) => (ds.has(name) ? engine.read(ds.table(name)).rows() : []);
  try {
    for (const name of required) {
      if (!ds.has(name)) throw new ModelError(t.errors.noTable(name, ds.tableNames));
    }
    return {
      ds,
      input,
      prov: createProvenance(rowsOf('sources')),
      name: makeNamer(rowsOf('countries'), rowsOf('names')),
    };
  } catch (e) {
    if (!engine.dead) ds.free();
    throw e;
  }
}
