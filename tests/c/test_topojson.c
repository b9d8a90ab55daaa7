/* test_topojson.c — decoding TopoJSON objects into rings. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "geo.h"
#include "status.h"
#include "topojson.h"

static ev_shapes *decode(const char *text, const char *object) {
  ev_shapes *s = NULL;
  ev_error_reset();
  int rc = ev_topojson_decode(text, strlen(text), object, &s);
  CHECK_EQ_INT(rc, EV_OK);
  if (rc) printf("  message: %s\n", ev_error_message());
  return s;
}

static void expect_error(const char *text, const char *object, int status,
                         const char *message) {
  ev_shapes *s = (ev_shapes *)1;
  ev_error_reset();
  CHECK_EQ_INT(ev_topojson_decode(text, strlen(text), object, &s), status);
  CHECK(s == NULL);
  CHECK_STR(ev_error_message(), message);
}

/* Quantized, delta-encoded: scale 0.5, translate (10, 20).
 * arc 0: deltas (0,0) (2,0) (0,2) → positions (0,0) (2,0) (2,2)
 *        → (10,20) (11,20) (11,21)
 * arc 1: deltas (2,2) (-2,-2) → positions (2,2) (0,0) → (11,21) (10,20)
 * arc 2: deltas (4,4) (2,0) → (12,22) (13,22) */
static const char *TOPO =
    "{\"type\":\"Topology\","
    "\"transform\":{\"scale\":[0.5,0.5],\"translate\":[10,20]},"
    "\"objects\":{"
    " \"shapes\":{\"type\":\"GeometryCollection\",\"geometries\":["
    "  {\"type\":\"Polygon\",\"arcs\":[[0,1]],\"id\":\"156\","
    "   \"properties\":{\"name\":\"Square-ish\"}},"
    "  {\"type\":\"Polygon\",\"arcs\":[[-2,-1]],\"id\":250},"
    "  {\"type\":null},"
    "  {\"type\":\"GeometryCollection\",\"geometries\":["
    "    {\"type\":\"LineString\",\"arcs\":[2]}]}]},"
    " \"lines\":{\"type\":\"MultiLineString\",\"arcs\":[[0],[2]]}},"
    "\"arcs\":[[[0,0],[2,0],[0,2]],[[2,2],[-2,-2]],[[4,4],[2,0]]]}";

