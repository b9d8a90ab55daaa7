/* test_api.c — the exported boundary (wasm/api.c), compiled natively.
 *
 * Natively the exports are plain functions. Exports that return a pointer
 * as int32 (names, column data, strings, api_alloc) cut a 64-bit pointer to
 * 32 bits, so here they are compared with the cut pointer and never
 * dereferenced; the Node tests (tests/js) read them through WASM memory. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "chart_desc.h"
#include "check.h"
#include "handles.h"
#include "query.h"
#include "status.h"
#include "table.h"

/* api.c has no header: these are its exports. */
const char *api_abi(void);
const char *api_last_error(void);
int32_t api_last_status(void);
int32_t api_alloc(int32_t len);
void api_free(int32_t ptr);
int32_t api_ingest_json(const char *buf, int32_t len, int32_t *out_handles,
                        int32_t cap);
int32_t api_table_free(int32_t h);
int32_t api_table_name(int32_t h);
int32_t api_table_rows(int32_t h);
int32_t api_table_cols(int32_t h);
int32_t api_col_name(int32_t h, int32_t i);
int32_t api_col_type(int32_t h, int32_t i);
int32_t api_col_data(int32_t h, int32_t i);
int32_t api_col_dict_count(int32_t h, int32_t i);
int32_t api_col_dict_str(int32_t h, int32_t i, int32_t k);
int32_t api_col_dict_len(int32_t h, int32_t i, int32_t k);
int32_t api_query_new(void);
int32_t api_query_free(int32_t q);
int32_t api_query_filter_in(int32_t q, const char *col);
int32_t api_query_filter_add_number(int32_t q, double v);
int32_t api_query_filter_add_string(int32_t q, const char *s);
int32_t api_query_filter_range(int32_t q, const char *col, double lo,
                               double hi);
int32_t api_query_group(int32_t q, const char *col);
int32_t api_query_aggregate(int32_t q, int32_t op, const char *col,
                            const char *as);
int32_t api_query_sort(int32_t q, const char *col, int32_t descending);
int32_t api_query_derive(int32_t q, int32_t op, const char *col,
                         const char *as);
int32_t api_query_derive_by(int32_t q, const char *col);
int32_t api_query_derive_order(int32_t q, const char *col);
int32_t api_query_derive_key(int32_t q, const char *col);
int32_t api_query_derive_denominator_number(int32_t q, double v);
int32_t api_query_derive_denominator_string(int32_t q, const char *s);
int32_t api_query_derive_base(int32_t q, double base);
int32_t api_query_derive_step(int32_t q, double step);
int32_t api_query_derive_window(int32_t q, double window);
int32_t api_query_run(int32_t q, int32_t h);
int32_t api_ticks(double lo, double hi, int32_t count);
int32_t api_nice(double lo, double hi, int32_t count);
int32_t api_log_ticks(double lo, double hi, int32_t count);
int32_t api_log_nice(double lo, double hi);
int32_t api_live_objects(void);
int32_t api_chart_check(const char *buf, int32_t len, const int32_t *handles,
                        int32_t count, int32_t *out_len);

#define CUT(p) ((int32_t)(intptr_t)(p)) /* a pointer as an export returns it \
                                         */

static const char *DOC =
    "{\"title\":\"x\",\"projects\":[{\"region\":\"Europe\",\"usd_bn\":7.6},"
    "{\"region\":\"Asia\",\"usd_bn\":null},{\"region\":\"Europe\",\"usd_bn\":2}"
    "],"
    "\"countries\":[{\"iso3\":\"HUN\",\"name_zh\":\"匈牙利\"}]}";

/* Records a stale error, so that a call that does not reset the slot is
 * caught (the first error would win). */
static void stale(void) {
  ev_error_reset();
  ev_error_set(EV_ERR_NOMEM, "stale error from an earlier call");
}

/* After a successful export: the slot is clear. */
#define CHECK_CLEAR()                       \
  do {                                      \
    CHECK_EQ_INT(api_last_status(), EV_OK); \
    CHECK_STR(api_last_error(), "");        \
  } while (0)

static int ingest(const char *doc, int32_t *h) {
  return api_ingest_json(doc, (int32_t)strlen(doc), h, EV_MAX_TABLES);
}

static int abi_int(const cJSON *root, const char *group, const char *key) {
  const cJSON *g = cJSON_GetObjectItemCaseSensitive(root, group);
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(g, key);
  return cJSON_IsNumber(v) ? v->valueint : -12345;
}

