/* test_stats.c — quantiles against independently computed references. */
#include "check.h"
#include "stats.h"

#define PI 3.14159265358979323846

/* Relative closeness. */
#define CHECK_REL(a, b, rel) CHECK_NEAR((a), (b), fabs(b) * (rel))

int main(void) {
  /* Student's t: references from the exact finite series for the t CDF with
   * integer df (Abramowitz & Stegun 26.7.3/26.7.4), inverted by bisection in
   * Python; the engine uses a continued fraction and Newton steps instead. */
  CHECK_REL(ev_stats_t_quantile(0.975, 1), 12.706204736174676, 1e-12);
  CHECK_REL(ev_stats_t_quantile(0.975, 2), 4.302652729749459, 1e-12);
  CHECK_REL(ev_stats_t_quantile(0.975, 3), 3.1824463052837064, 1e-12);
  CHECK_REL(ev_stats_t_quantile(0.9, 3), 1.6377443536962097, 1e-12);
  CHECK_REL(ev_stats_t_quantile(0.975, 4), 2.7764451051977934, 1e-12);
  CHECK_REL(ev_stats_t_quantile(0.975, 5), 2.5705818356363146, 1e-12);
  CHECK_REL(ev_stats_t_quantile(0.975, 7), 2.364624251592783, 1e-12);
  CHECK_REL(ev_stats_t_quantile(0.975, 10), 2.228138851986274, 1e-12);
  CHECK_REL(ev_stats_t_quantile(0.9, 10), 1.3721836411103356, 1e-12);
  CHECK_REL(ev_stats_t_quantile(0.975, 30), 2.042272456301238, 1e-12);
  CHECK_REL(ev_stats_t_quantile(0.995, 3), 5.84090930973332, 1e-12);
  CHECK_REL(ev_stats_t_quantile(0.9, 4), 1.5332062740589438, 1e-12);
  /* df = 2 has a closed form: t = (2p - 1) / sqrt(2p(1 - p)) */
  for (double p = 0.55; p < 1; p += 0.05)
    CHECK_REL(ev_stats_t_quantile(p, 2), (2 * p - 1) / sqrt(2 * p * (1 - p)),
              1e-12);
  /* df = 1 is Cauchy: t = tan(pi (p - 1/2)) */
  for (double p = 0.55; p < 1; p += 0.05)
    CHECK_REL(ev_stats_t_quantile(p, 1), tan(PI * (p - 0.5)), 1e-11);
  /* symmetry and the median */
  CHECK_EQ_DBL(ev_stats_t_quantile(0.5, 7), 0);
  CHECK_REL(ev_stats_t_quantile(0.025, 7), -2.364624251592783, 1e-12);
  /* the CDF inverts the quantile */
  CHECK_NEAR(ev_stats_t_cdf(ev_stats_t_quantile(0.8, 6.5), 6.5), 0.8, 1e-14);
  /* large df approaches the normal */
  CHECK_NEAR(ev_stats_t_quantile(0.975, 1e7), ev_stats_normal_quantile(0.975),
             1e-6);

  /* Normal: references from Python's statistics.NormalDist().inv_cdf */
  CHECK_REL(ev_stats_normal_quantile(0.975), 1.9599639845400536, 1e-13);
  CHECK_REL(ev_stats_normal_quantile(0.9), 1.2815515655446008, 1e-13);
  CHECK_REL(ev_stats_normal_quantile(0.995), 2.5758293035489, 1e-13);
  CHECK_REL(ev_stats_normal_quantile(0.1), -1.2815515655446008, 1e-13);
  CHECK_REL(ev_stats_normal_quantile(1e-10), -6.361340902404056, 1e-12);
  CHECK_EQ_DBL(ev_stats_normal_quantile(0.5), 0);

  /* outside the domain: NaN, never a crash */
  CHECK(isnan(ev_stats_normal_quantile(0)));
  CHECK(isnan(ev_stats_normal_quantile(1)));
  CHECK(isnan(ev_stats_normal_quantile(NAN)));
  CHECK(isnan(ev_stats_t_quantile(0.9, 0.5)));
  CHECK(isnan(ev_stats_t_quantile(0.9, INFINITY)));
  CHECK(isnan(ev_stats_t_quantile(1.5, 3)));
  CHECK(isnan(ev_stats_t_cdf(NAN, 3)));
  CHECK_EQ_DBL(ev_stats_t_cdf(INFINITY, 3), 1);
  CHECK_EQ_DBL(ev_stats_t_cdf(-INFINITY, 3), 0);
  return check_summary("test_stats");
}
