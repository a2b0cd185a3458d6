#!/usr/bin/env bash
# fuzz/run.sh SECONDS [TARGET...]
#
# Builds the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined)
# in build/fuzz, runs each target (all by default) for SECONDS, merges the
# inputs that add coverage into fuzz/corpus/<target>/, and prints per-target
# executions, coverage and whether a crash was found. Crash, leak, timeout
# and OOM inputs go to fuzz/artifacts/ (git-ignored); fuzzer logs to
# build/fuzz/logs/.
#
# Environment:
#   JOBS=N            run N targets at a time (default 1; the machine has 2 cores)
#   MINIMIZE=1        afterwards rebuild each corpus as a minimal set covering
#                     the same edges (-merge=1 -use_counters=0 into an empty
#                     directory); files named regression-* are always kept
#   KEEP_GOING=1      do not stop at the first finding: libFuzzer's fork mode
#                     (-fork=1 -ignore_crashes=1 -ignore_timeouts=1
#                     -ignore_ooms=1), for fuzzing on while a known bug is
#                     still open; every finding is still written to
#                     fuzz/artifacts/ and counted
#   FUZZ_BUILD_DIR    build directory (default build/fuzz)
#   SUMMARY_FILE      also append the summary table (markdown) to this file
#
# Reproduce a finding: build/fuzz/fuzz/<target>_fuzz fuzz/artifacts/<file>
# (or the <target>_replay binary of any test build, no clang needed).
set -uo pipefail

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
  sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
seconds=$1
shift

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build/fuzz}
jobs=${JOBS:-1}
artifacts=$root/fuzz/artifacts
mkdir -p "$artifacts" "$build/logs"

# max_len per target: long enough for the inputs the target parses (tokens,
# JWKs, documents), short enough to keep executions fast.
declare -A max_len=(
  [base64url]=4096 [base62]=64 [json]=4096 [json_differential]=4096 [zlib]=8192
  [django]=2048 [django_roundtrip]=1024
  [jwt_verify]=4096 [jwt_roundtrip]=1024 [jwk]=8192 [jwt_inspect]=4096
)
declare -A dict=(
  [json]=json.dict [json_differential]=json.dict [jwk]=jwk.dict
  [jwt_verify]=jwt.dict [jwt_inspect]=jwt.dict
)
# Extra libFuzzer flags: the zlib target must stay within its small caps, so
# any allocation beyond 64 MiB is a finding.
declare -A extra=([zlib]=-malloc_limit_mb=64)

echo "fuzz: configuring $build"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S "$root" -B "$build" "${generator[@]}" \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
  -DSIGNET_BUILD_FUZZERS=ON -DSIGNET_SANITIZE=ON -DSIGNET_BUILD_TESTS=OFF -DSIGNET_BUILD_CLI=OFF \
  -DSIGNET_BUILD_BENCH=OFF -DSIGNET_INSTALL=OFF -DSIGNET_FUZZ_JWT=AUTO >"$build/logs/configure.log" 2>&1 ||
  { cat "$build/logs/configure.log"; exit 1; }

