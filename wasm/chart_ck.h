/* chart_ck.h — the chart check's state (ev_ck), the JSON path it is at,
 * its located messages, and the checks of JSON members that every part of
 * the check uses (chart_desc.c and its parts: chart_text, chart_columns,
 * chart_steps, chart_doc, chart_panels, chart_refs, chart_keys,
 * chart_extras, chart_normalise).
 *
 * Path: each check is called with the path at the value it checks and
 * pushes a key or index before looking inside; on success it pops back, on
 * failure it returns with the path left at the fault, so that ev_ck_fail
 * names it ("views[0].y.column: ..."). Every function returning int returns
 * EV_OK or the status it set in the error slot (status.h) with
 * ev_ck_fail's message. */
#ifndef EV_CHART_CK_H
#define EV_CHART_CK_H

#include <stddef.h>
#include <stdint.h>

#include "chart_desc.h"
#include "json_doc.h"
#include "status.h"
#include "table.h"

#define EV_CK_PATH_CAP 320
#define EV_CK_QUOTE_BYTES 64 /* of a name or value quoted in a message */
#define EV_COUNT_OF(a) ((int)(sizeof(a) / sizeof *(a)))

/* The marks; ev_ck.mark indexes ev_ck_marks. */
enum { EV_MARK_LINE, EV_MARK_BAR, EV_MARK_HBAR, EV_MARK_POINT, EV_MARK_MAP };
#define EV_CK_MARK_COUNT 5
extern const char *const ev_ck_marks[EV_CK_MARK_COUNT];

/* y.aggregate's names; ev_ck.agg indexes them (0 is "count"). */
#define EV_CK_AGG_COUNT 6
extern const char *const ev_ck_aggs[EV_CK_AGG_COUNT];

/* The state of one check: the path, the dataset, what the document has
 * declared so far, and the view being checked. Zeroed, then tables and
 * table_count set, before the walk. */
typedef struct {
  char path[EV_CK_PATH_CAP];
  size_t plen;
  ev_table *const *tables;
  int32_t table_count;
  const char *locales[EV_CHART_MAX_LOCALES];
  int locale_count;
  const char *ids[EV_CHART_MAX_VIEWS];
  int provenance; /* the document has `provenance` */
  /* the kinds the document's `names` give (constant `kind`s), and whether
   * an entry has a `kind_column` (then any kind is given) */
  const char *kinds[EV_CHART_MAX_NAMES];
  int kind_count, any_kind;
  /* the view being checked: its modes' option ids, and its charts (one
   * for a one-chart view, id NULL; else its panels as checked so far) */
  const char *modes[EV_CHART_MAX_MODES];
  int mode_count;
  int panels; /* the view has panels */
  int chart_count;
  struct {
    const char *id;
    const ev_table *t;
    const ev_column *x, *series;
    int mark;
  } charts[EV_CHART_MAX_PANELS];
  /* the chart (one-chart view or panel) being checked */
  const ev_table *t;
  int mark;
  int agg;                      /* index into ev_ck_aggs, or -1 */
  const ev_column *key_cols[2]; /* x (or map.key) and series: group keys */
  const char *derived[EV_CHART_MAX_DERIVE]; /* `as` of the steps checked */
  int derived_count;
  const cJSON *derive_list;             /* for y.column's look-ahead: */
  const char *pre[EV_CHART_MAX_DERIVE]; /* names the steps will add */
  char pre_buf[EV_CHART_MAX_DERIVE][2 * EV_MAX_NAME_BYTES + 16];
  int pre_count;
} ev_ck;

/* ---- messages and paths ---------------------------------------------- */

/* s for a message, into buf (at least EV_CK_QUOTE_BYTES + 4 bytes): at
 * most EV_CK_QUOTE_BYTES bytes (cut at a character boundary, then "..."),
 * control characters as '?'. Returns buf. */
const char *ev_ck_quote(char *buf, const char *s);

/* Two buffers for ev_ck_quote in a function's messages. */
#define EV_CK_QBUF                                           \
  char qa[EV_CK_QUOTE_BYTES + 8], qb[EV_CK_QUOTE_BYTES + 8]; \
  (void)qa;                                                  \
  (void)qb

/* Sets the error slot to status with "<path>: <message>" ("description"
 * when the path is empty); returns status. */
