/* trend.h — trend projections with prediction intervals.
 *
 * Methods (x is usually the year, y the value):
 *   EV_TREND_LINEAR     ordinary least squares y = a + b·x. Interval at x0:
 *                       ŷ ± t(1+level)/2, n−2 · s · √(1 + 1/n + (x0 − x̄)²/Sxx)
 *                       with s the residual standard error.
 *   EV_TREND_LOGLINEAR  least squares on ln y (constant growth); growth is
 *                       reported as a rate per unit of x, e^b − 1 (CAGR when x
 *                       is in years). Fit, interval and R² are computed on
 *                       the log scale and mapped back with exp, so intervals
 *                       are asymmetric. Needs y > 0.
 *   EV_TREND_HOLT       Holt's linear exponential smoothing, level ℓ and
 *                       trend b seeded with ℓ = y₀, b = y₁ − y₀. α and β are
 *                       given, or chosen to minimise the sum of squared
 *                       one-step errors (grid of 0.01, refined to 0.001).
 *                       σ² is the mean squared one-step error over t ≥ 2;
 *                       the h-step variance is σ²[1 + (h−1)(α² + αβh +
 *                       β²h(2h−1)/6)] (ETS(A,A,N), Hyndman et al. 2008) and
 *                       intervals use normal quantiles. Needs x evenly spaced
 *                       by `step` with no gaps.
 * Points whose x or y is missing (NaN) are skipped; the rest must have
 * strictly increasing x. The engine declines (EV_ERR_DATA) to project from
 * fewer than EV_TREND_MIN_POINTS points (EV_TREND_MIN_POINTS_HOLT for
 * Holt): with fewer residual degrees of freedom the interval is dominated by
 * the t distribution's tails (t₀.₉₇₅ is 12.7 with 1 df, 4.3 with 2, 3.2 with
 * 3), not by the data. It also declines a constant series (no trend to
 * speak of, R² undefined).
 */
#ifndef EV_TREND_H
#define EV_TREND_H

#include <stdint.h>

#include "table.h"

typedef enum {
  EV_TREND_LINEAR = 1,
  EV_TREND_LOGLINEAR = 2,
  EV_TREND_HOLT = 3
} ev_trend_method;

#define EV_TREND_MIN_POINTS 5
#define EV_TREND_MIN_POINTS_HOLT 6
#define EV_TREND_MAX_HORIZON 100

typedef struct {
  ev_trend_method method;
  double level;    /* interval coverage, in (0, 1), e.g. 0.8 or 0.95 */
  int32_t horizon; /* projected points after the last x, 0..MAX_HORIZON */
  double step;     /* x distance between projected points, > 0 */
  double alpha;    /* Holt: in (0, 1), or NaN to choose by least squares */
  double beta;     /* Holt: in (0, 1), or NaN to choose by least squares */
} ev_trend_spec;

typedef struct {
  int32_t n;        /* points used */
  int32_t df;       /* residual degrees of freedom (n − 2) */
  double r2;        /* coefficient of determination (log scale for
                       log-linear; NaN for Holt) */
  double rse;       /* residual standard error (σ for Holt) */
  double intercept; /* a (of ln y for log-linear); NaN for Holt */
  double slope;     /* b per unit x (of ln y for log-linear); Holt: the
                       final trend b */
  double growth;    /* log-linear: e^b − 1; NaN otherwise */
  double alpha;     /* Holt's α and β (chosen or given); NaN otherwise */
  double beta;
  double quantile;  /* the t or normal quantile used for the interval */
} ev_trend_diag;

/* Fits x[0..count), y[0..count) and projects. On success returns EV_OK,
 * *out is a new table "trend" (caller frees) with number columns x, y, lo,
 * hi and a boolean column projected: first one row per point used (y the
 * fitted value, lo/hi missing), then `horizon` projected rows at
 * last x + k·step (y the projection, lo/hi the interval); *diag is filled.
 * On failure returns EV_ERR_ARG (bad spec, x not increasing, Holt with
 * uneven x), EV_ERR_DATA (too few points, constant series, y ≤ 0 for
 * log-linear) or EV_ERR_NOMEM, with *out NULL and the error slot saying
 * why and where. */
int ev_trend_fit(const double *x, const double *y, int32_t count,
                 const ev_trend_spec *spec, ev_table **out,
                 ev_trend_diag *diag);

#endif
