/* geo.c — map projections and views (see geo.h). */
#include "geo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"

#define PI 3.14159265358979323846
#define HALF_PI (PI / 2)
#define DEG (PI / 180)

/* Equal Earth */
static const double EE_A1 = 1.340264, EE_A2 = -0.081106, EE_A3 = 0.000893,
                    EE_A4 = 0.003796;
#define EE_M 0.86602540378443864676 /* sqrt(3) / 2 */

static void equal_earth(double l, double p, double *x, double *y) {
  double t = asin(EE_M * sin(p)), t2 = t * t, t6 = t2 * t2 * t2;
  *x = l * cos(t) /
       (EE_M * (EE_A1 + 3 * EE_A2 * t2 + t6 * (7 * EE_A3 + 9 * EE_A4 * t2)));
  *y = t * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2));
}

static int equal_earth_inv(double x, double y, double *l, double *p) {
  double t = y, t2, t6;
  for (int i = 0; i < 20; i++) {
    t2 = t * t;
    t6 = t2 * t2 * t2;
    double f = t * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2)) - y;
    double df = EE_A1 + 3 * EE_A2 * t2 + t6 * (7 * EE_A3 + 9 * EE_A4 * t2);
    double d = f / df;
    t -= d;
    if (fabs(d) < 1e-15) break;
  }
  t2 = t * t;
  t6 = t2 * t2 * t2;
  double s = sin(t) / EE_M;
  if (!(fabs(s) <= 1 + 1e-12)) return 0;
  *l = EE_M * x * (EE_A1 + 3 * EE_A2 * t2 + t6 * (7 * EE_A3 + 9 * EE_A4 * t2)) /
       cos(t);
  *p = asin(s > 1 ? 1 : s < -1 ? -1 : s);
  return 1;
}

/* Natural Earth I (polynomial form) */
static void natural_earth(double l, double p, double *x, double *y) {
  double p2 = p * p, p4 = p2 * p2;
  *x = l * (0.8707 - 0.131979 * p2 +
            p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  *y = p * (1.007226 +
            p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
}

static int natural_earth_inv(double x, double y, double *l, double *p) {
  double phi = y;
  for (int i = 0; i < 25; i++) {
    double p2 = phi * phi, p4 = p2 * p2;
    double f = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 +
                                                        0.028874 * p2 -
                                                        0.005916 * p4))) -
               y;
    double df = 1.007226 +
                p2 * (3 * 0.015085 +
                      p4 * (7 * -0.044475 + 9 * 0.028874 * p2 -
                            11 * 0.005916 * p4));
    double d = f / df;
    phi -= d;
    if (fabs(d) < 1e-15) break;
  }
  if (!(fabs(phi) <= HALF_PI + 1e-9)) return 0;
  double p2 = phi * phi, p4 = p2 * p2;
  *l = x / (0.8707 - 0.131979 * p2 +
            p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  *p = phi;
  return 1;
}

static int check_proj(ev_projection p) {
  if (p < EV_PROJ_EQUAL_EARTH || p > EV_PROJ_EQUIRECTANGULAR)
    return ev_error_set(EV_ERR_ARG, "geo: unknown projection %d", (int)p);
  return EV_OK;
}

int ev_geo_project_raw(ev_projection p, double l, double phi, double *x,
                       double *y) {
  if (check_proj(p)) return EV_ERR_ARG;
  if (!isfinite(l) || !isfinite(phi))
    return ev_error_set(EV_ERR_ARG, "geo: coordinates must be finite");
  switch (p) {
    case EV_PROJ_EQUAL_EARTH: equal_earth(l, phi, x, y); break;
    case EV_PROJ_NATURAL_EARTH: natural_earth(l, phi, x, y); break;
    case EV_PROJ_MERCATOR: {
      double lim = EV_GEO_MERCATOR_MAX_LAT * DEG;
      double c = phi > lim ? lim : phi < -lim ? -lim : phi;
      *x = l;
      *y = log(tan((HALF_PI + c) / 2));
      break;
    }
    case EV_PROJ_EQUIRECTANGULAR: *x = l, *y = phi; break;
  }
  return EV_OK;
}

int ev_geo_invert_raw(ev_projection p, double x, double y, double *l,
                      double *phi) {
  if (check_proj(p)) return EV_ERR_ARG;
  if (!isfinite(x) || !isfinite(y))
    return ev_error_set(EV_ERR_ARG, "geo: coordinates must be finite");
  int ok = 1;
  switch (p) {
    case EV_PROJ_EQUAL_EARTH: ok = equal_earth_inv(x, y, l, phi); break;
    case EV_PROJ_NATURAL_EARTH: ok = natural_earth_inv(x, y, l, phi); break;
    case EV_PROJ_MERCATOR: *l = x, *phi = 2 * atan(exp(y)) - HALF_PI; break;
    case EV_PROJ_EQUIRECTANGULAR: *l = x, *phi = y; break;
  }
  if (!ok || !isfinite(*l) || !isfinite(*phi))
    return ev_error_set(EV_ERR_ARG, "geo: the point is outside the map");
  return EV_OK;
}

