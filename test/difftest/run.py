#!/usr/bin/env python3
"""tad's differential tests: random programs (gen.py) through tad-gen, the
generated code compiled with AddressSanitizer and UndefinedBehaviorSanitizer
(-Wall -Wextra -Werror) and run against finite differences, dot products,
dense transposes and solves (difftest.h).

  run.py --tad-gen build/tool/tad-gen [--seed S] [--first K] [--count N]
         [--kind KIND] [--structs M] [--batch B] [--jobs J]
         [--cxx clang++-19] [--keep DIR]

Programs K .. K+N-1 of seed S, B to a translation unit, J units at a time;
--kind KIND makes each of them of that kind (general, linear, inplace,
structs; gen.py), --structs M adds programs K+N .. K+N+M-1 of kind structs.
A program tad rejects is taken out of its unit (the unit is generated again
without it) and its message counted; a unit whose run crashes is run again
without the program that was running. Prints the programs by mode, the
rejections by message, the failures (wrong derivative, crash, output that
does not compile, a hang), and exits non-zero if there was a failure or a
rejection (the generator writes only programs tad supports: a rejection is
a finding too). --keep DIR keeps the failing units.
"""
import argparse
import collections
import concurrent.futures
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def run(cmd, timeout, cwd=None):
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                           timeout=timeout, errors="replace")
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return None, "", "timeout"


