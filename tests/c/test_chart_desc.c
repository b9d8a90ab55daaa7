/* test_chart_desc.c — chart descriptions checked against a dataset
 * (wasm/chart_desc.c, data/CHART_FORMAT.md).
 *
 * One check per rule: each kind of bad input with its status and exact
 * message, and valid descriptions of every mark with their normalised
 * output. Descriptions are written with ' for " (J() swaps them) and most
 * are one view wrapped by V() in a document with locales en and zh.
 *
 * The dataset (two tables):
 *   data       Name (string), Miles_per_Gallon, Horsepower, Year (number),
 *              Origin (string), electric (boolean), tags (json)
 *   countries  iso3 (string: alpha-3 codes), region (string), usd (number)
 *   places     name (string: 'France', not a code), usd (number)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* every case checks the error slot too (chart_check_util.h) */
#define CHART_SLOT_CHECKS 1
#include "chart_check_util.h"

static const char *DATA =
    "{\"data\":["
    "{\"Name\":\"a\",\"Miles_per_Gallon\":18,\"Horsepower\":130,\"Year\":1970,"
    "\"Origin\":\"USA\",\"electric\":false,\"tags\":[1]},"
    "{\"Name\":\"b\",\"Miles_per_Gallon\":null,\"Horsepower\":90,\"Year\":1971,"
    "\"Origin\":\"Japan\",\"electric\":true,\"tags\":[2]}],"
    "\"countries\":[{\"iso3\":\"HUN\",\"region\":\"Europe\",\"usd\":7.3},"
    "{\"iso3\":\"THA\",\"region\":\"Asia\",\"usd\":1.4},"
    "{\"iso3\":null,\"region\":\"Asia\",\"usd\":1}],"
    "\"places\":[{\"name\":\"France\",\"usd\":2}]}";

/* A line view with the given extra members (after the required ones). */
static const char *LINE(const char *extra) {
  static char buf[8192];
  snprintf(buf, sizeof buf,
           "{'id':'v','title':'t','table':'data','mark':'line',"
           "'x':{'column':'Year'},'y':{'column':'Horsepower'}%s%s}",
           extra[0] ? "," : "", extra);
  return V(buf);
}

/* Accepted, normalised output exactly `want` (' quotes), which checks
 * again to itself. */
#define OK_AS(desc, want)   \
  do {                      \
    char *o_ = OK(desc);    \
    CHECK_STR(o_, J(want)); \
    if (o_) {               \
      char *p_ = OK(o_);    \
      CHECK_STR(p_, o_);    \
      free(p_);             \
    }                       \
    free(o_);               \
  } while (0)
#define ACCEPT(desc) free(OK(desc))

static void test_json(void) {
  ERR("{\"format\":", EV_ERR_PARSE,
      "JSON parse error at line 1, column 11: unexpected end of input "
      "(expected a value)");
  ERR("", EV_ERR_PARSE,
      "JSON parse error at line 1, column 1: the input is empty");
  ERR(J("{'format':'a\\u0000b'}"), EV_ERR_RANGE,
      "a \\u0000 escape (U+0000, NUL) at line 1, column 13: the engine does "
      "not accept NUL characters in strings");
  size_t big = EV_CHART_MAX_BYTES + 1;
  char *huge = malloc(big);
  memset(huge, ' ', big);
  huge[0] = '{';
  huge[big - 1] = '}';
  ERR_LEN(huge, big, EV_ERR_LIMIT,
          "description: 1048577 bytes, over the limit of 1048576 bytes");
  free(huge);
  ERR(J("{'format':1e999}"), EV_ERR_SHAPE,
      "format: expected a string, got a number");
  ERR(LINE("'annotations':[{'x':1e999,'text':'a'}]"), EV_ERR_RANGE,
      "views[0].annotations[0].x: the number is too large for a double");
}

static void test_document(void) {
  ERR("[]", EV_ERR_SHAPE, "description: expected an object, got an array");
  ERR(J("{'formt':'ev-chart/1'}"), EV_ERR_SHAPE,
      "formt: unknown key 'formt' (did you mean 'format'?)");
  ERR(J("{'colour':1}"), EV_ERR_SHAPE,
      "colour: unknown key 'colour' (known: format, locales, title, dataset, "
      "provenance, names, views)");
  ERR(J("{'format':'ev-chart/1','format':'ev-chart/1'}"), EV_ERR_SHAPE,
      "format: key 'format' given twice");
  ERR(J("{'title':'x'}"), EV_ERR_SHAPE, "format: missing (\"ev-chart/1\")");
  ERR(J("{'format':'ev-chart/2'}"), EV_ERR_SHAPE,
      "format: expected \"ev-chart/1\", got \"ev-chart/2\"");
  ERR(J("{'format':'ev-chart/1','title':'x'}"), EV_ERR_SHAPE,
      "locales: missing (language tags, the default first)");
  ERR(J("{'format':'ev-chart/1','locales':[],'title':'x'}"), EV_ERR_SHAPE,
      "locales: an empty list (at least 1 needed)");
  ERR(J("{'format':'ev-chart/1','locales':'en'}"), EV_ERR_SHAPE,
      "locales: expected an array, got a string");
  ERR(J("{'format':'ev-chart/"
        "1','locales':['a','b','c','d','e','f','g','h','i']}"),
      EV_ERR_LIMIT, "locales: 9 locales, over the limit of 8");
  ERR(J("{'format':'ev-chart/1','locales':['en','en_US']}"), EV_ERR_SHAPE,
      "locales[1]: 'en_US' is not a language tag (letters, digits and '-', "
      "e.g. 'en', 'zh', 'pt-BR')");
  ERR(J("{'format':'ev-chart/1','locales':['e']}"), EV_ERR_SHAPE,
      "locales[0]: 'e' is not a language tag (letters, digits and '-', "
      "e.g. 'en', 'zh', 'pt-BR')");
  ERR(J("{'format':'ev-chart/1','locales':['en-abcdefg-hijklm']}"),
      EV_ERR_LIMIT,
      "locales[0]: a language tag of 17 bytes, over the limit of 16");
  ERR(J("{'format':'ev-chart/1','locales':['en','zh','EN']}"), EV_ERR_SHAPE,
      "locales[2]: 'EN' is listed twice (also locales[0])");
  ERR(J("{'format':'ev-chart/1','locales':['en']}"), EV_ERR_SHAPE,
      "title: missing (Text)");
  ERR(J("{'format':'ev-chart/1','locales':['en'],'title':'x'}"), EV_ERR_SHAPE,
      "views: missing (1 to 16 views)");
  ERR(J("{'format':'ev-chart/1','locales':['en'],'title':'x','views':[]}"),
      EV_ERR_SHAPE, "views: an empty list (at least 1 needed)");
  char buf[4096] = "";
  for (int i = 0; i < 17; i++) strcat(buf, i ? ",{}" : "{}");
  ERR(V(buf), EV_ERR_LIMIT, "views: 17 views, over the limit of 16");
  ERR(V("[]"), EV_ERR_SHAPE, "views[0]: expected an object, got an array");
}