int ev_geo_fit(ev_projection p, double lon0, double lat0, double lon1,
               double lat1, double width, double height, double padding,
               ev_geo_view *out) {
  if (check_proj(p)) return EV_ERR_ARG;
  if (!(lon0 < lon1) || !(lat0 < lat1) || lon0 < -180 || lon1 > 180 ||
      lat0 < -90 || lat1 > 90)
    return ev_error_set(EV_ERR_ARG,
                        "geo: the box must have -180 <= lon0 < lon1 <= 180 and "
                        "-90 <= lat0 < lat1 <= 90");
  if (!(width > 0) || !(height > 0) || !(padding >= 0) ||
      !(2 * padding < width) || !(2 * padding < height) || !isfinite(width) ||
      !isfinite(height))
    return ev_error_set(EV_ERR_ARG,
                        "geo: the canvas must be larger than its padding");
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  const int steps = 64;
  for (int i = 0; i <= steps; i++) {
    for (int j = 0; j <= steps; j++) {
      double lon = lon0 + (lon1 - lon0) * i / steps;
      double lat = lat0 + (lat1 - lat0) * j / steps;
      double x, y;
      ev_geo_project_raw(p, lon * DEG, lat * DEG, &x, &y);
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  double w = width - 2 * padding, h = height - 2 * padding;
  double k = fmin(w / (x1 - x0), h / (y1 - y0));
  out->projection = p;
  out->k = k;
  out->tx = width / 2 - k * (x0 + x1) / 2;
  out->ty = height / 2 + k * (y0 + y1) / 2;
  return EV_OK;
}

int ev_geo_to_pixels(const ev_geo_view *v, double lon, double lat, double *px,
                     double *py) {
  double x, y;
  if (!v) return ev_error_set(EV_ERR_ARG, "geo: no view");
  if (fabs(lon) > 180 || fabs(lat) > 90)
    return ev_error_set(EV_ERR_ARG,
                        "geo: (%g, %g) is outside longitude -180..180, "
                        "latitude -90..90",
                        lon, lat);
  if (ev_geo_project_raw(v->projection, lon * DEG, lat * DEG, &x, &y))
    return EV_ERR_ARG;
  *px = v->tx + v->k * x;
  *py = v->ty - v->k * y;
  return EV_OK;
}

int ev_geo_from_pixels(const ev_geo_view *v, double px, double py,
                       double *lon, double *lat) {
  if (!v || !(v->k > 0)) return ev_error_set(EV_ERR_ARG, "geo: no view");
  double l, p;
  if (ev_geo_invert_raw(v->projection, (px - v->tx) / v->k,
                        (v->ty - py) / v->k, &l, &p))
    return EV_ERR_ARG;
  if (fabs(l) > PI + 1e-9)
    return ev_error_set(EV_ERR_ARG, "geo: the point is outside the map");
  *lon = l / DEG;
  *lat = p / DEG;
  return EV_OK;
}

/* A new table named `name` with number columns a, b and one row per point
 * plus one break row per ring. */
static ev_table *ring_table(const ev_shapes *s, const char *name,
                            const char *a, const char *b) {
  ev_table *t = ev_table_new(name, s->point_count + s->ring_count);
  if (!t) return NULL;
  if (ev_table_add_column(t, a, EV_COL_NUMBER, NULL) < 0 ||
      ev_table_add_column(t, b, EV_COL_NUMBER, NULL) < 0) {
    ev_table_free(t);
    return NULL;
  }
  return t;
}

int ev_geo_rings(const ev_shapes *s, ev_table **out) {
  *out = NULL;
  if (!s) return ev_error_set(EV_ERR_ARG, "geo: no shapes");
  ev_table *t = ring_table(s, "rings", "lon", "lat");
  if (!t) return ev_error_status();
  int32_t row = 0;
  for (int32_t r = 0; r < s->ring_count; r++) {
    for (int32_t i = s->ring_start[r]; i < s->ring_start[r + 1]; i++, row++) {
      t->cols[0].num[row] = s->lon[i];
      t->cols[1].num[row] = s->lat[i];
    }
    row++; /* the break row stays NaN, NaN */
  }
  *out = t;
  return EV_OK;
}

int ev_geo_path(const ev_shapes *s, const ev_geo_view *v, ev_table **out) {
  *out = NULL;
  if (!s || !v) return ev_error_set(EV_ERR_ARG, "geo: no shapes or view");
  if (check_proj(v->projection)) return EV_ERR_ARG;
  ev_table *t = ring_table(s, "path", "x", "y");
  if (!t) return ev_error_status();
  double *x = t->cols[0].num, *y = t->cols[1].num;
  int32_t row = 0;
  for (int32_t r = 0; r < s->ring_count; r++) {
    for (int32_t i = s->ring_start[r]; i < s->ring_start[r + 1]; i++, row++) {
      /* a point outside -180..180, -90..90 fails the path (it must not
       * pass as a NaN gap with the error left in the slot) */
      int rc = ev_geo_to_pixels(v, s->lon[i], s->lat[i], &x[row], &y[row]);
      if (rc != EV_OK) {
        ev_table_free(t);
        return rc;
      }
    }
    row++; /* the break row stays NaN, NaN */
  }
  *out = t;
  return EV_OK;
}

/* Signed area and centroid (shoelace) of ring r in degrees. */
static double ring_centroid(const ev_shapes *s, int32_t r, double *cx,
                            double *cy) {
  /* Longitudes are unwrapped along the ring (a step of more than 180° is
   * taken as crossing the antimeridian), so rings that cross it get a
   * centroid on the right side; the result is wrapped back into ±180. */
  double a = 0, sx = 0, sy = 0;
  int32_t b = s->ring_start[r], e = s->ring_start[r + 1];
  double shift = 0, prev = s->lon[b], first = s->lon[b];
  for (int32_t i = b; i < e; i++) {
    if (s->lon[i] - prev > 180) shift -= 360;
    if (s->lon[i] - prev < -180) shift += 360;
    prev = s->lon[i];
    double xi = s->lon[i] + shift, yi = s->lat[i];
    double xj, yj;
    if (i + 1 < e) {
      double step = s->lon[i + 1] - s->lon[i];
      xj = s->lon[i + 1] + shift + (step > 180 ? -360 : step < -180 ? 360 : 0);
      yj = s->lat[i + 1];
    } else {
      xj = first, yj = s->lat[b];
    }
    double cross = xi * yj - xj * yi;
    a += cross;
    sx += (xi + xj) * cross;
    sy += (yi + yj) * cross;
  }
  a /= 2;
  if (a != 0) {
    *cx = sx / (6 * a);
    *cy = sy / (6 * a);
    /* exact and constant-time for any value (a loop of -= 360 never ends
     * on 1e40, where 1e40 - 360 == 1e40); infinity becomes NaN */
    *cx = remainder(*cx, 360.0);
  }
  return a;
}

int ev_geo_points(const ev_shapes *s, ev_table **out) {
  *out = NULL;
  if (!s) return ev_error_set(EV_ERR_ARG, "geo: no shapes");
  ev_table *t = ev_table_new("points", s->geometry_count);
  if (!t) return ev_error_status();
  if (ev_table_add_column(t, "id", EV_COL_STRING, NULL) < 0 ||
      ev_table_add_column(t, "name", EV_COL_STRING, NULL) < 0 ||
      ev_table_add_column(t, "lon", EV_COL_NUMBER, NULL) < 0 ||
      ev_table_add_column(t, "lat", EV_COL_NUMBER, NULL) < 0) {
    ev_table_free(t);
    return ev_error_status();
  }
  for (int32_t g = 0; g < s->geometry_count; g++) {
    int32_t c0 = ev_dict_intern(t->cols[0].dict, s->geometry_id[g],
                                strlen(s->geometry_id[g]));
    int32_t c1 = ev_dict_intern(t->cols[1].dict, s->geometry_name[g],
                                strlen(s->geometry_name[g]));
    if (c0 < 0 || c1 < 0) {
      ev_table_free(t);
      return ev_error_set(EV_ERR_NOMEM, "out of memory");
    }
    t->cols[0].code[g] = c0;
    t->cols[1].code[g] = c1;
    double best = 0;
    for (int32_t r = s->geometry_start[g]; r < s->geometry_start[g + 1]; r++) {
      if (s->ring_hole[r] || !s->ring_closed[r]) continue;
      double cx = NAN, cy = NAN;
      double a = fabs(ring_centroid(s, r, &cx, &cy));
      if (a > best) {
        best = a;
        t->cols[2].num[g] = cx;
        t->cols[3].num[g] = cy;
      }
    }
  }
  *out = t;
  return EV_OK;
}
