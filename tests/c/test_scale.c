/* test_scale.c — nice ticks and nice bounds, linear and log (wasm/scale.c). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "scale.h"
#include "status.h"

/* Checks that ticks(lo, hi, count) is exactly want[0..n). */
#define CHECK_TICKS(lo, hi, count, ...)                                  \
  do {                                                                   \
    const double want_[] = {__VA_ARGS__};                                \
    int n_ = (int)(sizeof want_ / sizeof want_[0]);                      \
    double got_[64];                                                     \
    ev_error_reset();                                                    \
    int rc_ = ev_scale_ticks(lo, hi, count, got_, 64);                   \
    if (CHECK_EQ_INT(rc_, n_))                                           \
      for (int i_ = 0; i_ < n_; i_++) CHECK_EQ_DBL(got_[i_], want_[i_]); \
  } while (0)

static void test_ticks(void) {
  /* (92-0)/5 = 18.4 = 1.84e1; 1.84 is between sqrt(2) and sqrt(10): step 2e1 */
  CHECK_TICKS(0, 92, 5, 0, 20, 40, 60, 80);
  /* 1/5 = 0.2 = 2e-1: step 0.2, computed as k/5 so each value is the double
   * nearest the decimal (0.6, not 0.6000000000000001 = 3*0.2) */
  CHECK_TICKS(0, 1, 5, 0, 0.2, 0.4, 0.6, 0.8, 1);
  /* 1/10 = 1e-1: step 0.1, k/10 (0.3, not 0.30000000000000004) */
  CHECK_TICKS(0, 1, 10, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1);
  /* 0.2/3 = 0.0667 = 6.67e-2, between sqrt(10) and sqrt(50): step 0.05,
   * k/20 for k = 2..6 (0.15, not 3*0.05 = 0.15000000000000002) */
  CHECK_TICKS(0.1, 0.3, 3, 0.1, 0.15, 0.2, 0.25, 0.3);
  /* (0.3-0.1)/2 = 0.09999999999999999 = 9.99e-2 >= sqrt(50): step 0.1;
   * k/10 for k = 1..floor(0.3*10 = 3.0000000000000004) = 3 */
  CHECK_TICKS(0.1, 0.3, 2, 0.1, 0.2, 0.3);
  /* negative ranges: 92/5 -> step 20; ceil(-92/20) = -4 .. 0 */
  CHECK_TICKS(-92, 0, 5, -80, -60, -40, -20, 0);
  /* 9/5 = 1.8 -> step 2; -10/2 = -5 .. floor(-1/2) = -1 */
  CHECK_TICKS(-10, -1, 5, -10, -8, -6, -4, -2);
  /* 2/5 = 0.4 = 4e-1, 4 >= sqrt(10): step 0.5, k/2 for k = -2..2 */
  CHECK_TICKS(-1, 1, 5, -1, -0.5, 0, 0.5, 1);
  /* lo > hi is swapped */
  CHECK_TICKS(92, 0, 5, 0, 20, 40, 60, 80);
  /* lo == hi gives that one value */
  CHECK_TICKS(3.5, 3.5, 5, 3.5);
  CHECK_TICKS(0, 0, 10, 0);
  /* 1e6/4 = 2.5e5, 2.5 < sqrt(10): step 2e5 */
  CHECK_TICKS(0, 1e6, 4, 0, 2e5, 4e5, 6e5, 8e5, 1e6);
  /* count 1: 92 = 9.2e1 >= sqrt(50): step 1e2, only 0 is within */
  CHECK_TICKS(0, 92, 1, 0);
  /* 0.001..0.0042, count 4: 0.0008 = 8e-4 -> step 1e-3, k/1000 */
  CHECK_TICKS(0.001, 0.0042, 4, 0.001, 0.002, 0.003, 0.004);
  /* a tick at zero is +0, never -0 (it is printed) */
  double out[8];
  CHECK_EQ_INT(ev_scale_ticks(-0.5, 0.5, 2, out, 8), 3); /* step 0.5 */
  CHECK(out[1] == 0 && !signbit(out[1]));
  CHECK_EQ_INT(ev_scale_ticks(-92, 0, 5, out, 8), 5);
  CHECK(!signbit(out[4]));

  /* cap smaller than the count: returns the full count, writes cap values */
  double small[4] = {-1, -1, -1, -1};
  CHECK_EQ_INT(ev_scale_ticks(0, 92, 5, small, 2), 5);
  CHECK_EQ_DBL(small[0], 0);
  CHECK_EQ_DBL(small[1], 20);
  CHECK_EQ_DBL(small[2], -1); /* untouched */
  /* cap 0 (and NULL out) only counts */
  CHECK_EQ_INT(ev_scale_ticks(0, 1, 5, NULL, 0), 6);
  CHECK_EQ_INT(ev_scale_ticks(7, 7, 5, NULL, 0), 1);

  /* every tick lies within [lo, hi], ascending, for awkward ranges */
  const double ranges[][2] = {
      {0.123, 0.987}, {-3.7, 12.1}, {1e-7, 3e-7}, {2015, 2024}, {-1e9, -2.5e8}};
  for (int r = 0; r < 5; r++) {
    double v[64];
    int n = ev_scale_ticks(ranges[r][0], ranges[r][1], 5, v, 64);
    CHECK(n >= 2 && n <= 64);
    int ok = 1;
    for (int i = 0; i < n && i < 64; i++) {
      ok &= v[i] >= ranges[r][0] && v[i] <= ranges[r][1];
      if (i) ok &= v[i] > v[i - 1];
    }
    CHECK(ok);
  }
}

