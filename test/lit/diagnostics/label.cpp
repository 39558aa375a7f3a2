// A label (even one that precedes its goto) is rejected at the label.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double halve_until_small(double x) {
  int n = 0;
// CHECK: label.cpp:[[@LINE+1]]:1: error: labels are not supported: tad differentiates structured control flow only
again:
  x = x * 0.5;
  n = n + 1;
  if (n < 4)
    goto again;
  return x;
}
// CHECK: 1 error generated.
