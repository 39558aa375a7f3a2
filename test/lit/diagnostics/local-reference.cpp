// Local references tad does not follow, each at its location: a reference
// declared without an initializer (an extern declaration), a reference to
// an array, and one bound to something other than a variable or an element
// (references to scalars, array elements and struct variables are
// supported: test/lit/cxx/references.cpp).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double extern_reference(double x) {
// CHECK: local-reference.cpp:[[@LINE+1]]:18: error: reference 'r' has no initializer
  extern double &r;
  return r * x;
}

TAD_JVP double array_reference(double x) {
  double m[2][3] = {};
  m[1][0] = x;
// CHECK: local-reference.cpp:[[@LINE+1]]:12: error: local reference 'row' of type 'double (&)[3]' is not supported: tad supports references to scalars and array elements
  double (&row)[3] = m[1];
  return row[0];
}

TAD_JVP double conditional(double x, double y) {
// CHECK: local-reference.cpp:[[@LINE+1]]:15: error: tad cannot follow this reference: 'r' must be bound to a variable or an array element
  double &r = x > y ? x : y;
  r *= 2;
  return r;
}
// CHECK: 3 errors generated.
