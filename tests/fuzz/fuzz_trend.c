/* fuzz_trend.c — arbitrary x/y arrays and specs -> ev_trend_fit
 * (wasm/trend.c, wasm/stats.c).
 *
 * The bytes: a spec (method, including codes that are not methods; level;
 * horizon from -16 to 239; step; Holt's alpha and beta, often NaN = "choose
 * them"), a point count, then the points: either years with values (so
 * that fits succeed and project) or arbitrary doubles, with missing values
 * and perturbations. x and y are exact-size heap arrays (NULL for no
 * points), so AddressSanitizer sees any read past them.
 *
 * Checks: success leaves the slot clear and gives a table "trend" of
 * n + horizon rows with x, y, lo, hi, projected, where n (points used) is
 * at most the count and at least the minimum; fitted rows have no
 * interval and projected rows have lo <= y <= hi whenever all three are
 * numbers; failures are ARG or DATA with a message and no table.
 */
#include "fuzz_util.h"
#include "trend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_reader r = {data, size};
  ev_trend_spec spec;
  spec.method = (ev_trend_method)(fz_u8(&r) % 5); /* 0 and 4: not methods */
  uint8_t k = fz_u8(&r);
  spec.level = k < 128 ? 0.8 : k < 192 ? 0.95 : fz_double(&r);
  spec.horizon = (int32_t)fz_u8(&r) - 16;
  k = fz_u8(&r);
  spec.step = k < 160 ? 1 : fz_double(&r);
  k = fz_u8(&r);
  spec.alpha = k < 128 ? NAN : fz_double(&r);
  k = fz_u8(&r);
  spec.beta = k < 128 ? NAN : fz_double(&r);

  int32_t count = fz_u8(&r) % 48;
  int years = fz_u8(&r) < 192;
  double *x = count ? malloc((size_t)count * sizeof *x) : NULL;
  double *y = count ? malloc((size_t)count * sizeof *y) : NULL;
  double base = years ? 1990 + fz_u8(&r) % 40 : 0;
  for (int32_t i = 0; i < count; i++) {
    if (years) {
      uint8_t m = fz_u8(&r);
      x[i] = base + i * spec.step;
      y[i] = m < 16    ? NAN
             : m < 200 ? (double)(m - 60) * 1.5 + i
                       : fz_double(&r);
      if (m == 255) x[i] = fz_double(&r); /* a gap or a step back */
    } else {
      x[i] = fz_double(&r);
      y[i] = fz_double(&r);
    }
  }

  ev_table *t = (ev_table *)&t;
  ev_trend_diag d;
  ev_error_reset();
  int rc = ev_trend_fit(x, y, count, &spec, &t, &d);
  fz_check_failure(rc, "ev_trend_fit");
  FZ_TRACE("trend: %s %s\n", ev_status_name(rc), ev_error_message());
  if (rc != EV_OK) {
    if (rc != EV_ERR_ARG && rc != EV_ERR_DATA)
      FUZZ_FAIL("undocumented status %s", ev_status_name(rc));
    if (t != NULL) FUZZ_FAIL("*out not NULL after a failure");
  } else {
    fz_check_success("ev_trend_fit");
    int32_t need = spec.method == EV_TREND_HOLT ? EV_TREND_MIN_POINTS_HOLT
                                                : EV_TREND_MIN_POINTS;
    if (d.n < need || d.n > count || d.df != d.n - 2)
      FUZZ_FAIL("n %d, df %d of %d points", (int)d.n, (int)d.df, (int)count);
    if (!t || strcmp(t->name, "trend") || t->col_count != 5 ||
        t->row_count != d.n + spec.horizon)
      FUZZ_FAIL("malformed result");
    static const char *const cols[] = {"x", "y", "lo", "hi", "projected"};
    for (int c = 0; c < 5; c++)
      if (strcmp(t->cols[c].name, cols[c]) || !t->cols[c].num)
        FUZZ_FAIL("column %d is not '%s'", c, cols[c]);
    const double *cx = t->cols[0].num, *cy = t->cols[1].num,
                 *lo = t->cols[2].num, *hi = t->cols[3].num,
                 *pr = t->cols[4].num;
    for (int32_t i = 0; i < t->row_count; i++) {
      int projected = i >= d.n;
      if (pr[i] != projected) FUZZ_FAIL("row %d: projected %g", (int)i, pr[i]);
      if (!projected && (!isnan(lo[i]) || !isnan(hi[i])))
        FUZZ_FAIL("fitted row %d has an interval", (int)i);
      if (!projected && isnan(cx[i])) FUZZ_FAIL("fitted row %d: no x", (int)i);
      if (projected && !isnan(lo[i]) && !isnan(cy[i]) && !isnan(hi[i]) &&
          !(lo[i] <= cy[i] && cy[i] <= hi[i]))
        FUZZ_FAIL("row %d: %g <= %g <= %g does not hold", (int)i, lo[i], cy[i],
                  hi[i]);
    }
    ev_table_free(t);
  }
  free(x);
  free(y);
  return 0;
}
