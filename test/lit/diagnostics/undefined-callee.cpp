// A call to a function that is declared but not defined, and has no
// derivative rule: the error names the function at its declaration and a
// note points at the call in the differentiated code.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=note:
#include "tad/tad.h"

// CHECK: undefined-callee.cpp:[[@LINE+1]]:8: error: cannot differentiate 'opaque': no definition is visible and no derivative rule is registered
double opaque(double v);

TAD_JVP double uses_opaque(double x) {
  double y = x * x;
// CHECK: undefined-callee.cpp:[[@LINE+1]]:14: note: 'opaque' is called here, in code tad differentiates
  return y + opaque(y);
}
// CHECK: 1 error generated.
