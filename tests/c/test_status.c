/* test_status.c — the error slot and status names (wasm/status.c). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "status.h"

/* 1 if s is well-formed UTF-8 (no truncated sequence at the end). */
static int valid_utf8(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    int need = *p < 0x80    ? 0
               : *p >= 0xF0 ? 3
               : *p >= 0xE0 ? 2
               : *p >= 0xC0 ? 1
                            : -1;
    if (need < 0) return 0;
    p++;
    for (int i = 0; i < need; i++, p++)
      if ((*p & 0xC0) != 0x80) return 0;
  }
  return 1;
}

/* Sets a message of `prefix` 'a's followed by tail, and returns its length. */
static size_t set_long(size_t prefix, const char *tail) {
  char *buf = malloc(prefix + strlen(tail) + 1);
  memset(buf, 'a', prefix);
  strcpy(buf + prefix, tail);
  ev_error_reset();
  ev_error_set(EV_ERR_ARG, "%s", buf);
  free(buf);
  return strlen(ev_error_message());
}

static void test_reset_and_set(void) {
  ev_error_reset();
  CHECK_EQ_INT(ev_error_status(), EV_OK);
  CHECK(ev_error_message() != NULL);
  CHECK_STR(ev_error_message(), "");

  /* ev_error_set returns its status so callers can `return ev_error_set()` */
  CHECK_EQ_INT(ev_error_set(EV_ERR_TYPE, "row %d, column '%s'", 12, "usd_bn"),
               EV_ERR_TYPE);
  CHECK_EQ_INT(ev_error_status(), EV_ERR_TYPE);
  CHECK_STR(ev_error_message(), "row 12, column 'usd_bn'");

  /* the first error wins: a later one returns its own status but changes
   * nothing */
  CHECK_EQ_INT(ev_error_set(EV_ERR_NOMEM, "outer"), EV_ERR_NOMEM);
  CHECK_EQ_INT(ev_error_status(), EV_ERR_TYPE);
  CHECK_STR(ev_error_message(), "row 12, column 'usd_bn'");

  ev_error_reset();
  CHECK_EQ_INT(ev_error_status(), EV_OK);
  CHECK_STR(ev_error_message(), "");
  ev_error_set(EV_ERR_PARSE, "second");
  CHECK_EQ_INT(ev_error_status(), EV_ERR_PARSE);
  CHECK_STR(ev_error_message(), "second");
  ev_error_reset();
}

/* ev_utf8_prefix(s, max) for s = `before` 'a's followed by seq (one whole
 * UTF-8 sequence): at every max from 0 to the end and one past it, the
 * prefix keeps seq only when all of it fits, else stops before it. */
static void check_sequence_cut(const char *seq, size_t before) {
  char s[16];
  size_t len = strlen(seq);
  memset(s, 'a', before);
  strcpy(s + before, seq);
  for (size_t max = 0; max <= before + len + 1; max++) {
    size_t want = max <= before ? max : max < before + len ? before : before + len;
    if (!CHECK_EQ_INT(ev_utf8_prefix(s, max), want))
      printf("  (sequence of %zu bytes after %zu 'a', max %zu)\n", len, before, max);
  }
}

