/* chart_check_util.h — the harness of the chart-description tests
 * (test_chart_desc.c, test_chart_story.c), on top of check.h.
 *
 * Descriptions are written with ' for " (J() swaps them). Before including
 * this header a test defines CHART_SLOT_CHECKS: 1 to check the error slot
 * too on every case (OK: the slot is clear; ERR: it holds the status
 * returned), 0 not to. The dataset is loaded into TABLES by
 * chart_tables_load and freed by chart_tables_free.
 *
 *   J(s)                  s with every ' turned into "
 *   V(views)              a document with locales en, zh and the views
 *   OK(desc)              accepted: returns the normalised output (free it)
 *   ERR(desc, st, msg)    refused with status st and exactly message msg
 *   ERR_LEN(d, n, st, msg)  the same for the first n bytes of d
 *   HAS(desc, part)       accepted, the output contains part (' quotes)
 */
#ifndef CHART_CHECK_UTIL_H
#define CHART_CHECK_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_desc.h"
#include "check.h"
#include "ingest_json.h"
#include "status.h"

#ifndef CHART_SLOT_CHECKS
#error "define CHART_SLOT_CHECKS (0 or 1) before including chart_check_util.h"
#endif

static ev_table **TABLES;
static int TABLE_COUNT;

/* s with every ' turned into " (a static buffer per call, 4 in turn). */
static const char *J(const char *s) {
  static char bufs[4][32768];
  static int k;
  char *b = bufs[k++ & 3];
  size_t n = strlen(s);
  if (n >= sizeof bufs[0]) abort();
  for (size_t i = 0; i <= n; i++) b[i] = s[i] == '\'' ? '"' : s[i];
  return b;
}

/* A document with locales en, zh, title T and the given views (JSON, '
 * quotes): no provenance, no names. */
static inline const char *V(const char *views) {
  static char buf[32768];
  snprintf(buf, sizeof buf,
           "{'format':'ev-chart/1','locales':['en','zh'],'title':'T',"
           "'views':[%s]}",
           views);
  return J(buf);
}

/* Loads the dataset (JSON, ' quotes) into TABLES; 0 when it has `want`
 * tables, else prints why and returns 2 (main's exit status). */
static inline int chart_tables_load(const char *data, int want) {
  ev_error_reset();
  const char *d = J(data);
  int n = ev_ingest_json(d, strlen(d), &TABLES);
  if (n != want) {
    printf("dataset: %d %s\n", n, ev_error_message());
    return 2;
  }
  TABLE_COUNT = n;
  return 0;
}

static inline void chart_tables_free(void) {
  for (int i = 0; i < TABLE_COUNT; i++) ev_table_free(TABLES[i]);
  free(TABLES);
}

/* desc accepted: its normalised output (the caller frees it), or NULL
 * after a failure reported at `line`. */
static inline char *chart_ok_(const char *desc, int line) {
  char *out = NULL;
  size_t len = 99;
  ev_error_reset();
  int rc = ev_chart_check(desc, strlen(desc), TABLES, TABLE_COUNT, &out, &len);
  char d[700];
  snprintf(d, sizeof d, "(%d: %.600s)", rc, ev_error_message());
  check_report_(rc == EV_OK && out != NULL, __FILE__, line,
                "description is accepted", d);
  if (out) check_report_(len == strlen(out), __FILE__, line, "out_len", NULL);
  if (CHART_SLOT_CHECKS)
    check_report_(ev_error_status() == EV_OK, __FILE__, line, "slot clear",
                  NULL);
  return out;
}
#define OK(desc) chart_ok_((desc), __LINE__)

/* desc[0..len) refused with `status` and exactly `msg`, with no output. */
static inline void chart_err_(const char *desc, size_t len, int status,
                       const char *msg, int line) {
  char *out = (char *)&out;
  size_t n = 99;
  ev_error_reset();
  int rc = ev_chart_check(desc, len, TABLES, TABLE_COUNT, &out, &n);
  char d[700];
  snprintf(d, sizeof d, "(%s: %.600s)", ev_status_name(rc), ev_error_message());
  check_report_(rc == status, __FILE__, line, "status", d);
  check_report_(out == NULL && n == 0, __FILE__, line, "no output", NULL);
  if (CHART_SLOT_CHECKS)
    check_report_(ev_error_status() == rc, __FILE__, line, "slot status", NULL);
  check_str_(ev_error_message(), msg, __FILE__, line, "message");
  if (rc == EV_OK) free(out);
}
#define ERR(desc, status, msg) \
  chart_err_((desc), strlen(desc), (status), (msg), __LINE__)
#define ERR_LEN(desc, len, status, msg) \
  chart_err_((desc), (len), (status), (msg), __LINE__)

/* Accepted, and the normalised output contains `part` (' quotes). */
#define HAS(desc, part)                                        \
  do {                                                         \
    char *o_ = OK(desc);                                       \
    const char *w_ = J(part);                                  \
    check_report_(o_ &&strstr(o_, w_), __FILE__, __LINE__, w_, \
                  o_ ? o_ : "(refused)");                      \
    free(o_);                                                  \
  } while (0)

#endif
