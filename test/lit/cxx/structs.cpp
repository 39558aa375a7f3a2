// Structs of plain data: the tangent and the cotangent of a struct are
// structs of the same type, field for field (integer fields carried, not
// differentiated). A struct parameter by value or by const reference has
// a tangent of the same kind and a cotangent `S *ct_s`; one by reference
// (in-out) or by pointer (an array of structs) has a tangent and a
// cotangent of the same kind. Written as simulation and graphics code is:
// particles in an array of structs, a mass-spring chain, a quaternion
// rotation through helpers that take structs by const reference, a camera
// of nested structs, a state with an array member, brace initialisation,
// default member initialisers, copies and assignments, a local array of
// structs.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: FileCheck %s --input-file %t.inc
// CHECK: double kinetic_jvp(const Particle *ps, const Particle *d_ps, int n,
// CHECK-NEXT: double *d_return);
// CHECK-NEXT: double kinetic_vjp(const Particle *ps, int n, double ct_return,
// CHECK-NEXT: Particle *ct_ps);
// CHECK: double rotated_z_jvp(const Quat &q, const Quat &d_q, const Vec3 &v,
// CHECK-NEXT: const Vec3 &d_v, double *d_return);
// CHECK-NEXT: double rotated_z_vjp(const Quat &q, const Vec3 &v, double ct_return, Quat *ct_q,
// CHECK-NEXT: Vec3 *ct_v);
// CHECK: void advance_jvp(State &s, State &d_s, double dt, double d_dt);
// CHECK-NEXT: void advance_vjp(State &s, double dt, State &ct_s, double *ct_dt);
// CHECK-NEXT: double energy_jvp(State s, State d_s, double k, double d_k, double *d_return);
// CHECK-LABEL: // JVP of 'kinetic'
// CHECK: d_e += 0.5 * d_ps[q_at].mass * _c0 + 0.5 * ps[q_at].mass * d__c0;
// CHECK-LABEL: // VJP of 'rotated_z'
// CHECK: ct_q->w += ct_q_w;
// CHECK-LABEL: // JVP of 'energy'
// CHECK: d_e += (d_k * s.q[i] + k * d_s.q[i]) * s.q[i] + k * s.q[i] * d_s.q[i];
#include "tad/tad.h"
#include <cmath>

struct Vec3 {
  double x, y, z;
};
struct Particle {
  Vec3 pos, vel;
  double mass = 1.0;
  int id;
};
struct Quat {
  double w, x, y, z;
};
struct Camera {
  Vec3 eye;
  struct {
    double fov, aspect;
  } lens;
};
struct State {
  double q[3];
  double t;
  int steps;
};

static double dot(const Vec3 &a, const Vec3 &b) {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}
static void axpy(double a, const Vec3 &x, Vec3 &y) {
  y.x += a * x.x;
  y.y += a * x.y;
  y.z += a * x.z;
}
static double norm2(Vec3 v) { // by value: a copy the callee may change
  v.x *= v.x;
  return v.x + v.y * v.y + v.z * v.z;
}

// Kinetic energy of an array of particles; a const reference to an element.
TAD_JVP TAD_VJP double kinetic(const Particle *ps, int n) {
  double e = 0;
  for (int i = 0; i < n; ++i) {
    const Particle &q = ps[i];
    e += 0.5 * q.mass * dot(q.vel, q.vel);
  }
  return e;
}

// One explicit step, in place, through a helper writing a struct by
// reference; the integer id is carried.
TAD_JVP TAD_VJP void drift(Particle *ps, int n, double dt, double g) {
  for (int i = 0; i < n; ++i) {
    axpy(dt, ps[i].vel, ps[i].pos);
    ps[i].vel.z -= dt * g * ps[i].mass;
    ps[i].id += 1;
  }
}

// A mass-spring chain: the springs pull neighbours together; a struct
// local copied from an element, and assigned back.
TAD_JVP TAD_VJP double springs(Particle *ps, int n, double k) {
  double u = 0;
  for (int i = 0; i + 1 < n; ++i) {
    Vec3 d = ps[i + 1].pos;
    d.x -= ps[i].pos.x;
    d.y -= ps[i].pos.y;
    d.z -= ps[i].pos.z;
    double r2 = norm2(d);
    u += 0.5 * k * r2;
    Particle p = ps[i];
    axpy(0.01 * k, d, p.vel);
    ps[i] = p;
  }
  return u;
}

