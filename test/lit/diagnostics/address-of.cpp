// Taking an address. Passed straight to a function (the usual way of
// giving a callee an output), the '&' is rejected as a pointer argument
// tad cannot follow; anywhere else as an address tad cannot follow writes
// through.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

void square_into(double x, double *out) { out[0] = x * x; }

TAD_JVP double via_output(double x) {
  double r = 0;
// CHECK: address-of.cpp:[[@LINE+1]]:18: error: tad cannot follow this pointer argument: only pointer parameters and local arrays may be indexed or passed, not pointer arithmetic or other pointer expressions
  square_into(x, &r);
  return r;
}

TAD_JVP double compare_address(double x, double *p) {
// CHECK: address-of.cpp:[[@LINE+1]]:12: error: taking an address is not supported: tad cannot follow writes through the pointer it makes
  bool b = &x == p;
  return b ? x : 0.0;
}
// CHECK: 2 errors generated.
