#!/usr/bin/env bash
# Runs the numerical lit programs (the executables the lit suite built
# under build/test/lit/**/Output, from generated code compiled with
# clang++, g++ and the plugin) under valgrind's memcheck, to find reads of
# uninitialised values in generated code (issue 18, item 4). Run the lit
# suite first (ctest -R lit). Prints each program with an error and exits
# non-zero if there is one.
#
#   bash scripts/valgrind-sweep.sh [BUILD] [LOGDIR]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$root/build}")
log=$(realpath -m "${2:-$(mktemp -d)}")
command -v valgrind >/dev/null || { echo "valgrind is not installed (scripts/setup.sh installs it)"; exit 2; }
mkdir -p "$log"
n=0 bad=0
while IFS= read -r exe; do
  # Programs built with AddressSanitizer check themselves; valgrind cannot
  # run them.
  grep -q __asan_init "$exe" && continue
  n=$((n + 1))
  name=$(printf '%s' "${exe#$build/test/lit/}" | tr '/' '_')
  if ! timeout 600 valgrind -q --error-exitcode=99 --track-origins=yes \
      "$exe" >"$log/$name.out" 2>"$log/$name.vg"; then
    rc=$?
    if [ $rc = 99 ] || grep -q '==[0-9]*==' "$log/$name.vg"; then
      bad=$((bad + 1))
      echo "valgrind: ${exe#$build/} ($log/$name.vg)"
    elif [ $rc != 0 ]; then
      echo "failed (status $rc, not a valgrind report): ${exe#$build/}"
    fi
  fi
done < <(find "$build/test/lit" -path '*/Output/*' -type f -executable \
           ! -name '*.sh' ! -name '*.py' | sort)
echo "valgrind: $n programs, $bad with errors"
[ $bad = 0 ]
