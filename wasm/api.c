/* api.c — the engine's only exports: the boundary with JavaScript.
 *
 * Conventions (see README "The engine boundary"):
 *   - Every export returns int32: >= 0 success (a handle, count, index or a
 *     pointer into WASM memory), < 0 a negated EV_ERR_* status.
 *   - The error slot is reset at the start of every export; after a failure
 *     api_last_error() says what and where. It never returns NULL.
 *   - Objects live in C and are named by handles (handles.h); freeing a
 *     handle that is 0, unknown or already freed is a no-op.
 *   - Returned pointers (names, column data, strings) stay valid until the
 *     object is freed; JavaScript copies what it keeps.
 *   - Constants are described once, in api_abi()'s JSON.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_desc.h"
#include "decimate.h"
#include "geo.h"
#include "handles.h"
#include "ingest_json.h"
#include "ingest_stream.h"
#include "query.h"
#include "scale.h"
#include "status.h"
#include "table.h"
#include "table_io.h"
#include "topojson.h"
#include "trend.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define API EMSCRIPTEN_KEEPALIVE
#else
#define API
#endif

#define API_ABI_VERSION 1

/* The constants JavaScript needs, as one JSON object (built once). */
API const char *api_abi(void) {
  static char abi[3072];
  ev_error_reset();
  if (abi[0]) return abi;
  snprintf(abi, sizeof abi,
           "{\"version\":%d,"
           "\"status\":{\"OK\":%d,\"ARG\":%d,\"HANDLE\":%d,\"PARSE\":%d,"
           "\"SHAPE\":%d,\"TYPE\":%d,\"RANGE\":%d,\"LIMIT\":%d,\"NOMEM\":%d,"
           "\"COLUMN\":%d,\"DATA\":%d},"
           "\"col_type\":{\"number\":%d,\"string\":%d,\"boolean\":%d,"
           "\"json\":%d},"
           "\"agg\":{\"count\":%d,\"sum\":%d,\"mean\":%d,\"min\":%d,"
           "\"max\":%d,\"median\":%d},"
           "\"derive\":{\"share\":%d,\"ratio\":%d,\"index\":%d,\"change\":%d,"
           "\"pct_change\":%d,\"cumsum\":%d,\"rolling_mean\":%d},"
           "\"limits\":{\"max_input_bytes\":%d,\"max_stream_input_bytes\":%d,"
           "\"max_depth\":%d,"
           "\"max_rows\":%d,\"max_columns\":%d,\"max_tables\":%d,"
           "\"max_name_bytes\":%d,\"max_filters\":%d,\"max_group_keys\":%d,"
           "\"max_aggregates\":%d,\"max_sort\":%d,\"max_filter_values\":%d,"
           "\"max_derive\":%d,\"max_derive_by\":%d,\"max_window\":%d,"
           "\"trend_min_points\":%d,\"trend_min_points_holt\":%d,"
           "\"trend_max_horizon\":%d,\"max_decimate_pixels\":%d,"
           "\"chart_max_bytes\":%d,\"chart_max_locales\":%d,"
           "\"chart_max_locale_bytes\":%d,\"chart_max_views\":%d,"
           "\"chart_max_id_bytes\":%d,\"chart_max_text_bytes\":%d,"
           "\"chart_max_tab_bytes\":%d,"
           "\"chart_max_list\":%d,\"chart_max_derive\":%d,"
           "\"chart_max_in\":%d,\"chart_max_series_values\":%d,"
           "\"chart_max_horizon\":%d,\"chart_max_panels\":%d,"
           "\"chart_max_modes\":%d,\"chart_max_names\":%d,"
           "\"chart_max_findings\":%d,\"chart_max_values\":%d,"
           "\"chart_max_reference\":%d,\"chart_max_choices\":%d,"
           "\"chart_max_colours\":%d,\"chart_max_zooms\":%d,"
           "\"chart_max_weight\":%d},"
           "\"trend\":{\"linear\":%d,\"loglinear\":%d,\"holt\":%d},"
           "\"trend_fit\":[\"n\",\"df\",\"r2\",\"rse\",\"intercept\","
           "\"slope\",\"growth\",\"alpha\",\"beta\",\"quantile\"],"
           "\"projection\":{\"equal-earth\":%d,\"natural-earth\":%d,"
           "\"mercator\":%d,\"equirectangular\":%d}}",
           API_ABI_VERSION, EV_OK, EV_ERR_ARG, EV_ERR_HANDLE, EV_ERR_PARSE,
           EV_ERR_SHAPE, EV_ERR_TYPE, EV_ERR_RANGE, EV_ERR_LIMIT, EV_ERR_NOMEM,
           EV_ERR_COLUMN, EV_ERR_DATA, EV_COL_NUMBER, EV_COL_STRING, EV_COL_BOOL,
           EV_COL_JSON, EV_AGG_COUNT, EV_AGG_SUM, EV_AGG_MEAN, EV_AGG_MIN,
           EV_AGG_MAX, EV_AGG_MEDIAN, EV_DERIVE_SHARE, EV_DERIVE_RATIO,
           EV_DERIVE_INDEX, EV_DERIVE_CHANGE, EV_DERIVE_PCT_CHANGE,
           EV_DERIVE_CUMSUM, EV_DERIVE_ROLLING_MEAN, EV_MAX_INPUT_BYTES, EV_STREAM_MAX_INPUT_BYTES,
           EV_MAX_DEPTH, EV_MAX_ROWS, EV_MAX_COLUMNS, EV_MAX_TABLES,
           EV_MAX_NAME_BYTES, EV_QUERY_MAX_FILTERS, EV_QUERY_MAX_KEYS,
           EV_QUERY_MAX_AGGS, EV_QUERY_MAX_SORT, EV_QUERY_MAX_VALUES,
           EV_DERIVE_MAX_STEPS, EV_DERIVE_MAX_BY, EV_DERIVE_MAX_WINDOW,
           EV_TREND_MIN_POINTS, EV_TREND_MIN_POINTS_HOLT, EV_TREND_MAX_HORIZON,
           EV_DECIMATE_MAX_PIXELS, EV_CHART_MAX_BYTES, EV_CHART_MAX_LOCALES,
           EV_CHART_MAX_LOCALE_BYTES, EV_CHART_MAX_VIEWS, EV_CHART_MAX_ID_BYTES,
           EV_CHART_MAX_TEXT_BYTES, EV_CHART_MAX_TAB_BYTES, EV_CHART_MAX_LIST,
           EV_CHART_MAX_DERIVE, EV_CHART_MAX_IN, EV_CHART_MAX_SERIES_VALUES,
           EV_CHART_MAX_HORIZON, EV_CHART_MAX_PANELS, EV_CHART_MAX_MODES,
           EV_CHART_MAX_NAMES, EV_CHART_MAX_FINDINGS, EV_CHART_MAX_VALUES,
           EV_CHART_MAX_REFERENCE,
           EV_CHART_MAX_CHOICES, EV_CHART_MAX_COLOURS, EV_CHART_MAX_ZOOMS,
           EV_CHART_MAX_WEIGHT,
           EV_TREND_LINEAR, EV_TREND_LOGLINEAR, EV_TREND_HOLT,
           EV_PROJ_EQUAL_EARTH, EV_PROJ_NATURAL_EARTH, EV_PROJ_MERCATOR,
           EV_PROJ_EQUIRECTANGULAR);
  return abi;
}

