// Errors of custom rules (THEORY.md 2.4, table 2.7): a rule that is not
// declared (CT-19), a rule whose signature does not match (CT-18), JVP with
// respect to a residual of a custom-transpose function (CT-15), and forward
// mode through a custom VJP (CT-24). Each at the annotation or the
// expression that causes it, saying what was expected.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: test ! -e %t.inc
#include "tad/tad.h"
#include <cmath>

// CT-19: no rule of that name.
// CHECK: custom-rules.cpp:[[@LINE+1]]:1: error: missing rule for 'f19': 'tad::custom_transpose' names 'nosuch', but no function of that name is visible from it
TAD_CUSTOM_TRANSPOSE(nosuch) double f19(double z) { return 2 * z; }

// CT-18: the rule returns nothing; another takes its parameters in the
// wrong order.
void none18(double) {}
// CHECK: custom-rules.cpp:[[@LINE+1]]:1: error: the rule 'none18' registered by 'tad::custom_transpose' on 'f18' does not have the signature it needs: 'double none18(double z)' (the residuals of 'f18' in order, the cotangent of its result in place of 'z', returning the cotangent of 'z')
TAD_CUSTOM_TRANSPOSE(none18) double f18(double z) { return 2 * z; }
// CHECK: custom-rules.cpp:[[@LINE-3]]:6: note: 'none18' is declared here
double order18(double t, int n) { return n * t; }
// CHECK: custom-rules.cpp:[[@LINE+1]]:1: error: the rule 'order18' registered by 'tad::custom_transpose' on 'g18' does not have the signature it needs: 'double order18(int n, double z)'
TAD_CUSTOM_TRANSPOSE(order18) double g18(int n, double z) { return n * z; }
// CHECK: note: 'order18' is declared here

// A custom JVP must have f_jvp's signature.
double badjvp(double x, double *d) { return *d + x; }
// CHECK: custom-rules.cpp:[[@LINE+1]]:1: error: the rule 'badjvp' registered by 'tad::custom_jvp' on 'h' does not have the signature it needs: 'double badjvp(double x, double d_x, double *d_return)' (each parameter followed by its tangent when it is floating-point, then a pointer to the result's tangent)
TAD_CUSTOM_JVP(badjvp) double h(double x) { return x; }
// CHECK: note: 'badjvp' is declared here

// Array rules: the linear arrays must be named; the rule has f_transpose's
// signature (linear arrays writable); a linear value may only be passed
// where the rule expects one.
void arr_t(double *x, double *y) { x[0] += y[0]; }
// CHECK: custom-rules.cpp:[[@LINE+1]]:1: error: a function with array parameters and a custom transpose must return void and name its linear arrays (inputs and outputs) with 'tad::linear'
TAD_CUSTOM_TRANSPOSE(arr_t) void arr(const double *x, double *y) {
  y[0] = x[0];
}
void arr2_t(const double *x, double *y) {
  (void)x;
  y[0] = 0;
}
// CHECK: custom-rules.cpp:[[@LINE+1]]:1: error: the rule 'arr2_t' registered by 'tad::custom_transpose' on 'arr2' does not have the signature it needs: 'void arr2_t(double *x, double *y)' (the parameters of 'arr2' in order, its linear arrays writable: the rule reads the cotangents of the outputs (and zeroes those it consumes) and adds to the cotangents of the inputs)
TAD_CUSTOM_TRANSPOSE(arr2_t)
TAD_LINEAR(x, y) void arr2(const double *x, double *y) { y[0] = x[0]; }
// CHECK: note: 'arr2_t' is declared here

// CT-15: the residual r of fn carries a tangent.
double tp(double r, double t) { return t / r; }
TAD_CUSTOM_TRANSPOSE(tp) double fn(double r, double x) { return x / r; }
// CHECK: custom-rules.cpp:[[@LINE+1]]:42: error: cannot differentiate with respect to 'r', a residual of 'fn': its custom transpose is linear in 'x' only (JVP with respect to a residual of a custom-transpose function is not supported)
TAD_JVP double h15(double y) { return fn(y, 6) + 6; }

// CT-24: forward mode through a custom VJP (its linear part has no body).
double bwd(double res, double g) { return res * g; }
TAD_CUSTOM_TRANSPOSE(bwd) double lin(double res, double t);
inline double j24(double x, double d_x, double *d_ret) {
  *d_ret = lin(std::cos(x), d_x); // the call the note points at
  return std::sin(x);
}
// CHECK: custom-rules.cpp:[[@LINE+1]]:36: error: forward mode through 'sin24' is not available: its custom JVP 'j24' calls 'lin', which has no definition, only a registered transpose (a custom VJP)
TAD_CUSTOM_JVP(j24) TAD_JVP double sin24(double x) { return std::sin(x); }
// CHECK: custom-rules.cpp:[[@LINE-5]]:12: note: 'lin' is called here

// Linear values passed where an array rule expects a residual.
void scl_t(const double *w, double *x, double *y) { x[0] += w[0] * y[0]; }
TAD_CUSTOM_TRANSPOSE(scl_t)
TAD_LINEAR(x, y) void scl(const double *w, const double *x, double *y) {
  y[0] = w[0] * x[0];
}
TAD_LINEAR(z, out) void uses_scl(const double *z, double *out) {
  // CHECK: custom-rules.cpp:[[@LINE+1]]:7: error: a linear value is passed to 'scl' as 'w', which its custom transpose treats as a residual
  scl(z, z, out);
}

// In forward mode: a tangent on a residual array of an array rule, and
// linear arrays of which only some carry a derivative.
TAD_JVP void jvp_residual(const double *w, const double *x, double *y) {
  // CHECK: custom-rules.cpp:[[@LINE+1]]:7: error: cannot differentiate with respect to 'w', a residual of 'scl': its custom transpose is linear in 'x', 'y' only (JVP with respect to a residual of a custom-transpose function is not supported)
  scl(w, x, y);
}
static const double Table[1] = {1.0};
TAD_JVP void jvp_mixed(double *y) {
  const double w[1] = {2.0};
  // CHECK: custom-rules.cpp:[[@LINE+1]]:3: error: cannot differentiate this call of 'scl': some of its linear arrays carry a derivative and others do not; pass arrays that all do
  scl(w, Table, y);
}
