/* chart_desc.c — checks an ev-chart/1 description against tables and
 * writes it out normalised (see chart_desc.h, data/CHART_FORMAT.md): the
 * walk of the document and of each view, in the order of the format's
 * tables. Its parts: chart_ck (state, paths, messages, JSON members,
 * ids), chart_names (look-ups, "did you mean"), chart_text (Text, language
 * tags, URLs), chart_columns (tables, columns and their types),
 * chart_steps (filters, derive steps), chart_doc (provenance, names),
 * chart_panels (modes, layout, panels' own keys, range, findings),
 * chart_refs (ValueRefs, templates), chart_keys (the story members of x,
 * y, series, trend, map), chart_extras (reference, source, detail, sort),
 * chart_normalise (the output). A view is one chart or has panels: each
 * chart (check_chart) is recorded in ev_ck.charts for range and findings. */
#include "chart_desc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_ck.h"
#include "chart_columns.h"
#include "chart_doc.h"
#include "chart_keys.h"
#include "chart_names.h"
#include "chart_normalise.h"
#include "chart_panels.h"
#include "chart_refs.h"
#include "chart_steps.h"
#include "chart_text.h"
#include "json_doc.h"
#include "status.h"

#define MARK_LINE EV_MARK_LINE
#define MARK_BAR EV_MARK_BAR
#define MARK_MAP EV_MARK_MAP
#define MARK_POINT EV_MARK_POINT
#define MARKS ev_ck_marks
static const char *const SCALES[] = {"linear", "log"};
static const char *const METHODS[] = {"linear", "loglinear", "holt"};
static const char *const PROJECTIONS[] = {"equal-earth", "natural-earth",
                                          "mercator", "equirectangular"};

static const char *const ROOT_KEYS[] = {
    "format", "locales", "title", "dataset", "provenance", "names", "views"};
static const char *const VIEW_KEYS[] = {
    "id",     "title",       "tab",       "subtitle", "modes",
    "layout", "panels",      "table",     "mark",     "x",
    "y",      "series",      "filters",   "derive",   "trend",
    "map",    "annotations", "reference", "source",   "detail",
    "sort",   "range",       "findings",  "notes",    "sources"};
/* the keys of a chart: a one-chart view's (VIEW_KEYS[7..21)) or a panel's */
#define CHART_KEYS_AT 7
#define CHART_KEYS_N 14
static const char *const PANEL_KEYS[] = {
    "id",  "title",       "weight",    "mode",    "table",  "mark",
    "x",   "y",           "series",    "filters", "derive", "trend",
    "map", "annotations", "reference", "source",  "detail", "sort",
    "compare"};
static const char *const DATASET_KEYS[] = {"url", "inline"};
static const char *const X_KEYS[] = {"column", "label", "names", "complete",
                                     "choices"};
static const char *const Y_KEYS[] = {
    "column", "aggregate", "label",       "unit",  "scale", "format",
    "fixed",  "percent",   "approximate", "bound", "counts"};
static const char *const SERIES_KEYS[] = {"column", "labels", "order", "names",
                                          "styles", "sparse", "label"};
static const char *const TREND_KEYS[] = {"method", "horizon", "level",
                                         "control", "series"};
static const char *const MAP_KEYS[] = {"key",   "projection",  "colour",
                                       "zooms", "projections", "names"};
static const char *const ANNOTATION_KEYS[] = {"x", "y", "text", "series"};
static const char *const SOURCE_KEYS[] = {"name", "url"};

static int check_dataset(ev_ck *c, const cJSON *v) {
  int rc = ev_ck_object(c, v, DATASET_KEYS, EV_COUNT_OF(DATASET_KEYS));
  if (rc) return rc;
  const cJSON *url = ev_ck_get(v, "url"), *in = ev_ck_get(v, "inline");
  if (url && in)
    return ev_ck_fail(c, EV_ERR_SHAPE, "give 'url' or 'inline', not both");
  if (!url && !in)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "expected {\"url\": ...} or {\"inline\": true}");
  if (url) {
    size_t s = ev_ck_push_key(c, "url");
    if ((rc = ev_ck_url(c, url, 1, 0))) return rc;
    ev_ck_pop(c, s);
  } else if (!cJSON_IsTrue(in)) {
    ev_ck_push_key(c, "inline");
    return ev_ck_fail(c, EV_ERR_SHAPE, "expected true, got %s",
                      cJSON_IsFalse(in) ? "false" : ev_ck_jtype(in));
  }
  return EV_OK;
}

