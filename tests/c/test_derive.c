/* test_derive.c — derived series (wasm/derive.c), run through queries.
 *
 * Most tests run against P, an 8-row panel with a gap and missing values,
 * rows deliberately out of year order (1-based rows):
 *   row  c  y     v
 *   1    A  2020  12
 *   2    B  2021  6
 *   3    A  2019  10
 *   4    B  2019  3
 *   5    A  2022  15      A has no 2021: a gap
 *   6    B  2020  -       missing value
 *   7    B  2022  9
 *   8    A  -     13      missing year
 * Expected values are worked out by hand in the comments; where a quotient
 * is not a short binary fraction the expectation is the same C expression
 * (one correctly rounded division), e.g. 12.0 / 50. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "derive.h"
#include "ingest_json.h"
#include "query.h"
#include "status.h"

#define M NAN /* missing */

static const char *P_JSON =
    "[{\"c\":\"A\",\"y\":2020,\"v\":12},{\"c\":\"B\",\"y\":2021,\"v\":6},"
    " {\"c\":\"A\",\"y\":2019,\"v\":10},{\"c\":\"B\",\"y\":2019,\"v\":3},"
    " {\"c\":\"A\",\"y\":2022,\"v\":15},{\"c\":\"B\",\"y\":2020,\"v\":null},"
    " {\"c\":\"B\",\"y\":2022,\"v\":9},{\"c\":\"A\",\"y\":null,\"v\":13}]";

static ev_table *P;

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

/* Runs q on t, expecting success; frees q. */
static ev_table *run_ok(ev_query *q, const ev_table *t, int line) {
  ev_table *out = NULL;
  ev_error_reset();
  int rc = ev_query_run(q, t, &out);
  char d[600];
  snprintf(d, sizeof d, "(%d: %.500s)", rc, ev_error_message());
  check_report_(rc == EV_OK && out != NULL, __FILE__, line, "query runs", d);
  ev_query_free(q);
  return rc == EV_OK ? out : NULL;
}
#define RUN(q, t) run_ok((q), (t), __LINE__)

/* Runs q on t expecting status and message (NULL: any); frees q. */
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
#define RUN_ERR(q, t, status, msg) run_err((q), (t), (status), (msg), __LINE__)

static const ev_column *col(const ev_table *t, const char *name) {
  int32_t c = t ? ev_table_find(t, name) : -1;
  return c < 0 ? NULL : &t->cols[c];
}

/* Checks that number column `name` of t is exactly want[] (M = missing). */
#define CHECK_NUMS(t, name, ...)                                            \
  do {                                                                      \
    const double want_[] = {__VA_ARGS__};                                   \
    int n_ = (int)(sizeof want_ / sizeof want_[0]);                         \
    const ev_column *c_ = col((t), (name));                                 \
    if (CHECK(c_ != NULL && c_->type == EV_COL_NUMBER) &&                   \
        CHECK_EQ_INT((t)->row_count, n_))                                   \
      for (int i_ = 0; i_ < n_; i_++) CHECK_EQ_DBL(c_->num[i_], want_[i_]); \
  } while (0)

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

/* A query with one ordered derive step on P's v, order y, partition c. */
static ev_query *q_ordered(ev_derive_op op, const char *as) {
  ev_query *q = ev_query_new();
  ev_query_derive(q, op, "v", as);
  ev_query_derive_order(q, "y");
  ev_query_derive_by(q, "c");
  return q;
}

/* ---- ops on P ---------------------------------------------------------- */

static void test_change(void) {
  /* previous = same c, y - 1:
   *   1 A2020: A2019 = 10 -> 12 - 10 = 2
   *   2 B2021: B2020 is missing -> missing
   *   3 A2019, 4 B2019: no 2018 -> missing
   *   5 A2022: A2021 absent (a gap, never bridged to 2020) -> missing
   *   6 B2020: its own value is missing -> missing
   *   7 B2022: B2021 = 6 -> 9 - 6 = 3
   *   8: missing year -> missing */
  ev_table *out = RUN(q_ordered(EV_DERIVE_CHANGE, NULL), P);
  if (out) {
    CHECK_STR(names(out), "c,y,v,change_v"); /* appended, all columns kept */
    CHECK_NUMS(out, "change_v", 2, M, M, M, M, M, 3, M);
    CHECK_NUMS(out, "y", 2020, 2021, 2019, 2019, 2022, 2020, 2022, M);
  }
  ev_table_free(out);

  /* pct: 100 * (12 - 10) / 10 = 20; 100 * (9 - 6) / 6 = 50 */
  out = RUN(q_ordered(EV_DERIVE_PCT_CHANGE, "yoy"), P);
  if (out) {
    CHECK_STR(names(out), "c,y,v,yoy");
    CHECK_NUMS(out, "yoy", 20, M, M, M, M, M, 50, M);
  }
  ev_table_free(out);

  /* step 2: previous = y - 2:
   *   1 A2020: A2018 absent; 2 B2021: B2019 = 3 -> 3; 5 A2022: A2020 = 12
   *   -> 3; 7 B2022: B2020 missing -> missing */
  ev_query *q = q_ordered(EV_DERIVE_CHANGE, NULL);
  CHECK_EQ_INT(ev_query_derive_step(q, 2), EV_OK);
  out = RUN(q, P);
  CHECK_NUMS(out, "change_v", M, 3, M, M, 3, M, M, M);
  ev_table_free(out);
  /* step 0.5 on whole years: no row is 0.5 before another */
  q = q_ordered(EV_DERIVE_CHANGE, NULL);
  ev_query_derive_step(q, 0.5);
  out = RUN(q, P);
  CHECK_NUMS(out, "change_v", M, M, M, M, M, M, M, M);
  ev_table_free(out);
}

