#!/usr/bin/env bash
# Inverse accumulation benchmarks: generates inverse.cpp's derivatives,
# builds, checks (the program aborts if f_ijvp, f_ivjp or f_logdet disagree
# with the dense route), times, and prints the table of ratios.
#
#   bench/run_inverse.sh [extra Google Benchmark flags]
#
# Environment: CXX (default g++), TAD_GEN (default build/tool/tad-gen),
# MIN_TIME (seconds per benchmark, default 0.2). Output goes to bench/out/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=$here/out
tadgen=${TAD_GEN:-$root/build/tool/tad-gen}
cxx=${CXX:-g++}
flags=(-std=c++17 -O2 -march=native)
min_time=${MIN_TIME:-0.2}

mkdir -p "$out"
echo "== tad-gen inverse.cpp -> out/inverse.tad.cpp"
"$tadgen" "$here/inverse.cpp" -o "$out/inverse.tad.cpp" -- -std=c++17 \
  -I"$root/include"
echo "== $cxx ${flags[*]}"
"$cxx" "${flags[@]}" -I"$root/include" \
  -DTAD_GENERATED="\"$out/inverse.tad.cpp\"" \
  "$here/inverse.cpp" -o "$out/inverse" -lbenchmark -lpthread
echo "== out/inverse"
"$out/inverse" --benchmark_min_time="$min_time" \
  --benchmark_out="$out/inverse.json" --benchmark_out_format=json "$@"
echo
python3 "$here/report_inverse.py" "$out/inverse.json"
