/* topojson.c — TopoJSON object to rings (see topojson.h). */
#include "topojson.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_doc.h"
#include "status.h"

typedef struct {
  int32_t count;
  double *x, *y; /* decoded positions, degrees */
} arc_t;

typedef struct {
  ev_shapes *s;
  int32_t point_cap, ring_cap, geometry_cap;
  const arc_t *arcs;
  int32_t arc_count;
  const char *object;
  int32_t geometry; /* 1-based position, for messages */
} builder;

static int grow(void **p, int32_t *cap, int32_t need, size_t size) {
  if (need <= *cap) return EV_OK;
  int32_t c = *cap ? *cap : 64;
  while (c < need) c *= 2;
  void *q = realloc(*p, (size_t)c * size);
  if (!q) return ev_error_set(EV_ERR_NOMEM, "out of memory decoding TopoJSON");
  *p = q;
  *cap = c;
  return EV_OK;
}

void ev_shapes_free(ev_shapes *s) {
  if (!s) return;
  for (int32_t i = 0; i < s->geometry_count; i++) {
    free(s->geometry_id[i]);
    free(s->geometry_name[i]);
  }
  free(s->lon), free(s->lat), free(s->ring_start), free(s->ring_hole);
  free(s->ring_closed), free(s->geometry_start), free(s->geometry_id);
  free(s->geometry_name);
  free(s);
}

static void free_arcs(arc_t *arcs, int32_t n) {
  for (int32_t i = 0; i < n; i++) free(arcs[i].x), free(arcs[i].y);
  free(arcs);
}

static int number_pair(const cJSON *v, double *a, double *b) {
  if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) < 2) return 0;
  const cJSON *p = v->child, *q = p->next;
  if (!cJSON_IsNumber(p) || !cJSON_IsNumber(q)) return 0;
  *a = p->valuedouble;
  *b = q->valuedouble;
  return 1;
}

/* Decodes "arcs", undoing the delta encoding and quantization. */
static int decode_arcs(const cJSON *root, arc_t **out, int32_t *out_count) {
  const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "transform");
  double sx = 1, sy = 1, tx = 0, ty = 0;
  int quantized = t != NULL;
  if (quantized &&
      (!number_pair(cJSON_GetObjectItemCaseSensitive(t, "scale"), &sx, &sy) ||
       !number_pair(cJSON_GetObjectItemCaseSensitive(t, "translate"), &tx,
                    &ty)))
    return ev_error_set(EV_ERR_SHAPE,
                        "TopoJSON: \"transform\" needs \"scale\" and "
                        "\"translate\" as pairs of numbers");
  const cJSON *arcs = cJSON_GetObjectItemCaseSensitive(root, "arcs");
  if (!cJSON_IsArray(arcs))
    return ev_error_set(EV_ERR_SHAPE, "TopoJSON: no \"arcs\" array");
  int32_t n = cJSON_GetArraySize(arcs), i = 0, total = 0;
  arc_t *list = calloc(n ? (size_t)n : 1, sizeof *list);
  if (!list) return ev_error_set(EV_ERR_NOMEM, "out of memory decoding TopoJSON");
  for (const cJSON *a = arcs->child; a; a = a->next, i++) {
    int32_t m = cJSON_IsArray(a) ? cJSON_GetArraySize(a) : -1;
    if (m < 2) {
      free_arcs(list, n);
      return ev_error_set(EV_ERR_SHAPE,
                          "TopoJSON: arc %d must be an array of at least two "
                          "positions",
                          (int)i);
    }
    if ((total += m) > EV_TOPOJSON_MAX_POINTS) {
      free_arcs(list, n);
      return ev_error_set(EV_ERR_LIMIT,
                          "TopoJSON: more than %d arc positions (limit)",
                          EV_TOPOJSON_MAX_POINTS);
    }
    list[i].x = malloc((size_t)m * sizeof(double));
    list[i].y = malloc((size_t)m * sizeof(double));
    if (!list[i].x || !list[i].y) {
      free_arcs(list, n);
      return ev_error_set(EV_ERR_NOMEM, "out of memory decoding TopoJSON");
    }
    list[i].count = m;
    double qx = 0, qy = 0;
    int32_t j = 0;
    for (const cJSON *p = a->child; p; p = p->next, j++) {
      double x, y;
      if (!number_pair(p, &x, &y)) {
        free_arcs(list, n);
        return ev_error_set(EV_ERR_SHAPE,
                            "TopoJSON: arc %d position %d is not a pair of "
                            "numbers",
                            (int)i, (int)j);
      }
      if (quantized) {
        qx += x;
        qy += y;
        x = qx * sx + tx;
        y = qy * sy + ty;
      }
      if (!isfinite(x) || !isfinite(y)) {
        free_arcs(list, n);
        return ev_error_set(EV_ERR_RANGE,
                            "TopoJSON: arc %d position %d is not finite",
                            (int)i, (int)j);
      }
      list[i].x[j] = x;
      list[i].y[j] = y;
    }
  }
  *out = list;
  *out_count = n;
  return EV_OK;
}

