/* test_json_number.c — ev_json_to_double against strtod, bit for bit, on
 * millions of strict JSON number texts: random doubles printed with 15 to
 * 20 significant digits, random decimal significands of 1 to 21 digits with
 * exponents across the whole range, exact halfway cases between adjacent
 * doubles (and their neighbours), the edges of the range (largest double,
 * overflow, smallest normal, subnormals, the halfway to zero), zeros. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "json_number.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t rnd(void) { /* xorshift64* */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 0x2545F4914F6CDD1Du;
}

static long tried, wrong;

/* Compares one text (NUL-terminated strict JSON number). */
static void one(const char *t) {
  double want = strtod(t, NULL);
  double got = ev_json_to_double(t, strlen(t));
  tried++;
  if (memcmp(&want, &got, sizeof want) != 0) {
    if (wrong < 20)
      printf("# mismatch: %s -> %.17g, strtod %.17g\n", t, got, want);
    wrong++;
  }
}

/* Prints an unsigned 128-bit integer in decimal; returns its length. */
static int u128_str(unsigned __int128 v, char *out) {
  char tmp[48];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + (int)(v % 10));
    v /= 10;
  } while (v);
  for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
  out[n] = '\0';
  return n;
}

/* A random significand of nd digits (first one nonzero), then '.', the
 * fraction split at a random place, and an exponent e. */
static void random_decimal(int nd, int e, int neg) {
  char digits[32], t[64];
  digits[0] = (char)('1' + rnd() % 9);
  for (int i = 1; i < nd; i++) digits[i] = (char)('0' + rnd() % 10);
  int split = 1 + (int)(rnd() % (uint64_t)nd); /* digits before the point */
  char *p = t;
  if (neg) *p++ = '-';
  memcpy(p, digits, (size_t)split);
  p += split;
  if (split < nd) {
    *p++ = '.';
    memcpy(p, digits + split, (size_t)(nd - split));
    p += nd - split;
  }
  sprintf(p, "e%d", e);
  one(t);
}

