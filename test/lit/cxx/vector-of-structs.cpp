// std::vector of structs: parameters of particles with nested Vec3
// members, a member function and an integer id, springs that index them,
// read by range-based for, by index, through front(), back() and data()
// passed to a pointer callee, copied into locals and element to element,
// and updated in place; local vectors of Vec2 sized by a parameter, in the
// outermost block and in a loop (whose cotangent is zeroed per
// iteration). The tangent of a `const std::vector<Particle> &` is a vector
// of Particles, its cotangent a `std::vector<Particle> &` accumulated into
// (integer members carried, not differentiated). JVP against central
// differences, VJP against JVP by the dot-product identity, with clang++,
// g++ (ASan, UBSan) and the plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// OUT-NOT: FAIL
// OUT: 120 checks, 0 failed
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc | FileCheck %s --check-prefix=OUT
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
// GEN: double energy_vjp(const std::vector<Particle> &ps,
// GEN-NEXT: const std::vector<Spring> &springs, double ct_return,
// GEN-NEXT: std::vector<Particle> &ct_ps,
// GEN-NEXT: std::vector<Spring> &ct_springs);
// GEN: void drift_jvp(std::vector<Particle> &ps, std::vector<Particle> &d_ps,
#include "tad/tad.h"
#include <cmath>
#include <vector>

struct Vec3 {
  double x, y, z;
};
struct Particle {
  Vec3 pos, vel;
  double mass;
  int id;
  double kinetic() const {
    return 0.5 * mass * (vel.x * vel.x + vel.y * vel.y + vel.z * vel.z);
  }
};
struct Spring {
  int a, b;
  double k, rest;
};

double dist(const Vec3 &p, const Vec3 &q) {
  double dx = p.x - q.x, dy = p.y - q.y, dz = p.z - q.z;
  return std::sqrt(dx * dx + dy * dy + dz * dz);
}

// Kinetic energy plus springs between particles picked by index.
TAD_JVP TAD_VJP double energy(const std::vector<Particle> &ps,
                              const std::vector<Spring> &springs) {
  double e = 0;
  for (const Particle &p : ps)
    e += p.kinetic();
  for (const Spring &s : springs) {
    double d = dist(ps[s.a].pos, ps[s.b].pos) - s.rest;
    e += 0.5 * s.k * d * d;
  }
  return e;
}

// Positions moved by the velocities, then velocities pulled towards the
// next particle.
TAD_JVP TAD_VJP void drift(std::vector<Particle> &ps, double dt) {
  for (Particle &p : ps) {
    p.pos.x += dt * p.vel.x;
    p.pos.y += dt * p.vel.y * p.mass;
    p.pos.z += dt * std::sin(p.vel.z);
  }
  for (std::size_t i = 0; i + 1 < ps.size(); ++i)
    ps[i].vel.x -= dt * (ps[i].pos.x - ps[i + 1].pos.x);
}

double com_x(const Particle *p, int n) {
  double s = 0, m = 0;
  for (int i = 0; i < n; ++i) {
    s += p[i].mass * p[i].pos.x;
    m += p[i].mass;
  }
  return s / m;
}

// The spread about the centre of mass, through data() and copies.
TAD_JVP TAD_VJP double spread(const std::vector<Particle> &ps) {
  double c = com_x(ps.data(), static_cast<int>(ps.size()));
  double e = ps.front().pos.x * ps.back().vel.y;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    Particle q = ps[i];
    e += (q.pos.x - c) * (q.pos.x - c) * q.mass;
  }
  return e;
}

// The particles moved one place left, element by element, the first
// scaled by its mass.
TAD_JVP TAD_VJP void rotate_left(std::vector<Particle> &ps) {
  Particle first = ps[0];
  for (std::size_t i = 0; i + 1 < ps.size(); ++i)
    ps[i] = ps[i + 1];
  ps[ps.size() - 1] = first;
  ps[0].pos.x *= ps[0].mass;
}

// Charges with an array member, summed over a std::vector of them.
struct Charge {
  double q[3];
  double w;
};
TAD_JVP TAD_VJP double moments(const std::vector<Charge> &c) {
  double e = 0;
  for (std::size_t i = 0; i < c.size(); ++i)
    for (int k = 0; k < 3; ++k)
      e += c[i].w * c[i].q[k] * c[i].q[(k + 1) % 3];
  return e;
}