// The z component of q v q* for a unit quaternion q.
TAD_JVP TAD_VJP double rotated_z(const Quat &q, const Vec3 &v) {
  Vec3 u = {q.x, q.y, q.z};
  Vec3 t{2 * (u.y * v.z - u.z * v.y), 2 * (u.z * v.x - u.x * v.z),
         2 * (u.x * v.y - u.y * v.x)};
  return v.z + q.w * t.z + (u.x * t.y - u.y * t.x);
}

// Nested structs, one of them anonymous, read through a reference.
TAD_JVP TAD_VJP double project(const Camera &c, const Vec3 *pts, int n,
                               double *xs) {
  double f = 1.0 / std::tan(0.5 * c.lens.fov);
  double s = 0;
  for (int i = 0; i < n; ++i) {
    Vec3 p = pts[i];
    p.x -= c.eye.x;
    p.y -= c.eye.y;
    p.z -= c.eye.z;
    xs[i] = f * p.x / (c.lens.aspect * p.z);
    s += xs[i] * xs[i];
  }
  return s;
}

// A state with an array member, advanced in place; a local copy of it and
// a local array of structs.
TAD_JVP TAD_VJP void advance(State &s, double dt) {
  State old = s;
  Vec3 w[2] = {};
  w[0].x = old.q[0] * old.q[1];
  w[1].x = std::sin(old.q[2]);
  s.q[0] += dt * w[1].x;
  s.q[1] -= dt * w[0].x;
  s.q[2] += dt * old.q[0];
  s.t += dt;
  s.steps += 1;
}

