/* stream_columns.c — the stream path's column builder (see
 * stream_columns.h). Messages are ingest_json.c's, word for word. */
#include "stream_columns.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "json_doc.h"
#include "status.h"

void ev_msg_vformat(char *out, const char *fmt, va_list ap) {
  int n = vsnprintf(out, EV_MSG_CAP, fmt, ap);
  if (n >= EV_MSG_CAP) out[ev_utf8_prefix(out, EV_MSG_CAP - 1)] = '\0';
}

const char *ev_kind_name(int k) {
  switch (k) {
    case EV_K_STR: return "string";
    case EV_K_NUM: return "number";
    case EV_K_TRUE:
    case EV_K_FALSE: return "boolean";
    default: return "null";
  }
}

int ev_cand_init(ev_cand *c, const char *name) {
  memset(c, 0, sizeof *c);
  c->bad_row = -1;
  size_t n = strlen(name);
  c->name = malloc(n + 1);
  c->names = ev_dict_new();
  if (!c->name || !c->names) {
    free(c->name);
    ev_dict_free(c->names);
    c->name = NULL;
    c->names = NULL;
    return EV_ERR_NOMEM;
  }
  memcpy(c->name, name, n + 1);
  return EV_OK;
}

void ev_cand_fail(ev_cand *c, int force, int code, const char *fmt, ...) {
  if (c->err && !force) return;
  char msg[EV_MSG_CAP];
  va_list ap;
  va_start(ap, fmt);
  ev_msg_vformat(msg, fmt, ap);
  va_end(ap);
  free(c->msg);
  c->msg = malloc(strlen(msg) + 1);
  if (c->msg) memcpy(c->msg, msg, strlen(msg) + 1);
  c->err = code;
}

void ev_cand_free_columns(ev_cand *c) {
  for (int32_t i = 0; i < c->ncols; i++) {
    free(c->cols[i].name);
    free(c->cols[i].num);
    free(c->cols[i].code);
    free(c->cols[i].cache);
    ev_dict_free(c->cols[i].dict);
  }
  free(c->cols);
  c->cols = NULL;
  c->ncols = c->cols_cap = 0;
  ev_dict_free(c->names);
  c->names = NULL;
}

void ev_cand_free(ev_cand *c) {
  ev_cand_free_columns(c);
  free(c->name);
  free(c->msg);
  c->name = c->msg = NULL;
}

static int alloc_storage(ev_cand *c, ev_scol *col) {
  size_t n = c->row_cap ? (size_t)c->row_cap : 1;
  if (col->type == EV_COL_NUMBER || col->type == EV_COL_BOOL) {
    col->num = malloc(n * sizeof *col->num);
    if (!col->num) return EV_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) col->num[i] = NAN;
  } else {
    col->code = malloc(n * sizeof *col->code);
    col->dict = ev_dict_new();
    if (!col->code || !col->dict) return EV_ERR_NOMEM;
    if (col->type == EV_COL_STRING &&
        !(col->cache = calloc(EV_SCACHE_SIZE, sizeof *col->cache)))
      return EV_ERR_NOMEM;
    memset(col->code, 0xFF, n * sizeof *col->code);
  }
  return EV_OK;
}

void ev_cand_size_hint(ev_cand *c, double total_bytes) {
  c->size_total = total_bytes > 0 ? total_bytes : 0;
}

/* The row capacity to grow to for row need - 1 starting at offset at. */
static int32_t next_row_cap(const ev_cand *c, int32_t need, double at) {
  int32_t cap = c->row_cap ? c->row_cap : 16;
  if (c->size_total > 0 && need > EV_CAND_ESTIMATE_ROWS &&
      at > c->size_start && at <= c->size_total) {
    /* rows read so far: need - 1, in at - size_start bytes */
    double per_row = (at - c->size_start) / (double)(need - 1);
    double est = (double)need + (c->size_total - at) / per_row * 1.0625 + 16;
    double lo = (double)cap + cap / 8;
    if (est < lo) est = lo;
    return est > EV_MAX_ROWS ? EV_MAX_ROWS + 1 : (int32_t)est;
  }
  while (cap < need) cap = cap > EV_MAX_ROWS / 2 ? EV_MAX_ROWS + 1 : cap * 2;
  return cap;
}

static int grow_rows(ev_cand *c, int32_t need, double at) {
  if (need <= c->row_cap) return EV_OK;
  int32_t cap = next_row_cap(c, need, at);
  for (int32_t k = 0; k < c->ncols; k++) {
    ev_scol *col = &c->cols[k];
    if (col->num) {
      double *p = realloc(col->num, (size_t)cap * sizeof *p);
      if (!p) return EV_ERR_NOMEM;
      for (int32_t i = c->row_cap; i < cap; i++) p[i] = NAN;
      col->num = p;
    } else if (col->code) {
      int32_t *p = realloc(col->code, (size_t)cap * sizeof *p);
      if (!p) return EV_ERR_NOMEM;
      memset(p + c->row_cap, 0xFF, (size_t)(cap - c->row_cap) * sizeof *p);
      col->code = p;
    }
  }
  c->row_cap = cap;
  return EV_OK;
}