// Pairwise forces gathered in a local std::vector of Vec2, then an energy
// of them; and per-sweep displacements in a vector declared in the loop.
struct Vec2 {
  double x, y;
};
TAD_JVP TAD_VJP double forces(const std::vector<Particle> &ps, double k) {
  std::vector<Vec2> f(ps.size());
  for (std::size_t i = 0; i < ps.size(); ++i)
    for (std::size_t j = 0; j < ps.size(); ++j)
      if (i != j) {
        double dx = ps[j].pos.x - ps[i].pos.x, dy = ps[j].pos.y - ps[i].pos.y;
        double r2 = dx * dx + dy * dy + 0.1;
        f[i].x += k * ps[j].mass * dx / r2;
        f[i].y += k * ps[j].mass * dy / r2;
      }
  double e = 0;
  for (std::size_t i = 0; i < f.size(); ++i)
    e += f[i].x * f[i].x + std::sin(f[i].y) * ps[i].mass;
  return e;
}
TAD_JVP TAD_VJP double sweeps(const double *x, int n, int m) {
  double e = 0;
  for (int s = 0; s < m; ++s) {
    std::vector<Vec2> d(n);
    for (int i = 0; i < n; ++i) {
      d[i].x += std::sin(x[i] * (s + 1));
      d[i].y = x[(i + 1) % n] * d[i].x;
    }
    for (int i = 0; i < n; ++i)
      e += d[i].x * d[(i + 1) % n].y;
  }
  return e;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

// 7 doubles per particle (pos, vel, mass); the id is 100 + its index.
static std::vector<Particle> particles(const Vec &x, int n) {
  std::vector<Particle> ps(n);
  for (int i = 0; i < n; ++i) {
    const double *v = &x[7 * i];
    ps[i] = Particle{{v[0], v[1], v[2]}, {v[3], v[4], v[5]}, v[6], 100 + i};
  }
  return ps;
}
static void flatten(const std::vector<Particle> &ps, Vec &x) {
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const Particle &p = ps[i];
    double v[7] = {p.pos.x, p.pos.y, p.pos.z, p.vel.x,
                   p.vel.y, p.vel.z, p.mass};
    for (int k = 0; k < 7; ++k)
      x[7 * i + k] = v[k];
  }
}

