/* test_table.c — columnar tables (wasm/table.c). */
#include <math.h>
#include <stdio.h>

#include "check.h"
#include "status.h"
#include "table.h"

static void test_new_and_columns(void) {
  ev_error_reset();
  ev_table *t = ev_table_new("projects", 3);
  CHECK(t != NULL);
  CHECK_STR(t->name, "projects");
  CHECK_EQ_INT(t->row_count, 3);
  CHECK_EQ_INT(t->col_count, 0);

  /* indexes are assigned in order; every column starts all-missing */
  CHECK_EQ_INT(ev_table_add_column(t, "usd_bn", EV_COL_NUMBER, NULL), 0);
  CHECK_EQ_INT(ev_table_add_column(t, "country", EV_COL_STRING, NULL), 1);
  CHECK_EQ_INT(ev_table_add_column(t, "approximate", EV_COL_BOOL, NULL), 2);
  CHECK_EQ_INT(ev_table_add_column(t, "also_sources", EV_COL_JSON, NULL), 3);
  CHECK_EQ_INT(t->col_count, 4);
  CHECK_EQ_INT(ev_error_status(), EV_OK);

  ev_column *num = &t->cols[0], *str = &t->cols[1], *bol = &t->cols[2],
            *jsn = &t->cols[3];
  CHECK(num->num && !num->code && !num->dict);
  CHECK(bol->num && !bol->code && !bol->dict);
  CHECK(str->code && str->dict && !str->num);
  CHECK(jsn->code && jsn->dict && !jsn->num);
  CHECK(str->dict != jsn->dict);
  CHECK_EQ_INT(num->type, EV_COL_NUMBER);
  CHECK_EQ_INT(jsn->type, EV_COL_JSON);
  for (int r = 0; r < 3; r++) {
    CHECK(isnan(num->num[r]) && isnan(bol->num[r]));
    CHECK_EQ_INT(str->code[r], -1);
    CHECK_EQ_INT(jsn->code[r], -1);
    for (int c = 0; c < 4; c++) CHECK(ev_column_is_missing(&t->cols[c], r));
  }
  num->num[1] = 0.0; /* zero is a value, not missing */
  str->code[2] = ev_dict_intern(str->dict, "Hungary", 7);
  bol->num[0] = 0.0; /* false is a value */
  CHECK(!ev_column_is_missing(num, 1));
  CHECK(ev_column_is_missing(num, 0));
  CHECK(!ev_column_is_missing(str, 2));
  CHECK(!ev_column_is_missing(bol, 0));

  /* lookup is exact and case-sensitive */
  CHECK_EQ_INT(ev_table_find(t, "country"), 1);
  CHECK_EQ_INT(ev_table_find(t, "Country"), -1);
  CHECK_EQ_INT(ev_table_find(t, "usd"), -1);
  CHECK_EQ_INT(ev_table_find(t, ""), -1);

  /* a duplicate name is an ARG error naming table and column */
  ev_error_reset();
  CHECK_EQ_INT(ev_table_add_column(t, "country", EV_COL_NUMBER, NULL),
               EV_ERR_ARG);
  CHECK_STR(ev_error_message(), "table 'projects': duplicate column 'country'");
  /* a name differing only in case is a different column */
  ev_error_reset();
  CHECK_EQ_INT(ev_table_add_column(t, "Country", EV_COL_NUMBER, NULL), 4);

  /* bad types */
  ev_error_reset();
  CHECK_EQ_INT(ev_table_add_column(t, "x", (ev_col_type)0, NULL), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_table_add_column(t, "x", (ev_col_type)5, NULL), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_table_add_column(t, NULL, EV_COL_NUMBER, NULL), EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_table_add_column(NULL, "x", EV_COL_NUMBER, NULL), EV_ERR_ARG);
  /* a dictionary for a number column is refused, and freed (ownership
   * passes even on failure: ASan's leak check would see it otherwise) */
  ev_error_reset();
  CHECK_EQ_INT(ev_table_add_column(t, "x", EV_COL_NUMBER, ev_dict_new()),
               EV_ERR_ARG);
  ev_error_reset();
  CHECK_EQ_INT(ev_table_add_column(t, "country", EV_COL_STRING, ev_dict_new()),
               EV_ERR_ARG);
  CHECK_EQ_INT(t->col_count, 5);

  /* a given dictionary becomes the column's (the table frees it) */
  ev_dict *d = ev_dict_new();
  ev_dict_intern(d, "CATL", 4);
  ev_error_reset();
  CHECK_EQ_INT(ev_table_add_column(t, "company", EV_COL_STRING, d), 5);
  CHECK(t->cols[5].dict == d);
  CHECK_EQ_INT(t->cols[5].code[0], -1); /* values still missing */
  ev_table_free(t);
  ev_table_free(NULL);
}

