// Annotated functions returning a struct by value. f_jvp returns the
// primal struct and writes the result's tangent through a trailing `S
// *d_return` (its integer fields carried: they hold the primal's values);
// f_vjp takes the result's cotangent `S ct_return` by value, after the
// parameters, and returns the primal struct. Results built field by field,
// from braced lists, from operator calls, with early returns, with nested
// structs, array members, integer members, an element of an array of
// structs, a loop, an annotated member function and a call of another
// annotated function. JVP against central differences, VJP against JVP by
// the dot-product identity, with clang++, g++ and the plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// OUT-NOT: FAIL
// OUT: {{[0-9]+}} checks, 0 failed
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: FileCheck %s --input-file %t.inc
// CHECK: Vec3 rotate_z_jvp(Vec3 a, Vec3 d_a, double t, double d_t, Vec3 *d_return);
// CHECK: Vec3 rotate_z_vjp(Vec3 a, double t, Vec3 ct_return, Vec3 *ct_a, double *ct_t);
// CHECK: State leapfrog_jvp(const State &s, const State &d_s, double dt, double d_dt,
// CHECK-NEXT: State *d_return);
// CHECK: State leapfrog_vjp(const State &s, double dt, State ct_return, State *ct_s,
// CHECK: d_return->x = d_r.x;
#include "tad/tad.h"
#include <cmath>

struct Vec3 {
  double x, y, z;
};
inline Vec3 operator+(Vec3 a, Vec3 b) {
  return {a.x + b.x, a.y + b.y, a.z + b.z};
}
inline Vec3 operator-(Vec3 a, Vec3 b) {
  return {a.x - b.x, a.y - b.y, a.z - b.z};
}
inline Vec3 operator*(double s, Vec3 a) { return {s * a.x, s * a.y, s * a.z}; }
inline double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

struct State {
  Vec3 p, v;
  int steps;
};
struct Quat {
  double w, x, y, z;
};
struct Poly {
  double c[3];
  int degree;
};
struct Body {
  double m;
  Vec3 p;
};

// Field by field.
TAD_JVP TAD_VJP Vec3 rotate_z(Vec3 a, double t) {
  Vec3 r;
  r.x = std::cos(t) * a.x - std::sin(t) * a.y;
  r.y = std::sin(t) * a.x + std::cos(t) * a.y;
  r.z = a.z;
  return r;
}

// Nested structs, an integer member, operators returning structs.
TAD_JVP TAD_VJP State leapfrog(const State &s, double dt) {
  State n = s;
  Vec3 g{0.0, 0.0, -9.81};
  Vec3 acc = g - (1.0 + dot(s.p, s.p)) * s.p;
  n.v = s.v + dt * acc;
  n.p = s.p + dt * n.v;
  n.steps = s.steps + 1;
  return n;
}

// A braced result.
TAD_JVP TAD_VJP Quat qmul(const Quat &a, const Quat &b) {
  return {a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
          a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
          a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
          a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w};
}

// An operator call as the result; an early return.
TAD_JVP TAD_VJP Vec3 clip(Vec3 p, double r) {
  double n = std::sqrt(dot(p, p));
  if (n < r)
    return p;
  return (r / n) * p;
}

// An early return inside a loop; a parameter returned.
TAD_JVP TAD_VJP Vec3 march(Vec3 p, const Vec3 &v, double r) {
  for (int i = 0; i < 20; ++i) {
    p = p + 0.1 * v;
    if (dot(p, p) > r * r)
      return p;
  }
  return v;
}

// A call passing an array in the condition of an if (inlined before it).
inline double total(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i];
  return s;
}
TAD_JVP TAD_VJP double gated(const double *x) {
  double y = x[2];
  Vec3 u{x[0], x[1], x[2]}, one{1, 1, 1};
  if (total(x, 2) > 0 && dot(u, one) > 0.5)
    y = x[0] * x[1];
  return y;
}

// An array member and an integer member.
TAD_JVP TAD_VJP Poly fit(double a, double b) {
  Poly q;
  q.degree = 2;
  for (int k = 0; k < 3; ++k)
    q.c[k] = std::exp(-a * k) * b;
  return q;
}

