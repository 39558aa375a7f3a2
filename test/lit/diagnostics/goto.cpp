// 'goto' is rejected at the goto statement itself.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double clamp_up(double x) {
  if (x > 1.0)
// CHECK: goto.cpp:[[@LINE+1]]:5: error: 'goto' is not supported: tad differentiates structured control flow only (use loops, break and continue)
    goto done;
  x = x * 2.0;
done:
  return x;
}
// CHECK: 1 error generated.
