#!/usr/bin/env bash
# OpenMP benchmarks (bench/openmp.cpp): generates the derivatives, builds
# with -fopenmp, checks (the program aborts if a VJP disagrees with its
# JVP), and times the primal and the VJP with 1 and with 2 threads.
#
#   bench/run_openmp.sh [extra Google Benchmark flags]
#
# Environment: CXX (default g++), TAD_GEN (default build/tool/tad-gen),
# MIN_TIME (seconds per benchmark, default 0.3). Output goes to bench/out/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=$here/out
tadgen=${TAD_GEN:-$root/build/tool/tad-gen}
cxx=${CXX:-g++}
flags=(-std=c++17 -O2 -march=native -fopenmp)
min_time=${MIN_TIME:-0.3}

mkdir -p "$out"
echo "== tad-gen openmp.cpp -> out/openmp.tad.cpp"
"$tadgen" "$here/openmp.cpp" -o "$out/openmp.tad.cpp" -- -std=c++17 \
  -fopenmp -I"$root/include"
echo "== $cxx ${flags[*]}"
"$cxx" "${flags[@]}" -I"$root/include" \
  -DTAD_GENERATED="\"$out/openmp.tad.cpp\"" \
  "$here/openmp.cpp" -o "$out/openmp" -lbenchmark -lpthread
for t in 1 2; do
  echo "== OMP_NUM_THREADS=$t out/openmp"
  OMP_NUM_THREADS=$t "$out/openmp" --benchmark_min_time="$min_time" \
    --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
    --benchmark_out="$out/openmp-$t.json" --benchmark_out_format=json "$@"
done
python3 - "$out/openmp-1.json" "$out/openmp-2.json" <<'PY'
import json, sys
rows = {}
for path, t in zip(sys.argv[1:], (1, 2)):
    for b in json.load(open(path))["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        kernel, kind = b["run_name"][3:].rsplit("_", 1)
        rows.setdefault(kernel, {})[(kind, t)] = b["real_time"]
print("| kernel | primal 1T | VJP 1T | VJP/primal 1T | primal 2T | VJP 2T | VJP/primal 2T | VJP speed-up 2T/1T |")
print("|---|---|---|---|---|---|---|---|")
for k, r in rows.items():
    p1, v1, p2, v2 = r[("primal", 1)], r[("vjp", 1)], r[("primal", 2)], r[("vjp", 2)]
    print("| %s | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f | %.2f |" % (k, p1, v1, v1 / p1, p2, v2, v2 / p2, v1 / v2))
PY
