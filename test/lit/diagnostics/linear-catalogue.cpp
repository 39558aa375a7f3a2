// TAD_LINEAR functions that are not linear in the parameters they name, or
// whose annotation cannot be honoured: each error at the offending
// expression or annotation (docs/errors.md, "Linear functions").
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
#include "tad/tad.h"

// Logical negation of a linear value, then a condition on it.
TAD_LINEAR(z) double negated(double z) {
  // CHECK: linear-catalogue.cpp:[[@LINE+1]]:12: error: a linear value is negated logically or bitwise, which is not linear in it
  bool b = !z;
  // CHECK: linear-catalogue.cpp:[[@LINE+1]]:10: error: a linear value is used as a condition, which is not linear in it
  return b ? z : 2 * z;
}

// A linear value truncated to an integer.
TAD_LINEAR(z) double truncated(double z) {
  // CHECK: linear-catalogue.cpp:[[@LINE+1]]:16: error: a linear value is converted to an integer, which is not linear in it
  int k = (int)z;
  return z + k;
}

// A comparison's result used as a number.
TAD_LINEAR(z) double step_fn(double z) {
  // CHECK: linear-catalogue.cpp:[[@LINE+1]]:17: error: a linear value is an operand of '<', which is not linear in it
  double h = (z < 1);
  return z + h;
}

// A compound assignment that is not linear (after the truncation).
TAD_LINEAR(z) double modulo(double z) {
  // CHECK: linear-catalogue.cpp:[[@LINE+1]]:16: error: a linear value is converted to an integer, which is not linear in it
  int k = (int)z;
  // CHECK: linear-catalogue.cpp:[[@LINE+1]]:8: error: this compound assignment is not linear
  k %= 3;
  return z;
}

// A callee linear in both its arguments, both passed linear values.
double add(double a, double b) { return a + b; }
// CHECK: linear-catalogue.cpp:[[@LINE+1]]:53: error: more than one linear value is passed to 'add': calls linear in several arguments cannot be transposed yet
TAD_LINEAR(z) double both_linear(double z) { return add(z, 2 * z); }

// Affine: a linear variable set to a constant, a result that is constant.
TAD_LINEAR(z) double reset(double z) {
  double y = z;
  // CHECK: linear-catalogue.cpp:[[@LINE+1]]:7: error: a linear variable is assigned a non-zero value that does not depend on the linear parameters: the function is affine, not linear
  y = 3;
  return y;
}
TAD_LINEAR(z) double constant(double z) {
  (void)z;
  // CHECK: linear-catalogue.cpp:[[@LINE+1]]:10: error: the result does not depend on the linear parameters: the function is affine, not linear
  return 3;
}

// Division by a linear value in a compound assignment.
TAD_LINEAR(z) double ratio(double z) {
  double y = z;
  // CHECK: linear-catalogue.cpp:[[@LINE+1]]:8: error: a value is divided by a linear value, which is not linear in it
  y /= z;
  return y;
}

// Annotations that cannot be honoured.
// CHECK: linear-catalogue.cpp:[[@LINE+1]]:1: error: 'tad::linear' needs the names of the parameters 'no_names' is linear in
TAD_LINEAR() double no_names(double z) { return z; }
// CHECK: linear-catalogue.cpp:[[@LINE+1]]:49: error: linear parameter 'n' must be floating-point (or an array of floating-point values)
TAD_LINEAR(n) double integer_slot(double z, int n) { return z * n; }
// CHECK: linear-catalogue.cpp:[[@LINE+1]]:38: error: a void linear function must be linear in arrays only (its outputs are arrays)
TAD_LINEAR(y) void scalar_out(double y, double *out) { out[0] = y; }
// CHECK: linear-catalogue.cpp:[[@LINE+1]]:1: error: a linear function returns a floating-point value or nothing
TAD_LINEAR(z) int integer_result(double z) { return 0 * z; }
// CHECK: 14 errors generated.
