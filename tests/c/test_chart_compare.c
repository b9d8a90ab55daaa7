/* test_chart_compare.c — a panel's `compare` key checked against a
 * dataset (wasm/chart_compare.c; data/CHART_FORMAT.md "compare"): the
 * story's use accepted (and its normalised form checked again to itself),
 * each kind of bad input refused with its status and exact message, and
 * the whole check with a compare under failing allocations (every
 * allocation of the check failed in turn: EV_ERR_NOMEM, nothing leaked).
 *
 * Descriptions are written with ' for " (J() swaps them). The dataset:
 *   sources  id, publisher, confidence (string)
 *   pts      series_id (string), year (number), value (number),
 *            approximate (boolean), bound, source, scope (string),
 *            also_sources (json), code (number), iso3 (string, one row)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHART_SLOT_CHECKS 0
#include "chart_check_util.h" /* TABLES, J, OK, ERR */
#include "failing_alloc.h"

static const char *DATA =
    "{'sources':[{'id':'s1','publisher':'CAAM','confidence':'high'},"
    "{'id':'s2','publisher':'CPCA','confidence':'low'}],"
    "'pts':["
    "{'series_id':'caam_nev','year':2021,'value':310000,'approximate':false,"
    "'bound':null,'source':'s1','also_sources':[],'scope':null,'code':1,'iso3':'CHN'},"
    "{'series_id':'caam_nev','year':2023,'value':1203000,'approximate':false,"
    "'bound':null,'source':'s1','also_sources':[],'scope':null,'code':1},"
    "{'series_id':'caam_all','year':2021,'value':2015000,'approximate':false,"
    "'bound':'lower','source':'s1','also_sources':[],'scope':null,'code':2},"
    "{'series_id':'cpca_nev','year':2021,'value':588000,'approximate':false,"
    "'bound':null,'source':'s2','also_sources':[],'scope':null,'code':3},"
    "{'series_id':'cpca_nev','year':2023,'value':1050000,'approximate':true,"
    "'bound':null,'source':'s2','also_sources':[],'scope':'passenger only',"
    "'code':3}]}";

/* The story's compare, member by member (joined into a compare object by
 * CMP with the members given). */
#define SERIES "'series':'cpca_nev'"
#define AGAINST "'against':'caam_nev'"
#define LEAD "'lead':{'en':'CPCA counts differently: ','zh':'乘联会口径不同：'}"
#define TEXT                                                            \
  "'text':{'en':'{x}: {value} (CAAM: {against}{notes})','zh':'{x}乘联会为" \
  "{value}（中汽协：{against}{notes}）'}"
#define QUALS                                                           \
  "'qualifiers':{'column':'scope','text':{'passenger only':{'en':"      \
  "'passenger cars only','zh':'仅乘用车'}}}"
#define FULL SERIES "," AGAINST "," LEAD "," TEXT "," QUALS

/* A document (locales en, zh; provenance) with one view of panels: panel
 * "bars" (bars of pts by year, series series_id, y value) with the given
 * extra panel members, then panel "share" (a line without series). */
static const char *DOC_WITH(const char *bars_extra) {
  static char buf[32768];
  snprintf(buf, sizeof buf,
           "{'format':'ev-chart/1','locales':['en','zh'],'title':'T',"
           "'provenance':{'table':'sources'},'views':[{'id':'v','title':'t',"
           "'panels':[{'id':'bars','table':'pts','mark':'bar','x':{'column':"
           "'year'},'y':{'column':'value','format':'vehicles','approximate':"
           "'approximate','bound':'bound'},'series':{'column':'series_id'},"
           "'filters':[{'column':'series_id','in':['caam_all','caam_nev']}],"
           "'source':{'column':'source','also':'also_sources'}%s%s},"
           "{'id':'share','table':'pts','mark':'line','x':{'column':'year'},"
           "'y':{'column':'value'}}],'range':{'column':'year'}}]}",
           bars_extra[0] ? "," : "", bars_extra);
  return J(buf);
}

/* The document with the bars panel's compare {members}. */
static const char *CMP(const char *members) {
  static char buf[16384];
  snprintf(buf, sizeof buf, "'compare':{%s}", members);
  return DOC_WITH(buf);
}

