/* test_jsontestsuite.c — every JSONTestSuite file through ev_ingest_json,
 * natively under ASan/UBSan (tests/js/jsontestsuite.test.mjs does the same
 * through the WASM builds and compares values with JSON.parse).
 *
 * The files are read at run time from ../shared/jsontestsuite (relative to
 * the repository root, where build.sh runs the tests); without them the
 * test prints a note and checks nothing else. Each file is copied to a heap
 * block of exactly its size, so a read past the end is reported.
 *   y_  accepted by the parser: tables, or SHAPE (not a table);
 *   n_  PARSE, or LIMIT for the two nested past 64 levels, naming a line
 *       and column inside the file;
 *   i_  as pinned in i_expected (as a document, and as the value of a
 *       record: [{"v": <file>}]);
 * and for every file, test_transform's too: a documented status, and the
 * strict check and cJSON agree (cJSON parses whatever the check passes). */
#define _POSIX_C_SOURCE 200809L /* strdup, opendir */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "check.h"
#include "ingest_json.h"
#include "json_strict.h"
#include "status.h"

#define SUITE "../shared/jsontestsuite"

static const struct {
  const char *name;
  int doc, record; /* 1 = tables, else the status */
} i_expected[] = {
    {"i_number_double_huge_neg_exp.json", EV_ERR_SHAPE, 1},
    {"i_number_huge_exp.json", EV_ERR_SHAPE, EV_ERR_RANGE},
    {"i_number_neg_int_huge_exp.json", EV_ERR_SHAPE, EV_ERR_RANGE},
    {"i_number_pos_double_huge_exp.json", EV_ERR_SHAPE, EV_ERR_RANGE},
    {"i_number_real_neg_overflow.json", EV_ERR_SHAPE, EV_ERR_RANGE},
    {"i_number_real_pos_overflow.json", EV_ERR_SHAPE, EV_ERR_RANGE},
    {"i_number_real_underflow.json", EV_ERR_SHAPE, 1},
    {"i_number_too_big_neg_int.json", EV_ERR_SHAPE, 1},
    {"i_number_too_big_pos_int.json", EV_ERR_SHAPE, 1},
    {"i_number_very_big_negative_int.json", EV_ERR_SHAPE, 1},
    {"i_object_key_lone_2nd_surrogate.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_1st_surrogate_but_2nd_missing.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_1st_valid_surrogate_2nd_invalid.json", EV_ERR_PARSE,
     EV_ERR_PARSE},
    {"i_string_UTF-16LE_with_BOM.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_UTF-8_invalid_sequence.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_UTF8_surrogate_U+D800.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_incomplete_surrogate_and_escape_valid.json", EV_ERR_PARSE,
     EV_ERR_PARSE},
    {"i_string_incomplete_surrogate_pair.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_incomplete_surrogates_escape_valid.json", EV_ERR_PARSE,
     EV_ERR_PARSE},
    {"i_string_invalid_lonely_surrogate.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_invalid_surrogate.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_invalid_utf-8.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_inverted_surrogates_U+1D11E.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_iso_latin_1.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_lone_second_surrogate.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_lone_utf8_continuation_byte.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_not_in_unicode_range.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_overlong_sequence_2_bytes.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_overlong_sequence_6_bytes.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_overlong_sequence_6_bytes_null.json", EV_ERR_PARSE,
     EV_ERR_PARSE},
    {"i_string_truncated-utf-8.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_utf16BE_no_BOM.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_string_utf16LE_no_BOM.json", EV_ERR_PARSE, EV_ERR_PARSE},
    {"i_structure_500_nested_arrays.json", EV_ERR_LIMIT, EV_ERR_LIMIT},
    {"i_structure_UTF-8_BOM_empty_object.json", EV_ERR_SHAPE, EV_ERR_PARSE},
};
#define I_COUNT (sizeof i_expected / sizeof *i_expected)

