/* chart_steps.c — a view's filters and derive steps (see chart_steps.h). */
#include "chart_steps.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_columns.h"
#include "derive.h"
#include "status.h"

static const char *const FILTER_KEYS[] = {"column", "eq", "in", "range"};
static const char *const DERIVE_KEYS[] = {
    "op",  "column",      "as",   "by",   "partition", "order",
    "key", "denominator", "base", "step", "window"};
enum { D_SHARE, D_RATIO, D_INDEX, D_CHANGE, D_PCT, D_CUMSUM, D_ROLLING };
static const char *const DERIVE_OPS[] = {"share",       "ratio",      "index",
                                         "change",      "pct_change", "cumsum",
                                         "rolling_mean"};

int ev_ck_filter(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, FILTER_KEYS, EV_COUNT_OF(FILTER_KEYS));
  if (rc) return rc;
  const ev_column *col;
  if ((rc = ev_ck_column(c, v, "column", "the column to filter", &col)))
    return rc;
  const cJSON *eq = ev_ck_get(v, "eq"), *in = ev_ck_get(v, "in"),
              *range = ev_ck_get(v, "range");
  if (!!eq + !!in + !!range != 1)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      eq || in || range
                          ? "give one of 'eq', 'in' or 'range', not two"
                          : "expected 'eq', 'in' or 'range'");
  if (col->type == EV_COL_JSON && !range) {
    ev_ck_push_key(c, "column");
    return ev_ck_fail(c, EV_ERR_TYPE,
                      "'%s' holds nested JSON and cannot be filtered",
                      ev_ck_quote(qa, col->name));
  }
  if (eq) {
    size_t s = ev_ck_push_key(c, "eq");
    if ((rc = ev_ck_value_of(c, eq, col))) return rc;
    ev_ck_pop(c, s);
  } else if (in) {
    size_t s = ev_ck_push_key(c, "in");
    if ((rc = ev_ck_array(c, in, 1, EV_CHART_MAX_IN, "values"))) return rc;
    int i = 0;
    for (const cJSON *e = in->child; e; e = e->next, i++) {
      size_t s2 = ev_ck_push_index(c, i);
      if ((rc = ev_ck_value_of(c, e, col))) return rc;
      ev_ck_pop(c, s2);
    }
    ev_ck_pop(c, s);
  } else {
    size_t s = ev_ck_push_key(c, "range");
    if (!cJSON_IsArray(range) || cJSON_GetArraySize(range) != 2)
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "expected [lo, hi] (null for an open end)");
    if (col->type != EV_COL_NUMBER)
      return ev_ck_fail(
          c, EV_ERR_TYPE, "a range needs a number column; '%s' is %s",
          ev_ck_quote(qa, col->name), ev_col_type_name(col->type));
    int i = 0;
    for (const cJSON *e = range->child; e; e = e->next, i++) {
      if (cJSON_IsNull(e)) continue;
      size_t s2 = ev_ck_push_index(c, i);
      if ((rc = ev_ck_number(c, e))) return rc;
      ev_ck_pop(c, s2);
    }
    const cJSON *lo = range->child, *hi = lo->next;
    if (cJSON_IsNumber(lo) && cJSON_IsNumber(hi) &&
        lo->valuedouble > hi->valuedouble) {
      char a[EV_FMT_DOUBLE_BYTES], b[EV_FMT_DOUBLE_BYTES];
      return ev_ck_fail(c, EV_ERR_SHAPE, "lo %s is above hi %s",
                        ev_fmt_double(a, lo->valuedouble),
                        ev_fmt_double(b, hi->valuedouble));
    }
    ev_ck_pop(c, s);
  }
  return EV_OK;
}

/* Derive step member `key`: a column name of the stage; with want_number,
 * a number column; json never. The path is at the step. */