API const char *api_last_error(void) { return ev_error_message(); }

API int32_t api_last_status(void) { return ev_error_status(); }

/* Scratch memory for JavaScript to copy inputs into. Returns a pointer, or
 * EV_ERR_NOMEM / EV_ERR_LIMIT. */
API int32_t api_alloc(int32_t len) {
  ev_error_reset();
  if (len < 0 || len > EV_MAX_INPUT_BYTES + 1)
    return ev_error_set(EV_ERR_LIMIT,
                        "cannot allocate %d bytes of input (limit %d)",
                        (int)len, EV_MAX_INPUT_BYTES);
  void *p = malloc(len ? (size_t)len : 1);
  if (!p)
    return ev_error_set(EV_ERR_NOMEM, "out of memory allocating %d bytes",
                        (int)len);
  return (int32_t)(intptr_t)p;
}

API void api_free(int32_t ptr) {
  ev_error_reset();
  free((void *)(intptr_t)ptr);
}

static ev_table *table_of(int32_t h) {
  ev_table *t = ev_handles_get(h, EV_KIND_TABLE);
  if (!t) ev_error_set(EV_ERR_HANDLE, "unknown or freed table handle %d", (int)h);
  return t;
}

static ev_column *column_of(int32_t h, int32_t i) {
  ev_table *t = table_of(h);
  if (!t) return NULL;
  if (i < 0 || i >= t->col_count) {
    ev_error_set(EV_ERR_ARG, "table '%s' has no column %d", t->name, (int)i);
    return NULL;
  }
  return &t->cols[i];
}