/* The sorted names of the .json files in dir; *count of them. */
static char **list_dir(const char *dir, int *count) {
  DIR *d = opendir(dir);
  *count = 0;
  if (!d) return NULL;
  char **names = NULL;
  int cap = 0;
  for (struct dirent *e; (e = readdir(d));) {
    size_t n = strlen(e->d_name);
    if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0) continue;
    if (*count == cap)
      names =
          realloc(names, (size_t)(cap = cap ? cap * 2 : 256) * sizeof *names);
    names[(*count)++] = strdup(e->d_name);
  }
  closedir(d);
  for (int i = 1; i < *count; i++) /* insertion sort: a few hundred names */
    for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
      char *t = names[j];
      names[j] = names[j - 1];
      names[j - 1] = t;
    }
  return names;
}

static void free_list(char **names, int count) {
  for (int i = 0; i < count; i++) free(names[i]);
  free(names);
}

/* The file's bytes in an exact-size block (wrapped in [{"v": ... }] when
 * wrap is set); NULL if unreadable. */
static char *read_file(const char *dir, const char *name, int wrap,
                       size_t *len) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  const char *pre = wrap ? "[{\"v\":" : "", *post = wrap ? "}]" : "";
  size_t a = strlen(pre), b = strlen(post);
  *len = (size_t)n + a + b;
  char *buf = malloc(*len ? *len : 1);
  memcpy(buf, pre, a);
  if (fread(buf + a, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  } else {
    memcpy(buf + a + n, post, b);
  }
  fclose(f);
  return buf;
}

/* Ingests buf; returns 1 for tables (freed) or the status. */
static int outcome(const char *buf, size_t len) {
  ev_table **t;
  ev_error_reset();
  int n = ev_ingest_json(buf, len, &t);
  if (n <= 0) return n;
  for (int i = 0; i < n; i++) ev_table_free(t[i]);
  free(t);
  return 1;
}

/* 1 if the message's "line L, column C" lies inside buf[0..len). */
static int located_inside(const char *msg, const char *buf, size_t len) {
  const char *at = strstr(msg, "at line ");
  size_t line, col;
  if (!at || sscanf(at, "at line %zu, column %zu", &line, &col) != 2) return 0;
  size_t l = 1, start = 0, end;
  for (size_t i = 0; i < len && l < line; i++)
    if (buf[i] == '\n') l++, start = i + 1;
  if (l != line) return 0;
  for (end = start; end < len && buf[end] != '\n'; end++) continue;
  return col >= 1 && col <= end - start + 1;
}

/* The strict check and cJSON agree on buf: cJSON parses what passes. */
static int check_and_cjson_agree(const char *buf, size_t len) {
  ev_json_scan scan;
  ev_error_reset();
  if (ev_json_strict_check(buf, len, &scan) != EV_OK) return 1;
  cJSON *root =
      cJSON_ParseWithLengthOpts(buf + scan.start, len - scan.start, NULL, 0);
  cJSON_Delete(root);
  return root != NULL;
}

static int documented(int rc) {
  return rc == 1 || rc == EV_ERR_PARSE || rc == EV_ERR_LIMIT ||
         rc == EV_ERR_SHAPE || rc == EV_ERR_TYPE || rc == EV_ERR_RANGE;
}

