// A rigid-body step (issue 14's corpus), written as a physics or graphics
// engineer writes it: a `Vec3` with operators, a `Quaternion` with member
// functions (`norm()`, `normalized()`, `conjugate()`, `operator*`,
// `rotate(const Vec3 &)`, a static `from_rotation_vector`), a `Body` of
// nested structs advanced in place through `Body &` (semi-implicit Euler
// for the linear part, Euler's equations in the body frame with a
// diagonal inertia, the orientation integrated by the exponential map and
// renormalised), a drag lambda, a world of bodies stepped several times,
// `const Body &b = bodies[i];` in the energy, and an annotated const
// member. Checked: JVP against central differences, VJP against JVP by
// the dot-product identity, gradients against differences; clang++, g++,
// the plugin, and clang++ with ASan and UBSan.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: FileCheck %s --input-file %t.inc
// CHECK: double kinetic_energy_vjp(const Body &self, double ct_return, Body *ct_self);
// CHECK-NEXT: void step_jvp(Body &b, Body &d_b, const Vec3 &force, const Vec3 &d_force,
// CHECK-NEXT: const Vec3 &torque, const Vec3 &d_torque, double dt, double d_dt);
// CHECK-NEXT: void step_vjp(Body &b, const Vec3 &force, const Vec3 &torque, double dt,
// CHECK-NEXT: Body &ct_b, Vec3 *ct_force, Vec3 *ct_torque, double *ct_dt);
#include "tad/tad.h"
#include <cmath>

