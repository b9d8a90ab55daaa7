/* chart_keys.c — the chart-level story keys: the new members of x, y,
 * series, trend and map (see chart_keys.h; reference, source, detail and
 * sort are in chart_extras.c). */
#include "chart_keys.h"

#include <stdio.h>
#include <string.h>

#include "chart_columns.h"
#include "chart_doc.h"
#include "chart_names.h"
#include "chart_text.h"
#include "status.h"

const char *const ev_ck_formats[EV_CK_FORMAT_COUNT] = {
    "usd_bn", "eur_bn", "cny_bn", "vehicles", "percent", "gwh", "projects"};

static const char *const CHOICE_KEYS[] = {"column", "label", "names"};
static const char *const STYLE_KEYS[] = {"colour", "dash"};
static const char *const COLOUR_KEYS[] = {"id",    "column", "label",
                                          "names", "split",  "styles"};
static const char *const ZOOM_KEYS[] = {"id", "label", "box"};

int ev_ck_opt_bool(ev_ck *c, const cJSON *obj, const char *key, int *out) {
  const cJSON *v = ev_ck_opt(obj, key);
  *out = 0;
  if (!v) return EV_OK;
  if (!cJSON_IsBool(v)) {
    ev_ck_push_key(c, key);
    return ev_ck_fail(c, EV_ERR_SHAPE, "expected true or false, got %s",
                      ev_ck_jtype(v));
  }
  *out = cJSON_IsTrue(v);
  return EV_OK;
}

int ev_ck_typed_column(ev_ck *c, const cJSON *obj, const char *key,
                       ev_col_type type, const char *what) {
  EV_CK_QBUF;
  if (!ev_ck_opt(obj, key)) return EV_OK;
  const ev_column *col;
  int rc = ev_ck_column(c, obj, key, what, &col);
  if (rc) return rc;
  if (col->type != type) {
    ev_ck_push_key(c, key);
    return ev_ck_fail(c, EV_ERR_TYPE, "%s needs a %s column; '%s' is %s", what,
                      ev_col_type_name(type), ev_ck_quote(qa, col->name),
                      ev_col_type_name(col->type));
  }
  return EV_OK;
}

int ev_ck_shape(ev_ck *c, const char *key, const char *msg) {
  ev_ck_push_key(c, key);
  return ev_ck_fail(c, EV_ERR_SHAPE, "%s", msg);
}

/* A column of c->t that can name categories: not json. */
static int category_column(ev_ck *c, const cJSON *obj, const char *why,
                           const ev_column **col) {
  EV_CK_QBUF;
  int rc = ev_ck_column(c, obj, "column", why, col);
  if (rc) return rc;
  if ((*col)->type == EV_COL_JSON) {
    ev_ck_push_key(c, "column");
    return ev_ck_fail(c, EV_ERR_TYPE, "%s cannot be json; '%s' is json", why,
                      ev_ck_quote(qa, (*col)->name));
  }
  return EV_OK;
}

static int check_choices(ev_ck *c, const cJSON *x) {
  EV_CK_QBUF;
  const cJSON *v = ev_ck_opt(x, "choices");
  if (!v) return EV_OK;
  size_t s = ev_ck_push_key(c, "choices");
  int rc = ev_ck_array(c, v, 0, EV_CHART_MAX_CHOICES, "choices");
  if (rc || !v->child) return rc;
  int n = cJSON_GetArraySize(v);
  if (n < 2)
    return ev_ck_fail(c, EV_ERR_SHAPE, "1 choice; a choice needs 2 to %d",
                      EV_CHART_MAX_CHOICES);
  if (c->mark != EV_MARK_BAR && c->mark != EV_MARK_HBAR)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "a choice of x needs a bar or hbar (mark is '%s')",
                      ev_ck_marks[c->mark]);
  if (c->agg < 0)
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "a choice of x needs y.aggregate (rows are grouped by "
                      "the chosen column)");
  const ev_column *cols[EV_CHART_MAX_CHOICES];
  int i = 0;
  for (const cJSON *e = v->child; e; e = e->next, i++) {
    size_t s2 = ev_ck_push_index(c, i);
    if ((rc = ev_ck_object(c, e, CHOICE_KEYS, EV_COUNT_OF(CHOICE_KEYS))) ||
        (rc = category_column(c, e, "a choice of x", &cols[i])))
      return rc;
    size_t s3 = ev_ck_push_key(c, "column");
    if (i == 0 && cols[0] != c->key_cols[0])
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "the first choice is the default: x.column '%s', "
                        "not '%s'",
                        ev_ck_quote(qa, c->key_cols[0]->name),
                        ev_ck_quote(qb, cols[0]->name));
    if (cols[i] == c->key_cols[1])
      return ev_ck_fail(c, EV_ERR_SHAPE, "'%s' is already the series column",
                        ev_ck_quote(qa, cols[i]->name));
    for (int j = 0; j < i; j++)
      if (cols[j] == cols[i])
        return ev_ck_fail(c, EV_ERR_SHAPE, "'%s' is choices[%d] too",
                          ev_ck_quote(qa, cols[i]->name), j);
    ev_ck_pop(c, s3);
    if ((rc = ev_ck_member(c, e, "label", "Text", ev_ck_text)) ||
        (rc = ev_ck_kind(c, e, "names")))
      return rc;
    ev_ck_pop(c, s2);
  }
  ev_ck_pop(c, s);
  return EV_OK;
}