static int check_x(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, X_KEYS, EV_COUNT_OF(X_KEYS));
  if (rc) return rc;
  const ev_column *col;
  if ((rc = ev_ck_column(c, v, "column", "the x column", &col))) return rc;
  size_t s = ev_ck_push_key(c, "column");
  if ((c->mark == MARK_LINE || c->mark == MARK_POINT) &&
      col->type != EV_COL_NUMBER)
    return ev_ck_fail(c, EV_ERR_TYPE, "a %s needs a number x; '%s' is %s",
                      MARKS[c->mark], ev_ck_quote(qa, col->name),
                      ev_col_type_name(col->type));
  if (col->type == EV_COL_JSON)
    return ev_ck_fail(c, EV_ERR_TYPE,
                      "a %s needs a string, number or boolean x; '%s' is json",
                      MARKS[c->mark], ev_ck_quote(qb, col->name));
  ev_ck_pop(c, s);
  c->key_cols[0] = col;
  return ev_ck_opt_text(c, v, "label");
}

static int check_y(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, Y_KEYS, EV_COUNT_OF(Y_KEYS));
  if (rc) return rc;
  const cJSON *col = ev_ck_opt(v, "column");
  c->agg = -1;
  if ((rc = ev_ck_opt_name(c, v, "aggregate", ev_ck_aggs,
                           EV_COUNT_OF(ev_ck_aggs), &c->agg)))
    return rc;
  if (!col) {
    if (c->agg < 0)
      return ev_ck_missing(c, "column",
                           "y needs a column, or the aggregate 'count'");
    if (c->agg > 0) {
      char why[64];
      snprintf(why, sizeof why, "'%s' needs a column", ev_ck_aggs[c->agg]);
      return ev_ck_missing(c, "column", why);
    }
  } else {
    size_t s = ev_ck_push_key(c, "column");
    if ((rc = ev_ck_string(c, col))) return rc;
    const ev_column *tc = ev_ck_column_of(c->t, col->valuestring);
    if (!tc && ev_chart_find(col->valuestring, c->pre, c->pre_count) < 0)
      return ev_ck_no_column(c, col->valuestring, c->pre, c->pre_count);
    if (tc && tc->type != EV_COL_NUMBER) {
      if (c->agg > 0) {
        ev_ck_pop(c, s);
        ev_ck_push_key(c, "aggregate");
        return ev_ck_fail(c, EV_ERR_TYPE,
                          "'%s' needs a number column; '%s' is %s",
                          ev_ck_aggs[c->agg], ev_ck_quote(qa, tc->name),
                          ev_col_type_name(tc->type));
      }
      if (c->agg < 0)
        return ev_ck_fail(
            c, EV_ERR_TYPE,
            "y needs a number column (or an aggregate); '%s' is %s",
            ev_ck_quote(qb, tc->name), ev_col_type_name(tc->type));
    }
    ev_ck_pop(c, s);
  }
  if ((rc = ev_ck_opt_text(c, v, "label")) ||
      (rc = ev_ck_opt_text(c, v, "unit")))
    return rc;
  const cJSON *scale = ev_ck_opt(v, "scale");
  if (scale) {
    int k;
    size_t s = ev_ck_push_key(c, "scale");
    if ((rc = ev_ck_name(c, scale, "scale", SCALES, EV_COUNT_OF(SCALES), &k)))
      return rc;
    if (k == 1 && c->mark == MARK_MAP)
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "a map has no value axis (circle areas are linear)");
    ev_ck_pop(c, s);
  }
  return EV_OK;
}

/* series.labels' entry m: Text for a value of col. */
static int check_label(ev_ck *c, const cJSON *m, const ev_column *col) {
  int rc = ev_ck_value_key(c, m->string, col, "label");
  return rc ? rc : ev_ck_text(c, m);
}

static int check_series(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, SERIES_KEYS, EV_COUNT_OF(SERIES_KEYS));
  if (rc) return rc;
  const ev_column *col;
  if ((rc = ev_ck_column(c, v, "column", "the series column", &col))) return rc;
  size_t s = ev_ck_push_key(c, "column");
  if (col->type == EV_COL_JSON)
    return ev_ck_fail(
        c, EV_ERR_TYPE,
        "a series needs a string, number or boolean column; '%s' is "
        "json",
        ev_ck_quote(qa, col->name));
  if (c->key_cols[0] == col)
    return ev_ck_fail(c, EV_ERR_SHAPE, "'%s' is already the %s column",
                      ev_ck_quote(qa, col->name),
                      c->mark == MARK_MAP ? "map key" : "x");
  ev_ck_pop(c, s);
  c->key_cols[1] = col;
  if ((rc = ev_ck_entries(c, v, "labels", EV_CHART_MAX_SERIES_VALUES, "labels",
                          check_label, col)))
    return rc;
  return ev_ck_value_list(c, v, "order", col);
}