static void test_text(void) {
  const char *head = "{'format':'ev-chart/1','locales':['en','zh'],'title':";
  char buf[8192];
#define DOC(title) (snprintf(buf, sizeof buf, "%s%s}", head, title), J(buf))
  ERR(DOC("3"), EV_ERR_SHAPE,
      "title: expected text (a string, or an object of strings by locale), "
      "got a number");
  ERR(DOC("{'en':'a','fr':'b'}"), EV_ERR_SHAPE,
      "title.fr: 'fr' is not one of the locales (en, zh)");
  ERR(DOC("{'zh':'x'}"), EV_ERR_SHAPE,
      "title: no text for the default locale 'en'");
  ERR(DOC("{'en':1}"), EV_ERR_SHAPE,
      "title.en: expected a string, got a number");
  ERR(DOC("{'en':{'en':'x'}}"), EV_ERR_SHAPE,
      "title.en: expected a string, got an object");
  ERR(DOC("{'en':'a','en':'b'}"), EV_ERR_SHAPE,
      "title.en: key 'en' given twice");
  char longtext[2100];
  memset(longtext, 'x', 2001);
  longtext[2001] = '\0';
  char t[4400];
  snprintf(t, sizeof t, "'%s'", longtext);
  ERR(DOC(t), EV_ERR_LIMIT,
      "title: text of 2001 bytes, over the limit of 2000");
  snprintf(t, sizeof t, "{'en':'a','zh':'%s'}", longtext);
  ERR(DOC(t), EV_ERR_LIMIT,
      "title.zh: text of 2001 bytes, over the limit of 2000");
  longtext[2000] = '\0';
  snprintf(t, sizeof t,
           "{'format':'ev-chart/1','locales':['en'],'title':'%s',"
           "'views':[{'id':'v','title':'t','table':'data','mark':'line',"
           "'x':{'column':'Year'},'y':{'column':'Horsepower'}}]}",
           longtext);
  ACCEPT(J(t));
  ERR(J("{'format':'ev-chart/1','locales':['en','pt-BR'],'title':{'en':'a',"
        "'pt-BR':5}}"),
      EV_ERR_SHAPE, "title[\"pt-BR\"]: expected a string, got a number");
  ERR(LINE("'notes':[{'en':'a'},{'zh':'b'}]"), EV_ERR_SHAPE,
      "views[0].notes[1]: no text for the default locale 'en'");
  ERR(LINE("'notes':[null]"), EV_ERR_SHAPE,
      "views[0].notes[0]: expected text (a string, or an object of strings "
      "by locale), got null");
#undef DOC
}

static void test_dataset(void) {
  char buf[4096];
#define DS(ds)                                                            \
  (snprintf(buf, sizeof buf,                                              \
            "{'format':'ev-chart/1','locales':['en'],'title':'x',"        \
            "'dataset':%s,'views':[{'id':'v','title':'t','table':'data'," \
            "'mark':'bar','x':{'column':'Origin'},'y':{'aggregate':"      \
            "'count'}}]}",                                                \
            ds),                                                          \
   J(buf))
  ACCEPT(DS("{'url':'cars.json'}"));
  ACCEPT(DS("{'url':'https://example.org/data/cars.json'}"));
  ACCEPT(DS("{'url':'HTTPS://example.org/cars.json'}"));
  ACCEPT(DS("{'inline':true}"));
  ERR(DS("{'url':'javascript:alert(1)'}"), EV_ERR_SHAPE,
      "dataset.url: 'javascript:' URLs are not allowed (https: only)");
  ERR(DS("{'url':'http://example.org/cars.json'}"), EV_ERR_SHAPE,
      "dataset.url: 'http:' URLs are not allowed (https: only)");
  ERR(DS("{'url':'data:text/plain,x'}"), EV_ERR_SHAPE,
      "dataset.url: 'data:' URLs are not allowed (https: only)");
  ERR(DS("{'url':'//evil.example/x.json'}"), EV_ERR_SHAPE,
      "dataset.url: '//evil.example/x.json' is a scheme-relative URL; write "
      "https://...");
  ERR(DS("{'url':' javascript:alert(1)'}"), EV_ERR_SHAPE,
      "dataset.url: a URL must not hold spaces, control characters or '\\' "
      "(write them %-encoded)");
  ERR(DS("{'url':'\\\\\\\\evil.example/x'}"), EV_ERR_SHAPE,
      "dataset.url: a URL must not hold spaces, control characters or '\\' "
      "(write them %-encoded)");
  ERR(DS("{'url':'https:///x'}"), EV_ERR_SHAPE,
      "dataset.url: 'https:///x' has no host (https://host/...)");
  ERR(DS("{'url':''}"), EV_ERR_SHAPE, "dataset.url: an empty URL");
  ERR(DS("{'url':'a','inline':true}"), EV_ERR_SHAPE,
      "dataset: give 'url' or 'inline', not both");
  ERR(DS("{}"), EV_ERR_SHAPE,
      "dataset: expected {\"url\": ...} or {\"inline\": true}");
  ERR(DS("{'inline':false}"), EV_ERR_SHAPE,
      "dataset.inline: expected true, got false");
  ERR(DS("{'uri':'a'}"), EV_ERR_SHAPE,
      "dataset.uri: unknown key 'uri' (did you mean 'url'?)");
#undef DS
}

static void test_view_keys(void) {
  ERR(V("{'id':'v','tittle':'t'}"), EV_ERR_SHAPE,
      "views[0].tittle: unknown key 'tittle' (did you mean 'title'?)");
  ERR(V("{'a b':1}"), EV_ERR_SHAPE,
      "views[0][\"a b\"]: unknown key 'a b' (known: id, title, tab, "
      "subtitle, modes, layout, panels, table, mark, x, y, series, filters, "
      "derive, "
      "trend, map, annotations, reference, source, detail, sort, range, "
      "findings, notes, sources)");
  ERR(V("{'title':'t'}"), EV_ERR_SHAPE,
      "views[0].id: missing (a view needs an id)");
  ERR(V("{'id':'Mpg'}"), EV_ERR_SHAPE,
      "views[0].id: 'Mpg' is not a view id (a-z, 0-9 and '-', not starting "
      "with '-')");
  ERR(V("{'id':'-a'}"), EV_ERR_SHAPE,
      "views[0].id: '-a' is not a view id (a-z, 0-9 and '-', not starting "
      "with '-')");
  ERR(V("{'id':'abcdefghijabcdefghijabcdefghijabcdefghijk'}"), EV_ERR_LIMIT,
      "views[0].id: an id of 41 bytes, over the limit of 40");
  ERR(V("{'id':'a','title':'t','table':'data','mark':'bar','x':{'column':"
        "'Origin'},'y':{'aggregate':'count'}},{'id':'a'}"),
      EV_ERR_SHAPE, "views[1].id: 'a' is the id of views[0] too");
  ERR(V("{'id':'a'}"), EV_ERR_SHAPE, "views[0].title: missing (Text)");
  ERR(V("{'id':'a','title':'t','subtitle':5}"), EV_ERR_SHAPE,
      "views[0].subtitle: expected text (a string, or an object of strings "
      "by locale), got a number");
  ERR(V("{'id':'a','title':'t'}"), EV_ERR_SHAPE,
      "views[0].table: missing (the table of the dataset to draw)");
  ERR(V("{'id':'a','title':'t','table':'dat'}"), EV_ERR_COLUMN,
      "views[0].table: the dataset has no table 'dat' (did you mean 'data'?)");
  ERR(V("{'id':'a','title':'t','table':'flights'}"), EV_ERR_COLUMN,
      "views[0].table: the dataset has no table 'flights' (tables: data, "
      "countries, places)");
  ERR(V("{'id':'a','title':'t','table':'data'}"), EV_ERR_SHAPE,
      "views[0].mark: missing (line, bar, hbar, point or map)");
  ERR(V("{'id':'a','title':'t','table':'data','mark':'bar','x':{'column':"
        "'Origin'},'y':{'aggregate':'count'}},{'id':'b','title':'t','table':"
        "'data','mark':'bar','x':{'column':'Origin'},'y':{'aggregate':'count'}"
        "},{'id':'c','title':'t','table':'data','mark':'pie'}"),
      EV_ERR_SHAPE,
      "views[2].mark: unknown mark 'pie' (line, bar, hbar, point, map)");
}

