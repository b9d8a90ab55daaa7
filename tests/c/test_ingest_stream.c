/* test_ingest_stream.c — the stream path (wasm/ingest_stream.c) against the
 * tree path (wasm/ingest_json.c), differentially.
 *
 * For every input both paths run; the stream path is fed in several
 * chunkings (whole, one byte at a time, two bytes, random splits) and must
 * give exactly the tree path's tables (names, column order, types, every
 * number bit for bit, codes, dictionaries) or exactly its error (status and
 * message). Inputs: hand-written fixtures for every message, the datasets,
 * every JSONTestSuite file as a document and as a record's value, hostile
 * limits, generated tables and mutated generated tables. Chunks are
 * exact-size heap copies, so ASan reports any read past a chunk. Cancels
 * at every chunk boundary of some inputs leave nothing (LeakSanitizer). */
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "ingest_json.h"
#include "ingest_stream.h"
#include "status.h"
#include "stream_columns.h"

/* ---- an allocator that can fail (as tests/c/test_nomem.c) -------------- */

#include "failing_alloc.h"

static uint64_t g_rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(void) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 7;
  g_rng ^= g_rng << 17;
  return (uint32_t)(g_rng >> 11);
}

static int g_docs, g_runs, g_tables_equal, g_errors_equal;

typedef struct {
  int rc;
  char msg[600];
  ev_table **t;
  int n;
} result;

static void result_free(result *r) {
  for (int i = 0; i < r->n; i++) ev_table_free(r->t[i]);
  free(r->t);
  r->t = NULL;
  r->n = 0;
}

static void run_tree(const char *buf, size_t len, result *r) {
  char *copy = malloc(len ? len : 1);
  if (len) memcpy(copy, buf, len);
  ev_error_reset();
  r->t = NULL;
  r->n = 0;
  int n = ev_ingest_json(copy, len, &r->t);
  free(copy);
  r->rc = n < 0 ? n : 0;
  r->n = n < 0 ? 0 : n;
  snprintf(r->msg, sizeof r->msg, "%s", ev_error_message());
}

/* The size run_stream gives ev_stream_open: 0 the input's length, 1
 * unknown (NAN), 2 a quarter of it, 3 four times it (a wrong size may cost
 * memory or time, never a different table). */
static int g_total_mode;

/* mode: 0 whole, 1 one byte at a time, 2 two bytes, 3 random splits,
 * 4 random small splits (1..7 bytes). */
static void run_stream(const char *buf, size_t len, int mode, result *r) {
  ev_stream *s;
  ev_error_reset();
  r->t = NULL;
  r->n = 0;
  double total = g_total_mode == 1 ? NAN
                 : g_total_mode == 2 ? (double)(len / 4)
                 : g_total_mode == 3 ? 4.0 * (double)len
                                     : (double)len;
  int rc = ev_stream_open(&s, total);
  if (rc < 0) {
    r->rc = rc;
    snprintf(r->msg, sizeof r->msg, "%s", ev_error_message());
    return;
  }
  size_t off = 0;
  while (off < len && rc == EV_OK) {
    size_t k = len - off;
    if (mode == 1) k = 1;
    else if (mode == 2) k = k < 2 ? k : 2;
    else if (mode == 3) k = 1 + rnd() % (k < 64 ? k : k / 2 + 1);
    else if (mode == 4) k = 1 + rnd() % 7;
    if (k > len - off) k = len - off;
    char *chunk = REAL(malloc)(k); /* the harness's own: never failed */
    memcpy(chunk, buf + off, k);
    ev_error_reset();
    rc = ev_stream_feed(s, chunk, k);
    REAL(free)(chunk);
    off += k;
  }
  if (rc == EV_OK) {
    ev_error_reset();
    int32_t n = 0;
    rc = ev_stream_finish(s, &r->t, &n);
    r->n = n;
  }
  r->rc = rc;
  snprintf(r->msg, sizeof r->msg, "%s", rc < 0 ? ev_error_message() : "");
  ev_stream_free(s);
}

/* "" if equal, else what differs. */
static const char *diff_tables(const result *a, const result *b, char *why,
                               size_t cap) {
  if (a->n != b->n) return snprintf(why, cap, "table count %d vs %d", a->n, b->n), why;
  for (int i = 0; i < a->n; i++) {
    const ev_table *x = a->t[i], *y = b->t[i];
    if (strcmp(x->name, y->name) || x->row_count != y->row_count ||
        x->col_count != y->col_count)
      return snprintf(why, cap, "table %d: name/rows/cols differ ('%s' %d %d vs '%s' %d %d)", i,
                      x->name, x->row_count, x->col_count, y->name, y->row_count,
                      y->col_count),
             why;
    for (int c = 0; c < x->col_count; c++) {
      const ev_column *p = &x->cols[c], *q = &y->cols[c];
      if (strcmp(p->name, q->name) || p->type != q->type)
        return snprintf(why, cap, "table '%s' column %d: '%s' %d vs '%s' %d", x->name, c,
                        p->name, p->type, q->name, q->type),
               why;
      if (p->num) {
        if (!q->num || memcmp(p->num, q->num, (size_t)x->row_count * sizeof(double)))
          return snprintf(why, cap, "column '%s': numbers differ", p->name), why;
      } else {
        if (!q->code || memcmp(p->code, q->code, (size_t)x->row_count * sizeof(int32_t)))
          return snprintf(why, cap, "column '%s': codes differ", p->name), why;
        int32_t nd = ev_dict_count(p->dict);
        if (nd != ev_dict_count(q->dict))
          return snprintf(why, cap, "column '%s': dict sizes differ", p->name), why;
        for (int32_t k = 0; k < nd; k++)
          if (ev_dict_len(p->dict, k) != ev_dict_len(q->dict, k) ||
              memcmp(ev_dict_str(p->dict, k), ev_dict_str(q->dict, k),
                     ev_dict_len(p->dict, k)))
            return snprintf(why, cap, "column '%s': dict entry %d: '%s' vs '%s'", p->name, k,
                            ev_dict_str(p->dict, k), ev_dict_str(q->dict, k)),
                   why;
      }
    }
  }
  return "";
}

