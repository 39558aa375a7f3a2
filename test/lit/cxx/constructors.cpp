// Constructors: a constructor call is lowered where it is made, its
// parameters bound to the arguments, its member initializers (default
// member initializers included) and its body run on the struct it
// initialises. Locals (`Vec3 u(a, b, a * b);`, `Vec3 w{b, a, 1.0};`),
// temporaries (`Vec3(a).norm()`, `u + Vec3(1, 2, 3)`), a struct member
// built by its constructor, a default constructor with values, a body
// that changes a member, delegating constructors. Derivative structs start from
// `= {}` and every field is zeroed after it (the default constructor's values
// are not a tangent's). JVP against central differences, VJP against JVP by the
// dot-product identity.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: FileCheck %s --input-file %t.inc
// CHECK-LABEL: // JVP of 'f'
// CHECK: Body D = {};
// CHECK-NEXT: Body d_D = {};
// CHECK-NEXT: d_D.pos.x = 0.0;
// CHECK: d_D.mass = 0.0;
// CHECK: D.mass = 1;
#include "tad/tad.h"
#include <cmath>
struct Vec3 {
  double x, y, z;
  Vec3() = default;
  Vec3(double x, double y, double z) : x(x), y(y), z(z) {}
  explicit Vec3(double s) : x(s), y(s), z(s) {}
  double norm() const { return std::sqrt(x * x + y * y + z * z); }
};
struct Body {
  Vec3 pos;
  double mass;
  Body() : pos(0, 0, 0), mass(1) {}
  Body(const Vec3 &p, double m) : pos(p), mass(m) { mass *= 2; }
};
// Delegating constructors: a default that delegates, and one that
// delegates with a computed argument and then runs its own body.
struct Spring {
  double k, rest;
  Spring() : Spring(1.0) {}
  explicit Spring(double k) : Spring(k, 0.5 * k) { rest += 0.25; }
  Spring(double k, double rest) : k(k), rest(rest) {}
  double energy(double x) const { return 0.5 * k * (x - rest) * (x - rest); }
};
TAD_JVP TAD_VJP double springs(double a, double b) {
  Spring s(a);
  Spring u;
  Spring v(a * b, b);
  return s.energy(b) + u.energy(a) + v.energy(a + b);
}
static Vec3 operator+(const Vec3 &a, const Vec3 &b) {
  return Vec3(a.x + b.x, a.y + b.y, a.z + b.z);
}
TAD_JVP TAD_VJP double f(double a, double b) {
  Vec3 u(a, b, a * b);
  Vec3 w{b, a, 1.0};
  Body B(u + w, a);
  Body D;
  D.pos.x = b;
  return B.pos.norm() * B.mass + Vec3(a).norm() + (u + Vec3(1, 2, 3)).z +
         D.mass * D.pos.x;
}
#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  std::vector<Vec> S = {{0.3, 0.7}, {-1.2, 0.4}};
  auto F = [](const Vec &a) { return Vec{f(a[0], a[1])}; };
  auto J = [](const Vec &a, const Vec &d) {
    double r = 0;
    f_jvp(a[0], d[0], a[1], d[1], &r);
    return Vec{r};
  };
  auto V = [](const Vec &a, const Vec &y) {
    double ca = 0, cb = 0;
    f_vjp(a[0], a[1], y[0], &ca, &cb);
    return Vec{ca, cb};
  };
  tad_test::checkJvp("f", F, J, S);
  tad_test::checkVjp("f", J, V, S, 1);
  auto SF = [](const Vec &a) { return Vec{springs(a[0], a[1])}; };
  auto SJ = [](const Vec &a, const Vec &d) {
    double r = 0;
    springs_jvp(a[0], d[0], a[1], d[1], &r);
    return Vec{r};
  };
  auto SV = [](const Vec &a, const Vec &y) {
    double ca = 0, cb = 0;
    springs_vjp(a[0], a[1], y[0], &ca, &cb);
    return Vec{ca, cb};
  };
  tad_test::checkJvp("springs", SF, SJ, S);
  tad_test::checkVjp("springs", SJ, SV, S, 1);
  // The primal value the JVP returns is the compiled primal's.
  double R = 0, P = springs_jvp(0.3, 1, 0.7, 0, &R);
  ++tad_test::checks();
  if (std::fabs(P - springs(0.3, 0.7)) > 1e-14) {
    ++tad_test::failures();
    std::printf("FAIL springs: primal %.17g vs %.17g\n", P, springs(0.3, 0.7));
  }
  return tad_test::report();
}
#endif
