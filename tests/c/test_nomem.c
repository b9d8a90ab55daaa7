/* test_nomem.c — every allocation that can fail, failing: each is a clean
 * EV_ERR_NOMEM that keeps nothing, and the engine works afterwards.
 *
 * This file defines malloc, calloc, realloc and free for its own test
 * program (they forward to AddressSanitizer's, or glibc's without ASan), so
 * it can count allocations and make the k-th one fail. Each workload below
 * (ingest, queries with every stage, trend fits, TopoJSON and maps, the
 * exported API) is run once to count its allocations N, then N times with
 * allocation k failing (k = 1..N; sampled for the large story dataset), in
 * two modes: only the k-th fails (a transient failure), or the k-th and
 * every later one (memory exhausted). After each run:
 *   - an injected failure that ends the call is reported as EV_ERR_NOMEM,
 *     with a message; a call that fails without one is a failure;
 *   - no allocation is left behind (the live count is back where it was);
 *   - (at the end) the workload succeeds again without faults.
 * The WASM builds reach the same paths for real (tests/js/engine.test.mjs
 * runs out of the 1 GiB memory three ways). */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_desc.h"
#include "check.h"
#include "geo.h"
#include "ingest_json.h"
#include "query.h"
#include "status.h"
#include "topojson.h"
#include "trend.h"

/* ---- the allocator ----------------------------------------------------- */

#include "failing_alloc.h"

/* ---- the sweep --------------------------------------------------------- */

/* A workload runs engine calls, frees whatever they made, and returns the
 * first negative status, or EV_OK. */
typedef int (*workload)(void);

static int g_tolerated; /* calls that succeeded despite a failure */

static void sweep(const char *name, workload fn, long step) {
  /* unarmed: succeeds, keeps nothing (after one warm-up run) */
  fn();
  long live = g_live;
  ev_error_reset();
  if (!CHECK_EQ_INT(fn(), EV_OK)) {
    printf("  %s: %s\n", name, ev_error_message());
    return;
  }
  CHECK_EQ_INT(g_live, live);
  /* count */
  g_count = 0;
  g_fail_at = LONG_MAX;
  fn();
  long total = g_count;
  g_fail_at = 0;
  int ok = 1, nomem = 0, tolerated = 0;
  for (int rest = 0; rest < 2; rest++) {
    for (long k = 1; k <= total; k += step) {
      g_count = 0;
      g_injected = 0;
      g_fail_rest = rest;
      ev_error_reset();
      live = g_live;
      g_fail_at = k;
      int rc = fn();
      g_fail_at = 0;
      const char *why = NULL;
      if (g_live != live)
        why = "allocations left behind";
      else if (rc < 0 && !g_injected)
        why = "an error without a failure";
      else if (rc < 0 && rc != EV_ERR_NOMEM)
        why = "not NOMEM";
      else if (rc < 0 && !ev_error_message()[0])
        why = "no message";
      if (why) {
        if (ok)
          printf(
              "  %s: allocation %ld of %ld failing%s: %s (%s \"%s\", %ld "
              "live)\n",
              name, k, total, rest ? " and the rest" : "", why,
              ev_status_name(rc), ev_error_message(), g_live - live);
        ok = 0;
      }
      nomem += rc == EV_ERR_NOMEM;
      tolerated += rc == EV_OK;
    }
  }
  g_tolerated += tolerated;
  check_report_(ok, __FILE__, __LINE__, name, "(see above)");
  /* and it works again */
  ev_error_reset();
  CHECK_EQ_INT(fn(), EV_OK);
  printf(
      "test_nomem: %s: %ld allocations, failed one at a time%s: %d NOMEM, "
      "%d tolerated\n",
      name, total, step > 1 ? " (sampled)" : "", nomem, tolerated);
}

/* ---- workloads --------------------------------------------------------- */