// A loop over an array of structs.
TAD_JVP TAD_VJP Vec3 centre_of_mass(const Body *b, int n) {
  Vec3 c{0, 0, 0};
  double m = 0;
  for (int i = 0; i < n; ++i) {
    c = c + b[i].m * b[i].p;
    m += b[i].m;
  }
  return (1.0 / m) * c;
}

// An element of an array of structs.
TAD_JVP TAD_VJP Body heaviest(const Body *b, int n) {
  int k = 0;
  for (int i = 1; i < n; ++i)
    if (b[i].m > b[k].m)
      k = i;
  return b[k];
}

// An annotated member function; a call of another annotated function.
struct Particle {
  Vec3 p;
  double spin;
  TAD_JVP TAD_VJP Vec3 turned(double dt) const {
    return rotate_z(p, spin * dt);
  }
};

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

static Vec3 v3(const Vec &a, size_t k) { return {a[k], a[k + 1], a[k + 2]}; }
static Vec flat(Vec3 a) { return {a.x, a.y, a.z}; }
static Vec flat(Quat q) { return {q.w, q.x, q.y, q.z}; }
static State state(const Vec &a) { return {v3(a, 0), v3(a, 3), 7}; }
static Vec flat(const State &s) {
  return {s.p.x, s.p.y, s.p.z, s.v.x, s.v.y, s.v.z};
}
static void bodies(const Vec &a, Body *b) {
  for (int i = 0; i < 3; ++i)
    b[i] = {a[4 * i], v3(a, 4 * i + 1)};
}
static Vec flat(const Body *b) {
  Vec o;
  for (int i = 0; i < 3; ++i)
    for (double v : {b[i].m, b[i].p.x, b[i].p.y, b[i].p.z})
      o.push_back(v);
  return o;
}

