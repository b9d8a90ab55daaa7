/* ingest_json.c — JSON documents to columnar tables: walks the cJSON tree
 * that json_doc.c parsed. See ingest_json.h for the accepted shapes and
 * errors. */
#include "ingest_json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_doc.h"
#include "status.h"

static const char *json_kind(const cJSON *v) {
  if (cJSON_IsNumber(v)) return "number";
  if (cJSON_IsString(v)) return "string";
  if (cJSON_IsBool(v)) return "boolean";
  if (cJSON_IsNull(v)) return "null";
  if (cJSON_IsArray(v)) return "array";
  if (cJSON_IsObject(v)) return "object";
  return "invalid value";
}

static ev_col_type col_type_of(const cJSON *v) {
  if (cJSON_IsNumber(v)) return EV_COL_NUMBER;
  if (cJSON_IsString(v)) return EV_COL_STRING;
  if (cJSON_IsBool(v)) return EV_COL_BOOL;
  return EV_COL_JSON; /* arrays and objects */
}

/* Pass 1: the columns (names in first-seen order, types from the first
 * non-null value), checking every row's shape and every value's type. */
static int scan_columns(const char *tname, const cJSON *rows, int32_t n,
                        ev_dict *names, ev_col_type **out_types) {
  ev_col_type *types = NULL;
  int32_t types_cap = 0;
  int32_t r = 0;
  for (const cJSON *row = rows->child; row; row = row->next, r++) {
    if (!cJSON_IsObject(row)) {
      free(types);
      return ev_error_set(EV_ERR_SHAPE,
                          "table '%s' row %d: expected an object (a record), "
                          "got %s",
                          tname, (int)r + 1, json_kind(row));
    }
    for (const cJSON *v = row->child; v; v = v->next) {
      size_t klen = strlen(v->string);
      if (klen > EV_MAX_NAME_BYTES) {
        free(types);
        return ev_error_set(EV_ERR_LIMIT,
                            "table '%s' row %d: a column name is %zu bytes "
                            "long (limit %d)",
                            tname, (int)r + 1, klen, EV_MAX_NAME_BYTES);
      }
      int32_t c = ev_dict_find(names, v->string, klen);
      if (c < 0) {
        if (ev_dict_count(names) >= EV_MAX_COLUMNS) {
          free(types);
          return ev_error_set(EV_ERR_LIMIT,
                              "table '%s' row %d: more than %d columns "
                              "(limit)",
                              tname, (int)r + 1, EV_MAX_COLUMNS);
        }
        c = ev_dict_intern(names, v->string, klen);
        if (c >= types_cap) {
          int32_t cap = types_cap ? types_cap * 2 : 16;
          ev_col_type *t = realloc(types, (size_t)cap * sizeof *t);
          if (t) {
            types = t;
            types_cap = cap;
          }
        }
        if (c < 0 || c >= types_cap) {
          free(types);
          return ev_error_set(EV_ERR_NOMEM,
                              "out of memory reading table '%s'", tname);
        }
        types[c] = 0;
      }
      if (cJSON_IsNull(v)) continue;
      ev_col_type t = col_type_of(v);
      if (types[c] == 0) {
        types[c] = t;
      } else if (types[c] != t) {
        ev_col_type want = types[c];
        free(types);
        if (t == EV_COL_STRING)
          return ev_error_set(EV_ERR_TYPE,
                              "table '%s' row %d, column '%s': expected %s, "
                              "got string \"%.*s\"%s",
                              tname, (int)r + 1, v->string,
                              ev_col_type_name(want),
                              (int)ev_utf8_prefix(v->valuestring, 40),
                              v->valuestring,
                              want == EV_COL_NUMBER
                                  ? " (numbers must not be quoted; use null "
                                    "for a missing value)"
                                  : "");
        return ev_error_set(EV_ERR_TYPE,
                            "table '%s' row %d, column '%s': expected %s, "
                            "got %s",
                            tname, (int)r + 1, v->string,
                            ev_col_type_name(want), json_kind(v));
      }
      if ((t == EV_COL_NUMBER && !isfinite(v->valuedouble)) ||
          (t == EV_COL_JSON && ev_json_has_infinite(v))) {
        free(types);
        return ev_error_set(EV_ERR_RANGE,
                            "table '%s' row %d, column '%s': number out of "
                            "range (overflows a 64-bit float)%s",
                            tname, (int)r + 1, v->string,
                            t == EV_COL_JSON ? " in the nested value" : "");
      }
    }
  }
  (void)n;
  *out_types = types;
  return EV_OK;
}

/* Pass 2: fill the columns. Later duplicates of a key overwrite earlier. */
static int fill_columns(ev_table *t, const cJSON *rows, const ev_dict *names) {
  int32_t r = 0;
  for (const cJSON *row = rows->child; row; row = row->next, r++) {
    for (const cJSON *v = row->child; v; v = v->next) {
      ev_column *col =
          &t->cols[ev_dict_find(names, v->string, strlen(v->string))];
      if (cJSON_IsNull(v)) {
        if (col->num) col->num[r] = NAN;
        else col->code[r] = -1;
        continue;
      }
      int32_t code;
      switch (col->type) {
        case EV_COL_NUMBER: col->num[r] = v->valuedouble; break;
        case EV_COL_BOOL: col->num[r] = cJSON_IsTrue(v) ? 1.0 : 0.0; break;
        case EV_COL_STRING:
          code = ev_dict_intern(col->dict, v->valuestring,
                                strlen(v->valuestring));
          if (code < 0) goto nomem;
          col->code[r] = code;
          break;
        case EV_COL_JSON: {
          char *text = cJSON_PrintUnformatted(v);
          if (!text) goto nomem;
          code = ev_dict_intern(col->dict, text, strlen(text));
          cJSON_free(text);
          if (code < 0) goto nomem;
          col->code[r] = code;
          break;
        }
      }
    }
  }
  return EV_OK;
nomem:
  return ev_error_set(EV_ERR_NOMEM, "out of memory reading table '%s'",
                      t->name);
}

