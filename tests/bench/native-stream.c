/* native-stream.c — the stream path natively (gcc -O2, glibc malloc), for
 * measuring what the scanner costs apart from WASM (not a test):
 *   gcc -O2 -std=c11 -DCJSON_NESTING_LIMIT=64 -I.cache/cjson/src -Iwasm \
 *     tests/bench/native-stream.c wasm/*.c .cache/cjson/src/cJSON.c -lm -o /tmp/native-stream
 *   /tmp/native-stream FILE known|unknown [runs]
 * Feeds FILE in 1 MiB chunks to ev_stream_open(size or NAN) .. finish, runs
 * times (default 5); prints the best and median wall and CPU (user, system)
 * times and the process's peak resident size (one mode per process). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "ingest_stream.h"
#include "status.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double cpu(double *sys) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  *sys = u.ru_stime.tv_sec * 1e3 + u.ru_stime.tv_usec / 1e3;
  return u.ru_utime.tv_sec * 1e3 + u.ru_utime.tv_usec / 1e3;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 3) return fprintf(stderr, "usage: %s FILE known|unknown [runs]\n", argv[0]), 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return perror(argv[1]), 1;
  fseek(f, 0, SEEK_END);
  size_t len = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc(len);
  if (!buf || fread(buf, 1, len, f) != len) return fprintf(stderr, "read failed\n"), 1;
  fclose(f);
  int known = !strcmp(argv[2], "known");
  int runs = argc > 3 ? atoi(argv[3]) : 5;
  if (runs < 1 || runs > 100) runs = 5;
  double wall[100], user[100], sys[100];
  for (int r = 0; r < runs; r++) {
    double s0, s1, u0 = cpu(&s0), t0 = now();
    ev_stream *s;
    if (ev_stream_open(&s, known ? (double)len : NAN) != EV_OK) return 1;
    for (size_t off = 0; off < len; off += 1 << 20) {
      size_t k = len - off < (1u << 20) ? len - off : 1u << 20;
      if (ev_stream_feed(s, buf + off, k) != EV_OK) return fprintf(stderr, "%s\n", ev_error_message()), 1;
    }
    ev_table **t;
    int32_t n;
    if (ev_stream_finish(s, &t, &n) != EV_OK) return fprintf(stderr, "%s\n", ev_error_message()), 1;
    ev_stream_free(s);
    wall[r] = now() - t0;
    user[r] = cpu(&s1) - u0;
    sys[r] = s1 - s0;
    for (int i = 0; i < n; i++) ev_table_free(t[i]);
    free(t);
  }
  double w[100], u[100], y[100];
  memcpy(w, wall, sizeof w);
  memcpy(u, user, sizeof u);
  memcpy(y, sys, sizeof y);
  qsort(w, runs, sizeof *w, cmp);
  qsort(u, runs, sizeof *u, cmp);
  qsort(y, runs, sizeof *y, cmp);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("%s, size %s: wall best %.0f ms (%.0f MB/s), median %.0f ms; user best %.0f, median %.0f ms; "
         "system best %.0f, median %.0f ms; peak RSS %.1f MB (input %.1f MB)\n",
         argv[1], known ? "known" : "unknown", w[0], len / 1e3 / w[0], w[runs / 2], u[0], u[runs / 2],
         y[0], y[runs / 2], ru.ru_maxrss / 1e3, len / 1e6);
  free(buf);
  return 0;
}