static int check_trend(ev_ck *c, const cJSON *v) {
  int rc = ev_ck_object(c, v, TREND_KEYS, EV_COUNT_OF(TREND_KEYS));
  if (rc) return rc;
  if (c->mark != MARK_LINE && c->mark != MARK_BAR)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "a trend projection needs a line or a bar (mark is '%s')",
                      MARKS[c->mark]);
  if (c->mark == MARK_BAR && c->key_cols[0]->type != EV_COL_NUMBER) {
    EV_CK_QBUF;
    return ev_ck_fail(c, EV_ERR_TYPE,
                      "a trend on a bar needs a number x; '%s' is %s",
                      ev_ck_quote(qa, c->key_cols[0]->name),
                      ev_col_type_name(c->key_cols[0]->type));
  }
  /* with the reader's control, the projection may start off: method and
   * horizon optional (null is absent) */
  int control = cJSON_IsTrue(ev_ck_get(v, "control"));
  const cJSON *m = control ? ev_ck_opt(v, "method") : ev_ck_get(v, "method"),
              *h = control ? ev_ck_opt(v, "horizon") : ev_ck_get(v, "horizon"),
              *l = ev_ck_opt(v, "level");
  if (!m && !control)
    return ev_ck_missing(c, "method", "linear, loglinear or holt");
  int k;
  size_t s;
  if (m) {
    s = ev_ck_push_key(c, "method");
    if ((rc = ev_ck_name(c, m, "method", METHODS, EV_COUNT_OF(METHODS), &k)))
      return rc;
    ev_ck_pop(c, s);
  }
  if (!h && !control)
    return ev_ck_missing(c, "horizon", "steps of x beyond the last point");
  if (h) {
    s = ev_ck_push_key(c, "horizon");
    if ((rc = ev_ck_number(c, h))) return rc;
    if (h->valuedouble != floor(h->valuedouble))
      return ev_ck_fail(c, EV_ERR_SHAPE, "expected a whole number of steps");
    if (h->valuedouble < 1 || h->valuedouble > EV_CHART_MAX_HORIZON) {
      char a[EV_FMT_DOUBLE_BYTES];
      return ev_ck_fail(c, EV_ERR_LIMIT, "%s steps, outside 1 to %d",
                        ev_fmt_double(a, h->valuedouble), EV_CHART_MAX_HORIZON);
    }
    ev_ck_pop(c, s);
  }
  if (l) {
    s = ev_ck_push_key(c, "level");
    if ((rc = ev_ck_number(c, l))) return rc;
    if (!(l->valuedouble > 0 && l->valuedouble < 1)) {
      char a[EV_FMT_DOUBLE_BYTES];
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "%s is not between 0 and 1 (e.g. 0.95)",
                        ev_fmt_double(a, l->valuedouble));
    }
    ev_ck_pop(c, s);
  }
  return EV_OK;
}

/* 1 if s is three capital ASCII letters. */
static int is_alpha3(const char *s) {
  for (int i = 0; i < 3; i++)
    if (s[i] < 'A' || s[i] > 'Z') return 0;
  return s[3] == '\0';
}

static int check_map(ev_ck *c, const cJSON *v) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, v, MAP_KEYS, EV_COUNT_OF(MAP_KEYS));
  if (rc) return rc;
  const ev_column *col;
  if ((rc = ev_ck_column(c, v, "key", "a column of ISO 3166-1 alpha-3 codes",
                         &col)))
    return rc;
  size_t s = ev_ck_push_key(c, "key");
  if (col->type != EV_COL_STRING)
    return ev_ck_fail(
        c, EV_ERR_TYPE,
        "a map key needs a string column of ISO 3166-1 alpha-3 codes; "
        "'%s' is %s",
        ev_ck_quote(qa, col->name), ev_col_type_name(col->type));
  for (int32_t k = 0; k < ev_dict_count(col->dict); k++)
    if (!is_alpha3(ev_dict_str(col->dict, k)))
      return ev_ck_fail(
          c, EV_ERR_DATA,
          "'%s' holds '%s', not an ISO 3166-1 alpha-3 code (e.g. 'HUN')",
          ev_ck_quote(qa, col->name),
          ev_ck_quote(qb, ev_dict_str(col->dict, k)));
  ev_ck_pop(c, s);
  c->key_cols[0] = col;
  return ev_ck_opt_name(c, v, "projection", PROJECTIONS,
                        EV_COUNT_OF(PROJECTIONS), NULL);
}