static void test_mark_rules(void) {
  ERR(V("{'id':'a','title':'t','table':'data','mark':'line','y':{}}"),
      EV_ERR_SHAPE, "views[0].x: missing (a line, bar, hbar or point needs x)");
  ERR(V("{'id':'a','title':'t','table':'countries','mark':'map','x':{'column':"
        "'iso3'}}"),
      EV_ERR_SHAPE,
      "views[0].x: a map has no x (values are placed by map.key)");
  ERR(V("{'id':'a','title':'t','table':'countries','mark':'map','y':{}}"),
      EV_ERR_SHAPE, "views[0].map: missing (a map mark needs 'map')");
  ERR(V("{'id':'a','title':'t','table':'countries','mark':'bar','x':{'column':"
        "'iso3'},'y':{'aggregate':'count'},'map':{'key':'iso3'}}"),
      EV_ERR_SHAPE,
      "views[0].map: only a map mark takes 'map' (mark is 'bar')");
  ERR(V("{'id':'a','title':'t','table':'data','mark':'hbar','x':{'column':"
        "'Origin'},'y':{'aggregate':'count'},'trend':{'method':'linear',"
        "'horizon':3}}"),
      EV_ERR_SHAPE,
      "views[0].trend: a trend projection needs a line or a bar (mark is "
      "'hbar')");
  ERR(V("{'id':'a','title':'t','table':'countries','mark':'map','map':{'key':"
        "'iso3'},'y':{'aggregate':'count'},'annotations':[{'x':'HUN','text':"
        "'a'}]}"),
      EV_ERR_SHAPE,
      "views[0].annotations: a map has no x to place annotations at");
  ERR(V("{'id':'a','title':'t','table':'data','mark':'line'}"), EV_ERR_SHAPE,
      "views[0].x: missing (a line, bar, hbar or point needs x)");
  ERR(V("{'id':'a','title':'t','table':'data','mark':'line','x':{'column':"
        "'Year'}}"),
      EV_ERR_SHAPE, "views[0].y: missing (the values to draw)");
}

static void test_x(void) {
  ERR(V("{'id':'a','title':'t','table':'data','mark':'line','x':{'column':"
        "'Name'},'y':{'column':'Horsepower'}}"),
      EV_ERR_TYPE,
      "views[0].x.column: a line needs a number x; 'Name' is string");
  ERR(V("{'id':'a','title':'t','table':'data','mark':'point','x':{'column':"
        "'electric'},'y':{'column':'Horsepower'}}"),
      EV_ERR_TYPE,
      "views[0].x.column: a point needs a number x; 'electric' is boolean");
  ERR(V("{'id':'a','title':'t','table':'data','mark':'bar','x':{'column':"
        "'tags'},'y':{'aggregate':'count'}}"),
      EV_ERR_TYPE,
      "views[0].x.column: a bar needs a string, number or boolean x; 'tags' "
      "is json");
  ERR(V("{'id':'a','title':'t','table':'data','mark':'line','x':{'column':"
        "'Yeer'},'y':{'column':'Horsepower'}}"),
      EV_ERR_COLUMN,
      "views[0].x.column: table 'data' has no column 'Yeer' (did you mean "
      "'Year'?)");
  ERR(V("{'id':'a','title':'t','table':'data','mark':'line','x':{'label':'t'"
        "},'y':{'column':'Horsepower'}}"),
      EV_ERR_SHAPE, "views[0].x.column: missing (the x column)");
  ERR(V("{'id':'a','title':'t','table':'data','mark':'line','x':{'column':"
        "'Year','lable':'t'},'y':{'column':'Horsepower'}}"),
      EV_ERR_SHAPE,
      "views[0].x.lable: unknown key 'lable' (did you mean 'label'?)");
  ERR(V("{'id':'a','title':'t','table':'data','mark':'line','x':{'column':"
        "'Year','label':{'de':'Jahr'}},'y':{'column':'Horsepower'}}"),
      EV_ERR_SHAPE,
      "views[0].x.label.de: 'de' is not one of the locales (en, zh)");
  ERR(V("{'id':'a','title':'t','table':'data','mark':'line','x':'Year',"
        "'y':{'column':'Horsepower'}}"),
      EV_ERR_SHAPE, "views[0].x: expected an object, got a string");
}

/* A view of `mark` on table data with x column `x` and y object `y`, then
 * the extra members. */
static const char *VIEW(const char *mark, const char *x, const char *y,
                        const char *extra) {
  static char buf[12288];
  snprintf(buf, sizeof buf,
           "{'id':'v','title':'t','table':'data','mark':'%s','x':{'column':"
           "'%s'},'y':%s%s%s}",
           mark, x, y, extra[0] ? "," : "", extra);
  return V(buf);
}
#define BAR(y, extra) VIEW("bar", "Origin", (y), (extra))
#define LINE_Y(y, extra) VIEW("line", "Year", (y), (extra))

static void test_y(void) {
  ERR(V("{'id':'a','title':'t','table':'data','mark':'bar','x':{'column':"
        "'Origin'},'y':{'aggregate':'count'}},{'id':'b','title':'t','table':"
        "'data','mark':'bar','x':{'column':'Origin'},'y':{'column':'Origin',"
        "'aggregate':'mean'}}"),
      EV_ERR_TYPE,
      "views[1].y.aggregate: 'mean' needs a number column; 'Origin' is string");
  ERR(LINE_Y("{'column':'Horsepowr'}", ""), EV_ERR_COLUMN,
      "views[0].y.column: table 'data' has no column 'Horsepowr' (did you "
      "mean 'Horsepower'?)");
  ERR(LINE_Y("{'column':'zzzz'}", ""), EV_ERR_COLUMN,
      "views[0].y.column: table 'data' has no column 'zzzz'");
  ERR(LINE_Y("{'column':'Name'}", ""), EV_ERR_TYPE,
      "views[0].y.column: y needs a number column (or an aggregate); 'Name' is "
      "string");
  ERR(LINE_Y("{}", ""), EV_ERR_SHAPE,
      "views[0].y.column: missing (y needs a column, or the aggregate "
      "'count')");
  ERR(BAR("{'aggregate':'sum'}", ""), EV_ERR_SHAPE,
      "views[0].y.column: missing ('sum' needs a column)");
  ERR(BAR("{'column':'Horsepower','aggregate':'average'}", ""), EV_ERR_SHAPE,
      "views[0].y.aggregate: unknown aggregate 'average' (count, sum, mean, "
      "min, max, median)");
  ERR(BAR("{'column':'Horsepower','aggregate':'sum','scale':'logarithmic'}",
          ""),
      EV_ERR_SHAPE,
      "views[0].y.scale: unknown scale 'logarithmic' (linear, log)");
  ERR(BAR("{'column':'Horsepower','aggregate':'sum','unit':7}", ""),
      EV_ERR_SHAPE,
      "views[0].y.unit: expected text (a string, or an object of strings by "
      "locale), got a number");
  ERR(V("{'id':'a','title':'t','table':'countries','mark':'map','map':{'key':"
        "'iso3'},'y':{'column':'usd','aggregate':'sum','scale':'log'}}"),
      EV_ERR_SHAPE,
      "views[0].y.scale: a map has no value axis (circle areas are linear)");
  /* count takes any column (its non-missing values) or none (rows) */
  ACCEPT(BAR("{'aggregate':'count','column':'Name'}", ""));
  ACCEPT(BAR("{'aggregate':'median','column':'Miles_per_Gallon','scale':'log'}",
             ""));
}