static void test_ticks_extreme(void) {
  /* hi - lo overflows to infinity here; the ticks must still be finite
   * numbers within [lo, hi] (step 1e308: -1e308, 0, 1e308) */
  double v[16];
  ev_error_reset();
  int n = ev_scale_ticks(-DBL_MAX, DBL_MAX, 5, v, 16);
  CHECK(n >= 1 && n <= 16);
  int ok = n >= 1;
  for (int i = 0; i < n && i < 16; i++)
    ok &= isfinite(v[i]) && v[i] >= -DBL_MAX && v[i] <= DBL_MAX;
  CHECK(ok);
  CHECK_EQ_INT(ev_error_status(), EV_OK);

  /* nice cannot widen past the largest double: the bounds stay finite
   * (they used to come back as NaN, with EV_OK) */
  double lo = -DBL_MAX, hi = DBL_MAX;
  CHECK_EQ_INT(ev_scale_nice(&lo, &hi, 5), EV_OK);
  CHECK_EQ_DBL(lo, -DBL_MAX);
  CHECK_EQ_DBL(hi, DBL_MAX);
  /* [0, 1.7e308]: step 5e307 (1.7e308/5 = 3.4e307, 3.4 >= sqrt(10)), and
   * ceil(3.4)*5e307 = 2e308 overflows: hi stays, lo is already a multiple */
  lo = 0, hi = 1.7e308;
  CHECK_EQ_INT(ev_scale_nice(&lo, &hi, 5), EV_OK);
  CHECK_EQ_DBL(lo, 0);
  CHECK_EQ_DBL(hi, 1.7e308);
}

static void test_ticks_errors(void) {
  double out[4];
  const double bad[] = {NAN, INFINITY, -INFINITY};
  for (int i = 0; i < 3; i++) {
    ev_error_reset();
    CHECK_EQ_INT(ev_scale_ticks(bad[i], 1, 5, out, 4), EV_ERR_ARG);
    CHECK_STR(ev_error_message(), "ticks: bounds must be finite numbers");
    ev_error_reset();
    CHECK_EQ_INT(ev_scale_ticks(0, bad[i], 5, out, 4), EV_ERR_ARG);
  }
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_ticks(0, 1, 0, out, 4), EV_ERR_ARG);
  CHECK_STR(ev_error_message(), "ticks: count must be 1 to 1000, got 0");
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_ticks(0, 1, -3, out, 4), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_ticks(0, 1, 1001, out, 4), EV_ERR_ARG);
  CHECK_STR(ev_error_message(), "ticks: count must be 1 to 1000, got 1001");
  ev_error_reset();
  /* 1000 is allowed: 1/1000 -> step 1e-3 -> 1001 ticks */
  CHECK_EQ_INT(ev_scale_ticks(0, 1, 1000, NULL, 0), 1001);
  CHECK_EQ_INT(ev_error_status(), EV_OK);
}

#define CHECK_NICE(lo_in, hi_in, count, lo_want, hi_want)  \
  do {                                                     \
    double lo_ = (lo_in), hi_ = (hi_in);                   \
    ev_error_reset();                                      \
    CHECK_EQ_INT(ev_scale_nice(&lo_, &hi_, count), EV_OK); \
    CHECK_EQ_DBL(lo_, lo_want);                            \
    CHECK_EQ_DBL(hi_, hi_want);                            \
  } while (0)

