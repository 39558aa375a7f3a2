// A non-const reference parameter of a scalar is rejected at the
// parameter, with the type and what to use instead (a const reference
// reads as a value: test/lit/cxx/references.cpp).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

// CHECK: reference-parameter.cpp:[[@LINE+1]]:42: error: parameter 'out' has reference type 'double &'; tad supports scalars and pointers to scalars (pass arrays and outputs by pointer)
TAD_JVP void square_to(double x, double &out) { out = x * x; }
// CHECK: 1 error generated.
