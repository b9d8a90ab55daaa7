/* json_number.h — the text of a strict JSON number to a double, exactly as
 * strtod converts it (correctly rounded, round-half-even; the same double,
 * bit for bit, -0.0 and +-infinity on overflow included).
 */
#ifndef EV_JSON_NUMBER_H
#define EV_JSON_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/* t[0..len) is a strict JSON number (-?(0|[1-9][0-9]*)(\.[0-9]+)?
 * ([eE][+-]?[0-9]+)?); it need not be NUL-terminated. Returns the double
 * strtod gives for it. Allocates only for texts of 64 bytes or more that
 * need strtod; NAN if that allocation fails. */
double ev_json_to_double(const char *t, size_t len);

/* The same for a text whose digits the caller has already read: m is its
 * significand without leading zeros (at most 19 digits), e10 its decimal
 * exponent (value = m * 10^e10), neg its sign; t[0..len) is the text (for
 * strtod when the fast conversions cannot decide). */
double ev_json_decimal(const char *t, size_t len, uint64_t m, long e10,
                       int neg);

#endif
