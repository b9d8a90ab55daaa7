/* chart_compare.c — a panel's `compare` key (see chart_compare.h). */
#include "chart_compare.h"

#include <stdio.h>
#include <string.h>

#include "chart_columns.h"
#include "chart_names.h"
#include "chart_refs.h"
#include "chart_steps.h"
#include "chart_text.h"
#include "status.h"

static const char *const COMPARE_KEYS[] = {"series", "against", "filters",
                                           "lead",   "text",    "qualifiers"};
static const char *const QUALIFIER_KEYS[] = {"column", "text"};
/* the placeholders of a compare text; the first three are required */
static const char *const PLACEHOLDERS[] = {"x", "value", "against", "notes"};
#define REQUIRED_PLACEHOLDERS 3
#define HINT_NAMES 64 /* the column values offered for "did you mean" */

/* 1 when some row of col holds the value v (a string, number or boolean
 * of col's type, checked already). */
static int occurs(const ev_column *col, int32_t rows, const cJSON *v) {
  if (col->type == EV_COL_STRING) {
    const char *s = v->valuestring;
    int32_t code = ev_dict_find(col->dict, s, strlen(s));
    if (code < 0) return 0;
    for (int32_t r = 0; r < rows; r++)
      if (col->code[r] == code) return 1;
    return 0;
  }
  double want = cJSON_IsBool(v) ? (cJSON_IsTrue(v) ? 1.0 : 0.0) : v->valuedouble;
  for (int32_t r = 0; r < rows; r++)
    if (col->num[r] == want) return 1;
  return 0;
}

/* SHAPE "'<v>' is not a value of column 'c' in table 't'" (with "did you
 * mean" among a string column's first HINT_NAMES values). The path is at
 * the value. */
static int not_a_value(ev_ck *c, const ev_column *col, const ev_table *t,
                       const char *text) {
  EV_CK_QBUF;
  char h[EV_CK_QUOTE_BYTES + 32] = "";
  if (col->type == EV_COL_STRING) {
    const char *names[HINT_NAMES];
    int n = 0;
    int32_t count = ev_dict_count(col->dict);
    for (int32_t k = 0; k < count && n < HINT_NAMES; k++)
      names[n++] = ev_dict_str(col->dict, k);
    ev_ck_hint(h, sizeof h, text, names, n);
  }
  char qc[EV_CK_QUOTE_BYTES + 8];
  return ev_ck_fail(c, EV_ERR_SHAPE,
                    "'%s' is not a value of column '%s' in table '%s'%s",
                    ev_ck_quote(qa, text), ev_ck_quote(qb, col->name),
                    ev_ck_quote(qc, t->name), h);
}

/* A value of the series column (`key` of cmp: "series" or "against")
 * that occurs in the table; *out the JSON value. The path is at cmp. */
static int series_value(ev_ck *c, const cJSON *cmp, const char *key,
                        const ev_column *col, const ev_table *t,
                        const cJSON **out) {
  const cJSON *v = ev_ck_get(cmp, key);
  if (!v)
    return ev_ck_missing(c, key,
                         strcmp(key, "series") == 0
                             ? "the series value whose rows are the other count"
                             : "the drawn series value they are compared with");
  size_t s = ev_ck_push_key(c, key);
  int rc = ev_ck_value_of(c, v, col);
  if (rc) return rc;
  if (!occurs(col, t->row_count, v)) {
    char num[EV_FMT_DOUBLE_BYTES];
    const char *text = cJSON_IsString(v) ? v->valuestring
                       : cJSON_IsBool(v) ? (cJSON_IsTrue(v) ? "true" : "false")
                                         : ev_fmt_double(num, v->valuedouble);
    return not_a_value(c, col, t, text);
  }
  ev_ck_pop(c, s);
  *out = v;
  return EV_OK;
}

/* A placeholder of a compare template: one of PLACEHOLDERS, marked in
 * seen (ud). */
