#!/usr/bin/env bash
# Builds tad itself with AddressSanitizer and UndefinedBehaviorSanitizer in
# build-asan/ and runs the unit tests and the whole lit suite over it: any
# memory error, undefined behaviour or leak of tad-gen fails the test that
# met it. (The code tad generates is sanitized by the tests that ask for it.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTAD_SANITIZE=ON >/dev/null
cmake --build build-asan -j 2
ctest --test-dir build-asan --output-on-failure -j 2
