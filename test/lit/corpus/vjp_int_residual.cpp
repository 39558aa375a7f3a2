// A while loop whose int counter is read, converted to double, by the
// derivative (term *= x / i): the residual is pushed on the tape with its
// type spelled out (push<double>), so that pop reads what push wrote. (A
// push that deduced int from the unconverted counter once misaligned every
// later pop.)
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

// while with continue (the counter is bumped first) and break.
TAD_JVP TAD_VJP double while_accum(double x, double y, int n) {
  double s = 1.0;
  double term = 1.0;
  int i = 0;
  while (i < n) {
    i++;
    term *= x / i;
    if (i == 2)
      continue;
    s += term * y;
    if (i == 5)
      break;
  }
  return s;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  for (int N : {1, 2, 4, 7}) {
    auto F = [N](const Vec &x) { return Vec{while_accum(x[0], x[1], N)}; };
    auto J = [N](const Vec &x, const Vec &d) {
      double t;
      while_accum_jvp(x[0], d[0], x[1], d[1], N, &t);
      return Vec{t};
    };
    std::vector<Vec> Pts = {{0.5, 2.0}, {-1.5, 0.3}, {2.5, -1.0}};
    tad_test::checkJvp("while_accum", F, J, Pts);
    tad_test::checkVjp(
        "while_accum", J,
        [N](const Vec &x, const Vec &yb) {
          Vec g(2, 0.0);
          while_accum_vjp(x[0], x[1], N, yb[0], &g[0], &g[1]);
          return g;
        },
        Pts, 1);
    tad_test::checkGradient(
        "while_accum_grad", F,
        [N](const Vec &x) {
          Vec g(2, 0.0);
          while_accum_grad(x[0], x[1], N, &g[0], &g[1]);
          return g;
        },
        Pts);
  }
  return tad_test::report();
}
#endif
