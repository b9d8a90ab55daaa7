/* test_table_io.c — table export and checked import (wasm/table_io.c). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ingest_json.h"
#include "status.h"
#include "table.h"
#include "table_io.h"

static const char *DOC =
    "{\"title\":\"t\",\"projects\":["
    "{\"year\":2021,\"country\":\"Hungary\",\"usd_bn\":7.3,\"approximate\":"
    "false,"
    "\"tags\":[1,\"a\"]},"
    "{\"year\":2022,\"country\":\"Thailand\",\"usd_bn\":null,\"approximate\":"
    "true,"
    "\"tags\":{\"k\":\"\\u00e9\"}},"
    "{\"year\":2023,\"country\":\"Hungary\",\"usd_bn\":-0.5,\"note\":"
    "\"\\u4e2d\\u6587\"},"
    "{\"year\":2024,\"country\":null,\"usd_bn\":1e300,\"approximate\":false}"
    "],\"other\":[{\"x\":1}]}";

static int same_table(const ev_table *a, const ev_table *b) {
  if (strcmp(a->name, b->name) || a->row_count != b->row_count ||
      a->col_count != b->col_count)
    return 0;
  for (int32_t c = 0; c < a->col_count; c++) {
    const ev_column *x = &a->cols[c], *y = &b->cols[c];
    if (strcmp(x->name, y->name) || x->type != y->type) return 0;
    for (int32_t r = 0; r < a->row_count; r++) {
      if (x->num) {
        if (memcmp(&x->num[r], &y->num[r], 8)) return 0;
      } else {
        if (x->code[r] != y->code[r]) return 0;
      }
    }
    if (x->dict) {
      if (ev_dict_count(x->dict) != ev_dict_count(y->dict)) return 0;
      for (int32_t k = 0; k < ev_dict_count(x->dict); k++) {
        size_t n = ev_dict_len(x->dict, k);
        if (n != ev_dict_len(y->dict, k) ||
            memcmp(ev_dict_str(x->dict, k), ev_dict_str(y->dict, k), n))
          return 0;
      }
    }
  }
  return 1;
}

static ev_table **ingest(int *out_n) {
  ev_table **tables = NULL;
  ev_error_reset();
  *out_n = ev_ingest_json(DOC, strlen(DOC), &tables);
  return tables;
}

static void free_tables(ev_table **tables, int n) {
  for (int i = 0; i < n; i++) ev_table_free(tables[i]);
  free(tables);
}

static void test_round_trip(void) {
  int n;
  ev_table **tables = ingest(&n);
  CHECK_EQ_INT(n, 2);
  for (int i = 0; i < n; i++) {
    uint8_t *buf;
    size_t len;
    CHECK_EQ_INT(ev_table_export(tables[i], &buf, &len), EV_OK);
    CHECK_EQ_INT((long long)len, ev_table_export_size(tables[i]));
    CHECK(memcmp(buf, "EVT1", 4) == 0);
    ev_table *back = NULL;
    CHECK_EQ_INT(ev_table_import(buf, len, &back), EV_OK);
    CHECK(back && same_table(tables[i], back));
    /* the exported form is canonical */
    uint8_t *again;
    size_t len2;
    CHECK_EQ_INT(ev_table_export(back, &again, &len2), EV_OK);
    CHECK(len2 == len && memcmp(again, buf, len) == 0);
    free(again);
    ev_table_free(back);
    free(buf);
  }
  /* the types came through: number, string, boolean, json */
  ev_table *t = tables[0];
  CHECK_EQ_INT(t->cols[ev_table_find(t, "country")].type, EV_COL_STRING);
  CHECK_EQ_INT(t->cols[ev_table_find(t, "approximate")].type, EV_COL_BOOL);
  CHECK_EQ_INT(t->cols[ev_table_find(t, "tags")].type, EV_COL_JSON);
  free_tables(tables, n);
}