static void test_abi(void) {
  stale();
  const char *abi = api_abi();
  CHECK_CLEAR();
  cJSON *root = cJSON_Parse(abi);
  if (!CHECK(root != NULL)) return;
  CHECK_EQ_INT(cJSON_GetObjectItemCaseSensitive(root, "version")->valueint, 1);
  CHECK_EQ_INT(abi_int(root, "status", "OK"), EV_OK);
  CHECK_EQ_INT(abi_int(root, "status", "ARG"), EV_ERR_ARG);
  CHECK_EQ_INT(abi_int(root, "status", "HANDLE"), EV_ERR_HANDLE);
  CHECK_EQ_INT(abi_int(root, "status", "PARSE"), EV_ERR_PARSE);
  CHECK_EQ_INT(abi_int(root, "status", "SHAPE"), EV_ERR_SHAPE);
  CHECK_EQ_INT(abi_int(root, "status", "TYPE"), EV_ERR_TYPE);
  CHECK_EQ_INT(abi_int(root, "status", "RANGE"), EV_ERR_RANGE);
  CHECK_EQ_INT(abi_int(root, "status", "LIMIT"), EV_ERR_LIMIT);
  CHECK_EQ_INT(abi_int(root, "status", "NOMEM"), EV_ERR_NOMEM);
  CHECK_EQ_INT(abi_int(root, "status", "COLUMN"), EV_ERR_COLUMN);
  CHECK_EQ_INT(abi_int(root, "status", "DATA"), EV_ERR_DATA);
  /* every status name in the ABI is ev_status_name of its code, and there
   * is one entry per code (OK + 10 errors) */
  const cJSON *st = cJSON_GetObjectItemCaseSensitive(root, "status");
  int entries = 0, names_ok = 1;
  for (const cJSON *e = st ? st->child : NULL; e; e = e->next, entries++)
    names_ok &= strcmp(ev_status_name(e->valueint), e->string) == 0;
  CHECK(names_ok);
  CHECK_EQ_INT(entries, 11);
  CHECK_EQ_INT(abi_int(root, "col_type", "number"), EV_COL_NUMBER);
  CHECK_EQ_INT(abi_int(root, "col_type", "string"), EV_COL_STRING);
  CHECK_EQ_INT(abi_int(root, "col_type", "boolean"), EV_COL_BOOL);
  CHECK_EQ_INT(abi_int(root, "col_type", "json"), EV_COL_JSON);
  /* the type names are those of ev_col_type_name */
  const cJSON *ct = cJSON_GetObjectItemCaseSensitive(root, "col_type");
  for (const cJSON *e = ct ? ct->child : NULL; e; e = e->next)
    CHECK_STR(ev_col_type_name((ev_col_type)e->valueint), e->string);
  CHECK_EQ_INT(abi_int(root, "agg", "count"), EV_AGG_COUNT);
  CHECK_EQ_INT(abi_int(root, "agg", "sum"), EV_AGG_SUM);
  CHECK_EQ_INT(abi_int(root, "agg", "mean"), EV_AGG_MEAN);
  CHECK_EQ_INT(abi_int(root, "agg", "min"), EV_AGG_MIN);
  CHECK_EQ_INT(abi_int(root, "agg", "max"), EV_AGG_MAX);
  CHECK_EQ_INT(abi_int(root, "agg", "median"), EV_AGG_MEDIAN);
  CHECK_EQ_INT(abi_int(root, "limits", "max_input_bytes"), EV_MAX_INPUT_BYTES);
  CHECK_EQ_INT(abi_int(root, "limits", "max_depth"), EV_MAX_DEPTH);
  CHECK_EQ_INT(abi_int(root, "limits", "max_rows"), EV_MAX_ROWS);
  CHECK_EQ_INT(abi_int(root, "limits", "max_columns"), EV_MAX_COLUMNS);
  CHECK_EQ_INT(abi_int(root, "limits", "max_tables"), EV_MAX_TABLES);
  CHECK_EQ_INT(abi_int(root, "limits", "max_name_bytes"), EV_MAX_NAME_BYTES);
  CHECK_EQ_INT(abi_int(root, "limits", "max_filters"), EV_QUERY_MAX_FILTERS);
  CHECK_EQ_INT(abi_int(root, "limits", "max_group_keys"), EV_QUERY_MAX_KEYS);
  CHECK_EQ_INT(abi_int(root, "limits", "max_aggregates"), EV_QUERY_MAX_AGGS);
  CHECK_EQ_INT(abi_int(root, "limits", "max_sort"), EV_QUERY_MAX_SORT);
  CHECK_EQ_INT(abi_int(root, "limits", "max_filter_values"),
               EV_QUERY_MAX_VALUES);
  CHECK_EQ_INT(abi_int(root, "derive", "share"), EV_DERIVE_SHARE);
  CHECK_EQ_INT(abi_int(root, "derive", "ratio"), EV_DERIVE_RATIO);
  CHECK_EQ_INT(abi_int(root, "derive", "index"), EV_DERIVE_INDEX);
  CHECK_EQ_INT(abi_int(root, "derive", "change"), EV_DERIVE_CHANGE);
  CHECK_EQ_INT(abi_int(root, "derive", "pct_change"), EV_DERIVE_PCT_CHANGE);
  CHECK_EQ_INT(abi_int(root, "derive", "cumsum"), EV_DERIVE_CUMSUM);
  CHECK_EQ_INT(abi_int(root, "derive", "rolling_mean"), EV_DERIVE_ROLLING_MEAN);
  /* every derive op's name is ev_derive_op_name of its code; one per op */
  const cJSON *dv = cJSON_GetObjectItemCaseSensitive(root, "derive");
  int ops = 0;
  for (const cJSON *e = dv ? dv->child : NULL; e; e = e->next, ops++)
    CHECK_STR(ev_derive_op_name((ev_derive_op)e->valueint), e->string);
  CHECK_EQ_INT(ops, 7);
  CHECK_EQ_INT(abi_int(root, "limits", "max_derive"), EV_DERIVE_MAX_STEPS);
  CHECK_EQ_INT(abi_int(root, "limits", "max_derive_by"), EV_DERIVE_MAX_BY);
  CHECK_EQ_INT(abi_int(root, "limits", "max_window"), EV_DERIVE_MAX_WINDOW);
  /* the chart description limits (chart_desc.h), for the studio */
  CHECK_EQ_INT(abi_int(root, "limits", "chart_max_bytes"), EV_CHART_MAX_BYTES);
  CHECK_EQ_INT(abi_int(root, "limits", "chart_max_locales"),
               EV_CHART_MAX_LOCALES);
  CHECK_EQ_INT(abi_int(root, "limits", "chart_max_locale_bytes"),
               EV_CHART_MAX_LOCALE_BYTES);
  CHECK_EQ_INT(abi_int(root, "limits", "chart_max_views"), EV_CHART_MAX_VIEWS);
  CHECK_EQ_INT(abi_int(root, "limits", "chart_max_id_bytes"),
               EV_CHART_MAX_ID_BYTES);
  CHECK_EQ_INT(abi_int(root, "limits", "chart_max_text_bytes"),
               EV_CHART_MAX_TEXT_BYTES);
  CHECK_EQ_INT(abi_int(root, "limits", "chart_max_tab_bytes"),
               EV_CHART_MAX_TAB_BYTES);
  CHECK_EQ_INT(abi_int(root, "limits", "chart_max_list"), EV_CHART_MAX_LIST);
  CHECK_EQ_INT(abi_int(root, "limits", "chart_max_derive"),
               EV_CHART_MAX_DERIVE);
  CHECK_EQ_INT(abi_int(root, "limits", "chart_max_in"), EV_CHART_MAX_IN);
  CHECK_EQ_INT(abi_int(root, "limits", "chart_max_series_values"),
               EV_CHART_MAX_SERIES_VALUES);
  CHECK_EQ_INT(abi_int(root, "limits", "chart_max_horizon"),
               EV_CHART_MAX_HORIZON);
  cJSON_Delete(root);
  /* built once: the same text again */
  CHECK(api_abi() == abi);
}

