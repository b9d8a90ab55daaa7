// jsontestsuite.test.mjs — every JSONTestSuite file (../shared/jsontestsuite)
// through the built engine and the page's binding, in the release build
// (web/build) and the debug build (.cache/engine-debug: -sASSERTIONS=2,
// SAFE_HEAP; made by ./build.sh test).
//
//   y_ (must accept): every file passes the parser; none is a table but one,
//      so the answer is a table or SHAPE, never PARSE or LIMIT.
//   n_ (must reject): PARSE (LIMIT for the two nested past 64 levels), with a
//      line and column inside the file.
//   i_ (either): the outcome pinned in I_EXPECTED below.
// Then a differential against the platform's own strict reading (a fatal
// UTF-8 decode + JSON.parse) for every file of test_parsing and
// test_transform, both as a document and as the value of a record
// ([{"v": <file>}]), where the value read back must equal JSON.parse's.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, EngineError } from '../../web/engine/engine.js';
import { loadEngine, REPO } from './helpers/load-engine.mjs';

const SUITE = join(REPO, '..', 'shared', 'jsontestsuite');
const PARSING = join(SUITE, 'test_parsing');
const TRANSFORM = join(SUITE, 'test_transform');
const DEBUG_BUILD = join(REPO, '.cache', 'engine-debug');
const require = createRequire(import.meta.url);

// i_ files: [outcome as a document, outcome as a record's value]. 'OK' is
// success. Numbers: any size parses (to the nearest double); one that
// overflows a double is refused where it would be used (RANGE), one that
// underflows reads as 0. Strings: invalid UTF-8 and lone surrogates are
// refused (PARSE), as is UTF-16. A UTF-8 BOM at the start is skipped (so
// only the document form is accepted). 500 nested arrays are over the
// 64-level limit.
const I_EXPECTED = {
  'i_number_double_huge_neg_exp.json': ['SHAPE', 'OK'],
  'i_number_huge_exp.json': ['SHAPE', 'RANGE'],
  'i_number_neg_int_huge_exp.json': ['SHAPE', 'RANGE'],
  'i_number_pos_double_huge_exp.json': ['SHAPE', 'RANGE'],
  'i_number_real_neg_overflow.json': ['SHAPE', 'RANGE'],
  'i_number_real_pos_overflow.json': ['SHAPE', 'RANGE'],
  'i_number_real_underflow.json': ['SHAPE', 'OK'],
  'i_number_too_big_neg_int.json': ['SHAPE', 'OK'],
  'i_number_too_big_pos_int.json': ['SHAPE', 'OK'],
  'i_number_very_big_negative_int.json': ['SHAPE', 'OK'],
  'i_object_key_lone_2nd_surrogate.json': ['PARSE', 'PARSE'],
  'i_string_1st_surrogate_but_2nd_missing.json': ['PARSE', 'PARSE'],
  'i_string_1st_valid_surrogate_2nd_invalid.json': ['PARSE', 'PARSE'],
  'i_string_UTF-16LE_with_BOM.json': ['PARSE', 'PARSE'],
  'i_string_UTF-8_invalid_sequence.json': ['PARSE', 'PARSE'],
  'i_string_UTF8_surrogate_U+D800.json': ['PARSE', 'PARSE'],
  'i_string_incomplete_surrogate_and_escape_valid.json': ['PARSE', 'PARSE'],
  'i_string_incomplete_surrogate_pair.json': ['PARSE', 'PARSE'],
  'i_string_incomplete_surrogates_escape_valid.json': ['PARSE', 'PARSE'],
  'i_string_invalid_lonely_surrogate.json': ['PARSE', 'PARSE'],
  'i_string_invalid_surrogate.json': ['PARSE', 'PARSE'],
  'i_string_invalid_utf-8.json': ['PARSE', 'PARSE'],
  'i_string_inverted_surrogates_U+1D11E.json': ['PARSE', 'PARSE'],
  'i_string_iso_latin_1.json': ['PARSE', 'PARSE'],
  'i_string_lone_second_surrogate.json': ['PARSE', 'PARSE'],
  'i_string_lone_utf8_continuation_byte.json': ['PARSE', 'PARSE'],
  'i_string_not_in_unicode_range.json': ['PARSE', 'PARSE'],
  'i_string_overlong_sequence_2_bytes.json': ['PARSE', 'PARSE'],
  'i_string_overlong_sequence_6_bytes.json': ['PARSE', 'PARSE'],
  'i_string_overlong_sequence_6_bytes_null.json': ['PARSE', 'PARSE'],
  'i_string_truncated-utf-8.json': ['PARSE', 'PARSE'],
  'i_string_utf16BE_no_BOM.json': ['PARSE', 'PARSE'],
  'i_string_utf16LE_no_BOM.json': ['PARSE', 'PARSE'],
  'i_structure_500_nested_arrays.json': ['LIMIT', 'LIMIT'],
  'i_structure_UTF-8_BOM_empty_object.json': ['SHAPE', 'PARSE'],
};
// n_ files nested past the limit before anything else goes wrong.
const N_LIMIT = new Set(['n_structure_100000_opening_arrays.json', 'n_structure_open_array_object.json']);

