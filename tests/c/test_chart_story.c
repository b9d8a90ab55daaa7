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

/* the slot is not checked case by case here (test_chart_desc does) */
#define CHART_SLOT_CHECKS 0
#include "chart_check_util.h"

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

/* Accepted; the normalised output checks again to itself. */
static void accept_(const char *desc, int line) {
  char *o = chart_ok_(desc, line);
  if (o) {
    char *p = chart_ok_(o, line);
    check_str_(p, o, __FILE__, line, "normalised twice");
    free(p);
  }
  free(o);
}
#define ACCEPT(desc) accept_((desc), __LINE__)

#define ONE                                                                   \
  "{'id':'v','title':'t','table':'inv','mark':'line','x':{'column':'year'},'" \
  "y':{'column':'usd_bn'}}"

static void test_provenance(void) {
  ACCEPT(DOC(ONE));
  HAS(DOC(ONE), "'provenance':{'table':'sources'}");
  HAS(V(ONE), "'provenance':null,'names':[]");
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
  HAS(DOC(ONE),
      "'names':[{'table':'names','key':'key','kind_column':"
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
      EV_ERR_SHAPE, "names[0].text: no column for the default locale 'en'");
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
  ERR(V("{'id':'v','title':'t','table':'inv','mark':'bar','x':{'column':"
            "'market','names':'market'},'y':{'column':'usd_bn','aggregate':"
            "'sum'}}"),
      EV_ERR_SHAPE,
      "views[0].x.names: no kind 'market': the document has no 'names'");
  /* with a kind_column, any kind */
  ACCEPT(
      BAR("'detail':{'table':'projects','key':'company','columns':[{"
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
      "'label':null,'names':null,'styles':{},'sparse':[]},'title':null,'weight'"
      ":1,"
      "'mode':null,'filters':[],'derive':[],'trend':null,'map':null,"
      "'annotations':[],'reference':[],'source':null,'detail':null,"
      "'sort':null},");
  HAS(PANELS(""),
      "'tab':null,'subtitle':null,'notes':[],'sources':[],'layout':'side',"
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
      "views[0].panels[0].id: 'A' is not an id (a-z, 0-9, '-' and '_', not "
      "starting with '-' or '_')");
  ERR(DOC("{'id':'v','title':'t','panels':[{'id':'_a'}]}"), EV_ERR_SHAPE,
      "views[0].panels[0].id: '_a' is not an id (a-z, 0-9, '-' and '_', not "
      "starting with '-' or '_')");
  /* a panel id may hold '_' (the story's mark ids); a mode id may not */
  HAS(DOC("{'id':'v','title':'t','panels':[{'id':'nev_share','table':'inv',"
          "'mark':'line','x':{'column':'year'},'y':{'column':'usd_bn'}}]}"),
      "'panels':[{'id':'nev_share'");
  ERR(PANELS("'modes':{'label':'m','options':[{'id':'a_b','label':'u'},{"
             "'id':'b','label':'v'}]}"),
      EV_ERR_SHAPE,
      "views[0].modes.options[0].id: 'a_b' is not an id (a-z, 0-9 and '-', "
      "not starting with '-')");
  ERR(DOC("{'id':'v','title':'t','panels':[{'id':'a','notes':[]}]}"),
      EV_ERR_SHAPE,
      "views[0].panels[0].notes: unknown key 'notes' (known: id, title, "
      "weight, mode, table, mark, x, y, series, filters, derive, trend, map, "
      "annotations, reference, source, detail, sort, compare)");
  ERR(DOC("{'id':'v','title':'t','panels':[{'id':'a','table':'inv','mark':"
          "'line','x':{'column':'year'},'y':{'column':'usd_b'}}]}"),
      EV_ERR_COLUMN,
      "views[0].panels[0].y.column: table 'inv' has no column 'usd_b' (did "
      "you mean 'usd_bn'?)");
  ERR(DOC("{'id':'v','title':'t','panels':[" ONE "," ONE "," ONE "," ONE "," ONE
          "]}"),
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

#define MODES                                                            \
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
      EV_ERR_SHAPE,
      "views[0].modes.options[1].id: 'a' is the id of "
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

static void test_findings(void) {
  /* both forms of ValueRef, normalised */
  HAS(PANELS("'findings':[{'text':'{a} then {{b}} {b}','values':{'a':{"
             "'panel':'a','series':'overseas','pick':'max'},'b':{'table':"
             "'indicators','filters':[{'column':'name','eq':'home_share'}],"
             "'column':'value','approximate':'approximate','source':"
             "'source'}}}]"),
      "'findings':[{'text':{'en':'{a} then {{b}} {b}'},'values':{'a':{"
      "'panel':'a','series':'overseas','pick':'max','of':'y'},'b':{'table':"
      "'indicators','filters':[{'column':'name','eq':'home_share'}],"
      "'column':'value','approximate':'approximate','source':'source',"
      "'bound':null}},'mode':null}]");
  HAS(DOC("{'id':'v','title':'t','table':'inv','mark':'line','x':{'column':"
          "'year'},'y':{'column':'usd_bn'},'findings':[{'text':'{x}','values':"
          "{'x':{'pick':'last','of':'x'}}},{'text':'none'}]}"),
      "'findings':[{'text':{'en':'{x}'},'values':{'x':{'pick':'last','of':"
      "'x','panel':null,'series':null}},'mode':null},{'text':{'en':'none'},"
      "'mode':null,'values':{}}]");
  /* placeholders: in every locale's text */
  ERR(PANELS("'findings':[{'text':{'en':'{a}','zh':'{b}'},'values':{'a':{"
             "'panel':'a','pick':'max'}}}]"),
      EV_ERR_SHAPE,
      "views[0].findings[0].text.zh: '{b}' is not one of the values");
  ERR(PANELS("'findings':[{'text':'{vals}','values':{'val':{'panel':'a',"
             "'pick':'max'}}}]"),
      EV_ERR_SHAPE,
      "views[0].findings[0].text: '{vals}' is not one of the values (did "
      "you mean 'val'?)");
  ERR(PANELS("'findings':[{'text':'a } b'}]"), EV_ERR_SHAPE,
      "views[0].findings[0].text: a lone '}' at byte 2 (write '}}' for a "
      "brace)");
  ERR(PANELS("'findings':[{'text':'a {b'}]"), EV_ERR_SHAPE,
      "views[0].findings[0].text: a '{' at byte 2 without its '}' (write "
      "'{{' for a brace)");
  ERR(PANELS("'findings':[{'text':'t','values':{'A':{'panel':'a','pick':"
             "'max'}}}]"),
      EV_ERR_SHAPE,
      "views[0].findings[0].values.A: 'A' is not a value name "
      "([a-z][a-z0-9_]*, at most 40 bytes)");
  /* mode */
  ACCEPT(PANELS(MODES ",'findings':[{'mode':'share','text':'t'}]"));
  ERR(PANELS("'findings':[{'mode':'share','text':'t'}]"), EV_ERR_SHAPE,
      "views[0].findings[0].mode: the view has no 'modes' to name 'share' "
      "from");
  /* panel-form ValueRefs */
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'pick':'max'}}}]"),
      EV_ERR_SHAPE,
      "views[0].findings[0].values.a.panel: missing (the id of the panel the "
      "value is from)");
  ERR(DOC("{'id':'v','title':'t','table':'inv','mark':'line','x':{'column':"
          "'year'},'y':{'column':'usd_bn'},'findings':[{'text':'t','values':"
          "{'a':{'panel':'a','pick':'max'}}}]}"),
      EV_ERR_SHAPE,
      "views[0].findings[0].values.a.panel: the view has no panels (leave "
      "'panel' out)");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'panel':'c','pick':"
             "'max'}}}]"),
      EV_ERR_SHAPE,
      "views[0].findings[0].values.a.panel: no panel 'c' (panels: a, b)");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'panel':'b','series':"
             "'x','pick':'max'}}}]"),
      EV_ERR_SHAPE,
      "views[0].findings[0].values.a.series: panel 'b' has no series");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'panel':'a','series':"
             "3,'pick':'max'}}}]"),
      EV_ERR_TYPE,
      "views[0].findings[0].values.a.series: 'market' is string, got a "
      "number");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'panel':'a','pick':"
             "'top'}}}]"),
      EV_ERR_SHAPE,
      "views[0].findings[0].values.a.pick: unknown pick 'top' (first, last, "
      "max, min)");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'panel':'a'}}}]"),
      EV_ERR_SHAPE,
      "views[0].findings[0].values.a.pick: missing (first, last, max or "
      "min)");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'panel':'a','pick':"
             "'max','of':'z'}}}]"),
      EV_ERR_SHAPE, "views[0].findings[0].values.a.of: unknown of 'z' (y, x)");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':3}}]"), EV_ERR_SHAPE,
      "views[0].findings[0].values.a: expected a ValueRef object ({panel?, "
      "pick, ...} or {table, column, ...}), got a number");
  /* table-form ValueRefs: filters against their own table */
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'table':'indicators',"
             "'filters':[{'column':'market','eq':'x'}],'column':'value'}}}]"),
      EV_ERR_COLUMN,
      "views[0].findings[0].values.a.filters[0].column: table 'indicators' "
      "has no column 'market'");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'table':'indicators',"
             "'filters':[{'column':'year','eq':'2023'}],'column':'value'}}}]"),
      EV_ERR_TYPE,
      "views[0].findings[0].values.a.filters[0].eq: 'year' is number, got "
      "a string");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'table':'indicators',"
             "'column':'approximate'}}}]"),
      EV_ERR_TYPE,
      "views[0].findings[0].values.a.column: a figure needs a number or "
      "string column; 'approximate' is boolean");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'table':'indicators',"
             "'column':'value','approximate':'name'}}}]"),
      EV_ERR_TYPE,
      "views[0].findings[0].values.a.approximate: 'approximate' needs a "
      "boolean column; 'name' is string");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'table':'indicators',"
             "'column':'value','bound':'year'}}}]"),
      EV_ERR_TYPE,
      "views[0].findings[0].values.a.bound: 'bound' needs a string column; "
      "'year' is number");
  ERR(V("{'id':'v','title':'t','table':'inv','mark':'line','x':{'column':"
            "'year'},'y':{'column':'usd_bn'},'findings':[{'text':'t',"
            "'values':{'a':{'table':'indicators','column':'value','source':"
            "'source'}}}]}"),
      EV_ERR_SHAPE,
      "views[0].findings[0].values.a.source: sources need the document's "
      "'provenance'");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'table':'indicators',"
             "'column':'value','pick':'max'}}}]"),
      EV_ERR_SHAPE,
      "views[0].findings[0].values.a.pick: unknown key 'pick' (known: "
      "table, filters, column, approximate, bound, source)");
}

