// A callee that cannot be differentiated is reported once, but every
// annotated function that calls it fails because of it and should get a
// note at its call. tad notes only the first call it meets; 'second' fails
// with no diagnostic that mentions it.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=note:
#include "tad/tad.h"

// CHECK: callee-error-every-caller.cpp:[[@LINE+1]]:8: error: cannot differentiate 'opaque': no definition is visible and no derivative rule is registered
double opaque(double v);

TAD_JVP double first(double x) {
// CHECK: callee-error-every-caller.cpp:[[@LINE+1]]:10: note: 'opaque' is called here, in code tad differentiates
  return opaque(x) + x;
}

TAD_JVP double second(double x) {
// CHECK: callee-error-every-caller.cpp:[[@LINE+1]]:14: note: 'opaque' is called here, in code tad differentiates
  return x * opaque(x);
}
// CHECK: 1 error generated.
