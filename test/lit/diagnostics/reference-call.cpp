// References are not supported yet. A call that passes a variable to a
// non-const reference parameter holding floating-point data (double &,
// float &, a struct with a double in it) is an error at the argument, in
// every mode: tad used to keep such a call as a primal call and leave the
// caller's tangent as it was (polar's x, y inactive: JVP and gradient 0;
// acc's contribution to s lost). Integer references carry no derivative and
// stay allowed. A const reference parameter, a function returning a
// reference, a reference local, a range-for by reference and a lambda (a
// capture by reference) are errors where tad meets them. The same errors
// come from tad-gen and from the plugin.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not test -e %t.inc
// RUN: not %cxx %plugin -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"
#include <cmath>

void polar(double r, double t, double &x, double &y) {
  x = r * std::cos(t);
  y = r * std::sin(t);
}
void acc(double v, double &s) { s += v * v; }
void facc(float v, float &s) { s += v * v; }
void reset(double &s) { s = 0; }
struct Particle {
  int id;
  double mass;
};
Particle Global;
void setMass(Particle &p, double m) { p.mass = m; }
void shift(double *&p) { ++p; }
void next(int &i) { i += 1; }

TAD_JVP double jvp_polar(double r, double t) {
  double x = 0, y = 0;
  // CHECK: reference-call.cpp:[[@LINE+1]]:15: error: passing 'x' by reference to parameter 'x' of 'polar' (type 'double &') is not supported yet: tad does not follow writes through references; pass a pointer instead
  polar(r, t, x, y);
  return x + y;
}

TAD_VJP double vjp_acc(double v) {
  double s = v;
  // CHECK: reference-call.cpp:[[@LINE+1]]:10: error: passing 's' by reference to parameter 's' of 'acc' (type 'double &')
  acc(v, s);
  return s;
}

TAD_JVP TAD_VJP float float_acc(float v) {
  float s = 0;
  for (int i = 0; i < 3; ++i)
    // CHECK: reference-call.cpp:[[@LINE+1]]:13: error: passing 's' by reference to parameter 's' of 'facc' (type 'float &')
    facc(v, s);
  return s;
}

// An element of an array is an lvalue too.
TAD_LINEAR(x, y) void transpose_polar(const double *x, double *y) {
  // CHECK: reference-call.cpp:[[@LINE+1]]:17: error: passing 'y[0]' by reference to parameter 'x' of 'polar' (type 'double &')
  polar(1, 0.5, y[0], y[1]);
  y[0] += x[0];
}

// A callee that writes a constant is not passive: s carried x's tangent.
TAD_IJVP void inverse_reset(double *x) {
  double s = x[0];
  // CHECK: reference-call.cpp:[[@LINE+1]]:9: error: passing 's' by reference to parameter 's' of 'reset' (type 'double &')
  reset(s);
  x[1] += s;
}

TAD_JVP double struct_ref(double m) {
  // CHECK: reference-call.cpp:[[@LINE+1]]:11: error: passing 'Global' by reference to parameter 'p' of 'setMass' (type 'Particle &')
  setMass(Global, m);
  return m;
}

TAD_JVP double pointer_ref(double *a) {
  // CHECK: reference-call.cpp:[[@LINE+1]]:9: error: passing 'a' by reference to parameter 'p' of 'shift' (type 'double *&')
  shift(a);
  return a[0];
}

// An int reference carries no derivative: accepted.
TAD_JVP double int_ref(double x, int n) {
  int i = 0;
  while (i < n) {
    x = x * x;
    next(i);
  }
  return x;
}

// A lambda capturing by reference.
TAD_JVP double lambda_ref(double x) {
  double s = 0;
  // CHECK: reference-call.cpp:[[@LINE+1]]:8: error: variable 'add' has type {{.*}}lambda{{.*}}, which tad cannot differentiate through
  auto add = [&](double v) { s += v; };
  add(x);
  return s;
}
// Callees are lowered (and rejected) after the annotated functions.
// A function returning a reference.
// CHECK: reference-call.cpp:[[@LINE+1]]:9: error: the return value of 'at' has reference type 'double &'
double &at(double *a, int i) { return a[i]; }
TAD_VJP double use_at(double *a, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += at(a, i) * a[i];
  // CHECK: reference-call.cpp:[[@LINE-1]]:10: note: 'at' is called here
  return s;
}

// CHECK: 9 errors generated.
