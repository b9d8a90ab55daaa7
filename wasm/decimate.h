/* decimate.h — min/max/first/last per pixel column, so that only what is
 * drawn crosses the boundary.
 *
 * For a line chart of y against x over [x0, x1] drawn `pixels` columns wide,
 * ev_decimate keeps, for each pixel column and each unbroken run of points in
 * it, the run's first, minimum, maximum and last point (the M4 idea), in x
 * order, each row at most once. A polyline through the output covers exactly
 * the same pixels in each column as the polyline through every point: inside
 * a column the kept points span the same vertical extent, and the segments
 * that cross from one column to the next join the same points.
 *
 * Pixel columns: a point with x0 <= x <= x1 is in column
 *   c = floor((x - x0) / (x1 - x0) * pixels), and x == x1 in column pixels - 1
 * (all points in column 0 when x0 == x1). The page maps x to pixels the same
 * way, so its columns are these columns.
 *
 * Rows, in order:
 *   - x must be non-decreasing over the rows that have an x (ties are fine):
 *     otherwise EV_ERR_DATA naming the first row where x decreases (sort by
 *     x first, e.g. with a query's sort). ±infinity in x is EV_ERR_DATA.
 *   - A row whose x or y is missing (NaN) breaks the line: the output then
 *     holds one gap row (y = NaN; x = that row's x, possibly NaN) between the
 *     points before and after it, never at the start or end, never two in a
 *     row. So the page never bridges a gap. A run is a maximal stretch of
 *     consecutive rows with both values present.
 *   - Rows with x outside [x0, x1] are dropped, except the nearest row on
 *     each side (the row just before the first row with x >= x0, and the
 *     first row with x > x1), so that the line enters and leaves the plot.
 *     Each is kept only if it is joined to the line, i.e. it and the row
 *     next to it on the plot side both have x and y.
 *   - ±infinity in y, on a row inside [x0, x1] or a kept neighbour, is
 *     EV_ERR_DATA (it cannot be drawn); elsewhere it is not looked at.
 *   - Ties: the minimum (maximum) of a run in a column is its first row with
 *     the smallest (largest) y.
 * Size: at most 4 points and 1 gap row per run per column, plus the two
 * neighbours: at most 4 * pixels + 2 rows without gaps. A series with many
 * gaps keeps every run (never bridged), so in the worst case (every other y
 * missing) the output is not smaller than the input.
 *
 * Output: a new table named "decimated" with number columns
 *   x    the point's x
 *   y    the point's y (NaN on gap rows)
 *   row  the 0-based index of the point's row in the decimated table (for a
 *        gap row, of the first row of the gap); error messages count rows
 *        from 1, as everywhere in the engine
 */
#ifndef EV_DECIMATE_H
#define EV_DECIMATE_H

#include <stdint.h>

#include "table.h"

#define EV_DECIMATE_MAX_PIXELS 16384

/* Decimates columns x_col and y_col (number columns) of t over [x0, x1] into
 * pixels columns (see above). x0 and x1 must be finite with x0 <= x1 and
 * x1 - x0 finite; pixels 1..EV_DECIMATE_MAX_PIXELS.
 * Returns EV_OK and a new table in *out (the caller owns it), or, with *out
 * NULL and the error slot set: EV_ERR_ARG (NULL arguments, a bad range or
 * pixel count; the message names the limit), EV_ERR_COLUMN (no such
 * column), EV_ERR_TYPE (not a number column), EV_ERR_DATA (x decreasing or
 * infinite, y infinite), EV_ERR_NOMEM. Messages begin
 * "decimate on table 'T': ". */
int ev_decimate(const ev_table *t, const char *x_col, const char *y_col,
                double x0, double x1, int32_t pixels, ev_table **out);

/* The same over the rows rows[0..count) of t only, in that order (e.g. a
 * filter's selection, ascending): row i of the decimated table is t's row
 * rows[i], and the `row` column and messages name t's rows. rows NULL means
 * every row of t (count is then ignored). */
int ev_decimate_rows(const ev_table *t, const int32_t *rows, int32_t count,
                     const char *x_col, const char *y_col, double x0, double x1,
                     int32_t pixels, ev_table **out);

#endif
