/* chart_ck.c — the chart check's state, its JSON paths and located
 * messages, and the checks of JSON members every part uses (see
 * chart_ck.h). */
#include "chart_ck.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "chart_names.h"
#include "status.h"

const char *const ev_ck_marks[EV_CK_MARK_COUNT] = {"line", "bar", "hbar",
                                                   "point", "map"};
const char *const ev_ck_aggs[EV_CK_AGG_COUNT] = {"count", "sum", "mean",
                                                 "min",   "max", "median"};

const char *ev_ck_quote(char *buf, const char *s) {
  size_t n = 0, i = 0;
  for (; s[i] && n < EV_CK_QUOTE_BYTES; i++) {
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

int ev_ck_fail(ev_ck *c, int status, const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return ev_error_set(status, "%s: %s", c->plen ? c->path : "description", msg);
}

size_t ev_ck_push_key(ev_ck *c, const char *key) {
  size_t saved = c->plen;
  /* a JavaScript identifier (ASCII) as .key, anything else as ["key"] */
  int plain =
      key[0] != '\0' && strlen(key) <= 40 && !(key[0] >= '0' && key[0] <= '9');
  for (const char *p = key; plain && *p; p++)
    plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || *p == '_' || *p == '$';
  char qk[EV_CK_QUOTE_BYTES + 8];
  int n = plain ? snprintf(c->path + c->plen, EV_CK_PATH_CAP - c->plen, "%s%s",
                           c->plen ? "." : "", key)
                : snprintf(c->path + c->plen, EV_CK_PATH_CAP - c->plen,
                           "[\"%s\"]", ev_ck_quote(qk, key));
  if (n > 0)
    c->plen = c->plen + (size_t)n < EV_CK_PATH_CAP ? c->plen + (size_t)n
                                                   : EV_CK_PATH_CAP - 1;
  return saved;
}

size_t ev_ck_push_index(ev_ck *c, int i) {
  size_t saved = c->plen;
  int n = snprintf(c->path + c->plen, EV_CK_PATH_CAP - c->plen, "[%d]", i);
  if (n > 0)
    c->plen = c->plen + (size_t)n < EV_CK_PATH_CAP ? c->plen + (size_t)n
                                                   : EV_CK_PATH_CAP - 1;
  return saved;
}

void ev_ck_pop(ev_ck *c, size_t saved) {
  c->plen = saved;
  c->path[saved] = '\0';
}

const char *ev_ck_hint(char *buf, size_t cap, const char *s,
                       const char *const *names, int count) {
  const char *n = ev_chart_nearest(s, names, count);
  char qn[EV_CK_QUOTE_BYTES + 8];
  if (n)
    snprintf(buf, cap, " (did you mean '%s'?)", ev_ck_quote(qn, n));
  else
    buf[0] = '\0';
  return buf;
}

const char *ev_ck_jtype(const cJSON *v) {
  if (cJSON_IsObject(v)) return "an object";
  if (cJSON_IsArray(v)) return "an array";
  if (cJSON_IsString(v)) return "a string";
  if (cJSON_IsNumber(v)) return "a number";
  if (cJSON_IsBool(v)) return "a boolean";
  return "null";
}

int ev_ck_object(ev_ck *c, const cJSON *obj, const char *const *known,
                 int count) {
  EV_CK_QBUF;
  if (!cJSON_IsObject(obj))
    return ev_ck_fail(c, EV_ERR_SHAPE, "expected an object, got %s",
                      ev_ck_jtype(obj));
  for (const cJSON *m = obj->child; m; m = m->next) {
    if (ev_chart_find(m->string, known, count) < 0) {
      char h[EV_CK_QUOTE_BYTES + 32], list[400];
      size_t s = ev_ck_push_key(c, m->string);
      if (ev_chart_nearest(m->string, known, count))
        return ev_ck_fail(c, EV_ERR_SHAPE, "unknown key '%s'%s",
                          ev_ck_quote(qa, m->string),
                          ev_ck_hint(h, sizeof h, m->string, known, count));
      int rc = ev_ck_fail(c, EV_ERR_SHAPE, "unknown key '%s' (known: %s)",
                          ev_ck_quote(qa, m->string),
                          ev_chart_join(list, sizeof list, known, count));
      ev_ck_pop(c, s);
      return rc;
    }
    for (const cJSON *p = obj->child; p != m; p = p->next)
      if (strcmp(p->string, m->string) == 0) {
        ev_ck_push_key(c, m->string);
        return ev_ck_fail(c, EV_ERR_SHAPE, "key '%s' given twice",
                          ev_ck_quote(qb, m->string));
      }
  }
  return EV_OK;
}

cJSON *ev_ck_get(const cJSON *obj, const char *key) {
  return cJSON_GetObjectItemCaseSensitive(obj, key);
}

cJSON *ev_ck_opt(const cJSON *obj, const char *key) {
  cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  return cJSON_IsNull(v) ? NULL : v;
}

int ev_ck_missing(ev_ck *c, const char *key, const char *why) {
  ev_ck_push_key(c, key);
  return ev_ck_fail(c, EV_ERR_SHAPE, "missing (%s)", why);
}

int ev_ck_string(ev_ck *c, const cJSON *v) {
  if (!cJSON_IsString(v))
    return ev_ck_fail(c, EV_ERR_SHAPE, "expected a string, got %s",
                      ev_ck_jtype(v));
  return EV_OK;
}

int ev_ck_array(ev_ck *c, const cJSON *v, int min, int max, const char *what) {
  if (!cJSON_IsArray(v))
    return ev_ck_fail(c, EV_ERR_SHAPE, "expected an array, got %s",
                      ev_ck_jtype(v));
  int n = cJSON_GetArraySize(v);
  if (n < min)
    return ev_ck_fail(c, EV_ERR_SHAPE, "an empty list (at least %d needed)",
                      min);
  if (n > max)
    return ev_ck_fail(c, EV_ERR_LIMIT, "%d %s, over the limit of %d", n, what,
                      max);
  return EV_OK;
}

int ev_ck_number(ev_ck *c, const cJSON *v) {
  if (!cJSON_IsNumber(v))
    return ev_ck_fail(c, EV_ERR_SHAPE, "expected a number, got %s",
                      ev_ck_jtype(v));
  if (!isfinite(v->valuedouble))
    return ev_ck_fail(c, EV_ERR_RANGE, "the number is too large for a double");
  return EV_OK;
}

int ev_ck_name(ev_ck *c, const cJSON *v, const char *what,
               const char *const *names, int count, int *out) {
  EV_CK_QBUF;
  char list[200];
  int rc = ev_ck_string(c, v);
  if (rc) return rc;
  *out = ev_chart_find(v->valuestring, names, count);
  if (*out < 0)
    return ev_ck_fail(c, EV_ERR_SHAPE, "unknown %s '%s' (%s)", what,
                      ev_ck_quote(qa, v->valuestring),
                      ev_chart_join(list, sizeof list, names, count));
  return EV_OK;
}

int ev_ck_opt_name(ev_ck *c, const cJSON *obj, const char *key,
                   const char *const *names, int count, int *out) {
  const cJSON *v = ev_ck_opt(obj, key);
  if (!v) return EV_OK;
  int k;
  size_t s = ev_ck_push_key(c, key);
  int rc = ev_ck_name(c, v, key, names, count, out ? out : &k);
  if (!rc) ev_ck_pop(c, s);
  return rc;
}

int ev_ck_at(ev_ck *c, const char *key, const cJSON *v, ev_ck_fn fn) {
  size_t s = ev_ck_push_key(c, key);
  int rc = fn(c, v);
  if (!rc) ev_ck_pop(c, s);
  return rc;
}

int ev_ck_member(ev_ck *c, const cJSON *obj, const char *key, const char *why,
                 ev_ck_fn fn) {
  const cJSON *v = why ? ev_ck_get(obj, key) : ev_ck_opt(obj, key);
  if (!v) return why ? ev_ck_missing(c, key, why) : EV_OK;
  return ev_ck_at(c, key, v, fn);
}

int ev_ck_each(ev_ck *c, const cJSON *v, ev_ck_fn fn) {
  int i = 0;
  for (const cJSON *e = v->child; e; e = e->next, i++) {
    size_t s = ev_ck_push_index(c, i);
    int rc = fn(c, e);
    if (rc) return rc;
    ev_ck_pop(c, s);
  }
  return EV_OK;
}

int ev_ck_list(ev_ck *c, const cJSON *obj, const char *key, int min, int max,
               const char *what, ev_ck_fn fn) {
  const cJSON *v = ev_ck_opt(obj, key);
  if (!v) return min ? ev_ck_missing(c, key, what) : EV_OK;
  size_t s = ev_ck_push_key(c, key);
  int rc = ev_ck_array(c, v, min, max, what);
  if (!rc) rc = ev_ck_each(c, v, fn);
  if (!rc) ev_ck_pop(c, s);
  return rc;
}

int ev_ck_entries(ev_ck *c, const cJSON *obj, const char *key, int max,
                  const char *what, ev_ck_entry_fn fn, const ev_column *col) {
  EV_CK_QBUF;
  const cJSON *v = ev_ck_opt(obj, key);
  if (!v) return EV_OK;
  size_t s0 = ev_ck_push_key(c, key);
  if (!cJSON_IsObject(v))
    return ev_ck_fail(c, EV_ERR_SHAPE, "expected an object, got %s",
                      ev_ck_jtype(v));
  int n = 0;
  for (const cJSON *m = v->child; m; m = m->next, n++) {
    if (n == max)
      return ev_ck_fail(c, EV_ERR_LIMIT, "more than %d %s", max, what);
    size_t s = ev_ck_push_key(c, m->string);
    for (const cJSON *p = v->child; p != m; p = p->next)
      if (strcmp(p->string, m->string) == 0)
        return ev_ck_fail(c, EV_ERR_SHAPE, "key '%s' given twice",
                          ev_ck_quote(qa, m->string));
    int rc = fn(c, m, col);
    if (rc) return rc;
    ev_ck_pop(c, s);
  }
  ev_ck_pop(c, s0);
  return EV_OK;
}

int ev_ck_id(ev_ck *c, const cJSON *v, const char *noun, int flags,
             const char *const *ids, int n, const char *list) {
  EV_CK_QBUF;
  int rc = ev_ck_string(c, v);
  if (rc) return rc;
  const char *s = v->valuestring;
  size_t len = strlen(s);
  int under = flags & EV_CK_ID_UNDERSCORE;
  int ok = len > 0 && len <= EV_CHART_MAX_ID_BYTES;
  if (!ok && len && !(flags & EV_CK_ID_SIZE_IN_SYNTAX))
    return ev_ck_fail(c, EV_ERR_LIMIT,
                      "an id of %zu bytes, over the limit of %d", len,
                      EV_CHART_MAX_ID_BYTES);
  for (size_t i = 0; ok && i < len; i++)
    ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
         ((s[i] == '-' || (under && s[i] == '_')) && i > 0);
  if (!ok) {
    char size[48] = "";
    if (flags & EV_CK_ID_SIZE_IN_SYNTAX)
      snprintf(size, sizeof size, "; at most %d bytes", EV_CHART_MAX_ID_BYTES);
    return ev_ck_fail(
        c, EV_ERR_SHAPE, "'%s' is not %s (a-z, 0-9%s, not starting with %s%s)",
        ev_ck_quote(qa, s), noun, under ? ", '-' and '_'" : " and '-'",
        under ? "'-' or '_'" : "'-'", size);
  }
  int j = ev_chart_find(s, ids, n);
  if (j >= 0)
    return ev_ck_fail(c, EV_ERR_SHAPE, "'%s' is the id of %s[%d] too",
                      ev_ck_quote(qb, s), list, j);
  return EV_OK;
}
