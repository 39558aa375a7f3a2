// THEORY.md CT-26: f_transpose needs f structurally linear in the named
// parameters; each violation is an error at the expression that commits it,
// naming the rule it breaks.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"
#include <cmath>

// CHECK: linearity.cpp:[[@LINE+1]]:52: error: two linear values are multiplied: the product is bilinear, not linear
TAD_LINEAR(z) double bilinear(double z) { return z * z; }

// CHECK: linearity.cpp:[[@LINE+1]]:50: error: a non-linear term is added to a linear value: the result is affine, not linear
TAD_LINEAR(z) double affine(double z) { return z + 1; }

// CHECK: linearity.cpp:[[@LINE+1]]:51: error: the non-linear function 'std::sin' is applied to a linear value
TAD_LINEAR(z) double nonlinear(double z) { return std::sin(z); }

TAD_LINEAR(z) double index(const double *c, double z) {
// CHECK: linearity.cpp:[[@LINE+1]]:29: error: a linear value is used as an array index, which is not linear in it
  return c[static_cast<int>(z)] * z;
}

TAD_LINEAR(z) double predicate(double z) {
// CHECK: linearity.cpp:[[@LINE+1]]:9: error: a linear value is used as a condition, which is not linear in it
  if (z > 0)
    return z;
  return -z;
}

TAD_LINEAR(z) double divide(double c, double z) {
// CHECK: linearity.cpp:[[@LINE+1]]:12: error: a value is divided by a linear value, which is not linear in it
  return c / z;
}

TAD_LINEAR(x, y) void loopbound(const double *x, double *y) {
// CHECK: linearity.cpp:[[@LINE+1]]:21: error: a linear value is used as a loop condition or bound, which is not linear in it
  for (int i = 0; i < x[0]; ++i)
    y[i] = x[i];
}

// CHECK: linearity.cpp:[[@LINE+1]]:1: error: 'q' is not a parameter of 'unknown'
TAD_LINEAR(q) double unknown(double z) { return z; }

// CHECK: linearity.cpp:[[@LINE+1]]:1: error: a linear function with a floating-point result must be linear in exactly one scalar parameter, so that its transpose has the same signature; write array outputs instead
TAD_LINEAR(a, b) double two(double a, double b) { return a + b; }
