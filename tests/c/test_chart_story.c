/* test_chart_story.c — the story keys of chart descriptions checked
 * against a dataset (wasm/chart_desc.c with chart_doc, chart_panels,
 * chart_refs, chart_keys, chart_extras; data/CHART_FORMAT.md "Story
 * keys"): one accepted and one refused case per rule, with the exact
 * message, and the normalised form of every new key.
 *
 * Descriptions are written with ' for " (J() swaps them). The dataset:
 *   sources     id, publisher, title, confidence (string)
 *   badsrc      id (string), publisher (number)
 *   names       kind, key, en, zh (string)
 *   countries   iso3, name_en, name_zh (string)
 *   inv         year (number), period, market (string), usd_bn (number),
 *               approximate (boolean), bound, source (string),
 *               also_sources (json), company (string)
 *   projects    company, iso3, status, status_zh (string), usd_bn
 *               (number), year (number)
 *   indicators  name (string), value (number), approximate (boolean),
 *               bound, source (string), year (number)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_desc.h"
#include "check.h"
#include "ingest_json.h"
#include "status.h"

static const char *DATA =
    "{'sources':[{'id':'s1','publisher':'Rhodium','title':'T','confidence':"
    "'high'},{'id':'s2','publisher':'X','title':null,'confidence':'low'}],"
    "'badsrc':[{'id':'s1','publisher':3}],"
    "'names':[{'kind':'market','key':'overseas','en':'Overseas','zh':'海外'}],"
    "'countries':[{'iso3':'HUN','name_en':'Hungary','name_zh':'匈牙利'}],"
    "'inv':[{'year':2023,'period':'2023','market':'overseas','usd_bn':16,"
    "'approximate':true,'bound':null,'source':'s1','also_sources':['s2'],"
    "'company':'CATL','iso3':'HUN'},"
    "{'year':2024,'period':'2024','market':'domestic','usd_bn':15,"
    "'approximate':false,'bound':'lower','source':'s2','also_sources':[],"
    "'company':'BYD','iso3':'HUN'}],"
    "'projects':[{'company':'CATL','iso3':'HUN','status':'built','status_zh':"
    "'建成','usd_bn':7.3,'year':2022}],"
    "'indicators':[{'name':'home_share','value':80,'approximate':true,"
    "'bound':null,'source':'s1','year':2023}]}";

static ev_table **TABLES;
static int TABLE_COUNT;

/* s with every ' turned into " (a static buffer per call, 4 in turn). */
static const char *J(const char *s) {
  static char bufs[4][32768];
  static int k;
  char *b = bufs[k++ & 3];
  size_t n = strlen(s);
  if (n >= sizeof bufs[0]) abort();
  for (size_t i = 0; i <= n; i++) b[i] = s[i] == '\'' ? '"' : s[i];
  return b;
}

/* A document with locales en, zh, provenance, the story's kind of names,
 * and the given views. */
static const char *DOC(const char *views) {
  static char buf[32768];
  snprintf(buf, sizeof buf,
           "{'format':'ev-chart/1','locales':['en','zh'],'title':'T',"
           "'provenance':{'table':'sources'},'names':[{'table':'names',"
           "'key':'key','kind_column':'kind','text':{'en':'en','zh':'zh'}},"
           "{'table':'countries','key':'iso3','kind':'country','text':{'en':"
           "'name_en','zh':'name_zh'}}],'views':[%s]}",
           views);
  return J(buf);
}

/* A document without provenance or names, with the given views. */
static const char *PLAIN(const char *views) {
  static char buf[32768];
  snprintf(buf, sizeof buf,
           "{'format':'ev-chart/1','locales':['en','zh'],'title':'T',"
           "'views':[%s]}",
           views);
  return J(buf);
}

/* A one-chart bar view of inv (x year, y usd_bn summed, series market)
 * with extra members. */
static const char *BAR(const char *extra) {
  static char buf[16384];
  snprintf(buf, sizeof buf,
           "{'id':'v','title':'t','table':'inv','mark':'bar','x':{'column':"
           "'year'},'y':{'column':'usd_bn','aggregate':'sum'},'series':"
           "{'column':'market'}%s%s}",
           extra[0] ? "," : "", extra);
  return DOC(buf);
}

