/* json_number.c — strict JSON number text to exactly strtod's double (see
 * json_number.h). */
#include "json_number.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pow5_table.h"

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

/* The Eisel-Lemire conversion (D. Lemire, "Number Parsing at a Gigabyte
 * per Second", 2021, section 5), written from the paper's description: w *
 * 10^q for a nonzero w < 2^64 and q in the table's range, as the bits of a
 * positive double; 0 when the truncated 128-bit product cannot decide the
 * rounding (the caller then uses strtod). */
static int eisel_lemire(uint64_t w, int q, uint64_t *bits) {
  if (q < EV_POW5_MIN || q > EV_POW5_MAX) return 0;
  int lz = __builtin_clzll(w);
  w <<= lz;
  const uint64_t *t = EV_POW5[q - EV_POW5_MIN];
  unsigned __int128 z = (unsigned __int128)w * t[0];
  uint64_t hi = (uint64_t)(z >> 64), lo = (uint64_t)z;
  /* 64 - 53 - 2 = 9 bits below the rounding bit: when they are all ones the
   * truncated low part of the power may carry into them */
  if ((hi & 0x1FF) == 0x1FF) {
    unsigned __int128 z2 = (unsigned __int128)w * t[1];
    uint64_t add = (uint64_t)(z2 >> 64);
    uint64_t nlo = lo + add;
    if (nlo < lo) hi++;
    lo = nlo;
    if ((hi & 0x1FF) == 0x1FF && lo == UINT64_MAX) return 0;
  }
  /* the paper's guard: outside q in [-27, 55] an all-ones low word may
   * hide a carry */
  if (lo == UINT64_MAX && (q < -27 || q > 55)) return 0;
  int upper = (int)(hi >> 63);
  uint64_t mant = hi >> (upper + 9);
  /* floor(q * log2(10)) + 63 as in the paper; 217706 / 2^16 ~ log2(10) */
  int32_t power2 = (int32_t)(((int64_t)q * 217706) >> 16) + 63 + upper - lz + 1023;
  if (power2 <= 0) { /* subnormal (or zero) */
    if (-power2 + 1 >= 64) {
      *bits = 0;
      return 1;
    }
    mant >>= -power2 + 1;
    mant += mant & 1;
    mant >>= 1;
    power2 = mant < ((uint64_t)1 << 52) ? 0 : 1;
    *bits = (mant & (((uint64_t)1 << 52) - 1)) | ((uint64_t)power2 << 52);
    return 1;
  }
  /* an exact halfway between two doubles (possible only for small |q|):
   * round to even instead of up */
  if (lo <= 1 && q >= -4 && q <= 23 && (mant & 3) == 1 &&
      (mant << (upper + 9)) == hi)
    mant &= ~(uint64_t)1;
  mant += mant & 1;
  mant >>= 1;
  if (mant >= ((uint64_t)2 << 52)) {
    mant = (uint64_t)1 << 52;
    power2++;
  }
  mant &= ~((uint64_t)1 << 52);
  if (power2 >= 0x7FF) {
    *bits = (uint64_t)0x7FF << 52; /* infinity */
    return 1;
  }
  *bits = mant | ((uint64_t)power2 << 52);
  return 1;
}

/* When the significand has at most 19 digits, is at most 2^53 and the
 * decimal exponent is within +-22, both factors are exact doubles and one
 * correctly rounded multiply or divide gives the correctly rounded result,
 * which is strtod's (Clinger's fast path). Other significands of at most 19
 * digits go through the Eisel-Lemire conversion (exact, or undecided); the
 * rest, and what it leaves undecided, go to strtod itself. */
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
  return ev_json_decimal(t, len, m, e10, neg);
}

double ev_json_decimal(const char *t, size_t len, uint64_t m, long e10,
                       int neg) {
  if (m == 0) return neg ? -0.0 : 0.0;
  if (m > ((uint64_t)1 << 53) || e10 < -22 || e10 > 22) {
    uint64_t bits;
    if (e10 < -400 || e10 > 400 || !eisel_lemire(m, (int)e10, &bits))
      return slow_double(t, len);
    bits |= (uint64_t)neg << 63;
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
  }
  double v = (double)m;
  v = e10 >= 0 ? v * pow10_exact[e10] : v / pow10_exact[-e10];
  return neg ? -v : v;
}