/* A one-chart view of inv with the given mark, x, y and extra members. */
static const char *CHART(const char *mark, const char *x, const char *y,
                         const char *extra) {
  static char buf[16384];
  snprintf(buf, sizeof buf,
           "{'id':'v','title':'t','table':'inv','mark':'%s','x':%s,'y':%s%s%s}",
           mark, x, y, extra[0] ? "," : "", extra);
  return DOC(buf);
}
#define SUM "{'column':'usd_bn','aggregate':'sum'}"

static void test_annotations(void) {
  HAS(BAR("'annotations':[{'x':{'table':'indicators','column':'year'},"
          "'series':'overseas','text':'since {x}'}]"),
      "'annotations':[{'x':{'table':'indicators','column':'year','filters':"
      "[],'approximate':null,'bound':null,'source':null},'series':"
      "'overseas','text':{'en':'since {x}'},'y':null}]");
  ERR(BAR("'annotations':[{'x':{'table':'indicators','column':'name'},"
          "'text':'a'}]"),
      EV_ERR_TYPE,
      "views[0].annotations[0].x.column: the x column 'year' is number; "
      "'name' is string");
  /* a string x (categories) takes a number figure, matched as text */
  ACCEPT(CHART("bar", "{'column':'period'}", SUM,
               "'annotations':[{'x':{'table':'indicators','column':'year'},"
               "'text':'{x}'}]"));
  ERR(CHART("line", "{'column':'year'}", "{'column':'usd_bn'}",
            "'annotations':[{'x':{'table':'indicators','column':'name'},"
            "'text':'a'}]"),
      EV_ERR_TYPE,
      "views[0].annotations[0].x.column: the x column 'year' is number; "
      "'name' is string");
  ERR(BAR("'annotations':[{'x':2023,'text':'in {year}'}]"), EV_ERR_SHAPE,
      "views[0].annotations[0].text: '{year}': an annotation's text takes "
      "only {x} (the x value as a period)");
  ERR(BAR("'annotations':[{'x':2023,'text':'a','series':true}]"), EV_ERR_TYPE,
      "views[0].annotations[0].series: 'market' is string, got a boolean");
  ERR(DOC("{'id':'v','title':'t','table':'inv','mark':'line','x':{'column':"
          "'year'},'y':{'column':'usd_bn'},'annotations':[{'x':2023,'text':"
          "'a','series':'overseas'}]}"),
      EV_ERR_SHAPE, "views[0].annotations[0].series: the chart has no series");
}

