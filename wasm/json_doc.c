/* json_doc.c — checks JSON strictly (json_strict.c), then parses it with
 * cJSON (see json_doc.h). */
#include "json_doc.h"

#include <math.h>
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

int ev_json_nul_error(const char *buf, size_t nul_at) {
  size_t line, col;
  ev_json_line_col(buf, nul_at, &line, &col);
  return ev_error_set(EV_ERR_RANGE,
                      "a \\u0000 escape (U+0000, NUL) at line %zu, column "
                      "%zu: the engine does not accept NUL characters in "
                      "strings",
                      line, col);
}

cJSON *ev_json_parse_nul(const char *buf, size_t len, size_t *out_nul_at) {
  if (out_nul_at) *out_nul_at = EV_JSON_NONE;
  if (!buf && len) {
    ev_error_set(EV_ERR_ARG, "JSON: no input");
    return NULL;
  }
  if (len > EV_MAX_INPUT_BYTES) {
    ev_error_set(EV_ERR_LIMIT, "input is %zu bytes, over the limit of %d bytes",
                 len, EV_MAX_INPUT_BYTES);
    return NULL;
  }
  ev_json_scan scan;
  if (ev_json_strict_check(buf, len, &scan) != EV_OK) return NULL;
  install_hooks();
  g_alloc_failed = 0;
  /* From the value on: cJSON skips a BOM only when 5 or more bytes follow
   * it, and the check has already read past it. */
  cJSON *root =
      cJSON_ParseWithLengthOpts(buf + scan.start, len - scan.start, NULL, 0);
  if (!root) {
    if (g_alloc_failed) {
      ev_error_set(EV_ERR_NOMEM, "out of memory parsing JSON");
    } else {
      /* Unreachable: cJSON parses every text the strict check passes
       * (tests/fuzz/fuzz_ingest.c checks this on every input). */
      ev_error_set(EV_ERR_PARSE,
                   "JSON parse error: cJSON refused a text the strict check "
                   "accepted (an engine bug)");
    }
    return NULL;
  }
  if (out_nul_at) *out_nul_at = scan.nul_at;
  return root;
}

cJSON *ev_json_parse(const char *buf, size_t len) {
  size_t nul_at;
  cJSON *root = ev_json_parse_nul(buf, len, &nul_at);
  if (root && nul_at != EV_JSON_NONE) {
    cJSON_Delete(root);
    ev_json_nul_error(buf, nul_at);
    return NULL;
  }
  return root;
}

int ev_json_has_infinite(const cJSON *v) {
  const cJSON *stack[EV_MAX_DEPTH];
  int depth = 0;
  const cJSON *c = v->child;
  for (;;) {
    while (!c) {
      if (depth == 0) return 0;
      c = stack[--depth]->next;
    }
    if (cJSON_IsNumber(c) && isinf(c->valuedouble)) return 1;
    if (c->child && depth < EV_MAX_DEPTH) {
      stack[depth++] = c;
      c = c->child;
    } else {
      c = c->next;
    }
  }
}
