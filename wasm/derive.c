/* derive.c — derived series (see derive.h).
 *
 * Applying a step sorts the row indices by (by columns, order, row) — rows
 * with a missing order left out for the ordered ops — so that each group is
 * one run of the sorted indices, in ascending order. Each op then works on
 * one run at a time and writes into a scratch column that is added to the
 * table only when every run has succeeded. */
#include "derive.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksum.h"
#include "status.h"

struct ev_derive {
  ev_derive_op op;
  int number; /* 1-based position in its query */
  char *column, *as;
  char *by[EV_DERIVE_MAX_BY];
  int by_count;
  char *order, *key;
  int has_den;
  double den_num;
  char *den_str; /* not NULL: the denominator is this string */
  int has_base;
  double base;
  double step;    /* 1 unless set */
  int32_t window; /* 0 until set */
};

const char *ev_derive_op_name(ev_derive_op op) {
  switch (op) {
    case EV_DERIVE_SHARE: return "share";
    case EV_DERIVE_RATIO: return "ratio";
    case EV_DERIVE_INDEX: return "index";
    case EV_DERIVE_CHANGE: return "change";
    case EV_DERIVE_PCT_CHANGE: return "pct_change";
    case EV_DERIVE_CUMSUM: return "cumsum";
    case EV_DERIVE_ROLLING_MEAN: return "rolling_mean";
  }
  return "?";
}

static int is_ordered(ev_derive_op op) {
  return op != EV_DERIVE_SHARE && op != EV_DERIVE_RATIO;
}

/* What the by columns are called in messages. */
static const char *by_word(const ev_derive *d) {
  return is_ordered(d->op) ? "partition" : "by";
}

static char *dup_str(const char *s) {
  size_t n = strlen(s);
  char *c = malloc(n + 1);
  if (c) memcpy(c, s, n + 1);
  return c;
}

/* ---- building ---------------------------------------------------------- */

ev_derive *ev_derive_new(ev_derive_op op, const char *column, const char *as,
                         int number) {
  if (op < EV_DERIVE_SHARE || op > EV_DERIVE_ROLLING_MEAN) {
    ev_error_set(EV_ERR_ARG, "query: derive %d: unknown op %d", number,
                 (int)op);
    return NULL;
  }
  const char *name = ev_derive_op_name(op);
  if (!column || !*column) {
    ev_error_set(EV_ERR_ARG, "query: derive %d (%s) needs a column name",
                 number, name);
    return NULL;
  }
  if (strlen(column) > EV_MAX_NAME_BYTES) {
    ev_error_set(EV_ERR_LIMIT,
                 "query: derive %d (%s): column name is over %d bytes", number,
                 name, EV_MAX_NAME_BYTES);
    return NULL;
  }
  if (as && (!*as || strlen(as) > EV_MAX_NAME_BYTES)) {
    ev_error_set(EV_ERR_ARG,
                 "query: derive %d (%s): an output name must have 1 to %d "
                 "bytes",
                 number, name, EV_MAX_NAME_BYTES);
    return NULL;
  }
  ev_derive *d = calloc(1, sizeof *d);
  if (d) {
    d->op = op;
    d->number = number;
    d->step = 1;
    d->column = dup_str(column);
    d->as = as ? dup_str(as) : NULL;
  }
  if (!d || !d->column || (as && !d->as)) {
    ev_derive_free(d);
    ev_error_set(EV_ERR_NOMEM, "out of memory building a query");
    return NULL;
  }
  return d;
}

void ev_derive_free(ev_derive *d) {
  if (!d) return;
  free(d->column);
  free(d->as);
  for (int i = 0; i < d->by_count; i++) free(d->by[i]);
  free(d->order);
  free(d->key);
  free(d->den_str);
  free(d);
}

/* EV_OK if d is not NULL and its op takes the setting `what`. */
static int takes(const ev_derive *d, int ok, const char *what) {
  if (!d) return ev_error_set(EV_ERR_ARG, "query: NULL derive step");
  if (ok) return EV_OK;
  return ev_error_set(EV_ERR_ARG, "query: derive %d (%s) takes no %s",
                      d->number, ev_derive_op_name(d->op), what);
}

