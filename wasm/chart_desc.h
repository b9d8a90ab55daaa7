/* chart_desc.h — checks a chart description (data/CHART_FORMAT.md, format
 * "ev-chart/1") against a dataset's tables and writes it out normalised.
 *
 * The description is parsed by json_doc.h (strict JSON, then cJSON) and
 * walked completely: keys (required, unknown, given twice), JSON types,
 * values, counts and byte lengths, language tags, view ids, Text objects,
 * URL schemes, and every table and column it names against `tables`
 * (exists, of a type that fits its role), plus the rules of each mark.
 * What is checked, in which order, and the status of each fault are listed
 * in data/CHART_FORMAT.md ("Checking", and "Story keys: what the engine
 * checks" for panels, modes, findings, ValueRefs, names, sources...); that
 * file is the contract.
 *
 * Errors: the message starts with the JSON path of the first fault
 * ("views[0].y.column: table 'data' has no column 'Horsepowr' (did you
 * mean 'Horsepower'?)"; "description" for the document itself). Objects are
 * checked member by member: first unknown or repeated keys in document
 * order, then the known keys in the order of the format's tables. Status:
 *   EV_ERR_PARSE  not strict JSON (json_doc.h's located message, no path);
 *   EV_ERR_RANGE  \u0000 in a string (json_doc.h), or a number that
 *                 overflows a double where a number is read;
 *   EV_ERR_SHAPE  the structure: a missing or unknown key, a key given
 *                 twice, a wrong JSON type, an unknown name (mark,
 *                 aggregate...), a bad id or language tag, a Text with a
 *                 key outside the locales or no default text, a refused
 *                 URL, a list that must not be empty, a rule of the mark;
 *   EV_ERR_LIMIT  over a documented limit: counts, byte lengths, the
 *                 horizon, the window, EV_CHART_MAX_BYTES;
 *   EV_ERR_COLUMN a table or column the dataset does not have (with the
 *                 nearest name when it is close: "did you mean");
 *   EV_ERR_TYPE   a column whose type does not fit its role, or a value
 *                 (filter, order, annotation, denominator) whose type is
 *                 not its column's;
 *   EV_ERR_DATA   a map key column holding a value that is not an ISO
 *                 3166-1 alpha-3 code (three capital letters);
 *   EV_ERR_NOMEM  out of memory;  EV_ERR_ARG  bad arguments.
 */
#ifndef EV_CHART_DESC_H
#define EV_CHART_DESC_H

#include <stddef.h>
#include <stdint.h>

#include "chart_names.h" /* ev_chart_edit_distance, for "did you mean" */
#include "table.h"

#define EV_CHART_MAX_BYTES (1024 * 1024) /* a description's JSON text */
#define EV_CHART_MAX_LOCALES 8
#define EV_CHART_MAX_LOCALE_BYTES 16
#define EV_CHART_MAX_VIEWS 16
#define EV_CHART_MAX_ID_BYTES 40
#define EV_CHART_MAX_TEXT_BYTES 2000 /* one string of a Text; also a URL */
#define EV_CHART_MAX_TAB_BYTES 40    /* one string of a view's tab label */
#define EV_CHART_MAX_LIST 16         /* filters, annotations, notes, sources */
#define EV_CHART_MAX_DERIVE 8
#define EV_CHART_MAX_IN 4096 /* values of one `in` filter */
/* series.labels entries, series.order values */
#define EV_CHART_MAX_SERIES_VALUES 256
#define EV_CHART_MAX_HORIZON 50
/* the story keys (data/CHART_FORMAT.md "Panels, modes and findings") */
#define EV_CHART_MAX_PANELS 4    /* panels of a view */
#define EV_CHART_MAX_MODES 8     /* options of a view's modes (at least 2) */
#define EV_CHART_MAX_NAMES 8     /* entries of the document's names */
#define EV_CHART_MAX_FINDINGS 8  /* findings of a view */
#define EV_CHART_MAX_VALUES 16   /* values of one finding */
#define EV_CHART_MAX_REFERENCE 4 /* reference bars of a chart */
#define EV_CHART_MAX_CHOICES 8   /* x.choices (at least 2) */
#define EV_CHART_MAX_COLOURS 4   /* map.colour */
#define EV_CHART_MAX_ZOOMS 8     /* map.zooms */
#define EV_CHART_MAX_WEIGHT 10   /* a panel's weight is in (0, 10] */

/* Checks the description buf[0..len) (need not be NUL-terminated; not
 * modified) against tables[0..table_count) (borrowed; looked up by name).
 * On success returns EV_OK and *out_json: the description normalised as
 * compact JSON text, NUL-terminated, *out_len bytes without the NUL
 * (malloc'd; the caller frees it). Normalised means every key of the
 * format is present: absent optional objects and Texts are null, absent
 * lists [], absent booleans false, defaults written (y.scale "linear",
 * trend.level 0.95, map.projection "equal-earth", a derive step's `as`,
 * layout "side", a panel's weight 1, a ValueRef's of "y"), and every Text
 * is an object by locale (a plain string becomes {"<default locale>": s});
 * a view with panels keeps only the view's keys, its charts in the panels.
 * On failure returns a status above with the error slot set, *out_json
 * NULL and *out_len 0; nothing is kept. */
int ev_chart_check(const char *buf, size_t len, ev_table *const *tables,
                   int32_t table_count, char **out_json, size_t *out_len);

#endif
