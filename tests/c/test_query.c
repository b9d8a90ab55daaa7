/* test_query.c — filter, group-by, aggregate, sort (wasm/query.c).
 *
 * Most tests run against D, a 7-row table (1-based rows):
 *   row  r          c    y     v     ok     j
 *   1    EU         HUN  2022  7.5   true
 *   2    Asia       THA  2023  1.25  false
 *   3    EU         ESP  2024  4.25  true
 *   4    (missing)  BRA  2023  -     -
 *   5    Asia       IDN  2022  6     true
 *   6    EU         DEU  2018  2     false
 *   7    Americas   MEX  -     5     true   [1]
 * Values are multiples of 1/4 so sums are exact. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ingest_json.h"
#include "ksum.h"
#include "query.h"
#include "status.h"

static const char *D_JSON =
    "[{\"r\":\"EU\",\"c\":\"HUN\",\"y\":2022,\"v\":7.5,\"ok\":true},\n"
    " {\"r\":\"Asia\",\"c\":\"THA\",\"y\":2023,\"v\":1.25,\"ok\":false},\n"
    " {\"r\":\"EU\",\"c\":\"ESP\",\"y\":2024,\"v\":4.25,\"ok\":true},\n"
    " {\"r\":null,\"c\":\"BRA\",\"y\":2023,\"v\":null,\"ok\":null},\n"
    " {\"r\":\"Asia\",\"c\":\"IDN\",\"y\":2022,\"v\":6,\"ok\":true},\n"
    " {\"r\":\"EU\",\"c\":\"DEU\",\"y\":2018,\"v\":2,\"ok\":false},\n"
    " {\"r\":\"Americas\",\"c\":\"MEX\",\"v\":5,\"ok\":true,\"j\":[1]}]";

static ev_table *load(const char *json) {
  ev_table **ts;
  ev_error_reset();
  int n = ev_ingest_json(json, strlen(json), &ts);
  if (n != 1) {
    printf("load failed: %s\n", ev_error_message());
    exit(2);
  }
  ev_table *t = ts[0];
  free(ts);
  return t;
}

static ev_table *D;

/* Runs q on t, expecting success; frees q. */
static ev_table *run_ok(ev_query *q, const ev_table *t, int line) {
  ev_table *out = (ev_table *)&out;
  ev_error_reset();
  int rc = ev_query_run(q, t, &out);
  char d[600];
  snprintf(d, sizeof d, "(%d: %.500s)", rc, ev_error_message());
  check_report_(rc == EV_OK && out && out != t, __FILE__, line, "query runs",
                d);
  ev_query_free(q);
  return rc == EV_OK ? out : NULL;
}
#define RUN(q, t) run_ok((q), (t), __LINE__)

/* Runs q on D expecting status and message; frees q. */
static void run_err(ev_query *q, const ev_table *t, int status, const char *msg,
                    int line) {
  ev_table *out = (ev_table *)&out;
  ev_error_reset();
  int rc = ev_query_run(q, t, &out);
  char d[600];
  snprintf(d, sizeof d, "(%d: %.500s)", rc, ev_error_message());
  check_report_(rc == status, __FILE__, line, "query status", d);
  check_report_(out == NULL, __FILE__, line, "*out is NULL on failure", NULL);
  if (msg) check_str_(ev_error_message(), msg, __FILE__, line, "message");
  if (rc == EV_OK) ev_table_free(out);
  ev_query_free(q);
}
#define RUN_ERR(q, status, msg) run_err((q), D, (status), (msg), __LINE__)

static const ev_column *col(const ev_table *t, const char *name) {
  int32_t c = ev_table_find(t, name);
  return c < 0 ? NULL : &t->cols[c];
}

/* Column `name` of t as text "a,b,c": strings as is, numbers with %g,
 * booleans as true/false, missing as "-". */
static const char *cells(const ev_table *t, const char *name) {
  static char buf[4096];
  const ev_column *c = t ? col(t, name) : NULL;
  if (!c) return "(no such column)";
  size_t n = 0;
  buf[0] = '\0';
  for (int32_t r = 0; r < t->row_count && n < sizeof buf - 64; r++) {
    if (r) buf[n++] = ',';
    if (ev_column_is_missing(c, r))
      n += (size_t)snprintf(buf + n, sizeof buf - n, "-");
    else if (c->type == EV_COL_BOOL)
      n += (size_t)snprintf(buf + n, sizeof buf - n, "%s",
                            c->num[r] ? "true" : "false");
    else if (c->num)
      n += (size_t)snprintf(buf + n, sizeof buf - n, "%.17g", c->num[r]);
    else
      n += (size_t)snprintf(buf + n, sizeof buf - n, "%s",
                            ev_dict_str(c->dict, c->code[r]));
  }
  return buf;
}
#define CHECK_CELLS(t, name, want) CHECK_STR(cells((t), (name)), (want))

/* Column names of t joined by commas. */
static const char *names(const ev_table *t) {
  static char buf[1024];
  size_t n = 0;
  buf[0] = '\0';
  for (int32_t i = 0; t && i < t->col_count; i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "," : "",
                          t->cols[i].name);
  return buf;
}

static ev_query *q_in_str(const char *column, const char *a, const char *b) {
  ev_query *q = ev_query_new();
  ev_query_filter_in(q, column);
  if (a) ev_query_filter_add_string(q, a);
  if (b) ev_query_filter_add_string(q, b);
  return q;
}

/* ---- filters ----------------------------------------------------------- */