static void test_x(void) {
  HAS(CHART("bar",
            "{'column':'market','names':'market','complete':true,'choices':"
            "[{'column':'market','label':'Market'},{'column':'iso3','label':"
            "'Country','names':'country'}]}",
            SUM, ""),
      "'x':{'column':'market','names':'market','complete':true,'choices':"
      "[{'column':'market','label':{'en':'Market'},'names':null},{'column':"
      "'iso3','label':{'en':'Country'},'names':'country'}],'label':null}");
  ERR(CHART("line", "{'column':'year','complete':true}", "{'column':'usd_bn'}",
            ""),
      EV_ERR_SHAPE,
      "views[0].x.complete: complete categories need a bar or hbar (mark is "
      "'line')");
  ERR(CHART("bar", "{'column':'year','complete':1}", SUM, ""), EV_ERR_SHAPE,
      "views[0].x.complete: expected true or false, got a number");
  ERR(CHART("bar",
            "{'column':'market','choices':[{'column':'market','label':'M'}]}",
            SUM, ""),
      EV_ERR_SHAPE, "views[0].x.choices: 1 choice; a choice needs 2 to 8");
  ERR(CHART("bar",
            "{'column':'market','choices':[{'column':'market','label':'M'},"
            "{'column':'iso3','label':'C'}]}",
            "{'column':'usd_bn'}", ""),
      EV_ERR_SHAPE,
      "views[0].x.choices: a choice of x needs y.aggregate (rows are grouped "
      "by the chosen column)");
  ERR(CHART("line",
            "{'column':'year','choices':[{'column':'year','label':'M'},"
            "{'column':'usd_bn','label':'C'}]}",
            SUM, ""),
      EV_ERR_SHAPE,
      "views[0].x.choices: a choice of x needs a bar or hbar (mark is "
      "'line')");
  ERR(CHART("bar",
            "{'column':'market','choices':[{'column':'iso3','label':'M'},"
            "{'column':'market','label':'C'}]}",
            SUM, ""),
      EV_ERR_SHAPE,
      "views[0].x.choices[0].column: the first choice is the default: "
      "x.column 'market', not 'iso3'");
  ERR(CHART("bar",
            "{'column':'market','choices':[{'column':'market','label':'M'},"
            "{'column':'market','label':'C'}]}",
            SUM, ""),
      EV_ERR_SHAPE, "views[0].x.choices[1].column: 'market' is choices[0] too");
  ERR(CHART("bar",
            "{'column':'market','choices':[{'column':'market','label':'M'},"
            "{'column':'also_sources','label':'C'}]}",
            SUM, ""),
      EV_ERR_TYPE,
      "views[0].x.choices[1].column: a choice of x cannot be json; "
      "'also_sources' is json");
  ERR(CHART("bar",
            "{'column':'market','choices':[{'column':'market','label':'M'},"
            "{'column':'company'}]}",
            SUM, ""),
      EV_ERR_SHAPE, "views[0].x.choices[1].label: missing (Text)");
  ERR(DOC("{'id':'v','title':'t','table':'inv','mark':'bar','x':{'column':"
          "'market','choices':[{'column':'market','label':'M'},{'column':"
          "'company','label':'C'}]},'y':" SUM ",'series':{'column':"
          "'company'}}"),
      EV_ERR_SHAPE,
      "views[0].x.choices[1].column: 'company' is already the series column");
}

static void test_y(void) {
  HAS(CHART("hbar", "{'column':'market'}",
            "{'column':'usd_bn','aggregate':'sum','format':'usd_bn','fixed':"
            "[0,100],'percent':true,'approximate':'approximate','bound':"
            "'bound','counts':true}",
            ""),
      "'y':{'column':'usd_bn','aggregate':'sum','format':'usd_bn','fixed':"
      "[0,100],'percent':true,'approximate':'approximate','bound':'bound',"
      "'counts':true,'label':null,'unit':null,'scale':'linear'}");
  ERR(CHART("bar", "{'column':'year'}",
            "{'column':'usd_bn','aggregate':'sum','format':'usd'}", ""),
      EV_ERR_SHAPE,
      "views[0].y.format: unknown format 'usd' (usd_bn, eur_bn, cny_bn, "
      "vehicles, percent, gwh, projects)");
  ERR(CHART("bar", "{'column':'year'}",
            "{'column':'usd_bn','aggregate':'sum','format':'usd_bn','unit':"
            "'bn'}",
            ""),
      EV_ERR_SHAPE,
      "views[0].y.format: give 'format' or 'unit', not both (a format writes "
      "its own unit)");
  ERR(CHART("bar", "{'column':'year'}",
            "{'column':'usd_bn','aggregate':'sum','fixed':[100,0]}", ""),
      EV_ERR_SHAPE, "views[0].y.fixed: lo 100 is not below hi 0");
  ERR(CHART("bar", "{'column':'year'}",
            "{'column':'usd_bn','aggregate':'sum','fixed':[5,5]}", ""),
      EV_ERR_SHAPE, "views[0].y.fixed: lo 5 is not below hi 5");
  ERR(CHART("bar", "{'column':'year'}",
            "{'column':'usd_bn','aggregate':'sum','fixed':[0]}", ""),
      EV_ERR_SHAPE, "views[0].y.fixed: expected [lo, hi]");
  ERR(CHART("bar", "{'column':'year'}",
            "{'column':'usd_bn','aggregate':'sum','fixed':[0,'1']}", ""),
      EV_ERR_SHAPE, "views[0].y.fixed[1]: expected a number, got a string");
  ERR(CHART("bar", "{'column':'year'}",
            "{'column':'usd_bn','aggregate':'sum','percent':'yes'}", ""),
      EV_ERR_SHAPE, "views[0].y.percent: expected true or false, got a string");
  ERR(CHART("bar", "{'column':'year'}",
            "{'column':'usd_bn','aggregate':'sum','approximate':'bound'}", ""),
      EV_ERR_TYPE,
      "views[0].y.approximate: 'approximate' needs a boolean column; 'bound' "
      "is string");
  ERR(CHART("bar", "{'column':'year'}",
            "{'column':'usd_bn','aggregate':'sum','bound':'approximate'}", ""),
      EV_ERR_TYPE,
      "views[0].y.bound: 'bound' needs a string column; 'approximate' is "
      "boolean");
  ERR(CHART("bar", "{'column':'year'}",
            "{'column':'usd_bn','aggregate':'sum','bound':'bund'}", ""),
      EV_ERR_COLUMN,
      "views[0].y.bound: table 'inv' has no column 'bund' (did you mean "
      "'bound'?)");
  ERR(CHART("bar", "{'column':'market'}",
            "{'column':'usd_bn','aggregate':'sum','counts':true}", ""),
      EV_ERR_SHAPE,
      "views[0].y.counts: counts need an hbar with y.aggregate (the rows of "
      "each bar are counted)");
  ERR(CHART("hbar", "{'column':'market'}", "{'column':'usd_bn','counts':true}",
            ""),
      EV_ERR_SHAPE,
      "views[0].y.counts: counts need an hbar with y.aggregate (the rows of "
      "each bar are counted)");
}

