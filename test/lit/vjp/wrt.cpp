// TAD_VJP_WRT(params...): a VJP with cotangents for the listed parameters
// only (the others are constants: nothing is computed for them); output
// arrays keep their cotangent parameters (the VJP's input). Checked against
// central differences; errors for a name that is not a floating-point
// parameter and for reverse mode through a call of a restricted function.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t && %t
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: not %tad-gen %s -o %t.bad -- %tad-flags -DBAD 2>&1 | FileCheck %s --check-prefix=BAD --implicit-check-not=error:
#include "tad/tad.h"
#include <cmath>

// CHECK: double fit_vjp(const double *x, const double *w, double b, double s, int n,
// CHECK-NEXT: double ct_return, double *ct_w, double *ct_b);
TAD_VJP_WRT(w, b)
double fit(const double *x, const double *w, double b, double s, int n) {
  double e = 0;
  for (int i = 0; i < n; ++i) {
    double r = std::tanh(w[i] * x[i] + b) * s;
    e += r * r;
  }
  return e;
}

// CHECK: void outer_vjp(const double *x, const double *k, double *y, double *ct_x,
// CHECK-NEXT: double *ct_y);
// CHECK: double fit_grad(const double *x, const double *w, double b, double s, int n,
// CHECK-NEXT: double *ct_w, double *ct_b);
TAD_VJP_WRT(x) void outer(const double *x, const double *k, double *y) {
  y[0] = k[0] * x[0] * x[1];
  y[1] = std::sin(k[0] * x[1]);
}

#ifdef BAD
// BAD: wrt.cpp:[[@LINE+1]]:1: error: 'tad::vjp' lists 'n', which is not a floating-point parameter of 'bad_name'
TAD_VJP_WRT(n) double bad_name(double x, int n) { return x * n; }
TAD_VJP_WRT(a) double scaled(double a, double b) { return a * b; }
// BAD: wrt.cpp:[[@LINE+1]]:42: error: reverse mode through this call of 'scaled' needs the cotangents of all its arguments, but its VJP is restricted by the list of its 'tad::vjp'; remove the list, or call a copy of the function
TAD_VJP double caller(double b) { return scaled(b, b); }
#endif

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  // fit's gradient in (w, b), x and s fixed.
  const Vec X{0.3, -0.7, 1.1};
  auto F = [&](const Vec &v) {
    return Vec{fit(X.data(), v.data(), v[3], 2.0, 3)};
  };
  auto G = [&](const Vec &v) {
    Vec Gr(4, 0.0);
    fit_grad(X.data(), v.data(), v[3], 2.0, 3, Gr.data(), &Gr[3]);
    return Gr;
  };
  tad_test::checkGradient("fit wrt (w, b)", F, G,
                          {{1.5, 0.2, -0.4, 0.1}, {-0.3, 0.8, 0.5, -1.0}});
  // outer's VJP in x, by the dot-product identity against differences.
  const double K[1] = {3};
  auto FO = [&](const Vec &v) {
    Vec Y(2);
    outer(v.data(), K, Y.data());
    return Y;
  };
  auto VO = [&](const Vec &v, const Vec &ybar) {
    Vec Y(2), Cx(2, 0.0), Cy = ybar;
    outer_vjp(v.data(), K, Y.data(), Cx.data(), Cy.data());
    return Cx;
  };
  auto JO = [&](const Vec &v, const Vec &d) {
    return tad_test::centralDifference(FO, v, d, 1e-6);
  };
  tad_test::checkVjp("outer wrt x", JO, VO, {{0.3, -0.7}, {1.2, 0.4}}, 2, 1e-8);
  return tad_test::report();
}
#endif
