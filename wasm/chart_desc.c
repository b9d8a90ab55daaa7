/* chart_desc.c — checks an ev-chart/1 description against tables and
 * writes it out normalised (see chart_desc.h, data/CHART_FORMAT.md). */
#include "chart_desc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "json_doc.h"
#include "status.h"

#define PATH_CAP 320
#define QUOTE_BYTES 64 /* of a name or value quoted in a message */

enum { MARK_LINE, MARK_BAR, MARK_HBAR, MARK_POINT, MARK_MAP };
static const char *const MARKS[] = {"line", "bar", "hbar", "point", "map"};
static const char *const AGGS[] = {"count", "sum", "mean",
                                   "min",   "max", "median"};
static const char *const SCALES[] = {"linear", "log"};
static const char *const METHODS[] = {"linear", "loglinear", "holt"};
static const char *const PROJECTIONS[] = {"equal-earth", "natural-earth",
                                          "mercator", "equirectangular"};
enum { D_SHARE, D_RATIO, D_INDEX, D_CHANGE, D_PCT, D_CUMSUM, D_ROLLING };
static const char *const DERIVE_OPS[] = {"share",       "ratio",      "index",
                                         "change",      "pct_change", "cumsum",
                                         "rolling_mean"};
#define COUNT_OF(a) ((int)(sizeof(a) / sizeof *(a)))

static const char *const ROOT_KEYS[] = {"format", "locales", "title", "dataset",
                                        "views"};
static const char *const VIEW_KEYS[] = {
    "id",    "title", "subtitle",    "table",   "mark",
    "x",     "y",     "series",      "filters", "derive",
    "trend", "map",   "annotations", "notes",   "sources"};
static const char *const DATASET_KEYS[] = {"url", "inline"};
static const char *const X_KEYS[] = {"column", "label"};
static const char *const Y_KEYS[] = {"column", "aggregate", "label", "unit",
                                     "scale"};
static const char *const SERIES_KEYS[] = {"column", "labels", "order"};
static const char *const FILTER_KEYS[] = {"column", "eq", "in", "range"};
static const char *const DERIVE_KEYS[] = {
    "op",  "column",      "as",   "by",   "partition", "order",
    "key", "denominator", "base", "step", "window"};
static const char *const TREND_KEYS[] = {"method", "horizon", "level"};
static const char *const MAP_KEYS[] = {"key", "projection"};
static const char *const ANNOTATION_KEYS[] = {"x", "y", "text"};
static const char *const SOURCE_KEYS[] = {"name", "url"};

typedef struct {
  char path[PATH_CAP];
  size_t plen;
  ev_table *const *tables;
  int32_t table_count;
  const char *locales[EV_CHART_MAX_LOCALES];
  int locale_count;
  const char *ids[EV_CHART_MAX_VIEWS];
  /* the view being checked */
  const ev_table *t;
  int mark;
  int agg;                      /* index into AGGS, or -1 */
  const ev_column *key_cols[2]; /* x (or map.key) and series: group keys */
  const char *derived[EV_CHART_MAX_DERIVE]; /* `as` of the steps checked */
  int derived_count;
  const cJSON *derive_list;             /* for y.column's look-ahead: */
  const char *pre[EV_CHART_MAX_DERIVE]; /* names the steps will add */
  char pre_buf[EV_CHART_MAX_DERIVE][2 * EV_MAX_NAME_BYTES + 16];
  int pre_count;
} ck;

/* ---- messages ------------------------------------------------------ */

/* s for a message: at most QUOTE_BYTES bytes (cut at a character
 * boundary, then "..."), control characters as '?'. */
static const char *q(char *buf, const char *s) {
  size_t n = 0, i = 0;
  for (; s[i] && n < QUOTE_BYTES; i++) {
    unsigned char ch = (unsigned char)s[i];
    buf[n++] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
  }
  if (s[i]) {
    /* s[n] is the first byte left out: never cut a character */
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    memcpy(buf + n, "...", 4);
  } else {
    buf[n] = '\0';
  }
  return buf;
}

/* Two buffers for q() in a function's messages. */
#define QBUF                                     \
  char qa[QUOTE_BYTES + 8], qb[QUOTE_BYTES + 8]; \
  (void)qa;                                      \
  (void)qb

