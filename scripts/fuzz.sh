#!/usr/bin/env bash
# Fuzzes tad's library with libFuzzer (test/fuzz/README.md): builds
# tad-fuzz in build-fuzz/ (clang++-19, ASan + UBSan, only that target) and
# runs it from test/fuzz/corpus for a fixed time (default 60 s; FUZZ_TIME),
# with a 30 s limit per input (a hang: an input takes 0.1-0.5 s alone, and
# one took 13 s on a loaded machine) and the leak checker on. New inputs
# go to build-fuzz/corpus (the kept corpus stays as it is); a crash, hang,
# leak or sanitizer report leaves its input in build-fuzz/artifacts and
# fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
  -DTAD_FUZZ=ON -DTAD_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j "${JOBS:-2}" --target tad-fuzz
mkdir -p build-fuzz/corpus build-fuzz/artifacts
ASAN_OPTIONS=detect_leaks=1:allow_user_poisoning=0 \
  build-fuzz/test/fuzz/tad-fuzz -max_total_time="${FUZZ_TIME:-60}" \
  -timeout=30 -rss_limit_mb=4096 -max_len=8192 -print_final_stats=1 \
  -artifact_prefix=build-fuzz/artifacts/ build-fuzz/corpus test/fuzz/corpus "$@"
