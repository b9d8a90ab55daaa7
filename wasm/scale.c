/* scale.c — nice ticks (see scale.h). Steps are 1, 2 or 5 times a power of
 * ten; thresholds sqrt(50), sqrt(10), sqrt(2) pick the step whose tick count
 * is closest to the one asked for on a log scale. */
#include "scale.h"

#include <math.h>

#include "status.h"

/* Returns the step as a power-of-ten multiple: when *inverse is 0 the step is
 * `step`, otherwise it is 1/step (for steps below 1, to keep ticks exact). */
static double tick_step(double lo, double hi, int count, int *inverse) {
  double raw = (hi - lo) / count;
  if (!isfinite(raw)) raw = hi / count - lo / count; /* hi - lo overflowed */
  double power = floor(log10(raw));
  double err = raw / pow(10, power);
  double f = err >= sqrt(50.0) ? 10 : err >= sqrt(10.0) ? 5
           : err >= sqrt(2.0) ? 2 : 1;
  if (power >= 0) {
    *inverse = 0;
    return f * pow(10, power);
  }
  *inverse = 1;
  return pow(10, -power) / f;
}

static int check(double lo, double hi, int count) {
  if (!isfinite(lo) || !isfinite(hi))
    return ev_error_set(EV_ERR_ARG, "ticks: bounds must be finite numbers");
  if (count < 1 || count > 1000)
    return ev_error_set(EV_ERR_ARG, "ticks: count must be 1 to 1000, got %d",
                        count);
  return EV_OK;
}

int ev_scale_ticks(double lo, double hi, int count, double *out, int cap) {
  int rc = check(lo, hi, count);
  if (rc) return rc;
  if (lo > hi) {
    double t = lo;
    lo = hi;
    hi = t;
  }
  if (lo == hi) {
    if (cap > 0) out[0] = lo;
    return 1;
  }
  int inverse;
  double step = tick_step(lo, hi, count, &inverse);
  double first, last;
  if (!inverse) {
    first = ceil(lo / step);
    last = floor(hi / step);
  } else {
    first = ceil(lo * step);
    last = floor(hi * step);
  }
  if (!(last >= first)) return 0;
  if (last - first + 1 > 100000)
    return ev_error_set(EV_ERR_ARG, "ticks: too many ticks");
  int n = (int)(last - first + 1);
  for (int i = 0; i < n && i < cap; i++) {
    double k = first + i;
    out[i] = inverse ? k / step : k * step;
  }
  return n;
}

int ev_scale_nice(double *lo, double *hi, int count) {
  if (!lo || !hi) return ev_error_set(EV_ERR_ARG, "nice: NULL bounds");
  int rc = check(*lo, *hi, count);
  if (rc) return rc;
  double a = *lo < *hi ? *lo : *hi, b = *lo < *hi ? *hi : *lo;
  if (a == b) return EV_OK;
  double prev = NAN;
  for (int i = 0; i < 10; i++) {
    int inverse;
    double step = tick_step(a, b, count, &inverse);
    if (step == prev) break;
    prev = step;
    double na, nb;
    if (!inverse) {
      na = floor(a / step) * step;
      nb = ceil(b / step) * step;
    } else {
      na = floor(a * step) / step;
      nb = ceil(b * step) / step;
    }
    if (!isfinite(na) || !isfinite(nb)) break; /* cannot widen past ±DBL_MAX */
    a = na;
    b = nb;
  }
  *lo = a;
  *hi = b;
  return EV_OK;
}

/* ---- log scales -------------------------------------------------------- */

/* 10^k for 0 <= k <= 22: every such power is exactly a double. */
static double exact_pow10(int k) {
  double p = 1;
  while (k-- > 0) p *= 10;
  return p;
}

/* m * 10^k as the double nearest the decimal when |k| <= 22 (one correctly
 * rounded operation on exact operands); beyond that, via pow. */
static double decimal(int m, int k) {
  if (k >= 0 && k <= 22) return m * exact_pow10(k);
  if (k < 0 && k >= -22) return m / exact_pow10(-k);
  return m * pow(10, k);
}

/* Writes the values m * 10^k (m from ms) within [lo, hi], ascending, to
 * out[0..cap) and returns how many there are. */
static int log_grid(double lo, double hi, const int *ms, int m_count,
                    double *out, int cap) {
  int n = 0;
  int k0 = (int)floor(log10(lo)) - 1, k1 = (int)floor(log10(hi)) + 1;
  for (int k = k0; k <= k1; k++)
    for (int i = 0; i < m_count; i++) {
      double v = decimal(ms[i], k);
      if (v < lo || v > hi) continue;
      if (n < cap) out[n] = v;
      n++;
    }
  return n;
}

static int check_log(double lo, double hi) {
  if (!(isfinite(lo) && isfinite(hi) && lo > 0 && hi > 0))
    return ev_error_set(EV_ERR_ARG,
                        "log ticks: bounds must be finite numbers above 0, "
                        "got %g and %g",
                        lo, hi);
  return EV_OK;
}

int ev_scale_log_ticks(double lo, double hi, int count, double *out, int cap) {
  int rc = check_log(lo, hi);
  if (!rc) rc = check(lo, hi, count);
  if (rc) return rc;
  if (lo > hi) {
    double t = lo;
    lo = hi;
    hi = t;
  }
  static const int powers[] = {1}, one_two_five[] = {1, 2, 5};
  int n = log_grid(lo, hi, powers, 1, out, cap);
  if (2 * n >= count) return n;
  n = log_grid(lo, hi, one_two_five, 3, out, cap);
  if (n >= 2) return n;
  return ev_scale_ticks(lo, hi, count, out, cap);
}

int ev_scale_log_nice(double *lo, double *hi) {
  if (!lo || !hi) return ev_error_set(EV_ERR_ARG, "nice: NULL bounds");
  int rc = check_log(*lo, *hi);
  if (rc) return rc;
  double a = *lo < *hi ? *lo : *hi, b = *lo < *hi ? *hi : *lo;
  /* log10 may be off by one near a power: step until exact */
  int k = (int)floor(log10(a));
  while (decimal(1, k) > a) k--;
  while (decimal(1, k + 1) <= a) k++;
  if (decimal(1, k) > 0) a = decimal(1, k);
  k = (int)ceil(log10(b));
  while (decimal(1, k) < b) k++;
  while (decimal(1, k - 1) >= b) k--;
  if (isfinite(decimal(1, k))) b = decimal(1, k);
  *lo = a;
  *hi = b;
  return EV_OK;
}
