// The lambdas tad does not follow yet are refused at the lambda (lambdas
// defined and called in the function are supported:
// test/lit/cxx/lambdas.cpp).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

struct Body {
  double m;
  double scaled(double x) const {
    auto f = [this](double v) { return m * v; };
    return f(x);
  }
};

TAD_JVP double generic(double x) {
  // CHECK: lambdas.cpp:[[@LINE+1]]:12: error: generic lambdas (with 'auto' parameters) are not supported yet; give the parameters types
  auto f = [](auto v) { return v * v; };
  return f(x);
}
TAD_JVP double member(Body b, double x) { return b.scaled(x); }
TAD_JVP double init_array(const double *a, double x) {
  double w[2] = {a[0], a[1]};
  // CHECK: lambdas.cpp:[[@LINE+1]]:13: error: capturing the array 'w' by value is not supported yet; capture it by reference
  auto f = [w](double v) { return w[0] * v; };
  return f(x);
}
TAD_JVP double pointer_copy(const double *a, double x) {
  const double *p = a + 1;
  // CHECK: lambdas.cpp:[[@LINE+1]]:13: error: capturing the local pointer 'p' by value is not supported yet; capture it by reference
  auto f = [p](double v) { return p[0] * v; };
  return f(x);
}
TAD_JVP double init_struct(Body b, double x) {
  // CHECK: lambdas.cpp:[[@LINE+1]]:13: error: an init-capture of an array or a struct is not supported yet
  auto f = [c = b](double v) { return c.m * v; };
  return f(x);
}
TAD_JVP double copied(double x) {
  auto f = [](double v) { return v * v; };
  // CHECK: lambdas.cpp:[[@LINE+1]]:8: error: a lambda variable must be initialised with the lambda where it is declared
  auto g = f;
  return g(x);
}
TAD_JVP double converted(double x) {
  auto f = [](double v) { return v * v; };
  // CHECK: lambdas.cpp:[[@LINE+1]]:13: error: the lambda 'f' can only be called: passing or copying a lambda is not supported yet
  auto &g = f;
  return g(x);
}
TAD_JVP double in_condition(double x) {
  // CHECK: lambdas.cpp:[[@LINE+1]]:31: error: a lambda called where it is defined is supported in a statement that is a declaration, an assignment, a call or a return, or in an 'if' or loop condition, only, not in a 'for' loop's initializer or increment
  for (int k = 0; k < 3; x *= [&] { return x < 2 ? 1.5 : 1.0; }())
    x *= 1.5;
  return x;
}
auto Global = [](double v) { return 2 * v; };
TAD_JVP double global(double x) {
  // CHECK: lambdas.cpp:[[@LINE+1]]:10: error: tad follows calls of lambdas defined in this function only
  return Global(x);
}
// CHECK: lambdas.cpp:[[@LINE-51]]:15: error: lambdas capturing 'this' are not supported yet
TAD_LINEAR(y) void axpy(double a, const double *x, double *y, int n) {
  auto add = [&](int i) { y[i] += a * x[i]; };
  for (int i = 0; i < n; ++i)
    // CHECK: lambdas.cpp:[[@LINE+1]]:5: error: 'axpy' calls a lambda: lambdas are supported in JVPs and VJPs, not yet in linear transposes
    add(i);
}
TAD_INVERSE void flow(double *x, int n, double c) {
  auto shear = [&](int i) { x[i] += c * x[i - 1]; };
  for (int i = 1; i < n; ++i)
    // CHECK: lambdas.cpp:[[@LINE+1]]:5: error: 'flow' calls a lambda: lambdas are supported in JVPs and VJPs, not yet in the inverse modes
    shear(i);
}
// CHECK: {{[0-9]+}} errors generated.