static void test_tables(void) {
  int32_t h[EV_MAX_TABLES];
  stale();
  CHECK_EQ_INT(ingest(DOC, h), 2);
  CHECK_CLEAR();
  CHECK_EQ_INT(api_live_objects(), 2);
  ev_table *p = ev_handles_get(h[0], EV_KIND_TABLE);
  ev_table *c = ev_handles_get(h[1], EV_KIND_TABLE);
  if (!CHECK(p && c)) return;
  CHECK_STR(p->name, "projects");
  CHECK_STR(c->name, "countries");

  stale();
  CHECK_EQ_INT(api_table_name(h[0]), CUT(p->name));
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_table_rows(h[0]), 3);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_table_cols(h[0]), 2);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_col_name(h[0], 1), CUT(p->cols[1].name));
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_col_type(h[0], 0), EV_COL_STRING);
  CHECK_CLEAR();
  CHECK_EQ_INT(api_col_type(h[0], 1), EV_COL_NUMBER);
  stale();
  CHECK_EQ_INT(api_col_data(h[0], 1), CUT(p->cols[1].num));
  CHECK_CLEAR();
  CHECK_EQ_INT(api_col_data(h[0], 0), CUT(p->cols[0].code));
  stale();
  CHECK_EQ_INT(api_col_dict_count(h[0], 0), 2); /* Europe, Asia */
  CHECK_CLEAR();
  CHECK_EQ_INT(api_col_dict_count(h[0], 1), 0); /* number column */
  stale();
  CHECK_EQ_INT(api_col_dict_str(h[1], 1, 0),
               CUT(ev_dict_str(c->cols[1].dict, 0)));
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_col_dict_len(h[1], 1, 0), 9); /* 匈牙利: 3 x 3 bytes */
  CHECK_CLEAR();

  /* errors: each message is this call's (the stale one is gone) */
  stale();
  CHECK_EQ_INT(api_table_rows(h[0] + (1 << 16)), EV_ERR_HANDLE);
  CHECK_EQ_INT(api_last_status(), EV_ERR_HANDLE);
  CHECK(strstr(api_last_error(), "unknown or freed table handle") != NULL);
  stale();
  CHECK_EQ_INT(api_table_cols(0), EV_ERR_HANDLE);
  CHECK_STR(api_last_error(), "unknown or freed table handle 0");
  stale();
  CHECK_EQ_INT(api_table_name(-5), EV_ERR_HANDLE);
  CHECK_STR(api_last_error(), "unknown or freed table handle -5");
  stale();
  CHECK_EQ_INT(api_col_name(h[0], 2), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "table 'projects' has no column 2");
  stale();
  CHECK_EQ_INT(api_col_type(h[0], -1), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "table 'projects' has no column -1");
  stale();
  CHECK_EQ_INT(api_col_data(h[1], 7), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "table 'countries' has no column 7");
  stale();
  CHECK_EQ_INT(api_col_dict_count(h[1], 9), EV_ERR_ARG);
  stale();
  CHECK_EQ_INT(api_col_dict_str(h[0], 0, 2), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "column 'region' has no dictionary entry 2");
  stale();
  CHECK_EQ_INT(api_col_dict_len(h[0], 0, -1), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "column 'region' has no dictionary entry -1");
  stale();
  CHECK_EQ_INT(api_col_dict_str(h[0], 1, 0), EV_ERR_ARG); /* number column */
  CHECK_STR(api_last_error(), "column 'usd_bn' has no dictionary entry 0");

  /* a query handle is not a table handle, and the reverse */
  int32_t q = api_query_new();
  CHECK(q > 0);
  stale();
  CHECK_EQ_INT(api_table_rows(q), EV_ERR_HANDLE);
  CHECK_EQ_INT(api_table_free(q), EV_OK);    /* a no-op: q is not a table */
  CHECK_EQ_INT(api_query_free(h[0]), EV_OK); /* a no-op too */
  CHECK_EQ_INT(api_live_objects(), 3);
  CHECK_EQ_INT(api_table_rows(h[0]), 3);

  /* frees: 0, stale and repeated handles are no-ops; each resets */
  stale();
  CHECK_EQ_INT(api_query_free(q), EV_OK);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_free(q), EV_OK);
  CHECK_CLEAR();
  CHECK_EQ_INT(api_query_free(0), EV_OK);
  stale();
  CHECK_EQ_INT(api_table_free(h[0]), EV_OK);
  CHECK_CLEAR();
  CHECK_EQ_INT(api_table_free(h[0]), EV_OK);
  CHECK_EQ_INT(api_table_free(0), EV_OK);
  CHECK_EQ_INT(api_table_free(-1), EV_OK);
  CHECK_EQ_INT(api_live_objects(), 1);
  CHECK_EQ_INT(api_table_rows(h[0]), EV_ERR_HANDLE); /* stale */
  CHECK_EQ_INT(api_table_rows(h[1]), 1);             /* the other lives */
  api_table_free(h[1]);
  stale();
  CHECK_EQ_INT(api_live_objects(), 0);
  CHECK_CLEAR();
  stale();
  api_free(0);
  CHECK_CLEAR();
}

