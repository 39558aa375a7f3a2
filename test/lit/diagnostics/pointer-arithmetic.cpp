// Pointer arithmetic that does not make a pointer into an array is
// rejected where it stands: comparing or subtracting pointers into two
// arrays, testing one, and indexing something that is not an array or a
// pointer into one (a + k, &a[k] and local pointers are supported: test/lit/cxx/pointers.cpp;
// comparisons within one array: test/lit/cxx/iterators.cpp).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double difference(const double *x, const double *y) {
// CHECK: pointer-arithmetic.cpp:[[@LINE+1]]:26: error: these pointers point into two arrays ('y' and 'x'): tad compares and subtracts pointers into one array only
  return x[0] * double(y - x);
}

TAD_JVP double cast_compare(const double *x, const double *y) {
// CHECK: pointer-arithmetic.cpp:[[@LINE+1]]:41: error: pointer arithmetic is not supported: tad cannot follow the resulting pointer
  return static_cast<const double *>(x) == y ? x[0] : y[0];
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