static void test_nice(void) {
  /* step 20 -> [0, ceil(4.6)*20 = 100]; again step 20 -> stable */
  CHECK_NICE(0, 92, 5, 0, 100);
  /* step 0.2 (0.84/5 = 0.168 -> 2e-1): [0, 1] */
  CHECK_NICE(0.13, 0.97, 5, 0, 1);
  /* step 20: [floor(-0.35)*20, ceil(4.65)*20] = [-20, 100]; 120/5 = 24 ->
   * step 20 again -> stable */
  CHECK_NICE(-7, 93, 5, -20, 100);
  /* repeats until stable: 13.5/5 = 2.7 -> step 2 -> [0, 16];
   * 16/5 = 3.2 -> step 5 -> [0, 20]; 20/5 = 4 -> step 5 -> stable */
  CHECK_NICE(1, 14.5, 5, 0, 20);
  /* lo > hi: the result is written ascending */
  CHECK_NICE(92, 0, 5, 0, 100);
  /* lo == hi: unchanged */
  CHECK_NICE(3.5, 3.5, 5, 3.5, 3.5);
  /* already nice: unchanged */
  CHECK_NICE(0, 100, 5, 0, 100);
  /* negative: 92/5 -> step 20 -> [-100, 0] */
  CHECK_NICE(-92, 0, 5, -100, 0);

  double lo = NAN, hi = 1;
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_nice(&lo, &hi, 5), EV_ERR_ARG);
  CHECK(isnan(lo) && hi == 1); /* untouched on failure */
  lo = 0, hi = INFINITY;
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_nice(&lo, &hi, 5), EV_ERR_ARG);
  lo = 0, hi = 1;
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_nice(&lo, &hi, 0), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_nice(NULL, &hi, 5), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_nice(&lo, NULL, 5), EV_ERR_ARG);
  CHECK(lo == 0 && hi == 1);
  ev_error_reset();
}

/* Checks that log_ticks(lo, hi, count) is exactly want[0..n). */
#define CHECK_LOG_TICKS(lo, hi, count, ...)                              \
  do {                                                                   \
    const double want_[] = {__VA_ARGS__};                                \
    int n_ = (int)(sizeof want_ / sizeof want_[0]);                      \
    double got_[64];                                                     \
    ev_error_reset();                                                    \
    int rc_ = ev_scale_log_ticks(lo, hi, count, got_, 64);               \
    if (CHECK_EQ_INT(rc_, n_))                                           \
      for (int i_ = 0; i_ < n_; i_++) CHECK_EQ_DBL(got_[i_], want_[i_]); \
  } while (0)

