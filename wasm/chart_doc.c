/* chart_doc.c — the document-level story keys: provenance, names, and a
 * column's names kind (see chart_doc.h). */
#include "chart_doc.h"

#include <string.h>

#include "chart_columns.h"
#include "chart_names.h"
#include "status.h"

static const char *const PROVENANCE_KEYS[] = {"table"};
static const char *const NAMES_KEYS[] = {"table", "key", "kind", "kind_column",
                                         "text"};
static const char *const PROV_REQUIRED[] = {"id", "publisher"};
static const char *const PROV_OPTIONAL[] = {"title", "url", "date",
                                            "confidence"};

/* The member `key` of obj names a string column of c->t (missing: SHAPE
 * "(why)"; COLUMN; TYPE). The path is at obj. */
static int string_column(ev_ck *c, const cJSON *obj, const char *key,
                         const char *why) {
  EV_CK_QBUF;
  const ev_column *col;
  int rc = ev_ck_column(c, obj, key, why, &col);
  if (rc) return rc;
  if (col->type != EV_COL_STRING) {
    ev_ck_push_key(c, key);
    return ev_ck_fail(c, EV_ERR_TYPE, "%s needs a string column; '%s' is %s",
                      why, ev_ck_quote(qa, col->name),
                      ev_col_type_name(col->type));
  }
  return EV_OK;
}

int ev_ck_provenance(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, PROVENANCE_KEYS, EV_COUNT_OF(PROVENANCE_KEYS));
  if (rc) return rc;
  const cJSON *t = ev_ck_get(v, "table");
  if (!t) return ev_ck_missing(c, "table", "the table of sources");
  size_t s = ev_ck_push_key(c, "table");
  if ((rc = ev_ck_table(c, t))) return rc;
  for (int i = 0; i < EV_COUNT_OF(PROV_REQUIRED); i++) {
    const ev_column *col = ev_ck_column_of(c->t, PROV_REQUIRED[i]);
    if (!col)
      return ev_ck_fail(c, EV_ERR_COLUMN,
                        "a provenance table needs a column '%s'; '%s' has "
                        "none",
                        PROV_REQUIRED[i], ev_ck_quote(qa, c->t->name));
    if (col->type != EV_COL_STRING)
      return ev_ck_fail(c, EV_ERR_TYPE,
                        "a provenance table's '%s' must be a string column; "
                        "it is %s",
                        PROV_REQUIRED[i], ev_col_type_name(col->type));
  }
  for (int i = 0; i < EV_COUNT_OF(PROV_OPTIONAL); i++) {
    const ev_column *col = ev_ck_column_of(c->t, PROV_OPTIONAL[i]);
    if (col && col->type != EV_COL_STRING)
      return ev_ck_fail(c, EV_ERR_TYPE,
                        "a provenance table's '%s' must be a string column; "
                        "it is %s",
                        PROV_OPTIONAL[i], ev_col_type_name(col->type));
  }
  ev_ck_pop(c, s);
  c->t = NULL;
  c->provenance = 1;
  return EV_OK;
}

static int check_names_entry(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, NAMES_KEYS, EV_COUNT_OF(NAMES_KEYS));
  if (rc) return rc;
  if ((rc = ev_ck_member(c, v, "table", "the table of names", ev_ck_table)) ||
      (rc = string_column(c, v, "key", "a names key")))
    return rc;
  const cJSON *kind = ev_ck_opt(v, "kind"), *kc = ev_ck_opt(v, "kind_column");
  if (!!kind + !!kc != 1)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      kind ? "give 'kind' or 'kind_column', not both"
                           : "expected 'kind' (one kind for every row) or "
                             "'kind_column' (a column of kinds)");
  size_t s;
  if (kind) {
    s = ev_ck_push_key(c, "kind");
    if ((rc = ev_ck_string(c, kind))) return rc;
    size_t n = strlen(kind->valuestring);
    if (n == 0 || n > EV_CHART_MAX_ID_BYTES)
      return ev_ck_fail(c, EV_ERR_SHAPE, "a kind of 1 to %d bytes",
                        EV_CHART_MAX_ID_BYTES);
    if (ev_chart_find(kind->valuestring, c->kinds, c->kind_count) < 0)
      c->kinds[c->kind_count++] = kind->valuestring;
    ev_ck_pop(c, s);
  } else {
    if ((rc = string_column(c, v, "kind_column", "a kind column"))) return rc;
    c->any_kind = 1;
  }
  const cJSON *text = ev_ck_get(v, "text");
  if (!text) return ev_ck_missing(c, "text", "{\"<locale>\": \"<column>\"}");
  s = ev_ck_push_key(c, "text");
  if (!cJSON_IsObject(text))
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "expected an object of columns by locale, got %s",
                      ev_ck_jtype(text));
  if ((rc = ev_ck_object(c, text, c->locales, c->locale_count))) return rc;
  for (const cJSON *m = text->child; m; m = m->next)
    if ((rc = string_column(c, text, m->string, "a name"))) return rc;
  if (!ev_ck_get(text, c->locales[0]))
    return ev_ck_fail(c, EV_ERR_SHAPE, "no column for the default locale '%s'",
                      ev_ck_quote(qa, c->locales[0]));
  ev_ck_pop(c, s);
  c->t = NULL;
  return EV_OK;
}

int ev_ck_names(ev_ck *c, const cJSON *v) {
  int rc = ev_ck_array(c, v, 0, EV_CHART_MAX_NAMES, "names entries");
  return rc ? rc : ev_ck_each(c, v, check_names_entry);
}

int ev_ck_kind(ev_ck *c, const cJSON *obj, const char *key) {
  EV_CK_QBUF;
  const cJSON *v = ev_ck_opt(obj, key);
  if (!v) return EV_OK;
  size_t s = ev_ck_push_key(c, key);
  int rc = ev_ck_string(c, v);
  if (rc) return rc;
  if (!c->any_kind &&
      ev_chart_find(v->valuestring, c->kinds, c->kind_count) < 0) {
    char h[EV_CK_QUOTE_BYTES + 32], list[300];
    if (!c->kind_count)
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "no kind '%s': the document has no 'names'",
                        ev_ck_quote(qa, v->valuestring));
    if (ev_chart_nearest(v->valuestring, c->kinds, c->kind_count))
      return ev_ck_fail(
          c, EV_ERR_SHAPE, "no names entry gives the kind '%s'%s",
          ev_ck_quote(qa, v->valuestring),
          ev_ck_hint(h, sizeof h, v->valuestring, c->kinds, c->kind_count));
    return ev_ck_fail(
        c, EV_ERR_SHAPE, "no names entry gives the kind '%s' (kinds: %s)",
        ev_ck_quote(qa, v->valuestring),
        ev_chart_join(list, sizeof list, c->kinds, c->kind_count));
  }
  ev_ck_pop(c, s);
  return EV_OK;
}
