/* test_json_strict.c — the strict RFC 8259 check (wasm/json_strict.c).
 *
 * Every input is copied to a heap block of exactly its length (no NUL after
 * it), so AddressSanitizer reports any read past the end. Messages are
 * checked exactly: they are what a person fixing a dataset reads. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "json_strict.h"
#include "status.h"

static int check_n(const char *s, size_t len, ev_json_scan *out) {
  char *copy = malloc(len ? len : 1);
  if (len) memcpy(copy, s, len);
  ev_error_reset();
  int rc = ev_json_strict_check(copy, len, out);
  free(copy);
  return rc;
}

static void expect_ok_n(const char *s, size_t len, int line) {
  ev_json_scan scan;
  int rc = check_n(s, len, &scan);
  char d[700];
  snprintf(d, sizeof d, "(%s: \"%.600s\")", ev_status_name(rc),
           ev_error_message());
  check_report_(rc == EV_OK, __FILE__, line, "accepted", d);
}
#define EXPECT_OK(s) expect_ok_n((s), strlen(s), __LINE__)
#define EXPECT_OK_N(s) expect_ok_n((s), sizeof(s) - 1, __LINE__)

static void expect_fail_n(const char *s, size_t len, int status,
                          const char *msg, int line) {
  int rc = check_n(s, len, NULL);
  char d[700];
  snprintf(d, sizeof d, "(got %s: \"%.600s\")", ev_status_name(rc),
           ev_error_message());
  check_report_(rc == status, __FILE__, line, "status", d);
  check_report_(ev_error_status() == status, __FILE__, line, "slot status", d);
  if (msg) check_str_(ev_error_message(), msg, __FILE__, line, "message");
}
#define EXPECT_PARSE(s, msg) \
  expect_fail_n((s), strlen(s), EV_ERR_PARSE, (msg), __LINE__)
#define EXPECT_PARSE_N(s, msg) \
  expect_fail_n((s), sizeof(s) - 1, EV_ERR_PARSE, (msg), __LINE__)

#define AT "JSON parse error at line 1, column "

static void test_accepted(void) {
  /* any value at the top, RFC 8259 whitespace around it */
  EXPECT_OK("0");
  EXPECT_OK("-0");
  EXPECT_OK(" \t\r\n\"\" \t\r\n");
  EXPECT_OK("true");
  EXPECT_OK("false");
  EXPECT_OK("null");
  EXPECT_OK("[]");
  EXPECT_OK("{}");
  EXPECT_OK("[[], {}, [{}], {\"a\": [null]}]");
  /* numbers: every part of the grammar */
  EXPECT_OK(
      "[0, -0, 0.0, 10, -12.5, 1e5, 1E+5, 1e-5, 0e0, -0.0e-0, "
      "123456789012345678901234567890, 1.5e+9999, 123e-10000000]");
  /* escapes, and a surrogate pair (U+1D11E) */
  EXPECT_OK(
      "[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9 \\uFFFF "
      "\\uD834\\uDD1E \\udbff\\udfff\"]");
  /* UTF-8 at the edges of every row of Unicode's table 3-7, and DEL */
  EXPECT_OK(
      "\"\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xE0\xBF\xBF \xE1\x80\x80 "
      "\xEC\xBF\xBF \xED\x80\x80 \xED\x9F\xBF \xEE\x80\x80 "
      "\xEF\xBF\xBF \xF0\x90\x80\x80 \xF0\xBF\xBF\xBF \xF1\x80\x80\x80 "
      "\xF3\xBF\xBF\xBF \xF4\x80\x80\x80 \xF4\x8F\xBF\xBF \x7F\"");
  /* brackets and quotes inside strings open nothing */
  EXPECT_OK("[\"[[[{{{\\\"\", \"}]\"]");

  /* start: after a BOM and whitespace; nul_at: the first \u0000 */
  ev_json_scan scan;
  CHECK_EQ_INT(check_n("\xEF\xBB\xBF \n{}", 7, &scan), EV_OK);
  CHECK_EQ_INT(scan.start, 5);
  CHECK(scan.nul_at == EV_JSON_NONE);
  CHECK_EQ_INT(check_n("{\"k\\u0000\":\"\\u0000\"}", 20, &scan), EV_OK);
  CHECK_EQ_INT(scan.start, 0);
  CHECK_EQ_INT(scan.nul_at, 3);
  CHECK_EQ_INT(check_n("[\"a\", \"\\u00000\"]", 16, &scan), EV_OK);
  CHECK_EQ_INT(scan.nul_at, 7);
  /* a BOM before a short value (cJSON itself skips one only when 5 or more
   * bytes follow it) */
  CHECK_EQ_INT(check_n("\xEF\xBB\xBF"
                       "1",
                       4, &scan),
               EV_OK);
  CHECK_EQ_INT(scan.start, 3);
  /* out may be NULL */
  CHECK_EQ_INT(check_n("1", 1, NULL), EV_OK);
}