static void test_series(void) {
  HAS(CHART("bar", "{'column':'year'}", SUM,
            "'series':{'column':'market','label':{'en':'Location','zh':"
            "'地点'}}"),
      "'series':{'column':'market','label':{'en':'Location','zh':'地点'},"
      "'labels':{},'order':[],'names':null");
  ERR(CHART("bar", "{'column':'year'}", SUM,
            "'series':{'column':'market','label':{'zh':'地点'}}"),
      EV_ERR_SHAPE,
      "views[0].series.label: no text for the default locale 'en'");
  HAS(CHART("bar", "{'column':'year'}", SUM,
            "'series':{'column':'market','names':'market','styles':{"
            "'overseas':{'colour':0},'domestic':{'colour':'neutral','dash':"
            "true}},'sparse':['domestic']}"),
      "'series':{'column':'market','names':'market','styles':{'overseas':{"
      "'colour':0,'dash':false},'domestic':{'colour':'neutral','dash':true}},"
      "'sparse':['domestic'],'labels':{},'order':[],'label':null}");
  ERR(CHART("bar", "{'column':'year'}", SUM,
            "'series':{'column':'market','styles':{'x':{'colour':8}}}"),
      EV_ERR_SHAPE,
      "views[0].series.styles.x.colour: expected a palette colour 0 to 7 or "
      "\"neutral\"");
  ERR(CHART("bar", "{'column':'year'}", SUM,
            "'series':{'column':'market','styles':{'x':{'colour':1.5}}}"),
      EV_ERR_SHAPE,
      "views[0].series.styles.x.colour: expected a palette colour 0 to 7 or "
      "\"neutral\"");
  ERR(CHART("bar", "{'column':'year'}", SUM,
            "'series':{'column':'market','styles':{'x':{'dash':1}}}"),
      EV_ERR_SHAPE,
      "views[0].series.styles.x.dash: expected true or false, got a number");
  ERR(CHART("bar", "{'column':'year'}", SUM,
            "'series':{'column':'market','styles':{'x':{'color':1}}}"),
      EV_ERR_SHAPE,
      "views[0].series.styles.x.color: unknown key 'color' (did you mean "
      "'colour'?)");
  ERR(DOC("{'id':'v','title':'t','table':'inv','mark':'bar','x':{'column':"
          "'market'},'y':" SUM ",'series':{'column':'year','styles':{"
          "'2023.0':{'dash':true}}}}"),
      EV_ERR_SHAPE,
      "views[0].series.styles[\"2023.0\"]: write the number 2023.0 as "
      "'2023'");
  ERR(CHART("bar", "{'column':'year'}", SUM,
            "'series':{'column':'market','sparse':['a','a']}"),
      EV_ERR_SHAPE, "views[0].series.sparse[1]: listed twice (also sparse[0])");
  ERR(CHART("bar", "{'column':'year'}", SUM,
            "'series':{'column':'market','sparse':[1]}"),
      EV_ERR_TYPE,
      "views[0].series.sparse[0]: 'market' is string, got a number");
}

static void test_trend(void) {
  HAS(BAR("'trend':{'method':'holt','horizon':3,'control':true,'series':"
          "['overseas']}"),
      "'trend':{'method':'holt','horizon':3,'control':true,'series':"
      "['overseas'],'level':0.95}");
  /* with the reader's control, method and horizon may be left out */
  HAS(BAR("'trend':{'control':true,'series':['overseas']}"),
      "'trend':{'control':true,'series':['overseas'],'level':0.95,'method':"
      "null,'horizon':null}");
  ERR(BAR("'trend':{'control':false}"), EV_ERR_SHAPE,
      "views[0].trend.method: missing (linear, loglinear or holt)");
  ERR(BAR("'trend':{'method':'linear'}"), EV_ERR_SHAPE,
      "views[0].trend.horizon: missing (steps of x beyond the last point)");
  ERR(BAR("'trend':{'control':true,'horizon':51}"), EV_ERR_LIMIT,
      "views[0].trend.horizon: 51 steps, outside 1 to 50");
  ERR(CHART("bar", "{'column':'market'}", SUM,
            "'trend':{'method':'linear','horizon':3}"),
      EV_ERR_TYPE,
      "views[0].trend: a trend on a bar needs a number x; 'market' is "
      "string");
  ERR(CHART("point", "{'column':'year'}", "{'column':'usd_bn'}",
            "'trend':{'method':'linear','horizon':3}"),
      EV_ERR_SHAPE,
      "views[0].trend: a trend projection needs a line or a bar (mark is "
      "'point')");
  ERR(CHART("bar", "{'column':'year'}", SUM,
            "'trend':{'method':'linear','horizon':3,'series':['a']}"),
      EV_ERR_SHAPE, "views[0].trend.series: the chart has no series");
  ERR(BAR("'trend':{'method':'linear','horizon':3,'control':'on'}"),
      EV_ERR_SHAPE,
      "views[0].trend.control: expected true or false, got a string");
}