static int derive_column(ev_ck *c, const char *key, const cJSON *v,
                         int want_num) {
  EV_CK_QBUF;
  size_t s = ev_ck_push_key(c, key);
  int rc = ev_ck_string(c, v);
  if (rc) return rc;
  ev_col_type ty;
  int found = ev_ck_stage_type(c, v->valuestring, &ty);
  if (found < 0) return ev_error_status();
  if (!found)
    return ev_ck_no_column(c, v->valuestring, c->derived, c->derived_count);
  if (want_num && ty != EV_COL_NUMBER)
    return ev_ck_fail(c, EV_ERR_TYPE,
                      "a derive %s needs a number column; '%s' is %s", key,
                      ev_ck_quote(qa, v->valuestring), ev_col_type_name(ty));
  if (ty == EV_COL_JSON)
    return ev_ck_fail(c, EV_ERR_TYPE, "'%s' holds nested JSON",
                      ev_ck_quote(qb, v->valuestring));
  ev_ck_pop(c, s);
  return EV_OK;
}

static int check_derive_step(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, DERIVE_KEYS, EV_COUNT_OF(DERIVE_KEYS));
  if (rc) return rc;
  const cJSON *opv = ev_ck_get(v, "op");
  if (!opv) return ev_ck_missing(c, "op", "a derive step needs an op");
  int op;
  size_t s = ev_ck_push_key(c, "op");
  if ((rc = ev_ck_name(c, opv, "derive op", DERIVE_OPS, EV_COUNT_OF(DERIVE_OPS),
                       &op)))
    return rc;
  ev_ck_pop(c, s);
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
  for (int i = 0; i < EV_COUNT_OF(set); i++) {
    const cJSON *m = ev_ck_get(v, set[i].key);
    if (m && !set[i].use) {
      ev_ck_push_key(c, set[i].key);
      return ev_ck_fail(c, EV_ERR_SHAPE, "'%s' takes no '%s'", DERIVE_OPS[op],
                        set[i].key);
    }
    if (!m && set[i].use == 2) {
      char why[64];
      snprintf(why, sizeof why, "'%s' needs '%s'", DERIVE_OPS[op], set[i].key);
      return ev_ck_missing(c, set[i].key, why);
    }
  }
  const cJSON *col = ev_ck_get(v, "column");
  if (!col) return ev_ck_missing(c, "column", "the column to derive from");
  if ((rc = derive_column(c, "column", col, 1))) return rc;
  const cJSON *by = ev_ck_get(v, "by"), *part = ev_ck_get(v, "partition");
  if (by && part)
    return ev_ck_fail(c, EV_ERR_SHAPE, "give 'by' or 'partition', not both");
  const char *bykey = by ? "by" : "partition";
  if (by || part) {
    const cJSON *list = by ? by : part;
    s = ev_ck_push_key(c, bykey);
    if ((rc = ev_ck_array(c, list, 0, EV_DERIVE_MAX_BY, "columns"))) return rc;
    int i = 0;
    for (const cJSON *e = list->child; e; e = e->next, i++) {
      size_t s2 = ev_ck_push_index(c, i);
      if ((rc = ev_ck_string(c, e))) return rc;
      ev_col_type ty;
      int found = ev_ck_stage_type(c, e->valuestring, &ty);
      if (found < 0) return ev_error_status();
      if (!found)
        return ev_ck_no_column(c, e->valuestring, c->derived, c->derived_count);
      if (ty == EV_COL_JSON)
        return ev_ck_fail(c, EV_ERR_TYPE, "'%s' holds nested JSON",
                          ev_ck_quote(qa, e->valuestring));
      for (const cJSON *p = list->child; p != e; p = p->next)
        if (strcmp(p->valuestring, e->valuestring) == 0)
          return ev_ck_fail(c, EV_ERR_SHAPE, "'%s' listed twice",
                            ev_ck_quote(qb, e->valuestring));
      ev_ck_pop(c, s2);
    }
    ev_ck_pop(c, s);
  }
  const cJSON *m;
  if ((m = ev_ck_get(v, "order")) && (rc = derive_column(c, "order", m, 1)))
    return rc;
  if ((m = ev_ck_get(v, "key"))) {
    if ((rc = derive_column(c, "key", m, 0))) return rc;
    ev_col_type kt;
    ev_ck_stage_type(c, m->valuestring, &kt);
    const cJSON *d = ev_ck_get(v, "denominator");
    s = ev_ck_push_key(c, "denominator");
    ev_column fake = {(char *)m->valuestring, kt, NULL, NULL, NULL};
    if ((rc = ev_ck_value_of(c, d, &fake))) return rc;
    ev_ck_pop(c, s);
  }
  if ((m = ev_ck_get(v, "base")) && (rc = ev_ck_at(c, "base", m, ev_ck_number)))
    return rc;
  if ((m = ev_ck_get(v, "step"))) {
    s = ev_ck_push_key(c, "step");
    if ((rc = ev_ck_number(c, m))) return rc;
    if (!(m->valuedouble > 0))
      return ev_ck_fail(c, EV_ERR_SHAPE, "a step must be above 0");
    ev_ck_pop(c, s);
  }
  if ((m = ev_ck_get(v, "window"))) {
    s = ev_ck_push_key(c, "window");
    if ((rc = ev_ck_number(c, m))) return rc;
    double w = m->valuedouble;
    if (w != floor(w) || w < 1)
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "expected a whole number of rows, 1 or more");
    if (w > EV_DERIVE_MAX_WINDOW)
      return ev_ck_fail(c, EV_ERR_LIMIT,
                        "a window of %.0f rows, over the limit of %d", w,
                        EV_DERIVE_MAX_WINDOW);
    ev_ck_pop(c, s);
  }
  const cJSON *as = ev_ck_get(v, "as");
  char def[EV_MAX_NAME_BYTES * 2 + 16];
  const char *name = def;
  s = ev_ck_push_key(c, "as");
  if (as) {
    if ((rc = ev_ck_string(c, as))) return rc;
    name = as->valuestring;
    if (!*name) return ev_ck_fail(c, EV_ERR_SHAPE, "an empty name");
  } else {
    snprintf(def, sizeof def, "%s_%s", DERIVE_OPS[op], col->valuestring);
  }
  if (strlen(name) > EV_MAX_NAME_BYTES)
    return ev_ck_fail(c, EV_ERR_LIMIT,
                      "a name of %zu bytes, over the limit of %d", strlen(name),
                      EV_MAX_NAME_BYTES);
  ev_col_type ty;
  int found = ev_ck_stage_type(c, name, &ty);
  if (found != 0) {
    ev_error_reset();
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "'%s' is already a column; name the result "
                      "with another 'as'",
                      ev_ck_quote(qa, name));
  }
  ev_ck_pop(c, s);
  return EV_OK;
}