static int fail(ck *c, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int fail(ck *c, int status, const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return ev_error_set(status, "%s: %s", c->plen ? c->path : "description", msg);
}

/* ---- paths ---------------------------------------------------------- */

static size_t push_key(ck *c, const char *key) {
  size_t saved = c->plen;
  /* a JavaScript identifier (ASCII) as .key, anything else as ["key"] */
  int plain =
      key[0] != '\0' && strlen(key) <= 40 && !(key[0] >= '0' && key[0] <= '9');
  for (const char *p = key; plain && *p; p++)
    plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || *p == '_' || *p == '$';
  char qk[QUOTE_BYTES + 8];
  int n = plain ? snprintf(c->path + c->plen, PATH_CAP - c->plen, "%s%s",
                           c->plen ? "." : "", key)
                : snprintf(c->path + c->plen, PATH_CAP - c->plen, "[\"%s\"]",
                           q(qk, key));
  if (n > 0)
    c->plen =
        c->plen + (size_t)n < PATH_CAP ? c->plen + (size_t)n : PATH_CAP - 1;
  return saved;
}

static size_t push_index(ck *c, int i) {
  size_t saved = c->plen;
  int n = snprintf(c->path + c->plen, PATH_CAP - c->plen, "[%d]", i);
  if (n > 0)
    c->plen =
        c->plen + (size_t)n < PATH_CAP ? c->plen + (size_t)n : PATH_CAP - 1;
  return saved;
}

static void pop(ck *c, size_t saved) {
  c->plen = saved;
  c->path[saved] = '\0';
}

/* ---- names ---------------------------------------------------------- */

int ev_chart_edit_distance(const char *a, const char *b, int limit) {
  size_t la = strlen(a), lb = strlen(b);
  if (limit < 0) limit = 0;
  size_t diff = la > lb ? la - lb : lb - la;
  if (diff > (size_t)limit || la > 512 || lb > 512) return limit + 1;
  int row[513];
  for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
  for (size_t i = 1; i <= la; i++) {
    int diag = row[0], best;
    row[0] = (int)i;
    best = row[0];
    for (size_t j = 1; j <= lb; j++) {
      int up = row[j];
      int v = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < v) v = up + 1;
      if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
      row[j] = v;
      diag = up;
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
  }
  return row[lb] > limit ? limit + 1 : row[lb];
}

/* The closest of names[0..count) to s when close enough to be a likely
 * typo (1 edit up to 3 bytes, 2 up to 8, else 3; fewer than the name's
 * length), else NULL. The first of equally close names wins. */
static const char *nearest(const char *s, const char *const *names, int count) {
  size_t ls = strlen(s);
  int limit = ls <= 3 ? 1 : ls <= 8 ? 2 : 3, best_d = limit + 1;
  const char *best = NULL;
  for (int i = 0; i < count; i++) {
    int d = ev_chart_edit_distance(s, names[i], limit);
    if (d < best_d && (size_t)d < strlen(names[i])) {
      best_d = d;
      best = names[i];
    }
  }
  return best;
}

/* " (did you mean 'x'?)" or "" into buf. */
static const char *hint(char *buf, size_t cap, const char *s,
                        const char *const *names, int count) {
  const char *n = nearest(s, names, count);
  char qn[QUOTE_BYTES + 8];
  if (n)
    snprintf(buf, cap, " (did you mean '%s'?)", q(qn, n));
  else
    buf[0] = '\0';
  return buf;
}

/* "a, b, c" of names into buf (cut at cap). */
static const char *join(char *buf, size_t cap, const char *const *names,
                        int count) {
  size_t n = 0;
  buf[0] = '\0';
  for (int i = 0; i < count && n + 1 < cap; i++) {
    int w = snprintf(buf + n, cap - n, "%s%s", i ? ", " : "", names[i]);
    if (w < 0) break;
    n += (size_t)w;
  }
  return buf;
}

static int find(const char *s, const char *const *names, int count) {
  for (int i = 0; i < count; i++)
    if (strcmp(s, names[i]) == 0) return i;
  return -1;
}

static const char *jtype(const cJSON *v) {
  if (cJSON_IsObject(v)) return "an object";
  if (cJSON_IsArray(v)) return "an array";
  if (cJSON_IsString(v)) return "a string";
  if (cJSON_IsNumber(v)) return "a number";
  if (cJSON_IsBool(v)) return "a boolean";
  return "null";
}

/* ---- objects and values --------------------------------------------- */

/* obj must be an object whose keys are among known[0..count), each once.
 * The path is at obj. */
static int check_object(ck *c, const cJSON *obj, const char *const *known,
                        int count) {
  QBUF;
  if (!cJSON_IsObject(obj))
    return fail(c, EV_ERR_SHAPE, "expected an object, got %s", jtype(obj));
  for (const cJSON *m = obj->child; m; m = m->next) {
    if (find(m->string, known, count) < 0) {
      char h[QUOTE_BYTES + 32], list[400];
      size_t s = push_key(c, m->string);
      if (nearest(m->string, known, count))
        return fail(c, EV_ERR_SHAPE, "unknown key '%s'%s", q(qa, m->string),
                    hint(h, sizeof h, m->string, known, count));
      int rc = fail(c, EV_ERR_SHAPE, "unknown key '%s' (known: %s)",
                    q(qa, m->string), join(list, sizeof list, known, count));
      pop(c, s);
      return rc;
    }
    for (const cJSON *p = obj->child; p != m; p = p->next)
      if (strcmp(p->string, m->string) == 0) {
        push_key(c, m->string);
        return fail(c, EV_ERR_SHAPE, "key '%s' given twice", q(qb, m->string));
      }
  }
  return EV_OK;
}

static cJSON *get(const cJSON *obj, const char *key) {
  return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* The member `key` of an optional setting: NULL when absent or null (null
 * is the same as absent, so that a normalised description checks again). */
static cJSON *opt(const cJSON *obj, const char *key) {
  cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  return cJSON_IsNull(v) ? NULL : v;
}

static int missing(ck *c, const char *key, const char *why) {
  push_key(c, key);
  return fail(c, EV_ERR_SHAPE, "missing (%s)", why);
}

static int want_string(ck *c, const cJSON *v) {
  if (!cJSON_IsString(v))
    return fail(c, EV_ERR_SHAPE, "expected a string, got %s", jtype(v));
  return EV_OK;
}

static int want_array(ck *c, const cJSON *v, int min, int max,
                      const char *what) {
  if (!cJSON_IsArray(v))
    return fail(c, EV_ERR_SHAPE, "expected an array, got %s", jtype(v));
  int n = cJSON_GetArraySize(v);
  if (n < min)
    return fail(c, EV_ERR_SHAPE, "an empty list (at least %d needed)", min);
  if (n > max)
    return fail(c, EV_ERR_LIMIT, "%d %s, over the limit of %d", n, what, max);
  return EV_OK;
}

/* A finite number (EV_ERR_RANGE for one that overflowed a double). */
static int want_number(ck *c, const cJSON *v) {
  if (!cJSON_IsNumber(v))
    return fail(c, EV_ERR_SHAPE, "expected a number, got %s", jtype(v));
  if (!isfinite(v->valuedouble))
    return fail(c, EV_ERR_RANGE, "the number is too large for a double");
  return EV_OK;
}

/* A string among names (the path is at v); *out its index. */
static int want_name(ck *c, const cJSON *v, const char *what,
                     const char *const *names, int count, int *out) {
  QBUF;
  char list[200];
  int rc = want_string(c, v);
  if (rc) return rc;
  *out = find(v->valuestring, names, count);
  if (*out < 0)
    return fail(c, EV_ERR_SHAPE, "unknown %s '%s' (%s)", what,
                q(qa, v->valuestring), join(list, sizeof list, names, count));
  return EV_OK;
}

/* Text: a string, or an object of strings keyed by locale with the
 * default locale's entry. The path is at v. */
static int check_text(ck *c, const cJSON *v) {
  QBUF;
  char list[200];
  if (cJSON_IsString(v)) {
    size_t n = strlen(v->valuestring);
    if (n > EV_CHART_MAX_TEXT_BYTES)
      return fail(c, EV_ERR_LIMIT, "text of %zu bytes, over the limit of %d", n,
                  EV_CHART_MAX_TEXT_BYTES);
    return EV_OK;
  }
  if (!cJSON_IsObject(v))
    return fail(c, EV_ERR_SHAPE,
                "expected text (a string, or an object of strings by "
                "locale), got %s",
                jtype(v));
  for (const cJSON *m = v->child; m; m = m->next) {
    size_t s = push_key(c, m->string);
    if (find(m->string, c->locales, c->locale_count) < 0)
      return fail(c, EV_ERR_SHAPE, "'%s' is not one of the locales (%s)",
                  q(qa, m->string),
                  join(list, sizeof list, c->locales, c->locale_count));
    for (const cJSON *p = v->child; p != m; p = p->next)
      if (strcmp(p->string, m->string) == 0)
        return fail(c, EV_ERR_SHAPE, "key '%s' given twice", q(qb, m->string));
    if (!cJSON_IsString(m))
      return fail(c, EV_ERR_SHAPE, "expected a string, got %s", jtype(m));
    int rc = check_text(c, m);
    if (rc) return rc;
    pop(c, s);
  }
  if (!get(v, c->locales[0]))
    return fail(c, EV_ERR_SHAPE, "no text for the default locale '%s'",
                c->locales[0]);
  return EV_OK;
}

/* An optional Text member. */
static int opt_text(ck *c, const cJSON *obj, const char *key) {
  const cJSON *v = opt(obj, key);
  if (!v) return EV_OK;
  size_t s = push_key(c, key);
  int rc = check_text(c, v);
  if (!rc) pop(c, s);
  return rc;
}

/* 1 if s starts with the lower-case ASCII word w, in any case. */
static int prefix_casecmp(const char *s, const char *w) {
  for (; *w; s++, w++)
    if ((*s >= 'A' && *s <= 'Z' ? *s + 32 : *s) != *w) return 0;
  return 1;
}

/* A URL (the path is at v): no spaces, control characters or
 * backslashes; with a scheme, https (or http when allow_http); without
 * one (a relative URL) only when allow_relative, and never "//host". */
static int check_url(ck *c, const cJSON *v, int allow_relative,
                     int allow_http) {
  QBUF;
  int rc = want_string(c, v);
  if (rc) return rc;
  const char *s = v->valuestring;
  size_t n = strlen(s);
  const char *wanted = allow_http ? "https: or http:" : "https:";
  if (n == 0) return fail(c, EV_ERR_SHAPE, "an empty URL");
  if (n > EV_CHART_MAX_TEXT_BYTES)
    return fail(c, EV_ERR_LIMIT, "a URL of %zu bytes, over the limit of %d", n,
                EV_CHART_MAX_TEXT_BYTES);
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch <= 0x20 || ch == 0x7f || ch == '\\')
      return fail(c, EV_ERR_SHAPE,
                  "a URL must not hold spaces, control characters or '\\' "
                  "(write them %%-encoded)");
  }
  size_t i = 0;
  if ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))
    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
           (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' ||
           s[i] == '.')
      i++;
  if (i > 0 && s[i] == ':') {
    int https = i == 5 && prefix_casecmp(s, "https");
    int http = i == 4 && prefix_casecmp(s, "http");
    if (!https && !(http && allow_http)) {
      char scheme[QUOTE_BYTES + 8];
      snprintf(scheme, sizeof scheme, "%.*s",
               (int)(i < QUOTE_BYTES ? i : QUOTE_BYTES), s);
      return fail(c, EV_ERR_SHAPE, "'%s:' URLs are not allowed (%s only)",
                  q(qa, scheme), wanted);
    }
    if (strncmp(s + i + 1, "//", 2) != 0 || s[i + 3] == '\0' || s[i + 3] == '/')
      return fail(c, EV_ERR_SHAPE, "'%s' has no host (%s//host/...)", q(qa, s),
                  https ? "https:" : "http:");
    return EV_OK;
  }
  if (!allow_relative)
    return fail(c, EV_ERR_SHAPE, "'%s' is not an absolute URL (%s only)",
                q(qa, s), wanted);
  if (s[0] == '/' && s[1] == '/')
    return fail(c, EV_ERR_SHAPE,
                "'%s' is a scheme-relative URL; write https://...", q(qa, s));
  return EV_OK;
}

