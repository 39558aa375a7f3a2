// A reference parameter is rejected at the parameter, with the type and
// what to use instead.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

// CHECK: reference-parameter.cpp:[[@LINE+1]]:42: error: parameter 'out' has reference type 'double &'; tad supports scalars and pointers to scalars (pass arrays and outputs by pointer)
TAD_JVP void square_to(double x, double &out) { out = x * x; }

// CHECK: reference-parameter.cpp:[[@LINE+1]]:35: error: parameter 'x' has reference type 'const double &'; tad supports scalars and pointers to scalars (pass arrays and outputs by pointer)
TAD_JVP double cube(const double &x) { return x * x * x; }
// CHECK: 2 errors generated.