static int32_t register_table(ev_table *t) {
  int32_t h = ev_handles_add(t, EV_KIND_TABLE);
  if (h < 0) ev_table_free(t);
  return h;
}

/* Ingests buf[0..len) and writes one handle per table to out_handles (cap
 * entries). Returns the table count, or a negative status (nothing kept). */
API int32_t api_ingest_json(const char *buf, int32_t len, int32_t *out_handles,
                            int32_t cap) {
  ev_error_reset();
  if (len < 0 || !out_handles || cap < EV_MAX_TABLES)
    return ev_error_set(EV_ERR_ARG, "ingest: bad arguments");
  ev_table **tables;
  int n = ev_ingest_json(buf, (size_t)len, &tables);
  if (n < 0) return n;
  for (int i = 0; i < n; i++) {
    int32_t h = ev_handles_add(tables[i], EV_KIND_TABLE);
    if (h < 0) {
      for (int j = 0; j < i; j++)
        ev_table_free(ev_handles_remove(out_handles[j], EV_KIND_TABLE));
      for (int j = i; j < n; j++) ev_table_free(tables[j]);
      free(tables);
      return h;
    }
    out_handles[i] = h;
  }
  free(tables);
  return n;
}

/* ---- the stream path (ingest_stream.h) ---------------------------------
 * api_stream_open returns a STREAM handle; api_stream_feed scans len bytes
 * at ptr (copied in by JavaScript; the stream keeps no reference);
 * api_stream_finish writes one handle per table (as api_ingest_json) and
 * frees the stream in every case; api_stream_free cancels (0, unknown and
 * finished handles are a no-op). */
static ev_stream *stream_of(int32_t h) {
  ev_stream *s = ev_handles_get(h, EV_KIND_STREAM);
  if (!s) ev_error_set(EV_ERR_HANDLE, "unknown or freed stream handle %d", (int)h);
  return s;
}

API int32_t api_stream_open(double total_bytes) {
  ev_error_reset();
  ev_stream *s;
  int rc = ev_stream_open(&s, total_bytes);
  if (rc < 0) return rc;
  int32_t h = ev_handles_add(s, EV_KIND_STREAM);
  if (h < 0) ev_stream_free(s);
  return h;
}

API int32_t api_stream_feed(int32_t h, const char *ptr, int32_t len) {
  ev_error_reset();
  ev_stream *s = stream_of(h);
  if (!s) return ev_error_status();
  if (len < 0 || (!ptr && len)) return ev_error_set(EV_ERR_ARG, "stream: bad arguments");
  return ev_stream_feed(s, ptr, (size_t)len);
}

API int32_t api_stream_finish(int32_t h, int32_t *out_handles, int32_t cap) {
  ev_error_reset();
  ev_stream *s = stream_of(h);
  if (!s) return ev_error_status();
  if (!out_handles || cap < EV_MAX_TABLES)
    return ev_error_set(EV_ERR_ARG, "stream: bad arguments");
  ev_table **tables;
  int32_t n;
  int rc = ev_stream_finish(s, &tables, &n);
  ev_stream_free(ev_handles_remove(h, EV_KIND_STREAM));
  if (rc < 0) return rc;
  for (int32_t i = 0; i < n; i++) {
    int32_t th = ev_handles_add(tables[i], EV_KIND_TABLE);
    if (th < 0) {
      for (int32_t j = 0; j < i; j++)
        ev_table_free(ev_handles_remove(out_handles[j], EV_KIND_TABLE));
      for (int32_t j = i; j < n; j++) ev_table_free(tables[j]);
      free(tables);
      return th;
    }
    out_handles[i] = th;
  }
  free(tables);
  return n;
}

