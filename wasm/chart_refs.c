/* chart_refs.c — ValueRefs and text templates (see chart_refs.h). */
#include "chart_refs.h"

#include <string.h>

#include "chart_columns.h"
#include "chart_keys.h"
#include "chart_names.h"
#include "chart_steps.h"
#include "status.h"

static const char *const TABLE_REF_KEYS[] = {
    "table", "filters", "column", "approximate", "bound", "source"};
static const char *const PANEL_REF_KEYS[] = {"panel", "series", "pick", "of"};
static const char *const PICKS[] = {"first", "last", "max", "min"};
static const char *const OFS[] = {"y", "x"};

static int ref_table(ev_ck *c, const cJSON *v, ev_ref_want want,
                     const ev_column *want_col) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, TABLE_REF_KEYS, EV_COUNT_OF(TABLE_REF_KEYS));
  if (rc) return rc;
  if ((rc = ev_ck_member(c, v, "table", "the table the figure is in",
                         ev_ck_table)) ||
      (rc = ev_ck_list(c, v, "filters", 0, EV_CHART_MAX_LIST, "filters",
                       ev_ck_filter)))
    return rc;
  const ev_column *col;
  if ((rc = ev_ck_column(c, v, "column", "the column of the figure", &col)))
    return rc;
  size_t s = ev_ck_push_key(c, "column");
  if (want == EV_REF_NUMBER && col->type != EV_COL_NUMBER)
    return ev_ck_fail(c, EV_ERR_TYPE,
                      "a bar's value needs a number column; "
                      "'%s' is %s",
                      ev_ck_quote(qa, col->name), ev_col_type_name(col->type));
  if (want == EV_REF_SHOWN && col->type != EV_COL_NUMBER &&
      col->type != EV_COL_STRING)
    return ev_ck_fail(c, EV_ERR_TYPE,
                      "a figure needs a number or string column; '%s' is %s",
                      ev_ck_quote(qa, col->name), ev_col_type_name(col->type));
  /* an x ValueRef points at the category equal to its value as text: a
   * string x takes a number or string column; a number x a number */
  if (want == EV_REF_OF_COL && want_col && col->type != want_col->type &&
      !(want_col->type == EV_COL_STRING && col->type == EV_COL_NUMBER))
    return ev_ck_fail(c, EV_ERR_TYPE, "the x column '%s' is %s; '%s' is %s",
                      ev_ck_quote(qa, want_col->name),
                      ev_col_type_name(want_col->type),
                      ev_ck_quote(qb, col->name), ev_col_type_name(col->type));
  ev_ck_pop(c, s);
  if ((rc = ev_ck_typed_column(c, v, "approximate", EV_COL_BOOL,
                               "'approximate'")) ||
      (rc = ev_ck_typed_column(c, v, "bound", EV_COL_STRING, "'bound'")) ||
      (rc = ev_ck_typed_column(c, v, "source", EV_COL_STRING, "'source'")))
    return rc;
  if (ev_ck_opt(v, "source") && !c->provenance) {
    ev_ck_push_key(c, "source");
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "sources need the document's 'provenance'");
  }
  return EV_OK;
}

int ev_ck_ref_table(ev_ck *c, const cJSON *v, ev_ref_want want,
                    const ev_column *want_col) {
  const ev_table *saved = c->t;
  int rc = ref_table(c, v, want, want_col);
  c->t = saved;
  return rc;
}

