// tad bug: a call to a user function inside a branch of ?: is hoisted out of
// the conditional into a temporary computed before the statement, so it runs
// whatever the condition. For a recursive helper whose base case is chosen by
// ?:, the generated JVP recurses forever (clang and g++ warn
// -Winfinite-recursion, an error under -Werror; without -Werror it crashes
// with a stack overflow). Generated:
//   static double rpow_jvp(double x, double d_x, int n, double *d_return) {
//     double _d_t0;
//     const double _t0 = rpow_jvp(x, d_x, n - 1, &_d_t0);
//     *d_return = n == 0 ? 0.0 : d_x * _t0 + x * _d_t0;
//     return n == 0 ? 1.0 : x * _t0;
//   }
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

// x^n by linear recursion, the base case selected by ?:.
static double rpow(double x, int n) {
  return n == 0 ? 1.0 : x * rpow(x, n - 1);
}

TAD_JVP TAD_VJP double ternary_recursion(double x, int n) {
  return rpow(x, n) + x;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  for (int N : {0, 1, 4}) {
    auto recF = [N](const Vec &x) { return Vec{ternary_recursion(x[0], N)}; };
    auto recJ = [N](const Vec &x, const Vec &d) {
      double t;
      ternary_recursion_jvp(x[0], d[0], N, &t);
      return Vec{t};
    };
    std::vector<Vec> recPts = {{0.5}, {-1.3}, {1.7}};
    tad_test::checkJvp("ternary_recursion", recF, recJ, recPts);
    tad_test::checkVjp(
        "ternary_recursion", recJ,
        [N](const Vec &x, const Vec &yb) {
          Vec g(1, 0.0);
          ternary_recursion_vjp(x[0], N, yb[0], &g[0]);
          return g;
        },
        recPts, 1);
    tad_test::checkGradient(
        "ternary_recursion_grad", recF,
        [N](const Vec &x) {
          Vec g(1, 0.0);
          ternary_recursion_grad(x[0], N, &g[0]);
          return g;
        },
        recPts);
  }
  return tad_test::report();
}
#endif
