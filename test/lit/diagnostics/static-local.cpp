// A static local is rejected at its name.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double scaled(double x) {
// CHECK: static-local.cpp:[[@LINE+1]]:17: error: static local variables are not supported: their state would be shared between the primal and derivative functions
  static double factor = 3.0;
  return factor * x;
}
// CHECK: 1 error generated.
