// User rules that cannot be used as registered, and a forward mode through
// a function that has only a transpose rule (docs/errors.md, "User rules").
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
#include "tad/tad.h"

// Two rules named for one function.
double rule_a(double a, double d_a, double *d_ret) {
  *d_ret = d_a;
  return a;
}
double rule_b(double a, double d_a, double *d_ret) {
  *d_ret = d_a;
  return a;
}
// CHECK: rules-catalogue.cpp:[[@LINE+1]]:3: error: 'tad::custom_jvp' names one function, the rule for 'ident'
[[clang::annotate("tad::custom_jvp", "rule_a, rule_b")]] double
ident(double a) {
  return a;
}
TAD_JVP double use_ident(double x) { return ident(x) * x; }

// A custom transpose on an integer function.
int int_t(int z) { return z; }
// CHECK: rules-catalogue.cpp:[[@LINE+1]]:1: error: a function with a custom transpose must return a floating-point value and be linear in a floating-point parameter
TAD_CUSTOM_TRANSPOSE(int_t) int count(int z) { return z; }
TAD_JVP double use_count(double x) { return x * count(2); }

// The rule is linear in z; the call passes the linear value as a.
double mul_t(double a, double ct) { return a * ct; }
TAD_CUSTOM_TRANSPOSE(mul_t) double mul(double a, double z) { return a * z; }
// CHECK: rules-catalogue.cpp:[[@LINE+1]]:52: error: this call of 'mul' is linear in 'a', but its custom transpose is linear in 'z'
TAD_LINEAR(z) double wrong_slot(double z) { return mul(z, 3.0); }

// A function with only a JVP rule and no body, called in a linear function.
double dbl_rule(double z, double d_z, double *d_ret) {
  *d_ret = 2 * d_z;
  return 2 * z;
}
TAD_CUSTOM_JVP(dbl_rule) double dbl(double z);
// CHECK: rules-catalogue.cpp:[[@LINE+1]]:49: error: cannot transpose 'dbl': no definition and no registered transpose
TAD_LINEAR(z) double lin_dbl(double z) { return dbl(z); }

// A function with only a transpose rule and no body, in forward mode.
double opaque_t(double ct) { return 2 * ct; }
TAD_CUSTOM_TRANSPOSE(opaque_t) double opaque(double z);
// CHECK: rules-catalogue.cpp:[[@LINE+1]]:46: error: forward mode through 'opaque' is not available: it has no definition, only a registered transpose (a custom VJP)
TAD_JVP double fwd_opaque(double x) { return opaque(x) * x; }
// CHECK: 5 errors generated.
