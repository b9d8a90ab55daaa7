/* test_handles.c — slot + generation handles (wasm/handles.c). The registry
 * is process-wide, so this file runs its steps in order from an empty one. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "handles.h"
#include "status.h"

static int a, b, c; /* objects: only their addresses matter */

static void test_basics(void) {
  CHECK_EQ_INT(ev_handles_live(), 0);
  ev_error_reset();
  int32_t ha = ev_handles_add(&a, EV_KIND_TABLE);
  int32_t hb = ev_handles_add(&b, EV_KIND_QUERY);
  CHECK(ha > 0 && hb > 0 && ha != hb);
  CHECK_EQ_INT(ev_handles_live(), 2);
  CHECK(ev_handles_get(ha, EV_KIND_TABLE) == &a);
  CHECK(ev_handles_get(hb, EV_KIND_QUERY) == &b);

  /* wrong kind: not found, and remove leaves it registered */
  CHECK(ev_handles_get(ha, EV_KIND_QUERY) == NULL);
  CHECK(ev_handles_get(hb, EV_KIND_TABLE) == NULL);
  CHECK(ev_handles_remove(ha, EV_KIND_QUERY) == NULL);
  CHECK_EQ_INT(ev_handles_live(), 2);
  CHECK(ev_handles_get(ha, EV_KIND_TABLE) == &a);

  /* 0, negative and never-issued handles */
  CHECK(ev_handles_get(0, EV_KIND_TABLE) == NULL);
  CHECK(ev_handles_get(-1, EV_KIND_TABLE) == NULL);
  CHECK(ev_handles_get(INT32_MIN, EV_KIND_TABLE) == NULL);
  CHECK(ev_handles_get(ha + 1000, EV_KIND_TABLE) == NULL);   /* no such slot */
  CHECK(ev_handles_get(ha & 0xFFFF, EV_KIND_TABLE) == NULL); /* generation 0 */
  CHECK(ev_handles_get(ha + (1 << 16), EV_KIND_TABLE) == NULL); /* next gen */
  CHECK(ev_handles_get(0xFFFF, EV_KIND_TABLE) == NULL);
  CHECK(ev_handles_remove(0, EV_KIND_TABLE) == NULL);
  CHECK(ev_handles_remove(12345, EV_KIND_QUERY) == NULL);
  CHECK_EQ_INT(ev_handles_live(), 2);

  /* remove returns the object; afterwards the handle is stale */
  CHECK(ev_handles_remove(ha, EV_KIND_TABLE) == &a);
  CHECK_EQ_INT(ev_handles_live(), 1);
  CHECK(ev_handles_get(ha, EV_KIND_TABLE) == NULL);
  CHECK(ev_handles_remove(ha, EV_KIND_TABLE) == NULL); /* twice: no-op */
  CHECK_EQ_INT(ev_handles_live(), 1);

  /* reusing the slot gives a different handle; the stale one stays dead */
  int32_t hc = ev_handles_add(&c, EV_KIND_TABLE);
  CHECK(hc > 0);
  CHECK(hc != ha);
  CHECK_EQ_INT(hc & 0xFFFF, ha & 0xFFFF); /* same slot, next generation */
  CHECK(ev_handles_get(ha, EV_KIND_TABLE) == NULL);
  CHECK(ev_handles_get(hc, EV_KIND_TABLE) == &c);
  CHECK(ev_handles_remove(ha, EV_KIND_TABLE) == NULL);
  CHECK_EQ_INT(ev_handles_live(), 2);

  /* NULL is refused */
  ev_error_reset();
  CHECK_EQ_INT(ev_handles_add(NULL, EV_KIND_TABLE), EV_ERR_ARG);
  CHECK_EQ_INT(ev_error_status(), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_handles_live(), 2);

  CHECK(ev_handles_remove(hb, EV_KIND_QUERY) == &b);
  CHECK(ev_handles_remove(hc, EV_KIND_TABLE) == &c);
  CHECK_EQ_INT(ev_handles_live(), 0);
}

static void test_generations(void) {
  /* 70000 add/remove cycles on one slot: the generation wraps (15 bits)
   * but handles stay positive, and each differs from the one before. */
  int32_t prev = 0;
  int ok = 1;
  for (int i = 0; i < 70000; i++) {
    int32_t h = ev_handles_add(&a, EV_KIND_TABLE);
    ok &= h > 0 && h != prev;
    ok &= ev_handles_get(prev, EV_KIND_TABLE) == NULL;
    ok &= ev_handles_remove(h, EV_KIND_TABLE) == &a;
    prev = h;
  }
  CHECK(ok);
  CHECK_EQ_INT(ev_handles_live(), 0);
}

static void test_limit(void) {
  /* EV_MAX_HANDLES live handles fit; one more is LIMIT. */
  int32_t *hs = malloc(EV_MAX_HANDLES * sizeof *hs);
  int ok = 1;
  for (int i = 0; i < EV_MAX_HANDLES; i++) {
    hs[i] = ev_handles_add(&a, i % 2 ? EV_KIND_QUERY : EV_KIND_TABLE);
    ok &= hs[i] > 0;
  }
  CHECK(ok);
  CHECK_EQ_INT(ev_handles_live(), EV_MAX_HANDLES);
  /* all distinct (each slot is used once) */
  char *seen = calloc(1 << 16, 1);
  ok = 1;
  for (int i = 0; i < EV_MAX_HANDLES; i++) {
    ok &= !seen[hs[i] & 0xFFFF];
    seen[hs[i] & 0xFFFF] = 1;
  }
  CHECK(ok);
  free(seen);
  ev_error_reset();
  CHECK_EQ_INT(ev_handles_add(&b, EV_KIND_TABLE), EV_ERR_LIMIT);
  CHECK_STR(ev_error_message(),
            "more than 65535 live engine objects (limit); free tables and "
            "queries that are no longer used");
  ev_error_reset();
  CHECK_EQ_INT(ev_handles_live(), EV_MAX_HANDLES);

  /* freeing one makes room again, in that slot */
  CHECK(ev_handles_remove(hs[100], EV_KIND_TABLE) == &a);
  int32_t h = ev_handles_add(&b, EV_KIND_TABLE);
  CHECK(h > 0 && h != hs[100]);
  CHECK_EQ_INT(h & 0xFFFF, hs[100] & 0xFFFF);
  hs[100] = h;
  CHECK(ev_handles_get(h, EV_KIND_TABLE) == &b);

  ok = 1;
  for (int i = 0; i < EV_MAX_HANDLES; i++)
    ok &=
        ev_handles_remove(hs[i], i % 2 ? EV_KIND_QUERY : EV_KIND_TABLE) != NULL;
  CHECK(ok);
  CHECK_EQ_INT(ev_handles_live(), 0);
  free(hs);
}

int main(void) {
  test_basics();
  test_generations();
  test_limit();
  return check_summary("test_handles");
}