#define MAPV(extra)                                                         \
  DOC("{'id':'v','title':'t','table':'projects','mark':'map','map':{'key':" \
      "'iso3'" extra "},'y':{'column':'usd_bn','aggregate':'sum'}}")

static void test_map(void) {
  HAS(MAPV(",'names':'country','colour':[{'column':'company','label':"
           "'By company','names':'company','split':true,'styles':{'CATL':{"
           "'colour':2}}},{'column':'status','label':'Status'}],'zooms':[{"
           "'id':'world','label':'World','box':[-180,-90,180,90]},{'id':"
           "'europe','label':'Europe','box':[-25,34,45,72]}],'projections':"
           "true"),
      "'map':{'key':'iso3','names':'country','colour':[{'column':'company',"
      "'label':{'en':'By company'},'names':'company','split':true,'styles':"
      "{'CATL':{'colour':2,'dash':false}},'id':'company'},{'column':"
      "'status','label':{'en':'Status'},'id':'status','names':null,'split':"
      "false,'styles':{}}],'zooms':[{'id':"
      "'world','label':{'en':'World'},'box':[-180,-90,180,90]},{'id':"
      "'europe','label':{'en':'Europe'},'box':[-25,34,45,72]}],"
      "'projections':true,'projection':'equal-earth'}");
  HAS(MAPV(""), "'colour':[],'zooms':[],'projections':false,'names':null}");
  /* of x on a map: the mark's map key (a country) */
  HAS(DOC("{'id':'v','title':'t','table':'projects','mark':'map','map':{"
          "'key':'iso3'},'y':{'aggregate':'count'},'findings':[{'text':"
          "'{c}','values':{'c':{'pick':'max','of':'x'}}}]}"),
      "'values':{'c':{'pick':'max','of':'x','panel':null,'series':null}}");
  ERR(V("{'id':'v','title':'t','table':'projects','mark':'map','map':{"
            "'key':'iso3','names':'country'},'y':{'aggregate':'count'}}"),
      EV_ERR_SHAPE,
      "views[0].map.names: no kind 'country': the document has no 'names'");
  /* a colour's id: the reader's choice in state and URL (default: the
   * column); kept as given, filled in when absent or null */
  HAS(MAPV(",'colour':[{'id':'by-firm','column':'company','label':'F'},{"
           "'column':'status','label':'S','id':null}]"),
      "'colour':[{'id':'by-firm','column':'company','label':{'en':'F'},"
      "'names':null,'split':false,'styles':{}},{'column':'status','label':{"
      "'en':'S'},'id':'status','names':null,'split':false,'styles':{}}]");
  /* the normal form checks again: an id equal to its own column is the
   * default written out, whatever the column's spelling */
  HAS(MAPV(",'colour':[{'id':'status_zh','column':'status_zh','label':"
           "'Z'},{'id':'status','column':'status','label':'S'}]"),
      "'colour':[{'id':'status_zh','column':'status_zh'");
  ERR(MAPV(",'colour':[{'id':'status_zh','column':'status','label':'S'}]"),
      EV_ERR_SHAPE,
      "views[0].map.colour[0].id: 'status_zh' is not an id (a-z, 0-9 and "
      "'-', not starting with '-'; at most 40 bytes)");
  ERR(MAPV(",'colour':[{'id':'company','column':'status','label':'S'},{"
           "'id':'company','column':'company','label':'F'}]"),
      EV_ERR_SHAPE,
      "views[0].map.colour[1].id: 'company' is the id of colour[0] too "
      "(give this entry an 'id')");
  /* an id may name another entry's column when that entry has its own id */
  HAS(MAPV(",'colour':[{'id':'x','column':'status','label':'S'},{'id':"
           "'status','column':'company','label':'F'}]"),
      "{'id':'status','column':'company','label':{'en':'F'}");
  ERR(MAPV(",'colour':[{'id':'By_Firm','column':'company','label':'F'}]"),
      EV_ERR_SHAPE,
      "views[0].map.colour[0].id: 'By_Firm' is not an id (a-z, 0-9 and '-', "
      "not starting with '-'; at most 40 bytes)");
  ERR(MAPV(",'colour':[{'id':'-a','column':'company','label':'F'}]"),
      EV_ERR_SHAPE,
      "views[0].map.colour[0].id: '-a' is not an id (a-z, 0-9 and '-', "
      "not starting with '-'; at most 40 bytes)");
  ERR(MAPV(",'colour':[{'id':'','column':'company','label':'F'}]"),
      EV_ERR_SHAPE,
      "views[0].map.colour[0].id: '' is not an id (a-z, 0-9 and '-', "
      "not starting with '-'; at most 40 bytes)");
  ERR(MAPV(",'colour':[{'id':3,'column':'company','label':'F'}]"),
      EV_ERR_SHAPE, "views[0].map.colour[0].id: expected a string, got a number");
  ERR(MAPV(",'colour':[{'id':'s','column':'company','label':'F'},{'id':'s',"
           "'column':'status','label':'S'}]"),
      EV_ERR_SHAPE, "views[0].map.colour[1].id: 's' is the id of colour[0] too");
  ERR(MAPV(",'colour':[{'column':'status','label':'a'},{'column':'status',"
           "'label':'b'}]"),
      EV_ERR_SHAPE,
      "views[0].map.colour[1].column: 'status' is the id of colour[0] too "
      "(give this entry an 'id')");
  ERR(MAPV(",'colour':[{'column':'status','label':'s','styles':{'x':{"
           "'colour':-1}}}]"),
      EV_ERR_SHAPE,
      "views[0].map.colour[0].styles.x.colour: expected a palette colour 0 "
      "to 7 or \"neutral\"");
  ERR(MAPV(",'colour':[{'column':'year','label':'Y'}]"), EV_ERR_TYPE,
      "views[0].map.colour[0].column: colour needs a string or boolean "
      "column; 'year' is number");
  ERR(MAPV(",'colour':[{'column':'status'}]"), EV_ERR_SHAPE,
      "views[0].map.colour[0].label: missing (Text)");
  ERR(MAPV(",'colour':[{'column':'status','label':'s','split':1}]"),
      EV_ERR_SHAPE,
      "views[0].map.colour[0].split: expected true or false, got a number");
  ERR(MAPV(",'colour':[{'column':'status','label':'a'},{'id':'b','column':"
           "'status','label':'a'},{'id':'c','column':'status','label':'a'},{"
           "'id':'d','column':'status','label':'a'},{'id':'e','column':"
           "'status','label':'a'}]"),
      EV_ERR_LIMIT, "views[0].map.colour: 5 colours, over the limit of 4");
  ERR(MAPV(",'zooms':[{'id':'w','label':'W','box':[-181,0,10,10]}]"),
      EV_ERR_SHAPE,
      "views[0].map.zooms[0].box[0]: longitude -181 is outside -180 to 180");
  ERR(MAPV(",'zooms':[{'id':'w','label':'W','box':[0,-91,10,10]}]"),
      EV_ERR_SHAPE,
      "views[0].map.zooms[0].box[1]: latitude -91 is outside -90 to 90");
  ERR(MAPV(",'zooms':[{'id':'w','label':'W','box':[10,0,0,10]}]"), EV_ERR_SHAPE,
      "views[0].map.zooms[0].box: lon0 must be below lon1");
  ERR(MAPV(",'zooms':[{'id':'w','label':'W','box':[0,10,10,10]}]"),
      EV_ERR_SHAPE, "views[0].map.zooms[0].box: lat0 must be below lat1");
  ERR(MAPV(",'zooms':[{'id':'w','label':'W','box':[0,10,10]}]"), EV_ERR_SHAPE,
      "views[0].map.zooms[0].box: expected [lon0, lat0, lon1, lat1]");
  ERR(MAPV(",'zooms':[{'id':'w','label':'W','box':[0,0,1,1]},{'id':'w',"
           "'label':'V','box':[0,0,1,1]}]"),
      EV_ERR_SHAPE, "views[0].map.zooms[1].id: 'w' is the id of zooms[0] too");
  ERR(MAPV(",'projections':'yes'"), EV_ERR_SHAPE,
      "views[0].map.projections: expected true or false, got a string");
}

