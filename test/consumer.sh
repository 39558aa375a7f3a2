#!/usr/bin/env bash
# Installs tad from the build tree into a fresh prefix, then builds and runs
# examples/consumer against that prefix both ways: with the Clang plugin
# (clang++-19) and with tad-gen + g++.
#   consumer.sh <tad build dir> <scratch dir> <clang++> <g++>
set -euo pipefail
build=$1 scratch=$2 clangxx=$3 gxx=$4
src=$(cd "$(dirname "$0")/../examples/consumer" && pwd)
rm -rf "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
for way in plugin tad-gen; do
  if [ "$way" = plugin ]; then
    flags=(-DCMAKE_CXX_COMPILER="$clangxx" -DTAD_CONSUMER_PLUGIN=ON)
  else
    flags=(-DCMAKE_CXX_COMPILER="$gxx")
  fi
  echo "== consumer, $way =="
  cmake -S "$src" -B "$scratch/$way" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$scratch/prefix" "${flags[@]}" >/dev/null
  cmake --build "$scratch/$way"
  ctest --test-dir "$scratch/$way" --output-on-failure
done