const suitePresent = existsSync(PARSING);
const files = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : []);
const read = (dir, f) => new Uint8Array(readFileSync(join(dir, f)));
const enc = new TextEncoder();

/** The outcome of ingesting bytes: { code: 'OK' | status name, message, rows }.
 * Frees what it made and checks the engine is left clean. */
function outcome(engine, bytes) {
  let ds;
  try {
    ds = engine.ingest(bytes);
  } catch (e) {
    assert.ok(e instanceof EngineError, `not an EngineError: ${e}`);
    assert.notEqual(e.code, 'TRAP', e.message);
    assert.ok(e.message.length > 0);
    assert.equal(engine.liveObjects(), 0);
    return { code: e.code, message: e.message };
  }
  try {
    const rows = ds.tableNames.length === 1 && ds.has('data') ? engine.read(ds.table('data')).rows() : null;
    return { code: 'OK', rows };
  } finally {
    ds.free();
    assert.equal(engine.liveObjects(), 0);
  }
}

/** Line and column from a located message, checked to be inside the bytes. */
function assertLocated(bytes, message, name) {
  const m = /at line (\d+), column (\d+)/.exec(message);
  assert.ok(m, `${name}: no line and column in "${message}"`);
  const [line, col] = [Number(m[1]), Number(m[2])];
  let l = 1;
  let start = 0;
  for (let i = 0; i < bytes.length && l < line; i++) {
    if (bytes[i] === 0x0a) {
      l++;
      start = i + 1;
    }
  }
  assert.equal(l, line, `${name}: line ${line} is past the end`);
  let end = start;
  while (end < bytes.length && bytes[end] !== 0x0a) end++;
  assert.ok(col >= 1 && col <= end - start + 1, `${name}: column ${col} is outside line ${line}`);
}

// ---- the platform's reading, as the reference ----------------------------

function walk(v, visit) {
  visit(v);
  if (Array.isArray(v)) v.forEach((x) => walk(x, visit));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      visit(k);
      walk(x, visit);
    }
  }
}

function depthOf(v) {
  if (v === null || typeof v !== 'object') return 0;
  let d = 0;
  for (const x of Object.values(v)) d = Math.max(d, depthOf(x));
  return d + 1;
}

/** What a strict reader makes of bytes: { valid: false } or { valid: true,
 * value, depth, lone (a lone surrogate), nul, inf (a number past a double) }. */
function reference(bytes) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a leading BOM
  } catch {
    return { valid: false };
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { valid: false };
  }
  let lone = false;
  let nul = false;
  let inf = false;
  walk(value, (x) => {
    if (typeof x === 'string') {
      lone ||= !x.isWellFormed();
      nul ||= x.includes('\0');
    } else if (typeof x === 'number') inf ||= !Number.isFinite(x);
  });
  return { valid: true, value, depth: depthOf(value), lone, nul, inf };
}

