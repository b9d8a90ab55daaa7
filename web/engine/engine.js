// engine.js — the one module that talks to the WebAssembly engine.
//
// It loads the Emscripten module (a MODULARIZE factory), copies bytes in,
// reads results out of WASM memory into plain JS values, and turns negative
// status codes into EngineError exceptions. Nothing else touches HEAP*.
// Constants (status codes, column types, aggregate and derive ops, limits)
// come from the engine's own ABI description, never hard-coded here.
//
// Lifetimes: a Dataset owns C tables and must be freed (dataset.free()).
// query()/read()/ticks()/nice() return plain JS values; the C result tables
// behind them are freed before they return.

const ABI_VERSION = 1;
// The settings a derive step may have (engine.query's `derive`).
const DERIVE_KEYS = new Set(['op', 'column', 'as', 'by', 'partition', 'order', 'key', 'denominator', 'base', 'step',
  'window']);
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** An engine failure. code is a status name ('PARSE', 'TYPE', ... or 'TRAP'
 * when the WASM instance crashed and must be replaced). */
export class EngineError extends Error {
  constructor(code, status, message) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.status = status;
  }
}

/** A query or read result: columns copied out of the engine.
 * col(name): number → Float64Array (NaN = missing); string → (string|null)[];
 * boolean → (boolean|null)[]; json → parsed values or null. */
export class Frame {
  constructor(name, rowCount, columns, values) {
    this.name = name;
    this.rowCount = rowCount;
    this.columns = columns; // [{name, type}]
    this._values = values; // Map name -> values
  }
  has(name) {
    return this._values.has(name);
  }
  col(name) {
    const v = this._values.get(name);
    if (v === undefined) {
      throw new EngineError('COLUMN', -9, `result of '${this.name}' has no column '${name}'`);
    }
    return v;
  }
  /** Rows as plain objects; missing values are null. Every column is an own
   * property, whatever its name: a column named `__proto__` is a value,
   * never the row's prototype (Object.fromEntries defines, not assigns). */
  rows() {
    const out = [];
    const cols = this.columns.map(({ name, type }) => [name, type === 'number', this._values.get(name)]);
    for (let i = 0; i < this.rowCount; i++) {
      out.push(Object.fromEntries(cols.map(([name, num, v]) => [name, num && Number.isNaN(v[i]) ? null : v[i]])));
    }
    return out;
  }
}

/** Loads the engine. factory: the Emscripten module factory (createEvEngine);
 * wasmBinary: the .wasm bytes (required in Node, optional in browsers). */
export async function createEngine({ factory, wasmBinary, locateFile } = {}) {
  if (typeof factory !== 'function') {
    throw new EngineError('ARG', -1, 'createEngine: the engine script (build/engine.js) is not loaded');
  }
  const options = {};
  if (wasmBinary) options.wasmBinary = wasmBinary;
  if (locateFile) options.locateFile = locateFile;
  const mod = await factory(options);
  return new Engine(mod);
}

class Engine {
  constructor(mod) {
    this._mod = mod;
    this._dead = false;
    this._deadWhy = '';
    this.abi = JSON.parse(this._string(mod._api_abi()));
    if (this.abi.version !== ABI_VERSION) {
      throw new EngineError('ARG', -1, `engine ABI version ${this.abi.version}, binding expects ${ABI_VERSION}`);
    }
    this._statusName = new Map(Object.entries(this.abi.status).map(([k, v]) => [v, k]));
    this._typeName = new Map(Object.entries(this.abi.col_type).map(([k, v]) => [v, k]));
    this.limits = this.abi.limits;
  }

  // ---- low level --------------------------------------------------------

  _string(ptr) {
    return this._mod.UTF8ToString(ptr);
  }

  /** Calls export `name`; throws EngineError for a negative result or a trap. */
  _call(name, ...args) {
    if (this._dead) throw new EngineError('TRAP', 0, this._deadWhy);
    let rc;
    try {
      rc = this._mod['_' + name](...args);
    } catch (e) {
      this._dead = true;
      this._deadWhy = 'the engine stopped after an earlier crash; reload it';
      throw new EngineError('TRAP', 0, `the engine crashed in ${name}: ${e && e.message}`);
    }
    if (rc < 0) {
      const code = this._statusName.get(rc) || 'UNKNOWN';
      const message = this._string(this._mod._api_last_error()) || `${name} failed (${code})`;
      throw new EngineError(code, rc, message);
    }
    return rc;
  }

