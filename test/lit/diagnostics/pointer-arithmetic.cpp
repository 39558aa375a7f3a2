// Pointer arithmetic that does not make a pointer into an array is
// rejected where it stands: comparing pointers, subtracting them, testing
// one, and indexing something that is not an array or a pointer into one
// (a + k, &a[k] and local pointers are supported: test/lit/cxx/pointers.cpp).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double compare(const double *x, int n) {
  double s = 0;
// CHECK: pointer-arithmetic.cpp:[[@LINE+1]]:29: error: local pointer 'p' is followed as an offset into 'x': comparing it or computing with it is not supported; loop over an index instead
  for (const double *p = x; p < x + n; ++p)
    s += *p;
  return s;
}

TAD_JVP double difference(const double *x, const double *y) {
// CHECK: pointer-arithmetic.cpp:[[@LINE+1]]:26: error: pointer arithmetic is not supported: tad cannot follow the resulting pointer
  return x[0] * double(y - x);
}

TAD_JVP double test_pointer(const double *x) {
// CHECK: pointer-arithmetic.cpp:[[@LINE+1]]:7: error: testing a pointer is not supported: tad cannot follow pointers other than array parameters; pass a flag or a count instead
  if (x)
    return x[0];
  return 0;
}

static const double *pick(const double *x) { return x; }
TAD_JVP double returned(const double *x) {
// CHECK: pointer-arithmetic.cpp:[[@LINE+1]]:10: error: tad cannot follow this pointer in a subscript: only arrays and pointers into them (a + k, &a[k], a local pointer set to one) may be indexed or passed
  return pick(x)[0];
}
// CHECK: 4 errors generated.
