/* test_decimate.c — min/max/first/last per pixel column (wasm/decimate.c).
 *
 * The main check runs the engine and a slow, separately written reference
 * (every point's bucket found by scanning the whole series) on thousands of
 * random series with ties, gaps, missing x and random ranges, and wants the
 * same rows in the same order. Then the edge cases one by one. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "decimate.h"
#include "status.h"

/* A table "s" with number columns x and y (n rows). */
static ev_table *series(const double *x, const double *y, int32_t n) {
  ev_table *t = ev_table_new("s", n);
  ev_table_add_column(t, "x", EV_COL_NUMBER, NULL);
  ev_table_add_column(t, "y", EV_COL_NUMBER, NULL);
  for (int32_t i = 0; i < n; i++) {
    t->cols[0].num[i] = x[i];
    t->cols[1].num[i] = y[i];
  }
  return t;
}

/* ---- the reference ------------------------------------------------------ */

typedef struct {
  double x[4096], y[4096];
  int32_t row[4096];
  int32_t count;
} pts;

static int ref_col(double x, double x0, double x1, int32_t pixels) {
  if (x1 == x0) return 0;
  double p = (x - x0) / (x1 - x0) * pixels;
  int c = (int)floor(p);
  return c > pixels - 1 ? pixels - 1 : c;
}

/* Decimates the sequence sx, sy (row numbers srow) of n points. */
static void reference(const double *sx, const double *sy, const int32_t *srow,
                      int32_t n, double x0, double x1, int32_t pixels,
                      pts *out) {
  static int valid[4096], run[4096], sel[4096];
  int32_t a = n, b = n;
  for (int32_t k = n - 1; k >= 0; k--) {
    if (!isnan(sx[k]) && sx[k] >= x0) a = k;
    if (!isnan(sx[k]) && sx[k] > x1) b = k;
  }
  if (b < a) b = a;
  int id = 0;
  for (int32_t k = 0; k < n; k++) {
    valid[k] = !isnan(sx[k]) && !isnan(sy[k]);
    if (!valid[k]) id++;
    run[k] = id;
    sel[k] = 0;
  }
  for (int32_t k = a; k < b; k++) {
    if (!valid[k]) continue;
    int c = ref_col(sx[k], x0, x1, pixels);
    int32_t first = -1, last = -1, lo = -1, hi = -1;
    for (int32_t j = 0; j < n; j++) {
      if (!valid[j] || j < a || j >= b || run[j] != run[k] ||
          ref_col(sx[j], x0, x1, pixels) != c)
        continue;
      if (first < 0) first = j;
      last = j;
      if (lo < 0 || sy[j] < sy[lo]) lo = j;
      if (hi < 0 || sy[j] > sy[hi]) hi = j;
    }
    sel[first] = sel[last] = sel[lo] = sel[hi] = 1;
  }
  if (a > 0 && a < n && valid[a - 1] && valid[a]) sel[a - 1] = 1;
  if (b > 0 && b < n && valid[b] && valid[b - 1]) sel[b] = 1;
  out->count = 0;
  int32_t prev = -1;
  for (int32_t k = 0; k < n; k++) {
    if (!sel[k]) continue;
    if (prev >= 0) {
      for (int32_t j = prev + 1; j < k; j++)
        if (!valid[j]) {
          out->x[out->count] = sx[j];
          out->y[out->count] = NAN;
          out->row[out->count++] = srow[j];
          break;
        }
    }
    out->x[out->count] = sx[k];
    out->y[out->count] = sy[k];
    out->row[out->count++] = srow[k];
    prev = k;
  }
}

static int same(double a, double b) { return (isnan(a) && isnan(b)) || a == b; }

/* 1 if out (the engine's) equals ref row for row; prints the first
 * difference. */
