/* ingest_stream.c — the strict push scanner: bytes straight to columns (see
 * ingest_stream.h).
 *
 * Two layers. The syntax layer is json_strict.c's state machine made
 * resumable: every state can stop at any byte and go on with the next
 * chunk, so only the token being read is carried over. Its messages and
 * offsets are json_strict.c's (the same words, the same "first problem
 * wins"); a syntax error ends the stream at once, because it beats every
 * other error of the tree path.
 *
 * The semantic layer gives each open container a role (root object, a
 * member that may be a table, a table, a record, a nested value, ignored)
 * and fills the columns of each table candidate as records go by. Errors
 * that the tree path finds while building tables are kept per candidate
 * (the first in row order, except that too many rows wins, as in
 * build_table) and decided at finish, in collect_tables' order, once the
 * whole text is known to be strict JSON and shadowed members are known.
 *
 * Files: this one is the scanner (both layers' state machine and the
 * public functions); stream_columns.[ch] is the column builder of one
 * table candidate (types, rows, keys, values, its errors); json_number.[ch]
 * converts a number's text to strtod's double.
 */
#include "ingest_stream.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_number.h"
#include "json_strict.h"
#include "stream_columns.h"
#include "status.h"

#define MSG_CAP EV_MSG_CAP

enum { R_IGNORE, R_ROOT_OBJ, R_MAYBE_TABLE, R_TABLE, R_RECORD, R_NESTED };

enum {
  S_VALUE,
  S_ARRAY_FIRST,
  S_KEY_FIRST,
  S_KEY,
  S_COLON,
  S_AFTER,
  S_DONE,
  S_STR,
  S_STR_UTF8,
  S_STR_ESC,
  S_STR_U,
  S_STR_LOW,
  S_NUM_MINUS,
  S_NUM_ZERO,
  S_NUM_INT,
  S_NUM_DOT,
  S_NUM_FRAC,
  S_NUM_EXP,
  S_NUM_EXP_SIGN,
  S_NUM_EXP_DIG,
  S_LIT,
  S_DESC,
  S_FAILED,
  S_FINISHED
};

typedef struct {
  char *p;
  size_t len, cap;
} sbuf;

struct ev_stream {
  size_t fed;        /* bytes fed so far */
  size_t pos;        /* offset of the chunk being scanned */
  size_t line, line_start;
  int state;
  int hard; /* a syntax, limit or memory error: the stream is over */
  char hard_msg[MSG_CAP];
  unsigned char head[3];
  int head_len, head_done, bom;
  int depth;
  uint64_t objects;
  char after;
  uint8_t role[EV_MAX_DEPTH + 1];
  /* the token being read */
  int str_key, want;
  size_t str_open, esc_at, lead_at, num_zero_at, lit_start, lit_n;
  unsigned u_val, hi_sur, lead, lo, hi;
  int u_cnt, low_k, need, have;
  sbuf tok;
  /* A token inside one chunk is read in place: borrow is set while the
   * token so far is b[tok_i0..) of the chunk being scanned (nothing copied
   * yet); at an escape or the chunk's end it is copied into tok. vp, vlen:
   * the finished string's or number's bytes (in the chunk or in tok). */
  int borrow;
  size_t tok_i0;
  const char *vp;
  size_t vlen;
  char lit[26];
  /* a pending "got ..." description of a non-ASCII byte */
  char desc_prefix[224];
  const char *desc_suffix;
  size_t desc_line, desc_col;
  unsigned char desc_buf[4];
  int desc_len, desc_need;
  /* first \u0000 escape */
  int has_nul;
  size_t nul_line, nul_col;
  /* semantics */
  int root_kind; /* 0 none, 1 array, 2 object, 3 scalar */
  const char *root_scalar;
  ev_cand *cands;
  int32_t ncands, cands_cap;
  /* top-level member names seen with a table: name code -> the live
   * candidate of that name or -1 (a later member of one name shadows) */
  ev_dict *tnames;
  int32_t *tlive;
  int32_t tlive_cap;
  int32_t cur_cand, cur_row, cur_col;
  char *member;
  int capturing, cap_depth;
  sbuf capture;
  int32_t rows_total;
  double total; /* the input's size if known, else 0 (ev_cand_size_hint) */
};

/* ---- small helpers ----------------------------------------------------- */

static int sbuf_grow(sbuf *b, const void *src, size_t n);

static inline int sbuf_put(sbuf *b, const void *src, size_t n) {
  if (b->len + n + 1 <= b->cap) {
    memcpy(b->p + b->len, src, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
  }
  return sbuf_grow(b, src, n);
}

static int sbuf_grow(sbuf *b, const void *src, size_t n) {
  {
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) return -1;
    b->p = p;
    b->cap = cap;
  }
  if (n) memcpy(b->p + b->len, src, n);
  b->len += n;
  b->p[b->len] = '\0';
  return 0;
}

