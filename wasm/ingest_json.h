/* ingest_json.h — a JSON document becomes named columnar tables (via cJSON).
 *
 * Accepted shapes:
 *   - a bare array of records (objects): one table named "data";
 *   - an object: each member whose value is an array whose first element is
 *     an object becomes a table named after the member, in document order;
 *     every other member (strings, numbers, arrays of non-objects, empty
 *     arrays) is ignored.
 * Columns are the union of the records' keys in first-seen order. A
 * column's type is the type of its first non-null value: number, string,
 * boolean, or json for nested arrays/objects (kept as compact JSON text
 * printed by cJSON, whose numbers read back as the same doubles).
 * null and absent keys are missing values. A column whose values are all
 * null is a number column of missing values. Keys are case-sensitive; when a
 * record repeats a key the last value wins, and so does the last of two
 * top-level members with one name (as with JavaScript's JSON.parse, which
 * the page's own tests use as the reference; RFC 8259 leaves it open).
 *
 * The text must be strict JSON (json_strict.h): RFC 8259, UTF-8, no lone
 * surrogate escapes; a leading UTF-8 byte order mark is skipped.
 *
 * Errors (error slot set, nothing returned, no memory kept; in the input
 * the first error wins, e.g. a syntax error before a too-deep bracket is
 * EV_ERR_PARSE):
 *   EV_ERR_LIMIT  input over EV_MAX_INPUT_BYTES (checked first), nesting
 *                 over EV_MAX_DEPTH ("at line L, column C" of the first
 *                 bracket too deep), too many rows, columns or tables;
 *   EV_ERR_PARSE  not JSON, or JSON followed by anything but whitespace:
 *                 "JSON parse error at line L, column C: <what>" (1-based,
 *                 bytes);
 *   EV_ERR_SHAPE  no tables found, an empty array, a non-object row;
 *   EV_ERR_TYPE   a value whose type differs from its column's;
 *   EV_ERR_RANGE  valid JSON holding a value the engine cannot represent: a
 *                 number in a table that overflows a double (e.g. 1e400), in
 *                 a column or inside a nested value (one that underflows is
 *                 read as 0), or a string anywhere
 *                 in the document holding \u0000 (cJSON's strings end at
 *                 NUL; the document is refused rather than cut short,
 *                 after the SHAPE checks, so a document that is not a table
 *                 says so first);
 *   EV_ERR_NOMEM  out of memory.
 */
#ifndef EV_INGEST_JSON_H
#define EV_INGEST_JSON_H

#include <stddef.h>

#include "table.h"

/* Parses buf[0..len) (need not be NUL-terminated; not modified). On success
 * returns the number of tables (>= 1) and sets *out_tables to a malloc'd
 * array of that many tables; the caller owns the array and the tables. On
 * failure returns a negative EV_ERR_* code and sets *out_tables to NULL. */
int ev_ingest_json(const char *buf, size_t len, ev_table ***out_tables);

#endif