static void test_utf8_prefix(void) {
  /* ASCII: every byte stands alone, the cut is max or the end of s */
  CHECK_EQ_INT(ev_utf8_prefix("abcdef", 3), 3);
  CHECK_EQ_INT(ev_utf8_prefix("abcdef", 6), 6);
  CHECK_EQ_INT(ev_utf8_prefix("abcdef", 40), 6); /* max >= length */
  CHECK_EQ_INT(ev_utf8_prefix("", 40), 0);
  /* max 0: nothing, and s is not read (NULL would crash if it were) */
  CHECK_EQ_INT(ev_utf8_prefix("abc", 0), 0);
  CHECK_EQ_INT(ev_utf8_prefix(NULL, 0), 0);

  /* a 2-, 3- and 4-byte sequence cut at each of its bytes, at the start of
   * s and after some ASCII */
  static const char *const seqs[] = {"\xC3\xA9", "\xE4\xB8\xAD",
                                     "\xF0\x9F\x98\x80"};
  for (int i = 0; i < 3; i++) {
    check_sequence_cut(seqs[i], 0);
    check_sequence_cut(seqs[i], 3);
  }
  /* several sequences: the cut falls on a boundary, max >= length keeps all */
  const char *mixed = "\xC3\xA9" "a\xE4\xB8\xAD" "\xF0\x9F\x98\x80"; /* 10 B */
  CHECK_EQ_INT(ev_utf8_prefix(mixed, 1), 0);
  CHECK_EQ_INT(ev_utf8_prefix(mixed, 2), 2);
  CHECK_EQ_INT(ev_utf8_prefix(mixed, 5), 3);
  CHECK_EQ_INT(ev_utf8_prefix(mixed, 6), 6);
  CHECK_EQ_INT(ev_utf8_prefix(mixed, 9), 6);
  CHECK_EQ_INT(ev_utf8_prefix(mixed, 10), 10);
  CHECK_EQ_INT(ev_utf8_prefix(mixed, 99), 10);

  /* no byte at or after s[max] is read: s need not be NUL-terminated there
   * (a 3-byte heap block holding "ab" + a lead byte; ASan checks the reads) */
  char *block = malloc(3);
  memcpy(block, "ab\xC3", 3);
  CHECK_EQ_INT(ev_utf8_prefix(block, 3), 2); /* the lead byte meets max */
  CHECK_EQ_INT(ev_utf8_prefix(block, 2), 2);
  free(block);

  /* invalid bytes are kept, not judged */
  CHECK_EQ_INT(ev_utf8_prefix("\x80\xBF" "a", 40), 3); /* stray continuations */
  CHECK_EQ_INT(ev_utf8_prefix("\x80\xBF" "a", 1), 1);   /* ... count alone */
  CHECK_EQ_INT(ev_utf8_prefix("\xC3" "a", 40), 2);      /* lead, then ASCII */
  CHECK_EQ_INT(ev_utf8_prefix("\xC3" "a", 1), 0);       /* lead meets max */
  CHECK_EQ_INT(ev_utf8_prefix("\xE4\xB8" "a", 40), 3);  /* 2 of 3, then ASCII */
  CHECK_EQ_INT(ev_utf8_prefix("\xE4\xB8" "a", 2), 0);
  CHECK_EQ_INT(ev_utf8_prefix("\xF0\x9F\xC3\xA9", 40), 4); /* 2 of 4, then é */
  CHECK_EQ_INT(ev_utf8_prefix("\xF0\x9F\xC3\xA9", 3), 2);  /* é meets max */
  CHECK_EQ_INT(ev_utf8_prefix("\xFF" "a", 40), 2); /* never a valid byte */
  CHECK_EQ_INT(ev_utf8_prefix("\xFF\x80\x80\x80", 4), 4);
  CHECK_EQ_INT(ev_utf8_prefix("\xFF\x80\x80\x80", 3), 0);
  /* a lead byte cut short by the end of s (NUL before max) is dropped */
  CHECK_EQ_INT(ev_utf8_prefix("ab\xC3", 40), 2);
  CHECK_EQ_INT(ev_utf8_prefix("ab\xF0\x9F\x98", 40), 2);
  /* ... so s[ev_utf8_prefix(s, strlen(s))] = '\0' trims a cut message */
  char msg[] = "row 3: \xE4\xB8\xAD\xE4\xB8";
  msg[ev_utf8_prefix(msg, strlen(msg))] = '\0';
  CHECK_STR(msg, "row 3: \xE4\xB8\xAD");
  CHECK(valid_utf8(msg));
}

static void test_truncation(void) {
  /* The slot holds 511 bytes + NUL. */
  CHECK_EQ_INT(set_long(511, ""), 511); /* fits exactly */
  CHECK_EQ_INT(set_long(600, ""), 511); /* plain ASCII: cut at 511 */
  CHECK_EQ_INT(ev_error_status(), EV_ERR_ARG);

  /* 510 'a' + "é" (C3 A9 at bytes 510-511): only C3 fits, so it is dropped
   * and 510 bytes remain. */
  CHECK_EQ_INT(set_long(510, "\xC3\xA9"), 510);
  CHECK(valid_utf8(ev_error_message()));
  /* 509 'a' + "中" (E4 B8 AD at 509-511): E4 B8 fit, both dropped -> 509 */
  CHECK_EQ_INT(set_long(509, "\xE4\xB8\xAD"), 509);
  CHECK(valid_utf8(ev_error_message()));
  /* 508 'a' + U+1F600 (F0 9F 98 80 at 508-511): 3 bytes fit, dropped -> 508 */
  CHECK_EQ_INT(set_long(508, "\xF0\x9F\x98\x80"), 508);
  CHECK(valid_utf8(ev_error_message()));
  /* 509 'a' + "é" (509-510) + "zz": the cut falls after a whole "é" -> 511 */
  CHECK_EQ_INT(set_long(509, "\xC3\xA9zz"), 511);
  CHECK(valid_utf8(ev_error_message()));
  CHECK_STR(ev_error_message() + 509, "\xC3\xA9");
  /* 400 'a' + many "中": whatever the cut, the text stays valid UTF-8 and
   * ends on a whole character: 400 + 3k <= 511 -> k = 37 -> 511 bytes */
  char tail[3 * 60 + 1] = "";
  for (int i = 0; i < 60; i++) strcat(tail, "\xE4\xB8\xAD");
  CHECK_EQ_INT(set_long(400, tail), 511);
  CHECK(valid_utf8(ev_error_message()));
  /* 401 'a': 401 + 3*36 = 509, a 37th would end at 512 -> 509 bytes */
  CHECK_EQ_INT(set_long(401, tail), 509);
  CHECK(valid_utf8(ev_error_message()));
  ev_error_reset();
}