# The targets this build knows (JWT ones only when src/jwt is in the library).
mapfile -t known < <(cmake --build "$build" --target help 2>/dev/null | grep -o '[a-z0-9_]*_fuzz\b' | sed 's/_fuzz$//' | sort -u)
if [[ $# -gt 0 ]]; then targets=("$@"); else targets=("${known[@]}"); fi
for t in "${targets[@]}"; do
  [[ " ${known[*]} " == *" $t "* ]] || { echo "fuzz: unknown target '$t' (known: ${known[*]})"; exit 2; }
done

echo "fuzz: building ${targets[*]}"
cmake --build "$build" -j2 --target "${targets[@]/%/_fuzz}" >"$build/logs/build.log" 2>&1 ||
  { tail -50 "$build/logs/build.log"; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_one() {
  local t=$1
  local bin=$build/fuzz/${t}_fuzz corpus=$root/fuzz/corpus/$t work=$build/work/$t log=$build/logs/$t.log
  mkdir -p "$corpus"
  rm -rf "$work" && mkdir -p "$work"
  local before; before=$(find "$corpus" -type f | wc -l)
  local flags=(-max_total_time="$seconds" -max_len="${max_len[$t]:-4096}" -rss_limit_mb=2048 -timeout=25
               -print_final_stats=1 -artifact_prefix="$artifacts/$t-")
  [[ -n ${dict[$t]:-} ]] && flags+=(-dict="$root/fuzz/dicts/${dict[$t]}")
  [[ -n ${extra[$t]:-} ]] && flags+=(${extra[$t]})
  [[ ${KEEP_GOING:-0} == 1 ]] && flags+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  local marker=$build/work/$t.start
  touch "$marker"
  # New inputs land in $work (the first directory); the corpus is read only.
  "$bin" "${flags[@]}" "$work" "$corpus" >"$log" 2>&1
  local rc=$?
  local new_artifacts; new_artifacts=$(find "$artifacts" -maxdepth 1 -name "$t-*" -newer "$marker" | wc -l)
  # Merge what adds coverage into the corpus.
  "$bin" -merge=1 -max_len="${max_len[$t]:-4096}" -rss_limit_mb=2048 "$corpus" "$work" >"$log.merge" 2>&1
  if [[ ${MINIMIZE:-0} == 1 ]]; then
    local min=$build/work/$t.min
    rm -rf "$min" && mkdir -p "$min"
    # Edge coverage only (-use_counters=0): keeps a few hundred inputs per
    # target instead of one per hit-count bucket.
    if "$bin" -merge=1 -use_counters=0 -max_len="${max_len[$t]:-4096}" -rss_limit_mb=2048 "$min" "$corpus" \
      >"$log.min" 2>&1; then
      find "$corpus" -type f -name 'regression-*' -exec cp {} "$min/" \;
      rm -rf "$corpus" && mv "$min" "$corpus"
    fi
  fi
  local after; after=$(find "$corpus" -type f | wc -l)
  local execs rate cov ft
  execs=$(grep -oE 'stat::number_of_executed_units: +[0-9]+' "$log" | awk '{print $2}' | tail -1)
  rate=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" | awk '{print $2}' | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  local result=ok
  if [[ ${KEEP_GOING:-0} == 1 ]]; then
    # Fork mode prints "#RUNS: cov: .. ft: .. corp: .. exec/s N oom/timeout/crash: a/b/c ..."
    local last; last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1)
    execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
    rate=$(( ${execs:-0} / (seconds > 0 ? seconds : 1) ))
    local found; found=$(grep -oE 'oom/timeout/crash: [0-9]+/[0-9]+/[0-9]+' <<<"$last" | awk '{print $2}')
    if [[ $new_artifacts -gt 0 || ( -n $found && $found != 0/0/0 ) ]]; then
      result="FOUND $new_artifacts new artifact(s), oom/timeout/crash ${found:-?} (fuzz/artifacts/$t-*, ${log#$root/})"
    fi
  elif [[ $rc -ne 0 ]]; then
    local art; art=$(grep -o "Test unit written to [^ ]*" "$log" | tail -1 | sed 's/Test unit written to //')
    local kind; kind=$(grep -m1 -oE 'ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer|libFuzzer): [a-z-]+|invariant violated: .*|runtime error: .*' "$log" | head -1)
    result="FOUND (exit $rc): ${kind:-see $log} ${art:+-> ${art#$root/}}"
    # A run stopped by a finding reports no final stats: count from the log.
    [[ -z $execs ]] && execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s -> %s | %s |\n' "$t" "$seconds" "${execs:-?}" "${rate:-?}" \
    "${cov:-?}" "${ft:-?}" "$before" "$after" "$result" >"$build/logs/$t.summary"
  echo "fuzz: $t done: ${execs:-?} executions, ${rate:-?}/s, cov ${cov:-?}, corpus $before -> $after, $result"
}

running=0
for t in "${targets[@]}"; do
  echo "fuzz: running $t for ${seconds}s"
  run_one "$t" &
  running=$((running + 1))
  if [[ $running -ge $jobs ]]; then
    wait -n
    running=$((running - 1))
  fi
done
wait

header='| target | seconds | executions | exec/s | cov | ft | corpus | result |
|---|---|---|---|---|---|---|---|'
echo
echo "$header"
found=0
for t in "${targets[@]}"; do
  cat "$build/logs/$t.summary"
  grep -q 'FOUND' "$build/logs/$t.summary" && found=1
done
if [[ -n ${SUMMARY_FILE:-} ]]; then
  { echo "$header"; for t in "${targets[@]}"; do cat "$build/logs/$t.summary"; done; } >>"$SUMMARY_FILE"
fi
exit $found
