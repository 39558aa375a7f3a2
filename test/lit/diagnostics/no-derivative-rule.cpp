// A library function with no derivative rule, called on floating-point
// values, is rejected at the call. (An integer library call is kept.)
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"
#include <cmath>
#include <cstdlib>

TAD_JVP double expint_scaled(double x, int k) {
  int m = std::abs(k);
// CHECK: no-derivative-rule.cpp:[[@LINE+1]]:14: error: no derivative rule for library function 'std::expint'; tad knows the <cmath> functions listed in its documentation
  return m * std::expint(x);
}

TAD_JVP float zeta_f(float x) {
// CHECK: no-derivative-rule.cpp:[[@LINE+1]]:18: error: no derivative rule for library function 'std::riemann_zetaf'; tad knows the <cmath> functions listed in its documentation
  return x + 2 * std::riemann_zetaf(x);
}
// CHECK: 2 errors generated.