  /** Copies bytes into WASM memory, runs fn(ptr, len), frees them. */
  _withBytes(bytes, fn) {
    const ptr = this._call('api_alloc', bytes.length + 1);
    try {
      this._mod.HEAPU8.set(bytes, ptr);
      this._mod.HEAPU8[ptr + bytes.length] = 0;
      return fn(ptr, bytes.length);
    } finally {
      this._mod._api_free(ptr);
    }
  }

  _withString(s, fn) {
    return this._withBytes(encoder.encode(String(s)), (ptr) => fn(ptr));
  }

  _withStrings(list, fn) {
    const ptrs = [];
    try {
      for (const s of list) {
        if (s == null) {
          ptrs.push(0);
          continue;
        }
        const bytes = encoder.encode(String(s));
        const ptr = this._call('api_alloc', bytes.length + 1);
        this._mod.HEAPU8.set(bytes, ptr);
        this._mod.HEAPU8[ptr + bytes.length] = 0;
        ptrs.push(ptr);
      }
      return fn(...ptrs);
    } finally {
      for (const p of ptrs) if (p) this._mod._api_free(p);
    }
  }

  /** Copies table h out of WASM memory into a Frame. */
  _readTable(h) {
    const rows = this._call('api_table_rows', h);
    const ncols = this._call('api_table_cols', h);
    const name = this._string(this._call('api_table_name', h));
    const columns = [];
    const values = new Map();
    for (let i = 0; i < ncols; i++) {
      const colName = this._string(this._call('api_col_name', h, i));
      const type = this._typeName.get(this._call('api_col_type', h, i));
      const ptr = this._call('api_col_data', h, i);
      let v;
      if (type === 'number' || type === 'boolean') {
        // re-read HEAPF64 after every call: memory growth detaches old views
        const nums = this._mod.HEAPF64.slice(ptr / 8, ptr / 8 + rows);
        v = type === 'number' ? nums : Array.from(nums, (x) => (Number.isNaN(x) ? null : x === 1));
      } else {
        const codes = this._mod.HEAP32.slice(ptr / 4, ptr / 4 + rows);
        const n = this._call('api_col_dict_count', h, i);
        const dict = new Array(n);
        for (let k = 0; k < n; k++) {
          const sp = this._call('api_col_dict_str', h, i, k);
          const len = this._call('api_col_dict_len', h, i, k);
          dict[k] = decoder.decode(this._mod.HEAPU8.subarray(sp, sp + len));
        }
        const decoded = type === 'json' ? dict.map((s) => JSON.parse(s)) : dict;
        v = Array.from(codes, (c) => (c < 0 ? null : decoded[c]));
      }
      columns.push({ name: colName, type });
      values.set(colName, v);
    }
    return new Frame(name, rows, columns, values);
  }

  _readAndFree(h) {
    try {
      return this._readTable(h);
    } finally {
      if (!this._dead) this._mod._api_table_free(h);
    }
  }

  // ---- public -----------------------------------------------------------

  /** True once a trap or discard() has made this instance unusable. */
  get dead() {
    return this._dead;
  }

  /** Bytes of WASM memory this instance holds (it grows up to the build's
   * ceiling, 1 GiB, and never shrinks). */
  get memoryBytes() {
    return this._mod.HEAPU8.length;
  }

  /** Gives up this instance, e.g. after NOMEM left its memory grown: later
   * calls throw TRAP with `why`; handles need no freeing. The caller drops
   * its references so that the memory can be collected. */
  discard(why = 'this engine instance was discarded') {
    this._dead = true;
    this._deadWhy = `${why}; load the data into a new instance`;
  }