static int check_annotation(ev_ck *c, const cJSON *v) {
  int rc = ev_ck_object(c, v, ANNOTATION_KEYS, EV_COUNT_OF(ANNOTATION_KEYS));
  if (rc) return rc;
  const cJSON *x = ev_ck_get(v, "x"), *text = ev_ck_get(v, "text");
  if (!x) return ev_ck_missing(c, "x", "the x value the note is at");
  size_t s = ev_ck_push_key(c, "x");
  if (cJSON_IsObject(x))
    rc = ev_ck_ref_table(c, x, EV_REF_OF_COL, c->key_cols[0]);
  else
    rc = ev_ck_value_of(c, x, c->key_cols[0]);
  if (rc) return rc;
  ev_ck_pop(c, s);
  if ((rc = ev_ck_member(c, v, "y", NULL, ev_ck_number))) return rc;
  if (!text) return ev_ck_missing(c, "text", "the note");
  s = ev_ck_push_key(c, "text");
  if ((rc = ev_ck_text(c, text)) || (rc = ev_ck_text_template(c, text, NULL)))
    return rc;
  ev_ck_pop(c, s);
  return ev_ck_member(c, v, "series", NULL, ev_ck_series_value);
}

static int check_source(ev_ck *c, const cJSON *v) {
  int rc = ev_ck_object(c, v, SOURCE_KEYS, EV_COUNT_OF(SOURCE_KEYS));
  if (rc) return rc;
  if ((rc = ev_ck_member(c, v, "name", "the source's name", ev_ck_text)))
    return rc;
  const cJSON *url = ev_ck_opt(v, "url");
  if (url) {
    size_t s = ev_ck_push_key(c, "url");
    if ((rc = ev_ck_url(c, url, 0, 1))) return rc;
    ev_ck_pop(c, s);
  }
  return EV_OK;
}

/* A chart: a one-chart view or a panel (its keys checked by the caller);
 * recorded in c->charts[slot]. */
static int check_chart(ev_ck *c, const cJSON *v, int slot) {
  int rc;
  c->t = NULL;
  c->mark = -1;
  c->agg = -1;
  c->key_cols[0] = c->key_cols[1] = NULL;
  c->derived_count = 0;
  c->derive_list = ev_ck_get(v, "derive");
  ev_ck_prescan_derived(c);
  if ((rc = ev_ck_member(c, v, "table", "the table of the dataset to draw",
                         ev_ck_table)))
    return rc;
  const cJSON *m;
  if (!(m = ev_ck_get(v, "mark")))
    return ev_ck_missing(c, "mark", "line, bar, hbar, point or map");
  size_t s = ev_ck_push_key(c, "mark");
  if ((rc = ev_ck_name(c, m, "mark", MARKS, EV_COUNT_OF(MARKS), &c->mark)))
    return rc;
  ev_ck_pop(c, s);
  m = ev_ck_opt(v, "x");
  if (c->mark == MARK_MAP) {
    if (m) {
      ev_ck_push_key(c, "x");
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "a map has no x (values are placed by "
                        "map.key)");
    }
    /* the map key is x's counterpart: checked before y and series */
    if ((rc = ev_ck_member(c, v, "map", "a map mark needs 'map'", check_map)))
      return rc;
  } else {
    /* x: null is missing too */
    if (!m) return ev_ck_missing(c, "x", "a line, bar, hbar or point needs x");
    if ((rc = ev_ck_at(c, "x", m, check_x))) return rc;
  }
  if ((rc = ev_ck_member(c, v, "y", "the values to draw", check_y)) ||
      (rc = ev_ck_member(c, v, "series", NULL, check_series)))
    return rc;
  c->charts[slot].t = c->t;
  c->charts[slot].mark = c->mark;
  c->charts[slot].x = c->mark == MARK_MAP ? NULL : c->key_cols[0];
  c->charts[slot].series = c->key_cols[1];
  if ((rc = ev_ck_list(c, v, "filters", 0, EV_CHART_MAX_LIST, "filters",
                       ev_ck_filter)) ||
      (rc = ev_ck_list(c, v, "derive", 0, EV_CHART_MAX_DERIVE, "derive steps",
                       ev_ck_derive_step)) ||
      (rc = ev_ck_member(c, v, "trend", NULL, check_trend)))
    return rc;
  if ((m = ev_ck_opt(v, "map")) && c->mark != MARK_MAP) {
    ev_ck_push_key(c, "map");
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "only a map mark takes 'map' (mark is '%s')",
                      MARKS[c->mark]);
  }
  if ((m = ev_ck_opt(v, "annotations")) && c->mark == MARK_MAP &&
      !(cJSON_IsArray(m) && !m->child)) {
    ev_ck_push_key(c, "annotations");
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "a map has no x to place annotations at");
  }
  if ((rc = ev_ck_list(c, v, "annotations", 0, EV_CHART_MAX_LIST, "annotations",
                       check_annotation)) ||
      (rc = ev_ck_axis_keys(c, v)) || (rc = ev_ck_chart_extras(c, v)))
    return rc;
  return EV_OK;
}