static void test_numbers(void) {
  EXPECT_PARSE("[012]", AT "2: leading zero in a number");
  EXPECT_PARSE("[-012]", AT "3: leading zero in a number");
  EXPECT_PARSE("00", AT "1: leading zero in a number");
  EXPECT_PARSE("[2.]", AT "4: expected a digit after the decimal point");
  EXPECT_PARSE("2.", AT "3: expected a digit after the decimal point");
  EXPECT_PARSE("[2.e3]", AT "4: expected a digit after the decimal point");
  EXPECT_PARSE("[.5]", AT "2: expected a value or ']', got '.'");
  EXPECT_PARSE("[1e]", AT "4: expected a digit in the exponent");
  EXPECT_PARSE("[1E+]", AT "5: expected a digit in the exponent");
  EXPECT_PARSE("[1e-x]", AT "5: expected a digit in the exponent");
  EXPECT_PARSE("[-]", AT "3: expected a digit after '-'");
  EXPECT_PARSE("-", AT "2: unexpected end of input in a number");
  EXPECT_PARSE("[--1]", AT "3: expected a digit after '-'");
  EXPECT_PARSE("[+1]", AT "2: expected a value or ']', got '+'");
  EXPECT_PARSE("[0x1F]", AT
               "3: expected ',' or ']' after an array element, "
               "got 'x'");
  EXPECT_PARSE("[1.5.2]", AT
               "5: expected ',' or ']' after an array "
               "element, got '.'");
  EXPECT_PARSE("[1 2]", AT
               "4: expected ',' or ']' after an array element, "
               "got '2'");
  EXPECT_PARSE("[\xEF\xBC\x91]", AT
               "2: expected a value or ']', got '\xEF"
               "\xBC\x91' (U+FF11)");
}

static void test_literals(void) {
  EXPECT_PARSE("[tru]", AT
               "2: invalid literal 'tru' (expected true, false "
               "or null)");
  EXPECT_PARSE("[truex]", AT
               "2: invalid literal 'truex' (expected true, "
               "false or null)");
  EXPECT_PARSE("True", AT
               "1: invalid literal 'True' (expected true, false "
               "or null)");
  EXPECT_PARSE("[NaN, 1]", AT
               "2: invalid literal 'NaN' (expected true, "
               "false or null)");
  EXPECT_PARSE("undefined_and_then_some_more_letters", AT
               "1: invalid literal 'undefined_and_then_some_...' "
               "(expected true, false or null)");
  /* a literal cut by the end of the input */
  EXPECT_PARSE("[nul", AT
               "2: invalid literal 'nul' (expected true, false "
               "or null)");
  EXPECT_PARSE("nullnull", AT
               "1: invalid literal 'nullnull' (expected "
               "true, false or null)");
  EXPECT_PARSE("[null]]", AT
               "7: unexpected data after the end of the JSON "
               "value");
}

