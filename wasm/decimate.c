/* decimate.c — min/max/first/last per pixel column (see decimate.h). */
#include "decimate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"

/* The output, grown as points are added. */
typedef struct {
  double *x, *y, *row;
  int32_t count, cap;
} points_t;

static int points_add(points_t *p, double x, double y, int32_t row) {
  if (p->count == p->cap) {
    int32_t cap = p->cap ? p->cap * 2 : 256;
    double *nx = realloc(p->x, (size_t)cap * sizeof *nx);
    if (nx) p->x = nx;
    double *ny = nx ? realloc(p->y, (size_t)cap * sizeof *ny) : NULL;
    if (ny) p->y = ny;
    double *nr = ny ? realloc(p->row, (size_t)cap * sizeof *nr) : NULL;
    if (!nr) return ev_error_set(EV_ERR_NOMEM, "out of memory decimating");
    p->row = nr;
    p->cap = cap;
  }
  p->x[p->count] = x;
  p->y[p->count] = y;
  p->row[p->count] = row;
  p->count++;
  return EV_OK;
}

/* One run of points inside one pixel column: positions (indices into the
 * row sequence) of its first, lowest, highest and last point. */
typedef struct {
  int32_t col;
  int32_t first, lo, hi, last;
  double lo_y, hi_y;
} bucket_t;

typedef struct {
  const int32_t *rows; /* NULL: position k is row k */
  const double *x, *y;
  points_t out;
  const char *table, *y_col; /* for messages */
} ctx_t;

static inline int32_t row_at(const ctx_t *c, int32_t k) {
  return c->rows ? c->rows[k] : k;
}

static int emit(ctx_t *c, int32_t k) {
  int32_t r = row_at(c, k);
  return points_add(&c->out, c->x[r], c->y[r], r);
}

/* Emits the bucket's distinct points in position (= x) order. */
static int flush(ctx_t *c, const bucket_t *b) {
  int32_t k[4] = {b->first, b->lo, b->hi, b->last};
  for (int i = 1; i < 4; i++) /* insertion sort of four */
    for (int j = i; j > 0 && k[j - 1] > k[j]; j--) {
      int32_t t = k[j];
      k[j] = k[j - 1];
      k[j - 1] = t;
    }
  for (int i = 0; i < 4; i++) {
    if (i && k[i] == k[i - 1]) continue;
    int rc = emit(c, k[i]);
    if (rc) return rc;
  }
  return EV_OK;
}

/* The pixel column of x (x0 <= x <= x1): floor((x - x0) / (x1 - x0) *
 * pixels), x1 in the last column. The product with the reciprocal is
 * within a few ulps of that; only when it lies that close to a column
 * boundary is the exact formula evaluated, so the result is always the
 * documented one. */
static inline int32_t column_of(double x, double x0, double span, double inv,
                                double eps, int32_t pixels) {
  double d = x - x0, p = d * inv;
  int32_t c = (int32_t)p; /* p >= 0 */
  if ((int32_t)(p - eps) != c || (int32_t)(p + eps) != c)
    c = (int32_t)(d / span * pixels);
  return c >= pixels ? pixels - 1 : c;
}

/* Decimates positions [a, b) (all with x in [x0, x1] or missing) into c's
 * output. Inlined twice, with and without a row selection, so that the
 * loop has no per-row test for it. */
static inline __attribute__((always_inline)) int scan(ctx_t *c,
                                                      const int32_t *rows,
                                                      int32_t a, int32_t b,
                                                      double x0, double x1,
                                                      int32_t pixels) {
  const double span = x1 - x0;
  const double inv = span > 0 ? pixels / span : 0;
  const double eps = pixels * 1e-15; /* >> the few ulps of p's error */
  const double *xs = c->x, *ys = c->y;
  bucket_t bk = {0};
  int open = 0, rc;
  int32_t gap = -1; /* first position of a pending gap */
  for (int32_t k = a; k < b; k++) {
    int32_t r = rows ? rows[k] : k;
    double xv = xs[r], yv = ys[r];
    if (!(fabs(yv) < INFINITY) || isnan(xv)) { /* missing, or y infinite */
      if (isinf(yv) && !isnan(xv))
        return ev_error_set(EV_ERR_DATA,
                            "decimate on table '%s': y column '%s' is "
                            "infinite at row %d",
                            c->table, c->y_col, (int)r + 1);
      if (open && (rc = flush(c, &bk))) return rc;
      open = 0;
      if (gap < 0) gap = k;
      continue;
    }
    int32_t col = column_of(xv, x0, span, inv, eps, pixels);
    if (open && col == bk.col) { /* the common case */
      bk.last = k;
      if (yv < bk.lo_y) bk.lo = k, bk.lo_y = yv;
      if (yv > bk.hi_y) bk.hi = k, bk.hi_y = yv;
      continue;
    }
    if (open && (rc = flush(c, &bk))) return rc;
    if (gap >= 0 && c->out.count > 0) {
      int32_t gr = rows ? rows[gap] : gap;
      if ((rc = points_add(&c->out, xs[gr], NAN, gr))) return rc;
    }
    gap = -1;
    open = 1;
    bk.col = col;
    bk.first = bk.lo = bk.hi = bk.last = k;
    bk.lo_y = bk.hi_y = yv;
  }
  if (open && (rc = flush(c, &bk))) return rc;
  return EV_OK;
}