  /** Ingests a JSON document (string or Uint8Array) into a Dataset.
   * path: 'tree' (strict check + cJSON tree, inputs up to
   * limits.max_input_bytes), 'stream' (the strict push scanner straight to
   * columns, up to limits.max_stream_input_bytes) or 'auto': the stream
   * path from STREAM_AUTO_MIN_BYTES on (and always past the tree path's
   * limit), the tree path below. Both paths give the same tables or the
   * same error for every input (README "Input"). */
  ingest(input, { path = 'auto' } = {}) {
    const bytes = typeof input === 'string' ? encoder.encode(input) : input;
    if (!(bytes instanceof Uint8Array)) {
      throw new EngineError('ARG', -1, 'ingest: expected a string or a Uint8Array');
    }
    if (path !== 'auto' && path !== 'stream' && path !== 'tree') {
      throw new EngineError('ARG', -1, `ingest: path must be 'auto', 'stream' or 'tree', not '${path}'`);
    }
    if (path === 'stream' || (path === 'auto' && ingestPath(bytes.length, this.limits) === 'stream')) {
      const stream = this.openStream({ totalBytes: bytes.length });
      try {
        stream.feed(bytes);
        return stream.finish();
      } finally {
        stream.cancel();
      }
    }
    if (bytes.length > this.limits.max_input_bytes) {
      throw new EngineError(
        'LIMIT',
        this.abi.status.LIMIT,
        `input is ${bytes.length} bytes, over the limit of ${this.limits.max_input_bytes} bytes`,
      );
    }
    const cap = this.limits.max_tables;
    const out = this._call('api_alloc', cap * 4);
    try {
      const n = this._withBytes(bytes, (ptr, len) => this._call('api_ingest_json', ptr, len, out, cap));
      const handles = Array.from(this._mod.HEAP32.subarray(out / 4, out / 4 + n));
      return new Dataset(this, handles);
    } finally {
      this._mod._api_free(out);
    }
  }

  /** Opens a stream ingest (the stream path): feed(Uint8Array | string)
   * any number of chunks (they may split anything), then finish() returns a
   * Dataset, or cancel() frees everything. totalBytes, if known, is checked
   * against limits.max_stream_input_bytes before anything is read. An error
   * from feed or finish ends the stream (its memory is freed). */
  openStream({ totalBytes } = {}) {
    const total = totalBytes == null ? NaN : Number(totalBytes);
    return new IngestStream(this, this._call('api_stream_open', total));
  }

  /** Runs a query spec on a TableRef and returns the result Frame.
   * spec: { filters: [{column, in: [...]}, {column, eq: v}, {column, range: [lo, hi]}],
   *         groupBy: [col, col?], aggregates: [{op, column?, as?}],
   *         derive: [{op, column, as?, ...}], sort: [{column, desc?}] }
   * The stages run in this order: filter, group + aggregate, derive, sort.
   * Each derive step appends one number column (named `as`, by default
   * `<op>_<column>`) computed from the output of the stages before it (and of
   * earlier derive steps); rows keep their order. Ops (wasm/derive.h):
   *   {op:'share', column, by?}                   value / sum of its group
   *   {op:'ratio', column, by?, key, denominator} value / the value of the row of
   *                                               its group whose key = denominator
   *   {op:'index', column, order, base, partition?}     100 * value / value at base
   *   {op:'change' | 'pct_change', column, order, step?, partition?}
   *   {op:'cumsum', column, order, partition?}
   *   {op:'rolling_mean', column, order, window, step?, partition?}
   * by and partition (one or the other) are arrays of column names; order is a
   * number column (e.g. year). Missing stays missing: a gap in the years, an
   * absent or zero denominator or base, or a missing value gives null, never a
   * guess. */
  query(table, spec = {}) {
    const th = table.handle;
    const q = this._call('api_query_new');
    try {
      this._buildQuery(q, spec);
      return this._readAndFree(this._call('api_query_run', q, th));
    } finally {
      if (!this._dead) this._mod._api_query_free(q);
    }
  }

  /** Adds the stages of a query spec (see query()) to query handle q. */
  _buildQuery(q, spec) {
    for (const f of spec.filters || []) this._addFilter(q, f);
    for (const key of spec.groupBy || []) this._withString(key, (p) => this._call('api_query_group', q, p));
    for (const a of spec.aggregates || []) {
      const op = this.abi.agg[a.op];
      if (op === undefined) throw new EngineError('ARG', -1, `unknown aggregate '${a.op}'`);
      this._withStrings([a.column, a.as], (c, as) => this._call('api_query_aggregate', q, op, c, as));
    }
    (spec.derive || []).forEach((d, i) => this._addDerive(q, d, i + 1));
    for (const s of spec.sort || []) {
      this._withString(s.column, (p) => this._call('api_query_sort', q, p, s.desc ? 1 : 0));
    }
  }

