/* topojson.h — decode one object of a TopoJSON topology into rings of
 * longitude/latitude points.
 *
 * Supported: a Topology with "arcs" (delta-encoded and quantized when a
 * "transform" {scale, translate} is present, absolute otherwise) and an
 * object that is a GeometryCollection (nested collections are flattened) or
 * a single geometry of type Polygon, MultiPolygon, LineString,
 * MultiLineString, or null. Arc index i >= 0 follows arc i forwards; ~i
 * (that is -i - 1) follows arc i backwards. Consecutive arcs of a ring or
 * line share their joining point, which is kept once.
 *
 * The result owns its arrays. Coordinates are in degrees as stored; the
 * engine does not re-wind or clip rings (world-atlas rings are already cut
 * at the antimeridian).
 */
#ifndef EV_TOPOJSON_H
#define EV_TOPOJSON_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  int32_t point_count;
  double *lon, *lat;          /* point_count each */
  int32_t ring_count;
  int32_t *ring_start;        /* ring_count + 1 offsets into the points */
  uint8_t *ring_hole;         /* 1 for a polygon's inner ring, else 0 */
  uint8_t *ring_closed;       /* 1 for polygon rings, 0 for lines */
  int32_t geometry_count;
  int32_t *geometry_start;    /* geometry_count + 1 offsets into the rings */
  char **geometry_id;         /* "id" as text ("156"), or "" */
  char **geometry_name;       /* properties.name, or "" */
} ev_shapes;

#define EV_TOPOJSON_MAX_POINTS 5000000

/* Decodes object `object` of the TopoJSON text buf[0..len). On success
 * returns EV_OK and a new ev_shapes in *out (free with ev_shapes_free).
 * Errors (error slot set, *out NULL): EV_ERR_PARSE / EV_ERR_LIMIT from
 * parsing; EV_ERR_SHAPE for anything that is not such a topology: not a
 * Topology, no such object (the message lists the objects), a malformed
 * transform or arc, an arc index out of range, an unsupported geometry type
 * (the message names the object, the geometry's position and the problem);
 * EV_ERR_RANGE for non-finite coordinates; EV_ERR_NOMEM. */
int ev_topojson_decode(const char *buf, size_t len, const char *object,
                       ev_shapes **out);

void ev_shapes_free(ev_shapes *s); /* accepts NULL */

#endif
