/* status.h — status codes and the last-error slot shared by every engine module.
 *
 * Contract: every engine function that can fail returns an int. A value >= 0
 * is success (a count, an index or a handle); a value < 0 is one of the
 * EV_ERR_* codes below, and the failing function has written a message that
 * says what went wrong and where into the error slot (ev_error_message).
 * The slot is process-wide (the engine is single-threaded); api.c resets it
 * at the start of every exported call. ev_error_message never returns NULL.
 */
#ifndef EV_STATUS_H
#define EV_STATUS_H

#include <stddef.h>

#define EV_OK 0
#define EV_ERR_ARG (-1)     /* an argument is invalid (NULL, out of range)      */
#define EV_ERR_HANDLE (-2)  /* a handle is unknown, stale or of the wrong kind  */
#define EV_ERR_PARSE (-3)   /* the input is not strict JSON (json_strict.h)     */
#define EV_ERR_SHAPE (-4)   /* valid JSON, but not a table or tables            */
#define EV_ERR_TYPE (-5)    /* a value has the wrong type for its column        */
#define EV_ERR_RANGE (-6)   /* valid JSON the engine cannot represent: a number
                               that overflows a double, a string with U+0000 */
#define EV_ERR_LIMIT (-7)   /* a documented limit was exceeded                  */
#define EV_ERR_NOMEM (-8)   /* out of memory                                    */
#define EV_ERR_COLUMN (-9)  /* a query names a column the table does not have   */
#define EV_ERR_DATA (-10)   /* the data cannot support the request (too few
                               points for a projection, constant series)     */

/* Limits, checked before work starts (see README "Limits"). */
#define EV_MAX_INPUT_BYTES (16 * 1024 * 1024)
#define EV_MAX_DEPTH 64 /* must equal CJSON_NESTING_LIMIT used to build cJSON */
#define EV_MAX_ROWS 1000000
#define EV_MAX_COLUMNS 256
#define EV_MAX_TABLES 64
#define EV_MAX_NAME_BYTES 256 /* table and column names */

/* Clears the slot: status EV_OK, message "". */
void ev_error_reset(void);

/* Records status and a printf-style message (truncated to the slot's size,
 * never mid UTF-8 sequence). Returns status so callers can `return
 * ev_error_set(...)`. The first error wins: a later call while an error is
 * already recorded is ignored, so the innermost, most precise message stays. */
int ev_error_set(int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The length of the longest prefix of s, at most max bytes, that does not
 * end inside a UTF-8 sequence: for quoting a value in a message ("%.*s" with
 * this length) and for cutting a message that vsnprintf cut at a buffer's
 * size (s[ev_utf8_prefix(s, size - 1)] = '\0'; the slot here,
 * stream_columns.c's messages). s ends at its first NUL or after max bytes,
 * whichever comes first; no byte at or after s[max] is read. A lead byte
 * (0xC0..0xDF: 2 bytes, 0xE0..0xEF: 3, 0xF0..0xFF: 4) whose continuation
 * bytes (0x80..0xBF) run into that end before the sequence is whole ends the
 * prefix before it. Invalid bytes are kept, not judged: a stray continuation
 * byte counts alone, and a lead byte followed by fewer continuation bytes than
 * it needs and then another character counts with the ones it has. */
size_t ev_utf8_prefix(const char *s, size_t max);

/* The recorded status (EV_OK if none) and message ("" if none; never NULL). */
int ev_error_status(void);
const char *ev_error_message(void);

/* A short stable name for a status code ("PARSE", "TYPE", ...; "OK"). */
const char *ev_status_name(int status);

/* For messages: the shortest of %.15g, %.16g and %.17g that reads back as
 * exactly v, written into buf (at least EV_FMT_DOUBLE_BYTES): 6.116, not
 * 6.1159999999999997; "inf", "-inf", "nan" as printf writes them. Returns buf. */
#define EV_FMT_DOUBLE_BYTES 32
const char *ev_fmt_double(char *buf, double v);

#endif