/* ---- the dataset ---------------------------------------------------- */

static const ev_column *column_of(const ev_table *t, const char *name) {
  int32_t i = ev_table_find(t, name);
  return i < 0 ? NULL : &t->cols[i];
}

/* "table 'T' has no column 'c' (did you mean 'd'?)" at the path, with
 * extra names (derived columns) as candidates too. */
static int no_column(ck *c, const char *name, const char *const *extra,
                     int extra_count) {
  QBUF;
  const char *names[EV_MAX_COLUMNS + EV_CHART_MAX_DERIVE + 1];
  int n = 0;
  for (int32_t i = 0; i < c->t->col_count; i++) names[n++] = c->t->cols[i].name;
  for (int i = 0; i < extra_count; i++) names[n++] = extra[i];
  char h[QUOTE_BYTES + 32];
  return fail(c, EV_ERR_COLUMN, "table '%s' has no column '%s'%s",
              q(qa, c->t->name), q(qb, name),
              hint(h, sizeof h, name, names, n));
}

/* The member `key` of obj, a string naming a column of the view's table;
 * the path is at obj. *out the column. */
static int want_column(ck *c, const cJSON *obj, const char *key,
                       const char *why, const ev_column **out) {
  const cJSON *v = get(obj, key);
  if (!v) return missing(c, key, why);
  size_t s = push_key(c, key);
  int rc = want_string(c, v);
  if (rc) return rc;
  *out = column_of(c->t, v->valuestring);
  if (!*out) return no_column(c, v->valuestring, NULL, 0);
  pop(c, s);
  return EV_OK;
}

static const char *type_name(ev_col_type t) { return ev_col_type_name(t); }

/* A JSON value of the column's type (number, string or boolean); the path
 * is at v. */
static int want_value_of(ck *c, const cJSON *v, const ev_column *col) {
  QBUF;
  if (cJSON_IsNull(v))
    return fail(c, EV_ERR_SHAPE,
                "null never matches (missing values are left out)");
  if (!cJSON_IsNumber(v) && !cJSON_IsString(v) && !cJSON_IsBool(v))
    return fail(c, EV_ERR_SHAPE, "expected a string, number or boolean, got %s",
                jtype(v));
  if (cJSON_IsNumber(v) && !isfinite(v->valuedouble))
    return fail(c, EV_ERR_RANGE, "the number is too large for a double");
  int ok = (col->type == EV_COL_NUMBER && cJSON_IsNumber(v)) ||
           (col->type == EV_COL_STRING && cJSON_IsString(v)) ||
           (col->type == EV_COL_BOOL && cJSON_IsBool(v));
  if (!ok)
    return fail(c, EV_ERR_TYPE, "'%s' is %s, got %s", q(qa, col->name),
                type_name(col->type), jtype(v));
  return EV_OK;
}

/* ---- document parts ------------------------------------------------- */

/* letters, digits, '-'; a first subtag of 2-8 letters, then subtags of
 * 1-8 letters or digits. */
static int is_language_tag(const char *s) {
  size_t run = 0, subtag = 0;
  for (const char *p = s;; p++) {
    int letter = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
    int digit = *p >= '0' && *p <= '9';
    if (letter || (digit && subtag > 0)) {
      if (++run > 8) return 0;
    } else if (*p == '-' || *p == '\0') {
      if (run == 0 || (subtag == 0 && run < 2)) return 0;
      if (*p == '\0') return 1;
      run = 0;
      subtag++;
    } else {
      return 0;
    }
  }
}

static int ascii_casecmp(const char *a, const char *b) {
  for (;; a++, b++) {
    int x = (*a >= 'A' && *a <= 'Z') ? *a + 32 : *a;
    int y = (*b >= 'A' && *b <= 'Z') ? *b + 32 : *b;
    if (x != y || !x) return x - y;
  }
}

static int check_locales(ck *c, const cJSON *v) {
  QBUF;
  int rc = want_array(c, v, 1, EV_CHART_MAX_LOCALES, "locales");
  if (rc) return rc;
  int i = 0;
  for (const cJSON *e = v->child; e; e = e->next, i++) {
    size_t s = push_index(c, i);
    if ((rc = want_string(c, e))) return rc;
    size_t n = strlen(e->valuestring);
    if (n > EV_CHART_MAX_LOCALE_BYTES)
      return fail(c, EV_ERR_LIMIT,
                  "a language tag of %zu bytes, over the limit of %d", n,
                  EV_CHART_MAX_LOCALE_BYTES);
    if (!is_language_tag(e->valuestring))
      return fail(c, EV_ERR_SHAPE,
                  "'%s' is not a language tag (letters, digits and '-', "
                  "e.g. 'en', 'zh', 'pt-BR')",
                  q(qa, e->valuestring));
    for (int j = 0; j < i; j++)
      if (ascii_casecmp(c->locales[j], e->valuestring) == 0)
        return fail(c, EV_ERR_SHAPE, "'%s' is listed twice (also locales[%d])",
                    q(qb, e->valuestring), j);
    c->locales[c->locale_count++] = e->valuestring;
    pop(c, s);
  }
  return EV_OK;
}

static int check_dataset(ck *c, const cJSON *v) {
  int rc = check_object(c, v, DATASET_KEYS, COUNT_OF(DATASET_KEYS));
  if (rc) return rc;
  const cJSON *url = get(v, "url"), *in = get(v, "inline");
  if (url && in)
    return fail(c, EV_ERR_SHAPE, "give 'url' or 'inline', not both");
  if (!url && !in)
    return fail(c, EV_ERR_SHAPE,
                "expected {\"url\": ...} or {\"inline\": true}");
  if (url) {
    size_t s = push_key(c, "url");
    if ((rc = check_url(c, url, 1, 0))) return rc;
    pop(c, s);
  } else if (!cJSON_IsTrue(in)) {
    push_key(c, "inline");
    return fail(c, EV_ERR_SHAPE, "expected true, got %s",
                cJSON_IsFalse(in) ? "false" : jtype(in));
  }
  return EV_OK;
}

static int check_id(ck *c, const cJSON *v, int view) {
  QBUF;
  int rc = want_string(c, v);
  if (rc) return rc;
  const char *s = v->valuestring;
  size_t n = strlen(s);
  if (n > EV_CHART_MAX_ID_BYTES)
    return fail(c, EV_ERR_LIMIT, "an id of %zu bytes, over the limit of %d", n,
                EV_CHART_MAX_ID_BYTES);
  int ok = n > 0;
  for (size_t i = 0; ok && i < n; i++)
    ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
         (s[i] == '-' && i > 0);
  if (!ok)
    return fail(c, EV_ERR_SHAPE,
                "'%s' is not a view id (a-z, 0-9 and '-', not starting with "
                "'-')",
                q(qa, s));
  for (int j = 0; j < view; j++)
    if (strcmp(c->ids[j], s) == 0)
      return fail(c, EV_ERR_SHAPE, "'%s' is the id of views[%d] too", q(qb, s),
                  j);
  c->ids[view] = s;
  return EV_OK;
}