/* Both paths on buf[0..len) in every chunking (slow ones only for small
 * inputs); returns 1 if all agreed. */
static int same(const char *label, const char *buf, size_t len) {
  result tree;
  run_tree(buf, len, &tree);
  g_docs++;
  int ok = 1;
  int modes[] = {0, 1, 2, 3, 4, 3};
  for (size_t m = 0; m < sizeof modes / sizeof *modes && ok; m++) {
    int mode = modes[m];
    if ((mode == 1 || mode == 2 || mode == 4) && len > 200000) continue;
    result st;
    run_stream(buf, len, mode, &st);
    g_runs++;
    char why[1400] = "";
    if (st.rc != tree.rc || strcmp(st.msg, tree.msg)) {
      snprintf(why, sizeof why, "error: tree %s \"%s\" vs stream %s \"%s\"",
               ev_status_name(tree.rc), tree.msg, ev_status_name(st.rc), st.msg);
    } else if (tree.rc == 0) {
      diff_tables(&tree, &st, why, sizeof why);
    }
    if (why[0]) {
      printf("%s (mode %d, %zu bytes): %s\n", label, mode, len, why);
      if (len < 300) printf("  input: %.*s\n", (int)len, buf);
      ok = 0;
    } else if (tree.rc == 0) {
      g_tables_equal++;
    } else {
      g_errors_equal++;
    }
    result_free(&st);
  }
  result_free(&tree);
  return ok;
}

#define SAME(s) CHECK(same(s, s, strlen(s)))

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc(n > 0 ? (size_t)n : 1);
  *len = fread(buf, 1, (size_t)n, f);
  fclose(f);
  return buf;
}

/* ---- fixtures ---------------------------------------------------------- */

