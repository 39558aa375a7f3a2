// A call in a loop or if condition that writes an array whose derivative
// tad tracks cannot be differentiated there (conditions are evaluated as in
// the primal); it is reported at the call.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

int advance(double *s, double x) {
  s[0] = s[0] * x;
  return s[0] < 10.0;
}

TAD_JVP double grow(double x) {
  double state[1] = {1.0};
// CHECK: call-in-condition.cpp:[[@LINE+1]]:10: error: a call in this condition writes an array whose derivative is tracked; move the call out of the condition
  while (advance(state, x)) {
  }
  return state[0];
}
// CHECK: 1 error generated.
