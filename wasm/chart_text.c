/* chart_text.c — the words of a chart description: Text, language tags
 * and URLs (see chart_text.h). */
#include "chart_text.h"

#include <stdio.h>
#include <string.h>

#include "chart_names.h"
#include "status.h"

int ev_ck_text(ev_ck *c, const cJSON *v) {
  return ev_ck_text_max(c, v, EV_CHART_MAX_TEXT_BYTES);
}

int ev_ck_text_max(ev_ck *c, const cJSON *v, int max_bytes) {
  EV_CK_QBUF;
  char list[200];
  if (cJSON_IsString(v)) {
    size_t n = strlen(v->valuestring);
    if (n > (size_t)max_bytes)
      return ev_ck_fail(c, EV_ERR_LIMIT,
                        "text of %zu bytes, over the limit of %d", n,
                        max_bytes);
    return EV_OK;
  }
  if (!cJSON_IsObject(v))
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "expected text (a string, or an object of strings by "
                      "locale), got %s",
                      ev_ck_jtype(v));
  for (const cJSON *m = v->child; m; m = m->next) {
    size_t s = ev_ck_push_key(c, m->string);
    if (ev_chart_find(m->string, c->locales, c->locale_count) < 0)
      return ev_ck_fail(
          c, EV_ERR_SHAPE, "'%s' is not one of the locales (%s)",
          ev_ck_quote(qa, m->string),
          ev_chart_join(list, sizeof list, c->locales, c->locale_count));
    for (const cJSON *p = v->child; p != m; p = p->next)
      if (strcmp(p->string, m->string) == 0)
        return ev_ck_fail(c, EV_ERR_SHAPE, "key '%s' given twice",
                          ev_ck_quote(qb, m->string));
    if (!cJSON_IsString(m))
      return ev_ck_fail(c, EV_ERR_SHAPE, "expected a string, got %s",
                        ev_ck_jtype(m));
    int rc = ev_ck_text_max(c, m, max_bytes);
    if (rc) return rc;
    ev_ck_pop(c, s);
  }
  if (!ev_ck_get(v, c->locales[0]))
    return ev_ck_fail(c, EV_ERR_SHAPE, "no text for the default locale '%s'",
                      c->locales[0]);
  return EV_OK;
}

int ev_ck_opt_text(ev_ck *c, const cJSON *obj, const char *key) {
  return ev_ck_member(c, obj, key, NULL, ev_ck_text);
}

/* 1 if s starts with the lower-case ASCII word w, in any case. */
static int prefix_casecmp(const char *s, const char *w) {
  for (; *w; s++, w++)
    if ((*s >= 'A' && *s <= 'Z' ? *s + 32 : *s) != *w) return 0;
  return 1;
}

int ev_ck_url(ev_ck *c, const cJSON *v, int allow_relative, int allow_http) {
  EV_CK_QBUF;
  int rc = ev_ck_string(c, v);
  if (rc) return rc;
  const char *s = v->valuestring;
  size_t n = strlen(s);
  const char *wanted = allow_http ? "https: or http:" : "https:";
  if (n == 0) return ev_ck_fail(c, EV_ERR_SHAPE, "an empty URL");
  if (n > EV_CHART_MAX_TEXT_BYTES)
    return ev_ck_fail(c, EV_ERR_LIMIT,
                      "a URL of %zu bytes, over the limit of %d", n,
                      EV_CHART_MAX_TEXT_BYTES);
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch <= 0x20 || ch == 0x7f || ch == '\\')
      return ev_ck_fail(
          c, EV_ERR_SHAPE,
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
      char scheme[EV_CK_QUOTE_BYTES + 8];
      snprintf(scheme, sizeof scheme, "%.*s",
               (int)(i < EV_CK_QUOTE_BYTES ? i : EV_CK_QUOTE_BYTES), s);
      return ev_ck_fail(c, EV_ERR_SHAPE, "'%s:' URLs are not allowed (%s only)",
                        ev_ck_quote(qa, scheme), wanted);
    }
    if (strncmp(s + i + 1, "//", 2) != 0 || s[i + 3] == '\0' || s[i + 3] == '/')
      return ev_ck_fail(c, EV_ERR_SHAPE, "'%s' has no host (%s//host/...)",
                        ev_ck_quote(qa, s), https ? "https:" : "http:");
    return EV_OK;
  }
  if (!allow_relative)
    return ev_ck_fail(c, EV_ERR_SHAPE, "'%s' is not an absolute URL (%s only)",
                      ev_ck_quote(qa, s), wanted);
  if (s[0] == '/' && s[1] == '/')
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "'%s' is a scheme-relative URL; write https://...",
                      ev_ck_quote(qa, s));
  return EV_OK;
}

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

int ev_ck_locales(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_array(c, v, 1, EV_CHART_MAX_LOCALES, "locales");
  if (rc) return rc;
  int i = 0;
  for (const cJSON *e = v->child; e; e = e->next, i++) {
    size_t s = ev_ck_push_index(c, i);
    if ((rc = ev_ck_string(c, e))) return rc;
    size_t n = strlen(e->valuestring);
    if (n > EV_CHART_MAX_LOCALE_BYTES)
      return ev_ck_fail(c, EV_ERR_LIMIT,
                        "a language tag of %zu bytes, over the limit of %d", n,
                        EV_CHART_MAX_LOCALE_BYTES);
    if (!is_language_tag(e->valuestring))
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "'%s' is not a language tag (letters, digits and '-', "
                        "e.g. 'en', 'zh', 'pt-BR')",
                        ev_ck_quote(qa, e->valuestring));
    for (int j = 0; j < i; j++)
      if (ascii_casecmp(c->locales[j], e->valuestring) == 0)
        return ev_ck_fail(c, EV_ERR_SHAPE,
                          "'%s' is listed twice (also locales[%d])",
                          ev_ck_quote(qb, e->valuestring), j);
    c->locales[c->locale_count++] = e->valuestring;
    ev_ck_pop(c, s);
  }
  return EV_OK;
}