/* A checked copy of a column name for the setting `what`. */
static int copy_name(const ev_derive *d, const char *what, const char *column,
                     char **out) {
  const char *op = ev_derive_op_name(d->op);
  if (!column || !*column)
    return ev_error_set(EV_ERR_ARG,
                        "query: derive %d (%s): %s needs a column name",
                        d->number, op, what);
  if (strlen(column) > EV_MAX_NAME_BYTES)
    return ev_error_set(EV_ERR_LIMIT,
                        "query: derive %d (%s): %s column name is over %d "
                        "bytes",
                        d->number, op, what, EV_MAX_NAME_BYTES);
  if (!(*out = dup_str(column)))
    return ev_error_set(EV_ERR_NOMEM, "out of memory building a query");
  return EV_OK;
}

/* Replaces *slot by a checked copy of column. */
static int set_name(ev_derive *d, const char *what, const char *column,
                    char **slot) {
  char *c;
  int rc = copy_name(d, what, column, &c);
  if (rc) return rc;
  free(*slot);
  *slot = c;
  return EV_OK;
}

int ev_derive_add_by(ev_derive *d, const char *column) {
  int rc = takes(d, 1, "by");
  if (rc) return rc;
  const char *op = ev_derive_op_name(d->op);
  if (d->by_count == EV_DERIVE_MAX_BY)
    return ev_error_set(EV_ERR_LIMIT,
                        "query: derive %d (%s): %s at most %d columns (limit)",
                        d->number, op, by_word(d), EV_DERIVE_MAX_BY);
  for (int i = 0; column && i < d->by_count; i++)
    if (strcmp(d->by[i], column) == 0)
      return ev_error_set(EV_ERR_ARG, "query: derive %d (%s): %s '%s' twice",
                          d->number, op, by_word(d), column);
  rc = copy_name(d, by_word(d), column, &d->by[d->by_count]);
  if (rc) return rc;
  d->by_count++;
  return EV_OK;
}

int ev_derive_set_order(ev_derive *d, const char *column) {
  int rc = takes(d, d && is_ordered(d->op), "order");
  return rc ? rc : set_name(d, "order", column, &d->order);
}

int ev_derive_set_key(ev_derive *d, const char *column) {
  int rc = takes(d, d && d->op == EV_DERIVE_RATIO, "key");
  return rc ? rc : set_name(d, "key", column, &d->key);
}

int ev_derive_set_denominator_number(ev_derive *d, double v) {
  int rc = takes(d, d && d->op == EV_DERIVE_RATIO, "denominator");
  if (rc) return rc;
  if (isnan(v))
    return ev_error_set(
        EV_ERR_ARG, "query: derive %d (ratio): the denominator must not be NaN",
        d->number);
  free(d->den_str);
  d->den_str = NULL;
  d->den_num = v;
  d->has_den = 1;
  return EV_OK;
}

int ev_derive_set_denominator_string(ev_derive *d, const char *s) {
  int rc = takes(d, d && d->op == EV_DERIVE_RATIO, "denominator");
  if (rc) return rc;
  if (!s)
    return ev_error_set(
        EV_ERR_ARG, "query: derive %d (ratio): NULL denominator", d->number);
  char *c = dup_str(s);
  if (!c) return ev_error_set(EV_ERR_NOMEM, "out of memory building a query");
  free(d->den_str);
  d->den_str = c;
  d->has_den = 1;
  return EV_OK;
}

int ev_derive_set_base(ev_derive *d, double base) {
  int rc = takes(d, d && d->op == EV_DERIVE_INDEX, "base");
  if (rc) return rc;
  if (!isfinite(base))
    return ev_error_set(
        EV_ERR_ARG, "query: derive %d (index): base must be a finite number",
        d->number);
  d->base = base;
  d->has_base = 1;
  return EV_OK;
}

int ev_derive_set_step(ev_derive *d, double step) {
  int rc =
      takes(d,
            d && (d->op == EV_DERIVE_CHANGE || d->op == EV_DERIVE_PCT_CHANGE ||
                  d->op == EV_DERIVE_ROLLING_MEAN),
            "step");
  if (rc) return rc;
  if (!(isfinite(step) && step > 0))
    return ev_error_set(EV_ERR_ARG,
                        "query: derive %d (%s): step must be a finite number "
                        "above 0, got %g",
                        d->number, ev_derive_op_name(d->op), step);
  d->step = step;
  return EV_OK;
}