  /** The points of a line of number column `y` against number column `x`
   * of a TableRef, decimated for drawing `pixels` columns wide over x in
   * [from, to] (wasm/decimate.h): per pixel column, the first, lowest,
   * highest and last point of each unbroken run, in x order, plus the
   * nearest point on each side of the range; a row with y = NaN (x the
   * row's own) wherever the line has a gap. x must be sorted (ascending;
   * otherwise EngineError('DATA') naming the row). pixels: 1 ..
   * limits.max_decimate_pixels. Returns a Frame with Float64Arrays x, y and
   * row (the point's 0-based row in the table).
   * The spec may also hold the stages of query() (filters, groupBy,
   * aggregates, derive, sort): the line is then drawn from the query's
   * result, in one call, without copying it out. With filters only, row is
   * the row of the table itself; otherwise the row of the query's result. */
  decimate(table, spec = {}) {
    const { x, y, from, to, pixels } = spec;
    const bad = (msg) => new EngineError('ARG', this.abi.status.ARG, `decimate: ${msg}`);
    if (typeof x !== 'string' || typeof y !== 'string') throw bad("'x' and 'y' must be column names");
    if (typeof from !== 'number' || typeof to !== 'number') throw bad("'from' and 'to' must be numbers");
    if (!Number.isInteger(pixels)) throw bad(`'pixels' must be a whole number, got ${pixels}`);
    // beyond int32, clamp (rather than let the call wrap it) so the engine still names the limit
    const px = Math.abs(pixels) < 2 ** 31 ? pixels : pixels > 0 ? this.limits.max_decimate_pixels + 1 : -1;
    const stages = ['filters', 'groupBy', 'aggregates', 'derive', 'sort'];
    const q = stages.some((k) => spec[k] != null) ? this._call('api_query_new') : 0;
    try {
      if (q) this._buildQuery(q, spec);
      const h = this._withStrings([x, y], (px_, py) => this._call('api_decimate', q, table.handle, px_, py, from, to, px));
      return this._readAndFree(h);
    } finally {
      if (q && !this._dead) this._mod._api_query_free(q);
    }
  }

  _addFilter(q, f) {
    if (f.range) {
      const [lo, hi] = f.range;
      this._withString(f.column, (p) =>
        this._call('api_query_filter_range', q, p, lo == null ? NaN : lo, hi == null ? NaN : hi),
      );
      return;
    }
    const values = 'eq' in f ? [f.eq] : f.in;
    if (!Array.isArray(values)) {
      throw new EngineError('ARG', -1, `filter on '${f.column}' needs 'eq', 'in' or 'range'`);
    }
    this._withString(f.column, (p) => this._call('api_query_filter_in', q, p));
    for (const v of values) {
      // null/undefined stand for "missing", which never matches: leave it out
      // (Number(null) would be 0 and match zeros)
      if (v == null) continue;
      if (typeof v === 'string') this._withString(v, (p) => this._call('api_query_filter_add_string', q, p));
      else if (typeof v === 'boolean') this._call('api_query_filter_add_number', q, v ? 1 : 0);
      else this._call('api_query_filter_add_number', q, Number(v));
    }
  }

  _addDerive(q, d, n) {
    const where = `derive ${n}${d && typeof d.op === 'string' ? ` (${d.op})` : ''}`;
    const argError = (msg) => new EngineError('ARG', this.abi.status.ARG, `query: ${where}: ${msg}`);
    if (d === null || typeof d !== 'object' || Array.isArray(d)) throw argError('expected an object');
    for (const k of Object.keys(d)) {
      if (!DERIVE_KEYS.has(k)) throw argError(`unknown setting '${k}'`);
    }
    const op = Object.hasOwn(this.abi.derive, d.op) ? this.abi.derive[d.op] : undefined;
    if (op === undefined) throw argError(`unknown op '${d.op}'`);
    if (d.by != null && d.partition != null) throw argError("give 'by' or 'partition', not both");
    const by = d.by ?? d.partition ?? [];
    if (!Array.isArray(by)) throw argError(`'${d.by != null ? 'by' : 'partition'}' must be an array of column names`);
    this._withStrings([d.column, d.as], (c, as) => this._call('api_query_derive', q, op, c, as));
    for (const col of by) this._withStrings([col], (p) => this._call('api_query_derive_by', q, p));
    if (d.order != null) this._withStrings([d.order], (p) => this._call('api_query_derive_order', q, p));
    if (d.key != null) this._withStrings([d.key], (p) => this._call('api_query_derive_key', q, p));
    if (d.denominator != null) {
      const v = d.denominator;
      if (typeof v === 'string') this._withString(v, (p) => this._call('api_query_derive_denominator_string', q, p));
      else if (typeof v === 'boolean') this._call('api_query_derive_denominator_number', q, v ? 1 : 0);
      else if (typeof v === 'number') this._call('api_query_derive_denominator_number', q, v);
      else throw argError('the denominator must be a string, number or boolean');
    }
    for (const [name, fn] of [['base', 'api_query_derive_base'], ['step', 'api_query_derive_step'],
      ['window', 'api_query_derive_window']]) {
      if (d[name] == null) continue;
      if (typeof d[name] !== 'number') throw argError(`${name} must be a number`);
      this._call(fn, q, d[name]);
    }
  }