static int equal_to(const ev_table *out, const pts *ref, const char *what) {
  if (!out) return 0;
  if (out->row_count != ref->count) {
    printf("%s: %d rows, reference %d\n", what, (int)out->row_count,
           (int)ref->count);
    return 0;
  }
  for (int32_t i = 0; i < ref->count; i++) {
    if (!same(out->cols[0].num[i], ref->x[i]) ||
        !same(out->cols[1].num[i], ref->y[i]) ||
        out->cols[2].num[i] != ref->row[i]) {
      printf("%s: row %d is (%g, %g, %g), reference (%g, %g, %d)\n", what,
             (int)i, out->cols[0].num[i], out->cols[1].num[i],
             out->cols[2].num[i], ref->x[i], ref->y[i], (int)ref->row[i]);
      return 0;
    }
  }
  return 1;
}

/* ---- random series ----------------------------------------------------- */

static uint64_t rng_state = 0x853c49e6748fea9bull;
static uint32_t rnd(void) {
  rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(rng_state >> 33);
}
static double unif(void) { return rnd() / 2147483648.0; } /* [0, 1) */

static void test_random_against_reference(void) {
  static double x[4096], y[4096], sx[4096], sy[4096];
  static int32_t rows[4096], srow[4096];
  static pts ref;
  int failures = 0, runs = 0, nonempty = 0, gaps = 0;
  for (int iter = 0; iter < 4000; iter++) {
    int32_t n = (int32_t)(rnd() % 300);
    if (iter % 50 == 0) n = (int32_t)(rnd() % 3);
    double v = (double)(rnd() % 100) - 50;
    int ints = rnd() % 2; /* small integers: many ties in y */
    double nan_x = (rnd() % 3 == 0) ? 0.05 : 0, nan_y = (rnd() % 3) * 0.1;
    for (int32_t i = 0; i < n; i++) {
      v += (rnd() % 4 == 0) ? 0 : unif() * 3; /* ties in x too */
      x[i] = unif() < nan_x ? NAN : v;
      y[i] = ints ? (double)(rnd() % 7) - 3 : unif() * 200 - 100;
      if (unif() < nan_y) y[i] = NAN;
    }
    double lo = n ? x[0] : 0, hi = n ? v : 1;
    if (isnan(lo)) lo = -50;
    double x0 = lo - 10 + unif() * (hi - lo + 20);
    double x1 = x0 + unif() * (hi - lo + 20) * (rnd() % 2 ? 1 : 0.1);
    if (rnd() % 10 == 0) x1 = x0;               /* one column */
    if (n && rnd() % 5 == 0) x0 = x[rnd() % n]; /* bounds on points */
    if (n && rnd() % 5 == 0) x1 = x[rnd() % n];
    if (isnan(x0)) x0 = lo;
    if (isnan(x1) || x1 < x0) x1 = x0 + 1;
    int32_t pixels = 1 + (int32_t)(rnd() % 40);
    if (rnd() % 20 == 0) pixels = EV_DECIMATE_MAX_PIXELS;

    ev_table *t = series(x, y, n);
    /* every row */
    for (int32_t i = 0; i < n; i++) sx[i] = x[i], sy[i] = y[i], srow[i] = i;
    reference(sx, sy, srow, n, x0, x1, pixels, &ref);
    ev_table *out = NULL;
    ev_error_reset();
    int rc = ev_decimate(t, "x", "y", x0, x1, pixels, &out);
    runs++;
    if (rc != EV_OK || !equal_to(out, &ref, "all rows")) {
      if (failures++ < 3)
        printf("  iter %d: n %d [%.17g, %.17g] %d px rc %d %s\n", iter, (int)n,
               x0, x1, (int)pixels, rc, ev_error_message());
    }
    if (ref.count) nonempty++;
    for (int32_t i = 0; i < ref.count; i++) gaps += isnan(ref.y[i]);
    ev_table_free(out);

    /* a selection of rows (ascending), as a filter gives */
    int32_t m = 0;
    for (int32_t i = 0; i < n; i++)
      if (rnd() % 3) rows[m++] = i;
    for (int32_t k = 0; k < m; k++)
      sx[k] = x[rows[k]], sy[k] = y[rows[k]], srow[k] = rows[k];
    reference(sx, sy, srow, m, x0, x1, pixels, &ref);
    out = NULL;
    ev_error_reset();
    rc = ev_decimate_rows(t, rows, m, "x", "y", x0, x1, pixels, &out);
    runs++;
    if (rc != EV_OK || !equal_to(out, &ref, "selected rows")) {
      if (failures++ < 3)
        printf("  iter %d (selection of %d): rc %d %s\n", iter, (int)m, rc,
               ev_error_message());
    }
    ev_table_free(out);
    ev_table_free(t);
  }
  CHECK_EQ_INT(failures, 0);
  CHECK_EQ_INT(runs, 8000);
  /* the random cases are not all trivial */
  CHECK(nonempty > 2000);
  CHECK(gaps > 1000);
}