static void test_series(void) {
  ERR(BAR("{'aggregate':'count'}", "'series':{'column':'tags'}"), EV_ERR_TYPE,
      "views[0].series.column: a series needs a string, number or boolean "
      "column; 'tags' is json");
  ERR(BAR("{'aggregate':'count'}", "'series':{'column':'Origin'}"),
      EV_ERR_SHAPE, "views[0].series.column: 'Origin' is already the x column");
  ERR(BAR("{'aggregate':'count'}", "'series':{'column':'Orign'}"),
      EV_ERR_COLUMN,
      "views[0].series.column: table 'data' has no column 'Orign' (did you "
      "mean 'Origin'?)");
  ERR(BAR("{'aggregate':'count'}",
          "'series':{'column':'Year','labels':{'1970':'Y70','later':'x'}}"),
      EV_ERR_TYPE,
      "views[0].series.labels.later: 'Year' is number; 'later' is not a "
      "number");
  ERR(BAR("{'aggregate':'count'}",
          "'series':{'column':'Year','labels':{'1970.0':'Y70'}}"),
      EV_ERR_SHAPE,
      "views[0].series.labels[\"1970.0\"]: write the number 1970.0 as '1970'");
  ERR(BAR("{'aggregate':'count'}",
          "'series':{'column':'Year','labels':{'-0':'z'}}"),
      EV_ERR_SHAPE,
      "views[0].series.labels[\"-0\"]: write the number -0 as '0'");
  ERR(BAR("{'aggregate':'count'}",
          "'series':{'column':'Year','labels':{'1e3':'k'}}"),
      EV_ERR_SHAPE,
      "views[0].series.labels[\"1e3\"]: write the number 1e3 as '1000'");
  ACCEPT(BAR("{'aggregate':'count'}",
             "'series':{'column':'Year','labels':{'1970':'a','-2.5':'b','0.1':"
             "'c','1e+21':'d'}}"));
  ERR(BAR("{'aggregate':'count'}",
          "'series':{'column':'electric','labels':{'yes':'EV'}}"),
      EV_ERR_TYPE,
      "views[0].series.labels.yes: 'electric' is boolean; label keys are "
      "'true' or 'false'");
  ERR(BAR("{'aggregate':'count'}",
          "'series':{'column':'Year','labels':{'1970':{'zh':'x'}}}"),
      EV_ERR_SHAPE,
      "views[0].series.labels[\"1970\"]: no text for the default locale 'en'");
  ERR(BAR("{'aggregate':'count'}",
          "'series':{'column':'Year','order':['1971']}"),
      EV_ERR_TYPE, "views[0].series.order[0]: 'Year' is number, got a string");
  ERR(BAR("{'aggregate':'count'}",
          "'series':{'column':'Year','order':[1971,1970,1971]}"),
      EV_ERR_SHAPE, "views[0].series.order[2]: listed twice (also order[0])");
  ACCEPT(BAR("{'aggregate':'count'}",
             "'series':{'column':'electric','labels':{'true':'EV','false':"
             "{'en':'other','zh':'其他'}},'order':[true,false]}"));
}

static void test_filters(void) {
  const char *y = "{'aggregate':'count'}";
  ERR(BAR(y, "'filters':[{'column':'Year','eq':'1970'}]"), EV_ERR_TYPE,
      "views[0].filters[0].eq: 'Year' is number, got a string");
  ERR(BAR(y, "'filters':[{'column':'Origin','in':['USA',3]}]"), EV_ERR_TYPE,
      "views[0].filters[0].in[1]: 'Origin' is string, got a number");
  ERR(BAR(y, "'filters':[{'column':'electric','eq':1}]"), EV_ERR_TYPE,
      "views[0].filters[0].eq: 'electric' is boolean, got a number");
  ERR(BAR(y, "'filters':[{'column':'Origin','range':[1,2]}]"), EV_ERR_TYPE,
      "views[0].filters[0].range: a range needs a number column; 'Origin' is "
      "string");
  ERR(BAR(y, "'filters':[{'column':'Year','range':[1982,1970]}]"), EV_ERR_SHAPE,
      "views[0].filters[0].range: lo 1982 is above hi 1970");
  ERR(BAR(y, "'filters':[{'column':'Year','range':[1970]}]"), EV_ERR_SHAPE,
      "views[0].filters[0].range: expected [lo, hi] (null for an open end)");
  ERR(BAR(y, "'filters':[{'column':'Year','range':[null,'x']}]"), EV_ERR_SHAPE,
      "views[0].filters[0].range[1]: expected a number, got a string");
  ERR(BAR(y, "'filters':[{'column':'Year','eq':1970,'range':[1,2]}]"),
      EV_ERR_SHAPE,
      "views[0].filters[0]: give one of 'eq', 'in' or 'range', not two");
  ERR(BAR(y, "'filters':[{'column':'Year'}]"), EV_ERR_SHAPE,
      "views[0].filters[0]: expected 'eq', 'in' or 'range'");
  ERR(BAR(y, "'filters':[{'column':'Year','eq':null}]"), EV_ERR_SHAPE,
      "views[0].filters[0].eq: null never matches (missing values are left "
      "out)");
  ERR(BAR(y, "'filters':[{'column':'Year','in':[]}]"), EV_ERR_SHAPE,
      "views[0].filters[0].in: an empty list (at least 1 needed)");
  ERR(BAR(y, "'filters':[{'column':'tags','eq':'x'}]"), EV_ERR_TYPE,
      "views[0].filters[0].column: 'tags' holds nested JSON and cannot be "
      "filtered");
  ERR(BAR(y, "'filters':[{'column':'Yaer','eq':1}]"), EV_ERR_COLUMN,
      "views[0].filters[0].column: table 'data' has no column 'Yaer' (did "
      "you mean 'Year'?)");
  ERR(BAR(y, "'filters':[{'column':'Yr','eq':1}]"), EV_ERR_COLUMN,
      "views[0].filters[0].column: table 'data' has no column 'Yr'");
  ERR(BAR(y, "'filters':{'column':'Year','eq':1}"), EV_ERR_SHAPE,
      "views[0].filters: expected an array, got an object");
  static char buf[12000], list[10000];
  buf[0] = '\0';
  strcat(buf, "'filters':[");
  for (int i = 0; i < 17; i++)
    strcat(buf, i ? ",{'column':'Year','eq':1}" : "{'column':'Year','eq':1}");
  strcat(buf, "]");
  ERR(BAR(y, buf), EV_ERR_LIMIT,
      "views[0].filters: 17 filters, over the limit of 16");
  size_t n = 0;
  for (int i = 0; i <= EV_CHART_MAX_IN; i++)
    n += (size_t)snprintf(list + n, sizeof list - n, i ? ",1" : "1");
  snprintf(buf, sizeof buf, "'filters':[{'column':'Year','in':[%s]}]", list);
  ERR(BAR(y, buf), EV_ERR_LIMIT,
      "views[0].filters[0].in: 4097 values, over the limit of 4096");
  ACCEPT(BAR(y,
             "'filters':[{'column':'Year','range':[null,1971]},{'column':"
             "'Origin','in':['USA','Japan']},{'column':'electric','eq':"
             "false}]"));
}

