/* query.c — filter, group-by, aggregate, sort (see query.h). */
#include "query.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksum.h"
#include "status.h"

typedef struct {
  ev_filter_op op;
  char *column;
  double lo, hi;     /* RANGE */
  double *nums;      /* IN, numbers (kept sorted at run time) */
  int32_t num_count;
  char **strs;       /* IN, strings */
  int32_t str_count;
  int32_t value_cap;
} filter_t;

typedef struct {
  ev_agg_op op;
  char *column; /* NULL: count rows */
  char *as;
} agg_t;

typedef struct {
  char *column;
  int descending;
} sort_t;

struct ev_query {
  filter_t filters[EV_QUERY_MAX_FILTERS];
  int filter_count;
  char *keys[EV_QUERY_MAX_KEYS];
  int key_count;
  agg_t aggs[EV_QUERY_MAX_AGGS];
  int agg_count;
  sort_t sorts[EV_QUERY_MAX_SORT];
  int sort_count;
  ev_derive *derives[EV_DERIVE_MAX_STEPS];
  int derive_count;
};

static const char *agg_name(ev_agg_op op) {
  switch (op) {
    case EV_AGG_COUNT: return "count";
    case EV_AGG_SUM: return "sum";
    case EV_AGG_MEAN: return "mean";
    case EV_AGG_MIN: return "min";
    case EV_AGG_MAX: return "max";
    case EV_AGG_MEDIAN: return "median";
  }
  return "?";
}

static char *dup_str(const char *s) {
  size_t n = strlen(s);
  char *c = malloc(n + 1);
  if (c) memcpy(c, s, n + 1);
  return c;
}

/* ---- building ---------------------------------------------------------- */

ev_query *ev_query_new(void) { return calloc(1, sizeof(ev_query)); }

void ev_query_free(ev_query *q) {
  if (!q) return;
  for (int i = 0; i < q->filter_count; i++) {
    filter_t *f = &q->filters[i];
    free(f->column);
    free(f->nums);
    for (int32_t j = 0; j < f->str_count; j++) free(f->strs[j]);
    free(f->strs);
  }
  for (int i = 0; i < q->key_count; i++) free(q->keys[i]);
  for (int i = 0; i < q->agg_count; i++) {
    free(q->aggs[i].column);
    free(q->aggs[i].as);
  }
  for (int i = 0; i < q->sort_count; i++) free(q->sorts[i].column);
  for (int i = 0; i < q->derive_count; i++) ev_derive_free(q->derives[i]);
  free(q);
}

static int check_name(const char *what, const char *name) {
  if (!name || !*name)
    return ev_error_set(EV_ERR_ARG, "query: %s needs a column name", what);
  if (strlen(name) > EV_MAX_NAME_BYTES)
    return ev_error_set(EV_ERR_LIMIT, "query: %s column name is over %d bytes",
                        what, EV_MAX_NAME_BYTES);
  return EV_OK;
}

static int add_filter(ev_query *q, ev_filter_op op, const char *column,
                      filter_t **out) {
  if (!q) return ev_error_set(EV_ERR_ARG, "query: NULL query");
  int rc = check_name("a filter", column);
  if (rc) return rc;
  if (q->filter_count == EV_QUERY_MAX_FILTERS)
    return ev_error_set(EV_ERR_LIMIT, "query: more than %d filters (limit)",
                        EV_QUERY_MAX_FILTERS);
  filter_t *f = &q->filters[q->filter_count];
  memset(f, 0, sizeof *f);
  if (!(f->column = dup_str(column)))
    return ev_error_set(EV_ERR_NOMEM, "out of memory building a query");
  f->op = op;
  q->filter_count++;
  *out = f;
  return EV_OK;
}

int ev_query_filter_in(ev_query *q, const char *column) {
  filter_t *f;
  return add_filter(q, EV_FILTER_IN, column, &f);
}

int ev_query_filter_range(ev_query *q, const char *column, double lo,
                          double hi) {
  filter_t *f;
  int rc = add_filter(q, EV_FILTER_RANGE, column, &f);
  if (rc) return rc;
  f->lo = lo;
  f->hi = hi;
  return EV_OK;
}

static int last_in_filter(ev_query *q, int want_strings, filter_t **out) {
  if (!q || q->filter_count == 0 ||
      q->filters[q->filter_count - 1].op != EV_FILTER_IN)
    return ev_error_set(EV_ERR_ARG,
                        "query: a filter value needs an 'in' filter first");
  filter_t *f = &q->filters[q->filter_count - 1];
  if ((want_strings && f->num_count) || (!want_strings && f->str_count))
    return ev_error_set(EV_ERR_ARG,
                        "query: filter %d on '%s' mixes numbers and strings",
                        q->filter_count, f->column);
  if (f->num_count + f->str_count >= EV_QUERY_MAX_VALUES)
    return ev_error_set(EV_ERR_LIMIT,
                        "query: filter %d on '%s' has more than %d values "
                        "(limit)",
                        q->filter_count, f->column, EV_QUERY_MAX_VALUES);
  int32_t used = f->num_count + f->str_count;
  if (used == f->value_cap) {
    int32_t cap = f->value_cap ? f->value_cap * 2 : 4;
    if (want_strings) {
      char **s = realloc(f->strs, (size_t)cap * sizeof *s);
      if (!s) return ev_error_set(EV_ERR_NOMEM, "out of memory");
      f->strs = s;
    } else {
      double *d = realloc(f->nums, (size_t)cap * sizeof *d);
      if (!d) return ev_error_set(EV_ERR_NOMEM, "out of memory");
      f->nums = d;
    }
    f->value_cap = cap;
  }
  *out = f;
  return EV_OK;
}

int ev_query_filter_add_number(ev_query *q, double v) {
  filter_t *f;
  int rc = last_in_filter(q, 0, &f);
  if (rc) return rc;
  f->nums[f->num_count++] = v;
  return EV_OK;
}

int ev_query_filter_add_string(ev_query *q, const char *s) {
  filter_t *f;
  if (!s) return ev_error_set(EV_ERR_ARG, "query: NULL filter value");
  int rc = last_in_filter(q, 1, &f);
  if (rc) return rc;
  char *c = dup_str(s);
  if (!c) return ev_error_set(EV_ERR_NOMEM, "out of memory");
  f->strs[f->str_count++] = c;
  return EV_OK;
}

int ev_query_group(ev_query *q, const char *column) {
  if (!q) return ev_error_set(EV_ERR_ARG, "query: NULL query");
  int rc = check_name("group by", column);
  if (rc) return rc;
  if (q->key_count == EV_QUERY_MAX_KEYS)
    return ev_error_set(EV_ERR_LIMIT,
                        "query: group by at most %d columns (limit)",
                        EV_QUERY_MAX_KEYS);
  if (!(q->keys[q->key_count] = dup_str(column)))
    return ev_error_set(EV_ERR_NOMEM, "out of memory building a query");
  q->key_count++;
  return EV_OK;
}