static int push_point(builder *b, double x, double y) {
  ev_shapes *s = b->s;
  int32_t cap = b->point_cap;
  if (grow((void **)&s->lon, &cap, s->point_count + 1, sizeof(double)) ||
      grow((void **)&s->lat, &b->point_cap, s->point_count + 1,
           sizeof(double)))
    return EV_ERR_NOMEM;
  s->lon[s->point_count] = x;
  s->lat[s->point_count] = y;
  s->point_count++;
  return EV_OK;
}

/* Appends one ring or line made of the arc indices in list. */
static int push_ring(builder *b, const cJSON *list, int hole, int closed) {
  ev_shapes *s = b->s;
  if (!cJSON_IsArray(list) || !list->child)
    return ev_error_set(EV_ERR_SHAPE,
                        "TopoJSON object '%s' geometry %d: a ring or line "
                        "must be a non-empty array of arc indices",
                        b->object, (int)b->geometry);
  int32_t cap = b->ring_cap;
  if (grow((void **)&s->ring_start, &cap, s->ring_count + 2, sizeof(int32_t)))
    return EV_ERR_NOMEM;
  cap = b->ring_cap;
  if (grow((void **)&s->ring_hole, &cap, s->ring_count + 2, 1)) return EV_ERR_NOMEM;
  if (grow((void **)&s->ring_closed, &b->ring_cap, s->ring_count + 2, 1))
    return EV_ERR_NOMEM;
  s->ring_start[s->ring_count] = s->point_count;
  int first = 1;
  for (const cJSON *e = list->child; e; e = e->next) {
    if (!cJSON_IsNumber(e) || e->valuedouble != floor(e->valuedouble))
      return ev_error_set(EV_ERR_SHAPE,
                          "TopoJSON object '%s' geometry %d: arc references "
                          "must be integers",
                          b->object, (int)b->geometry);
    double v = e->valuedouble;
    double index = v < 0 ? -v - 1 : v;
    if (index >= b->arc_count)
      return ev_error_set(EV_ERR_SHAPE,
                          "TopoJSON object '%s' geometry %d refers to arc %.0f, "
                          "but there are %d arcs",
                          b->object, (int)b->geometry, v, (int)b->arc_count);
    const arc_t *a = &b->arcs[(int32_t)index];
    for (int32_t k = first ? 0 : 1; k < a->count; k++) {
      int32_t at = v < 0 ? a->count - 1 - k : k;
      if (push_point(b, a->x[at], a->y[at])) return EV_ERR_NOMEM;
    }
    first = 0;
  }
  s->ring_hole[s->ring_count] = (uint8_t)hole;
  s->ring_closed[s->ring_count] = (uint8_t)closed;
  s->ring_count++;
  s->ring_start[s->ring_count] = s->point_count;
  return EV_OK;
}

