// The constructors tad does not follow yet are refused at the
// constructor or at its call (constructors with member initializers and
// bodies are supported: test/lit/cxx/constructors.cpp).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

struct NoDefault {
  double v;
  NoDefault(double v) : v(v) {}
};
struct Declared {
  double v;
  Declared() = default;
  Declared(double a);
};
struct Delegating {
  double v;
  Delegating() = default;
  Delegating(double a) : Delegating(a, 1) {}
  Delegating(double a, double b) : v(a * b) {}
};
struct Recursive {
  double v;
  Recursive() = default;
  Recursive(double a) : v(a) {
    if (a > 0) {
      Recursive r(a - 1);
      v += r.v;
    }
  }
};
struct Indirect {
  struct {
    double a;
  };
  Indirect() = default;
  Indirect(double x) : a(x) {}
};
struct ArrayInit {
  double v[2];
  ArrayInit() = default;
  ArrayInit(double x) : v{x, x} {}
};
struct Early {
  double v;
  Early() = default;
  Early(double a) : v(a) {
    if (a < 0)
      return;
    v *= 2;
  }
};
struct Made {
  double v;
  Made() = default;
  Made(double a) : v(a) {}
};

// CHECK: constructors.cpp:[[@LINE+1]]:37: error: parameter 'p' has type 'NoDefault', which has constructors but no default constructor; tad declares derivative structs empty first: add 'S() = default;'
TAD_JVP double no_default(NoDefault p) { return p.v; }
TAD_JVP double declared(double x) {
  // CHECK: constructors.cpp:[[@LINE+1]]:12: error: the definition of this constructor is not visible
  Declared d(x);
  return d.v;
}
TAD_JVP double delegating(double x) {
  Delegating d(x);
  return d.v;
}
// (delegating constructors are followed: test/lit/cxx/constructors.cpp)
TAD_JVP double recursive(double x) {
  Recursive r(x);
  return r.v;
}
// CHECK: constructors.cpp:[[@LINE-48]]:17: error: constructors that construct their own struct are not supported
TAD_JVP double indirect(double x) {
  Indirect i(x);
  return i.a;
}
// CHECK: constructors.cpp:[[@LINE-43]]:24: error: this constructor initializer is not supported: tad follows initializers of the struct's own members
TAD_JVP double array_init(double x) {
  ArrayInit a(x);
  return a.v[0];
}
// CHECK: constructors.cpp:[[@LINE-43]]:26: error: this member initializer is not supported: initialise array and pointer members in the constructor's body
TAD_JVP double early(double x) {
  Early e(x);
  return e.v;
}
// CHECK: constructors.cpp:[[@LINE-41]]:7: error: a 'return' in a constructor is not supported
TAD_JVP double array_local(double x) {
  // CHECK: constructors.cpp:[[@LINE+1]]:8: error: a local array of 'Made', which has default member initializers or constructors, is not supported yet
  Made ms[2];
  return ms[0].v * x;
}
// CHECK: {{[0-9]+}} errors generated.
