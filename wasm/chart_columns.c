/* chart_columns.c — a chart description's tables and columns looked up in
 * the dataset, and the types they must have (see chart_columns.h). */
#include "chart_columns.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_names.h"
#include "status.h"

const ev_column *ev_ck_column_of(const ev_table *t, const char *name) {
  int32_t i = ev_table_find(t, name);
  return i < 0 ? NULL : &t->cols[i];
}

int ev_ck_no_column(ev_ck *c, const char *name, const char *const *extra,
                    int extra_count) {
  EV_CK_QBUF;
  const char *names[EV_MAX_COLUMNS + EV_CHART_MAX_DERIVE + 1];
  int n = 0;
  for (int32_t i = 0; i < c->t->col_count; i++) names[n++] = c->t->cols[i].name;
  for (int i = 0; i < extra_count; i++) names[n++] = extra[i];
  char h[EV_CK_QUOTE_BYTES + 32];
  return ev_ck_fail(c, EV_ERR_COLUMN, "table '%s' has no column '%s'%s",
                    ev_ck_quote(qa, c->t->name), ev_ck_quote(qb, name),
                    ev_ck_hint(h, sizeof h, name, names, n));
}

int ev_ck_column(ev_ck *c, const cJSON *obj, const char *key, const char *why,
                 const ev_column **out) {
  const cJSON *v = ev_ck_get(obj, key);
  if (!v) return ev_ck_missing(c, key, why);
  size_t s = ev_ck_push_key(c, key);
  int rc = ev_ck_string(c, v);
  if (rc) return rc;
  *out = ev_ck_column_of(c->t, v->valuestring);
  if (!*out) return ev_ck_no_column(c, v->valuestring, NULL, 0);
  ev_ck_pop(c, s);
  return EV_OK;
}

int ev_ck_value_of(ev_ck *c, const cJSON *v, const ev_column *col) {
  EV_CK_QBUF;
  if (cJSON_IsNull(v))
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "null never matches (missing values are left out)");
  if (!cJSON_IsNumber(v) && !cJSON_IsString(v) && !cJSON_IsBool(v))
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "expected a string, number or boolean, got %s",
                      ev_ck_jtype(v));
  if (cJSON_IsNumber(v) && !isfinite(v->valuedouble))
    return ev_ck_fail(c, EV_ERR_RANGE, "the number is too large for a double");
  int ok = (col->type == EV_COL_NUMBER && cJSON_IsNumber(v)) ||
           (col->type == EV_COL_STRING && cJSON_IsString(v)) ||
           (col->type == EV_COL_BOOL && cJSON_IsBool(v));
  if (!ok)
    return ev_ck_fail(c, EV_ERR_TYPE, "'%s' is %s, got %s",
                      ev_ck_quote(qa, col->name), ev_col_type_name(col->type),
                      ev_ck_jtype(v));
  return EV_OK;
}

int ev_ck_table(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_string(c, v);
  if (rc) return rc;
  const char *names[EV_MAX_TABLES];
  int n = c->table_count < EV_MAX_TABLES ? c->table_count : EV_MAX_TABLES;
  c->t = NULL;
  for (int i = 0; i < n; i++) {
    names[i] = c->tables[i]->name;
    if (!c->t && strcmp(names[i], v->valuestring) == 0) c->t = c->tables[i];
  }
  if (c->t) return EV_OK;
  char h[EV_CK_QUOTE_BYTES + 32], list[300];
  if (ev_chart_nearest(v->valuestring, names, n))
    return ev_ck_fail(c, EV_ERR_COLUMN, "the dataset has no table '%s'%s",
                      ev_ck_quote(qa, v->valuestring),
                      ev_ck_hint(h, sizeof h, v->valuestring, names, n));
  return ev_ck_fail(c, EV_ERR_COLUMN,
                    "the dataset has no table '%s' (tables: %s)",
                    ev_ck_quote(qa, v->valuestring),
                    n ? ev_chart_join(list, sizeof list, names, n) : "none");
}

int ev_ck_stage_type(ev_ck *c, const char *name, ev_col_type *out) {
  EV_CK_QBUF;
  for (int i = 0; i < c->derived_count; i++)
    if (strcmp(c->derived[i], name) == 0) {
      *out = EV_COL_NUMBER;
      return 1;
    }
  const ev_column *col = ev_ck_column_of(c->t, name);
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
      ev_ck_fail(
          c, EV_ERR_TYPE,
          "'%s' needs a number column; '%s' is %s (it is aggregated: not "
          "x or series)",
          ev_ck_aggs[c->agg], ev_ck_quote(qa, col->name),
          ev_col_type_name(col->type));
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

int ev_ck_value_key(ev_ck *c, const char *key, const ev_column *col,
                    const char *what) {
  EV_CK_QBUF;
  char canon[EV_FMT_DOUBLE_BYTES];
  if (col->type == EV_COL_NUMBER && !is_number_text(key, canon)) {
    if (canon[0])
      return ev_ck_fail(c, EV_ERR_SHAPE, "write the number %s as '%s'",
                        ev_ck_quote(qb, key), canon);
    return ev_ck_fail(c, EV_ERR_TYPE, "'%s' is number; '%s' is not a number",
                      ev_ck_quote(qa, col->name), ev_ck_quote(qb, key));
  }
  if (col->type == EV_COL_BOOL && strcmp(key, "true") && strcmp(key, "false"))
    return ev_ck_fail(c, EV_ERR_TYPE,
                      "'%s' is boolean; %s keys are 'true' or 'false'",
                      ev_ck_quote(qa, col->name), what);
  return EV_OK;
}

int ev_ck_series_value(ev_ck *c, const cJSON *v) {
  if (!c->key_cols[1])
    return ev_ck_fail(c, EV_ERR_SHAPE, "the chart has no series");
  return ev_ck_value_of(c, v, c->key_cols[1]);
}

int ev_ck_value_list(ev_ck *c, const cJSON *obj, const char *key,
                     const ev_column *col) {
  const cJSON *v = ev_ck_opt(obj, key);
  if (!v) return EV_OK;
  size_t s = ev_ck_push_key(c, key);
  int rc = ev_ck_array(c, v, 0, EV_CHART_MAX_SERIES_VALUES, "values");
  if (rc) return rc;
  if (v->child && !col)
    return ev_ck_fail(c, EV_ERR_SHAPE, "the chart has no series");
  int i = 0;
  for (const cJSON *e = v->child; e; e = e->next, i++) {
    size_t s2 = ev_ck_push_index(c, i);
    if ((rc = ev_ck_value_of(c, e, col))) return rc;
    int j = 0;
    for (const cJSON *p = v->child; p != e; p = p->next, j++)
      if (cJSON_Compare(p, e, 1))
        return ev_ck_fail(c, EV_ERR_SHAPE, "listed twice (also %s[%d])", key,
                          j);
    ev_ck_pop(c, s2);
  }
  ev_ck_pop(c, s);
  return EV_OK;
}