/* Accepted; the normalised output checks again to itself and keeps
 * `part` (' quotes). */
static void accept_(const char *desc, const char *part, int line) {
  char *o = chart_ok_(desc, line);
  if (!o) return;
  const char *w = J(part);
  check_report_(strstr(o, w) != NULL, __FILE__, line, w, o);
  char *p = chart_ok_(o, line);
  if (p) check_str_(p, o, __FILE__, line, "normalised twice");
  free(p);
  free(o);
}
#define ACCEPT(desc, part) accept_((desc), (part), __LINE__)

#define AT "views[0].panels[0].compare"

static void test_accepted(void) {
  /* the story's use: kept as written in the normalised form */
  ACCEPT(CMP(FULL), "'compare':{'series':'cpca_nev','against':'caam_nev'");
  ACCEPT(CMP(FULL), QUALS);
  /* optional members: no qualifiers, filters, {notes} left out, plain
   * strings for Text, literal braces, null qualifiers and filters */
  ACCEPT(CMP(SERIES "," AGAINST ",'lead':'L: ','text':'{x} {value} "
                    "{{vs}} {against}'"),
         "'text':'{x} {value} {{vs}} {against}'");
  ACCEPT(CMP(SERIES "," AGAINST "," LEAD "," TEXT
                    ",'filters':[{'column':'year','range':[2020,null]}],"
                    "'qualifiers':null"),
         "'filters':[{'column':'year','range':[2020,null]}]");
  ACCEPT(CMP(SERIES "," AGAINST "," LEAD "," TEXT ",'filters':null"),
         "'filters':null");
  /* the compared series need not be among the panel's filters: it is
   * read with the compare's own */
  ACCEPT(CMP("'series':'caam_all'," AGAINST "," LEAD "," TEXT),
         "'series':'caam_all'");
  /* compare: null is no compare */
  ACCEPT(DOC_WITH("'compare':null"), "'compare':null");
}

static void test_shape(void) {
  ERR(DOC_WITH("'compare':[]"), EV_ERR_SHAPE,
      AT ": expected an object, got an array");
  ERR(CMP(FULL ",'note':'x'"), EV_ERR_SHAPE,
      AT ".note: unknown key 'note' (known: series, against, filters, lead, "
         "text, qualifiers)");
  ERR(CMP(FULL ",'lead':'again'"), EV_ERR_SHAPE,
      AT ".lead: key 'lead' given twice");
  ERR(CMP(AGAINST "," LEAD "," TEXT), EV_ERR_SHAPE,
      AT ".series: missing (the series value whose rows are the other count)");
  ERR(CMP(SERIES "," LEAD "," TEXT), EV_ERR_SHAPE,
      AT ".against: missing (the drawn series value they are compared with)");
  ERR(CMP(SERIES "," AGAINST "," TEXT), EV_ERR_SHAPE,
      AT ".lead: missing (Text the note starts with)");
  ERR(CMP(SERIES "," AGAINST "," LEAD), EV_ERR_SHAPE,
      AT ".text: missing (Text with {x}, {value} and {against}, e.g. \"{x}: "
         "{value} (against {against})\")");
  ERR(CMP("'series':null," AGAINST "," LEAD "," TEXT), EV_ERR_SHAPE,
      AT ".series: null never matches (missing values are left out)");
  ERR(CMP("'series':['cpca_nev']," AGAINST "," LEAD "," TEXT), EV_ERR_SHAPE,
      AT ".series: expected a string, number or boolean, got an array");
  ERR(CMP(SERIES "," AGAINST ",'lead':5," TEXT), EV_ERR_SHAPE,
      AT ".lead: expected text (a string, or an object of strings by "
         "locale), got a number");
  ERR(CMP(SERIES "," AGAINST "," LEAD ",'text':{'zh':'{x}{value}{against}'}"),
      EV_ERR_SHAPE, AT ".text: no text for the default locale 'en'");
  ERR(CMP(SERIES "," AGAINST "," LEAD "," TEXT ",'filters':{}"), EV_ERR_SHAPE,
      AT ".filters: expected an array, got an object");
  ERR(CMP(SERIES "," AGAINST "," LEAD "," TEXT ",'qualifiers':'scope'"),
      EV_ERR_SHAPE, AT ".qualifiers: expected an object, got a string");
  ERR(CMP(SERIES "," AGAINST "," LEAD "," TEXT
                 ",'qualifiers':{'column':'scope'}"),
      EV_ERR_SHAPE,
      AT ".qualifiers.text: missing ({\"<value of the column>\": Text} for "
         "the reader)");
  ERR(CMP(SERIES "," AGAINST "," LEAD "," TEXT
                 ",'qualifiers':{'column':'scope','text':[]}"),
      EV_ERR_SHAPE, AT ".qualifiers.text: expected an object, got an array");
  ERR(CMP(SERIES "," AGAINST "," LEAD "," TEXT
                 ",'qualifiers':{'column':'scope','text':{'passenger only':"
                 "7}}"),
      EV_ERR_SHAPE,
      AT ".qualifiers.text[\"passenger only\"]: expected text (a string, or "
         "an object of strings by locale), got a number");
  ERR(CMP(SERIES "," AGAINST "," LEAD "," TEXT
                 ",'qualifiers':{'column':'scope','text':{'passenger only':"
                 "'a','passenger only':'b'}}"),
      EV_ERR_SHAPE,
      AT ".qualifiers.text[\"passenger only\"]: key 'passenger only' given "
         "twice");
  ERR(CMP(SERIES "," AGAINST "," LEAD "," TEXT
                 ",'qualifiers':{'column':'scope','text':{},'x':1}"),
      EV_ERR_SHAPE, AT ".qualifiers.x: unknown key 'x' (known: column, text)");
  /* the same value twice */
  ERR(CMP(SERIES ",'against':'cpca_nev'," LEAD "," TEXT), EV_ERR_SHAPE,
      AT ".against: a series is not compared with itself: 'against' is "
         "'series' too");
}