static void test_names(void) {
  CHECK_STR(ev_status_name(EV_OK), "OK");
  CHECK_STR(ev_status_name(EV_ERR_ARG), "ARG");
  CHECK_STR(ev_status_name(EV_ERR_HANDLE), "HANDLE");
  CHECK_STR(ev_status_name(EV_ERR_PARSE), "PARSE");
  CHECK_STR(ev_status_name(EV_ERR_SHAPE), "SHAPE");
  CHECK_STR(ev_status_name(EV_ERR_TYPE), "TYPE");
  CHECK_STR(ev_status_name(EV_ERR_RANGE), "RANGE");
  CHECK_STR(ev_status_name(EV_ERR_LIMIT), "LIMIT");
  CHECK_STR(ev_status_name(EV_ERR_NOMEM), "NOMEM");
  CHECK_STR(ev_status_name(EV_ERR_COLUMN), "COLUMN");
  CHECK_STR(ev_status_name(-42), "UNKNOWN");
  CHECK_STR(ev_status_name(7), "UNKNOWN");
  /* codes are distinct negatives, OK is 0 */
  int codes[] = {EV_ERR_ARG,   EV_ERR_HANDLE, EV_ERR_PARSE,
                 EV_ERR_SHAPE, EV_ERR_TYPE,   EV_ERR_RANGE,
                 EV_ERR_LIMIT, EV_ERR_NOMEM,  EV_ERR_COLUMN};
  int n = (int)(sizeof codes / sizeof codes[0]);
  for (int i = 0; i < n; i++) {
    CHECK(codes[i] < 0);
    for (int j = i + 1; j < n; j++) CHECK(codes[i] != codes[j]);
  }
  /* the engine's depth limit matches the cJSON build flag */
  CHECK_EQ_INT(EV_MAX_DEPTH, CJSON_NESTING_LIMIT);
}

/* ev_fmt_double: the shortest of %.15g..%.17g that reads back exactly. */
static void test_fmt_double(void) {
  char b[EV_FMT_DOUBLE_BYTES];
  CHECK_STR(ev_fmt_double(b, 6.116), "6.116");
  CHECK_STR(ev_fmt_double(b, 0.1), "0.1");
  CHECK_STR(ev_fmt_double(b, 2024), "2024");
  CHECK_STR(ev_fmt_double(b, -0.0), "-0");
  CHECK_STR(ev_fmt_double(b, 1e300), "1e+300");
  CHECK_STR(ev_fmt_double(b, 0.1 + 0.2), "0.30000000000000004"); /* needs 17 */
  CHECK_STR(ev_fmt_double(b, 1.0 / 3), "0.3333333333333333");   /* 16 */
  CHECK_STR(ev_fmt_double(b, 5e-324), "4.94065645841247e-324"); /* subnormal */
  CHECK_STR(ev_fmt_double(b, 1.7976931348623157e308), "1.7976931348623157e+308");
  CHECK_STR(ev_fmt_double(b, 1.0 / 0.0), "inf");
  CHECK_STR(ev_fmt_double(b, -1.0 / 0.0), "-inf");
  /* every result reads back as the same double, on a sweep of values */
  unsigned long long x = 88172645463325252ULL;
  int bad = 0;
  for (int i = 0; i < 20000; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    double v = (double)(x >> 11) / (double)(1ULL << 53) * (i % 2 ? 1e6 : 1e-3);
    if (strtod(ev_fmt_double(b, v), NULL) != v) bad++;
  }
  CHECK_EQ_INT(bad, 0);
}

int main(void) {
  test_fmt_double();
  test_reset_and_set();
  test_utf8_prefix();
  test_truncation();
  test_names();
  return check_summary("test_status");
}
