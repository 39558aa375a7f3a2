// An assignment used as a value is rejected at the assignment operator.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double chained(double x) {
  double y = 0;
// CHECK: assignment-in-expression.cpp:[[@LINE+1]]:17: error: assignment inside an expression is not supported: write it as a statement of its own
  double z = (y = x * x) + 1.0;
  return y + z;
}

TAD_JVP double compound_in_call(double *a, double x) {
// CHECK: assignment-in-expression.cpp:[[@LINE+1]]:15: error: assignment inside an expression is not supported: write it as a statement of its own
  return a[0] += x;
}
// CHECK: 2 errors generated.