static int number_column(const ev_table *t, const char *name, const char *what,
                         const double **out) {
  if (!name || !*name)
    return ev_error_set(EV_ERR_ARG, "decimate on table '%s': no %s column",
                        t->name, what);
  int32_t i = ev_table_find(t, name);
  if (i < 0)
    return ev_error_set(EV_ERR_COLUMN,
                        "decimate on table '%s': no column '%s' (%s)", t->name,
                        name, what);
  if (t->cols[i].type != EV_COL_NUMBER)
    return ev_error_set(EV_ERR_TYPE,
                        "decimate on table '%s': %s column '%s' is %s, not "
                        "number",
                        t->name, what, name, ev_col_type_name(t->cols[i].type));
  *out = t->cols[i].num;
  return EV_OK;
}

int ev_decimate_rows(const ev_table *t, const int32_t *rows, int32_t count,
                     const char *x_col, const char *y_col, double x0, double x1,
                     int32_t pixels, ev_table **out) {
  if (!out) return ev_error_set(EV_ERR_ARG, "decimate: no output");
  *out = NULL;
  if (!t) return ev_error_set(EV_ERR_ARG, "decimate: NULL table");
  ctx_t c = {rows, NULL, NULL, {0}, t->name, y_col};
  int rc = number_column(t, x_col, "x", &c.x);
  if (!rc) rc = number_column(t, y_col, "y", &c.y);
  if (rc) return rc;
  if (pixels < 1 || pixels > EV_DECIMATE_MAX_PIXELS)
    return ev_error_set(EV_ERR_ARG,
                        "decimate on table '%s': %d pixels is outside 1..%d "
                        "(limit)",
                        t->name, (int)pixels, EV_DECIMATE_MAX_PIXELS);
  double span = x1 - x0;
  char f0[EV_FMT_DOUBLE_BYTES], f1[EV_FMT_DOUBLE_BYTES];
  if (!isfinite(x0) || !isfinite(x1) || !(x0 <= x1) || !isfinite(span))
    return ev_error_set(EV_ERR_ARG,
                        "decimate on table '%s': the x range [%s, %s] "
                        "must be finite with from <= to",
                        t->name, ev_fmt_double(f0, x0), ev_fmt_double(f1, x1));
  int32_t n = rows ? count : t->row_count;
  if (n < 0) return ev_error_set(EV_ERR_ARG, "decimate: negative row count");

  /* One pass over x: finite, non-decreasing; a = first position with
   * x >= x0, b = first position with x > x1 (n if none). */
  int32_t a = n, b = n, prev_k = -1;
  double prev = -INFINITY;
  for (int32_t k = 0; k < n; k++) {
    double xv = c.x[row_at(&c, k)];
    if (isnan(xv)) continue;
    if (isinf(xv))
      return ev_error_set(EV_ERR_DATA,
                          "decimate on table '%s': x column '%s' is infinite "
                          "at row %d",
                          t->name, x_col, (int)row_at(&c, k) + 1);
    if (xv < prev)
      return ev_error_set(EV_ERR_DATA,
                          "decimate on table '%s': x column '%s' decreases at "
                          "row %d (%s after %s at row %d); sort by x "
                          "first",
                          t->name, x_col, (int)row_at(&c, k) + 1,
                          ev_fmt_double(f0, xv), ev_fmt_double(f1, prev),
                          (int)row_at(&c, prev_k) + 1);
    prev = xv;
    prev_k = k;
    if (a == n && xv >= x0) a = k;
    if (b == n && xv > x1) b = k;
  }
  if (b < a) b = a; /* only when a == n: nothing at or after x0 */

#define VALID(k) (!isnan(c.x[row_at(&c, k)]) && !isnan(c.y[row_at(&c, k)]))
#define CHECK_Y(k)                                                  \
  do {                                                              \
    if (isinf(c.y[row_at(&c, k)])) {                                \
      rc = ev_error_set(EV_ERR_DATA,                                \
                        "decimate on table '%s': y column '%s' is " \
                        "infinite at row %d",                       \
                        t->name, y_col, (int)row_at(&c, k) + 1);    \
      goto fail;                                                    \
    }                                                               \
  } while (0)

  /* the neighbour on the left, if the line runs from it into the plot */
  if (a > 0 && a < n && VALID(a - 1) && VALID(a)) {
    CHECK_Y(a - 1);
    if ((rc = emit(&c, a - 1))) goto fail;
  }
  rc = rows ? scan(&c, rows, a, b, x0, x1, pixels)
            : scan(&c, NULL, a, b, x0, x1, pixels);
  if (rc) goto fail;
  /* the neighbour on the right, if the line runs from the plot to it */
  if (b < n && b > 0 && VALID(b) && VALID(b - 1)) {
    CHECK_Y(b);
    if ((rc = emit(&c, b))) goto fail;
  }
#undef VALID
#undef CHECK_Y

  ev_table *res = ev_table_new("decimated", c.out.count);
  if (!res) {
    rc = ev_error_status();
    goto fail;
  }
  if (ev_table_add_column(res, "x", EV_COL_NUMBER, NULL) < 0 ||
      ev_table_add_column(res, "y", EV_COL_NUMBER, NULL) < 0 ||
      ev_table_add_column(res, "row", EV_COL_NUMBER, NULL) < 0) {
    rc = ev_error_status();
    ev_table_free(res);
    goto fail;
  }
  size_t bytes = (size_t)c.out.count * sizeof(double);
  if (bytes) {
    memcpy(res->cols[0].num, c.out.x, bytes);
    memcpy(res->cols[1].num, c.out.y, bytes);
    memcpy(res->cols[2].num, c.out.row, bytes);
  }
  free(c.out.x), free(c.out.y), free(c.out.row);
  *out = res;
  return EV_OK;
fail:
  free(c.out.x), free(c.out.y), free(c.out.row);
  return rc;
}

int ev_decimate(const ev_table *t, const char *x_col, const char *y_col,
                double x0, double x1, int32_t pixels, ev_table **out) {
  return ev_decimate_rows(t, NULL, 0, x_col, y_col, x0, x1, pixels, out);
}
