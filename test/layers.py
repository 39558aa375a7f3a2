#!/usr/bin/env python3
"""The include graph of lib/ points only down the pipeline.

Each folder of lib/ is a stage; a file may include headers of its own
stage and of the stages listed before it, never of a later one. The core
(every stage before Frontend) does not include Clang. tool/ may include
anything. Prints every violation with its file and line; exits 1 if any.

  python3 test/layers.py [ROOT]
"""
import os
import re
import sys

# Lowest first. A file belongs to the longest stage that prefixes its path.
STAGES = [
    "IR",                    # the IR, its C++ spellings, its printer
    "Rules",                 # the primitive table, expression building
    "Analysis",              # activity, equasive steps, loops and indices
    "Transforms",            # Generator.h: what the modes ask for
    "Transforms/Prepare",    # inline, normalize, loop conditions, linearity
    "Transforms/Forward",    # JVP, custom rules as code
    "Transforms/Loops",      # rewrites of transposed loops
    "Transforms/Reverse",    # linearize, transpose, VJP, f_transpose
    "Transforms/Inverse",    # inverse accumulation
    "Emit",                  # C++ text and its layout
    "Pipeline",              # the modes run in order, the output file
    "Frontend",              # Clang: attributes, lowering, driver
]
CORE_END = STAGES.index("Frontend")
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')


def stage_of(rel):
    """The stage index of a path relative to lib/, or None."""
    best = None
    for i, s in enumerate(STAGES):
        if rel == s or rel.startswith(s + "/"):
            if best is None or len(s) > len(STAGES[best]):
                best = i
    return best


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..")
    lib = os.path.join(root, "lib")
    errors = []
    files = 0
    for dirpath, _, names in os.walk(lib):
        for name in sorted(names):
            if not name.endswith((".h", ".cpp")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, lib)
            here = stage_of(os.path.dirname(rel))
            if here is None:
                errors.append("%s: folder is not a stage of test/layers.py"
                              % rel)
                continue
            files += 1
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    inc = m.group(1)
                    if inc.startswith(("clang/", "clang-c/")) and \
                            here < CORE_END:
                        errors.append("lib/%s:%d: %s (stage %s) includes "
                                      "Clang: only Frontend may" %
                                      (rel, n, inc, STAGES[here]))
                        continue
                    if not os.path.exists(os.path.join(lib, inc)):
                        if stage_of(os.path.dirname(inc)) is not None:
                            errors.append("lib/%s:%d: includes %s, which "
                                          "does not exist" % (rel, n, inc))
                        continue  # system, LLVM or tad runtime header
                    there = stage_of(os.path.dirname(inc))
                    if there is None or there > here:
                        errors.append(
                            "lib/%s:%d: includes %s: stage %s may not "
                            "include the later stage %s" %
                            (rel, n, inc, STAGES[here],
                             STAGES[there] if there is not None else "?"))
    for e in errors:
        print(e)
    print("layers: %d files, %d violations" % (files, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