static void test_decode(void) {
  ev_shapes *s = decode(TOPO, "shapes");
  if (!s) return;
  /* 4 geometries (the nested collection is flattened): polygon, reversed
   * polygon, null, line */
  CHECK_EQ_INT(s->geometry_count, 4);
  CHECK_EQ_INT(s->ring_count, 3);
  /* ring 0 = arc 0 then arc 1 without its first point (shared):
   * (10,20) (11,20) (11,21) (10,20) */
  double lon0[] = {10, 11, 11, 10}, lat0[] = {20, 20, 21, 20};
  CHECK_EQ_INT(s->ring_start[0], 0);
  CHECK_EQ_INT(s->ring_start[1], 4);
  for (int i = 0; i < 4; i++) {
    CHECK_EQ_DBL(s->lon[i], lon0[i]);
    CHECK_EQ_DBL(s->lat[i], lat0[i]);
  }
  /* ring 1 = ~1 then ~0: arc 1 reversed (10,20) (11,21), then arc 0
   * reversed without its first point: (11,20) (10,20) */
  double lon1[] = {10, 11, 11, 10}, lat1[] = {20, 21, 20, 20};
  CHECK_EQ_INT(s->ring_start[2], 8);
  for (int i = 0; i < 4; i++) {
    CHECK_EQ_DBL(s->lon[4 + i], lon1[i]);
    CHECK_EQ_DBL(s->lat[4 + i], lat1[i]);
  }
  /* ring 2 = the line along arc 2: (12,22) (13,22) */
  CHECK_EQ_INT(s->ring_start[3], 10);
  CHECK_EQ_DBL(s->lon[8], 12);
  CHECK_EQ_DBL(s->lon[9], 13);
  CHECK_EQ_DBL(s->lat[9], 22);
  CHECK_EQ_INT(s->ring_closed[0], 1);
  CHECK_EQ_INT(s->ring_closed[2], 0);
  CHECK_EQ_INT(s->ring_hole[0], 0);
  /* geometries → rings: 0:[0,1) 1:[1,2) null:[2,2) line:[2,3) */
  int32_t gs[] = {0, 1, 2, 2, 3};
  for (int i = 0; i < 5; i++) CHECK_EQ_INT(s->geometry_start[i], gs[i]);
  CHECK_STR(s->geometry_id[0], "156");
  CHECK_STR(s->geometry_name[0], "Square-ish");
  CHECK_STR(s->geometry_id[1], "250"); /* a numeric id becomes text */
  CHECK_STR(s->geometry_name[1], "");
  ev_shapes_free(s);

  /* a single geometry as the object */
  s = decode(TOPO, "lines");
  if (s) {
    CHECK_EQ_INT(s->geometry_count, 1);
    CHECK_EQ_INT(s->ring_count, 2);
    CHECK_EQ_INT(s->point_count, 5);
    ev_shapes_free(s);
  }

  /* without a transform, arcs are absolute positions; a polygon with a hole */
  s = decode("{\"type\":\"Topology\",\"objects\":{\"p\":{\"type\":\"Polygon\","
             "\"arcs\":[[0],[1]]}},\"arcs\":[[[0,0],[4,0],[4,4],[0,0]],"
             "[[1,1],[2,1],[2,2],[1,1]]]}",
             "p");
  if (s) {
    CHECK_EQ_INT(s->ring_count, 2);
    CHECK_EQ_DBL(s->lon[2], 4);
    CHECK_EQ_DBL(s->lat[2], 4);
    CHECK_EQ_INT(s->ring_hole[0], 0);
    CHECK_EQ_INT(s->ring_hole[1], 1);
    ev_shapes_free(s);
  }
}

static void test_errors(void) {
  expect_error("{\"type\":\"FeatureCollection\",\"features\":[]}", "x",
               EV_ERR_SHAPE,
               "TopoJSON: the document is not a Topology (\"type\" must be "
               "\"Topology\")");
  expect_error(TOPO, "countries", EV_ERR_SHAPE,
               "TopoJSON: no object 'countries' (objects: 'shapes', "
               "'lines')");
  expect_error("{\"type\":\"Topology\",\"objects\":{\"a\":{\"type\":"
               "\"Polygon\",\"arcs\":[[5]]}},\"arcs\":[[[0,0],[1,1]]]}",
               "a", EV_ERR_SHAPE,
               "TopoJSON object 'a' geometry 1 refers to arc 5, but there are "
               "1 arcs");
  expect_error("{\"type\":\"Topology\",\"objects\":{\"a\":{\"type\":"
               "\"Polygon\",\"arcs\":[[-3]]}},\"arcs\":[[[0,0],[1,1]]]}",
               "a", EV_ERR_SHAPE,
               "TopoJSON object 'a' geometry 1 refers to arc -3, but there "
               "are 1 arcs");
  expect_error("{\"type\":\"Topology\",\"objects\":{\"a\":{\"type\":"
               "\"Point\",\"coordinates\":[1,2]}},\"arcs\":[]}",
               "a", EV_ERR_SHAPE,
               "TopoJSON object 'a' geometry 1: unsupported type 'Point'");
  expect_error("{\"type\":\"Topology\",\"transform\":{\"scale\":[1]},"
               "\"objects\":{\"a\":{\"type\":null}},\"arcs\":[]}",
               "a", EV_ERR_SHAPE,
               "TopoJSON: \"transform\" needs \"scale\" and \"translate\" as "
               "pairs of numbers");
  expect_error("{\"type\":\"Topology\",\"objects\":{\"a\":{\"type\":null}},"
               "\"arcs\":[[[0,0]]]}",
               "a", EV_ERR_SHAPE,
               "TopoJSON: arc 0 must be an array of at least two positions");
  expect_error("{\"type\":\"Topology\",\"objects\":{\"a\":{\"type\":null}},"
               "\"arcs\":[[[0,0],[1,\"x\"]]]}",
               "a", EV_ERR_SHAPE,
               "TopoJSON: arc 0 position 1 is not a pair of numbers");
  expect_error("{\"type\":\"Topology\",\"objects\":{\"a\":{\"type\":null}},"
               "\"arcs\":[[[0,0],[1,1e400]]]}",
               "a", EV_ERR_RANGE, "TopoJSON: arc 0 position 1 is not finite");
  expect_error("{\"type\":\"Topology\",\"objects\":{\"a\":{\"type\":"
               "\"Polygon\",\"arcs\":[[0.5]]}},\"arcs\":[[[0,0],[1,1]]]}",
               "a", EV_ERR_SHAPE,
               "TopoJSON object 'a' geometry 1: arc references must be "
               "integers");
  expect_error("{\"type\":\"Topology\",", "a", EV_ERR_PARSE,
               "JSON parse error at line 1, column 20: unexpected end of "
               "input (expected a string key)");
  /* after errors, decoding still works */
  ev_shapes *s = decode(TOPO, "shapes");
  ev_shapes_free(s);
}