int ev_cand_row_start(ev_cand *c, int is_record, const char *kind, double at,
                      int32_t *row) {
  int32_t r = c->rows;
  if (r == 0) c->size_start = at;
  if (c->rows <= EV_MAX_ROWS) c->rows++;
  *row = r;
  if (c->rows > EV_MAX_ROWS && !c->over) {
    /* build_table counts the rows before it reads any: this error wins */
    c->over = 1;
    ev_cand_fail(c, 1, EV_ERR_LIMIT, "table '%s': more than %d rows (limit)",
                 c->name, EV_MAX_ROWS);
    ev_cand_free_columns(c);
  }
  if (!is_record) {
    if (c->bad_row < 0) {
      c->bad_row = r;
      c->bad_kind = kind;
    }
    ev_cand_fail(c, 0, EV_ERR_SHAPE,
                 "table '%s' row %d: expected an object (a record), got %s",
                 c->name, (int)r + 1, kind);
    return EV_OK;
  }
  c->next_col = 0;
  if (c->err) return EV_OK;
  return grow_rows(c, r + 1, at);
}

static inline int bytes_eq(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (a[i] != b[i]) return 0;
  return 1;
}

int ev_cand_key(ev_cand *c, int32_t r, const char *k, size_t klen,
                int32_t *out) {
  *out = -1;
  if (c->err) return EV_OK;
  if (klen > EV_MAX_NAME_BYTES) {
    ev_cand_fail(c, 0, EV_ERR_LIMIT,
                 "table '%s' row %d: a column name is %zu bytes long (limit %d)",
                 c->name, (int)r + 1, klen, EV_MAX_NAME_BYTES);
    return EV_OK;
  }
  /* records usually repeat the key order: try the next column first */
  int32_t col = c->next_col;
  if (!(col < c->ncols && c->cols[col].name_len == klen &&
        bytes_eq(c->cols[col].name, k, klen)))
    col = ev_dict_find(c->names, k, klen);
  if (col < 0) {
    if (c->ncols >= EV_MAX_COLUMNS) {
      ev_cand_fail(c, 0, EV_ERR_LIMIT,
                   "table '%s' row %d: more than %d columns (limit)", c->name,
                   (int)r + 1, EV_MAX_COLUMNS);
      return EV_OK;
    }
    if (c->ncols == c->cols_cap) {
      int32_t cap = c->cols_cap ? c->cols_cap * 2 : 16;
      ev_scol *p = realloc(c->cols, (size_t)cap * sizeof *p);
      if (!p) return EV_ERR_NOMEM;
      c->cols = p;
      c->cols_cap = cap;
    }
    col = ev_dict_intern(c->names, k, klen);
    if (col < 0) return EV_ERR_NOMEM;
    ev_scol *sc = &c->cols[c->ncols++];
    memset(sc, 0, sizeof *sc);
    sc->name = malloc(klen + 1);
    if (!sc->name) return EV_ERR_NOMEM;
    memcpy(sc->name, k, klen);
    sc->name[klen] = '\0';
    sc->name_len = klen;
    sc->plain_name = 1;
    for (size_t i = 0; i < klen; i++) {
      unsigned char ch = (unsigned char)k[i];
      if (ch < 0x20 || ch >= 0x80 || ch == '"' || ch == '\\')
        sc->plain_name = 0;
    }
  }
  c->next_col = col + 1;
  *out = col;
  return EV_OK;
}

static int col_type_of_kind(int k) {
  return k == EV_K_NUM ? EV_COL_NUMBER : k == EV_K_STR ? EV_COL_STRING : EV_COL_BOOL;
}

int ev_cand_check_type(ev_cand *c, int32_t r, int32_t ci, int t,
                       const char *kind, const char *v, size_t vlen) {
  ev_scol *col = &c->cols[ci];
  if (col->type == 0) {
    col->type = t;
    if (alloc_storage(c, col) != EV_OK) return EV_ERR_NOMEM;
    return 1;
  }
  if (col->type == t) return 1;
  if (t == EV_COL_STRING) {
    ev_cand_fail(c, 0, EV_ERR_TYPE,
                 "table '%s' row %d, column '%s': expected %s, got string "
                 "\"%.*s\"%s",
                 c->name, r + 1, col->name, ev_col_type_name(col->type),
                 (int)ev_utf8_prefix(v, vlen < 40 ? vlen : 40), v,
                 col->type == EV_COL_NUMBER
                     ? " (numbers must not be quoted; use null for a missing "
                       "value)"
                     : "");
  } else {
    ev_cand_fail(c, 0, EV_ERR_TYPE,
                 "table '%s' row %d, column '%s': expected %s, got %s",
                 c->name, r + 1, col->name, ev_col_type_name(col->type), kind);
  }
  return 0;
}

