/* dict.h — a string dictionary: each distinct byte string gets a dense code.
 *
 * Codes are assigned 0, 1, 2, ... in first-interned order and never change.
 * The dictionary owns copies of its strings; every stored string is
 * NUL-terminated (an extra byte past its length) and may itself contain NUL
 * bytes, so use ev_dict_len for the length.
 */
#ifndef EV_DICT_H
#define EV_DICT_H

#include <stddef.h>
#include <stdint.h>

typedef struct ev_dict ev_dict;

/* Returns a new empty dictionary, or NULL when out of memory. */
ev_dict *ev_dict_new(void);

/* Frees the dictionary and its strings. Accepts NULL. */
void ev_dict_free(ev_dict *d);

/* Returns the code of s[0..len), adding a copy if it is new; EV_ERR_NOMEM
 * when out of memory (the dictionary is unchanged). */
int32_t ev_dict_intern(ev_dict *d, const char *s, size_t len);

/* Returns the code of s[0..len), or -1 if it is not in the dictionary. */
int32_t ev_dict_find(const ev_dict *d, const char *s, size_t len);

/* Number of distinct strings. */
int32_t ev_dict_count(const ev_dict *d);

/* The string with this code (borrowed, valid until the dictionary is freed)
 * and its length in bytes. code must be in [0, ev_dict_count). */
const char *ev_dict_str(const ev_dict *d, int32_t code);
size_t ev_dict_len(const ev_dict *d, int32_t code);

/* Returns a deep copy, or NULL when out of memory. */
ev_dict *ev_dict_clone(const ev_dict *d);

#endif