/* y.column names a derived column: it must be one of the chart's steps'
 * (checked last, as before panels). The path is at the chart. */
static int check_derived_y(ev_ck *c, const cJSON *v) {
  const cJSON *y = ev_ck_get(v, "y"), *yc = ev_ck_opt(y, "column");
  if (yc && !ev_ck_column_of(c->t, yc->valuestring) &&
      ev_chart_find(yc->valuestring, c->derived, c->derived_count) < 0) {
    ev_ck_push_key(c, "y");
    ev_ck_push_key(c, "column");
    return ev_ck_no_column(c, yc->valuestring, c->derived, c->derived_count);
  }
  return EV_OK;
}

static int check_panels(ev_ck *c, const cJSON *v, const cJSON *panels) {
  int rc;
  for (int k = CHART_KEYS_AT; k < CHART_KEYS_AT + CHART_KEYS_N; k++)
    if (ev_ck_opt(v, VIEW_KEYS[k])) {
      ev_ck_push_key(c, VIEW_KEYS[k]);
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "a view with panels has no '%s' (it goes in each "
                        "panel)",
                        VIEW_KEYS[k]);
    }
  size_t s = ev_ck_push_key(c, "panels");
  int i = 0;
  for (const cJSON *p = panels->child; p; p = p->next, i++) {
    size_t s2 = ev_ck_push_index(c, i);
    c->chart_count = i + 1;
    c->charts[i].id = NULL;
    c->charts[i].t = NULL;
    c->charts[i].x = c->charts[i].series = NULL;
    if ((rc = ev_ck_object(c, p, PANEL_KEYS, EV_COUNT_OF(PANEL_KEYS))) ||
        (rc = ev_ck_panel_head(c, p, i)) || (rc = check_chart(c, p, i)) ||
        (rc = check_derived_y(c, p)))
      return rc;
    ev_ck_pop(c, s2);
  }
  ev_ck_pop(c, s);
  return EV_OK;
}

static int check_view(ev_ck *c, const cJSON *v, int index) {
  int rc = ev_ck_object(c, v, VIEW_KEYS, EV_COUNT_OF(VIEW_KEYS));
  if (rc) return rc;
  c->mode_count = 0;
  c->panels = 0;
  c->chart_count = 0;
  const cJSON *m;
  size_t s;
  if (!(m = ev_ck_get(v, "id")))
    return ev_ck_missing(c, "id", "a view needs an id");
  s = ev_ck_push_key(c, "id");
  if ((rc = ev_ck_id(c, m, "a view id", 0, c->ids, index, "views"))) return rc;
  c->ids[index] = m->valuestring;
  ev_ck_pop(c, s);
  if ((rc = ev_ck_member(c, v, "title", "Text", ev_ck_text))) return rc;
  if ((m = ev_ck_opt(v, "tab"))) {
    s = ev_ck_push_key(c, "tab");
    if ((rc = ev_ck_text_max(c, m, EV_CHART_MAX_TAB_BYTES))) return rc;
    ev_ck_pop(c, s);
  }
  if ((rc = ev_ck_opt_text(c, v, "subtitle")) || (rc = ev_ck_modes(c, v)) ||
      (rc = ev_ck_layout(c, v)))
    return rc;
  const cJSON *panels = ev_ck_opt(v, "panels");
  if (panels) {
    s = ev_ck_push_key(c, "panels");
    if ((rc = ev_ck_array(c, panels, 0, EV_CHART_MAX_PANELS, "panels")))
      return rc;
    ev_ck_pop(c, s);
    c->panels = panels->child != NULL;
  }
  if (c->panels) {
    if ((rc = check_panels(c, v, panels))) return rc;
  } else {
    c->chart_count = 1;
    c->charts[0].id = NULL;
    if ((rc = check_chart(c, v, 0))) return rc;
  }
  if ((rc = ev_ck_range(c, v)) || (rc = ev_ck_findings(c, v)) ||
      (rc = ev_ck_list(c, v, "notes", 0, EV_CHART_MAX_LIST, "notes",
                       ev_ck_text)) ||
      (rc = ev_ck_list(c, v, "sources", 0, EV_CHART_MAX_LIST, "sources",
                       check_source)))
    return rc;
  return c->panels ? EV_OK : check_derived_y(c, v);
}

