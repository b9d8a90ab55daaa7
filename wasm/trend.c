/* trend.c — least-squares and Holt trend projections (see trend.h). */
#include "trend.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "status.h"

static const char *method_name(ev_trend_method m) {
  switch (m) {
    case EV_TREND_LINEAR: return "linear";
    case EV_TREND_LOGLINEAR: return "log-linear";
    case EV_TREND_HOLT: return "Holt";
  }
  return "?";
}

static int check_spec(const ev_trend_spec *s) {
  if (!s) return ev_error_set(EV_ERR_ARG, "trend: no spec");
  if (s->method < EV_TREND_LINEAR || s->method > EV_TREND_HOLT)
    return ev_error_set(EV_ERR_ARG, "trend: unknown method %d", (int)s->method);
  if (!(s->level > 0 && s->level < 1))
    return ev_error_set(EV_ERR_ARG,
                        "trend: interval level must be between 0 and 1 "
                        "(e.g. 0.8 or 0.95), got %g",
                        s->level);
  if (s->horizon < 0 || s->horizon > EV_TREND_MAX_HORIZON)
    return ev_error_set(EV_ERR_ARG, "trend: horizon %d is outside 0..%d",
                        (int)s->horizon, EV_TREND_MAX_HORIZON);
  if (!(s->step > 0) || !isfinite(s->step))
    return ev_error_set(EV_ERR_ARG, "trend: step must be a positive number");
  if (s->method == EV_TREND_HOLT) {
    if (!isnan(s->alpha) && !(s->alpha > 0 && s->alpha < 1))
      return ev_error_set(EV_ERR_ARG, "trend: Holt's alpha must be in (0, 1)");
    if (!isnan(s->beta) && !(s->beta > 0 && s->beta < 1))
      return ev_error_set(EV_ERR_ARG, "trend: Holt's beta must be in (0, 1)");
  }
  return EV_OK;
}

/* Copies the usable points (both coordinates present) and checks them. */
static int gather(const double *x, const double *y, int32_t count,
                  const ev_trend_spec *s, double **ox, double **oy,
                  int32_t *on) {
  if (count < 0 || (count && (!x || !y)))
    return ev_error_set(EV_ERR_ARG, "trend: bad input arrays");
  double *px = malloc((count ? (size_t)count : 1) * sizeof *px);
  double *py = malloc((count ? (size_t)count : 1) * sizeof *py);
  if (!px || !py) {
    free(px), free(py);
    return ev_error_set(EV_ERR_NOMEM, "out of memory fitting a trend");
  }
  int32_t n = 0;
  int rc = EV_OK;
  for (int32_t i = 0; i < count && rc == EV_OK; i++) {
    if (isnan(x[i]) || isnan(y[i])) continue;
    if (!isfinite(x[i]) || !isfinite(y[i]))
      rc = ev_error_set(EV_ERR_ARG, "trend: point %d is not finite",
                        (int)i + 1);
    else if (n && !(x[i] > px[n - 1]))
      rc = ev_error_set(EV_ERR_ARG,
                        "trend: x must increase (point %d: %g after %g)",
                        (int)i + 1, x[i], px[n - 1]);
    else if (s->method == EV_TREND_LOGLINEAR && !(y[i] > 0))
      rc = ev_error_set(EV_ERR_DATA,
                        "trend: a log-linear fit needs positive values "
                        "(point %d at x = %g is %g)",
                        (int)i + 1, x[i], y[i]);
    else if (s->method == EV_TREND_HOLT && n &&
             fabs(x[i] - px[n - 1] - s->step) > 1e-9 * fabs(s->step))
      rc = ev_error_set(EV_ERR_ARG,
                        "trend: Holt's method needs evenly spaced points "
                        "with no gaps (step %g; %g follows %g)",
                        s->step, x[i], px[n - 1]);
    else {
      px[n] = x[i];
      py[n] = y[i];
      n++;
    }
  }
  int32_t need = s->method == EV_TREND_HOLT ? EV_TREND_MIN_POINTS_HOLT
                                            : EV_TREND_MIN_POINTS;
  if (rc == EV_OK && n < need)
    rc = ev_error_set(EV_ERR_DATA,
                      "trend: %d point%s with values; a %s projection needs "
                      "at least %d",
                      (int)n, n == 1 ? "" : "s", method_name(s->method),
                      (int)need);
  if (rc == EV_OK) {
    int constant = 1;
    for (int32_t i = 1; i < n && constant; i++) constant = py[i] == py[0];
    if (constant)
      rc = ev_error_set(EV_ERR_DATA,
                        "trend: the series is constant (%g): there is no "
                        "trend to project",
                        py[0]);
  }
  if (rc != EV_OK) {
    free(px), free(py);
    return rc;
  }
  *ox = px;
  *oy = py;
  *on = n;
  return EV_OK;
}