int ev_ck_fail(ev_ck *c, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Appends .key to the path (["key"], quoted, when key is not an ASCII
 * JavaScript identifier of at most 40 bytes), or [i]; the path is cut at
 * EV_CK_PATH_CAP. Return the length to give ev_ck_pop. */
size_t ev_ck_push_key(ev_ck *c, const char *key);
size_t ev_ck_push_index(ev_ck *c, int i);

/* Cuts the path back to the length `saved` from a push. */
void ev_ck_pop(ev_ck *c, size_t saved);

/* " (did you mean 'x'?)" into buf (cap bytes) when names[0..count) has a
 * name near s (ev_chart_nearest), else ""; returns buf. */
const char *ev_ck_hint(char *buf, size_t cap, const char *s,
                       const char *const *names, int count);

/* "an object", "an array", "a string", "a number", "a boolean" or "null":
 * v's JSON type for a message. */
const char *ev_ck_jtype(const cJSON *v);

/* ---- JSON members ------------------------------------------------------ */

/* obj must be an object whose keys are among known[0..count), each once
 * (SHAPE: an unknown key, with "did you mean" or the known keys; a key
 * given twice). The path is at obj. */
int ev_ck_object(ev_ck *c, const cJSON *obj, const char *const *known,
                 int count);

/* The member `key` of obj (case-sensitive), or NULL. */
cJSON *ev_ck_get(const cJSON *obj, const char *key);

/* The member `key` of an optional setting: NULL when absent or null (null
 * is the same as absent, so that a normalised description checks again). */
cJSON *ev_ck_opt(const cJSON *obj, const char *key);

/* SHAPE "<path>.key: missing (why)"; the path is at the object. */
int ev_ck_missing(ev_ck *c, const char *key, const char *why);

/* v must be a string (SHAPE). The path is at v. */
int ev_ck_string(ev_ck *c, const cJSON *v);

/* v must be an array of min to max elements (SHAPE below min, LIMIT above
 * max, counted as "<n> <what>"). The path is at v. */
int ev_ck_array(ev_ck *c, const cJSON *v, int min, int max, const char *what);

/* A finite number (SHAPE for another type, RANGE for one that overflowed a
 * double). The path is at v. */
int ev_ck_number(ev_ck *c, const cJSON *v);

/* A string among names[0..count), *out its index (SHAPE "unknown <what>",
 * with the list). The path is at v. */
int ev_ck_name(ev_ck *c, const cJSON *v, const char *what,
               const char *const *names, int count, int *out);

/* obj's optional member `key` (ev_ck_opt: absent or null is EV_OK, *out
 * left as it is) as ev_ck_name with what = key, the path at the member;
 * out may be NULL. The path is at obj. */
int ev_ck_opt_name(ev_ck *c, const cJSON *obj, const char *key,
                   const char *const *names, int count, int *out);

/* ---- members through a check ------------------------------------------ */

/* A check of one JSON value v (the path at v); EV_OK or the status set. */
typedef int (*ev_ck_fn)(ev_ck *c, const cJSON *v);

/* fn(c, v) with the path at .key: v is the member `key` the caller has
 * already looked up (or a value it checks as that member). The path is at
 * the object, and back there on success; left at the fault on failure. */
int ev_ck_at(ev_ck *c, const char *key, const cJSON *v, ev_ck_fn fn);

/* obj's member `key` through fn (ev_ck_at). With why, a required member:
 * looked up with ev_ck_get (null goes to fn), absent is ev_ck_missing(key,
 * why). With why NULL, an optional one: ev_ck_opt, absent or null is
 * EV_OK. The path is at obj. */
int ev_ck_member(ev_ck *c, const cJSON *obj, const char *key, const char *why,
                 ev_ck_fn fn);

/* Each element of the array v through fn, the path at [i]. The path is at
 * v (checked to be an array by the caller). */
int ev_ck_each(ev_ck *c, const cJSON *v, ev_ck_fn fn);

/* obj's list member `key` (ev_ck_opt): an array of min to max elements
 * (ev_ck_array, counted as "<n> <what>"), each through fn (ev_ck_each).
 * Absent or null is EV_OK when min is 0, else ev_ck_missing(key, what).
 * The path is at obj. */
int ev_ck_list(ev_ck *c, const cJSON *obj, const char *key, int min, int max,
               const char *what, ev_ck_fn fn);

/* A check of one member m of an object keyed by values (m->string is the
 * key), with the column the keys are values of (or NULL). */
typedef int (*ev_ck_entry_fn)(ev_ck *c, const cJSON *m, const ev_column *col);

/* obj's optional member `key` (ev_ck_opt: absent or null is EV_OK): an
 * object (SHAPE) of at most max members (LIMIT "more than <max> <what>"),
 * no key given twice (SHAPE); each member through fn(c, m, col), the path
 * at the member. The path is at obj. For series.labels, styles and a
 * finding's values. */
int ev_ck_entries(ev_ck *c, const cJSON *obj, const char *key, int max,
                  const char *what, ev_ck_entry_fn fn, const ev_column *col);

/* ---- ids ---------------------------------------------------------------- */

/* ev_ck_id's flags: EV_CK_ID_UNDERSCORE allows '_' too (not first: panel
 * ids); with EV_CK_ID_SIZE_IN_SYNTAX an id over the limit is refused with
 * the syntax message (SHAPE), which then names the limit ("...; at most 40
 * bytes)": option ids). */
#define EV_CK_ID_UNDERSCORE 1
#define EV_CK_ID_SIZE_IN_SYNTAX 2

/* An id at v: a string (SHAPE) of 1 to EV_CHART_MAX_ID_BYTES (LIMIT "an id
 * of <n> bytes, over the limit of <max>") of a-z, 0-9 and '-' (with
 * EV_CK_ID_UNDERSCORE also '_'), not starting with '-' or '_' (SHAPE "'<s>'
 * is not <noun> (a-z, 0-9 and '-', not starting with '-')", noun e.g. "an
 * id" or "a view id"), and not among ids[0..n) (SHAPE "'<s>' is the id of
 * <list>[<j>] too", list naming them: "views", "panels", "zooms"). The
 * caller keeps the id (v->valuestring) where it lists them. The path is
 * at v. Used for views[].id, panels[].id, modes.options[].id, map.colour[].id
 * and map.zooms[].id. */
int ev_ck_id(ev_ck *c, const cJSON *v, const char *noun, int flags,
             const char *const *ids, int n, const char *list);

#endif