static int push_polygon(builder *b, const cJSON *rings) {
  if (!cJSON_IsArray(rings))
    return ev_error_set(EV_ERR_SHAPE,
                        "TopoJSON object '%s' geometry %d: a polygon must be "
                        "an array of rings",
                        b->object, (int)b->geometry);
  int hole = 0;
  for (const cJSON *r = rings->child; r; r = r->next, hole = 1)
    if (push_ring(b, r, hole, 1)) return ev_error_status();
  return EV_OK;
}

static char *copy_text(const cJSON *v) {
  char buf[32];
  const char *src = "";
  if (cJSON_IsString(v)) src = v->valuestring;
  else if (cJSON_IsNumber(v)) {
    snprintf(buf, sizeof buf, "%.17g", v->valuedouble);
    src = buf;
  }
  size_t n = strlen(src);
  char *c = malloc(n + 1);
  if (c) memcpy(c, src, n + 1);
  return c;
}

static int push_geometry(builder *b, const cJSON *g) {
  ev_shapes *s = b->s;
  b->geometry++;
  const cJSON *type = cJSON_GetObjectItemCaseSensitive(g, "type");
  if (!cJSON_IsObject(g) || !(cJSON_IsString(type) || cJSON_IsNull(type)))
    return ev_error_set(EV_ERR_SHAPE,
                        "TopoJSON object '%s' geometry %d: a geometry needs a "
                        "\"type\"",
                        b->object, (int)b->geometry);
  const char *t = cJSON_IsString(type) ? type->valuestring : NULL;
  if (t && strcmp(t, "GeometryCollection") == 0) {
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(g, "geometries");
    if (!cJSON_IsArray(list))
      return ev_error_set(EV_ERR_SHAPE,
                          "TopoJSON object '%s': a GeometryCollection needs "
                          "\"geometries\"",
                          b->object);
    b->geometry--; /* a collection is not itself a geometry */
    for (const cJSON *c = list->child; c; c = c->next)
      if (push_geometry(b, c)) return ev_error_status();
    return EV_OK;
  }
  int32_t cap = b->geometry_cap;
  if (grow((void **)&s->geometry_start, &cap, s->geometry_count + 2,
           sizeof(int32_t)))
    return EV_ERR_NOMEM;
  cap = b->geometry_cap;
  if (grow((void **)&s->geometry_id, &cap, s->geometry_count + 2, sizeof(char *)))
    return EV_ERR_NOMEM;
  if (grow((void **)&s->geometry_name, &b->geometry_cap, s->geometry_count + 2,
           sizeof(char *)))
    return EV_ERR_NOMEM;
  int32_t gi = s->geometry_count;
  s->geometry_start[gi] = s->ring_count;
  const cJSON *props = cJSON_GetObjectItemCaseSensitive(g, "properties");
  s->geometry_id[gi] = copy_text(cJSON_GetObjectItemCaseSensitive(g, "id"));
  s->geometry_name[gi] =
      copy_text(cJSON_IsObject(props)
                    ? cJSON_GetObjectItemCaseSensitive(props, "name")
                    : NULL);
  s->geometry_count++;
  s->geometry_start[s->geometry_count] = s->ring_count;
  if (!s->geometry_id[gi] || !s->geometry_name[gi])
    return ev_error_set(EV_ERR_NOMEM, "out of memory decoding TopoJSON");
  const cJSON *arcs = cJSON_GetObjectItemCaseSensitive(g, "arcs");
  int rc = EV_OK;
  if (!t) {
    rc = EV_OK; /* a null geometry has no rings */
  } else if (strcmp(t, "Polygon") == 0) {
    rc = push_polygon(b, arcs);
  } else if (strcmp(t, "MultiPolygon") == 0) {
    if (!cJSON_IsArray(arcs))
      return ev_error_set(EV_ERR_SHAPE,
                          "TopoJSON object '%s' geometry %d: a MultiPolygon "
                          "needs \"arcs\"",
                          b->object, (int)b->geometry);
    for (const cJSON *p = arcs->child; p && rc == EV_OK; p = p->next)
      rc = push_polygon(b, p);
  } else if (strcmp(t, "LineString") == 0) {
    rc = push_ring(b, arcs, 0, 0);
  } else if (strcmp(t, "MultiLineString") == 0) {
    if (!cJSON_IsArray(arcs))
      return ev_error_set(EV_ERR_SHAPE,
                          "TopoJSON object '%s' geometry %d: a "
                          "MultiLineString needs \"arcs\"",
                          b->object, (int)b->geometry);
    for (const cJSON *l = arcs->child; l && rc == EV_OK; l = l->next)
      rc = push_ring(b, l, 0, 0);
  } else {
    return ev_error_set(EV_ERR_SHAPE,
                        "TopoJSON object '%s' geometry %d: unsupported type "
                        "'%.40s'",
                        b->object, (int)b->geometry, t);
  }
  if (rc) return ev_error_status();
  s->geometry_start[s->geometry_count] = s->ring_count;
  return EV_OK;
}

