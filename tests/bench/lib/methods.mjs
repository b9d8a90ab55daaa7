// methods.mjs — the contenders of the bench, the same code in Node and in
// Chromium. Libraries are passed in (deps), never imported here, so the
// smoke test runs the JS and engine methods with the main devDependencies
// only.
//
// Every method does the same work: bytes of a JSON array of flat records
// (as fetch() gives them) → a table in its own form (ingest) → sum of
// q.value and count of rows by q.key (groupBy). normalize() turns a groupBy
// result into Map(String(key) → {sum, count}) outside the timed part.

const decoder = new TextDecoder();

/** JSON.parse + a JS loop: the baseline every ratio is taken against. */
export function jsMethod() {
  return {
    id: 'js',
    label: 'JSON.parse + JS loop',
    ingest: (bytes) => JSON.parse(decoder.decode(bytes)),
    groupBy(records, q) {
      const groups = new Map();
      for (let i = 0; i < records.length; i++) {
        const r = records[i];
        const g = groups.get(r[q.key]);
        if (g === undefined) groups.set(r[q.key], { sum: r[q.value], count: 1 });
        else {
          g.sum += r[q.value];
          g.count++;
        }
      }
      return groups;
    },
    normalize(groups) {
      return new Map([...groups].map(([k, g]) => [String(k), g]));
    },
    dispose() {},
  };
}

/** True when the binding has helper A's stream ingest (engine.openStream). */
export function hasStreamPath(engine) {
  return typeof engine.openStream === 'function';
}

/** The engine: path 'tree' (cJSON) or 'stream' (the fast scanner). */
export function engineMethod(engine, path) {
  return {
    id: `engine-${path}`,
    label: path === 'stream' ? 'engine, stream path' : 'engine, cJSON tree path',
    available: path === 'stream' && !hasStreamPath(engine) ? 'n/a (not built)' : true,
    ingest(bytes) {
      const ds = engine.ingest(bytes, { path });
      return { ds, table: ds.table(ds.tableNames[0]) };
    },
    groupBy(state, q) {
      return engine.query(state.table, {
        groupBy: [q.key],
        aggregates: [{ op: 'sum', column: q.value, as: 'sum' }, { op: 'count', as: 'count' }],
      });
    },
    normalize(frame, q) {
      const keys = frame.col(q.key);
      const sums = frame.col('sum');
      const counts = frame.col('count');
      const out = new Map();
      for (let i = 0; i < frame.rowCount; i++) out.set(String(keys[i]), { sum: sums[i], count: counts[i] });
      return out;
    },
    dispose(state) {
      state.ds.free();
    },
  };
}

/** Arquero: its own JSON reader (aq.fromJSON on the text, row objects). */
export function arqueroMethod(aq) {
  return {
    id: 'arquero',
    label: 'Arquero (fromJSON)',
    ingest: (bytes) => aq.fromJSON(decoder.decode(bytes), { type: 'rows' }),
    groupBy: (table, q) => table.groupby(q.key).rollup({ sum: aq.op.sum(q.value), count: aq.op.count() }),
    normalize(t, q) {
      const keys = t.array(q.key);
      const sums = t.array('sum');
      const counts = t.array('count');
      const out = new Map();
      for (let i = 0; i < t.numRows(); i++) out.set(String(keys[i]), { sum: sums[i], count: Number(counts[i]) });
      return out;
    },
    dispose() {},
  };
}

/** DuckDB-WASM fed through Apache Arrow: JSON.parse → arrow.tableFromJSON →
 * insertArrowTable, then SQL. (Its JSON reader fetches an extension at run
 * time, which cannot work offline.) conn: a DuckDB connection, synchronous
 * (Node, blocking bindings) or asynchronous (browser, worker); awaited
 * either way. */
