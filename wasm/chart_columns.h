/* chart_columns.h — a chart description's tables and columns looked up in
 * the dataset (c->tables; the view's table c->t), with "did you mean" for
 * a name not found (COLUMN), and the types values and columns must have
 * (TYPE). The path conventions and return values are chart_ck.h's. */
#ifndef EV_CHART_COLUMNS_H
#define EV_CHART_COLUMNS_H

#include "chart_ck.h"

/* The column `name` of t, or NULL. */
const ev_column *ev_ck_column_of(const ev_table *t, const char *name);

/* COLUMN "table 'T' has no column 'c' (did you mean 'd'?)" at the path,
 * with extra[0..extra_count) (derived columns) as candidates too. */
int ev_ck_no_column(ev_ck *c, const char *name, const char *const *extra,
                    int extra_count);

/* The member `key` of obj, a string naming a column of c->t; *out the
 * column (missing: SHAPE "(why)"). The path is at obj. */
int ev_ck_column(ev_ck *c, const cJSON *obj, const char *key, const char *why,
                 const ev_column **out);

/* A JSON value of col's type: a number, string or boolean (SHAPE for
 * null and other types, RANGE for an overflowed number, TYPE for another
 * column type). The path is at v. */
int ev_ck_value_of(ev_ck *c, const cJSON *v, const ev_column *col);

/* v (an annotation's or a reference bar's `series`) must be a value of the
 * chart's series column, c->key_cols[1] (ev_ck_value_of); SHAPE "the chart
 * has no series" when it has none. The path is at v. */
int ev_ck_series_value(ev_ck *c, const cJSON *v);

/* obj's optional member `key` (ev_ck_opt: absent or null is EV_OK): a list
 * of 0 to EV_CHART_MAX_SERIES_VALUES distinct values of col (LIMIT counted
 * as "values"; each ev_ck_value_of; SHAPE "listed twice (also
 * <key>[<j>])"), SHAPE "the chart has no series" for a non-empty list when
 * col is NULL. For series.order, series.sparse and trend.series. The path
 * is at obj. */
int ev_ck_value_list(ev_ck *c, const cJSON *obj, const char *key,
                     const ev_column *col);

/* key (of series.labels or series.styles: `what` "label" or "style") is
 * a value of col written as text the way the engine writes it: a number
 * column's as the shortest text that reads back ("1970", "-2.5"; SHAPE
 * "write the number 1970.0 as '1970'", TYPE for no number), a boolean
 * column's "true" or "false" (TYPE). The path is at the key. */
int ev_ck_value_key(ev_ck *c, const char *key, const ev_column *col,
                    const char *what);

/* v names one of the dataset's tables (COLUMN otherwise, with "did you
 * mean" or the list of tables); sets c->t. The path is at v. */
int ev_ck_table(ev_ck *c, const cJSON *v);

/* The type of column `name` at a derive step: earlier steps' `as`
 * (numbers), then the table's columns (with an aggregate: the group keys
 * c->key_cols, and the other columns as aggregated numbers, plus "count"
 * for a count). Returns 1 with *out set, 0 if there is no such column, or
 * -1 with the error slot set (TYPE) for a column the aggregate cannot
 * take. The path is at the name. */
int ev_ck_stage_type(ev_ck *c, const char *name, ev_col_type *out);

#endif