static void test_strings(void) {
  /* raw control characters, at the character */
  EXPECT_PARSE("[\"a\nb\"]", AT "4: control character U+000A in a string");
  EXPECT_PARSE("[\"\t\"]", AT "3: control character U+0009 in a string");
  EXPECT_PARSE("[\"\x1F\"]", AT "3: control character U+001F in a string");
  EXPECT_PARSE_N("[\"a\0\"]", AT "4: control character U+0000 in a string");
  /* escapes, at the backslash */
  EXPECT_PARSE("[\"\\x41\"]", AT "3: invalid escape '\\x' in a string");
  EXPECT_PARSE("[\"\\'\"]", AT "3: invalid escape '\\'' in a string");
  EXPECT_PARSE("[\"\\U0041\"]", AT "3: invalid escape '\\U' in a string");
  EXPECT_PARSE("[\"\\\t\"]", AT
               "3: invalid escape: '\\' followed by "
               "control character U+0009 in a string");
  EXPECT_PARSE("[\"\\u12\"]", AT
               "3: invalid \\u escape (expected 4 hex "
               "digits)");
  EXPECT_PARSE("[\"\\u12G4\"]", AT
               "3: invalid \\u escape (expected 4 hex "
               "digits)");
  EXPECT_PARSE("[\"\\u-123\"]", AT
               "3: invalid \\u escape (expected 4 hex "
               "digits)");
  /* lone surrogates, at the backslash of the first half */
  EXPECT_PARSE("[\"\\uD800\"]", AT "3: lone surrogate \\uD800 in a string");
  EXPECT_PARSE("[\"\\udbff\"]", AT "3: lone surrogate \\uDBFF in a string");
  EXPECT_PARSE("[\"\\uDC00\"]", AT "3: lone surrogate \\uDC00 in a string");
  EXPECT_PARSE("[\"x\\uD800\\n\"]", AT
               "4: lone surrogate \\uD800 in a "
               "string");
  EXPECT_PARSE("[\"\\uD800\\uD800\"]", AT
               "3: lone surrogate \\uD800 in a "
               "string");
  EXPECT_PARSE("[\"\\uDD1E\\uD834\"]", AT
               "3: lone surrogate \\uDD1E in a "
               "string");
  EXPECT_PARSE("[\"\\uD800\\u0041\"]", AT
               "3: lone surrogate \\uD800 in a "
               "string");
  EXPECT_PARSE("\"\\uD800\\u", AT "2: lone surrogate \\uD800 in a string");
  /* unterminated, at the opening quote */
  EXPECT_PARSE("[\"abc", AT "2: unterminated string");
  EXPECT_PARSE("[\"abc\\", AT "2: unterminated string");
  EXPECT_PARSE("[\"abc\\\"]", AT "2: unterminated string");
  EXPECT_PARSE("[\"\\u00", AT "2: unterminated string");
  EXPECT_PARSE("\"\xE4\xB8", AT "1: unterminated string");
  /* keys are strings like any other */
  EXPECT_PARSE("{\"a\tb\":1}", AT "4: control character U+0009 in a string");
  EXPECT_PARSE("{\"\\uDFAA\":0}", AT "3: lone surrogate \\uDFAA in a string");
}