static void sweep_parsing(void) {
  const char *dir = SUITE "/test_parsing";
  int count;
  char **names = list_dir(dir, &count);
  int y = 0, n = 0, i = 0, y_tables = 0, n_limit = 0, i_pinned = 0;
  for (int k = 0; k < count; k++) {
    const char *name = names[k];
    size_t len;
    char *buf = read_file(dir, name, 0, &len);
    if (!check_report_(buf != NULL, __FILE__, __LINE__, name, "(unreadable)"))
      continue;
    int rc = outcome(buf, len);
    char d[800];
    snprintf(d, sizeof d, "(%s: %s \"%.600s\")", name,
             ev_status_name(rc < 0 ? rc : 0), ev_error_message());
    check_report_(documented(rc), __FILE__, __LINE__, "documented outcome", d);
    check_report_(check_and_cjson_agree(buf, len), __FILE__, __LINE__,
                  "cJSON parses what the strict check passes", d);
    if (name[0] == 'y') {
      y++;
      y_tables += rc == 1;
      check_report_(rc == 1 || rc == EV_ERR_SHAPE, __FILE__, __LINE__,
                    "y_: accepted by the parser", d);
    } else if (name[0] == 'n') {
      int deep = strcmp(name, "n_structure_100000_opening_arrays.json") == 0 ||
                 strcmp(name, "n_structure_open_array_object.json") == 0;
      n++;
      n_limit += rc == EV_ERR_LIMIT;
      check_report_(rc == (deep ? EV_ERR_LIMIT : EV_ERR_PARSE), __FILE__,
                    __LINE__, "n_: rejected", d);
      check_report_(located_inside(ev_error_message(), buf, len), __FILE__,
                    __LINE__, "n_: a line and column inside the file", d);
    } else if (name[0] == 'i') {
      i++;
      size_t k2;
      for (k2 = 0; k2 < I_COUNT && strcmp(i_expected[k2].name, name); k2++)
        continue;
      if (check_report_(k2 < I_COUNT, __FILE__, __LINE__, "i_: pinned", d)) {
        check_report_(rc == i_expected[k2].doc, __FILE__, __LINE__,
                      "i_: as a document", d);
        size_t wlen;
        char *w = read_file(dir, name, 1, &wlen);
        int wrc = outcome(w, wlen);
        snprintf(d, sizeof d, "(%s wrapped: \"%.600s\")", name,
                 ev_error_message());
        check_report_(wrc == i_expected[k2].record, __FILE__, __LINE__,
                      "i_: as a record's value", d);
        check_report_(check_and_cjson_agree(w, wlen), __FILE__, __LINE__,
                      "cJSON parses what the strict check passes", d);
        free(w);
        i_pinned++;
      }
    }
    free(buf);
  }
  free_list(names, count);
  CHECK_EQ_INT(y, 95);
  CHECK_EQ_INT(n, 188);
  CHECK_EQ_INT(i, (int)I_COUNT);
  CHECK_EQ_INT(i_pinned, (int)I_COUNT);
  printf(
      "test_jsontestsuite: y_ %d accepted (%d tables), n_ %d rejected "
      "(%d LIMIT), i_ %d pinned\n",
      y, y_tables, n, n_limit, i_pinned);
}

static void sweep_transform(void) {
  const char *dir = SUITE "/test_transform";
  int count;
  char **names = list_dir(dir, &count);
  for (int k = 0; k < count; k++) {
    for (int wrap = 0; wrap < 2; wrap++) {
      size_t len;
      char *buf = read_file(dir, names[k], wrap, &len);
      if (!buf) continue;
      int rc = outcome(buf, len);
      char d[800];
      snprintf(d, sizeof d, "(%s%s: \"%.600s\")", names[k],
               wrap ? " wrapped" : "", ev_error_message());
      check_report_(documented(rc), __FILE__, __LINE__, "documented outcome",
                    d);
      check_report_(check_and_cjson_agree(buf, len), __FILE__, __LINE__,
                    "cJSON parses what the strict check passes", d);
      free(buf);
    }
  }
  free_list(names, count);
  CHECK(count > 0);
}

int main(void) {
  DIR *d = opendir(SUITE "/test_parsing");
  if (!d) {
    printf("test_jsontestsuite: note: %s not found; skipped\n", SUITE);
    return check_summary("test_jsontestsuite");
  }
  closedir(d);
  sweep_parsing();
  sweep_transform();
  /* the engine still works */
  CHECK_EQ_INT(outcome("[{\"a\":1}]", 9), 1);
  return check_summary("test_jsontestsuite");
}