static void range_fail(ev_cand *c, int32_t r, ev_scol *col, int nested) {
  ev_cand_fail(c, 0, EV_ERR_RANGE,
               "table '%s' row %d, column '%s': number out of range "
               "(overflows a 64-bit float)%s",
               c->name, r + 1, col->name,
               nested ? " in the nested value" : "");
}

int ev_cand_value(ev_cand *c, int32_t r, int32_t ci, int kind, double num,
                  const char *v, size_t vlen) {
  if (c->err) return EV_OK;
  ev_scol *col = &c->cols[ci];
  if (kind == EV_K_NULL) {
    if (col->num) col->num[r] = NAN;
    else if (col->code) col->code[r] = -1;
    return EV_OK;
  }
  int t = col_type_of_kind(kind);
  int ok = col->type == t ? 1
                          : ev_cand_check_type(c, r, ci, t, ev_kind_name(kind),
                                               v, vlen);
  if (ok <= 0) return ok; /* EV_ERR_NOMEM or not stored */
  switch (kind) {
    case EV_K_NUM:
      if (isinf(num)) {
        range_fail(c, r, col, 0);
        return EV_OK;
      }
      col->num[r] = num;
      break;
    case EV_K_TRUE: col->num[r] = 1.0; break;
    case EV_K_FALSE: col->num[r] = 0.0; break;
    default: {
      if (vlen <= 8) {
        uint64_t w = 0;
        memcpy(&w, v, vlen);
        ev_scache *e = &col->cache[((w ^ vlen) * 0x9E3779B97F4A7C15u) >> 58];
        if (e->len1 == (int32_t)vlen + 1 && e->word == w) {
          col->code[r] = e->code;
          return EV_OK;
        }
        int32_t code = ev_dict_intern(col->dict, v, vlen);
        if (code < 0) return EV_ERR_NOMEM;
        e->word = w;
        e->len1 = (int32_t)vlen + 1;
        e->code = code;
        col->code[r] = code;
        return EV_OK;
      }
      int32_t code = ev_dict_intern(col->dict, v, vlen);
      if (code < 0) return EV_ERR_NOMEM;
      col->code[r] = code;
    }
  }
  return EV_OK;
}

int ev_cand_nested(ev_cand *c, int32_t r, int32_t ci, const char *text,
                   size_t len) {
  if (c->err) return EV_OK;
  ev_scol *col = &c->cols[ci];
  cJSON *v = cJSON_ParseWithLength(text, len);
  if (!v) return EV_ERR_NOMEM;
  if (ev_json_has_infinite(v)) {
    cJSON_Delete(v);
    range_fail(c, r, col, 1);
    return EV_OK;
  }
  char *out = cJSON_PrintUnformatted(v);
  cJSON_Delete(v);
  if (!out) return EV_ERR_NOMEM;
  int32_t code = ev_dict_intern(col->dict, out, strlen(out));
  cJSON_free(out);
  if (code < 0) return EV_ERR_NOMEM;
  col->code[r] = code;
  return EV_OK;
}

ev_table *ev_cand_build(ev_cand *c) {
  ev_table *t = ev_table_new(c->name, c->rows);
  if (!t) return NULL;
  for (int32_t k = 0; k < c->ncols; k++) {
    ev_scol *col = &c->cols[k];
    int type = col->type ? col->type : EV_COL_NUMBER;
    ev_dict *d = col->dict;
    col->dict = NULL;
    int32_t idx = ev_table_add_column(t, col->name, (ev_col_type)type, d);
    if (idx < 0) {
      ev_table_free(t);
      return NULL;
    }
    ev_column *tc = &t->cols[idx];
    free(col->cache);
    col->cache = NULL;
    /* storage sized ahead of the rows gives back what the table does not
     * use (a failed shrink keeps the block as it was) */
    size_t keep = c->rows > 0 ? (size_t)c->rows : 1;
    if (col->num) {
      if (c->row_cap > c->rows) {
        double *p = realloc(col->num, keep * sizeof *p);
        if (p) col->num = p;
      }
      free(tc->num);
      tc->num = col->num;
      col->num = NULL;
    } else if (col->code) {
      if (c->row_cap > c->rows) {
        int32_t *p = realloc(col->code, keep * sizeof *p);
        if (p) col->code = p;
      }
      free(tc->code);
      tc->code = col->code;
      col->code = NULL;
    }
  }
  return t;
}
