#!/usr/bin/env python3
"""Writes loop programs of every shape as one C++ file (stdout), for the
reversal of loops in reverse mode (f_vjp) and in inverse accumulation
(f_ijvp, f_inverse): loop reversal, tape reservations, loop conditions.

Deterministic (fixed seed). Each program `pK(x, y, c, n)` updates two state
arrays x, y of n values in place. Its counter type is int, unsigned or
std::size_t (n has the same type); its outer loop runs up or down, with
the bound written `i < n`, `i <= n - 1`, `i + 1 < n` (a loop with no fixed
bound for unsigned counters), `i >= L`, `i > L - 1`, or from n down over
`i - 1`; it has no inner loop, or a rectangular one, or a triangular one
(`j < i`, `j <= i`, `j = i + 1; j < n`, backwards from i), and steps that
push on the tape (sin, tanh, exp of state values) or do not (coefficients
times state values, scalings). main() checks, for every n in 0..9: f_jvp
against central differences, f_vjp against f_jvp by the dot-product
identity, f_jvp(f_ijvp(v)) = v, and f(f_inverse(z)) = z where f_inverse
can be generated (counted loops).
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "difftest"))
from loopshapes import TYPES, counted, loop_program, outer_forms  # noqa: E402

rng = random.Random(20260412)


def program(k, t, form, inner, tape):
    modes = "TAD_JVP TAD_VJP TAD_IJVP" + (" TAD_INVERSE" if counted(t, form)
                                          else "")
    lines = loop_program(rng, f"p{k}", t, form, inner, tape)
    lines[1] = (f"{modes} void p{k}(double *__restrict__ x, "
                f"double *__restrict__ y, const double *c, {t} n) {{")
    return "\n".join(lines)


def main():
    progs = []
    for t in TYPES:
        for form in outer_forms(t):
            for inner in [None, "rect", "lower", "lower_le", "upper", "back"]:
                progs.append((t, form, inner, rng.random() < 0.5))
    # Both with and without tape for every counter type and inner shape.
    for t in TYPES:
        for inner in [None, "lower", "upper", "back"]:
            form = rng.choice(outer_forms(t))
            progs.append((t, form, inner, True))
            progs.append((t, form, inner, False))

    print("// Loop programs of every shape (random_loops.py); do not edit.")
    print('#include "tad/tad.h"')
    print("#include <cmath>")
    print("#include <cstddef>\n")
    for k, p in enumerate(progs):
        print(program(k, *p) + "\n")
    print("#ifdef TAD_GENERATED")
    print("#include TAD_GENERATED")
    print('#include "fdcheck.h"')
    print("""
using tad_test::Vec;

template <typename T>
using Fn = void (*)(double *, double *, const double *, T);
template <typename T>
using JvpFn = void (*)(double *, double *, double *, double *,
                       const double *, const double *, T);
template <typename T>
using VjpFn = void (*)(double *, double *, const double *, T, double *,
                       double *, double *);
template <typename T>
using IjvpFn = void (*)(double *, double *, double *, double *,
                        const double *, T);

// f(f_inverse(z)) = z.
template <typename T> void checkInverse(const char *Name, Fn<T> F, Fn<T> Inv,
                                        T N) {
  size_t n = N;
  Vec C = tad_test::randomVec(n * n + n + 1, 11 + n);
  Vec Z = tad_test::randomVec(2 * n, 29 + n), W = Z;
  Inv(W.data(), W.data() + n, C.data(), N);
  F(W.data(), W.data() + n, C.data(), N);
  for (size_t K = 0; K < 2 * n; ++K)
    tad_test::expectNear(Name, W[K], Z[K], 1e-9 * (1 + std::fabs(Z[K])));
}

// Each program as a map of z = (x, y) (2n values) to itself; c fixed.
template <typename T>
void check(const char *Name, Fn<T> F, JvpFn<T> J, VjpFn<T> V, IjvpFn<T> IJ,
           T N) {
  size_t n = N;
  Vec C = tad_test::randomVec(n * n + n + 1, 11 + n);
  auto Primal = [&](const Vec &Z) {
    Vec W = Z;
    F(W.data(), W.data() + n, C.data(), N);
    return W;
  };
  tad_test::Jvp Jv = [&](const Vec &Z, const Vec &D) {
    Vec W = Z, DW = D, DC(C.size(), 0.0);
    J(W.data(), DW.data(), W.data() + n, DW.data() + n, C.data(), DC.data(),
      N);
    return DW;
  };
  tad_test::Vjp Vj = [&](const Vec &Z, const Vec &YBar) {
    Vec W = Z, Ct = YBar, CtC(C.size(), 0.0);
    V(W.data(), W.data() + n, C.data(), N, Ct.data(), Ct.data() + n,
      CtC.data());
    return Ct;
  };
  std::vector<Vec> Points = {tad_test::randomVec(2 * n, 3 + n),
                             tad_test::randomVec(2 * n, 5 + n)};
  tad_test::checkJvp(Name, Primal, Jv, Points);
  tad_test::checkVjp(Name, Jv, Vj, Points, 2 * n);
  // f_jvp(f_ijvp(v)) = v.
  for (const Vec &Z : Points) {
    Vec W = Z, U = tad_test::randomVec(2 * n, 17 + n), Want = U;
    IJ(W.data(), U.data(), W.data() + n, U.data() + n, C.data(), N);
    Vec Got = Jv(Z, U);
    double Err = 0;
    for (size_t K = 0; K < 2 * n; ++K)
      Err = std::fmax(Err, std::fabs(Got[K] - Want[K]) /
                               std::fmax(1.0, std::fabs(Want[K])));
    ++tad_test::checks();
    if (!(Err <= 1e-9)) {
      ++tad_test::failures();
      std::printf("FAIL %s: f_jvp(f_ijvp(v)) differs from v by %.3g "
                  "(n = %zu)\\n", Name, Err, n);
    }
  }
}

int main() {
  for (int N = 0; N <= 9; ++N) {""")
    for k, (t, form, _, _) in enumerate(progs):
        print(f'    check<{t}>("p{k}", p{k}, p{k}_jvp, p{k}_vjp, p{k}_ijvp, '
              f"{t}(N));")
        if counted(t, form):
            print(f'    checkInverse<{t}>("p{k}_inverse", p{k}, p{k}_inverse, '
                  f"{t}(N));")
    print("""  }
  return tad_test::report();
}
#endif""")


main()
