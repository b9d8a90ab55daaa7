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

static int normalise_view(ev_ck *c, cJSON *v) {
  int rc;
  if ((rc = fill(c, v, "title", D_TEXT, NULL, 0)) ||
      (rc = fill(c, v, "subtitle", D_TEXT, NULL, 0)) ||
      (rc = fill(c, v, "x", D_NULL, NULL, 0)) ||
      (rc = fill(c, v, "series", D_NULL, NULL, 0)) ||
      (rc = fill(c, v, "filters", D_ARRAY, NULL, 0)) ||
      (rc = fill(c, v, "derive", D_ARRAY, NULL, 0)) ||
      (rc = fill(c, v, "trend", D_NULL, NULL, 0)) ||
      (rc = fill(c, v, "map", D_NULL, NULL, 0)) ||
      (rc = fill(c, v, "annotations", D_ARRAY, NULL, 0)) ||
      (rc = fill(c, v, "notes", D_ARRAY, NULL, 0)) ||
      (rc = fill(c, v, "sources", D_ARRAY, NULL, 0)))
    return rc;
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
  cJSON_ArrayForEach(e, ev_ck_get(v, "annotations")) {
    if ((rc = fill(c, e, "y", D_NULL, NULL, 0)) ||
        (rc = fill(c, e, "text", D_TEXT, NULL, 0)))
      return rc;
  }
  cJSON_ArrayForEach(e, ev_ck_get(v, "notes")) {
    if ((rc = text_to_object(c, e))) return rc;
  }
  cJSON_ArrayForEach(e, ev_ck_get(v, "sources")) {
    if ((rc = fill(c, e, "name", D_TEXT, NULL, 0)) ||
        (rc = fill(c, e, "url", D_NULL, NULL, 0)))
      return rc;
  }
  return EV_OK;
}

int ev_ck_normalise(ev_ck *c, cJSON *root) {
  int rc;
  if ((rc = fill(c, root, "title", D_TEXT, NULL, 0)) ||
      (rc = fill(c, root, "dataset", D_NULL, NULL, 0)))
    return rc;
  cJSON *v;
  cJSON_ArrayForEach(v, ev_ck_get(root, "views")) {
    if ((rc = normalise_view(c, v))) return rc;
  }
  return EV_OK;
}
