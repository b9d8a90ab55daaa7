/* fuzz_topojson.c — arbitrary bytes -> ev_topojson_decode, then on success
 * ev_geo_rings, ev_geo_points and ev_geo_path through views fitted for
 * every projection (wasm/topojson.c, wasm/geo.c).
 *
 * The object to decode is the first name inside "objects" when the text
 * has one (found by a plain byte search, so world-atlas files and the
 * hand-made seeds decode as they are), else "countries".
 *
 * Checks: failures are documented statuses with messages and no shapes;
 * decoded shapes are consistent (offsets ascending and in range, one id and
 * name per geometry, finite coordinates); each derived table has one row
 * per point plus one break row per ring (NaN, NaN), or is a clean LIMIT.
 */
#include "fuzz_util.h"
#include "geo.h"
#include "topojson.h"

/* The first key after "objects": {  in buf, or "countries". */
static void object_name(const char *buf, size_t n, char *out, size_t cap) {
  static const char key[] = "\"objects\"";
  snprintf(out, cap, "countries");
  for (size_t i = 0; i + sizeof key - 1 <= n; i++) {
    if (memcmp(buf + i, key, sizeof key - 1) != 0) continue;
    size_t p = i + sizeof key - 1;
    while (p < n &&
           (buf[p] == ' ' || buf[p] == ':' || buf[p] == '{' || buf[p] == '\n'))
      p++;
    if (p >= n || buf[p] != '"') return;
    size_t q = ++p, k = 0;
    while (q < n && buf[q] != '"' && buf[q] != '\\' && k + 1 < cap) q++, k++;
    if (q >= n || buf[q] != '"') return;
    memcpy(out, buf + p, k);
    out[k] = '\0';
    return;
  }
}

static void check_shapes(const ev_shapes *s) {
  if (s->point_count < 0 || s->ring_count < 0 || s->geometry_count < 0)
    FUZZ_FAIL("negative counts");
  if (!s->ring_start || !s->geometry_start) FUZZ_FAIL("offset arrays missing");
  if (s->ring_start[0] != 0 || s->ring_start[s->ring_count] != s->point_count)
    FUZZ_FAIL("ring offsets do not cover the points");
  for (int32_t r = 0; r < s->ring_count; r++) {
    if (s->ring_start[r] > s->ring_start[r + 1])
      FUZZ_FAIL("ring %d: offsets descend", (int)r);
    if (s->ring_hole[r] > 1 || s->ring_closed[r] > 1)
      FUZZ_FAIL("ring %d: flags", (int)r);
  }
  if (s->geometry_start[0] != 0 ||
      s->geometry_start[s->geometry_count] != s->ring_count)
    FUZZ_FAIL("geometry offsets do not cover the rings");
  for (int32_t g = 0; g < s->geometry_count; g++) {
    if (s->geometry_start[g] > s->geometry_start[g + 1])
      FUZZ_FAIL("geometry %d: offsets descend", (int)g);
    if (!s->geometry_id[g] || !s->geometry_name[g])
      FUZZ_FAIL("geometry %d: no id or name", (int)g);
  }
  for (int32_t i = 0; i < s->point_count; i++)
    if (!isfinite(s->lon[i]) || !isfinite(s->lat[i]))
      FUZZ_FAIL("point %d is not finite", (int)i);
}

/* A table of one row per point plus one NaN break row per ring, or a
 * clean failure. */
static void check_ring_table(int rc, ev_table *t, const ev_shapes *s,
                             const char *what) {
  fz_check_failure(rc, what);
  if (rc != EV_OK) {
    if (rc != EV_ERR_LIMIT && rc != EV_ERR_ARG)
      FUZZ_FAIL("%s: undocumented status %s", what, ev_status_name(rc));
    if (t) FUZZ_FAIL("%s: a table after a failure", what);
    return;
  }
  fz_check_success(what);
  if (!t || t->col_count != 2 || t->row_count != s->point_count + s->ring_count)
    FUZZ_FAIL("%s: %d rows for %d points and %d rings", what,
              t ? (int)t->row_count : -1, (int)s->point_count,
              (int)s->ring_count);
  int32_t row = 0;
  for (int32_t r = 0; r < s->ring_count; r++) {
    row += s->ring_start[r + 1] - s->ring_start[r];
    if (!isnan(t->cols[0].num[row]) || !isnan(t->cols[1].num[row]))
      FUZZ_FAIL("%s: no break row after ring %d", what, (int)r);
    row++;
  }
  ev_table_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  char object[40];
  object_name(buf, size, object, sizeof object);
  ev_shapes *s = (ev_shapes *)&s;
  ev_error_reset();
  int rc = ev_topojson_decode(buf, size, object, &s);
  fz_check_failure(rc, "ev_topojson_decode");
  FZ_TRACE("topojson '%s': %s %s (%d geometries)\n", object, ev_status_name(rc),
           ev_error_message(), rc ? -1 : (int)s->geometry_count);
  if (rc != EV_OK) {
    if (s != NULL) FUZZ_FAIL("*out not NULL after a failure");
    if (rc != EV_ERR_PARSE && rc != EV_ERR_LIMIT && rc != EV_ERR_SHAPE &&
        rc != EV_ERR_RANGE)
      FUZZ_FAIL("undocumented status %s", ev_status_name(rc));
    return 0;
  }
  fz_check_success("ev_topojson_decode");
  check_shapes(s);

  ev_table *t = NULL;
  ev_error_reset();
  rc = ev_geo_rings(s, &t);
  check_ring_table(rc, t, s, "ev_geo_rings");

  ev_error_reset();
  rc = ev_geo_points(s, &t);
  fz_check_failure(rc, "ev_geo_points");
  if (rc == EV_OK) {
    fz_check_success("ev_geo_points");
    if (t->row_count != s->geometry_count || t->col_count != 4)
      FUZZ_FAIL("ev_geo_points: %d rows for %d geometries", (int)t->row_count,
                (int)s->geometry_count);
    ev_table_free(t);
  } else if (rc != EV_ERR_LIMIT) {
    FUZZ_FAIL("ev_geo_points: undocumented status %s", ev_status_name(rc));
  }

  for (int p = EV_PROJ_EQUAL_EARTH; p <= EV_PROJ_EQUIRECTANGULAR; p++) {
    ev_geo_view v;
    ev_error_reset();
    if (ev_geo_fit((ev_projection)p, -180, -90, 180, 90, 960, 500, 10, &v))
      FUZZ_FAIL("ev_geo_fit of the world");
    ev_error_reset();
    rc = ev_geo_path(s, &v, &t);
    check_ring_table(rc, t, s, "ev_geo_path");
  }
  ev_shapes_free(s);
  return 0;
}