  /** All rows of a TableRef as a Frame. */
  read(table) {
    return this.query(table, {});
  }

  /** Nice tick values within [lo, hi], about count of them. With {log: true}
   * (lo, hi > 0): powers of ten, plus 2x and 5x multiples when the powers are
   * fewer than count / 2 (wasm/scale.h). */
  ticks(lo, hi, count = 5, { log = false } = {}) {
    const h = log ? this._call('api_log_ticks', lo, hi, count) : this._call('api_ticks', lo, hi, count);
    return Array.from(this._readAndFree(h).col('value'));
  }

  /** [lo, hi] widened outward to multiples of the tick step; with {log: true}
   * to powers of ten (count is then not used). */
  nice(lo, hi, count = 5, { log = false } = {}) {
    const h = log ? this._call('api_log_nice', lo, hi) : this._call('api_nice', lo, hi, count);
    const f = this._readAndFree(h);
    return [f.col('lo')[0], f.col('hi')[0]];
  }

  /** Copies number arrays into WASM memory as f64, runs fn(...ptrs), frees. */
  _withDoubles(arrays, fn) {
    const ptrs = [];
    try {
      for (const a of arrays) {
        const ptr = this._call('api_alloc', Math.max(1, a.length) * 8);
        this._mod.HEAPF64.set(Float64Array.from(a, (v) => (v == null ? NaN : Number(v))), ptr / 8);
        ptrs.push(ptr);
      }
      return fn(...ptrs);
    } finally {
      for (const p of ptrs) this._mod._api_free(p);
    }
  }

  /** The engine's code for name in ABI table kind ('trend', 'projection'). */
  _code(kind, name) {
    const table = this.abi[kind];
    if (!Object.hasOwn(table, name)) {
      const what = kind === 'trend' ? 'trend method' : kind;
      throw new EngineError('ARG', this.abi.status.ARG, `unknown ${what} '${name}' (known: ${Object.keys(table).join(', ')})`);
    }
    return table[name];
  }

  /** A trend projection of the points {x: [...], y: [...]} (missing y as
   * null or NaN). opts: {method: 'linear'|'loglinear'|'holt', level = 0.95,
   * horizon = 0, step = 1, alpha, beta}. Returns {points, fit}: points is a
   * Frame (x, y, lo, hi, projected) — fitted values first, then the
   * projection with its prediction interval; fit holds the diagnostics named
   * by the ABI's trend_fit list (n, df, r2, rse, intercept, slope, growth,
   * alpha, beta, quantile; null where not applicable). Throws
   * EngineError('DATA') when the engine declines (too few points, a constant
   * series, y <= 0 for log-linear). */
  trend({ x, y }, { method, level = 0.95, horizon = 0, step = 1, alpha = NaN, beta = NaN } = {}) {
    if (!x || !y || x.length !== y.length) {
      throw new EngineError('ARG', this.abi.status.ARG, 'trend: x and y must be arrays of the same length');
    }
    const m = this._code('trend', method);
    const fields = this.abi.trend_fit;
    const out = this._call('api_alloc', fields.length * 8);
    try {
      const h = this._withDoubles([x, y], (px, py) =>
        this._call('api_trend', px, py, x.length, m, level, horizon, step, alpha ?? NaN, beta ?? NaN, out));
      const values = this._mod.HEAPF64.slice(out / 8, out / 8 + fields.length);
      const fit = {};
      fields.forEach((name, i) => { fit[name] = Number.isNaN(values[i]) ? null : values[i]; });
      return { points: this._readAndFree(h), fit };
    } finally {
      this._mod._api_free(out);
    }
  }

