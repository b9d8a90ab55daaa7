/* chart_panels.c — the view-level story keys: modes, layout, a panel's
 * own keys, range, findings (see chart_panels.h). */
#include "chart_panels.h"

#include <stdio.h>
#include <string.h>

#include "chart_columns.h"
#include "chart_compare.h"
#include "chart_names.h"
#include "chart_refs.h"
#include "chart_text.h"
#include "status.h"

static const char *const MODES_KEYS[] = {"label", "options"};
static const char *const OPTION_KEYS[] = {"id", "label", "notes"};
static const char *const LAYOUTS[] = {"side", "stack"};
static const char *const RANGE_KEYS[] = {"column", "label"};
static const char *const FINDING_KEYS[] = {"mode", "text", "values"};

static int check_option(ev_ck *c, const cJSON *v, int i) {
  int rc = ev_ck_object(c, v, OPTION_KEYS, EV_COUNT_OF(OPTION_KEYS));
  if (rc) return rc;
  const cJSON *id = ev_ck_get(v, "id");
  if (!id) return ev_ck_missing(c, "id", "the mode's id");
  size_t s = ev_ck_push_key(c, "id");
  if ((rc = ev_ck_id(c, id, "an id", 0, c->modes, i, "options"))) return rc;
  c->modes[i] = id->valuestring;
  ev_ck_pop(c, s);
  if ((rc = ev_ck_member(c, v, "label", "Text", ev_ck_text))) return rc;
  return ev_ck_list(c, v, "notes", 0, EV_CHART_MAX_LIST, "notes", ev_ck_text);
}

int ev_ck_modes(ev_ck *c, const cJSON *view) {
  c->mode_count = 0;
  const cJSON *v = ev_ck_opt(view, "modes");
  if (!v) return EV_OK;
  size_t s = ev_ck_push_key(c, "modes");
  int rc = ev_ck_object(c, v, MODES_KEYS, EV_COUNT_OF(MODES_KEYS));
  if (rc) return rc;
  rc = ev_ck_member(c, v, "label", "Text: what the choice is", ev_ck_text);
  if (rc) return rc;
  const cJSON *opts = ev_ck_get(v, "options");
  if (!opts) return ev_ck_missing(c, "options", "2 to 8 modes");
  size_t s2 = ev_ck_push_key(c, "options");
  if ((rc = ev_ck_array(c, opts, 0, EV_CHART_MAX_MODES, "modes"))) return rc;
  if (cJSON_GetArraySize(opts) < 2)
    return ev_ck_fail(c, EV_ERR_SHAPE, "%d modes; a choice needs 2 to %d",
                      cJSON_GetArraySize(opts), EV_CHART_MAX_MODES);
  int i = 0;
  for (const cJSON *e = opts->child; e; e = e->next, i++) {
    size_t s3 = ev_ck_push_index(c, i);
    if ((rc = check_option(c, e, i))) return rc;
    ev_ck_pop(c, s3);
  }
  c->mode_count = i;
  ev_ck_pop(c, s2);
  ev_ck_pop(c, s);
  return EV_OK;
}

int ev_ck_layout(ev_ck *c, const cJSON *view) {
  return ev_ck_opt_name(c, view, "layout", LAYOUTS, EV_COUNT_OF(LAYOUTS), NULL);
}

int ev_ck_mode_ref(ev_ck *c, const cJSON *obj) {
  EV_CK_QBUF;
  const cJSON *v = ev_ck_opt(obj, "mode");
  if (!v) return EV_OK;
  size_t s = ev_ck_push_key(c, "mode");
  int rc = ev_ck_string(c, v);
  if (rc) return rc;
  if (!c->mode_count)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "the view has no 'modes' to name '%s' from",
                      ev_ck_quote(qa, v->valuestring));
  if (ev_chart_find(v->valuestring, c->modes, c->mode_count) < 0) {
    char list[300];
    return ev_ck_fail(
        c, EV_ERR_SHAPE, "no mode '%s' (modes: %s)",
        ev_ck_quote(qa, v->valuestring),
        ev_chart_join(list, sizeof list, c->modes, c->mode_count));
  }
  ev_ck_pop(c, s);
  return EV_OK;
}

