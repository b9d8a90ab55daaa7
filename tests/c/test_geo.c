/* test_geo.c — projections, inverses, fitting, paths and points.
 * (tests/js/geo.test.mjs compares the projections with d3-geo.) */
#include <stdlib.h>

#include "check.h"
#include "geo.h"
#include "status.h"

#define PI 3.14159265358979323846
#define DEG (PI / 180)

static const ev_projection ALL[] = {EV_PROJ_EQUAL_EARTH, EV_PROJ_NATURAL_EARTH,
                                    EV_PROJ_MERCATOR, EV_PROJ_EQUIRECTANGULAR};

static void test_known_points(void) {
  double x, y;
  /* every projection maps (0, 0) to (0, 0) */
  for (int i = 0; i < 4; i++) {
    CHECK_EQ_INT(ev_geo_project_raw(ALL[i], 0, 0, &x, &y), EV_OK);
    CHECK_NEAR(x, 0, 1e-15);
    CHECK_NEAR(y, 0, 1e-15);
  }
  /* Equal Earth on the equator: θ = 0, so x = λ / (M·A1) with M = √3/2 */
  ev_geo_project_raw(EV_PROJ_EQUAL_EARTH, PI, 0, &x, &y);
  CHECK_NEAR(x, PI / (sqrt(3.0) / 2 * 1.340264), 1e-14);
  /* at the pole θ = asin(M) = π/3: y = θ(A1 + A2θ² + θ⁶(A3 + A4θ²)) */
  double t = PI / 3, t2 = t * t, t6 = t2 * t2 * t2;
  ev_geo_project_raw(EV_PROJ_EQUAL_EARTH, 0, PI / 2, &x, &y);
  CHECK_NEAR(y, t * (1.340264 - 0.081106 * t2 + t6 * (0.000893 + 0.003796 * t2)),
             1e-14);
  /* Natural Earth I on the equator: x = 0.8707 λ */
  ev_geo_project_raw(EV_PROJ_NATURAL_EARTH, PI, 0, &x, &y);
  CHECK_NEAR(x, 0.8707 * PI, 1e-15);
  /* Mercator at 45°: y = ln tan(67.5°) = asinh(1) */
  ev_geo_project_raw(EV_PROJ_MERCATOR, 0, PI / 4, &x, &y);
  CHECK_NEAR(y, asinh(1.0), 1e-14);
  /* Mercator clamps the poles at the Web Mercator limit, where y = π */
  ev_geo_project_raw(EV_PROJ_MERCATOR, 0, PI / 2, &x, &y);
  CHECK_NEAR(y, PI, 1e-12);
  ev_geo_project_raw(EV_PROJ_MERCATOR, 0, -PI / 2, &x, &y);
  CHECK_NEAR(y, -PI, 1e-12);
  /* equirectangular is the identity in radians */
  ev_geo_project_raw(EV_PROJ_EQUIRECTANGULAR, 1.25, -0.5, &x, &y);
  CHECK_EQ_DBL(x, 1.25);
  CHECK_EQ_DBL(y, -0.5);
}

static void test_inverses(void) {
  /* project then invert over a grid returns the point, to 1e-9 */
  for (int i = 0; i < 4; i++) {
    double lim = ALL[i] == EV_PROJ_MERCATOR ? 85 : 90;
    for (double lon = -180; lon <= 180; lon += 15) {
      for (double lat = -lim; lat <= lim; lat += 5) {
        double x, y, l, p;
        ev_geo_project_raw(ALL[i], lon * DEG, lat * DEG, &x, &y);
        int ok = ev_geo_invert_raw(ALL[i], x, y, &l, &p) == EV_OK;
        CHECK(ok);
        if (!ok) continue;
        CHECK_NEAR(p, lat * DEG, 1e-9);
        if (fabs(lat) < 90) CHECK_NEAR(l, lon * DEG, 1e-9);
      }
    }
  }
  /* outside the map: no answer, an error */
  double l, p;
  ev_error_reset();
  CHECK_EQ_INT(ev_geo_invert_raw(EV_PROJ_EQUAL_EARTH, 0, 5, &l, &p),
               EV_ERR_ARG);
  CHECK_STR(ev_error_message(), "geo: the point is outside the map");
}