static int hard_fail(ev_stream *s, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int hard_fail(ev_stream *s, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ev_msg_vformat(s->hard_msg, fmt, ap);
  va_end(ap);
  s->hard = code;
  s->state = S_FAILED;
  return ev_error_set(code, "%s", s->hard_msg);
}

static int nomem(ev_stream *s) {
  if (s->cur_cand >= 0 && s->cur_cand < s->ncands &&
      s->cands[s->cur_cand].name)
    return hard_fail(s, EV_ERR_NOMEM, "out of memory reading table '%s'",
                     s->cands[s->cur_cand].name);
  return hard_fail(s, EV_ERR_NOMEM, "out of memory reading JSON");
}

/* json_strict.c's fail(): "JSON parse error at line L, column C: what" at
 * offset at of the input (on the current line). */
static int pfail(ev_stream *s, size_t at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int pfail(ev_stream *s, size_t at, const char *fmt, ...) {
  char what[224];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  return hard_fail(s, EV_ERR_PARSE,
                   "JSON parse error at line %zu, column %zu: %s", s->line,
                   at - s->line_start + 1, what);
}

/* ---- semantic layer ---------------------------------------------------- */

static int new_cand(ev_stream *s, const char *name) {
  if (s->ncands == s->cands_cap) {
    int32_t cap = s->cands_cap ? s->cands_cap * 2 : 8;
    ev_cand *c = realloc(s->cands, (size_t)cap * sizeof *c);
    if (!c) return nomem(s);
    s->cands = c;
    s->cands_cap = cap;
  }
  if (ev_cand_init(&s->cands[s->ncands], name) != EV_OK) return nomem(s);
  ev_cand_size_hint(&s->cands[s->ncands], s->total);
  s->cur_cand = s->ncands++;
  if (s->root_kind != 2) return EV_OK;
  /* a table member of the root object: index its name for shadowing */
  size_t n = strlen(name);
  if (!s->tnames && !(s->tnames = ev_dict_new())) return nomem(s);
  int32_t code = ev_dict_intern(s->tnames, name, n);
  if (code < 0) return nomem(s);
  if (code >= s->tlive_cap) {
    int32_t cap = s->tlive_cap ? s->tlive_cap * 2 : 16;
    int32_t *p = realloc(s->tlive, (size_t)cap * sizeof *p);
    if (!p) return nomem(s);
    s->tlive = p;
    s->tlive_cap = cap;
  }
  s->tlive[code] = s->cur_cand;
  return EV_OK;
}

/* A new element of the table being read: a record or not. */
static int row_start(ev_stream *s, int is_record, const char *kind,
                     size_t at) {
  s->rows_total++;
  s->cur_col = -1;
  int rc = ev_cand_row_start(&s->cands[s->cur_cand], is_record, kind,
                             (double)at, &s->cur_row);
  return rc == EV_OK ? EV_OK : nomem(s);
}

static int record_key(ev_stream *s) {
  int rc = ev_cand_key(&s->cands[s->cur_cand], s->cur_row, s->vp, s->vlen,
                       &s->cur_col);
  return rc == EV_OK ? EV_OK : nomem(s);
}

static int record_value(ev_stream *s, int kind, double num) {
  if (s->cur_col < 0) return EV_OK;
  int rc = ev_cand_value(&s->cands[s->cur_cand], s->cur_row, s->cur_col,
                         kind, num, s->vp, s->vlen);
  return rc == EV_OK ? EV_OK : nomem(s);
}

/* The nested value captured in s->capture is complete. */
static int nested_done(ev_stream *s) {
  s->capturing = 0;
  if (s->cur_col < 0) return EV_OK;
  int rc = ev_cand_nested(&s->cands[s->cur_cand], s->cur_row, s->cur_col,
                          s->capture.p, s->capture.len);
  return rc == EV_OK ? EV_OK : nomem(s);
}

/* A container opens at offset at, at the current depth (before it is
 * counted): its role, or -1 after a hard error. */
static int sem_open(ev_stream *s, int is_obj, size_t at) {
  if (s->depth == 0) {
    if (is_obj) {
      s->root_kind = 2;
      return R_ROOT_OBJ;
    }
    s->root_kind = 1;
    return new_cand(s, "data") == EV_OK ? R_TABLE : -1;
  }
  int pr = s->role[s->depth];
  switch (pr) {
    case R_ROOT_OBJ: return is_obj ? R_IGNORE : R_MAYBE_TABLE;
    case R_MAYBE_TABLE:
      if (!is_obj) {
        s->role[s->depth] = R_IGNORE;
        return R_IGNORE;
      }
      if (new_cand(s, s->member ? s->member : "") != EV_OK) return -1;
      s->role[s->depth] = R_TABLE;
      /* fall through */
    case R_TABLE:
      if (row_start(s, is_obj, "array", at) != EV_OK) return -1;
      return is_obj ? R_RECORD : R_IGNORE;
    case R_RECORD: {
      if (s->cur_col < 0) return R_IGNORE;
      ev_cand *c = &s->cands[s->cur_cand];
      if (c->err) return R_IGNORE;
      int ok = ev_cand_check_type(c, s->cur_row, s->cur_col, EV_COL_JSON,
                                  is_obj ? "object" : "array", NULL, 0);
      if (ok < 0) {
        nomem(s);
        return -1;
      }
      if (!ok) return R_IGNORE;
      s->capturing = 1;
      s->cap_depth = s->depth + 1;
      s->capture.len = 0;
      return R_NESTED;
    }
    case R_NESTED: return R_NESTED;
    default: return R_IGNORE;
  }
}

/* A scalar value ends at the current depth. */
static int sem_scalar(ev_stream *s, int kind, double num) {
  if (s->depth == 0) {
    s->root_kind = 3;
    s->root_scalar = ev_kind_name(kind);
    return EV_OK;
  }
  switch (s->role[s->depth]) {
    case R_MAYBE_TABLE: s->role[s->depth] = R_IGNORE; return EV_OK;
    case R_TABLE: return row_start(s, 0, ev_kind_name(kind), 0);
    case R_RECORD: return record_value(s, kind, num);
    default: return EV_OK;
  }
}

static int sem_key(ev_stream *s) {
  int r = s->role[s->depth];
  if (r == R_RECORD) return record_key(s);
  if (r != R_ROOT_OBJ) return EV_OK;
  const char *k = s->vp;
  const char *z = memchr(k, 0, s->vlen);
  size_t n = z ? (size_t)(z - k) : s->vlen; /* cJSON's keys end at a NUL */
  int32_t code = ev_dict_find(s->tnames, k, n);
  if (code >= 0 && s->tlive[code] >= 0) {
    ev_cand *c = &s->cands[s->tlive[code]];
    c->dead = 1;
    ev_cand_free_columns(c);
    s->tlive[code] = -1;
  }
  char *m = realloc(s->member, n + 1);
  if (!m) return nomem(s);
  memcpy(m, k, n);
  m[n] = '\0';
  s->member = m;
  return EV_OK;
}

/* Whether the string or number starting now is needed decoded. */
static int want_value(ev_stream *s) {
  return s->depth > 0 && s->role[s->depth] == R_RECORD && s->cur_col >= 0 &&
         !s->cands[s->cur_cand].err;
}

/* ---- syntax layer ------------------------------------------------------ */

static int value_done(ev_stream *s) {
  s->state = s->depth ? S_AFTER : S_DONE;
  return EV_OK;
}

static int desc_finish(ev_stream *s) {
  char got[96];
  ev_json_describe((const char *)s->desc_buf, (size_t)s->desc_len, 0, got,
                   sizeof got);
  /* json_strict.c formats into 224 bytes: keep the same 223 */
  char what[MSG_CAP];
  snprintf(what, sizeof what, "%s%s%s", s->desc_prefix, got, s->desc_suffix);
  what[223] = '\0';
  return hard_fail(s, EV_ERR_PARSE,
                   "JSON parse error at line %zu, column %zu: %s",
                   s->desc_line, s->desc_col, what);
}

/* Refuses with "<prefix><description of b[i]><suffix>" at offset at. A
 * non-ASCII byte may need the next bytes (up to 4 in all) to be described:
 * they are collected first (state S_DESC). */
static int describe_fail(ev_stream *s, const unsigned char *b, size_t n,
                         size_t *i, size_t at, const char *prefix,
                         const char *suffix) {
  snprintf(s->desc_prefix, sizeof s->desc_prefix, "%s", prefix);
  s->desc_suffix = suffix;
  s->desc_line = s->line;
  s->desc_col = at - s->line_start + 1;
  unsigned c = b[*i];
  int need = c < 0xC2 || c > 0xF4 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  s->desc_need = need;
  s->desc_len = 0;
  while (s->desc_len < need && *i < n) s->desc_buf[s->desc_len++] = b[(*i)++];
  if (s->desc_len == need) return desc_finish(s);
  s->state = S_DESC;
  return EV_OK;
}

/* The container at s->depth closes with the byte before b[i]. */
static int close_container(ev_stream *s, const unsigned char *b, size_t i,
                           size_t *cap_from) {
  int r = s->role[s->depth];
  int rc = EV_OK;
  if (r == R_NESTED && s->depth == s->cap_depth) {
    if (sbuf_put(&s->capture, b + *cap_from, i - *cap_from)) return nomem(s);
    *cap_from = SIZE_MAX;
    rc = nested_done(s);
  }
  else if (r == R_RECORD) s->cur_col = -1;
  s->depth--;
  if (rc != EV_OK) return rc;
  if (s->depth > 0 && s->role[s->depth] == R_RECORD) s->cur_col = -1;
  return value_done(s);
}

static int string_done(ev_stream *s) {
  if (s->str_key) {
    s->state = S_COLON;
    return sem_key(s);
  }
  int rc = sem_scalar(s, EV_K_STR, 0);
  if (rc != EV_OK) return rc;
  if (s->depth > 0 && s->role[s->depth] == R_RECORD) s->cur_col = -1;
  return value_done(s);
}

/* The number ends before b[i], its value v already converted. */
static int number_value(ev_stream *s, const unsigned char *b, size_t i,
                        double v) {
  if (s->borrow) {
    s->vp = (const char *)b + s->tok_i0;
    s->vlen = i - s->tok_i0;
  } else {
    s->vp = s->tok.p;
    s->vlen = s->tok.len;
  }
  int rc = sem_scalar(s, EV_K_NUM, v);
  if (rc != EV_OK) return rc;
  if (s->depth > 0 && s->role[s->depth] == R_RECORD) s->cur_col = -1;
  return value_done(s);
}

/* The number ends before b[i] (b is NULL at the end of the input). */
static int number_done(ev_stream *s, const unsigned char *b, size_t i) {
  double v = 0;
  if (s->borrow) {
    s->vp = (const char *)b + s->tok_i0;
    s->vlen = i - s->tok_i0;
  } else {
    s->vp = s->tok.p;
    s->vlen = s->tok.len;
  }
  if (s->want) v = ev_json_to_double(s->vp, s->vlen);
  int rc = sem_scalar(s, EV_K_NUM, v);
  if (rc != EV_OK) return rc;
  if (s->depth > 0 && s->role[s->depth] == R_RECORD) s->cur_col = -1;
  return value_done(s);
}

static int is_word(unsigned c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

static int literal_done(ev_stream *s) {
  size_t n = s->lit_n;
  const char *w = s->lit;
  int kind = -1;
  if (n == 4 && memcmp(w, "true", 4) == 0) kind = EV_K_TRUE;
  if (n == 4 && memcmp(w, "null", 4) == 0) kind = EV_K_NULL;
  if (n == 5 && memcmp(w, "false", 5) == 0) kind = EV_K_FALSE;
  if (kind < 0)
    return pfail(s, s->lit_start,
                 "invalid literal '%.*s%s' (expected true, false or null)",
                 n > 24 ? 24 : (int)n, w, n > 24 ? "..." : "");
  int rc = sem_scalar(s, kind, 0);
  if (rc != EV_OK) return rc;
  if (s->depth > 0 && s->role[s->depth] == R_RECORD) s->cur_col = -1;
  return value_done(s);
}

static int put_utf8(ev_stream *s, unsigned cp) {
  unsigned char o[4];
  size_t n;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    n = 1;
  } else if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  return sbuf_put(&s->tok, o, n) ? nomem(s) : EV_OK;
}

static int hexv(unsigned c) {
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
  return -1;
}

/* 1 for bytes that continue a plain run of a string: not '"', '\\', a
 * control character or non-ASCII. */
static inline int plain(unsigned c) {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* The first j' >= j with b[j'] not plain (or n): 8 bytes at a time while
 * they fit (a word with no byte < 0x20, >= 0x80, '"' or '\\' is skipped
 * whole), then byte by byte. */
static inline size_t plain_run(const unsigned char *b, size_t j, size_t n) {
  const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  while (j + 8 <= n) {
    uint64_t x;
    memcpy(&x, b + j, 8);
    uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
    uint64_t bad = ((x - ones * 0x20) & ~x) | x | ((q - ones) & ~q) |
                   ((bs - ones) & ~bs);
    if (bad & highs) break;
    j += 8;
  }
  while (j < n && plain(b[j])) j++;
  return j;
}

#define AT(k) (s->pos + (k))
#define NPUT(src, n)                                               \
  do {                                                             \
    if (!s->borrow && s->want && sbuf_put(&s->tok, (src), (n)))    \
      return nomem(s);                                             \
  } while (0)
#define PUT(src, n)                                              \
  do {                                                           \
    if (s->want && sbuf_put(&s->tok, (src), (n))) return nomem(s); \
  } while (0)

static inline int is_digit(unsigned c) { return c >= '0' && c <= '9'; }

/* A string's content starts at b[*i]: a string that ends in this chunk
 * without escapes or non-ASCII bytes is done at once (read in place);
 * anything else goes on in state S_STR. */
static int string_start(ev_stream *s, const unsigned char *b, size_t n,
                        size_t *i) {
  size_t j = plain_run(b, *i, n);
  if (j < n && b[j] == '"') {
    s->vp = (const char *)b + *i;
    s->vlen = j - *i;
    *i = j + 1;
    return string_done(s);
  }
  s->borrow = 1;
  s->tok_i0 = *i;
  s->state = S_STR;
  return EV_OK;
}

/* A structural byte (not whitespace) at b[*i] in one of the states between
 * tokens. */
static int structural1(ev_stream *s, const unsigned char *b, size_t n,
                       size_t *i, size_t *cap_from) {
  unsigned c = b[*i];
  size_t at = AT(*i);
  char buf[128];
  switch (s->state) {
    case S_DONE:
      return pfail(s, at, "unexpected data after the end of the JSON value");
    case S_AFTER: {
      int in_obj = (int)((s->objects >> (s->depth - 1)) & 1);
      if (c == ',') {
        (*i)++;
        s->state = in_obj ? S_KEY : S_VALUE;
        s->after = ',';
        return EV_OK;
      }
      if (c == (in_obj ? '}' : ']')) {
        (*i)++;
        return close_container(s, b, *i, cap_from);
      }
      snprintf(buf, sizeof buf, "expected ',' or %s after %s, got ",
               in_obj ? "'}'" : "']'",
               in_obj ? "an object member" : "an array element");
      return describe_fail(s, b, n, i, at, buf, "");
    }
    case S_COLON:
      if (c != ':')
        return describe_fail(s, b, n, i, at,
                             "expected ':' after an object key, got ", "");
      (*i)++;
      s->state = S_VALUE;
      s->after = ':';
      return EV_OK;
    case S_KEY_FIRST:
    case S_KEY: {
      int first = s->state == S_KEY_FIRST;
      if (first && c == '}') {
        (*i)++;
        return close_container(s, b, *i, cap_from);
      }
      if (c != '"')
        return describe_fail(
            s, b, n, i, at,
            first ? "expected a string key or '}', got "
                  : "expected a string key after ',', got ",
            "");
      int r = s->role[s->depth];
      if (r == R_RECORD) {
        /* records usually repeat the key order: when the raw bytes are the
         * next column's (plain) name and its closing quote, the key is
         * that column, without decoding or looking it up */
        ev_cand *cd = &s->cands[s->cur_cand];
        int32_t nc = cd->next_col;
        if (!cd->err && nc < cd->ncols && cd->cols[nc].plain_name) {
          size_t L = cd->cols[nc].name_len;
          if (*i + 1 + L < n && b[*i + 1 + L] == '"' &&
              memcmp(b + *i + 1, cd->cols[nc].name, L) == 0) {
            s->cur_col = nc;
            cd->next_col = nc + 1;
            *i += L + 2;
            s->state = S_COLON;
            return EV_OK;
          }
        }
      }
      s->str_key = 1;
      s->want = r == R_ROOT_OBJ ||
                (r == R_RECORD && !s->cands[s->cur_cand].err);
      s->str_open = at;
      s->tok.len = 0;
      (*i)++;
      return string_start(s, b, n, i);
    }
    default: break;
  }
  /* S_VALUE or S_ARRAY_FIRST */
  int first = s->state == S_ARRAY_FIRST;
  if (first && c == ']') {
    (*i)++;
    return close_container(s, b, *i, cap_from);
  }
  if (c == '[' || c == '{') {
    if (s->depth == EV_MAX_DEPTH)
      return hard_fail(s, EV_ERR_LIMIT,
                       "JSON nesting deeper than %d levels at line %zu, "
                       "column %zu (limit)",
                       EV_MAX_DEPTH, s->line, at - s->line_start + 1);
    int role = sem_open(s, c == '{', at);
    if (role < 0) return s->hard;
    if (c == '{')
      s->objects |= (uint64_t)1 << s->depth;
    else
      s->objects &= ~((uint64_t)1 << s->depth);
    s->depth++;
    s->role[s->depth] = (uint8_t)role;
    if (role == R_NESTED && s->depth == s->cap_depth) *cap_from = *i;
    (*i)++;
    s->state = c == '{' ? S_KEY_FIRST : S_ARRAY_FIRST;
    s->after = 0;
    return EV_OK;
  }
  if (c == '"') {
    s->str_key = 0;
    s->want = want_value(s);
    s->str_open = at;
    s->tok.len = 0;
    (*i)++;
    return string_start(s, b, n, i);
  }
  if (c == '-' || (c >= '0' && c <= '9')) {
    s->want = want_value(s);
    s->tok.len = 0;
    s->borrow = 1;
    s->tok_i0 = *i;
    /* fast path: -?(0|[1-9][0-9]*)(.[0-9]+)? ended inside this chunk;
     * anything else (exponents, errors, a chunk's end) takes the states */
    /* the significand is read on the way (nd digits without leading
     * zeros, m while nd <= 19, value m * 10^e10) */
    size_t j = *i + (c == '-');
    if (j < n && is_digit(b[j])) {
      uint64_t m = 0;
      int nd = 0;
      long e10 = 0;
      if (b[j] == '0') j++;
      else
        for (; j < n && is_digit(b[j]); j++)
          if (++nd <= 19) m = m * 10 + (b[j] - '0');
      if (j < n && b[j] == '.') {
        size_t d = ++j;
        for (; j < n && is_digit(b[j]); j++) {
          if (m == 0 && nd == 0 && b[j] == '0') {
            e10--;
            continue;
          }
          if (++nd <= 19) {
            m = m * 10 + (b[j] - '0');
            e10--;
          }
        }
        if (j == d) j = n;
      }
      if (j < n && !is_digit(b[j]) && b[j] != '.' && b[j] != 'e' &&
          b[j] != 'E') {
        size_t i0 = *i;
        *i = j;
        if (nd > 19 || !s->want) return number_done(s, b, j);
        double v = ev_json_decimal((const char *)b + i0, j - i0, m, e10,
                                   c == '-');
        return number_value(s, b, j, v);
      }
    }
    s->state = c == '-' ? S_NUM_MINUS : c == '0' ? S_NUM_ZERO : S_NUM_INT;
    if (c == '0') s->num_zero_at = at;
    (*i)++;
    return EV_OK;
  }
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
    /* fast path: true, false or null ended inside this chunk */
    size_t L = c == 'f' ? 5 : 4;
    if (*i + L < n && !is_word(b[*i + L]) &&
        (c == 't'   ? memcmp(b + *i, "true", 4) == 0
         : c == 'f' ? memcmp(b + *i, "false", 5) == 0
         : c == 'n' && memcmp(b + *i, "null", 4) == 0)) {
      *i += L;
      int rc = sem_scalar(s, c == 't'   ? EV_K_TRUE
                             : c == 'f' ? EV_K_FALSE
                                        : EV_K_NULL,
                          0);
      if (rc != EV_OK) return rc;
      if (s->depth > 0 && s->role[s->depth] == R_RECORD) s->cur_col = -1;
      return value_done(s);
    }
    s->lit_start = at;
    s->lit_n = 0;
    s->state = S_LIT;
    return EV_OK;
  }
  snprintf(buf, sizeof buf, "expected a value%s%s%s, got ",
           first ? " or ']'" : "", s->after ? " after " : "",
           s->after == ':'   ? "':'"
           : s->after == ',' ? "','"
                             : "");
  return describe_fail(s, b, n, i, at, buf, "");
}

/* structural1 until a token is left unfinished, whitespace or the chunk's
 * end (fewer trips through scan's loop). */
static int structural(ev_stream *s, const unsigned char *b, size_t n,
                      size_t *i, size_t *cap_from) {
  for (;;) {
    int rc = structural1(s, b, n, i, cap_from);
    if (rc != EV_OK || *i >= n || s->state > S_DONE) return rc;
    unsigned c = b[*i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return EV_OK;
  }
}

/* Scans b[0..n) (the bytes at offsets s->pos...). */
static int scan(ev_stream *s, const unsigned char *b, size_t n) {
  size_t i = 0;
  size_t cap_from = s->capturing ? 0 : SIZE_MAX;
  int rc = EV_OK;
  while (i < n && rc == EV_OK) {
    unsigned c;
    switch (s->state) {
      case S_VALUE:
      case S_ARRAY_FIRST:
      case S_KEY_FIRST:
      case S_KEY:
      case S_COLON:
      case S_AFTER:
      case S_DONE:
        c = b[i];
        while (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          if (c == '\n') {
            s->line++;
            s->line_start = AT(i) + 1;
          }
          if (++i == n) goto out;
          c = b[i];
        }
        rc = structural(s, b, n, &i, &cap_from);
        break;
      case S_STR: {
        size_t st = i;
        i = plain_run(b, i, n);
        if (i > st && !s->borrow) PUT(b + st, i - st);
        if (i == n) break;
        c = b[i];
        if (c == '"') {
          if (s->borrow) {
            s->vp = (const char *)b + s->tok_i0;
            s->vlen = i - s->tok_i0;
          } else {
            s->vp = s->tok.p ? s->tok.p : "";
            s->vlen = s->tok.len;
          }
          i++;
          rc = string_done(s);
        } else if (c == '\\') {
          if (s->borrow) {
            PUT(b + s->tok_i0, i - s->tok_i0);
            s->borrow = 0;
          }
          s->esc_at = AT(i);
          i++;
          s->state = S_STR_ESC;
        } else if (c < 0x20) {
          rc = pfail(s, AT(i), "control character U+%04X in a string", c);
        } else if (c < 0xC2 || c > 0xF4) {
          rc = pfail(s, AT(i), "invalid UTF-8 byte 0x%02X in a string", c);
        } else {
          s->lead = c;
          s->lead_at = AT(i);
          s->need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
          s->have = 1;
          s->lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
          s->hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
          if (!s->borrow) PUT(b + i, 1);
          i++;
          s->state = S_STR_UTF8;
        }
        break;
      }
      case S_STR_UTF8:
        c = b[i];
        if (c < 0x80 || c > 0xBF) {
          rc = pfail(s, s->lead_at, "invalid UTF-8 byte 0x%02X in a string",
                     s->lead);
          break;
        }
        if (c < s->lo || c > s->hi) {
          rc = pfail(s, AT(i), "invalid UTF-8 byte 0x%02X in a string", c);
          break;
        }
        if (!s->borrow) PUT(b + i, 1);
        i++;
        s->lo = 0x80;
        s->hi = 0xBF;
        if (++s->have == s->need) s->state = S_STR;
        break;
      case S_STR_ESC: {
        c = b[i];
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *e = c ? strchr(from, (int)c) : NULL;
        if (e) {
          char d = to[e - from];
          PUT(&d, 1);
          i++;
          s->state = S_STR;
        } else if (c == 'u') {
          i++;
          s->u_val = 0;
          s->u_cnt = 0;
          s->state = S_STR_U;
        } else if (c >= 0x21 && c < 0x7F) {
          rc = pfail(s, s->esc_at, "invalid escape '\\%c' in a string",
                     (char)c);
        } else {
          rc = describe_fail(s, b, n, &i, s->esc_at,
                             "invalid escape: '\\' followed by ",
                             " in a string");
        }
        break;
      }
      case S_STR_U: {
        int h = hexv(b[i]);
        if (h < 0) {
          rc = pfail(s, s->esc_at, "invalid \\u escape (expected 4 hex digits)");
          break;
        }
        i++;
        s->u_val = s->u_val * 16 + (unsigned)h;
        if (++s->u_cnt < 4) break;
        unsigned u = s->u_val;
        if (u >= 0xDC00 && u <= 0xDFFF) {
          rc = pfail(s, s->esc_at, "lone surrogate \\u%04lX in a string",
                     (long)u);
        } else if (u >= 0xD800 && u <= 0xDBFF) {
          s->hi_sur = u;
          s->low_k = 0;
          s->u_val = 0;
          s->state = S_STR_LOW;
        } else {
          if (u == 0 && !s->has_nul) {
            s->has_nul = 1;
            s->nul_line = s->line;
            s->nul_col = s->esc_at - s->line_start + 1;
          }
          if (s->want) rc = put_utf8(s, u);
          s->state = S_STR;
        }
        break;
      }
      case S_STR_LOW: {
        c = b[i];
        int ok;
        if (s->low_k == 0) ok = c == '\\';
        else if (s->low_k == 1) ok = c == 'u';
        else {
          int h = hexv(c);
          ok = h >= 0;
          if (ok) s->u_val = s->u_val * 16 + (unsigned)h;
        }
        if (!ok) {
          rc = pfail(s, s->esc_at, "lone surrogate \\u%04lX in a string",
                     (long)s->hi_sur);
          break;
        }
        i++;
        if (++s->low_k < 6) break;
        if (s->u_val < 0xDC00 || s->u_val > 0xDFFF) {
          rc = pfail(s, s->esc_at, "lone surrogate \\u%04lX in a string",
                     (long)s->hi_sur);
          break;
        }
        if (s->want)
          rc = put_utf8(s, 0x10000 + ((s->hi_sur - 0xD800) << 10) +
                               (s->u_val - 0xDC00));
        s->state = S_STR;
        break;
      }
      case S_NUM_MINUS:
        c = b[i];
        if (!is_digit(c)) {
          rc = pfail(s, AT(i), "expected a digit after '-'");
          break;
        }
        NPUT(b + i, 1);
        if (c == '0') s->num_zero_at = AT(i);
        s->state = c == '0' ? S_NUM_ZERO : S_NUM_INT;
        i++;
        break;
      case S_NUM_ZERO:
        c = b[i];
        if (is_digit(c)) {
          rc = pfail(s, s->num_zero_at, "leading zero in a number");
        } else if (c == '.') {
          NPUT(b + i, 1);
          i++;
          s->state = S_NUM_DOT;
        } else if (c == 'e' || c == 'E') {
          NPUT(b + i, 1);
          i++;
          s->state = S_NUM_EXP;
        } else {
          rc = number_done(s, b, i);
        }
        break;
      case S_NUM_INT:
      case S_NUM_FRAC:
      case S_NUM_EXP_DIG: {
        size_t st = i;
        while (i < n && is_digit(b[i])) i++;
        if (i > st) NPUT(b + st, i - st);
        if (i == n) break;
        c = b[i];
        if (c == '.' && s->state == S_NUM_INT) {
          NPUT(b + i, 1);
          i++;
          s->state = S_NUM_DOT;
        } else if ((c == 'e' || c == 'E') && s->state != S_NUM_EXP_DIG) {
          NPUT(b + i, 1);
          i++;
          s->state = S_NUM_EXP;
        } else {
          rc = number_done(s, b, i);
        }
        break;
      }
      case S_NUM_DOT:
        c = b[i];
        if (!is_digit(c)) {
          rc = pfail(s, AT(i), "expected a digit after the decimal point");
          break;
        }
        NPUT(b + i, 1);
        i++;
        s->state = S_NUM_FRAC;
        break;
      case S_NUM_EXP:
      case S_NUM_EXP_SIGN:
        c = b[i];
        if (s->state == S_NUM_EXP && (c == '+' || c == '-')) {
          NPUT(b + i, 1);
          i++;
          s->state = S_NUM_EXP_SIGN;
        } else if (is_digit(c)) {
          NPUT(b + i, 1);
          i++;
          s->state = S_NUM_EXP_DIG;
        } else {
          rc = pfail(s, AT(i), "expected a digit in the exponent");
        }
        break;
      case S_LIT:
        while (i < n && is_word(b[i])) {
          if (s->lit_n < sizeof s->lit) s->lit[s->lit_n] = (char)b[i];
          s->lit_n++;
          i++;
        }
        if (i < n) rc = literal_done(s);
        break;
      case S_DESC:
        while (s->desc_len < s->desc_need && i < n)
          s->desc_buf[s->desc_len++] = b[i++];
        if (s->desc_len == s->desc_need) rc = desc_finish(s);
        break;
      default:
        return s->hard ? s->hard : EV_ERR_ARG;
    }
  }
out:
  if (rc != EV_OK) return rc;
  if (s->borrow && (s->state == S_STR || s->state == S_STR_UTF8 ||
                    (s->state >= S_NUM_MINUS && s->state <= S_NUM_EXP_DIG))) {
    if (s->want && sbuf_put(&s->tok, b + s->tok_i0, n - s->tok_i0))
      return nomem(s);
    s->borrow = 0;
  }
  if (s->capturing && cap_from != SIZE_MAX && n > cap_from)
    if (sbuf_put(&s->capture, b + cap_from, n - cap_from)) return nomem(s);
  s->pos += n;
  return EV_OK;
}

/* The first up to 3 bytes: a byte order mark is skipped; UTF-16 refused. */
static int process_head(ev_stream *s) {
  s->head_done = 1;
  if (s->head_len == 3 && s->head[0] == 0xEF && s->head[1] == 0xBB &&
      s->head[2] == 0xBF) {
    s->bom = 1;
    s->pos = 3;
    return EV_OK;
  }
  if (s->head_len >= 2 && ((s->head[0] == 0xFF && s->head[1] == 0xFE) ||
                           (s->head[0] == 0xFE && s->head[1] == 0xFF)))
    return pfail(s, 0,
                 "a UTF-16 byte order mark: the engine reads UTF-8 JSON only");
  return scan(s, s->head, (size_t)s->head_len);
}

/* ---- the public functions ---------------------------------------------- */

int ev_stream_open(ev_stream **out, double total_bytes) {
  if (!out) return ev_error_set(EV_ERR_ARG, "stream: no output");
  *out = NULL;
  if (total_bytes < 0)
    return ev_error_set(EV_ERR_ARG, "stream: a negative input size");
  if (total_bytes > (double)EV_STREAM_MAX_INPUT_BYTES)
    return ev_error_set(EV_ERR_LIMIT,
                        "input is %.0f bytes, over the limit of %d bytes",
                        total_bytes, EV_STREAM_MAX_INPUT_BYTES);
  ev_stream *s = calloc(1, sizeof *s);
  if (!s) return ev_error_set(EV_ERR_NOMEM, "out of memory opening a stream");
  s->line = 1;
  s->state = S_VALUE;
  s->cur_col = -1;
  s->total = total_bytes > 0 ? total_bytes : 0; /* NaN: unknown */
  *out = s;
  return EV_OK;
}

static int refail(ev_stream *s) {
  return ev_error_set(s->hard, "%s", s->hard_msg);
}

int ev_stream_feed(ev_stream *s, const char *bytes, size_t len) {
  if (!s) return ev_error_set(EV_ERR_ARG, "stream: no stream");
  if (s->hard) return refail(s);
  if (s->state == S_FINISHED)
    return ev_error_set(EV_ERR_ARG, "stream: already finished");
  if (!bytes && len) return ev_error_set(EV_ERR_ARG, "stream: no input");
  if (len > (size_t)EV_STREAM_MAX_INPUT_BYTES - s->fed)
    return hard_fail(s, EV_ERR_LIMIT,
                     "input is over the limit of %d bytes",
                     EV_STREAM_MAX_INPUT_BYTES);
  s->fed += len;
  const unsigned char *b = (const unsigned char *)bytes;
  if (!s->head_done) {
    while (len && s->head_len < 3) {
      s->head[s->head_len++] = *b++;
      len--;
    }
    if (s->head_len < 3) return EV_OK;
    int rc = process_head(s);
    if (rc != EV_OK) return rc;
  }
  if (!len) return EV_OK;
  return scan(s, b, len);
}

/* The error the tree path reports at the end of the input, if any. */
static int eof_syntax(ev_stream *s) {
  size_t end = s->fed;
  int rc;
  if (!s->head_done && (rc = process_head(s)) != EV_OK) return rc;
  switch (s->state) {
    case S_DESC: return desc_finish(s);
    case S_STR:
    case S_STR_UTF8:
    case S_STR_ESC:
    case S_STR_U: return pfail(s, s->str_open, "unterminated string");
    case S_STR_LOW:
      return pfail(s, s->esc_at, "lone surrogate \\u%04lX in a string",
                   (long)s->hi_sur);
    case S_NUM_MINUS:
      return pfail(s, end, "unexpected end of input in a number");
    case S_NUM_DOT:
      return pfail(s, end, "expected a digit after the decimal point");
    case S_NUM_EXP:
    case S_NUM_EXP_SIGN:
      return pfail(s, end, "expected a digit in the exponent");
    case S_NUM_ZERO:
    case S_NUM_INT:
    case S_NUM_FRAC:
    case S_NUM_EXP_DIG:
      if ((rc = number_done(s, NULL, 0)) != EV_OK) return rc;
      break;
    case S_LIT:
      if ((rc = literal_done(s)) != EV_OK) return rc;
      break;
    default: break;
  }
  int in_obj = s->depth > 0 && ((s->objects >> (s->depth - 1)) & 1);
  switch (s->state) {
    case S_DONE: return EV_OK;
    case S_AFTER:
      return pfail(s, end, "unexpected end of input (expected ',' or %s)",
                   in_obj ? "'}'" : "']'");
    case S_COLON: return pfail(s, end, "unexpected end of input (expected ':')");
    case S_KEY_FIRST:
    case S_KEY:
      return pfail(s, end, "unexpected end of input (expected %s)",
                   s->state == S_KEY_FIRST ? "a string key or '}'"
                                           : "a string key");
    default: break;
  }
  /* S_VALUE or S_ARRAY_FIRST */
  if (s->depth > 0)
    return pfail(s, end, "unexpected end of input (expected a value%s)",
                 s->state == S_ARRAY_FIRST ? " or ']'" : "");
  if (end == 0) return pfail(s, end, "the input is empty");
  return pfail(s, end, "the input holds no JSON value, only %s",
               !s->bom     ? "whitespace"
               : end == 3  ? "a byte order mark"
                           : "a byte order mark and whitespace");
}

int ev_stream_finish(ev_stream *s, ev_table ***out_tables, int32_t *out_count) {
  if (out_tables) *out_tables = NULL;
  if (out_count) *out_count = 0;
  if (!s || !out_tables || !out_count)
    return ev_error_set(EV_ERR_ARG, "stream: bad arguments");
  if (s->hard) return refail(s);
  if (s->state == S_FINISHED)
    return ev_error_set(EV_ERR_ARG, "stream: already finished");
  int rc = eof_syntax(s);
  if (rc != EV_OK) return rc;
  s->state = S_FINISHED;
  int32_t idx[EV_MAX_TABLES];
  int count = 0;
  if (s->root_kind == 3)
    return ev_error_set(EV_ERR_SHAPE,
                        "the document is a %s, not a table: expected an "
                        "array of records, or an object whose members are "
                        "arrays of records",
                        s->root_scalar);
  if (s->root_kind == 1) {
    if (s->cands[0].rows == 0)
      return ev_error_set(EV_ERR_SHAPE,
                          "the document is an empty array: no records to "
                          "make a table from");
    idx[count++] = 0;
  } else {
    for (int32_t i = 0; i < s->ncands; i++) {
      ev_cand *c = &s->cands[i];
      if (c->dead) continue;
      if (strlen(c->name) > EV_MAX_NAME_BYTES)
        return ev_error_set(EV_ERR_LIMIT,
                            "a table name is %zu bytes long (limit %d)",
                            strlen(c->name), EV_MAX_NAME_BYTES);
      if (count == EV_MAX_TABLES)
        return ev_error_set(EV_ERR_LIMIT,
                            "more than %d tables in the document (limit)",
                            EV_MAX_TABLES);
      idx[count++] = i;
    }
    if (count == 0)
      return ev_error_set(EV_ERR_SHAPE,
                          "no tables found: expected an array of records, or "
                          "an object whose members are arrays of records");
  }
  if (s->has_nul) {
    for (int i = 0; i < count; i++) {
      ev_cand *c = &s->cands[idx[i]];
      if (c->bad_row >= 0)
        return ev_error_set(EV_ERR_SHAPE,
                            "table '%s' row %d: expected an object (a "
                            "record), got %s",
                            c->name, (int)c->bad_row + 1, c->bad_kind);
    }
    return ev_error_set(EV_ERR_RANGE,
                        "a \\u0000 escape (U+0000, NUL) at line %zu, column "
                        "%zu: the engine does not accept NUL characters in "
                        "strings",
                        s->nul_line, s->nul_col);
  }
  for (int i = 0; i < count; i++) {
    ev_cand *c = &s->cands[idx[i]];
    if (c->err) {
      if (!c->msg) return ev_error_set(EV_ERR_NOMEM, "out of memory");
      return ev_error_set(c->err, "%s", c->msg);
    }
  }
  ev_table **tables = calloc((size_t)(count > 0 ? count : 1), sizeof *tables);
  if (!tables) return ev_error_set(EV_ERR_NOMEM, "out of memory");
  for (int i = 0; i < count; i++) {
    tables[i] = ev_cand_build(&s->cands[idx[i]]);
    if (!tables[i]) {
      for (int j = 0; j < i; j++) ev_table_free(tables[j]);
      free(tables);
      return ev_error_status() < 0 ? ev_error_status()
                                   : ev_error_set(EV_ERR_NOMEM, "out of memory");
    }
  }
  for (int32_t i = 0; i < s->ncands; i++) ev_cand_free(&s->cands[i]);
  s->ncands = 0;
  *out_tables = tables;
  *out_count = count;
  return EV_OK;
}

void ev_stream_free(ev_stream *s) {
  if (!s) return;
  for (int32_t i = 0; i < s->ncands; i++) ev_cand_free(&s->cands[i]);
  free(s->cands);
  ev_dict_free(s->tnames);
  free(s->tlive);
  free(s->member);
  free(s->tok.p);
  free(s->capture.p);
  free(s);
}

double ev_stream_bytes(const ev_stream *s) { return s ? (double)s->fed : 0; }

int32_t ev_stream_rows(const ev_stream *s) { return s ? s->rows_total : 0; }
