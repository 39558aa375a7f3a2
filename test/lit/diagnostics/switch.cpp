// 'switch' is rejected at the switch keyword, with the suggested rewrite.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double piecewise(double x, int mode) {
  double y = x;
// CHECK: switch.cpp:[[@LINE+1]]:3: error: 'switch' is not supported yet; write it as if/else
  switch (mode) {
  case 0:
    y = x * x;
    break;
  default:
    y = -x;
  }
  return y;
}
// CHECK: 1 error generated.
