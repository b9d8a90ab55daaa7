/* chart_names.c — names among names: exact look-up, lists for messages,
 * and the nearest name for "did you mean" (see chart_names.h). */
#include "chart_names.h"

#include <stdio.h>
#include <string.h>

int ev_chart_edit_distance(const char *a, const char *b, int limit) {
  size_t la = strlen(a), lb = strlen(b);
  if (limit < 0) limit = 0;
  size_t diff = la > lb ? la - lb : lb - la;
  if (diff > (size_t)limit || la > 512 || lb > 512) return limit + 1;
  int row[513];
  for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
  for (size_t i = 1; i <= la; i++) {
    int diag = row[0], best;
    row[0] = (int)i;
    best = row[0];
    for (size_t j = 1; j <= lb; j++) {
      int up = row[j];
      int v = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < v) v = up + 1;
      if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
      row[j] = v;
      diag = up;
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
  }
  return row[lb] > limit ? limit + 1 : row[lb];
}

const char *ev_chart_nearest(const char *s, const char *const *names,
                             int count) {
  size_t ls = strlen(s);
  int limit = ls <= 3 ? 1 : ls <= 8 ? 2 : 3, best_d = limit + 1;
  const char *best = NULL;
  for (int i = 0; i < count; i++) {
    int d = ev_chart_edit_distance(s, names[i], limit);
    if (d < best_d && (size_t)d < strlen(names[i])) {
      best_d = d;
      best = names[i];
    }
  }
  return best;
}

const char *ev_chart_join(char *buf, size_t cap, const char *const *names,
                          int count) {
  size_t n = 0;
  buf[0] = '\0';
  for (int i = 0; i < count && n + 1 < cap; i++) {
    int w = snprintf(buf + n, cap - n, "%s%s", i ? ", " : "", names[i]);
    if (w < 0) break;
    n += (size_t)w;
  }
  return buf;
}

int ev_chart_find(const char *s, const char *const *names, int count) {
  for (int i = 0; i < count; i++)
    if (strcmp(s, names[i]) == 0) return i;
  return -1;
}
