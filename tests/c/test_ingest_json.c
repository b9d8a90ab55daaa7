/* test_ingest_json.c — JSON documents to tables (wasm/ingest_json.c).
 *
 * Every input is copied to a heap block of exactly its length (no NUL after
 * it), so AddressSanitizer reports any read past the end of the input. After
 * every error a good document must still ingest; ASan's leak check at exit
 * (and in check_summary) catches anything an error path kept. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ingest_json.h"
#include "status.h"

/* Ingests s[0..len) from an exact-size copy. */
static int ingest_n(const char *s, size_t len, ev_table ***out) {
  char *copy = malloc(len ? len : 1);
  if (len) memcpy(copy, s, len);
  ev_error_reset();
  int n = ev_ingest_json(copy, len, out);
  free(copy);
  return n;
}

static int ingest(const char *s, ev_table ***out) {
  return ingest_n(s, strlen(s), out);
}

static void free_tables(ev_table **t, int n) {
  for (int i = 0; i < n; i++) ev_table_free(t[i]);
  free(t);
}

/* The string value of column c at row r ("" if missing). */
static const char *str_at(const ev_table *t, int c, int r) {
  const ev_column *col = &t->cols[c];
  return col->code[r] < 0 ? "" : ev_dict_str(col->dict, col->code[r]);
}

/* A known-good document still ingests, exactly. */
static void check_good_ingest(int line) {
  ev_table **t;
  int n = ingest("{\"ok\":[{\"v\":1.5},{\"v\":null}]}", &t);
  if (!check_report_(n == 1, __FILE__, line, "good ingest after an error",
                     NULL))
    return;
  CHECK_STR(t[0]->name, "ok");
  CHECK_EQ_INT(t[0]->row_count, 2);
  CHECK_EQ_DBL(t[0]->cols[0].num[0], 1.5);
  CHECK_EQ_INT(ev_error_status(), EV_OK);
  free_tables(t, n);
}

/* Expects ingest of s[0..len) to fail with status and, if msg is not NULL,
 * exactly that message; then checks a good ingest works. */
static void expect_error_n(const char *s, size_t len, int status,
                           const char *msg, int line) {
  ev_table **t = (ev_table **)&t; /* must be set to NULL */
  int n = ingest_n(s, len, &t);
  char d[700];
  snprintf(d, sizeof d, "(got %d %s: \"%.600s\")", n, ev_status_name(n),
           ev_error_message());
  check_report_(n == status, __FILE__, line, "ingest status", d);
  check_report_(ev_error_status() == status, __FILE__, line, "slot status", d);
  check_report_(t == NULL, __FILE__, line, "*out_tables is NULL on failure",
                NULL);
  if (msg) check_str_(ev_error_message(), msg, __FILE__, line, "message");
  check_report_(ev_error_message()[0] != '\0', __FILE__, line,
                "message is not empty", NULL);
  if (n > 0) free_tables(t, n);
  check_good_ingest(line);
}
#define EXPECT_ERROR(s, status, msg) \
  expect_error_n((s), strlen(s), (status), (msg), __LINE__)

/* ---- shapes ------------------------------------------------------------ */

static void test_bare_array(void) {
  ev_table **t;
  /* one table "data"; columns in first-seen order a, b, c */
  int n = ingest("[{\"a\":1,\"b\":\"x\"},{\"b\":\"y\",\"c\":true}]", &t);
  if (!CHECK_EQ_INT(n, 1)) return;
  CHECK_STR(t[0]->name, "data");
  CHECK_EQ_INT(t[0]->row_count, 2);
  CHECK_EQ_INT(t[0]->col_count, 3);
  CHECK_STR(t[0]->cols[0].name, "a");
  CHECK_STR(t[0]->cols[1].name, "b");
  CHECK_STR(t[0]->cols[2].name, "c");
  CHECK_EQ_INT(t[0]->cols[0].type, EV_COL_NUMBER);
  CHECK_EQ_INT(t[0]->cols[1].type, EV_COL_STRING);
  CHECK_EQ_INT(t[0]->cols[2].type, EV_COL_BOOL);
  /* absent keys are missing: a[1] NaN, c[0] NaN */
  CHECK_EQ_DBL(t[0]->cols[0].num[0], 1);
  CHECK_EQ_DBL(t[0]->cols[0].num[1], NAN);
  CHECK_STR(str_at(t[0], 1, 0), "x");
  CHECK_STR(str_at(t[0], 1, 1), "y");
  CHECK_EQ_DBL(t[0]->cols[2].num[0], NAN);
  CHECK_EQ_DBL(t[0]->cols[2].num[1], 1);
  free_tables(t, n);

  /* whitespace around the document is fine; so is a single record */
  n = ingest(" \r\n\t[ { \"k\" : \"v\" } ]\n\n", &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_EQ_INT(t[0]->row_count, 1);
    CHECK_STR(str_at(t[0], 0, 0), "v");
    free_tables(t, n);
  }
}