static void test_log_ticks(void) {
  /* 7 powers of ten; 2 * 7 >= 5, so the powers alone */
  CHECK_LOG_TICKS(1, 1e6, 5, 1, 10, 100, 1000, 1e4, 1e5, 1e6);
  CHECK_LOG_TICKS(1e6, 1, 5, 1, 10, 100, 1000, 1e4, 1e5, 1e6); /* swapped */
  /* [75000, 16000000]: the powers 1e5, 1e6, 1e7 (75000 < 1e5, 1e7 <= 1.6e7);
   * for 5 ticks 2 * 3 >= 5: those three */
  CHECK_LOG_TICKS(75000, 16000000, 5, 1e5, 1e6, 1e7);
  /* for 10 ticks 2 * 3 < 10: add 2x and 5x (5e4 < 75000, 2e7 > 1.6e7) */
  CHECK_LOG_TICKS(75000, 16000000, 10, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7);
  /* [0.5, 3]: only the power 1 (2 * 1 < 5); 1-2-5 gives 0.5, 1, 2 */
  CHECK_LOG_TICKS(0.5, 3, 5, 0.5, 1, 2);
  /* below 1 the values are m / 10^j, one correctly rounded division of
   * exact numbers, so each is the double nearest the decimal, equal to the
   * literal: 0.02 is 2/100, 0.05 is 5/100 */
  CHECK_LOG_TICKS(0.01, 0.5, 10, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5);
  CHECK_LOG_TICKS(1e-5, 0.1, 3, 1e-5, 1e-4, 0.001, 0.01, 0.1);
  /* too narrow for 1-2-5 to give 2 ticks: the linear ticks.
   * [3, 4.5], 5: 1.5/5 = 0.3 -> step 0.2 -> 3, 3.2, ..., 4.4 (k/5) */
  CHECK_LOG_TICKS(3, 4.5, 5, 3, 3.2, 3.4, 3.6, 3.8, 4, 4.2, 4.4);
  /* [1.5, 4], 5: 1-2-5 gives only 2; 2.5/5 = 0.5 -> step 0.5 */
  CHECK_LOG_TICKS(1.5, 4, 5, 1.5, 2, 2.5, 3, 3.5, 4);
  /* one value; a power of ten with count 1 */
  CHECK_LOG_TICKS(7, 7, 5, 7);
  CHECK_LOG_TICKS(100, 100, 1, 100);

  /* powers up to 1e22 are exact: each equals the literal (as strtod reads
   * "1e<k>") */
  double v[64];
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_log_ticks(1, 1e22, 5, v, 64), 23);
  int exact = 1;
  for (int k = 0; k <= 22; k++) {
    char lit[16];
    snprintf(lit, sizeof lit, "1e%d", k);
    exact &= v[k] == strtod(lit, NULL);
  }
  CHECK(exact);
  /* and below 1: 1e-22 .. 1e-1, as the literals too */
  CHECK_EQ_INT(ev_scale_log_ticks(1e-22, 0.5, 5, v, 64), 22);
  exact = 1;
  for (int k = -22; k <= -1; k++) {
    char lit[16];
    snprintf(lit, sizeof lit, "1e%d", k);
    exact &= v[k + 22] == strtod(lit, NULL);
  }
  CHECK(exact);
  /* the whole range of doubles: finite, ascending, within the bounds */
  int n = ev_scale_log_ticks(DBL_MIN, DBL_MAX, 5, NULL, 0);
  CHECK_EQ_INT(n, 308 + 307 + 1); /* 1e-307 .. 1e308 */
  /* cap smaller than the count: the full count, cap values written */
  double small[3] = {-1, -1, -1};
  CHECK_EQ_INT(ev_scale_log_ticks(1, 1e6, 5, small, 2), 7);
  CHECK_EQ_DBL(small[0], 1);
  CHECK_EQ_DBL(small[1], 10);
  CHECK_EQ_DBL(small[2], -1);
  CHECK_EQ_INT(ev_error_status(), EV_OK);

  /* errors */
  const double bad[][2] = {
      {0, 100}, {-1, 100}, {1, -5}, {NAN, 10}, {1, INFINITY}};
  for (int i = 0; i < 5; i++) {
    ev_error_reset();
    CHECK_EQ_INT(ev_scale_log_ticks(bad[i][0], bad[i][1], 5, v, 64),
                 EV_ERR_ARG);
  }
  ev_error_reset();
  ev_scale_log_ticks(0, 100, 5, v, 64);
  CHECK_STR(ev_error_message(),
            "log ticks: bounds must be finite numbers above 0, got 0 and 100");
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_log_ticks(1, 10, 0, v, 64), EV_ERR_ARG);
  CHECK_STR(ev_error_message(), "ticks: count must be 1 to 1000, got 0");
  ev_error_reset();
}

#define CHECK_LOG_NICE(lo_in, hi_in, lo_want, hi_want)  \
  do {                                                  \
    double lo_ = (lo_in), hi_ = (hi_in);                \
    ev_error_reset();                                   \
    CHECK_EQ_INT(ev_scale_log_nice(&lo_, &hi_), EV_OK); \
    CHECK_EQ_DBL(lo_, lo_want);                         \
    CHECK_EQ_DBL(hi_, hi_want);                         \
  } while (0)

static void test_log_nice(void) {
  CHECK_LOG_NICE(75000, 16000000, 1e4, 1e8);
  CHECK_LOG_NICE(1, 1000, 1, 1000); /* already powers */
  CHECK_LOG_NICE(1000, 1, 1, 1000); /* written ascending */
  CHECK_LOG_NICE(0.03, 0.7, 0.01, 1);
  CHECK_LOG_NICE(0.001, 0.001, 0.001, 0.001);
  CHECK_LOG_NICE(999, 1001, 100, 10000);
  /* no power of ten above 1.5e308 is a double: hi stays; none at or
   * below the smallest subnormal but 0: lo stays */
  CHECK_LOG_NICE(3, 1.5e308, 1, 1.5e308);
  CHECK_LOG_NICE(4.9406564584124654e-324, 2, 4.9406564584124654e-324, 10);

  double lo = 0, hi = 10;
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_log_nice(&lo, &hi), EV_ERR_ARG);
  CHECK(lo == 0 && hi == 10); /* untouched on failure */
  lo = 1, hi = NAN;
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_log_nice(&lo, &hi), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_scale_log_nice(NULL, &hi), EV_ERR_ARG);
  ev_error_reset();
}

int main(void) {
  test_ticks();
  test_ticks_extreme();
  test_ticks_errors();
  test_nice();
  test_log_ticks();
  test_log_nice();
  return check_summary("test_scale");
}