static void test_ingest_errors(void) {
  int32_t h[EV_MAX_TABLES];
  stale();
  CHECK_EQ_INT(ingest("[{\"a\":1}] x", h), EV_ERR_PARSE);
  CHECK_EQ_INT(api_last_status(), EV_ERR_PARSE);
  CHECK_STR(api_last_error(),
            "JSON parse error at line 1, column 11: unexpected data after the "
            "end of the JSON value");
  stale();
  CHECK_EQ_INT(ingest("{\"t\":[{\"a\":1},{\"a\":\"x\"}]}", h), EV_ERR_TYPE);
  CHECK_STR(api_last_error(),
            "table 't' row 2, column 'a': expected number, got string \"x\" "
            "(numbers must not be quoted; use null for a missing value)");
  /* bad arguments */
  stale();
  CHECK_EQ_INT(api_ingest_json("[]", -1, h, EV_MAX_TABLES), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "ingest: bad arguments");
  CHECK_EQ_INT(api_ingest_json("[{}]", 4, NULL, EV_MAX_TABLES), EV_ERR_ARG);
  CHECK_EQ_INT(api_ingest_json("[{}]", 4, h, EV_MAX_TABLES - 1), EV_ERR_ARG);
  CHECK_EQ_INT(api_live_objects(), 0);
  /* allocation limits (the successful path returns a pointer cut to 32
   * bits natively; tests/js covers it) */
  stale();
  CHECK_EQ_INT(api_alloc(-1), EV_ERR_LIMIT);
  CHECK_STR(api_last_error(),
            "cannot allocate -1 bytes of input (limit 16777216)");
  stale();
  CHECK_EQ_INT(api_alloc(EV_MAX_INPUT_BYTES + 2), EV_ERR_LIMIT);
  CHECK_STR(api_last_error(),
            "cannot allocate 16777218 bytes of input (limit 16777216)");
}