  /** Decodes object `object` of a TopoJSON document (string or bytes) into
   * engine-owned shapes. Free them with shapes.free(). */
  loadShapes(input, object) {
    const bytes = typeof input === 'string' ? encoder.encode(input) : input;
    const h = this._withBytes(bytes, (ptr, len) =>
      this._withString(object, (o) => this._call('api_geo_load', ptr, len, o)));
    const engine = this;
    return {
      handle: h,
      geometryCount: this._call('api_geo_count', h),
      free() {
        if (!engine._dead) engine._mod._api_geo_free(h);
      },
    };
  }

  /** The decoded rings of shapes: [{lon: Float64Array, lat: Float64Array}]. */
  mapRings(shapes) {
    const f = this._readAndFree(this._call('api_geo_rings', shapes.handle));
    return splitAtBreaks(f.col('lon'), f.col('lat')).map(([lon, lat]) => ({ lon, lat }));
  }

  /** A point per geometry (id, name, lon, lat): see wasm/geo.h. */
  mapPoints(shapes) {
    return this._readAndFree(this._call('api_geo_points', shapes.handle));
  }

  /** The view {projection, k, tx, ty} that fits box [lon0, lat0, lon1, lat1]
   * (degrees) into width × height pixels less padding. */
  fitMap(projection, [lon0, lat0, lon1, lat1], width, height, padding = 0) {
    const f = this._readAndFree(this._call('api_geo_fit', this._code('projection', projection),
      lon0, lat0, lon1, lat1, width, height, padding));
    return { projection, k: f.col('k')[0], tx: f.col('tx')[0], ty: f.col('ty')[0] };
  }

  /** Every ring of shapes projected through view, in pixels, as one x and
   * one y array with NaN after each ring (start a new subpath there). */
  mapPath(shapes, view) {
    const f = this._readAndFree(this._call('api_geo_path', shapes.handle,
      this._code('projection', view.projection), view.k, view.tx, view.ty));
    return { x: f.col('x'), y: f.col('y') };
  }

  _convert(projection, mode, view, a, b) {
    const p = this._code('projection', projection);
    const f = this._withDoubles([a, b], (pa, pb) =>
      this._readAndFree(this._call('api_geo_convert', p, mode, view.k, view.tx, view.ty, pa, pb, a.length)));
    return f;
  }

  /** Degrees to pixels through view: {x, y}. */
  project(view, lon, lat) {
    const f = this._convert(view.projection, 0, view, lon, lat);
    return { x: f.col('x'), y: f.col('y') };
  }

  /** Pixels to [lon, lat] degrees through view, or null outside the map. */
  invert(view, px, py) {
    const f = this._convert(view.projection, 1, view, [px], [py]);
    const lon = f.col('lon')[0];
    return Number.isNaN(lon) ? null : [lon, f.col('lat')[0]];
  }

  /** Raw projection of radians: {x, y} (y north), for tests and tools. */
  projectRaw(projection, lambda, phi) {
    const f = this._convert(projection, 2, { k: 1, tx: 0, ty: 0 }, lambda, phi);
    return { x: f.col('x'), y: f.col('y') };
  }

  /** Raw inverse: {lambda, phi} in radians. */
  invertRaw(projection, x, y) {
    const f = this._convert(projection, 3, { k: 1, tx: 0, ty: 0 }, x, y);
    return { lambda: f.col('lambda'), phi: f.col('phi') };
  }

  // ---- table export / import (wasm/table_io.h) -------------------------

  /** The TableRef's table as one buffer in the engine's table format
   * (wasm/table_io.h: little-endian; name, rows, typed columns with their
   * dictionaries). A copy out of WASM memory: its .buffer can be
   * transferred to a worker or page (postMessage) without another copy. */
  exportTable(table) {
    const lenPtr = this._call('api_alloc', 4);
    try {
      const ptr = this._call('api_table_export', table.handle, lenPtr);
      const len = this._mod.HEAP32[lenPtr / 4];
      try {
        return this._mod.HEAPU8.slice(ptr, ptr + len);
      } finally {
        this._mod._api_free(ptr);
      }
    } finally {
      if (!this._dead) this._mod._api_free(lenPtr);
    }
  }