int ev_query_aggregate(ev_query *q, ev_agg_op op, const char *column,
                       const char *as) {
  if (!q) return ev_error_set(EV_ERR_ARG, "query: NULL query");
  if (op < EV_AGG_COUNT || op > EV_AGG_MEDIAN)
    return ev_error_set(EV_ERR_ARG, "query: unknown aggregate %d", (int)op);
  if (column || op != EV_AGG_COUNT) {
    int rc = check_name(agg_name(op), column);
    if (rc) return rc;
  }
  if (as && (!*as || strlen(as) > EV_MAX_NAME_BYTES))
    return ev_error_set(EV_ERR_ARG,
                        "query: an output name must have 1 to %d bytes",
                        EV_MAX_NAME_BYTES);
  if (q->agg_count == EV_QUERY_MAX_AGGS)
    return ev_error_set(EV_ERR_LIMIT, "query: more than %d aggregates (limit)",
                        EV_QUERY_MAX_AGGS);
  agg_t *a = &q->aggs[q->agg_count];
  a->op = op;
  a->column = column ? dup_str(column) : NULL;
  a->as = as ? dup_str(as) : NULL;
  if ((column && !a->column) || (as && !a->as)) {
    free(a->column);
    free(a->as);
    return ev_error_set(EV_ERR_NOMEM, "out of memory building a query");
  }
  q->agg_count++;
  return EV_OK;
}

int ev_query_sort(ev_query *q, const char *column, int descending) {
  if (!q) return ev_error_set(EV_ERR_ARG, "query: NULL query");
  int rc = check_name("sort", column);
  if (rc) return rc;
  if (q->sort_count == EV_QUERY_MAX_SORT)
    return ev_error_set(EV_ERR_LIMIT, "query: sort by at most %d columns",
                        EV_QUERY_MAX_SORT);
  sort_t *s = &q->sorts[q->sort_count];
  if (!(s->column = dup_str(column)))
    return ev_error_set(EV_ERR_NOMEM, "out of memory building a query");
  s->descending = descending != 0;
  q->sort_count++;
  return EV_OK;
}

int ev_query_derive(ev_query *q, ev_derive_op op, const char *column,
                    const char *as) {
  if (!q) return ev_error_set(EV_ERR_ARG, "query: NULL query");
  if (q->derive_count == EV_DERIVE_MAX_STEPS)
    return ev_error_set(EV_ERR_LIMIT,
                        "query: more than %d derive steps (limit)",
                        EV_DERIVE_MAX_STEPS);
  ev_derive *d = ev_derive_new(op, column, as, q->derive_count + 1);
  if (!d) return ev_error_status();
  q->derives[q->derive_count++] = d;
  return EV_OK;
}

/* The most recent derive step, for its setters. */
static ev_derive *last_derive(ev_query *q) {
  if (!q) {
    ev_error_set(EV_ERR_ARG, "query: NULL query");
    return NULL;
  }
  if (q->derive_count == 0) {
    ev_error_set(EV_ERR_ARG,
                 "query: a derive setting needs a derive step first");
    return NULL;
  }
  return q->derives[q->derive_count - 1];
}

#define WITH_DERIVE(q, call)                \
  do {                                      \
    ev_derive *d_ = last_derive(q);         \
    return d_ ? (call) : ev_error_status(); \
  } while (0)

int ev_query_derive_by(ev_query *q, const char *column) {
  WITH_DERIVE(q, ev_derive_add_by(d_, column));
}
int ev_query_derive_order(ev_query *q, const char *column) {
  WITH_DERIVE(q, ev_derive_set_order(d_, column));
}
int ev_query_derive_key(ev_query *q, const char *column) {
  WITH_DERIVE(q, ev_derive_set_key(d_, column));
}
int ev_query_derive_denominator_number(ev_query *q, double v) {
  WITH_DERIVE(q, ev_derive_set_denominator_number(d_, v));
}
int ev_query_derive_denominator_string(ev_query *q, const char *s) {
  WITH_DERIVE(q, ev_derive_set_denominator_string(d_, s));
}
int ev_query_derive_base(ev_query *q, double base) {
  WITH_DERIVE(q, ev_derive_set_base(d_, base));
}
int ev_query_derive_step(ev_query *q, double step) {
  WITH_DERIVE(q, ev_derive_set_step(d_, step));
}
int ev_query_derive_window(ev_query *q, double window) {
  WITH_DERIVE(q, ev_derive_set_window(d_, window));
}

/* ---- running ----------------------------------------------------------- */

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Resolves the filters' column names and checks their types. */
static int resolve_filters(const ev_query *q, const ev_table *t,
                           int32_t *fcol) {
  for (int i = 0; i < q->filter_count; i++) {
    const filter_t *f = &q->filters[i];
    int32_t c = ev_table_find(t, f->column);
    if (c < 0)
      return ev_error_set(EV_ERR_COLUMN,
                          "query on table '%s': filter %d: no column '%s'",
                          t->name, i + 1, f->column);
    ev_col_type ty = t->cols[c].type;
    const char *tn = ev_col_type_name(ty);
    if (f->op == EV_FILTER_RANGE && ty != EV_COL_NUMBER)
      return ev_error_set(EV_ERR_TYPE,
                          "query on table '%s': filter %d: a range needs a "
                          "number column, '%s' is %s",
                          t->name, i + 1, f->column, tn);
    if (f->op == EV_FILTER_IN) {
      if (ty == EV_COL_JSON)
        return ev_error_set(EV_ERR_TYPE,
                            "query on table '%s': filter %d: column '%s' "
                            "holds nested JSON and cannot be filtered",
                            t->name, i + 1, f->column);
      if (ty == EV_COL_STRING && f->num_count)
        return ev_error_set(EV_ERR_TYPE,
                            "query on table '%s': filter %d: column '%s' is "
                            "string, got number values",
                            t->name, i + 1, f->column);
      if (ty != EV_COL_STRING && f->str_count)
        return ev_error_set(EV_ERR_TYPE,
                            "query on table '%s': filter %d: column '%s' is "
                            "%s, got string values",
                            t->name, i + 1, f->column, tn);
    }
    fcol[i] = c;
  }
  return EV_OK;
}

/* Resolves column names and checks types before any work. */
static int resolve(const ev_query *q, const ev_table *t, int32_t *fcol,
                   int32_t *kcol, int32_t *acol) {
  int rc = resolve_filters(q, t, fcol);
  if (rc) return rc;
  for (int i = 0; i < q->key_count; i++) {
    int32_t c = ev_table_find(t, q->keys[i]);
    if (c < 0)
      return ev_error_set(EV_ERR_COLUMN,
                          "query on table '%s': group by: no column '%s'",
                          t->name, q->keys[i]);
    if (t->cols[c].type == EV_COL_JSON)
      return ev_error_set(EV_ERR_TYPE,
                          "query on table '%s': group by: column '%s' holds "
                          "nested JSON",
                          t->name, q->keys[i]);
    for (int j = 0; j < i; j++)
      if (kcol[j] == c)
        return ev_error_set(EV_ERR_ARG,
                            "query on table '%s': group by '%s' twice",
                            t->name, q->keys[i]);
    kcol[i] = c;
  }
  for (int i = 0; i < q->agg_count; i++) {
    const agg_t *a = &q->aggs[i];
    acol[i] = -1;
    if (!a->column) continue;
    int32_t c = ev_table_find(t, a->column);
    if (c < 0)
      return ev_error_set(EV_ERR_COLUMN,
                          "query on table '%s': aggregate %d (%s): no column "
                          "'%s'",
                          t->name, i + 1, agg_name(a->op), a->column);
    ev_col_type ty = t->cols[c].type;
    if (a->op != EV_AGG_COUNT && ty != EV_COL_NUMBER && ty != EV_COL_BOOL)
      return ev_error_set(EV_ERR_TYPE,
                          "query on table '%s': aggregate %d: cannot take "
                          "the %s of '%s', a %s column",
                          t->name, i + 1, agg_name(a->op), a->column,
                          ev_col_type_name(ty));
    acol[i] = c;
  }
  return EV_OK;
}

