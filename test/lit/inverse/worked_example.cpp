// THEORY.md 1.5, the worked example, with its values: at x = (1, ln 2),
// J^-1 (1,1) = ((1 + 2cos2)/6, (1 - cos2)/3), J^-T (1,1) = (1/2, 0),
// log|det J| = log 6, and f^-1(2, 3 ln2 + sin2) = (1, ln2); then the same
// function through every check of invcheck.h (round trips through the
// generated f_jvp and f_vjp, dense solves, dense log-determinant).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

TAD_JVP TAD_VJP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE void ex(double *x) {
  x[0] *= std::exp(x[1]);           // a1 = exp(x2)
  x[1] = 3 * x[1] + std::sin(x[0]); // a2 = 3
}

// The inverse JVP runs the primal, then the steps' tangents backwards.
// CHECK-LABEL: void ex_ijvp(double *x, double *d_x) {
// CHECK: reverse sweep
// CHECK-NEXT: d_x[1] = (d_x[1] - _r{{[0-9]+}} * d_x[0]) / 3;
// CHECK: d_x[0] = (d_x[0] - {{.*}} * d_x[1]) / _t0;
// The inverse VJP runs forwards, in lock-step with the primal, no tape.
// CHECK-LABEL: void ex_ivjp(double *x, double *ct_x) {
// CHECK-NOT: tape
// CHECK: ct_x[0] /= _t0;
// CHECK-NEXT: ct_x[1] -= {{.*}} * ct_x[0];
// CHECK-NEXT: x[0] *= _t0;
// CHECK: ct_x[1] /= 3;
// CHECK-NEXT: ct_x[0] -= std::cos(x[0]) * ct_x[1];
// CHECK-LABEL: double ex_logdet(double *x) {
// CHECK: _logdet += std::log(std::fabs(_t0));
// CHECK-LABEL: void ex_inverse(double *x) {
// CHECK: x[1] = (x[1] - std::sin(x[0])) / 3;
// CHECK: x[0] /= std::exp(x[1]);

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
using namespace tad_test;

int main() {
  const double Ln2 = std::log(2.0), C2 = std::cos(2.0);
  {
    double X[2] = {1, Ln2}, T[2] = {1, 1};
    ex_ijvp(X, T);
    expectClose("J^-1 (1,1)", Vec{T[0], T[1]},
                Vec{(1 + 2 * C2) / 6, (1 - C2) / 3}, 1e-15);
    expectClose("J^-1 (1,1) as printed", Vec{T[0], T[1]},
                Vec{0.0279511, 0.4720489}, 1e-7);
  }
  {
    double X[2] = {1, Ln2}, C[2] = {1, 1};
    ex_ivjp(X, C);
    expectClose("J^-T (1,1)", Vec{C[0], C[1]}, Vec{0.5, 0}, 1e-15);
  }
  {
    double X[2] = {1, Ln2}, X2[2] = {1, Ln2};
    expectClose("log|det J|", ex_logdet(X), std::log(6.0), 1e-15);
    expectClose("log 6", ex_logdet(X2), 1.7917595, 1e-7);
  }
  {
    double Y[2] = {2, 3 * Ln2 + std::sin(2.0)};
    ex_inverse(Y);
    expectClose("f^-1(2, 3 ln2 + sin2)", Vec{Y[0], Y[1]}, Vec{1, Ln2}, 1e-15);
  }
  InvProgram P;
  P.Name = "ex";
  P.N = 2;
  P.F = [](Vec &Z) { ex(Z.data()); };
  P.Jvp = [](Vec &Z, Vec &T) { ex_jvp(Z.data(), T.data()); };
  P.Ijvp = [](Vec &Z, Vec &T) { ex_ijvp(Z.data(), T.data()); };
  P.Ivjp = [](Vec &Z, Vec &C) { ex_ivjp(Z.data(), C.data()); };
  P.LogDet = [](Vec &Z) { return ex_logdet(Z.data()); };
  P.Inverse = [](Vec &Z) { ex_inverse(Z.data()); };
  P.Vjp = [](Vec &Z, Vec &C) { ex_vjp(Z.data(), C.data()); };
  checkInverse(P, Vec{1, Ln2});
  checkInverse(P, Vec{-0.3, 0.7});
  return report();
}
#endif

// With the plugin (at the end, so that the line numbers checked above stay):
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
