/* query.h — filter, group-by, aggregate and sort a table into a new table.
 *
 * A query is built step by step, then run against a table:
 *   filters    AND-combined. EQUALS/IN: the value is one of a set (numbers
 *              for number and boolean columns — 1 true, 0 false —, strings
 *              for string columns). RANGE: lo <= value <= hi, either bound
 *              may be NaN for open. Missing values never match.
 *   group by   0, 1 or 2 key columns (number, string or boolean). Rows whose
 *              key is missing form their own group, sorted after the others.
 *   aggregates count (non-missing values of a column, or rows when the
 *              column is NULL), sum, mean, min, max, median of a number
 *              column. Missing values are skipped; an aggregate over no
 *              values is NaN (count is 0).
 *   derive     up to 8 steps (derive.h), applied in order to the output of
 *              the stages above, before sort; each appends one number
 *              column and may use the columns of the steps before it.
 *   sort       up to 4 output columns, each ascending or descending; missing
 *              values last; ties keep the previous order. Without a sort,
 *              grouped results are in ascending key order and ungrouped
 *              results keep row order.
 * Output: with group keys or aggregates, one row per group (one row in all
 * when there are aggregates but no keys): the key columns (same names and
 * types), then one number column per aggregate named by `as` or by default
 * "count" (count of rows) or "<op>_<column>" (e.g. "sum_usd_bn"). With
 * neither, the filtered rows with all columns. Derived columns come last,
 * in step order.
 * Column names are checked when the query runs, against that table (derive
 * and sort: against the output of the stages before them).
 */
#ifndef EV_QUERY_H
#define EV_QUERY_H

#include "derive.h"
#include "table.h"

typedef enum { EV_FILTER_IN = 1, EV_FILTER_RANGE = 2 } ev_filter_op;

typedef enum {
  EV_AGG_COUNT = 1,
  EV_AGG_SUM = 2,
  EV_AGG_MEAN = 3,
  EV_AGG_MIN = 4,
  EV_AGG_MAX = 5,
  EV_AGG_MEDIAN = 6
} ev_agg_op;

#define EV_QUERY_MAX_FILTERS 16
#define EV_QUERY_MAX_KEYS 2
#define EV_QUERY_MAX_AGGS 16
#define EV_QUERY_MAX_SORT 4
#define EV_QUERY_MAX_VALUES 4096 /* values in one IN filter */

typedef struct ev_query ev_query;

/* Returns a new empty query (all rows, no grouping), or NULL (NOMEM). */
ev_query *ev_query_new(void);
void ev_query_free(ev_query *q); /* accepts NULL */

/* Each builder returns EV_OK or a negative code with the error slot set
 * (EV_ERR_ARG for NULL/empty names or a bad op, EV_ERR_LIMIT past the
 * maxima above, EV_ERR_NOMEM). The query copies every string it is given. */

/* Starts an IN filter on column; add its values with the two calls below
 * (an IN filter with no values matches nothing). */
int ev_query_filter_in(ev_query *q, const char *column);
/* Add a value to the most recent IN filter (EV_ERR_ARG if there is none, or
 * if it already holds values of the other kind). */
int ev_query_filter_add_number(ev_query *q, double v);
int ev_query_filter_add_string(ev_query *q, const char *s);
int ev_query_filter_range(ev_query *q, const char *column, double lo,
                          double hi);
int ev_query_group(ev_query *q, const char *column);
/* column may be NULL for EV_AGG_COUNT (count rows); as may be NULL. */
int ev_query_aggregate(ev_query *q, ev_agg_op op, const char *column,
                       const char *as);
int ev_query_sort(ev_query *q, const char *column, int descending);

/* Starts derive step op on column (as may be NULL for "<op>_<column>");
 * EV_ERR_LIMIT past EV_DERIVE_MAX_STEPS. The setters below apply to the
 * most recent derive step (EV_ERR_ARG if there is none) and follow
 * derive.h: by serves as `by` for SHARE and RATIO and as `partition` for
 * the ordered ops; the denominator is a number for number and boolean key
 * columns, a string for string keys. */
int ev_query_derive(ev_query *q, ev_derive_op op, const char *column,
                    const char *as);
int ev_query_derive_by(ev_query *q, const char *column);
int ev_query_derive_order(ev_query *q, const char *column);
int ev_query_derive_key(ev_query *q, const char *column);
int ev_query_derive_denominator_number(ev_query *q, double v);
int ev_query_derive_denominator_string(ev_query *q, const char *s);
int ev_query_derive_base(ev_query *q, double base);
int ev_query_derive_step(ev_query *q, double step);
int ev_query_derive_window(ev_query *q, double window);

/* Runs q against t. On success returns EV_OK and a new table in *out (the
 * caller owns it). On failure returns EV_ERR_COLUMN (unknown column),
 * EV_ERR_TYPE (e.g. a sum of a string column, a string value for a number
 * column), EV_ERR_ARG (duplicate output names; a derive step's missing setting
 * or ambiguous rows, see derive.h) or EV_ERR_NOMEM, *out is NULL, and the
 * message names the table, the step (e.g. "filter 2", "derive 1 (share)")
 * and the column. */
int ev_query_run(const ev_query *q, const ev_table *t, ev_table **out);

/* 1 if q has only filters (no group keys, aggregates, derive steps or sort),
 * so that its result is a subset of t's rows in table order. */
int ev_query_filters_only(const ev_query *q);

/* Runs only q's filters against t (any other stages are not looked at): on
 * success returns EV_OK with *out_rows (malloc'd, ascending row indices;
 * the caller frees it) and *out_count; on failure the codes and messages of
 * ev_query_run, *out_rows NULL. Lets a caller (e.g. decimate.h) work on the
 * selected rows without copying them into a new table. */
int ev_query_select(const ev_query *q, const ev_table *t, int32_t **out_rows,
                    int32_t *out_count);

#endif