/* Regression (found by tests/fuzz/fuzz_topojson.c, seed
 * corpus/topojson/regress_path_outside_range.json): a topology whose arcs
 * are not in degrees decodes, but its projected path used to come back
 * EV_OK with NaN points and the range error left in the slot. Now the path
 * fails with that error and no table; rings and points still work. */
static void test_path_outside_range(void) {
  ev_shapes *s = decode(
      "{\"type\":\"Topology\",\"objects\":{\"a\":{\"type\":\"Polygon\","
      "\"arcs\":[[0]]}},\"arcs\":[[[10,45],[5000,45],[20,50],[10,45]]]}",
      "a");
  if (!s) return;
  ev_geo_view v;
  ev_table *t = (ev_table *)1;
  ev_error_reset();
  CHECK_EQ_INT(ev_geo_fit(EV_PROJ_EQUAL_EARTH, -180, -90, 180, 90, 960, 500,
                          10, &v),
               EV_OK);
  CHECK_EQ_INT(ev_geo_path(s, &v, &t), EV_ERR_ARG);
  CHECK(t == NULL);
  CHECK_EQ_INT(ev_error_status(), EV_ERR_ARG);
  CHECK_STR(ev_error_message(),
            "geo: (5000, 45) is outside longitude -180..180, latitude "
            "-90..90");
  ev_error_reset();
  CHECK_EQ_INT(ev_geo_rings(s, &t), EV_OK);
  CHECK_EQ_INT(t->row_count, 5);
  ev_table_free(t);
  CHECK_EQ_INT(ev_error_status(), EV_OK);
  ev_shapes_free(s);
}

/* Regression (a timeout found by tests/fuzz/fuzz_topojson.c, seed
 * corpus/topojson/regress_centroid_huge_longitude.json): a ring whose
 * longitudes are huge (untransformed arcs, 1e40) made the centroid's
 * wrap into -180..180 loop for ever. Now it is wrapped in constant time. */
static void test_centroid_huge_longitude(void) {
  ev_shapes *s = decode(
      "{\"type\":\"Topology\",\"objects\":{\"a\":{\"type\":\"Polygon\","
      "\"arcs\":[[0]]}},\"arcs\":[[[0,0],[1e40,0],[1e40,10],[0,0]]]}",
      "a");
  if (!s) return;
  ev_table *t;
  ev_error_reset();
  if (CHECK_EQ_INT(ev_geo_points(s, &t), EV_OK)) {
    double lon = t->cols[2].num[0];
    CHECK(isnan(lon) || (lon >= -180 && lon <= 180));
    ev_table_free(t);
  }
  ev_shapes_free(s);
}

int main(void) {
  test_decode();
  test_errors();
  test_path_outside_range();
  test_centroid_huge_longitude();
  return check_summary("test_topojson");
}