API int32_t api_stream_free(int32_t h) {
  ev_error_reset();
  ev_stream_free(ev_handles_remove(h, EV_KIND_STREAM));
  return EV_OK;
}

/* Bytes fed so far (at most EV_STREAM_MAX_INPUT_BYTES, so an int32). */
API int32_t api_stream_bytes(int32_t h) {
  ev_error_reset();
  ev_stream *s = stream_of(h);
  return s ? (int32_t)ev_stream_bytes(s) : ev_error_status();
}

API int32_t api_stream_rows(int32_t h) {
  ev_error_reset();
  ev_stream *s = stream_of(h);
  return s ? ev_stream_rows(s) : ev_error_status();
}

API int32_t api_table_free(int32_t h) {
  ev_error_reset();
  ev_table_free(ev_handles_remove(h, EV_KIND_TABLE));
  return EV_OK;
}

API int32_t api_table_name(int32_t h) {
  ev_error_reset();
  ev_table *t = table_of(h);
  return t ? (int32_t)(intptr_t)t->name : ev_error_status();
}

API int32_t api_table_rows(int32_t h) {
  ev_error_reset();
  ev_table *t = table_of(h);
  return t ? t->row_count : ev_error_status();
}

API int32_t api_table_cols(int32_t h) {
  ev_error_reset();
  ev_table *t = table_of(h);
  return t ? t->col_count : ev_error_status();
}

API int32_t api_col_name(int32_t h, int32_t i) {
  ev_error_reset();
  ev_column *c = column_of(h, i);
  return c ? (int32_t)(intptr_t)c->name : ev_error_status();
}

API int32_t api_col_type(int32_t h, int32_t i) {
  ev_error_reset();
  ev_column *c = column_of(h, i);
  return c ? (int32_t)c->type : ev_error_status();
}

/* Pointer to row_count f64 (number, boolean) or int32 codes (string, json). */
API int32_t api_col_data(int32_t h, int32_t i) {
  ev_error_reset();
  ev_column *c = column_of(h, i);
  if (!c) return ev_error_status();
  return c->num ? (int32_t)(intptr_t)c->num : (int32_t)(intptr_t)c->code;
}

API int32_t api_col_dict_count(int32_t h, int32_t i) {
  ev_error_reset();
  ev_column *c = column_of(h, i);
  if (!c) return ev_error_status();
  return c->dict ? ev_dict_count(c->dict) : 0;
}

static int32_t dict_entry(int32_t h, int32_t i, int32_t k, int want_len) {
  ev_error_reset();
  ev_column *c = column_of(h, i);
  if (!c) return ev_error_status();
  if (!c->dict || k < 0 || k >= ev_dict_count(c->dict))
    return ev_error_set(EV_ERR_ARG, "column '%s' has no dictionary entry %d",
                        c->name, (int)k);
  return want_len ? (int32_t)ev_dict_len(c->dict, k)
                  : (int32_t)(intptr_t)ev_dict_str(c->dict, k);
}

API int32_t api_col_dict_str(int32_t h, int32_t i, int32_t k) {
  return dict_entry(h, i, k, 0);
}

API int32_t api_col_dict_len(int32_t h, int32_t i, int32_t k) {
  return dict_entry(h, i, k, 1);
}

/* ---- table export / import (table_io.h) ---- */

/* Writes table h as one buffer (table_io.h's format) and its length to
 * *out_len. Returns a pointer the caller frees with api_free. */
API int32_t api_table_export(int32_t h, int32_t *out_len) {
  ev_error_reset();
  ev_table *t = table_of(h);
  if (!t) return ev_error_status();
  if (!out_len) return ev_error_set(EV_ERR_ARG, "table export: no output");
  uint8_t *buf;
  size_t len;
  int rc = ev_table_export(t, &buf, &len);
  if (rc < 0) return rc;
  if (len > INT32_MAX) {
    free(buf);
    return ev_error_set(EV_ERR_LIMIT, "table '%s' is too large to export",
                        t->name);
  }
  *out_len = (int32_t)len;
  return (int32_t)(intptr_t)buf;
}