static void test_empty_table(void) {
  ev_error_reset();
  ev_table *t = ev_table_new("", 0);
  CHECK(t != NULL);
  CHECK_EQ_INT(ev_table_add_column(t, "s", EV_COL_STRING, NULL), 0);
  uint8_t *buf;
  size_t len;
  CHECK_EQ_INT(ev_table_export(t, &buf, &len), EV_OK);
  CHECK_EQ_INT((long long)len, 4 + 4 + 4 + 4 + 4 + 4 + 4 + 1 + 4);
  ev_table *back;
  CHECK_EQ_INT(ev_table_import(buf, len, &back), EV_OK);
  CHECK(same_table(t, back));
  ev_table_free(back);
  free(buf);
  ev_table_free(t);
}

/* Every prefix of a valid buffer is refused (PARSE), with nothing kept. */
static void test_truncated(void) {
  int n;
  ev_table **tables = ingest(&n);
  uint8_t *buf;
  size_t len;
  CHECK_EQ_INT(ev_table_export(tables[0], &buf, &len), EV_OK);
  int refused = 0;
  for (size_t cut = 0; cut < len; cut++) {
    /* a fresh copy of exactly `cut` bytes, so ASan sees any over-read */
    uint8_t *part = malloc(cut ? cut : 1);
    memcpy(part, buf, cut);
    ev_error_reset();
    ev_table *t = (ev_table *)1;
    int rc = ev_table_import(part, cut, &t);
    if (rc == EV_ERR_PARSE && t == NULL &&
        strstr(ev_error_message(), "table buffer, byte "))
      refused++;
    free(part);
  }
  CHECK_EQ_INT(refused, (long long)len);
  /* a buffer whose header is patched to its cut length ends early inside */
  uint8_t *part = malloc(len - 3);
  memcpy(part, buf, len - 3);
  uint32_t l = (uint32_t)(len - 3);
  memcpy(part + 4, &l, 4); /* little-endian host (x86, WASM) */
  ev_error_reset();
  ev_table *t;
  CHECK_EQ_INT(ev_table_import(part, len - 3, &t), EV_ERR_PARSE);
  CHECK(strstr(ev_error_message(), "the buffer ends early") != NULL);
  free(part);
  free(buf);
  free_tables(tables, n);
}

/* Every single-byte change, and every byte set to 0x00 / 0xFF / 0x80, is
 * either a valid table or a clean error; never a crash or a leak. */
static void test_garbled(void) {
  int n;
  ev_table **tables = ingest(&n);
  uint8_t *buf;
  size_t len;
  CHECK_EQ_INT(ev_table_export(tables[0], &buf, &len), EV_OK);
  const uint8_t subs[] = {0x00, 0xFF, 0x80, 0x01, 0x7F, 0xC0, 0x22};
  int ok = 0, errors = 0, bad = 0;
  for (size_t i = 0; i < len; i++) {
    for (size_t s = 0; s < sizeof subs; s++) {
      uint8_t *copy = malloc(len);
      memcpy(copy, buf, len);
      if (copy[i] == subs[s]) {
        free(copy);
        continue;
      }
      copy[i] = subs[s];
      ev_error_reset();
      ev_table *t = NULL;
      int rc = ev_table_import(copy, len, &t);
      if (rc == EV_OK && t) {
        ok++;
        ev_table_free(t);
      } else if ((rc == EV_ERR_PARSE || rc == EV_ERR_LIMIT) && !t &&
                 ev_error_message()[0]) {
        errors++;
      } else {
        bad++;
      }
      free(copy);
    }
  }
  CHECK_EQ_INT(bad, 0);
  CHECK(errors > 0 && ok > 0);
  free(buf);
  free_tables(tables, n);
}

/* ---- hand-built buffers, one fault each ---- */

typedef struct {
  uint8_t b[512];
  size_t n;
} mbuf;