static ev_table *build_table(const char *name, const cJSON *rows) {
  int32_t n = 0;
  for (const cJSON *row = rows->child; row; row = row->next) {
    if (++n > EV_MAX_ROWS) {
      ev_error_set(EV_ERR_LIMIT, "table '%s': more than %d rows (limit)",
                   name, EV_MAX_ROWS);
      return NULL;
    }
  }
  ev_dict *names = ev_dict_new();
  ev_col_type *types = NULL;
  ev_table *t = NULL;
  if (!names) {
    ev_error_set(EV_ERR_NOMEM, "out of memory reading table '%s'", name);
    return NULL;
  }
  if (scan_columns(name, rows, n, names, &types) != EV_OK) goto fail;
  if (!(t = ev_table_new(name, n))) goto fail;
  for (int32_t c = 0; c < ev_dict_count(names); c++) {
    ev_col_type type = types[c] ? types[c] : EV_COL_NUMBER;
    if (ev_table_add_column(t, ev_dict_str(names, c), type, NULL) < 0)
      goto fail;
  }
  if (fill_columns(t, rows, names) != EV_OK) goto fail;
  free(types);
  ev_dict_free(names);
  return t;
fail:
  free(types);
  ev_dict_free(names);
  ev_table_free(t);
  return NULL;
}

static int is_table_member(const cJSON *v) {
  return cJSON_IsArray(v) && v->child && cJSON_IsObject(v->child);
}

/* 1 if a later member of the root object has the same key as m (then the
 * later one wins, as for keys in records). */
static int shadowed(const cJSON *m) {
  for (const cJSON *o = m->next; o; o = o->next)
    if (strcmp(o->string, m->string) == 0) return 1;
  return 0;
}

/* EV_ERR_SHAPE at the first row of members[0..count) that is not an object,
 * in the words of scan_columns; else EV_OK. */
static int check_rows(const cJSON **members, const char **names, int count) {
  for (int i = 0; i < count; i++) {
    int r = 0;
    for (const cJSON *row = members[i]->child; row; row = row->next, r++)
      if (!cJSON_IsObject(row))
        return ev_error_set(EV_ERR_SHAPE,
                            "table '%s' row %d: expected an object (a "
                            "record), got %s",
                            names[i], r + 1, json_kind(row));
  }
  return EV_OK;
}

/* Finds the tables of root and builds them. A document holding \u0000
 * (nul_at, from ev_json_parse_nul) is refused once its shape is known to be
 * tables: cJSON cut its strings short at the NUL. */
static int collect_tables(const cJSON *root, const char *buf, size_t nul_at,
                          ev_table ***out) {
  const cJSON *members[EV_MAX_TABLES];
  const char *names[EV_MAX_TABLES];
  int count = 0;
  if (cJSON_IsArray(root)) {
    if (!root->child)
      return ev_error_set(EV_ERR_SHAPE,
                          "the document is an empty array: no records to "
                          "make a table from");
    members[0] = root;
    names[0] = "data";
    count = 1;
  } else if (cJSON_IsObject(root)) {
    for (const cJSON *m = root->child; m; m = m->next) {
      if (!is_table_member(m) || shadowed(m)) continue;
      if (strlen(m->string) > EV_MAX_NAME_BYTES)
        return ev_error_set(EV_ERR_LIMIT,
                            "a table name is %zu bytes long (limit %d)",
                            strlen(m->string), EV_MAX_NAME_BYTES);
      if (count == EV_MAX_TABLES)
        return ev_error_set(EV_ERR_LIMIT,
                            "more than %d tables in the document (limit)",
                            EV_MAX_TABLES);
      members[count] = m;
      names[count] = m->string;
      count++;
    }
    if (count == 0)
      return ev_error_set(EV_ERR_SHAPE,
                          "no tables found: expected an array of records, or "
                          "an object whose members are arrays of records");
  } else {
    return ev_error_set(EV_ERR_SHAPE,
                        "the document is a %s, not a table: expected an "
                        "array of records, or an object whose members are "
                        "arrays of records",
                        json_kind(root));
  }
  if (nul_at != EV_JSON_NONE) {
    int rc = check_rows(members, names, count);
    return rc != EV_OK ? rc : ev_json_nul_error(buf, nul_at);
  }
  ev_table **tables = calloc((size_t)count, sizeof *tables);
  if (!tables) return ev_error_set(EV_ERR_NOMEM, "out of memory");
  for (int i = 0; i < count; i++) {
    tables[i] = build_table(names[i], members[i]);
    if (!tables[i]) {
      for (int j = 0; j < i; j++) ev_table_free(tables[j]);
      free(tables);
      return ev_error_status();
    }
  }
  *out = tables;
  return count;
}

int ev_ingest_json(const char *buf, size_t len, ev_table ***out_tables) {
  if (!out_tables) return ev_error_set(EV_ERR_ARG, "ingest: no output");
  *out_tables = NULL;
  size_t nul_at;
  cJSON *root = ev_json_parse_nul(buf, len, &nul_at);
  if (!root) return ev_error_status();
  int rc = collect_tables(root, buf, nul_at, out_tables);
  cJSON_Delete(root);
  return rc;
}