static void test_values(void) {
  /* values the series column does not hold */
  ERR(CMP("'series':'cpca'," AGAINST "," LEAD "," TEXT), EV_ERR_SHAPE,
      AT ".series: 'cpca' is not a value of column 'series_id' in table "
         "'pts'");
  ERR(CMP("'series':'cpca_nevs'," AGAINST "," LEAD "," TEXT), EV_ERR_SHAPE,
      AT ".series: 'cpca_nevs' is not a value of column 'series_id' in table "
         "'pts' (did you mean 'cpca_nev'?)");
  ERR(CMP(SERIES ",'against':'zzzzzzzzzzzzzzz'," LEAD "," TEXT), EV_ERR_SHAPE,
      AT ".against: 'zzzzzzzzzzzzzzz' is not a value of column 'series_id' in "
         "table 'pts'");
  /* a value of another type than the column's */
  ERR(CMP("'series':3," AGAINST "," LEAD "," TEXT), EV_ERR_TYPE,
      AT ".series: 'series_id' is string, got a number");
  ERR(CMP(SERIES ",'against':true," LEAD "," TEXT), EV_ERR_TYPE,
      AT ".against: 'series_id' is string, got a boolean");
  /* a qualifier text for a value the rows do not hold is accepted (it is
   * not used): a dataset without that value still draws */
  ACCEPT(CMP(SERIES "," AGAINST "," LEAD "," TEXT
                    ",'qualifiers':{'column':'scope','text':{'passenger':'p'}}"),
         "'text':{'passenger':'p'}");
}

