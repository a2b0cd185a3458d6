#!/usr/bin/env bash
# bench/run.sh: build signet_bench (Release) and run every benchmark of
# docs/benchmarks.md in one go: the C++ binary (signet, raw OpenSSL/libsodium
# limits, libjwt, cpp-jwt), then Django and PyJWT under /usr/bin/python3, then
# bench/report.py, which prints the table and the issue #4 targets and writes
#   bench/results/latest.json   merged results + targets (+ latest.md, the printed table)
#   bench/results/signet_bench.json, bench/results/python_peers.json   the raw outputs
#   docs/benchmarks.svg         the chart
#   bench/results/revocation.txt  verification with no revocation list, the
#                               in-memory list and Redis (signet_bench_revocation)
#
#   bench/run.sh                  the measured run (5 repetitions, 0.2 s min time: a few minutes)
#   bench/run.sh --quick          a smoke run (2 repetitions, 0.02 s): checks everything works
#   bench/run.sh --no-build       reuse the existing build
#   bench/run.sh --filter REGEX   only benchmarks whose name matches (C++ and Python)
#   bench/run.sh --note TEXT      a note printed in the table and the chart (e.g. "smoke run")
#   bench/run.sh --clock real     wall time instead of thread CPU time (the default, see the docs)
#   bench/run.sh --update-docs    also replace the results section of docs/benchmarks.md
#
# Environment: BUILD_DIR (default build-bench), REPETITIONS, MIN_TIME,
# PYTHON (default /usr/bin/python3). Benchmarks measure; nothing here fails on
# a timing. Run it on a quiet machine: close other builds first.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
reps=${REPETITIONS:-5}
min_time=${MIN_TIME:-0.2}
python=${PYTHON:-/usr/bin/python3}
clock=cpu
filter=""
note=""
do_build=1
update_docs=()

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }
while (($#)); do
  case "$1" in
    --quick) reps=${REPETITIONS:-2}; min_time=${MIN_TIME:-0.02} ;;
    --no-build) do_build=0 ;;
    --filter) filter=$2; shift ;;
    --note) note=$2; shift ;;
    --clock) clock=$2; shift ;;
    --update-docs) update_docs=(--update-doc "$root/docs/benchmarks.md") ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

if [[ -z $note && $min_time == 0.02 ]]; then note="quick smoke run (bench/run.sh --quick): not a measurement"; fi

results=$root/bench/results
mkdir -p "$results"

if ((do_build)); then
  echo "run.sh: building signet_bench (Release) in $build ..." >&2
  gen=()
  if [[ ! -f $build/CMakeCache.txt ]] && command -v ninja >/dev/null 2>&1; then gen=(-G Ninja); fi
  cmake -S "$root" -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release -DSIGNET_BUILD_BENCH=ON \
    -DSIGNET_BUILD_TESTS=OFF -DSIGNET_BUILD_CLI=OFF -DSIGNET_INSTALL=OFF -DSIGNET_SANITIZE=OFF >/dev/null
  cmake --build "$build" --target signet_bench signet_bench_revocation >&2
fi
bench_bin=$build/bench/signet_bench
[[ -x $bench_bin ]] || { echo "run.sh: $bench_bin is missing (build it, or drop --no-build)" >&2; exit 1; }

echo "run.sh: signet_bench: $reps repetitions x min ${min_time}s, random interleaving ..." >&2
bench_args=(--benchmark_format=json --benchmark_repetitions="$reps" --benchmark_min_time="$min_time"
            --benchmark_enable_random_interleaving=true)
[[ -n $filter ]] && bench_args+=(--benchmark_filter="$filter")
start=$SECONDS
"$bench_bin" "${bench_args[@]}" >"$results/signet_bench.json"
echo "run.sh: signet_bench took $((SECONDS - start)) s" >&2

echo "run.sh: Django and PyJWT under $python ..." >&2
py_args=(--min-time "$min_time" --repeats "$reps" --clock "$clock" --check-tokens "$results/signet_bench.json")
[[ -n $filter ]] && py_args+=(--filter "$filter")
start=$SECONDS
"$python" "$root/bench/python_peers.py" "${py_args[@]}" >"$results/python_peers.json"
echo "run.sh: python_peers took $((SECONDS - start)) s" >&2

python3 "$root/bench/report.py" --bench "$results/signet_bench.json" --python "$results/python_peers.json" \
  --clock "$clock" --note "$note" --json "$results/latest.json" --markdown "$results/latest.md" \
  --svg "$root/docs/benchmarks.svg" "${update_docs[@]}"
echo "run.sh: wrote bench/results/latest.json, bench/results/latest.md, docs/benchmarks.svg" >&2

# What a revocation list costs a verifier, per backend (docs/revocation.md).
# The binary starts its own loopback redis-server, or skips the Redis rows.
rev_bin=$build/bench/signet_bench_revocation
if [[ -z $filter && -x $rev_bin ]]; then
  echo "run.sh: signet_bench_revocation: no list, in-memory list, Redis on loopback ..." >&2
  "$rev_bin" --benchmark_repetitions="$reps" --benchmark_min_time="$min_time" \
    --benchmark_report_aggregates_only=true 2>&1 | grep -v '_mean\|_stddev\|_cv' | tee "$results/revocation.txt"
  echo "run.sh: wrote bench/results/revocation.txt (medians)" >&2
fi