/* 1 if v is one of vals[0..nv) (sorted, distinct, no NaN); -0 == 0. */
static inline int in_sorted(const double *vals, int32_t nv, double v) {
  if (nv <= 8) {
    int m = 0;
    for (int32_t j = 0; j < nv; j++) m |= v == vals[j];
    return m;
  }
  const double *base = vals; /* the last value <= v, or vals[0] */
  for (int32_t len = nv; len > 1; len -= len / 2)
    if (base[len / 2] <= v) base += len / 2;
  return *base == v;
}

/* Row selection: the indices of rows that pass every filter.
 *
 * Speed (README "Queries"): each filter is one pass over the current
 * selection that writes every row index and advances the write position by
 * the test's result (0 or 1), so there is no data-dependent branch to
 * mispredict; the tests themselves are branch-free comparisons. */
static int select_rows(const ev_query *q, const ev_table *t,
                       const int32_t *fcol, int32_t **out_sel,
                       int32_t *out_count) {
  int32_t n = t->row_count;
  int32_t *sel = malloc((n ? (size_t)n : 1) * sizeof *sel);
  if (!sel) return ev_error_set(EV_ERR_NOMEM, "out of memory filtering");
  int32_t count = n;
  int identity = 1; /* sel[k] == k so far (not yet written) */
  for (int i = 0; i < q->filter_count && count > 0; i++) {
    const filter_t *f = &q->filters[i];
    const ev_column *col = &t->cols[fcol[i]];
    int32_t kept = 0;
    if (f->op == EV_FILTER_RANGE) {
      /* NaN bounds are open; a NaN value fails both comparisons */
      const double lo = isnan(f->lo) ? -INFINITY : f->lo;
      const double hi = isnan(f->hi) ? INFINITY : f->hi;
      const double *num = col->num;
      if (identity) {
        for (int32_t r = 0; r < n; r++) {
          double v = num[r];
          sel[kept] = r;
          kept += (v >= lo) & (v <= hi);
        }
      } else {
        for (int32_t k = 0; k < count; k++) {
          int32_t r = sel[k];
          double v = num[r];
          sel[kept] = r;
          kept += (v >= lo) & (v <= hi);
        }
      }
    } else if (col->type == EV_COL_STRING) {
      /* a byte per dictionary code (plus one for missing, code -1) */
      int32_t dn = ev_dict_count(col->dict);
      unsigned char *want = calloc((size_t)dn + 1, 1);
      if (!want) {
        free(sel);
        return ev_error_set(EV_ERR_NOMEM, "out of memory filtering");
      }
      for (int32_t j = 0; j < f->str_count; j++) {
        int32_t code = ev_dict_find(col->dict, f->strs[j], strlen(f->strs[j]));
        if (code >= 0) want[code + 1] = 1;
      }
      const int32_t *codes = col->code;
      if (identity) {
        for (int32_t r = 0; r < n; r++) {
          sel[kept] = r;
          kept += want[codes[r] + 1];
        }
      } else {
        for (int32_t k = 0; k < count; k++) {
          int32_t r = sel[k];
          sel[kept] = r;
          kept += want[codes[r] + 1];
        }
      }
      free(want);
    } else {
      double *vals = malloc((f->num_count ? (size_t)f->num_count : 1) *
                            sizeof *vals);
      if (!vals) {
        free(sel);
        return ev_error_set(EV_ERR_NOMEM, "out of memory filtering");
      }
      /* NaN matches nothing: leave it out; sort and drop duplicates */
      int32_t nv = 0;
      for (int32_t j = 0; j < f->num_count; j++)
        if (!isnan(f->nums[j])) vals[nv++] = f->nums[j];
      qsort(vals, (size_t)nv, sizeof *vals, cmp_double);
      int32_t u = 0;
      for (int32_t j = 0; j < nv; j++)
        if (u == 0 || vals[j] != vals[u - 1]) vals[u++] = vals[j];
      nv = u;
      const double *num = col->num;
      for (int32_t k = 0; k < count; k++) {
        int32_t r = identity ? k : sel[k];
        sel[kept] = r;
        kept += in_sorted(vals, nv, num[r]);
      }
      free(vals);
    }
    count = kept;
    identity = 0;
  }
  if (identity)
    for (int32_t r = 0; r < n; r++) sel[r] = r;
  *out_sel = sel;
  *out_count = count;
  return EV_OK;
}

/* ---- comparing values of one column ------------------------------------ */

/* Orders two rows of a column: missing last, numbers numerically, strings
 * by bytes. Returns <0, 0, >0. Missing compares equal to missing. */
static int cmp_cell(const ev_column *c, int32_t a, int32_t b) {
  int ma = ev_column_is_missing(c, a), mb = ev_column_is_missing(c, b);
  if (ma || mb) return ma - mb;
  if (c->num) return (c->num[a] > c->num[b]) - (c->num[a] < c->num[b]);
  int32_t ca = c->code[a], cb = c->code[b];
  if (ca == cb) return 0;
  size_t la = ev_dict_len(c->dict, ca), lb = ev_dict_len(c->dict, cb);
  int r = memcmp(ev_dict_str(c->dict, ca), ev_dict_str(c->dict, cb),
                 la < lb ? la : lb);
  if (r) return r;
  return (la > lb) - (la < lb);
}

/* qsort has no context argument; the engine is single-threaded. */
typedef struct {
  const ev_column *cols[EV_QUERY_MAX_SORT > EV_QUERY_MAX_KEYS
                            ? EV_QUERY_MAX_SORT
                            : EV_QUERY_MAX_KEYS];
  int desc[EV_QUERY_MAX_SORT];
  int count;
} order_ctx;
static order_ctx g_order;

/* Compares row indices by g_order's columns; ties by index (stable). */
static int cmp_rows(const void *pa, const void *pb) {
  int32_t a = *(const int32_t *)pa, b = *(const int32_t *)pb;
  for (int i = 0; i < g_order.count; i++) {
    const ev_column *c = g_order.cols[i];
    int ma = ev_column_is_missing(c, a), mb = ev_column_is_missing(c, b);
    int r = (ma || mb) ? ma - mb : cmp_cell(c, a, b);
    if (r) return (!ma && !mb && g_order.desc[i]) ? -r : r;
  }
  return (a > b) - (a < b);
}

