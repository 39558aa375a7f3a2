#!/usr/bin/env python3
"""Writes random stencil programs as one C++ file (stdout), for the reverse
mode's stencil transforms (GatherStencils, CarriedSums, IterationOrder,
LoopConditions).

Deterministic (fixed seed). Each 2-D program `sK(a, w, b, m)` sweeps an
m x m grid: an outer loop over rows and an inner loop over columns (either
may run up or down, with bounds written `i < m - r`, `i + r < m` or
`i <= m - r - 1`), and b[i*m + j] gets 2 to 5 terms a[(i + di)*m + j + dj]
(shifts up to 2) times a constant, a coefficient field w at the target, or
another element of a (nonlinear). Some programs also copy boundary columns
in the outer loop, sometimes a column the inner loop writes too (the
gather's guard must then fall back). Each 1-D program `tK(a, w, b, n)` is
the same in one dimension. main() checks every VJP against its JVP by the
dot-product identity for every size 0..9, with arrays exactly as long as
the programs use.
"""
import random

COUNT2, COUNT1 = 24, 12
rng = random.Random(20261126)


def coef():
    c = rng.choice([0.25, 0.5, 0.75, 1.5, 2.0])
    return c if rng.random() < 0.6 else -c


def off(expr, d):
    return expr if d == 0 else (f"{expr} + {d}" if d > 0 else f"{expr} - {-d}")


def loop(var, lo, hi_gap, size, down):
    """A loop over [lo, size - 1 - hi_gap], written one of three ways."""
    if down:
        start = f"{size} - 1" if hi_gap == 0 else f"{size} - {hi_gap + 1}"
        form = rng.randrange(2)
        cond = f"{var} >= {lo}" if form == 0 else f"{var} - {lo} >= 0"
        return f"for (int {var} = {start}; {cond}; --{var})"
    form = rng.randrange(3)
    if form == 0:
        cond = f"{var} < {size}" if hi_gap == 0 else f"{var} < {size} - {hi_gap}"
    elif form == 1:
        cond = f"{var} < {size}" if hi_gap == 0 else f"{var} + {hi_gap} < {size}"
    else:
        cond = f"{var} <= {size} - {hi_gap + 1}"
    return f"for (int {var} = {lo}; {cond}; ++{var})"


def term(index, target):
    c = coef()
    kind = rng.randrange(4)
    if kind == 0:
        return f"{c} * a[{index}]"
    if kind == 1:
        return f"w[{target}] * a[{index}]"
    if kind == 2:
        return f"a[{index}] * a[{index}] * {c}"
    return f"a[{index}] * {c}"


def program2(k):
    shifts = set()
    while len(shifts) < rng.randint(2, 5):
        shifts.add((rng.randint(-2, 2), rng.randint(-2, 2)))
    shifts = sorted(shifts)
    li = max(0, -min(d for d, _ in shifts)) + rng.randint(0, 1)
    ri = max(0, max(d for d, _ in shifts)) + rng.randint(0, 1)
    lj = max(0, -min(d for _, d in shifts)) + rng.randint(0, 1)
    rj = max(0, max(d for _, d in shifts)) + rng.randint(0, 1)
    target = "i * m + j"
    terms = []
    for di, dj in shifts:
        row = "i * m" if di == 0 else f"(i {'+' if di > 0 else '-'} {abs(di)}) * m"
        terms.append(term(off(f"{row} + j", dj), target))
    body = f"      b[{target}] = " + " + ".join(terms) + ";"
    outer = loop("i", li, ri, "m", rng.random() < 0.5)
    inner = loop("j", lj, rj, "m", rng.random() < 0.5)
    lines = [f"TAD_JVP TAD_VJP_WRT(a) void s{k}(const double *a, const double *w, double *b, int m) {{",
             "  (void)w;",
             f"  {outer} {{"]
    # A boundary copy (before or after the inner loop): the first column,
    # the last one, or a column the inner loop writes as well.
    copy = []
    if rng.random() < 0.6:
        col = rng.choice(["0", "m - 1", str(lj)])
        copy = [f"    b[i * m + {col}] = {coef()} * a[i * m + {col}];"]
    before = rng.random() < 0.5
    lines += copy if before else []
    lines.append(f"    {inner}")
    lines.append(body)
    lines += [] if before else copy
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines)


def program1(k):
    offs = sorted(set(rng.randint(-2, 2) for _ in range(rng.randint(2, 4))))
    lo = max(0, -min(offs)) + rng.randint(0, 1)
    hi = max(0, max(offs)) + rng.randint(0, 1)
    terms = [term(off("i", d), "i") for d in offs]
    head = loop("i", lo, hi, "n", rng.random() < 0.5)
    return "\n".join([
        f"TAD_JVP TAD_VJP_WRT(a) void t{k}(const double *a, const double *w, double *b, int n) {{",
        "  (void)w;",
        f"  {head}",
        "    b[i] = " + " + ".join(terms) + ";",
        "}"])


print("// Random stencil programs (random_stencils.py); do not edit.")
print('#include "tad/tad.h"\n')
for k in range(COUNT2):
    print(program2(k) + "\n")
for k in range(COUNT1):
    print(program1(k) + "\n")
print("#ifdef TAD_GENERATED")
print("#include TAD_GENERATED")
print('#include "fdcheck.h"')
print("""
using tad_test::Vec;
using Jvp = void (*)(const double *, const double *, const double *,
                     const double *, double *, double *, int);
using Vjp = void (*)(const double *, const double *, double *, int, double *,
                     double *);

// <ybar, J xdot> = <J^T ybar, xdot> for a -> b, w fixed; Size elements each.
static void check(const char *Name, Jvp J, Vjp V, int N, int Size) {
  Vec A = tad_test::randomVec(Size, N), W = tad_test::randomVec(Size, 7 + N);
  tad_test::Jvp FJ = [&](const Vec &X, const Vec &D) {
    Vec DW(Size, 0.0), B(Size, 0.0), DB(Size, 0.0);
    J(X.data(), D.data(), W.data(), DW.data(), B.data(), DB.data(), N);
    return DB;
  };
  tad_test::Vjp FV = [&](const Vec &X, const Vec &YBar) {
    Vec B(Size, 0.0), CtB = YBar, CtA(Size, 0.0);
    V(X.data(), W.data(), B.data(), N, CtA.data(), CtB.data());
    return CtA;
  };
  tad_test::checkVjp(Name, FJ, FV, {A}, Size);
}

int main() {
  for (int N = 0; N <= 9; ++N) {""")
for k in range(COUNT2):
    print(f'    check("s{k}", s{k}_jvp, s{k}_vjp, N, N * N);')
for k in range(COUNT1):
    print(f'    check("t{k}", t{k}_jvp, t{k}_vjp, N, N);')
print("""  }
  return tad_test::report();
}
#endif""")
