/* derive.h — derived series: one new number column computed from a table.
 *
 * A derive step is built with ev_derive_new and the setters below, then
 * applied to a table (in a query: the output of filter/group/aggregate,
 * before sort; see query.h). Applying appends one number column named `as`,
 * or by default "<op>_<column>" (e.g. "share_usd_bn"), and keeps the row
 * order. The value column must be a number column.
 *
 * Groups: `by` columns (number, string or boolean; called `partition` for
 * the ordered ops) split the rows; with none, the whole table is one group.
 * Rows whose by value is missing form their own group, as in group-by.
 *
 * The ops, for a row with value v (missing = NaN):
 *   SHARE         v / sum of the column over the row's group. If any value
 *                 in the group is missing, or the sum is 0, every share in
 *                 the group is missing: the total is unknown, never guessed.
 *   RATIO         v / d, where d is the value of the one row of the group
 *                 whose `key` column equals `denominator`. Missing when no
 *                 row matches or d is missing or 0. Two or more matching
 *                 rows in a group are an error (EV_ERR_ARG, naming the
 *                 group): the denominator must be unambiguous.
 *   INDEX         100 * v / b, where b is the value of the row of the
 *                 partition whose `order` equals `base`. Missing when that
 *                 row is absent or b is missing or 0.
 *   CHANGE        v - p, where p is the value of the row whose order is
 *                 exactly this row's order - step (step 1 by default).
 *   PCT_CHANGE    100 * (v - p) / |p|. Both missing when that row is
 *                 absent (a gap: never bridged), v or p is missing, or (pct)
 *                 p is 0.
 *   CUMSUM        running (compensated) sum in ascending order; from the
 *                 first missing value on, the running sum is missing. An
 *                 absent order value (a year with no row) adds nothing.
 *   ROLLING_MEAN  the mean of the `window` rows whose orders are exactly
 *                 this, this - step, ..., this - (window - 1) * step;
 *                 missing if any of them is absent or missing.
 * Ordered ops (INDEX, CHANGE, PCT_CHANGE, CUMSUM, ROLLING_MEAN) need an
 * `order` number column; rows whose order is missing get missing values.
 * Order values are compared exactly (order - step is computed in doubles):
 * use whole numbers such as years. Two rows of one partition with the same
 * order value are an error (EV_ERR_ARG, naming the partition and value):
 * add the column that tells them apart to the partition.
 *
 * Errors when applying (error slot set, table unchanged; messages begin
 * "query on table 'T': derive N (op): "): EV_ERR_COLUMN an unknown column;
 * EV_ERR_TYPE a column of the wrong type, or a denominator of the wrong kind
 * for the key column; EV_ERR_ARG a missing setting (order, key,
 * denominator, base, window), a duplicate output name, a duplicate order
 * value or denominator row; EV_ERR_NOMEM.
 */
#ifndef EV_DERIVE_H
#define EV_DERIVE_H

#include "table.h"

typedef enum {
  EV_DERIVE_SHARE = 1,
  EV_DERIVE_RATIO = 2,
  EV_DERIVE_INDEX = 3,
  EV_DERIVE_CHANGE = 4,
  EV_DERIVE_PCT_CHANGE = 5,
  EV_DERIVE_CUMSUM = 6,
  EV_DERIVE_ROLLING_MEAN = 7
} ev_derive_op;

#define EV_DERIVE_MAX_STEPS 8 /* derive steps in one query */
#define EV_DERIVE_MAX_BY 4    /* by / partition columns of one step */
#define EV_DERIVE_MAX_WINDOW 1000

typedef struct ev_derive ev_derive;

/* The op's name ("share", "pct_change", ...), or "?" for an unknown op. */
const char *ev_derive_op_name(ev_derive_op op);

/* Returns a new derive step of op on column (copied; as may be NULL for the
 * default name). number is its 1-based position in its query, used in
 * messages ("derive 2 (index)"). Returns NULL with the error slot set:
 * EV_ERR_ARG for an unknown op, a NULL/empty column or an empty as,
 * EV_ERR_LIMIT for a name over EV_MAX_NAME_BYTES, EV_ERR_NOMEM. */
ev_derive *ev_derive_new(ev_derive_op op, const char *column, const char *as,
                         int number);
void ev_derive_free(ev_derive *d); /* accepts NULL */

/* Setters. Each returns EV_OK, or EV_ERR_ARG (error slot set, the step
 * unchanged) for a NULL step, an empty name, a setting the op does not take
 * (e.g. an order for SHARE) or a bad value; EV_ERR_LIMIT past
 * EV_DERIVE_MAX_BY; EV_ERR_NOMEM. Names and strings are copied. Setting
 * order, key, base, denominator, step or window again replaces it. */

/* Adds a by (partition) column; any op. The same column twice is an error. */
int ev_derive_add_by(ev_derive *d, const char *column);
/* The order column of INDEX, CHANGE, PCT_CHANGE, CUMSUM, ROLLING_MEAN. */
int ev_derive_set_order(ev_derive *d, const char *column);
/* RATIO: the key column and the key value of the denominator row: a number
 * for number and boolean keys (1 true, 0 false), a string for string keys.
 * The number must not be NaN. */
int ev_derive_set_key(ev_derive *d, const char *column);
int ev_derive_set_denominator_number(ev_derive *d, double v);
int ev_derive_set_denominator_string(ev_derive *d, const char *s);
/* INDEX: the order value of the base row; finite. */
int ev_derive_set_base(ev_derive *d, double base);
/* CHANGE, PCT_CHANGE, ROLLING_MEAN: the order distance between neighbours;
 * finite and > 0 (default 1). */
int ev_derive_set_step(ev_derive *d, double step);
/* ROLLING_MEAN (required): a whole number of rows, 1..EV_DERIVE_MAX_WINDOW. */
int ev_derive_set_window(ev_derive *d, double window);

/* Appends d's column to t (see the top of this file). Returns EV_OK, or a
 * negative code with the error slot set and t unchanged. */
int ev_derive_apply(const ev_derive *d, ev_table *t);

#endif
