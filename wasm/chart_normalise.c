/* chart_normalise.c — a checked description made normalised, in place
 * (see chart_normalise.h). */
#include "chart_normalise.h"

#include "status.h"

static int nomem(void) { return ev_error_set(EV_ERR_NOMEM, "out of memory"); }

/* A Text node that is a string becomes {"<default locale>": string}, in
 * place (the node keeps its key and place in its parent). */
static int text_to_object(ev_ck *c, cJSON *v) {
  if (!v || !cJSON_IsString(v)) return EV_OK;
  cJSON *tmp = cJSON_CreateObject();
  if (!tmp || !cJSON_AddStringToObject(tmp, c->locales[0], v->valuestring)) {
    cJSON_Delete(tmp);
    return nomem();
  }
  cJSON_free(v->valuestring);
  v->valuestring = NULL;
  v->type = cJSON_Object | (v->type & cJSON_StringIsConst);
  v->child = tmp->child;
  tmp->child = NULL;
  cJSON_Delete(tmp);
  return EV_OK;
}

/* Adds key: null / [] / {} / "s" / n to obj when absent; normalises the
 * Text at key when present (text != 0). */
enum { D_NULL, D_ARRAY, D_OBJECT, D_STRING, D_NUMBER, D_TEXT };
static int fill(ev_ck *c, cJSON *obj, const char *key, int kind, const char *s,
                double n) {
  cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (v && cJSON_IsNull(v) && kind != D_NULL && kind != D_TEXT) {
    /* null is the same as absent: the default, in place */
    switch (kind) {
      case D_ARRAY:
        v->type = cJSON_Array;
        break;
      case D_OBJECT:
        v->type = cJSON_Object;
        break;
      case D_NUMBER:
        v->type = cJSON_Number;
        cJSON_SetNumberValue(v, n);
        break;
      case D_STRING: {
        cJSON *t = cJSON_CreateString(s);
        if (!t) return nomem();
        v->type = cJSON_String;
        v->valuestring = t->valuestring;
        t->valuestring = NULL;
        cJSON_Delete(t);
        break;
      }
    }
    return EV_OK;
  }
  if (v) return kind == D_TEXT ? text_to_object(c, v) : EV_OK;
  cJSON *made = NULL;
  switch (kind) {
    case D_NULL:
    case D_TEXT:
      made = cJSON_AddNullToObject(obj, key);
      break;
    case D_ARRAY:
      made = cJSON_AddArrayToObject(obj, key);
      break;
    case D_OBJECT:
      made = cJSON_AddObjectToObject(obj, key);
      break;
    case D_STRING:
      made = cJSON_AddStringToObject(obj, key, s);
      break;
    case D_NUMBER:
      made = cJSON_AddNumberToObject(obj, key, n);
      break;
  }
  return made ? EV_OK : nomem();
}

/* An optional boolean key: false when absent or null. */
static int fill_bool(ev_ck *c, cJSON *obj, const char *key) {
  cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (v && cJSON_IsNull(v)) {
    v->type = cJSON_False; /* null is the same as absent, in place */
    return EV_OK;
  }
  if (v) return EV_OK;
  return cJSON_AddFalseToObject(obj, key) ? EV_OK : nomem();
}

#define FILL(obj, key, kind) fill(c, (obj), (key), (kind), NULL, 0)

/* Each element of the list at obj.key through fn. */
static int each(ev_ck *c, cJSON *obj, const char *key,
                int (*fn)(ev_ck *, cJSON *)) {
  cJSON *e;
  int rc;
  cJSON_ArrayForEach(e, ev_ck_get(obj, key)) {
    if ((rc = fn(c, e))) return rc;
  }
  return EV_OK;
}

static int text_entry(ev_ck *c, cJSON *e) { return text_to_object(c, e); }

static int table_ref(ev_ck *c, cJSON *v) {
  int rc;
  if ((rc = FILL(v, "filters", D_ARRAY)) ||
      (rc = FILL(v, "approximate", D_NULL)) ||
      (rc = FILL(v, "bound", D_NULL)) || (rc = FILL(v, "source", D_NULL)))
    return rc;
  return EV_OK;
}

static int value_ref(ev_ck *c, cJSON *v) {
  int rc;
  if (ev_ck_get(v, "table")) return table_ref(c, v);
  if ((rc = FILL(v, "panel", D_NULL)) || (rc = FILL(v, "series", D_NULL)) ||
      (rc = fill(c, v, "of", D_STRING, "y", 0)))
    return rc;
  return EV_OK;
}