function wrap(bytes) {
  const pre = enc.encode('[{"v":');
  const post = enc.encode('}]');
  const out = new Uint8Array(pre.length + bytes.length + post.length);
  out.set(pre);
  out.set(bytes, pre.length);
  out.set(post, pre.length + bytes.length);
  return out;
}

// ---- the sweeps, per build -------------------------------------------------

function sweep(label, load) {
  describe(`JSONTestSuite through the ${label} engine`, { skip: !suitePresent && 'no ../shared/jsontestsuite' }, () => {
    let engine;
    let baseline = null;
    // bytes in use (mallinfo's uordblks) where the build exports mallinfo
    const inUse = () => {
      const mod = engine._mod;
      if (!mod._mallinfo) return null;
      const p = mod._malloc(40);
      mod._mallinfo(p);
      const v = mod.HEAP32[(p >> 2) + 7];
      mod._free(p);
      return v;
    };
    before(async () => {
      engine = await load();
      engine.ingest('[{"a":1}]').free(); // warm-up: the handle table
      baseline = inUse();
    });

    test('y_: all accepted by the parser (a table, or SHAPE: not a table)', (t) => {
      const names = files(PARSING).filter((f) => f.startsWith('y_'));
      assert.equal(names.length, 95);
      const counts = {};
      for (const f of names) {
        const r = outcome(engine, read(PARSING, f));
        counts[r.code] = (counts[r.code] || 0) + 1;
        assert.ok(r.code === 'OK' || r.code === 'SHAPE', `${f}: ${r.code} ${r.message}`);
      }
      t.diagnostic(`${label}: y_ ${names.length} accepted: ${JSON.stringify(counts)}`);
      assert.equal(counts.OK, 1); // y_object_long_strings.json is a table
    });

    test('n_: all rejected, naming a line and column inside the file', (t) => {
      const names = files(PARSING).filter((f) => f.startsWith('n_'));
      assert.equal(names.length, 188);
      const counts = {};
      for (const f of names) {
        const bytes = read(PARSING, f);
        const r = outcome(engine, bytes);
        counts[r.code] = (counts[r.code] || 0) + 1;
        if (N_LIMIT.has(f)) {
          assert.equal(r.code, 'LIMIT', `${f}: ${r.message}`);
          assert.match(r.message, /^JSON nesting deeper than 64 levels at line \d+, column \d+ \(limit\)$/);
        } else {
          assert.equal(r.code, 'PARSE', `${f}: ${r.code} ${r.message}`);
          assert.match(r.message, /^JSON parse error at line \d+, column \d+: \S/, f);
        }
        assertLocated(bytes, r.message, f);
      }
      t.diagnostic(`${label}: n_ ${names.length} rejected: ${JSON.stringify(counts)}`);
    });

    test('i_: each outcome pinned, as a document and as a record value', (t) => {
      const names = files(PARSING).filter((f) => f.startsWith('i_'));
      assert.deepEqual(names, Object.keys(I_EXPECTED).sort());
      const counts = {};
      for (const f of names) {
        const bytes = read(PARSING, f);
        const doc = outcome(engine, bytes);
        const rec = outcome(engine, wrap(bytes));
        assert.deepEqual([doc.code, rec.code], I_EXPECTED[f], `${f}: ${doc.message} / ${rec.message}`);
        counts[doc.code] = (counts[doc.code] || 0) + 1;
        if (doc.code === 'PARSE' || doc.code === 'LIMIT') assertLocated(bytes, doc.message, f);
      }
      t.diagnostic(`${label}: i_ ${names.length} pinned: ${JSON.stringify(counts)}`);
    });

    test('the messages name the problem (a sample)', () => {
      const msg = (f) => outcome(engine, read(PARSING, f)).message;
      const at = 'JSON parse error at line 1, column ';
      assert.equal(msg('n_number_with_leading_zero.json'), `${at}2: leading zero in a number`);
      assert.equal(msg('n_number_real_without_fractional_part.json'), `${at}4: expected a digit after the decimal point`);
      assert.equal(msg('n_string_unescaped_newline.json'), `${at}6: control character U+000A in a string`);
      assert.equal(msg('n_string_invalid_unicode_escape.json'), `${at}3: invalid \\u escape (expected 4 hex digits)`);
      assert.equal(msg('n_structure_whitespace_formfeed.json'),
        `${at}2: expected a value or ']', got control character U+000C`);
      assert.equal(msg('n_structure_null-byte-outside-string.json'),
        `${at}2: expected a value or ']', got control character U+0000`);
      assert.equal(msg('i_string_invalid_utf-8.json'), `${at}3: invalid UTF-8 byte 0xFF in a string`);
      assert.equal(msg('i_string_invalid_lonely_surrogate.json'), `${at}3: lone surrogate \\uD800 in a string`);
      assert.equal(msg('n_structure_open_array_object.json'),
        'JSON nesting deeper than 64 levels at line 1, column 161 (limit)');
      assert.equal(msg('n_structure_no_data.json'), `${at}1: the input is empty`);
      assert.equal(msg('n_array_extra_comma.json'), `${at}5: expected a value after ',', got ']'`);
      assert.equal(msg('y_string_null_escape.json'), "table 'data' row 1: expected an object (a record), got string");
    });

    test('differential: the same verdict and values as a strict UTF-8 decode + JSON.parse', (t) => {
      let docs = 0;
      let values = 0;
      for (const [dir, f] of [...files(PARSING).map((f) => [PARSING, f]), ...files(TRANSFORM).map((f) => [TRANSFORM, f])]) {
        const bytes = read(dir, f);
        // as a document: accepted by the parser exactly when the reference
        // accepts it (within the nesting limit, with no lone surrogate)
        const ref = reference(bytes);
        const doc = outcome(engine, bytes);
        const parsed = doc.code !== 'PARSE' && doc.code !== 'LIMIT';
        if (!ref.valid) assert.ok(!parsed, `${f}: the reference refuses it, the engine says ${doc.code}`);
        else if (ref.depth > 64) assert.equal(doc.code, 'LIMIT', f);
        else if (ref.lone) assert.equal(doc.code, 'PARSE', f);
        else assert.ok(parsed, `${f}: the reference accepts it, the engine says ${doc.code} ${doc.message}`);
        docs++;
        // as a record's value: the value read back is the reference's
        const w = wrap(bytes);
        const wref = reference(w);
        const rec = outcome(engine, w);
        if (!wref.valid) assert.ok(rec.code === 'PARSE' || rec.code === 'LIMIT', `${f} wrapped: ${rec.code}`);
        else if (wref.depth > 64) assert.equal(rec.code, 'LIMIT', `${f} wrapped`);
        else if (wref.lone) assert.equal(rec.code, 'PARSE', `${f} wrapped`);
        else if (wref.nul || wref.inf) assert.equal(rec.code, 'RANGE', `${f} wrapped: ${rec.message}`);
        else {
          assert.equal(rec.code, 'OK', `${f} wrapped: ${rec.message}`);
          const want = wref.value[0].v;
          const got = rec.rows[0].v;
          assert.deepEqual(got, want, `${f} wrapped`); // deepEqual tells -0 from 0
          values++;
        }
      }
      t.diagnostic(`${label}: differential over ${docs} files, ${values} values compared`);
      assert.ok(values > 90);
    });

    test('nothing kept: no live objects, and (debug build) the bytes in use are back to the baseline', () => {
      assert.equal(engine.liveObjects(), 0);
      assert.equal(engine.dead, false);
      assert.equal(inUse(), baseline);
    });
  });
}

sweep('release', loadEngine);

const debugPresent = existsSync(join(DEBUG_BUILD, 'engine.wasm'));
if (debugPresent) {
  sweep('debug (-sASSERTIONS=2, SAFE_HEAP)', () =>
    createEngine({
      factory: require(join(DEBUG_BUILD, 'engine.js')),
      wasmBinary: readFileSync(join(DEBUG_BUILD, 'engine.wasm')),
    }));
} else {
  test('JSONTestSuite through the debug engine', { skip: 'no .cache/engine-debug: ./build.sh test builds it' }, () => {});
}
