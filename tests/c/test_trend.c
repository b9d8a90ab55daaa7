/* test_trend.c — trend fits and projections with hand-worked answers. */
#include <stdlib.h>

#include "check.h"
#include "stats.h"
#include "status.h"
#include "trend.h"

#define CHECK_REL(a, b, rel) CHECK_NEAR((a), (b), fabs(b) * (rel) + 1e-300)

static ev_trend_spec spec(ev_trend_method m, double level, int horizon) {
  ev_trend_spec s = {m, level, horizon, 1.0, NAN, NAN};
  return s;
}

static double col(const ev_table *t, int c, int r) { return t->cols[c].num[r]; }
enum { X, Y, LO, HI, PROJ };

static void test_linear(void) {
  /* x = 1..5, y = 2 4 5 4 5. x̄ = 3, ȳ = 4, Sxx = 10,
   * Sxy = (-2)(-2) + (-1)(0) + 0(1) + 1(0) + 2(1) = 6, so b = 0.6 and
   * a = 4 - 0.6·3 = 2.2. Fitted 2.8 3.4 4.0 4.6 5.2; residuals -0.8 0.6 1.0
   * -0.6 -0.2; SSE = 2.4; df = 3; s = √0.8; SST = 6; R² = 1 - 2.4/6 = 0.6.
   * At x0 = 6: ŷ = 5.8, half-width = t(0.975, 3)·√0.8·√(1 + 1/5 + 9/10)
   * = t·√1.68. At x0 = 7: ŷ = 6.4, half = t·√0.8·√(1.2 + 16/10) = t·√2.24. */
  double x[] = {1, 2, 3, 4, 5}, y[] = {2, 4, 5, 4, 5};
  ev_trend_spec s = spec(EV_TREND_LINEAR, 0.95, 2);
  ev_table *t;
  ev_trend_diag d;
  CHECK_EQ_INT(ev_trend_fit(x, y, 5, &s, &t, &d), EV_OK);
  CHECK_EQ_INT(t->row_count, 7);
  CHECK_EQ_INT(d.n, 5);
  CHECK_EQ_INT(d.df, 3);
  CHECK_REL(d.slope, 0.6, 1e-14);
  CHECK_REL(d.intercept, 2.2, 1e-14);
  CHECK_REL(d.r2, 0.6, 1e-14);
  CHECK_REL(d.rse, sqrt(0.8), 1e-14);
  CHECK(isnan(d.growth));
  CHECK_REL(d.quantile, 3.1824463052837064, 1e-12); /* see test_stats.c */
  double fitted[] = {2.8, 3.4, 4.0, 4.6, 5.2};
  for (int i = 0; i < 5; i++) {
    CHECK_EQ_DBL(col(t, X, i), x[i]);
    CHECK_REL(col(t, Y, i), fitted[i], 1e-14);
    CHECK(isnan(col(t, LO, i)) && isnan(col(t, HI, i)));
    CHECK_EQ_DBL(col(t, PROJ, i), 0);
  }
  double tq = 3.1824463052837064;
  CHECK_EQ_DBL(col(t, X, 5), 6);
  CHECK_REL(col(t, Y, 5), 5.8, 1e-14);
  CHECK_REL(col(t, HI, 5) - col(t, Y, 5), tq * sqrt(1.68), 1e-12);
  CHECK_REL(col(t, Y, 5) - col(t, LO, 5), tq * sqrt(1.68), 1e-12);
  CHECK_EQ_DBL(col(t, PROJ, 5), 1);
  CHECK_EQ_DBL(col(t, X, 6), 7);
  CHECK_REL(col(t, Y, 6), 6.4, 1e-14);
  CHECK_REL(col(t, HI, 6) - col(t, Y, 6), tq * sqrt(2.24), 1e-12);
  ev_table_free(t);

  /* an 80% interval uses t(0.9, 3) = 1.6377443536962097 */
  s.level = 0.8;
  CHECK_EQ_INT(ev_trend_fit(x, y, 5, &s, &t, &d), EV_OK);
  CHECK_REL(col(t, HI, 5) - col(t, Y, 5), 1.6377443536962097 * sqrt(1.68),
            1e-12);
  ev_table_free(t);

  /* missing points are skipped, not filled: the same answer with a NaN
   * row and a step of 2 puts projections at 7 and 9 */
  double x2[] = {1, 2, 2.5, 3, 4, 5}, y2[] = {2, 4, NAN, 5, 4, 5};
  s = spec(EV_TREND_LINEAR, 0.95, 2);
  s.step = 2;
  CHECK_EQ_INT(ev_trend_fit(x2, y2, 6, &s, &t, &d), EV_OK);
  CHECK_EQ_INT(d.n, 5);
  CHECK_EQ_INT(t->row_count, 7);
  CHECK_EQ_DBL(col(t, X, 5), 7);
  CHECK_EQ_DBL(col(t, X, 6), 9);
  CHECK_REL(col(t, Y, 6), 2.2 + 0.6 * 9, 1e-14);
  ev_table_free(t);

  /* horizon 0: fitted values only */
  s = spec(EV_TREND_LINEAR, 0.95, 0);
  CHECK_EQ_INT(ev_trend_fit(x, y, 5, &s, &t, &d), EV_OK);
  CHECK_EQ_INT(t->row_count, 5);
  ev_table_free(t);
}

