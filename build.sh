#!/usr/bin/env bash
# build.sh — the project's single entry point. See README.md.
#   ./build.sh serve   install what is missing, build, serve the story on http://localhost:8000
#   ./build.sh test    install what is missing, build, run every test; ends with "N passed, N failed"
#   ./build.sh build   build web/build/ (engine + dataset) only
#   ./build.sh dist    write dist/ (hostable) and dist/ev-going-global.html (one offline file)
#   ./build.sh fuzz [seconds] [target...]   libFuzzer on tests/fuzz/ targets (60 s each)
#   ./build.sh bench   benchmarks against JSON.parse, Arquero, DuckDB-WASM (tests/bench; not a test)
#   ./build.sh clean   remove build outputs and caches
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
CACHE="$ROOT/.cache"
OUT="$ROOT/web/build"
PORT="${PORT:-8000}"

# cJSON comes from Debian's source package. The upstream tarball's checksum is
# pinned; Debian's revision must be at least the one with the CVE fixes.
CJSON_ORIG=cjson_1.7.15.orig.tar.gz
CJSON_ORIG_SHA256=5308fd4bd90cef7aa060558514de6a1a4a0819974a26e6ed13973c5f624c24b2
CJSON_MIN_VERSION=1.7.15-1+deb12u4
CJSON_DIR="$CACHE/cjson"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=""
apt_update_once() {
  [ -n "$APT_UPDATED" ] && return 0
  log "apt-get update"
  as_root apt-get update -qq
  APT_UPDATED=1
}

# Installs the Debian packages given whose status is not "installed".
apt_ensure() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  apt_update_once
  log "apt-get install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_node() {
  # Node.js and npm: the machine's own if present, else Debian's.
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  apt_ensure nodejs npm
}

ensure_build_tools() {
  apt_ensure ca-certificates dpkg-dev gcc libc6-dev emscripten
  ensure_node
}

# Adds deb-src entries mirroring the configured deb entries, if none exist.
ensure_deb_src() {
  if grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then return 0; fi
  log "adding deb-src entries for apt-get source"
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] || continue
    sed -E 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb-src/' "$f" |
      as_root tee "/etc/apt/sources.list.d/zz-src-$(basename "$f")" >/dev/null
  done
  if [ -f /etc/apt/sources.list ] && grep -qE '^deb ' /etc/apt/sources.list; then
    sed -nE 's/^deb (.*)$/deb-src \1/p' /etc/apt/sources.list |
      as_root tee /etc/apt/sources.list.d/zz-src.list >/dev/null
  fi
  APT_UPDATED=""
}

ensure_cjson() {
  [ -f "$CJSON_DIR/src/cJSON.c" ] && [ -f "$CJSON_DIR/VERSION" ] && return 0
  ensure_build_tools
  ensure_deb_src
  apt_update_once
  rm -rf "$CJSON_DIR" && mkdir -p "$CJSON_DIR/dl"
  log "apt-get source cjson"
  (cd "$CJSON_DIR/dl" && apt-get source --download-only cjson >/dev/null 2>&1) ||
    die "apt-get source cjson failed (is a deb-src entry reachable?)"
  local dsc version
  dsc=$(ls "$CJSON_DIR"/dl/cjson_*.dsc | head -n1)
  version=$(sed -n 's/^Version: //p' "$dsc")
  dpkg --compare-versions "$version" ge "$CJSON_MIN_VERSION" ||
    die "cjson $version is older than $CJSON_MIN_VERSION (the revision with the CVE fixes)"
  echo "$CJSON_ORIG_SHA256  $CJSON_DIR/dl/$CJSON_ORIG" | sha256sum -c --quiet - ||
    die "checksum mismatch for $CJSON_ORIG"
  # dpkg-source verifies the tarballs against the .dsc and applies Debian's patches.
  dpkg-source --no-check -x "$dsc" "$CJSON_DIR/src" >/dev/null
  echo "$version" > "$CJSON_DIR/VERSION"
  log "cJSON $version ready (sha256 of $CJSON_ORIG verified)"
}

