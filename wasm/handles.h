/* handles.h — small integer handles for engine objects handed to JavaScript.
 *
 * A handle is (generation << 16) | slot, always > 0. Removing an object
 * bumps its slot's generation, so a stale handle is reported as unknown and
 * never reaches freed memory. The registry does not own the objects: the
 * caller frees what ev_handles_remove returns.
 */
#ifndef EV_HANDLES_H
#define EV_HANDLES_H

#include <stdint.h>

typedef enum {
  EV_KIND_TABLE = 1,
  EV_KIND_QUERY = 2,
  EV_KIND_SHAPES = 3,
  EV_KIND_STREAM = 4 /* ingest_stream.h */
} ev_handle_kind;

#define EV_MAX_HANDLES 65535

/* Registers ptr (not NULL) and returns its handle, or EV_ERR_LIMIT when all
 * slots are taken, or EV_ERR_NOMEM; error slot set on failure. */
int32_t ev_handles_add(void *ptr, ev_handle_kind kind);

/* The object for handle h if h is live and of this kind, else NULL. */
void *ev_handles_get(int32_t h, ev_handle_kind kind);

/* Unregisters h and returns its object (for the caller to free), or NULL if
 * h is 0, unknown, stale or of another kind. */
void *ev_handles_remove(int32_t h, ev_handle_kind kind);

/* Number of live handles of any kind (for leak tests). */
int32_t ev_handles_live(void);

#endif
