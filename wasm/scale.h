/* scale.h — nice axis ticks, linear and log.
 *
 * Ticks are multiples of a step of 1, 2 or 5 times a power of ten, chosen so
 * that about `count` of them fall in [lo, hi]. Tick values are computed as
 * integer multiples (k * step, or k / (1/step) for steps below 1) so that
 * they print cleanly (0.3, not 0.30000000000000004).
 */
#ifndef EV_SCALE_H
#define EV_SCALE_H

/* Writes the ticks within [lo, hi] (in ascending order; lo > hi is swapped)
 * to out[0..cap) and returns how many there are, which may exceed cap (then
 * only cap are written). lo == hi gives that one value. Returns EV_ERR_ARG
 * (error slot set) for non-finite bounds or count < 1 or > 1000. */
int ev_scale_ticks(double lo, double hi, int count, double *out, int cap);

/* Widens [*lo, *hi] outward to multiples of the tick step for `count`
 * ticks, repeating until stable. Returns EV_OK, or EV_ERR_ARG as above. */
int ev_scale_nice(double *lo, double *hi, int count);

/* Ticks for a log scale, lo and hi > 0 (lo > hi is swapped), written and
 * counted as ev_scale_ticks does:
 *   1. the powers of ten within [lo, hi], if there are at least count / 2;
 *   2. else 1, 2 and 5 times the powers of ten (1, 2, 5, 10, 20, 50, ...)
 *      within [lo, hi], if there are at least 2;
 *   3. else (a range too narrow for that, such as [3, 4.5]) the linear ticks
 *      of ev_scale_ticks.
 * Values in 1 and 2 are the doubles nearest to the decimals (m * 10^k and
 * m / 10^k with 10^k exact, so 0.02 is 2/100), exact integers from 1 up to
 * 1e22. Returns EV_ERR_ARG (error slot set) for bounds that are not finite
 * or not above 0, or count < 1 or > 1000. */
int ev_scale_log_ticks(double lo, double hi, int count, double *out, int cap);

/* Widens [*lo, *hi] (lo, hi > 0) outward to powers of ten: lo down to the
 * largest power <= lo, hi up to the smallest power >= hi (a bound whose
 * power is beyond the range of doubles stays). Returns EV_OK, or EV_ERR_ARG
 * as above (bounds untouched). */
int ev_scale_log_nice(double *lo, double *hi);

#endif
