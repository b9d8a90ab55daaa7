/* chart_doc.h — the document-level story keys of a chart description
 * (data/CHART_FORMAT.md "Provenance and names"): `provenance` (the table
 * of sources that marks cite) and `names` (look-ups of reader names for
 * data values, by kind), and a column's `names` setting (a kind the
 * document's `names` give). The path conventions and return values are
 * chart_ck.h's. */
#ifndef EV_CHART_DOC_H
#define EV_CHART_DOC_H

#include "chart_ck.h"

/* provenance: {"table"}: a table with string columns `id` and
 * `publisher`, and `title`, `url`, `date`, `confidence` string columns
 * when it has them (COLUMN for a missing table or column, TYPE for
 * another type). Sets c->provenance. The path is at v. */
int ev_ck_provenance(ev_ck *c, const cJSON *v);

/* names: a list of at most EV_CHART_MAX_NAMES entries {table, key, kind
 * | kind_column, text: {locale: column}}: key, kind_column and every text
 * column string columns of table; exactly one of kind and kind_column;
 * text keys among the locales, the default locale's required. Fills
 * c->kinds / c->any_kind. The path is at v. */
int ev_ck_names(ev_ck *c, const cJSON *v);

/* The optional member `key` of obj (a column's "names"): a string naming
 * a kind the document's names give (SHAPE, with "did you mean" among the
 * kinds). The path is at obj. */
int ev_ck_kind(ev_ck *c, const cJSON *obj, const char *key);

#endif
