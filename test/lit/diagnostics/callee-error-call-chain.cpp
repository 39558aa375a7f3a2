// An error two calls deep should lead back to the annotated function: a
// note at every call on the way, as Clang does for template instantiations.
// tad notes only the innermost call (inner, called from middle); the call
// of middle in the annotated function gets no note, so nothing in the
// output names 'entry' or the line that pulled middle in.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=note:
#include "tad/tad.h"

double inner(double x) {
// CHECK: callee-error-call-chain.cpp:[[@LINE+1]]:3: error: 'goto' is not supported
  goto out;
out:
  return x;
}

double middle(double x) {
// CHECK: callee-error-call-chain.cpp:[[@LINE+1]]:10: note: 'inner' is called here, in code tad differentiates
  return inner(x) * 2.0;
}

TAD_JVP double entry(double x) {
// CHECK: callee-error-call-chain.cpp:[[@LINE+1]]:10: note: 'middle' is called here, in code tad differentiates
  return middle(x) + x;
}
// CHECK: 1 error generated.