/* Memory for an exported table to be copied into before api_table_import
 * (api_alloc stops at the JSON input limit; tables may be larger). */
API int32_t api_buffer_alloc(int32_t len) {
  ev_error_reset();
  if (len < 0) return ev_error_set(EV_ERR_ARG, "buffer: negative length");
  void *p = malloc(len ? (size_t)len : 1);
  if (!p)
    return ev_error_set(EV_ERR_NOMEM, "out of memory allocating %d bytes",
                        (int)len);
  return (int32_t)(intptr_t)p;
}

/* Checks buf[0..len) and builds the table it holds; returns its handle. */
API int32_t api_table_import(const uint8_t *buf, int32_t len) {
  ev_error_reset();
  if (len < 0) return ev_error_set(EV_ERR_ARG, "table import: bad length");
  ev_table *t;
  int rc = ev_table_import(buf, (size_t)len, &t);
  return rc < 0 ? rc : register_table(t);
}

/* ---- queries ---- */

static ev_query *query_of(int32_t q) {
  ev_query *p = ev_handles_get(q, EV_KIND_QUERY);
  if (!p) ev_error_set(EV_ERR_HANDLE, "unknown or freed query handle %d", (int)q);
  return p;
}

API int32_t api_query_new(void) {
  ev_error_reset();
  ev_query *q = ev_query_new();
  if (!q) return ev_error_set(EV_ERR_NOMEM, "out of memory for a query");
  int32_t h = ev_handles_add(q, EV_KIND_QUERY);
  if (h < 0) ev_query_free(q);
  return h;
}

API int32_t api_query_free(int32_t q) {
  ev_error_reset();
  ev_query_free(ev_handles_remove(q, EV_KIND_QUERY));
  return EV_OK;
}

#define WITH_QUERY(q, call)                 \
  do {                                      \
    ev_error_reset();                       \
    ev_query *p_ = query_of(q);             \
    return p_ ? (call) : ev_error_status(); \
  } while (0)

API int32_t api_query_filter_in(int32_t q, const char *col) {
  WITH_QUERY(q, ev_query_filter_in(p_, col));
}
API int32_t api_query_filter_add_number(int32_t q, double v) {
  WITH_QUERY(q, ev_query_filter_add_number(p_, v));
}
API int32_t api_query_filter_add_string(int32_t q, const char *s) {
  WITH_QUERY(q, ev_query_filter_add_string(p_, s));
}
API int32_t api_query_filter_range(int32_t q, const char *col, double lo,
                                   double hi) {
  WITH_QUERY(q, ev_query_filter_range(p_, col, lo, hi));
}
API int32_t api_query_group(int32_t q, const char *col) {
  WITH_QUERY(q, ev_query_group(p_, col));
}
API int32_t api_query_aggregate(int32_t q, int32_t op, const char *col,
                                const char *as) {
  WITH_QUERY(q, ev_query_aggregate(p_, (ev_agg_op)op, col, as));
}
API int32_t api_query_sort(int32_t q, const char *col, int32_t descending) {
  WITH_QUERY(q, ev_query_sort(p_, col, descending));
}

/* Derive steps: op is a code from api_abi()'s "derive"; the setters apply
 * to the query's most recent derive step (query.h, derive.h). */
API int32_t api_query_derive(int32_t q, int32_t op, const char *col,
                             const char *as) {
  WITH_QUERY(q, ev_query_derive(p_, (ev_derive_op)op, col, as));
}
API int32_t api_query_derive_by(int32_t q, const char *col) {
  WITH_QUERY(q, ev_query_derive_by(p_, col));
}
API int32_t api_query_derive_order(int32_t q, const char *col) {
  WITH_QUERY(q, ev_query_derive_order(p_, col));
}
API int32_t api_query_derive_key(int32_t q, const char *col) {
  WITH_QUERY(q, ev_query_derive_key(p_, col));
}
API int32_t api_query_derive_denominator_number(int32_t q, double v) {
  WITH_QUERY(q, ev_query_derive_denominator_number(p_, v));
}
API int32_t api_query_derive_denominator_string(int32_t q, const char *s) {
  WITH_QUERY(q, ev_query_derive_denominator_string(p_, s));
}
API int32_t api_query_derive_base(int32_t q, double base) {
  WITH_QUERY(q, ev_query_derive_base(p_, base));
}
API int32_t api_query_derive_step(int32_t q, double step) {
  WITH_QUERY(q, ev_query_derive_step(p_, step));
}
API int32_t api_query_derive_window(int32_t q, double window) {
  WITH_QUERY(q, ev_query_derive_window(p_, window));
}

