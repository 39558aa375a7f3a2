// The README's examples of custom rules, compiled and checked.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

double tp(double r, double t) { return t / r; }
TAD_CUSTOM_TRANSPOSE(tp) double fn(double r, double x) { return x / r; }

TAD_LINEAR(x) TAD_JVP TAD_VJP double F(double x) { return x + fn(3, x); }

double gt(double x, double t) { return std::cos(x) * t; }
TAD_CUSTOM_TRANSPOSE(gt) double g(double x, double dx) {
  return std::cos(x) * dx;
}
double sin_jvp_rule(double x, double d_x, double *d_return) {
  *d_return = g(x, d_x);
  return std::sin(x);
}
TAD_JVP TAD_VJP TAD_CUSTOM_JVP(sin_jvp_rule) double mysin(double x) {
  return std::sin(x);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
int main() {
  using tad_test::Vec;
  double gF = 0, dF = 0, gs = 0, ds = 0;
  F_grad(6, &gF);
  F_jvp(6, 1, &dF);
  mysin_grad(0.5, &gs);
  mysin_jvp(0.5, 1, &ds);
  // tp and g are true rules: everything agrees with finite differences.
  auto FF = [](const Vec &v) { return Vec{F(v[0])}; };
  auto FS = [](const Vec &v) { return Vec{mysin(v[0])}; };
  tad_test::checkGradient("F", FF, [&](const Vec &) { return Vec{gF}; },
                          {{6}});
  tad_test::checkGradient("mysin", FS,
                          [&](const Vec &) { return Vec{gs}; }, {{0.5}});
  bool Ok = F_transpose(6) == 8 && std::fabs(dF - 4.0 / 3) < 1e-15 &&
            std::fabs(ds - std::cos(0.5)) < 1e-15;
  return tad_test::report() || !Ok;
}
#endif
