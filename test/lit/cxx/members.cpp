// Annotated member functions: their derivatives are free functions beside
// the class, taking the object first as `self` (a const member's by const
// reference, with a tangent `const S &d_self` and a cotangent `S
// *ct_self`; a non-const member's by reference, in-out, with `S &d_self`
// and `S &ct_self`), overloaded on the object's type; a static member's
// are free functions too. Defined in the class or out of line, in a
// namespace. JVP against central differences, VJP against JVP by the
// dot-product identity, gradients against differences, with clang++, g++
// and the plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: FileCheck %s --input-file %t.inc
// CHECK: double energy_jvp(const phys::Spring &self, const phys::Spring &d_self,
// CHECK: double energy_vjp(const phys::Spring &self, double x, double ct_return,
// CHECK-NEXT: phys::Spring *ct_self, double *ct_x);
// CHECK: void relax_jvp(phys::Spring &self, phys::Spring &d_self, double x, double d_x,
// CHECK: double unit_jvp(double x, double d_x, double *d_return);
// CHECK: double energy_jvp(const phys::Pendulum &self, const phys::Pendulum &d_self,
#include "tad/tad.h"
#include <cmath>

namespace phys {
struct Spring {
  double k, rest;
  TAD_JVP TAD_VJP double energy(double x) const {
    double d = x - rest;
    return 0.5 * k * d * d;
  }
  // In place: the spring relaxes towards x and stiffens.
  TAD_JVP TAD_VJP void relax(double x, double rate) {
    rest += rate * (x - rest);
    k *= 1 + rate * std::sin(x);
  }
  TAD_JVP static double unit(double x);
};
double Spring::unit(double x) { return 0.5 * x * x; }

// Another class with a member of the same name: overloads.
struct Pendulum {
  double m, l, g;
  TAD_JVP TAD_VJP double energy(double theta) const;
};
double Pendulum::energy(double theta) const {
  return m * g * l * (1 - std::cos(theta));
}
} // namespace phys

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using phys::Pendulum;
using phys::Spring;
using tad_test::Vec;

int main() {
  std::vector<Vec> S = {{2.0, 0.5, 1.3}, {0.7, -0.2, -0.4}};
  { // Spring::energy: (k, rest, x) -> e
    auto F = [](const Vec &a) { return Vec{Spring{a[0], a[1]}.energy(a[2])}; };
    auto J = [](const Vec &a, const Vec &d) {
      double de = 0;
      energy_jvp(Spring{a[0], a[1]}, Spring{d[0], d[1]}, a[2], d[2], &de);
      return Vec{de};
    };
    auto V = [](const Vec &a, const Vec &yb) {
      Spring cs{0, 0};
      double cx = 0;
      energy_vjp(Spring{a[0], a[1]}, a[2], yb[0], &cs, &cx);
      return Vec{cs.k, cs.rest, cx};
    };
    tad_test::checkJvp("Spring::energy", F, J, S);
    tad_test::checkVjp("Spring::energy", J, V, S, 1);
    auto G = [](const Vec &a) {
      Spring cs{0, 0};
      double cx = 0;
      energy_grad(Spring{a[0], a[1]}, a[2], &cs, &cx);
      return Vec{cs.k, cs.rest, cx};
    };
    tad_test::checkGradient("Spring::energy", F, G, S);
  }
  { // Spring::relax: (k, rest, x, rate) -> (k, rest)
    std::vector<Vec> S4 = {{2.0, 0.5, 1.3, 0.1}, {0.7, -0.2, -0.4, 0.3}};
    auto F = [](const Vec &a) {
      Spring s{a[0], a[1]};
      s.relax(a[2], a[3]);
      return Vec{s.k, s.rest};
    };
    auto J = [](const Vec &a, const Vec &d) {
      Spring s{a[0], a[1]}, ds{d[0], d[1]};
      relax_jvp(s, ds, a[2], d[2], a[3], d[3]);
      return Vec{ds.k, ds.rest};
    };
    auto V = [](const Vec &a, const Vec &yb) {
      Spring s{a[0], a[1]}, cs{yb[0], yb[1]};
      double cx = 0, cr = 0;
      relax_vjp(s, a[2], a[3], cs, &cx, &cr);
      return Vec{cs.k, cs.rest, cx, cr};
    };
    tad_test::checkJvp("Spring::relax", F, J, S4);
    tad_test::checkVjp("Spring::relax", J, V, S4, 2);
  }
  { // Pendulum::energy and Spring::unit
    std::vector<Vec> S4 = {{1.5, 0.8, 9.81, 0.4}, {0.5, 1.2, 3.0, -1.1}};
    auto F = [](const Vec &a) {
      return Vec{Pendulum{a[0], a[1], a[2]}.energy(a[3])};
    };
    auto J = [](const Vec &a, const Vec &d) {
      double de = 0;
      energy_jvp(Pendulum{a[0], a[1], a[2]}, Pendulum{d[0], d[1], d[2]}, a[3],
                 d[3], &de);
      return Vec{de};
    };
    auto V = [](const Vec &a, const Vec &yb) {
      Pendulum cp{0, 0, 0};
      double ct = 0;
      energy_vjp(Pendulum{a[0], a[1], a[2]}, a[3], yb[0], &cp, &ct);
      return Vec{cp.m, cp.l, cp.g, ct};
    };
    tad_test::checkJvp("Pendulum::energy", F, J, S4);
    tad_test::checkVjp("Pendulum::energy", J, V, S4, 1);
    double du = 0;
    phys::unit_jvp(3.0, 1.0, &du);
    tad_test::expectNear("Spring::unit", du, 3.0, 1e-15);
  }
  return tad_test::report();
}
#endif
