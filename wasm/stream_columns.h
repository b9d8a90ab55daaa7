/* stream_columns.h — the column builder of the stream path: one table
 * candidate (an array whose elements may be records) whose columns are
 * typed and filled as values arrive, in the tree path's words.
 *
 * The builder knows nothing of the JSON text: the scanner (ingest_stream.c)
 * hands it rows, keys and decoded values. Errors the tree path reports while
 * building a table (SHAPE, LIMIT, TYPE, RANGE) are kept in the candidate
 * (the first in row order wins, except "more than EV_MAX_ROWS rows", which
 * always wins, as in ingest_json.c's build_table); after such an error the
 * candidate stores nothing more. Functions that can run out of memory
 * return EV_ERR_NOMEM WITHOUT setting the error slot: the caller reports it
 * (with its own words).
 */
#ifndef EV_STREAM_COLUMNS_H
#define EV_STREAM_COLUMNS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "dict.h"
#include "table.h"

/* The kinds of scalar values. */
enum { EV_K_STR, EV_K_NUM, EV_K_TRUE, EV_K_FALSE, EV_K_NULL };

/* A direct-mapped cache of a string column's codes for values of at most
 * 8 bytes (the bytes as one word plus the length identify the value). */
#define EV_SCACHE_SIZE 64
typedef struct {
  uint64_t word;
  int32_t len1; /* length + 1; 0: empty */
  int32_t code;
} ev_scache;

typedef struct {
  char *name;
  size_t name_len;
  int plain_name; /* the name is printable ASCII without '"' and '\\' */
  ev_scache *cache; /* STRING columns */
  int type; /* an ev_col_type, 0 until the first non-null value */
  double *num;
  int32_t *code;
  ev_dict *dict;
} ev_scol;

typedef struct {
  char *name; /* cut at a NUL, as cJSON's key is */
  int dead;   /* a later top-level member has the same name */
  int32_t rows;
  int32_t row_cap;
  int over; /* more than EV_MAX_ROWS rows */
  int err;  /* the first error building this table (0: none) */
  char *msg; /* its message (NULL if even that ran out of memory) */
  int32_t bad_row; /* first row that is not an object, or -1 */
  const char *bad_kind;
  ev_dict *names; /* column name -> column index */
  ev_scol *cols;
  int32_t ncols, cols_cap;
  int32_t next_col; /* where the next key of this record is looked first */
  double size_total; /* the input's size in bytes, 0 if unknown */
  double size_start; /* the offset of the table's first row */
} ev_cand;

/* The error slot's size (status.c). */
#define EV_MSG_CAP 512

/* Formats into out[EV_MSG_CAP] as ev_error_set would into the slot (a
 * message cut at the end does not end inside a UTF-8 sequence). */
void ev_msg_vformat(char *out, const char *fmt, va_list ap);

/* "string", "number", "boolean" or "null". */
const char *ev_kind_name(int kind);

/* Sets up an empty candidate named name (copied). EV_OK or EV_ERR_NOMEM
 * (nothing kept). */
int ev_cand_init(ev_cand *c, const char *name);

/* Frees the columns only (the candidate keeps its name and error), or
 * everything. Both accept a candidate freed before. */
void ev_cand_free_columns(ev_cand *c);
void ev_cand_free(ev_cand *c);

/* Records an error of this candidate (printf format); the first wins
 * unless force. */
void ev_cand_fail(ev_cand *c, int force, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Tells the candidate the whole input's size in bytes (total_bytes > 0),
 * so that its columns are sized for the rows the rest of the input can hold
 * instead of doubling (ev_cand_row_start). Without it they double. */
void ev_cand_size_hint(ev_cand *c, double total_bytes);

/* A new element of the candidate: a record (is_record) or a value of kind
 * kind ("array", "string", ...), whose first byte is at offset at of the
 * input. *row = its row index. EV_OK or EV_ERR_NOMEM.
 * Column storage grows when a record needs a row past it: by doubling, or,
 * with a size hint and more than EV_CAND_ESTIMATE_ROWS rows read, to the
 * rows read so far plus the rows the rest of the input holds at the bytes
 * per row seen so far (plus 1/16 and 16), at least 1/8 more than before;
 * never past EV_MAX_ROWS + 1 (the row limit's error needs no storage). */
#define EV_CAND_ESTIMATE_ROWS 256
int ev_cand_row_start(ev_cand *c, int is_record, const char *kind, double at,
                      int32_t *row);

/* Key k[0..klen) of record row: *col = its column (created if new), or -1
 * when the value is not to be stored (an error of the candidate). EV_OK or
 * EV_ERR_NOMEM. */
int ev_cand_key(ev_cand *c, int32_t row, const char *k, size_t klen,
                int32_t *col);

/* The type check for a value of column type t at row/col (kind for the
 * message; v[0..vlen) the string for a STRING value). 1 if the value may be
 * stored (the column's storage exists then), 0 if not (error recorded),
 * EV_ERR_NOMEM. */
int ev_cand_check_type(ev_cand *c, int32_t row, int32_t col, int t,
                       const char *kind, const char *v, size_t vlen);

/* Stores a scalar value of kind at row/col: num for EV_K_NUM, v[0..vlen)
 * for EV_K_STR. EV_OK or EV_ERR_NOMEM. */
int ev_cand_value(ev_cand *c, int32_t row, int32_t col, int kind,
                  double num, const char *v, size_t vlen);

/* Stores a nested array or object (its JSON text text[0..len), strict and
 * complete; the column's type has been checked as JSON) at row/col, as the
 * compact text cJSON prints. EV_OK or EV_ERR_NOMEM. */
int ev_cand_nested(ev_cand *c, int32_t row, int32_t col, const char *text,
                   size_t len);

/* The finished candidate as an ev_table (its columns move into it), or
 * NULL with the error slot set. */
ev_table *ev_cand_build(ev_cand *c);

#endif
