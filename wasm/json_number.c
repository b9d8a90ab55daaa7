/* json_number.c — strict JSON number text to exactly strtod's double (see
 * json_number.h). */
#include "json_number.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const double pow10_exact[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static double slow_double(const char *t, size_t len) {
  char small[64];
  char *buf = len < sizeof small ? small : malloc(len + 1);
  if (!buf) return NAN; /* cannot happen for a text that fits in memory */
  memcpy(buf, t, len);
  buf[len] = '\0';
  double v = strtod(buf, NULL);
  if (buf != small) free(buf);
  return v;
}

/* When the significand has at most 19 digits, is at most 2^53 and the
 * decimal exponent is within +-22, both factors are exact doubles and one
 * correctly rounded multiply or divide gives the correctly rounded result,
 * which is strtod's (Clinger's fast path); everything else goes to strtod
 * itself. */
double ev_json_to_double(const char *t, size_t len) {
  const char *p = t, *end = t + len;
  int neg = 0;
  if (*p == '-') {
    neg = 1;
    p++;
  }
  uint64_t m = 0;
  int nd = 0;
  long e10 = 0;
  for (; p < end && *p >= '0' && *p <= '9'; p++) {
    if (m == 0 && *p == '0') continue;
    if (nd == 19) return slow_double(t, len);
    m = m * 10 + (uint64_t)(*p - '0');
    nd++;
  }
  if (p < end && *p == '.') {
    for (p++; p < end && *p >= '0' && *p <= '9'; p++) {
      if (m == 0 && *p == '0') {
        e10--;
        continue;
      }
      if (nd == 19) return slow_double(t, len);
      m = m * 10 + (uint64_t)(*p - '0');
      nd++;
      e10--;
    }
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    p++;
    int eneg = 0;
    if (*p == '+' || *p == '-') eneg = *p++ == '-';
    long x = 0;
    for (; p < end && *p >= '0' && *p <= '9'; p++) {
      if (x > 100000) return slow_double(t, len);
      x = x * 10 + (*p - '0');
    }
    e10 += eneg ? -x : x;
  }
  if (m == 0) return neg ? -0.0 : 0.0;
  if (m > ((uint64_t)1 << 53) || e10 < -22 || e10 > 22) return slow_double(t, len);
  double v = (double)m;
  v = e10 >= 0 ? v * pow10_exact[e10] : v / pow10_exact[-e10];
  return neg ? -v : v;
}
