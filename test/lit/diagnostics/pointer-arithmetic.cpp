// Pointer arithmetic, indexed or passed as an argument, is rejected at the
// pointer expression. tad reports the first error of every annotated
// function, so both cases are checked in one run.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

double head(const double *a) { return a[0]; }

TAD_JVP double second_indexed(double *x) {
// CHECK: pointer-arithmetic.cpp:[[@LINE+1]]:10: error: tad cannot follow this pointer in a subscript: only pointer parameters and local arrays may be indexed or passed, not pointer arithmetic or other pointer expressions
  return (x + 1)[0];
}

TAD_JVP double second_passed(double *x) {
// CHECK: pointer-arithmetic.cpp:[[@LINE+1]]:15: error: tad cannot follow this pointer argument: only pointer parameters and local arrays may be indexed or passed, not pointer arithmetic or other pointer expressions
  return head(x + 1);
}

TAD_JVP double second_deref(double *x) {
// CHECK: pointer-arithmetic.cpp:[[@LINE+1]]:11: error: tad cannot follow this pointer in a dereference: only pointer parameters and local arrays may be indexed or passed, not pointer arithmetic or other pointer expressions
  return *(x + 1);
}
// CHECK: 3 errors generated.
