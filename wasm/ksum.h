/* ksum.h — Neumaier-compensated summation (header only), used wherever the
 * engine adds up a column, so that sums do not depend on row order more
 * than they must. Start from `ev_ksum s = {0, 0};`. */
#ifndef EV_KSUM_H
#define EV_KSUM_H

#include <math.h>

typedef struct {
  double sum, comp;
} ev_ksum;

static inline void ev_ksum_add(ev_ksum *s, double v) {
  double t = s->sum + v;
  if (fabs(s->sum) >= fabs(v)) s->comp += (s->sum - t) + v;
  else s->comp += (v - t) + s->sum;
  s->sum = t;
}

/* The compensated sum so far. */
static inline double ev_ksum_value(const ev_ksum *s) {
  return s->sum + s->comp;
}

#endif
