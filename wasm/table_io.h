/* table_io.h — one table as one contiguous buffer, and back.
 *
 * Used to move tables between engine instances (a Web Worker ingests, the
 * page queries): the worker exports each table, transfers the buffers, and
 * the page imports them. An imported buffer crosses a trust boundary, so
 * ev_table_import checks every byte before it builds anything.
 *
 * Format (version 1). All integers are little-endian u32 unless noted;
 * f64 are IEEE-754 binary64, little-endian; no padding anywhere.
 *
 *   magic       4 bytes "EVT1"
 *   total_len   u32: the whole buffer's length in bytes (must match)
 *   row_count   u32: 0 .. EV_MAX_ROWS
 *   col_count   u32: 0 .. EV_MAX_COLUMNS
 *   name_len    u32: 0 .. EV_MAX_NAME_BYTES, then name_len bytes of the
 *               table name (UTF-8, no NUL)
 *   col_count columns, each:
 *     type      u32: 1 number, 2 string, 3 boolean, 4 json (table.h)
 *     name_len  u32 + bytes: the column name (same rules; unique in the
 *               table)
 *     number:   row_count f64; NaN = missing; ±infinity is refused
 *     boolean:  row_count f64, each 0.0, 1.0 or NaN
 *     string, json:
 *               dict_count u32 (0 .. row_count), then dict_count entries,
 *               each len u32 + bytes (UTF-8, no NUL, all distinct; json
 *               entries are strict JSON arrays or objects), then row_count
 *               i32 codes, each -1 (missing) or 0 .. dict_count - 1
 *   nothing after the last column.
 *
 * Exported buffers are the canonical form: export(import(b)) == b.
 */
#ifndef EV_TABLE_IO_H
#define EV_TABLE_IO_H

#include <stddef.h>
#include <stdint.h>

#include "table.h"

#define EV_TABLE_IO_MAGIC "EVT1"

/* The exported size of t in bytes, or EV_ERR_LIMIT (with the error slot
 * set) if it would not fit in a u32 length. */
int64_t ev_table_export_size(const ev_table *t);

/* Writes t into a new buffer (malloc'd; the caller frees it) and its
 * length to *out_len. Returns EV_OK, or EV_ERR_NOMEM / EV_ERR_LIMIT /
 * EV_ERR_ARG with the error slot set (nothing allocated then). */
int ev_table_export(const ev_table *t, uint8_t **out_buf, size_t *out_len);

/* Checks buf[0..len) completely and builds the table it describes.
 * Returns EV_OK and *out (owned by the caller), or sets the error slot and
 * returns, with nothing allocated:
 *   EV_ERR_PARSE  not a valid table buffer; the message names the byte
 *                 offset and what is wrong there, e.g. "table buffer, byte
 *                 52: column 'country' row 7: code 9 is outside its
 *                 dictionary of 4 strings"
 *   EV_ERR_LIMIT  rows, columns or a name over the engine's limits
 *   EV_ERR_NOMEM  out of memory. */
int ev_table_import(const uint8_t *buf, size_t len, ev_table **out);

#endif