static void test_queries(void) {
  int32_t h[EV_MAX_TABLES];
  CHECK_EQ_INT(ingest(DOC, h), 2);
  stale();
  int32_t q = api_query_new();
  CHECK(q > 0);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_filter_range(q, "usd_bn", 0, NAN), EV_OK);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_group(q, "region"), EV_OK);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_aggregate(q, EV_AGG_SUM, "usd_bn", NULL), EV_OK);
  CHECK_CLEAR();
  CHECK_EQ_INT(api_query_aggregate(q, EV_AGG_COUNT, NULL, "n"), EV_OK);
  stale();
  CHECK_EQ_INT(api_query_sort(q, "n", 1), EV_OK);
  CHECK_CLEAR();
  stale();
  int32_t r = api_query_run(q, h[0]);
  CHECK(r > 0);
  CHECK_CLEAR();
  ev_table *res = ev_handles_get(r, EV_KIND_TABLE);
  /* usd_bn >= 0 keeps rows 1 and 3 (row 2 is missing): Europe 7.6 + 2 */
  if (CHECK(res != NULL) && CHECK_EQ_INT(res->row_count, 1)) {
    CHECK_STR(ev_dict_str(res->cols[0].dict, res->cols[0].code[0]), "Europe");
    CHECK_NEAR(res->cols[1].num[0], 9.6, 1e-12);
    CHECK_EQ_DBL(res->cols[2].num[0], 2);
  }
  CHECK_EQ_INT(api_live_objects(), 4); /* 2 tables, a query, a result */
  /* the same query runs again, giving a new table */
  int32_t r2 = api_query_run(q, h[0]);
  CHECK(r2 > 0 && r2 != r);
  api_table_free(r2);

  /* IN filters through the boundary */
  int32_t q2 = api_query_new();
  stale();
  CHECK_EQ_INT(api_query_filter_in(q2, "iso3"), EV_OK);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_filter_add_string(q2, "HUN"), EV_OK);
  CHECK_CLEAR();
  int32_t r3 = api_query_run(q2, h[1]);
  CHECK_EQ_INT(api_table_rows(r3), 1);
  api_table_free(r3);
  int32_t q3 = api_query_new();
  api_query_filter_in(q3, "usd_bn");
  stale();
  CHECK_EQ_INT(api_query_filter_add_number(q3, 2), EV_OK);
  CHECK_CLEAR();
  int32_t r4 = api_query_run(q3, h[0]);
  CHECK_EQ_INT(api_table_rows(r4), 1);
  api_table_free(r4);

  /* errors: the failing call's own message */
  stale();
  CHECK_EQ_INT(api_query_filter_add_number(q2, 1), EV_ERR_ARG);
  CHECK_STR(api_last_error(),
            "query: filter 1 on 'iso3' mixes numbers and strings");
  stale();
  CHECK_EQ_INT(api_query_filter_in(q2, ""), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "query: a filter needs a column name");
  stale();
  CHECK_EQ_INT(api_query_filter_range(q2, NULL, 0, 1), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "query: a filter needs a column name");
  stale();
  CHECK_EQ_INT(api_query_group(q2, NULL), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "query: group by needs a column name");
  stale();
  CHECK_EQ_INT(api_query_aggregate(q2, 99, "x", NULL), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "query: unknown aggregate 99");
  stale();
  CHECK_EQ_INT(api_query_sort(q2, "", 0), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "query: sort needs a column name");
  stale();
  CHECK_EQ_INT(api_query_filter_add_string(q3, "x"), EV_ERR_ARG);
  CHECK_STR(api_last_error(),
            "query: filter 1 on 'usd_bn' mixes numbers and strings");
  /* running on the wrong table: unknown column, no table registered */
  int32_t live = api_live_objects();
  stale();
  CHECK_EQ_INT(api_query_run(q2, h[0]), EV_ERR_COLUMN);
  CHECK_STR(api_last_error(),
            "query on table 'projects': filter 1: no column 'iso3'");
  CHECK_EQ_INT(api_live_objects(), live);
  /* bad handles: every query export checks its handle */
  stale();
  CHECK_EQ_INT(api_query_run(h[0], h[0]), EV_ERR_HANDLE);
  char want[64];
  snprintf(want, sizeof want, "unknown or freed query handle %d", (int)h[0]);
  CHECK_STR(api_last_error(), want);
  stale();
  CHECK_EQ_INT(api_query_run(q, q), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_run(q, 0), EV_ERR_HANDLE);
  CHECK_STR(api_last_error(), "unknown or freed table handle 0");
  api_query_free(q3);
  const int32_t dead = q3;
  stale();
  CHECK_EQ_INT(api_query_filter_in(dead, "a"), EV_ERR_HANDLE);
  CHECK(strstr(api_last_error(), "unknown or freed query handle") != NULL);
  stale();
  CHECK_EQ_INT(api_query_filter_add_number(dead, 1), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_filter_add_string(dead, "a"), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_filter_range(dead, "a", 0, 1), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_group(dead, "a"), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_aggregate(dead, EV_AGG_COUNT, NULL, NULL),
               EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_sort(dead, "a", 0), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_run(dead, h[0]), EV_ERR_HANDLE);
  CHECK_EQ_INT(api_last_status(), EV_ERR_HANDLE);

  api_query_free(q);
  api_query_free(q2);
  api_table_free(r);
  api_table_free(h[0]);
  api_table_free(h[1]);
  CHECK_EQ_INT(api_live_objects(), 0);
}

