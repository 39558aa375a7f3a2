#!/usr/bin/env python3
"""Compile time of a file of 50 annotated functions: plain clang++-19 (the
annotations expand to nothing), clang++-19 with tad's plugin, and tad-gen
followed by clang++-19 on the file with the generated source included.
Run from the repository root after scripts/build.sh:

  python3 bench/compile/run.py [REPS]     fastest of REPS runs (default 5)
  python3 bench/compile/run.py --instructions
                                          instructions executed (valgrind's
                                          callgrind: deterministic, slow)"""
import os, re, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLUGIN = os.path.join(ROOT, "build/tool/libtad.so")
TADGEN = os.path.join(ROOT, "build/tool/tad-gen")
INC = os.path.join(ROOT, "include")
CXX = "clang++-19"
COUNT = "--instructions" in sys.argv
ARGS = [a for a in sys.argv[1:] if a != "--instructions"]
REPS = int(ARGS[0]) if ARGS else 5


def instructions(cmd):
    """Instructions executed by cmd (clang compiles in its own process)."""
    r = subprocess.run(["valgrind", "--tool=callgrind",
                        "--callgrind-out-file=/dev/null"] + cmd,
                       check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    return sum(int(n) for n in re.findall(r"Collected : (\d+)", r.stderr))


def best(cmd):
    if COUNT:
        return instructions(cmd) / 1e9
    t = float("inf")
    for _ in range(REPS):
        s = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        t = min(t, time.perf_counter() - s)
    return t


def main():
    tmp = tempfile.mkdtemp(prefix="tad-compile-")
    obj = os.path.join(tmp, "out.o")
    unit = "G instr." if COUNT else "s"
    print("| annotations | -O | plain | plugin | tad-gen | compile with "
          "tad-gen's output | plugin / plain | plugin / (tad-gen + compile) |"
          " plugin / compile with tad-gen's output |  (%s)" % unit)
    print("|---|---|---|---|---|---|---|---|---|")
    for ann in (["TAD_JVP"], ["TAD_JVP", "TAD_VJP"]):
        src = os.path.join(tmp, "f50.cpp")
        with open(src, "w") as f:
            subprocess.run([sys.executable, os.path.join(ROOT, "bench/compile/make_source.py")] + ann,
                           stdout=f, check=True)
        gen = os.path.join(tmp, "f50.tad.cpp")
        tadgen = [TADGEN, src, "-o", gen, "--", "-std=c++17", "-I" + INC]
        t_gen = best(tadgen)
        both = os.path.join(tmp, "f50_with_generated.cpp")
        with open(both, "w") as f:
            f.write(open(src).read() + '#include "%s"\n' % gen)
        for opt in ("-O0", "-O2"):
            base = [CXX, "-std=c++17", opt, "-I" + INC, "-c", "-o", obj]
            plain = best(base + [src])
            plugin = best(base + ["-fplugin=" + PLUGIN, src])
            separate = best(base + [both])
            print("| %s | %s | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f | %.2f |"
                  % (" ".join(ann), opt, plain, plugin, t_gen, separate,
                     plugin / plain, plugin / (t_gen + separate),
                     plugin / separate))


main()