static void u32(mbuf *m, uint32_t v) {
  for (int i = 0; i < 4; i++) m->b[m->n++] = (uint8_t)(v >> (8 * i));
}
static void f64(mbuf *m, double d) {
  uint64_t v;
  memcpy(&v, &d, 8);
  for (int i = 0; i < 8; i++) m->b[m->n++] = (uint8_t)(v >> (8 * i));
}
static void str(mbuf *m, const char *s, size_t len) {
  u32(m, (uint32_t)len);
  memcpy(m->b + m->n, s, len);
  m->n += len;
}
static void header(mbuf *m, uint32_t rows, uint32_t cols, const char *name) {
  m->n = 0;
  memcpy(m->b, "EVT1", 4);
  m->n = 4;
  u32(m, 0); /* total, patched by finish */
  u32(m, rows);
  u32(m, cols);
  str(m, name, strlen(name));
}
static void finish(mbuf *m) {
  uint32_t n = (uint32_t)m->n;
  memcpy(m->b + 4, &n, 4);
}

/* Imports m; checks the status and that the message contains `part`. */
static void expect(mbuf *m, int status, const char *part, int line) {
  ev_error_reset();
  ev_table *t = NULL;
  int rc = ev_table_import(m->b, m->n, &t);
  int ok = rc == status && strstr(ev_error_message(), part) != NULL &&
           (status == EV_OK) == (t != NULL);
  if (!ok)
    printf("line %d: status %d, message \"%s\" (wanted %d, \"%s\")\n", line, rc,
           ev_error_message(), status, part);
  CHECK(ok);
  ev_table_free(t);
}
#define EXPECT(m, st, part) expect(m, st, part, __LINE__)

static void string_col(mbuf *m, const char *name, uint32_t type,
                       const char **dict, int k, const int32_t *codes,
                       int rows) {
  u32(m, type);
  str(m, name, strlen(name));
  u32(m, (uint32_t)k);
  for (int i = 0; i < k; i++) str(m, dict[i], strlen(dict[i]));
  for (int i = 0; i < rows; i++) u32(m, (uint32_t)codes[i]);
}