static int check_x_keys(ev_ck *c, const cJSON *x) {
  int rc, complete;
  if ((rc = ev_ck_kind(c, x, "names")) ||
      (rc = ev_ck_opt_bool(c, x, "complete", &complete)))
    return rc;
  if (complete && c->mark != EV_MARK_BAR && c->mark != EV_MARK_HBAR) {
    ev_ck_push_key(c, "complete");
    return ev_ck_fail(c, EV_ERR_SHAPE,
                      "complete categories need a bar or hbar (mark is '%s')",
                      ev_ck_marks[c->mark]);
  }
  return check_choices(c, x);
}

static int check_y_keys(ev_ck *c, const cJSON *y) {
  int rc, k, flag;
  const cJSON *f = ev_ck_opt(y, "format"), *fixed = ev_ck_opt(y, "fixed");
  if (f) {
    size_t s = ev_ck_push_key(c, "format");
    if ((rc = ev_ck_name(c, f, "format", ev_ck_formats,
                         EV_COUNT_OF(ev_ck_formats), &k)))
      return rc;
    if (ev_ck_opt(y, "unit"))
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "give 'format' or 'unit', not both (a format writes "
                        "its own unit)");
    ev_ck_pop(c, s);
  }
  if (fixed) {
    size_t s = ev_ck_push_key(c, "fixed");
    if (!cJSON_IsArray(fixed) || cJSON_GetArraySize(fixed) != 2)
      return ev_ck_fail(c, EV_ERR_SHAPE, "expected [lo, hi]");
    int i = 0;
    for (const cJSON *e = fixed->child; e; e = e->next, i++) {
      size_t s2 = ev_ck_push_index(c, i);
      if ((rc = ev_ck_number(c, e))) return rc;
      ev_ck_pop(c, s2);
    }
    double lo = fixed->child->valuedouble, hi = fixed->child->next->valuedouble;
    if (!(lo < hi)) {
      char a[EV_FMT_DOUBLE_BYTES], b[EV_FMT_DOUBLE_BYTES];
      return ev_ck_fail(c, EV_ERR_SHAPE, "lo %s is not below hi %s",
                        ev_fmt_double(a, lo), ev_fmt_double(b, hi));
    }
    ev_ck_pop(c, s);
  }
  if ((rc = ev_ck_opt_bool(c, y, "percent", &flag)) ||
      (rc = ev_ck_typed_column(c, y, "approximate", EV_COL_BOOL,
                               "'approximate'")) ||
      (rc = ev_ck_typed_column(c, y, "bound", EV_COL_STRING, "'bound'")) ||
      (rc = ev_ck_opt_bool(c, y, "counts", &flag)))
    return rc;
  if (flag && (c->mark != EV_MARK_HBAR || c->agg < 0))
    return ev_ck_shape(c, "counts",
                       "counts need an hbar with y.aggregate (the rows of "
                       "each bar are counted)");
  return EV_OK;
}