int main() {
  { // rotate_z: (a, t) -> Vec3
    std::vector<Vec> S = {{1.0, 2.0, 0.5, 0.3}, {-0.7, 0.4, 1.1, 2.2}};
    auto F = [](const Vec &a) { return flat(rotate_z(v3(a, 0), a[3])); };
    auto J = [&](const Vec &a, const Vec &d) {
      Vec3 dr{9, 9, 9};
      Vec3 r = rotate_z_jvp(v3(a, 0), v3(d, 0), a[3], d[3], &dr);
      tad_test::expectNear("rotate_z_jvp primal", r.x, F(a)[0], 1e-15);
      return flat(dr);
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Vec3 ca{0, 0, 0};
      double ct = 0;
      Vec3 r = rotate_z_vjp(v3(a, 0), a[3], v3(yb, 0), &ca, &ct);
      tad_test::expectNear("rotate_z_vjp primal", r.y, F(a)[1], 1e-15);
      return Vec{ca.x, ca.y, ca.z, ct};
    };
    tad_test::checkJvp("rotate_z", F, J, S);
    tad_test::checkVjp("rotate_z", J, V, S, 3);
  }
  { // leapfrog: (p, v, dt) -> (p, v); steps carried
    std::vector<Vec> S = {{0.1, 0.2, 0.3, 1.0, -0.5, 0.2, 0.05},
                          {-0.4, 0.6, 0.1, 0.0, 0.3, -1.0, 0.1}};
    auto F = [](const Vec &a) { return flat(leapfrog(state(a), a[6])); };
    auto J = [&](const Vec &a, const Vec &d) {
      State ds = state(d), dn{};
      State n = leapfrog_jvp(state(a), ds, a[6], d[6], &dn);
      tad_test::expectNear("leapfrog_jvp steps", n.steps, 8, 0);
      tad_test::expectNear("leapfrog_jvp d_return steps", dn.steps, 8, 0);
      return flat(dn);
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      State ct = state(yb), cs{};
      double cdt = 0;
      State n = leapfrog_vjp(state(a), a[6], ct, &cs, &cdt);
      tad_test::expectNear("leapfrog_vjp primal", n.p.z, F(a)[2], 1e-15);
      Vec o = flat(cs);
      o.push_back(cdt);
      return o;
    };
    tad_test::checkJvp("leapfrog", F, J, S);
    tad_test::checkVjp("leapfrog", J, V, S, 6);
  }
  { // qmul: (a, b) -> Quat
    std::vector<Vec> S = {{0.9, 0.1, -0.3, 0.2, 0.5, 0.5, -0.5, 0.1},
                          {0.2, -0.8, 0.4, 0.3, 0.7, 0.0, 0.6, -0.2}};
    auto Q = [](const Vec &a, size_t k) {
      return Quat{a[k], a[k + 1], a[k + 2], a[k + 3]};
    };
    auto F = [&](const Vec &a) { return flat(qmul(Q(a, 0), Q(a, 4))); };
    auto J = [&](const Vec &a, const Vec &d) {
      Quat dq{};
      qmul_jvp(Q(a, 0), Q(d, 0), Q(a, 4), Q(d, 4), &dq);
      return flat(dq);
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Quat ca{}, cb{};
      qmul_vjp(Q(a, 0), Q(a, 4), Q(yb, 0), &ca, &cb);
      Vec o = flat(ca), ob = flat(cb);
      o.insert(o.end(), ob.begin(), ob.end());
      return o;
    };
    tad_test::checkJvp("qmul", F, J, S);
    tad_test::checkVjp("qmul", J, V, S, 4);
  }
  { // clip: both branches
    std::vector<Vec> S = {{0.3, 0.2, -0.1, 1.0}, {1.5, -2.0, 0.7, 1.0}};
    auto F = [](const Vec &a) { return flat(clip(v3(a, 0), a[3])); };
    auto J = [&](const Vec &a, const Vec &d) {
      Vec3 dr{};
      clip_jvp(v3(a, 0), v3(d, 0), a[3], d[3], &dr);
      return flat(dr);
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Vec3 cp{};
      double cr = 0;
      Vec3 r = clip_vjp(v3(a, 0), a[3], v3(yb, 0), &cp, &cr);
      tad_test::expectNear("clip_vjp primal", r.x, F(a)[0], 1e-15);
      return Vec{cp.x, cp.y, cp.z, cr};
    };
    tad_test::checkJvp("clip", F, J, S);
    tad_test::checkVjp("clip", J, V, S, 3);
  }
  { // march: leaves the ball at the 9th step, or never
    std::vector<Vec> S = {{0, 0, 0, 1.0, 0.5, 0.2, 1.0},
                          {0.1, -0.1, 0, 0.1, 0.2, 0.1, 2.0}};
    auto F = [](const Vec &a) { return flat(march(v3(a, 0), v3(a, 3), a[6])); };
    auto J = [](const Vec &a, const Vec &d) {
      Vec3 dr{};
      march_jvp(v3(a, 0), v3(d, 0), v3(a, 3), v3(d, 3), a[6], d[6], &dr);
      return flat(dr);
    };
    auto V = [](const Vec &a, const Vec &yb) {
      Vec3 cp{}, cv{};
      double cr = 0;
      march_vjp(v3(a, 0), v3(a, 3), a[6], v3(yb, 0), &cp, &cv, &cr);
      return Vec{cp.x, cp.y, cp.z, cv.x, cv.y, cv.z, cr};
    };
    tad_test::checkJvp("march", F, J, S);
    tad_test::checkVjp("march", J, V, S, 3);
  }
  { // gated: both branches
    std::vector<Vec> S = {{0.5, 0.7, 0.2}, {-0.5, 0.1, 0.3}, {0.2, 0.1, -0.8}};
    auto F = [](const Vec &a) { return Vec{gated(a.data())}; };
    auto J = [](const Vec &a, const Vec &d) {
      double dy = 0;
      gated_jvp(a.data(), d.data(), &dy);
      return Vec{dy};
    };
    auto V = [](const Vec &a, const Vec &yb) {
      Vec cx(3, 0.0);
      gated_vjp(a.data(), yb[0], cx.data());
      return cx;
    };
    tad_test::checkJvp("gated", F, J, S);
    tad_test::checkVjp("gated", J, V, S, 1);
  }
  { // fit: an array member
    std::vector<Vec> S = {{0.3, 2.0}, {-0.5, 0.7}};
    auto F = [](const Vec &a) {
      Poly q = fit(a[0], a[1]);
      return Vec{q.c[0], q.c[1], q.c[2]};
    };
    auto J = [](const Vec &a, const Vec &d) {
      Poly dq{};
      Poly q = fit_jvp(a[0], d[0], a[1], d[1], &dq);
      tad_test::expectNear("fit_jvp degree", q.degree + dq.degree, 4, 0);
      return Vec{dq.c[0], dq.c[1], dq.c[2]};
    };
    auto V = [](const Vec &a, const Vec &yb) {
      double ca = 0, cb = 0;
      Poly ct{{yb[0], yb[1], yb[2]}, 0};
      fit_vjp(a[0], a[1], ct, &ca, &cb);
      return Vec{ca, cb};
    };
    tad_test::checkJvp("fit", F, J, S);
    tad_test::checkVjp("fit", J, V, S, 3);
  }
  { // centre_of_mass and heaviest over three bodies
    std::vector<Vec> S = {
        {1.0, 0.1, 0.2, 0.3, 2.5, -1.0, 0.5, 0.0, 0.7, 0.4, 0.4, -0.9},
        {0.3, 1.1, -0.2, 0.8, 0.9, 0.6, 0.1, -0.3, 1.4, -1.0, 2.0, 0.5}};
    auto F = [](const Vec &a) {
      Body b[3];
      bodies(a, b);
      return flat(centre_of_mass(b, 3));
    };
    auto J = [](const Vec &a, const Vec &d) {
      Body b[3], db[3];
      bodies(a, b);
      bodies(d, db);
      Vec3 dc{};
      centre_of_mass_jvp(b, db, 3, &dc);
      return flat(dc);
    };
    auto V = [](const Vec &a, const Vec &yb) {
      Body b[3], cb[3] = {};
      bodies(a, b);
      centre_of_mass_vjp(b, 3, v3(yb, 0), cb);
      return flat(cb);
    };
    tad_test::checkJvp("centre_of_mass", F, J, S);
    tad_test::checkVjp("centre_of_mass", J, V, S, 3);
    auto FH = [](const Vec &a) {
      Body b[3];
      bodies(a, b);
      Body h = heaviest(b, 3);
      return Vec{h.m, h.p.x, h.p.y, h.p.z};
    };
    auto JH = [](const Vec &a, const Vec &d) {
      Body b[3], db[3], dh{};
      bodies(a, b);
      bodies(d, db);
      heaviest_jvp(b, db, 3, &dh);
      return Vec{dh.m, dh.p.x, dh.p.y, dh.p.z};
    };
    auto VH = [](const Vec &a, const Vec &yb) {
      Body b[3], cb[3] = {};
      bodies(a, b);
      heaviest_vjp(b, 3, Body{yb[0], v3(yb, 1)}, cb);
      return flat(cb);
    };
    tad_test::checkJvp("heaviest", FH, JH, S);
    tad_test::checkVjp("heaviest", JH, VH, S, 4);
  }
  { // Particle::turned: (p, spin, dt) -> Vec3
    std::vector<Vec> S = {{1.0, 0.5, -0.2, 2.0, 0.1},
                          {0.3, -1.2, 0.8, -0.5, 0.4}};
    auto P = [](const Vec &a) { return Particle{v3(a, 0), a[3]}; };
    auto F = [&](const Vec &a) { return flat(P(a).turned(a[4])); };
    auto J = [&](const Vec &a, const Vec &d) {
      Vec3 dr{};
      turned_jvp(P(a), P(d), a[4], d[4], &dr);
      return flat(dr);
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Particle cp{{0, 0, 0}, 0};
      double cdt = 0;
      turned_vjp(P(a), a[4], v3(yb, 0), &cp, &cdt);
      return Vec{cp.p.x, cp.p.y, cp.p.z, cp.spin, cdt};
    };
    tad_test::checkJvp("Particle::turned", F, J, S);
    tad_test::checkVjp("Particle::turned", J, V, S, 3);
  }
  return tad_test::report();
}
#endif