static void test_change_zero_and_negative(void) {
  /* y: 1 2 3 4 5 6 ; v: 0 5 0 0 -4 2
   * change: -, 5, -5, 0, -4, 6
   * pct: -, - (previous 0), 100*(0-5)/5 = -100, - (previous 0),
   *      - (previous 0), 100*(2-(-4))/|-4| = 150 */
  ev_table *z = load(
      "[{\"y\":1,\"v\":0},{\"y\":2,\"v\":5},{\"y\":3,\"v\":0},{\"y\":4,\"v\":0}"
      ","
      "{\"y\":5,\"v\":-4},{\"y\":6,\"v\":2}]");
  ev_query *q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_CHANGE, "v", NULL);
  ev_query_derive_order(q, "y");
  ev_query_derive(q, EV_DERIVE_PCT_CHANGE, "v", NULL);
  ev_query_derive_order(q, "y");
  ev_table *out = RUN(q, z);
  if (out) {
    CHECK_STR(names(out), "y,v,change_v,pct_change_v");
    CHECK_NUMS(out, "change_v", M, 5, -5, 0, -4, 6);
    CHECK_NUMS(out, "pct_change_v", M, M, -100, M, M, 150);
  }
  ev_table_free(out);

  /* index to a base whose value is 0 (y 1): every value missing;
   * to y 2 (5): 0, 100, 0, 0, -80, 40 */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_INDEX, "v", "zero");
  ev_query_derive_order(q, "y");
  ev_query_derive_base(q, 1);
  ev_query_derive(q, EV_DERIVE_INDEX, "v", "five");
  ev_query_derive_order(q, "y");
  ev_query_derive_base(q, 2);
  out = RUN(q, z);
  CHECK_NUMS(out, "zero", M, M, M, M, M, M);
  CHECK_NUMS(out, "five", 0, 100, 0, 0, -80, 40);
  ev_table_free(out);

  /* share of the whole table: sum 0 + 5 + 0 + 0 - 4 + 2 = 3 -> v / 3;
   * of y 1, 3, 4 only: sum 0 -> every share missing */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  out = RUN(q, z);
  CHECK_NUMS(out, "share_v", 0, 5.0 / 3, 0, 0, -4.0 / 3, 2.0 / 3);
  ev_table_free(out);
  q = ev_query_new();
  ev_query_filter_in(q, "y");
  ev_query_filter_add_number(q, 1);
  ev_query_filter_add_number(q, 3);
  ev_query_filter_add_number(q, 4);
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  out = RUN(q, z);
  CHECK_NUMS(out, "share_v", M, M, M);
  ev_table_free(out);
  ev_table_free(z);
  /* values that cancel out: 2 + -2 = 0 -> missing, not +-infinity */
  z = load("[{\"v\":2},{\"v\":-2}]");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  out = RUN(q, z);
  CHECK_NUMS(out, "share_v", M, M);
  ev_table_free(out);
  ev_table_free(z);
}

static void test_index(void) {
  /* base 2019 per c: A 10 -> 120, 100, 150 (row 8: no year, missing);
   * B 3 -> 200 (6), 100 (3), missing (row 6), 300 (9) */
  ev_query *q = q_ordered(EV_DERIVE_INDEX, NULL);
  CHECK_EQ_INT(ev_query_derive_base(q, 2019), EV_OK);
  ev_table *out = RUN(q, P);
  CHECK_NUMS(out, "index_v", 120, 200, 100, 100, 150, M, 300, M);
  ev_table_free(out);
  /* base 2021: A has no 2021 row, so every A index is missing (the base is
   * absent, nothing is guessed); B 6 -> 100, 50, missing, 150 */
  q = q_ordered(EV_DERIVE_INDEX, NULL);
  ev_query_derive_base(q, 2021);
  out = RUN(q, P);
  CHECK_NUMS(out, "index_v", M, 100, M, 50, M, M, 150, M);
  ev_table_free(out);
  /* base 2020: B's 2020 value is missing -> every B index missing;
   * A 12 -> 100, 10/12, 15/12 */
  q = q_ordered(EV_DERIVE_INDEX, NULL);
  ev_query_derive_base(q, 2020);
  out = RUN(q, P);
  CHECK_NUMS(out, "index_v", 100, M, 100 * 10.0 / 12, M, 100 * 15.0 / 12, M, M,
             M);
  ev_table_free(out);
}

static void test_cumsum(void) {
  /* per c in year order: A 2019 10, 2020 22, 2022 37 (2021 absent adds
   * nothing); B 2019 3, 2020 missing -> missing from here on: 2021, 2022
   * missing too. Row 8 has no year: missing. */
  ev_query *q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_CUMSUM, "v", NULL);
  ev_query_derive_order(q, "y");
  ev_query_derive_by(q, "c");
  ev_table *out = RUN(q, P);
  CHECK_NUMS(out, "cumsum_v", 22, M, 10, 3, 37, M, M, M);
  ev_table_free(out);
  /* only A's rows (filter first), no partition: the same A values */
  q = ev_query_new();
  ev_query_filter_in(q, "c");
  ev_query_filter_add_string(q, "A");
  ev_query_derive(q, EV_DERIVE_CUMSUM, "v", "running");
  ev_query_derive_order(q, "y");
  out = RUN(q, P);
  CHECK_NUMS(out, "running", 22, 10, 37, M);
  ev_table_free(out);
}