static void test_utf8(void) {
  /* bytes that cannot start a sequence */
  EXPECT_PARSE("[\"\x80\"]", AT "3: invalid UTF-8 byte 0x80 in a string");
  EXPECT_PARSE("[\"\xBF\"]", AT "3: invalid UTF-8 byte 0xBF in a string");
  EXPECT_PARSE("[\"\xC0\xAF\"]", AT "3: invalid UTF-8 byte 0xC0 in a string");
  EXPECT_PARSE("[\"\xC1\xBF\"]", AT "3: invalid UTF-8 byte 0xC1 in a string");
  EXPECT_PARSE("[\"\xF5\x80\x80\x80\"]", AT
               "3: invalid UTF-8 byte 0xF5 in "
               "a string");
  EXPECT_PARSE("[\"\xFF\"]", AT "3: invalid UTF-8 byte 0xFF in a string");
  EXPECT_PARSE("[\"\xFC\x83\xBF\xBF\xBF\xBF\"]", AT
               "3: invalid UTF-8 byte "
               "0xFC in a string");
  /* overlong forms, surrogates and code points above U+10FFFF: the
   * continuation byte out of range */
  EXPECT_PARSE("[\"\xE0\x80\x80\"]", AT
               "4: invalid UTF-8 byte 0x80 in a "
               "string");
  EXPECT_PARSE("[\"\xE0\x9F\xBF\"]", AT
               "4: invalid UTF-8 byte 0x9F in a "
               "string");
  EXPECT_PARSE("[\"\xED\xA0\x80\"]", AT
               "4: invalid UTF-8 byte 0xA0 in a "
               "string");
  EXPECT_PARSE("[\"\xED\xBF\xBF\"]", AT
               "4: invalid UTF-8 byte 0xBF in a "
               "string");
  EXPECT_PARSE("[\"\xF0\x8F\xBF\xBF\"]", AT
               "4: invalid UTF-8 byte 0x8F in "
               "a string");
  EXPECT_PARSE("[\"\xF4\x90\x80\x80\"]", AT
               "4: invalid UTF-8 byte 0x90 in "
               "a string");
  /* a sequence cut short by a byte that is not a continuation byte: the
   * lead byte (Latin-1 é before the closing quote) */
  EXPECT_PARSE("[\"caf\xE9\"]", AT "6: invalid UTF-8 byte 0xE9 in a string");
  EXPECT_PARSE("[\"\xE0\xFF\"]", AT "3: invalid UTF-8 byte 0xE0 in a string");
  EXPECT_PARSE("[\"\xF0\x9F\x98 \"]", AT
               "3: invalid UTF-8 byte 0xF0 in a "
               "string");
  EXPECT_PARSE("[\"\xE6\x97\xA5\xD1\x88\xFA\"]", AT
               "8: invalid UTF-8 byte "
               "0xFA in a string");
  /* outside strings: named as bytes, or as characters when well formed */
  EXPECT_PARSE("[\xFF]", AT
               "2: expected a value or ']', got byte 0xFF (not "
               "UTF-8)");
  EXPECT_PARSE("\xC3\xA5", AT
               "1: expected a value, got '\xC3\xA5' "
               "(U+00E5)");
  EXPECT_PARSE(
      "{\xE2\x80\x9C"
      "a\xE2\x80\x9D: 1}",
      AT
      "2: expected a string key or '}', got '\xE2\x80\x9C' "
      "(U+201C) (JSON strings need straight double quotes)");
  EXPECT_PARSE("['a']", AT
               "2: expected a value or ']', got \"'\" (JSON "
               "strings need straight double quotes)");
}

