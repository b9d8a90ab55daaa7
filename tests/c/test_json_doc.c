/* test_json_doc.c — strict check + cJSON (wasm/json_doc.c): what reaches
 * the tree, and the \u0000 rule. The grammar itself is test_json_strict.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "json_doc.h"
#include "status.h"

/* Parses an exact-size copy of s[0..len) with ev_json_parse. */
static cJSON *parse_n(const char *s, size_t len) {
  char *copy = malloc(len ? len : 1);
  if (len) memcpy(copy, s, len);
  ev_error_reset();
  cJSON *root = ev_json_parse(copy, len);
  free(copy);
  return root;
}
#define PARSE(s) parse_n((s), sizeof(s) - 1)

static void test_values_reach_the_tree(void) {
  /* a BOM before a value of fewer than 5 bytes: cJSON would not skip it */
  cJSON *r = PARSE(
      "\xEF\xBB\xBF"
      "7");
  if (CHECK(r != NULL)) {
    CHECK(cJSON_IsNumber(r));
    CHECK_EQ_DBL(r->valuedouble, 7);
    cJSON_Delete(r);
  }
  r = PARSE("\xEF\xBB\xBF \"\xC3\xA9\"");
  if (CHECK(r != NULL)) {
    CHECK_STR(r->valuestring, "\xC3\xA9");
    cJSON_Delete(r);
  }
  /* escapes decode to UTF-8; a surrogate pair to one 4-byte character */
  r = PARSE(
      "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u00e9\\u4E2D\\uD834\\uDD1E\","
      "\"\\u001f\\u007F\"]");
  if (CHECK(r != NULL)) {
    CHECK_STR(cJSON_GetArrayItem(r, 0)->valuestring, "\"\\/\b\f\n\r\t");
    CHECK_STR(cJSON_GetArrayItem(r, 1)->valuestring,
              "\xC3\xA9\xE4\xB8\xAD\xF0\x9D\x84\x9E");
    CHECK_STR(cJSON_GetArrayItem(r, 2)->valuestring, "\x1F\x7F");
    cJSON_Delete(r);
  }
  /* numbers: the nearest double; overflow to infinity and underflow to 0
   * are left to the readers (ingest refuses infinity: RANGE) */
  r = PARSE(
      "[1.5e+9999, -1e+9999, 123e-10000000, -0, 100000000000000000000,"
      "0.1, 1.7976931348623157e308, 4.9e-324]");
  if (CHECK(r != NULL)) {
    CHECK(isinf(cJSON_GetArrayItem(r, 0)->valuedouble));
    CHECK(cJSON_GetArrayItem(r, 1)->valuedouble < 0);
    CHECK(isinf(cJSON_GetArrayItem(r, 1)->valuedouble));
    CHECK_EQ_DBL(cJSON_GetArrayItem(r, 2)->valuedouble, 0);
    CHECK(signbit(cJSON_GetArrayItem(r, 3)->valuedouble));
    CHECK_EQ_DBL(cJSON_GetArrayItem(r, 4)->valuedouble, 1e20);
    CHECK_EQ_DBL(cJSON_GetArrayItem(r, 5)->valuedouble, 0.1);
    CHECK_EQ_DBL(cJSON_GetArrayItem(r, 6)->valuedouble, 1.7976931348623157e308);
    CHECK_EQ_DBL(cJSON_GetArrayItem(r, 7)->valuedouble, 4.9e-324);
    cJSON_Delete(r);
  }
  /* duplicate keys are all kept, in order (readers take the last) */
  r = PARSE("{\"a\":1,\"a\":2}");
  if (CHECK(r != NULL)) {
    CHECK_EQ_INT(cJSON_GetArraySize(r), 2);
    CHECK_EQ_DBL(r->child->next->valuedouble, 2);
    cJSON_Delete(r);
  }
}

static void test_nul(void) {
  /* ev_json_parse refuses a \u0000 anywhere, at the escape */
  cJSON *r = PARSE("{\"a\":[\"ok\",\n  \"x\\u0000y\"]}");
  CHECK(r == NULL);
  CHECK_EQ_INT(ev_error_status(), EV_ERR_RANGE);
  CHECK_STR(ev_error_message(),
            "a \\u0000 escape (U+0000, NUL) at line 2, column 5: the engine "
            "does not accept NUL characters in strings");
  r = PARSE("{\"k\\u0000\":1}");
  CHECK(r == NULL);
  CHECK_STR(ev_error_message(),
            "a \\u0000 escape (U+0000, NUL) at line 1, column 4: the engine "
            "does not accept NUL characters in strings");
  /* \\u0000 is a backslash and "u0000": no NUL */
  r = PARSE("[\"\\\\u0000\"]");
  if (CHECK(r != NULL)) {
    CHECK_STR(r->child->valuestring, "\\u0000");
    cJSON_Delete(r);
  }
  /* ev_json_parse_nul returns the tree and says where the NUL is */
  static const char doc[] = "[\"a\",\"b\\u0000c\"]";
  size_t at = 0;
  ev_error_reset();
  r = ev_json_parse_nul(doc, sizeof doc - 1, &at);
  if (CHECK(r != NULL)) {
    CHECK_EQ_INT(at, 7);
    /* ...cut short by cJSON: why it must be refused before use */
    CHECK_STR(cJSON_GetArrayItem(r, 1)->valuestring, "b");
    cJSON_Delete(r);
  }
  CHECK_EQ_INT(ev_error_status(), EV_OK);
  CHECK_EQ_INT(ev_json_nul_error(doc, at), EV_ERR_RANGE);
  CHECK_STR(ev_error_message(),
            "a \\u0000 escape (U+0000, NUL) at line 1, column 8: the engine "
            "does not accept NUL characters in strings");
  ev_error_reset();
  r = ev_json_parse_nul("[1]", 3, &at);
  CHECK(r != NULL && at == EV_JSON_NONE);
  cJSON_Delete(r);
}

static void test_errors(void) {
  /* the size limit comes first, before the text is looked at */
  size_t big = EV_MAX_INPUT_BYTES + 1;
  char *b = malloc(big);
  memset(b, '[', big);
  ev_error_reset();
  CHECK(ev_json_parse(b, big) == NULL);
  CHECK_EQ_INT(ev_error_status(), EV_ERR_LIMIT);
  CHECK_STR(ev_error_message(),
            "input is 16777217 bytes, over the limit of 16777216 bytes");
  free(b);
  ev_error_reset();
  CHECK(ev_json_parse(NULL, 3) == NULL);
  CHECK_EQ_INT(ev_error_status(), EV_ERR_ARG);
  ev_error_reset();
  CHECK(ev_json_parse(NULL, 0) == NULL);
  CHECK_EQ_INT(ev_error_status(), EV_ERR_PARSE);
  CHECK_STR(ev_error_message(),
            "JSON parse error at line 1, column 1: the input is empty");
  /* what cJSON alone would accept is refused by the strict check */
  static const char *lenient[] = {
      "[012]",    "[2.]", "[\"a\nb\"]", "[\"\\u00G0\"]", "[\f1]",
      "\"\xFF\"", "[1,]", "{\"a\":1,}", "[\"\\uD800\"]"};
  for (size_t i = 0; i < sizeof lenient / sizeof *lenient; i++) {
    cJSON *r = parse_n(lenient[i], strlen(lenient[i]));
    CHECK(r == NULL && ev_error_status() == EV_ERR_PARSE);
    cJSON_Delete(r);
  }
}

int main(void) {
  test_values_reach_the_tree();
  test_nul();
  test_errors();
  return check_summary("test_json_doc");
}