class Batch:
    def __init__(self, args, programs, workdir):
        self.args = args
        self.programs = list(programs)
        self.dir = workdir
        self.rejected = []  # (program, message)
        self.failures = []  # (program or None, kind, detail)
        self.checked = []   # programs that ran to the end
        self.checks = 0     # numerical checks passed or failed
        self.skipped = 0    # directions next to a kink, points out of range

    def log_failure(self, prog, kind, detail, src=None):
        self.failures.append((prog, kind, detail.strip()[:2000]))
        if self.args.keep and src:
            os.makedirs(self.args.keep, exist_ok=True)
            tag = prog.name if prog else "batch"
            with open(os.path.join(self.args.keep,
                                   f"{self.args.seed}-{tag}-{kind}.cpp"),
                      "w") as f:
                f.write(src)

    def go(self):
        src_path = os.path.join(self.dir, "t.cpp")
        inc_path = os.path.join(self.dir, "t.inc")
        exe = os.path.join(self.dir, "t")
        for _ in range(len(self.programs) + 1):
            if not self.programs:
                return
            src, owner = gen.translation_unit(self.programs)
            with open(src_path, "w") as f:
                f.write(src)
            rc, out, err = run([self.args.tad_gen, src_path, "-o", inc_path,
                                "--", "-std=c++17",
                                "-I" + os.path.join(ROOT, "include")], 120)
            if rc is None:
                self.log_failure(None, "hang", "tad-gen ran over 120 s", src)
                return
            if rc != 0:
                bad = {}
                for m in re.finditer(r"^[^\n]*?:(\d+):\d+: (error|fatal "
                                     r"error): (.*)$", err, re.M):
                    k = owner.get(int(m.group(1)))
                    if k is not None and k not in bad:
                        bad[k] = m.group(3)
                if not bad or rc < 0 or "Assertion" in err or \
                        "Sanitizer" in err:
                    self.log_failure(None, "tad-gen crash" if rc < 0 or
                                     not bad else "tad-gen", err, src)
                    return
                for p in self.programs:
                    if p.index in bad:
                        self.rejected.append((p, bad[p.index]))
                self.programs = [p for p in self.programs
                                 if p.index not in bad]
                continue
            cxx = shlex.split(self.args.cxx) + [
                "-std=c++17", "-O0", "-fsanitize=address,undefined",
                "-fno-sanitize-recover=all", "-Wall", "-Wextra", "-Werror",
                "-I" + os.path.join(ROOT, "include"),
                "-I" + os.path.join(ROOT, "test", "lit", "Inputs"),
                "-I" + HERE, f'-DTAD_GENERATED="{inc_path}"', src_path,
                "-o", exe]
            rc, out, err = run(cxx, 600)
            if rc != 0:
                # Attribute the errors to programs: by line in the source
                # (the generator's fault), by enclosing function in tad's
                # output (tad's).
                inc = open(inc_path).read().split("\n")
                names = set()
                user = set()
                for m in re.finditer(r"^(\S+?):(\d+):\d+: error", err, re.M):
                    ln = int(m.group(2))
                    if m.group(1).endswith("t.cpp") and ln in owner:
                        user.add(owner[ln])
                    elif m.group(1).endswith("t.inc"):
                        for k in range(min(ln, len(inc)) - 1, -1, -1):
                            h = re.match(r"^[a-z].*?\b(p\d+)\w*\(", inc[k])
                            if h:
                                names.add(h.group(1))
                                break
                if user:  # tad copies the user's code: its errors too
                    names = set()
                progs = [p for p in self.programs if p.name in names or
                         p.index in user]
                if not progs:
                    progs = [None]
                for p in progs:
                    self.log_failure(p, "generator: the program does not "
                                     "compile" if p and p.index in user else
                                     "output does not compile", err, src)
                if progs == [None]:
                    return
                self.programs = [p for p in self.programs if p not in progs]
                continue
            rc, out, err = run([exe], 300)
            begun = re.findall(r"^BEGIN (\w+)$", out, re.M)
            fails = collections.defaultdict(list)
            for m in re.finditer(r"^FAIL (\w+): (.*)$", out, re.M):
                fails[m.group(1)].append(m.group(2))
            byname = {p.name: p for p in self.programs}
            for name, msgs in fails.items():
                p = byname.get(name)
                self.log_failure(p, "wrong result",
                                 "\n".join(msgs[:5]), src)
            m = re.search(r"^(\d+) programs, (\d+) checks, (\d+) skipped", out,
                          re.M)
            if m:
                self.checks += int(m.group(2))
                self.skipped += int(m.group(3))
            if rc == 0 or (rc == 1 and fails and "programs," in out):
                self.checked += [p for p in self.programs
                                 if p.name not in fails]
                return
            # A crash or a hang: the program that was running.
            last = byname.get(begun[-1]) if begun else None
            kind = "hang" if rc is None else "crash"
            self.log_failure(last, kind, err[-3000:], src)
            done = set(begun[:-1])
            self.checked += [p for p in self.programs
                             if p.name in done and p.name not in fails]
            self.programs = [p for p in self.programs
                             if p.name not in done and p is not last]
            if last is None:
                return


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tad-gen", required=True)
    ap.add_argument("--cxx", default="clang++-19")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--kind", default=None,
                    choices=["general", "linear", "inplace", "structs"])
    ap.add_argument("--structs", type=int, default=0)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", default=None)
    args = ap.parse_args()
    # A sanitizer report exits 86, unlike a failed check (1).
    # allow_user_poisoning=0: a tad-gen built with ASan (TAD_SANITIZE) runs
    # LLVM's instrumented allocator code, whose poisoned slabs
    # uninstrumented libclang-cpp then uses (as in test/lit/lit.cfg.py).
    os.environ["ASAN_OPTIONS"] = ("exitcode=86:detect_leaks=1:"
                                  "allow_user_poisoning=0")
    os.environ["UBSAN_OPTIONS"] = "exitcode=86:print_stacktrace=1"
    t0 = time.time()
    idx = [(k, args.kind) for k in range(args.first, args.first + args.count)]
    chunks = [idx[k:k + args.batch] for k in range(0, len(idx), args.batch)]
    more = [(k, "structs") for k in range(args.first + args.count, args.first
                                         + args.count + args.structs)]
    # The struct units first: they take longest (their outputs are the
    # largest), and the others then fill both jobs to the end.
    chunks = [more[k:k + args.batch] for k in range(0, len(more),
                                                    args.batch)] + chunks
    batches = []
    with tempfile.TemporaryDirectory(prefix="tad-difftest-") as tmp:
        def work(i, chunk):
            d = os.path.join(tmp, str(i))
            os.makedirs(d)
            b = Batch(args, [gen.Program(args.seed, k, kind)
                             for k, kind in chunk], d)
            b.go()
            return b
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
            futs = [ex.submit(work, i, c) for i, c in enumerate(chunks)]
            for f in concurrent.futures.as_completed(futs):
                batches.append(f.result())
    modes = collections.Counter()
    kinds = collections.Counter()
    rejected = collections.Counter()
    failures = []
    checked = 0
    for b in batches:
        for p in b.checked:
            checked += 1
            kinds[p.kind] += 1
            for m in p.modes():
                modes[m] += 1
        for p, msg in b.rejected:
            rejected[re.sub(r"'[^']*'", "'...'", msg)] += 1
            failures.append((p, "rejected", msg))
        failures += b.failures
    last = args.first + args.count + args.structs - 1
    print(f"difftest: seed {args.seed}, programs {args.first}..{last}"
          f"{' (' + args.kind + ')' if args.kind else ''}"
          f"{f', {args.structs} of them structs' if args.structs else ''}"
          f": {checked} checked "
          f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}) "
          f"in {time.time() - t0:.0f} s")
    print("  by mode: " + ", ".join(f"{m} {modes[m]}" for m in
                                    ["jvp", "vjp", "transpose", "ijvp",
                                     "ivjp", "logdet", "inverse"]))
    print(f"  numerical checks: {sum(b.checks for b in batches)}, skipped "
          f"(next to a kink or out of range): "
          f"{sum(b.skipped for b in batches)}")
    print(f"  rejected: {sum(rejected.values())}")
    for msg, k in rejected.most_common():
        print(f"    {k} x {msg}")
    print(f"  failures: {len(failures)}")
    for p, kind, detail in failures:
        where = (f"program {p.index} ({p.kind}; reproduce: --seed "
                 f"{args.seed} --first {p.index} --count 1"
                 f"{' --kind ' + p.forced if p.forced else ''})") if p else \
            "a unit"
        print(f"    {kind}: {where}")
        for line in detail.splitlines()[:6]:
            print(f"      {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