static int ref_panel(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, PANEL_REF_KEYS, EV_COUNT_OF(PANEL_REF_KEYS));
  if (rc) return rc;
  const cJSON *p = ev_ck_opt(v, "panel"), *ser = ev_ck_opt(v, "series"),
              *pick = ev_ck_get(v, "pick"), *of = ev_ck_opt(v, "of");
  int chart = 0;
  if (p) {
    size_t s = ev_ck_push_key(c, "panel");
    if ((rc = ev_ck_string(c, p))) return rc;
    if (!c->panels)
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "the view has no panels (leave 'panel' out)");
    const char *ids[EV_CHART_MAX_PANELS];
    for (int i = 0; i < c->chart_count; i++) ids[i] = c->charts[i].id;
    chart = ev_chart_find(p->valuestring, ids, c->chart_count);
    if (chart < 0) {
      char h[EV_CK_QUOTE_BYTES + 32], list[300];
      if (ev_chart_nearest(p->valuestring, ids, c->chart_count))
        return ev_ck_fail(
            c, EV_ERR_SHAPE, "no panel '%s'%s", ev_ck_quote(qa, p->valuestring),
            ev_ck_hint(h, sizeof h, p->valuestring, ids, c->chart_count));
      return ev_ck_fail(c, EV_ERR_SHAPE, "no panel '%s' (panels: %s)",
                        ev_ck_quote(qa, p->valuestring),
                        ev_chart_join(list, sizeof list, ids, c->chart_count));
    }
    ev_ck_pop(c, s);
  } else if (c->panels) {
    return ev_ck_missing(c, "panel", "the id of the panel the value is from");
  }
  if (ser) {
    size_t s = ev_ck_push_key(c, "series");
    const ev_column *sc = c->charts[chart].series;
    if (!sc)
      return ev_ck_fail(c, EV_ERR_SHAPE, "%s%s%s has no series",
                        c->panels ? "panel '" : "the chart",
                        c->panels ? ev_ck_quote(qa, c->charts[chart].id) : "",
                        c->panels ? "'" : "");
    if ((rc = ev_ck_value_of(c, ser, sc))) return rc;
    ev_ck_pop(c, s);
  }
  if (!pick) return ev_ck_missing(c, "pick", "first, last, max or min");
  int k;
  size_t s = ev_ck_push_key(c, "pick");
  if ((rc = ev_ck_name(c, pick, "pick", PICKS, EV_COUNT_OF(PICKS), &k)))
    return rc;
  ev_ck_pop(c, s);
  if (of) {
    s = ev_ck_push_key(c, "of");
    /* (on a map, x is the mark's map key: a country) */
    if ((rc = ev_ck_name(c, of, "of", OFS, EV_COUNT_OF(OFS), &k))) return rc;
    ev_ck_pop(c, s);
  }
  return EV_OK;
}

int ev_ck_ref(ev_ck *c, const cJSON *v) {
  if (!cJSON_IsObject(v))
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "expected a ValueRef object ({panel?, pick, ...} or "
                      "{table, column, ...}), got %s",
                      ev_ck_jtype(v));
  return ev_ck_get(v, "table") ? ev_ck_ref_table(c, v, EV_REF_SHOWN, NULL)
                               : ref_panel(c, v);
}

int ev_ck_placeholders(ev_ck *c, const char *s, ev_ck_placeholder_fn fn,
                       void *ud) {
  for (size_t i = 0; s[i]; i++) {
    if (s[i] == '}') {
      if (s[i + 1] == '}') {
        i++;
        continue;
      }
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "a lone '}' at byte %zu (write '}}' for a brace)", i);
    }
    if (s[i] != '{') continue;
    if (s[i + 1] == '{') {
      i++;
      continue;
    }
    size_t j = i + 1;
    while (s[j] && s[j] != '}' && s[j] != '{' && j - i <= 64) j++;
    if (s[j] != '}')
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "a '{' at byte %zu without its '}' (write '{{' for a "
                        "brace)",
                        i);
    char name[72];
    memcpy(name, s + i + 1, j - i - 1);
    name[j - i - 1] = '\0';
    int rc = fn(c, name, ud);
    if (rc) return rc;
    i = j;
  }
  return EV_OK;
}

/* A placeholder of a finding (a member of values) or, values NULL, of an
 * annotation ({x} only). */
static int template_name(ev_ck *c, const char *name, void *ud) {
  EV_CK_QBUF;
  const cJSON *values = ud;
  if (!values) {
    if (strcmp(name, "x") != 0)
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "'{%s}': an annotation's text takes only {x} (the x "
                        "value as a period)",
                        ev_ck_quote(qa, name));
  } else if (!ev_ck_get(values, name)) {
    const char *names[EV_CHART_MAX_VALUES];
    int n = 0;
    for (const cJSON *m = values->child; m && n < EV_CHART_MAX_VALUES;
         m = m->next)
      names[n++] = m->string;
    char h[EV_CK_QUOTE_BYTES + 32];
    return ev_ck_fail(c, EV_ERR_SHAPE, "'{%s}' is not one of the values%s",
                      ev_ck_quote(qa, name),
                      ev_ck_hint(h, sizeof h, name, names, n));
  }
  return EV_OK;
}

int ev_ck_template(ev_ck *c, const char *s, const cJSON *values) {
  return ev_ck_placeholders(c, s, template_name, (void *)values);
}

int ev_ck_text_template(ev_ck *c, const cJSON *v, const cJSON *values) {
  if (cJSON_IsString(v)) return ev_ck_template(c, v->valuestring, values);
  for (const cJSON *m = v->child; m; m = m->next) {
    size_t s = ev_ck_push_key(c, m->string);
    int rc = ev_ck_template(c, m->valuestring, values);
    if (rc) return rc;
    ev_ck_pop(c, s);
  }
  return EV_OK;
}
