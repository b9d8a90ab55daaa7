/* table_io.c — table export and checked import (see table_io.h). */
#include "table_io.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_strict.h"
#include "status.h"

/* ---- export ---- */

static void put_u32(uint8_t **p, uint32_t v) {
  (*p)[0] = (uint8_t)v;
  (*p)[1] = (uint8_t)(v >> 8);
  (*p)[2] = (uint8_t)(v >> 16);
  (*p)[3] = (uint8_t)(v >> 24);
  *p += 4;
}

static void put_f64(uint8_t **p, double d) {
  uint64_t v;
  memcpy(&v, &d, 8);
  for (int i = 0; i < 8; i++) (*p)[i] = (uint8_t)(v >> (8 * i));
  *p += 8;
}

static void put_bytes(uint8_t **p, const char *s, size_t len) {
  put_u32(p, (uint32_t)len);
  if (len) memcpy(*p, s, len);
  *p += len;
}

int64_t ev_table_export_size(const ev_table *t) {
  int64_t n = 4 + 4 + 4 + 4 + 4 + (int64_t)strlen(t->name);
  for (int32_t c = 0; c < t->col_count; c++) {
    const ev_column *col = &t->cols[c];
    n += 8 + (int64_t)strlen(col->name);
    if (col->num) {
      n += 8 * (int64_t)t->row_count;
    } else {
      int32_t k = ev_dict_count(col->dict);
      n += 4 + 4 * (int64_t)t->row_count;
      for (int32_t i = 0; i < k; i++)
        n += 4 + (int64_t)ev_dict_len(col->dict, i);
    }
  }
  if (n > (int64_t)UINT32_MAX)
    return ev_error_set(EV_ERR_LIMIT,
                        "table '%s' is too large to export (over 4 GiB)",
                        t->name);
  return n;
}

int ev_table_export(const ev_table *t, uint8_t **out_buf, size_t *out_len) {
  if (!t || !out_buf || !out_len)
    return ev_error_set(EV_ERR_ARG, "table export: bad arguments");
  int64_t size = ev_table_export_size(t);
  if (size < 0) return (int)size;
  uint8_t *buf = malloc((size_t)size);
  if (!buf)
    return ev_error_set(EV_ERR_NOMEM,
                        "out of memory exporting table '%s' (%lld bytes)",
                        t->name, (long long)size);
  uint8_t *p = buf;
  memcpy(p, EV_TABLE_IO_MAGIC, 4);
  p += 4;
  put_u32(&p, (uint32_t)size);
  put_u32(&p, (uint32_t)t->row_count);
  put_u32(&p, (uint32_t)t->col_count);
  put_bytes(&p, t->name, strlen(t->name));
  for (int32_t c = 0; c < t->col_count; c++) {
    const ev_column *col = &t->cols[c];
    put_u32(&p, (uint32_t)col->type);
    put_bytes(&p, col->name, strlen(col->name));
    if (col->num) {
      for (int32_t r = 0; r < t->row_count; r++) put_f64(&p, col->num[r]);
    } else {
      int32_t k = ev_dict_count(col->dict);
      put_u32(&p, (uint32_t)k);
      for (int32_t i = 0; i < k; i++)
        put_bytes(&p, ev_dict_str(col->dict, i), ev_dict_len(col->dict, i));
      for (int32_t r = 0; r < t->row_count; r++)
        put_u32(&p, (uint32_t)col->code[r]);
    }
  }
  *out_buf = buf;
  *out_len = (size_t)size;
  return EV_OK;
}

/* ---- import ---- */

typedef struct {
  const uint8_t *buf;
  size_t len;
  size_t pos;
  char where[320]; /* "column 'x'" etc., for messages */
} reader;