static void test_object_tables(void) {
  ev_table **t;
  /* tables in document order (zeta, alpha, late), not sorted; strings,
   * numbers, empty arrays, arrays of non-objects and nested objects are
   * ignored */
  const char *doc =
      "{\"title\":\"t\",\"zeta\":[{\"v\":1}],\"n\":5,\"empty\":[],"
      "\"nums\":[1,2],\"alpha\":[{\"w\":\"s\"},{\"w\":null}],"
      "\"obj\":{\"k\":[{\"a\":1}]},\"nested\":[[{\"a\":1}]],"
      "\"late\":[{\"x\":false}],\"nul\":null}";
  int n = ingest(doc, &t);
  if (!CHECK_EQ_INT(n, 3)) return;
  CHECK_STR(t[0]->name, "zeta");
  CHECK_STR(t[1]->name, "alpha");
  CHECK_STR(t[2]->name, "late");
  CHECK_EQ_INT(t[0]->row_count, 1);
  CHECK_EQ_INT(t[1]->row_count, 2);
  CHECK_EQ_INT(t[2]->row_count, 1);
  CHECK_EQ_DBL(t[0]->cols[0].num[0], 1);
  CHECK_STR(str_at(t[1], 0, 0), "s");
  CHECK_EQ_INT(t[1]->cols[0].code[1], -1);
  CHECK_EQ_INT(t[2]->cols[0].type, EV_COL_BOOL);
  CHECK_EQ_DBL(t[2]->cols[0].num[0], 0); /* false is 0, not missing */
  free_tables(t, n);

  /* a repeated table name: the last member wins, at its position */
  n = ingest(
      "{\"t\":[{\"a\":1}],\"u\":[{\"b\":2}],\"t\":[{\"c\":3},{\"c\":4}]}", &t);
  if (CHECK_EQ_INT(n, 2)) {
    CHECK_STR(t[0]->name, "u");
    CHECK_STR(t[1]->name, "t");
    CHECK_STR(t[1]->cols[0].name, "c");
    CHECK_EQ_INT(t[1]->row_count, 2);
    free_tables(t, n);
  }

  /* non-ASCII names and values survive as UTF-8 bytes */
  n = ingest("{\"国家\":[{\"名称\":\"匈牙利\",\"iso3\":\"HUN\"}]}", &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_STR(t[0]->name, "国家");
    CHECK_STR(t[0]->cols[0].name, "名称");
    CHECK_STR(str_at(t[0], 0, 0), "匈牙利");
    free_tables(t, n);
  }
  /* \u escapes are decoded to UTF-8 (U+00E9 é, U+4E2D 中, U+1F600 as a
   * surrogate pair -> F0 9F 98 80) */
  n = ingest("[{\"s\":\"\\u00e9\\u4e2d\\ud83d\\ude00\"}]", &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_STR(str_at(t[0], 0, 0), "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
    free_tables(t, n);
  }
}

static void test_types(void) {
  ev_table **t;
  /* a column's type is that of its first non-null value; all-null -> number;
   * nested values -> json holding compact JSON text */
  const char *doc =
      "[{\"n\":null,\"s\":null,\"b\":null,\"j\":null,\"allnull\":null},\n"
      " {\"n\":2.5,\"s\":\"x\",\"b\":false,\"j\":[ 1 , \"two\" , {\"k\" : "
      "null} ],"
      "\"allnull\":null},\n"
      " {\"j\":{\"a\":[true,false],\"b\":\"\xC3\xA9\\\"q\",\"c\":0.1,\"d\":"
      "1e21}},\n"
      " {\"j\":[],\"b\":true},\n"
      " {\"j\":{}}]";
  int n = ingest(doc, &t);
  if (!CHECK_EQ_INT(n, 1)) return;
  ev_table *tb = t[0];
  CHECK_EQ_INT(tb->row_count, 5);
  CHECK_EQ_INT(tb->col_count, 5);
  CHECK_EQ_INT(tb->cols[0].type, EV_COL_NUMBER);
  CHECK_EQ_INT(tb->cols[1].type, EV_COL_STRING);
  CHECK_EQ_INT(tb->cols[2].type, EV_COL_BOOL);
  CHECK_EQ_INT(tb->cols[3].type, EV_COL_JSON);
  CHECK_EQ_INT(tb->cols[4].type, EV_COL_NUMBER); /* all null */
  CHECK_STR(tb->cols[4].name, "allnull");
  for (int r = 0; r < 5; r++) CHECK_EQ_DBL(tb->cols[4].num[r], NAN);
  /* n: NaN, 2.5, NaN, NaN, NaN */
  CHECK_EQ_DBL(tb->cols[0].num[0], NAN);
  CHECK_EQ_DBL(tb->cols[0].num[1], 2.5);
  CHECK_EQ_DBL(tb->cols[0].num[4], NAN);
  /* s: missing, "x", missing... */
  CHECK_EQ_INT(tb->cols[1].code[0], -1);
  CHECK_STR(str_at(tb, 1, 1), "x");
  CHECK_EQ_INT(tb->cols[1].code[2], -1);
  /* b: NaN, 0, NaN, 1, NaN */
  CHECK_EQ_DBL(tb->cols[2].num[0], NAN);
  CHECK_EQ_DBL(tb->cols[2].num[1], 0);
  CHECK_EQ_DBL(tb->cols[2].num[2], NAN);
  CHECK_EQ_DBL(tb->cols[2].num[3], 1);
  /* j: compact text, whitespace removed, escapes kept, UTF-8 raw */
  CHECK_EQ_INT(tb->cols[3].code[0], -1);
  CHECK_STR(str_at(tb, 3, 1), "[1,\"two\",{\"k\":null}]");
  CHECK_STR(
      str_at(tb, 3, 2),
      "{\"a\":[true,false],\"b\":\"\xC3\xA9\\\"q\",\"c\":0.1,\"d\":1e+21}");
  CHECK_STR(str_at(tb, 3, 3), "[]");
  CHECK_STR(str_at(tb, 3, 4), "{}");
  free_tables(t, n);

  /* a json column may mix arrays and objects (both are json) */
  n = ingest("[{\"j\":{\"a\":1}},{\"j\":[2]}]", &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_EQ_INT(t[0]->cols[0].type, EV_COL_JSON);
    CHECK_STR(str_at(t[0], 0, 1), "[2]");
    free_tables(t, n);
  }

  /* numbers: negative, exponent, -0, tiny (underflows to 0, not an error) */
  n = ingest(
      "[{\"x\":-12.75},{\"x\":3e2},{\"x\":-0},{\"x\":1e-400},"
      "{\"x\":1.7976931348623157e308}]",
      &t);
  if (CHECK_EQ_INT(n, 1)) {
    double *x = t[0]->cols[0].num;
    CHECK_EQ_DBL(x[0], -12.75);
    CHECK_EQ_DBL(x[1], 300);
    CHECK(x[2] == 0 && signbit(x[2]));
    CHECK_EQ_DBL(x[3], 0);
    CHECK_EQ_DBL(x[4], 1.7976931348623157e308);
    free_tables(t, n);
  }

  /* rows with no keys make rows with no values */
  n = ingest("[{},{\"a\":1},{}]", &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_EQ_INT(t[0]->row_count, 3);
    CHECK_EQ_INT(t[0]->col_count, 1);
    CHECK_EQ_DBL(t[0]->cols[0].num[0], NAN);
    CHECK_EQ_DBL(t[0]->cols[0].num[1], 1);
    free_tables(t, n);
  }
  n = ingest("[{},{}]", &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_EQ_INT(t[0]->row_count, 2);
    CHECK_EQ_INT(t[0]->col_count, 0);
    free_tables(t, n);
  }
}

static void test_keys(void) {
  ev_table **t;
  /* duplicate keys: the last value wins (also a later null) */
  int n = ingest(
      "[{\"a\":1,\"a\":2,\"s\":\"x\",\"s\":\"y\"},"
      "{\"a\":3,\"a\":null,\"s\":null,\"s\":\"z\"}]",
      &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_EQ_INT(t[0]->col_count, 2);
    CHECK_EQ_DBL(t[0]->cols[0].num[0], 2);
    CHECK_EQ_DBL(t[0]->cols[0].num[1], NAN);
    CHECK_STR(str_at(t[0], 1, 0), "y");
    CHECK_STR(str_at(t[0], 1, 1), "z");
    free_tables(t, n);
  }
  /* keys are case-sensitive: two columns */
  n = ingest("[{\"Year\":1,\"year\":2}]", &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_EQ_INT(t[0]->col_count, 2);
    CHECK_STR(t[0]->cols[0].name, "Year");
    CHECK_STR(t[0]->cols[1].name, "year");
    free_tables(t, n);
  }
  /* the empty key is a column like any other */
  n = ingest("[{\"\":5}]", &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_STR(t[0]->cols[0].name, "");
    CHECK_EQ_DBL(t[0]->cols[0].num[0], 5);
    free_tables(t, n);
  }
}

/* ---- errors ------------------------------------------------------------ */

static void test_parse_errors(void) {
  /* line 4 is `    {"a": tru}`: 4 spaces, { at 5, "a" at 6-8, : at 9,
   * space at 10, the bad literal starts at column 11 */
  EXPECT_ERROR("{\n  \"t\": [\n    {\"a\": 1},\n    {\"a\": tru}\n  ]\n}",
               EV_ERR_PARSE,
               "JSON parse error at line 4, column 11: invalid literal 'tru' "
               "(expected true, false or null)");
  /* missing comma: [ 1, {"a":1} 2-8, space 9, { at 10 */
  EXPECT_ERROR("[{\"a\":1} {\"a\":2}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 10: expected ',' or ']' "
               "after an array element, got '{'");
  /* CRLF: \r is a byte of its line; line 3 is " x" -> column 2 */
  EXPECT_ERROR("[\r\n{\"a\":1},\r\n x]", EV_ERR_PARSE,
               "JSON parse error at line 3, column 2: invalid literal 'x' "
               "(expected true, false or null)");
  /* columns count bytes: "中" is 3 bytes (3-5), so x is at byte 9 */
  EXPECT_ERROR("[\"\xE4\xB8\xAD\", x]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 9: invalid literal 'x' "
               "(expected true, false or null)");
  /* unterminated string: reported at its opening quote (column 7) */
  EXPECT_ERROR("[{\"a\":\"abc", EV_ERR_PARSE,
               "JSON parse error at line 1, column 7: unterminated string");
  /* unclosed array/object: reported at the end of the input */
  EXPECT_ERROR("[{\"a\":1}", EV_ERR_PARSE,
               "JSON parse error at line 1, column 9: unexpected end of input "
               "(expected ',' or ']')");
  EXPECT_ERROR("{", EV_ERR_PARSE,
               "JSON parse error at line 1, column 2: unexpected end of input "
               "(expected a string key or '}')");
  EXPECT_ERROR("x", EV_ERR_PARSE,
               "JSON parse error at line 1, column 1: invalid literal 'x' "
               "(expected true, false or null)");
  /* keys that do not start with a quote: the column of that byte */
  EXPECT_ERROR("[{'a':1}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 3: expected a string key or "
               "'}', got \"'\" (JSON strings need straight double quotes)");
  EXPECT_ERROR("{1:2}", EV_ERR_PARSE,
               "JSON parse error at line 1, column 2: expected a string key or "
               "'}', got '1'");
  EXPECT_ERROR("{,}", EV_ERR_PARSE,
               "JSON parse error at line 1, column 2: expected a string key or "
               "'}', got ','");
  EXPECT_ERROR("[{\"a\":1,\n   x:2}]", EV_ERR_PARSE,
               "JSON parse error at line 2, column 4: expected a string key "
               "after ',', got 'x'");
  /* a trailing comma in an object: the } where a key should be (col 9) */
  EXPECT_ERROR("[{\"a\":1,}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 9: expected a string key "
               "after ',', got '}'");
  EXPECT_ERROR("{\"t\":[{\"a\":1,}]}  ", EV_ERR_PARSE,
               "JSON parse error at line 1, column 14: expected a string key "
               "after ',', got '}'");
  /* ...and in an array: the ] where a value should be */
  EXPECT_ERROR("[{\"a\":1},]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 10: expected a value after "
               "',', got ']'");
  /* values are reported where they fail: [1,2x] at x (col 5); ["{",x] at
   * x (col 6): a brace in a string opens nothing; {"a":[1,2x]} at x (col
   * 10); [{"a":"b"x}] at x (col 10) */
  EXPECT_ERROR("[1,2x]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 5: expected ',' or ']' "
               "after an array element, got 'x'");
  EXPECT_ERROR("[\"{\",x]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 6: invalid literal 'x' "
               "(expected true, false or null)");
  EXPECT_ERROR("{\"a\":[1,2x]}", EV_ERR_PARSE,
               "JSON parse error at line 1, column 10: expected ',' or ']' "
               "after an array element, got 'x'");
  EXPECT_ERROR("[{\"a\":\"b\"x}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 10: expected ',' or '}' "
               "after an object member, got 'x'");
  /* a trailing backslash inside a string at the very end of the input */
  EXPECT_ERROR("[{\"a\":\"\\", EV_ERR_PARSE,
               "JSON parse error at line 1, column 7: unterminated string");
  /* bare NaN / Infinity are not JSON: [ { "x" : then N at column 7 */
  EXPECT_ERROR("[{\"x\":NaN}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 7: invalid literal 'NaN' "
               "(expected true, false or null)");
  EXPECT_ERROR("[{\"x\":Infinity}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 7: invalid literal "
               "'Infinity' (expected true, false or null)");
  EXPECT_ERROR("[{\"x\":-Infinity}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 8: expected a digit after "
               "'-'");

  /* trailing garbage: [{"a":1}] is 9 bytes, space, x at column 11 */
  EXPECT_ERROR("[{\"a\":1}] x", EV_ERR_PARSE,
               "JSON parse error at line 1, column 11: unexpected data after "
               "the end of the JSON value");
  EXPECT_ERROR("[{\"a\":1}]\n\n  ]", EV_ERR_PARSE,
               "JSON parse error at line 3, column 3: unexpected data after "
               "the end of the JSON value");
  EXPECT_ERROR("{\"t\":[{\"a\":1}]}{}", EV_ERR_PARSE,
               "JSON parse error at line 1, column 16: unexpected data after "
               "the end of the JSON value");
  /* a NUL byte after the value is data too (len says so) */
  expect_error_n("[{\"a\":1}]\0", 10, EV_ERR_PARSE,
                 "JSON parse error at line 1, column 10: unexpected data "
                 "after the end of the JSON value",
                 __LINE__);

  /* empty input: located at its end, like any end of input */
  EXPECT_ERROR("", EV_ERR_PARSE,
               "JSON parse error at line 1, column 1: the input is empty");
  EXPECT_ERROR(" \n\t\r ", EV_ERR_PARSE,
               "JSON parse error at line 2, column 4: the input holds no JSON "
               "value, only whitespace");
  ev_table **t = (ev_table **)&t;
  ev_error_reset();
  CHECK_EQ_INT(ev_ingest_json(NULL, 0, &t), EV_ERR_PARSE);
  CHECK(t == NULL);
  ev_error_reset();
  CHECK_EQ_INT(ev_ingest_json(NULL, 5, &t), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_ingest_json("[]", 2, NULL), EV_ERR_ARG);
  ev_error_reset();
}

static void test_shape_errors(void) {
  const char *no_tables =
      "no tables found: expected an array of records, or an object whose "
      "members are arrays of records";
  EXPECT_ERROR("[]", EV_ERR_SHAPE,
               "the document is an empty array: no records to make a table "
               "from");
  EXPECT_ERROR(" [ ]\n", EV_ERR_SHAPE,
               "the document is an empty array: no records to make a table "
               "from");
  EXPECT_ERROR("{\"title\":\"x\",\"n\":[1,2],\"e\":[],\"o\":{}}", EV_ERR_SHAPE,
               no_tables);
  EXPECT_ERROR("{}", EV_ERR_SHAPE, no_tables);
  /* an array whose FIRST element is not an object is not a table member */
  EXPECT_ERROR("{\"t\":[1,{\"a\":1}]}", EV_ERR_SHAPE, no_tables);
  /* a later plain member shadows an earlier table of the same name */
  EXPECT_ERROR("{\"t\":[{\"a\":1}],\"t\":\"replaced\"}", EV_ERR_SHAPE,
               no_tables);
  EXPECT_ERROR("42", EV_ERR_SHAPE,
               "the document is a number, not a table: expected an array of "
               "records, or an object whose members are arrays of records");
  EXPECT_ERROR("\"text\"", EV_ERR_SHAPE,
               "the document is a string, not a table: expected an array of "
               "records, or an object whose members are arrays of records");
  EXPECT_ERROR("null", EV_ERR_SHAPE, NULL);
  EXPECT_ERROR("true", EV_ERR_SHAPE, NULL);

  /* non-object rows, 1-based */
  EXPECT_ERROR("[{\"a\":1},2]", EV_ERR_SHAPE,
               "table 'data' row 2: expected an object (a record), got number");
  EXPECT_ERROR("[[1]]", EV_ERR_SHAPE,
               "table 'data' row 1: expected an object (a record), got array");
  EXPECT_ERROR("{\"x\":\"y\",\"t\":[{\"a\":1},{\"a\":2},null]}", EV_ERR_SHAPE,
               "table 't' row 3: expected an object (a record), got null");
  /* an error in the second table frees the first */
  EXPECT_ERROR("{\"ok\":[{\"a\":1}],\"bad\":[{\"a\":1},\"s\"]}", EV_ERR_SHAPE,
               "table 'bad' row 2: expected an object (a record), got string");
}

static void test_type_errors(void) {
  EXPECT_ERROR(
      "{\"info\":\"x\",\"projects\":[\n"
      " {\"company\":\"CATL\",\"usd_bn\":2},\n"
      " {\"company\":\"BYD\",\"usd_bn\":null},\n"
      " {\"company\":\"Gotion\",\"usd_bn\":\"1.5\"}]}",
      EV_ERR_TYPE,
      "table 'projects' row 3, column 'usd_bn': expected number, got "
      "string \"1.5\" (numbers must not be quoted; use null for a "
      "missing value)");
  EXPECT_ERROR("[{\"s\":\"x\"},{\"s\":true}]", EV_ERR_TYPE,
               "table 'data' row 2, column 's': expected string, got boolean");
  EXPECT_ERROR("[{\"b\":true},{\"b\":0}]", EV_ERR_TYPE,
               "table 'data' row 2, column 'b': expected boolean, got number");
  EXPECT_ERROR("[{\"n\":1},{\"n\":{\"v\":1}}]", EV_ERR_TYPE,
               "table 'data' row 2, column 'n': expected number, got object");
  EXPECT_ERROR("[{\"j\":[1]},{\"j\":\"x\"}]", EV_ERR_TYPE,
               "table 'data' row 2, column 'j': expected json, got string "
               "\"x\"");
  /* the type comes from the first non-null value, even in a later row */
  EXPECT_ERROR("[{\"v\":null},{\"v\":\"a\"},{\"v\":1}]", EV_ERR_TYPE,
               "table 'data' row 3, column 'v': expected string, got number");
  /* a duplicate key is type-checked too */
  EXPECT_ERROR("[{\"a\":1,\"a\":\"x\"}]", EV_ERR_TYPE, NULL);
  /* "NaN" and "Infinity" are strings, not numbers */
  EXPECT_ERROR("[{\"x\":1},{\"x\":\"NaN\"}]", EV_ERR_TYPE,
               "table 'data' row 2, column 'x': expected number, got string "
               "\"NaN\" (numbers must not be quoted; use null for a missing "
               "value)");
  EXPECT_ERROR("[{\"x\":1},{\"x\":\"Infinity\"}]", EV_ERR_TYPE,
               "table 'data' row 2, column 'x': expected number, got string "
               "\"Infinity\" (numbers must not be quoted; use null for a "
               "missing value)");
  EXPECT_ERROR("[{\"x\":1},{\"x\":\"-Infinity\"}]", EV_ERR_TYPE, NULL);
  /* a long string is quoted to 40 bytes, never cutting a UTF-8 character:
   * 20 x 3-byte characters = 60 bytes -> 13 whole characters (39 bytes) */
  EXPECT_ERROR(
      "[{\"n\":1},{\"n\":\"一二三四五六七八九十一二三四五六七八九十\"}]",
      EV_ERR_TYPE,
      "table 'data' row 2, column 'n': expected number, got string "
      "\"一二三四五六七八九十一二三\" (numbers must not be quoted; use "
      "null for a missing value)");
  /* ASCII: exactly the first 40 bytes */
  EXPECT_ERROR(
      "[{\"n\":1},{\"n\":\"0123456789012345678901234567890123456789XYZ\"}]",
      EV_ERR_TYPE,
      "table 'data' row 2, column 'n': expected number, got string "
      "\"0123456789012345678901234567890123456789\" (numbers must not "
      "be quoted; use null for a missing value)");

  /* numbers that overflow a double */
  EXPECT_ERROR("[{\"x\":1},{\"x\":1e400}]", EV_ERR_RANGE,
               "table 'data' row 2, column 'x': number out of range (overflows "
               "a 64-bit float)");
  EXPECT_ERROR("{\"t\":[{\"y\":-1e400}]}", EV_ERR_RANGE,
               "table 't' row 1, column 'y': number out of range (overflows a "
               "64-bit float)");
  /* ...also inside a nested value (cJSON would print it as null) */
  EXPECT_ERROR("[{\"j\":[1,{\"k\":[2,1e400]}]}]", EV_ERR_RANGE,
               "table 'data' row 1, column 'j': number out of range (overflows "
               "a 64-bit float) in the nested value");
  EXPECT_ERROR("[{\"j\":{\"a\":{}}},{\"j\":[[[[-1e999]]]]}]", EV_ERR_RANGE,
               "table 'data' row 2, column 'j': number out of range (overflows "
               "a 64-bit float) in the nested value");
}

/* ---- JSON edge cases (README "Errors"; json_doc.h) --------------------- */

static void test_json_decisions(void) {
  ev_table **t;
  /* a UTF-8 byte order mark at the start is skipped */
  int n = ingest("\xEF\xBB\xBF[{\"a\":1}]", &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_EQ_DBL(t[0]->cols[0].num[0], 1);
    free_tables(t, n);
  }
  /* ...and counts in columns: [ at 4, { at 5, "a" 6-8, : 9, x at 10 */
  EXPECT_ERROR("\xEF\xBB\xBF[{\"a\":x}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 10: invalid literal 'x' "
               "(expected true, false or null)");

  /* numbers: overflow to infinity is RANGE in a column, whatever its
   * spelling; underflow is 0; long integers are the nearest double */
  EXPECT_ERROR("[{\"x\":1.5e+9999}]", EV_ERR_RANGE,
               "table 'data' row 1, column 'x': number out of range "
               "(overflows a 64-bit float)");
  EXPECT_ERROR("[{\"x\":-123123e100000}]", EV_ERR_RANGE, NULL);
  EXPECT_ERROR("[{\"x\":1},{\"x\":0.4e006699999999999999999999999}]",
               EV_ERR_RANGE,
               "table 'data' row 2, column 'x': number out of range "
               "(overflows a 64-bit float)");
  n = ingest(
      "[{\"x\":123e-10000000},{\"x\":100000000000000000000},"
      "{\"x\":-237462374673276894279832749832423479823246327846},"
      "{\"x\":123.456e-789}]",
      &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_EQ_DBL(t[0]->cols[0].num[0], 0);
    CHECK_EQ_DBL(t[0]->cols[0].num[1], 1e20);
    CHECK_EQ_DBL(t[0]->cols[0].num[2], -2.3746237467327689e47);
    CHECK_EQ_DBL(t[0]->cols[0].num[3], 0);
    free_tables(t, n);
  }
  /* ...and an infinite number in an ignored member is not looked at */
  n = ingest("{\"note\":1e999,\"t\":[{\"a\":1}]}", &t);
  if (CHECK_EQ_INT(n, 1)) free_tables(t, n);

  /* \u0000: refused (RANGE) wherever it is, at the escape, never cut
   * short: in a value, a key, an ignored member */
  EXPECT_ERROR("[{\"a\":\"x\\u0000y\"}]", EV_ERR_RANGE,
               "a \\u0000 escape (U+0000, NUL) at line 1, column 9: the "
               "engine does not accept NUL characters in strings");
  EXPECT_ERROR("[{\"a\\u0000b\":1,\"a\":2}]", EV_ERR_RANGE,
               "a \\u0000 escape (U+0000, NUL) at line 1, column 5: the "
               "engine does not accept NUL characters in strings");
  EXPECT_ERROR("{\"note\":\"\\u0000\",\n\"t\":[{\"a\":1}]}", EV_ERR_RANGE,
               "a \\u0000 escape (U+0000, NUL) at line 1, column 10: the "
               "engine does not accept NUL characters in strings");
  /* ...after the shape: what is not a table says so first (SHAPE) */
  EXPECT_ERROR("[\"\\u0000\"]", EV_ERR_SHAPE,
               "table 'data' row 1: expected an object (a record), got "
               "string");
  EXPECT_ERROR("{\"t\":[{\"a\":\"\\u0000\"},7]}", EV_ERR_SHAPE,
               "table 't' row 2: expected an object (a record), got number");
  EXPECT_ERROR("{\"foo\\u0000bar\": 42}", EV_ERR_SHAPE,
               "no tables found: expected an array of records, or an object "
               "whose members are arrays of records");
  EXPECT_ERROR("\"\\u0000\"", EV_ERR_SHAPE, NULL);
  /* ...while other escapes of control characters are kept */
  n = ingest("[{\"s\":\"\\u0001\\u001f\\t\"}]", &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_STR(str_at(t[0], 0, 0), "\x01\x1F\t");
    free_tables(t, n);
  }

  /* invalid UTF-8 and lone surrogates: PARSE, at the byte / escape */
  EXPECT_ERROR("[{\"s\":\"caf\xE9\"}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 11: invalid UTF-8 byte "
               "0xE9 in a string");
  EXPECT_ERROR("[{\"s\xFF\":1}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 5: invalid UTF-8 byte "
               "0xFF in a string");
  EXPECT_ERROR("[{\"s\":\"\\uD83D\"}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 8: lone surrogate \\uD83D "
               "in a string");
  EXPECT_ERROR("[{\"s\":\"\\uDE00\\uD83D\"}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 8: lone surrogate \\uDE00 "
               "in a string");
  /* what cJSON alone let through */
  EXPECT_ERROR("[{\"a\":012}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 7: leading zero in a "
               "number");
  EXPECT_ERROR("[{\"a\":2.}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 9: expected a digit after "
               "the decimal point");
  EXPECT_ERROR("[{\"a\":\"line\nbreak\"}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 12: control character "
               "U+000A in a string");
  EXPECT_ERROR("[{\"a\":\"\\u00G9\"}]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 8: invalid \\u escape "
               "(expected 4 hex digits)");
  EXPECT_ERROR("[{\"a\":1}\f]", EV_ERR_PARSE,
               "JSON parse error at line 1, column 9: expected ',' or ']' "
               "after an array element, got control character U+000C");
  expect_error_n("[{\"a\":1},\0{\"a\":2}]", 17, EV_ERR_PARSE,
                 "JSON parse error at line 1, column 10: expected a value "
                 "after ',', got control character U+0000",
                 __LINE__);
}

/* "[{\"a\":" + depth-2 '[' + ']'s + "}]": total nesting `depth` */
static char *nested_doc(int depth, size_t *len) {
  int inner = depth - 2;
  char *s = malloc((size_t)inner * 2 + 16);
  size_t n = 0;
  n += (size_t)sprintf(s, "[{\"a\":");
  for (int i = 0; i < inner; i++) s[n++] = '[';
  for (int i = 0; i < inner; i++) s[n++] = ']';
  n += (size_t)sprintf(s + n, "}]");
  *len = n;
  return s;
}

static void test_limits(void) {
  ev_table **t;
  size_t len;
  /* 64 levels: root array, row object, 62 nested arrays in the value */
  char *s = nested_doc(64, &len);
  int n = ingest_n(s, len, &t);
  if (CHECK_EQ_INT(n, 1)) {
    CHECK_EQ_INT(t[0]->cols[0].type, EV_COL_JSON);
    CHECK_EQ_INT(ev_dict_len(t[0]->cols[0].dict, 0), 124); /* 62 [ + 62 ] */
    free_tables(t, n);
  }
  free(s);
  /* 65 levels: LIMIT at the 65th bracket: [ 1, { 2, "a" 3-5, : 6, then the
   * 63 inner brackets at 7..69 */
  s = nested_doc(65, &len);
  expect_error_n(s, len, EV_ERR_LIMIT,
                 "JSON nesting deeper than 64 levels at line 1, column 69 "
                 "(limit)",
                 __LINE__);
  free(s);
  /* an object-only nest of 65 on the second line */
  {
    char buf[512];
    size_t k = (size_t)sprintf(buf, "[\n");
    for (int i = 0; i < 64; i++) k += (size_t)sprintf(buf + k, "{\"k\":");
    k += (size_t)sprintf(buf + k, "1");
    for (int i = 0; i < 64; i++) buf[k++] = '}';
    buf[k++] = ']';
    /* line 2: {"k": is 5 bytes, the 64th { (level 65) is at 5*63+1 = 316 */
    expect_error_n(buf, k, EV_ERR_LIMIT,
                   "JSON nesting deeper than 64 levels at line 2, column 316 "
                   "(limit)",
                   __LINE__);
  }
  /* the first error in the input wins: a syntax error before a too-deep
   * nest is a PARSE error (here "x" at column 2), not LIMIT */
  {
    char buf[128];
    size_t k = (size_t)sprintf(buf, "[x");
    for (int i = 0; i < 70; i++) buf[k++] = '[';
    expect_error_n(buf, k, EV_ERR_PARSE,
                   "JSON parse error at line 1, column 2: invalid literal 'x' "
                   "(expected true, false or null)",
                   __LINE__);
    /* ...and a too-deep nest before a syntax error is LIMIT (column 65) */
    k = 0;
    for (int i = 0; i < 70; i++) buf[k++] = '[';
    buf[k++] = 'x';
    expect_error_n(buf, k, EV_ERR_LIMIT,
                   "JSON nesting deeper than 64 levels at line 1, column 65 "
                   "(limit)",
                   __LINE__);
  }
  /* brackets inside strings do not count */
  {
    char buf[256];
    size_t k = (size_t)sprintf(buf, "[{\"a\":\"");
    for (int i = 0; i < 100; i++) buf[k++] = '[';
    k += (size_t)sprintf(buf + k, "\\\"{\"}]");
    n = ingest_n(buf, k, &t);
    if (CHECK_EQ_INT(n, 1)) {
      CHECK_EQ_INT(ev_dict_len(t[0]->cols[0].dict, 0), 102); /* 100 [ " { */
      free_tables(t, n);
    }
  }

  /* input size: EV_MAX_INPUT_BYTES is accepted; one more byte is LIMIT,
   * decided before parsing (the oversized input is not even JSON) */
  {
    size_t big = EV_MAX_INPUT_BYTES;
    char *b = malloc(big + 1);
    memset(b, ' ', big + 1);
    memcpy(b, "[{\"a\":1}]", 9);
    ev_error_reset();
    n = ev_ingest_json(b, big, &t);
    if (CHECK_EQ_INT(n, 1)) free_tables(t, n);
    memset(b, '!', big + 1);
    expect_error_n(b, big + 1, EV_ERR_LIMIT,
                   "input is 16777217 bytes, over the limit of 16777216 bytes",
                   __LINE__);
    free(b);
  }

  /* columns: 256 are fine; a 257th is LIMIT, in the row that adds it */
  {
    char *b = malloc(EV_MAX_COLUMNS * 16 + 64);
    size_t k = (size_t)sprintf(b, "[{");
    for (int i = 0; i < EV_MAX_COLUMNS; i++)
      k += (size_t)sprintf(b + k, "%s\"c%d\":%d", i ? "," : "", i, i);
    k += (size_t)sprintf(b + k, "}]");
    n = ingest_n(b, k, &t);
    if (CHECK_EQ_INT(n, 1)) {
      CHECK_EQ_INT(t[0]->col_count, 256);
      CHECK_STR(t[0]->cols[255].name, "c255");
      CHECK_EQ_DBL(t[0]->cols[255].num[0], 255);
      free_tables(t, n);
    }
    k -= 2;
    k += (size_t)sprintf(b + k, "},{\"c0\":1,\"extra\":1}]");
    expect_error_n(b, k, EV_ERR_LIMIT,
                   "table 'data' row 2: more than 256 columns (limit)",
                   __LINE__);
    free(b);
  }

  /* names: 256 bytes fine, 257 LIMIT (column and table) */
  {
    char name[300], b[700];
    memset(name, 'n', sizeof name);
    name[256] = '\0';
    snprintf(b, sizeof b, "{\"%s\":[{\"%s\":1}]}", name, name);
    n = ingest(b, &t);
    if (CHECK_EQ_INT(n, 1)) {
      CHECK_EQ_INT(strlen(t[0]->name), 256);
      free_tables(t, n);
    }
    name[256] = 'n';
    name[257] = '\0';
    snprintf(b, sizeof b, "[{\"%s\":1}]", name);
    EXPECT_ERROR(b, EV_ERR_LIMIT,
                 "table 'data' row 1: a column name is 257 bytes long (limit "
                 "256)");
    snprintf(b, sizeof b, "{\"%s\":[{\"a\":1}]}", name);
    EXPECT_ERROR(b, EV_ERR_LIMIT, "a table name is 257 bytes long (limit 256)");
  }

  /* tables: 64 fine, 65 LIMIT */
  {
    char b[2048];
    size_t k = (size_t)sprintf(b, "{");
    for (int i = 0; i < EV_MAX_TABLES; i++)
      k += (size_t)sprintf(b + k, "%s\"t%d\":[{\"v\":%d}]", i ? "," : "", i, i);
    b[k++] = '}';
    n = ingest_n(b, k, &t);
    if (CHECK_EQ_INT(n, 64)) {
      CHECK_STR(t[63]->name, "t63");
      CHECK_EQ_DBL(t[63]->cols[0].num[0], 63);
      free_tables(t, n);
    }
    k--;
    k += (size_t)sprintf(b + k, ",\"t64\":[{\"v\":64}]}");
    expect_error_n(b, k, EV_ERR_LIMIT,
                   "more than 64 tables in the document (limit)", __LINE__);
  }

  /* rows: EV_MAX_ROWS fine, one more LIMIT */
  {
    size_t rows = EV_MAX_ROWS + 1;
    char *b = malloc(rows * 3 + 8);
    size_t k = 0;
    b[k++] = '[';
    for (size_t i = 0; i < rows; i++) {
      memcpy(b + k, "{},", 3);
      k += 3;
    }
    b[k - 1] = ']';
    expect_error_n(b, k, EV_ERR_LIMIT,
                   "table 'data': more than 1000000 rows (limit)", __LINE__);
    b[k - 4] = ']'; /* drop the last "{}" */
    n = ingest_n(b, k - 3, &t);
    if (CHECK_EQ_INT(n, 1)) {
      CHECK_EQ_INT(t[0]->row_count, EV_MAX_ROWS);
      free_tables(t, n);
    }
    free(b);
  }
}

/* ---- robustness -------------------------------------------------------- */

static uint64_t rng_state;
static uint64_t rng(void) { /* xorshift64* with a fixed seed */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ull;
}

/* Any outcome must be a documented status with a message, or tables. */
static int outcome_ok(int n, ev_table **t) {
  if (n > 0) {
    free_tables(t, n);
    return ev_error_status() == EV_OK;
  }
  return t == NULL && n == ev_error_status() && ev_error_message()[0] &&
         (n == EV_ERR_PARSE || n == EV_ERR_SHAPE || n == EV_ERR_TYPE ||
          n == EV_ERR_RANGE || n == EV_ERR_LIMIT);
}

static void test_random(void) {
  ev_table **t;
  /* 10 MB of pseudo-random bytes: a clean PARSE error */
  size_t len = 10 * 1024 * 1024;
  char *b = malloc(len);
  rng_state = 0x9E3779B97F4A7C15ull;
  for (size_t i = 0; i < len; i += 8) {
    uint64_t r = rng();
    memcpy(b + i, &r, 8);
  }
  int n = ingest_n(b, len, &t);
  CHECK_EQ_INT(n, EV_ERR_PARSE);
  CHECK(strncmp(ev_error_message(), "JSON parse error at line ", 25) == 0);
  /* the same bytes starting like a document, then a byte that cannot start
   * a value (cJSON would skip a random byte <= 0x20 as whitespace) */
  memcpy(b, "[{\"a\":!", 7);
  n = ingest_n(b, len, &t);
  CHECK_EQ_INT(n, EV_ERR_PARSE);
  CHECK(strncmp(ev_error_message(), "JSON parse error at line 1, column 7",
                36) == 0);
  free(b);
  check_good_ingest(__LINE__);

  /* 3000 short documents from JSON's own alphabet */
  static const char alphabet[] = "[]{}\",:0123456789.-+eE tfnrulase\\/u\n";
  char doc[64];
  int ok = 1;
  for (int i = 0; i < 3000; i++) {
    size_t k = 1 + rng() % sizeof doc;
    for (size_t j = 0; j < k; j++)
      doc[j] = alphabet[rng() % (sizeof alphabet - 1)];
    n = ingest_n(doc, k, &t);
    ok &= outcome_ok(n, t);
  }
  CHECK(ok);

  /* 3000 mutations (1-3 bytes replaced) of a valid document */
  static const char valid[] =
      "{\"t\":[{\"a\":1,\"s\":\"x\",\"b\":true,\"j\":[1,{\"k\":null}]},"
      "{\"a\":-2.5e3,\"s\":null,\"b\":false,\"j\":{}}],\"u\":[{\"z\":0}]}";
  ok = 1;
  int parsed = 0;
  for (int i = 0; i < 3000; i++) {
    size_t k = sizeof valid - 1;
    char *m = malloc(k);
    memcpy(m, valid, k);
    int flips = 1 + (int)(rng() % 3);
    for (int f = 0; f < flips; f++) m[rng() % k] = (char)(rng() % 256);
    n = ingest_n(m, k, &t);
    parsed += n > 0;
    ok &= outcome_ok(n, t);
    free(m);
  }
  CHECK(ok);
  CHECK(parsed > 0); /* some mutations (inside strings) stay valid */
  check_good_ingest(__LINE__);
}

int main(void) {
  test_bare_array();
  test_object_tables();
  test_types();
  test_keys();
  test_parse_errors();
  test_shape_errors();
  test_type_errors();
  test_json_decisions();
  test_limits();
  test_random();
  return check_summary("test_ingest_json");
}
