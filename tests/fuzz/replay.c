/* replay.c — a plain main for the fuzz targets: runs every file given (or
 * every file in every directory given, in name order) once through the
 * target's LLVMFuzzerTestOneInput. Built with gcc and ASan/UBSan, without
 * libFuzzer, by ./build.sh test.
 *
 *   replay NAME PATH...
 *
 * Each input is copied to a heap block of exactly its size, as libFuzzer
 * does, so a read past the end is reported. At the end, a leak check (one
 * more check), then one line "NAME: N passed, M failed". A crash ends the
 * process; the sanitizer's death callback then names the input and prints
 * the line with the crash counted as a failure.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *g_name = "replay";
static const char *g_current;
static int g_passed, g_failed, g_done;

static void on_death(void) {
  if (g_done) return; /* the summary is out (a leak found again at exit) */
  fprintf(stderr, "%s: crashed on input %s\n", g_name,
          g_current ? g_current : "(none)");
  printf("%s: %d passed, %d failed\n", g_name, g_passed, g_failed + 1);
  fflush(stdout);
}

static void run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "%s: cannot read %s\n", g_name, path);
    g_failed++;
    return;
  }
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap);
  for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
    n += got;
    if (n == cap) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  if (!buf) abort();
  uint8_t *exact = malloc(n ? n : 1);
  memcpy(exact, buf, n);
  free(buf);
  g_current = path;
  LLVMFuzzerTestOneInput(exact, n);
  g_current = NULL;
  free(exact);
  g_passed++;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "%s: no such file or directory: %s\n", g_name, path);
    g_failed++;
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    run_file(path);
    return;
  }
  DIR *d = opendir(path);
  if (!d) {
    g_failed++;
    return;
  }
  char **names = NULL;
  size_t count = 0, cap = 0;
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.') continue;
    if (count == cap)
      names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
    size_t len = strlen(path) + strlen(e->d_name) + 2;
    names[count] = malloc(len);
    snprintf(names[count++], len, "%s/%s", path, e->d_name);
  }
  closedir(d);
  qsort(names, count, sizeof *names, by_name);
  for (size_t i = 0; i < count; i++) {
    struct stat fst;
    if (stat(names[i], &fst) == 0 && S_ISREG(fst.st_mode)) run_file(names[i]);
    free(names[i]);
  }
  free(names);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s NAME PATH...\n", argv[0]);
    return 2;
  }
  g_name = argv[1];
  __sanitizer_set_death_callback(on_death);
  for (int i = 2; i < argc; i++) run_path(argv[i]);
  if (__lsan_do_recoverable_leak_check()) {
    fprintf(stderr, "%s: memory leaked (LeakSanitizer report above)\n", g_name);
    g_failed++;
  }
  printf("%s: %d passed, %d failed\n", g_name, g_passed, g_failed);
  fflush(stdout);
  g_done = 1;
  return g_failed ? 1 : 0;
}
