/* chart_panels.h — the view-level story keys of a chart description
 * (data/CHART_FORMAT.md "Panels, modes and findings"): `modes`,
 * `layout`, a panel's own keys (`id`, `title`, `weight`, `mode`),
 * `range` and `findings`. The charts themselves (a one-chart view or
 * each panel) are checked by chart_desc.c, which records each in
 * c->charts. The path conventions and return values are chart_ck.h's. */
#ifndef EV_CHART_PANELS_H
#define EV_CHART_PANELS_H

#include "chart_ck.h"

/* The view's optional `modes`: {label: Text, options: [{id, label: Text,
 * notes?: [Text]}]} with 2 to EV_CHART_MAX_MODES options whose ids are
 * view ids, unique. Fills c->modes (mode_count 0 when absent). The path
 * is at the view. */
int ev_ck_modes(ev_ck *c, const cJSON *view);

/* The view's optional `layout`: "side" or "stack". The path is at the
 * view. */
int ev_ck_layout(ev_ck *c, const cJSON *view);

/* Optional `mode` member of obj (a panel or a finding): an option id of
 * the view's modes (SHAPE when the view has no modes, or another id). The
 * path is at obj. */
int ev_ck_mode_ref(ev_ck *c, const cJSON *obj);

/* A panel's own keys: `id` (a view id, '_' allowed too after the first
 * character; unique among the view's panels 0..index), `title` (optional Text),
 * `weight` (optional number in (0, EV_CHART_MAX_WEIGHT]), `mode`. Sets
 * c->charts[index].id. The path is at the panel. */
int ev_ck_panel_head(ev_ck *c, const cJSON *panel, int index);

/* The view's optional `range`: {column, label?}: a number column that is
 * the x column of at least one chart (c->charts). The path is at the
 * view. */
int ev_ck_range(ev_ck *c, const cJSON *view);

/* The view's optional `findings`: at most EV_CHART_MAX_FINDINGS of {mode?,
 * text, values?}: values an object of at most EV_CHART_MAX_VALUES
 * ValueRefs (either form) named [a-z][a-z0-9_]*; every {name} in each
 * locale's text one of them. The path is at the view. */
int ev_ck_findings(ev_ck *c, const cJSON *view);

#endif
