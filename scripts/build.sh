#!/usr/bin/env bash
# Configures and builds tad in build/ (targets given as arguments, or all).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j 2 ${1:+--target "$@"}
