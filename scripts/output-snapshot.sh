#!/usr/bin/env bash
# Saves everything a tad-gen binary writes over the whole lit suite and the
# benchmark sources, so that a refactoring can be shown to change no output:
#
#   bash scripts/output-snapshot.sh OLD/tad-gen /tmp/before
#   bash scripts/output-snapshot.sh build/tool/tad-gen /tmp/after
#   diff -r /tmp/before /tmp/after
#
# The lit suite runs with tad-gen replaced by a wrapper that runs BIN and
# copies each output file and standard output into DIR, named by the test
# and the order of the calls within it (stable from run to run). The
# suite's own pass/fail summary is printed; failures do not stop the
# snapshot.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "$1")
dir=$(realpath -m "$2")
build=${BUILD:-$root/build}
rm -rf "$dir"
mkdir -p "$dir/lit" "$dir/bench"

wrap=$(mktemp -d)
trap 'rm -rf "$wrap"' EXIT
cat >"$wrap/tad-gen" <<WRAP
#!/usr/bin/env bash
# One snapshot per call: the test is named by the working directory lit
# gives it (its Output folder) and the call's output path.
out=""
prev=""
for a in "\$@"; do
  [ "\$prev" = "-o" ] && out=\$a
  prev=\$a
  [ "\$a" = "--" ] && break
done
key=\$(printf '%s' "\$PWD|\$*" | sed "s|$build||g" | md5sum | cut -c1-16)
"$bin" "\$@" >"$dir/lit/\$key.stdout" 2>"$dir/lit/\$key.stderr"
rc=\$?
echo \$rc >"$dir/lit/\$key.rc"
if [ -n "\$out" ] && [ -f "\$out" ]; then cp "\$out" "$dir/lit/\$key.out"; fi
cat "$dir/lit/\$key.stdout"
cat "$dir/lit/\$key.stderr" >&2
exit \$rc
WRAP
chmod +x "$wrap/tad-gen"
sed "s|^config.tad_gen = .*|config.tad_gen = \"$wrap/tad-gen\"|" \
  "$build/test/lit/lit.site.cfg.py" >"$wrap/lit.site.cfg.py"
# lit finds the suite through the site config's directory.
mkdir -p "$wrap/lit"
mv "$wrap/lit.site.cfg.py" "$wrap/lit/lit.site.cfg.py"
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -q "$wrap/lit" |
  tail -n 5

for src in kernels inverse; do
  "$bin" "$root/bench/$src.cpp" -o "$dir/bench/$src.tad.cpp" -- \
    -std=c++17 -I"$root/include"
done
for ann in TAD_JVP "TAD_JVP TAD_VJP"; do
  name=compile-${ann// /-}
  python3 "$root/bench/compile/make_source.py" $ann >"$wrap/$name.cpp"
  "$bin" "$wrap/$name.cpp" -o "$dir/bench/$name.tad.cpp" -- \
    -std=c++17 -I"$root/include"
done
echo "snapshot: $(ls "$dir/lit" | grep -c '\.rc$') tad-gen calls, in $dir"
