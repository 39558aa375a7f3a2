#!/usr/bin/env bash
# Builds tad and runs every test: unit tests (GoogleTest) and the lit suite
# (generated text, diagnostics, and generated code compiled with clang++-19
# and g++ and checked numerically).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j 2