static void test_derive(void) {
  int32_t h[EV_MAX_TABLES];
  const char *doc =
      "{\"s\":[{\"y\":2021,\"k\":\"nev\",\"v\":1},"
      "{\"y\":2021,\"k\":\"all\",\"v\":4},"
      "{\"y\":2022,\"k\":\"nev\",\"v\":3},"
      "{\"y\":2022,\"k\":\"all\",\"v\":6}]}";
  CHECK_EQ_INT(ingest(doc, h), 1);
  int32_t q = api_query_new();
  /* every derive export resets the slot and succeeds */
  stale();
  CHECK_EQ_INT(api_query_derive(q, EV_DERIVE_RATIO, "v", "of_all"), EV_OK);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_derive_by(q, "y"), EV_OK);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_derive_key(q, "k"), EV_OK);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_derive_denominator_number(q, 1), EV_OK);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_derive_denominator_string(q, "all"), EV_OK);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_derive(q, EV_DERIVE_INDEX, "v", NULL), EV_OK);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_derive_order(q, "y"), EV_OK);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_derive_base(q, 2021), EV_OK);
  CHECK_CLEAR();
  CHECK_EQ_INT(api_query_derive_by(q, "k"), EV_OK);
  stale();
  CHECK_EQ_INT(api_query_derive(q, EV_DERIVE_ROLLING_MEAN, "v", "mean2"),
               EV_OK);
  CHECK_CLEAR();
  CHECK_EQ_INT(api_query_derive_order(q, "y"), EV_OK);
  CHECK_EQ_INT(api_query_derive_by(q, "k"), EV_OK);
  stale();
  CHECK_EQ_INT(api_query_derive_step(q, 1), EV_OK);
  CHECK_CLEAR();
  stale();
  CHECK_EQ_INT(api_query_derive_window(q, 2), EV_OK);
  CHECK_CLEAR();
  stale();
  int32_t r = api_query_run(q, h[0]);
  CHECK(r > 0);
  CHECK_CLEAR();
  ev_table *res = ev_handles_get(r, EV_KIND_TABLE);
  /* of_all: 1/4, 1, 3/6, 1; index to 2021 per k: 100, 100, 300, 150;
   * mean of 2 years per k: -, -, (1+3)/2 = 2, (4+6)/2 = 5 */
  if (CHECK(res != NULL) && CHECK_EQ_INT(res->col_count, 6)) {
    CHECK_STR(res->cols[3].name, "of_all");
    CHECK_STR(res->cols[4].name, "index_v");
    CHECK_STR(res->cols[5].name, "mean2");
    const double of_all[] = {0.25, 1, 0.5, 1}, index[] = {100, 100, 300, 150},
                 mean2[] = {NAN, NAN, 2, 5};
    for (int i = 0; i < 4; i++) {
      CHECK_EQ_DBL(res->cols[3].num[i], of_all[i]);
      CHECK_EQ_DBL(res->cols[4].num[i], index[i]);
      CHECK_EQ_DBL(res->cols[5].num[i], mean2[i]);
    }
  }
  api_table_free(r);

  /* errors: the failing call's own message; a failed run keeps nothing */
  stale();
  CHECK_EQ_INT(api_query_derive_window(q, 0.5), EV_ERR_ARG);
  CHECK_STR(api_last_error(),
            "query: derive 3 (rolling_mean): window must be a whole number "
            "from 1 to 1000, got 0.5");
  stale();
  CHECK_EQ_INT(api_query_derive(q, 99, "v", NULL), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "query: derive 4: unknown op 99");
  CHECK_EQ_INT(api_query_derive(q, EV_DERIVE_SHARE, "v", NULL), EV_OK);
  stale();
  CHECK_EQ_INT(api_query_derive_order(q, "y"), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "query: derive 4 (share) takes no order");
  CHECK_EQ_INT(api_query_derive_by(q, "nope"), EV_OK);
  int32_t live = api_live_objects();
  stale();
  CHECK_EQ_INT(api_query_run(q, h[0]), EV_ERR_COLUMN);
  CHECK_STR(api_last_error(),
            "query on table 's': derive 4 (share): by: no output column "
            "'nope'");
  CHECK_EQ_INT(api_live_objects(), live);
  int32_t q2 = api_query_new();
  stale();
  CHECK_EQ_INT(api_query_derive_step(q2, 1), EV_ERR_ARG);
  CHECK_STR(api_last_error(),
            "query: a derive setting needs a derive step first");

  /* stale query handles */
  api_query_free(q2);
  const int32_t dead = q2;
  stale();
  CHECK_EQ_INT(api_query_derive(dead, EV_DERIVE_SHARE, "v", NULL),
               EV_ERR_HANDLE);
  CHECK(strstr(api_last_error(), "unknown or freed query handle") != NULL);
  stale();
  CHECK_EQ_INT(api_query_derive_by(dead, "y"), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_derive_order(dead, "y"), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_derive_key(dead, "k"), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_derive_denominator_number(dead, 1), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_derive_denominator_string(dead, "a"), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_derive_base(dead, 1), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_derive_step(dead, 1), EV_ERR_HANDLE);
  stale();
  CHECK_EQ_INT(api_query_derive_window(dead, 1), EV_ERR_HANDLE);
  CHECK_EQ_INT(api_last_status(), EV_ERR_HANDLE);
  api_query_free(q);
  api_table_free(h[0]);
  CHECK_EQ_INT(api_live_objects(), 0);
}