static int check_table_name(ck *c, const cJSON *v) {
  QBUF;
  int rc = want_string(c, v);
  if (rc) return rc;
  const char *names[EV_MAX_TABLES];
  int n = c->table_count < EV_MAX_TABLES ? c->table_count : EV_MAX_TABLES;
  c->t = NULL;
  for (int i = 0; i < n; i++) {
    names[i] = c->tables[i]->name;
    if (!c->t && strcmp(names[i], v->valuestring) == 0) c->t = c->tables[i];
  }
  if (c->t) return EV_OK;
  char h[QUOTE_BYTES + 32], list[300];
  if (nearest(v->valuestring, names, n))
    return fail(c, EV_ERR_COLUMN, "the dataset has no table '%s'%s",
                q(qa, v->valuestring),
                hint(h, sizeof h, v->valuestring, names, n));
  return fail(c, EV_ERR_COLUMN, "the dataset has no table '%s' (tables: %s)",
              q(qa, v->valuestring),
              n ? join(list, sizeof list, names, n) : "none");
}

static int check_x(ck *c, const cJSON *v) {
  QBUF;
  int rc = check_object(c, v, X_KEYS, COUNT_OF(X_KEYS));
  if (rc) return rc;
  const ev_column *col;
  if ((rc = want_column(c, v, "column", "the x column", &col))) return rc;
  size_t s = push_key(c, "column");
  if ((c->mark == MARK_LINE || c->mark == MARK_POINT) &&
      col->type != EV_COL_NUMBER)
    return fail(c, EV_ERR_TYPE, "a %s needs a number x; '%s' is %s",
                MARKS[c->mark], q(qa, col->name), type_name(col->type));
  if (col->type == EV_COL_JSON)
    return fail(c, EV_ERR_TYPE,
                "a %s needs a string, number or boolean x; '%s' is json",
                MARKS[c->mark], q(qb, col->name));
  pop(c, s);
  c->key_cols[0] = col;
  return opt_text(c, v, "label");
}

/* The names the view's derive steps will add (a given `as`, or the
 * default <op>_<column>), looked up before the steps are checked so that y
 * can be checked first. */
static void prescan_derived(ck *c) {
  c->pre_count = 0;
  if (!cJSON_IsArray(c->derive_list)) return;
  for (const cJSON *d = c->derive_list->child;
       d && c->pre_count < EV_CHART_MAX_DERIVE; d = d->next) {
    const cJSON *as = cJSON_IsObject(d) ? get(d, "as") : NULL;
    const cJSON *op = cJSON_IsObject(d) ? get(d, "op") : NULL;
    const cJSON *col = cJSON_IsObject(d) ? get(d, "column") : NULL;
    char *slot = c->pre_buf[c->pre_count];
    if (cJSON_IsString(as))
      snprintf(slot, sizeof c->pre_buf[0], "%s", as->valuestring);
    else if (cJSON_IsString(op) && cJSON_IsString(col))
      snprintf(slot, sizeof c->pre_buf[0], "%s_%s", op->valuestring,
               col->valuestring);
    else
      continue;
    c->pre[c->pre_count++] = slot;
  }
}

static int check_y(ck *c, const cJSON *v) {
  QBUF;
  int rc = check_object(c, v, Y_KEYS, COUNT_OF(Y_KEYS));
  if (rc) return rc;
  const cJSON *agg = opt(v, "aggregate"), *col = opt(v, "column");
  c->agg = -1;
  if (agg) {
    size_t s = push_key(c, "aggregate");
    if ((rc = want_name(c, agg, "aggregate", AGGS, COUNT_OF(AGGS), &c->agg)))
      return rc;
    pop(c, s);
  }
  if (!col) {
    if (c->agg < 0)
      return missing(c, "column", "y needs a column, or the aggregate 'count'");
    if (c->agg > 0) {
      char why[64];
      snprintf(why, sizeof why, "'%s' needs a column", AGGS[c->agg]);
      return missing(c, "column", why);
    }
  } else {
    size_t s = push_key(c, "column");
    if ((rc = want_string(c, col))) return rc;
    const ev_column *tc = column_of(c->t, col->valuestring);
    if (!tc && find(col->valuestring, c->pre, c->pre_count) < 0)
      return no_column(c, col->valuestring, c->pre, c->pre_count);
    if (tc && tc->type != EV_COL_NUMBER) {
      if (c->agg > 0) {
        pop(c, s);
        push_key(c, "aggregate");
        return fail(c, EV_ERR_TYPE, "'%s' needs a number column; '%s' is %s",
                    AGGS[c->agg], q(qa, tc->name), type_name(tc->type));
      }
      if (c->agg < 0)
        return fail(c, EV_ERR_TYPE,
                    "y needs a number column (or an aggregate); '%s' is %s",
                    q(qb, tc->name), type_name(tc->type));
    }
    pop(c, s);
  }
  if ((rc = opt_text(c, v, "label")) || (rc = opt_text(c, v, "unit")))
    return rc;
  const cJSON *scale = opt(v, "scale");
  if (scale) {
    int k;
    size_t s = push_key(c, "scale");
    if ((rc = want_name(c, scale, "scale", SCALES, COUNT_OF(SCALES), &k)))
      return rc;
    if (k == 1 && c->mark == MARK_MAP)
      return fail(c, EV_ERR_SHAPE,
                  "a map has no value axis (circle areas are linear)");
    pop(c, s);
  }
  return EV_OK;
}

/* 1 if s is a number written the way the engine writes it (the shortest
 * text that reads back, ev_fmt_double; a whole number without exponent):
 * "2020", "1.5", "-0.25", not "2020.0", "02020", "+1" or "1e3". A series
 * label's key is matched against values as text, so another spelling of
 * the same number would never match. *canon gets the engine's spelling. */
static int is_number_text(const char *s, char *canon) {
  char *end;
  canon[0] = '\0';
  if (!*s || *s == ' ' || *s == '\t' || *s == '\n' || *s == '+') return 0;
  double d = strtod(s, &end);
  if (*end != '\0' || !isfinite(d)) return 0;
  if (d == floor(d) && fabs(d) < 1e21)
    snprintf(canon, EV_FMT_DOUBLE_BYTES, "%.0f", d == 0 ? 0.0 : d);
  else
    ev_fmt_double(canon, d);
  return strcmp(s, canon) == 0;
}

static int check_series(ck *c, const cJSON *v) {
  QBUF;
  int rc = check_object(c, v, SERIES_KEYS, COUNT_OF(SERIES_KEYS));
  if (rc) return rc;
  const ev_column *col;
  if ((rc = want_column(c, v, "column", "the series column", &col))) return rc;
  size_t s = push_key(c, "column");
  if (col->type == EV_COL_JSON)
    return fail(c, EV_ERR_TYPE,
                "a series needs a string, number or boolean column; '%s' is "
                "json",
                q(qa, col->name));
  if (c->key_cols[0] == col)
    return fail(c, EV_ERR_SHAPE, "'%s' is already the %s column",
                q(qa, col->name), c->mark == MARK_MAP ? "map key" : "x");
  pop(c, s);
  c->key_cols[1] = col;
  const cJSON *labels = opt(v, "labels");
  if (labels) {
    s = push_key(c, "labels");
    if (!cJSON_IsObject(labels))
      return fail(c, EV_ERR_SHAPE, "expected an object, got %s", jtype(labels));
    int n = 0;
    for (const cJSON *m = labels->child; m; m = m->next, n++) {
      if (n == EV_CHART_MAX_SERIES_VALUES)
        return fail(c, EV_ERR_LIMIT, "more than %d labels",
                    EV_CHART_MAX_SERIES_VALUES);
      size_t s2 = push_key(c, m->string);
      for (const cJSON *p = labels->child; p != m; p = p->next)
        if (strcmp(p->string, m->string) == 0)
          return fail(c, EV_ERR_SHAPE, "key '%s' given twice",
                      q(qa, m->string));
      char canon[EV_FMT_DOUBLE_BYTES];
      if (col->type == EV_COL_NUMBER && !is_number_text(m->string, canon)) {
        if (canon[0])
          return fail(c, EV_ERR_SHAPE, "write the number %s as '%s'",
                      q(qb, m->string), canon);
        return fail(c, EV_ERR_TYPE, "'%s' is number; '%s' is not a number",
                    q(qa, col->name), q(qb, m->string));
      }
      if (col->type == EV_COL_BOOL && strcmp(m->string, "true") &&
          strcmp(m->string, "false"))
        return fail(c, EV_ERR_TYPE,
                    "'%s' is boolean; label keys are 'true' or 'false'",
                    q(qa, col->name));
      if ((rc = check_text(c, m))) return rc;
      pop(c, s2);
    }
    pop(c, s);
  }
  const cJSON *order = opt(v, "order");
  if (order) {
    s = push_key(c, "order");
    if ((rc = want_array(c, order, 0, EV_CHART_MAX_SERIES_VALUES, "values")))
      return rc;
    int i = 0;
    for (const cJSON *e = order->child; e; e = e->next, i++) {
      size_t s2 = push_index(c, i);
      if ((rc = want_value_of(c, e, col))) return rc;
      int j = 0;
      for (const cJSON *p = order->child; p != e; p = p->next, j++)
        if (cJSON_Compare(p, e, 1))
          return fail(c, EV_ERR_SHAPE, "listed twice (also order[%d])", j);
      pop(c, s2);
    }
    pop(c, s);
  }
  return EV_OK;
}