static const char *fixtures[] = {
    /* tables */
    "[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"},{\"b\":\"x\"}]",
    "{\"title\":\"t\",\"t1\":[{\"a\":1}],\"notes\":[1,2],\"t2\":[{\"b\":true},{\"b\":false,\"c\":null}],\"e\":[]}",
    "[{\"a\":null},{\"a\":null}]",
    "[{\"a\":null},{\"a\":3}]",
    "[{\"a\":1,\"a\":2},{\"a\":3,\"a\":null}]",
    "[{\"a\":\"x\",\"a\":\"y\"}]",
    "{\"t\":[{\"a\":1}],\"t\":[{\"b\":2}]}",
    "{\"t\":[{\"a\":1}],\"u\":[{\"c\":1}],\"t\":5}",
    "{\"t\":[{\"a\":\"x\"},{\"a\":1}],\"t\":[{\"b\":2}]}",
    "[{\"n\":[1,2,{\"x\":null}]},{\"n\":{\"k\":\"v\",\"z\":[]}},{\"n\":null},{\"n\":[]},{\"n\":{}}]",
    "[{\"n\":[1.5e3, -0, 0.1, 1e-400, 123456789012345678901234567890]}]",
    "[{\"n\":[1e400]}]",
    "[{\"n\":{\"a\":[[-1e999]]}}]",
    "[{\"a\":1e400}]",
    "[{\"a\":-1e400}]",
    "[{\"a\":1e-400},{\"a\":-1e-400},{\"a\":-0},{\"a\":-0.0e5}]",
    "[{\"a\":123456789012345678901234567890},{\"a\":9007199254740993},{\"a\":0.1e-5}]",
    "[{\"a\":1.7976931348623157e308},{\"a\":1.7976931348623159e308},{\"a\":4.9e-324},{\"a\":2.4703282292062328e-324}]",
    "[{\"s\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t \xe4\xb8\xad\xf0\x9f\x98\x80\"}]",
    "\xef\xbb\xbf[{\"a\":1}]",
    "\xef\xbb\xbf \n [{\"a\":1}] \r\n",
    "[{\"\":1,\" \":2}]",
    "[{\"a\":true},{\"a\":1}]",
    "[{\"a\":1},{\"a\":\"NaN\"}]",
    "[{\"a\":\"x\"},{\"a\":2}]",
    "[{\"a\":\"x\"},{\"a\":[1]}]",
    "[{\"a\":\"x\"},{\"a\":{}}]",
    "[{\"a\":[1]},{\"a\":\"x\"}]",
    "[{\"a\":[1]},{\"a\":true}]",
    "[{\"a\":1},{\"a\":\"\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\"}]",
    "[{\"a\":1},5]",
    "[{\"a\":1},[2]]",
    "[{\"a\":1},null,{\"a\":\"x\"}]",
    "[{\"a\":\"x\"},{\"a\":1},null]",
    "[1,2]",
    "[[{\"a\":1}]]",
    "[]",
    "{}",
    "{\"a\":[1,2],\"b\":[]}",
    "{\"a\":[[1]]}",
    "\"text\"",
    "42",
    "true",
    "null",
    "  ",
    "",
    "\xef\xbb\xbf",
    "\xef\xbb\xbf  ",
    "\xef\xbb",
    "\xff\xfe[",
    "\xfe\xff",
    "\xff",
    /* syntax errors after semantic ones: the syntax error wins */
    "[{\"a\":1},{\"a\":\"x\"},{\"a\":01}]",
    "[{\"a\":1e400},{\"a\":2.}]",
    "[1,2,x]",
    "{\"t\":[{\"a\":\"\\u0000\"}],\"u\":tru}",
    "[{\"a\":1}] x",
    "[{\"a\":1}],",
    "[{\"a\":1}",
    "[{\"a\":1",
    "[{\"a\":",
    "[{\"a\"",
    "[{\"a",
    "[{",
    "[{\"a\":1,",
    "[{\"a\":1,}",
    "[{\"a\":1}",
    "[",
    "[1,",
    "[1,]",
    "{\"a\" 1}",
    "{1:2}",
    "{\"a\":1,1}",
    "[-]",
    "[-",
    "[0",
    "[1.",
    "[1.]",
    "[1e]",
    "[1e+]",
    "[1e",
    "[1e+",
    "[012]",
    "[-012]",
    "[.5]",
    "[+1]",
    "[1.5e+3x]",
    "[tru]",
    "[truex]",
    "[nul",
    "[NaN]",
    "[Infinity]",
    "[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]",
    "[aaaaaaaaaaaaaaaaaaaaaaaa]",
    "[aaaaaaaaaaaaaaaaaaaaaaaaa]",
    "[\"abc",
    "[\"abc\\",
    "[\"abc\\u12",
    "[\"abc\\u12x4\"]",
    "[\"\\x\"]",
    "[\"\\\x01\"]",
    "[\"\\\xe2\x80\x9c\"]",
    "[\"\\\xe2\x80\"]",
    "[\"\\\xe2\x80",
    "[\"\\\xe2",
    "[\"\\uD800\"]",
    "[\"\\uD800\\\"]",
    "[\"\\uD800\\u",
    "[\"\\uD800\\uD800\"]",
    "[\"\\uD800\\uDC0",
    "[\"\\uD800\\n\"]",
    "[\"\\uD800",
    "[\"\\uDC00\"]",
    "[\"\\uD83D\\uDE00\"]",
    "[\"a\nb\"]",
    "[\"a\tb\"]",
    "[\"\x7f\"]",
    "[\"\x80\"]",
    "[\"\xc0\xaf\"]",
    "[\"\xc2\"]",
    "[\"\xc2",
    "[\"\xe0\x80\x80\"]",
    "[\"\xed\xa0\x80\"]",
    "[\"\xf4\x90\x80\x80\"]",
    "[\"\xf0\x9f\x98\"]",
    "[\"\xf0\x9f\x98",
    "[\"\xe9t\xe9\"]",
    "[\xe2\x80\x9c\"a\"]",
    "{\xe2\x80\x9c:1}",
    "{'a':1}",
    "[1 \xe2\x80\x9c]",
    "[1 \xe2\x80",
    "[1 \xc3",
    "{\"a\"\xc3\xa9}",
    "[\x0c]",
    "[1]\x00",
    "\xef\xbb\xbf\xef\xbb\xbf[1]",
    "[1]\n\n  x",
    "\n\n[\n{\"a\":\n  01}]",
    "[{\"a\":\"\\u0000\"}]",
    "[{\"a\\u0000\":1}]",
    "{\"x\":\"\\u0000\",\"t\":[{\"a\":1},2]}",
    "{\"x\":\"\\u0000\",\"t\":[{\"a\":1}]}",
    "{\"x\":\"\\u0000\"}",
    "\"\\u0000\"",
    "{\"t\\u0000a\":[{\"a\":1}],\"t\":[{\"b\":1},3]}",
    "[{\"a\":1},{\"a\":\"x\"},{\"b\":\"\\u0000\"}]",
    "[{\"a\":\"x\\u0000y\"},{\"a\":1}]",
    "{\"t\":[{\"a\":1},{\"a\":\"x\"}],\"u\":[{\"b\":1},7]}",
    "{\"t\":[{\"a\":1},{\"a\":\"x\"}],\"u\":[{\"b\":1},7],\"t\":0}",
    "[{\"a\":1}]\r\n",
    "\r\n[{\"a\":1},\r\n{\"a\":x}]",
};

static void test_fixtures(void) {
  for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
    char label[32];
    snprintf(label, sizeof label, "fixture %zu", i);
    CHECK(same(label, fixtures[i], strlen(fixtures[i])));
  }
  /* with a NUL byte inside */
  static const char nul_in[] = "[{\"a\":1}]\0";
  CHECK(same("raw NUL after", nul_in, sizeof nul_in - 1));
  static const char nul_str[] = "[\"a\0b\"]";
  CHECK(same("raw NUL in string", nul_str, sizeof nul_str - 1));
}

/* Messages are the tree path's; spot-check a few so that the differential
 * cannot pass with two wrong paths. */