static int labelled(ev_ck *c, cJSON *e) { /* x.choices, map.colour */
  int rc;
  if ((rc = FILL(e, "label", D_TEXT)) || (rc = FILL(e, "names", D_NULL)))
    return rc;
  return EV_OK;
}

static int style(ev_ck *c, cJSON *e);

static int colour(ev_ck *c, cJSON *e) { /* id: the column by default */
  int rc;
  const cJSON *col = cJSON_GetObjectItemCaseSensitive(e, "column");
  if ((rc = fill(c, e, "id", D_STRING, cJSON_GetStringValue(col), 0)) ||
      (rc = labelled(c, e)) || (rc = fill_bool(c, e, "split")) ||
      (rc = FILL(e, "styles", D_OBJECT)))
    return rc;
  cJSON *m;
  cJSON_ArrayForEach(m, ev_ck_get(e, "styles")) {
    if ((rc = style(c, m))) return rc;
  }
  return EV_OK;
}

static int zoom(ev_ck *c, cJSON *e) { return FILL(e, "label", D_TEXT); }

static int annotation(ev_ck *c, cJSON *e) {
  int rc;
  if ((rc = FILL(e, "y", D_NULL)) || (rc = FILL(e, "text", D_TEXT)) ||
      (rc = FILL(e, "series", D_NULL)))
    return rc;
  cJSON *x = ev_ck_get(e, "x");
  return cJSON_IsObject(x) ? table_ref(c, x) : EV_OK;
}

static int reference(ev_ck *c, cJSON *e) {
  int rc;
  if ((rc = FILL(e, "category", D_TEXT)) || (rc = FILL(e, "series", D_NULL)) ||
      (rc = table_ref(c, ev_ck_get(e, "value"))) ||
      (rc = FILL(e, "qualifier", D_TEXT)))
    return rc;
  return EV_OK;
}

static int detail_column(ev_ck *c, cJSON *e) {
  int rc;
  if ((rc = FILL(e, "label", D_TEXT)) || (rc = FILL(e, "names", D_NULL)) ||
      (rc = FILL(e, "format", D_NULL)))
    return rc;
  return EV_OK;
}

static int detail_sort(ev_ck *c, cJSON *e) { return fill_bool(c, e, "desc"); }

static int style(ev_ck *c, cJSON *e) {
  int rc;
  if ((rc = FILL(e, "colour", D_NULL)) || (rc = fill_bool(c, e, "dash")))
    return rc;
  return EV_OK;
}

static int option(ev_ck *c, cJSON *e) {
  int rc;
  if ((rc = FILL(e, "label", D_TEXT)) || (rc = FILL(e, "notes", D_ARRAY)) ||
      (rc = each(c, e, "notes", text_entry)))
    return rc;
  return EV_OK;
}

static int finding(ev_ck *c, cJSON *e) {
  int rc;
  if ((rc = FILL(e, "mode", D_NULL)) || (rc = FILL(e, "text", D_TEXT)) ||
      (rc = FILL(e, "values", D_OBJECT)))
    return rc;
  cJSON *m;
  cJSON_ArrayForEach(m, ev_ck_get(e, "values")) {
    if ((rc = value_ref(c, m))) return rc;
  }
  return EV_OK;
}

static int names_entry(ev_ck *c, cJSON *e) {
  int rc;
  if ((rc = FILL(e, "kind", D_NULL)) || (rc = FILL(e, "kind_column", D_NULL)))
    return rc;
  return EV_OK;
}

/* The story keys of a chart (a one-chart view or a panel), after its
 * other keys are filled. */
