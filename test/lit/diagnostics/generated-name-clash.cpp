// A user function defined with the name and parameters of a function tad
// generates is an error at the user's function (the generated definition
// would redefine it), with a note where tad's function is asked for: the
// annotation, or the call that needs a callee's derivative. tad used to
// write the redefinition (tad-gen's output did not compile; the plugin's
// compile failed inside the generated text). JVP, VJP, gradient, transpose,
// T(T(f)), inverse modes and a callee's JVP, through tad-gen and the
// plugin. An overload with other parameters and a function of the same
// name in another namespace do not clash.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=redefinition
// RUN: not test -e %t.inc
// RUN: not %cxx %plugin -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=redefinition
#include "tad/tad.h"

// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+2]]:1: note: 'f_jvp' is asked for here
// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:9: note: 'f_vjp' is asked for here
TAD_JVP TAD_VJP double f(double x) { return x * x; }
// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:8: error: 'f_jvp' clashes with the function tad generates for 'f' (its JVP, with the same parameters): the generated definition would redefine it; rename this function, or register it as the rule of 'f' with TAD_CUSTOM_JVP(f_jvp)
double f_jvp(double x, double dx, double *d) {
  *d = 2 * x * dx;
  return x * x;
}
// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:8: error: 'f_vjp' clashes with the function tad generates for 'f' (its VJP, with the same parameters)
double f_vjp(double x, double ct, double *g) {
  *g += 2 * x * ct;
  return x * x;
}

// An overload, and another namespace: no clash.
double f_jvp(double x) { return x; }
namespace other {
double f_grad(double x, double *g) { return *g = x; }
} // namespace other

// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:1: note: 'h_grad' is asked for here
TAD_VJP double h(double x, int n) { return x * n; }
// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:8: error: 'h_grad' clashes with the function tad generates for 'h' (its gradient, with the same parameters): the generated definition would redefine it; rename this function
double h_grad(double y, int k, double *g) { return *g = y * k; }

// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:1: note: 'scale_transpose' is asked for here
TAD_LINEAR(z) double scale(double c, double z) { return c * z; }
// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:8: error: 'scale_transpose' clashes with the function tad generates for 'scale' (its transpose, with the same parameters): the generated definition would redefine it; rename this function, or register it as the rule of 'scale' with TAD_CUSTOM_TRANSPOSE(scale_transpose)
double scale_transpose(double c, double z) { return c * z; }

// T(T(g)), asked for by a declaration of g_transpose.
TAD_LINEAR(z) double g(double c, double z) { return z / c; }
// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:1: note: 'g_transpose_transpose' is asked for here
TAD_LINEAR(z) double g_transpose(double c, double z);
// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:8: error: 'g_transpose_transpose' clashes with the function tad generates for 'g_transpose' (its transpose, with the same parameters): the generated definition would redefine it; rename this function{{$}}
double g_transpose_transpose(double c, double z) { return z / c; }

// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:9: note: 'step_ijvp' is asked for here
TAD_JVP TAD_IJVP void step(double *x) { x[1] += x[0] * x[0]; }
// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:6: error: 'step_ijvp' clashes with the function tad generates for 'step' (its inverse JVP, with the same parameters)
void step_ijvp(double *x, double *dx) { x[1] = dx[0]; }

// A callee's JVP: the note is at the call.
double sq(double x) { return x * x; }
// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:43: note: 'sq_jvp' is asked for here
TAD_JVP double uses_sq(double x) { return sq(x) + x; }
// CHECK-DAG: generated-name-clash.cpp:[[#@LINE+1]]:8: error: 'sq_jvp' clashes with the function tad generates for 'sq' (its JVP, with the same parameters)
double sq_jvp(double x, double dx, double *d) { return *d = x * dx; }
// CHECK: 7 errors generated.
