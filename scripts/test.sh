#!/usr/bin/env bash
# test.sh: install what is missing, then build signet and run every test.
#
#   scripts/test.sh              # every configuration: asan, release, then tsan
#   scripts/test.sh asan         # Debug + ASan/UBSan + -Werror   (build/asan)
#   scripts/test.sh release      # Release + -Werror               (build/release)
#   scripts/test.sh tsan         # ThreadSanitizer, library + concurrency tests only (build/tsan)
#   scripts/test.sh asan release # several, in that order
#
# Each configuration uses the CMake preset of the same name (CMakePresets.json):
# `cmake --preset P`, `cmake --build --preset P`, `ctest --preset P`.
#
# Environment:
#   CXX=clang++          compiler (default: c++); a build directory configured
#                        with another compiler or generator is reconfigured fresh
#   JOBS=N               build and test parallelism (default: nproc)
#   SIGNET_SKIP_DEPS=1   do not run scripts/install-deps.sh
#   CTEST_ARGS="..."     extra ctest arguments, e.g. "-L unit" or "-LE packaging"
#
# Exits non-zero when any step of any configuration fails; the other
# configurations still run.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; }

configs=()
for arg in "$@"; do
  case "$arg" in
    asan|release|tsan|dev) configs+=("$arg") ;;
    all) configs+=(asan release tsan) ;;
    -h|--help) usage; exit 0 ;;
    *) echo "test.sh: unknown argument '$arg' (want asan, release, tsan, dev or all)" >&2; exit 2 ;;
  esac
done
((${#configs[@]})) || configs=(asan release tsan)

jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
read -r -a ctest_extra <<<"${CTEST_ARGS:-}"

now() { date +%s; }
fmt() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
timings=()
phase() {  # phase NAME CMD...: run CMD, record its time and status
  local name=$1; shift
  local t0 rc
  echo
  echo "==> [$name] $*"
  t0=$(now)
  "$@"
  rc=$?
  local dt=$(($(now) - t0))
  timings+=("$(printf '%-22s %8s  %s' "$name" "$(fmt "$dt")" "$([[ $rc == 0 ]] && echo ok || echo "FAILED (exit $rc)")")")
  return $rc
}

status=0
if [[ ${SIGNET_SKIP_DEPS:-0} != 1 ]]; then
  phase deps scripts/install-deps.sh --test || { echo "test.sh: installing dependencies failed" >&2; exit 1; }
fi

echo "test.sh: cmake $(cmake --version | sed -n 1p | awk '{print $3}'), compiler ${CXX:-c++} ($("${CXX:-c++}" --version 2>/dev/null | sed -n 1p)), jobs $jobs"

# cache_value DIR VAR: print VAR's value from DIR/CMakeCache.txt.
cache_value() { sed -n "s/^$2:[A-Z]*=//p" "$1/CMakeCache.txt" 2>/dev/null | head -n1; }

# needs_fresh DIR: the cache was made with another compiler or generator.
needs_fresh() {
  local dir=$1
  [[ -f $dir/CMakeCache.txt ]] || return 1
  local cached want
  cached=$(cache_value "$dir" CMAKE_CXX_COMPILER)
  want=$(command -v "${CXX:-c++}" || true)
  if [[ -n $cached && -n $want && $(readlink -f "$cached") != "$(readlink -f "$want")" ]]; then
    echo "test.sh: $dir was configured with $cached, now ${CXX:-c++}: reconfiguring fresh"
    return 0
  fi
  if [[ $(cache_value "$dir" CMAKE_GENERATOR) != Ninja ]]; then
    echo "test.sh: $dir was configured with another generator: reconfiguring fresh"
    return 0
  fi
  return 1
}

# run_ctest PRESET LOG: run the tests, keeping a copy of the output in LOG.
run_ctest() {
  local cmd=(ctest --preset "$1" --output-on-failure -j "$jobs" "${ctest_extra[@]}")
  echo "${cmd[*]}"
  "${cmd[@]}" 2>&1 | tee "$2"
}

total_pass=0
total_fail=0
for p in "${configs[@]}"; do
  dir=build/$p
  fresh=()
  needs_fresh "$dir" && fresh=(--fresh)
  if ! phase "$p: configure" cmake --preset "$p" "${fresh[@]}"; then status=1; continue; fi
  if ! phase "$p: build" cmake --build --preset "$p" --parallel "$jobs"; then status=1; continue; fi
  log=$dir/ctest.log
  phase "$p: test" run_ctest "$p" "$log" || status=1
  # "100% tests passed, 0 tests failed out of 42"
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n1)
  if [[ $line =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
    total_fail=$((total_fail + BASH_REMATCH[1]))
    total_pass=$((total_pass + BASH_REMATCH[2] - BASH_REMATCH[1]))
  fi
done

echo
echo "==> timings"
for t in "${timings[@]}"; do echo "    $t"; done
echo
if ((status == 0)); then
  echo "test.sh: all configurations passed (${configs[*]})"
else
  echo "test.sh: FAILED (see above)" >&2
fi
summary="tests: $total_pass passed, $total_fail failed"
echo "$summary"
# .ci/run repeats the summary as its last line.
[[ -n ${SIGNET_TEST_SUMMARY_FILE:-} ]] && echo "$summary" >"$SIGNET_TEST_SUMMARY_FILE"
exit $status