static void test_derive(void) {
  const char *raw = "{'column':'share'}";
  ACCEPT(LINE_Y(
      raw, "'derive':[{'op':'share','column':'Horsepower','as':'share'}]"));
  ERR(LINE_Y("{'column':'shar'}",
             "'derive':[{'op':'share','column':'Horsepower','as':'share'}]"),
      EV_ERR_COLUMN,
      "views[0].y.column: table 'data' has no column 'shar' (did you mean "
      "'share'?)");
  ERR(LINE_Y(raw, "'derive':[{'op':'pie','column':'Horsepower','as':'share'}]"),
      EV_ERR_SHAPE,
      "views[0].derive[0].op: unknown derive op 'pie' (share, ratio, index, "
      "change, pct_change, cumsum, rolling_mean)");
  ERR(LINE_Y(raw,
             "'derive':[{'op':'cumsum','column':'Horsepower','as':'share'}]"),
      EV_ERR_SHAPE,
      "views[0].derive[0].order: missing ('cumsum' needs 'order')");
  ERR(LINE_Y(raw,
             "'derive':[{'op':'share','column':'Horsepower','window':3,"
             "'as':'share'}]"),
      EV_ERR_SHAPE, "views[0].derive[0].window: 'share' takes no 'window'");
  ERR(LINE_Y(raw,
             "'derive':[{'op':'share','column':'Horsepowr','as':'share'}]"),
      EV_ERR_COLUMN,
      "views[0].derive[0].column: table 'data' has no column 'Horsepowr' (did "
      "you mean 'Horsepower'?)");
  ERR(LINE_Y(raw, "'derive':[{'op':'share','column':'Origin','as':'share'}]"),
      EV_ERR_TYPE,
      "views[0].derive[0].column: a derive column needs a number column; "
      "'Origin' is string");
  ERR(LINE_Y(raw,
             "'derive':[{'op':'ratio','column':'Horsepower','key':"
             "'Origin','denominator':1,'as':'share'}]"),
      EV_ERR_TYPE,
      "views[0].derive[0].denominator: 'Origin' is string, got a number");
  ERR(LINE_Y(raw,
             "'derive':[{'op':'rolling_mean','column':'Horsepower',"
             "'order':'Year','window':1001,'as':'share'}]"),
      EV_ERR_LIMIT,
      "views[0].derive[0].window: a window of 1001 rows, over the limit of "
      "1000");
  ERR(LINE_Y(raw,
             "'derive':[{'op':'change','column':'Horsepower','order':"
             "'Year','step':0,'as':'share'}]"),
      EV_ERR_SHAPE, "views[0].derive[0].step: a step must be above 0");
  ERR(LINE_Y("{'column':'Horsepower'}",
             "'derive':[{'op':'share','column':'Horsepower','as':'Year'}]"),
      EV_ERR_SHAPE,
      "views[0].derive[0].as: 'Year' is already a column; name the result "
      "with another 'as'");
  ERR(LINE_Y(raw,
             "'derive':[{'op':'share','column':'Horsepower','by':"
             "['Origin'],'partition':['Origin'],'as':'share'}]"),
      EV_ERR_SHAPE, "views[0].derive[0]: give 'by' or 'partition', not both");
  ERR(LINE_Y(raw,
             "'derive':[{'op':'share','column':'Horsepower','by':"
             "['Origin','Oigin'],'as':'share'}]"),
      EV_ERR_COLUMN,
      "views[0].derive[0].by[1]: table 'data' has no column 'Oigin' (did you "
      "mean 'Origin'?)");
  ERR(LINE_Y(raw,
             "'derive':[{'op':'index','column':'Horsepower','order':"
             "'Year','as':'share'}]"),
      EV_ERR_SHAPE, "views[0].derive[0].base: missing ('index' needs 'base')");
  /* a later step may use an earlier step's name; the default name is
   * <op>_<column> */
  ACCEPT(LINE_Y("{'column':'cumsum_share'}",
                "'derive':[{'op':'share','column':'Horsepower','as':'share'},"
                "{'op':'cumsum','column':'share','order':'Year'}]"));
  /* with an aggregate, the steps see the group keys and aggregated numbers */
  ACCEPT(BAR("{'column':'s','aggregate':'sum'}",
             "'series':{'column':'Year'},'derive':[{'op':'share','column':"
             "'Horsepower','by':['Year'],'as':'s'}]"));
  ERR(BAR("{'column':'s','aggregate':'mean'}",
          "'series':{'column':'Year'},'derive':[{'op':'share','column':"
          "'Name','by':['Year'],'as':'s'}]"),
      EV_ERR_TYPE,
      "views[0].derive[0].column: 'mean' needs a number column; 'Name' is "
      "string (it is aggregated: not x or series)");
  ACCEPT(BAR("{'column':'s','aggregate':'count'}",
             "'derive':[{'op':'share','column':'count','as':'s'}]"));
  char buf[4096] = "'derive':[";
  for (int i = 0; i < 9; i++) {
    char one[128];
    snprintf(one, sizeof one,
             "%s{'op':'share','column':'Horsepower','as':'s%d'}", i ? "," : "",
             i);
    strcat(buf, one);
  }
  strcat(buf, "]");
  ERR(LINE_Y("{'column':'Horsepower'}", buf), EV_ERR_LIMIT,
      "views[0].derive: 9 derive steps, over the limit of 8");
}

static void test_trend(void) {
  const char *y = "{'column':'Horsepower'}";
  ERR(LINE_Y(y, "'trend':{'method':'linear','horizon':51}"), EV_ERR_LIMIT,
      "views[0].trend.horizon: 51 steps, outside 1 to 50");
  ERR(LINE_Y(y, "'trend':{'method':'linear','horizon':0}"), EV_ERR_LIMIT,
      "views[0].trend.horizon: 0 steps, outside 1 to 50");
  ERR(LINE_Y(y, "'trend':{'method':'linear','horizon':2.5}"), EV_ERR_SHAPE,
      "views[0].trend.horizon: expected a whole number of steps");
  ERR(LINE_Y(y, "'trend':{'method':'linear','horizon':5,'level':1}"),
      EV_ERR_SHAPE,
      "views[0].trend.level: 1 is not between 0 and 1 (e.g. 0.95)");
  ERR(LINE_Y(y, "'trend':{'method':'cubic','horizon':5}"), EV_ERR_SHAPE,
      "views[0].trend.method: unknown method 'cubic' (linear, loglinear, "
      "holt)");
  ERR(LINE_Y(y, "'trend':{'horizon':5}"), EV_ERR_SHAPE,
      "views[0].trend.method: missing (linear, loglinear or holt)");
  ERR(LINE_Y(y, "'trend':{'method':'holt'}"), EV_ERR_SHAPE,
      "views[0].trend.horizon: missing (steps of x beyond the last point)");
}

static void test_map(void) {
  ERR(V("{'id':'m','title':'t','table':'countries','mark':'map','map':{'key':"
        "'usd'},'y':{'aggregate':'count'}}"),
      EV_ERR_TYPE,
      "views[0].map.key: a map key needs a string column of ISO 3166-1 "
      "alpha-3 codes; 'usd' is number");
  ERR(V("{'id':'m','title':'t','table':'places','mark':'map','map':{'key':"
        "'name'},'y':{'aggregate':'count'}}"),
      EV_ERR_DATA,
      "views[0].map.key: 'name' holds 'France', not an ISO 3166-1 alpha-3 "
      "code (e.g. 'HUN')");
  ERR(V("{'id':'m','title':'t','table':'countries','mark':'map','map':{'key':"
        "'iso3','projection':'robinson'},'y':{'aggregate':'count'}}"),
      EV_ERR_SHAPE,
      "views[0].map.projection: unknown projection 'robinson' (equal-earth, "
      "natural-earth, mercator, equirectangular)");
  ERR(V("{'id':'m','title':'t','table':'countries','mark':'map','map':{},"
        "'y':{'aggregate':'count'}}"),
      EV_ERR_SHAPE,
      "views[0].map.key: missing (a column of ISO 3166-1 alpha-3 codes)");
}

static void test_lists(void) {
  const char *y = "{'column':'Horsepower'}";
  ERR(LINE_Y(y, "'annotations':[{'x':'1970','text':'a'}]"), EV_ERR_TYPE,
      "views[0].annotations[0].x: 'Year' is number, got a string");
  ERR(LINE_Y(y, "'annotations':[{'x':1970}]"), EV_ERR_SHAPE,
      "views[0].annotations[0].text: missing (the note)");
  ERR(LINE_Y(y, "'annotations':[{'x':1970,'y':'high','text':'a'}]"),
      EV_ERR_SHAPE,
      "views[0].annotations[0].y: expected a number, got a string");
  ERR(BAR("{'aggregate':'count'}", "'annotations':[{'x':1,'text':'a'}]"),
      EV_ERR_TYPE,
      "views[0].annotations[0].x: 'Origin' is string, got a number");
  char buf[4096] = "'notes':[";
  for (int i = 0; i < 17; i++) strcat(buf, i ? ",'n'" : "'n'");
  strcat(buf, "]");
  ERR(LINE_Y(y, buf), EV_ERR_LIMIT,
      "views[0].notes: 17 notes, over the limit of 16");
  ERR(LINE_Y(y, "'sources':[{'name':'a','url':'cars.json'}]"), EV_ERR_SHAPE,
      "views[0].sources[0].url: 'cars.json' is not an absolute URL (https: or "
      "http: only)");
  ERR(LINE_Y(y, "'sources':[{'name':'a','url':'ftp://x.org/a'}]"), EV_ERR_SHAPE,
      "views[0].sources[0].url: 'ftp:' URLs are not allowed (https: or http: "
      "only)");
  ERR(LINE_Y(y, "'sources':[{'url':'https://x.org/'}]"), EV_ERR_SHAPE,
      "views[0].sources[0].name: missing (the source's name)");
  ERR(LINE_Y(y, "'sources':['Vega']"), EV_ERR_SHAPE,
      "views[0].sources[0]: expected an object, got a string");
  ACCEPT(LINE_Y(y, "'sources':[{'name':'a','url':'http://x.org/a'}]"));
}