static int chart_keys(ev_ck *c, cJSON *v) {
  int rc;
  cJSON *x = ev_ck_get(v, "x"), *y = ev_ck_get(v, "y"),
        *series = ev_ck_get(v, "series"), *trend = ev_ck_get(v, "trend"),
        *map = ev_ck_get(v, "map");
  if (cJSON_IsObject(x) &&
      ((rc = FILL(x, "names", D_NULL)) || (rc = fill_bool(c, x, "complete")) ||
       (rc = FILL(x, "choices", D_ARRAY)) ||
       (rc = each(c, x, "choices", labelled))))
    return rc;
  if ((rc = FILL(y, "format", D_NULL)) || (rc = FILL(y, "fixed", D_NULL)) ||
      (rc = fill_bool(c, y, "percent")) ||
      (rc = FILL(y, "approximate", D_NULL)) ||
      (rc = FILL(y, "bound", D_NULL)) || (rc = fill_bool(c, y, "counts")))
    return rc;
  if (cJSON_IsObject(series)) {
    if ((rc = FILL(series, "label", D_TEXT)) ||
        (rc = FILL(series, "names", D_NULL)) ||
        (rc = FILL(series, "styles", D_OBJECT)) ||
        (rc = FILL(series, "sparse", D_ARRAY)))
      return rc;
    cJSON *e;
    cJSON_ArrayForEach(e, ev_ck_get(series, "styles")) {
      if ((rc = style(c, e))) return rc;
    }
  }
  if (cJSON_IsObject(trend) && ((rc = fill_bool(c, trend, "control")) ||
                                (rc = FILL(trend, "series", D_ARRAY)) ||
                                (rc = FILL(trend, "method", D_NULL)) ||
                                (rc = FILL(trend, "horizon", D_NULL))))
    return rc;
  if (cJSON_IsObject(map) && ((rc = FILL(map, "colour", D_ARRAY)) ||
                              (rc = each(c, map, "colour", colour)) ||
                              (rc = FILL(map, "zooms", D_ARRAY)) ||
                              (rc = each(c, map, "zooms", zoom)) ||
                              (rc = fill_bool(c, map, "projections")) ||
                              (rc = FILL(map, "names", D_NULL))))
    return rc;
  if ((rc = each(c, v, "annotations", annotation)) ||
      (rc = FILL(v, "reference", D_ARRAY)) ||
      (rc = each(c, v, "reference", reference)) ||
      (rc = FILL(v, "source", D_NULL)) || (rc = FILL(v, "detail", D_NULL)) ||
      (rc = FILL(v, "sort", D_NULL)))
    return rc;
  cJSON *m;
  if (cJSON_IsObject(m = ev_ck_get(v, "source")) &&
      (rc = FILL(m, "also", D_NULL)))
    return rc;
  if (cJSON_IsObject(m = ev_ck_get(v, "detail")) &&
      ((rc = FILL(m, "filters", D_ARRAY)) ||
       (rc = each(c, m, "columns", detail_column)) ||
       (rc = FILL(m, "sort", D_ARRAY)) ||
       (rc = each(c, m, "sort", detail_sort))))
    return rc;
  if (cJSON_IsObject(m = ev_ck_get(v, "sort")) &&
      (rc = FILL(m, "label", D_TEXT)))
    return rc;
  return EV_OK;
}

/* The keys of a chart as before the story keys. */
static int chart_base(ev_ck *c, cJSON *v) {
  int rc;
  cJSON *x = ev_ck_get(v, "x"), *y = ev_ck_get(v, "y"),
        *series = ev_ck_get(v, "series"), *trend = ev_ck_get(v, "trend"),
        *map = ev_ck_get(v, "map"), *e;
  if (cJSON_IsObject(x) && (rc = fill(c, x, "label", D_TEXT, NULL, 0)))
    return rc;
  if ((rc = fill(c, y, "column", D_NULL, NULL, 0)) ||
      (rc = fill(c, y, "aggregate", D_NULL, NULL, 0)) ||
      (rc = fill(c, y, "label", D_TEXT, NULL, 0)) ||
      (rc = fill(c, y, "unit", D_TEXT, NULL, 0)) ||
      (rc = fill(c, y, "scale", D_STRING, "linear", 0)))
    return rc;
  if (cJSON_IsObject(series)) {
    if ((rc = fill(c, series, "labels", D_OBJECT, NULL, 0)) ||
        (rc = fill(c, series, "order", D_ARRAY, NULL, 0)))
      return rc;
    cJSON_ArrayForEach(e, ev_ck_get(series, "labels")) {
      if ((rc = text_to_object(c, e))) return rc;
    }
  }
  if (cJSON_IsObject(trend) &&
      (rc = fill(c, trend, "level", D_NUMBER, NULL, 0.95)))
    return rc;
  if (cJSON_IsObject(map) &&
      (rc = fill(c, map, "projection", D_STRING, "equal-earth", 0)))
    return rc;
  return EV_OK;
}