static const char small_doc[] =
    "{\"title\":\"x\",\"t\":[{\"year\":2020,\"market\":\"domestic\",\"v\":1.5,"
    "\"est\":true,\"tags\":[1,{\"k\":\"\xE4\xB8\xAD\"}],\"note\":null},"
    "{\"year\":2021,\"market\":\"overseas\",\"v\":2,\"est\":false,\"tags\":{},"
    "\"note\":\"a\"},{\"year\":2022,\"market\":\"domestic\",\"v\":null,"
    "\"est\":true,\"tags\":[],\"v\":4}],\"u\":[{\"a\":\"s\"},{\"b\":1}]}";

static char *g_story;
static size_t g_story_len;
static ev_table *g_table; /* table t of small_doc, ingested unarmed */

static void free_tables(ev_table **t, int n) {
  for (int i = 0; i < n; i++) ev_table_free(t[i]);
  free(t);
}

static int w_ingest(void) {
  ev_table **t;
  int n = ev_ingest_json(small_doc, sizeof small_doc - 1, &t);
  if (n < 0) return n;
  free_tables(t, n);
  return EV_OK;
}

static int w_ingest_story(void) {
  ev_table **t;
  int n = ev_ingest_json(g_story, g_story_len, &t);
  if (n < 0) return n;
  free_tables(t, n);
  return EV_OK;
}

/* Builds a query with build(q), runs it on g_table, frees everything. */
static int run_query(int (*build)(ev_query *)) {
  ev_query *q = ev_query_new();
  if (!q) return ev_error_set(EV_ERR_NOMEM, "out of memory for a query");
  int rc = build(q);
  ev_table *out = NULL;
  if (rc == EV_OK) rc = ev_query_run(q, g_table, &out);
  ev_table_free(out);
  ev_query_free(q);
  return rc;
}

static int build_grouped(ev_query *q) {
  int rc;
  if ((rc = ev_query_filter_in(q, "market")) ||
      (rc = ev_query_filter_add_string(q, "domestic")) ||
      (rc = ev_query_filter_add_string(q, "overseas")) ||
      (rc = ev_query_filter_range(q, "year", 2019, NAN)) ||
      (rc = ev_query_filter_in(q, "est")) ||
      (rc = ev_query_filter_add_number(q, 1)) ||
      (rc = ev_query_filter_add_number(q, 0)) ||
      (rc = ev_query_group(q, "market")) || (rc = ev_query_group(q, "year")) ||
      (rc = ev_query_aggregate(q, EV_AGG_COUNT, NULL, NULL)) ||
      (rc = ev_query_aggregate(q, EV_AGG_SUM, "v", "sum")) ||
      (rc = ev_query_aggregate(q, EV_AGG_MEAN, "v", NULL)) ||
      (rc = ev_query_aggregate(q, EV_AGG_MIN, "v", NULL)) ||
      (rc = ev_query_aggregate(q, EV_AGG_MAX, "v", NULL)) ||
      (rc = ev_query_aggregate(q, EV_AGG_MEDIAN, "v", NULL)) ||
      (rc = ev_query_aggregate(q, EV_AGG_COUNT, "note", "notes")) ||
      (rc = ev_query_sort(q, "sum", 1)) || (rc = ev_query_sort(q, "market", 0)))
    return rc;
  return EV_OK;
}