static void test_limits(void) {
  char name[32];
  ev_table *t = ev_table_new("wide", 2);
  int ok = 1;
  for (int i = 0; i < EV_MAX_COLUMNS; i++) {
    snprintf(name, sizeof name, "c%d", i);
    ok &= ev_table_add_column(t, name, i % 2 ? EV_COL_STRING : EV_COL_NUMBER,
                              NULL) == i;
  }
  CHECK(ok);
  CHECK_EQ_INT(t->col_count, 256);
  ev_error_reset();
  CHECK_EQ_INT(ev_table_add_column(t, "one_more", EV_COL_NUMBER, NULL),
               EV_ERR_LIMIT);
  CHECK_STR(ev_error_message(), "table 'wide': more than 256 columns (limit)");
  ev_error_reset();
  /* the dict of a refused column is freed too */
  CHECK_EQ_INT(ev_table_add_column(t, "one_more", EV_COL_STRING, ev_dict_new()),
               EV_ERR_LIMIT);
  CHECK_EQ_INT(ev_table_find(t, "c255"), 255);
  ev_table_free(t);

  /* rows: 0 and EV_MAX_ROWS are fine; one more is LIMIT; negative is ARG */
  ev_error_reset();
  t = ev_table_new("empty", 0);
  CHECK(t != NULL);
  CHECK_EQ_INT(ev_table_add_column(t, "a", EV_COL_NUMBER, NULL), 0);
  CHECK_EQ_INT(ev_table_add_column(t, "b", EV_COL_JSON, NULL), 1);
  ev_table_free(t);
  t = ev_table_new("big", EV_MAX_ROWS);
  CHECK(t != NULL);
  CHECK_EQ_INT(ev_table_add_column(t, "v", EV_COL_NUMBER, NULL), 0);
  CHECK(t && isnan(t->cols[0].num[EV_MAX_ROWS - 1]));
  ev_table_free(t);
  CHECK_EQ_INT(ev_error_status(), EV_OK);

  CHECK(ev_table_new("big", EV_MAX_ROWS + 1) == NULL);
  CHECK_EQ_INT(ev_error_status(), EV_ERR_LIMIT);
  CHECK_STR(ev_error_message(),
            "table 'big': 1000001 rows is over the limit of 1000000 rows");
  ev_error_reset();
  CHECK(ev_table_new("neg", -1) == NULL);
  CHECK_EQ_INT(ev_error_status(), EV_ERR_ARG);
  ev_error_reset();
  CHECK(ev_table_new(NULL, 1) == NULL);
  CHECK_EQ_INT(ev_error_status(), EV_ERR_ARG);
  ev_error_reset();
}

static void test_type_names(void) {
  CHECK_STR(ev_col_type_name(EV_COL_NUMBER), "number");
  CHECK_STR(ev_col_type_name(EV_COL_STRING), "string");
  CHECK_STR(ev_col_type_name(EV_COL_BOOL), "boolean");
  CHECK_STR(ev_col_type_name(EV_COL_JSON), "json");
  CHECK_STR(ev_col_type_name((ev_col_type)9), "unknown");
}

int main(void) {
  test_new_and_columns();
  test_limits();
  test_type_names();
  return check_summary("test_table");
}
