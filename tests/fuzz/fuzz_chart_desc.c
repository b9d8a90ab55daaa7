/* fuzz_chart_desc.c — arbitrary bytes as a chart description ->
 * ev_chart_check (wasm/chart_desc.c) against a fixed dataset.
 *
 * The dataset (built once, never freed): table "data" (Name, Origin:
 * string; Year, Horsepower, Miles_per_Gallon: number; electric: boolean;
 * tags: json), "countries" (iso3, region: string; usd: number) and
 * "sources" (id, publisher, confidence: string; a provenance table), so
 * that seeds written against it reach the column and type checks.
 *
 * Checks on every input:
 *   - a failure is a documented status with a message, no output and
 *     nothing kept (LeakSanitizer);
 *   - a success leaves the slot clear and writes NUL-terminated text of
 *     the length given, which is again a valid description: checked again
 *     it gives exactly the same text (normalising is idempotent).
 */
#include "chart_desc.h"
#include "fuzz_util.h"
#include "ingest_json.h"

static const char DATA[] =
    "{\"data\":[{\"Name\":\"a\",\"Origin\":\"USA\",\"Year\":1970,"
    "\"Horsepower\":130,\"Miles_per_Gallon\":18,\"electric\":false,"
    "\"tags\":[1]},{\"Name\":\"b\",\"Origin\":\"Japan\",\"Year\":1971,"
    "\"Horsepower\":null,\"Miles_per_Gallon\":31,\"electric\":true,"
    "\"tags\":{\"a\":1}}],\"countries\":[{\"iso3\":\"HUN\",\"region\":"
    "\"Europe\",\"usd\":7.3},{\"iso3\":\"THA\",\"region\":\"Asia\","
    "\"usd\":null}],\"sources\":[{\"id\":\"s1\",\"publisher\":\"P\","
    "\"confidence\":\"low\"}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static ev_table **tables;
  static int count;
  if (!tables) {
    ev_error_reset();
    count = ev_ingest_json(DATA, sizeof DATA - 1, &tables);
    if (count != 3) FUZZ_FAIL("the fuzz dataset does not load");
  }
  char *out = (char *)&out;
  size_t len = 7;
  ev_error_reset();
  int rc = ev_chart_check((const char *)data, size, tables, count, &out, &len);
  fz_check_failure(rc, "ev_chart_check");
  FZ_TRACE("chart_desc: %s %s\n", ev_status_name(rc), ev_error_message());
  if (rc != EV_OK) {
    switch (rc) {
      case EV_ERR_PARSE:
      case EV_ERR_RANGE:
      case EV_ERR_SHAPE:
      case EV_ERR_LIMIT:
      case EV_ERR_COLUMN:
      case EV_ERR_TYPE:
      case EV_ERR_DATA:
      case EV_ERR_NOMEM:
        break;
      default:
        FUZZ_FAIL("undocumented status %s", ev_status_name(rc));
    }
    if (out != NULL || len != 0) FUZZ_FAIL("output after a failure");
    return 0;
  }
  fz_check_success("ev_chart_check");
  if (!out || strlen(out) != len) FUZZ_FAIL("bad output or length");
  char *again = NULL;
  size_t len2 = 0;
  rc = ev_chart_check(out, len, tables, count, &again, &len2);
  if (rc != EV_OK) FUZZ_FAIL("the normalised description is refused: %s", out);
  if (len2 != len || memcmp(again, out, len) != 0)
    FUZZ_FAIL("normalising twice differs:\n%s\n%s", out, again);
  free(again);
  free(out);
  return 0;
}