int main(void) {
  char t[128];
  static const char *fixed[] = {
      "0", "-0", "0.0", "-0.0", "0e0", "0e-999", "-0E+999", "0.000000e12",
      "1", "-1", "9007199254740992", "9007199254740993", "9007199254740994",
      "9007199254740995", "18014398509481985", "18014398509481986",
      "9223372036854775807", "9223372036854775808", "18446744073709551615",
      "18446744073709551616", "9999999999999999999", "10000000000000000000",
      "99999999999999999999", "12345678901234567890123",
      "1.7976931348623157e308", "1.7976931348623158e308",
      "1.7976931348623159e308", "1.797693134862315807e308",
      "1.797693134862315808e308", "-1.7976931348623157e308", "1e308",
      "1e309", "9.999999999999999999e307", "2.2250738585072014e-308",
      "2.2250738585072011e-308", "2.2250738585072012e-308",
      "2.225073858507201136e-308", "4.9406564584124654e-324",
      "4.9406564584124655e-324", "2.4703282292062327e-324",
      "2.4703282292062328e-324", "2.47032822920623272e-324", "5e-324",
      "3e-324", "2e-324", "1e-324", "1e-340", "1e-342", "1e-343", "1e-400",
      "9999999999999999999e-343", "9999999999999999999e-344", "1e-307",
      "1e-308", "1e-309", "1e-320", "1e300", "1e-300", "0.1", "0.2", "0.3",
      "0.7", "1.1", "2.675", "523.17", "1e23", "8.41e21", "5e-1", "1e-1",
      "7.1e10", "4.35", "3.1415926535897932384626", "1448997445238699",
      "4503599627370496.5", "4503599627370497.5", "2251799813685248.25",
      "2251799813685248.75", "1.00000000000000011102230246251565404236316680908203125",
      "1.00000000000000011102230246251565404236316680908203124",
      "1.00000000000000011102230246251565404236316680908203126",
      "7.2057594037927933e16", "1.2345678901234567e-100",
      "9007199254740993e-1", "9007199254740993e1", "123456789012345678e5",
      "1234567890123456789e-5", "2.22507385850720138309e-308",
  };
  for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) one(fixed[i]);
  CHECK_EQ_INT(wrong, 0);

  /* random doubles (every bit pattern but NaN and infinity), printed the
   * ways programs print them */
  static const char *fmts[] = {"%.17g", "%.16g", "%.15g", "%.18e",
                               "%.16e", "%.19e", "%.20e"};
  wrong = 0;
  for (int i = 0; i < 400000; i++) {
    uint64_t bits = rnd();
    double d;
    memcpy(&d, &bits, sizeof d);
    if (isnan(d) || isinf(d)) continue;
    for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f += 1 + rnd() % 3) {
      snprintf(t, sizeof t, fmts[f], d);
      one(t);
    }
  }
  /* random doubles of everyday sizes */
  for (int i = 0; i < 300000; i++) {
    double d = (double)(rnd() >> 11) / 9007199254740992.0 *
               pow(10, (int)(rnd() % 40) - 20);
    snprintf(t, sizeof t, "%.17g", d);
    one(t);
    snprintf(t, sizeof t, "%.*f", (int)(rnd() % 8), d);
    one(t);
  }
  printf("# random doubles: %ld texts\n", tried);
  CHECK_EQ_INT(wrong, 0);

  /* random decimal significands of 1..21 digits, every exponent */
  wrong = 0;
  for (int i = 0; i < 1200000; i++) {
    int nd = 1 + (int)(rnd() % 21);
    if (i & 1) nd = 15 + (int)(rnd() % 6); /* 15..20: the hard lengths */
    int e = (int)(rnd() % 700) - 360;
    random_decimal(nd, e, (int)(rnd() & 1));
  }
  /* ... near the edges of the range */
  for (int i = 0; i < 300000; i++) {
    int nd = 1 + (int)(rnd() % 20);
    int e = (i & 1) ? 290 + (int)(rnd() % 30) - nd
                    : -345 + (int)(rnd() % 50) - nd;
    random_decimal(nd, e, 0);
  }
  printf("# random significands: %ld texts in all\n", tried);
  CHECK_EQ_INT(wrong, 0);

  /* exact halfway points between adjacent doubles, j * 2^p with j odd
   * (j a 54-bit number: the midpoint of two 53-bit significands), their
   * neighbours one unit of the last digit away, and exactly representable
   * values (j < 2^53) */
  wrong = 0;
  for (int i = 0; i < 300000; i++) {
    int p = (int)(rnd() % 24) - 11; /* -11..12 */
    uint64_t j = (rnd() >> 10) | 1;  /* 54 bits, odd */
    if (i % 3 == 0) j >>= 1 + rnd() % 30;
    unsigned __int128 n = j;
    int e = 0;
    if (p >= 0) {
      n <<= p;
    } else {
      for (int k = 0; k < -p; k++) n *= 5;
      e = p; /* j * 2^p = j * 5^-p * 10^p */
    }
    char digits[48];
    u128_str(n, digits);
    snprintf(t, sizeof t, "%se%d", digits, e);
    one(t);
    u128_str(n + 1, digits);
    snprintf(t, sizeof t, "%se%d", digits, e);
    one(t);
    u128_str(n - 1, digits);
    snprintf(t, sizeof t, "%se%d", digits, e);
    one(t);
    if (e == 0) {
      u128_str(n, digits);
      one(digits);
    }
  }
  printf("# halfway cases: %ld texts in all\n", tried);
  CHECK_EQ_INT(wrong, 0);

  /* every double around the subnormal/normal boundary and the top */
  wrong = 0;
  static const uint64_t around[] = {0x0000000000000001u, 0x000FFFFFFFFFFFFFu,
                                    0x0010000000000000u, 0x7FEFFFFFFFFFFFFFu,
                                    0x3FF0000000000000u, 0x4340000000000000u};
  for (size_t a = 0; a < sizeof around / sizeof *around; a++)
    for (int k = -2000; k <= 2000; k++) {
      uint64_t bits = around[a] + (uint64_t)(int64_t)k;
      if (bits > 0x7FEFFFFFFFFFFFFFu) continue;
      double d;
      memcpy(&d, &bits, sizeof d);
      for (int prec = 15; prec <= 19; prec++) {
        snprintf(t, sizeof t, "%.*e", prec, d);
        one(t);
      }
    }
  printf("# %ld texts in all\n", tried);
  CHECK_EQ_INT(wrong, 0);
  return check_summary("test_json_number");
}