static void test_faults(void) {
  mbuf m;
  const char *dict[] = {"a", "b"};
  const int32_t codes[] = {0, -1, 1};

  header(&m, 3, 1, "t");
  string_col(&m, "s", EV_COL_STRING, dict, 2, codes, 3);
  finish(&m);
  EXPECT(&m, EV_OK, "");

  m.b[0] = 'X';
  EXPECT(&m, EV_ERR_PARSE, "byte 0: not an exported table");

  header(&m, 3, 1, "t");
  string_col(&m, "s", EV_COL_STRING, dict, 2, codes, 3);
  finish(&m);
  m.b[m.n++] = 0; /* the header still says the old length */
  EXPECT(&m, EV_ERR_PARSE, "byte 4: the header says");
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "1 bytes after the last column");

  const int32_t out_of_dict[] = {0, 2, 1};
  header(&m, 3, 1, "t");
  string_col(&m, "s", EV_COL_STRING, dict, 2, out_of_dict, 3);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE,
         "table 't', column 's': row 2: code 2 is outside its dictionary of 2 "
         "strings");

  const int32_t negative[] = {0, -2, 1};
  header(&m, 3, 1, "t");
  string_col(&m, "s", EV_COL_STRING, dict, 2, negative, 3);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "code -2 is outside");

  const char *dup[] = {"a", "a"};
  header(&m, 3, 1, "t");
  string_col(&m, "s", EV_COL_STRING, dup, 2, codes, 3);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "dictionary entry 1 repeats an earlier one");

  const char *bad_utf8[] = {"a", "\xC3\x28"};
  header(&m, 3, 1, "t");
  string_col(&m, "s", EV_COL_STRING, bad_utf8, 2, codes, 3);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "dictionary entry 1: invalid UTF-8 byte 0xC3");

  const char *surrogate[] = {"a", "\xED\xA0\x80"};
  header(&m, 3, 1, "t");
  string_col(&m, "s", EV_COL_STRING, surrogate, 2, codes, 3);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "invalid UTF-8 byte 0xED");

  header(&m, 3, 1, "t");
  u32(&m, EV_COL_STRING);
  str(&m, "s", 1);
  u32(&m, 2);
  str(&m, "a", 1);
  str(&m, "x\0y", 3);
  for (int i = 0; i < 3; i++) u32(&m, (uint32_t)codes[i]);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "holds a NUL byte");

  header(&m, 3, 1, "t");
  u32(&m, EV_COL_STRING);
  str(&m, "s", 1);
  u32(&m, 4); /* 4 strings for 3 rows */
  for (int i = 0; i < 4; i++) str(&m, "abcd" + i, 1);
  for (int i = 0; i < 3; i++) u32(&m, (uint32_t)codes[i]);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "a dictionary of 4 strings for 3 rows");

  const char *json_ok[] = {"[1,\"a\"]", "{\"k\":null}"};
  header(&m, 3, 1, "t");
  string_col(&m, "j", EV_COL_JSON, json_ok, 2, codes, 3);
  finish(&m);
  EXPECT(&m, EV_OK, "");

  const char *json_bad[] = {"[1,\"a\"]", "{\"k\":01}"};
  header(&m, 3, 1, "t");
  string_col(&m, "j", EV_COL_JSON, json_bad, 2, codes, 3);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "dictionary entry 1: JSON parse error");

  const char *json_scalar[] = {"1", "[]"};
  header(&m, 3, 1, "t");
  string_col(&m, "j", EV_COL_JSON, json_scalar, 2, codes, 3);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "dictionary entry 0: not a JSON array or object");

  header(&m, 2, 1, "t");
  u32(&m, 9);
  str(&m, "x", 1);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "column 1: unknown column type 9");

  header(&m, 2, 1, "t");
  u32(&m, EV_COL_BOOL);
  str(&m, "b", 1);
  f64(&m, 1.0);
  f64(&m, 2.0);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "column 'b': row 2: boolean stored as 2");

  header(&m, 2, 1, "t");
  u32(&m, EV_COL_NUMBER);
  str(&m, "n", 1);
  f64(&m, NAN);
  f64(&m, -INFINITY);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "row 2: infinite number");

  header(&m, 1, 2, "t");
  u32(&m, EV_COL_NUMBER);
  str(&m, "n", 1);
  f64(&m, 1);
  u32(&m, EV_COL_NUMBER);
  str(&m, "n", 1);
  f64(&m, 2);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "column 2: a second column named 'n'");

  header(&m, EV_MAX_ROWS + 1, 0, "t");
  finish(&m);
  EXPECT(&m, EV_ERR_LIMIT, "byte 8: 1000001 rows is over the limit");

  header(&m, 0, EV_MAX_COLUMNS + 1, "t");
  finish(&m);
  EXPECT(&m, EV_ERR_LIMIT, "columns is over the limit");

  /* huge counts with few bytes: refused before anything is allocated */
  header(&m, EV_MAX_ROWS, 200, "t");
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "200 columns cannot fit");
  header(&m, EV_MAX_ROWS, 1, "t");
  u32(&m, EV_COL_NUMBER);
  str(&m, "n", 1);
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "the buffer ends early (1000000 rows need 8000000");

  m.n = 0;
  memcpy(m.b, "EVT1", 4);
  m.n = 4;
  u32(&m, 0);
  u32(&m, 0);
  u32(&m, 0);
  u32(&m, EV_MAX_NAME_BYTES + 1);
  finish(&m);
  EXPECT(&m, EV_ERR_LIMIT, "the table name is 257 bytes long");

  header(&m, 0, 0, "\xFF");
  finish(&m);
  EXPECT(&m, EV_ERR_PARSE, "byte 20: the table name: invalid UTF-8 byte 0xFF");

  EXPECT(&(mbuf){.n = 0}, EV_ERR_PARSE, "byte 0: the buffer ends early");
}

int main(void) {
  test_round_trip();
  test_empty_table();
  test_truncated();
  test_garbled();
  test_faults();
  return check_summary("test_table_io");
}