/* A style m for the value m->string of col: {colour?, dash?}. */
static int check_style(ev_ck *c, const cJSON *m, const ev_column *col) {
  int rc, dash;
  if ((rc = ev_ck_value_key(c, m->string, col, "style")) ||
      (rc = ev_ck_object(c, m, STYLE_KEYS, EV_COUNT_OF(STYLE_KEYS))) ||
      (rc = ev_ck_opt_bool(c, m, "dash", &dash)))
    return rc;
  const cJSON *k = ev_ck_opt(m, "colour");
  if (k && !(cJSON_IsString(k) && !strcmp(k->valuestring, "neutral")) &&
      !(cJSON_IsNumber(k) && k->valuedouble >= 0 && k->valuedouble <= 7 &&
        k->valuedouble == (double)(int)k->valuedouble))
    return ev_ck_shape(c, "colour",
                       "expected a palette colour 0 to 7 or \"neutral\"");
  return EV_OK;
}

/* `styles` of obj (series, or a map colour): {"<value of col as text>":
 * {colour?, dash?}}. The path is at obj. */
static int check_styles(ev_ck *c, const cJSON *obj, const ev_column *col) {
  return ev_ck_entries(c, obj, "styles", EV_CHART_MAX_SERIES_VALUES, "styles",
                       check_style, col);
}

/* map.colour[i] at e. Its id (the reader's choice in state and URL) is
 * `id` when given (an option id: ev_ck_id), else the column's name; ids[0..i-1]
 * are the earlier entries', and no two entries may share one. An `id` equal to
 * the entry's own column is that default written out (the normal form), and is
 * accepted whatever the column's name. */
static int check_colour(ev_ck *c, const cJSON *e, const char **ids, int i) {
  EV_CK_QBUF;
  int rc = ev_ck_object(c, e, COLOUR_KEYS, EV_COUNT_OF(COLOUR_KEYS)), split;
  if (rc) return rc;
  const ev_column *col;
  if ((rc = ev_ck_column(c, e, "column", "the column to colour by", &col)))
    return rc;
  if (col->type != EV_COL_STRING && col->type != EV_COL_BOOL) {
    ev_ck_push_key(c, "column");
    return ev_ck_fail(c, EV_ERR_TYPE,
                      "colour needs a string or boolean column; '%s' is %s",
                      ev_ck_quote(qa, col->name), ev_col_type_name(col->type));
  }
  const cJSON *id = ev_ck_opt(e, "id");
  int own = id && cJSON_IsString(id) && strcmp(id->valuestring, col->name) == 0;
  if (id && !own) {
    size_t s = ev_ck_push_key(c, "id");
    if ((rc = ev_ck_id(c, id, "an id", EV_CK_ID_SIZE_IN_SYNTAX, ids, i,
                       "colour")))
      return rc;
    ids[i] = id->valuestring;
    ev_ck_pop(c, s);
  } else {
    int j = ev_chart_find(col->name, ids, i);
    if (j >= 0) {
      ev_ck_push_key(c, own ? "id" : "column");
      return ev_ck_fail(c, EV_ERR_SHAPE,
                        "'%s' is the id of colour[%d] too (give this entry "
                        "an 'id')",
                        ev_ck_quote(qa, col->name), j);
    }
    ids[i] = col->name;
  }
  if ((rc = ev_ck_member(c, e, "label", "Text", ev_ck_text)) ||
      (rc = ev_ck_kind(c, e, "names")) ||
      (rc = ev_ck_opt_bool(c, e, "split", &split)))
    return rc;
  return check_styles(c, e, col);
}