static ev_table *new_result(int32_t rows) {
  ev_table *t = ev_table_new("trend", rows);
  if (!t) return NULL;
  const char *names[] = {"x", "y", "lo", "hi"};
  for (int i = 0; i < 4; i++)
    if (ev_table_add_column(t, names[i], EV_COL_NUMBER, NULL) < 0) {
      ev_table_free(t);
      return NULL;
    }
  if (ev_table_add_column(t, "projected", EV_COL_BOOL, NULL) < 0) {
    ev_table_free(t);
    return NULL;
  }
  return t;
}

/* Least squares on (x, v) where v is y or ln y. */
static void least_squares(const ev_trend_spec *s, const double *x,
                          const double *y, int32_t n, ev_table *t,
                          ev_trend_diag *d) {
  int logs = s->method == EV_TREND_LOGLINEAR;
  double xm = 0, vm = 0;
  for (int32_t i = 0; i < n; i++) {
    xm += x[i];
    vm += logs ? log(y[i]) : y[i];
  }
  xm /= n;
  vm /= n;
  double sxx = 0, sxy = 0, svv = 0;
  for (int32_t i = 0; i < n; i++) {
    double dx = x[i] - xm, dv = (logs ? log(y[i]) : y[i]) - vm;
    sxx += dx * dx;
    sxy += dx * dv;
    svv += dv * dv;
  }
  double b = sxy / sxx, a = vm - b * xm, sse = 0;
  for (int32_t i = 0; i < n; i++) {
    double v = logs ? log(y[i]) : y[i];
    double r = v - (a + b * x[i]);
    sse += r * r;
  }
  d->df = n - 2;
  d->rse = sqrt(sse / d->df);
  d->r2 = 1 - sse / svv;
  d->intercept = a;
  d->slope = b;
  d->growth = logs ? expm1(b) : NAN;
  d->quantile = ev_stats_t_quantile((1 + s->level) / 2, d->df);
  ev_column *cx = &t->cols[0], *cy = &t->cols[1], *lo = &t->cols[2],
            *hi = &t->cols[3], *pr = &t->cols[4];
  for (int32_t i = 0; i < n; i++) {
    cx->num[i] = x[i];
    cy->num[i] = logs ? exp(a + b * x[i]) : a + b * x[i];
    pr->num[i] = 0;
  }
  for (int32_t k = 1; k <= s->horizon; k++) {
    int32_t r = n + k - 1;
    double x0 = x[n - 1] + k * s->step;
    double fit = a + b * x0;
    double half = d->quantile * d->rse *
                  sqrt(1 + 1.0 / n + (x0 - xm) * (x0 - xm) / sxx);
    cx->num[r] = x0;
    cy->num[r] = logs ? exp(fit) : fit;
    lo->num[r] = logs ? exp(fit - half) : fit - half;
    hi->num[r] = logs ? exp(fit + half) : fit + half;
    pr->num[r] = 1;
  }
}

/* Runs Holt's recursion; returns the SSE of one-step errors for t >= 2 and,
 * if fitted is not NULL, stores one-step fitted values (fitted[0] = y0,
 * fitted[1] = y1 by construction) and the final level and trend. */