/* Lists the object names for an error message. */
static void object_names(const cJSON *objects, char *buf, size_t cap) {
  size_t used = 0;
  buf[0] = '\0';
  for (const cJSON *o = objects ? objects->child : NULL; o && used < cap;
       o = o->next) {
    int n = snprintf(buf + used, cap - used, "%s'%.40s'", used ? ", " : "",
                     o->string);
    if (n < 0) break;
    used += (size_t)n;
  }
  if (!buf[0]) snprintf(buf, cap, "none");
}

int ev_topojson_decode(const char *buf, size_t len, const char *object,
                       ev_shapes **out) {
  if (!out || !object) return ev_error_set(EV_ERR_ARG, "TopoJSON: bad arguments");
  *out = NULL;
  cJSON *root = ev_json_parse(buf, len);
  if (!root) return ev_error_status();
  const cJSON *type = cJSON_GetObjectItemCaseSensitive(root, "type");
  const cJSON *objects = cJSON_GetObjectItemCaseSensitive(root, "objects");
  const cJSON *obj = cJSON_IsObject(objects)
                         ? cJSON_GetObjectItemCaseSensitive(objects, object)
                         : NULL;
  int rc = EV_OK;
  arc_t *arcs = NULL;
  int32_t arc_count = 0;
  ev_shapes *s = NULL;
  if (!cJSON_IsString(type) || strcmp(type->valuestring, "Topology") != 0) {
    rc = ev_error_set(EV_ERR_SHAPE,
                      "TopoJSON: the document is not a Topology (\"type\" "
                      "must be \"Topology\")");
  } else if (!obj) {
    char names[256];
    object_names(cJSON_IsObject(objects) ? objects : NULL, names, sizeof names);
    rc = ev_error_set(EV_ERR_SHAPE,
                      "TopoJSON: no object '%.80s' (objects: %s)", object,
                      names);
  } else if ((rc = decode_arcs(root, &arcs, &arc_count)) == EV_OK) {
    s = calloc(1, sizeof *s);
    if (!s) {
      rc = ev_error_set(EV_ERR_NOMEM, "out of memory decoding TopoJSON");
    } else {
      builder b = {s, 0, 0, 0, arcs, arc_count, object, 0};
      rc = push_geometry(&b, obj);
      if (rc == EV_OK && !s->ring_start) {
        /* no rings at all: keep the arrays valid (ring_start[0] = 0) */
        int32_t cap = 0;
        rc = grow((void **)&s->ring_start, &cap, 1, sizeof(int32_t));
        if (rc == EV_OK) s->ring_start[0] = 0;
      }
      if (rc == EV_OK && !s->geometry_start) {
        int32_t cap = 0;
        rc = grow((void **)&s->geometry_start, &cap, 1, sizeof(int32_t));
        if (rc == EV_OK) s->geometry_start[0] = 0;
      }
    }
  }
  free_arcs(arcs, arc_count);
  cJSON_Delete(root);
  if (rc != EV_OK) {
    ev_shapes_free(s);
    return rc < 0 ? rc : ev_error_status();
  }
  *out = s;
  return EV_OK;
}