static void test_loglinear(void) {
  /* y = 100·1.1^x exactly: ln y = ln 100 + x ln 1.1, so the growth rate is
   * 10% a step, R² = 1 and the residual error is ~0. */
  double x[6], y[6];
  for (int i = 0; i < 6; i++) x[i] = 2019 + i, y[i] = 100 * pow(1.1, i);
  ev_trend_spec s = spec(EV_TREND_LOGLINEAR, 0.95, 3);
  ev_table *t;
  ev_trend_diag d;
  CHECK_EQ_INT(ev_trend_fit(x, y, 6, &s, &t, &d), EV_OK);
  CHECK_REL(d.growth, 0.1, 1e-12);
  CHECK_REL(d.slope, log(1.1), 1e-12);
  CHECK_NEAR(d.r2, 1, 1e-12);
  CHECK_NEAR(d.rse, 0, 1e-12);
  CHECK_EQ_DBL(col(t, X, 8), 2027);
  CHECK_REL(col(t, Y, 8), 100 * pow(1.1, 8), 1e-11);
  ev_table_free(t);

  /* y = e^0, e^1, e^3, e^3, e^4 at x = 0..4: on the log scale this is the
   * linear case v = 0 1 3 3 4: x̄ = 2, v̄ = 2.2, Sxx = 10,
   * Sxv = (-2)(-2.2) + (-1)(-1.2) + 0 + 1(0.8) + 2(1.8) = 10, b = 1,
   * a = 0.2; residuals -0.2 -0.2 0.8 -0.2 -0.2: SSE = 0.8, s = √(0.8/3).
   * Growth e^1 - 1. Projection at x = 5: exp(5.2), interval
   * exp(5.2 ± t(0.975,3)·s·√(1 + 1/5 + 9/10)) — asymmetric. */
  double x2[] = {0, 1, 2, 3, 4};
  double y2[] = {1, exp(1), exp(3), exp(3), exp(4)};
  s = spec(EV_TREND_LOGLINEAR, 0.95, 1);
  CHECK_EQ_INT(ev_trend_fit(x2, y2, 5, &s, &t, &d), EV_OK);
  CHECK_REL(d.slope, 1.0, 1e-13);
  CHECK_REL(d.intercept, 0.2, 1e-12);
  CHECK_REL(d.growth, exp(1) - 1, 1e-13);
  CHECK_REL(d.rse, sqrt(0.8 / 3), 1e-12);
  /* SST of v = 4.84 + 1.44 + 0.64 + 0.64 + 3.24 = 10.8; R² = 1 - 0.8/10.8 */
  CHECK_REL(d.r2, 1 - 0.8 / 10.8, 1e-13);
  double half = 3.1824463052837064 * sqrt(0.8 / 3) * sqrt(2.1);
  CHECK_REL(col(t, Y, 5), exp(5.2), 1e-12);
  CHECK_REL(col(t, LO, 5), exp(5.2 - half), 1e-11);
  CHECK_REL(col(t, HI, 5), exp(5.2 + half), 1e-11);
  CHECK(col(t, HI, 5) - col(t, Y, 5) > col(t, Y, 5) - col(t, LO, 5));
  ev_table_free(t);
}

