/* table.c — columnar tables (see table.h). */
#include "table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"

static char *copy_name(const char *s) {
  size_t n = strlen(s);
  char *c = malloc(n + 1);
  if (c) memcpy(c, s, n + 1);
  return c;
}

ev_table *ev_table_new(const char *name, int32_t row_count) {
  if (!name || row_count < 0) {
    ev_error_set(EV_ERR_ARG, "table: invalid name or row count");
    return NULL;
  }
  if (row_count > EV_MAX_ROWS) {
    ev_error_set(EV_ERR_LIMIT,
                 "table '%s': %d rows is over the limit of %d rows", name,
                 (int)row_count, EV_MAX_ROWS);
    return NULL;
  }
  ev_table *t = calloc(1, sizeof *t);
  if (!t || !(t->name = copy_name(name))) {
    free(t);
    ev_error_set(EV_ERR_NOMEM, "out of memory creating table '%s'", name);
    return NULL;
  }
  t->row_count = row_count;
  return t;
}

static void column_free(ev_column *c) {
  free(c->name);
  free(c->num);
  free(c->code);
  ev_dict_free(c->dict);
}

void ev_table_free(ev_table *t) {
  if (!t) return;
  for (int32_t i = 0; i < t->col_count; i++) column_free(&t->cols[i]);
  free(t->cols);
  free(t->name);
  free(t);
}

int32_t ev_table_find(const ev_table *t, const char *name) {
  for (int32_t i = 0; i < t->col_count; i++)
    if (strcmp(t->cols[i].name, name) == 0) return i;
  return -1;
}

int32_t ev_table_add_column(ev_table *t, const char *name, ev_col_type type,
                            ev_dict *dict) {
  int is_num = type == EV_COL_NUMBER || type == EV_COL_BOOL;
  int is_str = type == EV_COL_STRING || type == EV_COL_JSON;
  if (!t || !name || (!is_num && !is_str) || (dict && !is_str)) {
    ev_dict_free(dict);
    return ev_error_set(EV_ERR_ARG, "table: invalid column arguments");
  }
  if (ev_table_find(t, name) >= 0) {
    ev_dict_free(dict);
    return ev_error_set(EV_ERR_ARG, "table '%s': duplicate column '%s'",
                        t->name, name);
  }
  if (t->col_count >= EV_MAX_COLUMNS) {
    ev_dict_free(dict);
    return ev_error_set(EV_ERR_LIMIT,
                        "table '%s': more than %d columns (limit)", t->name,
                        EV_MAX_COLUMNS);
  }
  if (t->col_count == t->col_cap) {
    int32_t cap = t->col_cap ? t->col_cap * 2 : 8;
    ev_column *cols = realloc(t->cols, (size_t)cap * sizeof *cols);
    if (!cols) {
      ev_dict_free(dict);
      return ev_error_set(EV_ERR_NOMEM, "out of memory adding column '%s'",
                          name);
    }
    t->cols = cols;
    t->col_cap = cap;
  }
  ev_column c = {0};
  c.type = type;
  c.name = copy_name(name);
  size_t n = t->row_count ? (size_t)t->row_count : 1;
  if (is_num) {
    c.num = malloc(n * sizeof *c.num);
    if (c.num)
      for (size_t i = 0; i < n; i++) c.num[i] = NAN;
  } else {
    c.code = malloc(n * sizeof *c.code);
    if (c.code)
      for (size_t i = 0; i < n; i++) c.code[i] = -1;
    c.dict = dict ? dict : ev_dict_new();
  }
  if (!c.name || (is_num && !c.num) || (is_str && (!c.code || !c.dict))) {
    column_free(&c);
    return ev_error_set(EV_ERR_NOMEM, "out of memory adding column '%s'",
                        name);
  }
  t->cols[t->col_count] = c;
  return t->col_count++;
}

const char *ev_col_type_name(ev_col_type type) {
  switch (type) {
    case EV_COL_NUMBER: return "number";
    case EV_COL_STRING: return "string";
    case EV_COL_BOOL: return "boolean";
    case EV_COL_JSON: return "json";
  }
  return "unknown";
}

int ev_column_is_missing(const ev_column *c, int32_t row) {
  return c->num ? isnan(c->num[row]) : c->code[row] < 0;
}
