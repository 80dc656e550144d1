#!/usr/bin/env bash
# build.sh — the one entry point of wasmlit.
#
#   ./build.sh build [APP_DIR...]  build apps (default: every example + the gallery) into dist/
#   ./build.sh serve [FLAGS] [APP_DIR]  build, serve dist/ on http://127.0.0.1:8080 (-addr, PORT), rebuild + reload on save
#   ./build.sh test [SPEC...]      every check and test, failing fast (what CI runs); SPEC limits the browser tests
#   ./build.sh libs                npm ci in web/, then web/lib from web/node_modules (go generate ./web)
#   ./build.sh bench               Go and browser benchmarks against the peers: bench/results.json, docs/BENCHMARKS.md
#   ./build.sh test-edge [ARGS]    only the edge tier's browser tests against wrangler dev (E1–E4; test runs them too)
#
# Quick runs: FUZZTIME=1x ./build.sh test hello.spec.ts (fuzz targets replay their corpus and run
# once; one browser spec). The same wasmlit command works in any module: go run ./cmd/wasmlit help.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Every package's tests also run as GOOS=js GOARCH=wasm under Node, except the native tools under
# cmd/ (they run go and serve files) and what this ERE adds. Tests that need a network or a DOM
# carry a `//go:build !js` constraint themselves.
WASM_NODE_EXCLUDE='^github.com/wasmlit/wasmlit/cmd/'
# Debian's Chromium: the only browser the tests use (Playwright never downloads one).
CHROMIUM=/usr/bin/chromium
# Where tools built for the checks go (outside the tree).
TOOLS="${TMPDIR:-/tmp}/wasmlit-tools"
STATICCHECK_VERSION=v0.8.2

GOROOT_WASM="$(go env GOROOT)/lib/wasm"
START=$SECONDS
STEP=""

step() {
  STEP="$1"
  printf '\n\033[1m== %s\033[0m (%ds)\n' "$1" $((SECONDS - START))
}

on_exit() {
  local rc=$?
  if [[ $rc -ne 0 && -n "$STEP" ]]; then
    printf '\n\033[31mFAILED at step "%s" after %ds (exit %d)\033[0m\n' "$STEP" $((SECONDS - START)) "$rc" >&2
  fi
}
trap on_exit EXIT

wasmlit() { go run ./cmd/wasmlit "$@"; }

# as_root runs a command as root (directly, or through sudo when available).
as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "need root to run: $*" >&2; return 1
  fi
}

ensure_chromium() {
  if [[ -x $CHROMIUM ]]; then return; fi
  echo "installing Debian's chromium (not found at $CHROMIUM)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
}

ensure_playwright() {
  # npm writes node_modules/.package-lock.json on install: reinstall when the lockfile is newer.
  if [[ ! -f playwright/node_modules/.package-lock.json || playwright/package-lock.json -nt playwright/node_modules/.package-lock.json ]]; then
    # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: belt and braces, @playwright/test downloads nothing itself.
    (cd playwright && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}

# ensure_wrangler installs edge/'s pinned wrangler (the edge tests run the Worker under
# `wrangler dev`, offline) when it is missing or older than the lockfile.
ensure_wrangler() {
  if [[ ! -f edge/node_modules/.package-lock.json || edge/package-lock.json -nt edge/node_modules/.package-lock.json ]]; then
    (cd edge && npm ci --no-audit --no-fund)
  fi
}

# edge_node_ok reports whether this Node runs the pinned wrangler (4.40.0 needs Node 20 or newer),
# and says so loudly when it does not: edge.spec.ts then skips itself.
edge_node_ok() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if ((major >= 20)); then return 0; fi
  printf '\033[33mSKIPPING the edge tests (playwright/edge.spec.ts): wrangler 4.40.0 needs Node 20 or newer, this is Node %s\033[0m\n' \
    "$(node --version)" >&2
  return 1
}

# ensure_web_modules installs web/'s npm packages (the browser libraries web/lib is made from)
# when they are missing or older than the lockfile. Only ./build.sh libs needs them: the build and
# the tests read the committed web/lib.
ensure_web_modules() {
  if [[ ! -f web/node_modules/.package-lock.json || web/package-lock.json -nt web/node_modules/.package-lock.json ]]; then
    (cd web && npm ci --no-audit --no-fund)
  fi
}

# wasm_node_packages prints the packages whose tests run under Node (see WASM_NODE_EXCLUDE).
wasm_node_packages() {
  GOOS=js GOARCH=wasm go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./... |
    grep -Ev "$WASM_NODE_EXCLUDE" || true
}

