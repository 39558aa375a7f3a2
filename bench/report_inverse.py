#!/usr/bin/env python3
"""Prints the inverse-accumulation table from bench/out/inverse.json: per
program and size n, the primal time and each mode's time as a multiple of
it, and how much faster f_ijvp is than the dense route (2n JVPs + LU)."""
import json
import sys

PROGRAMS = ["leapfrog", "flow", "givens", "coupling"]
MODES = ["jvp", "ijvp", "ivjp", "logdet", "inverse"]


def main(path):
    with open(path) as f:
        data = json.load(f)
    t = {}
    for b in data["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}[b["time_unit"]]
        name, n = b["name"].split("/")[:2]
        prog, mode = name[len("BM_"):].rsplit("_", 1)
        t[(prog, mode, int(n))] = b["real_time"] * scale
    for prog in PROGRAMS:
        sizes = sorted({n for (p, _, n) in t if p == prog})
        print("%s: times in us; modes as multiples of the primal" % prog)
        print("| n | primal (us) | " + " | ".join(MODES) +
              " | dense (us) | dense / ijvp |")
        print("|---" * (len(MODES) + 4) + "|")
        for n in sizes:
            p = t.get((prog, "primal", n))
            cells = ["%.2f" % (t[(prog, m, n)] / p) if (prog, m, n) in t
                     else "-" for m in MODES]
            d = t.get((prog, "dense", n))
            ij = t.get((prog, "ijvp", n))
            print("| %d | %.1f | %s | %s | %s |" % (
                n, p, " | ".join(cells), "%.0f" % d if d else "-",
                "%.0f" % (d / ij) if d and ij else "-"))
        print()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/out/inverse.json")
