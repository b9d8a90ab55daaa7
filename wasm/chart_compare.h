/* chart_compare.h — a panel's `compare` key of a chart description
 * (data/CHART_FORMAT.md "compare"): the rows of one value S of the panel's
 * series column are another count of a series T the panel draws; the page
 * lists, in a note under the chart, each x where both have a value and
 * they differ. The path conventions and return values are chart_ck.h's.
 *
 * The key (checked here; nothing is allocated):
 *   {series, against, filters?, lead, text, qualifiers?}
 *   series      a value of the panel's series column (its JSON type the
 *               column's: TYPE otherwise) that occurs in the panel's table
 *               (SHAPE "... is not a value of ..."; "did you mean")
 *   against     the same, and not `series` (SHAPE)
 *   filters     at most EV_CHART_MAX_LIST filters, checked like a chart's
 *               against the panel's table: they narrow S's rows only (the
 *               panel's own filters, which usually leave S out, are not
 *               applied to them)
 *   lead        Text: what the note starts with
 *   text        Text, a template of each x that differs: {x}, {value} and
 *               {against} must each appear in every locale's string;
 *               {notes} may; no other placeholder; "{{" and "}}" are
 *               literal braces, a lone brace is refused (SHAPE)
 *   qualifiers  {column, text}: column a string column of the panel's
 *               table (TYPE for another type); text an object of at most
 *               EV_CHART_MAX_SERIES_VALUES members, each a Text; the
 *               keys are not looked up in the rows (a value the data no
 *               longer holds leaves its text unused, as series.styles
 *               keys do, rather than refusing the whole description)
 * The panel must draw rows (no y.aggregate, y.column a number column of
 * its table, not a derived one), have a series and not be a map (SHAPE).
 * Unknown keys are SHAPE with "did you mean", as everywhere. */
#ifndef EV_CHART_COMPARE_H
#define EV_CHART_COMPARE_H

#include "chart_ck.h"

/* The `compare` member of each panel of the view (a view with panels;
 * nothing to do otherwise), after every panel's chart has been checked
 * (it reads c->charts[i]: table, x, series, mark). The path is at the
 * view; on failure it is left at the fault
 * ("views[2].panels[0].compare.text.zh: ..."). c->t is restored. */
int ev_ck_compares(ev_ck *c, const cJSON *view);

#endif