static int check_root(ev_ck *c, const cJSON *root) {
  int rc = ev_ck_object(c, root, ROOT_KEYS, EV_COUNT_OF(ROOT_KEYS));
  if (rc) return rc;
  EV_CK_QBUF;
  const cJSON *m;
  size_t s;
  if (!(m = ev_ck_get(root, "format")))
    return ev_ck_missing(c, "format", "\"ev-chart/1\"");
  s = ev_ck_push_key(c, "format");
  if ((rc = ev_ck_string(c, m))) return rc;
  if (strcmp(m->valuestring, "ev-chart/1") != 0)
    return ev_ck_fail(c, EV_ERR_SHAPE, "expected \"ev-chart/1\", got \"%s\"",
                      ev_ck_quote(qa, m->valuestring));
  ev_ck_pop(c, s);
  if ((rc = ev_ck_member(c, root, "locales", "language tags, the default first",
                         ev_ck_locales)) ||
      (rc = ev_ck_member(c, root, "title", "Text", ev_ck_text)) ||
      (rc = ev_ck_member(c, root, "dataset", NULL, check_dataset)) ||
      (rc = ev_ck_member(c, root, "provenance", NULL, ev_ck_provenance)) ||
      (rc = ev_ck_member(c, root, "names", NULL, ev_ck_names)))
    return rc;
  if (!(m = ev_ck_get(root, "views")))
    return ev_ck_missing(c, "views", "1 to 16 views");
  s = ev_ck_push_key(c, "views");
  if ((rc = ev_ck_array(c, m, 1, EV_CHART_MAX_VIEWS, "views"))) return rc;
  int i = 0;
  for (const cJSON *e = m->child; e; e = e->next, i++) {
    size_t s2 = ev_ck_push_index(c, i);
    if ((rc = check_view(c, e, i))) return rc;
    ev_ck_pop(c, s2);
  }
  ev_ck_pop(c, s);
  return EV_OK;
}

int ev_chart_check(const char *buf, size_t len, ev_table *const *tables,
                   int32_t table_count, char **out_json, size_t *out_len) {
  if (out_json) *out_json = NULL;
  if (out_len) *out_len = 0;
  if ((!buf && len) || table_count < 0 || (!tables && table_count) ||
      !out_json || !out_len)
    return ev_error_set(EV_ERR_ARG, "chart check: bad arguments");
  for (int32_t i = 0; i < table_count; i++)
    if (!tables[i])
      return ev_error_set(EV_ERR_ARG, "chart check: no table %d", (int)i);
  if (len > EV_CHART_MAX_BYTES)
    return ev_error_set(EV_ERR_LIMIT,
                        "description: %zu bytes, over the limit of %d bytes",
                        len, EV_CHART_MAX_BYTES);
  cJSON *root = ev_json_parse(buf, len);
  if (!root) return ev_error_status();
  ev_ck c;
  memset(&c, 0, sizeof c);
  c.tables = tables;
  c.table_count = table_count;
  int rc = check_root(&c, root);
  if (rc == EV_OK) rc = ev_ck_normalise(&c, root);
  if (rc == EV_OK) {
    char *text = cJSON_PrintUnformatted(root);
    if (!text) {
      rc = ev_error_set(EV_ERR_NOMEM, "out of memory");
    } else {
      *out_json = text;
      *out_len = strlen(text);
    }
  }
  cJSON_Delete(root);
  return rc;
}