/* A view with the given keys and panels "a" (line of inv by year) and "b"
 * (hbar of projects by company), plus extra view members. */
static const char *PANELS(const char *extra) {
  static char buf[16384];
  snprintf(buf, sizeof buf,
           "{'id':'v','title':'t','panels':[{'id':'a','table':'inv','mark':"
           "'line','x':{'column':'year'},'y':{'column':'usd_bn'},'series':"
           "{'column':'market'}},{'id':'b','table':'projects','mark':'hbar',"
           "'x':{'column':'company'},'y':{'column':'usd_bn','aggregate':"
           "'sum'}}]%s%s}",
           extra[0] ? "," : "", extra);
  return DOC(buf);
}

static char *check_ok(const char *desc, int line) {
  char *out = NULL;
  size_t len = 99;
  ev_error_reset();
  int rc = ev_chart_check(desc, strlen(desc), TABLES, TABLE_COUNT, &out, &len);
  char d[700];
  snprintf(d, sizeof d, "(%d: %.600s)", rc, ev_error_message());
  check_report_(rc == EV_OK && out != NULL, __FILE__, line,
                "description is accepted", d);
  if (out) check_report_(len == strlen(out), __FILE__, line, "out_len", NULL);
  return out;
}
#define OK(desc) check_ok((desc), __LINE__)
/* Accepted; the normalised output checks again to itself. */
static void accept_(const char *desc, int line) {
  char *o = check_ok(desc, line);
  if (o) {
    char *p = check_ok(o, line);
    check_str_(p, o, __FILE__, line, "normalised twice");
    free(p);
  }
  free(o);
}
#define ACCEPT(desc) accept_((desc), __LINE__)
/* Accepted, and the normalised output contains `part` (' quotes). */
#define HAS(desc, part)                                          \
  do {                                                           \
    char *o_ = OK(desc);                                         \
    const char *w_ = J(part);                                    \
    check_report_(o_ && strstr(o_, w_), __FILE__, __LINE__, w_,  \
                  o_ ? o_ : "(refused)");                        \
    free(o_);                                                    \
  } while (0)

static void check_err(const char *desc, int status, const char *msg,
                      int line) {
  char *out = (char *)&out;
  size_t n = 99;
  ev_error_reset();
  int rc = ev_chart_check(desc, strlen(desc), TABLES, TABLE_COUNT, &out, &n);
  char d[700];
  snprintf(d, sizeof d, "(%s: %.600s)", ev_status_name(rc), ev_error_message());
  check_report_(rc == status, __FILE__, line, "status", d);
  check_report_(out == NULL && n == 0, __FILE__, line, "no output", NULL);
  check_str_(ev_error_message(), msg, __FILE__, line, "message");
  if (rc == EV_OK) free(out);
}
#define ERR(desc, status, msg) check_err((desc), (status), (msg), __LINE__)

#define ONE "{'id':'v','title':'t','table':'inv','mark':'line','x':{'column':'year'},'y':{'column':'usd_bn'}}"

static void test_provenance(void) {
  ACCEPT(DOC(ONE));
  HAS(DOC(ONE), "'provenance':{'table':'sources'}");
  HAS(PLAIN(ONE), "'provenance':null,'names':[]");
  ERR(J("{'format':'ev-chart/1','locales':['en'],'title':'T','provenance':"
        "{'table':'source'},'views':[" ONE "]}"),
      EV_ERR_COLUMN,
      "provenance.table: the dataset has no table 'source' (did you mean "
      "'sources'?)");
  ERR(J("{'format':'ev-chart/1','locales':['en'],'title':'T','provenance':"
        "{'table':'inv'},'views':[" ONE "]}"),
      EV_ERR_COLUMN,
      "provenance.table: a provenance table needs a column 'id'; 'inv' has "
      "none");
  ERR(J("{'format':'ev-chart/1','locales':['en'],'title':'T','provenance':"
        "{'table':'badsrc'},'views':[" ONE "]}"),
      EV_ERR_TYPE,
      "provenance.table: a provenance table's 'publisher' must be a string "
      "column; it is number");
  ERR(J("{'format':'ev-chart/1','locales':['en'],'title':'T','provenance':"
        "{'table':'sources','x':1},'views':[" ONE "]}"),
      EV_ERR_SHAPE, "provenance.x: unknown key 'x' (known: table)");
}

