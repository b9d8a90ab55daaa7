/* json_doc.c — parses JSON with cJSON and reports errors with a location
 * (see json_doc.h). */
#include "json_doc.h"

#include <stdlib.h>

#include "status.h"

#if CJSON_NESTING_LIMIT != EV_MAX_DEPTH
#error "cJSON must be compiled with -DCJSON_NESTING_LIMIT=EV_MAX_DEPTH"
#endif

/* cJSON reports a failed allocation and a syntax error alike (NULL); these
 * hooks tell the two apart. */
static int g_alloc_failed;

static void *hook_malloc(size_t n) {
  void *p = malloc(n);
  if (!p) g_alloc_failed = 1;
  return p;
}

static void install_hooks(void) {
  static int installed;
  if (installed) return;
  cJSON_Hooks hooks = {hook_malloc, free};
  cJSON_InitHooks(&hooks);
  installed = 1;
}

/* 1-based line and column (in bytes) of offset in buf. */
static void line_col(const char *buf, size_t offset, size_t *line,
                     size_t *col) {
  size_t l = 1, c = 1;
  for (size_t i = 0; i < offset; i++) {
    if (buf[i] == '\n') {
      l++;
      c = 1;
    } else {
      c++;
    }
  }
  *line = l;
  *col = c;
}

static int is_ws(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Fails with EV_ERR_LIMIT at the first bracket in buf[0..len) nested deeper
 * than EV_MAX_DEPTH. Brackets inside strings do not count. Run on the bytes
 * cJSON read before it failed (it stops at the first bracket past its
 * nesting limit), so that a syntax error earlier in the input stays a
 * syntax error. */
static int check_depth(const char *buf, size_t len) {
  int depth = 0, in_string = 0;
  for (size_t i = 0; i < len; i++) {
    char c = buf[i];
    if (in_string) {
      if (c == '\\') i++;
      else if (c == '"') in_string = 0;
    } else if (c == '"') {
      in_string = 1;
    } else if (c == '[' || c == '{') {
      if (++depth > EV_MAX_DEPTH) {
        size_t line, col;
        line_col(buf, i, &line, &col);
        return ev_error_set(EV_ERR_LIMIT,
                            "JSON nesting deeper than %d levels at line %zu, "
                            "column %zu (limit)",
                            EV_MAX_DEPTH, line, col);
      }
    } else if (c == ']' || c == '}') {
      if (depth > 0) depth--;
    }
  }
  return EV_OK;
}

/* cJSON reports an object key that does not start with a quote ({'a':1},
 * {"a":1,x}) one byte after the key's first byte. Given cJSON's error
 * offset, returns the offset of the offending byte: at - 1 when the byte
 * before at is not a quote or whitespace, follows '{' or ',' (skipping
 * whitespace) and sits directly inside an object; else at. */
static size_t key_error_offset(const char *buf, size_t at) {
  if (at < 2 || buf[at - 1] == '"' || is_ws(buf[at - 1])) return at;
  size_t p = at - 1;
  while (p > 0 && is_ws(buf[p - 1])) p--;
  if (p == 0 || (buf[p - 1] != '{' && buf[p - 1] != ',')) return at;
  char open[EV_MAX_DEPTH];
  int depth = 0, in_string = 0;
  for (size_t i = 0; i < at - 1; i++) {
    char c = buf[i];
    if (in_string) {
      if (c == '\\') i++;
      else if (c == '"') in_string = 0;
    } else if (c == '"') {
      in_string = 1;
    } else if (c == '[' || c == '{') {
      if (depth == EV_MAX_DEPTH) return at;
      open[depth++] = c;
    } else if ((c == ']' || c == '}') && depth > 0) {
      depth--;
    }
  }
  return !in_string && depth > 0 && open[depth - 1] == '{' ? at - 1 : at;
}

cJSON *ev_json_parse(const char *buf, size_t len) {
  if (!buf && len) {
    ev_error_set(EV_ERR_ARG, "JSON: no input");
    return NULL;
  }
  if (len > EV_MAX_INPUT_BYTES) {
    ev_error_set(EV_ERR_LIMIT, "input is %zu bytes, over the limit of %d bytes",
                 len, EV_MAX_INPUT_BYTES);
    return NULL;
  }
  size_t start = 0;
  while (start < len && is_ws(buf[start])) start++;
  if (start == len) {
    ev_error_set(EV_ERR_PARSE, "JSON parse error: the input is empty");
    return NULL;
  }
  install_hooks();
  g_alloc_failed = 0;
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
  if (!root) {
    if (g_alloc_failed) {
      ev_error_set(EV_ERR_NOMEM, "out of memory parsing JSON");
      return NULL;
    }
    size_t at = end ? (size_t)(end - buf) : 0, line, col;
    if (check_depth(buf, at < len ? at + 1 : len) != EV_OK) return NULL;
    at = key_error_offset(buf, at);
    line_col(buf, at, &line, &col);
    ev_error_set(EV_ERR_PARSE, "JSON parse error at line %zu, column %zu", line,
                 col);
    return NULL;
  }
  size_t at = (size_t)(end - buf);
  while (at < len && is_ws(buf[at])) at++;
  if (at < len) {
    size_t line, col;
    line_col(buf, at, &line, &col);
    cJSON_Delete(root);
    ev_error_set(EV_ERR_PARSE,
                 "JSON parse error at line %zu, column %zu: unexpected data "
                 "after the end of the JSON value",
                 line, col);
    return NULL;
  }
  return root;
}