static void test_filters(void) {
  ev_query *q;
  ev_table *out;

  /* filter only: all columns, in order, rows in table order (1, 3, 6) */
  out = RUN(q_in_str("r", "EU", NULL), D);
  if (out) {
    CHECK_STR(out->name, "data");
    CHECK_STR(names(out), "r,c,y,v,ok,j");
    CHECK_EQ_INT(out->row_count, 3);
    CHECK_CELLS(out, "c", "HUN,ESP,DEU");
    CHECK_CELLS(out, "y", "2022,2024,2018");
    CHECK_CELLS(out, "v", "7.5,4.25,2");
    CHECK_CELLS(out, "ok", "true,true,false");
    CHECK_CELLS(out, "j", "-,-,-");
    CHECK_EQ_INT(col(out, "ok")->type, EV_COL_BOOL);
    CHECK_EQ_INT(col(out, "j")->type, EV_COL_JSON);
    /* the result's string dictionary holds only what it uses */
    CHECK_EQ_INT(ev_dict_count(col(out, "c")->dict), 3);
    ev_table_free(out);
  }
  /* a value the column does not hold matches nothing, others still match */
  out = RUN(q_in_str("r", "EU", "Nowhere"), D);
  CHECK_CELLS(out, "c", "HUN,ESP,DEU");
  ev_table_free(out);
  /* strings compare exactly (case and length) */
  out = RUN(q_in_str("r", "eu", "E"), D);
  CHECK_EQ_INT(out ? out->row_count : -1, 0);
  ev_table_free(out);

  /* numbers: y in {2022, 2023} -> rows 1, 2, 4, 5 (row 7's y is missing) */
  q = ev_query_new();
  ev_query_filter_in(q, "y");
  ev_query_filter_add_number(q, 2023);
  ev_query_filter_add_number(q, 2022);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "HUN,THA,BRA,IDN");
  ev_table_free(out);
  /* a NaN among the values matches nothing and hides nothing */
  q = ev_query_new();
  ev_query_filter_in(q, "y");
  ev_query_filter_add_number(q, 2024);
  ev_query_filter_add_number(q, NAN);
  ev_query_filter_add_number(q, 2018);
  ev_query_filter_add_number(q, NAN);
  ev_query_filter_add_number(q, 2022);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "HUN,ESP,IDN,DEU");
  ev_table_free(out);
  /* missing never matches, even NaN */
  q = ev_query_new();
  ev_query_filter_in(q, "v");
  ev_query_filter_add_number(q, NAN);
  out = RUN(q, D);
  CHECK_EQ_INT(out ? out->row_count : -1, 0);
  ev_table_free(out);

  /* booleans are 1 / 0 */
  q = ev_query_new();
  ev_query_filter_in(q, "ok");
  ev_query_filter_add_number(q, 1);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "HUN,ESP,IDN,MEX");
  ev_table_free(out);
  q = ev_query_new();
  ev_query_filter_in(q, "ok");
  ev_query_filter_add_number(q, 0);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "THA,DEU");
  ev_table_free(out);

  /* an IN with no values matches nothing; all columns are still there */
  q = ev_query_new();
  ev_query_filter_in(q, "r");
  out = RUN(q, D);
  if (out) {
    CHECK_EQ_INT(out->row_count, 0);
    CHECK_STR(names(out), "r,c,y,v,ok,j");
    ev_table_free(out);
  }

  /* ranges are inclusive; missing never matches: rows 3, 5, 6, 7 */
  q = ev_query_new();
  ev_query_filter_range(q, "v", 2, 6);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "ESP,IDN,DEU,MEX");
  ev_table_free(out);
  /* NaN bounds are open */
  q = ev_query_new();
  ev_query_filter_range(q, "v", NAN, 2);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "THA,DEU");
  ev_table_free(out);
  q = ev_query_new();
  ev_query_filter_range(q, "v", 5, NAN);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "HUN,IDN,MEX");
  ev_table_free(out);
  q = ev_query_new();
  ev_query_filter_range(q, "v", NAN, NAN); /* every non-missing value */
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "HUN,THA,ESP,IDN,DEU,MEX");
  ev_table_free(out);
  q = ev_query_new();
  ev_query_filter_range(q, "y", 2023, 2023); /* rows 2 and 4 */
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "THA,BRA");
  ev_table_free(out);
  q = ev_query_new();
  ev_query_filter_range(q, "v", 6, 2); /* lo > hi: nothing */
  out = RUN(q, D);
  CHECK_EQ_INT(out ? out->row_count : -1, 0);
  ev_table_free(out);
  q = ev_query_new();
  ev_query_filter_range(q, "v", -INFINITY, INFINITY);
  out = RUN(q, D);
  CHECK_EQ_INT(out ? out->row_count : -1, 6);
  ev_table_free(out);

  /* AND of several: r = EU and v >= 3 -> HUN, ESP; and y = 2024 -> ESP */
  q = q_in_str("r", "EU", NULL);
  ev_query_filter_range(q, "v", 3, NAN);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "HUN,ESP");
  ev_table_free(out);
  q = q_in_str("r", "EU", NULL);
  ev_query_filter_range(q, "v", 3, NAN);
  ev_query_filter_in(q, "y");
  ev_query_filter_add_number(q, 2024);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "ESP");
  ev_table_free(out);
  /* two filters on one column: y >= 2020 and y in {2022, 2018} -> 1, 5 */
  q = ev_query_new();
  ev_query_filter_range(q, "y", 2020, NAN);
  ev_query_filter_in(q, "y");
  ev_query_filter_add_number(q, 2022);
  ev_query_filter_add_number(q, 2018);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "HUN,IDN");
  ev_table_free(out);
  /* an empty query copies the table */
  out = RUN(ev_query_new(), D);
  if (out) {
    CHECK_EQ_INT(out->row_count, 7);
    CHECK_CELLS(out, "r", "EU,Asia,EU,-,Asia,EU,Americas");
    CHECK_CELLS(out, "j", "-,-,-,-,-,-,[1]");
    ev_table_free(out);
  }
}

/* ---- grouping and aggregates ------------------------------------------ */

static void test_group_one_key(void) {
  ev_query *q = ev_query_new();
  ev_query_group(q, "r");
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_aggregate(q, EV_AGG_COUNT, "v", NULL);
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MEAN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MIN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MAX, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MEDIAN, "v", NULL);
  ev_table *out = RUN(q, D);
  if (!out) return;
  CHECK_STR(names(out), "r,count,count_v,sum_v,mean_v,min_v,max_v,median_v");
  CHECK_EQ_INT(col(out, "r")->type, EV_COL_STRING);
  CHECK_EQ_INT(col(out, "median_v")->type, EV_COL_NUMBER);
  /* keys ascending by bytes (Americas < Asia < EU), missing last */
  CHECK_CELLS(out, "r", "Americas,Asia,EU,-");
  CHECK_CELLS(out, "count", "1,2,3,1");
  CHECK_CELLS(out, "count_v", "1,2,3,0");
  /* Asia 1.25 + 6 = 7.25; EU 7.5 + 4.25 + 2 = 13.75; missing: NaN */
  CHECK_CELLS(out, "sum_v", "5,7.25,13.75,-");
  CHECK_CELLS(out, "min_v", "5,1.25,2,-");
  CHECK_CELLS(out, "max_v", "5,6,7.5,-");
  /* median: Asia even (1.25 + 6) / 2 = 3.625; EU odd {2, 4.25, 7.5} -> 4.25 */
  CHECK_CELLS(out, "median_v", "5,3.625,4.25,-");
  const ev_column *mean = col(out, "mean_v");
  CHECK_EQ_DBL(mean->num[0], 5);
  CHECK_EQ_DBL(mean->num[1], 3.625);
  CHECK_NEAR(mean->num[2], 13.75 / 3, 1e-15);
  CHECK_EQ_DBL(mean->num[3], NAN);
  ev_table_free(out);

  /* number keys: 2018, 2022 (rows 1, 5), 2023 (2, 4), 2024, missing (7) */
  q = ev_query_new();
  ev_query_group(q, "y");
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, "n");
  out = RUN(q, D);
  CHECK_CELLS(out, "y", "2018,2022,2023,2024,-");
  CHECK_CELLS(out, "n", "1,2,2,1,1");
  ev_table_free(out);

  /* boolean keys: false (2, 6), true (1, 3, 5, 7), missing (4) */
  q = ev_query_new();
  ev_query_group(q, "ok");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  out = RUN(q, D);
  CHECK_CELLS(out, "ok", "false,true,-");
  CHECK_EQ_INT(col(out, "ok")->type, EV_COL_BOOL);
  /* false: 1.25 + 2; true: 7.5 + 4.25 + 6 + 5 */
  CHECK_CELLS(out, "sum_v", "3.25,22.75,-");
  ev_table_free(out);

  /* group without aggregates: the distinct keys */
  q = ev_query_new();
  ev_query_group(q, "r");
  out = RUN(q, D);
  if (out) {
    CHECK_STR(names(out), "r");
    CHECK_CELLS(out, "r", "Americas,Asia,EU,-");
    ev_table_free(out);
  }
}

static void test_group_two_keys(void) {
  ev_query *q = ev_query_new();
  ev_query_group(q, "r");
  ev_query_group(q, "ok");
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_table *out = RUN(q, D);
  if (!out) return;
  CHECK_STR(names(out), "r,ok,count,sum_v");
  /* by r, then ok (false < true), missing last */
  CHECK_CELLS(out, "r", "Americas,Asia,Asia,EU,EU,-");
  CHECK_CELLS(out, "ok", "true,false,true,false,true,-");
  CHECK_CELLS(out, "count", "1,1,1,1,2,1");
  /* EU true: 7.5 + 4.25 = 11.75 */
  CHECK_CELLS(out, "sum_v", "5,1.25,6,2,11.75,-");
  ev_table_free(out);

  /* a missing second key forms its own group after the others of its
   * first key. Keys (y, r) of rows 1-7: (2022,EU) (2023,Asia) (2024,EU)
   * (2023,-) (2022,Asia) (2018,EU) (-,Americas): seven groups, sorted */
  q = ev_query_new();
  ev_query_group(q, "y");
  ev_query_group(q, "r");
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  out = RUN(q, D);
  CHECK_CELLS(out, "y", "2018,2022,2022,2023,2023,2024,-");
  CHECK_CELLS(out, "r", "EU,Asia,EU,Asia,-,EU,Americas");
  CHECK_CELLS(out, "count", "1,1,1,1,1,1,1");
  ev_table_free(out);
  /* keys (y, r) for y = 2022: Asia (row 5) before EU (row 1) */
  q = ev_query_new();
  ev_query_filter_in(q, "y");
  ev_query_filter_add_number(q, 2022);
  ev_query_group(q, "y");
  ev_query_group(q, "r");
  ev_query_aggregate(q, EV_AGG_MAX, "v", NULL);
  out = RUN(q, D);
  CHECK_CELLS(out, "r", "Asia,EU");
  CHECK_CELLS(out, "max_v", "6,7.5");
  ev_table_free(out);
}