static void test_scales(void) {
  stale();
  int32_t t = api_ticks(0, 92, 5);
  CHECK(t > 0);
  CHECK_CLEAR();
  ev_table *tt = ev_handles_get(t, EV_KIND_TABLE);
  if (CHECK(tt != NULL)) {
    CHECK_STR(tt->name, "ticks");
    CHECK_STR(tt->cols[0].name, "value");
    /* 0, 20, 40, 60, 80 */
    if (CHECK_EQ_INT(tt->row_count, 5))
      for (int i = 0; i < 5; i++) CHECK_EQ_DBL(tt->cols[0].num[i], 20.0 * i);
  }
  api_table_free(t);
  /* exact decimal ticks: 0, 0.2, ..., 1 */
  t = api_ticks(0, 1, 5);
  tt = ev_handles_get(t, EV_KIND_TABLE);
  if (CHECK(tt && tt->row_count == 6)) {
    CHECK_EQ_DBL(tt->cols[0].num[3], 0.6);
    CHECK_EQ_DBL(tt->cols[0].num[5], 1);
  }
  api_table_free(t);
  t = api_ticks(3, 3, 5); /* one value */
  CHECK_EQ_INT(api_table_rows(t), 1);
  api_table_free(t);
  stale();
  CHECK_EQ_INT(api_ticks(NAN, 1, 5), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "ticks: bounds must be finite numbers");
  stale();
  CHECK_EQ_INT(api_ticks(0, 1, 0), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "ticks: count must be 1 to 1000, got 0");

  stale();
  int32_t n = api_nice(0, 92, 5);
  CHECK(n > 0);
  CHECK_CLEAR();
  ev_table *nt = ev_handles_get(n, EV_KIND_TABLE);
  if (CHECK(nt && nt->row_count == 1 && nt->col_count == 2)) {
    CHECK_STR(nt->name, "nice");
    CHECK_STR(nt->cols[0].name, "lo");
    CHECK_STR(nt->cols[1].name, "hi");
    CHECK_EQ_DBL(nt->cols[0].num[0], 0);
    CHECK_EQ_DBL(nt->cols[1].num[0], 100);
  }
  api_table_free(n);
  stale();
  CHECK_EQ_INT(api_nice(0, INFINITY, 5), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "ticks: bounds must be finite numbers");

  /* log scales: 1e5, 1e6, 1e7 (5 ticks asked, 3 powers suffice) */
  stale();
  t = api_log_ticks(75000, 16000000, 5);
  CHECK(t > 0);
  CHECK_CLEAR();
  tt = ev_handles_get(t, EV_KIND_TABLE);
  if (CHECK(tt && tt->row_count == 3)) {
    CHECK_STR(tt->name, "ticks");
    CHECK_STR(tt->cols[0].name, "value");
    CHECK_EQ_DBL(tt->cols[0].num[0], 1e5);
    CHECK_EQ_DBL(tt->cols[0].num[2], 1e7);
  }
  api_table_free(t);
  stale();
  CHECK_EQ_INT(api_log_ticks(0, 10, 5), EV_ERR_ARG);
  CHECK_STR(api_last_error(),
            "log ticks: bounds must be finite numbers above 0, got 0 and 10");
  stale();
  n = api_log_nice(75000, 16000000);
  CHECK(n > 0);
  CHECK_CLEAR();
  nt = ev_handles_get(n, EV_KIND_TABLE);
  if (CHECK(nt && nt->row_count == 1 && nt->col_count == 2)) {
    CHECK_EQ_DBL(nt->cols[0].num[0], 1e4);
    CHECK_EQ_DBL(nt->cols[1].num[0], 1e8);
  }
  api_table_free(n);
  stale();
  CHECK_EQ_INT(api_log_nice(-1, 10), EV_ERR_ARG);
  CHECK_STR(api_last_error(),
            "log ticks: bounds must be finite numbers above 0, got -1 and 10");
  CHECK_EQ_INT(api_live_objects(), 0);
}

static void test_cycles(void) {
  /* ingest -> query -> free, many times: nothing stays alive */
  int ok = 1;
  for (int i = 0; i < 500; i++) {
    int32_t h[EV_MAX_TABLES];
    ok &= ingest(DOC, h) == 2;
    int32_t q = api_query_new();
    api_query_group(q, "region");
    api_query_aggregate(q, EV_AGG_MEDIAN, "usd_bn", NULL);
    int32_t r = api_query_run(q, h[0]);
    ok &= api_table_rows(r) == 2;
    /* a failing query and a failing ingest in between */
    ok &= api_query_run(q, h[1]) == EV_ERR_COLUMN;
    ok &= ingest("[", h + 2) == EV_ERR_PARSE;
    int32_t t = api_ticks(0, i + 1, 5);
    api_table_free(t);
    api_table_free(r);
    api_query_free(q);
    api_table_free(h[0]);
    api_table_free(h[1]);
    ok &= api_live_objects() == 0;
  }
  CHECK(ok);
  CHECK_EQ_INT(api_live_objects(), 0);
}