/* ---- grouping ----------------------------------------------------------
 *
 * Each key cell becomes a 64-bit code: a string's dictionary code + 1 (0 =
 * missing); a number's bits, with -0 as 0 and every NaN as one missing
 * value. Two cells are the same key exactly when their codes are equal.
 * Keys that map to few dense slots (string codes of a small dictionary;
 * whole numbers in a small range, such as years) index a table directly, no
 * hashing; other keys go through an open-addressing hash table that stores
 * the codes of each group, so a probe never goes back to the rows. */

#define MISSING_NUM_KEY 0x7FF8000000000001ull
/* direct indexing when the key space (product of the keys' dense sizes) is
 * at most this many slots, or at most 4 slots per selected row */
#define DIRECT_MAX_SLOTS 4096

static inline uint64_t num_key(double v) {
  if (isnan(v)) return MISSING_NUM_KEY;
  if (v == 0) v = 0; /* -0 and 0 are one group */
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  return bits;
}

static inline uint64_t cell_key(const ev_column *c, int32_t row) {
  return c->num ? num_key(c->num[row]) : (uint64_t)(uint32_t)(c->code[row] + 1);
}

static inline uint32_t hash_pair(uint64_t a, uint64_t b, int shift) {
  uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
  h ^= h >> 31;
  h *= 0x94D049BB133111EBull;
  return (uint32_t)(h >> shift);
}

/* A key column seen as dense slots 0 .. size - 1: a string column by code
 * (code + 1; missing 0), or a number column whose values (in the selected
 * rows) are whole numbers in a small range, by value - min (missing: the
 * last slot, after the largest value). */
typedef struct {
  const ev_column *c;
  double min;
  uint64_t size;
} dense_key;

/* Fills d for column c over the selection; 1 if it has at most limit
 * slots. */
static int dense_of(const ev_column *c, const int32_t *sel, int32_t count,
                    uint64_t limit, dense_key *d) {
  d->c = c;
  if (!c->num) {
    d->size = (uint64_t)ev_dict_count(c->dict) + 1;
    return d->size <= limit;
  }
  double lo = INFINITY, hi = -INFINITY;
  const double *num = c->num;
  for (int32_t k = 0; k < count; k++) {
    double v = num[sel[k]];
    if (isnan(v)) continue;
    if (isinf(v) || v != floor(v)) return 0;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (hi - lo >= (double)limit) return 0;
  }
  if (lo > hi) lo = hi = 0; /* all missing */
  d->min = lo;
  d->size = (uint64_t)(hi - lo) + 2;
  return d->size <= limit;
}

static inline size_t dense_slot(const dense_key *d, int32_t row) {
  if (!d->c->num) return (size_t)(d->c->code[row] + 1);
  double v = d->c->num[row];
  /* exact: whole numbers within `size` of each other */
  return isnan(v) ? (size_t)d->size - 1 : (size_t)(v - d->min);
}

/* Grouping through a table indexed by the keys' dense slots (slots = the
 * product of their sizes). When every key is a number, slot order is key
 * order (missing last), so the groups are renumbered in that order and
 * *out_ordered is 1. */
static int group_direct(const dense_key *keys, int key_count,
                        const int32_t *sel, int32_t count, size_t slots,
                        int32_t *gid, int32_t *first, int32_t *out_groups,
                        int *out_ordered) {
  int32_t *map = malloc(slots * sizeof *map);
  if (!map) return ev_error_set(EV_ERR_NOMEM, "out of memory grouping");
  memset(map, 0xff, slots * sizeof *map); /* -1 */
  int32_t groups = 0;
  const dense_key *k0 = &keys[0], *k1 = key_count > 1 ? &keys[1] : NULL;
  if (!k1 && !k0->c->num) { /* one string key: the common case */
    const int32_t *code = k0->c->code;
    for (int32_t k = 0; k < count; k++) {
      int32_t r = sel[k];
      int32_t *slot = &map[code[r] + 1];
      if (*slot < 0) {
        first[groups] = r;
        *slot = groups++;
      }
      gid[k] = *slot;
    }
  } else {
    const size_t n1 = k1 ? (size_t)k1->size : 1;
    for (int32_t k = 0; k < count; k++) {
      int32_t r = sel[k];
      size_t s = dense_slot(k0, r) * n1 + (k1 ? dense_slot(k1, r) : 0);
      int32_t *slot = &map[s];
      if (*slot < 0) {
        first[groups] = r;
        *slot = groups++;
      }
      gid[k] = *slot;
    }
  }
  int ordered = k0->c->num && (!k1 || k1->c->num);
  if (ordered) {
    /* map[s] becomes free to reuse: rank of each group in slot order */
    int32_t *rank = malloc(((size_t)groups + 1) * sizeof *rank);
    int32_t *rows = malloc(((size_t)groups + 1) * sizeof *rows);
    if (!rank || !rows) {
      free(map), free(rank), free(rows);
      return ev_error_set(EV_ERR_NOMEM, "out of memory grouping");
    }
    int32_t next = 0;
    for (size_t s = 0; s < slots; s++)
      if (map[s] >= 0) rank[map[s]] = next++;
    for (int32_t k = 0; k < count; k++) gid[k] = rank[gid[k]];
    for (int32_t g = 0; g < groups; g++) rows[rank[g]] = first[g];
    memcpy(first, rows, (size_t)groups * sizeof *first);
    free(rank), free(rows);
  }
  free(map);
  *out_groups = groups;
  *out_ordered = ordered;
  return EV_OK;
}

/* Grouping by any keys through a hash table of key codes. */
static int group_hashed(const ev_column *const *keys, int key_count,
                        const int32_t *sel, int32_t count, int32_t *gid,
                        int32_t *first, int32_t *out_groups) {
  int bits = 10;
  uint32_t cap = 1u << bits;
  int32_t *index = malloc(cap * sizeof *index);
  /* the codes of each group's keys; at most count groups */
  size_t gcap = count ? (size_t)count : 1;
  uint64_t *ka = malloc(gcap * sizeof *ka), *kb = malloc(gcap * sizeof *kb);
  if (!index || !ka || !kb) {
    free(index), free(ka), free(kb);
    return ev_error_set(EV_ERR_NOMEM, "out of memory grouping");
  }
  memset(index, 0xff, cap * sizeof *index);
  const ev_column *k0 = keys[0], *k1 = key_count > 1 ? keys[1] : NULL;
  int32_t groups = 0;
  for (int32_t k = 0; k < count; k++) {
    int32_t r = sel[k];
    uint64_t a = cell_key(k0, r), b = k1 ? cell_key(k1, r) : 0;
    uint32_t slot = hash_pair(a, b, 64 - bits);
    int32_t g;
    for (;;) {
      g = index[slot];
      if (g < 0 || (ka[g] == a && kb[g] == b)) break;
      slot = (slot + 1) & (cap - 1);
    }
    if (g < 0) {
      g = groups++;
      ka[g] = a, kb[g] = b;
      first[g] = r;
      index[slot] = g;
      if ((uint32_t)groups * 2 > cap) { /* grow: keep the load under 1/2 */
        int32_t *grown = malloc((size_t)cap * 2 * sizeof *grown);
        if (!grown) {
          free(index), free(ka), free(kb);
          return ev_error_set(EV_ERR_NOMEM, "out of memory grouping");
        }
        free(index);
        index = grown;
        cap *= 2;
        bits++;
        memset(index, 0xff, cap * sizeof *index);
        for (int32_t h = 0; h < groups; h++) {
          uint32_t s = hash_pair(ka[h], kb[h], 64 - bits);
          while (index[s] >= 0) s = (s + 1) & (cap - 1);
          index[s] = h;
        }
      }
    }
    gid[k] = g;
  }
  free(index), free(ka), free(kb);
  *out_groups = groups;
  return EV_OK;
}