static void test_errors(void) {
  double x, y;
  ev_error_reset();
  CHECK_EQ_INT(ev_geo_project_raw(9, 0, 0, &x, &y), EV_ERR_ARG);
  CHECK_STR(ev_error_message(), "geo: unknown projection 9");
  ev_error_reset();
  CHECK_EQ_INT(ev_geo_project_raw(EV_PROJ_MERCATOR, NAN, 0, &x, &y),
               EV_ERR_ARG);
  CHECK_STR(ev_error_message(), "geo: coordinates must be finite");
  ev_geo_view v;
  ev_error_reset();
  CHECK_EQ_INT(ev_geo_fit(EV_PROJ_EQUAL_EARTH, 10, 0, -10, 5, 100, 100, 0, &v),
               EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_geo_fit(EV_PROJ_EQUAL_EARTH, -180, -90, 180, 91, 100, 100, 0,
                          &v),
               EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(
      ev_geo_fit(EV_PROJ_EQUAL_EARTH, -180, -90, 180, 90, 100, 100, 50, &v),
      EV_ERR_ARG);
  CHECK_STR(ev_error_message(), "geo: the canvas must be larger than its padding");
}

static void test_fit(void) {
  /* the whole world in 960 × 500 with 10 px padding: every grid point lands
   * inside the padded box, and the map touches the box on two opposite sides
   * (it keeps its aspect ratio) */
  for (int i = 0; i < 4; i++) {
    ev_geo_view v;
    CHECK_EQ_INT(ev_geo_fit(ALL[i], -180, -90, 180, 90, 960, 500, 10, &v),
                 EV_OK);
    double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
    for (double lon = -180; lon <= 180; lon += 2.5)
      for (double lat = -90; lat <= 90; lat += 2.5) {
        double px, py;
        ev_geo_to_pixels(&v, lon, lat, &px, &py);
        x0 = fmin(x0, px), x1 = fmax(x1, px);
        y0 = fmin(y0, py), y1 = fmax(y1, py);
      }
    CHECK(x0 >= 10 - 1e-9 && x1 <= 950 + 1e-9);
    CHECK(y0 >= 10 - 1e-9 && y1 <= 490 + 1e-9);
    int touches_x = fabs(x0 - 10) < 1e-6 && fabs(x1 - 950) < 1e-6;
    int touches_y = fabs(y0 - 10) < 1e-6 && fabs(y1 - 490) < 1e-6;
    CHECK(touches_x || touches_y);
    /* centred: (0°, 0°) is in the middle for these symmetric boxes */
    double cx, cy;
    ev_geo_to_pixels(&v, 0, 0, &cx, &cy);
    CHECK_NEAR(cx, 480, 1e-9);
    CHECK_NEAR(cy, 250, 1e-9);
    /* pixels back to degrees */
    double lon, lat;
    CHECK_EQ_INT(ev_geo_from_pixels(&v, cx, cy, &lon, &lat), EV_OK);
    CHECK_NEAR(lon, 0, 1e-9);
    CHECK_NEAR(lat, 0, 1e-9);
    double px, py;
    ev_geo_to_pixels(&v, 19.04, 47.5, &px, &py); /* Budapest */
    CHECK_EQ_INT(ev_geo_from_pixels(&v, px, py, &lon, &lat), EV_OK);
    CHECK_NEAR(lon, 19.04, 1e-9);
    CHECK_NEAR(lat, 47.5, 1e-9);
  }
  /* equirectangular has a closed form: world 360° × 180° into 720 × 500 with
   * no padding: k = min(720/2π, 500/π) = 360/π, tx = 360, ty = 250 */
  ev_geo_view v;
  ev_geo_fit(EV_PROJ_EQUIRECTANGULAR, -180, -90, 180, 90, 720, 500, 0, &v);
  CHECK_NEAR(v.k, 360 / PI, 1e-12);
  CHECK_NEAR(v.tx, 360, 1e-12);
  CHECK_NEAR(v.ty, 250, 1e-12);
}

static void test_path_and_points(void) {
  /* two rings: a 2×2 square at (10..12, 20..22) and a line */
  ev_shapes s = {0};
  double lon[] = {10, 12, 12, 10, 10, 0, 1};
  double lat[] = {20, 20, 22, 22, 20, 0, 1};
  int32_t ring_start[] = {0, 5, 7};
  uint8_t hole[] = {0, 0}, closed[] = {1, 0};
  int32_t geometry_start[] = {0, 1, 2};
  char *ids[] = {"a", "b"}, *names[] = {"Square", "Line"};
  s.point_count = 7, s.lon = lon, s.lat = lat;
  s.ring_count = 2, s.ring_start = ring_start, s.ring_hole = hole;
  s.ring_closed = closed, s.geometry_count = 2;
  s.geometry_start = geometry_start, s.geometry_id = ids;
  s.geometry_name = names;
  ev_geo_view v = {EV_PROJ_EQUIRECTANGULAR, 180 / PI, 100, 100};
  ev_table *t;
  CHECK_EQ_INT(ev_geo_path(&s, &v, &t), EV_OK);
  /* 7 points + 2 breaks; with k = 180/π a degree is one pixel */
  CHECK_EQ_INT(t->row_count, 9);
  CHECK_NEAR(t->cols[0].num[1], 112, 1e-12);
  CHECK_NEAR(t->cols[1].num[2], 78, 1e-12); /* ty − 22 */
  CHECK(isnan(t->cols[0].num[5]) && isnan(t->cols[1].num[5]));
  CHECK_NEAR(t->cols[0].num[6], 100, 1e-12);
  CHECK(isnan(t->cols[0].num[8]));
  ev_table_free(t);

  CHECK_EQ_INT(ev_geo_points(&s, &t), EV_OK);
  CHECK_EQ_INT(t->row_count, 2);
  /* the square's centroid is its centre; a line has no area → missing */
  CHECK_NEAR(t->cols[2].num[0], 11, 1e-12);
  CHECK_NEAR(t->cols[3].num[0], 21, 1e-12);
  CHECK(isnan(t->cols[2].num[1]));
  CHECK_STR(ev_dict_str(t->cols[0].dict, t->cols[0].code[0]), "a");
  CHECK_STR(ev_dict_str(t->cols[1].dict, t->cols[1].code[1]), "Line");
  ev_table_free(t);
}

static void test_antimeridian(void) {
  /* a ring that crosses the antimeridian: 170°E → 170°W → back, as
   * world-atlas stores Russia and Fiji. Its centroid is on the antimeridian
   * (±180), not at 0°. (The page cuts such rings' paths where they jump
   * across the map: web/core/scene-map.js.) */
  ev_shapes s = {0};
  double lon[] = {170, -170, -170, 170, 170};
  double lat[] = {10, 10, 20, 20, 10};
  int32_t ring_start[] = {0, 5};
  uint8_t hole[] = {0}, closed[] = {1};
  int32_t geometry_start[] = {0, 1};
  char *ids[] = {"x"}, *names[] = {"Across"};
  s.point_count = 5, s.lon = lon, s.lat = lat;
  s.ring_count = 1, s.ring_start = ring_start, s.ring_hole = hole;
  s.ring_closed = closed, s.geometry_count = 1;
  s.geometry_start = geometry_start, s.geometry_id = ids;
  s.geometry_name = names;
  ev_geo_view v = {EV_PROJ_EQUIRECTANGULAR, 180 / PI, 200, 100};
  ev_table *t;
  CHECK_EQ_INT(ev_geo_points(&s, &t), EV_OK);
  CHECK_NEAR(fabs(t->cols[2].num[0]), 180, 1e-9);
  CHECK_NEAR(t->cols[3].num[0], 15, 1e-9);
  ev_table_free(t);
  /* degrees outside the valid range are refused */
  double px, py;
  ev_error_reset();
  CHECK_EQ_INT(ev_geo_to_pixels(&v, 10, 95, &px, &py), EV_ERR_ARG);
  CHECK_STR(ev_error_message(),
            "geo: (10, 95) is outside longitude -180..180, latitude -90..90");
}

int main(void) {
  test_antimeridian();
  test_known_points();
  test_inverses();
  test_errors();
  test_fit();
  test_path_and_points();
  return check_summary("test_geo");
}