static void test_names(void) {
  HAS(DOC(ONE), "'names':[{'table':'names','key':'key','kind_column':"
                "'kind','text':{'en':'en','zh':'zh'},'kind':null},"
                "{'table':'countries','key':'iso3','kind':'country','text':"
                "{'en':'name_en','zh':'name_zh'},'kind_column':null}]");
  ERR(J("{'format':'ev-chart/1','locales':['en','zh'],'title':'T','names':"
        "[{'table':'names','key':'key','kind':'a','kind_column':'kind',"
        "'text':{'en':'en'}}],'views':[" ONE "]}"),
      EV_ERR_SHAPE, "names[0]: give 'kind' or 'kind_column', not both");
  ERR(J("{'format':'ev-chart/1','locales':['en','zh'],'title':'T','names':"
        "[{'table':'names','key':'key','text':{'en':'en'}}],'views':[" ONE
        "]}"),
      EV_ERR_SHAPE,
      "names[0]: expected 'kind' (one kind for every row) or 'kind_column' "
      "(a column of kinds)");
  ERR(J("{'format':'ev-chart/1','locales':['en','zh'],'title':'T','names':"
        "[{'table':'inv','key':'year','kind':'y','text':{'en':'period'}}],"
        "'views':[" ONE "]}"),
      EV_ERR_TYPE,
      "names[0].key: a names key needs a string column; 'year' is number");
  ERR(J("{'format':'ev-chart/1','locales':['en','zh'],'title':'T','names':"
        "[{'table':'names','key':'key','kind':'k','text':{'en':'en','fr':"
        "'zh'}}],'views':[" ONE "]}"),
      EV_ERR_SHAPE, "names[0].text.fr: unknown key 'fr' (known: en, zh)");
  ERR(J("{'format':'ev-chart/1','locales':['en','zh'],'title':'T','names':"
        "[{'table':'names','key':'key','kind':'k','text':{'zh':'zh'}}],"
        "'views':[" ONE "]}"),
      EV_ERR_SHAPE,
      "names[0].text: no column for the default locale 'en'");
  ERR(J("{'format':'ev-chart/1','locales':['en','zh'],'title':'T','names':"
        "[{'table':'names','key':'key','kind':'k','text':{'en':'eng'}}],"
        "'views':[" ONE "]}"),
      EV_ERR_COLUMN,
      "names[0].text.en: table 'names' has no column 'eng' (did you mean "
      "'en'?)");
  /* a names kind: constant kinds only, unless an entry has kind_column */
  const char *k1 =
      "{'format':'ev-chart/1','locales':['en','zh'],'title':'T','names':"
      "[{'table':'countries','key':'iso3','kind':'country','text':{'en':"
      "'name_en'}}],'views':[{'id':'v','title':'t','table':'inv','mark':"
      "'bar','x':{'column':'iso3','names':'%s'},'y':{'column':'usd_bn',"
      "'aggregate':'sum'}}]}";
  char buf[1024];
  snprintf(buf, sizeof buf, k1, "country");
  ACCEPT(J(buf));
  snprintf(buf, sizeof buf, k1, "countrys");
  ERR(J(buf), EV_ERR_SHAPE,
      "views[0].x.names: no names entry gives the kind 'countrys' (did you "
      "mean 'country'?)");
  snprintf(buf, sizeof buf, k1, "market");
  ERR(J(buf), EV_ERR_SHAPE,
      "views[0].x.names: no names entry gives the kind 'market' (kinds: "
      "country)");
  ERR(PLAIN("{'id':'v','title':'t','table':'inv','mark':'bar','x':{'column':"
            "'market','names':'market'},'y':{'column':'usd_bn','aggregate':"
            "'sum'}}"),
      EV_ERR_SHAPE,
      "views[0].x.names: no kind 'market': the document has no 'names'");
  /* with a kind_column, any kind */
  ACCEPT(BAR("'detail':{'table':'projects','key':'company','columns':[{"
             "'column':'company','label':'Company','names':'company'}]}"));
}