static int panel(ev_ck *c, cJSON *v) {
  int rc;
  if ((rc = FILL(v, "title", D_TEXT)) ||
      (rc = fill(c, v, "weight", D_NUMBER, NULL, 1)) ||
      (rc = FILL(v, "mode", D_NULL)) || (rc = FILL(v, "x", D_NULL)) ||
      (rc = FILL(v, "series", D_NULL)) || (rc = FILL(v, "filters", D_ARRAY)) ||
      (rc = FILL(v, "derive", D_ARRAY)) || (rc = FILL(v, "trend", D_NULL)) ||
      (rc = FILL(v, "map", D_NULL)) || (rc = FILL(v, "annotations", D_ARRAY)) ||
      (rc = chart_base(c, v)) || (rc = chart_keys(c, v)))
    return rc;
  return EV_OK;
}

static int normalise_view(ev_ck *c, cJSON *v) {
  int rc;
  const cJSON *panels = ev_ck_get(v, "panels");
  if (cJSON_IsArray(panels) && panels->child) {
    /* a view of panels: the view's keys, then each panel's */
    if ((rc = FILL(v, "title", D_TEXT)) || (rc = FILL(v, "tab", D_TEXT)) ||
        (rc = FILL(v, "subtitle", D_TEXT)) ||
        (rc = each(c, v, "panels", panel)))
      return rc;
  } else {
    if ((rc = fill(c, v, "title", D_TEXT, NULL, 0)) ||
        (rc = fill(c, v, "tab", D_TEXT, NULL, 0)) ||
        (rc = fill(c, v, "subtitle", D_TEXT, NULL, 0)) ||
        (rc = fill(c, v, "x", D_NULL, NULL, 0)) ||
        (rc = fill(c, v, "series", D_NULL, NULL, 0)) ||
        (rc = fill(c, v, "filters", D_ARRAY, NULL, 0)) ||
        (rc = fill(c, v, "derive", D_ARRAY, NULL, 0)) ||
        (rc = fill(c, v, "trend", D_NULL, NULL, 0)) ||
        (rc = fill(c, v, "map", D_NULL, NULL, 0)) ||
        (rc = fill(c, v, "annotations", D_ARRAY, NULL, 0)) ||
        (rc = fill(c, v, "notes", D_ARRAY, NULL, 0)) ||
        (rc = fill(c, v, "sources", D_ARRAY, NULL, 0)) ||
        (rc = chart_base(c, v)))
      return rc;
  }
  cJSON *e;
  cJSON_ArrayForEach(e, ev_ck_get(v, "annotations")) {
    if ((rc = fill(c, e, "y", D_NULL, NULL, 0)) ||
        (rc = fill(c, e, "text", D_TEXT, NULL, 0)))
      return rc;
  }
  if ((rc = FILL(v, "notes", D_ARRAY)) || (rc = FILL(v, "sources", D_ARRAY)))
    return rc;
  cJSON_ArrayForEach(e, ev_ck_get(v, "notes")) {
    if ((rc = text_to_object(c, e))) return rc;
  }
  cJSON_ArrayForEach(e, ev_ck_get(v, "sources")) {
    if ((rc = fill(c, e, "name", D_TEXT, NULL, 0)) ||
        (rc = fill(c, e, "url", D_NULL, NULL, 0)))
      return rc;
  }
  if (!(cJSON_IsArray(panels) && panels->child) && (rc = chart_keys(c, v)))
    return rc;
  cJSON *m;
  if ((rc = FILL(v, "panels", D_ARRAY)) ||
      (rc = fill(c, v, "layout", D_STRING, "side", 0)) ||
      (rc = FILL(v, "modes", D_NULL)) || (rc = FILL(v, "range", D_NULL)) ||
      (rc = FILL(v, "findings", D_ARRAY)) ||
      (rc = each(c, v, "findings", finding)))
    return rc;
  if (cJSON_IsObject(m = ev_ck_get(v, "modes")) &&
      ((rc = FILL(m, "label", D_TEXT)) || (rc = each(c, m, "options", option))))
    return rc;
  if (cJSON_IsObject(m = ev_ck_get(v, "range")) &&
      (rc = FILL(m, "label", D_TEXT)))
    return rc;
  return EV_OK;
}

int ev_ck_normalise(ev_ck *c, cJSON *root) {
  int rc;
  if ((rc = fill(c, root, "title", D_TEXT, NULL, 0)) ||
      (rc = fill(c, root, "dataset", D_NULL, NULL, 0)) ||
      (rc = FILL(root, "provenance", D_NULL)) ||
      (rc = FILL(root, "names", D_ARRAY)) ||
      (rc = each(c, root, "names", names_entry)))
    return rc;
  cJSON *v;
  cJSON_ArrayForEach(v, ev_ck_get(root, "views")) {
    if ((rc = normalise_view(c, v))) return rc;
  }
  return EV_OK;
}
