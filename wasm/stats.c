/* stats.c — normal and Student's t quantiles (see stats.h).
 *
 * The t CDF uses the regularized incomplete beta function I_x(a, b),
 * evaluated by its continued fraction (modified Lentz), which converges fast
 * for x < (a + 1) / (a + b + 2); the symmetry I_x(a, b) = 1 - I_{1-x}(b, a)
 * covers the rest. Quantiles start from a normal-based guess and are polished
 * by Newton steps on the CDF, with bisection as a safeguard. */
#include "stats.h"

#include <math.h>

#define EV_PI 3.14159265358979323846

static double beta_cf(double a, double b, double x) {
  const double tiny = 1e-300;
  double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (fabs(d) < tiny) d = tiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 1000; m++) {
    int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (fabs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (fabs(c) < tiny) c = tiny;
    d = 1 / d;
    double del = d * c;
    h *= del;
    if (fabs(del - 1) < 1e-16) break;
  }
  return h;
}

/* Regularized incomplete beta I_x(a, b) for x in [0, 1]. */
static double inc_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  double lbt = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
               b * log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return exp(lbt) * beta_cf(a, b, x) / a;
  return 1 - exp(lbt) * beta_cf(b, a, 1 - x) / b;
}

double ev_stats_t_cdf(double t, double df) {
  if (isnan(t) || !(df > 0) || !isfinite(df)) return NAN;
  if (isinf(t)) return t > 0 ? 1 : 0;
  double x = df / (df + t * t);
  double tail = 0.5 * inc_beta(df / 2, 0.5, x); /* P(T > |t|) */
  return t > 0 ? 1 - tail : tail;
}

/* Student's t density. */
static double t_pdf(double t, double df) {
  return exp(lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * log(df * EV_PI) -
             (df + 1) / 2 * log1p(t * t / df));
}

static double normal_cdf(double z) { return 0.5 * erfc(-z / sqrt(2.0)); }

static double normal_pdf(double z) {
  return exp(-0.5 * z * z) / sqrt(2 * EV_PI);
}

/* Solves cdf(x) = p by Newton steps from x0, kept inside a bracket. */
static double solve(double p, double x0, double (*cdf)(double, double),
                    double (*pdf)(double, double), double arg) {
  double lo = -1e300, hi = 1e300, x = x0;
  for (int i = 0; i < 200; i++) {
    double f = cdf(x, arg) - p;
    if (f == 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    double d = pdf(x, arg);
    double next = d > 0 ? x - f / d : NAN;
    if (!(next > lo && next < hi)) {
      /* bisect; widen geometrically while the bracket is open-ended */
      if (lo <= -1e300) next = x - (fabs(x) + 1);
      else if (hi >= 1e300) next = x + (fabs(x) + 1);
      else next = lo / 2 + hi / 2;
    }
    if (fabs(next - x) <= 1e-15 * fabs(x) + 1e-300) return next;
    x = next;
  }
  return x;
}

static double normal_cdf2(double z, double unused) {
  (void)unused;
  return normal_cdf(z);
}
static double normal_pdf2(double z, double unused) {
  (void)unused;
  return normal_pdf(z);
}

double ev_stats_normal_quantile(double p) {
  if (!(p > 0 && p < 1)) return NAN;
  if (p == 0.5) return 0;
  /* work in the lower tail for accuracy, then reflect */
  double q = p < 0.5 ? p : 1 - p;
  double t = sqrt(-2 * log(q));
  /* Abramowitz & Stegun 26.2.23 as the starting guess */
  double z0 = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) /
                        (1 + 1.432788 * t + 0.189269 * t * t +
                         0.001308 * t * t * t));
  double z = solve(q, z0, normal_cdf2, normal_pdf2, 0);
  return p < 0.5 ? z : -z;
}

double ev_stats_t_quantile(double p, double df) {
  if (!(p > 0 && p < 1) || !(df >= 1) || !isfinite(df)) return NAN;
  if (p == 0.5) return 0;
  double q = p < 0.5 ? p : 1 - p;
  double z = ev_stats_normal_quantile(q);
  /* Cornish-Fisher style expansion as the starting guess */
  double g1 = (z * z * z + z) / 4;
  double g2 = (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / 96;
  double t0 = z + g1 / df + g2 / (df * df);
  double t = solve(q, t0, ev_stats_t_cdf, t_pdf, df);
  return p < 0.5 ? t : -t;
}
