// Reverse mode through calls of scalar functions: the primal program calls
// the callee and keeps its arguments as residuals; the transpose calls the
// callee's generated VJP (recursion included).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: FileCheck %s --input-file %t.inc
// CHECK: static double p_vjp(double x, int k, double ct_return, double *ct_x);
// CHECK: force_vjp(
#include "tad/tad.h"
#include <cmath>
static double sq(double x) { return x * x; }
static double p(double x, int k) { return k == 0 ? 1.0 : x * p(x, k - 1); }
static double force(double x, double v, double k) {
  return -k * std::sin(x) - 0.1 * v * std::fabs(v);
}
TAD_JVP TAD_VJP double sim(double x0, double v0, double k, int n) {
  double x = x0, v = v0;
  for (int i = 0; i < n; ++i) {
    double a = force(x, v, k);
    x += 0.01 * v;
    v += 0.01 * a;
  }
  return sq(x) + p(v, 3);
}
#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  auto J = [](const Vec &x, const Vec &d) {
    double t;
    sim_jvp(x[0], d[0], x[1], d[1], x[2], d[2], 50, &t);
    return Vec{t};
  };
  auto V = [](const Vec &x, const Vec &yb) {
    Vec g(3, 0.0);
    sim_vjp(x[0], x[1], x[2], 50, yb[0], &g[0], &g[1], &g[2]);
    return g;
  };
  tad_test::checkVjp("sim", J, V, {{0.7, 1, 2}, {-1.3, 0.2, 3}}, 1);
  tad_test::checkGradient(
      "sim_grad", [](const Vec &x) { return Vec{sim(x[0], x[1], x[2], 50)}; },
      [](const Vec &x) {
        Vec g(3, 0.0);
        sim_grad(x[0], x[1], x[2], 50, &g[0], &g[1], &g[2]);
        return g;
      },
      {{0.7, 1, 2}});
  return tad_test::report();
}
#endif
