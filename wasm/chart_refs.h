/* chart_refs.h — ValueRefs and text templates of a chart description
 * (data/CHART_FORMAT.md "ValueRefs"): a figure taken from a chart's drawn
 * marks ({panel?, series?, pick, of?}) or from one row of a table
 * ({table, filters?, column, approximate?, bound?, source?}), and the
 * {name} placeholders of a finding's or an annotation's text. The path
 * conventions and return values are chart_ck.h's. */
#ifndef EV_CHART_REFS_H
#define EV_CHART_REFS_H

#include "chart_ck.h"

/* What a table-form ValueRef's column must be. */
typedef enum {
  EV_REF_NUMBER, /* a number column (reference bars) */
  EV_REF_SHOWN,  /* a number or string column (findings) */
  EV_REF_OF_COL  /* the type of the column `want` (annotation x); for a
                    string x also a number column (matched as text) */
} ev_ref_want;

/* A table-form ValueRef: table (any of the dataset's), filters (at most
 * EV_CHART_MAX_LIST, checked like a chart's against that table), column
 * (as `want` says; want_col for EV_REF_OF_COL), approximate (a boolean
 * column), bound (a string column), source (a string column; needs the
 * document's provenance). c->t is restored. The path is at v. */
int ev_ck_ref_table(ev_ck *c, const cJSON *v, ev_ref_want want,
                    const ev_column *want_col);

/* A ValueRef of either form (the table form when it has `table`). The
 * panel form: `panel` names a chart of the view (c->charts; required when
 * the view has panels, refused when not), `series` a value of that
 * chart's series column, `pick` first|last|max|min, `of` x|y (x of a
 * map: its key). The path is at v. */
int ev_ck_ref(ev_ck *c, const cJSON *v);

/* Calls fn(c, name, ud) for each "{name}" placeholder of the template s,
 * in order ("{{" and "}}" are literal braces); a lone brace, or a '{'
 * without its '}' within 64 bytes, is SHAPE. Returns the first non-zero
 * fn result, else EV_OK. The path is at the string. */
typedef int (*ev_ck_placeholder_fn)(ev_ck *c, const char *name, void *ud);
int ev_ck_placeholders(ev_ck *c, const char *s, ev_ck_placeholder_fn fn,
                       void *ud);

/* The placeholders of one string of a Text: "{{" and "}}" are literal
 * braces; "{name}" must be a member of `values` (an object), or, when
 * values is NULL, exactly "{x}" (an annotation). A lone brace or an empty
 * or badly formed name is SHAPE. The path is at the string. */
int ev_ck_template(ev_ck *c, const char *s, const cJSON *values);

/* ev_ck_template on every string of the Text v (checked already). The
 * path is at v. */
int ev_ck_text_template(ev_ck *c, const cJSON *v, const cJSON *values);

#endif