static void test_holt(void) {
  /* y = 10 12 13 15 18 20, α = β = 0.5, seeds ℓ = 10, b = 2.
   * t1 y=12: f=12    e=0       ℓ=12        b=2
   * t2 y=13: f=14    e=-1      ℓ=13.5      b=1.75
   * t3 y=15: f=15.25 e=-0.25   ℓ=15.125    b=1.6875
   * t4 y=18: f=16.8125 e=1.1875 ℓ=17.40625 b=1.984375
   * t5 y=20: f=19.390625 e=0.609375 ℓ=19.6953125 b=2.13671875
   * SSE (t >= 2) = 1 + 0.0625 + 1.41015625 + 0.371337890625
   *             = 2.843994140625; σ² = SSE/4 = 0.71099853515625.
   * h=1: 19.6953125 + 2.13671875 = 21.83203125, var σ²
   * h=2: 23.96875, var σ²(1 + 1·(0.25 + 0.25·2 + 0.25·2·3/6)) = 2σ²
   * h=3: 26.10546875, var σ²(1 + 2(0.25 + 0.75 + 0.25·3·5/6)) = 4.25σ²
   * (the same as σ²(1 + Σ_{j=1..2} (α + βj)²) = σ²(1 + 1 + 2.25)) */
  double x[] = {2019, 2020, 2021, 2022, 2023, 2024};
  double y[] = {10, 12, 13, 15, 18, 20};
  ev_trend_spec s = spec(EV_TREND_HOLT, 0.95, 3);
  s.alpha = 0.5;
  s.beta = 0.5;
  ev_table *t;
  ev_trend_diag d;
  CHECK_EQ_INT(ev_trend_fit(x, y, 6, &s, &t, &d), EV_OK);
  double fitted[] = {10, 12, 14, 15.25, 16.8125, 19.390625};
  for (int i = 0; i < 6; i++) CHECK_EQ_DBL(col(t, Y, i), fitted[i]);
  double s2 = 2.843994140625 / 4, z = 1.9599639845400536;
  CHECK_REL(d.rse, sqrt(s2), 1e-15);
  CHECK_EQ_DBL(d.slope, 2.13671875);
  CHECK_EQ_DBL(d.alpha, 0.5);
  CHECK_EQ_DBL(d.beta, 0.5);
  CHECK(isnan(d.r2));
  CHECK_REL(d.quantile, z, 1e-13);
  CHECK_EQ_DBL(col(t, X, 6), 2025);
  CHECK_EQ_DBL(col(t, Y, 6), 21.83203125);
  CHECK_REL(col(t, HI, 6) - col(t, Y, 6), z * sqrt(s2), 1e-12);
  CHECK_EQ_DBL(col(t, Y, 7), 23.96875);
  CHECK_REL(col(t, HI, 7) - col(t, Y, 7), z * sqrt(2 * s2), 1e-12);
  CHECK_EQ_DBL(col(t, Y, 8), 26.10546875);
  CHECK_REL(col(t, Y, 8) - col(t, LO, 8), z * sqrt(4.25 * s2), 1e-12);
  ev_table_free(t);

  /* chosen α, β: least squares over the grid can do no worse than the
   * hand-picked 0.5/0.5 */
  s.alpha = s.beta = NAN;
  CHECK_EQ_INT(ev_trend_fit(x, y, 6, &s, &t, &d), EV_OK);
  CHECK(d.alpha > 0 && d.alpha < 1 && d.beta > 0 && d.beta < 1);
  CHECK(d.rse * d.rse * 4 <= 2.843994140625 + 1e-12);
  ev_table_free(t);
}