void ev_ck_prescan_derived(ev_ck *c) {
  c->pre_count = 0;
  if (!cJSON_IsArray(c->derive_list)) return;
  for (const cJSON *d = c->derive_list->child;
       d && c->pre_count < EV_CHART_MAX_DERIVE; d = d->next) {
    const cJSON *as = cJSON_IsObject(d) ? ev_ck_get(d, "as") : NULL;
    const cJSON *op = cJSON_IsObject(d) ? ev_ck_get(d, "op") : NULL;
    const cJSON *col = cJSON_IsObject(d) ? ev_ck_get(d, "column") : NULL;
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

int ev_ck_derive_step(ev_ck *c, const cJSON *v) {
  int rc = check_derive_step(c, v);
  if (rc) return rc;
  const cJSON *as = ev_ck_get(v, "as");
  /* the default name is kept in the tree for normalising; only given
   * names are looked up by later steps here, the default is added below */
  if (as) {
    c->derived[c->derived_count++] = as->valuestring;
  } else {
    char *def = malloc(strlen(ev_ck_get(v, "op")->valuestring) +
                       strlen(ev_ck_get(v, "column")->valuestring) + 2);
    if (!def) return ev_error_set(EV_ERR_NOMEM, "out of memory");
    sprintf(def, "%s_%s", ev_ck_get(v, "op")->valuestring,
            ev_ck_get(v, "column")->valuestring);
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
