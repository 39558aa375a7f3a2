// A multi-dimensional array parameter (a pointer to rows) is rejected at
// the parameter; multi-dimensional local arrays and their rows are
// supported (test/lit/cxx/arrays.cpp).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

// CHECK: multidim-array.cpp:[[@LINE+1]]:36: error: parameter 'm' has type 'const double (*)[2]'; tad supports pointers to float, double, integer or bool only
TAD_JVP double trace2(const double m[][2]) { return m[0][0] + m[1][1]; }
// CHECK: 1 error generated.