export function duckdbMethod(arrow, conn) {
  let seq = 0;
  const id = (s) => `"${s.replace(/"/g, '""')}"`;
  return {
    id: 'duckdb',
    label: 'DuckDB-WASM (via Arrow)',
    async ingest(bytes) {
      const name = `bench_${++seq}`;
      const table = arrow.tableFromJSON(JSON.parse(decoder.decode(bytes)));
      await conn.insertArrowTable(table, { name, create: true });
      return name;
    },
    groupBy: (name, q) =>
      conn.query(`SELECT ${id(q.key)} AS k, SUM(${id(q.value)}) AS sum, COUNT(*) AS count FROM ${id(name)} GROUP BY 1`),
    normalize(t) {
      const keys = t.getChild('k').toArray();
      const sums = t.getChild('sum').toArray();
      const counts = t.getChild('count').toArray();
      const out = new Map();
      for (let i = 0; i < t.numRows; i++) {
        const k = keys[i];
        out.set(String(typeof k === 'bigint' ? Number(k) : k), { sum: Number(sums[i]), count: Number(counts[i]) });
      }
      return out;
    },
    async dispose(name) {
      await conn.query(`DROP TABLE ${id(name)}`);
    },
  };
}

/** Compares two normalized results: same keys, same counts, sums equal to
 * a relative 1e-9 (summation order differs between methods). Returns null
 * when they agree, else a short reason. */
export function compareResults(ref, got) {
  if (ref.size !== got.size) return `${got.size} groups, expected ${ref.size}`;
  for (const [k, r] of ref) {
    const g = got.get(k);
    if (!g) return `group '${k}' missing`;
    if (g.count !== r.count) return `group '${k}': count ${g.count}, expected ${r.count}`;
    const tol = 1e-9 * Math.max(1, Math.abs(r.sum));
    if (!(Math.abs(g.sum - r.sum) <= tol)) return `group '${k}': sum ${g.sum}, expected ${r.sum}`;
  }
  return null;
}

/** Sum of a Float64Array with four accumulators: the JS side of the
 * memory-bandwidth floor (one pass over n doubles, as a group-by must at
 * least read its value column). */
export function jsSum(a) {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length - (a.length % 4);
  for (let i = 0; i < n; i += 4) {
    s0 += a[i];
    s1 += a[i + 1];
    s2 += a[i + 2];
    s3 += a[i + 3];
  }
  for (let i = n; i < a.length; i++) s0 += a[i];
  return s0 + s1 + s2 + s3;
}

// The WASM side of the floor: a module written out by hand here (no
// toolchain needed at run time) with one function, sum(ptr, end) -> f64,
// summing the doubles in [ptr, end) with four accumulators ((end - ptr) a
// multiple of 32 bytes), over a memory imported as m.mem.
function wasmSumBytes() {
  const u = (n) => [n]; // LEB128 of small (< 128) numbers
  const section = (id, body) => [id, ...u(body.length), ...body];
  const str = (s) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
  const [get, set, tee] = [0x20, 0x21, 0x22];
  const body = [
    1, 4, 0x7c, // locals: 4 × f64 (locals 2..5)
    0x02, 0x40, // block
    get, 0, get, 1, 0x4f, 0x0d, 0, // if ptr >= end: break
    0x03, 0x40, // loop
    ...[0, 8, 16, 24].flatMap((off, k) => [get, 2 + k, get, 0, 0x2b, 3, off, 0xa0, set, 2 + k]),
    get, 0, 0x41, 32, 0x6a, tee, 0, get, 1, 0x49, 0x0d, 0, // ptr += 32; continue while ptr < end
    0x0b, 0x0b, // end loop, end block
    get, 2, get, 3, 0xa0, get, 4, get, 5, 0xa0, 0xa0, // (s0 + s1) + (s2 + s3)
    0x0b,
  ];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 2, 0x7f, 0x7f, 1, 0x7c]),
    ...section(2, [1, ...str('m'), ...str('mem'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...str('sum'), 0x00, 0]),
    ...section(10, [1, ...u(body.length), ...body]),
  ]);
}

/** The WASM floor for doubles a (length a multiple of 4): returns {sum()}
 * that sums a copy of a held in the module's memory, or null when
 * WebAssembly is unavailable. */
export function wasmSummer(a) {
  if (typeof WebAssembly === 'undefined') return null;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((a.length * 8 + 1) / 65536) });
  new Float64Array(memory.buffer, 0, a.length).set(a);
  const inst = new WebAssembly.Instance(new WebAssembly.Module(wasmSumBytes()), { m: { mem: memory } });
  const end = (a.length - (a.length % 4)) * 8;
  return { sum: () => inst.exports.sum(0, end) };
}