/* Runs query q on table h; returns the handle of a new result table. */
API int32_t api_query_run(int32_t q, int32_t h) {
  ev_error_reset();
  ev_query *p = query_of(q);
  ev_table *t = p ? table_of(h) : NULL;
  if (!t) return ev_error_status();
  ev_table *out;
  int rc = ev_query_run(p, t, &out);
  return rc < 0 ? rc : register_table(out);
}

/* Decimates number columns x and y of table h over [x0, x1] into `pixels`
 * columns (decimate.h); returns the handle of the "decimated" table. q is a
 * query handle or 0: with a query, the query's result is decimated (with
 * filters only, its selected rows, without copying them). */
API int32_t api_decimate(int32_t q, int32_t h, const char *x, const char *y,
                         double x0, double x1, int32_t pixels) {
  ev_error_reset();
  ev_query *p = q ? query_of(q) : NULL;
  ev_table *t = (!q || p) ? table_of(h) : NULL;
  if (!t) return ev_error_status();
  ev_table *out = NULL;
  int rc;
  if (!p) {
    rc = ev_decimate(t, x, y, x0, x1, pixels, &out);
  } else if (ev_query_filters_only(p)) {
    int32_t *rows, count;
    rc = ev_query_select(p, t, &rows, &count);
    if (rc == EV_OK)
      rc = ev_decimate_rows(t, rows, count, x, y, x0, x1, pixels, &out);
    free(rows);
  } else {
    ev_table *res;
    rc = ev_query_run(p, t, &res);
    if (rc == EV_OK) rc = ev_decimate(res, x, y, x0, x1, pixels, &out);
    ev_table_free(res);
  }
  return rc < 0 ? rc : register_table(out);
}

/* ---- scales ---- */

/* A one-column table "value" holding what ticks_fn writes. */
static int32_t ticks_table(int (*ticks_fn)(double, double, int, double *, int),
                           double lo, double hi, int32_t count) {
  int n = ticks_fn(lo, hi, count, NULL, 0);
  if (n < 0) return n;
  ev_table *t = ev_table_new("ticks", n);
  if (!t) return ev_error_status();
  if (ev_table_add_column(t, "value", EV_COL_NUMBER, NULL) < 0) {
    ev_table_free(t);
    return ev_error_status();
  }
  ticks_fn(lo, hi, count, t->cols[0].num, n);
  return register_table(t);
}

/* A one-row table (lo, hi). */
static int32_t bounds_table(double lo, double hi) {
  ev_table *t = ev_table_new("nice", 1);
  if (!t) return ev_error_status();
  if (ev_table_add_column(t, "lo", EV_COL_NUMBER, NULL) < 0 ||
      ev_table_add_column(t, "hi", EV_COL_NUMBER, NULL) < 0) {
    ev_table_free(t);
    return ev_error_status();
  }
  t->cols[0].num[0] = lo;
  t->cols[1].num[0] = hi;
  return register_table(t);
}

/* A one-column table "value" of nice ticks within [lo, hi]. */
API int32_t api_ticks(double lo, double hi, int32_t count) {
  ev_error_reset();
  return ticks_table(ev_scale_ticks, lo, hi, count);
}

/* The same for a log scale (lo, hi > 0). */
API int32_t api_log_ticks(double lo, double hi, int32_t count) {
  ev_error_reset();
  return ticks_table(ev_scale_log_ticks, lo, hi, count);
}

/* A one-row table (lo, hi): [lo, hi] widened to tick multiples. */
API int32_t api_nice(double lo, double hi, int32_t count) {
  ev_error_reset();
  int rc = ev_scale_nice(&lo, &hi, count);
  return rc < 0 ? rc : bounds_table(lo, hi);
}

/* The same for a log scale: widened to powers of ten. */
API int32_t api_log_nice(double lo, double hi) {
  ev_error_reset();
  int rc = ev_scale_log_nice(&lo, &hi);
  return rc < 0 ? rc : bounds_table(lo, hi);
}