static void test_aggregates_without_keys(void) {
  ev_query *q = ev_query_new();
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_aggregate(q, EV_AGG_COUNT, "v", NULL);
  ev_query_aggregate(q, EV_AGG_COUNT, "r", NULL); /* strings: non-missing */
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MEAN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MIN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MAX, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MEDIAN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_SUM, "ok", "trues"); /* booleans are 1/0 */
  ev_query_aggregate(q, EV_AGG_COUNT, "j", NULL);
  ev_table *out = RUN(q, D);
  if (!out) return;
  CHECK_EQ_INT(out->row_count, 1);
  CHECK_STR(names(out),
            "count,count_v,count_r,sum_v,mean_v,min_v,max_v,median_v,trues,"
            "count_j");
  CHECK_CELLS(out, "count", "7");
  CHECK_CELLS(out, "count_v", "6");
  CHECK_CELLS(out, "count_r", "6");
  /* 7.5 + 1.25 + 4.25 + 6 + 2 + 5 = 26 */
  CHECK_CELLS(out, "sum_v", "26");
  CHECK_NEAR(col(out, "mean_v")->num[0], 26.0 / 6, 1e-15);
  CHECK_CELLS(out, "min_v", "1.25");
  CHECK_CELLS(out, "max_v", "7.5");
  /* sorted 1.25 2 4.25 5 6 7.5 -> (4.25 + 5) / 2 */
  CHECK_CELLS(out, "median_v", "4.625");
  CHECK_CELLS(out, "trues", "4");
  CHECK_CELLS(out, "count_j", "1");
  ev_table_free(out);

  /* aggregates of nothing: one row, counts 0, everything else NaN */
  q = ev_query_new();
  ev_query_filter_in(q, "r"); /* no values: matches nothing */
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_aggregate(q, EV_AGG_COUNT, "v", NULL);
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MEAN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MIN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MAX, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MEDIAN, "v", NULL);
  out = RUN(q, D);
  if (out) {
    CHECK_EQ_INT(out->row_count, 1);
    CHECK_CELLS(out, "count", "0");
    CHECK_CELLS(out, "count_v", "0");
    CHECK_CELLS(out, "sum_v", "-");
    CHECK_CELLS(out, "mean_v", "-");
    CHECK_CELLS(out, "min_v", "-");
    CHECK_CELLS(out, "max_v", "-");
    CHECK_CELLS(out, "median_v", "-");
    ev_table_free(out);
  }
  /* ...and only missing values (row 4): the same */
  q = ev_query_new();
  ev_query_filter_in(q, "c");
  ev_query_filter_add_string(q, "BRA");
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_aggregate(q, EV_AGG_COUNT, "v", NULL);
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MEDIAN, "v", NULL);
  out = RUN(q, D);
  CHECK_CELLS(out, "count", "1");
  CHECK_CELLS(out, "count_v", "0");
  CHECK_CELLS(out, "sum_v", "-");
  CHECK_CELLS(out, "median_v", "-");
  ev_table_free(out);

  /* grouped, nothing selected: zero groups, columns still there */
  q = ev_query_new();
  ev_query_filter_in(q, "r");
  ev_query_group(q, "r");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MEDIAN, "v", NULL);
  out = RUN(q, D);
  if (out) {
    CHECK_EQ_INT(out->row_count, 0);
    CHECK_STR(names(out), "r,sum_v,median_v");
    ev_table_free(out);
  }
}

static void test_zero_and_negative_zero(void) {
  /* 0 and -0 are one group (the key shown is the first row's, +0) */
  ev_table *t = load(
      "[{\"k\":0,\"v\":1},{\"k\":-0.0,\"v\":2},{\"k\":1,\"v\":4},"
      "{\"k\":-0,\"v\":8}]");
  ev_query *q = ev_query_new();
  ev_query_group(q, "k");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_table *out = RUN(q, t);
  CHECK_CELLS(out, "k", "0,1");
  CHECK_CELLS(out, "sum_v", "11,4"); /* 1 + 2 + 8 */
  CHECK_CELLS(out, "count", "3,1");
  if (out) CHECK(!signbit(col(out, "k")->num[0]));
  ev_table_free(out);
  /* a filter for 0 matches -0 too, and one for -0 matches 0 */
  q = ev_query_new();
  ev_query_filter_in(q, "k");
  ev_query_filter_add_number(q, -0.0);
  out = RUN(q, t);
  CHECK_CELLS(out, "v", "1,2,8");
  ev_table_free(out);
  q = ev_query_new();
  ev_query_filter_range(q, "k", 0, 0);
  out = RUN(q, t);
  CHECK_CELLS(out, "v", "1,2,8");
  ev_table_free(out);
  ev_table_free(t);

  /* -0 first: still one group */
  t = load("[{\"k\":-0,\"v\":1},{\"k\":0,\"v\":2}]");
  q = ev_query_new();
  ev_query_group(q, "k");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  out = RUN(q, t);
  CHECK_EQ_INT(out ? out->row_count : -1, 1);
  CHECK_CELLS(out, "sum_v", "3");
  ev_table_free(out);
  ev_table_free(t);
}

/* ---- sorting ----------------------------------------------------------- */

static void test_sort(void) {
  ev_query *q = ev_query_new();
  ev_query_sort(q, "v", 0);
  ev_table *out = RUN(q, D);
  /* 1.25 THA, 2 DEU, 4.25 ESP, 5 MEX, 6 IDN, 7.5 HUN, missing BRA */
  CHECK_CELLS(out, "c", "THA,DEU,ESP,MEX,IDN,HUN,BRA");
  /* every column moves with its row */
  CHECK_CELLS(out, "v", "1.25,2,4.25,5,6,7.5,-");
  CHECK_CELLS(out, "r", "Asia,EU,EU,Americas,Asia,EU,-");
  CHECK_CELLS(out, "j", "-,-,-,[1],-,-,-");
  ev_table_free(out);

  q = ev_query_new();
  ev_query_sort(q, "v", 1); /* descending: missing still last */
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "HUN,IDN,MEX,ESP,DEU,THA,BRA");
  ev_table_free(out);

  /* stable: ties keep table order (Asia: THA 2, IDN 5; EU: HUN, ESP, DEU) */
  q = ev_query_new();
  ev_query_sort(q, "r", 0);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "MEX,THA,IDN,HUN,ESP,DEU,BRA");
  ev_table_free(out);
  q = ev_query_new();
  ev_query_sort(q, "r", 1);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "HUN,ESP,DEU,THA,IDN,MEX,BRA");
  ev_table_free(out);

  /* two keys: ok descending (true, false, missing), then v ascending */
  q = ev_query_new();
  ev_query_sort(q, "ok", 1);
  ev_query_sort(q, "v", 0);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "ESP,MEX,IDN,HUN,THA,DEU,BRA");
  ev_table_free(out);

  /* sort after a filter */
  q = q_in_str("r", "EU", "Asia");
  ev_query_sort(q, "y", 1);
  out = RUN(q, D);
  CHECK_CELLS(out, "c", "ESP,THA,HUN,IDN,DEU"); /* 2024 2023 2022 2022 2018 */
  ev_table_free(out);

  /* grouped: by an aggregate, descending; missing (NaN) last */
  q = ev_query_new();
  ev_query_group(q, "r");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_sort(q, "sum_v", 1);
  out = RUN(q, D);
  CHECK_CELLS(out, "r", "EU,Asia,Americas,-");
  CHECK_CELLS(out, "sum_v", "13.75,7.25,5,-");
  ev_table_free(out);
  /* by count descending: ties (Americas 1, missing 1) keep key order */
  q = ev_query_new();
  ev_query_group(q, "r");
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_sort(q, "count", 1);
  out = RUN(q, D);
  CHECK_CELLS(out, "r", "EU,Asia,Americas,-");
  CHECK_CELLS(out, "count", "3,2,1,1");
  ev_table_free(out);
  /* by the key, descending: the missing group stays last */
  q = ev_query_new();
  ev_query_group(q, "r");
  ev_query_sort(q, "r", 1);
  out = RUN(q, D);
  CHECK_CELLS(out, "r", "EU,Asia,Americas,-");
  ev_table_free(out);
  /* by an `as` name */
  q = ev_query_new();
  ev_query_group(q, "r");
  ev_query_aggregate(q, EV_AGG_MIN, "v", "lowest");
  ev_query_sort(q, "lowest", 0);
  out = RUN(q, D);
  CHECK_CELLS(out, "r", "Asia,EU,Americas,-"); /* 1.25, 2, 5, NaN */
  ev_table_free(out);

  /* stability on many ties: 60 rows k = i % 3; sorted by k, ids ascend */
  char json[4096];
  size_t n = (size_t)sprintf(json, "[");
  for (int i = 0; i < 60; i++)
    n += (size_t)sprintf(json + n, "%s{\"k\":%d,\"id\":%d}", i ? "," : "",
                         i % 3, i);
  sprintf(json + n, "]");
  ev_table *t = load(json);
  q = ev_query_new();
  ev_query_sort(q, "k", 1);
  out = RUN(q, t);
  int ok = out != NULL;
  for (int i = 0; ok && i < 60; i++) {
    int k = 2 - i / 20, j = i % 20;
    ok &= out->cols[0].num[i] == k && out->cols[1].num[i] == k + 3 * j;
  }
  CHECK(ok);
  ev_table_free(out);
  ev_table_free(t);
}

