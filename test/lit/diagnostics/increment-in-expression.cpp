// An increment used as a value is rejected at the operator.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double sum2(const double *a) {
  int i = 0;
  double s = a[i];
// CHECK: increment-in-expression.cpp:[[@LINE+1]]:11: error: increment or decrement inside an expression is not supported: write it as a statement of its own
  s += a[i++];
  return s;
}

TAD_JVP double pre_decrement(double x, int n) {
// CHECK: increment-in-expression.cpp:[[@LINE+1]]:19: error: increment or decrement inside an expression is not supported: write it as a statement of its own
  return x * (1 + --n);
}
// CHECK: 2 errors generated.
