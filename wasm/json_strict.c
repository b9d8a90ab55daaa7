/* json_strict.c — the strict RFC 8259 check (see json_strict.h).
 *
 * A state machine over the bytes. The only memory is the nesting counter
 * and a bit per level (1 = object), so the check runs in constant space.
 * Every refusal goes through fail(), which turns an offset into a line and
 * column; the offsets chosen are those a person would look at: the start
 * of a bad word, the backslash of a bad escape, the byte that breaks
 * UTF-8, the opening quote of a string that never ends, the end of the
 * input when it stops short. */
#include "json_strict.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "status.h"

#if EV_MAX_DEPTH > 64
#error "the container stack is one 64-bit word: EV_MAX_DEPTH must be <= 64"
#endif

typedef const unsigned char *bytes;

void ev_json_line_col(const char *buf, size_t offset, size_t *line,
                      size_t *col) {
  size_t l = 1, line_start = 0;
  for (size_t i = 0; i < offset; i++) {
    if (buf[i] == '\n') {
      l++;
      line_start = i + 1;
    }
  }
  *line = l;
  *col = offset - line_start + 1;
}

/* Sets the error slot: "JSON parse error at line L, column C: <what>". */
static int fail(bytes b, size_t at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int fail(bytes b, size_t at, const char *fmt, ...) {
  char what[224];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  size_t line, col;
  ev_json_line_col((const char *)b, at, &line, &col);
  return ev_error_set(EV_ERR_PARSE,
                      "JSON parse error at line %zu, column %zu: %s", line, col,
                      what);
}

/* The length (2..4) of the well-formed UTF-8 sequence at s[0..avail) whose
 * first byte is >= 0x80 (Unicode table 3-7), or 0 with *bad = the index of
 * the byte to blame: 0 for a byte that cannot start a sequence or one cut
 * short by a byte that is no continuation byte (0xE9 '"' in Latin-1 text),
 * the continuation byte out of range for an overlong form, a surrogate or
 * a code point above U+10FFFF, or avail when the input ends inside it. */
static size_t utf8_seq(bytes s, size_t avail, size_t *bad) {
  unsigned c = s[0];
  size_t n;
  unsigned lo = 0x80, hi = 0xBF;
  if (c < 0xC2 || c > 0xF4) {
    *bad = 0;
    return 0;
  }
  if (c < 0xE0) {
    n = 2;
  } else if (c < 0xF0) {
    n = 3;
    if (c == 0xE0) lo = 0xA0; /* overlong */
    if (c == 0xED) hi = 0x9F; /* surrogates */
  } else {
    n = 4;
    if (c == 0xF0) lo = 0x90; /* overlong */
    if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
  }
  for (size_t i = 1; i < n; i++) {
    if (i >= avail) {
      *bad = avail;
      return 0;
    }
    if (s[i] < 0x80 || s[i] > 0xBF) {
      *bad = 0;
      return 0;
    }
    if (s[i] < lo || s[i] > hi) {
      *bad = i;
      return 0;
    }
    lo = 0x80;
    hi = 0xBF;
  }
  return n;
}

/* Describes the byte (or UTF-8 character) at b[at] for "got ..." in a
 * message: 'x', control character U+000C, '“' (U+201C), byte 0xFF. Single
 * and curly quotes get a hint: word processors put them in hand-edited
 * JSON. */
static const char *describe(bytes b, size_t len, size_t at, char *out,
                            size_t cap) {
  static const char quotes[] = " (JSON strings need straight double quotes)";
  unsigned c = b[at];
  size_t bad;
  if (c < 0x20 || c == 0x7F) {
    snprintf(out, cap, "control character U+%04X", c);
  } else if (c == '\'') {
    snprintf(out, cap, "\"'\"%s", quotes);
  } else if (c < 0x80) {
    snprintf(out, cap, "'%c'", (char)c);
  } else {
    size_t n = utf8_seq(b + at, len - at, &bad);
    if (n) {
      unsigned cp = n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
      for (size_t i = 1; i < n; i++) cp = (cp << 6) | (b[at + i] & 0x3F);
      int curly = cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D;
      snprintf(out, cap, "'%.*s' (U+%04X)%s", (int)n, (const char *)b + at, cp,
               curly ? quotes : "");
    } else {
      snprintf(out, cap, "byte 0x%02X (not UTF-8)", c);
    }
  }
  return out;
}

const char *ev_json_describe(const char *buf, size_t len, size_t at,
                             char *out, size_t cap) {
  return describe((bytes)buf, len, at, out, cap);
}

static int is_ws(unsigned c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_digit(unsigned c) { return c >= '0' && c <= '9'; }

static int hex_value(unsigned c) {
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
  return -1;
}

/* The 4 hex digits at b[at..at+4) as a number; -1 if one is not hex, -2 if
 * the input ends first. */
static long hex4(bytes b, size_t len, size_t at) {
  long v = 0;
  for (size_t i = 0; i < 4; i++) {
    if (at + i >= len) return -2;
    int h = hex_value(b[at + i]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

/* Bytes that end the plain run of a string: '"', '\\', controls, non-ASCII. */
static int plain(unsigned c) {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* Scans the string whose opening quote is at b[*p]; on success *p is just
 * past the closing quote. */
static int scan_string(bytes b, size_t len, size_t *p, size_t *nul_at) {
  size_t open = *p, i = open + 1;
  for (;;) {
    while (i < len && plain(b[i])) i++;
    if (i >= len) return fail(b, open, "unterminated string");
    unsigned c = b[i];
    if (c == '"') {
      *p = i + 1;
      return EV_OK;
    }
    if (c == '\\') {
      if (i + 1 >= len) return fail(b, open, "unterminated string");
      unsigned e = b[i + 1];
      if (strchr("\"\\/bfnrt", (int)e) && e) {
        i += 2;
        continue;
      }
      if (e != 'u') {
        char got[96];
        if (e >= 0x21 && e < 0x7F)
          return fail(b, i, "invalid escape '\\%c' in a string", (char)e);
        return fail(b, i, "invalid escape: '\\' followed by %s in a string",
                    describe(b, len, i + 1, got, sizeof got));
      }
      long u = hex4(b, len, i + 2);
      if (u == -2) return fail(b, open, "unterminated string");
      if (u < 0)
        return fail(b, i, "invalid \\u escape (expected 4 hex digits)");
      if (u >= 0xDC00 && u <= 0xDFFF)
        return fail(b, i, "lone surrogate \\u%04lX in a string", u);
      if (u >= 0xD800 && u <= 0xDBFF) {
        long low = i + 7 < len && b[i + 6] == '\\' && b[i + 7] == 'u'
                       ? hex4(b, len, i + 8)
                       : -1;
        if (low < 0xDC00 || low > 0xDFFF)
          return fail(b, i, "lone surrogate \\u%04lX in a string", u);
        i += 12;
        continue;
      }
      if (u == 0 && *nul_at == EV_JSON_NONE) *nul_at = i;
      i += 6;
      continue;
    }
    if (c < 0x20) return fail(b, i, "control character U+%04X in a string", c);
    size_t bad, n = utf8_seq(b + i, len - i, &bad);
    if (!n) {
      if (i + bad >= len) return fail(b, open, "unterminated string");
      return fail(b, i + bad, "invalid UTF-8 byte 0x%02X in a string",
                  b[i + bad]);
    }
    i += n;
  }
}

/* Scans the number starting at b[*p] ('-' or a digit). */
static int scan_number(bytes b, size_t len, size_t *p) {
  size_t i = *p;
  if (b[i] == '-') i++;
  if (i >= len || !is_digit(b[i]))
    return i >= len ? fail(b, i, "unexpected end of input in a number")
                    : fail(b, i, "expected a digit after '-'");
  if (b[i] == '0') {
    if (i + 1 < len && is_digit(b[i + 1]))
      return fail(b, i, "leading zero in a number");
    i++;
  } else {
    while (i < len && is_digit(b[i])) i++;
  }
  if (i < len && b[i] == '.') {
    i++;
    if (i >= len || !is_digit(b[i]))
      return fail(b, i, "expected a digit after the decimal point");
    while (i < len && is_digit(b[i])) i++;
  }
  if (i < len && (b[i] == 'e' || b[i] == 'E')) {
    i++;
    if (i < len && (b[i] == '+' || b[i] == '-')) i++;
    if (i >= len || !is_digit(b[i]))
      return fail(b, i, "expected a digit in the exponent");
    while (i < len && is_digit(b[i])) i++;
  }
  *p = i;
  return EV_OK;
}

static int is_word(unsigned c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
         c == '_';
}

/* Scans a word at b[*p] (a letter): it must be true, false or null. */
static int scan_literal(bytes b, size_t len, size_t *p) {
  size_t i = *p;
  while (i < len && is_word(b[i])) i++;
  size_t n = i - *p;
  const char *w = (const char *)b + *p;
  if ((n == 4 && (memcmp(w, "true", 4) == 0 || memcmp(w, "null", 4) == 0)) ||
      (n == 5 && memcmp(w, "false", 5) == 0)) {
    *p = i;
    return EV_OK;
  }
  return fail(b, *p, "invalid literal '%.*s%s' (expected true, false or null)",
              n > 24 ? 24 : (int)n, w, n > 24 ? "..." : "");
}

enum {
  EXPECT_VALUE,       /* at the top, after ':' or after ',' in an array */
  EXPECT_ARRAY_FIRST, /* after '[': a value or ']' */
  EXPECT_KEY_FIRST,   /* after '{': a key or '}' */
  EXPECT_KEY,         /* after ',' in an object */
  EXPECT_COLON,
  AFTER_VALUE /* ',' or the closing bracket, or the end at the top */
};

int ev_json_strict_check(const char *buf, size_t len, ev_json_scan *out) {
  bytes b = (bytes)buf;
  size_t p = 0, nul_at = EV_JSON_NONE;
  if (!b) len = 0;
  int bom = len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
  if (bom) p = 3;
  while (p < len && is_ws(b[p])) p++;
  if (p == len) {
    if (len == 0) return fail(b, p, "the input is empty");
    return fail(b, p, "the input holds no JSON value, only %s",
                !bom       ? "whitespace"
                : len == 3 ? "a byte order mark"
                           : "a byte order mark and whitespace");
  }
  if (len >= 2 &&
      ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
    return fail(b, 0,
                "a UTF-16 byte order mark: the engine reads UTF-8 JSON only");
  size_t start = p;
  uint64_t objects = 0; /* bit d: level d + 1 is an object */
  int depth = 0;
  int state = EXPECT_VALUE;
  char after = 0; /* what precedes an expected value: 0, ':' or ',' */
  char got[96];
  int rc;
  for (;;) {
    while (p < len && is_ws(b[p])) p++;
    int in_object = depth > 0 && ((objects >> (depth - 1)) & 1);
    const char *close = in_object ? "'}'" : "']'";
    if (state == AFTER_VALUE) {
      if (depth == 0) break;
      if (p == len)
        return fail(b, p, "unexpected end of input (expected ',' or %s)",
                    close);
      if (b[p] == ',') {
        p++;
        state = in_object ? EXPECT_KEY : EXPECT_VALUE;
        after = ',';
        continue;
      }
      if (b[p] == (in_object ? '}' : ']')) {
        p++;
        depth--;
        continue;
      }
      return fail(b, p, "expected ',' or %s after %s, got %s", close,
                  in_object ? "an object member" : "an array element",
                  describe(b, len, p, got, sizeof got));
    }
    if (state == EXPECT_COLON) {
      if (p == len) return fail(b, p, "unexpected end of input (expected ':')");
      if (b[p] != ':')
        return fail(b, p, "expected ':' after an object key, got %s",
                    describe(b, len, p, got, sizeof got));
      p++;
      state = EXPECT_VALUE;
      after = ':';
      continue;
    }
    if (state == EXPECT_KEY_FIRST || state == EXPECT_KEY) {
      int first = state == EXPECT_KEY_FIRST;
      if (p == len)
        return fail(b, p, "unexpected end of input (expected %s)",
                    first ? "a string key or '}'" : "a string key");
      if (first && b[p] == '}') {
        p++;
        depth--;
        state = AFTER_VALUE;
        continue;
      }
      if (b[p] != '"')
        return fail(b, p, "expected %s, got %s",
                    first ? "a string key or '}'" : "a string key after ','",
                    describe(b, len, p, got, sizeof got));
      if ((rc = scan_string(b, len, &p, &nul_at)) != EV_OK) return rc;
      state = EXPECT_COLON;
      continue;
    }
    /* EXPECT_VALUE or EXPECT_ARRAY_FIRST */
    int first = state == EXPECT_ARRAY_FIRST;
    if (p == len)
      return fail(b, p, "unexpected end of input (expected a value%s)",
                  first ? " or ']'" : "");
    unsigned c = b[p];
    if (first && c == ']') {
      p++;
      depth--;
      state = AFTER_VALUE;
      continue;
    }
    if (c == '[' || c == '{') {
      if (depth == EV_MAX_DEPTH) {
        size_t line, col;
        ev_json_line_col(buf, p, &line, &col);
        return ev_error_set(EV_ERR_LIMIT,
                            "JSON nesting deeper than %d levels at line %zu, "
                            "column %zu (limit)",
                            EV_MAX_DEPTH, line, col);
      }
      if (c == '{')
        objects |= (uint64_t)1 << depth;
      else
        objects &= ~((uint64_t)1 << depth);
      depth++;
      p++;
      state = c == '{' ? EXPECT_KEY_FIRST : EXPECT_ARRAY_FIRST;
      after = 0;
      continue;
    }
    if (c == '"') {
      rc = scan_string(b, len, &p, &nul_at);
    } else if (c == '-' || is_digit(c)) {
      rc = scan_number(b, len, &p);
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      rc = scan_literal(b, len, &p);
    } else {
      return fail(b, p, "expected a value%s%s%s, got %s",
                  first ? " or ']'" : "", after ? " after " : "",
                  after == ':'   ? "':'"
                  : after == ',' ? "','"
                                 : "",
                  describe(b, len, p, got, sizeof got));
    }
    if (rc != EV_OK) return rc;
    state = AFTER_VALUE;
  }
  if (p < len)
    return fail(b, p, "unexpected data after the end of the JSON value");
  if (out) {
    out->start = start;
    out->nul_at = nul_at;
  }
  return EV_OK;
}
