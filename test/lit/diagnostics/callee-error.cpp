// An unsupported construct in a function that annotated code calls is
// reported at the construct, in the callee, followed by a note at the call
// in the function that calls it. Callees of callees are followed the same
// way. (The functions are laid out in the order tad reports them.)
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=note:
// RUN: not ls %t.inc
#include "tad/tad.h"

double outer(double x);

double shifted(double *a) {
// CHECK: callee-error.cpp:[[@LINE+1]]:20: error: implicit conversion 'NullToPointer' is not supported by tad
  return 2 * (a != nullptr);
}

TAD_JVP double top(double *a, double x) {
// CHECK: callee-error.cpp:[[@LINE+1]]:14: note: 'shifted' is called here, in code tad differentiates
  double s = shifted(a);
  return s * outer(x);
}
// The failure two calls deep leads back here too: the call chain is noted
// innermost first, after the note at the call of inner (checked below).

double inner(double x) {
  int n = 0;
// CHECK: callee-error.cpp:[[@LINE+1]]:3: error: exceptions are not supported in differentiated code
  try {
    n = 1;
  } catch (...) {
  }
  return x;
}

double outer(double x) {
  double y = x * x;
// CHECK: callee-error.cpp:[[@LINE+1]]:14: note: 'inner' is called here, in code tad differentiates
  return y + inner(y);
}
// CHECK: callee-error.cpp:20:14: note: 'outer' is called here, in code tad differentiates
// CHECK: 2 errors generated.