/* A panel whose series column is a number column: values are numbers. */
static void test_number_series(void) {
  static char buf[8192];
  snprintf(buf, sizeof buf,
           "{'format':'ev-chart/1','locales':['en'],'title':'T','views':"
           "[{'id':'v','title':'t','panels':[{'id':'p','table':'pts','mark':"
           "'line','x':{'column':'year'},'y':{'column':'value'},'series':"
           "{'column':'code'},'compare':{'series':%s,'against':1,'lead':'L',"
           "'text':'{x} {value} {against}'}}]}]}",
           "3");
  ACCEPT(J(buf), "'series':3,'against':1");
  snprintf(buf, sizeof buf,
           "{'format':'ev-chart/1','locales':['en'],'title':'T','views':"
           "[{'id':'v','title':'t','panels':[{'id':'p','table':'pts','mark':"
           "'line','x':{'column':'year'},'y':{'column':'value'},'series':"
           "{'column':'code'},'compare':{'series':%s,'against':1,'lead':'L',"
           "'text':'{x} {value} {against}'}}]}]}",
           "4.5");
  ERR(J(buf), EV_ERR_SHAPE,
      "views[0].panels[0].compare.series: '4.5' is not a value of column "
      "'code' in table 'pts'");
}

static void test_columns(void) {
  ERR(CMP(SERIES "," AGAINST "," LEAD "," TEXT
                 ",'filters':[{'column':'yaer','eq':2021}]"),
      EV_ERR_COLUMN,
      AT ".filters[0].column: table 'pts' has no column 'yaer' (did you mean "
         "'year'?)");
  ERR(CMP(SERIES "," AGAINST "," LEAD "," TEXT
                 ",'filters':[{'column':'year','eq':'2021'}]"),
      EV_ERR_TYPE, AT ".filters[0].eq: 'year' is number, got a string");
  ERR(CMP(SERIES "," AGAINST "," LEAD "," TEXT
                 ",'qualifiers':{'column':'scopes','text':{}}"),
      EV_ERR_COLUMN,
      AT ".qualifiers.column: table 'pts' has no column 'scopes' (did you "
         "mean 'scope'?)");
  ERR(CMP(SERIES "," AGAINST "," LEAD "," TEXT
                 ",'qualifiers':{'column':'approximate','text':{}}"),
      EV_ERR_TYPE,
      AT ".qualifiers.column: qualifiers need a string column; 'approximate' "
         "is boolean");
}

static void test_templates(void) {
  ERR(CMP(SERIES "," AGAINST "," LEAD
                 ",'text':{'en':'{x}: {value} ({against})','zh':'{year}"
                 "{value}{against}'}"),
      EV_ERR_SHAPE,
      AT ".text.zh: '{year}' is not a placeholder of a compare text ({x}, "
         "{value}, {against}, {notes})");
  ERR(CMP(SERIES "," AGAINST "," LEAD ",'text':'{x}: {value}'"), EV_ERR_SHAPE,
      AT ".text: the text has no {against} (each x that differs names {x}, "
         "{value} and {against})");
  ERR(CMP(SERIES "," AGAINST "," LEAD
                 ",'text':{'en':'{x} {value} {against}','zh':'{value}"
                 "{against}'}"),
      EV_ERR_SHAPE,
      AT ".text.zh: the text has no {x} (each x that differs names {x}, "
         "{value} and {against})");
  ERR(CMP(SERIES "," AGAINST "," LEAD ",'text':'{x} {value} {against} }'"),
      EV_ERR_SHAPE,
      AT ".text: a lone '}' at byte 22 (write '}}' for a brace)");
  ERR(CMP(SERIES "," AGAINST "," LEAD ",'text':'{x} {value {against}'"),
      EV_ERR_SHAPE,
      AT ".text: a '{' at byte 4 without its '}' (write '{{' for a brace)");
  ERR(CMP(SERIES "," AGAINST "," LEAD ",'text':'{x} {value} {against} {'"),
      EV_ERR_SHAPE,
      AT ".text: a '{' at byte 22 without its '}' (write '{{' for a brace)");
}

/* The panel must draw rows of a number y, with a series, not a map; a
 * one-chart view has no compare. */