# FUZZTIME is how much CI fuzzes each target beyond its committed corpus: a count of executions,
# not a duration. A duration races Go 1.26's fuzz coordinator, which then fails the target with a
# bare "context deadline exceeded" and no input (go.dev/issue/75804, fixed in Go 1.27). Minimising
# a new input is bounded the same way (by default it may take a minute per input).
FUZZTIME=${FUZZTIME:-20000x}
FUZZMINIMIZETIME=${FUZZMINIMIZETIME:-500x}

# fuzz_short runs every Fuzz target of the module for FUZZTIME (go test -fuzz takes one target of
# one package at a time). New inputs that fail are written to testdata/fuzz: commit them.
fuzz_short() {
  local pkg name log n=0
  while read -r pkg; do
    while read -r name; do
      [[ $name == Fuzz* ]] || continue
      echo "$pkg $name"
      if ! log=$(go test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$FUZZMINIMIZETIME" "$pkg" 2>&1); then
        printf '%s\n' "$log"
        return 1
      fi
      n=$((n + 1))
    done < <(go test -list '^Fuzz' "$pkg")
  done < <(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./... | grep -Ev '^github.com/wasmlit/wasmlit/cmd/' || true)
  PASSED=$((PASSED + n))
}

# PASSED counts the tests that passed across all steps, for the closing line.
PASSED=0

# go_test runs go test -v with the given arguments, prints the package summary lines (and the
# whole log on failure), and adds the passed tests to PASSED.
go_test() {
  local log
  log=$(mktemp)
  if ! go test -v "$@" >"$log" 2>&1; then
    cat "$log"
    rm -f "$log"
    return 1
  fi
  grep -E '^(ok|FAIL|\?) ' "$log" || true
  PASSED=$((PASSED + $(grep -cE '^\s*--- PASS' "$log" || true)))
  rm -f "$log"
}

cmd_build() { wasmlit build "$@"; }

# cmd_serve passes its flags and app through: serve (watching by default) checks the port, builds
# (all examples and the gallery, or the one app), then rebuilds what each change touches.
cmd_serve() { wasmlit serve -dir dist "$@"; }

# cmd_libs regenerates web/lib (the npm libraries the command embeds) and web/libs.sum.json: run
# it after changing web/libs.json or web/package.json, and commit both.
cmd_libs() {
  ensure_web_modules
  go generate ./web
}

cmd_test() {
  step "gofmt"
  local unformatted
  unformatted=$(find . -name '*.go' -not -path '*/node_modules/*' -not -path './dist/*' -not -path './.git/*' -print0 |
    xargs -0 gofmt -l)
  if [[ -n $unformatted ]]; then
    echo "gofmt -l lists files that need formatting (run gofmt -w):" >&2
    echo "$unformatted" >&2
    return 1
  fi

  step "go vet (native)"
  go vet ./...
  step "go vet (js/wasm)"
  GOOS=js GOARCH=wasm go vet ./...

  step "staticcheck $STATICCHECK_VERSION (native, js/wasm)"
  # Installed natively once, then run for both targets (GOOS only changes what it analyses).
  GOBIN="$TOOLS" go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION"
  "$TOOLS/staticcheck" ./...
  GOOS=js GOARCH=wasm "$TOOLS/staticcheck" ./...

  local race=()
  if [[ $(go env CGO_ENABLED) == 1 ]] && command -v "$(go env CC)" >/dev/null; then
    race=(-race)
  fi
  step "go test ${race[*]} ./... (native)"
  go_test "${race[@]}" ./...

  step "fuzz: every Fuzz target, ${FUZZTIME} executions each (corpus in testdata/fuzz is replayed by go test above)"
  fuzz_short

  step "go test under Node (js/wasm)"
  local pkgs
  mapfile -t pkgs < <(wasm_node_packages)
  if [[ ${#pkgs[@]} -gt 0 ]]; then
    echo "packages: ${pkgs[*]}"
    PATH="$PATH:$GOROOT_WASM" GOOS=js GOARCH=wasm go_test -timeout 5m "${pkgs[@]}"
  else
    echo "no packages"
  fi

  step "build every example and test app, and the edge Worker of examples/shared"
  wasmlit build
  wasmlit build testapps/*/
  wasmlit build -edge examples/shared

  step "browser tests (Playwright, Debian Chromium)"
  ensure_chromium
  ensure_playwright
  # edge.spec.ts waits for its own pass below: its wrangler, two workerd and Go instances would
  # share the 2 cores with the other specs and push them past their timeouts.
  (cd playwright && WASMLIT_EDGE_LATER=1 npx --no-install playwright test "$@")
  PASSED=$((PASSED + $(node -e 'const r=require("./playwright/test-results/results.json"); console.log(r.stats.expected)')))

  if [[ $# -eq 0 || " $* " == *edge* ]]; then
    step "edge tests (playwright/edge.spec.ts against wrangler dev, wrangler from edge/package-lock.json)"
    if edge_node_ok; then ensure_wrangler; fi
    (cd playwright && npx --no-install playwright test edge.spec.ts)
    PASSED=$((PASSED + $(node -e 'const r=require("./playwright/test-results/results.json"); console.log(r.stats.expected)')))
  fi

  STEP=""
  printf '\n\033[32mALL TESTS PASSED\033[0m: gofmt, vet, staticcheck, go test%s, wasm tests under Node, browser tests (%ds)\n' \
    "${race:+ ${race[*]}}" $((SECONDS - START))
  # The plain closing line CI reads: every Go test (native and under Node) and browser test.
  printf 'wasmlit: %d passed, 0 failed\n' "$PASSED"
}

# cmd_test_edge runs only the edge tier's browser tests (playwright/edge.spec.ts, also the last
# pass of cmd_test) against the Worker of examples/shared under `wrangler dev` (wrangler from
# edge/package-lock.json). Arguments go to Playwright (e.g. --reporter=list).
cmd_test_edge() {
  wasmlit build -edge examples/shared
  ensure_chromium
  ensure_playwright
  if edge_node_ok; then ensure_wrangler; fi
  (cd playwright && npx --no-install playwright test edge.spec.ts "$@")
}

# cmd_bench runs the Go benchmarks (bench/go.txt natively, bench/go-wasm.txt in wasm), builds every
# example and bench app, and runs the browser benchmark with its peers (playwright/bench/run.mjs:
# sizes, startup beside Pyodide's core boot, rerun latency, the seed's large-data table beside
# pickle in Pyodide, pandas' pickle and the JS and Go floors, peak memory). Everything lands in
# bench/results.json, from which report.mjs regenerates docs/BENCHMARKS.md and docs/bench/*.svg.
# It must finish in under 20 minutes on the project's 2-core machine; it prints its duration.
cmd_bench() {
  mkdir -p bench
  BENCH_START=$(date +%s)
  export BENCH_START
  step "tools: chromium, Playwright, the peers (python3-pandas, Pyodide)"
  ensure_chromium
  ensure_playwright
  # Streamlit's mechanism natively needs Debian's python3-pandas in /usr/bin/python3 (the python3
  # on PATH may be a pyenv one without it).
  if ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
    echo "installing Debian's python3-pandas (/usr/bin/python3 has no pandas)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-pandas
  fi
  # Pyodide's core (npm pyodide), reinstalled when the lockfile is newer, like ensure_playwright.
  if [[ ! -f bench/peers/node_modules/.package-lock.json || bench/peers/package-lock.json -nt bench/peers/node_modules/.package-lock.json ]]; then
    (cd bench/peers && npm ci --no-audit --no-fund)
  fi
  step "Go benchmarks"
  # Only the packages that have benchmarks: compiling every package's tests costs minutes here.
  local benchpkgs
  mapfile -t benchpkgs < <(grep -rl --include='*_test.go' --exclude-dir=node_modules --exclude-dir=dist '^func Benchmark' . |
    xargs -n1 dirname | sort -u)
  go test -run '^$' -bench . -benchmem "${benchpkgs[@]}" | tee bench/go.txt
  step "Go benchmarks in wasm (Node's V8, the engine of Chromium)"
  PATH="$PATH:$GOROOT_WASM" GOOS=js GOARCH=wasm go test -run '^$' -bench 'Hash|Codec|FirstRun' -benchmem ./cache/ |
    tee bench/go-wasm.txt
  step "build every example, and the bench apps into dist/bench"
  wasmlit build
  wasmlit build -o dist/bench bench/apps/*/
  step "browser benchmarks and peers"
  node playwright/bench/run.mjs
  node playwright/bench/report.mjs
  STEP=""
  printf '\nBENCHMARKS DONE in %dm%02ds: bench/results.json, docs/BENCHMARKS.md, docs/bench/*.svg\n' \
    $(((SECONDS - START) / 60)) $(((SECONDS - START) % 60))
}

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
  build) shift; cmd_build "$@" ;;
  serve) shift; cmd_serve "$@" ;;
  libs) shift; cmd_libs "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  test-edge) shift; cmd_test_edge "$@" ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
