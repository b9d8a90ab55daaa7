/* fuzz_stream.c — arbitrary bytes through both ingest paths: the tree path
 * (ev_ingest_json) and the stream path (wasm/ingest_stream.c), compared.
 *
 * Checks on every input:
 *   - the stream path, fed one byte at a time and in random chunks (sizes
 *     from a hash of the input, so a seed replays the same way), returns
 *     exactly the tree path's result: the same status and message, or the
 *     same tables (names, column order, types, numbers bit for bit, codes,
 *     dictionaries);
 *   - cancelling after a random prefix keeps nothing (LeakSanitizer);
 *   - a failed finish leaves *out_tables NULL and the slot set.
 * The whole input is the JSON text, so the ingest seeds serve here too.
 */
#include "fuzz_util.h"
#include "ingest_json.h"
#include "ingest_stream.h"

typedef struct {
  int rc;
  char msg[600];
  ev_table **t;
  int n;
} fz_result;

static void fz_free(fz_result *r) {
  for (int i = 0; i < r->n; i++) ev_table_free(r->t[i]);
  free(r->t);
}

static uint64_t g_state;
static uint32_t next_rand(void) {
  g_state = g_state * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(g_state >> 33);
}

/* max_chunk 1: a byte at a time; 0: whole; else random sizes 1..max. */
static void run_stream(const char *buf, size_t size, size_t max_chunk,
                       fz_result *r) {
  ev_stream *s = NULL;
  r->t = NULL;
  r->n = 0;
  ev_error_reset();
  int rc = ev_stream_open(&s, (double)size);
  fz_check_failure(rc, "ev_stream_open");
  if (rc < 0) FUZZ_FAIL("open refused %zu bytes", size);
  size_t off = 0;
  while (off < size && rc == EV_OK) {
    size_t k = size - off;
    if (max_chunk == 1) k = 1;
    else if (max_chunk) k = 1 + next_rand() % max_chunk;
    if (k > size - off) k = size - off;
    /* an exact-size copy: ASan sees any read past the chunk */
    char *chunk = malloc(k);
    memcpy(chunk, buf + off, k);
    ev_error_reset();
    rc = ev_stream_feed(s, chunk, k);
    free(chunk);
    fz_check_failure(rc, "ev_stream_feed");
    if (rc == EV_OK) fz_check_success("ev_stream_feed");
    off += k;
  }
  if (ev_stream_bytes(s) != (double)off)
    FUZZ_FAIL("bytes %g, fed %zu", ev_stream_bytes(s), off);
  if (rc == EV_OK) {
    int32_t n = -1;
    ev_table **t = (ev_table **)&t;
    ev_error_reset();
    rc = ev_stream_finish(s, &t, &n);
    fz_check_failure(rc, "ev_stream_finish");
    if (rc < 0 && (t != NULL || n != 0)) FUZZ_FAIL("finish failed but gave tables");
    if (rc == EV_OK) {
      fz_check_success("ev_stream_finish");
      r->t = t;
      r->n = n;
    }
  }
  r->rc = rc;
  snprintf(r->msg, sizeof r->msg, "%s", rc < 0 ? ev_error_message() : "");
  ev_stream_free(s);
}

static void compare(const fz_result *a, const fz_result *b, const char *how) {
  if (a->rc != b->rc || strcmp(a->msg, b->msg))
    FUZZ_FAIL("%s: tree %s \"%s\", stream %s \"%s\"", how, ev_status_name(a->rc),
              a->msg, ev_status_name(b->rc), b->msg);
  if (a->n != b->n) FUZZ_FAIL("%s: %d vs %d tables", how, a->n, b->n);
  for (int i = 0; i < a->n; i++) {
    const ev_table *x = a->t[i], *y = b->t[i];
    if (strcmp(x->name, y->name) || x->row_count != y->row_count ||
        x->col_count != y->col_count)
      FUZZ_FAIL("%s: table %d differs", how, i);
    for (int c = 0; c < x->col_count; c++) {
      const ev_column *p = &x->cols[c], *q = &y->cols[c];
      if (strcmp(p->name, q->name) || p->type != q->type)
        FUZZ_FAIL("%s: column %d differs", how, c);
      if (p->num) {
        if (!q->num ||
            memcmp(p->num, q->num, (size_t)x->row_count * sizeof(double)))
          FUZZ_FAIL("%s: column '%s' numbers differ", how, p->name);
        continue;
      }
      if (!q->code ||
          memcmp(p->code, q->code, (size_t)x->row_count * sizeof(int32_t)))
        FUZZ_FAIL("%s: column '%s' codes differ", how, p->name);
      if (ev_dict_count(p->dict) != ev_dict_count(q->dict))
        FUZZ_FAIL("%s: column '%s' dictionaries differ", how, p->name);
      for (int32_t k = 0; k < ev_dict_count(p->dict); k++)
        if (ev_dict_len(p->dict, k) != ev_dict_len(q->dict, k) ||
            memcmp(ev_dict_str(p->dict, k), ev_dict_str(q->dict, k),
                   ev_dict_len(p->dict, k)))
          FUZZ_FAIL("%s: column '%s' string %d differs", how, p->name, (int)k);
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 1099511628211ull;
  g_state = h;

  fz_result tree;
  ev_error_reset();
  tree.t = NULL;
  int n = ev_ingest_json(buf, size, &tree.t);
  tree.rc = n < 0 ? n : 0;
  tree.n = n < 0 ? 0 : n;
  snprintf(tree.msg, sizeof tree.msg, "%s", n < 0 ? ev_error_message() : "");
  FZ_TRACE("tree: %d %s\n", n, tree.msg);

  size_t chunkings[] = {1, 1 + next_rand() % 16, 0};
  for (size_t k = 0; k < sizeof chunkings / sizeof *chunkings; k++) {
    fz_result st;
    run_stream(buf, size, chunkings[k], &st);
    compare(&tree, &st, chunkings[k] == 1 ? "byte at a time"
                        : chunkings[k]    ? "random chunks"
                                          : "whole");
    fz_free(&st);
  }
  fz_free(&tree);

  /* cancel after a random prefix */
  ev_stream *s;
  ev_error_reset();
  if (ev_stream_open(&s, NAN) == EV_OK) {
    size_t cut = size ? next_rand() % (size + 1) : 0;
    if (cut) ev_stream_feed(s, buf, cut);
    ev_stream_free(s);
  }
  return 0;
}
