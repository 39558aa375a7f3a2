#!/usr/bin/env bash
# Compiles everything tad-gen writes over the lit suite and the benchmark
# sources with -Wall -Wextra -Werror under clang++ and g++ (issue 18, item
# 4: generated code is clean). The lit suite runs with tad-gen replaced by
# a wrapper: after each successful call it compiles the call's input with
# the generated file included (TAD_GENERATED), with the -D/-I flags the
# call passed after `--`. Prints one line per output that does not compile
# cleanly, and exits non-zero if there is one. About 6 minutes on 2 cores
# (it reruns the lit suite): a script, not a ctest.
#
#   bash scripts/warnings-sweep.sh [build/tool/tad-gen] [LOGDIR]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$root/build/tool/tad-gen}")
log=$(realpath -m "${2:-$(mktemp -d)}")
build=${BUILD:-$root/build}
mkdir -p "$log"
rm -f "$log"/*.fail "$log"/*.source "$log"/*.txt
wrap=$(mktemp -d)
trap 'rm -rf "$wrap"' EXIT

# check FILE OUT FLAGS...: FILE compiled with OUT included, both compilers.
cat >"$wrap/check" <<'CHECK'
#!/usr/bin/env bash
src=$1 out=$2 log=$3 inc=$4
shift 4
case "$src" in *.cu) exit 0 ;; esac # CUDA: nvcc's job, not here
key=$(printf '%s' "$src|$*" | md5sum | cut -c1-12)
tu=$(mktemp --suffix=.cpp)
if grep -q TAD_GENERATED "$src"; then
  printf '#include "%s"\n' "$src" >"$tu"
  def=(-DTAD_GENERATED="\"$out\"")
else
  printf '#include "%s"\n#include "%s"\n' "$src" "$out" >"$tu"
  def=()
fi
# Outputs of several MB (the scale tests) take minutes to compile: skipped.
[ "$(stat -c %s "$out")" -gt 2000000 ] && { rm -f "$tu"; exit 0; }
for cxx in /usr/lib/llvm-19/bin/clang++ g++; do
  txt=$log/$key.$(basename $cxx).txt
  if ! $cxx -std=c++17 -O1 -Wall -Wextra -Werror -I"$inc" \
      -I"$(dirname "$src")" -I"$inc/../test/lit/Inputs" "${def[@]}" "$@" \
      -c "$tu" -o /dev/null >"$txt" 2>&1; then
    # Errors in the generated file count, unless the source has the same
    # warning (generated code that mirrors the user's); errors only in the
    # source (a test of attributes, another include scheme) do not.
    gen=$(grep -F "$(basename "$out"):" "$txt" | grep -o '\[-W[^]]*\]' | sort -u)
    srcw=$(grep -F "$(basename "$src"):" "$txt" | grep -o '\[-W[^]]*\]' | sort -u)
    own=$(comm -23 <(printf '%s\n' "$gen") <(printf '%s\n' "$srcw") | grep .)
    # A source that does not compile with tad-gen's file (it calls the
    # functions the plugin declares early) says nothing of the output.
    hard=$(grep -F "$(basename "$src"):" "$txt" | grep ': error:' | grep -v '\[-W')
    if [ -z "$hard" ] && grep -qF "$(basename "$out"):" "$txt" &&
        { [ -n "$own" ] || [ -z "$gen" ]; }; then
      echo "$src ($(basename $cxx)) $*: $txt" >"$log/$key.$(basename $cxx).fail"
    else
      echo "$src ($(basename $cxx)) $*: $txt" >"$log/$key.$(basename $cxx).source"
    fi
  fi
done
rm -f "$tu"
CHECK
chmod +x "$wrap/check"

cat >"$wrap/tad-gen" <<WRAP
#!/usr/bin/env bash
out="" prev="" src="" after=0 flags=()
for a in "\$@"; do
  if [ \$after = 1 ]; then
    case "\$a" in -D*|-I*|-U*) flags+=("\$a") ;; esac
  elif [ "\$a" = "--" ]; then after=1
  elif [ "\$prev" = "-o" ]; then out=\$a
  elif [ -z "\$src" ] && [ -f "\$a" ]; then src=\$a
  fi
  prev=\$a
done
"$bin" "\$@"
rc=\$?
if [ \$rc = 0 ] && [ -n "\$out" ] && [ "\$out" != - ] && [ -f "\$out" ]; then
  "$wrap/check" "\$(realpath "\$src")" "\$(realpath "\$out")" "$log" \
    "$root/include" "\${flags[@]}"
fi
exit \$rc
WRAP
chmod +x "$wrap/tad-gen"
mkdir -p "$wrap/lit"
sed "s|^config.tad_gen = .*|config.tad_gen = \"$wrap/tad-gen\"|" \
  "$build/test/lit/lit.site.cfg.py" >"$wrap/lit/lit.site.cfg.py"
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -q "$wrap/lit" | tail -n 5

for src in kernels inverse templated detemplated; do
  "$wrap/tad-gen" "$root/bench/$src.cpp" -o "$wrap/$src.tad.cpp" -- \
    -std=c++17 -I"$root/include" -I"$root/bench"
done
for ann in TAD_JVP "TAD_JVP TAD_VJP"; do
  name=compile-${ann// /-}
  python3 "$root/bench/compile/make_source.py" $ann >"$wrap/$name.cpp"
  "$wrap/tad-gen" "$wrap/$name.cpp" -o "$wrap/$name.tad.cpp" -- \
    -std=c++17 -I"$root/include"
done
n=$(ls "$log" | grep -c '\.txt$')
fails=$(cat "$log"/*.fail 2>/dev/null | sort)
src=$(cat "$log"/*.source 2>/dev/null | sort)
echo "compiled: $n outputs x compilers; generated code not clean: $(printf '%s' "$fails" | grep -c .);" \
  "the source's own warnings (not counted): $(printf '%s' "$src" | grep -c .)"
[ -z "$src" ] || printf '%s\n' "$src" | sed 's/^/source: /'
[ -z "$fails" ] || { printf '%s\n' "$fails"; exit 1; }