  /** Builds a Dataset from buffers made by exportTable (in this or another
   * engine instance). Every buffer is checked completely (lengths, types,
   * UTF-8, codes within their dictionaries, names, the row and column
   * limits); a bad one throws EngineError ('PARSE' or 'LIMIT', the message
   * naming the buffer, table, column and byte) and nothing is kept. Table
   * names must be distinct. */
  importTables(buffers) {
    const list = Array.from(buffers ?? []);
    if (list.length > this.limits.max_tables) {
      throw new EngineError('LIMIT', this.abi.status.LIMIT,
        `importTables: ${list.length} tables, over the limit of ${this.limits.max_tables}`);
    }
    const handles = [];
    const names = new Set();
    try {
      list.forEach((b, i) => {
        const bytes = b instanceof ArrayBuffer ? new Uint8Array(b) : b;
        if (!(bytes instanceof Uint8Array)) {
          throw new EngineError('ARG', this.abi.status.ARG, `importTables: buffer ${i + 1} is not a Uint8Array or ArrayBuffer`);
        }
        const ptr = this._call('api_buffer_alloc', bytes.length);
        let h;
        try {
          this._mod.HEAPU8.set(bytes, ptr);
          h = this._call('api_table_import', ptr, bytes.length);
        } catch (e) {
          if (e instanceof EngineError) e.message = `importTables: buffer ${i + 1}: ${e.message}`;
          throw e;
        } finally {
          if (!this._dead) this._mod._api_free(ptr);
        }
        handles.push(h);
        const name = this._string(this._call('api_table_name', h));
        if (names.has(name)) {
          throw new EngineError('ARG', this.abi.status.ARG, `importTables: buffer ${i + 1}: a second table named '${name}'`);
        }
        names.add(name);
      });
      return new Dataset(this, handles);
    } catch (e) {
      if (!this._dead) for (const h of handles) this._mod._api_table_free(h);
      throw e;
    }
  }

  /** Checks a chart description (data/CHART_FORMAT.md, 'ev-chart/1'; JSON
   * text or a plain object) against a Dataset from ingest(). Returns the
   * description normalised (every key present, defaults written, Text as
   * {locale: string}), or throws EngineError whose message starts with the
   * path of the first fault ('views[0].y.column: ...'; wasm/chart_desc.h).
   * Its limits (the JSON text's bytes, a Text's bytes, counts of views,
   * locales, lists, derive steps...) are limits.chart_max_*, for editors
   * that want to warn before checking. */
  checkChart(description, dataset) {
    let text = description;
    if (typeof description !== 'string') {
      const proto = description === null || typeof description !== 'object' ? undefined : Object.getPrototypeOf(description);
      if (proto !== Object.prototype && proto !== null) {
        throw new EngineError('ARG', this.abi.status.ARG, 'checkChart: the description must be JSON text or a plain object');
      }
      try {
        text = JSON.stringify(description);
      } catch (e) {
        throw new EngineError('ARG', this.abi.status.ARG, `checkChart: the description is not JSON: ${e.message}`);
      }
    }
    if (!(dataset instanceof Dataset) || dataset._engine !== this) {
      throw new EngineError('ARG', this.abi.status.ARG, 'checkChart: the dataset must come from this engine (ingest or importTables)');
    }
    const handles = [...dataset._tables.values()].map((t) => t.handle);
    const mem = this._call('api_alloc', 4 * (handles.length + 1));
    try {
      this._mod.HEAP32.set(handles, mem / 4 + 1);
      const ptr = this._withBytes(encoder.encode(text), (p, len) =>
        this._call('api_chart_check', p, len, mem + 4, handles.length, mem));
      try {
        const len = this._mod.HEAP32[mem / 4];
        return JSON.parse(decoder.decode(this._mod.HEAPU8.subarray(ptr, ptr + len)));
      } finally {
        this._mod._api_free(ptr);
      }
    } finally {
      if (!this._dead) this._mod._api_free(mem);
    }
  }

  /** Number of live C objects (tables, queries); for leak checks. */
  liveObjects() {
    return this._call('api_live_objects');
  }
}

/** Splits parallel arrays at NaN break rows into [a, b] pieces. */
function splitAtBreaks(a, b) {
  const out = [];
  let start = 0;
  for (let i = 0; i <= a.length; i++) {
    if (i === a.length || Number.isNaN(a[i])) {
      if (i > start) out.push([a.slice(start, i), b.slice(start, i)]);
      start = i + 1;
    }
  }
  return out;
}

/** Inputs from this size on take the stream path under path 'auto'. */
export const STREAM_AUTO_MIN_BYTES = 64 * 1024;

/** The path 'auto' takes for an input of byteLength bytes. */
export function ingestPath(byteLength, limits) {
  return byteLength >= STREAM_AUTO_MIN_BYTES || byteLength > limits.max_input_bytes ? 'stream' : 'tree';
}