static void test_messages(void) {
  result r;
  const char *doc = "[{\"a\":1},{\"a\":\"x\"},{\"a\":01}]";
  run_stream(doc, strlen(doc), 1, &r);
  CHECK_EQ_INT(r.rc, EV_ERR_PARSE);
  CHECK_STR(r.msg, "JSON parse error at line 1, column 25: leading zero in a number");
  doc = "[{\"a\":1},{\"a\":\"NaN\"}]";
  run_stream(doc, strlen(doc), 3, &r);
  CHECK_EQ_INT(r.rc, EV_ERR_TYPE);
  CHECK_STR(r.msg,
            "table 'data' row 2, column 'a': expected number, got string \"NaN\" "
            "(numbers must not be quoted; use null for a missing value)");
  doc = "[{\"a\":1},{\"b\":\"\\u0000\"}, 3]";
  run_stream(doc, strlen(doc), 1, &r);
  CHECK_EQ_INT(r.rc, EV_ERR_SHAPE);
  CHECK_STR(r.msg, "table 'data' row 3: expected an object (a record), got number");
  doc = "[1 \xe2\x80\x9c]";
  run_stream(doc, strlen(doc), 1, &r);
  CHECK_STR(r.msg,
            "JSON parse error at line 1, column 4: expected ',' or ']' after an array "
            "element, got '\xe2\x80\x9c' (U+201C) (JSON strings need straight double quotes)");
  doc = "[{\"a\":1.5,\"s\":\"\\u00e9\",\"b\":false,\"n\":[1,{\"x\":2}]}]";
  run_stream(doc, strlen(doc), 1, &r);
  CHECK_EQ_INT(r.rc, 0);
  CHECK_EQ_INT(r.n, 1);
  if (r.n == 1) {
    CHECK_EQ_DBL(r.t[0]->cols[0].num[0], 1.5);
    CHECK_STR(ev_dict_str(r.t[0]->cols[1].dict, 0), "\xc3\xa9");
    CHECK_EQ_DBL(r.t[0]->cols[2].num[0], 0.0);
    CHECK_STR(ev_dict_str(r.t[0]->cols[3].dict, 0), "[1,{\"x\":2}]");
  }
  result_free(&r);
}

/* ---- files ------------------------------------------------------------- */

static void test_file(const char *path) {
  size_t len;
  char *buf = read_file(path, &len);
  if (!buf) {
    printf("# cannot read %s (skipped)\n", path);
    return;
  }
  CHECK(same(path, buf, len));
  free(buf);
}

static int g_suite_files;

static void test_suite_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    printf("# no %s (skipped)\n", dir);
    return;
  }
  struct dirent *e;
  int bad = 0;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    size_t len;
    char *buf = read_file(path, &len);
    if (!buf) continue;
    g_suite_files++;
    if (!same(path, buf, len)) bad++;
    /* as a record's value */
    char *w = malloc(len + 16);
    memcpy(w, "[{\"v\":", 6);
    memcpy(w + 6, buf, len);
    memcpy(w + 6 + len, "}]", 2);
    if (!same(path, w, len + 8)) bad++;
    /* as a table member's first row value, after a type-setting row */
    memcpy(w, "{\"t\":[{\"v\":", 11);
    memcpy(w + 11, buf, len);
    memcpy(w + 11 + len, "}]}", 3);
    if (!same(path, w, len + 14)) bad++;
    free(w);
    free(buf);
  }
  closedir(d);
  CHECK_EQ_INT(bad, 0);
}

/* ---- hostile limits ---------------------------------------------------- */

static char *repeat(const char *pre, const char *unit, int n, const char *post,
                    size_t *len) {
  size_t a = strlen(pre), u = strlen(unit), z = strlen(post);
  char *b = malloc(a + u * (size_t)n + z + 1);
  memcpy(b, pre, a);
  for (int i = 0; i < n; i++) memcpy(b + a + u * (size_t)i, unit, u);
  memcpy(b + a + u * (size_t)n, post, z + 1);
  *len = a + u * (size_t)n + z;
  return b;
}

