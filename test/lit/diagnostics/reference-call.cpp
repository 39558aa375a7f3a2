// What stays refused around references, in every mode, from tad-gen and
// the plugin alike (scalar `T &` parameters, reference locals, range-for
// by reference and functions returning a reference to an element are
// supported: test/lit/cxx/references.cpp). A struct or a pointer passed by
// reference, the same variable passed by reference twice, a
// reference argument overlapping an array argument, a call passing a
// reference where its copy could not be written back (a condition), the
// result of such a call assigned to the variable it writes, a function
// returning a reference that is more than one `return`, one returning a
// reference to a value that is not a variable or an element, an argument
// of such a function that calls a function, such calls nested more than 16
// deep, and a pointer passed by reference to an unnamed parameter.
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
double bump(double &s) {
  s += 1;
  return s;
}
void mix(double *a, double &s) { s += a[0] * a[1]; }
struct Particle {
  int id;
  double mass;
};
Particle Global;
void setMass(Particle &p, double m) { p.mass = m; }
void shift(double *&p) { ++p; }

TAD_JVP double struct_ref(double m) {
  // CHECK: reference-call.cpp:[[@LINE+1]]:11: error: global struct 'Global' is not supported yet: pass it as a parameter
  setMass(Global, m);
  return m;
}

TAD_JVP double pointer_ref(double *a) {
  // CHECK: reference-call.cpp:[[@LINE+1]]:9: error: passing 'a' by reference to parameter 'p' of 'shift' (type 'double *&') is not supported yet: tad does not follow writes through references; pass a pointer instead
  shift(a);
  return a[0];
}

TAD_JVP double twice(double r, double t) {
  double x = 0;
  // CHECK: reference-call.cpp:[[@LINE+1]]:18: error: passing 'x' by reference to 'polar' is not supported: 'x' is passed by reference twice in this statement
  polar(r, t, x, x);
  return x;
}

TAD_VJP double overlap(double *a) {
  // CHECK: reference-call.cpp:[[@LINE+1]]:10: error: passing 'a[0]' by reference to 'mix' is not supported: it overlaps another argument, and tad assumes the arrays and references a function is passed do not overlap
  mix(a, a[0]);
  return a[0];
}

TAD_JVP double in_condition(double x) {
  // CHECK: reference-call.cpp:[[@LINE+1]]:36: error: passing 'x' by reference to 'bump' is supported in a statement that is the call, an assignment, a declaration, a return or an 'if' or loop condition only, not in a 'for' loop's initializer or increment; call it in a statement of its own
  for (int k = 0; k < 3; k += bump(x) > 2)
    x *= 1.5;
  return x;
}

TAD_JVP double assign_same(double x) {
  // CHECK: reference-call.cpp:[[@LINE+1]]:5: error: assigning the result of a call to 'x', which the call also writes by reference, is not supported: use another variable
  x = bump(x) * x;
  return x;
}

double &pick(double *a, int i) {
  if (i < 0)
    return a[0];
  return a[i];
}
TAD_VJP double use_pick(double *a, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    // CHECK: reference-call.cpp:[[@LINE+1]]:10: error: call of 'pick', which returns a reference, is not supported: tad follows a function returning a reference whose body is one 'return' of a variable or an element
    s += pick(a, i) * a[i];
  return s;
}

const double &same(const double &u) {
  // CHECK: reference-call.cpp:[[@LINE+1]]:10: error: 'same' returns a reference tad cannot follow: return a variable or an array element
  return u;
}
TAD_JVP double bound_to_temporary(double x) { return same(x * 2); }

double &at(double *a, int i) { return a[i]; }
int next(int i) { return i + 1; }
TAD_JVP double call_in_argument(double *a, int i) {
  // CHECK: reference-call.cpp:[[@LINE+1]]:16: error: an argument of 'at', which returns a reference, must not call a function; compute it before
  return at(a, next(i)) * 2;
}

double &self(double &u) { return u; }
TAD_JVP double nested(double x) {
  // CHECK: reference-call.cpp:[[@LINE+2]]:57: error: calls of functions returning references nest too deeply
  return self(self(self(self(self(self(
      self(self(self(self(self(self(self(self(self(self(self(x)))))))))))))))));
}

void skip(double *&) {}
TAD_JVP double unnamed_parameter(double *a) {
  // CHECK: reference-call.cpp:[[@LINE+1]]:8: error: passing 'a' by reference to a parameter of 'skip' (type 'double *&') is not supported yet: tad does not follow writes through references; pass a pointer instead
  skip(a);
  return a[0];
}

// CHECK: 11 errors generated.