/* ---- errors ------------------------------------------------------------ */

static void test_run_errors(void) {
  ev_query *q;
  RUN_ERR(q_in_str("nope", "x", NULL), EV_ERR_COLUMN,
          "query on table 'data': filter 1: no column 'nope'");
  q = q_in_str("r", "EU", NULL);
  ev_query_filter_range(q, "zz", 0, 1);
  RUN_ERR(q, EV_ERR_COLUMN, "query on table 'data': filter 2: no column 'zz'");
  q = ev_query_new();
  ev_query_filter_range(q, "V", 0, 1); /* names are case-sensitive */
  RUN_ERR(q, EV_ERR_COLUMN, "query on table 'data': filter 1: no column 'V'");
  q = ev_query_new();
  ev_query_group(q, "region");
  RUN_ERR(q, EV_ERR_COLUMN,
          "query on table 'data': group by: no column 'region'");
  q = ev_query_new();
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_aggregate(q, EV_AGG_SUM, "usd", NULL);
  RUN_ERR(q, EV_ERR_COLUMN,
          "query on table 'data': aggregate 2 (sum): no column 'usd'");
  q = ev_query_new();
  ev_query_sort(q, "zz", 0);
  RUN_ERR(q, EV_ERR_COLUMN,
          "query on table 'data': sort: no output column 'zz'");
  /* grouped output has only keys and aggregates */
  q = ev_query_new();
  ev_query_group(q, "r");
  ev_query_sort(q, "v", 0);
  RUN_ERR(q, EV_ERR_COLUMN,
          "query on table 'data': sort: no output column 'v'");

  /* types */
  q = ev_query_new();
  ev_query_filter_range(q, "r", 0, 1);
  RUN_ERR(q, EV_ERR_TYPE,
          "query on table 'data': filter 1: a range needs a number column, "
          "'r' is string");
  q = ev_query_new();
  ev_query_filter_range(q, "ok", 0, 1);
  RUN_ERR(q, EV_ERR_TYPE,
          "query on table 'data': filter 1: a range needs a number column, "
          "'ok' is boolean");
  q = ev_query_new();
  ev_query_aggregate(q, EV_AGG_SUM, "c", NULL);
  RUN_ERR(q, EV_ERR_TYPE,
          "query on table 'data': aggregate 1: cannot take the sum of 'c', a "
          "string column");
  q = ev_query_new();
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_aggregate(q, EV_AGG_MEDIAN, "j", NULL);
  RUN_ERR(q, EV_ERR_TYPE,
          "query on table 'data': aggregate 2: cannot take the median of 'j', "
          "a json column");
  q = ev_query_new();
  ev_query_filter_in(q, "y");
  ev_query_filter_add_string(q, "2022");
  RUN_ERR(q, EV_ERR_TYPE,
          "query on table 'data': filter 1: column 'y' is number, got string "
          "values");
  q = ev_query_new();
  ev_query_filter_in(q, "ok");
  ev_query_filter_add_string(q, "true");
  RUN_ERR(q, EV_ERR_TYPE,
          "query on table 'data': filter 1: column 'ok' is boolean, got "
          "string values");
  q = ev_query_new();
  ev_query_filter_in(q, "r");
  ev_query_filter_add_number(q, 1);
  RUN_ERR(q, EV_ERR_TYPE,
          "query on table 'data': filter 1: column 'r' is string, got number "
          "values");
  q = ev_query_new();
  ev_query_filter_in(q, "j");
  ev_query_filter_add_string(q, "[1]");
  RUN_ERR(q, EV_ERR_TYPE,
          "query on table 'data': filter 1: column 'j' holds nested JSON and "
          "cannot be filtered");
  q = ev_query_new();
  ev_query_group(q, "j");
  RUN_ERR(q, EV_ERR_TYPE,
          "query on table 'data': group by: column 'j' holds nested JSON");
  q = ev_query_new();
  ev_query_group(q, "r");
  ev_query_group(q, "r");
  RUN_ERR(q, EV_ERR_ARG, "query on table 'data': group by 'r' twice");

  /* duplicate output names */
  q = ev_query_new();
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  RUN_ERR(q, EV_ERR_ARG,
          "query on table 'data': aggregate 2: output column 'sum_v' already "
          "exists; give it another name with 'as'");
  q = ev_query_new();
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  RUN_ERR(q, EV_ERR_ARG,
          "query on table 'data': aggregate 2: output column 'count' already "
          "exists; give it another name with 'as'");
  q = ev_query_new();
  ev_query_group(q, "r");
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, "r");
  RUN_ERR(q, EV_ERR_ARG,
          "query on table 'data': aggregate 1: output column 'r' already "
          "exists; give it another name with 'as'");
  q = ev_query_new();
  ev_query_aggregate(q, EV_AGG_MAX, "v", "sum_v");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  RUN_ERR(q, EV_ERR_ARG, NULL);
  /* `as` resolves it */
  q = ev_query_new();
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_aggregate(q, EV_AGG_SUM, "v", "sum_again");
  ev_table *out = RUN(q, D);
  CHECK_STR(names(out), "sum_v,sum_again");
  ev_table_free(out);

  /* the message names the table it ran on */
  ev_table **ts;
  const char *doc = "{\"projects\":[{\"usd_bn\":1,\"company\":\"CATL\"}]}";
  ev_error_reset();
  CHECK_EQ_INT(ev_ingest_json(doc, strlen(doc), &ts), 1);
  q = ev_query_new();
  ev_query_group(q, "company");
  ev_query_aggregate(q, EV_AGG_SUM, "usd", NULL);
  run_err(q, ts[0], EV_ERR_COLUMN,
          "query on table 'projects': aggregate 1 (sum): no column 'usd'",
          __LINE__);
  ev_table_free(ts[0]);
  free(ts);

  /* NULL arguments */
  ev_table *o = (ev_table *)&o;
  q = ev_query_new();
  ev_error_reset();
  CHECK_EQ_INT(ev_query_run(q, NULL, &o), EV_ERR_ARG);
  CHECK(o == NULL);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_run(NULL, D, &o), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_run(q, D, NULL), EV_ERR_ARG);
  ev_error_reset();
  ev_query_free(q);
  ev_query_free(NULL);
}

