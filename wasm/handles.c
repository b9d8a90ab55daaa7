/* handles.c — slot + generation handle registry (see handles.h). */
#include "handles.h"

#include <stdlib.h>

#include "status.h"

typedef struct {
  void *ptr;
  ev_handle_kind kind;
  uint16_t gen; /* 15 bits used, so handles stay positive int32 */
} slot_t;

static slot_t *g_slots; /* index 0 unused: handle 0 means "none" */
static int32_t g_cap;
static int32_t g_live;
static int32_t g_free_hint = 1;

static int32_t make_handle(int32_t slot) {
  return ((int32_t)g_slots[slot].gen << 16) | slot;
}

int32_t ev_handles_add(void *ptr, ev_handle_kind kind) {
  if (!ptr) return ev_error_set(EV_ERR_ARG, "handles: NULL object");
  int32_t slot = -1;
  for (int32_t i = g_free_hint; i < g_cap; i++)
    if (!g_slots[i].ptr) { slot = i; break; }
  if (slot < 0) {
    for (int32_t i = 1; i < g_free_hint && i < g_cap; i++)
      if (!g_slots[i].ptr) { slot = i; break; }
  }
  if (slot < 0) {
    if (g_cap > EV_MAX_HANDLES)
      return ev_error_set(EV_ERR_LIMIT,
                          "more than %d live engine objects (limit); free "
                          "tables and queries that are no longer used",
                          EV_MAX_HANDLES);
    int32_t cap = g_cap ? g_cap * 2 : 64;
    if (cap > EV_MAX_HANDLES + 1) cap = EV_MAX_HANDLES + 1;
    slot_t *s = realloc(g_slots, (size_t)cap * sizeof *s);
    if (!s) return ev_error_set(EV_ERR_NOMEM, "out of memory for a handle");
    for (int32_t i = g_cap; i < cap; i++) s[i] = (slot_t){NULL, 0, 1};
    slot = g_cap ? g_cap : 1;
    g_slots = s;
    g_cap = cap;
  }
  g_slots[slot].ptr = ptr;
  g_slots[slot].kind = kind;
  g_free_hint = slot + 1;
  g_live++;
  return make_handle(slot);
}

static slot_t *lookup(int32_t h, ev_handle_kind kind) {
  if (h <= 0) return NULL;
  int32_t slot = h & 0xFFFF;
  uint16_t gen = (uint16_t)((uint32_t)h >> 16);
  if (slot == 0 || slot >= g_cap) return NULL;
  slot_t *s = &g_slots[slot];
  if (!s->ptr || s->gen != gen || s->kind != kind) return NULL;
  return s;
}

void *ev_handles_get(int32_t h, ev_handle_kind kind) {
  slot_t *s = lookup(h, kind);
  return s ? s->ptr : NULL;
}

void *ev_handles_remove(int32_t h, ev_handle_kind kind) {
  slot_t *s = lookup(h, kind);
  if (!s) return NULL;
  void *ptr = s->ptr;
  s->ptr = NULL;
  s->gen = (uint16_t)((s->gen + 1) & 0x7FFF);
  if (s->gen == 0) s->gen = 1;
  g_live--;
  int32_t slot = h & 0xFFFF;
  if (slot < g_free_hint) g_free_hint = slot;
  return ptr;
}

int32_t ev_handles_live(void) { return g_live; }
