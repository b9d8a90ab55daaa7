/* check.h — a tiny test harness for the native unit tests (no dependencies).
 *
 *   CHECK(cond)             cond is true
 *   CHECK_EQ_INT(a, b)      integers equal
 *   CHECK_EQ_DBL(a, b)      doubles exactly equal (NaN equals NaN; -0 == 0)
 *   CHECK_NEAR(a, b, tol)   |a - b| <= tol
 *   CHECK_STR(a, b)         C strings equal (NULL equals only NULL)
 *
 * Each failure prints "file:line: FAIL expression (details)". main() ends with
 * `return check_summary("test_x");`, which prints exactly one line
 * "test_x: N passed, M failed" and returns non-zero if anything failed.
 * Under AddressSanitizer a leak check runs first and counts as one check.
 */
#ifndef CHECK_H
#define CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

static int check_passed_, check_failed_;

static inline int check_report_(int ok, const char *file, int line,
                                const char *expr, const char *detail) {
  if (ok) {
    check_passed_++;
  } else {
    check_failed_++;
    printf("%s:%d: FAIL %s%s%s\n", file, line, expr, detail ? "  " : "",
           detail ? detail : "");
  }
  return ok;
}

static inline int check_int_(long long a, long long b, const char *file,
                             int line, const char *expr) {
  char d[96];
  snprintf(d, sizeof d, "(%lld vs %lld)", a, b);
  return check_report_(a == b, file, line, expr, d);
}

static inline int check_dbl_(double a, double b, double tol, const char *file,
                             int line, const char *expr) {
  char d[96];
  int ok = (isnan(a) && isnan(b)) || a == b || (tol >= 0 && fabs(a - b) <= tol);
  snprintf(d, sizeof d, "(%.17g vs %.17g)", a, b);
  return check_report_(ok, file, line, expr, d);
}

static inline int check_str_(const char *a, const char *b, const char *file,
                             int line, const char *expr) {
  char d[1200];
  int ok = (a == NULL || b == NULL) ? a == b : strcmp(a, b) == 0;
  snprintf(d, sizeof d, "(\"%.500s\" vs \"%.500s\")", a ? a : "(null)",
           b ? b : "(null)");
  return check_report_(ok, file, line, expr, d);
}

#define CHECK(cond) check_report_((cond) != 0, __FILE__, __LINE__, #cond, NULL)
#define CHECK_EQ_INT(a, b) \
  check_int_((long long)(a), (long long)(b), __FILE__, __LINE__, #a " == " #b)
#define CHECK_EQ_DBL(a, b) \
  check_dbl_((a), (b), -1.0, __FILE__, __LINE__, #a " == " #b)
#define CHECK_NEAR(a, b, tol) \
  check_dbl_((a), (b), (tol), __FILE__, __LINE__, #a " ~= " #b)
#define CHECK_STR(a, b) check_str_((a), (b), __FILE__, __LINE__, #a " == " #b)

/* Leaks count as one failure (LeakSanitizer's report is printed above the
 * summary): build.sh counts the summary line, not the exit code. */
static inline int check_summary(const char *name) {
#if defined(__SANITIZE_ADDRESS__)
  check_report_(!__lsan_do_recoverable_leak_check(), __FILE__, __LINE__,
                "no memory leaked (LeakSanitizer)", NULL);
#endif
  printf("%s: %d passed, %d failed\n", name, check_passed_, check_failed_);
  fflush(stdout);
  return check_failed_ ? 1 : 0;
}

#endif
