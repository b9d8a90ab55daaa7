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

/* Resolves column names and checks types before any work. */
static int resolve(const ev_query *q, const ev_table *t, int32_t *fcol,
                   int32_t *kcol, int32_t *acol) {
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

/* Row selection: the indices of rows that pass every filter. */
static int select_rows(const ev_query *q, const ev_table *t,
                       const int32_t *fcol, int32_t **out_sel,
                       int32_t *out_count) {
  int32_t n = t->row_count;
  int32_t *sel = malloc((n ? (size_t)n : 1) * sizeof *sel);
  if (!sel) return ev_error_set(EV_ERR_NOMEM, "out of memory filtering");
  for (int32_t r = 0; r < n; r++) sel[r] = r;
  int32_t count = n;
  for (int i = 0; i < q->filter_count && count > 0; i++) {
    const filter_t *f = &q->filters[i];
    const ev_column *col = &t->cols[fcol[i]];
    int32_t kept = 0;
    if (f->op == EV_FILTER_RANGE) {
      for (int32_t k = 0; k < count; k++) {
        double v = col->num[sel[k]];
        if (isnan(v)) continue;
        if (!isnan(f->lo) && v < f->lo) continue;
        if (!isnan(f->hi) && v > f->hi) continue;
        sel[kept++] = sel[k];
      }
    } else if (col->type == EV_COL_STRING) {
      int32_t dn = ev_dict_count(col->dict);
      unsigned char *want = calloc(dn ? (size_t)dn : 1, 1);
      if (!want) {
        free(sel);
        return ev_error_set(EV_ERR_NOMEM, "out of memory filtering");
      }
      for (int32_t j = 0; j < f->str_count; j++) {
        int32_t code = ev_dict_find(col->dict, f->strs[j], strlen(f->strs[j]));
        if (code >= 0) want[code] = 1;
      }
      for (int32_t k = 0; k < count; k++) {
        int32_t code = col->code[sel[k]];
        if (code >= 0 && want[code]) sel[kept++] = sel[k];
      }
      free(want);
    } else {
      double *vals = malloc((f->num_count ? (size_t)f->num_count : 1) *
                            sizeof *vals);
      if (!vals) {
        free(sel);
        return ev_error_set(EV_ERR_NOMEM, "out of memory filtering");
      }
      /* NaN matches nothing, and would break the sort order bsearch needs */
      size_t nv = 0;
      for (int32_t j = 0; j < f->num_count; j++)
        if (!isnan(f->nums[j])) vals[nv++] = f->nums[j];
      qsort(vals, nv, sizeof *vals, cmp_double);
      for (int32_t k = 0; k < count; k++) {
        double v = col->num[sel[k]];
        if (!isnan(v) && bsearch(&v, vals, nv, sizeof *vals, cmp_double))
          sel[kept++] = sel[k];
      }
      free(vals);
    }
    count = kept;
  }
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

static int same_cell(const ev_column *c, int32_t a, int32_t b) {
  int ma = ev_column_is_missing(c, a), mb = ev_column_is_missing(c, b);
  if (ma || mb) return ma && mb;
  if (c->num) return c->num[a] == c->num[b]; /* -0 == 0 */
  return c->code[a] == c->code[b];
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

/* ---- grouping ---------------------------------------------------------- */

static uint64_t hash_key(const ev_column *c, int32_t row) {
  if (ev_column_is_missing(c, row)) return 0x9E3779B97F4A7C15ull;
  if (c->num) {
    double v = c->num[row];
    if (v == 0) v = 0; /* -0 and 0 are one group */
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    return bits * 0xBF58476D1CE4E5B9ull;
  }
  return ((uint64_t)(uint32_t)c->code[row] + 1) * 0x94D049BB133111EBull;
}

/* Assigns each selected row a group id (first-seen order). On success
 * *out_first[g] is a representative row of group g. */
static int group_rows(const ev_table *t, const int32_t *kcol, int key_count,
                      const int32_t *sel, int32_t count, int32_t *gid,
                      int32_t **out_first, int32_t *out_groups) {
  const ev_column *keys[EV_QUERY_MAX_KEYS];
  for (int i = 0; i < key_count; i++) keys[i] = &t->cols[kcol[i]];
  int32_t cap = 16;
  while (cap < count * 2) cap *= 2;
  int32_t *index = malloc((size_t)cap * sizeof *index);
  int32_t *first = malloc((count ? (size_t)count : 1) * sizeof *first);
  if (!index || !first) {
    free(index);
    free(first);
    return ev_error_set(EV_ERR_NOMEM, "out of memory grouping");
  }
  for (int32_t i = 0; i < cap; i++) index[i] = -1;
  int32_t groups = 0;
  for (int32_t k = 0; k < count; k++) {
    int32_t r = sel[k];
    uint64_t h = 0;
    for (int i = 0; i < key_count; i++) h = h * 31 + hash_key(keys[i], r);
    uint32_t slot = (uint32_t)(h ^ (h >> 29)) & (uint32_t)(cap - 1);
    for (;;) {
      int32_t g = index[slot];
      if (g < 0) {
        index[slot] = groups;
        first[groups] = r;
        gid[k] = groups++;
        break;
      }
      int same = 1;
      for (int i = 0; i < key_count && same; i++)
        same = same_cell(keys[i], first[g], r);
      if (same) {
        gid[k] = g;
        break;
      }
      slot = (slot + 1) & (uint32_t)(cap - 1);
    }
  }
  free(index);
  *out_first = first;
  *out_groups = groups;
  return EV_OK;
}

static double median_of(double *v, int32_t n) {
  if (n == 0) return NAN;
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : v[n / 2 - 1] / 2 + v[n / 2] / 2;
}

/* Fills out[g] with aggregate a over the selected rows of each group. */
static int aggregate(const agg_t *a, const ev_column *col, const int32_t *sel,
                     const int32_t *gid, int32_t count, int32_t groups,
                     double *out) {
  size_t cap = groups ? (size_t)groups : 1; /* never malloc(0) */
  int32_t *n = calloc(cap, sizeof *n);
  ev_ksum *sum = calloc(cap, sizeof *sum);
  double *lo = malloc(cap * sizeof *lo);
  double *hi = malloc(cap * sizeof *hi);
  int rc = EV_OK;
  if (!n || !sum || !lo || !hi) {
    rc = ev_error_set(EV_ERR_NOMEM, "out of memory aggregating");
    goto done;
  }
  for (int32_t g = 0; g < groups; g++) lo[g] = INFINITY, hi[g] = -INFINITY;
  for (int32_t k = 0; k < count; k++) {
    int32_t r = sel[k], g = gid[k];
    if (!col) {
      n[g]++;
      continue;
    }
    if (ev_column_is_missing(col, r)) continue;
    n[g]++;
    if (!col->num) continue;
    double v = col->num[r];
    ev_ksum_add(&sum[g], v);
    if (v < lo[g]) lo[g] = v;
    if (v > hi[g]) hi[g] = v;
  }
  if (a->op == EV_AGG_MEDIAN) {
    /* bucket the values by group, then take each bucket's median */
    int32_t *start = malloc(((size_t)groups + 1) * sizeof *start);
    double *vals = malloc((count ? (size_t)count : 1) * sizeof *vals);
    int32_t *fill = calloc(cap, sizeof *fill);
    if (!start || !vals || !fill) {
      free(start), free(vals), free(fill);
      rc = ev_error_set(EV_ERR_NOMEM, "out of memory for a median");
      goto done;
    }
    start[0] = 0;
    for (int32_t g = 0; g < groups; g++) start[g + 1] = start[g] + n[g];
    for (int32_t k = 0; k < count; k++) {
      double v = col->num[sel[k]];
      if (!isnan(v)) vals[start[gid[k]] + fill[gid[k]]++] = v;
    }
    for (int32_t g = 0; g < groups; g++)
      out[g] = median_of(vals + start[g], n[g]);
    free(start), free(vals), free(fill);
    goto done;
  }
  for (int32_t g = 0; g < groups; g++) {
    switch (a->op) {
      case EV_AGG_COUNT: out[g] = n[g]; break;
      case EV_AGG_SUM: out[g] = n[g] ? ev_ksum_value(&sum[g]) : NAN; break;
      case EV_AGG_MEAN:
        out[g] = n[g] ? ev_ksum_value(&sum[g]) / n[g] : NAN;
        break;
      case EV_AGG_MIN: out[g] = n[g] ? lo[g] : NAN; break;
      case EV_AGG_MAX: out[g] = n[g] ? hi[g] : NAN; break;
      case EV_AGG_MEDIAN: break;
    }
  }
done:
  free(n), free(sum), free(lo), free(hi);
  return rc;
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

/* Renumbers groups in ascending key order: gid[] and first[] change. */
static const int32_t *g_first;
static int cmp_groups(const void *pa, const void *pb) {
  int32_t ra = g_first[*(const int32_t *)pa], rb = g_first[*(const int32_t *)pb];
  return cmp_rows(&ra, &rb);
}

static int order_groups(const ev_table *t, const int32_t *kcol, int key_count,
                        int32_t *gid, int32_t count, int32_t *first,
                        int32_t groups) {
  int32_t *order = malloc(((size_t)groups + 1) * sizeof *order);
  int32_t *rank = malloc(((size_t)groups + 1) * sizeof *rank);
  int32_t *rows = malloc(((size_t)groups + 1) * sizeof *rows);
  if (!order || !rank || !rows) {
    free(order), free(rank), free(rows);
    return ev_error_set(EV_ERR_NOMEM, "out of memory grouping");
  }
  g_order.count = key_count;
  for (int i = 0; i < key_count; i++) {
    g_order.cols[i] = &t->cols[kcol[i]];
    g_order.desc[i] = 0;
  }
  g_first = first;
  for (int32_t g = 0; g < groups; g++) order[g] = g;
  qsort(order, (size_t)groups, sizeof *order, cmp_groups);
  for (int32_t i = 0; i < groups; i++) {
    rank[order[i]] = i;
    rows[i] = first[order[i]];
  }
  for (int32_t k = 0; k < count; k++) gid[k] = rank[gid[k]];
  memcpy(first, rows, (size_t)groups * sizeof *first);
  free(order), free(rank), free(rows);
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
    rc = group_rows(t, kcol, q->key_count, sel, count, gid, &first, &groups);
    if (!rc)
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
    char name[EV_MAX_NAME_BYTES * 2 + 16];
    output_name(&q->aggs[i], name, sizeof name);
    if (ev_table_find(res, name) >= 0) {
      rc = ev_error_set(EV_ERR_ARG,
                        "query on table '%s': aggregate %d: output column "
                        "'%s' already exists; give it another name with 'as'",
                        t->name, i + 1, name);
      goto done;
    }
    int32_t c = ev_table_add_column(res, name, EV_COL_NUMBER, NULL);
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
