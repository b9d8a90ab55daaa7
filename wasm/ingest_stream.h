/* ingest_stream.h — a strict, resumable (push) JSON scanner that turns
 * UTF-8 bytes straight into columnar tables, without a cJSON tree.
 *
 * Same contract as ingest_json.h, byte for byte: for every input within
 * EV_MAX_INPUT_BYTES the stream path gives exactly the tables ev_ingest_json
 * gives (names, column order, types, every value bit-identical, the same
 * dictionaries) or exactly the same error (status and message text,
 * line/column included). It follows the tree path's precedence: a syntax
 * error anywhere in the text (json_strict.h's messages and offsets) wins
 * over every error found while building tables; the SHAPE, LIMIT, TYPE,
 * RANGE and \u0000 checks are decided at ev_stream_finish in the tree path's
 * order. Numbers are converted exactly as cJSON's strtod; nested arrays and
 * objects in records are kept as the compact text cJSON prints (each nested
 * value, and only it, goes through cJSON).
 *
 * Chunks may split anything (tokens, UTF-8 sequences, escapes, CRLF); the
 * scanner keeps only bounded state between chunks plus the token being
 * read (a string, a number's text, a nested value's text) and the columns.
 *
 * Input limit: EV_STREAM_MAX_INPUT_BYTES (1 GiB). The scanner holds no copy
 * of the text, so memory is the columns; the row, column, table and name
 * limits are those of status.h.
 *
 * Typical use:
 *   ev_stream *s;
 *   if (ev_stream_open(&s, NAN) < 0) ...;
 *   while (more) if (ev_stream_feed(s, chunk, n) < 0) break;  (error set)
 *   ev_table **tables; int32_t count;
 *   int rc = ev_stream_finish(s, &tables, &count);
 *   ev_stream_free(s);
 */
#ifndef EV_INGEST_STREAM_H
#define EV_INGEST_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "table.h"

#define EV_STREAM_MAX_INPUT_BYTES (1024 * 1024 * 1024)

typedef struct ev_stream ev_stream;

/* Opens a stream. total_bytes is the input's size if known (NAN if not):
 * over EV_STREAM_MAX_INPUT_BYTES it is refused with EV_ERR_LIMIT before any
 * allocation; otherwise it sizes the columns from the bytes per row seen
 * so far instead of doubling them (ev_cand_size_hint; a wrong size only
 * costs memory or time, never a different table). Returns EV_OK and *out, or EV_ERR_LIMIT / EV_ERR_NOMEM /
 * EV_ERR_ARG with the error slot set (*out NULL). */
int ev_stream_open(ev_stream **out, double total_bytes);

/* Scans bytes[0..len) (borrowed for the call). Returns EV_OK, or the first
 * syntax error of the text (EV_ERR_PARSE, or EV_ERR_LIMIT for nesting),
 * EV_ERR_LIMIT when the bytes pass EV_STREAM_MAX_INPUT_BYTES, EV_ERR_NOMEM;
 * once failed, every later feed and finish return the same error again.
 * EV_ERR_ARG after finish. */
int ev_stream_feed(ev_stream *s, const char *bytes, size_t len);

/* Ends the input. On success returns EV_OK, *out_tables = a malloc'd array
 * of *out_count tables (the caller owns both; the stream keeps nothing). On
 * failure returns the error ev_ingest_json would give for the whole text
 * (slot set), *out_tables NULL, *out_count 0. */
int ev_stream_finish(ev_stream *s, ev_table ***out_tables, int32_t *out_count);

/* Frees the stream and every partial column. Accepts NULL. */
void ev_stream_free(ev_stream *s);

/* Bytes fed so far, and rows (of all tables) seen so far. */
double ev_stream_bytes(const ev_stream *s);
int32_t ev_stream_rows(const ev_stream *s);

#endif
