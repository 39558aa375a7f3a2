#!/usr/bin/env python3
"""tad-gen's time and peak memory against the size of machine-written inputs
(bench/scale/gen.py), for JVP and VJP. Run from anywhere after building:

    python3 bench/scale/run.py [--tad-gen PATH] [--kinds sum,nest,...]
                               [--modes TAD_JVP,TAD_VJP] [--limit SECONDS]

Prints one markdown table row per (kind, mode, size): wall seconds, user
seconds, peak resident memory (MB), the output's size, tad-gen's exit status,
and the growth exponent of the time against the previous size
(log(t2/t1) / log(n2/n1); about 0.1 s of any run is tad-gen starting and
parsing <cmath>, which flattens the exponent of the small sizes). A kind
stops growing once one size takes more than --limit seconds (default 120)
or fails; a run is stopped after --timeout seconds (rc 124)."""
import argparse
import math
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SIZES = {
    "sum": [1000, 2000, 5000, 10000, 20000, 50000, 100000],
    "nest": [100, 300, 1000, 3000, 10000],
    "stmts": [1000, 2000, 5000, 10000],
    "loops": [2, 4, 6, 8],
    "funcs": [10, 30, 100, 300, 1000],
}


def run_one(tad_gen, kind, n, ann, tmp, timeout):
    src = os.path.join(tmp, "%s%d.cpp" % (kind, n))
    with open(src, "w") as f:
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), kind,
                        str(n), ann], stdout=f, check=True)
    out = src + ".tad.cpp"
    # timeout(1) kills a run past --timeout (rc 124); wait4 counts the
    # time and memory of the tad-gen it waited for.
    cmd = ["timeout", str(timeout), tad_gen, src, "-o", out, "--", "-std=c++17",
           "-I" + os.path.join(ROOT, "include")]
    if kind == "nest":
        cmd.append("-fbracket-depth=%d" % (n + 100))
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    rc = os.waitstatus_to_exitcode(status)
    size = os.path.getsize(out) if os.path.exists(out) and rc == 0 else 0
    if rc != 0:
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return wall, ru.ru_utime, ru.ru_maxrss / 1024.0, size, rc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tad-gen", default=os.path.join(ROOT, "build/tool/tad-gen"))
    ap.add_argument("--kinds", default=",".join(SIZES))
    ap.add_argument("--modes", default="TAD_JVP,TAD_VJP")
    ap.add_argument("--limit", type=float, default=120)
    ap.add_argument("--timeout", type=int, default=600,
                    help="seconds before a run is stopped")
    ap.add_argument("--sizes", default="", help="comma list, overrides")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="tad-scale-")
    print("| input | mode | n | wall s | user s | peak MB | output KB | rc | exponent |")
    print("|---|---|---|---|---|---|---|---|---|")
    for kind in a.kinds.split(","):
        sizes = [int(s) for s in a.sizes.split(",")] if a.sizes else SIZES[kind]
        for ann in a.modes.split(","):
            prev = None
            for n in sizes:
                wall, user, mb, size, rc = run_one(a.tad_gen, kind, n, ann, tmp,
                                                 a.timeout)
                exp = ""
                if prev and rc == 0 and kind != "loops" and prev[1] > 0.05:
                    exp = "%.2f" % (math.log(wall / prev[1]) / math.log(n / prev[0]))
                print("| %s | %s | %d | %.2f | %.2f | %.0f | %.0f | %d | %s |"
                      % (kind, ann, n, wall, user, mb, size / 1024.0, rc, exp),
                      flush=True)
                prev = (n, wall)
                if rc != 0 or wall > a.limit:
                    break


main()
