/* fuzz_util.h — shared by the libFuzzer targets in tests/fuzz/.
 *
 * A target is one file defining LLVMFuzzerTestOneInput. It is linked either
 * with libFuzzer (clang -fsanitize=fuzzer,address,undefined: ./build.sh
 * fuzz) or with replay.c (gcc + ASan/UBSan: ./build.sh test replays every
 * corpus file). Targets check the engine's contracts on every input and
 * call FUZZ_FAIL when one is broken: it prints why and aborts, which both
 * drivers report as a crash.
 *
 * fz_reader turns the fuzzer's bytes into the values a target needs. When
 * the bytes run out every read returns 0, so any input is a valid program.
 */
#ifndef EV_FUZZ_UTIL_H
#define EV_FUZZ_UTIL_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_FAIL(...)                                               \
  do {                                                               \
    fprintf(stderr, "%s:%d: contract broken: ", __FILE__, __LINE__); \
    fprintf(stderr, __VA_ARGS__);                                    \
    fprintf(stderr, " (error slot: %s \"%s\")\n",                    \
            ev_status_name(ev_error_status()), ev_error_message());  \
    abort();                                                         \
  } while (0)

/* Built with -DFUZZ_TRACE, targets say what each input did (to check that
 * seeds reach the paths they were made for). */
#ifdef FUZZ_TRACE
#define FZ_TRACE(...) fprintf(stderr, __VA_ARGS__)
#else
#define FZ_TRACE(...) ((void)0)
#endif

/* A failed call: rc < 0, the slot holds rc and a message. */
static inline void fz_check_failure(int rc, const char *what) {
  if (rc >= 0) return;
  if (ev_error_status() != rc)
    FUZZ_FAIL("%s returned %d (%s) but the slot says %d", what, rc,
              ev_status_name(rc), ev_error_status());
  if (ev_error_message()[0] == '\0')
    FUZZ_FAIL("%s failed (%s) with an empty message", what, ev_status_name(rc));
  if (strcmp(ev_status_name(rc), "UNKNOWN") == 0)
    FUZZ_FAIL("%s returned an unknown status %d", what, rc);
}

/* A call that succeeded leaves the slot clear. */
static inline void fz_check_success(const char *what) {
  if (ev_error_status() != EV_OK)
    FUZZ_FAIL("%s succeeded but left an error in the slot", what);
}

typedef struct {
  const uint8_t *p;
  size_t n;
} fz_reader;

static inline uint8_t fz_u8(fz_reader *r) {
  if (!r->n) return 0;
  r->n--;
  return *r->p++;
}

static inline uint32_t fz_u16(fz_reader *r) {
  uint32_t a = fz_u8(r);
  return a | (uint32_t)fz_u8(r) << 8;
}

/* A double: mostly values that matter (missing, zeros, infinities, the
 * extremes, small integers, years), sometimes 8 raw bytes. */
static inline double fz_double(fz_reader *r) {
  static const double special[] = {NAN,
                                   0.0,
                                   -0.0,
                                   1.0,
                                   -1.0,
                                   0.5,
                                   2.0,
                                   3.0,
                                   10.0,
                                   100.0,
                                   1e6,
                                   -2.5,
                                   0.1,
                                   1e308,
                                   -1e308,
                                   INFINITY,
                                   -INFINITY,
                                   5e-324,
                                   2.2250738585072014e-308,
                                   1.7976931348623157e308,
                                   2015,
                                   2016,
                                   2020,
                                   2024,
                                   0.8,
                                   0.95,
                                   0.999999,
                                   1e-12,
                                   4294967296.0,
                                   2147483648.0,
                                   -2147483649.0,
                                   9007199254740993.0};
  uint8_t k = fz_u8(r);
  if (k < 128) return special[k % (sizeof special / sizeof *special)];
  if (k < 224) return (double)(int)(k - 160); /* -32 .. 63 */
  double d;
  uint8_t b[8];
  for (int i = 0; i < 8; i++) b[i] = fz_u8(r);
  memcpy(&d, b, sizeof d);
  return d;
}

/* One of list[0..count) or, rarely, NULL (to check argument checks). */
static inline const char *fz_pick(fz_reader *r, const char *const *list,
                                  size_t count) {
  uint8_t k = fz_u8(r);
  if (k == 255) return NULL;
  return list[k % count];
}

#endif