/* ---- trend projections ---- */

#define TREND_FIT_FIELDS 10

/* Fits x[0..n), y[0..n) (NaN = missing) and projects `horizon` steps.
 * Returns a result table handle (x, y, lo, hi, projected; see trend.h) and
 * writes the fit's diagnostics to out_fit[0..10) in the order of the ABI's
 * "trend_fit" list. */
API int32_t api_trend(const double *x, const double *y, int32_t n,
                      int32_t method, double level, int32_t horizon,
                      double step, double alpha, double beta,
                      double *out_fit) {
  ev_error_reset();
  if (!out_fit) return ev_error_set(EV_ERR_ARG, "trend: no output");
  ev_trend_spec spec = {(ev_trend_method)method, level, horizon, step, alpha,
                        beta};
  ev_table *t;
  ev_trend_diag d;
  int rc = ev_trend_fit(x, y, n, &spec, &t, &d);
  if (rc < 0) return rc;
  double fit[TREND_FIT_FIELDS] = {d.n,         d.df,    d.r2,    d.rse,
                                  d.intercept, d.slope, d.growth, d.alpha,
                                  d.beta,      d.quantile};
  memcpy(out_fit, fit, sizeof fit);
  return register_table(t);
}

/* ---- maps ---- */

static ev_shapes *shapes_of(int32_t h) {
  ev_shapes *s = ev_handles_get(h, EV_KIND_SHAPES);
  if (!s) ev_error_set(EV_ERR_HANDLE, "unknown or freed shapes handle %d", (int)h);
  return s;
}

/* Decodes TopoJSON object `object` of buf[0..len); returns a shapes handle. */
API int32_t api_geo_load(const char *buf, int32_t len, const char *object) {
  ev_error_reset();
  if (len < 0) return ev_error_set(EV_ERR_ARG, "TopoJSON: bad length");
  ev_shapes *s;
  int rc = ev_topojson_decode(buf, (size_t)len, object, &s);
  if (rc < 0) return rc;
  int32_t h = ev_handles_add(s, EV_KIND_SHAPES);
  if (h < 0) ev_shapes_free(s);
  return h;
}

API int32_t api_geo_free(int32_t h) {
  ev_error_reset();
  ev_shapes_free(ev_handles_remove(h, EV_KIND_SHAPES));
  return EV_OK;
}

API int32_t api_geo_count(int32_t h) {
  ev_error_reset();
  ev_shapes *s = shapes_of(h);
  return s ? s->geometry_count : ev_error_status();
}

/* Tables from shapes: decoded rings, points per geometry, projected path. */
API int32_t api_geo_rings(int32_t h) {
  ev_error_reset();
  ev_shapes *s = shapes_of(h);
  ev_table *t;
  if (!s || ev_geo_rings(s, &t) < 0) return ev_error_status();
  return register_table(t);
}

API int32_t api_geo_points(int32_t h) {
  ev_error_reset();
  ev_shapes *s = shapes_of(h);
  ev_table *t;
  if (!s || ev_geo_points(s, &t) < 0) return ev_error_status();
  return register_table(t);
}

API int32_t api_geo_path(int32_t h, int32_t proj, double k, double tx,
                         double ty) {
  ev_error_reset();
  ev_shapes *s = shapes_of(h);
  ev_geo_view v = {(ev_projection)proj, k, tx, ty};
  ev_table *t;
  if (!s || ev_geo_path(s, &v, &t) < 0) return ev_error_status();
  return register_table(t);
}

/* A one-row table (k, tx, ty): the view fitting a lon/lat box in a canvas. */
API int32_t api_geo_fit(int32_t proj, double lon0, double lat0, double lon1,
                        double lat1, double width, double height,
                        double padding) {
  ev_error_reset();
  ev_geo_view v;
  int rc = ev_geo_fit((ev_projection)proj, lon0, lat0, lon1, lat1, width,
                      height, padding, &v);
  if (rc < 0) return rc;
  ev_table *t = ev_table_new("view", 1);
  if (!t) return ev_error_status();
  const char *names[] = {"k", "tx", "ty"};
  double vals[] = {v.k, v.tx, v.ty};
  for (int i = 0; i < 3; i++) {
    if (ev_table_add_column(t, names[i], EV_COL_NUMBER, NULL) < 0) {
      ev_table_free(t);
      return ev_error_status();
    }
    t->cols[i].num[0] = vals[i];
  }
  return register_table(t);
}