/* ---- cases ------------------------------------------------------------- */

/* Runs ev_decimate on (x, y) expecting success; returns the output. */
static ev_table *dec(const double *x, const double *y, int32_t n, double x0,
                     double x1, int32_t pixels) {
  ev_table *t = series(x, y, n), *out = NULL;
  ev_error_reset();
  int rc = ev_decimate(t, "x", "y", x0, x1, pixels, &out);
  if (rc != EV_OK) printf("decimate failed: %d %s\n", rc, ev_error_message());
  ev_table_free(t);
  return out;
}

/* "x:y:row" per output row, missing as "-". */
static const char *text(const ev_table *t) {
  static char buf[4096];
  size_t n = 0;
  buf[0] = '\0';
  for (int32_t i = 0; t && i < t->row_count && n < sizeof buf - 80; i++) {
    double v[3] = {t->cols[0].num[i], t->cols[1].num[i], t->cols[2].num[i]};
    if (i) buf[n++] = ' ';
    for (int j = 0; j < 3; j++) {
      if (j) buf[n++] = ':';
      n +=
          (size_t)(isnan(v[j]) ? snprintf(buf + n, sizeof buf - n, "-")
                               : snprintf(buf + n, sizeof buf - n, "%g", v[j]));
    }
  }
  return buf;
}

static void expect_error(const double *x, const double *y, int32_t n, double x0,
                         double x1, int32_t pixels, int status, const char *msg,
                         int line) {
  ev_table *t = series(x, y, n), *out = (ev_table *)&out;
  ev_error_reset();
  int rc = ev_decimate(t, "x", "y", x0, x1, pixels, &out);
  char d[600];
  snprintf(d, sizeof d, "(%d: %.500s)", rc, ev_error_message());
  check_report_(rc == status, __FILE__, line, "decimate status", d);
  check_report_(out == NULL, __FILE__, line, "*out is NULL on failure", NULL);
  if (msg) check_str_(ev_error_message(), msg, __FILE__, line, "message");
  if (rc == EV_OK) ev_table_free(out);
  ev_table_free(t);
}
#define EXPECT_ERROR(x, y, n, x0, x1, px, st, msg) \
  expect_error((x), (y), (n), (x0), (x1), (px), (st), (msg), __LINE__)