int ev_derive_set_window(ev_derive *d, double window) {
  int rc = takes(d, d && d->op == EV_DERIVE_ROLLING_MEAN, "window");
  if (rc) return rc;
  if (!(window >= 1 && window <= EV_DERIVE_MAX_WINDOW) ||
      window != floor(window))
    return ev_error_set(EV_ERR_ARG,
                        "query: derive %d (rolling_mean): window must be a "
                        "whole number from 1 to %d, got %g",
                        d->number, EV_DERIVE_MAX_WINDOW, window);
  d->window = (int32_t)window;
  return EV_OK;
}

/* ---- messages ---------------------------------------------------------- */

/* Sets the error slot to "query on table 'T': derive N (op): <detail>". */
static int fail(const ev_derive *d, const ev_table *t, int status,
                const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int fail(const ev_derive *d, const ev_table *t, int status,
                const char *fmt, ...) {
  char detail[4096]; /* room for every part below: only the slot truncates */
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(detail, sizeof detail, fmt, ap);
  va_end(ap);
  return ev_error_set(status, "query on table '%s': derive %d (%s): %s",
                      t->name, d->number, ev_derive_op_name(d->op), detail);
}

/* Longest string value quoted in a message, in bytes. */
#define QUOTE_MAX 80

/* Appends "name = value" for row r of c to buf (size cap, used n). A number
 * is printed with the fewest digits that read back as the same double; a
 * string is cut after QUOTE_MAX bytes, at a character boundary, with "...". */
static size_t put_cell(char *buf, size_t cap, size_t n, const ev_column *c,
                       int32_t r) {
  if (n >= cap) return n;
  int w;
  if (ev_column_is_missing(c, r)) {
    w = snprintf(buf + n, cap - n, "%s = null", c->name);
  } else if (c->type == EV_COL_BOOL) {
    w = snprintf(buf + n, cap - n, "%s = %s", c->name,
                 c->num[r] ? "true" : "false");
  } else if (c->num) {
    char num[32];
    snprintf(num, sizeof num, "%.15g", c->num[r]);
    if (strtod(num, NULL) != c->num[r])
      snprintf(num, sizeof num, "%.17g", c->num[r]);
    w = snprintf(buf + n, cap - n, "%s = %s", c->name, num);
  } else {
    const char *str = ev_dict_str(c->dict, c->code[r]);
    size_t len = ev_dict_len(c->dict, c->code[r]), cut = len;
    if (len > QUOTE_MAX) {
      cut = QUOTE_MAX;
      while (cut > 0 && ((unsigned char)str[cut] & 0xC0) == 0x80) cut--;
    }
    w = snprintf(buf + n, cap - n, "%s = '%.*s%s'", c->name, (int)cut, str,
                 cut < len ? "..." : "");
  }
  return w < 0 ? n : n + (size_t)w;
}

/* ---- applying ---------------------------------------------------------- */

typedef struct {
  const ev_derive *d;
  const ev_table *t;
  const ev_column *val, *ord, *key;
  const ev_column *by[EV_DERIVE_MAX_BY];
  int by_count;
  int32_t den_code; /* string key: the denominator's code, or -1 */
  double *out;      /* row_count values, NaN until set */
  int32_t *prev;    /* scratch, one per row of a run */
} job_t;

/* " in the group year = 2020, region = 'EU'" (" in the partition ..." for
 * the ordered ops) for row r, or "" when there are no by columns. */
static void describe_group(const job_t *j, int32_t r, char *buf, size_t cap) {
  size_t n = 0;
  buf[0] = '\0';
  for (int i = 0; i < j->by_count; i++) {
    if (n < cap)
      n += (size_t)snprintf(buf + n, cap - n, "%s", i ? ", " : " in the ");
    if (!i && n < cap)
      n += (size_t)snprintf(buf + n, cap - n, "%s ",
                            is_ordered(j->d->op) ? "partition" : "group");
    n = put_cell(buf, cap, n, j->by[i], r);
  }
}

/* qsort has no context argument; the engine is single-threaded. */
static struct {
  const ev_column *by[EV_DERIVE_MAX_BY];
  int by_count;
  const ev_column *ord; /* NULL: rows keep their order within a group */
} g_sort;

/* Missing last; numbers numerically (-0 == 0); strings by code, which is
 * enough to bring equal strings together. */
static int cmp_cell(const ev_column *c, int32_t a, int32_t b) {
  int ma = ev_column_is_missing(c, a), mb = ev_column_is_missing(c, b);
  if (ma || mb) return ma - mb;
  if (c->num) return (c->num[a] > c->num[b]) - (c->num[a] < c->num[b]);
  return (c->code[a] > c->code[b]) - (c->code[a] < c->code[b]);
}

static int cmp_rows(const void *pa, const void *pb) {
  int32_t a = *(const int32_t *)pa, b = *(const int32_t *)pb;
  for (int i = 0; i < g_sort.by_count; i++) {
    int r = cmp_cell(g_sort.by[i], a, b);
    if (r) return r;
  }
  if (g_sort.ord) {
    int r = cmp_cell(g_sort.ord, a, b);
    if (r) return r;
  }
  return (a > b) - (a < b);
}

static int same_group(const job_t *j, int32_t a, int32_t b) {
  for (int i = 0; i < j->by_count; i++)
    if (cmp_cell(j->by[i], a, b)) return 0;
  return 1;
}

/* Position in rows[0..k) (ascending orders) of the row whose order is
 * exactly x, or -1. */
static int32_t find_order(const job_t *j, const int32_t *rows, int32_t k,
                          double x) {
  int32_t lo = 0, hi = k - 1;
  while (lo <= hi) {
    int32_t mid = lo + (hi - lo) / 2;
    double v = j->ord->num[rows[mid]];
    if (v == x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/* Position of the row one step before position i, or -1. */
static int32_t find_prev(const job_t *j, const int32_t *rows, int32_t k,
                         int32_t i) {
  double o = j->ord->num[rows[i]], x = o - j->d->step;
  if (!(x < o)) return -1; /* the step is lost in o's rounding */
  return find_order(j, rows, k, x);
}

static double value(const job_t *j, int32_t r) { return j->val->num[r]; }

static int run_share(job_t *j, const int32_t *rows, int32_t k) {
  ev_ksum s = {0, 0};
  for (int32_t i = 0; i < k; i++) {
    if (isnan(value(j, rows[i]))) return EV_OK; /* the total is unknown */
    ev_ksum_add(&s, value(j, rows[i]));
  }
  double total = ev_ksum_value(&s);
  if (total == 0) return EV_OK;
  for (int32_t i = 0; i < k; i++) j->out[rows[i]] = value(j, rows[i]) / total;
  return EV_OK;
}

static int is_denominator(const job_t *j, int32_t r) {
  if (j->key->code) return j->den_code >= 0 && j->key->code[r] == j->den_code;
  return !isnan(j->key->num[r]) && j->key->num[r] == j->d->den_num;
}

static int run_ratio(job_t *j, const int32_t *rows, int32_t k) {
  int32_t hit = -1;
  for (int32_t i = 0; i < k; i++) {
    if (!is_denominator(j, rows[i])) continue;
    if (hit >= 0) {
      char key[512], group[2048]; /* names <= 270 bytes, values <= 90 */
      put_cell(key, sizeof key, 0, j->key, rows[i]);
      describe_group(j, rows[i], group, sizeof group);
      return fail(j->d, j->t, EV_ERR_ARG,
                  "two rows have %s%s; the denominator must be one row", key,
                  group);
    }
    hit = rows[i];
  }
  if (hit < 0) return EV_OK;
  double den = value(j, hit);
  if (isnan(den) || den == 0) return EV_OK;
  for (int32_t i = 0; i < k; i++) j->out[rows[i]] = value(j, rows[i]) / den;
  return EV_OK;
}

static void ordered_index(job_t *j, const int32_t *rows, int32_t k) {
  int32_t p = find_order(j, rows, k, j->d->base);
  double b = p < 0 ? NAN : value(j, rows[p]);
  if (isnan(b) || b == 0) return;
  for (int32_t i = 0; i < k; i++) j->out[rows[i]] = 100 * value(j, rows[i]) / b;
}

static void ordered_change(job_t *j, const int32_t *rows, int32_t k) {
  int pct = j->d->op == EV_DERIVE_PCT_CHANGE;
  for (int32_t i = 0; i < k; i++) {
    int32_t p = find_prev(j, rows, k, i);
    if (p < 0) continue; /* a gap or the first row: no previous value */
    double v = value(j, rows[i]), pv = value(j, rows[p]);
    if (isnan(v) || isnan(pv) || (pct && pv == 0)) continue;
    j->out[rows[i]] = pct ? 100 * (v - pv) / fabs(pv) : v - pv;
  }
}

static void ordered_cumsum(job_t *j, const int32_t *rows, int32_t k) {
  ev_ksum s = {0, 0};
  for (int32_t i = 0; i < k; i++) {
    double v = value(j, rows[i]);
    if (isnan(v)) return; /* missing from here on */
    ev_ksum_add(&s, v);
    j->out[rows[i]] = ev_ksum_value(&s);
  }
}

static void ordered_rolling(job_t *j, const int32_t *rows, int32_t k) {
  for (int32_t i = 0; i < k; i++) j->prev[i] = find_prev(j, rows, k, i);
  for (int32_t i = 0; i < k; i++) {
    ev_ksum s = {0, 0};
    int32_t p = i, w = 0;
    for (; w < j->d->window && p >= 0; w++, p = j->prev[p]) {
      double v = value(j, rows[p]);
      if (isnan(v)) break;
      ev_ksum_add(&s, v);
    }
    if (w == j->d->window) j->out[rows[i]] = ev_ksum_value(&s) / w;
  }
}

static int run_ordered(job_t *j, const int32_t *rows, int32_t k) {
  for (int32_t i = 1; i < k; i++) {
    if (j->ord->num[rows[i]] != j->ord->num[rows[i - 1]]) continue;
    char at[512], group[2048];
    put_cell(at, sizeof at, 0, j->ord, rows[i]);
    describe_group(j, rows[i], group, sizeof group);
    return fail(j->d, j->t, EV_ERR_ARG,
                "two rows have %s%s; partition by the column that tells them "
                "apart",
                at, group);
  }
  switch (j->d->op) {
    case EV_DERIVE_INDEX: ordered_index(j, rows, k); break;
    case EV_DERIVE_CHANGE:
    case EV_DERIVE_PCT_CHANGE: ordered_change(j, rows, k); break;
    case EV_DERIVE_CUMSUM: ordered_cumsum(j, rows, k); break;
    case EV_DERIVE_ROLLING_MEAN: ordered_rolling(j, rows, k); break;
    case EV_DERIVE_SHARE:
    case EV_DERIVE_RATIO: break;
  }
  return EV_OK;
}

/* Finds a column for a setting (role NULL: the value column). */
static int find(const ev_derive *d, const ev_table *t, const char *role,
                const char *name, const ev_column **out) {
  int32_t c = ev_table_find(t, name);
  if (c < 0)
    return role ? fail(d, t, EV_ERR_COLUMN, "%s: no output column '%s'", role,
                       name)
                : fail(d, t, EV_ERR_COLUMN, "no output column '%s'", name);
  *out = &t->cols[c];
  return EV_OK;
}

/* A by or key column: anything but nested JSON. */
static int find_key(const ev_derive *d, const ev_table *t, const char *role,
                    const char *name, const ev_column **out) {
  int rc = find(d, t, role, name, out);
  if (rc) return rc;
  if ((*out)->type == EV_COL_JSON)
    return fail(d, t, EV_ERR_TYPE, "%s column '%s' holds nested JSON", role,
                name);
  return EV_OK;
}

/* Checks d's settings and columns against t and fills j. */
static int resolve(const ev_derive *d, const ev_table *t, job_t *j) {
  const char *op = ev_derive_op_name(d->op);
  if (is_ordered(d->op) && !d->order)
    return fail(d, t, EV_ERR_ARG, "needs an order column");
  if (d->op == EV_DERIVE_RATIO && !d->key)
    return fail(d, t, EV_ERR_ARG, "needs a key column");
  if (d->op == EV_DERIVE_RATIO && !d->has_den)
    return fail(d, t, EV_ERR_ARG,
                "needs a denominator (the key value of the denominator row)");
  if (d->op == EV_DERIVE_INDEX && !d->has_base)
    return fail(d, t, EV_ERR_ARG,
                "needs a base (the order value of the row to index to)");
  if (d->op == EV_DERIVE_ROLLING_MEAN && !d->window)
    return fail(d, t, EV_ERR_ARG, "needs a window");
  int rc = find(d, t, NULL, d->column, &j->val);
  if (rc) return rc;
  if (j->val->type != EV_COL_NUMBER)
    return fail(d, t, EV_ERR_TYPE, "cannot take the %s of '%s', a %s column",
                op, d->column, ev_col_type_name(j->val->type));
  for (int i = 0; i < d->by_count; i++)
    if ((rc = find_key(d, t, by_word(d), d->by[i], &j->by[i]))) return rc;
  j->by_count = d->by_count;
  if (d->order) {
    if ((rc = find(d, t, "order", d->order, &j->ord))) return rc;
    if (j->ord->type != EV_COL_NUMBER)
      return fail(d, t, EV_ERR_TYPE,
                  "order column '%s' is %s; it must be a number column",
                  d->order, ev_col_type_name(j->ord->type));
  }
  j->den_code = -1;
  if (d->key) {
    if ((rc = find_key(d, t, "key", d->key, &j->key))) return rc;
    int str_key = j->key->type == EV_COL_STRING;
    if (str_key && !d->den_str)
      return fail(d, t, EV_ERR_TYPE,
                  "key column '%s' is string, got a number denominator",
                  d->key);
    if (!str_key && d->den_str)
      return fail(d, t, EV_ERR_TYPE,
                  "key column '%s' is %s, got a string denominator", d->key,
                  ev_col_type_name(j->key->type));
    if (str_key)
      j->den_code = ev_dict_find(j->key->dict, d->den_str, strlen(d->den_str));
  }
  return EV_OK;
}

int ev_derive_apply(const ev_derive *d, ev_table *t) {
  if (!d || !t) return ev_error_set(EV_ERR_ARG, "derive: NULL step or table");
  job_t j = {0};
  j.d = d;
  j.t = t;
  int rc = resolve(d, t, &j);
  if (rc) return rc;
  char name[EV_MAX_NAME_BYTES * 2 + 16];
  if (d->as) snprintf(name, sizeof name, "%s", d->as);
  else
    snprintf(name, sizeof name, "%s_%s", ev_derive_op_name(d->op), d->column);
  if (ev_table_find(t, name) >= 0)
    return fail(d, t, EV_ERR_ARG,
                "output column '%s' already exists; give it another name "
                "with 'as'",
                name);

  size_t n = t->row_count ? (size_t)t->row_count : 1; /* never malloc(0) */
  j.out = malloc(n * sizeof *j.out);
  j.prev = malloc(n * sizeof *j.prev);
  int32_t *rows = malloc(n * sizeof *rows);
  if (!j.out || !j.prev || !rows) {
    rc = ev_error_set(EV_ERR_NOMEM, "out of memory deriving a column");
    goto done;
  }
  int32_t k = 0;
  for (int32_t r = 0; r < t->row_count; r++) {
    j.out[r] = NAN;
    if (!j.ord || !isnan(j.ord->num[r])) rows[k++] = r;
  }
  memcpy(g_sort.by, j.by, sizeof g_sort.by);
  g_sort.by_count = j.by_count;
  g_sort.ord = j.ord;
  qsort(rows, (size_t)k, sizeof *rows, cmp_rows);
  for (int32_t s = 0, e; s < k && rc == EV_OK; s = e) {
    for (e = s + 1; e < k && same_group(&j, rows[s], rows[e]);) e++;
    if (d->op == EV_DERIVE_SHARE) rc = run_share(&j, rows + s, e - s);
    else if (d->op == EV_DERIVE_RATIO) rc = run_ratio(&j, rows + s, e - s);
    else rc = run_ordered(&j, rows + s, e - s);
  }
  if (rc == EV_OK) {
    int32_t c = ev_table_add_column(t, name, EV_COL_NUMBER, NULL);
    if (c < 0) rc = c;
    else memcpy(t->cols[c].num, j.out, (size_t)t->row_count * sizeof *j.out);
  }
done:
  free(j.out);
  free(j.prev);
  free(rows);
  return rc;
}