/* Sets a PARSE (or other) error located at byte `at`. */
static int bad_at(const reader *r, size_t at, int status, const char *fmt,
                  ...) {
  char what[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  return ev_error_set(status, "table buffer, byte %zu: %s%s%s", at, r->where,
                      r->where[0] ? ": " : "", what);
}

static int need(reader *r, size_t n, const char *what) {
  if (r->len - r->pos < n)
    return bad_at(r, r->pos, EV_ERR_PARSE,
                  "the buffer ends early (%s needs %zu bytes, %zu left)", what,
                  n, r->len - r->pos);
  return EV_OK;
}

static int get_u32(reader *r, uint32_t *out, const char *what) {
  int rc = need(r, 4, what);
  if (rc < 0) return rc;
  const uint8_t *b = r->buf + r->pos;
  *out = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
         (uint32_t)b[3] << 24;
  r->pos += 4;
  return EV_OK;
}

static double f64_at(const uint8_t *b) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = v << 8 | b[i];
  double d;
  memcpy(&d, &v, 8);
  return d;
}

/* Length of a valid UTF-8 sequence at s (avail bytes), or 0 if invalid. */
static size_t utf8_len(const uint8_t *s, size_t avail) {
  uint8_t c = s[0];
  size_t n;
  uint32_t cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4, cp = c & 0x07;
  else
    return 0;
  if (avail < n) return 0;
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (s[i] & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

/* Checks s[0..len) is UTF-8 without NUL; on failure reports its byte. */
static int check_text(const reader *r, size_t at, const uint8_t *s, size_t len,
                      const char *what) {
  for (size_t i = 0; i < len;) {
    if (s[i] == 0)
      return bad_at(r, at + i, EV_ERR_PARSE, "%s holds a NUL byte", what);
    size_t n = utf8_len(s + i, len - i);
    if (!n)
      return bad_at(r, at + i, EV_ERR_PARSE, "%s: invalid UTF-8 byte 0x%02X",
                    what, s[i]);
    i += n;
  }
  return EV_OK;
}

/* Reads a name (u32 length + bytes) into out (NUL-terminated). */
static int get_name(reader *r, char *out, const char *what) {
  uint32_t n;
  size_t at = r->pos;
  int rc = get_u32(r, &n, what);
  if (rc < 0) return rc;
  if (n > EV_MAX_NAME_BYTES)
    return bad_at(r, at, EV_ERR_LIMIT,
                  "%s is %u bytes long, over the limit of %d bytes", what,
                  (unsigned)n, EV_MAX_NAME_BYTES);
  if ((rc = need(r, n, what)) < 0) return rc;
  if ((rc = check_text(r, r->pos, r->buf + r->pos, n, what)) < 0) return rc;
  memcpy(out, r->buf + r->pos, n);
  out[n] = '\0';
  r->pos += n;
  return EV_OK;
}

/* Quotes a name for messages: at most 60 bytes, cut on a UTF-8 boundary. */
static void quote(char *out, size_t cap, const char *name) {
  size_t n = strlen(name), keep = n;
  if (keep > 60) {
    keep = 60;
    while (keep > 0 && ((unsigned char)name[keep] & 0xC0) == 0x80) keep--;
  }
  snprintf(out, cap, "'%.*s%s'", (int)keep, name, keep < n ? "..." : "");
}

static int read_numbers(reader *r, ev_column *col, int32_t rows) {
  int rc = need(r, 8 * (size_t)rows, "the column's values");
  if (rc < 0) return rc;
  const uint8_t *b = r->buf + r->pos;
  for (int32_t i = 0; i < rows; i++, b += 8) {
    double d = f64_at(b);
    size_t at = r->pos + 8 * (size_t)i;
    if (col->type == EV_COL_BOOL) {
      if (!(isnan(d) || d == 0.0 || d == 1.0))
        return bad_at(r, at, EV_ERR_PARSE,
                      "row %d: boolean stored as %g (expected 0, 1 or NaN)",
                      (int)i + 1, d);
    } else if (isinf(d)) {
      return bad_at(r, at, EV_ERR_PARSE, "row %d: infinite number", (int)i + 1);
    }
    col->num[i] = d;
  }
  r->pos += 8 * (size_t)rows;
  return EV_OK;
}

/* A json dictionary entry must be a strict JSON array or object. */
static int check_json_entry(const reader *r, size_t at, const uint8_t *s,
                            size_t len, int32_t k) {
  if (len == 0 || (s[0] != '[' && s[0] != '{'))
    return bad_at(r, at, EV_ERR_PARSE,
                  "dictionary entry %d: not a JSON array or object", (int)k);
  ev_json_scan scan;
  if (ev_json_strict_check((const char *)s, len, &scan) < 0) {
    char msg[512];
    snprintf(msg, sizeof msg, "%s", ev_error_message());
    ev_error_reset();
    return bad_at(r, at, EV_ERR_PARSE, "dictionary entry %d: %s", (int)k, msg);
  }
  if (scan.start != 0)
    return bad_at(r, at, EV_ERR_PARSE, "dictionary entry %d: not compact JSON",
                  (int)k);
  return EV_OK;
}

static int read_codes(reader *r, ev_column *col, int32_t rows) {
  uint32_t k;
  size_t at = r->pos;
  int rc = get_u32(r, &k, "the dictionary size");
  if (rc < 0) return rc;
  if (k > (uint32_t)rows)
    return bad_at(r, at, EV_ERR_PARSE,
                  "a dictionary of %u strings for %d rows (at most one per "
                  "row)",
                  (unsigned)k, (int)rows);
  for (uint32_t i = 0; i < k; i++) {
    uint32_t n;
    size_t entry_at = r->pos;
    if ((rc = get_u32(r, &n, "a dictionary entry's length")) < 0) return rc;
    if ((rc = need(r, n, "a dictionary entry")) < 0) return rc;
    const uint8_t *s = r->buf + r->pos;
    char what[48];
    snprintf(what, sizeof what, "dictionary entry %u", (unsigned)i);
    if ((rc = check_text(r, r->pos, s, n, what)) < 0) return rc;
    if (col->type == EV_COL_JSON &&
        (rc = check_json_entry(r, r->pos, s, n, (int32_t)i)) < 0)
      return rc;
    if (ev_dict_find(col->dict, (const char *)s, n) >= 0)
      return bad_at(r, entry_at, EV_ERR_PARSE,
                    "dictionary entry %u repeats an earlier one", (unsigned)i);
    int32_t code = ev_dict_intern(col->dict, (const char *)s, n);
    if (code < 0)
      return ev_error_set(EV_ERR_NOMEM, "out of memory importing a table");
    r->pos += n;
  }
  if ((rc = need(r, 4 * (size_t)rows, "the column's codes")) < 0) return rc;
  const uint8_t *b = r->buf + r->pos;
  for (int32_t i = 0; i < rows; i++, b += 4) {
    int32_t c = (int32_t)((uint32_t)b[0] | (uint32_t)b[1] << 8 |
                          (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24);
    if (c < -1 || c >= (int32_t)k)
      return bad_at(r, r->pos + 4 * (size_t)i, EV_ERR_PARSE,
                    "row %d: code %d is outside its dictionary of %u strings",
                    (int)i + 1, (int)c, (unsigned)k);
    col->code[i] = c;
  }
  r->pos += 4 * (size_t)rows;
  return EV_OK;
}

static int import_body(reader *r, ev_table **out) {
  int rc;
  uint32_t total, rows, ncols;
  char name[EV_MAX_NAME_BYTES + 1];
  if ((rc = need(r, 4, "the magic number")) < 0) return rc;
  if (memcmp(r->buf, EV_TABLE_IO_MAGIC, 4) != 0)
    return bad_at(r, 0, EV_ERR_PARSE,
                  "not an exported table (expected the magic '%s')",
                  EV_TABLE_IO_MAGIC);
  r->pos = 4;
  if ((rc = get_u32(r, &total, "the total length")) < 0) return rc;
  if (total != r->len)
    return bad_at(r, 4, EV_ERR_PARSE,
                  "the header says %u bytes, the buffer has %zu",
                  (unsigned)total, r->len);
  size_t at = r->pos;
  if ((rc = get_u32(r, &rows, "the row count")) < 0) return rc;
  if (rows > EV_MAX_ROWS)
    return bad_at(r, at, EV_ERR_LIMIT, "%u rows is over the limit of %d rows",
                  (unsigned)rows, EV_MAX_ROWS);
  at = r->pos;
  if ((rc = get_u32(r, &ncols, "the column count")) < 0) return rc;
  if (ncols > EV_MAX_COLUMNS)
    return bad_at(r, at, EV_ERR_LIMIT,
                  "%u columns is over the limit of %d columns", (unsigned)ncols,
                  EV_MAX_COLUMNS);
  if ((rc = get_name(r, name, "the table name")) < 0) return rc;
  char qt[80];
  quote(qt, sizeof qt, name);
  snprintf(r->where, sizeof r->where, "table %s", qt);
  /* every column needs at least its type and name length: a cheap check
   * before any allocation that the counts can be real */
  uint64_t least = (uint64_t)ncols * 8;
  if (least > r->len - r->pos)
    return bad_at(r, r->pos, EV_ERR_PARSE,
                  "%u columns cannot fit in the %zu bytes left",
                  (unsigned)ncols, r->len - r->pos);
  ev_table *t = ev_table_new(name, (int32_t)rows);
  if (!t) return ev_error_status();
  for (uint32_t c = 0; c < ncols; c++) {
    uint32_t type;
    char cname[EV_MAX_NAME_BYTES + 1];
    size_t type_at = r->pos;
    snprintf(r->where, sizeof r->where, "table %s, column %u", qt,
             (unsigned)c + 1);
    if ((rc = get_u32(r, &type, "the column type")) < 0) goto fail;
    if (type < EV_COL_NUMBER || type > EV_COL_JSON) {
      rc = bad_at(r, type_at, EV_ERR_PARSE, "unknown column type %u",
                  (unsigned)type);
      goto fail;
    }
    size_t name_at = r->pos;
    if ((rc = get_name(r, cname, "the column name")) < 0) goto fail;
    char qc[80];
    quote(qc, sizeof qc, cname);
    if (ev_table_find(t, cname) >= 0) {
      rc = bad_at(r, name_at, EV_ERR_PARSE, "a second column named %s", qc);
      goto fail;
    }
    snprintf(r->where, sizeof r->where, "table %s, column %s", qt, qc);
    /* the values must fit before the column is allocated */
    size_t per_row = (type == EV_COL_NUMBER || type == EV_COL_BOOL) ? 8 : 4;
    if ((uint64_t)rows * per_row > r->len - r->pos) {
      rc = bad_at(r, r->pos, EV_ERR_PARSE,
                  "the buffer ends early (%u rows need %llu bytes, %zu left)",
                  (unsigned)rows, (unsigned long long)rows * per_row,
                  r->len - r->pos);
      goto fail;
    }
    int32_t ci = ev_table_add_column(t, cname, (ev_col_type)type, NULL);
    if (ci < 0) {
      rc = ci;
      goto fail;
    }
    ev_column *col = &t->cols[ci];
    rc = col->num ? read_numbers(r, col, (int32_t)rows)
                  : read_codes(r, col, (int32_t)rows);
    if (rc < 0) goto fail;
  }
  r->where[0] = '\0';
  if (r->pos != r->len) {
    rc = bad_at(r, r->pos, EV_ERR_PARSE, "%zu bytes after the last column",
                r->len - r->pos);
    goto fail;
  }
  *out = t;
  return EV_OK;
fail:
  ev_table_free(t);
  return rc;
}

int ev_table_import(const uint8_t *buf, size_t len, ev_table **out) {
  if (!out || (!buf && len))
    return ev_error_set(EV_ERR_ARG, "table import: bad arguments");
  *out = NULL;
  reader r = {buf, len, 0, ""};
  return import_body(&r, out);
}