static void test_shape_and_m4(void) {
  /* 2 columns over [0, 10): column 0 holds x 0..4, column 1 x 5..9 */
  double x[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  double y[] = {5, 9, 1, 4, 3, 2, 2, 8, 8, 7};
  ev_table *out = dec(x, y, 10, 0, 10, 2);
  CHECK(out != NULL);
  if (!out) return;
  CHECK_STR(out->name, "decimated");
  CHECK_EQ_INT(out->col_count, 3);
  CHECK_STR(out->cols[0].name, "x");
  CHECK_STR(out->cols[1].name, "y");
  CHECK_STR(out->cols[2].name, "row");
  /* column 0: first 0, max 1, min 2, last 4; column 1: first 5 (= first
   * min), max 7 (the first of the tied 8s), last 9 */
  CHECK_STR(text(out), "0:5:0 1:9:1 2:1:2 4:3:4 5:2:5 7:8:7 9:7:9");
  ev_table_free(out);
  /* min/max ties take the first row with that value; a constant run keeps
   * its first and last */
  double yc[] = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
  out = dec(x, yc, 10, 0, 10, 1);
  CHECK_STR(text(out), "0:3:0 9:3:9");
  ev_table_free(out);
  /* x == x1 is in the last column, not a column of its own */
  out = dec(x, y, 10, 0, 9, 3); /* columns [0,3) [3,6) [6,9] */
  CHECK_STR(text(out), "0:5:0 1:9:1 2:1:2 3:4:3 5:2:5 6:2:6 7:8:7 9:7:9");
  ev_table_free(out);
}

static void test_gaps(void) {
  double x[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  double y[] = {1, 2, NAN, NAN, 5, 6, NAN, 8, 9, 10};
  /* one column: three runs, two gap rows (at the first missing row of each
   * gap), never bridged */
  ev_table *out = dec(x, y, 10, 0, 9, 1);
  CHECK_STR(text(out), "0:1:0 1:2:1 2:-:2 4:5:4 5:6:5 6:-:6 7:8:7 9:10:9");
  ev_table_free(out);
  /* a missing x breaks the line like a missing y */
  double xm[] = {0, 1, NAN, 3, 4};
  double ym[] = {1, 2, 3, 4, 5};
  out = dec(xm, ym, 5, 0, 4, 1);
  CHECK_STR(text(out), "0:1:0 1:2:1 -:-:2 3:4:3 4:5:4");
  ev_table_free(out);
  /* leading and trailing gaps are dropped; consecutive gaps are one row */
  double yl[] = {NAN, NAN, 3, 4, NAN, NAN, NAN, 8, NAN, NAN};
  out = dec(x, yl, 10, 0, 9, 2);
  CHECK_STR(text(out), "2:3:2 3:4:3 4:-:4 7:8:7");
  ev_table_free(out);
  /* all missing: nothing */
  double yn[] = {NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN};
  out = dec(x, yn, 10, 0, 9, 4);
  CHECK(out != NULL);
  CHECK_EQ_INT(out ? out->row_count : -1, 0);
  ev_table_free(out);
  /* every other value missing: every point stays, with a gap between each
   * (the worst case: no smaller than the input) */
  double ya[] = {1, NAN, 3, NAN, 5, NAN, 7, NAN, 9, NAN};
  out = dec(x, ya, 10, 0, 9, 1);
  CHECK_STR(text(out), "0:1:0 1:-:1 2:3:2 3:-:3 4:5:4 5:-:5 6:7:6 7:-:7 8:9:8");
  ev_table_free(out);
}

static void test_range_and_neighbours(void) {
  double x[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  double y[] = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90};
  /* [3.5, 6.5]: 4, 5, 6 inside, 3 and 7 the neighbours */
  ev_table *out = dec(x, y, 10, 3.5, 6.5, 100);
  CHECK_STR(text(out), "3:30:3 4:40:4 5:50:5 6:60:6 7:70:7");
  ev_table_free(out);
  /* bounds on points: [3, 6] keeps 3..6 plus 2 and 7 */
  out = dec(x, y, 10, 3, 6, 100);
  CHECK_STR(text(out), "2:20:2 3:30:3 4:40:4 5:50:5 6:60:6 7:70:7");
  ev_table_free(out);
  /* a range between two points: the segment crossing the plot */
  out = dec(x, y, 10, 4.2, 4.8, 10);
  CHECK_STR(text(out), "4:40:4 5:50:5");
  ev_table_free(out);
  /* left of, right of everything: nothing to draw */
  out = dec(x, y, 10, -5, -1, 10);
  CHECK_EQ_INT(out ? out->row_count : -1, 0);
  ev_table_free(out);
  out = dec(x, y, 10, 10, 20, 10);
  CHECK_EQ_INT(out ? out->row_count : -1, 0);
  ev_table_free(out);
  /* a neighbour not joined to the line is dropped: 3's y is missing, so the
   * line does not enter from the left; 7's neighbour 6 is missing */
  double yg[] = {0, 10, 20, NAN, 40, 50, NAN, 70, 80, 90};
  out = dec(x, yg, 10, 3.5, 6.5, 100);
  CHECK_STR(text(out), "4:40:4 5:50:5");
  ev_table_free(out);
  /* x0 == x1: one column holding the points at exactly that x, and the
   * neighbours */
  double xt[] = {0, 1, 2, 2, 2, 3};
  double yt[] = {1, 2, 7, 3, 5, 4};
  out = dec(xt, yt, 6, 2, 2, 1);
  CHECK_STR(text(out), "1:2:1 2:7:2 2:3:3 2:5:4 3:4:5");
  ev_table_free(out);
  out = dec(xt, yt, 6, 2, 2, 500);
  CHECK_STR(text(out), "1:2:1 2:7:2 2:3:3 2:5:4 3:4:5");
  ev_table_free(out);
  /* x0 == x1 between points: the crossing segment */
  out = dec(xt, yt, 6, 2.5, 2.5, 1);
  CHECK_STR(text(out), "2:5:4 3:4:5");
  ev_table_free(out);
}

static void test_small_tables(void) {
  double x1[] = {5}, y1[] = {7};
  ev_table *out = dec(x1, y1, 1, 0, 10, 10);
  CHECK_STR(text(out), "5:7:0");
  ev_table_free(out);
  out = dec(x1, y1, 1, 5, 5, 1);
  CHECK_STR(text(out), "5:7:0");
  ev_table_free(out);
  out = dec(x1, y1, 1, 6, 10, 10); /* a lone point outside: nothing */
  CHECK_EQ_INT(out ? out->row_count : -1, 0);
  ev_table_free(out);
  out = dec(x1, y1, 0, 0, 10, 10); /* empty table */
  CHECK(out != NULL);
  CHECK_EQ_INT(out ? out->row_count : -1, 0);
  CHECK_EQ_INT(out ? out->col_count : -1, 3);
  ev_table_free(out);
}

static void test_bounded_output(void) {
  /* 200,000 points of a noisy wave, no gaps: at most 4 per column + 2 */
  int32_t n = 200000;
  double *x = malloc((size_t)n * sizeof *x), *y = malloc((size_t)n * sizeof *y);
  for (int32_t i = 0; i < n; i++) {
    x[i] = i * 0.5;
    y[i] = sin(i * 0.001) * 100 + (rnd() % 1000) / 100.0;
  }
  ev_table *out = dec(x, y, n, 1000, 90000, 800);
  CHECK(out && out->row_count <= 4 * 800 + 2);
  CHECK(out && out->row_count >= 2 * 800); /* first and last of each column */
  ev_table_free(out);
  free(x);
  free(y);
}

static void test_errors(void) {
  double x[] = {0, 1, 2, 3, 2.5, 4}, y[] = {1, 2, 3, 4, 5, 6};
  EXPECT_ERROR(x, y, 6, 0, 4, 10, EV_ERR_DATA,
               "decimate on table 's': x column 'x' decreases at row 5 (2.5 "
               "after 3 at row 4); sort by x first");
  /* numbers in the message as written in the data, not as %.17g */
  double xd[] = {13.103, 6.116};
  EXPECT_ERROR(xd, y, 2, 0, 20, 10, EV_ERR_DATA,
               "decimate on table 's': x column 'x' decreases at row 2 (6.116 "
               "after 13.103 at row 1); sort by x first");
  /* anywhere in the table, even outside the range */
  EXPECT_ERROR(x, y, 6, 0, 1, 10, EV_ERR_DATA, NULL);
  /* a missing x between does not hide a decrease */
  double xn[] = {0, 3, NAN, 2};
  EXPECT_ERROR(xn, y, 4, 0, 4, 10, EV_ERR_DATA,
               "decimate on table 's': x column 'x' decreases at row 4 (2 "
               "after 3 at row 2); sort by x first");
  double xi[] = {0, 1, INFINITY}, xj[] = {-INFINITY, 1, 2};
  EXPECT_ERROR(xi, y, 3, 0, 1, 10, EV_ERR_DATA,
               "decimate on table 's': x column 'x' is infinite at row 3");
  EXPECT_ERROR(xj, y, 3, 0, 1, 10, EV_ERR_DATA, NULL);
  /* infinite y where it would be drawn; ignored where it would not */
  double xs[] = {0, 1, 2, 3, 4, 5};
  double yi[] = {1, 2, -INFINITY, 4, 5, 6};
  EXPECT_ERROR(xs, yi, 6, 0, 5, 10, EV_ERR_DATA,
               "decimate on table 's': y column 'y' is infinite at row 3");
  EXPECT_ERROR(xs, yi, 6, 2.5, 5, 10, EV_ERR_DATA, NULL); /* the neighbour */
  ev_table *out = dec(xs, yi, 6, 3.5, 5, 10);
  CHECK_STR(text(out), "3:4:3 4:5:4 5:6:5");
  ev_table_free(out);

  /* pixels */
  EXPECT_ERROR(xs, y, 6, 0, 5, 0, EV_ERR_ARG,
               "decimate on table 's': 0 pixels is outside 1..16384 (limit)");
  EXPECT_ERROR(xs, y, 6, 0, 5, 16385, EV_ERR_ARG,
               "decimate on table 's': 16385 pixels is outside 1..16384 "
               "(limit)");
  EXPECT_ERROR(xs, y, 6, 0, 5, -3, EV_ERR_ARG, NULL);
  out = dec(xs, y, 6, 0, 5, 16384);
  CHECK_EQ_INT(out ? out->row_count : -1, 6);
  ev_table_free(out);
  out = dec(xs, y, 6, 0, 5, 1);
  CHECK_STR(text(out), "0:1:0 5:6:5");
  ev_table_free(out);
  /* the x range */
  EXPECT_ERROR(xs, y, 6, 5, 0, 10, EV_ERR_ARG,
               "decimate on table 's': the x range [5, 0] must be finite "
               "with from <= to");
  EXPECT_ERROR(xs, y, 6, NAN, 5, 10, EV_ERR_ARG, NULL);
  EXPECT_ERROR(xs, y, 6, 0, INFINITY, 10, EV_ERR_ARG, NULL);
  EXPECT_ERROR(xs, y, 6, -1.7e308, 1.7e308, 10, EV_ERR_ARG, NULL);
  EXPECT_ERROR(xs, y, 6, 0.1 + 0.2, 0.3, 10, EV_ERR_ARG,
               "decimate on table 's': the x range [0.30000000000000004, 0.3] "
               "must be finite with from <= to");

  /* columns */
  ev_table *t = series(xs, y, 6), *o = NULL;
  int s = ev_table_add_column(t, "name", EV_COL_STRING, NULL);
  CHECK(s >= 0);
  ev_error_reset();
  CHECK_EQ_INT(ev_decimate(t, "x", "nope", 0, 1, 10, &o), EV_ERR_COLUMN);
  CHECK_STR(ev_error_message(), "decimate on table 's': no column 'nope' (y)");
  ev_error_reset();
  CHECK_EQ_INT(ev_decimate(t, "name", "y", 0, 1, 10, &o), EV_ERR_TYPE);
  CHECK_STR(ev_error_message(),
            "decimate on table 's': x column 'name' is string, not number");
  ev_error_reset();
  CHECK_EQ_INT(ev_decimate(t, NULL, "y", 0, 1, 10, &o), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_decimate(NULL, "x", "y", 0, 1, 10, &o), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_decimate(t, "x", "y", 0, 1, 10, NULL), EV_ERR_ARG);
  CHECK(o == NULL);
  /* x and y may be the same column */
  ev_error_reset();
  CHECK_EQ_INT(ev_decimate(t, "x", "x", 0, 5, 1, &o), EV_OK);
  CHECK_STR(text(o), "0:0:0 5:5:5");
  ev_table_free(o);
  ev_table_free(t);
}

int main(void) {
  test_random_against_reference();
  test_shape_and_m4();
  test_gaps();
  test_range_and_neighbours();
  test_small_tables();
  test_bounded_output();
  test_errors();
  return check_summary("test_decimate");
}