static int check_filter(ck *c, const cJSON *v) {
  QBUF;
  int rc = check_object(c, v, FILTER_KEYS, COUNT_OF(FILTER_KEYS));
  if (rc) return rc;
  const ev_column *col;
  if ((rc = want_column(c, v, "column", "the column to filter", &col)))
    return rc;
  const cJSON *eq = get(v, "eq"), *in = get(v, "in"), *range = get(v, "range");
  if (!!eq + !!in + !!range != 1)
    return fail(c, EV_ERR_SHAPE,
                eq || in || range ? "give one of 'eq', 'in' or 'range', not two"
                                  : "expected 'eq', 'in' or 'range'");
  if (col->type == EV_COL_JSON && !range) {
    push_key(c, "column");
    return fail(c, EV_ERR_TYPE, "'%s' holds nested JSON and cannot be filtered",
                q(qa, col->name));
  }
  if (eq) {
    size_t s = push_key(c, "eq");
    if ((rc = want_value_of(c, eq, col))) return rc;
    pop(c, s);
  } else if (in) {
    size_t s = push_key(c, "in");
    if ((rc = want_array(c, in, 1, EV_CHART_MAX_IN, "values"))) return rc;
    int i = 0;
    for (const cJSON *e = in->child; e; e = e->next, i++) {
      size_t s2 = push_index(c, i);
      if ((rc = want_value_of(c, e, col))) return rc;
      pop(c, s2);
    }
    pop(c, s);
  } else {
    size_t s = push_key(c, "range");
    if (!cJSON_IsArray(range) || cJSON_GetArraySize(range) != 2)
      return fail(c, EV_ERR_SHAPE, "expected [lo, hi] (null for an open end)");
    if (col->type != EV_COL_NUMBER)
      return fail(c, EV_ERR_TYPE, "a range needs a number column; '%s' is %s",
                  q(qa, col->name), type_name(col->type));
    int i = 0;
    for (const cJSON *e = range->child; e; e = e->next, i++) {
      if (cJSON_IsNull(e)) continue;
      size_t s2 = push_index(c, i);
      if ((rc = want_number(c, e))) return rc;
      pop(c, s2);
    }
    const cJSON *lo = range->child, *hi = lo->next;
    if (cJSON_IsNumber(lo) && cJSON_IsNumber(hi) &&
        lo->valuedouble > hi->valuedouble) {
      char a[EV_FMT_DOUBLE_BYTES], b[EV_FMT_DOUBLE_BYTES];
      return fail(c, EV_ERR_SHAPE, "lo %s is above hi %s",
                  ev_fmt_double(a, lo->valuedouble),
                  ev_fmt_double(b, hi->valuedouble));
    }
    pop(c, s);
  }
  return EV_OK;
}

/* The type of column `name` at a derive step: the table's columns (with
 * an aggregate: the group keys, and the other columns as aggregated
 * numbers, plus "count" for a count), then earlier steps' `as`. 0 if none.
 * The path is at the name; a column the aggregate cannot take fails. */
static int stage_type(ck *c, const char *name, ev_col_type *out) {
  QBUF;
  for (int i = 0; i < c->derived_count; i++)
    if (strcmp(c->derived[i], name) == 0) {
      *out = EV_COL_NUMBER;
      return 1;
    }
  const ev_column *col = column_of(c->t, name);
  if (c->agg < 0) {
    if (col) *out = col->type;
    return col != NULL;
  }
  if (col && (col == c->key_cols[0] || col == c->key_cols[1])) {
    *out = col->type;
    return 1;
  }
  if (col) {
    if (c->agg > 0 && col->type != EV_COL_NUMBER) {
      fail(c, EV_ERR_TYPE,
           "'%s' needs a number column; '%s' is %s (it is aggregated: not "
           "x or series)",
           AGGS[c->agg], q(qa, col->name), type_name(col->type));
      return -1;
    }
    *out = EV_COL_NUMBER;
    return 1;
  }
  if (c->agg == 0 && strcmp(name, "count") == 0) {
    *out = EV_COL_NUMBER;
    return 1;
  }
  return 0;
}

/* Derive step member `key`: a column name of the stage; with want_number,
 * a number column; json never. The path is at the step. */
static int derive_column(ck *c, const char *key, const cJSON *v, int want_num) {
  QBUF;
  size_t s = push_key(c, key);
  int rc = want_string(c, v);
  if (rc) return rc;
  ev_col_type ty;
  int found = stage_type(c, v->valuestring, &ty);
  if (found < 0) return ev_error_status();
  if (!found) return no_column(c, v->valuestring, c->derived, c->derived_count);
  if (want_num && ty != EV_COL_NUMBER)
    return fail(c, EV_ERR_TYPE, "a derive %s needs a number column; '%s' is %s",
                key, q(qa, v->valuestring), type_name(ty));
  if (ty == EV_COL_JSON)
    return fail(c, EV_ERR_TYPE, "'%s' holds nested JSON",
                q(qb, v->valuestring));
  pop(c, s);
  return EV_OK;
}

