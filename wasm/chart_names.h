/* chart_names.h — names among names, for the chart check's look-ups and
 * messages: exact look-up, a list for a message, and the nearest name for
 * "did you mean" (edit distance). Pure functions of their arguments: no
 * state, no allocation, no error slot. */
#ifndef EV_CHART_NAMES_H
#define EV_CHART_NAMES_H

#include <stddef.h>

/* The edit distance (Levenshtein, bytes) between a and b, or limit + 1 as
 * soon as it is known to exceed limit (also for a string over 512 bytes).
 * A negative limit counts as 0. Used for "did you mean". */
int ev_chart_edit_distance(const char *a, const char *b, int limit);

/* The closest of names[0..count) to s when close enough to be a likely
 * typo (1 edit up to 3 bytes, 2 up to 8, else 3; fewer than the name's
 * length), else NULL. The first of equally close names wins. */
const char *ev_chart_nearest(const char *s, const char *const *names,
                             int count);

/* "a, b, c" of names[0..count) into buf (cut at cap, NUL-terminated);
 * returns buf. */
const char *ev_chart_join(char *buf, size_t cap, const char *const *names,
                          int count);

/* The index of s in names[0..count) (exact, bytes), or -1. */
int ev_chart_find(const char *s, const char *const *names, int count);

#endif
