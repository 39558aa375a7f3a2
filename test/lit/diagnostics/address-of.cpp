// Taking an address anywhere but as an argument (`f(x, &r)` passes a
// one-element copy written back after the call: test/lit/cxx/pointers.cpp)
// is rejected as an address tad cannot follow writes through.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double compare_address(double x, double *p) {
// CHECK: address-of.cpp:[[@LINE+1]]:12: error: taking an address is not supported: tad cannot follow writes through the pointer it makes
  bool b = &x == p;
  return b ? x : 0.0;
}
// CHECK: 1 error generated.
