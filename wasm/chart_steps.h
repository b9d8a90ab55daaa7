/* chart_steps.h — a view's filters and derive steps (data/CHART_FORMAT.md
 * "filters", "derive"): each setting an op takes, needs or refuses, the
 * columns at each step (chart_columns.h's ev_ck_stage_type) and the names
 * the steps add. The path conventions and return values are chart_ck.h's;
 * c->t, c->agg and c->key_cols are the view's (x, y and series checked). */
#ifndef EV_CHART_STEPS_H
#define EV_CHART_STEPS_H

#include "chart_ck.h"

/* One filter: {column, and one of eq, in or range}; values of the
 * column's type, a range [lo, hi] (null for an open end) on a number
 * column with lo <= hi. The path is at v. */
int ev_ck_filter(ev_ck *c, const cJSON *v);

/* The names the view's derive steps (c->derive_list) will add (a given
 * `as`, or the default <op>_<column>) into c->pre, looked up before the
 * steps are checked so that y can be checked first. Checks nothing. */
void ev_ck_prescan_derived(ev_ck *c);

/* One derive step; on success its name joins c->derived, and a step
 * without `as` gets its default name added to v as "as" (so that the
 * normalised output has it; NOMEM possible). The path is at v. */
int ev_ck_derive_step(ev_ck *c, const cJSON *v);

#endif