static void test_reference(void) {
  HAS(BAR("'reference':[{'category':{'en':'Before 2024','zh':'2024年前'},"
          "'series':'domestic','value':{'table':'indicators','filters':[{"
          "'column':'name','eq':'home_share'}],'column':'value',"
          "'approximate':'approximate','source':'source'},'qualifier':"
          "'about'}]"),
      "'reference':[{'category':{'en':'Before 2024','zh':'2024年前'},"
      "'series':'domestic','value':{'table':'indicators','filters':[{"
      "'column':'name','eq':'home_share'}],'column':'value','approximate':"
      "'approximate','source':'source','bound':null},'qualifier':{'en':"
      "'about'}}]");
  ERR(CHART("hbar", "{'column':'market'}", SUM,
            "'reference':[{'category':'c','value':{'table':'indicators',"
            "'column':'value'}}]"),
      EV_ERR_SHAPE, "views[0].reference: reference bars need a bar");
  ACCEPT(CHART("hbar", "{'column':'market'}", SUM, "'reference':[]"));
  ERR(BAR("'reference':[{'category':'c','value':{'table':'indicators',"
          "'column':'name'}}]"),
      EV_ERR_TYPE,
      "views[0].reference[0].value.column: a bar's value needs a number "
      "column; 'name' is string");
  ERR(BAR("'reference':[{'category':'c','value':{'pick':'max'}}]"),
      EV_ERR_SHAPE,
      "views[0].reference[0].value.table: missing (a reference bar's value "
      "comes from a table)");
  ERR(BAR("'reference':[{'category':'c','series':2,'value':{'table':"
          "'indicators','column':'value'}}]"),
      EV_ERR_TYPE,
      "views[0].reference[0].series: 'market' is string, got a number");
  ERR(BAR("'reference':[{'value':{'table':'indicators','column':'value'}}]"),
      EV_ERR_SHAPE,
      "views[0].reference[0].category: missing (Text: the bar's category)");
}

static void test_source(void) {
  HAS(BAR("'source':{'column':'source','also':'also_sources'}"),
      "'source':{'column':'source','also':'also_sources'}");
  HAS(BAR("'source':{'column':'source'}"),
      "'source':{'column':'source','also':null}");
  ERR(V("{'id':'v','title':'t','table':'inv','mark':'line','x':{'column':"
            "'year'},'y':{'column':'usd_bn'},'source':{'column':'source'}}"),
      EV_ERR_SHAPE,
      "views[0].source: sources need the document's 'provenance' (the table "
      "of sources)");
  ERR(BAR("'source':{'column':'year'}"), EV_ERR_TYPE,
      "views[0].source.column: a source id needs a string column; 'year' is "
      "number");
  ERR(BAR("'source':{'column':'source','also':'source'}"), EV_ERR_TYPE,
      "views[0].source.also: 'also' (a list of source ids) needs a json "
      "column; 'source' is string");
  ERR(BAR("'source':{}"), EV_ERR_SHAPE,
      "views[0].source.column: missing (a string column of source ids)");
}

