/* stats.h — distribution quantiles for prediction intervals.
 *
 * Both functions are pure and return NaN for arguments outside their
 * domain (p not in (0, 1), df < 1 or not finite). Accuracy: within a few
 * ulps of the exact quantile for p in [1e-12, 1 - 1e-12] (Newton steps on
 * the CDF, computed from the regularized incomplete beta function and erfc).
 */
#ifndef EV_STATS_H
#define EV_STATS_H

/* The p-quantile of the standard normal distribution. */
double ev_stats_normal_quantile(double p);

/* The p-quantile of Student's t distribution with df degrees of freedom
 * (df may be fractional). */
double ev_stats_t_quantile(double p, double df);

/* Student's t cumulative distribution function P(T <= t). */
double ev_stats_t_cdf(double t, double df);

#endif
