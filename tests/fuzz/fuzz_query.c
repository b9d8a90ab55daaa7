/* fuzz_query.c — a small table and an arbitrary query, both decoded from
 * the bytes -> ev_query_* builders and ev_query_run (wasm/query.c,
 * wasm/derive.c).
 *
 * The bytes: row count, column count, then per column a type and per row a
 * value (numbers from fz_double: NaN, infinities, -0, extremes, years;
 * strings and json texts from small pools, or missing); then up to 40 query
 * steps, each an opcode and its arguments (column names from a pool that
 * includes the table's names, default output names, an empty name and
 * NULL; ops and settings out of range too).
 *
 * Checks: every builder and run either succeeds with the slot clear or
 * fails with a documented status and a message; a successful result is a
 * well-formed table; running the same query twice gives identical results
 * (bit for bit); without group keys, aggregates and derive steps the
 * result has no more rows than the table; the result can itself be queried.
 */
#include "fuzz_util.h"
#include "query.h"

static const char *const names[] = {
    "a",      "b",       "year",    "v", "k", "count",    "sum_v",
    "mean_v", "share_v", "index_v", "x", "",  "cumsum_v", "change_v"};
#define NAME_COUNT (sizeof names / sizeof *names)

static const char *const strings[] = {"",          "a",        "b",    "A",
                                      "domestic",  "overseas", "中国", "x y",
                                      "a\xC3\xA9", "0",        "2020"};
#define STRING_COUNT (sizeof strings / sizeof *strings)

static const char *const jsons[] = {"[1]", "{}", "[]", "{\"k\":null}",
                                    "[1,[2,[3]]]"};

static ev_table *decode_table(fz_reader *r) {
  int32_t rows = fz_u8(r) % 48;
  int cols = 1 + fz_u8(r) % 5;
  ev_table *t = ev_table_new("t", rows);
  if (!t) FUZZ_FAIL("ev_table_new");
  static const char *const col_names[] = {"a", "b", "year", "v", "k"};
  for (int c = 0; c < cols; c++) {
    ev_col_type type = (ev_col_type)(1 + fz_u8(r) % 4);
    if (ev_table_add_column(t, col_names[c], type, NULL) != c)
      FUZZ_FAIL("ev_table_add_column");
    ev_column *col = &t->cols[c];
    for (int32_t row = 0; row < rows; row++) {
      uint8_t k = fz_u8(r);
      switch (type) {
        case EV_COL_NUMBER: {
          double v = fz_double(r);
          col->num[row] = isinf(v) && k % 2 ? NAN : v; /* ingest has no inf */
          break;
        }
        case EV_COL_BOOL:
          col->num[row] = k % 3 == 2 ? NAN : (double)(k % 3);
          break;
        case EV_COL_STRING:
        case EV_COL_JSON: {
          if (k % 8 == 7) break; /* missing */
          const char *s =
              type == EV_COL_STRING ? strings[k % STRING_COUNT] : jsons[k % 5];
          int32_t code = ev_dict_intern(col->dict, s, strlen(s));
          if (code < 0) FUZZ_FAIL("ev_dict_intern");
          col->code[row] = code;
          break;
        }
      }
    }
  }
  return t;
}

static void check_result(const ev_table *t) {
  if (!t || !t->name || t->row_count < 0 || t->col_count < 0 ||
      t->col_count > EV_MAX_COLUMNS)
    FUZZ_FAIL("malformed result");
  for (int32_t c = 0; c < t->col_count; c++) {
    const ev_column *col = &t->cols[c];
    if (!col->name) FUZZ_FAIL("result column %d has no name", (int)c);
    for (int32_t d = 0; d < c; d++)
      if (strcmp(t->cols[d].name, col->name) == 0)
        FUZZ_FAIL("duplicate result column '%s'", col->name);
    int is_num = col->type == EV_COL_NUMBER || col->type == EV_COL_BOOL;
    if (is_num ? !col->num || col->code : !col->code || !col->dict)
      FUZZ_FAIL("result column '%s': bad storage", col->name);
    for (int32_t r = 0; r < t->row_count; r++) {
      if (is_num) {
        volatile double v = col->num[r]; /* read every cell (ASan) */
        (void)v;
      } else if (col->code[r] < -1 ||
                 col->code[r] >= ev_dict_count(col->dict)) {
        FUZZ_FAIL("result column '%s' row %d: code %d out of range", col->name,
                  (int)r, (int)col->code[r]);
      }
    }
  }
}

/* 1 if a and b hold the same columns and the same bits. */
static int same_tables(const ev_table *a, const ev_table *b) {
  if (a->row_count != b->row_count || a->col_count != b->col_count) return 0;
  for (int32_t c = 0; c < a->col_count; c++) {
    const ev_column *x = &a->cols[c], *y = &b->cols[c];
    if (strcmp(x->name, y->name) || x->type != y->type) return 0;
    size_t n = (size_t)a->row_count;
    if (x->num && n && memcmp(x->num, y->num, n * sizeof(double))) return 0;
    for (size_t r = 0; x->code && r < n; r++) {
      int32_t cx = x->code[r], cy = y->code[r];
      if ((cx < 0) != (cy < 0)) return 0;
      if (cx >= 0 && (ev_dict_len(x->dict, cx) != ev_dict_len(y->dict, cy) ||
                      memcmp(ev_dict_str(x->dict, cx), ev_dict_str(y->dict, cy),
                             ev_dict_len(x->dict, cx))))
        return 0;
    }
  }
  return 1;
}