static void test_rolling_mean(void) {
  /* window 2: this year and the one before, same c:
   *   1 A2020: (12 + 10) / 2 = 11
   *   2 B2021: B2020 missing -> missing
   *   3 A2019, 4 B2019: no 2018 (the start of the series) -> missing
   *   5 A2022: A2021 absent -> missing
   *   7 B2022: (9 + 6) / 2 = 7.5 */
  ev_query *q = q_ordered(EV_DERIVE_ROLLING_MEAN, NULL);
  CHECK_EQ_INT(ev_query_derive_window(q, 2), EV_OK);
  ev_table *out = RUN(q, P);
  CHECK_NUMS(out, "rolling_mean_v", 11, M, M, M, M, M, 7.5, M);
  ev_table_free(out);
  /* window 1: the value itself where the year is known */
  q = q_ordered(EV_DERIVE_ROLLING_MEAN, NULL);
  ev_query_derive_window(q, 1);
  out = RUN(q, P);
  CHECK_NUMS(out, "rolling_mean_v", 12, 6, 10, 3, 15, M, 9, M);
  ev_table_free(out);
  /* window 3: A2022 needs 2021 (absent), B2022 needs 2020 (missing),
   * A2020 and B2021 need 2018 / 2019-2020: nothing is complete */
  q = q_ordered(EV_DERIVE_ROLLING_MEAN, NULL);
  ev_query_derive_window(q, 3);
  out = RUN(q, P);
  CHECK_NUMS(out, "rolling_mean_v", M, M, M, M, M, M, M, M);
  ev_table_free(out);
  /* window 2, step 2: B2021 (6 + B2019 3) / 2 = 4.5; A2022 (15 + A2020
   * 12) / 2 = 13.5; B2022 needs B2020 (missing); A2020 needs A2018 */
  q = q_ordered(EV_DERIVE_ROLLING_MEAN, NULL);
  ev_query_derive_window(q, 2);
  ev_query_derive_step(q, 2);
  out = RUN(q, P);
  CHECK_NUMS(out, "rolling_mean_v", M, 4.5, M, M, 13.5, M, M, M);
  ev_table_free(out);
}

static void test_share(void) {
  /* by c: A = 12 + 10 + 15 + 13 = 50 (row 8's year does not matter) ->
   * 12/50, 10/50, 15/50, 13/50; B holds a missing value, so its total is
   * unknown and every B share is missing */
  ev_query *q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  ev_query_derive_by(q, "c");
  ev_table *out = RUN(q, P);
  CHECK_NUMS(out, "share_v", 12.0 / 50, M, 10.0 / 50, M, 15.0 / 50, M, M,
             13.0 / 50);
  ev_table_free(out);
  /* the whole table holds the missing value too: all missing */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  out = RUN(q, P);
  CHECK_NUMS(out, "share_v", M, M, M, M, M, M, M, M);
  ev_table_free(out);
  /* by year (a number column): 2019 = 10 + 3 -> 10/13, 3/13; 2020 has B's
   * missing value -> missing; 2021 = 6 -> 1; 2022 = 15 + 9 = 24 ->
   * 15/24, 9/24; the missing year is a group of its own: 13/13 = 1 */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  ev_query_derive_by(q, "y");
  out = RUN(q, P);
  CHECK_NUMS(out, "share_v", M, 1, 10.0 / 13, 3.0 / 13, 15.0 / 24, M, 9.0 / 24,
             1);
  ev_table_free(out);
  /* two by columns: every (c, y) is one row -> 1, except missing values */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  ev_query_derive_by(q, "c");
  ev_query_derive_by(q, "y");
  out = RUN(q, P);
  CHECK_NUMS(out, "share_v", 1, 1, 1, 1, 1, M, 1, 1);
  ev_table_free(out);

  /* missing by values form their own group; a boolean by:
   *   g: x, -, -, x ; v: 1, 2, 6, 4 -> x: 1/5, 4/5; missing: 2/8, 6/8
   *   ok: t, f, t, f -> true: 1/7, 6/7; false: 2/6, 4/6 */
  ev_table *m = load(
      "[{\"g\":\"x\",\"ok\":true,\"y\":1,\"v\":1},"
      "{\"g\":null,\"ok\":false,\"y\":1,\"v\":2},"
      "{\"g\":null,\"ok\":true,\"y\":2,\"v\":6},"
      "{\"g\":\"x\",\"ok\":false,\"y\":2,\"v\":4}]");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "v", "by_g");
  ev_query_derive_by(q, "g");
  ev_query_derive(q, EV_DERIVE_SHARE, "v", "by_ok");
  ev_query_derive_by(q, "ok");
  /* and change partitioned by g: x 4 - 1 = 3, missing-g group 6 - 2 = 4 */
  ev_query_derive(q, EV_DERIVE_CHANGE, "v", NULL);
  ev_query_derive_order(q, "y");
  ev_query_derive_by(q, "g");
  out = RUN(q, m);
  CHECK_NUMS(out, "by_g", 0.2, 0.25, 0.75, 0.8);
  CHECK_NUMS(out, "by_ok", 1.0 / 7, 2.0 / 6, 6.0 / 7, 4.0 / 6);
  CHECK_NUMS(out, "change_v", M, M, 4, 3);
  ev_table_free(out);
  ev_table_free(m);
}

/* R: y, kind, v — nev and total per year, with the awkward cases. */
static const char *R_JSON =
    "[{\"y\":2020,\"kind\":\"nev\",\"v\":2},"
    "{\"y\":2020,\"kind\":\"total\",\"v\":8},"
    "{\"y\":2021,\"kind\":\"nev\",\"v\":3},"
    "{\"y\":2021,\"kind\":\"total\",\"v\":0},"
    "{\"y\":2022,\"kind\":\"nev\",\"v\":5},"
    "{\"y\":2023,\"kind\":\"nev\",\"v\":4},"
    "{\"y\":2023,\"kind\":\"total\",\"v\":null},"
    "{\"y\":2024,\"kind\":\"nev\",\"v\":null},"
    "{\"y\":2024,\"kind\":\"total\",\"v\":10},"
    "{\"y\":2025,\"kind\":null,\"v\":1}]";

