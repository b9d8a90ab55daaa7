/* fuzz_ingest.c — arbitrary bytes -> ev_ingest_json (wasm/ingest_json.c,
 * json_doc.c, json_strict.c).
 *
 * Checks on every input:
 *   - the result is tables, or a documented status with a message, and
 *     nothing is kept on failure (LeakSanitizer);
 *   - the strict check and cJSON agree: every text the check passes, cJSON
 *     parses (json_doc.c relies on it), and the check's verdict is the
 *     ingest's (a PARSE error from ingest is the check's own error);
 *   - tables are well formed: row counts within limits, every column of
 *     the right storage, codes within the dictionaries.
 */
#include "cJSON.h"
#include "fuzz_util.h"
#include "ingest_json.h"
#include "json_strict.h"

static void check_table(const ev_table *t) {
  if (!t || !t->name || t->row_count < 1 || t->row_count > EV_MAX_ROWS ||
      t->col_count < 0 || t->col_count > EV_MAX_COLUMNS)
    FUZZ_FAIL("malformed table");
  if (strlen(t->name) > EV_MAX_NAME_BYTES) FUZZ_FAIL("table name too long");
  for (int32_t c = 0; c < t->col_count; c++) {
    const ev_column *col = &t->cols[c];
    if (!col->name || strlen(col->name) > EV_MAX_NAME_BYTES)
      FUZZ_FAIL("column %d: bad name", (int)c);
    for (int32_t d = 0; d < c; d++)
      if (strcmp(t->cols[d].name, col->name) == 0)
        FUZZ_FAIL("duplicate column '%s'", col->name);
    switch (col->type) {
      case EV_COL_NUMBER:
      case EV_COL_BOOL:
        if (!col->num || col->code || col->dict)
          FUZZ_FAIL("column '%s': bad storage", col->name);
        for (int32_t r = 0; r < t->row_count; r++) {
          double v = col->num[r];
          if (isinf(v)) FUZZ_FAIL("column '%s': infinite value", col->name);
          if (col->type == EV_COL_BOOL && !isnan(v) && v != 0 && v != 1)
            FUZZ_FAIL("column '%s': boolean %g", col->name, v);
        }
        break;
      case EV_COL_STRING:
      case EV_COL_JSON:
        if (col->num || !col->code || !col->dict)
          FUZZ_FAIL("column '%s': bad storage", col->name);
        for (int32_t r = 0; r < t->row_count; r++)
          if (col->code[r] < -1 || col->code[r] >= ev_dict_count(col->dict))
            FUZZ_FAIL("column '%s' row %d: code %d out of range", col->name,
                      (int)r, (int)col->code[r]);
        for (int32_t k = 0; k < ev_dict_count(col->dict); k++) {
          const char *s = ev_dict_str(col->dict, k);
          if (memchr(s, 0, ev_dict_len(col->dict, k)))
            FUZZ_FAIL("column '%s': a string holds NUL", col->name);
          if (col->type == EV_COL_JSON) {
            /* the json text is strict JSON again */
            ev_error_reset();
            if (ev_json_strict_check(s, ev_dict_len(col->dict, k), NULL))
              FUZZ_FAIL("column '%s': json text is not JSON", col->name);
          }
        }
        break;
      default: FUZZ_FAIL("column '%s': type %d", col->name, (int)col->type);
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;

  /* the strict check, then cJSON directly: no text the check passes may be
   * refused by cJSON (json_doc.c reports that as an engine bug) */
  ev_json_scan scan;
  ev_error_reset();
  int strict = ev_json_strict_check(buf, size, &scan);
  fz_check_failure(strict, "ev_json_strict_check");
  char strict_msg[512];
  snprintf(strict_msg, sizeof strict_msg, "%s", ev_error_message());
  if (strict == EV_OK) {
    fz_check_success("ev_json_strict_check");
    if (scan.start >= size) FUZZ_FAIL("start %zu past the end", scan.start);
    if (scan.nul_at != EV_JSON_NONE &&
        (scan.nul_at >= size || memcmp(buf + scan.nul_at, "\\u0000", 6)))
      FUZZ_FAIL("nul_at %zu is not a \\u0000 escape", scan.nul_at);
    cJSON *root =
        cJSON_ParseWithLengthOpts(buf + scan.start, size - scan.start, NULL, 0);
    if (!root) FUZZ_FAIL("cJSON refused a text the strict check accepted");
    cJSON_Delete(root);
  } else if (strict != EV_ERR_PARSE && strict != EV_ERR_LIMIT) {
    FUZZ_FAIL("strict check returned %s", ev_status_name(strict));
  }

  ev_table **tables = (ev_table **)&tables;
  ev_error_reset();
  int n = ev_ingest_json(buf, size, &tables);
  fz_check_failure(n, "ev_ingest_json");
  FZ_TRACE("ingest: %d %s\n", n, ev_error_message());
  if (n > 0) {
    fz_check_success("ev_ingest_json");
    if (strict != EV_OK) FUZZ_FAIL("ingest accepted what the check refused");
    if (n > EV_MAX_TABLES) FUZZ_FAIL("%d tables", n);
    for (int i = 0; i < n; i++) check_table(tables[i]);
    for (int i = 0; i < n; i++) ev_table_free(tables[i]);
    free(tables);
    return 0;
  }
  if (tables != NULL) FUZZ_FAIL("*out_tables not NULL after a failure");
  switch (n) {
    case EV_ERR_PARSE:
    case EV_ERR_LIMIT:
      /* the check's verdict, word for word (or the input size limit) */
      if (size > EV_MAX_INPUT_BYTES) break;
      if (strict == EV_OK) {
        if (n == EV_ERR_PARSE) FUZZ_FAIL("PARSE after the check passed");
        break; /* rows, columns, tables, names */
      }
      if (strcmp(strict_msg, ev_error_message()) != 0)
        FUZZ_FAIL("ingest said \"%s\", the check \"%s\"", ev_error_message(),
                  strict_msg);
      break;
    case EV_ERR_SHAPE:
    case EV_ERR_TYPE:
    case EV_ERR_RANGE:
    case EV_ERR_NOMEM:
      if (strict != EV_OK)
        FUZZ_FAIL("%s for a text the check refused", ev_status_name(n));
      break;
    default: FUZZ_FAIL("undocumented status %s", ev_status_name(n));
  }
  return 0;
}