struct Vec3 {
  double x, y, z;
  Vec3 &operator+=(const Vec3 &o) {
    x += o.x;
    y += o.y;
    z += o.z;
    return *this;
  }
  double dot(const Vec3 &o) const { return x * o.x + y * o.y + z * o.z; }
  double norm() const { return std::sqrt(dot(*this)); }
};
static Vec3 operator+(const Vec3 &a, const Vec3 &b) {
  return {a.x + b.x, a.y + b.y, a.z + b.z};
}
static Vec3 operator-(const Vec3 &a, const Vec3 &b) {
  return {a.x - b.x, a.y - b.y, a.z - b.z};
}
static Vec3 operator*(double s, const Vec3 &a) {
  return {s * a.x, s * a.y, s * a.z};
}
static Vec3 cross(const Vec3 &a, const Vec3 &b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

struct Quaternion {
  double w, x, y, z;

  double norm() const { return std::sqrt(w * w + x * x + y * y + z * z); }
  Quaternion normalized() const {
    double s = 1.0 / norm();
    return {w * s, x * s, y * s, z * s};
  }
  Quaternion conjugate() const { return {w, -x, -y, -z}; }
  Quaternion operator*(const Quaternion &o) const {
    return {w * o.w - x * o.x - y * o.y - z * o.z,
            w * o.x + x * o.w + y * o.z - z * o.y,
            w * o.y - x * o.z + y * o.w + z * o.x,
            w * o.z + x * o.y - y * o.x + z * o.w};
  }
  // q v q* for a unit quaternion: v + 2w (u x v) + 2 u x (u x v).
  Vec3 rotate(const Vec3 &v) const {
    Vec3 u{x, y, z};
    Vec3 t = 2.0 * cross(u, v);
    return v + w * t + cross(u, t);
  }
  // Workaround: written first as `double angle = phi.norm(); if (angle <
  // 1e-12) return {...};`, the VJP is nan at phi = 0 (the JVP is right):
  // the branch not taken gives `angle` a zero cotangent, and the reverse
  // sqrt rule multiplies it by 1 / (2 sqrt(0)) = inf. The sqrt moved past
  // the branch, on the squared angle.
  static Quaternion from_rotation_vector(const Vec3 &phi) {
    double angle2 = phi.dot(phi);
    if (angle2 < 1e-24)
      return {1.0, 0.5 * phi.x, 0.5 * phi.y, 0.5 * phi.z};
    double angle = std::sqrt(angle2);
    double s = std::sin(0.5 * angle) / angle;
    return {std::cos(0.5 * angle), s * phi.x, s * phi.y, s * phi.z};
  }
};

struct Body {
  Vec3 x, v;    // position, velocity (world)
  Quaternion q; // orientation, body to world
  Vec3 omega;   // angular velocity (body frame)
  double mass;
  Vec3 inertia; // principal moments (body frame)

  TAD_JVP TAD_VJP double kinetic_energy() const {
    Vec3 Iw{inertia.x * omega.x, inertia.y * omega.y, inertia.z * omega.z};
    return 0.5 * mass * v.dot(v) + 0.5 * omega.dot(Iw);
  }
};

// One step under a world force and torque, in place.
TAD_JVP TAD_VJP void step(Body &b, const Vec3 &force, const Vec3 &torque,
                          double dt) {
  // linear: semi-implicit Euler
  b.v += (dt / b.mass) * force;
  // Not through an accessor `Vec3 &position() { return x; }` as
  // `b.position() += dt * b.v;`: tad drops that statement silently (a
  // member call, here operator+=, on the reference a call returns), from
  // the primal and the derivative alike; the member itself instead.
  b.x += dt * b.v;

  // angular: Euler's equations in the body frame
  Vec3 tau = b.q.conjugate().rotate(torque);
  Vec3 Iw{b.inertia.x * b.omega.x, b.inertia.y * b.omega.y,
          b.inertia.z * b.omega.z};
  Vec3 rhs = tau - cross(b.omega, Iw);
  Vec3 wdot{rhs.x / b.inertia.x, rhs.y / b.inertia.y, rhs.z / b.inertia.z};
  b.omega += dt * wdot;

  // orientation: q <- q exp(dt omega / 2), renormalised against drift
  Quaternion dq = Quaternion::from_rotation_vector(dt * b.omega);
  // Workaround: `b.q = (b.q * dq).normalized();` is refused ("tad cannot
  // follow this struct value"): a parenthesised struct-valued call as the
  // object of a member call; a named product instead.
  Quaternion q = b.q * dq;
  b.q = q.normalized();
}

// A world of bodies under gravity and linear drag, stepped nsteps times;
// returns the total kinetic energy at the end.
TAD_JVP TAD_VJP double simulate(Body *bodies, int n, double dt, int nsteps,
                                double drag) {
  const Vec3 g{0.0, 0.0, -9.81};
  auto drag_force = [drag](const Vec3 &v) { return -drag * v; };
  for (int s = 0; s < nsteps; ++s) {
    for (int i = 0; i < n; ++i) {
      Body &b = bodies[i];
      Vec3 f = b.mass * g + drag_force(b.v);
      // a torque that spins the body about its world z axis
      Vec3 torque{0.0, 0.0, 0.1 * b.mass};
      step(b, f, torque, dt);
    }
  }
  double e = 0;
  for (int i = 0; i < n; ++i) {
    const Body &b = bodies[i];
    e += b.kinetic_energy();
  }
  return e;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

// A body from and to 17 numbers: x v q omega mass inertia.
static Body body(const double *a) {
  return Body{{a[0], a[1], a[2]},
              {a[3], a[4], a[5]},
              {a[6], a[7], a[8], a[9]},
              {a[10], a[11], a[12]},
              a[13],
              {a[14], a[15], a[16]}};
}
static void put(const Body &b, Vec &r) {
  r.insert(r.end(), {b.x.x, b.x.y, b.x.z, b.v.x, b.v.y, b.v.z, b.q.w, b.q.x,
                     b.q.y, b.q.z, b.omega.x, b.omega.y, b.omega.z, b.mass,
                     b.inertia.x, b.inertia.y, b.inertia.z});
}
static Vec pack(const Body &b) {
  Vec r;
  put(b, r);
  return r;
}
static Vec3 vec3(const double *a) { return {a[0], a[1], a[2]}; }

int main() {
  const int B = 17;
  std::vector<Vec> S;
  for (unsigned seed = 1; seed <= 3; ++seed) {
    Vec a = tad_test::randomVec(B, seed);
    Quaternion q = Quaternion{a[6], a[7], a[8], a[9]}.normalized();
    a[6] = q.w, a[7] = q.x, a[8] = q.y, a[9] = q.z;
    a[13] = 1.5 + a[13];
    for (int i = 14; i < 17; ++i)
      a[i] = 1.0 + 0.5 * a[i];
    S.push_back(a);
  }
  // q (rotated by (0, 0, 0.1)) turns world x to about (cos 0.1, sin 0.1, 0)
  {
    Quaternion q = Quaternion::from_rotation_vector({0, 0, 0.1});
    Vec3 e = q.rotate({1, 0, 0});
    tad_test::expectNear("rotate x", e.x, std::cos(0.1), 1e-14);
    tad_test::expectNear("rotate y", e.y, std::sin(0.1), 1e-14);
  }

  { // Body::kinetic_energy: body -> e
    auto F = [&](const Vec &a) { return Vec{body(a.data()).kinetic_energy()}; };
    auto J = [&](const Vec &a, const Vec &d) {
      double de = 0;
      kinetic_energy_jvp(body(a.data()), body(d.data()), &de);
      return Vec{de};
    };
    auto G = [&](const Vec &a) {
      Body cb{};
      kinetic_energy_grad(body(a.data()), &cb);
      return pack(cb);
    };
    tad_test::checkJvp("kinetic_energy", F, J, S);
    tad_test::checkVjp(
        "kinetic_energy", J,
        [&](const Vec &a, const Vec &yb) {
          Body cb{};
          kinetic_energy_vjp(body(a.data()), yb[0], &cb);
          return pack(cb);
        },
        S, 1);
    tad_test::checkGradient("kinetic_energy", F, G, S);
  }

  { // step: (body, force, torque, dt) -> body
    auto F = [&](const Vec &a) {
      Body b = body(a.data());
      step(b, vec3(&a[B]), vec3(&a[B + 3]), a[B + 6]);
      return pack(b);
    };
    auto J = [&](const Vec &a, const Vec &d) {
      Body b = body(a.data()), db = body(d.data());
      step_jvp(b, db, vec3(&a[B]), vec3(&d[B]), vec3(&a[B + 3]),
               vec3(&d[B + 3]), a[B + 6], d[B + 6]);
      return pack(db);
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Body b = body(a.data()), cb = body(yb.data());
      Vec3 cf{0, 0, 0}, ct{0, 0, 0};
      double cdt = 0;
      step_vjp(b, vec3(&a[B]), vec3(&a[B + 3]), a[B + 6], cb, &cf, &ct, &cdt);
      Vec r = pack(cb);
      r.insert(r.end(), {cf.x, cf.y, cf.z, ct.x, ct.y, ct.z, cdt});
      return r;
    };
    std::vector<Vec> Ss;
    for (unsigned i = 0; i < S.size(); ++i) {
      Vec a = S[i];
      Vec ft = tad_test::randomVec(6, 20 + i);
      a.insert(a.end(), ft.begin(), ft.end());
      a.push_back(0.01 * (i + 1));
      Ss.push_back(a);
    }
    // at rest: the small-angle branch of from_rotation_vector
    Ss.push_back(Ss[0]);
    for (int k = 10; k < 13; ++k)
      Ss.back()[k] = 0;
    for (int k = B + 3; k < B + 6; ++k)
      Ss.back()[k] = 0;
    tad_test::checkJvp("step", F, J, Ss);
    tad_test::checkVjp("step", J, V, Ss, B);
  }

  { // simulate: (bodies, dt, drag) -> e
    const int n = 2, nsteps = 4;
    auto load = [&](const Vec &a, Body *bs) {
      for (int i = 0; i < n; ++i)
        bs[i] = body(a.data() + B * i);
    };
    auto F = [&](const Vec &a) {
      Body bs[n];
      load(a, bs);
      return Vec{simulate(bs, n, a[B * n], nsteps, a[B * n + 1])};
    };
    auto J = [&](const Vec &a, const Vec &d) {
      Body bs[n], dbs[n];
      load(a, bs);
      load(d, dbs);
      double de = 0;
      simulate_jvp(bs, dbs, n, a[B * n], d[B * n], nsteps, a[B * n + 1],
                   d[B * n + 1], &de);
      return Vec{de};
    };
    auto G = [&](const Vec &a, double yb) {
      Body bs[n], cbs[n] = {};
      load(a, bs);
      double cdt = 0, cdrag = 0;
      // the bodies are outputs too (no simulate_grad): their cotangents
      // enter as zero
      simulate_vjp(bs, n, a[B * n], nsteps, a[B * n + 1], yb, cbs, &cdt,
                   &cdrag);
      Vec r;
      for (int i = 0; i < n; ++i)
        put(cbs[i], r);
      r.insert(r.end(), {cdt, cdrag});
      return r;
    };
    std::vector<Vec> Ss;
    for (unsigned i = 0; i + 1 < S.size(); ++i) {
      Vec a = S[i];
      a.insert(a.end(), S[i + 1].begin(), S[i + 1].end());
      a.insert(a.end(), {0.02, 0.3});
      Ss.push_back(a);
    }
    tad_test::checkJvp("simulate", F, J, Ss);
    tad_test::checkVjp(
        "simulate", J, [&](const Vec &a, const Vec &yb) { return G(a, yb[0]); },
        Ss, 1);
    tad_test::checkGradient(
        "simulate", F, [&](const Vec &a) { return G(a, 1); }, Ss);
  }
  return tad_test::report();
}
#endif
