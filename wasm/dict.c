/* dict.c — string dictionary with an open-addressing hash index. */
#include "dict.h"

#include <stdlib.h>
#include <string.h>

#include "status.h"

struct ev_dict {
  char **strs;
  size_t *lens;
  int32_t count;
  int32_t cap;
  int32_t *index; /* slot -> code, -1 empty; index_cap is a power of two */
  int32_t index_cap;
};

static uint32_t hash_bytes(const char *s, size_t len) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  return h;
}

ev_dict *ev_dict_new(void) { return calloc(1, sizeof(ev_dict)); }

void ev_dict_free(ev_dict *d) {
  if (!d) return;
  for (int32_t i = 0; i < d->count; i++) free(d->strs[i]);
  free(d->strs);
  free(d->lens);
  free(d->index);
  free(d);
}

static int32_t probe(const ev_dict *d, const char *s, size_t len,
                     int32_t *out_slot) {
  uint32_t mask = (uint32_t)d->index_cap - 1;
  uint32_t slot = hash_bytes(s, len) & mask;
  for (;;) {
    int32_t code = d->index[slot];
    if (code < 0) {
      *out_slot = (int32_t)slot;
      return -1;
    }
    if (d->lens[code] == len && memcmp(d->strs[code], s, len) == 0) {
      *out_slot = (int32_t)slot;
      return code;
    }
    slot = (slot + 1) & mask;
  }
}

static int rebuild_index(ev_dict *d, int32_t new_cap) {
  int32_t *index = malloc((size_t)new_cap * sizeof *index);
  if (!index) return EV_ERR_NOMEM;
  for (int32_t i = 0; i < new_cap; i++) index[i] = -1;
  free(d->index);
  d->index = index;
  d->index_cap = new_cap;
  for (int32_t code = 0; code < d->count; code++) {
    int32_t slot;
    probe(d, d->strs[code], d->lens[code], &slot);
    d->index[slot] = code;
  }
  return EV_OK;
}

int32_t ev_dict_find(const ev_dict *d, const char *s, size_t len) {
  if (!d || d->index_cap == 0) return -1;
  int32_t slot;
  return probe(d, s, len, &slot);
}

int32_t ev_dict_intern(ev_dict *d, const char *s, size_t len) {
  int32_t found = ev_dict_find(d, s, len);
  if (found >= 0) return found;
  if (d->count == d->cap) {
    int32_t cap = d->cap ? d->cap * 2 : 8;
    char **strs = realloc(d->strs, (size_t)cap * sizeof *strs);
    if (!strs) return EV_ERR_NOMEM;
    d->strs = strs;
    size_t *lens = realloc(d->lens, (size_t)cap * sizeof *lens);
    if (!lens) return EV_ERR_NOMEM;
    d->lens = lens;
    d->cap = cap;
  }
  /* keep the load factor at or below one half */
  if ((d->count + 1) * 2 > d->index_cap) {
    int32_t cap = d->index_cap ? d->index_cap * 2 : 16;
    if (rebuild_index(d, cap) != EV_OK) return EV_ERR_NOMEM;
  }
  char *copy = malloc(len + 1);
  if (!copy) return EV_ERR_NOMEM;
  if (len) memcpy(copy, s, len);
  copy[len] = '\0';
  int32_t code = d->count++;
  d->strs[code] = copy;
  d->lens[code] = len;
  int32_t slot;
  probe(d, s, len, &slot);
  d->index[slot] = code;
  return code;
}

int32_t ev_dict_count(const ev_dict *d) { return d ? d->count : 0; }

const char *ev_dict_str(const ev_dict *d, int32_t code) {
  return d->strs[code];
}

size_t ev_dict_len(const ev_dict *d, int32_t code) { return d->lens[code]; }

ev_dict *ev_dict_clone(const ev_dict *d) {
  ev_dict *c = ev_dict_new();
  if (!c) return NULL;
  for (int32_t i = 0; i < d->count; i++) {
    if (ev_dict_intern(c, d->strs[i], d->lens[i]) < 0) {
      ev_dict_free(c);
      return NULL;
    }
  }
  return c;
}
