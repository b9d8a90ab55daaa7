/* json_doc.h — one JSON document parsed by cJSON, with errors that say where.
 *
 * The only place the engine calls cJSON's parser. Files that turn a parsed
 * tree into engine objects (ingest_json.c, topojson.c) include this header
 * and walk the cJSON tree with cJSON's read-only accessors.
 */
#ifndef EV_JSON_DOC_H
#define EV_JSON_DOC_H

#include <stddef.h>

#include "cJSON.h"

/* Parses buf[0..len) (need not be NUL-terminated; not modified). Returns
 * the tree (free it with cJSON_Delete), or NULL with the error slot set:
 *   EV_ERR_LIMIT  over EV_MAX_INPUT_BYTES, or nested deeper than
 *                 EV_MAX_DEPTH ("... at line L, column C (limit)");
 *   EV_ERR_PARSE  empty input, invalid JSON, or anything but whitespace
 *                 after the value: "JSON parse error at line L, column C"
 *                 (1-based; columns count bytes);
 *   EV_ERR_NOMEM  out of memory;  EV_ERR_ARG  buf NULL with len > 0. */
cJSON *ev_json_parse(const char *buf, size_t len);

#endif
