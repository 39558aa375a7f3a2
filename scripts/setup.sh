#!/usr/bin/env bash
# Installs what tad needs on Debian 12 (bookworm), if it is missing:
# LLVM/Clang 19 (libraries, headers, FileCheck and lit), g++, CMake, Ninja,
# GoogleTest, Google Benchmark, python3-numpy for the reference models,
# LLVM's OpenMP runtime and compiler-rt (the OpenMP tests under
# ThreadSanitizer with clang++-19, the libFuzzer runtime of
# scripts/fuzz.sh), valgrind for scripts/valgrind-sweep.sh, and
# clang-format-19 for the layout of .clang-format.
set -euo pipefail

packages=(clang-19 libclang-19-dev llvm-19-dev llvm-19-tools g++ cmake
          ninja-build libgtest-dev libbenchmark-dev python3 python3-numpy
          libomp-19-dev libclang-rt-19-dev valgrind clang-format-19)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
