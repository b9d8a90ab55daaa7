/* chart_keys.h — the chart-level story keys of a chart description (a
 * one-chart view or a panel; data/CHART_FORMAT.md "Story keys of a
 * chart"): the new members of x, y, series, trend and map, and
 * `reference`, `source`, `detail`, `sort`. They are checked after the
 * chart's other keys (they depend on its mark, aggregate and series). The
 * path conventions and return values are chart_ck.h's; c->t, c->mark,
 * c->agg and c->key_cols are the chart's. */
#ifndef EV_CHART_KEYS_H
#define EV_CHART_KEYS_H

#include "chart_ck.h"

/* x.names, x.complete, x.choices; y.format, y.fixed, y.percent,
 * y.approximate, y.bound, y.counts; series.label (Text: the series
 * column's heading), series.names, series.styles,
 * series.sparse; trend.control, trend.series; map.colour (with its
 * styles, as series.styles, and its optional id: an id as a zoom's, by
 * default the column's name, which is accepted as the id whatever its
 * spelling; no two entries share one), map.zooms,
 * map.projections, map.names (a
 * kind for the map key). The path is at the chart. */
int ev_ck_axis_keys(ev_ck *c, const cJSON *chart);

/* reference (bar only), source, detail, sort (hbar only); in
 * chart_extras.c. The path is at the chart. */
int ev_ck_chart_extras(ev_ck *c, const cJSON *chart);

/* The optional boolean member `key` of obj into *out (0 when absent or
 * null; SHAPE for another type). The path is at obj. */
int ev_ck_opt_bool(ev_ck *c, const cJSON *obj, const char *key, int *out);

/* The optional member `key` of obj: a column of c->t of the given type
 * (COLUMN, TYPE "<what> needs a <type> column; ..."). The path is at
 * obj. */
int ev_ck_typed_column(ev_ck *c, const cJSON *obj, const char *key,
                       ev_col_type type, const char *what);

/* SHAPE "<path>.key: msg"; the path is at the object. */
int ev_ck_shape(ev_ck *c, const char *key, const char *msg);

/* The unit codes of y.format and a detail column's format. */
#define EV_CK_FORMAT_COUNT 7
extern const char *const ev_ck_formats[EV_CK_FORMAT_COUNT];

#endif
