/* fuzz_table_io.c — arbitrary bytes -> ev_table_import (wasm/table_io.c),
 * and, for bytes that are a JSON document, ingest -> export -> import.
 *
 * Checks: an import either fails with PARSE, LIMIT or NOMEM (a message in
 * the slot, no table) or succeeds, and then exporting the table gives back
 * exactly the input bytes (the format is canonical, so import accepts
 * nothing it would not write). Every table ingested from JSON exports to a
 * buffer that imports back and exports to the same bytes.
 */
#include "fuzz_util.h"
#include "ingest_json.h"
#include "table_io.h"

static void round_trip(const ev_table *t) {
  uint8_t *buf;
  size_t len;
  ev_error_reset();
  int rc = ev_table_export(t, &buf, &len);
  fz_check_failure(rc, "ev_table_export");
  if (rc < 0) return;
  ev_table *back = NULL;
  rc = ev_table_import(buf, len, &back);
  fz_check_failure(rc, "ev_table_import of an export");
  if (rc == EV_OK) {
    uint8_t *again;
    size_t len2;
    if (ev_table_export(back, &again, &len2) == EV_OK) {
      if (len2 != len || memcmp(again, buf, len) != 0)
        FUZZ_FAIL("an exported table does not round-trip");
      free(again);
    }
    ev_table_free(back);
  } else if (rc != EV_ERR_NOMEM) {
    FUZZ_FAIL("an exported table was refused on import (%d)", rc);
  }
  free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ev_error_reset();
  ev_table *t = NULL;
  int rc = ev_table_import(data, size, &t);
  fz_check_failure(rc, "ev_table_import");
  if (rc < 0) {
    if (t) FUZZ_FAIL("a failed import returned a table");
    if (rc != EV_ERR_PARSE && rc != EV_ERR_LIMIT && rc != EV_ERR_NOMEM)
      FUZZ_FAIL("import failed with status %d", rc);
  } else {
    fz_check_success("ev_table_import");
    uint8_t *buf;
    size_t len;
    if (ev_table_export(t, &buf, &len) == EV_OK) {
      if (len != size || memcmp(buf, data, size) != 0)
        FUZZ_FAIL("an accepted buffer does not export to itself");
      free(buf);
    }
    ev_table_free(t);
    return 0;
  }
  /* JSON input: the tables it makes must round-trip */
  ev_table **tables = NULL;
  ev_error_reset();
  int n = ev_ingest_json((const char *)data, size, &tables);
  if (n < 0) return 0;
  for (int i = 0; i < n; i++) {
    round_trip(tables[i]);
    ev_table_free(tables[i]);
  }
  free(tables);
  return 0;
}
