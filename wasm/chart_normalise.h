/* chart_normalise.h — a checked chart description made normalised in
 * place (data/CHART_FORMAT.md, "Normalised"). */
#ifndef EV_CHART_NORMALISE_H
#define EV_CHART_NORMALISE_H

#include "chart_ck.h"

/* Adds every absent key of the format to root, a description that passed
 * the check with c (c->locales[0] is the default locale): absent optional
 * objects and Texts as null, absent lists [], defaults written (y.scale
 * "linear", trend.level 0.95, map.projection "equal-earth"); a null where
 * a default exists becomes the default; every Text string becomes
 * {"<default locale>": s}. Returns EV_OK, or EV_ERR_NOMEM with the error
 * slot set (root is then partly normalised, still a valid cJSON tree). */
int ev_ck_normalise(ev_ck *c, cJSON *root);

#endif