static void test_ratio(void) {
  ev_table *r = load(R_JSON);
  /* v / the total of the same year:
   *   2020: 2/8 = 0.25, 8/8 = 1
   *   2021: the total is 0 -> both missing
   *   2022: no total row (absent denominator) -> missing
   *   2023: the total is missing -> both missing
   *   2024: nev missing -> missing; total 10/10 = 1
   *   2025: the row with a missing kind is no denominator -> missing */
  ev_query *q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", "of_total");
  ev_query_derive_by(q, "y");
  CHECK_EQ_INT(ev_query_derive_key(q, "kind"), EV_OK);
  CHECK_EQ_INT(ev_query_derive_denominator_string(q, "total"), EV_OK);
  ev_table *out = RUN(q, r);
  CHECK_NUMS(out, "of_total", 0.25, 1, M, M, M, M, M, M, 1, M);
  ev_table_free(out);

  /* a number key: v / the 2020 value of the same kind:
   *   nev 2 -> 1, 1.5, 2.5, 2, missing; total 8 -> 1, 0, missing, 1.25;
   *   the missing kind has no 2020 row -> missing */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_by(q, "kind");
  ev_query_derive_key(q, "y");
  ev_query_derive_denominator_number(q, 2020);
  out = RUN(q, r);
  CHECK_NUMS(out, "ratio_v", 1, 1, 1.5, 0, 2.5, 2, M, M, 1.25, M);
  ev_table_free(out);

  /* a denominator the column never holds: all missing */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_by(q, "y");
  ev_query_derive_key(q, "kind");
  ev_query_derive_denominator_string(q, "Total");
  out = RUN(q, r);
  CHECK_NUMS(out, "ratio_v", M, M, M, M, M, M, M, M, M, M);
  ev_table_free(out);

  /* a boolean key (1 = true): 4/4, 2/4, 6/4 */
  ev_table *k = load(
      "[{\"ok\":true,\"v\":4},{\"ok\":false,\"v\":2},{\"ok\":false,\"v\":6}]");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_key(q, "ok");
  ev_query_derive_denominator_number(q, 1);
  out = RUN(q, k);
  CHECK_NUMS(out, "ratio_v", 1, 0.5, 1.5);
  ev_table_free(out);
  /* two denominator rows (ok = false) in the whole table: an error */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_key(q, "ok");
  ev_query_derive_denominator_number(q, 0);
  RUN_ERR(q, k, EV_ERR_ARG,
          "query on table 'data': derive 1 (ratio): two rows have ok = false; "
          "the denominator must be one row");
  ev_table_free(k);

  /* two total rows in one year: an error naming the group */
  ev_table *d = load(
      "{\"exports\":[{\"y\":2020,\"kind\":\"total\",\"v\":1},"
      "{\"y\":2021,\"kind\":\"total\",\"v\":1},"
      "{\"y\":2021,\"kind\":\"nev\",\"v\":1},"
      "{\"y\":2021,\"kind\":\"total\",\"v\":2}]}");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_by(q, "y");
  ev_query_derive_key(q, "kind");
  ev_query_derive_denominator_string(q, "total");
  RUN_ERR(q, d, EV_ERR_ARG,
          "query on table 'exports': derive 1 (ratio): two rows have kind = "
          "'total' in the group y = 2021; the denominator must be one row");
  ev_table_free(d);
  ev_table_free(r);
}

/* ---- with the other stages --------------------------------------------- */

static void test_after_group_and_sort(void) {
  /* group by y, sum v: 2019 10+3 = 13, 2020 12 (B's missing value is
   * skipped), 2021 6, 2022 15+9 = 24, missing year 13 (sorted last).
   * cumsum by year: 13, 25, 31, 55, missing (no year).
   * change of the cumsum: 25-13 = 12, 31-25 = 6, 55-31 = 24: the sums
   * again, a later step using an earlier one's column. */
  ev_query *q = ev_query_new();
  ev_query_group(q, "y");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_derive(q, EV_DERIVE_CUMSUM, "sum_v", NULL);
  ev_query_derive_order(q, "y");
  ev_query_derive(q, EV_DERIVE_CHANGE, "cumsum_sum_v", "back");
  ev_query_derive_order(q, "y");
  ev_table *out = RUN(q, P);
  if (out) {
    CHECK_STR(names(out), "y,sum_v,cumsum_sum_v,back");
    CHECK_NUMS(out, "y", 2019, 2020, 2021, 2022, M);
    CHECK_NUMS(out, "sum_v", 13, 12, 6, 24, 13);
    CHECK_NUMS(out, "cumsum_sum_v", 13, 25, 31, 55, M);
    CHECK_NUMS(out, "back", M, 12, 6, 24, M);
  }
  ev_table_free(out);

  /* derive comes before sort: sorting by year descending moves the rows,
   * each keeps the value computed from its own previous year:
   * 2022 -> 24 - 6 = 18, 2021 -> 6 - 12 = -6, 2020 -> 12 - 13 = -1,
   * 2019 -> missing, and the missing year last */
  q = ev_query_new();
  ev_query_group(q, "y");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_sort(q, "y", 1);
  ev_query_derive(q, EV_DERIVE_CHANGE, "sum_v", NULL);
  ev_query_derive_order(q, "y");
  out = RUN(q, P);
  CHECK_NUMS(out, "y", 2022, 2021, 2020, 2019, M);
  CHECK_NUMS(out, "change_sum_v", 18, -6, -1, M, M);
  ev_table_free(out);
  /* sorting by a derived column, largest first, missing last */
  q = ev_query_new();
  ev_query_group(q, "y");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_derive(q, EV_DERIVE_CHANGE, "sum_v", "d");
  ev_query_derive_order(q, "y");
  ev_query_sort(q, "d", 1);
  out = RUN(q, P);
  CHECK_NUMS(out, "d", 18, -1, -6, M, M);
  CHECK_NUMS(out, "y", 2022, 2020, 2021, 2019, M);
  ev_table_free(out);

  /* group by c with the share of each group's sum: A 50, B 18 (missing
   * skipped by the sum) -> 50/68, 18/68 */
  q = ev_query_new();
  ev_query_group(q, "c");
  ev_query_aggregate(q, EV_AGG_SUM, "v", "total");
  ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL);
  ev_query_derive(q, EV_DERIVE_SHARE, "total", NULL);
  out = RUN(q, P);
  if (out) {
    CHECK_STR(names(out), "c,total,count,share_total");
    CHECK_NUMS(out, "share_total", 50.0 / 68, 18.0 / 68);
  }
  ev_table_free(out);

  /* a result with no rows still gets the column */
  q = ev_query_new();
  ev_query_filter_range(q, "v", 100, NAN);
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  ev_query_derive(q, EV_DERIVE_ROLLING_MEAN, "v", NULL);
  ev_query_derive_order(q, "y");
  ev_query_derive_window(q, 3);
  out = RUN(q, P);
  if (out) {
    CHECK_EQ_INT(out->row_count, 0);
    CHECK_STR(names(out), "c,y,v,share_v,rolling_mean_v");
  }
  ev_table_free(out);
}

