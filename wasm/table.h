/* table.h — columnar tables: the engine's one data structure.
 *
 * A table has a name, a fixed row count and up to EV_MAX_COLUMNS named
 * columns. Column storage by type:
 *   EV_COL_NUMBER  num[row]  f64; NaN = missing
 *   EV_COL_BOOL    num[row]  1.0 true, 0.0 false; NaN = missing
 *   EV_COL_STRING  code[row] index into dict; -1 = missing
 *   EV_COL_JSON    code[row] index into dict of compact JSON text (nested
 *                            arrays/objects found in records); -1 = missing
 * A table owns its name, columns, arrays and dictionaries. Columns are
 * created filled with "missing".
 */
#ifndef EV_TABLE_H
#define EV_TABLE_H

#include <stdint.h>

#include "dict.h"

typedef enum {
  EV_COL_NUMBER = 1,
  EV_COL_STRING = 2,
  EV_COL_BOOL = 3,
  EV_COL_JSON = 4
} ev_col_type;

typedef struct {
  char *name;
  ev_col_type type;
  double *num;    /* NUMBER and BOOL, else NULL */
  int32_t *code;  /* STRING and JSON, else NULL */
  ev_dict *dict;  /* STRING and JSON, else NULL */
} ev_column;

typedef struct {
  char *name;
  int32_t row_count;
  int32_t col_count;
  int32_t col_cap;
  ev_column *cols;
} ev_table;

/* Returns a new table with row_count rows and no columns, or NULL with the
 * error slot set (EV_ERR_NOMEM, or EV_ERR_LIMIT past EV_MAX_ROWS). */
ev_table *ev_table_new(const char *name, int32_t row_count);

/* Frees the table and everything it owns. Accepts NULL. */
void ev_table_free(ev_table *t);

/* Adds a column of the given type, all values missing. Returns its index,
 * or EV_ERR_LIMIT (too many columns), EV_ERR_ARG (duplicate name or bad
 * type) or EV_ERR_NOMEM, with the error slot set. For STRING and JSON
 * columns, dict may be given (ownership passes to the table) or NULL for a
 * fresh one. */
int32_t ev_table_add_column(ev_table *t, const char *name, ev_col_type type,
                            ev_dict *dict);

/* Index of the column with this exact (case-sensitive) name, or -1. */
int32_t ev_table_find(const ev_table *t, const char *name);

/* A short name for a column type: "number", "string", "boolean", "json". */
const char *ev_col_type_name(ev_col_type type);

/* 1 if the value at row is missing. */
int ev_column_is_missing(const ev_column *c, int32_t row);

#endif