static int check_derive_step(ck *c, const cJSON *v) {
  QBUF;
  int rc = check_object(c, v, DERIVE_KEYS, COUNT_OF(DERIVE_KEYS));
  if (rc) return rc;
  const cJSON *opv = get(v, "op");
  if (!opv) return missing(c, "op", "a derive step needs an op");
  int op;
  size_t s = push_key(c, "op");
  if ((rc = want_name(c, opv, "derive op", DERIVE_OPS, COUNT_OF(DERIVE_OPS),
                      &op)))
    return rc;
  pop(c, s);
  /* which settings the op takes: required (2), optional (1), not (0) */
  int ordered = op >= D_INDEX;
  struct {
    const char *key;
    int use;
  } set[] = {{"order", ordered ? 2 : 0},
             {"key", op == D_RATIO ? 2 : 0},
             {"denominator", op == D_RATIO ? 2 : 0},
             {"base", op == D_INDEX ? 2 : 0},
             {"step", op == D_CHANGE || op == D_PCT || op == D_ROLLING ? 1 : 0},
             {"window", op == D_ROLLING ? 2 : 0}};
  for (int i = 0; i < COUNT_OF(set); i++) {
    const cJSON *m = get(v, set[i].key);
    if (m && !set[i].use) {
      push_key(c, set[i].key);
      return fail(c, EV_ERR_SHAPE, "'%s' takes no '%s'", DERIVE_OPS[op],
                  set[i].key);
    }
    if (!m && set[i].use == 2) {
      char why[64];
      snprintf(why, sizeof why, "'%s' needs '%s'", DERIVE_OPS[op], set[i].key);
      return missing(c, set[i].key, why);
    }
  }
  const cJSON *col = get(v, "column");
  if (!col) return missing(c, "column", "the column to derive from");
  if ((rc = derive_column(c, "column", col, 1))) return rc;
  const cJSON *by = get(v, "by"), *part = get(v, "partition");
  if (by && part)
    return fail(c, EV_ERR_SHAPE, "give 'by' or 'partition', not both");
  const char *bykey = by ? "by" : "partition";
  if (by || part) {
    const cJSON *list = by ? by : part;
    s = push_key(c, bykey);
    if ((rc = want_array(c, list, 0, EV_DERIVE_MAX_BY, "columns"))) return rc;
    int i = 0;
    for (const cJSON *e = list->child; e; e = e->next, i++) {
      size_t s2 = push_index(c, i);
      if ((rc = want_string(c, e))) return rc;
      ev_col_type ty;
      int found = stage_type(c, e->valuestring, &ty);
      if (found < 0) return ev_error_status();
      if (!found)
        return no_column(c, e->valuestring, c->derived, c->derived_count);
      if (ty == EV_COL_JSON)
        return fail(c, EV_ERR_TYPE, "'%s' holds nested JSON",
                    q(qa, e->valuestring));
      for (const cJSON *p = list->child; p != e; p = p->next)
        if (strcmp(p->valuestring, e->valuestring) == 0)
          return fail(c, EV_ERR_SHAPE, "'%s' listed twice",
                      q(qb, e->valuestring));
      pop(c, s2);
    }
    pop(c, s);
  }
  const cJSON *m;
  if ((m = get(v, "order")) && (rc = derive_column(c, "order", m, 1)))
    return rc;
  if ((m = get(v, "key"))) {
    if ((rc = derive_column(c, "key", m, 0))) return rc;
    ev_col_type kt;
    stage_type(c, m->valuestring, &kt);
    const cJSON *d = get(v, "denominator");
    s = push_key(c, "denominator");
    ev_column fake = {(char *)m->valuestring, kt, NULL, NULL, NULL};
    if ((rc = want_value_of(c, d, &fake))) return rc;
    pop(c, s);
  }
  if ((m = get(v, "base"))) {
    s = push_key(c, "base");
    if ((rc = want_number(c, m))) return rc;
    pop(c, s);
  }
  if ((m = get(v, "step"))) {
    s = push_key(c, "step");
    if ((rc = want_number(c, m))) return rc;
    if (!(m->valuedouble > 0))
      return fail(c, EV_ERR_SHAPE, "a step must be above 0");
    pop(c, s);
  }
  if ((m = get(v, "window"))) {
    s = push_key(c, "window");
    if ((rc = want_number(c, m))) return rc;
    double w = m->valuedouble;
    if (w != floor(w) || w < 1)
      return fail(c, EV_ERR_SHAPE,
                  "expected a whole number of rows, 1 or more");
    if (w > EV_DERIVE_MAX_WINDOW)
      return fail(c, EV_ERR_LIMIT,
                  "a window of %.0f rows, over the limit of %d", w,
                  EV_DERIVE_MAX_WINDOW);
    pop(c, s);
  }
  const cJSON *as = get(v, "as");
  char def[EV_MAX_NAME_BYTES * 2 + 16];
  const char *name = def;
  s = push_key(c, "as");
  if (as) {
    if ((rc = want_string(c, as))) return rc;
    name = as->valuestring;
    if (!*name) return fail(c, EV_ERR_SHAPE, "an empty name");
  } else {
    snprintf(def, sizeof def, "%s_%s", DERIVE_OPS[op], col->valuestring);
  }
  if (strlen(name) > EV_MAX_NAME_BYTES)
    return fail(c, EV_ERR_LIMIT, "a name of %zu bytes, over the limit of %d",
                strlen(name), EV_MAX_NAME_BYTES);
  ev_col_type ty;
  int found = stage_type(c, name, &ty);
  if (found != 0) {
    ev_error_reset();
    return fail(c, EV_ERR_SHAPE,
                "'%s' is already a column; name the result "
                "with another 'as'",
                q(qa, name));
  }
  pop(c, s);
  return EV_OK;
}

static int check_trend(ck *c, const cJSON *v) {
  int rc = check_object(c, v, TREND_KEYS, COUNT_OF(TREND_KEYS));
  if (rc) return rc;
  if (c->mark != MARK_LINE)
    return fail(c, EV_ERR_SHAPE,
                "a trend projection needs a line (mark is '%s')",
                MARKS[c->mark]);
  const cJSON *m = get(v, "method"), *h = get(v, "horizon"),
              *l = opt(v, "level");
  if (!m) return missing(c, "method", "linear, loglinear or holt");
  int k;
  size_t s = push_key(c, "method");
  if ((rc = want_name(c, m, "method", METHODS, COUNT_OF(METHODS), &k)))
    return rc;
  pop(c, s);
  if (!h) return missing(c, "horizon", "steps of x beyond the last point");
  s = push_key(c, "horizon");
  if ((rc = want_number(c, h))) return rc;
  if (h->valuedouble != floor(h->valuedouble))
    return fail(c, EV_ERR_SHAPE, "expected a whole number of steps");
  if (h->valuedouble < 1 || h->valuedouble > EV_CHART_MAX_HORIZON) {
    char a[EV_FMT_DOUBLE_BYTES];
    return fail(c, EV_ERR_LIMIT, "%s steps, outside 1 to %d",
                ev_fmt_double(a, h->valuedouble), EV_CHART_MAX_HORIZON);
  }
  pop(c, s);
  if (l) {
    s = push_key(c, "level");
    if ((rc = want_number(c, l))) return rc;
    if (!(l->valuedouble > 0 && l->valuedouble < 1)) {
      char a[EV_FMT_DOUBLE_BYTES];
      return fail(c, EV_ERR_SHAPE, "%s is not between 0 and 1 (e.g. 0.95)",
                  ev_fmt_double(a, l->valuedouble));
    }
    pop(c, s);
  }
  return EV_OK;
}

/* 1 if s is three capital ASCII letters. */
static int is_alpha3(const char *s) {
  for (int i = 0; i < 3; i++)
    if (s[i] < 'A' || s[i] > 'Z') return 0;
  return s[3] == '\0';
}

static int check_map(ck *c, const cJSON *v) {
  QBUF;
  int rc = check_object(c, v, MAP_KEYS, COUNT_OF(MAP_KEYS));
  if (rc) return rc;
  const ev_column *col;
  if ((rc = want_column(c, v, "key", "a column of ISO 3166-1 alpha-3 codes",
                        &col)))
    return rc;
  size_t s = push_key(c, "key");
  if (col->type != EV_COL_STRING)
    return fail(c, EV_ERR_TYPE,
                "a map key needs a string column of ISO 3166-1 alpha-3 codes; "
                "'%s' is %s",
                q(qa, col->name), type_name(col->type));
  for (int32_t k = 0; k < ev_dict_count(col->dict); k++)
    if (!is_alpha3(ev_dict_str(col->dict, k)))
      return fail(
          c, EV_ERR_DATA,
          "'%s' holds '%s', not an ISO 3166-1 alpha-3 code (e.g. 'HUN')",
          q(qa, col->name), q(qb, ev_dict_str(col->dict, k)));
  pop(c, s);
  c->key_cols[0] = col;
  const cJSON *p = opt(v, "projection");
  if (p) {
    int k;
    s = push_key(c, "projection");
    if ((rc = want_name(c, p, "projection", PROJECTIONS, COUNT_OF(PROJECTIONS),
                        &k)))
      return rc;
    pop(c, s);
  }
  return EV_OK;
}

static int check_annotation(ck *c, const cJSON *v) {
  int rc = check_object(c, v, ANNOTATION_KEYS, COUNT_OF(ANNOTATION_KEYS));
  if (rc) return rc;
  const cJSON *x = get(v, "x"), *y = opt(v, "y"), *text = get(v, "text");
  if (!x) return missing(c, "x", "the x value the note is at");
  size_t s = push_key(c, "x");
  if ((rc = want_value_of(c, x, c->key_cols[0]))) return rc;
  pop(c, s);
  if (y) {
    s = push_key(c, "y");
    if ((rc = want_number(c, y))) return rc;
    pop(c, s);
  }
  if (!text) return missing(c, "text", "the note");
  s = push_key(c, "text");
  if ((rc = check_text(c, text))) return rc;
  pop(c, s);
  return EV_OK;
}