/* ---- errors ------------------------------------------------------------ */

static void test_run_errors(void) {
  ev_query *q;
  ev_table *j = load(
      "[{\"c\":\"A\",\"y\":1,\"v\":1,\"ok\":true,\"j\":[1]},"
      "{\"c\":\"A\",\"y\":1,\"v\":2,\"ok\":false,\"j\":{}}]");
  /* unknown columns, each role */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "w", NULL);
  RUN_ERR(q, P, EV_ERR_COLUMN,
          "query on table 'data': derive 1 (share): no output column 'w'");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  ev_query_derive_by(q, "zz");
  RUN_ERR(q, P, EV_ERR_COLUMN,
          "query on table 'data': derive 1 (share): by: no output column "
          "'zz'");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  ev_query_derive(q, EV_DERIVE_CUMSUM, "v", NULL);
  ev_query_derive_order(q, "y");
  ev_query_derive_by(q, "zz");
  RUN_ERR(q, P, EV_ERR_COLUMN,
          "query on table 'data': derive 2 (cumsum): partition: no output "
          "column 'zz'");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_CUMSUM, "v", NULL);
  ev_query_derive_order(q, "year");
  RUN_ERR(q, P, EV_ERR_COLUMN,
          "query on table 'data': derive 1 (cumsum): order: no output column "
          "'year'");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_key(q, "kind");
  ev_query_derive_denominator_string(q, "x");
  RUN_ERR(q, P, EV_ERR_COLUMN,
          "query on table 'data': derive 1 (ratio): key: no output column "
          "'kind'");
  /* after group-by the input columns are gone */
  q = ev_query_new();
  ev_query_group(q, "y");
  ev_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  ev_query_derive(q, EV_DERIVE_CUMSUM, "v", NULL);
  ev_query_derive_order(q, "y");
  RUN_ERR(q, P, EV_ERR_COLUMN,
          "query on table 'data': derive 1 (cumsum): no output column 'v'");

  /* types */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "c", NULL);
  RUN_ERR(q, P, EV_ERR_TYPE,
          "query on table 'data': derive 1 (share): cannot take the share of "
          "'c', a string column");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_CUMSUM, "ok", NULL);
  ev_query_derive_order(q, "y");
  RUN_ERR(q, j, EV_ERR_TYPE,
          "query on table 'data': derive 1 (cumsum): cannot take the cumsum "
          "of 'ok', a boolean column");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_CHANGE, "v", NULL);
  ev_query_derive_order(q, "c");
  RUN_ERR(q, P, EV_ERR_TYPE,
          "query on table 'data': derive 1 (change): order column 'c' is "
          "string; it must be a number column");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  ev_query_derive_by(q, "j");
  RUN_ERR(q, j, EV_ERR_TYPE,
          "query on table 'data': derive 1 (share): by column 'j' holds "
          "nested JSON");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_INDEX, "v", NULL);
  ev_query_derive_order(q, "y");
  ev_query_derive_base(q, 1);
  ev_query_derive_by(q, "j");
  RUN_ERR(q, j, EV_ERR_TYPE,
          "query on table 'data': derive 1 (index): partition column 'j' "
          "holds nested JSON");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_key(q, "j");
  ev_query_derive_denominator_string(q, "[1]");
  RUN_ERR(q, j, EV_ERR_TYPE,
          "query on table 'data': derive 1 (ratio): key column 'j' holds "
          "nested JSON");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_key(q, "c");
  ev_query_derive_denominator_number(q, 1);
  RUN_ERR(q, P, EV_ERR_TYPE,
          "query on table 'data': derive 1 (ratio): key column 'c' is string, "
          "got a number denominator");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_key(q, "ok");
  ev_query_derive_denominator_string(q, "true");
  RUN_ERR(q, j, EV_ERR_TYPE,
          "query on table 'data': derive 1 (ratio): key column 'ok' is "
          "boolean, got a string denominator");

  /* settings an op needs */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_CHANGE, "v", NULL);
  RUN_ERR(q, P, EV_ERR_ARG,
          "query on table 'data': derive 1 (change): needs an order column");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_denominator_string(q, "x");
  RUN_ERR(q, P, EV_ERR_ARG,
          "query on table 'data': derive 1 (ratio): needs a key column");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_key(q, "c");
  RUN_ERR(q, P, EV_ERR_ARG,
          "query on table 'data': derive 1 (ratio): needs a denominator (the "
          "key value of the denominator row)");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_INDEX, "v", NULL);
  ev_query_derive_order(q, "y");
  RUN_ERR(q, P, EV_ERR_ARG,
          "query on table 'data': derive 1 (index): needs a base (the order "
          "value of the row to index to)");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_ROLLING_MEAN, "v", NULL);
  ev_query_derive_order(q, "y");
  RUN_ERR(q, P, EV_ERR_ARG,
          "query on table 'data': derive 1 (rolling_mean): needs a window");

  /* duplicate output names */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "v", "y");
  RUN_ERR(q, P, EV_ERR_ARG,
          "query on table 'data': derive 1 (share): output column 'y' already "
          "exists; give it another name with 'as'");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL);
  RUN_ERR(q, P, EV_ERR_ARG,
          "query on table 'data': derive 2 (share): output column 'share_v' "
          "already exists; give it another name with 'as'");

  /* two rows with one order value in a partition */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_CHANGE, "v", NULL);
  ev_query_derive_order(q, "y");
  RUN_ERR(q, P, EV_ERR_ARG,
          "query on table 'data': derive 1 (change): two rows have y = 2019; "
          "partition by the column that tells them apart");
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_CUMSUM, "v", NULL);
  ev_query_derive_order(q, "y");
  ev_query_derive_by(q, "c");
  ev_query_derive_by(q, "ok");
  ev_table *dup = load(
      "{\"t\":[{\"c\":\"A\",\"ok\":true,\"y\":2.5,\"v\":1},"
      "{\"c\":\"B\",\"ok\":true,\"y\":2.5,\"v\":1},"
      "{\"c\":\"B\",\"ok\":true,\"y\":2.5,\"v\":1}]}");
  RUN_ERR(q, dup, EV_ERR_ARG,
          "query on table 't': derive 1 (cumsum): two rows have y = 2.5 in "
          "the partition c = 'B', ok = true; partition by the column that "
          "tells them apart");
  ev_table_free(dup);

  /* a long string in a message is cut after 80 bytes at a character
   * boundary: 30 x "中" (3 bytes each) keeps 26 (78 bytes), then "..." */
  char doc[512], zh[128] = "", want[512];
  for (int i = 0; i < 30; i++) strcat(zh, "\xe4\xb8\xad");
  snprintf(doc, sizeof doc, "[{\"k\":\"%s\",\"v\":1},{\"k\":\"%s\",\"v\":2}]",
           zh, zh);
  ev_table *long_key = load(doc);
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_key(q, "k");
  ev_query_derive_denominator_string(q, zh);
  zh[78] = '\0';
  snprintf(want, sizeof want,
           "query on table 'data': derive 1 (ratio): two rows have k = "
           "'%s...'; the denominator must be one row",
           zh);
  RUN_ERR(q, long_key, EV_ERR_ARG, want);
  ev_table_free(long_key);
  ev_table_free(j);

  /* NULL arguments */
  ev_error_reset();
  CHECK_EQ_INT(ev_derive_apply(NULL, P), EV_ERR_ARG);
  ev_error_reset();
}

