/* json_doc.h — one JSON document, checked strictly and parsed by cJSON,
 * with errors that say where.
 *
 * The only place the engine calls cJSON's parser. Files that turn a parsed
 * tree into engine objects (ingest_json.c, topojson.c) include this header
 * and walk the cJSON tree with cJSON's read-only accessors.
 *
 * What is accepted is decided by the strict check of json_strict.h (RFC
 * 8259; a leading UTF-8 byte order mark is skipped; invalid UTF-8 and lone
 * surrogate escapes are refused), not by cJSON. Beyond the grammar:
 *   - duplicate keys are kept in the tree in document order; the engine's
 *     readers take the last (as JavaScript's JSON.parse does) — see
 *     ingest_json.h;
 *   - numbers are read as the nearest double; one too large for a double
 *     becomes ±infinity in the tree and the readers refuse it where they
 *     use it (EV_ERR_RANGE); one too small becomes 0 (or -0);
 *   - a string holding U+0000 (written \u0000: a raw NUL byte is not
 *     JSON) is valid JSON, but cJSON's strings end at the first NUL, so
 *     the tree would hold it cut short. It is never used silently:
 *     ev_json_parse refuses the document, and ev_json_parse_nul reports
 *     where it is for the caller to refuse (ev_json_nul_error).
 */
#ifndef EV_JSON_DOC_H
#define EV_JSON_DOC_H

#include <stddef.h>

#include "cJSON.h"
#include "json_strict.h"

/* Parses buf[0..len) (need not be NUL-terminated; not modified). Returns
 * the tree (free it with cJSON_Delete), or NULL with the error slot set:
 *   EV_ERR_LIMIT  over EV_MAX_INPUT_BYTES (checked first), or nested
 *                 deeper than EV_MAX_DEPTH ("... at line L, column C
 *                 (limit)");
 *   EV_ERR_PARSE  not strict JSON (json_strict.h): "JSON parse error at
 *                 line L, column C: <what>" (1-based; columns count bytes);
 *   EV_ERR_RANGE  a string holds \u0000 (see ev_json_nul_error);
 *   EV_ERR_NOMEM  out of memory;  EV_ERR_ARG  buf NULL with len > 0. */
cJSON *ev_json_parse(const char *buf, size_t len);

/* 1 if a number inside the array or object v is infinite (it overflowed a
 * double): cJSON would print it as null in a json column's text, so the
 * readers refuse it (EV_ERR_RANGE). Iterative, at most EV_MAX_DEPTH deep. */
int ev_json_has_infinite(const cJSON *v);

/* The same, except that a document holding \u0000 is returned, with
 * *out_nul_at set to the offset of the first such escape (EV_JSON_NONE if
 * there is none). Strings in that tree may be cut short: the caller must
 * refuse the document (ev_json_nul_error) before using any of them, and
 * may first report problems that do not depend on string contents. */
cJSON *ev_json_parse_nul(const char *buf, size_t len, size_t *out_nul_at);

/* Sets the error slot for the \u0000 escape at offset nul_at of buf and
 * returns EV_ERR_RANGE: "a \u0000 escape (U+0000, NUL) at line L, column C:
 * the engine does not accept NUL characters in strings". */
int ev_json_nul_error(const char *buf, size_t nul_at);

#endif