static int build_derived(ev_query *q) {
  int rc;
  if ((rc = ev_query_derive(q, EV_DERIVE_SHARE, "v", NULL)) ||
      (rc = ev_query_derive_by(q, "market")) ||
      (rc = ev_query_derive(q, EV_DERIVE_RATIO, "v", NULL)) ||
      (rc = ev_query_derive_by(q, "year")) ||
      (rc = ev_query_derive_key(q, "market")) ||
      (rc = ev_query_derive_denominator_string(q, "domestic")) ||
      (rc = ev_query_derive(q, EV_DERIVE_INDEX, "v", NULL)) ||
      (rc = ev_query_derive_order(q, "year")) ||
      (rc = ev_query_derive_base(q, 2020)) ||
      (rc = ev_query_derive(q, EV_DERIVE_CHANGE, "v", NULL)) ||
      (rc = ev_query_derive_order(q, "year")) ||
      (rc = ev_query_derive_by(q, "market")) ||
      (rc = ev_query_derive(q, EV_DERIVE_PCT_CHANGE, "v", NULL)) ||
      (rc = ev_query_derive_order(q, "year")) ||
      (rc = ev_query_derive(q, EV_DERIVE_CUMSUM, "v", NULL)) ||
      (rc = ev_query_derive_order(q, "year")) ||
      (rc = ev_query_derive(q, EV_DERIVE_ROLLING_MEAN, "v", "mean2")) ||
      (rc = ev_query_derive_order(q, "year")) ||
      (rc = ev_query_derive_window(q, 2)) ||
      (rc = ev_query_derive_step(q, 1)) || (rc = ev_query_sort(q, "year", 1)))
    return rc;
  return EV_OK;
}

static int build_rows(ev_query *q) {
  /* no grouping: the rows with every column (string and json dictionaries) */
  return ev_query_filter_range(q, "year", NAN, 2021);
}

static int w_query_grouped(void) { return run_query(build_grouped); }
static int w_query_derived(void) { return run_query(build_derived); }
static int w_query_rows(void) { return run_query(build_rows); }

static int w_trend(void) {
  static const double x[] = {2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017};
  static const double y[] = {3, 4.5, 4, 6, 7.5, 8, 10, 11};
  for (int m = EV_TREND_LINEAR; m <= EV_TREND_HOLT; m++) {
    ev_trend_spec spec = {(ev_trend_method)m, 0.95, 5, 1, NAN, NAN};
    ev_table *t;
    ev_trend_diag d;
    int rc = ev_trend_fit(x, y, 8, &spec, &t, &d);
    if (rc) return rc;
    ev_table_free(t);
  }
  return EV_OK;
}

static const char topo[] =
    "{\"type\":\"Topology\",\"transform\":{\"scale\":[0.036,0.017],"
    "\"translate\":[-180,-90]},\"objects\":{\"c\":{\"type\":"
    "\"GeometryCollection\",\"geometries\":[{\"type\":\"Polygon\",\"arcs\":"
    "[[0,1]],\"id\":\"156\",\"properties\":{\"name\":\"China\"}},{\"type\":"
    "\"MultiPolygon\",\"arcs\":[[[-2,2]],[[3]]],\"id\":348},{\"type\":null},"
    "{\"type\":\"MultiLineString\",\"arcs\":[[4],[-5]]}]}},\"arcs\":[[[5000,"
    "5000],[100,0],[0,100]],[[5100,5100],[-100,-100]],[[5000,5000],[-50,20],"
    "[50,80]],[[7000,2000],[10,0],[0,10],[-10,0],[0,-10]],[[1000,9000],[500,"
    "-20],[500,20]]]}";

static int w_geo(void) {
  ev_shapes *s;
  int rc = ev_topojson_decode(topo, sizeof topo - 1, "c", &s);
  if (rc) return rc;
  ev_table *t = NULL;
  ev_geo_view v;
  if (!(rc = ev_geo_rings(s, &t))) ev_table_free(t);
  if (!rc && !(rc = ev_geo_points(s, &t))) ev_table_free(t);
  if (!rc)
    rc = ev_geo_fit(EV_PROJ_EQUAL_EARTH, -180, -90, 180, 90, 960, 500, 10, &v);
  if (!rc && !(rc = ev_geo_path(s, &v, &t))) ev_table_free(t);
  ev_shapes_free(s);
  return rc;
}

/* The exported API: ingest into handles, query through handles, free. */
int32_t api_ingest_json(const char *buf, int32_t len, int32_t *out_handles,
                        int32_t cap);