// A by-value struct parameter with an array member.
TAD_JVP TAD_VJP double energy(State s, double k) {
  double e = 0;
  for (int i = 0; i < 3; ++i)
    e += k * s.q[i] * s.q[i];
  return e + s.t;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

// Particles from and to flat vectors: pos, vel, mass per particle.
static void unpack(const Vec &a, Particle *ps, int n) {
  for (int i = 0; i < n; ++i) {
    const double *p = a.data() + 7 * i;
    ps[i] = Particle{{p[0], p[1], p[2]}, {p[3], p[4], p[5]}, p[6], 100 + i};
  }
}
static Vec pack(const Particle *ps, int n) {
  Vec a;
  for (int i = 0; i < n; ++i)
    a.insert(a.end(), {ps[i].pos.x, ps[i].pos.y, ps[i].pos.z, ps[i].vel.x,
                       ps[i].vel.y, ps[i].vel.z, ps[i].mass});
  return a;
}

int main() {
  const int n = 3;
  std::vector<Vec> S7 = {tad_test::randomVec(7 * n, 1),
                         tad_test::randomVec(7 * n, 2)};
  for (Vec &s : S7)
    for (int i = 0; i < n; ++i)
      s[7 * i + 6] = 1.0 + 0.5 * std::fabs(s[7 * i + 6]); // masses > 0

  { // kinetic: (ps) -> e
    auto F = [&](const Vec &a) {
      Particle ps[n];
      unpack(a, ps, n);
      return Vec{kinetic(ps, n)};
    };
    auto J = [&](const Vec &a, const Vec &d) {
      Particle ps[n], dps[n];
      unpack(a, ps, n);
      unpack(d, dps, n);
      double de = 0;
      kinetic_jvp(ps, dps, n, &de);
      return Vec{de};
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Particle ps[n], cps[n];
      unpack(a, ps, n);
      unpack(Vec(7 * n, 0.0), cps, n);
      kinetic_vjp(ps, n, yb[0], cps);
      return pack(cps, n);
    };
    tad_test::checkJvp("kinetic", F, J, S7);
    tad_test::checkVjp("kinetic", J, V, S7, 1);
  }
  { // drift: (ps, dt) -> ps; ids carried
    auto F = [&](const Vec &a) {
      Particle ps[n];
      unpack(a, ps, n);
      drift(ps, n, a[7 * n], 9.81);
      return pack(ps, n);
    };
    auto J = [&](const Vec &a, const Vec &d) {
      Particle ps[n], dps[n];
      unpack(a, ps, n);
      unpack(d, dps, n);
      drift_jvp(ps, dps, n, a[7 * n], d[7 * n], 9.81, 0.0);
      tad_test::expectNear("drift id", ps[1].id, 102, 0);
      return pack(dps, n);
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Particle ps[n], cps[n];
      unpack(a, ps, n);
      unpack(yb, cps, n);
      double cdt = 0, cg = 0;
      drift_vjp(ps, n, a[7 * n], 9.81, cps, &cdt, &cg);
      Vec r = pack(cps, n);
      r.push_back(cdt);
      return r;
    };
    std::vector<Vec> Ss;
    for (Vec s : S7) {
      s.push_back(0.1);
      Ss.push_back(s);
    }
    tad_test::checkJvp("drift", F, J, Ss);
    tad_test::checkVjp("drift", J, V, Ss, 7 * n);
  }
  { // springs: (ps, k) -> (u, ps)
    auto F = [&](const Vec &a) {
      Particle ps[n];
      unpack(a, ps, n);
      Vec r{springs(ps, n, a[7 * n])};
      Vec p = pack(ps, n);
      r.insert(r.end(), p.begin(), p.end());
      return r;
    };
    auto J = [&](const Vec &a, const Vec &d) {
      Particle ps[n], dps[n];
      unpack(a, ps, n);
      unpack(d, dps, n);
      double du = 0;
      springs_jvp(ps, dps, n, a[7 * n], d[7 * n], &du);
      Vec r{du};
      Vec p = pack(dps, n);
      r.insert(r.end(), p.begin(), p.end());
      return r;
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Particle ps[n], cps[n];
      unpack(a, ps, n);
      unpack(Vec(yb.begin() + 1, yb.end()), cps, n);
      double ck = 0;
      springs_vjp(ps, n, a[7 * n], yb[0], cps, &ck);
      Vec r = pack(cps, n);
      r.push_back(ck);
      return r;
    };
    std::vector<Vec> Ss;
    for (Vec s : S7) {
      s.push_back(2.5);
      Ss.push_back(s);
    }
    tad_test::checkJvp("springs", F, J, Ss);
    tad_test::checkVjp("springs", J, V, Ss, 1 + 7 * n);
  }
  { // rotated_z: (q, v) -> z
    auto F = [&](const Vec &a) {
      return Vec{rotated_z({a[0], a[1], a[2], a[3]}, {a[4], a[5], a[6]})};
    };
    auto J = [&](const Vec &a, const Vec &d) {
      double dz = 0;
      rotated_z_jvp({a[0], a[1], a[2], a[3]}, {d[0], d[1], d[2], d[3]},
                    {a[4], a[5], a[6]}, {d[4], d[5], d[6]}, &dz);
      return Vec{dz};
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Quat cq{0, 0, 0, 0};
      Vec3 cv{0, 0, 0};
      rotated_z_vjp({a[0], a[1], a[2], a[3]}, {a[4], a[5], a[6]}, yb[0], &cq,
                    &cv);
      return Vec{cq.w, cq.x, cq.y, cq.z, cv.x, cv.y, cv.z};
    };
    std::vector<Vec> Ss = {tad_test::randomVec(7, 3),
                           tad_test::randomVec(7, 4)};
    tad_test::checkJvp("rotated_z", F, J, Ss);
    tad_test::checkVjp("rotated_z", J, V, Ss, 1);
    // q = (cos t/2, sin t/2 (1, 0, 0)) turns (0, 1, 0) to (0, cos t, sin t).
    double t = 0.7;
    tad_test::expectNear(
        "rotated_z value",
        rotated_z({std::cos(t / 2), std::sin(t / 2), 0, 0}, {0, 1, 0}),
        std::sin(t), 1e-12);
  }
  { // project: (eye, fov, aspect, pts) -> (s, xs)
    const int m = 2;
    auto Cam = [](const Vec &a) {
      Camera c;
      c.eye = {a[0], a[1], a[2]};
      c.lens.fov = a[3];
      c.lens.aspect = a[4];
      return c;
    };
    auto Pts = [](const Vec &a, Vec3 *p) {
      for (int i = 0; i < m; ++i)
        p[i] = {a[5 + 3 * i], a[6 + 3 * i], a[7 + 3 * i]};
    };
    auto F = [&](const Vec &a) {
      Vec3 p[m];
      Pts(a, p);
      double xs[m];
      Vec r{project(Cam(a), p, m, xs)};
      r.insert(r.end(), xs, xs + m);
      return r;
    };
    auto J = [&](const Vec &a, const Vec &d) {
      Vec3 p[m], dp[m];
      Pts(a, p);
      Pts(d, dp);
      double xs[m], dxs[m] = {0, 0}, ds = 0;
      project_jvp(Cam(a), Cam(d), p, dp, m, xs, dxs, &ds);
      Vec r{ds};
      r.insert(r.end(), dxs, dxs + m);
      return r;
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Vec3 p[m], cp[m] = {};
      Pts(a, p);
      double xs[m], cxs[m] = {yb[1], yb[2]};
      Camera cc{};
      project_vjp(Cam(a), p, m, xs, yb[0], &cc, cp, cxs);
      Vec r{cc.eye.x, cc.eye.y, cc.eye.z, cc.lens.fov, cc.lens.aspect};
      for (int i = 0; i < m; ++i)
        r.insert(r.end(), {cp[i].x, cp[i].y, cp[i].z});
      return r;
    };
    std::vector<Vec> Ss = {
        {0.1, -0.2, 0.3, 1.1, 1.5, 0.5, 0.2, 4.0, -0.4, 0.6, 5.0},
        {-0.3, 0.2, -0.1, 0.9, 1.2, 0.1, -0.7, 3.0, 0.8, 0.3, 6.0}};
    tad_test::checkJvp("project", F, J, Ss);
    tad_test::checkVjp("project", J, V, Ss, 1 + m);
  }
  { // advance: (q, t, dt) -> (q, t); steps carried
    auto F = [&](const Vec &a) {
      State s{{a[0], a[1], a[2]}, a[3], 0};
      advance(s, a[4]);
      return Vec{s.q[0], s.q[1], s.q[2], s.t};
    };
    auto J = [&](const Vec &a, const Vec &d) {
      State s{{a[0], a[1], a[2]}, a[3], 0}, ds{{d[0], d[1], d[2]}, d[3], 0};
      advance_jvp(s, ds, a[4], d[4]);
      tad_test::expectNear("advance steps", s.steps, 1, 0);
      return Vec{ds.q[0], ds.q[1], ds.q[2], ds.t};
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      State s{{a[0], a[1], a[2]}, a[3], 0}, cs{{yb[0], yb[1], yb[2]}, yb[3], 0};
      double cdt = 0;
      advance_vjp(s, a[4], cs, &cdt);
      return Vec{cs.q[0], cs.q[1], cs.q[2], cs.t, cdt};
    };
    std::vector<Vec> Ss = {{0.3, -0.5, 0.8, 0.0, 0.1},
                           {1.2, 0.4, -0.6, 2.0, 0.05}};
    tad_test::checkJvp("advance", F, J, Ss);
    tad_test::checkVjp("advance", J, V, Ss, 4);
  }
  { // energy: (q, t, k) -> e
    auto F = [&](const Vec &a) {
      return Vec{energy(State{{a[0], a[1], a[2]}, a[3], 7}, a[4])};
    };
    auto J = [&](const Vec &a, const Vec &d) {
      double de = 0;
      energy_jvp(State{{a[0], a[1], a[2]}, a[3], 7},
                 State{{d[0], d[1], d[2]}, d[3], 0}, a[4], d[4], &de);
      return Vec{de};
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      State cs{};
      double ck = 0;
      energy_vjp(State{{a[0], a[1], a[2]}, a[3], 7}, a[4], yb[0], &cs, &ck);
      return Vec{cs.q[0], cs.q[1], cs.q[2], cs.t, ck};
    };
    std::vector<Vec> Ss = {tad_test::randomVec(5, 5),
                           tad_test::randomVec(5, 6)};
    tad_test::checkJvp("energy", F, J, Ss);
    tad_test::checkVjp("energy", J, V, Ss, 1);
  }
  return tad_test::report();
}
#endif