static void test_handle_exhaustion(void) {
  /* With room for only 2 more handles, a 3-table ingest fails with LIMIT
   * and keeps nothing (the 2 tables it registered are freed). */
  static int dummy;
  int32_t *filler = malloc(EV_MAX_HANDLES * sizeof *filler);
  int32_t count = 0;
  while (api_live_objects() < EV_MAX_HANDLES - 2)
    filler[count++] = ev_handles_add(&dummy, EV_KIND_QUERY);
  int32_t h[EV_MAX_TABLES];
  const char *three = "{\"a\":[{\"x\":1}],\"b\":[{\"x\":2}],\"c\":[{\"x\":3}]}";
  stale();
  CHECK_EQ_INT(ingest(three, h), EV_ERR_LIMIT);
  CHECK(strstr(api_last_error(), "more than 65535 live engine objects") !=
        NULL);
  CHECK_EQ_INT(api_live_objects(), EV_MAX_HANDLES - 2);
  /* 2 tables fit */
  CHECK_EQ_INT(ingest("{\"a\":[{\"x\":1}],\"b\":[{\"x\":2}]}", h), 2);
  CHECK_EQ_INT(api_live_objects(), EV_MAX_HANDLES);
  /* full: new queries, ticks and query results fail cleanly */
  stale();
  CHECK_EQ_INT(api_query_new(), EV_ERR_LIMIT);
  CHECK_EQ_INT(api_ticks(0, 1, 5), EV_ERR_LIMIT);
  CHECK_EQ_INT(api_nice(0, 1, 5), EV_ERR_LIMIT);
  CHECK_EQ_INT(api_log_ticks(1, 10, 5), EV_ERR_LIMIT);
  CHECK_EQ_INT(api_log_nice(1, 10), EV_ERR_LIMIT);
  int32_t last = filler[--count]; /* make room for one query */
  ev_handles_remove(last, EV_KIND_QUERY);
  int32_t q = api_query_new();
  CHECK(q > 0);
  CHECK_EQ_INT(api_query_run(q, h[0]), EV_ERR_LIMIT); /* result freed */
  CHECK_EQ_INT(api_live_objects(), EV_MAX_HANDLES);
  api_query_free(q);
  api_table_free(h[0]);
  api_table_free(h[1]);
  for (int32_t i = 0; i < count; i++)
    ev_handles_remove(filler[i], EV_KIND_QUERY);
  free(filler);
  CHECK_EQ_INT(api_live_objects(), 0);
}

/* api_chart_check's arguments and failures (its success returns a pointer
 * to text, read through WASM memory by tests/js/chart-desc.test.mjs). */
static void test_chart_check(void) {
  int32_t h[EV_MAX_TABLES], len = -7;
  if (!CHECK_EQ_INT(ingest(DOC, h), 2)) return;
  const char *bad =
      "{\"format\":\"ev-chart/1\",\"locales\":[\"en\"],\"title\":\"t\","
      "\"views\":[{\"id\":\"a\",\"title\":\"t\",\"table\":\"projects\","
      "\"mark\":\"bar\",\"x\":{\"column\":\"regoin\"},\"y\":{\"aggregate\":"
      "\"count\"}}]}";
  int32_t n = (int32_t)strlen(bad);
  stale();
  CHECK_EQ_INT(api_chart_check(bad, n, h, 2, &len), EV_ERR_COLUMN);
  CHECK_EQ_INT(api_last_status(), EV_ERR_COLUMN);
  CHECK_STR(api_last_error(),
            "views[0].x.column: table 'projects' has no column 'regoin' (did "
            "you mean 'region'?)");
  CHECK_EQ_INT(len, -7);
  /* the table is looked up among the handles given, not all live tables */
  stale();
  CHECK_EQ_INT(api_chart_check(bad, n, h + 1, 1, &len), EV_ERR_COLUMN);
  CHECK_STR(api_last_error(),
            "views[0].table: the dataset has no table 'projects' (tables: "
            "countries)");
  stale();
  CHECK_EQ_INT(api_chart_check(bad, n, h, EV_MAX_TABLES + 1, &len), EV_ERR_ARG);
  CHECK_STR(api_last_error(), "chart check: bad arguments");
  CHECK_EQ_INT(api_chart_check(bad, -1, h, 2, &len), EV_ERR_ARG);
  CHECK_EQ_INT(api_chart_check(bad, n, NULL, 2, &len), EV_ERR_ARG);
  CHECK_EQ_INT(api_chart_check(bad, n, h, 2, NULL), EV_ERR_ARG);
  api_table_free(h[1]);
  stale();
  CHECK_EQ_INT(api_chart_check(bad, n, h, 2, &len), EV_ERR_HANDLE);
  char want[80];
  snprintf(want, sizeof want, "unknown or freed table handle %d", (int)h[1]);
  CHECK_STR(api_last_error(), want);
  api_table_free(h[0]);
  CHECK_EQ_INT(api_live_objects(), 0);
}

int main(void) {
  test_abi();
  test_tables();
  test_ingest_errors();
  test_queries();
  test_derive();
  test_scales();
  test_cycles();
  test_handle_exhaustion();
  test_chart_check();
  return check_summary("test_api");
}
