// A multi-dimensional array parameter (a pointer to rows) is rejected at
// the parameter; multi-dimensional local arrays and their rows are
// supported (test/lit/cxx/arrays.cpp), but a row compared or computed
// with as a pointer is not.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

// CHECK: multidim-array.cpp:[[@LINE+1]]:36: error: parameter 'm' has type 'const double (*)[2]'; tad supports pointers to float, double, integer or bool only
TAD_JVP double trace2(const double m[][2]) { return m[0][0] + m[1][1]; }

TAD_JVP double row_compared(double x, const double *y) {
  double m[2][3] = {};
  m[1][1] = x;
// CHECK: multidim-array.cpp:[[@LINE+1]]:15: error: 'm[1]' is a sub-array of 2-dimensional array 'm', which tad does not follow yet; index every dimension
  return y == m[1] ? x : m[1][1];
}
// CHECK: 2 errors generated.