int ev_ck_panel_head(ev_ck *c, const cJSON *panel, int index) {
  int rc;
  const cJSON *id = ev_ck_get(panel, "id"), *w = ev_ck_opt(panel, "weight");
  if (!id) return ev_ck_missing(c, "id", "a panel needs an id");
  size_t s = ev_ck_push_key(c, "id");
  const char *ids[EV_CHART_MAX_PANELS];
  for (int i = 0; i < index; i++) ids[i] = c->charts[i].id;
  /* '_' too: a panel id starts its marks' ids (<panel>/<series>/<x>), and
   * the story's marks keep the ids of its hand-written views (nev_share) */
  if ((rc =
           ev_ck_id(c, id, "an id", EV_CK_ID_UNDERSCORE, ids, index, "panels")))
    return rc;
  c->charts[index].id = id->valuestring;
  ev_ck_pop(c, s);
  if ((rc = ev_ck_opt_text(c, panel, "title"))) return rc;
  if (w) {
    s = ev_ck_push_key(c, "weight");
    if ((rc = ev_ck_number(c, w))) return rc;
    if (!(w->valuedouble > 0 && w->valuedouble <= EV_CHART_MAX_WEIGHT)) {
      char a[EV_FMT_DOUBLE_BYTES];
      return ev_ck_fail(c, EV_ERR_SHAPE, "%s is not in (0, %d]",
                        ev_fmt_double(a, w->valuedouble), EV_CHART_MAX_WEIGHT);
    }
    ev_ck_pop(c, s);
  }
  return ev_ck_mode_ref(c, panel);
}

int ev_ck_range(ev_ck *c, const cJSON *view) {
  EV_CK_QBUF;
  int rc0 = ev_ck_compares(c, view); /* each panel's compare (chart_compare.h) */
  if (rc0) return rc0;
  const cJSON *v = ev_ck_opt(view, "range");
  if (!v) return EV_OK;
  size_t s = ev_ck_push_key(c, "range");
  int rc = ev_ck_object(c, v, RANGE_KEYS, EV_COUNT_OF(RANGE_KEYS));
  if (rc) return rc;
  const cJSON *col = ev_ck_get(v, "column");
  if (!col) return ev_ck_missing(c, "column", "the x column to range over");
  size_t s2 = ev_ck_push_key(c, "column");
  if ((rc = ev_ck_string(c, col))) return rc;
  const char *xs[EV_CHART_MAX_PANELS];
  int nx = 0, found = 0;
  for (int i = 0; i < c->chart_count; i++) {
    const ev_column *x = c->charts[i].x;
    if (!x) continue;
    if (ev_chart_find(x->name, xs, nx) < 0) xs[nx++] = x->name;
    if (strcmp(x->name, col->valuestring) != 0) continue;
    if (x->type != EV_COL_NUMBER)
      return ev_ck_fail(c, EV_ERR_TYPE,
                        "a range needs a number column; '%s' is %s in "
                        "table '%s'",
                        ev_ck_quote(qa, x->name), ev_col_type_name(x->type),
                        ev_ck_quote(qb, c->charts[i].t->name));
    found = 1;
  }
  if (!found) {
    char list[300];
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "'%s' is not the x column of any chart of the view "
                      "(x: %s)",
                      ev_ck_quote(qa, col->valuestring),
                      nx ? ev_chart_join(list, sizeof list, xs, nx) : "none");
  }
  ev_ck_pop(c, s2);
  if ((rc = ev_ck_opt_text(c, v, "label"))) return rc;
  ev_ck_pop(c, s);
  return EV_OK;
}

/* A value name: [a-z][a-z0-9_]*, at most EV_CHART_MAX_ID_BYTES. */
static int is_value_name(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > EV_CHART_MAX_ID_BYTES || s[0] < 'a' || s[0] > 'z') return 0;
  for (size_t i = 1; i < n; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
          s[i] == '_'))
      return 0;
  return 1;
}

/* A finding's value m: a value name and a ValueRef (col unused). */
static int check_value(ev_ck *c, const cJSON *m, const ev_column *col) {
  EV_CK_QBUF;
  if (!is_value_name(m->string))
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "'%s' is not a value name ([a-z][a-z0-9_]*, at "
                      "most %d bytes)",
                      ev_ck_quote(qa, m->string), EV_CHART_MAX_ID_BYTES);
  return ev_ck_ref(c, m);
}

static int check_finding(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, FINDING_KEYS, EV_COUNT_OF(FINDING_KEYS));
  if (rc) return rc;
  if ((rc = ev_ck_mode_ref(c, v))) return rc;
  if ((rc = ev_ck_member(c, v, "text", "Text with {name} placeholders",
                         ev_ck_text)))
    return rc;
  if ((rc = ev_ck_entries(c, v, "values", EV_CHART_MAX_VALUES, "values",
                          check_value, NULL)))
    return rc;
  const cJSON *text = ev_ck_get(v, "text"), *values = ev_ck_opt(v, "values");
  /* the placeholders, once the values are known good */
  static const cJSON empty = {0};
  size_t s = ev_ck_push_key(c, "text");
  if ((rc = ev_ck_text_template(c, text, values ? values : &empty))) return rc;
  ev_ck_pop(c, s);
  return EV_OK;
}

int ev_ck_findings(ev_ck *c, const cJSON *view) {
  return ev_ck_list(c, view, "findings", 0, EV_CHART_MAX_FINDINGS, "findings",
                    check_finding);
}