static double holt_run(const double *y, int32_t n, double alpha, double beta,
                       double *fitted, double *out_level, double *out_trend) {
  double level = y[0], trend = y[1] - y[0], sse = 0;
  if (fitted) fitted[0] = y[0];
  for (int32_t i = 1; i < n; i++) {
    double f = level + trend;
    double e = y[i] - f;
    if (i >= 2) sse += e * e;
    if (fitted) fitted[i] = f;
    double next = alpha * y[i] + (1 - alpha) * f;
    trend = beta * (next - level) + (1 - beta) * trend;
    level = next;
  }
  if (out_level) *out_level = level;
  if (out_trend) *out_trend = trend;
  return sse;
}

/* Least-squares α, β: a 0.01 grid, then a 0.001 grid around the best. */
static void holt_choose(const double *y, int32_t n, double *alpha,
                        double *beta) {
  int fix_a = !isnan(*alpha), fix_b = !isnan(*beta);
  double best = INFINITY, ba = fix_a ? *alpha : 0.5, bb = fix_b ? *beta : 0.5;
  for (int pass = 0; pass < 2; pass++) {
    double width = pass ? 0.01 : 0.5, grain = pass ? 0.001 : 0.01;
    double ca = ba, cb = bb;
    for (double a = ca - width; a <= ca + width + 1e-12; a += grain) {
      double ta = fix_a ? *alpha : a;
      if (!(ta > 0 && ta < 1)) continue;
      for (double b = cb - width; b <= cb + width + 1e-12; b += grain) {
        double tb = fix_b ? *beta : b;
        if (!(tb > 0 && tb < 1)) continue;
        double sse = holt_run(y, n, ta, tb, NULL, NULL, NULL);
        if (sse < best) best = sse, ba = ta, bb = tb;
        if (fix_b) break;
      }
      if (fix_a) break;
    }
  }
  *alpha = ba;
  *beta = bb;
}

static void holt(const ev_trend_spec *s, const double *x, const double *y,
                 int32_t n, ev_table *t, ev_trend_diag *d) {
  double alpha = s->alpha, beta = s->beta;
  if (isnan(alpha) || isnan(beta)) holt_choose(y, n, &alpha, &beta);
  double level, trend;
  ev_column *cx = &t->cols[0], *cy = &t->cols[1], *lo = &t->cols[2],
            *hi = &t->cols[3], *pr = &t->cols[4];
  double sse = holt_run(y, n, alpha, beta, cy->num, &level, &trend);
  double sigma2 = sse / (n - 2);
  d->df = n - 2;
  d->rse = sqrt(sigma2);
  d->r2 = NAN;
  d->intercept = NAN;
  d->slope = trend;
  d->growth = NAN;
  d->alpha = alpha;
  d->beta = beta;
  d->quantile = ev_stats_normal_quantile((1 + s->level) / 2);
  for (int32_t i = 0; i < n; i++) {
    cx->num[i] = x[i];
    pr->num[i] = 0;
  }
  for (int32_t h = 1; h <= s->horizon; h++) {
    int32_t r = n + h - 1;
    double v = sigma2 * (1 + (h - 1) * (alpha * alpha + alpha * beta * h +
                                        beta * beta * h * (2.0 * h - 1) / 6));
    double f = level + h * trend, half = d->quantile * sqrt(v);
    cx->num[r] = x[n - 1] + h * s->step;
    cy->num[r] = f;
    lo->num[r] = f - half;
    hi->num[r] = f + half;
    pr->num[r] = 1;
  }
}

int ev_trend_fit(const double *x, const double *y, int32_t count,
                 const ev_trend_spec *spec, ev_table **out,
                 ev_trend_diag *diag) {
  if (!out || !diag) return ev_error_set(EV_ERR_ARG, "trend: no output");
  *out = NULL;
  int rc = check_spec(spec);
  if (rc) return rc;
  double *px, *py;
  int32_t n;
  if ((rc = gather(x, y, count, spec, &px, &py, &n))) return rc;
  ev_table *t = new_result(n + spec->horizon);
  if (!t) {
    free(px), free(py);
    return ev_error_status();
  }
  ev_trend_diag d;
  memset(&d, 0, sizeof d);
  d.n = n;
  d.alpha = d.beta = NAN;
  if (spec->method == EV_TREND_HOLT) holt(spec, px, py, n, t, &d);
  else least_squares(spec, px, py, n, t, &d);
  free(px), free(py);
  *out = t;
  *diag = d;
  return EV_OK;
}