static void test_detail(void) {
  HAS(BAR("'detail':{'table':'projects','key':'company','filters':[{"
          "'column':'usd_bn','range':[1,null]}],'columns':[{'column':"
          "'company','label':'Company','names':'company'},{'column':{'en':"
          "'status','zh':'status_zh'},'label':'Status'},{'column':'usd_bn',"
          "'label':'US$','format':'usd_bn'}],'sort':[{'column':'usd_bn',"
          "'desc':true},{'column':'company'}]}"),
      "'detail':{'table':'projects','key':'company','filters':[{'column':"
      "'usd_bn','range':[1,null]}],'columns':[{'column':'company','label':{"
      "'en':'Company'},'names':'company','format':null},{'column':{'en':"
      "'status','zh':'status_zh'},'label':{'en':'Status'},'names':null,"
      "'format':null},{'column':'usd_bn','label':{'en':'US$'},'format':"
      "'usd_bn','names':null}],'sort':[{'column':'usd_bn','desc':true},{"
      "'column':'company','desc':false}]}");
  /* a json column may be listed (the page lists its entries) */
  ACCEPT(
      BAR("'detail':{'table':'inv','key':'year','columns':[{'column':"
          "'also_sources','label':'Also'}]}"));
  ERR(BAR("'detail':{'table':'inv','key':'also_sources','columns':[{"
          "'column':'year','label':'Y'}]}"),
      EV_ERR_TYPE, "views[0].detail.key: 'also_sources' holds nested JSON");
  ERR(BAR("'detail':{'table':'projects','key':'firm','columns':[]}"),
      EV_ERR_COLUMN,
      "views[0].detail.key: table 'projects' has no column 'firm'");
  ERR(BAR("'detail':{'table':'projects','key':'company','columns':[]}"),
      EV_ERR_SHAPE,
      "views[0].detail.columns: an empty list (at least 1 needed)");
  ERR(BAR("'detail':{'table':'projects','key':'company'}"), EV_ERR_SHAPE,
      "views[0].detail.columns: missing (columns)");
  ERR(BAR("'detail':{'table':'projects','key':'company','filters':[{"
          "'column':'market','eq':'x'}],'columns':[{'column':'company',"
          "'label':'c'}]}"),
      EV_ERR_COLUMN,
      "views[0].detail.filters[0].column: table 'projects' has no column "
      "'market'");
  ERR(BAR("'detail':{'table':'projects','key':'company','columns':[{"
          "'column':{'zh':'status_zh'},'label':'c'}]}"),
      EV_ERR_SHAPE,
      "views[0].detail.columns[0].column: no column for the default locale "
      "'en'");
  ERR(BAR("'detail':{'table':'projects','key':'company','columns':[{"
          "'column':{'en':'status','zh':'statuz_zh'},'label':'c'}]}"),
      EV_ERR_COLUMN,
      "views[0].detail.columns[0].column.zh: table 'projects' has no column "
      "'statuz_zh' (did you mean 'status_zh'?)");
  ERR(BAR("'detail':{'table':'projects','key':'company','columns':[{"
          "'column':'company','label':'c','format':'usd'}]}"),
      EV_ERR_SHAPE,
      "views[0].detail.columns[0].format: unknown format 'usd' (usd_bn, "
      "eur_bn, cny_bn, vehicles, percent, gwh, projects)");
  ERR(BAR("'detail':{'table':'projects','key':'company','columns':[{"
          "'column':'company','label':'c'}],'sort':[{'column':'company',"
          "'desc':'yes'}]}"),
      EV_ERR_SHAPE,
      "views[0].detail.sort[0].desc: expected true or false, got a string");
  ERR(BAR("'detail':{'table':'projects','key':'company','columns':[{"
          "'column':'company'}]}"),
      EV_ERR_SHAPE,
      "views[0].detail.columns[0].label: missing (Text: the column's "
      "heading)");
  /* the check of the chart's own table goes on after the detail's */
  ERR(BAR("'detail':{'table':'projects','key':'company','columns':[{"
          "'column':'company','label':'c'}]},'sort':{'options':['value']}"),
      EV_ERR_SHAPE,
      "views[0].sort: a sort control needs an hbar (mark is 'bar')");
}

static void test_sort(void) {
  const char *y = "{'column':'usd_bn','aggregate':'sum','counts':true}";
  HAS(CHART("hbar", "{'column':'company'}", y,
            "'sort':{'options':['value','count','name']}"),
      "'sort':{'options':['value','count','name'],'label':null}");
  ERR(CHART("hbar", "{'column':'company'}", SUM,
            "'sort':{'options':['value','count']}"),
      EV_ERR_SHAPE,
      "views[0].sort.options[1]: sorting by count needs y.counts: true");
  ERR(CHART("hbar", "{'column':'company'}", y,
            "'sort':{'options':['value','value']}"),
      EV_ERR_SHAPE, "views[0].sort.options[1]: 'value' listed twice");
  ERR(CHART("hbar", "{'column':'company'}", y, "'sort':{'options':['size']}"),
      EV_ERR_SHAPE,
      "views[0].sort.options[0]: unknown sort 'size' (value, count, name)");
  ERR(CHART("hbar", "{'column':'company'}", y, "'sort':{'options':[]}"),
      EV_ERR_SHAPE, "views[0].sort.options: an empty list (at least 1 needed)");
}

/* n copies of item joined by commas into buf (cap bytes). */
static const char *repeat(char *buf, size_t cap, const char *item, int n) {
  size_t len = 0;
  buf[0] = '\0';
  for (int i = 0; i < n; i++)
    len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? "," : "", item);
  return buf;
}

/* n numbered items: fmt with %d (the index) for each, joined by commas. */
static const char *numbered(char *buf, size_t cap, const char *fmt, int n) {
  size_t len = 0;
  buf[0] = '\0';
  for (int i = 0; i < n; i++) {
    if (i) len += (size_t)snprintf(buf + len, cap - len, ",");
    len += (size_t)snprintf(buf + len, cap - len, fmt, i);
  }
  return buf;
}

/* Each list at its limit is taken; one more is LIMIT. */
/* The checks one helper serves in several places (ev_ck_id,
 * ev_ck_entries, ev_ck_series_value): each place's own words. */