/* A view's tab label: optional Text of at most EV_CHART_MAX_TAB_BYTES per
 * string (a one-chart view or one with panels, not a panel); null when
 * absent. */
static void test_tab(void) {
  char *o = OK(LINE("'tab':{'en':'Sales','zh':'销量'}"));
  CHECK(o && strstr(o, J("'title':{'en':'t'},'table':'data'")));
  CHECK(o && strstr(o, J("'tab':{'en':'Sales','zh':'销量'}")));
  free(o);
  /* a plain string is the default locale's; null is the same as absent */
  o = OK(LINE("'tab':'Sales'"));
  CHECK(o && strstr(o, J("'tab':{'en':'Sales'}")));
  free(o);
  o = OK(LINE("'tab':null"));
  CHECK(o && strstr(o, J("'tab':null")));
  free(o);
  o = OK(LINE(""));
  CHECK(o && strstr(o, J("'tab':null")));
  free(o);
  /* exactly the limit (a 3-byte character included) is taken, one more
   * byte is not, in any locale */
  CHECK_EQ_INT(EV_CHART_MAX_TAB_BYTES, 40);
  char tab[64], extra[160];
  memset(tab, 'x', sizeof tab);
  memcpy(tab, "销", 3);
  tab[EV_CHART_MAX_TAB_BYTES] = '\0';
  snprintf(extra, sizeof extra, "'tab':'%s'", tab);
  o = OK(LINE(extra));
  snprintf(extra, sizeof extra, "'tab':{'en':'%s'}", tab);
  CHECK(o && strstr(o, J(extra)));
  free(o);
  tab[EV_CHART_MAX_TAB_BYTES] = 'x';
  tab[EV_CHART_MAX_TAB_BYTES + 1] = '\0';
  snprintf(extra, sizeof extra, "'tab':'%s'", tab);
  ERR(LINE(extra), EV_ERR_LIMIT,
      "views[0].tab: text of 41 bytes, over the limit of 40");
  snprintf(extra, sizeof extra, "'tab':{'en':'a','zh':'%s'}", tab);
  ERR(LINE(extra), EV_ERR_LIMIT,
      "views[0].tab.zh: text of 41 bytes, over the limit of 40");
  /* the title keeps its own limit (48 bytes here) */
  o =
      OK(V("{'id':'v','title':'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
           "xxxx','table':'data','mark':'line','x':{'column':'Year'},'y':{"
           "'column':'Horsepower'}}"));
  CHECK(o != NULL);
  free(o);
  /* Text rules as everywhere */
  ERR(LINE("'tab':5"), EV_ERR_SHAPE,
      "views[0].tab: expected text (a string, or an object of strings by "
      "locale), got a number");
  ERR(LINE("'tab':{'zh':'销量'}"), EV_ERR_SHAPE,
      "views[0].tab: no text for the default locale 'en'");
  ERR(LINE("'tab':{'en':'a','fr':'b'}"), EV_ERR_SHAPE,
      "views[0].tab.fr: 'fr' is not one of the locales (en, zh)");
  /* a view with panels has a tab; a panel does not */
  o =
      OK(V("{'id':'v','title':'t','tab':'Both','panels':[{'id':'a','table':"
           "'data','mark':'line','x':{'column':'Year'},'y':{'column':"
           "'Horsepower'}}]}"));
  CHECK(o && strstr(o, J("'tab':{'en':'Both'}")));
  if (o) {
    char *again = OK(o);
    CHECK_STR(again, o);
    free(again);
  }
  free(o);
  ERR(V("{'id':'v','title':'t','panels':[{'id':'a','tab':'x','table':"
        "'data','mark':'line','x':{'column':'Year'},'y':{'column':"
        "'Horsepower'}}]}"),
      EV_ERR_SHAPE,
      "views[0].panels[0].tab: unknown key 'tab' (known: id, title, weight, "
      "mode, table, mark, x, y, series, filters, derive, trend, map, "
      "annotations, reference, source, detail, sort, compare)");
}