static void test_limits(void) {
  size_t len;
  char *b;
  /* depth 64 ok-ish and 65 too deep, in records and bare */
  for (int d = 62; d <= 66; d++) {
    char *open = repeat("[{\"a\":", "[", d - 3, "", &len);
    char *doc = malloc(len + (size_t)d + 8);
    memcpy(doc, open, len);
    for (int i = 0; i < d - 3; i++) doc[len + (size_t)i] = ']';
    memcpy(doc + len + d - 3, "}]", 3);
    CHECK(same("depth in record", doc, strlen(doc)));
    free(doc);
    free(open);
    b = repeat("", "[", d, "", &len);
    CHECK(same("bare depth", b, len));
    free(b);
  }
  b = repeat("", "{\"a\":", 70, "", &len);
  CHECK(same("object depth", b, len));
  free(b);
  /* a key of 256 and of 257 bytes */
  for (int k = 255; k <= 258; k++) {
    char *key = repeat("[{\"", "k", k, "\":1}]", &len);
    CHECK(same("long key", key, len));
    free(key);
    char *tn = repeat("{\"", "t", k, "\":[{\"a\":1}]}", &len);
    CHECK(same("long table name", tn, len));
    free(tn);
  }
  /* 256 and 257 columns */
  for (int n = 255; n <= 258; n++) {
    char *doc = malloc((size_t)n * 16 + 16);
    size_t p = 0;
    doc[p++] = '[';
    doc[p++] = '{';
    for (int i = 0; i < n; i++) p += (size_t)sprintf(doc + p, "%s\"c%d\":%d", i ? "," : "", i, i);
    p += (size_t)sprintf(doc + p, "},{\"x\":1}]");
    CHECK(same("columns", doc, p));
    free(doc);
  }
  /* 64 and 65 tables, and shadowing around the limit */
  for (int n = 63; n <= 66; n++) {
    char *doc = malloc((size_t)n * 32 + 64);
    size_t p = 0;
    doc[p++] = '{';
    for (int i = 0; i < n; i++) p += (size_t)sprintf(doc + p, "%s\"t%d\":[{\"a\":%d}]", i ? "," : "", i, i);
    if (n == 66) p += (size_t)sprintf(doc + p, ",\"t0\":1,\"t1\":2");
    doc[p++] = '}';
    CHECK(same("tables", doc, p));
    free(doc);
  }
  /* 1,000,000 rows and one more */
  for (int n = EV_MAX_ROWS; n <= EV_MAX_ROWS + 1; n++) {
    b = repeat("[", "{},", n - 1, "{\"a\":1}]", &len);
    CHECK(same("rows", b, len));
    free(b);
  }
  /* too many rows beats an earlier type error; a syntax error beats both */
  b = repeat("[{\"a\":1},{\"a\":\"x\"},", "{},", EV_MAX_ROWS, "{}]", &len);
  CHECK(same("rows over type", b, len));
  b[len - 2] = 'x';
  CHECK(same("syntax over rows", b, len));
  free(b);
  /* the stream's own limit is refused before any work */
  ev_stream *s = (ev_stream *)1;
  ev_error_reset();
  CHECK_EQ_INT(ev_stream_open(&s, (double)EV_STREAM_MAX_INPUT_BYTES + 1), EV_ERR_LIMIT);
  CHECK(s == NULL);
  CHECK(strstr(ev_error_message(), "over the limit") != NULL);
  ev_error_reset();
  CHECK_EQ_INT(ev_stream_open(&s, (double)EV_STREAM_MAX_INPUT_BYTES), EV_OK);
  ev_stream_free(s);
  ev_error_reset();
  CHECK_EQ_INT(ev_stream_open(&s, -1), EV_ERR_ARG);
  /* 300,000 top-level tables, each shadowed by a later member but the
   * last 65: shadowing is looked up by name, not by a scan (the tree
   * path's scan is quadratic; it is compared on small inputs above) */
  {
    size_t cap = 300000 * 48 + 64, p = 0;
    char *doc = malloc(cap);
    doc[p++] = '{';
    for (int i = 0; i < 300000; i++)
      p += (size_t)sprintf(doc + p, "%s\"t%d\":[{\"a\":%d}]", i ? "," : "", i, i);
    for (int i = 0; i < 300000 - 65; i++) p += (size_t)sprintf(doc + p, ",\"t%d\":0", i);
    doc[p++] = '}';
    result r;
    run_stream(doc, p, 3, &r);
    CHECK_EQ_INT(r.rc, EV_ERR_LIMIT);
    CHECK_STR(r.msg, "more than 64 tables in the document (limit)");
    /* one more shadowed: 64 tables, the last 64 in document order */
    p--;
    p += (size_t)sprintf(doc + p, ",\"t%d\":0}", 300000 - 65);
    run_stream(doc, p, 0, &r);
    CHECK_EQ_INT(r.rc, 0);
    CHECK_EQ_INT(r.n, 64);
    if (r.n == 64) {
      CHECK_STR(r.t[0]->name, "t299936");
      CHECK_EQ_DBL(r.t[63]->cols[0].num[0], 299999.0);
    }
    result_free(&r);
    free(doc);
  }
  /* and inputs over 16 MiB go through the stream path alone */
  b = repeat("[", "{\"a\":1.25,\"b\":\"x\"},", EV_MAX_ROWS - 1, "{\"a\":2,\"b\":\"y\"}]", &len);
  CHECK(len > EV_MAX_INPUT_BYTES);
  result r;
  run_stream(b, len, 3, &r);
  CHECK_EQ_INT(r.rc, 0);
  if (r.rc == 0) {
    CHECK_EQ_INT(r.t[0]->row_count, EV_MAX_ROWS);
    CHECK_EQ_DBL(r.t[0]->cols[0].num[EV_MAX_ROWS - 2], 1.25);
    CHECK_EQ_DBL(r.t[0]->cols[0].num[EV_MAX_ROWS - 1], 2.0);
    CHECK_EQ_INT(ev_dict_count(r.t[0]->cols[1].dict), 2);
  }
  result_free(&r);
  free(b);
}

/* ---- numbers ----------------------------------------------------------- */