static void test_fit(void) {
  static char buf[8192];
  const char *head =
      "{'format':'ev-chart/1','locales':['en'],'title':'T','views':[{'id':"
      "'v','title':'t','panels':[{'id':'p','table':'pts',";
  const char *cmp =
      "'compare':{'series':'cpca_nev','against':'caam_nev','lead':'L',"
      "'text':'{x} {value} {against}'}}]}]}";
  snprintf(buf, sizeof buf,
           "%s'mark':'bar','x':{'column':'year'},'y':{'column':'value'},%s",
           head, cmp);
  ERR(J(buf), EV_ERR_SHAPE,
      "views[0].panels[0].compare: compare needs the panel's 'series' (its "
      "rows of one series value are compared with another's)");
  snprintf(buf, sizeof buf,
           "%s'mark':'bar','x':{'column':'year'},'y':{'column':'value',"
           "'aggregate':'sum'},'series':{'column':'series_id'},%s",
           head, cmp);
  ERR(J(buf), EV_ERR_SHAPE,
      "views[0].panels[0].compare: compare reads rows: the panel's y has an "
      "aggregate");
  snprintf(buf, sizeof buf,
           "%s'mark':'line','x':{'column':'year'},'y':{'column':'cs'},"
           "'series':{'column':'series_id'},'derive':[{'op':'cumsum',"
           "'column':'value','order':'year','as':'cs'}],%s",
           head, cmp);
  ERR(J(buf), EV_ERR_SHAPE,
      "views[0].panels[0].compare: compare needs y.column to be a number "
      "column of table 'pts' (not a derived one)");
  snprintf(buf, sizeof buf,
           "%s'mark':'map','map':{'key':'iso3'},'y':{'column':'value'},%s",
           head, cmp);
  ERR(J(buf), EV_ERR_SHAPE,
      "views[0].panels[0].compare: a map has no x to compare counts at");
  /* a one-chart view has no compare (a key of panels) */
  ERR(J("{'format':'ev-chart/1','locales':['en'],'title':'T','views':[{"
        "'id':'v','title':'t','table':'pts','mark':'line','x':{'column':"
        "'year'},'y':{'column':'value'},'series':{'column':'series_id'},"
        "'compare':{}}]}"),
      EV_ERR_SHAPE,
      "views[0].compare: unknown key 'compare' (known: id, title, tab, "
      "subtitle, modes, layout, panels, table, mark, x, y, series, filters, "
      "derive, trend, map, annotations, reference, source, detail, sort, "
      "range, findings, notes, sources)");
}

/* Every allocation of a check with a compare failed in turn: NOMEM (or,
 * when the failure is tolerated, a normal result), nothing leaked. */
static void test_nomem(void) {
  const char *desc = CMP(FULL ",'filters':[{'column':'year','in':[2021]}]");
  size_t len = strlen(desc);
  char *out = NULL;
  size_t n = 0;
  ev_error_reset();
  if (!CHECK_EQ_INT(ev_chart_check(desc, len, TABLES, TABLE_COUNT, &out, &n),
                    EV_OK))
    return;
  free(out);
  long live = g_live, failed = 0;
  for (long k = 1; k < 100000; k++) {
    g_count = 0;
    g_injected = 0;
    g_fail_at = k;
    out = NULL;
    ev_error_reset();
    int rc = ev_chart_check(desc, len, TABLES, TABLE_COUNT, &out, &n);
    long injected = g_injected;
    g_fail_at = 0;
    if (!injected) { /* past the last allocation: done */
      CHECK_EQ_INT(rc, EV_OK);
      free(out);
      break;
    }
    if (rc == EV_OK)
      free(out);
    else if (!CHECK_EQ_INT(rc, EV_ERR_NOMEM))
      printf("  allocation %ld: %s\n", k, ev_error_message());
    else
      failed++;
    CHECK_EQ_INT(g_live, live);
  }
  CHECK(failed > 5); /* the sweep really failed allocations */
}

int main(void) {
  const char *data = J(DATA);
  ev_error_reset();
  TABLE_COUNT = ev_ingest_json(data, strlen(data), &TABLES);
  if (!CHECK(TABLE_COUNT == 2)) {
    printf("ingest: %s\n", ev_error_message());
    return check_summary("test_chart_compare");
  }
  test_accepted();
  test_shape();
  test_values();
  test_number_series();
  test_columns();
  test_templates();
  test_fit();
  test_nomem();
  for (int i = 0; i < TABLE_COUNT; i++) ev_table_free(TABLES[i]);
  free(TABLES);
  return check_summary("test_chart_compare");
}