static void expect_error(const double *x, const double *y, int n,
                         ev_trend_spec s, int status, const char *message) {
  ev_table *t = (ev_table *)1;
  ev_trend_diag d;
  ev_error_reset();
  CHECK_EQ_INT(ev_trend_fit(x, y, n, &s, &t, &d), status);
  CHECK(t == NULL);
  CHECK_STR(ev_error_message(), message);
}

static void test_errors(void) {
  double x[] = {1, 2, 3, 4, 5, 6}, y[] = {1, 3, 2, 5, 4, 6};
  ev_trend_spec lin = spec(EV_TREND_LINEAR, 0.95, 2);
  expect_error(x, y, 4, lin, EV_ERR_DATA,
               "trend: 4 points with values; a linear projection needs at "
               "least 5");
  double y_missing[] = {1, NAN, NAN, 5, NAN, 6};
  expect_error(x, y_missing, 6, lin, EV_ERR_DATA,
               "trend: 3 points with values; a linear projection needs at "
               "least 5");
  double all_missing[] = {NAN, NAN, NAN, NAN, NAN, NAN};
  expect_error(x, all_missing, 6, lin, EV_ERR_DATA,
               "trend: 0 points with values; a linear projection needs at "
               "least 5");
  ev_trend_spec holt = spec(EV_TREND_HOLT, 0.95, 2);
  expect_error(x, y, 5, holt, EV_ERR_DATA,
               "trend: 5 points with values; a Holt projection needs at "
               "least 6");
  double flat[] = {7, 7, 7, 7, 7, 7};
  expect_error(x, flat, 6, lin, EV_ERR_DATA,
               "trend: the series is constant (7): there is no trend to "
               "project");
  double y_zero[] = {1, 2, 0, 4, 5, 6};
  expect_error(x, y_zero, 6, spec(EV_TREND_LOGLINEAR, 0.95, 1), EV_ERR_DATA,
               "trend: a log-linear fit needs positive values (point 3 at "
               "x = 3 is 0)");
  double x_back[] = {1, 2, 3, 3, 5, 6};
  expect_error(x_back, y, 6, lin, EV_ERR_ARG,
               "trend: x must increase (point 4: 3 after 3)");
  double x_gap[] = {2015, 2016, 2017, 2019, 2020, 2021};
  expect_error(x_gap, y, 6, holt, EV_ERR_ARG,
               "trend: Holt's method needs evenly spaced points with no gaps "
               "(step 1; 2019 follows 2017)");
  double y_inf[] = {1, 2, INFINITY, 4, 5, 6};
  expect_error(x, y_inf, 6, lin, EV_ERR_ARG, "trend: point 3 is not finite");
  ev_trend_spec bad = lin;
  bad.level = 1;
  expect_error(x, y, 6, bad, EV_ERR_ARG,
               "trend: interval level must be between 0 and 1 (e.g. 0.8 or "
               "0.95), got 1");
  bad = lin;
  bad.horizon = EV_TREND_MAX_HORIZON + 1;
  expect_error(x, y, 6, bad, EV_ERR_ARG, "trend: horizon 101 is outside 0..100");
  bad = lin;
  bad.step = 0;
  expect_error(x, y, 6, bad, EV_ERR_ARG, "trend: step must be a positive number");
  bad = holt;
  bad.alpha = 1.5;
  expect_error(x, y, 6, bad, EV_ERR_ARG, "trend: Holt's alpha must be in (0, 1)");
  bad = lin;
  bad.method = 9;
  expect_error(x, y, 6, bad, EV_ERR_ARG, "trend: unknown method 9");
  expect_error(NULL, NULL, 3, lin, EV_ERR_ARG, "trend: bad input arrays");
}

int main(void) {
  test_linear();
  test_loglinear();
  test_holt();
  test_errors();
  return check_summary("test_trend");
}