static int check_source(ck *c, const cJSON *v) {
  int rc = check_object(c, v, SOURCE_KEYS, COUNT_OF(SOURCE_KEYS));
  if (rc) return rc;
  const cJSON *name = get(v, "name"), *url = opt(v, "url");
  if (!name) return missing(c, "name", "the source's name");
  size_t s = push_key(c, "name");
  if ((rc = check_text(c, name))) return rc;
  pop(c, s);
  if (url) {
    s = push_key(c, "url");
    if ((rc = check_url(c, url, 0, 1))) return rc;
    pop(c, s);
  }
  return EV_OK;
}

/* An optional list member: each element through fn. */
static int check_list(ck *c, const cJSON *obj, const char *key, int max,
                      const char *what, int (*fn)(ck *, const cJSON *)) {
  const cJSON *v = opt(obj, key);
  if (!v) return EV_OK;
  size_t s = push_key(c, key);
  int rc = want_array(c, v, 0, max, what);
  if (rc) return rc;
  int i = 0;
  for (const cJSON *e = v->child; e; e = e->next, i++) {
    size_t s2 = push_index(c, i);
    if ((rc = fn(c, e))) return rc;
    pop(c, s2);
  }
  pop(c, s);
  return EV_OK;
}

static int check_derive_entry(ck *c, const cJSON *v) {
  int rc = check_derive_step(c, v);
  if (rc) return rc;
  const cJSON *as = get(v, "as");
  /* the default name is kept in the tree for normalising; only given
   * names are looked up by later steps here, the default is added below */
  if (as) {
    c->derived[c->derived_count++] = as->valuestring;
  } else {
    char *def = malloc(strlen(get(v, "op")->valuestring) +
                       strlen(get(v, "column")->valuestring) + 2);
    if (!def) return ev_error_set(EV_ERR_NOMEM, "out of memory");
    sprintf(def, "%s_%s", get(v, "op")->valuestring,
            get(v, "column")->valuestring);
    cJSON *s = cJSON_CreateString(def);
    free(def);
    if (!s || !cJSON_AddItemToObject((cJSON *)v, "as", s)) {
      cJSON_Delete(s);
      return ev_error_set(EV_ERR_NOMEM, "out of memory");
    }
    c->derived[c->derived_count++] = s->valuestring;
  }
  return EV_OK;
}

static int check_text_entry(ck *c, const cJSON *v) { return check_text(c, v); }

static int check_view(ck *c, const cJSON *v, int index) {
  int rc = check_object(c, v, VIEW_KEYS, COUNT_OF(VIEW_KEYS));
  if (rc) return rc;
  c->t = NULL;
  c->mark = -1;
  c->agg = -1;
  c->key_cols[0] = c->key_cols[1] = NULL;
  c->derived_count = 0;
  c->derive_list = get(v, "derive");
  prescan_derived(c);
  const cJSON *m;
  size_t s;
  if (!(m = get(v, "id"))) return missing(c, "id", "a view needs an id");
  s = push_key(c, "id");
  if ((rc = check_id(c, m, index))) return rc;
  pop(c, s);
  if (!(m = get(v, "title"))) return missing(c, "title", "Text");
  s = push_key(c, "title");
  if ((rc = check_text(c, m))) return rc;
  pop(c, s);
  if ((rc = opt_text(c, v, "subtitle"))) return rc;
  if (!(m = get(v, "table")))
    return missing(c, "table", "the table of the dataset to draw");
  s = push_key(c, "table");
  if ((rc = check_table_name(c, m))) return rc;
  pop(c, s);
  if (!(m = get(v, "mark")))
    return missing(c, "mark", "line, bar, hbar, point or map");
  s = push_key(c, "mark");
  if ((rc = want_name(c, m, "mark", MARKS, COUNT_OF(MARKS), &c->mark)))
    return rc;
  pop(c, s);
  m = opt(v, "x");
  if (c->mark == MARK_MAP) {
    if (m) {
      push_key(c, "x");
      return fail(c, EV_ERR_SHAPE,
                  "a map has no x (values are placed by "
                  "map.key)");
    }
    /* the map key is x's counterpart: checked before y and series */
    if (!(m = get(v, "map")))
      return missing(c, "map", "a map mark needs 'map'");
    s = push_key(c, "map");
    if ((rc = check_map(c, m))) return rc;
    pop(c, s);
  } else {
    if (!m) return missing(c, "x", "a line, bar, hbar or point needs x");
    s = push_key(c, "x");
    if ((rc = check_x(c, m))) return rc;
    pop(c, s);
  }
  if (!(m = get(v, "y"))) return missing(c, "y", "the values to draw");
  s = push_key(c, "y");
  if ((rc = check_y(c, m))) return rc;
  pop(c, s);
  if ((m = opt(v, "series"))) {
    s = push_key(c, "series");
    if ((rc = check_series(c, m))) return rc;
    pop(c, s);
  }
  if ((rc = check_list(c, v, "filters", EV_CHART_MAX_LIST, "filters",
                       check_filter)) ||
      (rc = check_list(c, v, "derive", EV_CHART_MAX_DERIVE, "derive steps",
                       check_derive_entry)))
    return rc;
  if ((m = opt(v, "trend"))) {
    s = push_key(c, "trend");
    if ((rc = check_trend(c, m))) return rc;
    pop(c, s);
  }
  if ((m = opt(v, "map")) && c->mark != MARK_MAP) {
    push_key(c, "map");
    return fail(c, EV_ERR_SHAPE, "only a map mark takes 'map' (mark is '%s')",
                MARKS[c->mark]);
  }
  if ((m = opt(v, "annotations")) && c->mark == MARK_MAP &&
      !(cJSON_IsArray(m) && !m->child)) {
    push_key(c, "annotations");
    return fail(c, EV_ERR_SHAPE, "a map has no x to place annotations at");
  }
  if ((rc = check_list(c, v, "annotations", EV_CHART_MAX_LIST, "annotations",
                       check_annotation)) ||
      (rc = check_list(c, v, "notes", EV_CHART_MAX_LIST, "notes",
                       check_text_entry)) ||
      (rc = check_list(c, v, "sources", EV_CHART_MAX_LIST, "sources",
                       check_source)))
    return rc;
  /* y.column names a derived column: it must be one of the steps' */
  const cJSON *y = get(v, "y"), *yc = opt(y, "column");
  if (yc && !column_of(c->t, yc->valuestring) &&
      find(yc->valuestring, c->derived, c->derived_count) < 0) {
    s = push_key(c, "y");
    push_key(c, "column");
    return no_column(c, yc->valuestring, c->derived, c->derived_count);
  }
  return EV_OK;
}

static int check_root(ck *c, const cJSON *root) {
  int rc = check_object(c, root, ROOT_KEYS, COUNT_OF(ROOT_KEYS));
  if (rc) return rc;
  QBUF;
  const cJSON *m;
  size_t s;
  if (!(m = get(root, "format"))) return missing(c, "format", "\"ev-chart/1\"");
  s = push_key(c, "format");
  if ((rc = want_string(c, m))) return rc;
  if (strcmp(m->valuestring, "ev-chart/1") != 0)
    return fail(c, EV_ERR_SHAPE, "expected \"ev-chart/1\", got \"%s\"",
                q(qa, m->valuestring));
  pop(c, s);
  if (!(m = get(root, "locales")))
    return missing(c, "locales", "language tags, the default first");
  s = push_key(c, "locales");
  if ((rc = check_locales(c, m))) return rc;
  pop(c, s);
  if (!(m = get(root, "title"))) return missing(c, "title", "Text");
  s = push_key(c, "title");
  if ((rc = check_text(c, m))) return rc;
  pop(c, s);
  if ((m = opt(root, "dataset"))) {
    s = push_key(c, "dataset");
    if ((rc = check_dataset(c, m))) return rc;
    pop(c, s);
  }
  if (!(m = get(root, "views"))) return missing(c, "views", "1 to 16 views");
  s = push_key(c, "views");
  if ((rc = want_array(c, m, 1, EV_CHART_MAX_VIEWS, "views"))) return rc;
  int i = 0;
  for (const cJSON *e = m->child; e; e = e->next, i++) {
    size_t s2 = push_index(c, i);
    if ((rc = check_view(c, e, i))) return rc;
    pop(c, s2);
  }
  pop(c, s);
  return EV_OK;
}