int main() {
  const int N = 4, S = 3;
  const int A[S] = {0, 1, 3}, B[S] = {1, 2, 0};
  // energy: (ps[N], springs[S] (k, rest)) -> R.
  {
    auto Springs = [&](const Vec &x) {
      std::vector<Spring> s(S);
      for (int j = 0; j < S; ++j)
        s[j] = Spring{A[j], B[j], x[7 * N + 2 * j], x[7 * N + 2 * j + 1]};
      return s;
    };
    auto F = [&](const Vec &x) {
      return Vec{energy(particles(x, N), Springs(x))};
    };
    auto J = [&](const Vec &x, const Vec &d) {
      double r = 0;
      energy_jvp(particles(x, N), particles(d, N), Springs(x), Springs(d), &r);
      return Vec{r};
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      std::vector<Particle> cp = particles(Vec(7 * N, 0.0), N);
      std::vector<Spring> cs = Springs(Vec(7 * N + 2 * S, 0.0));
      energy_vjp(particles(x, N), Springs(x), yb[0], cp, cs);
      Vec g(7 * N + 2 * S);
      flatten(cp, g);
      for (int j = 0; j < S; ++j) {
        g[7 * N + 2 * j] = cs[j].k;
        g[7 * N + 2 * j + 1] = cs[j].rest;
        tad_test::expectNear("energy: spring indices carried", cs[j].a, A[j],
                             0);
      }
      tad_test::expectNear("energy: ids carried", cp[2].id, 102, 0);
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(7 * N + 2 * S, 1),
                          tad_test::randomVec(7 * N + 2 * S, 2)};
    tad_test::checkJvp("energy", F, J, P);
    tad_test::checkVjp("energy", J, V, P, 1);
  }
  // drift: (ps[N], dt) -> ps[N] in place.
  {
    auto F = [&](const Vec &x) {
      std::vector<Particle> ps = particles(x, N);
      drift(ps, x.back());
      Vec y(7 * N);
      flatten(ps, y);
      return y;
    };
    auto J = [&](const Vec &x, const Vec &d) {
      std::vector<Particle> ps = particles(x, N), dps = particles(d, N);
      drift_jvp(ps, dps, x.back(), d.back());
      Vec dy(7 * N);
      flatten(dps, dy);
      return dy;
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      std::vector<Particle> ps = particles(x, N), cps = particles(yb, N);
      double cdt = 0;
      drift_vjp(ps, x.back(), cps, &cdt);
      Vec g(7 * N + 1);
      flatten(cps, g);
      g.back() = cdt;
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(7 * N + 1, 3),
                          tad_test::randomVec(7 * N + 1, 4)};
    tad_test::checkJvp("drift", F, J, P);
    tad_test::checkVjp("drift", J, V, P, 7 * N);
  }
  // spread: ps[N] -> R (masses kept positive).
  {
    auto F = [&](const Vec &x) { return Vec{spread(particles(x, N))}; };
    auto J = [&](const Vec &x, const Vec &d) {
      double r = 0;
      spread_jvp(particles(x, N), particles(d, N), &r);
      return Vec{r};
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      std::vector<Particle> cp = particles(Vec(7 * N, 0.0), N);
      spread_vjp(particles(x, N), yb[0], cp);
      Vec g(7 * N);
      flatten(cp, g);
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(7 * N, 5),
                          tad_test::randomVec(7 * N, 6)};
    for (Vec &X : P)
      for (int i = 0; i < N; ++i)
        X[7 * i + 6] = 1 + std::fabs(X[7 * i + 6]);
    tad_test::checkJvp("spread", F, J, P);
    tad_test::checkVjp("spread", J, V, P, 1);
  }
  // rotate_left: ps[N] -> ps[N] in place.
  {
    auto F = [&](const Vec &x) {
      std::vector<Particle> ps = particles(x, N);
      rotate_left(ps);
      Vec y(7 * N);
      flatten(ps, y);
      tad_test::expectNear("rotate_left: ids move", ps[0].id, 101, 0);
      return y;
    };
    auto J = [&](const Vec &x, const Vec &d) {
      std::vector<Particle> ps = particles(x, N), dps = particles(d, N);
      rotate_left_jvp(ps, dps);
      Vec dy(7 * N);
      flatten(dps, dy);
      return dy;
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      std::vector<Particle> ps = particles(x, N), cps = particles(yb, N);
      rotate_left_vjp(ps, cps);
      Vec g(7 * N);
      flatten(cps, g);
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(7 * N, 7),
                          tad_test::randomVec(7 * N, 8)};
    tad_test::checkJvp("rotate_left", F, J, P);
    tad_test::checkVjp("rotate_left", J, V, P, 7 * N);
  }
  // moments: c[N] (q[3], w) -> R.
  {
    auto Charges = [&](const Vec &x) {
      std::vector<Charge> c(N);
      for (int i = 0; i < N; ++i)
        c[i] = Charge{{x[4 * i], x[4 * i + 1], x[4 * i + 2]}, x[4 * i + 3]};
      return c;
    };
    auto F = [&](const Vec &x) { return Vec{moments(Charges(x))}; };
    auto J = [&](const Vec &x, const Vec &d) {
      double r = 0;
      moments_jvp(Charges(x), Charges(d), &r);
      return Vec{r};
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      std::vector<Charge> cc = Charges(Vec(4 * N, 0.0));
      moments_vjp(Charges(x), yb[0], cc);
      Vec g(4 * N);
      for (int i = 0; i < N; ++i)
        for (int k = 0; k < 4; ++k)
          g[4 * i + k] = k < 3 ? cc[i].q[k] : cc[i].w;
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(4 * N, 9),
                          tad_test::randomVec(4 * N, 10)};
    tad_test::checkJvp("moments", F, J, P);
    tad_test::checkVjp("moments", J, V, P, 1);
  }
  // forces: (ps[N], k) -> R.
  {
    auto F = [&](const Vec &x) {
      return Vec{forces(particles(x, N), x.back())};
    };
    auto J = [&](const Vec &x, const Vec &d) {
      double r = 0;
      forces_jvp(particles(x, N), particles(d, N), x.back(), d.back(), &r);
      return Vec{r};
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      std::vector<Particle> cp = particles(Vec(7 * N, 0.0), N);
      double ck = 0;
      forces_vjp(particles(x, N), x.back(), yb[0], cp, &ck);
      Vec g(7 * N + 1);
      flatten(cp, g);
      g.back() = ck;
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(7 * N + 1, 13),
                          tad_test::randomVec(7 * N + 1, 14)};
    tad_test::checkJvp("forces", F, J, P);
    tad_test::checkVjp("forces", J, V, P, 1);
  }
  // sweeps: x[N] -> R, a vector of structs declared in a loop.
  {
    auto F = [&](const Vec &x) { return Vec{sweeps(x.data(), N, 3)}; };
    auto J = [&](const Vec &x, const Vec &d) {
      double r = 0;
      sweeps_jvp(x.data(), d.data(), N, 3, &r);
      return Vec{r};
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      Vec g(N, 0.0);
      sweeps_vjp(x.data(), N, 3, yb[0], g.data());
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(N, 15),
                          tad_test::randomVec(N, 16)};
    tad_test::checkJvp("sweeps", F, J, P);
    tad_test::checkVjp("sweeps", J, V, P, 1);
  }
  return tad_test::report();
}
#endif