/* Converts n points through a projection. mode 0: degrees → pixels of the
 * view (k, tx, ty) (errors on non-finite input); 1: pixels → degrees
 * (points outside the map become NaN, for hit-testing); 2: raw radians →
 * raw x, y; 3: raw x, y → radians. Returns a two-column table. */
API int32_t api_geo_convert(int32_t proj, int32_t mode, double k, double tx,
                            double ty, const double *a, const double *b,
                            int32_t n) {
  ev_error_reset();
  static const char *cols[4][2] = {
      {"x", "y"}, {"lon", "lat"}, {"x", "y"}, {"lambda", "phi"}};
  if (mode < 0 || mode > 3 || n < 0 || (n && (!a || !b)))
    return ev_error_set(EV_ERR_ARG, "geo: bad conversion arguments");
  ev_table *t = ev_table_new("points", n);
  if (!t) return ev_error_status();
  if (ev_table_add_column(t, cols[mode][0], EV_COL_NUMBER, NULL) < 0 ||
      ev_table_add_column(t, cols[mode][1], EV_COL_NUMBER, NULL) < 0) {
    ev_table_free(t);
    return ev_error_status();
  }
  ev_geo_view v = {(ev_projection)proj, k, tx, ty};
  if (mode == 1 && (proj < EV_PROJ_EQUAL_EARTH ||
                    proj > EV_PROJ_EQUIRECTANGULAR || !(k > 0) ||
                    !isfinite(k) || !isfinite(tx) || !isfinite(ty))) {
    ev_table_free(t);
    return ev_error_set(EV_ERR_ARG, "geo: invalid projection or view");
  }
  double *oa = t->cols[0].num, *ob = t->cols[1].num;
  for (int32_t i = 0; i < n; i++) {
    int rc = EV_OK;
    switch (mode) {
      case 0: rc = ev_geo_to_pixels(&v, a[i], b[i], &oa[i], &ob[i]); break;
      case 1: /* outside the map: NaN, not an error (the view was checked) */
        if (ev_geo_from_pixels(&v, a[i], b[i], &oa[i], &ob[i]) != EV_OK) {
          ev_error_reset();
          oa[i] = ob[i] = NAN;
        }
        break;
      case 2: rc = ev_geo_project_raw(v.projection, a[i], b[i], &oa[i], &ob[i]); break;
      case 3: rc = ev_geo_invert_raw(v.projection, a[i], b[i], &oa[i], &ob[i]); break;
    }
    if (rc < 0) {
      ev_table_free(t);
      return rc;
    }
  }
  return register_table(t);
}

/* ---- chart descriptions (chart_desc.h) ---- */

/* Checks the description buf[0..len) against the tables whose handles are
 * handles[0..count) (a dataset's tables). Returns a pointer to the
 * normalised description (JSON text, NUL-terminated; its length in
 * *out_len), which the caller frees with api_free. */
API int32_t api_chart_check(const char *buf, int32_t len,
                            const int32_t *handles, int32_t count,
                            int32_t *out_len) {
  ev_error_reset();
  if (len < 0 || count < 0 || count > EV_MAX_TABLES || (count && !handles) ||
      !out_len)
    return ev_error_set(EV_ERR_ARG, "chart check: bad arguments");
  ev_table *tables[EV_MAX_TABLES];
  for (int32_t i = 0; i < count; i++)
    if (!(tables[i] = table_of(handles[i]))) return ev_error_status();
  char *text;
  size_t n;
  int rc = ev_chart_check(buf, (size_t)len, tables, count, &text, &n);
  if (rc < 0) return rc;
  *out_len = (int32_t)n; /* under EV_CHART_MAX_BYTES plus the defaults */
  return (int32_t)(intptr_t)text;
}

/* Live engine objects (tables and queries), for leak tests. */
API int32_t api_live_objects(void) {
  ev_error_reset();
  return ev_handles_live();
}
