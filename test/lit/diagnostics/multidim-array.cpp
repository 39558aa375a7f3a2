// A row of a multi-dimensional local array (a sub-array, a pointer into
// the array) is rejected where it is used; whole elements are supported
// (test/lit/cxx/arrays.cpp).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

static double first(const double *row) { return row[0]; }

TAD_JVP double trace2(double x) {
  double m[2][2] = {{x, 0}, {0, x}};
// CHECK: multidim-array.cpp:[[@LINE+1]]:16: error: 'm[1]' is a sub-array of 2-dimensional array 'm', which tad does not follow yet; index every dimension
  return first(m[1]) + m[1][1];
}
// CHECK: 1 error generated.
