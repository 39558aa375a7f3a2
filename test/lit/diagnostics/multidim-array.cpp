// A multi-dimensional local array is rejected at its name.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double trace2(double x) {
// CHECK: multidim-array.cpp:[[@LINE+1]]:10: error: multi-dimensional local arrays are not supported yet; use a one-dimensional array and compute the index
  double m[2][2] = {{x, 0}, {0, x}};
  return m[0][0] + m[1][1];
}
// CHECK: 1 error generated.
