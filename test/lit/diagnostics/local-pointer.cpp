// A local pointer variable is rejected at the variable's name.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double first(double *values, int n) {
// CHECK: local-pointer.cpp:[[@LINE+1]]:11: error: local pointer variable 'p' is not supported: tad cannot follow reads and writes through it; index the array parameter directly
  double *p = values;
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += p[i];
  return s;
}
// CHECK: 1 error generated.