/* Valid descriptions of every mark, with their normalised output. */
static void test_valid(void) {
  OK_AS(V("{'id':'hp','title':'Power','table':'data','mark':'line','x':"
          "{'column':'Year'},'y':{'column':'Horsepower'},'trend':{'method':"
          "'linear','horizon':5}}"),
        "{'format':'ev-chart/1','locales':['en','zh'],'title':{'en':'T'},'v"
        "iews':[{'id':'hp','title':{'en':'Power'},'table':'data','mark':'li"
        "ne','x':{'column':'Year','label':null,'names':null,'complete':fals"
        "e,'choices':[]},'y':{'column':'Horsepower','aggregate':null,'label"
        "':null,'unit':null,'scale':'linear','format':null,'fixed':null,'pe"
        "rcent':false,'approximate':null,'bound':null,'counts':false},'tren"
        "d':{'method':'linear','horizon':5,'level':0.95,'control':false,'se"
        "ries':[]},'tab':null,'subtitle':null,'series':null,'filters':[],'"
        "derive':[],'map':null,'annotations':[],'notes':[],'sources':[],'"
        "reference':[],"
        "'source':null,'detail':null,'sort':null,'panels':[],'layout':'side"
        "','modes':null,'range':null,'findings':[]}],'dataset':null,'proven"
        "ance':null,'names':[]}");
  OK_AS(V("{'id':'by-origin','title':{'en':'By origin','zh':'按产地'},"
          "'table':'data','mark':'bar','x':{'column':'Origin'},'y':{'column':"
          "'Miles_per_Gallon','aggregate':'mean','unit':'mpg','scale':'log'},"
          "'series':{'column':'electric'},'filters':[{'column':'Year',"
          "'range':[1970,null]}],'notes':['n'],'sources':[{'name':'Vega',"
          "'url':'https://github.com/vega/vega-datasets'}],'annotations':"
          "[{'x':'USA','text':'home'}]}"),
        "{'format':'ev-chart/1','locales':['en','zh'],'title':{'en':'T'},'v"
        "iews':[{'id':'by-origin','title':{'en':'By origin','zh':'按产地"
        "'},'table':'data','mark':'bar','x':{'column':'Origin','label':null"
        ",'names':null,'complete':false,'choices':[]},'y':{'column':'Miles_"
        "per_Gallon','aggregate':'mean','unit':{'en':'mpg'},'scale':'log','"
        "label':null,'format':null,'fixed':null,'percent':false,'approximat"
        "e':null,'bound':null,'counts':false},'series':{'column':'electric'"
        ",'labels':{},'order':[],'label':null,'names':null,'styles':{},'spa"
        "rse':[]},'filters':[{'column':'Year','range':[1970,null]}],'notes'"
        ":[{'en':'n'}],'sources':[{'name':{'en':'Vega'},'url':'https://gith"
        "ub.com/vega/vega-datasets'}],'annotations':[{'x':'USA','text':{'en"
        "':'home'},'y':null,'series':null}],'tab':null,'subtitle':null,'de"
        "rive':[],'tr"
        "end':null,'map':null,'reference':[],'source':null,'detail':null,'s"
        "ort':null,'panels':[],'layout':'side','modes':null,'range':null,'f"
        "indings':[]}],'dataset':null,'provenance':null,'names':[]}");
  OK_AS(V("{'id':'n','title':'t','table':'data','mark':'hbar','x':{'column':"
          "'Name'},'y':{'aggregate':'count'}}"),
        "{'format':'ev-chart/1','locales':['en','zh'],'title':{'en':'T'},'v"
        "iews':[{'id':'n','title':{'en':'t'},'table':'data','mark':'hbar','"
        "x':{'column':'Name','label':null,'names':null,'complete':false,'ch"
        "oices':[]},'y':{'aggregate':'count','column':null,'label':null,'un"
        "it':null,'scale':'linear','format':null,'fixed':null,'percent':fal"
        "se,'approximate':null,'bound':null,'counts':false},'tab':null,'sub"
        "title':null"
        ",'series':null,'filters':[],'derive':[],'trend':null,'map':null,'a"
        "nnotations':[],'notes':[],'sources':[],'reference':[],'source':nul"
        "l,'detail':null,'sort':null,'panels':[],'layout':'side','modes':nu"
        "ll,'range':null,'findings':[]}],'dataset':null,'provenance':null,'"
        "names':[]}");
  char *o =
      OK(V("{'id':'p','title':'t','table':'data','mark':'point','x':"
           "{'column':'Horsepower'},'y':{'column':'Miles_per_Gallon'},"
           "'annotations':[{'x':130,'y':18,'text':'a'}]}"));
  CHECK(o && strstr(o, J("'annotations':[{'x':130,'y':18,'text':{'en':'a'},"
                         "'series':null}]")));
  free(o);
  OK_AS(V("{'id':'m','title':'t','table':'countries','mark':'map','map':"
          "{'key':'iso3'},'y':{'column':'usd','aggregate':'sum'},'series':"
          "{'column':'region'}}"),
        "{'format':'ev-chart/1','locales':['en','zh'],'title':{'en':'T'},'v"
        "iews':[{'id':'m','title':{'en':'t'},'table':'countries','mark':'ma"
        "p','map':{'key':'iso3','projection':'equal-earth','colour':[],'zoo"
        "ms':[],'projections':false,'names':null},'y':{'column':'usd','aggr"
        "egate':'sum','label':null,'unit':null,'scale':'linear','format':nu"
        "ll,'fixed':null,'percent':false,'approximate':null,'bound':null,'c"
        "ounts':false},'series':{'column':'region','labels':{},'order':[],'"
        "label':null,'names':null,'styles':{},'sparse':[]},'tab':null,'subt"
        "itle':null,"
        "'x':null,'filters':[],'derive':[],'trend':null,'annotations':[],'n"
        "otes':[],'sources':[],'reference':[],'source':null,'detail':null,'"
        "sort':null,'panels':[],'layout':'side','modes':null,'range':null,'"
        "findings':[]}],'dataset':null,'provenance':null,'names':[]}");
  /* null is the same as absent for optional keys; defaults replace it */
  OK_AS(V("{'id':'n','title':'t','subtitle':null,'table':'data','mark':'hbar',"
          "'x':{'column':'Name','label':null},'y':{'aggregate':'count',"
          "'column':null,'scale':null},'series':null,'filters':null,'trend':"
          "null,'map':null,'annotations':null,'notes':null,'sources':null,"
          "'derive':null}"),
        "{'format':'ev-chart/1','locales':['en','zh'],'title':{'en':'T'},'v"
        "iews':[{'id':'n','title':{'en':'t'},'subtitle':null,'table':'data'"
        ",'mark':'hbar','x':{'column':'Name','label':null,'names':null,'com"
        "plete':false,'choices':[]},'y':{'aggregate':'count','column':null,"
        "'scale':'linear','label':null,'unit':null,'format':null,'fixed':nu"
        "ll,'percent':false,'approximate':null,'bound':null,'counts':false}"
        ",'series':null,'filters':[],'trend':null,'map':null,'annotations':"
        "[],'notes':[],'sources':[],'derive':[],'tab':null,'reference':[],'"
        "source':nul"
        "l,'detail':null,'sort':null,'panels':[],'layout':'side','modes':nu"
        "ll,'range':null,'findings':[]}],'dataset':null,'provenance':null,'"
        "names':[]}");
  ERR(V("{'id':'n','title':null}"), EV_ERR_SHAPE,
      "views[0].title: expected text (a string, or an object of strings by "
      "locale), got null");
  /* the derive step's default name is written out */
  o = OK(LINE_Y(
      "{'column':'Horsepower'}",
      "'derive':[{'op':'cumsum','column':'Horsepower','order':'Year'}]"));
  CHECK(o && strstr(o, J("'derive':[{'op':'cumsum','column':'Horsepower',"
                         "'order':'Year','as':'cumsum_Horsepower'}]")));
  free(o);
}

static void test_arguments_and_names(void) {
  char *out = (char *)&out;
  size_t n = 5;
  ev_error_reset();
  CHECK_EQ_INT(ev_chart_check(NULL, 3, TABLES, TABLE_COUNT, &out, &n),
               EV_ERR_ARG);
  CHECK(out == NULL && n == 0);
  CHECK_EQ_INT(ev_chart_check("{}", 2, NULL, 1, &out, &n), EV_ERR_ARG);
  /* no tables: every table name is unknown */
  ev_error_reset();
  const char *d = BAR("{'aggregate':'count'}", "");
  CHECK_EQ_INT(ev_chart_check(d, strlen(d), NULL, 0, &out, &n), EV_ERR_COLUMN);
  CHECK_STR(ev_error_message(),
            "views[0].table: the dataset has no table 'data' (tables: none)");
  CHECK_EQ_INT(ev_chart_edit_distance("Horsepowr", "Horsepower", 3), 1);
  CHECK_EQ_INT(ev_chart_edit_distance("kitten", "sitting", 5), 3);
  CHECK_EQ_INT(ev_chart_edit_distance("kitten", "sitting", 2), 3);
  CHECK_EQ_INT(ev_chart_edit_distance("", "abc", 5), 3);
  /* a long quoted value is cut, control characters shown as '?' */
  ERR(LINE_Y("{'column':'a\\nbcdefghijabcdefghijabcdefghijabcdefghijabcdefghij"
             "abcdefghijabcdefghij'}",
             ""),
      EV_ERR_COLUMN,
      "views[0].y.column: table 'data' has no column 'a?bcdefghijabcdefghij"
      "abcdefghijabcdefghijabcdefghijabcdefghijabc...'");
  /* ... never in the middle of a character: 63 bytes, then é (2 bytes) */
  char name[128], yv[160], want[200];
  memset(name, 'a', 63);
  strcpy(name + 63,
         "\xC3\xA9"
         "bc");
  snprintf(yv, sizeof yv, "{'column':'%s'}", name);
  name[63] = '\0';
  snprintf(want, sizeof want,
           "views[0].y.column: table 'data' has no column '%s...'", name);
  ERR(LINE_Y(yv, ""), EV_ERR_COLUMN, want);
}

