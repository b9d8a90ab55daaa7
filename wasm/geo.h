/* geo.h — map projections, their inverses, and fitting a map to a canvas.
 *
 * Raw projections take longitude λ and latitude φ in radians and return
 * unitless x (east) and y (north); the inverses undo them. Coefficients are
 * the published ones: Equal Earth (Šavrič, Patterson & Jenny 2018), Natural
 * Earth I (Šavrič, Jenny, Patterson, Petrovič & Hurni 2011, polynomial
 * form), Mercator, equirectangular (plate carrée). Mercator clamps latitude
 * to ±EV_GEO_MERCATOR_MAX_LAT degrees (the Web Mercator limit) so the poles
 * stay finite.
 *
 * A view maps raw coordinates to canvas pixels: px = tx + k·x,
 * py = ty − k·y (pixel y grows downwards).
 */
#ifndef EV_GEO_H
#define EV_GEO_H

#include <stdint.h>

#include "table.h"
#include "topojson.h"

typedef enum {
  EV_PROJ_EQUAL_EARTH = 1,
  EV_PROJ_NATURAL_EARTH = 2,
  EV_PROJ_MERCATOR = 3,
  EV_PROJ_EQUIRECTANGULAR = 4
} ev_projection;

#define EV_GEO_MERCATOR_MAX_LAT 85.0511287798066

typedef struct {
  ev_projection projection;
  double k, tx, ty;
} ev_geo_view;

/* Returns EV_OK, or EV_ERR_ARG for an unknown projection or non-finite
 * input (error slot set). */
int ev_geo_project_raw(ev_projection p, double lambda, double phi, double *x,
                       double *y);
/* Returns EV_OK, or EV_ERR_ARG for an unknown projection, non-finite input,
 * or a point outside the projection's area (error slot set). */
int ev_geo_invert_raw(ev_projection p, double x, double y, double *lambda,
                      double *phi);

/* Fits the box lon0..lon1, lat0..lat1 (degrees; lon0 < lon1, lat0 < lat1)
 * into width × height pixels less `padding` on every side, centred, keeping
 * the projection's aspect ratio. The box's outline and a grid inside it are
 * projected to find its extent. Returns EV_OK or EV_ERR_ARG. */
int ev_geo_fit(ev_projection p, double lon0, double lat0, double lon1,
               double lat1, double width, double height, double padding,
               ev_geo_view *out);

/* Degrees to pixels and back through a view. Return EV_OK or EV_ERR_ARG. */
int ev_geo_to_pixels(const ev_geo_view *v, double lon, double lat, double *px,
                     double *py);
int ev_geo_from_pixels(const ev_geo_view *v, double px, double py,
                       double *lon, double *lat);

/* Projects every ring of s into a new two-column table (x, y in pixels)
 * in ring order, with one row of NaN, NaN after each ring (a path break).
 * Returns EV_OK and *out (caller frees), or an error: EV_ERR_ARG for a bad
 * view, or a point outside longitude -180..180, latitude -90..90. */
int ev_geo_path(const ev_shapes *s, const ev_geo_view *v, ev_table **out);

/* The decoded rings of s as a new table (lon, lat in degrees), in ring
 * order, with one row of NaN, NaN after each ring. */
int ev_geo_rings(const ev_shapes *s, ev_table **out);

/* A representative point per geometry: the area-weighted centroid, in
 * longitude/latitude degrees, of the geometry's largest closed outer ring
 * (planar, in degrees: good enough to place a symbol inside a country).
 * New table with string columns id, name and number columns lon, lat
 * (missing for a geometry without rings). */
int ev_geo_points(const ev_shapes *s, ev_table **out);

#endif