static int template_name(ev_ck *c, const char *name, void *ud) {
  EV_CK_QBUF;
  int *seen = ud;
  int k = ev_chart_find(name, PLACEHOLDERS, EV_COUNT_OF(PLACEHOLDERS));
  if (k < 0)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "'{%s}' is not a placeholder of a compare text "
                      "({x}, {value}, {against}, {notes})",
                      ev_ck_quote(qa, name));
  seen[k] = 1;
  return EV_OK;
}

/* One string of the template: placeholders among PLACEHOLDERS, the
 * required ones present. The path is at the string. */
static int template_string(ev_ck *c, const char *s) {
  int seen[EV_COUNT_OF(PLACEHOLDERS)] = {0};
  int rc = ev_ck_placeholders(c, s, template_name, seen);
  if (rc) return rc;
  for (int k = 0; k < REQUIRED_PLACEHOLDERS; k++)
    if (!seen[k])
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "the text has no {%s} (each x that differs names "
                        "{x}, {value} and {against})",
                        PLACEHOLDERS[k]);
  return EV_OK;
}

/* `text`: Text whose every string is a compare template. The path is at
 * cmp. */
static int check_text(ev_ck *c, const cJSON *cmp) {
  const cJSON *v = ev_ck_get(cmp, "text");
  if (!v)
    return ev_ck_missing(c, "text",
                         "Text with {x}, {value} and {against}, e.g. "
                         "\"{x}: {value} (against {against})\"");
  size_t s = ev_ck_push_key(c, "text");
  int rc = ev_ck_text(c, v);
  if (rc) return rc;
  if (cJSON_IsString(v)) {
    if ((rc = template_string(c, v->valuestring))) return rc;
  } else {
    for (const cJSON *m = v->child; m; m = m->next) {
      size_t s2 = ev_ck_push_key(c, m->string);
      if ((rc = template_string(c, m->valuestring))) return rc;
      ev_ck_pop(c, s2);
    }
  }
  ev_ck_pop(c, s);
  return EV_OK;
}

/* `qualifiers`: {column, text}. The path is at cmp. */
static int check_qualifiers(ev_ck *c, const cJSON *cmp) {
  EV_CK_QBUF;
  const cJSON *v = ev_ck_opt(cmp, "qualifiers");
  if (!v) return EV_OK;
  size_t s = ev_ck_push_key(c, "qualifiers");
  int rc = ev_ck_object(c, v, QUALIFIER_KEYS, EV_COUNT_OF(QUALIFIER_KEYS));
  if (rc) return rc;
  const ev_column *col;
  if ((rc = ev_ck_column(c, v, "column",
                         "a string column whose values qualify a figure",
                         &col)))
    return rc;
  if (col->type != EV_COL_STRING) {
    ev_ck_push_key(c, "column");
    return ev_ck_fail(c, EV_ERR_TYPE,
                      "qualifiers need a string column; '%s' is %s",
                      ev_ck_quote(qa, col->name), ev_col_type_name(col->type));
  }
  const cJSON *text = ev_ck_get(v, "text");
  if (!text)
    return ev_ck_missing(c, "text",
                         "{\"<value of the column>\": Text} for the reader");
  size_t s2 = ev_ck_push_key(c, "text");
  if (!cJSON_IsObject(text))
    return ev_ck_fail(c, EV_ERR_SHAPE, "expected an object, got %s",
                      ev_ck_jtype(text));
  int n = 0;
  for (const cJSON *m = text->child; m; m = m->next, n++) {
    if (n == EV_CHART_MAX_SERIES_VALUES)
      return ev_ck_fail(c, EV_ERR_LIMIT, "more than %d qualifier texts",
                        EV_CHART_MAX_SERIES_VALUES);
    size_t s3 = ev_ck_push_key(c, m->string);
    for (const cJSON *p = text->child; p != m; p = p->next)
      if (strcmp(p->string, m->string) == 0)
        return ev_ck_fail(c, EV_ERR_SHAPE, "key '%s' given twice",
                          ev_ck_quote(qa, m->string));
    if ((rc = ev_ck_text(c, m))) return rc;
    ev_ck_pop(c, s3);
  }
  ev_ck_pop(c, s2);
  ev_ck_pop(c, s);
  return EV_OK;
}