int32_t api_table_free(int32_t h);
int32_t api_query_new(void);
int32_t api_query_free(int32_t q);
int32_t api_query_group(int32_t q, const char *col);
int32_t api_query_aggregate(int32_t q, int32_t op, const char *col,
                            const char *as);
int32_t api_query_run(int32_t q, int32_t h);
int32_t api_ticks(double lo, double hi, int32_t count);
int32_t ev_handles_live(void);

/* The exports reset the error slot on entry: the first failure's message
 * is kept across the clean-up calls and put back. */
static int w_api(void) {
  char saved[512] = "";
  int32_t h[EV_MAX_TABLES];
  int32_t n =
      api_ingest_json(small_doc, sizeof small_doc - 1, h, EV_MAX_TABLES);
  if (n < 0) return n;
  int32_t rc = EV_OK, q = api_query_new();
  if (q < 0) rc = q;
  if (rc >= 0) rc = api_query_group(q, "market");
  if (rc >= 0) rc = api_query_aggregate(q, EV_AGG_SUM, "v", NULL);
  int32_t r = rc >= 0 ? api_query_run(q, h[0]) : rc;
  if (r < 0) rc = r;
  int32_t ticks = rc >= 0 ? api_ticks(0, 92, 5) : 0;
  if (ticks < 0) rc = ticks;
  snprintf(saved, sizeof saved, "%s", ev_error_message());
  api_table_free(r > 0 ? r : 0);
  api_query_free(q > 0 ? q : 0);
  api_table_free(ticks > 0 ? ticks : 0);
  for (int32_t i = 0; i < n; i++) api_table_free(h[i]);
  if (ev_handles_live() != 0) return ev_error_set(EV_ERR_ARG, "handles left");
  return rc < 0 ? ev_error_set(rc, "%s", saved) : EV_OK;
}

/* A chart description that takes every allocating path of the check:
 * parse, a derive step's default name, Texts made objects, defaults
 * added, null defaults replaced, the printed text. Checked against t. */
static const char chart_doc[] =
    "{\"format\":\"ev-chart/1\",\"locales\":[\"en\",\"zh\"],\"title\":\"T\","
    "\"views\":[{\"id\":\"a\",\"title\":\"t\",\"table\":\"t\",\"mark\":\"line\","
    "\"x\":{\"column\":\"year\",\"label\":\"Year\"},\"y\":{\"column\":"
    "\"cumsum_v\",\"unit\":\"bn\",\"scale\":null},\"series\":{\"column\":"
    "\"market\",\"labels\":{\"domestic\":\"home\"}},\"filters\":[{\"column\":"
    "\"est\",\"eq\":true}],\"derive\":[{\"op\":\"cumsum\",\"column\":\"v\","
    "\"order\":\"year\"}],\"trend\":{\"method\":\"linear\",\"horizon\":2},"
    "\"annotations\":[{\"x\":2021,\"text\":\"a\"}],\"notes\":[\"n\"],"
    "\"sources\":[{\"name\":\"s\",\"url\":\"https://x.org/\"}]},"
    "{\"id\":\"b\",\"title\":\"t\",\"table\":\"t\",\"mark\":\"bar\",\"x\":"
    "{\"column\":\"market\"},\"y\":{\"aggregate\":\"count\"}}]}";

static int w_chart(void) {
  char *out;
  size_t len;
  int rc = ev_chart_check(chart_doc, sizeof chart_doc - 1, &g_table, 1, &out,
                          &len);
  if (rc < 0) return rc;
  free(out);
  return EV_OK;
}

/* A description with the story keys (panels, modes, range, findings with
 * both ValueRef forms, names, the new members of x, y, series and trend,
 * reference, detail, sort): the normalised form adds most of their
 * defaults (false, [], {}, null). Checked against t. */
