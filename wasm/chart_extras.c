/* chart_extras.c — the chart-level story keys that are lists or objects
 * of their own: reference, source, detail, sort (see chart_keys.h). */
#include <string.h>

#include "chart_columns.h"
#include "chart_doc.h"
#include "chart_keys.h"
#include "chart_names.h"
#include "chart_refs.h"
#include "chart_steps.h"
#include "chart_text.h"
#include "status.h"

static const char *const REFERENCE_KEYS[] = {"category", "series", "value",
                                             "qualifier"};
static const char *const SOURCE_KEYS[] = {"column", "also"};
static const char *const DETAIL_KEYS[] = {"table", "key", "filters", "columns",
                                          "sort"};
static const char *const DETAIL_COLUMN_KEYS[] = {"column", "label", "names",
                                                 "format"};
static const char *const DETAIL_SORT_KEYS[] = {"column", "desc"};
static const char *const SORT_KEYS[] = {"label", "options"};
static const char *const SORTS[] = {"value", "count", "name"};

#define DETAIL_MAX_SORT 4

static int check_reference(ev_ck *c, const cJSON *e) {
  int rc = ev_ck_object(c, e, REFERENCE_KEYS, EV_COUNT_OF(REFERENCE_KEYS));
  if (rc) return rc;
  if ((rc = ev_ck_member(c, e, "category", "Text: the bar's category",
                         ev_ck_text)))
    return rc;
  if ((rc = ev_ck_member(c, e, "series", NULL, ev_ck_series_value))) return rc;
  const cJSON *val = ev_ck_get(e, "value");
  if (!val)
    return ev_ck_missing(c, "value",
                         "{table, column, ...}: the figure from the dataset");
  size_t s = ev_ck_push_key(c, "value");
  if (!cJSON_IsObject(val))
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "expected {table, filters?, column, ...}, got %s",
                      ev_ck_jtype(val));
  if (!ev_ck_get(val, "table"))
    return ev_ck_missing(c, "table",
                         "a reference bar's value comes from a table");
  if ((rc = ev_ck_ref_table(c, val, EV_REF_NUMBER, NULL))) return rc;
  ev_ck_pop(c, s);
  return ev_ck_opt_text(c, e, "qualifier");
}

static int check_source(ev_ck *c, const cJSON *v) {
  int rc = ev_ck_object(c, v, SOURCE_KEYS, EV_COUNT_OF(SOURCE_KEYS));
  if (rc) return rc;
  if (!c->provenance)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "sources need the document's 'provenance' (the table "
                      "of sources)");
  if (!ev_ck_get(v, "column"))
    return ev_ck_missing(c, "column", "a string column of source ids");
  return (rc = ev_ck_typed_column(c, v, "column", EV_COL_STRING, "a source id"))
             ? rc
             : ev_ck_typed_column(c, v, "also", EV_COL_JSON,
                                  "'also' (a list of source ids)");
}

/* A detail column's `column`: a column name, or {locale: column} with
 * the default locale's; columns of c->t of any type. The path is at e. */
static int detail_column_name(ev_ck *c, const cJSON *e) {
  EV_CK_QBUF;
  const cJSON *v = ev_ck_get(e, "column");
  if (!v) return ev_ck_missing(c, "column", "the column to list");
  const cJSON *holder = e;
  size_t s = 0;
  if (cJSON_IsObject(v)) {
    s = ev_ck_push_key(c, "column");
    int rc = ev_ck_object(c, v, c->locales, c->locale_count);
    if (rc) return rc;
    if (!ev_ck_get(v, c->locales[0]))
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "no column for the default locale '%s'",
                        ev_ck_quote(qa, c->locales[0]));
    holder = v;
  }
  for (const cJSON *m = cJSON_IsObject(v) ? v->child : v; m;
       m = cJSON_IsObject(v) ? m->next : NULL) {
    const char *key = cJSON_IsObject(v) ? m->string : "column";
    const ev_column *col; /* any type: a json list is listed too */
    int rc = ev_ck_column(c, holder, key, "the column to list", &col);
    if (rc) return rc;
  }
  if (cJSON_IsObject(v)) ev_ck_pop(c, s);
  return EV_OK;
}

static int check_detail_column(ev_ck *c, const cJSON *e) {
  int rc =
      ev_ck_object(c, e, DETAIL_COLUMN_KEYS, EV_COUNT_OF(DETAIL_COLUMN_KEYS));
  if (rc || (rc = detail_column_name(c, e))) return rc;
  if ((rc = ev_ck_member(c, e, "label", "Text: the column's heading",
                         ev_ck_text)) ||
      (rc = ev_ck_kind(c, e, "names")))
    return rc;
  return ev_ck_opt_name(c, e, "format", ev_ck_formats,
                        EV_COUNT_OF(ev_ck_formats), NULL);
}