static void test_builder_errors(void) {
  ev_query *q = ev_query_new();
  ev_error_reset();
  CHECK_EQ_INT(ev_query_filter_add_number(q, 1), EV_ERR_ARG);
  CHECK_STR(ev_error_message(),
            "query: a filter value needs an 'in' filter first");
  ev_query_filter_range(q, "v", 0, 1);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_filter_add_string(q, "x"),
               EV_ERR_ARG); /* after RANGE */
  ev_error_reset();
  CHECK_EQ_INT(ev_query_filter_in(q, "r"), EV_OK);
  CHECK_EQ_INT(ev_query_filter_add_string(q, "EU"), EV_OK);
  CHECK_EQ_INT(ev_query_filter_add_number(q, 1), EV_ERR_ARG);
  CHECK_STR(ev_error_message(),
            "query: filter 2 on 'r' mixes numbers and strings");
  ev_error_reset();
  CHECK_EQ_INT(ev_query_filter_add_string(q, NULL), EV_ERR_ARG);
  /* the failures changed nothing: r = EU and 0 <= v <= 1 -> no rows */
  ev_table *out = RUN(q, D);
  CHECK_EQ_INT(out ? out->row_count : -1, 0);
  ev_table_free(out);

  q = ev_query_new();
  ev_error_reset();
  CHECK_EQ_INT(ev_query_filter_in(q, NULL), EV_ERR_ARG);
  CHECK_STR(ev_error_message(), "query: a filter needs a column name");
  ev_error_reset();
  CHECK_EQ_INT(ev_query_filter_range(q, "", 0, 1), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_group(q, ""), EV_ERR_ARG);
  CHECK_STR(ev_error_message(), "query: group by needs a column name");
  ev_error_reset();
  CHECK_EQ_INT(ev_query_sort(q, NULL, 0), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_aggregate(q, EV_AGG_SUM, NULL, NULL), EV_ERR_ARG);
  CHECK_STR(ev_error_message(), "query: sum needs a column name");
  ev_error_reset();
  CHECK_EQ_INT(ev_query_aggregate(q, (ev_agg_op)0, "v", NULL), EV_ERR_ARG);
  CHECK_STR(ev_error_message(), "query: unknown aggregate 0");
  ev_error_reset();
  CHECK_EQ_INT(ev_query_aggregate(q, (ev_agg_op)7, "v", NULL), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_aggregate(q, EV_AGG_SUM, "v", ""), EV_ERR_ARG);
  char longname[300];
  memset(longname, 'x', sizeof longname);
  longname[257] = '\0';
  ev_error_reset();
  CHECK_EQ_INT(ev_query_aggregate(q, EV_AGG_SUM, "v", longname), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_filter_in(q, longname), EV_ERR_LIMIT);
  CHECK_STR(ev_error_message(),
            "query: a filter column name is over 256 bytes");
  ev_error_reset();
  CHECK_EQ_INT(ev_query_group(NULL, "r"), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_filter_in(NULL, "r"), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_filter_add_number(NULL, 1), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_aggregate(NULL, EV_AGG_COUNT, NULL, NULL), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_sort(NULL, "r", 0), EV_ERR_ARG);
  ev_query_free(q);

  /* limits: 16 filters, 2 keys, 16 aggregates, 4 sorts, 4096 values */
  q = ev_query_new();
  ev_error_reset();
  int ok = 1;
  for (int i = 0; i < EV_QUERY_MAX_FILTERS; i++)
    ok &= ev_query_filter_range(q, "v", NAN, NAN) == EV_OK;
  CHECK(ok);
  CHECK_EQ_INT(ev_query_filter_range(q, "v", NAN, NAN), EV_ERR_LIMIT);
  CHECK_STR(ev_error_message(), "query: more than 16 filters (limit)");
  ev_error_reset();
  CHECK_EQ_INT(ev_query_group(q, "r"), EV_OK);
  CHECK_EQ_INT(ev_query_group(q, "ok"), EV_OK);
  CHECK_EQ_INT(ev_query_group(q, "y"), EV_ERR_LIMIT);
  CHECK_STR(ev_error_message(), "query: group by at most 2 columns (limit)");
  ev_error_reset();
  ok = 1;
  for (int i = 0; i < EV_QUERY_MAX_AGGS; i++) {
    char as[16];
    snprintf(as, sizeof as, "a%d", i);
    ok &= ev_query_aggregate(q, EV_AGG_MAX, "v", as) == EV_OK;
  }
  CHECK(ok);
  CHECK_EQ_INT(ev_query_aggregate(q, EV_AGG_MAX, "v", "one_more"),
               EV_ERR_LIMIT);
  ev_error_reset();
  for (int i = 0; i < EV_QUERY_MAX_SORT; i++)
    CHECK_EQ_INT(ev_query_sort(q, i % 2 ? "r" : "a0", i % 2), EV_OK);
  CHECK_EQ_INT(ev_query_sort(q, "ok", 0), EV_ERR_LIMIT);
  ev_error_reset();
  /* a query at every maximum runs: v filters keep rows 1-3, 5-7; groups
   * (r, ok) with a0 = max v: (Americas,true) 5, (Asia,false) 1.25,
   * (Asia,true) 6, (EU,false) 2, (EU,true) 7.5; sorted by a0 ascending */
  out = RUN(q, D);
  if (out) {
    CHECK_EQ_INT(out->col_count, 2 + 16);
    CHECK_CELLS(out, "r", "Asia,EU,Americas,Asia,EU");
    CHECK_CELLS(out, "ok", "false,false,true,true,true");
    CHECK_CELLS(out, "a0", "1.25,2,5,6,7.5");
    ev_table_free(out);
  }

  q = ev_query_new();
  ev_query_filter_in(q, "y");
  ok = 1;
  for (int i = 0; i < EV_QUERY_MAX_VALUES; i++)
    ok &= ev_query_filter_add_number(q, 1000 + i) == EV_OK;
  CHECK(ok);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_filter_add_number(q, 1), EV_ERR_LIMIT);
  CHECK_STR(ev_error_message(),
            "query: filter 1 on 'y' has more than 4096 values (limit)");
  ev_error_reset();
  out = RUN(q, D); /* 1000..5095 holds 2018..2024: every row with a y */
  CHECK_CELLS(out, "c", "HUN,THA,ESP,BRA,IDN,DEU");
  ev_table_free(out);
}

/* ---- results are independent; one query, many tables ------------------ */

static void test_ownership(void) {
  ev_table *t = load("[{\"s\":\"a\",\"n\":1},{\"s\":\"b\",\"n\":2}]");
  ev_query *q = ev_query_new();
  ev_query_filter_range(q, "n", 2, NAN);
  ev_table *out;
  ev_error_reset();
  CHECK_EQ_INT(ev_query_run(q, t, &out), EV_OK);
  /* the query can run again, and on another table with the same columns */
  ev_table *t2 = load("[{\"n\":5,\"s\":\"z\"},{\"n\":0}]");
  ev_table *out2;
  CHECK_EQ_INT(ev_query_run(q, t2, &out2), EV_OK);
  ev_query_free(q);
  ev_table_free(t);
  ev_table_free(t2);
  /* results own their data: the inputs are gone */
  CHECK_CELLS(out, "s", "b");
  CHECK_CELLS(out, "n", "2");
  CHECK_CELLS(out2, "s", "z");
  CHECK_STR(names(out2), "n,s");
  ev_table_free(out);
  ev_table_free(out2);
}

/* ---- grouping many rows against a direct computation ------------------ */

static void test_many_groups(void) {
  /* 20000 rows: a = i % 97 (number), b = one of 13 strings, v = i % 11,
   * missing when i % 7 == 0. Two-key groups: 97 * 13 = 1261 (i % 97 and
   * i % 13 are independent over 20000 > 97 * 13 rows). */
  enum { N = 20000, A = 97, B = 13 };
  ev_table *t = ev_table_new("big", N);
  ev_table_add_column(t, "a", EV_COL_NUMBER, NULL);
  ev_table_add_column(t, "b", EV_COL_STRING, NULL);
  ev_table_add_column(t, "v", EV_COL_NUMBER, NULL);
  char s[16];
  for (int b = 0; b < B; b++) {
    int n = snprintf(s, sizeof s, "s%02d", b);
    ev_dict_intern(t->cols[1].dict, s, (size_t)n);
  }
  static double sum[A][B];
  static int cnt[A][B], cntv[A][B];
  for (int i = 0; i < N; i++) {
    int a = i % A, b = i % B;
    t->cols[0].num[i] = a;
    t->cols[1].code[i] = b;
    cnt[a][b]++;
    if (i % 7) {
      t->cols[2].num[i] = i % 11;
      sum[a][b] += i % 11;
      cntv[a][b]++;
    }
  }
  ev_query *q = ev_query_new();
  ev_query_group(q, "a");
  ev_query_group(q, "b");
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_aggregate(q, EV_AGG_COUNT, "v", NULL);
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_table *out = RUN(q, t);
  if (out && CHECK_EQ_INT(out->row_count, A * B)) {
    int ok = 1;
    for (int g = 0; g < A * B; g++) {
      int a = g / B, b = g % B; /* ascending a, then b */
      const ev_column *bc = &out->cols[1];
      ok &= out->cols[0].num[g] == a;
      ok &= atoi(ev_dict_str(bc->dict, bc->code[g]) + 1) == b;
      ok &= out->cols[2].num[g] == cnt[a][b];
      ok &= out->cols[3].num[g] == cntv[a][b];
      ok &= out->cols[4].num[g] == sum[a][b];
    }
    CHECK(ok);
  }
  ev_table_free(out);
  ev_table_free(t);
}

