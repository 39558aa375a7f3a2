// Reverse mode through calls that pass arrays: tad inlines the callee (its
// parameters bound to the arguments, its locals renamed, its exits
// normalized), then differentiates. The VJP is checked against central
// differences of the primal by the dot-product identity.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: FileCheck %s --input-file %t.inc
// No call of axpy or dot survives (they are inlined); sq's JVP, requested
// while building the VJP, is not emitted.
// CHECK-NOT: sq_jvp
// CHECK-LABEL: // VJP of 'loss'
// CHECK-NOT: axpy
// CHECK-NOT: dot(
#include "tad/tad.h"
#include <cmath>
static double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}
static void axpy(double alpha, const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i) {
    if (x[i] == 0)
      continue;
    y[i] += alpha * x[i];
  }
}
static double sq(double x) { return x * x; }
TAD_VJP double loss(const double *w, double *work, int n) {
  double tmp[3] = {0, 0, 0};
  axpy(2.0, w, tmp, 3);
  axpy(sq(w[0]), w, work, n);
  return dot(tmp, work, 3) + std::exp(dot(w, w, n));
}
#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  const int N = 3;
  auto F = [](const Vec &v) {
    Vec w(v.begin(), v.begin() + N), work(v.begin() + N, v.end());
    double r = loss(w.data(), work.data(), N);
    Vec o{r};
    o.insert(o.end(), work.begin(), work.end());
    return o;
  };
  (void)F;
  auto V = [](const Vec &v, const Vec &yb) {
    Vec w(v.begin(), v.begin() + N), work(v.begin() + N, v.end());
    Vec cw(N, 0.0), cwork(yb.begin() + 1, yb.end());
    loss_vjp(w.data(), work.data(), N, yb[0], cw.data(), cwork.data());
    Vec g = cw;
    g.insert(g.end(), cwork.begin(), cwork.end());
    return g;
  };
  // JVP by central differences of F (no tad JVP here): check <yb, J xd> = <J^T
  // yb, xd>
  auto J = [&](const Vec &x, const Vec &d) {
    return tad_test::centralDifference(F, x, d, 1e-6);
  };
  tad_test::checkVjp("loss", J, V,
                     {{0.3, -0.2, 0.5, 1, 2, 3}, {0.1, 0.4, -0.3, -1, 0.5, 2}},
                     4, 1e-7);
  return tad_test::report();
}
#endif