static void test_whitespace_and_structure(void) {
  /* only space, tab, LF and CR are whitespace */
  EXPECT_PARSE("[\f]", AT
               "2: expected a value or ']', got control "
               "character U+000C");
  EXPECT_PARSE("[\v1]", AT
               "2: expected a value or ']', got control "
               "character U+000B");
  EXPECT_PARSE_N("[\0]", AT
                 "2: expected a value or ']', got control "
                 "character U+0000");
  EXPECT_PARSE(
      "[\xC2\xA0"
      "1]",
      AT
      "2: expected a value or ']', got "
      "'\xC2\xA0' (U+00A0)");
  EXPECT_PARSE("[\xE2\x81\xA0]", AT
               "2: expected a value or ']', got "
               "'\xE2\x81\xA0' (U+2060)");
  /* structure */
  EXPECT_PARSE("[1,]", AT "4: expected a value after ',', got ']'");
  EXPECT_PARSE("[,1]", AT "2: expected a value or ']', got ','");
  EXPECT_PARSE("[1,,2]", AT "4: expected a value after ',', got ','");
  EXPECT_PARSE("{\"a\":1,}", AT
               "8: expected a string key after ',', got "
               "'}'");
  EXPECT_PARSE("{\"a\" 1}", AT
               "6: expected ':' after an object key, got "
               "'1'");
  EXPECT_PARSE("{\"a\"::1}", AT "6: expected a value after ':', got ':'");
  EXPECT_PARSE("{\"a\":}", AT "6: expected a value after ':', got '}'");
  EXPECT_PARSE("{\"a\":1 \"b\":2}", AT
               "8: expected ',' or '}' after an "
               "object member, got '\"'");
  EXPECT_PARSE("[1}", AT
               "3: expected ',' or ']' after an array element, "
               "got '}'");
  EXPECT_PARSE("{\"a\":1]", AT
               "7: expected ',' or '}' after an object "
               "member, got ']'");
  EXPECT_PARSE("]", AT "1: expected a value, got ']'");
  EXPECT_PARSE("[1]]", AT
               "4: unexpected data after the end of the JSON "
               "value");
  EXPECT_PARSE("{} {}", AT
               "4: unexpected data after the end of the JSON "
               "value");
  EXPECT_PARSE("1 2", AT
               "3: unexpected data after the end of the JSON "
               "value");
  EXPECT_PARSE("[1] // comment", AT
               "5: unexpected data after the end of the "
               "JSON value");
  EXPECT_PARSE_N("[1]\0", AT
                 "4: unexpected data after the end of the JSON "
                 "value");
  /* the end of the input, where it ends */
  EXPECT_PARSE("[", AT
               "2: unexpected end of input (expected a value or "
               "']')");
  EXPECT_PARSE("[1", AT "3: unexpected end of input (expected ',' or ']')");
  EXPECT_PARSE("[1,", AT "4: unexpected end of input (expected a value)");
  EXPECT_PARSE("{", AT
               "2: unexpected end of input (expected a string key "
               "or '}')");
  EXPECT_PARSE("{\"a\"", AT "5: unexpected end of input (expected ':')");
  EXPECT_PARSE("{\"a\":", AT
               "6: unexpected end of input (expected a "
               "value)");
  EXPECT_PARSE("{\"a\":1", AT
               "7: unexpected end of input (expected ',' or "
               "'}')");
  EXPECT_PARSE("{\"a\":1,", AT
               "8: unexpected end of input (expected a "
               "string key)");
  EXPECT_PARSE("[\n  1,\n  ",
               "JSON parse error at line 3, column 3: "
               "unexpected end of input (expected a value)");
  /* empty input and no value */
  expect_fail_n(NULL, 0, EV_ERR_PARSE, AT "1: the input is empty", __LINE__);
  EXPECT_PARSE("", AT "1: the input is empty");
  EXPECT_PARSE(" \n ",
               "JSON parse error at line 2, column 2: the input "
               "holds no JSON value, only whitespace");
  EXPECT_PARSE("\xEF\xBB\xBF", AT
               "4: the input holds no JSON value, only a "
               "byte order mark");
  EXPECT_PARSE("\xEF\xBB\xBF ", AT
               "5: the input holds no JSON value, only "
               "a byte order mark and whitespace");
  /* a BOM is skipped once, at the start only; columns count its bytes */
  EXPECT_PARSE("\xEF\xBB\xBF[x]", AT
               "5: invalid literal 'x' (expected "
               "true, false or null)");
  EXPECT_PARSE("\xEF\xBB\xBF\xEF\xBB\xBF{}", AT
               "4: expected a value, got "
               "'\xEF\xBB\xBF' (U+FEFF)");
  EXPECT_PARSE("[\xEF\xBB\xBF]", AT
               "2: expected a value or ']', got "
               "'\xEF\xBB\xBF' (U+FEFF)");
  EXPECT_PARSE("\xEF\xBB{}", AT
               "1: expected a value, got byte 0xEF (not "
               "UTF-8)");
  /* UTF-16 */
  EXPECT_PARSE_N("\xFF\xFE[\0]\0", AT
                 "1: a UTF-16 byte order mark: the "
                 "engine reads UTF-8 JSON only");
  EXPECT_PARSE_N("\xFE\xFF\0[\0]", AT
                 "1: a UTF-16 byte order mark: the "
                 "engine reads UTF-8 JSON only");
}

/* '[' * open + inner + ']' * open */
static char *nest(int open, const char *inner, size_t *len) {
  size_t n = strlen(inner);
  char *s = malloc((size_t)open * 2 + n + 1);
  memset(s, '[', (size_t)open);
  memcpy(s + open, inner, n);
  memset(s + open + n, ']', (size_t)open);
  *len = (size_t)open * 2 + n;
  return s;
}