static int check_zoom(ev_ck *c, const cJSON *e, const char **ids, int i) {
  int rc = ev_ck_object(c, e, ZOOM_KEYS, EV_COUNT_OF(ZOOM_KEYS));
  if (rc) return rc;
  const cJSON *id = ev_ck_get(e, "id"), *box = ev_ck_get(e, "box");
  if (!id) return ev_ck_missing(c, "id", "the zoom's id");
  size_t s = ev_ck_push_key(c, "id");
  if ((rc = ev_ck_id(c, id, "an id", EV_CK_ID_SIZE_IN_SYNTAX, ids, i, "zooms")))
    return rc;
  ids[i] = id->valuestring;
  ev_ck_pop(c, s);
  if ((rc = ev_ck_member(c, e, "label", "Text", ev_ck_text))) return rc;
  if (!box) return ev_ck_missing(c, "box", "[lon0, lat0, lon1, lat1]");
  s = ev_ck_push_key(c, "box");
  if (!cJSON_IsArray(box) || cJSON_GetArraySize(box) != 4)
    return ev_ck_fail(c, EV_ERR_SHAPE, "expected [lon0, lat0, lon1, lat1]");
  double b[4];
  int k = 0;
  for (const cJSON *x = box->child; x; x = x->next, k++) {
    size_t s2 = ev_ck_push_index(c, k);
    if ((rc = ev_ck_number(c, x))) return rc;
    b[k] = x->valuedouble;
    double lim = k % 2 ? 90 : 180;
    if (b[k] < -lim || b[k] > lim) {
      char a[EV_FMT_DOUBLE_BYTES];
      return ev_ck_fail(c, EV_ERR_SHAPE, "%s %s is outside -%g to %g",
                        k % 2 ? "latitude" : "longitude",
                        ev_fmt_double(a, b[k]), lim, lim);
    }
    ev_ck_pop(c, s2);
  }
  if (!(b[0] < b[2]) || !(b[1] < b[3]))
    return ev_ck_fail(
        c, EV_ERR_SHAPE, "%s",
        !(b[0] < b[2]) ? "lon0 must be below lon1" : "lat0 must be below lat1");
  ev_ck_pop(c, s);
  return EV_OK;
}

/* map's optional list `key` of options (map.colour, map.zooms): 0 to max
 * entries (counted as `what`), each through fn with the ids of the entries
 * before it (fn keeps the entry's id in ids[i]). The path is at map. */
static int option_list(ev_ck *c, const cJSON *map, const char *key, int max,
                       const char *what,
                       int (*fn)(ev_ck *, const cJSON *, const char **, int)) {
  const cJSON *v = ev_ck_opt(map, key);
  if (!v) return EV_OK;
  const char *ids[EV_CHART_MAX_COLOURS > EV_CHART_MAX_ZOOMS
                      ? EV_CHART_MAX_COLOURS
                      : EV_CHART_MAX_ZOOMS];
  size_t s = ev_ck_push_key(c, key);
  int rc = ev_ck_array(c, v, 0, max, what), i = 0;
  if (rc) return rc;
  for (const cJSON *e = v->child; e; e = e->next, i++) {
    size_t s2 = ev_ck_push_index(c, i);
    if ((rc = fn(c, e, ids, i))) return rc;
    ev_ck_pop(c, s2);
  }
  ev_ck_pop(c, s);
  return EV_OK;
}

static int check_map_keys(ev_ck *c, const cJSON *map) {
  int rc, flag;
  if ((rc = option_list(c, map, "colour", EV_CHART_MAX_COLOURS, "colours",
                        check_colour)) ||
      (rc = option_list(c, map, "zooms", EV_CHART_MAX_ZOOMS, "zooms",
                        check_zoom)) ||
      (rc = ev_ck_opt_bool(c, map, "projections", &flag)))
    return rc;
  return ev_ck_kind(c, map, "names");
}

int ev_ck_axis_keys(ev_ck *c, const cJSON *chart) {
  const cJSON *x = ev_ck_opt(chart, "x"), *y = ev_ck_get(chart, "y"),
              *series = ev_ck_opt(chart, "series"),
              *trend = ev_ck_opt(chart, "trend"),
              *map = ev_ck_opt(chart, "map");
  int rc, flag;
  size_t s;
  if (x && c->mark != EV_MARK_MAP && (rc = ev_ck_at(c, "x", x, check_x_keys)))
    return rc;
  if ((rc = ev_ck_at(c, "y", y, check_y_keys))) return rc;
  if (series) {
    s = ev_ck_push_key(c, "series");
    if ((rc = ev_ck_opt_text(c, series, "label")) ||
        (rc = ev_ck_kind(c, series, "names")) ||
        (rc = check_styles(c, series, c->key_cols[1])) ||
        (rc = ev_ck_value_list(c, series, "sparse", c->key_cols[1])))
      return rc;
    ev_ck_pop(c, s);
  }
  if (trend) {
    s = ev_ck_push_key(c, "trend");
    if ((rc = ev_ck_opt_bool(c, trend, "control", &flag)) ||
        (rc = ev_ck_value_list(c, trend, "series", c->key_cols[1])))
      return rc;
    ev_ck_pop(c, s);
  }
  if (map && c->mark == EV_MARK_MAP)
    return ev_ck_at(c, "map", map, check_map_keys);
  return EV_OK;
}
