// Global arrays read as tables of constants (coefficients, weights): no
// derivative flows through them; JVPs against central differences, VJPs
// against the JVPs, gradients against differences. Writing one is an error
// at the write; passing one to a differentiated callee is not supported yet.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: not %tad-gen %s -o %t.bad -- %tad-flags -DWRITE 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"
#include <cmath>

static const double Coeffs[4] = {1.0, 0.5, -0.25, 0.125};
namespace tables {
double Weights[3] = {0.2, 0.3, 0.5};
}

// A polynomial by Horner's rule from a global table.
TAD_JVP TAD_VJP double horner(double x) {
  double y = Coeffs[3];
  for (int k = 2; k >= 0; --k)
    y = y * x + Coeffs[k];
  return y;
}

// A weighted sum over an array parameter with global weights.
TAD_JVP TAD_VJP double weighted(const double *v) {
  double s = 0;
  for (int i = 0; i < 3; ++i)
    s += tables::Weights[i] * std::sin(v[i]);
  return s;
}

#ifdef WRITE
TAD_JVP double bad(double x) {
  // CHECK: global_tables.cpp:[[@LINE+1]]:3: error: writes to global variables are not supported
  tables::Weights[0] = x;
  return x;
}
double dot3(const double *a, const double *b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
// Passing a global array to a differentiated callee is not supported yet.
// CHECK: global_tables.cpp:[[@LINE+1]]:62: error: cannot differentiate the call to 'dot3': passing the global array 'tables::Weights' to a differentiated function is not supported yet; copy it into a local array
TAD_JVP double passes(const double *v) { return dot3(tables::Weights, v); }
#endif

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  auto HF = [](const Vec &x) { return Vec{horner(x[0])}; };
  auto HJ = [](const Vec &x, const Vec &d) {
    double t;
    horner_jvp(x[0], d[0], &t);
    return Vec{t};
  };
  std::vector<Vec> HP = {{0.3}, {-1.2}, {2.0}};
  tad_test::checkJvp("horner", HF, HJ, HP);
  tad_test::checkVjp(
      "horner", HJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(1, 0.0);
        horner_vjp(x[0], yb[0], &g[0]);
        return g;
      },
      HP, 1);
  auto WF = [](const Vec &v) { return Vec{weighted(v.data())}; };
  auto WJ = [](const Vec &v, const Vec &d) {
    double t;
    weighted_jvp(v.data(), d.data(), &t);
    return Vec{t};
  };
  std::vector<Vec> WP = {{0.1, 0.7, -0.4}};
  tad_test::checkJvp("weighted", WF, WJ, WP);
  tad_test::checkGradient(
      "weighted", WF,
      [](const Vec &v) {
        Vec g(3, 0.0);
        weighted_grad(v.data(), g.data());
        return g;
      },
      WP);
  return tad_test::report();
}
#endif
