// When the writing call is part of a larger condition, the error should
// still point at the call. tad points at the condition's top operator
// (the '&&', column 13) instead.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

int advance(double *s, double x) {
  s[0] = s[0] * x;
  return s[0] < 10.0;
}

TAD_JVP double grow_once(double x) {
  double state[1] = {1.0};
// CHECK: call-in-condition-location.cpp:[[@LINE+1]]:16: error: a call in this condition writes an array whose derivative is tracked; move the call out of the condition
  if (x > 0 && advance(state, x) != 0)
    return state[0];
  return x;
}
// CHECK: 1 error generated.