/* Assigns each selected row a group id: in first-seen order, or (when
 * *out_ordered is 1) already in ascending key order. On success
 * *out_first[g] is the first selected row of group g. */
static int group_rows(const ev_table *t, const int32_t *kcol, int key_count,
                      const int32_t *sel, int32_t count, int32_t *gid,
                      int32_t **out_first, int32_t *out_groups,
                      int *out_ordered) {
  const ev_column *keys[EV_QUERY_MAX_KEYS];
  dense_key dense[EV_QUERY_MAX_KEYS];
  /* direct indexing while the table stays small next to the rows */
  uint64_t limit = (uint64_t)count * 4;
  if (limit < DIRECT_MAX_SLOTS) limit = DIRECT_MAX_SLOTS;
  uint64_t slots = 1; /* each factor <= limit <= 4e6: no overflow */
  int direct = 1;
  for (int i = 0; i < key_count; i++) {
    keys[i] = &t->cols[kcol[i]];
    if (direct && dense_of(keys[i], sel, count, limit, &dense[i]))
      slots *= dense[i].size;
    else
      direct = 0;
  }
  if (slots > limit) direct = 0;
  int32_t *first = malloc((count ? (size_t)count : 1) * sizeof *first);
  if (!first) return ev_error_set(EV_ERR_NOMEM, "out of memory grouping");
  *out_ordered = 0;
  int rc = direct ? group_direct(dense, key_count, sel, count, (size_t)slots,
                                 gid, first, out_groups, out_ordered)
                  : group_hashed(keys, key_count, sel, count, gid, first,
                                 out_groups);
  if (rc) {
    free(first);
    return rc;
  }
  *out_first = first;
  return EV_OK;
}

/* The k-th smallest of v[0..n) (0 <= k < n), leaving every value before
 * position k no greater than it (quickselect, Hoare partition). */