/* ---- the fast paths against a slow reference ---------------------------
 *
 * Random tables exercise every grouping path of query.c: string keys by
 * dictionary code (small dictionaries, and two keys whose product of
 * dictionary sizes is past the direct-index limit, so hashed), whole-number
 * keys in a small range (direct, including -0, negative values and missing)
 * and in a wide range or with fractions (hashed), booleans, one and two
 * keys; filters by range, by IN over numbers (few values: compared one by
 * one; many: binary search; duplicates, NaN, -0) and over strings. The
 * reference filters, groups and aggregates row by row in the plainest way
 * (a linear search for each row's group, qsort for medians) and must agree
 * exactly, bit for bit, order included. */

static uint64_t rq_state = 0x2545F4914F6CDD1Dull;
static uint32_t rq(void) {
  rq_state = rq_state * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(rq_state >> 33);
}

enum { RC_S, RC_S2, RC_I, RC_W, RC_F, RC_B, RC_V, RC_COUNT };
static const char *rc_names[RC_COUNT] = {"s", "s2", "i", "w", "f", "b", "v"};

static ev_table *random_table(int32_t n, int s_distinct, int s2_distinct) {
  ev_table *t = ev_table_new("rnd", n);
  ev_table_add_column(t, "s", EV_COL_STRING, NULL);
  ev_table_add_column(t, "s2", EV_COL_STRING, NULL);
  ev_table_add_column(t, "i", EV_COL_NUMBER, NULL);
  ev_table_add_column(t, "w", EV_COL_NUMBER, NULL);
  ev_table_add_column(t, "f", EV_COL_NUMBER, NULL);
  ev_table_add_column(t, "b", EV_COL_BOOL, NULL);
  ev_table_add_column(t, "v", EV_COL_NUMBER, NULL);
  char buf[32];
  /* dictionaries in scrambled order, with unused extra entries */
  for (int j = 0; j < s_distinct + 3; j++) {
    int len = snprintf(buf, sizeof buf, "k%u", (unsigned)(rq() % 100000));
    ev_dict_intern(t->cols[RC_S].dict, buf, (size_t)len);
  }
  for (int j = 0; j < s2_distinct; j++) {
    int len = snprintf(buf, sizeof buf, "%c%d", 'a' + (int)(rq() % 26), j);
    ev_dict_intern(t->cols[RC_S2].dict, buf, (size_t)len);
  }
  int32_t sn = ev_dict_count(t->cols[RC_S].dict) - 3;
  int32_t s2n = ev_dict_count(t->cols[RC_S2].dict);
  for (int32_t r = 0; r < n; r++) {
    t->cols[RC_S].code[r] = rq() % 20 == 0 ? -1 : (int32_t)(rq() % (uint32_t)sn);
    t->cols[RC_S2].code[r] = rq() % 30 == 0 ? -1 : (int32_t)(rq() % (uint32_t)s2n);
    double i = (double)(int)(rq() % 40) - 10; /* -10 .. 29 */
    if (i == 0 && rq() % 2) i = -0.0;
    t->cols[RC_I].num[r] = rq() % 25 == 0 ? NAN : i;
    t->cols[RC_W].num[r] = rq() % 25 == 0 ? NAN : (double)(rq() % 8) * 1e7;
    t->cols[RC_F].num[r] = rq() % 25 == 0 ? NAN : (double)(rq() % 12) / 4;
    t->cols[RC_B].num[r] = rq() % 10 == 0 ? NAN : (double)(rq() % 2);
    t->cols[RC_V].num[r] = rq() % 15 == 0 ? NAN : ((double)(rq() % 2001) - 1000) / 8;
  }
  return t;
}

/* The reference. */
static int ref_same(const ev_column *c, int32_t a, int32_t b) {
  int ma = ev_column_is_missing(c, a), mb = ev_column_is_missing(c, b);
  if (ma || mb) return ma && mb;
  return c->num ? c->num[a] == c->num[b] : c->code[a] == c->code[b];
}
static int ref_cmp(const ev_column *c, int32_t a, int32_t b) {
  int ma = ev_column_is_missing(c, a), mb = ev_column_is_missing(c, b);
  if (ma || mb) return ma - mb;
  if (c->num) return (c->num[a] > c->num[b]) - (c->num[a] < c->num[b]);
  return strcmp(ev_dict_str(c->dict, c->code[a]), ev_dict_str(c->dict, c->code[b]));
}
static const ev_column *ref_keys[2];
static int ref_nkeys;
static int ref_cmp_rows(const void *pa, const void *pb) {
  int32_t a = *(const int32_t *)pa, b = *(const int32_t *)pb;
  for (int i = 0; i < ref_nkeys; i++) {
    int r = ref_cmp(ref_keys[i], a, b);
    if (r) return r;
  }
  return 0;
}
static int ref_cmp_dbl(const void *pa, const void *pb) {
  double a = *(const double *)pa, b = *(const double *)pb;
  return (a > b) - (a < b);
}

typedef struct {
  int range;         /* filter v by [lo, hi] */
  double lo, hi;
  int in_num;        /* filter i by these values */
  double nums[20];
  int num_count;
  int in_str;        /* filter s by codes (some strings absent) */
  int32_t codes[4];
  int code_count;
  int keys[2], key_count;
} rq_spec;

static int ref_pass(const ev_table *t, const rq_spec *sp, int32_t r) {
  if (sp->range) {
    double v = t->cols[RC_V].num[r];
    if (isnan(v) || v < sp->lo || v > sp->hi) return 0;
  }
  if (sp->in_num) {
    double v = t->cols[RC_I].num[r];
    int hit = 0;
    for (int j = 0; j < sp->num_count; j++) hit |= v == sp->nums[j];
    if (!hit) return 0;
  }
  if (sp->in_str) {
    int hit = 0;
    for (int j = 0; j < sp->code_count; j++)
      hit |= t->cols[RC_S].code[r] == sp->codes[j] && sp->codes[j] >= 0;
    if (!hit) return 0;
  }
  return 1;
}

