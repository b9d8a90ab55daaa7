/* status.c — the process-wide last-error slot (see status.h). */
#include "status.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EV_ERROR_CAP 512

static int g_status = EV_OK;
static char g_message[EV_ERROR_CAP];

void ev_error_reset(void) {
  g_status = EV_OK;
  g_message[0] = '\0';
}

size_t ev_utf8_prefix(const char *s, size_t max) {
  size_t n = 0;
  while (n < max && s[n]) {
    unsigned char lead = (unsigned char)s[n];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    size_t k = 1; /* bytes of this sequence seen so far */
    while (k < need && n + k < max && ((unsigned char)s[n + k] & 0xC0) == 0x80)
      k++;
    if (k < need && (n + k == max || s[n + k] == '\0')) break; /* cut short */
    n += k;
  }
  return n;
}

int ev_error_set(int status, const char *fmt, ...) {
  if (g_status != EV_OK) return status;
  g_status = status;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(g_message, sizeof g_message, fmt, ap);
  va_end(ap);
  if (n >= (int)sizeof g_message)
    g_message[ev_utf8_prefix(g_message, sizeof g_message - 1)] = '\0';
  return status;
}

int ev_error_status(void) { return g_status; }

const char *ev_error_message(void) { return g_message; }

const char *ev_status_name(int status) {
  switch (status) {
    case EV_OK: return "OK";
    case EV_ERR_ARG: return "ARG";
    case EV_ERR_HANDLE: return "HANDLE";
    case EV_ERR_PARSE: return "PARSE";
    case EV_ERR_SHAPE: return "SHAPE";
    case EV_ERR_TYPE: return "TYPE";
    case EV_ERR_RANGE: return "RANGE";
    case EV_ERR_LIMIT: return "LIMIT";
    case EV_ERR_NOMEM: return "NOMEM";
    case EV_ERR_COLUMN: return "COLUMN";
    case EV_ERR_DATA: return "DATA";
    default: return "UNKNOWN";
  }
}

const char *ev_fmt_double(char *buf, double v) {
  for (int p = 15; p <= 17; p++) {
    snprintf(buf, EV_FMT_DOUBLE_BYTES, "%.*g", p, v);
    if (v != v || strtod(buf, NULL) == v) break; /* NaN never reads back equal */
  }
  return buf;
}
