#!/usr/bin/env bash
# Generates tad's derivatives of the benchmark kernels, builds the Google
# Benchmark program, runs it and prints the table of ratios.
#
#   bench/run.sh [extra Google Benchmark flags, e.g. --benchmark_filter=gmm]
#
# Environment: CXX (default g++; clang++-19 works too), TAD_GEN (default
# build/tool/tad-gen), MIN_TIME (seconds per repetition, default 0.2), REPS
# (repetitions, interleaved at random; the table takes the fastest, default 5).
# Everything it writes goes to bench/out/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=$here/out
tadgen=${TAD_GEN:-$root/build/tool/tad-gen}
cxx=${CXX:-g++}
flags=(-std=c++17 -O2 -march=native)
min_time=${MIN_TIME:-0.2}
reps=${REPS:-5}

mkdir -p "$out"
# kernels.cpp: the objectives as plain C++; templated.cpp: three of them as
# function templates with std::vector temporaries (the same objectives);
# detemplated.cpp: those templates written for double with fixed arrays.
for src in kernels templated detemplated; do
  echo "== tad-gen $src.cpp -> out/$src.tad.cpp"
  "$tadgen" "$here/$src.cpp" -o "$out/$src.tad.cpp" -- -std=c++17 \
    -I"$root/include" -I"$here"
done
echo "== $cxx ${flags[*]}"
for src in kernels templated detemplated; do
  "$cxx" "${flags[@]}" -I"$root/include" -I"$here" \
    -DTAD_GENERATED="\"$out/$src.tad.cpp\"" \
    -c "$here/$src.cpp" -o "$out/$src.o"
done
"$cxx" "${flags[@]}" -I"$here" -c "$here/bench.cpp" -o "$out/bench.o"
"$cxx" "$out/kernels.o" "$out/templated.o" "$out/detemplated.o" "$out/bench.o" -lbenchmark \
  -lpthread -o "$out/bench"

echo "== out/bench"
"$out/bench" --benchmark_min_time="$min_time" \
  --benchmark_repetitions="$reps" \
  --benchmark_enable_random_interleaving=true \
  --benchmark_display_aggregates_only=true \
  --benchmark_out="$out/results.json" --benchmark_out_format=json "$@"

echo
python3 "$here/report.py" "$out/results.json"