ENGINE_SRCS=(wasm/*.c) # every module; api.c holds the exports
CFLAGS_COMMON=(-std=c11 -Wall -Wextra -Wno-unused-parameter -DCJSON_NESTING_LIMIT=64 -I"$CJSON_DIR/src" -Iwasm)
# Size and speed (README "Shipped size"): the modules on the hot paths (the
# stream scanner, its column builder and number conversion, queries,
# decimation) compile with -O3, every other module and cJSON with -Oz; the
# link (Binaryen) optimizes for size, and emmalloc replaces dlmalloc.
ENGINE_HOT=(ingest_stream stream_columns json_number query decimate)
OPT_HOT=-O3
OPT_COLD=-Oz
EMFLAGS=(-Oz -sMALLOC=emmalloc -sMODULARIZE=1 -sEXPORT_NAME=createEvEngine -sENVIRONMENT=web,worker,node
         -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=16777216 -sMAXIMUM_MEMORY=1073741824
         -sTOTAL_STACK=1048576 -sFILESYSTEM=0 -sDYNAMIC_EXECUTION=0 -sEXIT_RUNTIME=0
         -sEXPORTED_FUNCTIONS=_malloc,_free -sEXPORTED_RUNTIME_METHODS=UTF8ToString)

# Prints a hash of the given files plus extra words: the key of a build output.
inputs_hash() { { cat "$@"; } | sha256sum | cut -c1-16; }

ENGINE_OBJ="$CACHE/engine-obj"

# Compiles each engine module (and cJSON) to $ENGINE_OBJ/<name>.o with its
# optimization level (ENGINE_HOT: OPT_HOT, others OPT_COLD), two at a time;
# skipped when sources and flags are unchanged. Prints the objects' key.
build_engine_objs() {
  local key
  key=$( (printf '%s\n' "${CFLAGS_COMMON[@]}" "${ENGINE_HOT[@]}" "$OPT_HOT" "$OPT_COLD"
          cat wasm/*.c wasm/*.h "$CJSON_DIR/src/cJSON.c") | sha256sum | cut -c1-16)
  if [ "$(cat "$ENGINE_OBJ/.key" 2>/dev/null)" != "$key" ]; then
    log "emcc: compiling the engine modules ($OPT_HOT: ${ENGINE_HOT[*]}; $OPT_COLD: the rest)"
    rm -rf "$ENGINE_OBJ" && mkdir -p "$ENGINE_OBJ"
    local f b opt hot=" ${ENGINE_HOT[*]} " pids=() failed=0
    for f in "${ENGINE_SRCS[@]}" "$CJSON_DIR/src/cJSON.c"; do
      b=$(basename "$f" .c)
      if [[ "$hot" == *" $b "* ]]; then opt=$OPT_HOT; else opt=$OPT_COLD; fi
      emcc "${CFLAGS_COMMON[@]}" "$opt" -c "$f" -o "$ENGINE_OBJ/$b.o" >&2 &
      pids+=($!)
      if [ ${#pids[@]} -ge 2 ]; then wait "${pids[0]}" || failed=1; pids=("${pids[@]:1}"); fi
    done
    for b in "${pids[@]}"; do wait "$b" || failed=1; done
    [ "$failed" = 0 ] || { rm -rf "$ENGINE_OBJ"; die "emcc failed to compile an engine module"; }
    echo "$key" > "$ENGINE_OBJ/.key"
  fi
  echo "$key"
}

build_engine() {
  ensure_build_tools
  ensure_cjson
  mkdir -p "$OUT"
  local key
  key=$( (printf '%s\n' "${EMFLAGS[@]}"; build_engine_objs) | sha256sum | cut -c1-16)
  if [ -f "$OUT/engine.wasm" ] && [ "$(cat "$OUT/.engine-key" 2>/dev/null)" = "$key" ]; then return 0; fi
  log "emcc: linking web/build/engine.js + engine.wasm"
  NODE_PATH=/usr/share/nodejs emcc "${EMFLAGS[@]}" "$ENGINE_OBJ"/*.o -o "$OUT/engine.js"
  # The emitted file is a classic script; keep Node from treating it as ESM
  # (web/package.json says "type": "module").
  echo '{ "type": "commonjs" }' > "$OUT/package.json"
  echo "$key" > "$OUT/.engine-key"
}

copy_if_changed() { cmp -s "$1" "$2" || cp "$1" "$2"; }

# The story dataset, and Natural Earth land and country shapes from the npm
# package world-atlas (public domain), copied as data: no npm code ships. The
# countries' ids become ISO alpha-3 codes (tools/country-shapes.mjs, with the
# devDependency i18n-iso-countries at build time only).
build_data() {
  mkdir -p "$OUT"
  ensure_npm
  copy_if_changed data/ev_story.json "$OUT/ev_story.json"
  copy_if_changed data/ev_story.chart.json "$OUT/ev_story.chart.json"
  copy_if_changed node_modules/world-atlas/land-110m.json "$OUT/land-110m.json"
  node tools/country-shapes.mjs node_modules/world-atlas/countries-110m.json "$OUT/countries-110m.json"
}

build() { build_engine; build_data; }

ensure_npm() {
  ensure_node
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# ---- dist: a hostable folder and one self-contained offline file ----------

DIST="$ROOT/dist"
SINGLE_OUT="$CACHE/engine-single"

# The engine as one script with the .wasm inside (base64), for the offline
# file: the same objects and flags as build_engine plus -sSINGLE_FILE=1.
build_engine_single() {
  ensure_build_tools
  ensure_cjson
  local key flags=("${EMFLAGS[@]}" -sSINGLE_FILE=1)
  key=$( (printf '%s\n' "${flags[@]}"; build_engine_objs) | sha256sum | cut -c1-16)
  if [ -f "$SINGLE_OUT/engine.js" ] && [ "$(cat "$SINGLE_OUT/.engine-key" 2>/dev/null)" = "$key" ]; then return 0; fi
  log "emcc: linking the single-file engine (.cache/engine-single)"
  mkdir -p "$SINGLE_OUT"
  NODE_PATH=/usr/share/nodejs emcc "${flags[@]}" "$ENGINE_OBJ"/*.o -o "$SINGLE_OUT/engine.js"
  echo '{ "type": "commonjs" }' > "$SINGLE_OUT/package.json"
  echo "$key" > "$SINGLE_OUT/.engine-key"
}

# dist/ from web/ and web/build/ (tools/dist.mjs says what goes in). Skipped
# when none of its inputs changed. Needs build first.
build_dist() {
  build_engine_single
  ensure_npm
  apt_ensure chromium fonts-noto-cjk # the preview and fallback images
  local key
  key=$( (echo "${PUBLIC_URL:-}"; cat "$SINGLE_OUT/.engine-key" "$OUT/.engine-key" package-lock.json "$OUT"/*.json
          find web tools -type f ! -path 'web/build/*' | LC_ALL=C sort | xargs cat) | sha256sum | cut -c1-16)
  if [ -f "$DIST/ev-going-global.html" ] && [ "$(cat "$CACHE/.dist-key" 2>/dev/null)" = "$key" ]; then return 0; fi
  log "dist: dist/ (hostable) and dist/ev-going-global.html (offline, one file)"
  node tools/dist.mjs --engine-single "$SINGLE_OUT/engine.js" --out "$DIST"
  echo "$key" > "$CACHE/.dist-key"
}

cmd_dist() { build; build_dist; }

# ---- tests -----------------------------------------------------------------

PASSED=0
FAILED=0
count_results() { # $1 = file with "N passed, M failed" lines or TAP "# pass N"/"# fail N"
  local p f
  # `|| true`: a grep without a match must not end the script (pipefail)
  p=$({ grep -E '^# pass [0-9]+' "$1" || true; } | awk '{s+=$3} END {print s+0}')
  f=$({ grep -E '^# fail [0-9]+' "$1" || true; } | awk '{s+=$3} END {print s+0}')
  p=$((p + $({ grep -E '^[^ ]*: [0-9]+ passed, [0-9]+ failed$' "$1" || true; } | sed -E 's/.*: ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}')))
  f=$((f + $({ grep -E '^[^ ]*: [0-9]+ passed, [0-9]+ failed$' "$1" || true; } | sed -E 's/.*passed, ([0-9]+) failed/\1/' | awk '{s+=$1} END {print s+0}')))
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
}

run_c_tests() {
  log "native C tests (gcc, -fsanitize=address,undefined)"
  local dir=tests/c/build log=tests/c/build/results.txt
  mkdir -p "$dir"
  : > "$log"
  local t name modules=("${ENGINE_SRCS[@]}" "$CJSON_DIR/src/cJSON.c")
  for t in tests/c/test_*.c; do
    name=$(basename "$t" .c)
    if ! gcc "${CFLAGS_COMMON[@]}" -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined \
        -Itests/c "$t" "${modules[@]}" -lm -o "$dir/$name" 2>"$dir/$name.compile.txt"; then
      cat "$dir/$name.compile.txt" >&2
      echo "$name: 0 passed, 1 failed" >> "$log"
      continue
    fi
    if ! (cd "$ROOT" && ASAN_OPTIONS=detect_leaks=1 "$dir/$name") >> "$log" 2>&1; then
      grep -q "^$name: " "$log" || echo "$name: 0 passed, 1 failed" >> "$log"
    fi
  done
  grep -vE '^[^ ]*: [0-9]+ passed, 0 failed$' "$log" | grep -E 'FAIL|ERROR|passed' >&2 || true
  count_results "$log"
}

run_node_tests() { # $1 = label, $2... = test files/dirs
  local label=$1; shift
  log "$label"
  local log="$CACHE/$label.tap"
  mkdir -p "$CACHE"
  node --test --test-reporter=tap "$@" > "$log" 2>&1 || true
  grep -E '^not ok|^# (pass|fail)' "$log" >&2 || true
  # (|| true: head closing the pipe early must not end the run under pipefail)
  if grep -qE '^not ok' "$log"; then { grep -A30 -E '^\s*not ok' "$log" | head -120 >&2; } || true; fi
  count_results "$log"
}

# ---- hostile input: a debug engine, fuzz targets (tests/fuzz) -------------

DEBUG_OUT="$CACHE/engine-debug"

# The engine with Emscripten's run-time checks, for tests only (never served):
# assertions, checked heap accesses (SAFE_HEAP), stack overflow checks, and
# mallinfo exported so the leak test can count the bytes in use.
build_engine_debug() {
  ensure_build_tools
  ensure_cjson
  local key flags=("${EMFLAGS[@]}" -O1 -g -sASSERTIONS=2 -sSAFE_HEAP=1 -sSTACK_OVERFLOW_CHECK=2
                   -sEXPORTED_FUNCTIONS=_malloc,_free,_mallinfo)
  key=$( (printf '%s\n' "${flags[@]}" "${CFLAGS_COMMON[@]}"; cat wasm/*.c wasm/*.h "$CJSON_DIR/src/cJSON.c") | sha256sum | cut -c1-16)
  if [ -f "$DEBUG_OUT/engine.wasm" ] && [ "$(cat "$DEBUG_OUT/.engine-key" 2>/dev/null)" = "$key" ]; then return 0; fi
  log "emcc: building the debug engine for the tests (.cache/engine-debug)"
  mkdir -p "$DEBUG_OUT"
  NODE_PATH=/usr/share/nodejs emcc "${CFLAGS_COMMON[@]}" "${flags[@]}" \
    "${ENGINE_SRCS[@]}" "$CJSON_DIR/src/cJSON.c" -o "$DEBUG_OUT/engine.js"
  echo '{ "type": "commonjs" }' > "$DEBUG_OUT/package.json"
  echo "$key" > "$DEBUG_OUT/.engine-key"
}

FUZZ_TARGETS=(ingest query trend topojson table_io stream chart_desc)
FUZZ_DIR="$CACHE/fuzz"
FUZZ_SUITE="$ROOT/../shared/jsontestsuite"
FUZZ_SAN=(-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined)

# Seed inputs beyond tests/fuzz/corpus/<target>: the datasets, world-atlas
# shapes and JSONTestSuite's files (those that exist). $1 = target.
fuzz_extra_seeds() {
  local f
  for f in data/*.json "$ROOT"/../shared/data/*.json "$FUZZ_SUITE/test_parsing" "$FUZZ_SUITE/test_transform"; do
    [ -e "$f" ] && echo "$f"
  done
  for f in node_modules/world-atlas/*-110m.json; do [ -e "$f" ] && echo "$f"; done
  if [ "$1" = topojson ]; then
    for f in node_modules/world-atlas/*-50m.json node_modules/world-atlas/*-10m.json; do [ -e "$f" ] && echo "$f"; done
  fi
  return 0
}

# Replays every seed through every target: gcc + ASan/UBSan, no libFuzzer.
# The engine is compiled once (in parallel) and linked into each replay.
run_fuzz_replays() {
  log "fuzz corpus replays (gcc, -fsanitize=address,undefined)"
  local t bin log="$FUZZ_DIR/replays.txt" seeds obj="$FUZZ_DIR/obj" key
  mkdir -p "$FUZZ_DIR" "$obj"
  : > "$log"
  key=$( (printf '%s\n' "${CFLAGS_COMMON[@]}" "${FUZZ_SAN[@]}"; cat wasm/*.c wasm/*.h tests/fuzz/*.[ch] "$CJSON_DIR/src/cJSON.c") | sha256sum | cut -c1-16)
  if [ "$(cat "$obj/.key" 2>/dev/null)" != "$key" ]; then
    rm -f "$obj"/*.o "$FUZZ_DIR"/replay_*
    printf '%s\n' "${ENGINE_SRCS[@]}" "$CJSON_DIR/src/cJSON.c" |
      xargs -P "$(nproc)" -I{} sh -c 'gcc "$@" -c {} -o "'"$obj"'/$(basename {} .c).o"' _ \
        "${CFLAGS_COMMON[@]}" "${FUZZ_SAN[@]}" 2>"$obj/compile.txt" || { cat "$obj/compile.txt" >&2; }
    echo "$key" > "$obj/.key"
  fi
  for t in "${FUZZ_TARGETS[@]}"; do
    bin="$FUZZ_DIR/replay_$t"
    if [ ! -x "$bin" ] && ! gcc "${CFLAGS_COMMON[@]}" "${FUZZ_SAN[@]}" -Itests/fuzz tests/fuzz/fuzz_$t.c \
        tests/fuzz/replay.c "$obj"/*.o -lm -o "$bin" 2>"$bin.compile.txt"; then
      cat "$bin.compile.txt" >&2
      echo "fuzz_$t: 0 passed, 1 failed" >> "$log"
      continue
    fi
    mapfile -t seeds < <(fuzz_extra_seeds "$t")
    ASAN_OPTIONS=detect_leaks=1:handle_abort=1 "$bin" "fuzz_$t" "tests/fuzz/corpus/$t" "${seeds[@]}" \
      >> "$log" 2> "$FUZZ_DIR/replay_$t.stderr.txt" || { tail -30 "$FUZZ_DIR/replay_$t.stderr.txt" >&2; true; }
    grep -q "^fuzz_$t: " "$log" || echo "fuzz_$t: 0 passed, 1 failed" >> "$log"
  done
  cat "$log" >&2
  count_results "$log"
}

# ./build.sh fuzz [seconds] [target...]: libFuzzer on each target (default 60 s
# each, all targets). FUZZ_RUNS=N stops after N executions instead of time;
# FUZZ_JOBS=N runs N targets at once. The corpus grows in .cache/fuzz/<target>/
# corpus; crashes land in .cache/fuzz/<target>/ (copy them to tests/fuzz/corpus/
# <target>/ as regression seeds once fixed).
cmd_fuzz() {
  local secs="${1:-60}" targets t jobs="${FUZZ_JOBS:-1}"
  if [ $# -gt 0 ]; then shift; fi
  if [ $# -gt 0 ]; then targets=("$@"); else targets=("${FUZZ_TARGETS[@]}"); fi
  ensure_build_tools
  ensure_cjson
  ensure_npm
  apt_ensure clang-14 libclang-rt-14-dev
  local cc=clang-14 max_len
  mkdir -p "$FUZZ_DIR"
  for t in "${targets[@]}"; do
    [ -f "tests/fuzz/fuzz_$t.c" ] || die "no fuzz target '$t' (targets: ${FUZZ_TARGETS[*]})"
    log "clang: building fuzz_$t"
    $cc "${CFLAGS_COMMON[@]}" -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
      -fno-sanitize-recover=undefined -Itests/fuzz tests/fuzz/fuzz_$t.c \
      "${ENGINE_SRCS[@]}" "$CJSON_DIR/src/cJSON.c" -lm -o "$FUZZ_DIR/fuzz_$t"
    mkdir -p "$FUZZ_DIR/$t/corpus"
    # seeds that fit -max_len; libFuzzer reads the committed ones itself
    case "$t" in ingest|stream|chart_desc) max_len=8192 ;; topojson) max_len=4096 ;; *) max_len=1024 ;; esac
    local f
    while read -r f; do
      if [ -d "$f" ]; then find "$f" -maxdepth 1 -type f -size -$((max_len + 1))c -exec cp -n {} "$FUZZ_DIR/$t/corpus/" \;
      elif [ "$(stat -c %s "$f")" -le "$max_len" ]; then cp -n "$f" "$FUZZ_DIR/$t/corpus/"; fi
    done < <(fuzz_extra_seeds "$t")
  done
  local running=0 stop what
  if [ -n "${FUZZ_RUNS:-}" ]; then stop=(-runs="$FUZZ_RUNS") what="$FUZZ_RUNS runs"; else stop=(-max_total_time="$secs") what="$secs s"; fi
  for t in "${targets[@]}"; do
    case "$t" in ingest|stream|chart_desc) max_len=8192 ;; topojson) max_len=4096 ;; *) max_len=1024 ;; esac
    log "fuzzing fuzz_$t ($what), log in .cache/fuzz/$t/fuzz.log"
    ( cd "$FUZZ_DIR/$t" && ASAN_OPTIONS=detect_leaks=1 "../fuzz_$t" "${stop[@]}" -max_len="$max_len" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$FUZZ_DIR/$t/" corpus "$ROOT/tests/fuzz/corpus/$t" \
        > fuzz.log 2>&1; echo $? > exit_code ) &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
  done
  wait || true
  local failed=0 rc
  for t in "${targets[@]}"; do
    rc=$(cat "$FUZZ_DIR/$t/exit_code" 2>/dev/null || echo 1)
    awk -v t="fuzz_$t" -v rc="$rc" -v n="$(ls "$FUZZ_DIR/$t/corpus" | wc -l)" '
      /stat::number_of_executed_units/ {runs=$2} /stat::average_exec_per_sec/ {eps=$2}
      /Done [0-9]+ runs in/ {secs=$(NF-1)}
      END {printf "%s: %s runs, %s s, %s exec/s, corpus %s files, exit %s\n", t, runs, secs, eps, n, rc}' "$FUZZ_DIR/$t/fuzz.log"
    if [ "$rc" != 0 ]; then failed=1; grep -E 'ERROR|SUMMARY|contract broken|Test unit written' "$FUZZ_DIR/$t/fuzz.log" | head -20 >&2; fi
  done
  [ "$failed" -eq 0 ]
}

cmd_test() {
  build
  ensure_npm
  apt_ensure chromium fonts-noto-cjk python3 # python3: reference values in tests
  build_dist
  run_c_tests
  run_fuzz_replays
  build_engine_debug
  run_node_tests node-tests tests/js/
  run_node_tests browser-tests tests/browser/
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
}

# ---- bench: tests/bench (README "Benchmark"); never run by `test` ----------

# The bench's own npm peers (Arquero, DuckDB-WASM, Arrow, uPlot, vega-datasets)
# live in tests/bench/package.json so that `test` never installs them.
ensure_bench_npm() {
  ensure_node
  local d=tests/bench
  if [ ! -f $d/node_modules/.package-lock.json ] || [ $d/package-lock.json -nt $d/node_modules/.package-lock.json ]; then
    log "npm ci (tests/bench)"
    (cd $d && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

cmd_bench() {
  build
  ensure_npm # esbuild bundles the peers for Chromium
  ensure_bench_npm
  apt_ensure chromium
  log "bench: Node and Chromium, up to 10 minutes; results in .cache/bench/"
  node --expose-gc tests/bench/run.mjs "$@"
}

cmd_serve() {
  build
  apt_ensure python3
  echo "Serving the story at http://localhost:$PORT/  (Ctrl-C to stop)"
  exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory web
}

case "${1:-}" in
  serve) cmd_serve ;;
  test) cmd_test ;;
  build) build ;;
  dist) cmd_dist ;;
  fuzz) shift; cmd_fuzz "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  clean) rm -rf "$OUT" "$CACHE" "$DIST" tests/c/build ;;
  *) echo "usage: ./build.sh serve|test|build|dist|bench|fuzz [seconds] [target...]|clean" >&2; exit 2 ;;
esac
