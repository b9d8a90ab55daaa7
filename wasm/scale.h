/* scale.h — nice axis ticks.
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

#endif