static void test_builder_errors(void) {
  ev_query *q = ev_query_new();
#define BUILD_ERR(call, status, msg)      \
  do {                                    \
    ev_error_reset();                     \
    CHECK_EQ_INT((call), (status));       \
    CHECK_STR(ev_error_message(), (msg)); \
  } while (0)
  BUILD_ERR(ev_query_derive_order(q, "y"), EV_ERR_ARG,
            "query: a derive setting needs a derive step first");
  BUILD_ERR(ev_query_derive(q, (ev_derive_op)0, "v", NULL), EV_ERR_ARG,
            "query: derive 1: unknown op 0");
  BUILD_ERR(ev_query_derive(q, (ev_derive_op)8, "v", NULL), EV_ERR_ARG,
            "query: derive 1: unknown op 8");
  BUILD_ERR(ev_query_derive(q, EV_DERIVE_SHARE, NULL, NULL), EV_ERR_ARG,
            "query: derive 1 (share) needs a column name");
  BUILD_ERR(ev_query_derive(q, EV_DERIVE_SHARE, "", NULL), EV_ERR_ARG,
            "query: derive 1 (share) needs a column name");
  BUILD_ERR(ev_query_derive(q, EV_DERIVE_SHARE, "v", ""), EV_ERR_ARG,
            "query: derive 1 (share): an output name must have 1 to 256 "
            "bytes");
  char long_name[300];
  memset(long_name, 'x', sizeof long_name - 1);
  long_name[sizeof long_name - 1] = '\0';
  BUILD_ERR(ev_query_derive(q, EV_DERIVE_SHARE, long_name, NULL), EV_ERR_LIMIT,
            "query: derive 1 (share): column name is over 256 "
            "bytes");
  BUILD_ERR(ev_query_derive(NULL, EV_DERIVE_SHARE, "v", NULL), EV_ERR_ARG,
            "query: NULL query");

  /* settings the op does not take */
  ev_error_reset();
  CHECK_EQ_INT(ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL), EV_OK);
  BUILD_ERR(ev_query_derive_order(q, "y"), EV_ERR_ARG,
            "query: derive 1 (share) takes no order");
  BUILD_ERR(ev_query_derive_key(q, "c"), EV_ERR_ARG,
            "query: derive 1 (share) takes no key");
  BUILD_ERR(ev_query_derive_denominator_string(q, "x"), EV_ERR_ARG,
            "query: derive 1 (share) takes no denominator");
  BUILD_ERR(ev_query_derive_base(q, 2019), EV_ERR_ARG,
            "query: derive 1 (share) takes no base");
  BUILD_ERR(ev_query_derive_step(q, 1), EV_ERR_ARG,
            "query: derive 1 (share) takes no step");
  BUILD_ERR(ev_query_derive_window(q, 2), EV_ERR_ARG,
            "query: derive 1 (share) takes no window");
  /* by: names, twice, limit */
  BUILD_ERR(ev_query_derive_by(q, ""), EV_ERR_ARG,
            "query: derive 1 (share): by needs a column name");
  CHECK_EQ_INT(ev_query_derive_by(q, "c"), EV_OK);
  BUILD_ERR(ev_query_derive_by(q, "c"), EV_ERR_ARG,
            "query: derive 1 (share): by 'c' twice");
  CHECK_EQ_INT(ev_query_derive_by(q, "y"), EV_OK);
  CHECK_EQ_INT(ev_query_derive_by(q, "v"), EV_OK);
  CHECK_EQ_INT(ev_query_derive_by(q, "w"), EV_OK);
  BUILD_ERR(ev_query_derive_by(q, "z"), EV_ERR_LIMIT,
            "query: derive 1 (share): by at most 4 columns (limit)");

  CHECK_EQ_INT(ev_query_derive(q, EV_DERIVE_CUMSUM, "v", NULL), EV_OK);
  BUILD_ERR(ev_query_derive_step(q, 1), EV_ERR_ARG,
            "query: derive 2 (cumsum) takes no step");
  BUILD_ERR(ev_query_derive_by(q, NULL), EV_ERR_ARG,
            "query: derive 2 (cumsum): partition needs a column name");
  BUILD_ERR(ev_query_derive_order(q, ""), EV_ERR_ARG,
            "query: derive 2 (cumsum): order needs a column name");
  BUILD_ERR(ev_query_derive_order(q, long_name), EV_ERR_LIMIT,
            "query: derive 2 (cumsum): order column name is over 256 bytes");

  CHECK_EQ_INT(ev_query_derive(q, EV_DERIVE_CHANGE, "v", NULL), EV_OK);
  BUILD_ERR(ev_query_derive_window(q, 2), EV_ERR_ARG,
            "query: derive 3 (change) takes no window");
  BUILD_ERR(ev_query_derive_step(q, 0), EV_ERR_ARG,
            "query: derive 3 (change): step must be a finite number above 0, "
            "got 0");
  BUILD_ERR(ev_query_derive_step(q, -1), EV_ERR_ARG,
            "query: derive 3 (change): step must be a finite number above 0, "
            "got -1");
  BUILD_ERR(ev_query_derive_step(q, NAN), EV_ERR_ARG,
            "query: derive 3 (change): step must be a finite number above 0, "
            "got nan");
  BUILD_ERR(ev_query_derive_step(q, INFINITY), EV_ERR_ARG,
            "query: derive 3 (change): step must be a finite number above 0, "
            "got inf");

  CHECK_EQ_INT(ev_query_derive(q, EV_DERIVE_ROLLING_MEAN, "v", NULL), EV_OK);
  BUILD_ERR(ev_query_derive_window(q, 0), EV_ERR_ARG,
            "query: derive 4 (rolling_mean): window must be a whole number "
            "from 1 to 1000, got 0");
  BUILD_ERR(ev_query_derive_window(q, 2.5), EV_ERR_ARG,
            "query: derive 4 (rolling_mean): window must be a whole number "
            "from 1 to 1000, got 2.5");
  BUILD_ERR(ev_query_derive_window(q, 1001), EV_ERR_ARG,
            "query: derive 4 (rolling_mean): window must be a whole number "
            "from 1 to 1000, got 1001");
  BUILD_ERR(ev_query_derive_window(q, NAN), EV_ERR_ARG,
            "query: derive 4 (rolling_mean): window must be a whole number "
            "from 1 to 1000, got nan");
  BUILD_ERR(ev_query_derive_base(q, 1), EV_ERR_ARG,
            "query: derive 4 (rolling_mean) takes no base");

  CHECK_EQ_INT(ev_query_derive(q, EV_DERIVE_INDEX, "v", NULL), EV_OK);
  BUILD_ERR(ev_query_derive_base(q, NAN), EV_ERR_ARG,
            "query: derive 5 (index): base must be a finite number");
  BUILD_ERR(ev_query_derive_base(q, -INFINITY), EV_ERR_ARG,
            "query: derive 5 (index): base must be a finite number");
  BUILD_ERR(ev_query_derive_denominator_number(q, 1), EV_ERR_ARG,
            "query: derive 5 (index) takes no denominator");

  CHECK_EQ_INT(ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL), EV_OK);
  BUILD_ERR(ev_query_derive_denominator_number(q, NAN), EV_ERR_ARG,
            "query: derive 6 (ratio): the denominator must not be NaN");
  BUILD_ERR(ev_query_derive_denominator_string(q, NULL), EV_ERR_ARG,
            "query: derive 6 (ratio): NULL denominator");
  BUILD_ERR(ev_query_derive_key(q, NULL), EV_ERR_ARG,
            "query: derive 6 (ratio): key needs a column name");
  BUILD_ERR(ev_query_derive_order(q, "y"), EV_ERR_ARG,
            "query: derive 6 (ratio) takes no order");
  /* a later setting replaces an earlier one: a number denominator, then a
   * string one */
  CHECK_EQ_INT(ev_query_derive_key(q, "c"), EV_OK);
  CHECK_EQ_INT(ev_query_derive_key(q, "c"), EV_OK);
  CHECK_EQ_INT(ev_query_derive_denominator_number(q, 1), EV_OK);
  CHECK_EQ_INT(ev_query_derive_denominator_string(q, "A"), EV_OK);

  /* up to 8 steps */
  CHECK_EQ_INT(ev_query_derive(q, EV_DERIVE_SHARE, "v", "s7"), EV_OK);
  CHECK_EQ_INT(ev_query_derive(q, EV_DERIVE_SHARE, "v", "s8"), EV_OK);
  BUILD_ERR(ev_query_derive(q, EV_DERIVE_SHARE, "v", "s9"), EV_ERR_LIMIT,
            "query: more than 8 derive steps (limit)");
  ev_query_free(q);

  /* a query whose builder calls failed still runs what was accepted:
   * ratio of v to the row of the same y whose c is "A":
   * 2019: A 10 -> 10/10 = 1, B 3/10 = 0.3; 2020: A 12 -> 1, B missing;
   * 2021: no A row -> missing; 2022: A 15 -> 1, B 9/15 = 0.6;
   * missing year: A 13 -> 1 */
  q = ev_query_new();
  ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL);
  ev_query_derive_by(q, "y");
  ev_query_derive_key(q, "c");
  ev_error_reset();
  CHECK_EQ_INT(ev_query_derive_denominator_number(q, NAN), EV_ERR_ARG);
  ev_query_derive_denominator_string(q, "A");
  ev_table *out = RUN(q, P);
  CHECK_NUMS(out, "ratio_v", 1, M, 1, 0.3, 1, M, 0.6, 1);
  ev_table_free(out);

  /* the derive module directly */
  CHECK_STR(ev_derive_op_name(EV_DERIVE_SHARE), "share");
  CHECK_STR(ev_derive_op_name(EV_DERIVE_PCT_CHANGE), "pct_change");
  CHECK_STR(ev_derive_op_name(EV_DERIVE_ROLLING_MEAN), "rolling_mean");
  CHECK_STR(ev_derive_op_name((ev_derive_op)42), "?");
  BUILD_ERR(ev_derive_add_by(NULL, "c"), EV_ERR_ARG, "query: NULL derive step");
  BUILD_ERR(ev_derive_set_window(NULL, 2), EV_ERR_ARG,
            "query: NULL derive step");
  ev_derive_free(NULL);
  ev_error_reset();
}

