// A call that writes a tracked array as the right operand of && or || would
// run only sometimes; tad cannot hoist it and says so, at the call.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

static double put(double *out, double v) {
  out[0] = v * v;
  return v;
}

TAD_JVP double bool_init(double x, double *out, bool w) {
// CHECK: writing-call-after-and.cpp:[[@LINE+1]]:17: error: a call that writes an array whose derivative is tracked cannot be the right operand of '&&' or '||'; call it in a statement of its own
  bool b = w && put(out, 2.0 * x) > 0;
  return b ? x : -x;
}
// CHECK: 1 error generated.