static void test_shared_checks(void) {
  /* ids of 41 bytes: a LIMIT for views, panels and modes; an option id
   * (map.colour, map.zooms) names the limit in its syntax message */
#define A41 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
  ERR(DOC("{'id':'v','title':'t','panels':[{'id':'" A41 "'}]}"), EV_ERR_LIMIT,
      "views[0].panels[0].id: an id of 41 bytes, over the limit of 40");
  ERR(PANELS("'modes':{'label':'m','options':[{'id':'" A41 "','label':'u'},"
             "{'id':'b','label':'v'}]}"),
      EV_ERR_LIMIT,
      "views[0].modes.options[0].id: an id of 41 bytes, over the limit of 40");
  ERR(MAPV(",'zooms':[{'id':'" A41 "','label':'W','box':[0,0,1,1]}]"),
      EV_ERR_SHAPE,
      "views[0].map.zooms[0].id: '" A41
      "' is not an id (a-z, 0-9 and '-', not starting with '-'; at most 40 "
      "bytes)");
#undef A41
  /* keyed objects: series.styles, a finding's values */
  ERR(CHART("bar", "{'column':'year'}", SUM,
            "'series':{'column':'market','styles':[]}"),
      EV_ERR_SHAPE, "views[0].series.styles: expected an object, got an array");
  ERR(CHART("bar", "{'column':'year'}", SUM,
            "'series':{'column':'market','styles':{'x':{},'x':{}}}"),
      EV_ERR_SHAPE, "views[0].series.styles.x: key 'x' given twice");
  ERR(PANELS("'findings':[{'text':'t','values':[]}]"), EV_ERR_SHAPE,
      "views[0].findings[0].values: expected an object, got an array");
  ERR(PANELS("'findings':[{'text':'t','values':{'a':{'panel':'a','pick':"
             "'max'},'a':{'panel':'a','pick':'min'}}}]"),
      EV_ERR_SHAPE, "views[0].findings[0].values.a: key 'a' given twice");
  /* a reference bar's series, on a chart without one */
  ERR(CHART("bar", "{'column':'year'}", SUM,
            "'reference':[{'category':'c','series':'x','value':{'table':"
            "'indicators','column':'value'}}]"),
      EV_ERR_SHAPE, "views[0].reference[0].series: the chart has no series");
}

static void test_limits(void) {
  char list[8192], d[16384];
  /* findings: 8 */
  const char *f = "{'text':'t'}";
  snprintf(d, sizeof d, "'findings':[%s]", repeat(list, sizeof list, f, 8));
  ACCEPT(PANELS(d));
  snprintf(d, sizeof d, "'findings':[%s]", repeat(list, sizeof list, f, 9));
  ERR(PANELS(d), EV_ERR_LIMIT,
      "views[0].findings: 9 findings, over the limit of 8");
  /* values of a finding: 16 */
  const char *v = "'v%d':{'panel':'a','pick':'max'}";
  snprintf(d, sizeof d, "'findings':[{'text':'t','values':{%s}}]",
           numbered(list, sizeof list, v, 16));
  ACCEPT(PANELS(d));
  snprintf(d, sizeof d, "'findings':[{'text':'t','values':{%s}}]",
           numbered(list, sizeof list, v, 17));
  ERR(PANELS(d), EV_ERR_LIMIT,
      "views[0].findings[0].values: more than 16 values");
  /* names: 8 */
  const char *e =
      "{'table':'countries','key':'iso3','kind':'c','text':{'en':'name_en'}}";
  snprintf(d, sizeof d,
           "{'format':'ev-chart/1','locales':['en'],'title':'T','names':[%s],"
           "'views':[" ONE "]}",
           repeat(list, sizeof list, e, 8));
  ACCEPT(J(d));
  snprintf(d, sizeof d,
           "{'format':'ev-chart/1','locales':['en'],'title':'T','names':[%s],"
           "'views':[" ONE "]}",
           repeat(list, sizeof list, e, 9));
  ERR(J(d), EV_ERR_LIMIT, "names: 9 names entries, over the limit of 8");
  /* reference bars: 4 */
  const char *r =
      "{'category':'c','value':{'table':'indicators','column':'value'}}";
  snprintf(d, sizeof d, "'reference':[%s]", repeat(list, sizeof list, r, 4));
  ACCEPT(BAR(d));
  snprintf(d, sizeof d, "'reference':[%s]", repeat(list, sizeof list, r, 5));
  ERR(BAR(d), EV_ERR_LIMIT,
      "views[0].reference: 5 reference bars, over the limit of 4");
  /* x.choices: 8 (each column once) */
  static const char *const cols[] = {"market",  "period", "year",
                                     "usd_bn",  "bound",  "source",
                                     "company", "iso3",   "approximate"};
  for (int k = 8; k <= 9; k++) {
    size_t n = 0;
    for (int i = 0; i < k; i++)
      n += (size_t)snprintf(list + n, sizeof list - n,
                            "%s{'column':'%s','label':'c'}", i ? "," : "",
                            cols[i]);
    snprintf(d, sizeof d,
             "{'id':'v','title':'t','table':'inv','mark':'bar','x':{'column':"
             "'market','choices':[%s]},'y':{'aggregate':'count'}}",
             list);
    if (k == 8)
      ACCEPT(DOC(d));
    else
      ERR(DOC(d), EV_ERR_LIMIT,
          "views[0].x.choices: 9 choices, over the limit of 8");
  }
  /* map.zooms: 8 */
  const char *z = "{'id':'z%d','label':'Z','box':[0,0,1,1]}";
  snprintf(d, sizeof d,
           "{'id':'v','title':'t','table':'projects','mark':'map','map':{"
           "'key':'iso3','zooms':[%s]},'y':{'aggregate':'count'}}",
           numbered(list, sizeof list, z, 8));
  ACCEPT(DOC(d));
  snprintf(d, sizeof d,
           "{'id':'v','title':'t','table':'projects','mark':'map','map':{"
           "'key':'iso3','zooms':[%s]},'y':{'aggregate':'count'}}",
           numbered(list, sizeof list, z, 9));
  ERR(DOC(d), EV_ERR_LIMIT, "views[0].map.zooms: 9 zooms, over the limit of 8");
}

int main(void) {
  if (chart_tables_load(DATA, 7)) return 2;
  test_provenance();
  test_names();
  test_panels();
  test_modes();
  test_range();
  test_findings();
  test_annotations();
  test_x();
  test_y();
  test_series();
  test_trend();
  test_map();
  test_reference();
  test_source();
  test_detail();
  test_sort();
  test_shared_checks();
  test_limits();
  chart_tables_free();
  return check_summary("test_chart_story");
}