/* Rules of the kinds above not covered there: every limit and setting. */
static void test_more_rules(void) {
  const char *y = "{'column':'Horsepower'}";
  static char buf[65536];
  size_t n;
  /* list limits: annotations, sources */
  n = (size_t)snprintf(buf, sizeof buf, "'annotations':[");
  for (int i = 0; i < 17; i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s{'x':1970,'text':'a'}",
                          i ? "," : "");
  snprintf(buf + n, sizeof buf - n, "]");
  ERR(LINE_Y(y, buf), EV_ERR_LIMIT,
      "views[0].annotations: 17 annotations, over the limit of 16");
  n = (size_t)snprintf(buf, sizeof buf, "'sources':[");
  for (int i = 0; i < 17; i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s{'name':'s'}",
                          i ? "," : "");
  snprintf(buf + n, sizeof buf - n, "]");
  ERR(LINE_Y(y, buf), EV_ERR_LIMIT,
      "views[0].sources: 17 sources, over the limit of 16");
  /* series.labels and series.order: at most 256 */
  n = (size_t)snprintf(buf, sizeof buf, "'series':{'column':'Year','labels':{");
  for (int i = 0; i < 257; i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s'%d':'y'", i ? "," : "",
                          1700 + i);
  snprintf(buf + n, sizeof buf - n, "}}");
  ERR(BAR("{'aggregate':'count'}", buf), EV_ERR_LIMIT,
      "views[0].series.labels: more than 256 labels");
  n = (size_t)snprintf(buf, sizeof buf, "'series':{'column':'Year','order':[");
  for (int i = 0; i < 257; i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%d", i ? "," : "", i);
  snprintf(buf + n, sizeof buf - n, "]}");
  ERR(BAR("{'aggregate':'count'}", buf), EV_ERR_LIMIT,
      "views[0].series.order: 257 values, over the limit of 256");
  ERR(BAR("{'aggregate':'count'}", "'series':{'column':'Year','labels':[]}"),
      EV_ERR_SHAPE, "views[0].series.labels: expected an object, got an array");
  ERR(BAR("{'aggregate':'count'}",
          "'series':{'column':'Year','labels':{'1970':'a','1970':'b'}}"),
      EV_ERR_SHAPE, "views[0].series.labels[\"1970\"]: key '1970' given twice");
  ERR(V("{'id':'m','title':'t','table':'countries','mark':'map','map':{'key':"
        "'iso3'},'y':{'aggregate':'count'},'series':{'column':'iso3'}}"),
      EV_ERR_SHAPE,
      "views[0].series.column: 'iso3' is already the map key column");
  /* a URL's length */
  static char url[2100];
  memset(url, 'a', 2001);
  url[2001] = '\0';
  snprintf(buf, sizeof buf, "'sources':[{'name':'a','url':'https://%s'}]", url);
  ERR(LINE_Y(y, buf), EV_ERR_LIMIT,
      "views[0].sources[0].url: a URL of 2009 bytes, over the limit of 2000");
  /* the document's own members */
  ERR(J("{'format':'ev-chart/1','locales':[5]}"), EV_ERR_SHAPE,
      "locales[0]: expected a string, got a number");
  ERR(J("{'format':'ev-chart/1','locales':['en'],'title':'x','dataset':"
        "'cars.json'}"),
      EV_ERR_SHAPE, "dataset: expected an object, got a string");
  ERR(J("{'format':'ev-chart/1','locales':['en'],'title':'x','views':{}}"),
      EV_ERR_SHAPE, "views: expected an array, got an object");
  /* derive settings */
  const char *r = "{'column':'Horsepower'}";
  ERR(LINE_Y(r, "'derive':[{'column':'Horsepower'}]"), EV_ERR_SHAPE,
      "views[0].derive[0].op: missing (a derive step needs an op)");
  ERR(LINE_Y(r, "'derive':[{'op':'share'}]"), EV_ERR_SHAPE,
      "views[0].derive[0].column: missing (the column to derive from)");
  ERR(LINE_Y(r,
             "'derive':[{'op':'cumsum','column':'Horsepower','order':"
             "'Origin'}]"),
      EV_ERR_TYPE,
      "views[0].derive[0].order: a derive order needs a number column; "
      "'Origin' is string");
  ERR(LINE_Y(r,
             "'derive':[{'op':'share','column':'Horsepower','by':['Origin',"
             "'Name','Year','electric','Miles_per_Gallon']}]"),
      EV_ERR_LIMIT, "views[0].derive[0].by: 5 columns, over the limit of 4");
  ERR(LINE_Y(r,
             "'derive':[{'op':'share','column':'Horsepower','by':"
             "['Origin','Origin']}]"),
      EV_ERR_SHAPE, "views[0].derive[0].by[1]: 'Origin' listed twice");
  ERR(LINE_Y(r,
             "'derive':[{'op':'share','column':'Horsepower','partition':"
             "['tags']}]"),
      EV_ERR_TYPE, "views[0].derive[0].partition[0]: 'tags' holds nested JSON");
  ERR(LINE_Y(r,
             "'derive':[{'op':'share','column':'Horsepower','by':'Origin'}]"),
      EV_ERR_SHAPE, "views[0].derive[0].by: expected an array, got a string");
  ERR(LINE_Y(r,
             "'derive':[{'op':'ratio','column':'Horsepower','key':'tags',"
             "'denominator':1}]"),
      EV_ERR_TYPE, "views[0].derive[0].key: 'tags' holds nested JSON");
  ERR(LINE_Y(r,
             "'derive':[{'op':'ratio','column':'Horsepower','key':'Origin'"
             "}]"),
      EV_ERR_SHAPE,
      "views[0].derive[0].denominator: missing ('ratio' needs 'denominator')");
  ERR(LINE_Y(r,
             "'derive':[{'op':'index','column':'Horsepower','order':'Year',"
             "'base':'1970'}]"),
      EV_ERR_SHAPE, "views[0].derive[0].base: expected a number, got a string");
  ERR(LINE_Y(r,
             "'derive':[{'op':'rolling_mean','column':'Horsepower','order':"
             "'Year','window':2.5}]"),
      EV_ERR_SHAPE,
      "views[0].derive[0].window: expected a whole number of rows, 1 or more");
  ERR(LINE_Y(r, "'derive':[{'op':'share','column':'Horsepower','as':5}]"),
      EV_ERR_SHAPE, "views[0].derive[0].as: expected a string, got a number");
  ERR(LINE_Y(r,
             "'derive':[{'op':'share','column':'Horsepower'},{'op':'share',"
             "'column':'Horsepower'}]"),
      EV_ERR_SHAPE,
      "views[0].derive[1].as: 'share_Horsepower' is already a column; name the "
      "result with another 'as'");
  /* every setting of every op, accepted */
  ACCEPT(LINE_Y(r,
                "'derive':[{'op':'ratio','column':'Horsepower','key':"
                "'electric','denominator':true,'by':['Origin']},{'op':"
                "'index','column':'Horsepower','order':'Year','base':1970,"
                "'partition':['Origin']},{'op':'change','column':"
                "'Horsepower','order':'Year','step':2},{'op':'pct_change',"
                "'column':'Horsepower','order':'Year'},{'op':'rolling_mean',"
                "'column':'Horsepower','order':'Year','window':3,'step':1}]"));
  /* texts in every place: label, unit, subtitle, annotation, source name */
  ERR(LINE_Y("{'column':'Horsepower','label':{'zh':'马力'}}", ""), EV_ERR_SHAPE,
      "views[0].y.label: no text for the default locale 'en'");
  ERR(LINE_Y(y, "'annotations':[{'x':1970,'text':{'zh':'a'}}]"), EV_ERR_SHAPE,
      "views[0].annotations[0].text: no text for the default locale 'en'");
  ERR(LINE_Y(y, "'sources':[{'name':{'en':3}}]"), EV_ERR_SHAPE,
      "views[0].sources[0].name.en: expected a string, got a number");
  ACCEPT(
      J("{'format':'ev-chart/1','locales':['en'],'title':'','views':[{'id':"
        "'0-a','title':'','table':'data','mark':'line','x':{'column':"
        "'Year'},'y':{'column':'Horsepower'}}]}"));
}

int main(void) {
  if (chart_tables_load(DATA, 3)) return 2;
  test_json();
  test_document();
  test_text();
  test_dataset();
  test_view_keys();
  test_mark_rules();
  test_x();
  test_y();
  test_series();
  test_filters();
  test_derive();
  test_trend();
  test_map();
  test_lists();
  test_valid();
  test_tab();
  test_arguments_and_names();
  test_more_rules();
  chart_tables_free();
  return check_summary("test_chart_desc");
}