/* Checks one random query; returns 1 if the engine agrees. */
static int rq_check(const ev_table *t, const rq_spec *sp, int iter) {
  ev_query *q = ev_query_new();
  if (sp->range) ev_query_filter_range(q, "v", sp->lo, sp->hi);
  if (sp->in_num) {
    ev_query_filter_in(q, "i");
    for (int j = 0; j < sp->num_count; j++) ev_query_filter_add_number(q, sp->nums[j]);
  }
  if (sp->in_str) {
    ev_query_filter_in(q, "s");
    for (int j = 0; j < sp->code_count; j++)
      ev_query_filter_add_string(q, sp->codes[j] >= 0 ? ev_dict_str(t->cols[RC_S].dict, sp->codes[j]) : "absent");
  }
  for (int i = 0; i < sp->key_count; i++) ev_query_group(q, rc_names[sp->keys[i]]);
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_aggregate(q, EV_AGG_COUNT, "s2", "n_s2");
  ev_query_aggregate(q, EV_AGG_COUNT, "v", "n_v");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MEAN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MIN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MAX, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MEDIAN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_SUM, "b", "sum_b");
  ev_table *out = NULL;
  ev_error_reset();
  int rc = ev_query_run(q, t, &out);
  ev_query_free(q);
  if (rc) {
    printf("iter %d: query failed: %s\n", iter, ev_error_message());
    return 0;
  }
  /* reference: groups in first-seen order, then sorted by key */
  int32_t n = t->row_count, groups = 0;
  int32_t *rep = malloc(((size_t)n + 1) * sizeof *rep);
  int32_t *gof = malloc(((size_t)n + 1) * sizeof *gof);
  ref_nkeys = sp->key_count;
  for (int i = 0; i < sp->key_count; i++) ref_keys[i] = &t->cols[sp->keys[i]];
  for (int32_t r = 0; r < n; r++) {
    gof[r] = -1;
    if (!ref_pass(t, sp, r)) continue;
    int32_t g = 0;
    for (; g < groups; g++) {
      int same = 1;
      for (int i = 0; i < sp->key_count; i++) same &= ref_same(ref_keys[i], rep[g], r);
      if (same) break;
    }
    if (g == groups) rep[groups++] = r;
    gof[r] = g;
  }
  if (sp->key_count == 0 && groups == 0) { groups = 1; rep[0] = -1; }
  int32_t *order = malloc(((size_t)groups + 1) * sizeof *order);
  for (int32_t g = 0; g < groups; g++) order[g] = rep[g];
  if (sp->key_count) qsort(order, (size_t)groups, sizeof *order, ref_cmp_rows);
  int ok = out->row_count == groups;
  double *vals = malloc(((size_t)n + 1) * sizeof *vals);
  for (int32_t o = 0; ok && o < groups; o++) {
    int32_t g = 0; /* the group whose first row is order[o] */
    while (rep[g] != order[o]) g++;
    for (int i = 0; i < sp->key_count; i++) {
      const ev_column *kc = ref_keys[i], *oc = &out->cols[i];
      int32_t r = rep[g];
      if (ev_column_is_missing(kc, r)) ok &= ev_column_is_missing(oc, o);
      else if (kc->num) ok &= oc->num[o] == kc->num[r] && !signbit(oc->num[o]) == !signbit(kc->num[r]);
      else ok &= !ev_column_is_missing(oc, o) && strcmp(ev_dict_str(oc->dict, oc->code[o]), ev_dict_str(kc->dict, kc->code[r])) == 0;
    }
    int32_t cnt = 0, cs2 = 0, cv = 0, nb = 0;
    ev_ksum sum = {0, 0}, sb = {0, 0};
    double lo = INFINITY, hi = -INFINITY;
    for (int32_t r = 0; r < n; r++) {
      if (gof[r] != g && !(sp->key_count == 0 && gof[r] >= 0)) continue;
      cnt++;
      cs2 += t->cols[RC_S2].code[r] >= 0;
      double v = t->cols[RC_V].num[r], b = t->cols[RC_B].num[r];
      if (!isnan(b)) nb++, ev_ksum_add(&sb, b);
      if (isnan(v)) continue;
      vals[cv++] = v;
      ev_ksum_add(&sum, v);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    qsort(vals, (size_t)cv, sizeof *vals, ref_cmp_dbl);
    double med = cv == 0 ? NAN : cv % 2 ? vals[cv / 2] : vals[cv / 2 - 1] / 2 + vals[cv / 2] / 2;
    int c0 = sp->key_count;
    double want[9] = {cnt, cs2, cv, cv ? ev_ksum_value(&sum) : NAN,
                      cv ? ev_ksum_value(&sum) / cv : NAN, cv ? lo : NAN,
                      cv ? hi : NAN, med, nb ? ev_ksum_value(&sb) : NAN};
    for (int a = 0; a < 9; a++) {
      double got = out->cols[c0 + a].num[o];
      int eq = (isnan(got) && isnan(want[a])) || (got == want[a]);
      if (!eq && ok) printf("iter %d: group %d, aggregate %d: %.17g, reference %.17g\n", iter, (int)o, a, got, want[a]);
      ok &= eq;
    }
  }
  if (!ok) printf("iter %d: %d groups (engine %d), keys %d %d\n", iter, (int)groups, (int)out->row_count, sp->key_count ? sp->keys[0] : -1, sp->key_count > 1 ? sp->keys[1] : -1);
  free(rep), free(gof), free(order), free(vals);
  ev_table_free(out);
  return ok;
}

static void test_fast_paths_against_reference(void) {
  static const int key_sets[][2] = {
      {RC_S, -1}, {RC_I, -1}, {RC_W, -1}, {RC_F, -1}, {RC_B, -1},
      {RC_S, RC_I}, {RC_I, RC_S}, {RC_S, RC_S2}, {RC_I, RC_W}, {RC_B, RC_I},
      {RC_F, RC_S2}, {-1, -1}};
  int bad = 0, runs = 0;
  for (int iter = 0; iter < 240; iter++) {
    int32_t n = iter % 40 == 0 ? (int32_t)(rq() % 4) : 1 + (int32_t)(rq() % 3000);
    /* s2 with 300 strings: s x s2 is past the direct-index limit (hashed) */
    ev_table *t = random_table(n, iter % 3 == 0 ? 4 : 1 + (int)(rq() % 700),
                               iter % 2 ? 300 : 6);
    const int *ks = key_sets[iter % 12];
    rq_spec sp = {0};
    sp.key_count = ks[0] < 0 ? 0 : ks[1] < 0 ? 1 : 2;
    sp.keys[0] = ks[0], sp.keys[1] = ks[1];
    if (rq() % 3 == 0) {
      sp.range = 1;
      sp.lo = ((double)(rq() % 2001) - 1000) / 8;
      sp.hi = sp.lo + (double)(rq() % 1000) / 4;
      if (rq() % 4 == 0) sp.lo = NAN; /* open */
    }
    if (rq() % 3 == 0) {
      sp.in_num = 1;
      sp.num_count = rq() % 2 ? 1 + (int)(rq() % 8) : 9 + (int)(rq() % 11);
      for (int j = 0; j < sp.num_count; j++)
        sp.nums[j] = (double)(int)(rq() % 46) - 13; /* some absent, duplicates */
      sp.nums[rq() % (uint32_t)sp.num_count] = rq() % 2 ? -0.0 : NAN;
    }
    if (rq() % 4 == 0) {
      sp.in_str = 1;
      sp.code_count = 1 + (int)(rq() % 4);
      int32_t sn = ev_dict_count(t->cols[RC_S].dict);
      for (int j = 0; j < sp.code_count; j++)
        sp.codes[j] = rq() % 5 == 0 ? -1 : (int32_t)(rq() % (uint32_t)sn);
    }
    runs++;
    if (!rq_check(t, &sp, iter)) bad++;
    ev_table_free(t);
  }
  CHECK_EQ_INT(bad, 0);
  CHECK_EQ_INT(runs, 240);
}

/* Runs the rq_check aggregates grouped by "s" on t; with `every` set, also
 * filters "s" by every string the rows use (so that rows without a missing
 * key all pass, through the filtered path). NULL on failure. */
static ev_table *by_s(const ev_table *t, int every) {
  ev_query *q = ev_query_new();
  int ok = 1;
  if (every) {
    const ev_column *s = &t->cols[RC_S];
    char *used = calloc((size_t)ev_dict_count(s->dict) + 1, 1);
    ok &= ev_query_filter_in(q, "s") == EV_OK;
    for (int32_t r = 0; r < t->row_count; r++) {
      int32_t c = s->code[r];
      if (c < 0 || used[c]) continue;
      used[c] = 1;
      ok &= ev_query_filter_add_string(q, ev_dict_str(s->dict, c)) == EV_OK;
    }
    free(used);
  }
  ev_query_group(q, "s");
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MEAN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MIN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MAX, "v", NULL);
  ev_query_aggregate(q, EV_AGG_MEDIAN, "v", NULL);
  ev_query_aggregate(q, EV_AGG_COUNT, "s2", "n_s2");
  ev_table *out = NULL;
  int rc = ok ? ev_query_run(q, t, &out) : -1;
  ev_query_free(q);
  return rc ? NULL : out;
}

/* 1 if a and b hold the same columns with the same bits (numbers) or the
 * same strings in every row. */
static int same_bits(const ev_table *a, const ev_table *b) {
  if (!a || !b || a->row_count != b->row_count || a->col_count != b->col_count)
    return 0;
  for (int32_t c = 0; c < a->col_count; c++) {
    const ev_column *x = &a->cols[c], *y = &b->cols[c];
    for (int32_t r = 0; r < a->row_count; r++) {
      if (x->num) {
        if (memcmp(&x->num[r], &y->num[r], sizeof(double))) return 0;
      } else if (ev_column_is_missing(x, r) != ev_column_is_missing(y, r) ||
                 (!ev_column_is_missing(x, r) &&
                  strcmp(ev_dict_str(x->dict, x->code[r]),
                         ev_dict_str(y->dict, y->code[r])))) {
        return 0;
      }
    }
  }
  return 1;
}

/* Values whose compensated sums depend on the order of addition: large and
 * small magnitudes that cancel, ±Inf, values near overflow, -0, NaN. */
static double hard_value(void) {
  switch (rq() % 12) {
    case 0: return 1e16;
    case 1: return -1e16;
    case 2: return 0.1;
    case 3: return (double)(rq() % 1000) / 3;
    case 4: return -(double)(rq() % 1000) / 7;
    case 5: return 1e-300;
    case 6: return -0.0;
    case 7: return rq() % 40 == 0 ? NAN : 3.0;
    case 8: return rq() % 200 == 0 ? INFINITY : 1e15 + 0.5;
    case 9: return rq() % 200 == 0 ? -INFINITY : -7e14;
    case 10: return rq() % 300 == 0 ? 1.7e308 : 2.5;
    default: return (double)(int32_t)rq() * 1e-3;
  }
}