static double select_kth(double *v, int32_t n, int32_t k) {
  int32_t lo = 0, hi = n - 1;
  while (hi > lo) {
    int32_t mid = lo + (hi - lo) / 2;
    double a = v[lo], b = v[mid], c = v[hi];
    double p = a < b ? (b < c ? b : (a < c ? c : a))
                     : (a < c ? a : (b < c ? c : b));
    int32_t i = lo, j = hi;
    while (i <= j) {
      while (v[i] < p) i++;
      while (v[j] > p) j--;
      if (i <= j) {
        double s = v[i];
        v[i++] = v[j];
        v[j--] = s;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return v[k];
}

/* The median of v[0..n) (reordered), NaN for n == 0: the middle value, or
 * the mean of the two middle values computed as a/2 + b/2. */
static double median_of(double *v, int32_t n) {
  if (n == 0) return NAN;
  double upper = select_kth(v, n, n / 2);
  if (n % 2) return upper;
  double lower = v[0];
  for (int32_t i = 1; i < n / 2; i++)
    if (v[i] > lower) lower = v[i];
  return lower / 2 + upper / 2;
}

/* ev_ksum_add without a branch: the same arithmetic, so the same sums, but
 * the choice of correction term is a select (a data-dependent branch here
 * is mispredicted about half the time on real data). */
static inline void ksum_add(ev_ksum *s, double v) {
  double t = s->sum + v;
  double big_sum = (s->sum - t) + v, big_v = (v - t) + s->sum;
  s->comp += fabs(s->sum) >= fabs(v) ? big_sum : big_v;
  s->sum = t;
}

/* Fills out[g] with aggregate a over the selected rows of each group. Each
 * op makes one pass that keeps only what it needs.
 *
 * Two shapes, one body (always inlined, so each loop is compiled for its
 * shape): by_code 0 reads row sel[k] into group gid[k]; by_code 1 (no
 * filters, one string key) reads row k into group code[k] + 1, straight
 * from the key's code column, with no row-index or group-id array (sel and
 * gid unused; `rows` is then each group's row count, the count of rows).
 * Either way each group sees its values in row order, so the sums are the
 * same doubles. */
static inline __attribute__((always_inline)) int
aggregate_body(const agg_t *a, const ev_column *col, const int32_t *sel,
               const int32_t *gid, const int32_t *code, const int32_t *rows,
               int32_t count, int32_t groups, double *out, const int by_code) {
#define ROW(k) (by_code ? (k) : sel[k])
#define GID(k) (by_code ? code[k] + 1 : gid[k])
  size_t cap = groups ? (size_t)groups : 1; /* never malloc(0) */
  int32_t *n = calloc(cap, sizeof *n);
  if (!n) return ev_error_set(EV_ERR_NOMEM, "out of memory aggregating");
  int rc = EV_OK;
  if (!col) { /* count of rows */
    if (by_code) {
      for (int32_t g = 0; g < groups; g++) out[g] = rows[g];
      goto done;
    }
    for (int32_t k = 0; k < count; k++) n[GID(k)]++;
    for (int32_t g = 0; g < groups; g++) out[g] = n[g];
    goto done;
  }
  if (!col->num) { /* count of a string column's values */
    const int32_t *vcode = col->code;
    for (int32_t k = 0; k < count; k++) n[GID(k)] += vcode[ROW(k)] >= 0;
    for (int32_t g = 0; g < groups; g++) out[g] = n[g];
    goto done;
  }
  const double *num = col->num;
  switch (a->op) {
    case EV_AGG_COUNT:
      for (int32_t k = 0; k < count; k++) n[GID(k)] += !isnan(num[ROW(k)]);
      for (int32_t g = 0; g < groups; g++) out[g] = n[g];
      break;
    case EV_AGG_SUM:
    case EV_AGG_MEAN: {
      ev_ksum *sum = calloc(cap, sizeof *sum);
      if (!sum) {
        rc = ev_error_set(EV_ERR_NOMEM, "out of memory aggregating");
        break;
      }
      if (!by_code && groups == 1) { /* the running sum stays in registers */
        ev_ksum s1 = {0, 0};
        int32_t n1 = 0;
        if (count && sel[count - 1] == count - 1) { /* every row, in order */
          for (int32_t k = 0; k < count; k++) {
            double v = num[k];
            if (isnan(v)) continue;
            n1++;
            ksum_add(&s1, v);
          }
        } else {
          for (int32_t k = 0; k < count; k++) {
            double v = num[sel[k]];
            if (isnan(v)) continue;
            n1++;
            ksum_add(&s1, v);
          }
        }
        sum[0] = s1;
        n[0] = n1;
      } else if (by_code) { /* count the missing values, not the others */
        for (int32_t k = 0; k < count; k++) {
          double v = num[k];
          int32_t g = code[k] + 1;
          if (isnan(v)) {
            n[g]++;
            continue;
          }
          ksum_add(&sum[g], v);
        }
        for (int32_t g = 0; g < groups; g++) n[g] = rows[g] - n[g];
      } else {
        for (int32_t k = 0; k < count; k++) {
          double v = num[ROW(k)];
          if (isnan(v)) continue;
          int32_t g = GID(k);
          n[g]++;
          ksum_add(&sum[g], v);
        }
      }
      for (int32_t g = 0; g < groups; g++) {
        double s = ev_ksum_value(&sum[g]);
        out[g] = !n[g] ? NAN : a->op == EV_AGG_SUM ? s : s / n[g];
      }
      free(sum);
      break;
    }
    case EV_AGG_MIN:
    case EV_AGG_MAX: {
      /* out[] starts at the identity; NaN values compare false */
      int is_min = a->op == EV_AGG_MIN;
      for (int32_t g = 0; g < groups; g++) out[g] = is_min ? INFINITY : -INFINITY;
      for (int32_t k = 0; k < count; k++) {
        double v = num[ROW(k)];
        int32_t g = GID(k);
        n[g] += !isnan(v);
        if (is_min ? v < out[g] : v > out[g]) out[g] = v;
      }
      for (int32_t g = 0; g < groups; g++)
        if (!n[g]) out[g] = NAN;
      break;
    }
    case EV_AGG_MEDIAN: {
      /* bucket the values by group, then take each bucket's median */
      for (int32_t k = 0; k < count; k++) n[GID(k)] += !isnan(num[ROW(k)]);
      int32_t *start = malloc(((size_t)groups + 1) * sizeof *start);
      double *vals = malloc((count ? (size_t)count : 1) * sizeof *vals);
      if (!start || !vals) {
        free(start), free(vals);
        rc = ev_error_set(EV_ERR_NOMEM, "out of memory for a median");
        break;
      }
      start[0] = 0;
      for (int32_t g = 0; g < groups; g++) start[g + 1] = start[g] + n[g];
      for (int32_t k = 0; k < count; k++) { /* start[g] runs to start[g+1] */
        double v = num[ROW(k)];
        if (!isnan(v)) vals[start[GID(k)]++] = v;
      }
      for (int32_t g = 0; g < groups; g++) {
        int32_t end = start[g]; /* now the bucket's end */
        out[g] = median_of(vals + end - n[g], n[g]);
      }
      free(start), free(vals);
      break;
    }
  }
done:
  free(n);
  return rc;
#undef ROW
#undef GID
}

/* Aggregate a over rows sel[0..count) into groups gid[0..count). */
static int aggregate(const agg_t *a, const ev_column *col, const int32_t *sel,
                     const int32_t *gid, int32_t count, int32_t groups,
                     double *out) {
  return aggregate_body(a, col, sel, gid, NULL, NULL, count, groups, out, 0);
}

/* Aggregate a over rows 0..count into groups code[r] + 1 (slots of a
 * string key's dictionary, 0 = missing); rows[s] is slot s's row count. */
static int aggregate_by_code(const agg_t *a, const ev_column *col,
                             const int32_t *code, const int32_t *rows,
                             int32_t count, int32_t slots, double *out) {
  return aggregate_body(a, col, NULL, NULL, code, rows, count, slots, out, 1);
}

/* ---- output ------------------------------------------------------------ */

/* Adds a column to out holding src's values at rows[0..n). String columns
 * get a compact dictionary in row order. */
static int copy_column(ev_table *out, const ev_column *src,
                       const int32_t *rows, int32_t n) {
  int32_t c = ev_table_add_column(out, src->name, src->type, NULL);
  if (c < 0) return c;
  ev_column *dst = &out->cols[c];
  for (int32_t i = 0; i < n; i++) {
    if (src->num) {
      dst->num[i] = src->num[rows[i]];
    } else if (src->code[rows[i]] >= 0) {
      int32_t code = src->code[rows[i]];
      int32_t nc = ev_dict_intern(dst->dict, ev_dict_str(src->dict, code),
                                  ev_dict_len(src->dict, code));
      if (nc < 0) return ev_error_set(EV_ERR_NOMEM, "out of memory");
      dst->code[i] = nc;
    }
  }
  return EV_OK;
}

/* Reorders every column of t by perm (new row i = old row perm[i]). */
static int permute(ev_table *t, const int32_t *perm) {
  size_t n = t->row_count ? (size_t)t->row_count : 1;
  double *tmp = malloc(n * sizeof *tmp);
  int32_t *tmpc = malloc(n * sizeof *tmpc);
  if (!tmp || !tmpc) {
    free(tmp), free(tmpc);
    return ev_error_set(EV_ERR_NOMEM, "out of memory sorting");
  }
  for (int32_t c = 0; c < t->col_count; c++) {
    ev_column *col = &t->cols[c];
    for (int32_t i = 0; i < t->row_count; i++) {
      if (col->num) tmp[i] = col->num[perm[i]];
      else tmpc[i] = col->code[perm[i]];
    }
    if (col->num) memcpy(col->num, tmp, (size_t)t->row_count * sizeof *tmp);
    else memcpy(col->code, tmpc, (size_t)t->row_count * sizeof *tmpc);
  }
  free(tmp), free(tmpc);
  return EV_OK;
}

static int sort_output(const ev_query *q, ev_table *t) {
  if (q->sort_count == 0 || t->row_count < 2) return EV_OK;
  g_order.count = q->sort_count;
  for (int i = 0; i < q->sort_count; i++) {
    int32_t c = ev_table_find(t, q->sorts[i].column);
    if (c < 0)
      return ev_error_set(EV_ERR_COLUMN,
                          "query on table '%s': sort: no output column '%s'",
                          t->name, q->sorts[i].column);
    g_order.cols[i] = &t->cols[c];
    g_order.desc[i] = q->sorts[i].descending;
  }
  int32_t *perm = malloc((size_t)t->row_count * sizeof *perm);
  if (!perm) return ev_error_set(EV_ERR_NOMEM, "out of memory sorting");
  for (int32_t i = 0; i < t->row_count; i++) perm[i] = i;
  qsort(perm, (size_t)t->row_count, sizeof *perm, cmp_rows);
  int rc = permute(t, perm);
  free(perm);
  return rc;
}

/* The stages after filter/group/aggregate: derive, then sort. */
static int finish_output(const ev_query *q, ev_table *t) {
  for (int i = 0; i < q->derive_count; i++) {
    int rc = ev_derive_apply(q->derives[i], t);
    if (rc) return rc;
  }
  return sort_output(q, t);
}

static int output_name(const agg_t *a, char *buf, size_t cap) {
  if (a->as) return snprintf(buf, cap, "%s", a->as);
  if (!a->column) return snprintf(buf, cap, "count");
  return snprintf(buf, cap, "%s_%s", agg_name(a->op), a->column);
}

/* Sort keys of the groups, for order_groups. */
typedef struct {
  int count;
  const double *v[EV_QUERY_MAX_KEYS];        /* value or string rank */
  const unsigned char *miss[EV_QUERY_MAX_KEYS]; /* 1 = missing (last) */
} group_keys;

static inline int group_less(const group_keys *k, int32_t a, int32_t b) {
  for (int i = 0; i < k->count; i++) {
    int ma = k->miss[i][a], mb = k->miss[i][b];
    if (ma != mb) return ma < mb;
    if (!ma && k->v[i][a] != k->v[i][b]) return k->v[i][a] < k->v[i][b];
  }
  return a < b;
}

/* Sorts ids[0..n) by group_less (bottom-up merge sort; tmp holds n). */
static void sort_groups(const group_keys *k, int32_t *ids, int32_t *tmp,
                        int32_t n) {
  int32_t *src = ids, *dst = tmp;
  for (int32_t w = 1; w < n; w *= 2) {
    for (int32_t lo = 0; lo < n; lo += 2 * w) {
      int32_t mid = lo + w < n ? lo + w : n;
      int32_t hi = lo + 2 * w < n ? lo + 2 * w : n;
      int32_t i = lo, j = mid, o = lo;
      while (i < mid && j < hi)
        dst[o++] = group_less(k, src[j], src[i]) ? src[j++] : src[i++];
      while (i < mid) dst[o++] = src[i++];
      while (j < hi) dst[o++] = src[j++];
    }
    int32_t *s = src;
    src = dst;
    dst = s;
  }
  if (src != ids) memcpy(ids, src, (size_t)n * sizeof *ids);
}

/* The string dictionary being ranked (qsort has no context argument). */
static const ev_dict *g_rank_dict;
static int cmp_codes(const void *pa, const void *pb) {
  int32_t a = *(const int32_t *)pa, b = *(const int32_t *)pb;
  size_t la = ev_dict_len(g_rank_dict, a), lb = ev_dict_len(g_rank_dict, b);
  int r = memcmp(ev_dict_str(g_rank_dict, a), ev_dict_str(g_rank_dict, b),
                 la < lb ? la : lb);
  if (r) return r;
  return (la > lb) - (la < lb);
}

/* Renumbers groups in ascending key order (numbers numerically, strings by
 * bytes, missing last): gid[] and first[] change. */
static int order_groups(const ev_table *t, const int32_t *kcol, int key_count,
                        int32_t *gid, int32_t count, int32_t *first,
                        int32_t groups) {
  size_t gn = (size_t)groups + 1;
  int32_t *order = malloc(gn * sizeof *order);
  int32_t *tmp = malloc(gn * sizeof *tmp);
  double *val[EV_QUERY_MAX_KEYS] = {0};
  unsigned char *miss[EV_QUERY_MAX_KEYS] = {0};
  int32_t *rank = NULL, *used = NULL;
  int rc = EV_OK;
  if (!order || !tmp) goto nomem;
  group_keys k = {key_count, {0}, {0}};
  for (int i = 0; i < key_count; i++) {
    const ev_column *c = &t->cols[kcol[i]];
    if (!(val[i] = malloc(gn * sizeof **val)) ||
        !(miss[i] = malloc(gn * sizeof **miss)))
      goto nomem;
    if (c->num) {
      for (int32_t g = 0; g < groups; g++) {
        double v = c->num[first[g]];
        miss[i][g] = isnan(v);
        val[i][g] = v;
      }
    } else {
      /* rank the codes the groups use by their strings */
      int32_t dn = ev_dict_count(c->dict), nu = 0;
      free(rank), free(used);
      rank = malloc(((size_t)dn + 1) * sizeof *rank);
      used = malloc(((size_t)dn + 1) * sizeof *used);
      if (!rank || !used) goto nomem;
      memset(rank, 0xff, ((size_t)dn + 1) * sizeof *rank);
      for (int32_t g = 0; g < groups; g++) {
        int32_t code = c->code[first[g]];
        if (code >= 0 && rank[code] < 0) rank[code] = 0, used[nu++] = code;
      }
      g_rank_dict = c->dict;
      qsort(used, (size_t)nu, sizeof *used, cmp_codes);
      for (int32_t j = 0; j < nu; j++) rank[used[j]] = j;
      for (int32_t g = 0; g < groups; g++) {
        int32_t code = c->code[first[g]];
        miss[i][g] = code < 0;
        val[i][g] = code < 0 ? 0 : rank[code];
      }
    }
    k.v[i] = val[i];
    k.miss[i] = miss[i];
  }
  for (int32_t g = 0; g < groups; g++) order[g] = g;
  sort_groups(&k, order, tmp, groups);
  /* tmp becomes rank of each old group id; then first[] in the new order */
  for (int32_t i = 0; i < groups; i++) tmp[order[i]] = i;
  for (int32_t j = 0; j < count; j++) gid[j] = tmp[gid[j]];
  for (int32_t i = 0; i < groups; i++) tmp[i] = first[order[i]];
  memcpy(first, tmp, (size_t)groups * sizeof *first);
  goto done;
nomem:
  rc = ev_error_set(EV_ERR_NOMEM, "out of memory grouping");
done:
  free(order), free(tmp), free(rank), free(used);
  for (int i = 0; i < key_count; i++) free(val[i]), free(miss[i]);
  return rc;
}

/* The number of dictionary slots (codes + 1 for missing) when q groups
 * every row of t (no filters) by one string key whose dictionary is small
 * next to the rows (as group_rows would index it directly); else 0. Such a
 * query is grouped and aggregated straight from the key's code column. */
static int32_t by_code_slots(const ev_query *q, const ev_table *t,
                             const int32_t *kcol) {
  if (q->filter_count || q->key_count != 1 || t->row_count == 0) return 0;
  const ev_column *c = &t->cols[kcol[0]];
  if (c->num) return 0;
  uint64_t limit = (uint64_t)t->row_count * 4;
  if (limit < DIRECT_MAX_SLOTS) limit = DIRECT_MAX_SLOTS;
  uint64_t slots = (uint64_t)ev_dict_count(c->dict) + 1;
  return slots <= limit ? (int32_t)slots : 0;
}

/* Groups every row of t by the string key kcol[0] through its codes (slot
 * s = code + 1, 0 = missing): rows[s] becomes slot s's row count; the used
 * slots become groups in ascending key order (missing last), slot_group[s]
 * the group of slot s (-1: unused) and first[g] group g's first row. */
static int group_by_code(const ev_table *t, const int32_t *kcol,
                         int32_t slots, int32_t *rows, int32_t *slot_group,
                         int32_t *first, int32_t *out_groups) {
  const int32_t *code = t->cols[kcol[0]].code;
  int32_t n = t->row_count, groups = 0;
  for (int32_t r = 0; r < n; r++) rows[code[r] + 1]++;
  for (int32_t s = 0; s < slots; s++) slot_group[s] = rows[s] ? groups++ : -1;
  /* first rows, in slot order: stop once every group has one */
  int32_t *ids = malloc(((size_t)groups + 1) * sizeof *ids);
  if (!ids) return ev_error_set(EV_ERR_NOMEM, "out of memory grouping");
  for (int32_t g = 0; g < groups; g++) first[g] = -1, ids[g] = g;
  for (int32_t r = 0, found = 0; r < n && found < groups; r++) {
    int32_t g = slot_group[code[r] + 1];
    if (first[g] < 0) first[g] = r, found++;
  }
  /* ids[g] becomes group g's place in key order */
  int rc = order_groups(t, kcol, 1, ids, groups, first, groups);
  if (!rc)
    for (int32_t s = 0; s < slots; s++)
      if (slot_group[s] >= 0) slot_group[s] = ids[slot_group[s]];
  free(ids);
  *out_groups = groups;
  return rc;
}

/* Adds aggregate i's output column to res; its index, or < 0 (error set). */
static int32_t add_agg_column(const ev_query *q, int i, const ev_table *t,
                              ev_table *res) {
  char name[EV_MAX_NAME_BYTES * 2 + 16];
  output_name(&q->aggs[i], name, sizeof name);
  if (ev_table_find(res, name) >= 0)
    return ev_error_set(EV_ERR_ARG,
                        "query on table '%s': aggregate %d: output column "
                        "'%s' already exists; give it another name with 'as'",
                        t->name, i + 1, name);
  return ev_table_add_column(res, name, EV_COL_NUMBER, NULL);
}

/* run_grouped for a query by_code_slots accepts: no row-index or group-id
 * array; each aggregate is one pass over its column and the key's codes. */
static int run_by_code(const ev_query *q, const ev_table *t,
                       const int32_t *kcol, const int32_t *acol,
                       int32_t slots, ev_table **out) {
  int32_t *rows = calloc((size_t)slots, sizeof *rows);
  int32_t *slot_group = malloc((size_t)slots * sizeof *slot_group);
  int32_t *first = malloc((size_t)slots * sizeof *first);
  double *by_slot = malloc((size_t)slots * sizeof *by_slot);
  int32_t groups = 0;
  ev_table *res = NULL;
  int rc = EV_OK;
  if (!rows || !slot_group || !first || !by_slot) {
    rc = ev_error_set(EV_ERR_NOMEM, "out of memory grouping");
    goto done;
  }
  if ((rc = group_by_code(t, kcol, slots, rows, slot_group, first, &groups)))
    goto done;
  if (!(res = ev_table_new(t->name, groups))) {
    rc = ev_error_status();
    goto done;
  }
  if ((rc = copy_column(res, &t->cols[kcol[0]], first, groups)) < 0)
    goto done;
  const int32_t *code = t->cols[kcol[0]].code;
  for (int i = 0; i < q->agg_count; i++) {
    int32_t c = add_agg_column(q, i, t, res);
    if (c < 0) {
      rc = c;
      goto done;
    }
    const ev_column *src = acol[i] >= 0 ? &t->cols[acol[i]] : NULL;
    rc = aggregate_by_code(&q->aggs[i], src, code, rows, t->row_count, slots,
                           by_slot);
    if (rc) goto done;
    double *dst = res->cols[c].num;
    for (int32_t s = 0; s < slots; s++)
      if (slot_group[s] >= 0) dst[slot_group[s]] = by_slot[s];
  }
  rc = finish_output(q, res);
done:
  free(rows), free(slot_group), free(first), free(by_slot);
  if (rc < 0) {
    ev_table_free(res);
    return rc;
  }
  *out = res;
  return EV_OK;
}

static int run_grouped(const ev_query *q, const ev_table *t,
                       const int32_t *kcol, const int32_t *acol,
                       const int32_t *sel, int32_t count, ev_table **out) {
  int32_t *gid = malloc((count ? (size_t)count : 1) * sizeof *gid);
  int32_t *first = NULL, groups = 1;
  ev_table *res = NULL;
  int rc = EV_OK;
  if (!gid) return ev_error_set(EV_ERR_NOMEM, "out of memory grouping");
  if (q->key_count) {
    int ordered;
    rc = group_rows(t, kcol, q->key_count, sel, count, gid, &first, &groups,
                    &ordered);
    if (!rc && !ordered)
      rc = order_groups(t, kcol, q->key_count, gid, count, first, groups);
    if (rc) goto done;
  } else {
    for (int32_t k = 0; k < count; k++) gid[k] = 0;
  }
  if (!(res = ev_table_new(t->name, groups))) {
    rc = ev_error_status();
    goto done;
  }
  for (int i = 0; i < q->key_count; i++)
    if ((rc = copy_column(res, &t->cols[kcol[i]], first, groups)) < 0)
      goto done;
  for (int i = 0; i < q->agg_count; i++) {
    int32_t c = add_agg_column(q, i, t, res);
    if (c < 0) {
      rc = c;
      goto done;
    }
    const ev_column *src = acol[i] >= 0 ? &t->cols[acol[i]] : NULL;
    rc = aggregate(&q->aggs[i], src, sel, gid, count, groups, res->cols[c].num);
    if (rc) goto done;
  }
  rc = finish_output(q, res);
done:
  free(gid);
  free(first);
  if (rc < 0) {
    ev_table_free(res);
    return rc;
  }
  *out = res;
  return EV_OK;
}

static int run_rows(const ev_query *q, const ev_table *t, const int32_t *sel,
                    int32_t count, ev_table **out) {
  ev_table *res = ev_table_new(t->name, count);
  if (!res) return ev_error_status();
  int rc = EV_OK;
  for (int32_t c = 0; c < t->col_count && rc == EV_OK; c++)
    rc = copy_column(res, &t->cols[c], sel, count);
  if (rc == EV_OK) rc = finish_output(q, res);
  if (rc < 0) {
    ev_table_free(res);
    return rc;
  }
  *out = res;
  return EV_OK;
}

int ev_query_run(const ev_query *q, const ev_table *t, ev_table **out) {
  if (!out) return ev_error_set(EV_ERR_ARG, "query: no output");
  *out = NULL;
  if (!q || !t) return ev_error_set(EV_ERR_ARG, "query: NULL query or table");
  int32_t fcol[EV_QUERY_MAX_FILTERS], kcol[EV_QUERY_MAX_KEYS],
      acol[EV_QUERY_MAX_AGGS];
  int rc = resolve(q, t, fcol, kcol, acol);
  if (rc) return rc;
  int32_t slots = q->agg_count ? by_code_slots(q, t, kcol) : 0;
  if (slots) return run_by_code(q, t, kcol, acol, slots, out);
  int32_t *sel, count;
  rc = select_rows(q, t, fcol, &sel, &count);
  if (rc) return rc;
  if (q->key_count || q->agg_count)
    rc = run_grouped(q, t, kcol, acol, sel, count, out);
  else
    rc = run_rows(q, t, sel, count, out);
  free(sel);
  return rc;
}

int ev_query_filters_only(const ev_query *q) {
  return q && !q->key_count && !q->agg_count && !q->derive_count &&
         !q->sort_count;
}

int ev_query_select(const ev_query *q, const ev_table *t, int32_t **out_rows,
                    int32_t *out_count) {
  if (!out_rows || !out_count)
    return ev_error_set(EV_ERR_ARG, "query: no output");
  *out_rows = NULL;
  *out_count = 0;
  if (!q || !t) return ev_error_set(EV_ERR_ARG, "query: NULL query or table");
  int32_t fcol[EV_QUERY_MAX_FILTERS];
  int rc = resolve_filters(q, t, fcol);
  if (rc) return rc;
  return select_rows(q, t, fcol, out_rows, out_count);
}