static int check_detail_sort(ev_ck *c, const cJSON *e) {
  int rc = ev_ck_object(c, e, DETAIL_SORT_KEYS, EV_COUNT_OF(DETAIL_SORT_KEYS)),
      desc;
  if (rc) return rc;
  const ev_column *col;
  if ((rc = ev_ck_column(c, e, "column", "the column to sort by", &col)))
    return rc;
  return ev_ck_opt_bool(c, e, "desc", &desc);
}

static int detail(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, DETAIL_KEYS, EV_COUNT_OF(DETAIL_KEYS));
  if (rc) return rc;
  if ((rc = ev_ck_member(c, v, "table", "the table of detail rows",
                         ev_ck_table)))
    return rc;
  const ev_column *key;
  if ((rc = ev_ck_column(c, v, "key", "the column matched to the category",
                         &key)))
    return rc;
  if (key->type == EV_COL_JSON) {
    ev_ck_push_key(c, "key");
    return ev_ck_fail(c, EV_ERR_TYPE, "'%s' holds nested JSON",
                      ev_ck_quote(qa, key->name));
  }
  if ((rc = ev_ck_list(c, v, "filters", 0, EV_CHART_MAX_LIST, "filters",
                       ev_ck_filter)) ||
      (rc = ev_ck_list(c, v, "columns", 1, EV_CHART_MAX_LIST, "columns",
                       check_detail_column)) ||
      (rc = ev_ck_list(c, v, "sort", 0, DETAIL_MAX_SORT, "sort columns",
                       check_detail_sort)))
    return rc;
  return EV_OK;
}

static int check_detail(ev_ck *c, const cJSON *v) {
  const ev_table *saved = c->t;
  int rc = detail(c, v);
  c->t = saved;
  return rc;
}

static int check_sort(ev_ck *c, const cJSON *v, const cJSON *chart) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, SORT_KEYS, EV_COUNT_OF(SORT_KEYS));
  if (rc) return rc;
  if (c->mark != EV_MARK_HBAR)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "a sort control needs an hbar (mark is '%s')",
                      ev_ck_marks[c->mark]);
  if ((rc = ev_ck_opt_text(c, v, "label"))) return rc;
  const cJSON *o = ev_ck_get(v, "options");
  if (!o) return ev_ck_missing(c, "options", "value, count and/or name");
  size_t s = ev_ck_push_key(c, "options");
  if ((rc = ev_ck_array(c, o, 1, EV_COUNT_OF(SORTS), "options"))) return rc;
  int i = 0, seen[EV_COUNT_OF(SORTS)] = {0};
  for (const cJSON *e = o->child; e; e = e->next, i++) {
    int k;
    size_t s2 = ev_ck_push_index(c, i);
    if ((rc = ev_ck_name(c, e, "sort", SORTS, EV_COUNT_OF(SORTS), &k)))
      return rc;
    if (seen[k])
      return ev_ck_fail(c, EV_ERR_SHAPE, "'%s' listed twice",
                        ev_ck_quote(qa, SORTS[k]));
    seen[k] = 1;
    if (k == 1 && !cJSON_IsTrue(ev_ck_get(ev_ck_get(chart, "y"), "counts")))
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "sorting by count needs y.counts: true");
    ev_ck_pop(c, s2);
  }
  ev_ck_pop(c, s);
  return EV_OK;
}

int ev_ck_chart_extras(ev_ck *c, const cJSON *chart) {
  int rc;
  const cJSON *ref = ev_ck_opt(chart, "reference"), *m;
  if (ref && cJSON_IsArray(ref) && ref->child && c->mark != EV_MARK_BAR)
    return ev_ck_shape(c, "reference", "reference bars need a bar");
  if ((rc = ev_ck_list(c, chart, "reference", 0, EV_CHART_MAX_REFERENCE,
                       "reference bars", check_reference)) ||
      (rc = ev_ck_member(c, chart, "source", NULL, check_source)) ||
      (rc = ev_ck_member(c, chart, "detail", NULL, check_detail)))
    return rc;
  if ((m = ev_ck_opt(chart, "sort"))) {
    size_t s = ev_ck_push_key(c, "sort");
    if ((rc = check_sort(c, m, chart))) return rc;
    ev_ck_pop(c, s);
  }
  return EV_OK;
}