static void test_depth(void) {
  size_t len;
  char *s = nest(EV_MAX_DEPTH, "", &len);
  expect_ok_n(s, len, __LINE__);
  free(s);
  s = nest(EV_MAX_DEPTH + 1, "", &len);
  expect_fail_n(s, len, EV_ERR_LIMIT,
                "JSON nesting deeper than 64 levels at line 1, column 65 "
                "(limit)",
                __LINE__);
  free(s);
  /* objects and arrays alternate: the kind of each level is remembered */
  {
    char b[1024];
    size_t k = 0;
    for (int i = 0; i < 32; i++) k += (size_t)sprintf(b + k, "{\"k\":[");
    k += (size_t)sprintf(b + k, "1");
    for (int i = 0; i < 32; i++) k += (size_t)sprintf(b + k, "]}");
    expect_ok_n(b, k, __LINE__);
    /* the 32 [ and 32 { end at column 192 and "1" is at 193; closing the
     * outermost array with '}' (column 256) is refused there */
    b[k - 2] = '}';
    b[k - 1] = ']';
    expect_fail_n(b, k, EV_ERR_PARSE,
                  AT
                  "256: expected ',' or ']' after an array element, got "
                  "'}'",
                  __LINE__);
  }
  /* the first problem wins: a syntax error before the 65th bracket is
   * PARSE, a 65th bracket before a syntax error is LIMIT */
  s = nest(70, "", &len);
  s[3] = 'x';
  expect_fail_n(s, len, EV_ERR_PARSE,
                AT "4: invalid literal 'x' (expected true, false or null)",
                __LINE__);
  s[3] = '[';
  s[69] = 'x';
  expect_fail_n(s, len, EV_ERR_LIMIT,
                "JSON nesting deeper than 64 levels at line 1, column 65 "
                "(limit)",
                __LINE__);
  free(s);
  /* 16 MiB of '[': refused at the 65th, in constant space */
  len = EV_MAX_INPUT_BYTES;
  s = malloc(len);
  memset(s, '[', len);
  expect_fail_n(s, len, EV_ERR_LIMIT,
                "JSON nesting deeper than 64 levels at line 1, column 65 "
                "(limit)",
                __LINE__);
  /* ...and 16 MiB of one string is fine */
  memset(s, 'a', len);
  s[0] = s[len - 1] = '"';
  expect_ok_n(s, len, __LINE__);
  free(s);
}

/* Every proper prefix of a document whose no proper prefix is a value is
 * refused (never read past), and every byte flipped to every value gives
 * EV_OK or a located PARSE / LIMIT error. */
static void test_prefixes_and_flips(void) {
  static const char doc[] =
      "\xEF\xBB\xBF{\"t\":[{\"a\":-1.5e+3,\"s\":\"\\u00e9\\uD834\\uDD1E\xE4\xB8"
      "\xAD\\n\",\"b\":[true,false,null],\"o\":{}},\n{\"a\":0}]}";
  size_t n = sizeof doc - 1;
  expect_ok_n(doc, n, __LINE__);
  int ok = 1;
  for (size_t k = 0; k < n; k++) {
    int rc = check_n(doc, k, NULL);
    ok &= rc == EV_ERR_PARSE &&
          strncmp(ev_error_message(), "JSON parse error at line ", 25) == 0;
  }
  CHECK(ok);
  char *m = malloc(n);
  ok = 1;
  int accepted = 0;
  for (size_t k = 0; k < n; k++) {
    for (int v = 0; v < 256; v++) {
      memcpy(m, doc, n);
      m[k] = (char)v;
      ev_error_reset();
      int rc = ev_json_strict_check(m, n, NULL);
      accepted += rc == EV_OK;
      ok &= rc == EV_OK || (rc == EV_ERR_PARSE && ev_error_status() == rc &&
                            strstr(ev_error_message(), " at line ") != NULL);
    }
  }
  free(m);
  CHECK(ok);
  CHECK(accepted > 0);
}

int main(void) {
  test_accepted();
  test_numbers();
  test_literals();
  test_strings();
  test_utf8();
  test_whitespace_and_structure();
  test_depth();
  test_prefixes_and_flips();
  return check_summary("test_json_strict");
}
