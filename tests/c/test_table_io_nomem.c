/* test_table_io_nomem.c — table export and import (wasm/table_io.c) with
 * each allocation failing in turn: every failure is a clean EV_ERR_NOMEM
 * with a message that keeps nothing, and the same call succeeds afterwards.
 *
 * Like test_nomem.c, this program defines malloc, calloc, realloc and free
 * (forwarding to AddressSanitizer's, or glibc's without ASan) to count
 * allocations and make the k-th fail: alone (transient), or with every one
 * after it (memory exhausted). */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ingest_json.h"
#include "status.h"
#include "table_io.h"

#include "failing_alloc.h"

static const char *DOC =
    "{\"t\":[{\"n\":1.5,\"s\":\"a\",\"b\":true,\"j\":[1,{\"k\":2}]},"
    "{\"n\":null,\"s\":\"b\",\"b\":null,\"j\":null},"
    "{\"n\":3,\"s\":\"a\",\"b\":false,\"j\":{\"z\":[]}},"
    "{\"n\":4,\"s\":\"c\",\"b\":true,\"j\":[1,{\"k\":2}]}]}";

static ev_table *g_table; /* the table to export */
static uint8_t *g_buf;    /* its export, to import */
static size_t g_len;

static int do_export(void) {
  uint8_t *buf;
  size_t len;
  int rc = ev_table_export(g_table, &buf, &len);
  if (rc == EV_OK) free(buf);
  return rc;
}

static int do_import(void) {
  ev_table *t;
  int rc = ev_table_import(g_buf, g_len, &t);
  if (rc == EV_OK) ev_table_free(t);
  return rc;
}

static void sweep(const char *name, int (*fn)(void)) {
  g_count = 0;
  g_fail_at = LONG_MAX;
  ev_error_reset();
  CHECK_EQ_INT(fn(), EV_OK);
  long total = g_count;
  g_fail_at = 0;
  CHECK(total > 0);
  int bad = 0;
  for (int rest = 0; rest < 2; rest++) {
    for (long k = 1; k <= total; k++) {
      g_count = 0;
      g_injected = 0;
      g_fail_rest = rest;
      long live = g_live;
      ev_error_reset();
      g_fail_at = k;
      int rc = fn();
      g_fail_at = 0;
      if (g_live != live || rc != EV_ERR_NOMEM ||
          ev_error_status() != EV_ERR_NOMEM || !ev_error_message()[0]) {
        printf(
            "  %s: allocation %ld of %ld failing%s: rc %d, \"%s\", %ld "
            "left\n",
            name, k, total, rest ? " (and later)" : "", rc, ev_error_message(),
            g_live - live);
        bad++;
      }
    }
  }
  CHECK_EQ_INT(bad, 0);
  ev_error_reset();
  CHECK_EQ_INT(fn(), EV_OK);
}

int main(void) {
  ev_table **tables;
  ev_error_reset();
  int n = ev_ingest_json(DOC, strlen(DOC), &tables);
  CHECK_EQ_INT(n, 1);
  g_table = tables[0];
  CHECK_EQ_INT(ev_table_export(g_table, &g_buf, &g_len), EV_OK);
  sweep("export", do_export);
  sweep("import", do_import);
  free(g_buf);
  ev_table_free(g_table);
  free(tables);
  return check_summary("test_table_io_nomem");
}