static void test_panels(void) {
  ACCEPT(PANELS(""));
  /* normalised: a view of panels has no chart keys; each panel has its
   * own keys and a chart's */
  HAS(PANELS(""),
      "{'id':'v','title':{'en':'t'},'panels':[{'id':'a','table':'inv',"
      "'mark':'line','x':{'column':'year','label':null,'names':null,"
      "'complete':false,'choices':[]},'y':{'column':'usd_bn','aggregate':"
      "null,'label':null,'unit':null,'scale':'linear','format':null,"
      "'fixed':null,'percent':false,'approximate':null,'bound':null,"
      "'counts':false},'series':{'column':'market','labels':{},'order':[],"
      "'names':null,'styles':{},'sparse':[]},'title':null,'weight':1,"
      "'mode':null,'filters':[],'derive':[],'trend':null,'map':null,"
      "'annotations':[],'reference':[],'source':null,'detail':null,"
      "'sort':null},");
  HAS(PANELS(""), "'subtitle':null,'notes':[],'sources':[],'layout':'side',"
                  "'modes':null,'range':null,'findings':[]}]");
  /* an empty list of panels is a one-chart view */
  HAS(DOC("{'id':'v','title':'t','panels':[],'table':'inv','mark':'line',"
          "'x':{'column':'year'},'y':{'column':'usd_bn'}}"),
      "'findings':[]}],'dataset':null}");
  ERR(PANELS("'table':'inv'"), EV_ERR_SHAPE,
      "views[0].table: a view with panels has no 'table' (it goes in each "
      "panel)");
  ACCEPT(PANELS("'table':null,'filters':null"));
  ERR(DOC("{'id':'v','title':'t','panels':[{'id':'a','table':'inv','mark':"
          "'line','x':{'column':'year'},'y':{'column':'usd_bn'}},{'id':'a',"
          "'table':'inv','mark':'line','x':{'column':'year'},'y':{'column':"
          "'usd_bn'}}]}"),
      EV_ERR_SHAPE, "views[0].panels[1].id: 'a' is the id of panels[0] too");
  ERR(DOC("{'id':'v','title':'t','panels':[{'table':'inv'}]}"), EV_ERR_SHAPE,
      "views[0].panels[0].id: missing (a panel needs an id)");
  ERR(DOC("{'id':'v','title':'t','panels':[{'id':'A'}]}"), EV_ERR_SHAPE,
      "views[0].panels[0].id: 'A' is not an id (a-z, 0-9 and '-', not "
      "starting with '-')");
  ERR(DOC("{'id':'v','title':'t','panels':[{'id':'a','notes':[]}]}"),
      EV_ERR_SHAPE,
      "views[0].panels[0].notes: unknown key 'notes' (known: id, title, "
      "weight, mode, table, mark, x, y, series, filters, derive, trend, map, "
      "annotations, reference, source, detail, sort)");
  ERR(DOC("{'id':'v','title':'t','panels':[{'id':'a','table':'inv','mark':"
          "'line','x':{'column':'year'},'y':{'column':'usd_b'}}]}"),
      EV_ERR_COLUMN,
      "views[0].panels[0].y.column: table 'inv' has no column 'usd_b' (did "
      "you mean 'usd_bn'?)");
  ERR(DOC("{'id':'v','title':'t','panels':[" ONE "," ONE "," ONE "," ONE
          "," ONE "]}"),
      EV_ERR_LIMIT, "views[0].panels: 5 panels, over the limit of 4");
  const char *w =
      "{'id':'v','title':'t','panels':[{'id':'a','weight':%s,'table':'inv',"
      "'mark':'line','x':{'column':'year'},'y':{'column':'usd_bn'}}]}";
  char buf[1024];
  snprintf(buf, sizeof buf, w, "10");
  HAS(DOC(buf), "'weight':10");
  snprintf(buf, sizeof buf, w, "0");
  ERR(DOC(buf), EV_ERR_SHAPE, "views[0].panels[0].weight: 0 is not in (0, 10]");
  snprintf(buf, sizeof buf, w, "10.5");
  ERR(DOC(buf), EV_ERR_SHAPE,
      "views[0].panels[0].weight: 10.5 is not in (0, 10]");
  /* layout */
  HAS(PANELS("'layout':'stack'"), "'layout':'stack'");
  ERR(PANELS("'layout':'grid'"), EV_ERR_SHAPE,
      "views[0].layout: unknown layout 'grid' (side, stack)");
}