/* ---- normalising ---------------------------------------------------- */

static int nomem(void) { return ev_error_set(EV_ERR_NOMEM, "out of memory"); }

/* A Text node that is a string becomes {"<default locale>": string}, in
 * place (the node keeps its key and place in its parent). */
static int text_to_object(ck *c, cJSON *v) {
  if (!v || !cJSON_IsString(v)) return EV_OK;
  cJSON *tmp = cJSON_CreateObject();
  if (!tmp || !cJSON_AddStringToObject(tmp, c->locales[0], v->valuestring)) {
    cJSON_Delete(tmp);
    return nomem();
  }
  cJSON_free(v->valuestring);
  v->valuestring = NULL;
  v->type = cJSON_Object | (v->type & cJSON_StringIsConst);
  v->child = tmp->child;
  tmp->child = NULL;
  cJSON_Delete(tmp);
  return EV_OK;
}

/* Adds key: null / [] / {} / "s" / n to obj when absent; normalises the
 * Text at key when present (text != 0). */
enum { D_NULL, D_ARRAY, D_OBJECT, D_STRING, D_NUMBER, D_TEXT };
static int fill(ck *c, cJSON *obj, const char *key, int kind, const char *s,
                double n) {
  cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (v && cJSON_IsNull(v) && kind != D_NULL && kind != D_TEXT) {
    /* null is the same as absent: the default, in place */
    switch (kind) {
      case D_ARRAY:
        v->type = cJSON_Array;
        break;
      case D_OBJECT:
        v->type = cJSON_Object;
        break;
      case D_NUMBER:
        v->type = cJSON_Number;
        cJSON_SetNumberValue(v, n);
        break;
      case D_STRING: {
        cJSON *t = cJSON_CreateString(s);
        if (!t) return nomem();
        v->type = cJSON_String;
        v->valuestring = t->valuestring;
        t->valuestring = NULL;
        cJSON_Delete(t);
        break;
      }
    }
    return EV_OK;
  }
  if (v) return kind == D_TEXT ? text_to_object(c, v) : EV_OK;
  cJSON *made = NULL;
  switch (kind) {
    case D_NULL:
    case D_TEXT:
      made = cJSON_AddNullToObject(obj, key);
      break;
    case D_ARRAY:
      made = cJSON_AddArrayToObject(obj, key);
      break;
    case D_OBJECT:
      made = cJSON_AddObjectToObject(obj, key);
      break;
    case D_STRING:
      made = cJSON_AddStringToObject(obj, key, s);
      break;
    case D_NUMBER:
      made = cJSON_AddNumberToObject(obj, key, n);
      break;
  }
  return made ? EV_OK : nomem();
}

static int normalise_view(ck *c, cJSON *v) {
  int rc;
  if ((rc = fill(c, v, "title", D_TEXT, NULL, 0)) ||
      (rc = fill(c, v, "subtitle", D_TEXT, NULL, 0)) ||
      (rc = fill(c, v, "x", D_NULL, NULL, 0)) ||
      (rc = fill(c, v, "series", D_NULL, NULL, 0)) ||
      (rc = fill(c, v, "filters", D_ARRAY, NULL, 0)) ||
      (rc = fill(c, v, "derive", D_ARRAY, NULL, 0)) ||
      (rc = fill(c, v, "trend", D_NULL, NULL, 0)) ||
      (rc = fill(c, v, "map", D_NULL, NULL, 0)) ||
      (rc = fill(c, v, "annotations", D_ARRAY, NULL, 0)) ||
      (rc = fill(c, v, "notes", D_ARRAY, NULL, 0)) ||
      (rc = fill(c, v, "sources", D_ARRAY, NULL, 0)))
    return rc;
  cJSON *x = get(v, "x"), *y = get(v, "y"), *series = get(v, "series"),
        *trend = get(v, "trend"), *map = get(v, "map"), *e;
  if (cJSON_IsObject(x) && (rc = fill(c, x, "label", D_TEXT, NULL, 0)))
    return rc;
  if ((rc = fill(c, y, "column", D_NULL, NULL, 0)) ||
      (rc = fill(c, y, "aggregate", D_NULL, NULL, 0)) ||
      (rc = fill(c, y, "label", D_TEXT, NULL, 0)) ||
      (rc = fill(c, y, "unit", D_TEXT, NULL, 0)) ||
      (rc = fill(c, y, "scale", D_STRING, "linear", 0)))
    return rc;
  if (cJSON_IsObject(series)) {
    if ((rc = fill(c, series, "labels", D_OBJECT, NULL, 0)) ||
        (rc = fill(c, series, "order", D_ARRAY, NULL, 0)))
      return rc;
    cJSON_ArrayForEach(e, get(series, "labels")) {
      if ((rc = text_to_object(c, e))) return rc;
    }
  }
  if (cJSON_IsObject(trend) &&
      (rc = fill(c, trend, "level", D_NUMBER, NULL, 0.95)))
    return rc;
  if (cJSON_IsObject(map) &&
      (rc = fill(c, map, "projection", D_STRING, "equal-earth", 0)))
    return rc;
  cJSON_ArrayForEach(e, get(v, "annotations")) {
    if ((rc = fill(c, e, "y", D_NULL, NULL, 0)) ||
        (rc = fill(c, e, "text", D_TEXT, NULL, 0)))
      return rc;
  }
  cJSON_ArrayForEach(e, get(v, "notes")) {
    if ((rc = text_to_object(c, e))) return rc;
  }
  cJSON_ArrayForEach(e, get(v, "sources")) {
    if ((rc = fill(c, e, "name", D_TEXT, NULL, 0)) ||
        (rc = fill(c, e, "url", D_NULL, NULL, 0)))
      return rc;
  }
  return EV_OK;
}

static int normalise(ck *c, cJSON *root) {
  int rc;
  if ((rc = fill(c, root, "title", D_TEXT, NULL, 0)) ||
      (rc = fill(c, root, "dataset", D_NULL, NULL, 0)))
    return rc;
  cJSON *v;
  cJSON_ArrayForEach(v, get(root, "views")) {
    if ((rc = normalise_view(c, v))) return rc;
  }
  return EV_OK;
}

int ev_chart_check(const char *buf, size_t len, ev_table *const *tables,
                   int32_t table_count, char **out_json, size_t *out_len) {
  if (out_json) *out_json = NULL;
  if (out_len) *out_len = 0;
  if ((!buf && len) || table_count < 0 || (!tables && table_count) ||
      !out_json || !out_len)
    return ev_error_set(EV_ERR_ARG, "chart check: bad arguments");
  for (int32_t i = 0; i < table_count; i++)
    if (!tables[i])
      return ev_error_set(EV_ERR_ARG, "chart check: no table %d", (int)i);
  if (len > EV_CHART_MAX_BYTES)
    return ev_error_set(EV_ERR_LIMIT,
                        "description: %zu bytes, over the limit of %d bytes",
                        len, EV_CHART_MAX_BYTES);
  cJSON *root = ev_json_parse(buf, len);
  if (!root) return ev_error_status();
  ck c;
  memset(&c, 0, sizeof c);
  c.tables = tables;
  c.table_count = table_count;
  int rc = check_root(&c, root);
  if (rc == EV_OK) rc = normalise(&c, root);
  if (rc == EV_OK) {
    char *text = cJSON_PrintUnformatted(root);
    if (!text) {
      rc = nomem();
    } else {
      *out_json = text;
      *out_len = strlen(text);
    }
  }
  cJSON_Delete(root);
  return rc;
}