/* ---- against a brute-force reference ----------------------------------- */

static uint32_t rng_state = 12345;
static uint32_t rnd(uint32_t n) { /* 0..n-1, deterministic */
  rng_state = rng_state * 1103515245u + 12345u;
  return (rng_state >> 8) % n;
}

/* The row of partition gi whose year is yy, or -1 (the slow way). */
static int find_row(const int *g, const int *y, int n, int gi, int yy) {
  for (int m = 0; m < n; m++)
    if (g[m] == gi && y[m] >= 0 && y[m] == yy) return m;
  return -1;
}

/* Random panels (partition g in {a, b, c, missing}, order y in 0..11 with
 * gaps and missing years, whole values in -3..9 with missing ones and zeros),
 * each (g, y) at most once. Every op is checked against the rule of derive.h
 * applied row by row, the slow way. */
static void test_against_reference(void) {
  static const char *G[] = {"\"a\"", "\"b\"", "\"c\"", "null"};
  int ok = 1;
  for (int round = 0; round < 200 && ok; round++) {
    int used[4][12] = {{0}}, n = 0;
    int g[48], y[48], v[48]; /* y -1 / v -99: missing */
    int rows = 1 + (int)rnd(30);
    for (int i = 0; i < rows; i++) {
      int gi = (int)rnd(4), yi = rnd(8) ? (int)rnd(12) : -1;
      if (yi >= 0 && used[gi][yi]) continue;
      if (yi >= 0) used[gi][yi] = 1;
      g[n] = gi, y[n] = yi, v[n] = rnd(6) ? (int)rnd(13) - 3 : -99;
      n++;
    }
    char doc[4096];
    size_t len = (size_t)snprintf(doc, sizeof doc, "[");
    for (int i = 0; i < n; i++) {
      char yv[8], vv[8];
      snprintf(yv, sizeof yv, "%d", y[i]);
      snprintf(vv, sizeof vv, "%d", v[i]);
      len += (size_t)snprintf(doc + len, sizeof doc - len,
                              "%s{\"g\":%s,\"y\":%s,\"v\":%s}", i ? "," : "",
                              G[g[i]], y[i] < 0 ? "null" : yv,
                              v[i] == -99 ? "null" : vv);
    }
    snprintf(doc + len, sizeof doc - len, "]");
    ev_table *t = load(doc);
    int step = 1 + (int)rnd(2), window = 1 + (int)rnd(3), base = (int)rnd(12);
    ev_query *q = ev_query_new();
    ev_query_derive(q, EV_DERIVE_SHARE, "v", "share");
    ev_query_derive_by(q, "g");
    ev_query_derive(q, EV_DERIVE_RATIO, "v", "ratio");
    ev_query_derive_by(q, "g");
    ev_query_derive_key(q, "y");
    ev_query_derive_denominator_number(q, base);
    const ev_derive_op ordered[] = {EV_DERIVE_INDEX, EV_DERIVE_CHANGE,
                                    EV_DERIVE_PCT_CHANGE, EV_DERIVE_CUMSUM,
                                    EV_DERIVE_ROLLING_MEAN};
    for (int k = 0; k < 5; k++) {
      ev_query_derive(q, ordered[k], "v", NULL);
      ev_query_derive_order(q, "y");
      ev_query_derive_by(q, "g");
      if (ordered[k] == EV_DERIVE_INDEX) ev_query_derive_base(q, base);
      if (ordered[k] == EV_DERIVE_CHANGE ||
          ordered[k] == EV_DERIVE_PCT_CHANGE ||
          ordered[k] == EV_DERIVE_ROLLING_MEAN)
        ev_query_derive_step(q, step);
      if (ordered[k] == EV_DERIVE_ROLLING_MEAN)
        ev_query_derive_window(q, window);
    }
    ev_table *out = RUN(q, t);
    ok &= out != NULL && out->row_count == n;
    const char *cols[] = {"share",         "ratio",        "index_v",
                          "change_v",      "pct_change_v", "cumsum_v",
                          "rolling_mean_v"};
    for (int i = 0; ok && i < n; i++) {
      double want[7];
      for (int k = 0; k < 7; k++) want[k] = NAN;
      /* share: the whole partition, any year */
      double sum = 0;
      int miss = 0;
      for (int m = 0; m < n; m++)
        if (g[m] == g[i]) sum += v[m], miss |= v[m] == -99;
      if (!miss && sum != 0 && v[i] != -99) want[0] = v[i] / sum;
      int b = find_row(g, y, n, g[i], base);
      if (b >= 0 && v[b] != -99 && v[b] != 0 && v[i] != -99)
        want[1] = v[i] / (double)v[b];
      if (y[i] >= 0 && v[i] != -99) {
        if (b >= 0 && v[b] != -99 && v[b] != 0) want[2] = 100.0 * v[i] / v[b];
        int p = find_row(g, y, n, g[i], y[i] - step);
        if (p >= 0 && v[p] != -99) {
          want[3] = v[i] - v[p];
          if (v[p] != 0) want[4] = 100.0 * (v[i] - v[p]) / fabs((double)v[p]);
        }
        double run = 0;
        int broken = 0;
        for (int m = 0; m < n; m++)
          if (g[m] == g[i] && y[m] >= 0 && y[m] <= y[i])
            run += v[m], broken |= v[m] == -99;
        if (!broken) want[5] = run;
        double wsum = 0;
        int wk = 0;
        for (; wk < window; wk++) {
          int r = find_row(g, y, n, g[i], y[i] - wk * step);
          if (r < 0 || v[r] == -99) break;
          wsum += v[r];
        }
        if (wk == window) want[6] = wsum / window;
      }
      for (int k = 0; k < 7; k++) {
        double got = col(out, cols[k])->num[i];
        if (!((isnan(got) && isnan(want[k])) || got == want[k])) {
          printf("round %d row %d %s: got %g, want %g\n", round, i + 1, cols[k],
                 got, want[k]);
          ok = 0;
        }
      }
    }
    ev_table_free(out);
    ev_table_free(t);
  }
  CHECK(ok);
}

int main(void) {
  P = load(P_JSON);
  test_change();
  test_change_zero_and_negative();
  test_index();
  test_cumsum();
  test_rolling_mean();
  test_share();
  test_ratio();
  test_after_group_and_sort();
  test_run_errors();
  test_builder_errors();
  test_against_reference();
  ev_table_free(P);
  return check_summary("test_derive");
}
