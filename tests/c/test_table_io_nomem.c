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

#if defined(__SANITIZE_ADDRESS__)
void *__interceptor_malloc(size_t n);
void *__interceptor_calloc(size_t n, size_t size);
void *__interceptor_realloc(void *p, size_t n);
void __interceptor_free(void *p);
#define REAL(f) __interceptor_##f
#else
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void __libc_free(void *p);
#define REAL(f) __libc_##f
#endif

static long g_count, g_fail_at, g_injected, g_live;
static int g_fail_rest;

static int inject(void) {
  if (!g_fail_at) return 0;
  long n = ++g_count;
  if (n == g_fail_at || (g_fail_rest && n > g_fail_at)) {
    g_injected++;
    return 1;
  }
  return 0;
}

void *malloc(size_t n) {
  if (inject()) return NULL;
  void *p = REAL(malloc)(n);
  if (p) g_live++;
  return p;
}

void *calloc(size_t n, size_t size) {
  if (inject()) return NULL;
  void *p = REAL(calloc)(n, size);
  if (p) g_live++;
  return p;
}

void *realloc(void *q, size_t n) {
  if (inject()) return NULL;
  void *p = REAL(realloc)(q, n);
  if (p && !q) g_live++;
  return p;
}

void free(void *p) {
  if (p) g_live--;
  REAL(free)(p);
}

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