#define MODES                                                           \
  "'modes':{'label':'Show','options':[{'id':'usd','label':'US$'},{'id':" \
  "'share','label':{'en':'Share','zh':'份额'},'notes':['n']}]}"

static void test_modes(void) {
  HAS(PANELS(MODES),
      "'modes':{'label':{'en':'Show'},'options':[{'id':'usd','label':{'en':"
      "'US$'},'notes':[]},{'id':'share','label':{'en':'Share','zh':'份额'},"
      "'notes':[{'en':'n'}]}]}");
  ERR(PANELS("'modes':{'label':'Show','options':[{'id':'usd','label':'u'}]}"),
      EV_ERR_SHAPE, "views[0].modes.options: 1 modes; a choice needs 2 to 8");
  ERR(PANELS("'modes':{'label':'Show','options':[{'id':'a','label':'u'},"
             "{'id':'a','label':'v'}]}"),
      EV_ERR_SHAPE, "views[0].modes.options[1].id: 'a' is the id of "
                    "options[0] too");
  ERR(PANELS("'modes':{'options':[]}"), EV_ERR_SHAPE,
      "views[0].modes.label: missing (Text: what the choice is)");
  ERR(PANELS("'modes':{'label':'m','options':[{'id':'a','label':'u'},{'id':"
             "'b','label':'v'},{'id':'c','label':'u'},{'id':'d','label':'u'},"
             "{'id':'e','label':'u'},{'id':'f','label':'u'},{'id':'g',"
             "'label':'u'},{'id':'h','label':'u'},{'id':'i','label':'u'}]}"),
      EV_ERR_LIMIT, "views[0].modes.options: 9 modes, over the limit of 8");
  /* a panel's mode names an option */
  const char *pm =
      "{'id':'v','title':'t','panels':[{'id':'a','mode':'%s','table':'inv',"
      "'mark':'line','x':{'column':'year'},'y':{'column':'usd_bn'}}]%s}";
  char buf[2048];
  snprintf(buf, sizeof buf, pm, "share", "," MODES);
  HAS(DOC(buf), "'panels':[{'id':'a','mode':'share','table':'inv'");
  snprintf(buf, sizeof buf, pm, "shares", "," MODES);
  ERR(DOC(buf), EV_ERR_SHAPE,
      "views[0].panels[0].mode: no mode 'shares' (modes: usd, share)");
  snprintf(buf, sizeof buf, pm, "share", "");
  ERR(DOC(buf), EV_ERR_SHAPE,
      "views[0].panels[0].mode: the view has no 'modes' to name 'share' "
      "from");
}

static void test_range(void) {
  HAS(PANELS("'range':{'column':'year','label':'Years'}"),
      "'range':{'column':'year','label':{'en':'Years'}}");
  HAS(DOC("{'id':'v','title':'t','table':'inv','mark':'line','x':{'column':"
          "'year'},'y':{'column':'usd_bn'},'range':{'column':'year'}}"),
      "'range':{'column':'year','label':null}");
  ERR(PANELS("'range':{'column':'usd_bn'}"), EV_ERR_SHAPE,
      "views[0].range.column: 'usd_bn' is not the x column of any chart of "
      "the view (x: year, company)");
  ERR(PANELS("'range':{'column':'company'}"), EV_ERR_TYPE,
      "views[0].range.column: a range needs a number column; 'company' is "
      "string in table 'projects'");
  ERR(PANELS("'range':{}"), EV_ERR_SHAPE,
      "views[0].range.column: missing (the x column to range over)");
}

int main(void) {
  ev_error_reset();
  const char *data = J(DATA);
  int n = ev_ingest_json(data, strlen(data), &TABLES);
  if (n != 7) {
    printf("dataset: %d %s\n", n, ev_error_message());
    return 2;
  }
  TABLE_COUNT = n;
  test_provenance();
  test_names();
  test_panels();
  test_modes();
  test_range();
  for (int i = 0; i < n; i++) ev_table_free(TABLES[i]);
  free(TABLES);
  return check_summary("test_chart_story");
}