/* Applies one decoded step to q. Returns 1 if it was a grouping,
 * aggregate or derive step (which may change the row count). */
static int step(fz_reader *r, ev_query *q) {
  uint8_t op = fz_u8(r) % 16;
  const char *col = fz_pick(r, names, NAME_COUNT);
  int rc = 0, shaping = 0;
  ev_error_reset();
  switch (op) {
    case 0: rc = ev_query_filter_in(q, col); break;
    case 1: rc = ev_query_filter_add_number(q, fz_double(r)); break;
    case 2:
      rc = ev_query_filter_add_string(q, fz_pick(r, strings, STRING_COUNT));
      break;
    case 3: {
      double lo = fz_double(r);
      rc = ev_query_filter_range(q, col, lo, fz_double(r));
      break;
    }
    case 4: rc = ev_query_group(q, col), shaping = 1; break;
    case 5: {
      int agg = fz_u8(r) % 8; /* 0 and 7 are not ops */
      const char *as = fz_u8(r) % 4 ? NULL : fz_pick(r, names, NAME_COUNT);
      rc = ev_query_aggregate(q, (ev_agg_op)agg, fz_u8(r) % 3 ? col : NULL, as);
      shaping = 1;
      break;
    }
    case 6: rc = ev_query_sort(q, col, fz_u8(r) & 1); break;
    case 7: {
      int d = fz_u8(r) % 9; /* 0 and 8 are not ops */
      const char *as = fz_u8(r) % 3 ? NULL : fz_pick(r, names, NAME_COUNT);
      rc = ev_query_derive(q, (ev_derive_op)d, col, as);
      shaping = 1;
      break;
    }
    case 8: rc = ev_query_derive_by(q, col); break;
    case 9: rc = ev_query_derive_order(q, col); break;
    case 10: rc = ev_query_derive_key(q, col); break;
    case 11: rc = ev_query_derive_denominator_number(q, fz_double(r)); break;
    case 12:
      rc = ev_query_derive_denominator_string(
          q, fz_pick(r, strings, STRING_COUNT));
      break;
    case 13: rc = ev_query_derive_base(q, fz_double(r)); break;
    case 14: rc = ev_query_derive_step(q, fz_double(r)); break;
    case 15: rc = ev_query_derive_window(q, fz_double(r)); break;
  }
  if (rc > 0) FUZZ_FAIL("builder %d returned %d", op, rc);
  fz_check_failure(rc, "query builder");
  if (rc == EV_OK) fz_check_success("query builder");
  if (rc < 0 && rc != EV_ERR_ARG && rc != EV_ERR_LIMIT)
    FUZZ_FAIL("builder %d: undocumented status %s", op, ev_status_name(rc));
  return shaping && rc == EV_OK;
}

/* Runs q on t, checks the result, and returns it (or NULL on failure). */
static ev_table *run(const ev_query *q, const ev_table *t) {
  ev_table *out = (ev_table *)&out;
  ev_error_reset();
  int rc = ev_query_run(q, t, &out);
  fz_check_failure(rc, "ev_query_run");
  FZ_TRACE("query: %s %s (%d rows, %d columns)\n", ev_status_name(rc),
           ev_error_message(), rc ? -1 : (int)out->row_count,
           rc ? -1 : (int)out->col_count);
  if (rc != EV_OK) {
    if (out != NULL) FUZZ_FAIL("*out not NULL after a failure");
    if (rc != EV_ERR_COLUMN && rc != EV_ERR_TYPE && rc != EV_ERR_ARG &&
        rc != EV_ERR_LIMIT)
      FUZZ_FAIL("ev_query_run: undocumented status %s", ev_status_name(rc));
    return NULL;
  }
  fz_check_success("ev_query_run");
  check_result(out);
  return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_reader r = {data, size};
  ev_table *t = decode_table(&r);
  ev_query *q = ev_query_new();
  if (!q) FUZZ_FAIL("ev_query_new");
  int steps = fz_u8(&r) % 41, shaping = 0;
  for (int i = 0; i < steps; i++) shaping |= step(&r, q);

  ev_table *a = run(q, t);
  ev_table *b = run(q, t);
  if ((a == NULL) != (b == NULL)) FUZZ_FAIL("a second run disagrees");
  if (a) {
    if (!same_tables(a, b)) FUZZ_FAIL("a second run gave another result");
    if (!shaping && a->row_count > t->row_count)
      FUZZ_FAIL("filters made %d rows of %d", (int)a->row_count,
                (int)t->row_count);
    /* the result is a table like any other: query it again */
    ev_table_free(run(q, a));
  }
  ev_table_free(a);
  ev_table_free(b);
  ev_query_free(q);
  ev_table_free(t);
  return 0;
}
