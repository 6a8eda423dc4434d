#!/usr/bin/env bash
# Runs the cargo-fuzz targets one at a time (nightly toolchain; cargo-fuzz is installed from
# crates.io when missing).
#   fuzz/run.sh smoke [target...]  20,000 executions each from the committed seeds, in a
#                                  throw-away corpus (what .ci/run does).
#   fuzz/run.sh long [target...]   1,000,000 executions each, growing fuzz/corpus-run/<target>/
#                                  (not committed; only the seeds in fuzz/corpus/ are).
# Without a nightly toolchain it skips with the reason, except under CI=true, where it fails.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-smoke}
shift || true
case "$mode" in
  smoke) runs=20000 ;;
  long) runs=1000000 ;;
  *) echo "usage: fuzz/run.sh smoke|long [target...]" >&2; exit 2 ;;
esac

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  if [ "${CI:-}" = true ]; then
    echo "error: no nightly toolchain, and CI=true requires the fuzz smoke run" >&2
    exit 1
  fi
  echo "skipped the fuzz run: no nightly toolchain (rustup toolchain install nightly)"
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

# No sanitizer: the project is safe Rust, and ASan would halve the executions per second;
# stack overflows, panics and failed assertions are caught without it. FUZZ_TARGET_DIR (CI
# sets one outside the clone) keeps the instrumented dependencies between runs: building them
# from nothing takes far longer than the fuzzing itself.
flags=(-s none --target-dir "${FUZZ_TARGET_DIR:-fuzz/target}")
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
cargo +nightly fuzz build "${flags[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in "${targets[@]}"; do
  case "$t" in
    project_load | validate | json_pane) dict=fuzz/dict/json.dict; max_len=16384 ;;
    sandbox_query) dict=fuzz/dict/query.dict; max_len=8192 ;;
    oauth_callback) dict=fuzz/dict/oauth.dict; max_len=4096 ;;
    rest_envelope) dict=fuzz/dict/envelope.dict; max_len=4096 ;;
    *) dict=""; max_len=4096 ;;
  esac
  if [ "$mode" = long ]; then
    grown=fuzz/corpus-run/$t
  else
    grown=$work/$t
  fi
  mkdir -p "$grown"
  echo "== fuzz $t: $runs executions"
  start=$(date +%s)
  # New inputs go to the first folder; the committed seeds are only read. One process, one
  # worker (libFuzzer's default; -jobs would fork a child that logs to a file instead).
  log=$work/$t.log
  if ! cargo +nightly fuzz run "${flags[@]}" "$t" "$grown" "fuzz/corpus/$t" -- \
    -runs="$runs" -max_len="$max_len" -print_final_stats=1 ${dict:+-dict="$dict"} >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "error: fuzz target $t failed (the input is under fuzz/artifacts/$t/)" >&2
    exit 1
  fi
  grep -E "^#[0-9]+ +DONE|^stat::(number_of_executed_units|peak_rss_mb)" "$log" || tail -n 5 "$log"
  echo "   $t: done in $(($(date +%s) - start)) s"
done
