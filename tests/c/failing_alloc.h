/* failing_alloc.h — an allocator that fails on request, for the
 * allocation-failure sweeps (test_nomem.c, test_table_io_nomem.c,
 * test_ingest_stream.c). Include it in exactly one file of a test program:
 * it defines malloc, calloc, realloc and free for that program (forwarding
 * to AddressSanitizer's, or glibc's without ASan), counts the allocations
 * since g_fail_at was set and makes the g_fail_at-th fail (and, with
 * g_fail_rest, every later one).
 *   g_count     allocations since arming (reset it with g_fail_at)
 *   g_fail_at   the allocation to fail, 1-based; 0: none
 *   g_fail_rest and every one after it
 *   g_injected  failures injected since arming
 *   g_live      allocations not yet freed */
#ifndef EV_TEST_FAILING_ALLOC_H
#define EV_TEST_FAILING_ALLOC_H

#include <stddef.h>

#if defined(__SANITIZE_ADDRESS__)
void *__interceptor_malloc(size_t n);
void *__interceptor_calloc(size_t n, size_t size);
void *__interceptor_realloc(void *p, size_t n);
void __interceptor_free(void *p);
#define REAL(f) __interceptor_##f
#else
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void __libc_free(void *p);
#define REAL(f) __libc_##f
#endif

static long g_count, g_fail_at, g_injected, g_live;
static int g_fail_rest;

static int inject(void) {
  if (!g_fail_at) return 0;
  long n = ++g_count;
  if (n == g_fail_at || (g_fail_rest && n > g_fail_at)) {
    g_injected++;
    return 1;
  }
  return 0;
}

void *malloc(size_t n) {
  if (inject()) return NULL;
  void *p = REAL(malloc)(n);
  if (p) g_live++;
  return p;
}

void *calloc(size_t n, size_t size) {
  if (inject()) return NULL;
  void *p = REAL(calloc)(n, size);
  if (p) g_live++;
  return p;
}

void *realloc(void *q, size_t n) {
  if (inject()) return NULL;
  void *p = REAL(realloc)(q, n);
  if (p && !q) g_live++;
  return p;
}

void free(void *p) {
  if (p) g_live--;
  REAL(free)(p);
}

#endif
