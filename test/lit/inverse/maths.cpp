// The inverse modes over the completed maths library: asinh and atanh
// undone by sinh and tanh in f_inverse (each a bijection of the other's
// range onto its domain), and the piecewise and special functions in the
// shear terms (floor, fmod, copysign, lgamma, tgamma, acosh), whose
// derivatives f_ijvp, f_ivjp and f_logdet take from the rule table.
// Checked by invcheck.h (round trips against the Jacobian of f_jvp, dense
// solves, log|det J|, f^-1(f(z)) = z and f(f^-1(y)) = y).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
#include "tad/tad.h"
#include <cmath>

#define ALL TAD_JVP TAD_VJP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE

// CHECK-LABEL: void hyper_inverse(
// CHECK-DAG: std::sinh(
// CHECK-DAG: std::tanh(
ALL void hyper(double *x) {
  x[0] = std::asinh(x[0]) + 0.3 * std::floor(x[1]) + 0.2 * x[1];
  x[1] = 2 * std::atanh(0.5 * x[1]) - 0.1 * std::fmod(x[0], 0.7);
  x[0] += 0.1 * std::lgamma(2 + x[1] * x[1]) + std::copysign(0.2, x[1]) * x[1];
  x[1] -= 0.05 * std::tgamma(1.5 + x[0] * x[0]) + std::acosh(2 + x[0] * x[0]);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
using namespace tad_test;

int main() {
  InvProgram P;
  P.Name = "hyper";
  P.N = 2;
  P.F = [&](Vec &Z) { hyper(Z.data()); };
  P.Jvp = [&](Vec &Z, Vec &T) { hyper_jvp(Z.data(), T.data()); };
  P.Ijvp = [&](Vec &Z, Vec &T) { hyper_ijvp(Z.data(), T.data()); };
  P.Ivjp = [&](Vec &Z, Vec &T) { hyper_ivjp(Z.data(), T.data()); };
  P.LogDet = [&](Vec &Z) { return hyper_logdet(Z.data()); };
  P.Inverse = [&](Vec &Z) { hyper_inverse(Z.data()); };
  P.Vjp = [&](Vec &Z, Vec &C) { hyper_vjp(Z.data(), C.data()); };
  for (Vec Z0 : {Vec{0.3, 0.4}, Vec{-1.2, 1.3}, Vec{2.1, -0.6}})
    checkInverse(P, Z0);
  return report();
}
#endif
