/* json_strict.h — a strict RFC 8259 check of a JSON text, run before cJSON.
 *
 * cJSON alone is lenient: it accepts leading zeros ("012"), "2.", raw
 * control characters in strings, \u escapes with non-hex digits (read as 0),
 * any byte up to 0x20 (NUL, form feed) as whitespace, and passes invalid
 * UTF-8 through. This check decides what the engine accepts; cJSON only
 * builds the tree of a text the check has passed, and parses every such
 * text (tests/fuzz/fuzz_ingest.c checks that on every input).
 *
 * One pass over the bytes, no allocation and no recursion: nesting is a
 * counter plus a 64-bit stack of container kinds, so it cannot grow past
 * EV_MAX_DEPTH, and a 16 MiB run of '[' costs nothing but the error.
 *
 * Accepted: exactly RFC 8259's grammar (any value at the top, whitespace
 * = space, tab, LF, CR), plus one leniency:
 *   - a UTF-8 byte order mark (EF BB BF) at the very start is skipped
 *     (RFC 8259 section 8.1 lets parsers ignore it; browsers' Response.json()
 *     does, and spreadsheet tools on Windows write one).
 * Refused where RFC 8259 leaves the choice to the parser:
 *   - invalid UTF-8 anywhere (section 8.1 requires UTF-8): overlong forms,
 *     surrogates encoded in UTF-8 (ED A0..BF ..), code points above
 *     U+10FFFF, stray continuation bytes, sequences cut short;
 *   - \u escapes that are lone surrogates (a high surrogate not followed by
 *     an escaped low one, or a low one alone): they name no character, and
 *     cJSON cannot encode them;
 *   - nesting deeper than EV_MAX_DEPTH.
 * Noted but not refused: the first \u0000 escape (a valid JSON string can
 * hold U+0000; cJSON's strings end at it, so json_doc.h decides).
 */
#ifndef EV_JSON_STRICT_H
#define EV_JSON_STRICT_H

#include <stddef.h>

#define EV_JSON_NONE ((size_t)-1)

typedef struct {
  size_t start;  /* offset of the value: after a BOM and leading whitespace */
  size_t nul_at; /* offset of the backslash of the first "\u0000" escape (in
                    a key or a value), or EV_JSON_NONE */
} ev_json_scan;

/* Checks buf[0..len) (need not be NUL-terminated; not modified; may be NULL
 * when len is 0). Returns EV_OK and fills *out (which may be NULL), or sets
 * the error slot and returns
 *   EV_ERR_PARSE  "JSON parse error at line L, column C: <what>", e.g.
 *                 "leading zero in a number", "control character U+000A in
 *                 a string", "invalid \u escape (expected 4 hex digits)",
 *                 "invalid UTF-8 byte 0xFF in a string", "lone surrogate
 *                 \uD800 in a string", "unexpected end of input (expected
 *                 ',' or ']')", "the input is empty";
 *   EV_ERR_LIMIT  "JSON nesting deeper than 64 levels at line L, column C
 *                 (limit)", at the first bracket too deep.
 * The first problem in the input wins. Lines and columns are 1-based and
 * count bytes (a BOM counts); only LF starts a line. */
int ev_json_strict_check(const char *buf, size_t len, ev_json_scan *out);

/* The 1-based line and column (in bytes) of offset in buf. */
void ev_json_line_col(const char *buf, size_t offset, size_t *line,
                      size_t *col);

/* Describes the byte (or UTF-8 character) at buf[at] (at < len) as the
 * check's messages do after "got ": 'x', control character U+000C, a curly quote
 * (U+201C) with a hint about quotes, byte 0xFF (not UTF-8). Writes into
 * out[0..cap) and returns out. (Shared with ingest_stream.c.) */
const char *ev_json_describe(const char *buf, size_t len, size_t at,
                             char *out, size_t cap);

#endif
