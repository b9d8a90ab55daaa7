/* chart_text.h — the words of a chart description (data/CHART_FORMAT.md):
 * Text (a string, or strings by locale), the locales' language tags and
 * URLs (ids are chart_ck's ev_ck_id). The path conventions and return values
 * are chart_ck.h's. */
#ifndef EV_CHART_TEXT_H
#define EV_CHART_TEXT_H

#include "chart_ck.h"

/* Text: a string of at most EV_CHART_MAX_TEXT_BYTES (LIMIT), or an object
 * of such strings keyed by the declared locales, each once, with the
 * default (first) locale's entry (SHAPE). The path is at v. Needs
 * c->locales (ev_ck_locales run first). */
int ev_ck_text(ev_ck *c, const cJSON *v);

/* Text as ev_ck_text, each string at most max_bytes (LIMIT: "text of N
 * bytes, over the limit of max_bytes"), e.g. a view's tab label
 * (EV_CHART_MAX_TAB_BYTES). The path is at v. */
int ev_ck_text_max(ev_ck *c, const cJSON *v, int max_bytes);

/* The optional (absent or null) Text member `key` of obj; the path is at
 * obj. */
int ev_ck_opt_text(ev_ck *c, const cJSON *obj, const char *key);

/* A URL string of 1 to EV_CHART_MAX_TEXT_BYTES bytes (LIMIT) with no
 * spaces, control characters or backslashes; with a scheme, https (or http
 * when allow_http) followed by //host; without one (a relative URL) only
 * when allow_relative, and never "//host" (all SHAPE). The path is at v. */
int ev_ck_url(ev_ck *c, const cJSON *v, int allow_relative, int allow_http);

/* The locales: 1 to EV_CHART_MAX_LOCALES language tags (letters, digits
 * and '-', a first subtag of 2-8 letters, then subtags of 1-8; at most
 * EV_CHART_MAX_LOCALE_BYTES), none twice in any case. Fills c->locales.
 * The path is at v. */
int ev_ck_locales(ev_ck *c, const cJSON *v);

#endif
