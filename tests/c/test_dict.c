/* test_dict.c — the string dictionary (wasm/dict.c). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "dict.h"

static void test_basics(void) {
  ev_dict *d = ev_dict_new();
  CHECK(d != NULL);
  CHECK_EQ_INT(ev_dict_count(d), 0);
  CHECK_EQ_INT(ev_dict_find(d, "a", 1), -1); /* empty: no index yet */

  /* codes are dense, in first-interned order, and never change */
  CHECK_EQ_INT(ev_dict_intern(d, "Europe", 6), 0);
  CHECK_EQ_INT(ev_dict_intern(d, "Asia", 4), 1);
  CHECK_EQ_INT(ev_dict_intern(d, "Europe", 6), 0);
  CHECK_EQ_INT(ev_dict_count(d), 2);
  CHECK_EQ_INT(ev_dict_find(d, "Asia", 4), 1);
  CHECK_EQ_INT(ev_dict_find(d, "asia", 4), -1); /* case-sensitive */
  CHECK_EQ_INT(ev_dict_find(d, "Asi", 3), -1);  /* length matters */
  CHECK_STR(ev_dict_str(d, 0), "Europe");
  CHECK_EQ_INT(ev_dict_len(d, 0), 6);

  /* the input need not be NUL-terminated: only s[0..len) is read/copied */
  CHECK_EQ_INT(ev_dict_intern(d, "Americas!!!", 8), 2);
  CHECK_STR(ev_dict_str(d, 2), "Americas");

  /* the empty string is a value like any other */
  CHECK_EQ_INT(ev_dict_intern(d, "", 0), 3);
  CHECK_EQ_INT(ev_dict_len(d, 3), 0);
  CHECK_STR(ev_dict_str(d, 3), "");
  CHECK_EQ_INT(ev_dict_find(d, "", 0), 3);

  /* embedded NUL: "x\0y" (3 bytes) differs from "x" (1 byte); the stored
   * copy has a terminating NUL past its length */
  CHECK_EQ_INT(ev_dict_intern(d, "x", 1), 4);
  CHECK_EQ_INT(ev_dict_intern(d, "x\0y", 3), 5);
  CHECK_EQ_INT(ev_dict_find(d, "x\0y", 3), 5);
  CHECK_EQ_INT(ev_dict_len(d, 5), 3);
  CHECK(memcmp(ev_dict_str(d, 5), "x\0y\0", 4) == 0);

  /* UTF-8 bytes are stored as is */
  CHECK_EQ_INT(ev_dict_intern(d, "匈牙利", strlen("匈牙利")), 6);
  CHECK_STR(ev_dict_str(d, 6), "匈牙利");
  CHECK_EQ_INT(ev_dict_len(d, 6), 9);
  CHECK_EQ_INT(ev_dict_count(d), 7);
  ev_dict_free(d);
  ev_dict_free(NULL); /* accepted */
}

static void test_growth_and_clone(void) {
  /* 10000 distinct keys force many index rebuilds; every code survives */
  ev_dict *d = ev_dict_new();
  char key[32];
  int ok = 1;
  for (int i = 0; i < 10000; i++) {
    int n = snprintf(key, sizeof key, "k%d", i);
    ok &= ev_dict_intern(d, key, (size_t)n) == i;
  }
  CHECK(ok);
  CHECK_EQ_INT(ev_dict_count(d), 10000);
  ok = 1;
  for (int i = 0; i < 10000; i++) {
    int n = snprintf(key, sizeof key, "k%d", i);
    ok &= ev_dict_find(d, key, (size_t)n) == i;
    ok &= ev_dict_intern(d, key, (size_t)n) == i; /* no duplicate added */
    ok &= strcmp(ev_dict_str(d, i), key) == 0 && ev_dict_len(d, i) == (size_t)n;
  }
  CHECK(ok);
  CHECK_EQ_INT(ev_dict_count(d), 10000);
  CHECK_EQ_INT(ev_dict_find(d, "k10000", 6), -1);

  /* a clone is deep: same codes, and it outlives the original */
  ev_dict *c = ev_dict_clone(d);
  CHECK(c != NULL);
  ev_dict_free(d);
  CHECK_EQ_INT(ev_dict_count(c), 10000);
  CHECK_STR(ev_dict_str(c, 9999), "k9999");
  CHECK_EQ_INT(ev_dict_find(c, "k1234", 5), 1234);
  /* the clone is independent and keeps growing from where it was */
  CHECK_EQ_INT(ev_dict_intern(c, "new", 3), 10000);
  ev_dict_free(c);

  /* cloning an empty dictionary gives an empty one */
  ev_dict *e = ev_dict_new();
  ev_dict *ec = ev_dict_clone(e);
  CHECK(ec != NULL && ec != e);
  CHECK_EQ_INT(ev_dict_count(ec), 0);
  CHECK_EQ_INT(ev_dict_find(ec, "a", 1), -1);
  ev_dict_free(e);
  ev_dict_free(ec);
}

static void test_collisions(void) {
  /* Many keys that share a long prefix and differ in one byte: probing
   * must compare whole strings, never just hashes or prefixes. */
  ev_dict *d = ev_dict_new();
  char key[300];
  memset(key, 'p', sizeof key);
  int ok = 1;
  for (int i = 0; i < 256; i++) {
    key[299] = (char)i;
    ok &= ev_dict_intern(d, key, 300) == i;
  }
  for (int i = 0; i < 256; i++) {
    key[299] = (char)i;
    ok &= ev_dict_find(d, key, 300) == i;
    ok &= ev_dict_find(d, key, 299) == -1;
  }
  CHECK(ok);
  ev_dict_free(d);
}

int main(void) {
  test_basics();
  test_growth_and_clone();
  test_collisions();
  return check_summary("test_dict");
}