/* The panel can hold a compare: rows of a number y, a series, not a map.
 * The path is at the compare. */
static int check_fit(ev_ck *c, const cJSON *panel, int i) {
  EV_CK_QBUF;
  if (c->charts[i].mark == EV_MARK_MAP)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "a map has no x to compare counts at");
  if (!c->charts[i].series)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "compare needs the panel's 'series' (its rows of one "
                      "series value are compared with another's)");
  const cJSON *y = ev_ck_get(panel, "y");
  if (ev_ck_opt(y, "aggregate"))
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "compare reads rows: the panel's y has an aggregate");
  const cJSON *yc = ev_ck_opt(y, "column");
  const ev_column *col = yc && cJSON_IsString(yc)
                             ? ev_ck_column_of(c->charts[i].t, yc->valuestring)
                             : NULL;
  if (!col || col->type != EV_COL_NUMBER)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "compare needs y.column to be a number column of table "
                      "'%s' (not a derived one)",
                      ev_ck_quote(qa, c->charts[i].t->name));
  return EV_OK;
}

static int check_compare(ev_ck *c, const cJSON *panel, const cJSON *cmp,
                         int i) {
  int rc = ev_ck_object(c, cmp, COMPARE_KEYS, EV_COUNT_OF(COMPARE_KEYS));
  if (rc || (rc = check_fit(c, panel, i))) return rc;
  const ev_column *col = c->charts[i].series;
  const cJSON *s_v, *t_v;
  if ((rc = series_value(c, cmp, "series", col, c->t, &s_v)) ||
      (rc = series_value(c, cmp, "against", col, c->t, &t_v)))
    return rc;
  if (cJSON_Compare(s_v, t_v, 1)) {
    ev_ck_push_key(c, "against");
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "a series is not compared with itself: 'against' is "
                      "'series' too");
  }
  const cJSON *f = ev_ck_opt(cmp, "filters");
  if (f) {
    size_t s = ev_ck_push_key(c, "filters");
    if ((rc = ev_ck_array(c, f, 0, EV_CHART_MAX_LIST, "filters"))) return rc;
    int k = 0;
    for (const cJSON *e = f->child; e; e = e->next, k++) {
      size_t s2 = ev_ck_push_index(c, k);
      if ((rc = ev_ck_filter(c, e))) return rc;
      ev_ck_pop(c, s2);
    }
    ev_ck_pop(c, s);
  }
  const cJSON *lead = ev_ck_get(cmp, "lead");
  if (!lead)
    return ev_ck_missing(c, "lead", "Text the note starts with");
  size_t s = ev_ck_push_key(c, "lead");
  if ((rc = ev_ck_text(c, lead))) return rc;
  ev_ck_pop(c, s);
  if ((rc = check_text(c, cmp))) return rc;
  return check_qualifiers(c, cmp);
}

int ev_ck_compares(ev_ck *c, const cJSON *view) {
  if (!c->panels) return EV_OK;
  const cJSON *panels = ev_ck_get(view, "panels");
  const ev_table *saved = c->t;
  int i = 0, rc = EV_OK;
  for (const cJSON *p = panels->child; p && i < c->chart_count;
       p = p->next, i++) {
    const cJSON *cmp = ev_ck_opt(p, "compare");
    if (!cmp) continue;
    size_t s = ev_ck_push_key(c, "panels");
    ev_ck_push_index(c, i);
    ev_ck_push_key(c, "compare");
    c->t = c->charts[i].t;
    if ((rc = check_compare(c, p, cmp, i))) break;
    ev_ck_pop(c, s);
  }
  c->t = saved;
  return rc;
}