/* Grouping every row by one string key (no filters) aggregates straight
 * from the key's codes; each case is checked against the row-by-row
 * reference, and bit for bit against the same query through the filtered
 * path (every key string kept), where no key is missing. */
static void test_by_code_against_reference(void) {
  static const struct {
    int32_t n;
    int distinct, missing, hard;
  } cases[] = {
      {3000, 2500, 1, 0},     /* many groups, most with one or two rows */
      {2000, 1, 0, 0},        /* one group */
      {2000, 1, 0, 1},        /* one group, hard values */
      {500, 5, 2, 0},         /* every key missing */
      {5000, 40, 0, 1},       /* NaN, ±Inf, cancellation */
      {5000, 40, 1, 1},
      {10, 5000, 0, 0},       /* dictionary too big for the code path */
      {1000000, 50, 0, 1},    /* 1e6 rows, the bench's shape */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    ev_table *t = random_table(cases[i].n, cases[i].distinct, 6);
    /* codes in use: random_table's dictionary less its 3 unused entries */
    int32_t sn = ev_dict_count(t->cols[RC_S].dict) - 3;
    for (int32_t r = 0; r < t->row_count; r++) {
      if (cases[i].missing == 2) t->cols[RC_S].code[r] = -1;
      else if (!cases[i].missing) t->cols[RC_S].code[r] = (int32_t)(rq() % (uint32_t)sn);
      if (cases[i].hard) t->cols[RC_V].num[r] = hard_value();
    }
    rq_spec sp = {0};
    sp.key_count = 1, sp.keys[0] = RC_S;
    if (cases[i].n <= 5000 || i == sizeof cases / sizeof cases[0] - 1)
      CHECK(rq_check(t, &sp, 1000 + (int)i));
    if (!cases[i].missing) {
      ev_table *a = by_s(t, 0), *b = by_s(t, 1);
      CHECK(a && b);
      CHECK(same_bits(a, b));
      ev_table_free(a), ev_table_free(b);
    }
    ev_table_free(t);
  }
}

/* A number key spread too widely for the direct table, and one that is
 * dense but has a missing value and -0: both keep key order, missing last. */
static void test_number_key_paths(void) {
  ev_table *t = load("[{\"k\":1e15,\"v\":1},{\"k\":-3,\"v\":2},{\"k\":null,\"v\":4},"
                     "{\"k\":-0.0,\"v\":8},{\"k\":2.5,\"v\":16},{\"k\":-3,\"v\":32},"
                     "{\"k\":0,\"v\":64}]");
  ev_query *q = ev_query_new();
  ev_query_group(q, "k");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_table *out = RUN(q, t);
  CHECK_CELLS(out, "k", "-3,-0,2.5,1000000000000000,-");
  CHECK_CELLS(out, "sum_v", "34,72,16,1,4");
  ev_table_free(out);
  /* whole numbers only: the direct path, same answers */
  q = ev_query_new();
  ev_query_filter_range(q, "k", -10, 10);
  ev_query_filter_in(q, "k");
  for (int j = -3; j <= 0; j++) ev_query_filter_add_number(q, j);
  for (int j = 100; j < 110; j++) ev_query_filter_add_number(q, j); /* > 8 values */
  ev_query_group(q, "k");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  out = RUN(q, t);
  CHECK_CELLS(out, "k", "-3,-0");
  CHECK_CELLS(out, "sum_v", "34,72");
  ev_table_free(out);
  ev_table_free(t);

  /* infinite keys (not from JSON, but a table may hold them) are keys like
   * any other, never slots of the direct table: alone, with each other and
   * next to whole numbers */
  static const double keys[][4] = {{INFINITY, INFINITY, INFINITY, INFINITY},
                                   {-INFINITY, 3, INFINITY, 3},
                                   {INFINITY, NAN, 1, -INFINITY}};
  static const char *want_k[] = {"inf", "-inf,3,inf", "-inf,1,inf,-"};
  static const char *want_n[] = {"4", "1,2,1", "1,1,1,1"};

  /* 2500 distinct fractional keys (hashed; the table grows several times),
   * rows in scrambled order: ascending keys, two rows each, sum exact */
  enum { NK = 2500 };
  t = ev_table_new("frac", 2 * NK);
  ev_table_add_column(t, "k", EV_COL_NUMBER, NULL);
  ev_table_add_column(t, "v", EV_COL_NUMBER, NULL);
  for (int r = 0; r < 2 * NK; r++) {
    int k = (int)(((long)r * 7919) % NK); /* 7919 is prime: a permutation */
    t->cols[0].num[r] = k + 0.5;
    t->cols[1].num[r] = k;
  }
  q = ev_query_new();
  ev_query_group(q, "k");
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  out = RUN(q, t);
  if (out && CHECK_EQ_INT(out->row_count, NK)) {
    int ok = 1;
    for (int g = 0; g < NK; g++)
      ok &= out->cols[0].num[g] == g + 0.5 && out->cols[1].num[g] == 2 &&
            out->cols[2].num[g] == 2.0 * g;
    CHECK(ok);
  }
  ev_table_free(out);
  ev_table_free(t);
  for (int c = 0; c < 3; c++) {
    t = ev_table_new("inf", 4);
    ev_table_add_column(t, "k", EV_COL_NUMBER, NULL);
    for (int r = 0; r < 4; r++) t->cols[0].num[r] = keys[c][r];
    q = ev_query_new();
    ev_query_group(q, "k");
    ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
    out = RUN(q, t);
    CHECK_CELLS(out, "k", want_k[c]);
    CHECK_CELLS(out, "count", want_n[c]);
    ev_table_free(out);
    ev_table_free(t);
  }
}

/* ev_query_select: the rows a query's filters keep, without a new table;
 * ev_query_filters_only says when that is the whole query. */
static void test_select(void) {
  ev_query *q = q_in_str("r", "EU", "Asia");
  ev_query_filter_range(q, "v", 2, NAN);
  CHECK(ev_query_filters_only(q));
  int32_t *rows = NULL, count = -1;
  ev_error_reset();
  CHECK_EQ_INT(ev_query_select(q, D, &rows, &count), EV_OK);
  /* EU or Asia with v >= 2: rows 1, 3, 5, 6 (1-based); 0-based below */
  CHECK_EQ_INT(count, 4);
  if (rows && count == 4)
    CHECK(rows[0] == 0 && rows[1] == 2 && rows[2] == 4 && rows[3] == 5);
  free(rows);
  /* no filters: every row, in order */
  ev_query *all = ev_query_new();
  CHECK(ev_query_filters_only(all));
  CHECK_EQ_INT(ev_query_select(all, D, &rows, &count), EV_OK);
  CHECK_EQ_INT(count, 7);
  if (rows && count == 7) CHECK(rows[0] == 0 && rows[6] == 6);
  free(rows);
  /* other stages make it more than a selection (and are not run here) */
  ev_query_sort(all, "v", 0);
  CHECK(!ev_query_filters_only(all));
  ev_query_free(all);
  ev_query_group(q, "r");
  CHECK(!ev_query_filters_only(q));
  CHECK(!ev_query_filters_only(NULL));
  ev_query_free(q);
  /* errors as ev_query_run's, nothing returned */
  q = q_in_str("nope", "EU", NULL);
  rows = (int32_t *)&count;
  ev_error_reset();
  CHECK_EQ_INT(ev_query_select(q, D, &rows, &count), EV_ERR_COLUMN);
  CHECK_STR(ev_error_message(),
            "query on table 'data': filter 1: no column 'nope'");
  CHECK(rows == NULL);
  ev_query_free(q);
  ev_error_reset();
  CHECK_EQ_INT(ev_query_select(NULL, D, &rows, &count), EV_ERR_ARG);
}

int main(void) {
  D = load(D_JSON);
  test_filters();
  test_group_one_key();
  test_group_two_keys();
  test_aggregates_without_keys();
  test_zero_and_negative_zero();
  test_sort();
  test_run_errors();
  test_builder_errors();
  test_ownership();
  test_many_groups();
  test_fast_paths_against_reference();
  test_by_code_against_reference();
  test_number_key_paths();
  test_select();
  ev_table_free(D);
  return check_summary("test_query");
}