static void test_numbers(void) {
  char doc[20000];
  int bad = 0;
  for (int round = 0; round < 300; round++) {
    size_t p = (size_t)sprintf(doc, "[");
    for (int i = 0; i < 60; i++) {
      char num[400];
      uint64_t bits = ((uint64_t)rnd() << 32) ^ rnd() ^ ((uint64_t)rnd() << 11);
      double d;
      memcpy(&d, &bits, sizeof d);
      switch (rnd() % 8) {
        case 0:
          if (!isfinite(d)) d = 1.5;
          sprintf(num, "%.17g", d);
          break;
        case 1:
          if (!isfinite(d)) d = 2.5;
          sprintf(num, "%.15g", d);
          break;
        case 2: sprintf(num, "%u.%u", rnd() % 100000, rnd()); break;
        case 3: sprintf(num, "%u%u%u", rnd(), rnd(), rnd() % 1000); break;
        case 4: sprintf(num, "%ue%d", rnd() % 1000, (int)(rnd() % 700) - 350); break;
        case 5: sprintf(num, "0.%09u%09ue-%u", rnd() % 1000000000, rnd() % 1000000000, rnd() % 330); break;
        case 6: {
          int nd = 1 + (int)(rnd() % 300);
          size_t q = 0;
          num[q++] = (char)('1' + rnd() % 9);
          for (int k = 1; k < nd; k++) num[q++] = (char)('0' + rnd() % 10);
          if (rnd() % 2) {
            num[q++] = '.';
            num[q++] = (char)('0' + rnd() % 10);
          }
          sprintf(num + q, "e%d", (int)(rnd() % 80) - 340);
          break;
        }
        default: sprintf(num, "%d", (int)rnd()); break;
      }
      /* strict JSON: "%.17g" can print 1e+300 style, fine; no "inf" */
      p += (size_t)sprintf(doc + p, "%s{\"n\":%s%s}", i ? "," : "", rnd() % 2 ? "-" : "", num);
    }
    p += (size_t)sprintf(doc + p, "]");
    if (!same("numbers", doc, p)) bad++;
  }
  CHECK_EQ_INT(bad, 0);
}

/* ---- generated tables -------------------------------------------------- */

static size_t gen_value(char *o, int depth, int kind) {
  switch (kind) {
    case 0: return (size_t)sprintf(o, "%d.%d", (int)(rnd() % 2000) - 1000, (int)(rnd() % 1000));
    case 1: {
      static const char *strs[] = {"a", "b", "Europe", "\\u00e9t\\u00e9", "\xe4\xb8\xad\xe5\x9b\xbd",
                                   "q\\\"uote", "tab\\t", "\\ud83d\\ude00", "", "NaN"};
      return (size_t)sprintf(o, "\"%s\"", strs[rnd() % 10]);
    }
    case 2: return (size_t)sprintf(o, "%s", rnd() % 2 ? "true" : "false");
    case 3: return (size_t)sprintf(o, "null");
    default:
      if (depth > 3) return (size_t)sprintf(o, "[]");
      if (rnd() % 2) {
        size_t p = (size_t)sprintf(o, "[");
        int n = (int)(rnd() % 4);
        for (int i = 0; i < n; i++) {
          if (i) o[p++] = ',';
          p += gen_value(o + p, depth + 1, (int)(rnd() % 5));
        }
        return p + (size_t)sprintf(o + p, "]");
      } else {
        size_t p = (size_t)sprintf(o, "{");
        int n = (int)(rnd() % 4);
        for (int i = 0; i < n; i++) {
          p += (size_t)sprintf(o + p, "%s\"k%d\" : ", i ? ", " : "", (int)(rnd() % 3));
          p += gen_value(o + p, depth + 1, (int)(rnd() % 5));
        }
        return p + (size_t)sprintf(o + p, "}");
      }
  }
}

/* A random document: one or more tables of records whose columns mostly
 * keep a type; sometimes a wrong type, a duplicate key, a non-record. */
static size_t gen_doc(char *o, int strict_types) {
  size_t p = 0;
  int object = rnd() % 2;
  int ntables = object ? 1 + (int)(rnd() % 3) : 1;
  if (object) p += (size_t)sprintf(o + p, "{\"title\":\"x\",");
  for (int t = 0; t < ntables; t++) {
    if (object) p += (size_t)sprintf(o + p, "%s\"t%d\":", t ? ",\n" : "", (int)(rnd() % 3));
    o[p++] = '[';
    int ncols = 1 + (int)(rnd() % 6);
    int types[8];
    for (int c = 0; c < ncols; c++) types[c] = (int)(rnd() % 5);
    int nrows = 1 + (int)(rnd() % 12);
    for (int r = 0; r < nrows; r++) {
      if (r) p += (size_t)sprintf(o + p, rnd() % 4 ? "," : ",\r\n ");
      if (!strict_types && rnd() % 40 == 0) {
        p += gen_value(o + p, 1, (int)(rnd() % 5));
        continue;
      }
      o[p++] = '{';
      int first = 1;
      for (int c = 0; c < ncols; c++) {
        if (rnd() % 5 == 0) continue;
        int kind = rnd() % 6 == 0 ? 3 : types[c];
        if (!strict_types && rnd() % 30 == 0) kind = (int)(rnd() % 5);
        p += (size_t)sprintf(o + p, "%s\"c%d\":", first ? "" : ",", c);
        p += gen_value(o + p, 1, kind);
        first = 0;
        if (rnd() % 15 == 0) {
          p += (size_t)sprintf(o + p, ",\"c%d\":", c);
          p += gen_value(o + p, 1, rnd() % 2 ? 3 : types[c]);
        }
      }
      o[p++] = '}';
    }
    o[p++] = ']';
  }
  if (object) o[p++] = '}';
  o[p] = '\0';
  return p;
}