/** Bytes copied into WASM memory per api_stream_feed call. */
const STREAM_CHUNK = 1 << 20;

/** A stream ingest in progress (Engine.openStream). */
class IngestStream {
  constructor(engine, handle) {
    this._engine = engine;
    this._h = handle;
    this._buf = 0;
    this._done = false;
    this._bytes = 0;
    this._rows = 0;
  }
  /** Scans the next chunk. Throws EngineError (PARSE, LIMIT, NOMEM) at the
   * first syntax error, which ends the stream. */
  feed(chunk) {
    const e = this._engine;
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    if (!(bytes instanceof Uint8Array)) {
      throw new EngineError('ARG', -1, 'stream: feed expects a Uint8Array or a string');
    }
    if (this._done) throw new EngineError('ARG', -1, 'stream: already finished or cancelled');
    try {
      for (let off = 0; off < bytes.length; off += STREAM_CHUNK) {
        const piece = bytes.subarray(off, Math.min(off + STREAM_CHUNK, bytes.length));
        if (!this._buf) this._buf = e._call('api_alloc', STREAM_CHUNK);
        e._mod.HEAPU8.set(piece, this._buf);
        e._call('api_stream_feed', this._h, this._buf, piece.length);
      }
    } catch (err) {
      this.cancel();
      throw err;
    }
  }
  /** Bytes fed so far. */
  get bytes() {
    return this._done ? this._bytes : this._engine._call('api_stream_bytes', this._h);
  }
  /** Rows (of all tables) seen so far. */
  get rows() {
    return this._done ? this._rows : this._engine._call('api_stream_rows', this._h);
  }
  /** Ends the input: the Dataset, or EngineError (the tree path's error for
   * the same text). The stream is over either way. */
  finish() {
    const e = this._engine;
    if (this._done) throw new EngineError('ARG', -1, 'stream: already finished or cancelled');
    this._bytes = this.bytes;
    this._rows = this.rows;
    const cap = e.limits.max_tables;
    let out = 0;
    try {
      out = e._call('api_alloc', cap * 4);
      const h = this._h;
      this._h = 0; // api_stream_finish frees the stream whatever it returns
      const n = e._call('api_stream_finish', h, out, cap);
      return new Dataset(e, Array.from(e._mod.HEAP32.subarray(out / 4, out / 4 + n)));
    } finally {
      if (out && !e._dead) e._mod._api_free(out);
      this.cancel();
    }
  }
  /** Frees the stream and its partial columns; a no-op once over. */
  cancel() {
    const e = this._engine;
    if (!this._done) {
      this._done = true;
      if (!e._dead) {
        if (this._h) {
          this._bytes = e._mod._api_stream_bytes(this._h);
          this._rows = e._mod._api_stream_rows(this._h);
          e._mod._api_stream_free(this._h);
        }
        if (this._buf) e._mod._api_free(this._buf);
      }
      this._h = 0;
      this._buf = 0;
    }
  }
}

/** The tables of one ingested document. */
class Dataset {
  constructor(engine, handles) {
    this._engine = engine;
    this._tables = new Map();
    for (const h of handles) {
      const name = engine._string(engine._call('api_table_name', h));
      const rowCount = engine._call('api_table_rows', h);
      const n = engine._call('api_table_cols', h);
      const columns = [];
      for (let i = 0; i < n; i++) {
        columns.push({
          name: engine._string(engine._call('api_col_name', h, i)),
          type: engine._typeName.get(engine._call('api_col_type', h, i)),
        });
      }
      this._tables.set(name, Object.freeze({ handle: h, name, rowCount, columns }));
    }
  }
  get tableNames() {
    return [...this._tables.keys()];
  }
  has(name) {
    return this._tables.has(name);
  }
  /** The TableRef named name; throws EngineError('ARG') if there is none. */
  table(name) {
    const t = this._tables.get(name);
    if (!t) {
      const known = this.tableNames.map((n) => `'${n}'`).join(', ') || 'none';
      throw new EngineError('ARG', -1, `the dataset has no table '${name}' (tables: ${known})`);
    }
    return t;
  }
  /** Frees the C tables. Safe to call twice. */
  free() {
    const e = this._engine;
    if (!e._dead) for (const t of this._tables.values()) e._mod._api_table_free(t.handle);
    this._tables.clear();
  }
}
