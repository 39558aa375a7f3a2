#!/usr/bin/env python3
"""Prints the tables of bench/out/results.json (Google Benchmark JSON): per
kernel the times of the primal, tad's JVP, tad's VJP (gradient) and the
hand-written gradient, and their ratios; then the style variants. With
repetitions, each time is the fastest repetition (the one least disturbed by
other load on the machine), the median in brackets."""
import json
import statistics
import sys

KERNELS = ["gmm", "ba", "lstm", "stencil"]
# Style variant -> the kernel whose objective (and hand gradient) it shares.
VARIANTS = {"ba_helper": "ba", "stencil_inline": "stencil"}
# Kernels also written as templates with containers (templated.cpp,
# benchmarks <kernel>_templated_*) and de-templated (detemplated.cpp,
# <kernel>_detemplated_*).
TEMPLATED = ["gmm", "ba", "lstm"]
TARGET_TEMPLATED = 1.1
TARGET_VJP_PRIMAL = 4.0
TARGET_VJP_HAND = 1.5


def load(path):
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit("report.py: no benchmark results in %s (%s)" % (path, e))
    times = {}  # (kernel, variant) -> [real_time in us]
    for b in data["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}[b["time_unit"]]
        name = b.get("run_name", b["name"])
        kernel, what = name[len("BM_"):].rsplit("_", 1)
        times.setdefault((kernel, what), []).append(b["real_time"] * scale)
    return data.get("context", {}), times


def fmt(ts):
    if not ts:
        return "-"
    return "%.1f [%.1f]" % (min(ts), statistics.median(ts))


def main(path):
    ctx, times = load(path)
    if not times:
        sys.exit("report.py: no benchmark results in %s" % path)
    best = {k: min(v) for k, v in times.items()}
    nan = float("nan")
    reps = max(len(v) for v in times.values())
    print("%s CPUs at %s MHz; %d repetition(s) per benchmark: times in us, "
          "fastest [median]" % (ctx.get("num_cpus", "?"),
                                ctx.get("mhz_per_cpu", "?"), reps))
    print()
    head = ("kernel", "primal", "JVP", "VJP", "hand", "JVP/primal",
            "VJP/primal", "VJP/hand", "hand/primal")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    missed = []
    for k in [k for k in KERNELS if (k, "primal") in best]:
        b = {v: best.get((k, v), nan)
             for v in ("primal", "jvp", "vjp", "hand")}
        r_vp, r_vh = b["vjp"] / b["primal"], b["vjp"] / b["hand"]
        cells = [k] + [fmt(times.get((k, v)))
                       for v in ("primal", "jvp", "vjp", "hand")]
        cells += ["%.2f" % (b["jvp"] / b["primal"]), "%.2f" % r_vp,
                  "%.2f" % r_vh, "%.2f" % (b["hand"] / b["primal"])]
        print("| " + " | ".join(cells) + " |")
        if not r_vp <= TARGET_VJP_PRIMAL:
            missed.append("%s: VJP/primal %.2f > %.1f" %
                          (k, r_vp, TARGET_VJP_PRIMAL))
        if not r_vh <= TARGET_VJP_HAND:
            missed.append("%s: VJP/hand %.2f > %.1f" %
                          (k, r_vh, TARGET_VJP_HAND))
    print()
    print("Targets: VJP <= %.1fx primal, VJP <= %.1fx hand-written." %
          (TARGET_VJP_PRIMAL, TARGET_VJP_HAND))
    for m in missed:
        print("  missed: " + m)
    if not missed:
        print("  all met")

    rows = [v for v in VARIANTS if (v, "primal") in best]
    if rows:
        print()
        print("Style variants (same objective; VJP/hand against the kernel's "
              "hand-written gradient):")
        print()
        head = ("variant", "primal", "JVP", "VJP", "VJP/primal",
                "VJP/hand", "VJP / kernel's VJP")
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join("---" for _ in head) + "|")
        for v in rows:
            k = VARIANTS[v]
            cells = [v] + [fmt(times.get((v, w)))
                           for w in ("primal", "jvp", "vjp")]
            vjp = best.get((v, "vjp"), nan)
            cells += ["%.2f" % (vjp / best[(v, "primal")]),
                      "%.2f" % (vjp / best.get((k, "hand"), nan)),
                      "%.2f" % (vjp / best.get((k, "vjp"), nan))]
            print("| " + " | ".join(cells) + " |")

    rows = [k for k in TEMPLATED if (k + "_templated", "primal") in best]
    if rows:
        print()
        print("The template and container route (templated.cpp) against the "
              "same code de-templated (detemplated.cpp) and against the "
              "kernel written as plain C (kernels.cpp), in the same run:")
        print()
        head = ("kernel", "templated primal", "JVP", "VJP",
                "JVP / de-templated", "VJP / de-templated",
                "VJP / plain C kernel's")
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join("---" for _ in head) + "|")
        missed = []
        for k in rows:
            t, d = k + "_templated", k + "_detemplated"
            cells = [k] + [fmt(times.get((t, w)))
                           for w in ("primal", "jvp", "vjp")]
            r = {w: best.get((t, w), nan) / best.get((d, w), nan)
                 for w in ("primal", "jvp", "vjp")}
            cells += ["%.2f" % r["jvp"], "%.2f" % r["vjp"],
                      "%.2f" % (best.get((t, "vjp"), nan) /
                                best.get((k, "vjp"), nan))]
            print("| " + " | ".join(cells) + " |")
            for w in ("jvp", "vjp"):
                if not r[w] <= TARGET_TEMPLATED:
                    missed.append("%s: templated %s / de-templated %.2f > %.1f"
                                  % (k, w.upper(), r[w], TARGET_TEMPLATED))
        print()
        print("Target: the templated JVP and VJP <= %.1fx the de-templated "
              "ones." % TARGET_TEMPLATED)
        for m in missed:
            print("  missed: " + m)
        if not missed:
            print("  all met")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out/results.json")