static const char chart_story_doc[] =
    "{\"format\":\"ev-chart/1\",\"locales\":[\"en\",\"zh\"],\"title\":\"T\","
    "\"names\":[{\"table\":\"t\",\"key\":\"market\",\"kind\":\"m\",\"text\":"
    "{\"en\":\"market\"}}],\"views\":[{\"id\":\"a\",\"title\":\"t\","
    "\"modes\":{\"label\":\"M\",\"options\":[{\"id\":\"x\",\"label\":\"X\","
    "\"notes\":[\"n\"]},{\"id\":\"y\",\"label\":\"Y\"}]},\"panels\":[{\"id\":"
    "\"p\",\"mode\":\"x\",\"table\":\"t\",\"mark\":\"bar\",\"x\":{\"column\":"
    "\"year\",\"complete\":true},\"y\":{\"column\":\"v\",\"aggregate\":"
    "\"sum\",\"format\":\"usd_bn\",\"fixed\":[0,9],\"approximate\":\"est\"},"
    "\"series\":{\"column\":\"market\",\"label\":\"L\",\"names\":\"m\","
    "\"styles\":{\"domestic\":{\"colour\":1}},\"sparse\":[\"overseas\"]},"
    "\"trend\":{\"control\":true},\"reference\":[{\"category\":\"c\","
    "\"value\":{\"table\":\"t\",\"column\":\"v\"}}],\"annotations\":[{\"x\":"
    "{\"table\":\"t\",\"column\":\"year\"},\"text\":\"{x}\"}]},{\"id\":\"q\","
    "\"table\":\"t\",\"mark\":\"hbar\",\"x\":{\"column\":\"market\","
    "\"choices\":[{\"column\":\"market\",\"label\":\"M\"},{\"column\":"
    "\"note\",\"label\":\"N\"}]},\"y\":{\"aggregate\":\"count\",\"counts\":"
    "true},\"detail\":{\"table\":\"t\",\"key\":\"market\",\"columns\":[{"
    "\"column\":\"year\",\"label\":\"Y\"}],\"sort\":[{\"column\":\"v\"}]},"
    "\"sort\":{\"options\":[\"count\",\"name\"]}}],\"range\":{\"column\":"
    "\"year\"},\"findings\":[{\"text\":\"{a} {b}\",\"values\":{\"a\":{"
    "\"panel\":\"p\",\"pick\":\"max\"},\"b\":{\"table\":\"t\",\"column\":"
    "\"v\"}}}]}]}";

static int w_chart_story(void) {
  char *out;
  size_t len;
  int rc = ev_chart_check(chart_story_doc, sizeof chart_story_doc - 1, &g_table,
                          1, &out, &len);
  if (rc < 0) return rc;
  free(out);
  return EV_OK;
}

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n);
  *len = fread(b, 1, (size_t)n, f);
  fclose(f);
  return b;
}

int main(void) {
  sweep("ingest", w_ingest, 1);
  ev_table **t;
  ev_error_reset();
  int n = ev_ingest_json(small_doc, sizeof small_doc - 1, &t);
  if (CHECK_EQ_INT(n, 2)) {
    g_table = t[0];
    sweep("query: filters, groups, aggregates, sort", w_query_grouped, 1);
    sweep("query: derive steps", w_query_derived, 1);
    sweep("query: rows", w_query_rows, 1);
    sweep("chart description", w_chart, 1);
    sweep("chart description with the story keys", w_chart_story, 1);
    free_tables(t, n);
  }
  sweep("trend", w_trend, 1);
  sweep("topojson and maps", w_geo, 1);
  sweep("api", w_api, 1);
  g_story = read_all("data/ev_story.json", &g_story_len);
  if (g_story) {
    sweep("ingest of data/ev_story.json", w_ingest_story, 37);
    free(g_story);
  }
  printf(
      "test_nomem: %d calls succeeded despite a failed allocation (a "
      "fallback path)\n",
      g_tolerated);
  return check_summary("test_nomem");
}