static void test_generated(void) {
  static char doc[200000];
  int bad = 0;
  for (int i = 0; i < 1500; i++) {
    size_t len = gen_doc(doc, i % 2);
    if (!same("generated", doc, len)) bad++;
    /* mutations: one byte changed, deleted or the text cut short */
    for (int m = 0; m < 3; m++) {
      static char mut[200010];
      memcpy(mut, doc, len);
      size_t at = rnd() % len, mlen = len;
      static const char bytes[] = "{}[],:\"\\ 01-.eEtfnu\x80\xc3\xe2\x00\n";
      switch (m) {
        case 0: mut[at] = bytes[rnd() % (sizeof bytes - 1)]; break;
        case 1:
          memmove(mut + at, mut + at + 1, len - at - 1);
          mlen--;
          break;
        default: mlen = at; break;
      }
      if (!same("mutated", mut, mlen)) bad++;
    }
  }
  CHECK_EQ_INT(bad, 0);
}

/* ---- column sizing from the input's size (ev_cand_size_hint) ---------- */

/* A table of n records whose length changes along the table (shape 0: all
 * alike, 1: short first then long, 2: long first then short), with a
 * string, a number, a boolean column and sometimes a missing key. */
static size_t gen_sized(char *o, int n, int shape) {
  size_t p = (size_t)sprintf(o, "[");
  for (int r = 0; r < n; r++) {
    int longer = shape == 1 ? r > n / 3 : shape == 2 ? r < n / 3 : 0;
    p += (size_t)sprintf(o + p, "%s{\"s\":\"%s%d\",\"v\":%d.%02d", r ? "," : "",
                         longer ? "a much longer string value here " : "c", (int)(rnd() % 40),
                         (int)(rnd() % 10000), (int)(rnd() % 100));
    if (rnd() % 7) p += (size_t)sprintf(o + p, ",\"f\":%s", rnd() % 2 ? "true" : "false");
    if (longer) p += (size_t)sprintf(o + p, ",\"pad\":\"%s\"", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    o[p++] = '}';
  }
  o[p++] = ']';
  o[p] = '\0';
  return p;
}

/* The capacities one candidate goes through for n rows of per_row bytes
 * each from offset 1 (no columns: only the sizing rule runs). Returns the
 * number of distinct capacities; *last = the final one. */
static int cap_steps(double total, int n, double per_row, int32_t *last) {
  ev_cand c;
  if (ev_cand_init(&c, "t") != EV_OK) return -1;
  ev_cand_size_hint(&c, total);
  int steps = 0;
  int32_t cap = 0, row;
  for (int r = 0; r < n; r++) {
    if (ev_cand_row_start(&c, 1, "object", 1 + r * per_row, &row) != EV_OK) break;
    if (c.row_cap != cap) steps++, cap = c.row_cap;
  }
  *last = cap;
  ev_cand_free(&c);
  return steps;
}

static void test_sizing(void) {
  /* the rule: doubling from 16 while few rows are read, then one step to
   * the rows the rest of the input holds (plus 1/16 and 16) */
  int32_t last;
  CHECK_EQ_INT(cap_steps(0, 1000, 100, &last), 7); /* no size: 16 .. 1024 */
  CHECK_EQ_INT(last, 1024);
  CHECK_EQ_INT(cap_steps(1 + 1000 * 100.0, 1000, 100, &last), 6); /* 16 .. 256, then one */
  CHECK(last >= 1000 && last <= 1000 + 1000 / 16 + 16 + 1);
  printf("# sizing: 1000 rows of 100 bytes, input size known: capacity %d in 6 steps\n", (int)last);
  /* a size far past the rows the row limit allows stops at the limit + 1 */
  CHECK_EQ_INT(cap_steps(1e9, 300, 10, &last), 6);
  CHECK_EQ_INT(last, EV_MAX_ROWS + 1);
  /* a size smaller than the bytes read: doubling */
  CHECK_EQ_INT(cap_steps(1000, 1000, 100, &last), 7);
  CHECK_EQ_INT(last, 1024);
  /* records getting longer: the first estimate is too large (the table
   * gives the rest back when built); getting shorter: it is too small, and
   * more steps follow, each at least 1/8 larger */
  CHECK_EQ_INT(cap_steps(1 + 300 * 10.0 + 700 * 100.0, 1000, 10, &last), 6);
  CHECK(last > 5000 && last <= EV_MAX_ROWS + 1);
  int steps = cap_steps(1 + 300 * 100.0 + 700 * 10.0, 1000, 100, &last);
  CHECK(steps > 6 && last >= 1000);

  /* tables, errors and dictionaries do not depend on the size given: the
   * differential test on tables of thousands of rows with every size mode */
  static char doc[400000];
  int bad = 0;
  for (int shape = 0; shape < 3; shape++) {
    for (int n = 300; n <= 4000; n *= 3) {
      size_t len = gen_sized(doc, n, shape);
      for (g_total_mode = 0; g_total_mode < 4; g_total_mode++) {
        if (!same("sized", doc, len)) bad++;
        /* cut short: the error (and its memory) with the size still saying more */
        if (!same("sized, cut", doc, len - len / 3)) bad++;
      }
      g_total_mode = 0;
    }
  }
  CHECK_EQ_INT(bad, 0);
}

/* ---- cancel ------------------------------------------------------------ */

static void test_cancel(void) {
  const char *docs[] = {
      "{\"t\":[{\"a\":1,\"s\":\"x\\u00e9\",\"n\":[1,{\"b\":2}]},{\"a\":2,\"s\":\"y\"}],\"u\":[{\"c\":true}]}",
      "[{\"a\":\"x\"},{\"a\":1},{\"b\":\"\\ud83d\\ude00\"},3]",
      "[{\"a\":1},{\"a\":tru",
  };
  int cancels = 0;
  for (size_t d = 0; d < 3; d++) {
    size_t len = strlen(docs[d]);
    for (size_t k = 0; k <= len; k++) {
      ev_stream *s;
      ev_error_reset();
      if (ev_stream_open(&s, NAN) != EV_OK) continue;
      for (size_t i = 0; i < k; i++) {
        char c = docs[d][i];
        ev_stream_feed(s, &c, 1);
      }
      CHECK(ev_stream_bytes(s) == (double)k);
      ev_stream_free(s);
      cancels++;
    }
  }
  CHECK(cancels > 100);
  /* progress, and feeding after finish */
  ev_stream *s;
  ev_error_reset();
  CHECK_EQ_INT(ev_stream_open(&s, NAN), EV_OK);
  CHECK_EQ_INT(ev_stream_feed(s, "[{\"a\":1},{\"a\":2}", 16), EV_OK);
  CHECK_EQ_INT(ev_stream_rows(s), 2);
  CHECK_EQ_INT(ev_stream_feed(s, "]", 1), EV_OK);
  ev_table **t;
  int32_t n;
  CHECK_EQ_INT(ev_stream_finish(s, &t, &n), EV_OK);
  CHECK_EQ_INT(n, 1);
  for (int i = 0; i < n; i++) ev_table_free(t[i]);
  free(t);
  ev_error_reset();
  CHECK_EQ_INT(ev_stream_feed(s, "x", 1), EV_ERR_ARG);
  ev_stream_free(s);
  /* an error sticks: feed and finish repeat it */
  ev_error_reset();
  ev_stream_open(&s, NAN);
  CHECK_EQ_INT(ev_stream_feed(s, "[x,", 3), EV_ERR_PARSE);
  char first[600];
  snprintf(first, sizeof first, "%s", ev_error_message());
  ev_error_reset();
  CHECK_EQ_INT(ev_stream_feed(s, "]", 1), EV_ERR_PARSE);
  CHECK_STR(ev_error_message(), first);
  ev_error_reset();
  CHECK_EQ_INT(ev_stream_finish(s, &t, &n), EV_ERR_PARSE);
  CHECK_STR(ev_error_message(), first);
  CHECK(t == NULL && n == 0);
  ev_stream_free(s);
  ev_stream_free(NULL);
}

/* Every allocation of a stream ingest failing in turn (once, and from then
 * on): a clean NOMEM with a message (or, for a failure that does not end
 * the ingest, the normal result), nothing left allocated. */
static void test_nomem(void) {
  static const char *docs[] = {
      "{\"title\":\"x\",\"t\":[{\"a\":1.5,\"s\":\"caf\\u00e9\",\"n\":[1,{\"b\":2}],\"k\":true},"
      "{\"a\":2,\"s\":\"y\",\"n\":null}],\"u\":[{\"c\":\"z\"}],\"u\":[{\"d\":3}]}",
      "[{\"a\":1},{\"a\":\"x\"},{\"b\":[1]}]",
  };
  /* and a table past EV_CAND_ESTIMATE_ROWS rows: its columns are sized
   * from the input's size and given back at the end */
  static char sized[40000];
  gen_sized(sized, EV_CAND_ESTIMATE_ROWS + 40, 0);
  for (size_t d = 0; d < 3; d++) {
    const char *doc = d < 2 ? docs[d] : sized;
    size_t len = strlen(doc);
    result clean;
    run_stream(doc, len, 4, &clean);
    int want = clean.rc;
    result_free(&clean);
    g_count = 0;
    g_fail_at = LONG_MAX;
    result r;
    run_stream(doc, len, 4, &r);
    g_fail_at = 0;
    result_free(&r);
    long total = g_count;
    int bad = 0, nomem = 0;
    for (int rest = 0; rest < 2; rest++) {
      for (long k = 1; k <= total; k++) {
        long live = g_live;
        g_count = 0;
        g_injected = 0;
        g_fail_rest = rest;
        g_fail_at = k;
        run_stream(doc, len, 4, &r);
        g_fail_at = 0;
        int ok = r.rc == want || (r.rc == EV_ERR_NOMEM && r.msg[0]);
        if (r.rc == EV_ERR_NOMEM) nomem++;
        result_free(&r);
        if (!ok || g_live != live) {
          if (!bad) printf("nomem doc %zu alloc %ld (rest %d): rc %d, live %+ld\n", d, k, rest, r.rc, g_live - live);
          bad++;
        }
      }
    }
    CHECK_EQ_INT(bad, 0);
    printf("# nomem sweep, document %zu: %ld allocations, each failing once and from then on: %d NOMEM, %d wrong or leaking\n", d, total, nomem, bad);
    CHECK(total > 10 && nomem > 0);
  }
}

int main(void) {
  test_nomem();
  test_fixtures();
  test_messages();
  test_cancel();
  test_file("data/ev_story.json");
  test_file("../shared/data/ev_going_global.json");
  test_file("../shared/data/ev_series.json");
  test_suite_dir("../shared/jsontestsuite/test_parsing");
  test_suite_dir("../shared/jsontestsuite/test_transform");
  CHECK(g_suite_files >= 300);
  test_numbers();
  test_generated();
  test_limits();
  test_sizing();
  printf("# differential: %d inputs, %d stream runs (%d equal tables, %d equal errors)\n",
         g_docs, g_runs, g_tables_equal, g_errors_equal);
  return check_summary("test_ingest_stream");
}
