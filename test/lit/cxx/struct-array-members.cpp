// Arrays of structs with array members, b[i].v[k]: a physicist's bodies
// with `double x[3], v[3]`, point charges holding a Vec3 with `double
// c[3]`, a local array of such structs. Read and written element by
// element, passed on as `b[i].v` to a helper taking `const double *`,
// copied whole (`Body c = b[i]; ... b[i] = c;`). The tangent and cotangent
// are arrays of the same structs (d_b[i].x[k], ct_b[i].x[k]). JVP against
// central differences, VJP against JVP by the dot-product identity, with
// clang++, g++ (ASan, UBSan) and the plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// OUT-NOT: FAIL
// OUT: 62 checks, 0 failed
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc | FileCheck %s --check-prefix=OUT
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
// GEN: double energy_jvp(const Body *b, const Body *d_b, int n, double *d_return) {
// GEN: dot3_jvp(b[i].v, d_b[i].v, b[i].v, d_b[i].v, &_d_t0);
// GEN: double d_d = d_b[i].x[k] - d_b[j].x[k];
// GEN: void drift_vjp(Body *b, int n, double dt, Body *ct_b, double *ct_dt) {
// GEN: ct_b[i].x[0]
// GEN: double field_vjp(const Charge *s, int n, const double *at, double ct_return,
// GEN: ct_s[i].p.c[k]
#include "tad/tad.h"
#include <cmath>

struct Body {
  double x[3], v[3];
  double m;
  int id;
};
struct Vec3 {
  double c[3];
};
struct Charge {
  Vec3 p;
  double q;
};

double dot3(const double *a, const double *b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

// Kinetic energy plus a softened gravitational potential.
TAD_JVP TAD_VJP double energy(const Body *b, int n) {
  double e = 0;
  for (int i = 0; i < n; ++i) {
    e += 0.5 * b[i].m * dot3(b[i].v, b[i].v);
    for (int j = i + 1; j < n; ++j) {
      double r2 = 0.01;
      for (int k = 0; k < 3; ++k) {
        double d = b[i].x[k] - b[j].x[k];
        r2 += d * d;
      }
      e -= b[i].m * b[j].m / std::sqrt(r2);
    }
  }
  return e;
}

// A drift through a copy of each body, then a kick from a pull towards
// the origin.
TAD_JVP TAD_VJP void drift(Body *b, int n, double dt) {
  for (int i = 0; i < n; ++i) {
    Body c = b[i];
    for (int k = 0; k < 3; ++k)
      c.x[k] += dt * c.v[k];
    b[i] = c;
  }
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < 3; ++k)
      b[i].v[k] -= dt * std::sin(b[i].x[k]) / b[i].m;
}

// The potential of point charges at a point.
TAD_JVP TAD_VJP double field(const Charge *s, int n, const double *at) {
  double phi = 0;
  for (int i = 0; i < n; ++i) {
    double r2 = 1e-2;
    for (int k = 0; k < 3; ++k)
      r2 += (s[i].p.c[k] - at[k]) * (s[i].p.c[k] - at[k]);
    phi += s[i].q / std::sqrt(r2);
  }
  return phi;
}

// A local array of bodies built from x.
TAD_JVP TAD_VJP double local(const double *x) {
  Body t[2];
  for (int i = 0; i < 2; ++i) {
    for (int k = 0; k < 3; ++k) {
      t[i].x[k] = x[3 * i + k];
      t[i].v[k] = x[k] * x[3 * i + k];
    }
    t[i].m = 1.0 + i * x[0] * x[0];
    t[i].id = i;
  }
  return t[0].m * dot3(t[0].x, t[1].v) + t[1].x[2] * t[1].m * t[1].id;
}

// Springs between nodes named by an integer array member.
struct Spring {
  int nodes[2];
  double k;
};
TAD_JVP TAD_VJP double springs(const Spring *s, int ns, const double *x) {
  double e = 0;
  for (int i = 0; i < ns; ++i) {
    double d = x[s[i].nodes[1]] - x[s[i].nodes[0]] - 0.5;
    e += 0.5 * s[i].k * d * d;
  }
  return e;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
#include <vector>
using tad_test::Vec;

// Bodies to and from vectors of 7 numbers each (x, v, m).
static std::vector<Body> bodies(const Vec &a, size_t n) {
  std::vector<Body> b(n);
  for (size_t i = 0; i < n; ++i) {
    for (int k = 0; k < 3; ++k) {
      b[i].x[k] = a[7 * i + k];
      b[i].v[k] = a[7 * i + 3 + k];
    }
    b[i].m = a[7 * i + 6];
    b[i].id = int(i);
  }
  return b;
}
static Vec numbers(const std::vector<Body> &b) {
  Vec a;
  for (const Body &B : b) {
    a.insert(a.end(), B.x, B.x + 3);
    a.insert(a.end(), B.v, B.v + 3);
    a.push_back(B.m);
  }
  return a;
}

int main() {
  const size_t N = 4;
  // Positive masses away from zero, positions apart.
  auto points = [](size_t Count, unsigned Seed) {
    std::vector<Vec> P;
    for (unsigned S = Seed; S < Seed + 2; ++S) {
      Vec a = tad_test::randomVec(7 * Count, S);
      for (size_t i = 0; i < Count; ++i) {
        a[7 * i + 6] = 1.0 + std::fabs(a[7 * i + 6]);
        a[7 * i] += 2.0 * double(i);
      }
      P.push_back(a);
    }
    return P;
  };

  // energy: b[N] -> R
  auto FE = [&](const Vec &a) { return Vec{energy(bodies(a, N).data(), N)}; };
  auto JE = [&](const Vec &a, const Vec &d) {
    double r = 0;
    energy_jvp(bodies(a, N).data(), bodies(d, N).data(), N, &r);
    return Vec{r};
  };
  auto VE = [&](const Vec &a, const Vec &yb) {
    std::vector<Body> ct = bodies(Vec(a.size(), 0.0), N);
    energy_vjp(bodies(a, N).data(), N, yb[0], ct.data());
    return numbers(ct);
  };
  tad_test::checkJvp("energy", FE, JE, points(N, 1));
  tad_test::checkVjp("energy", JE, VE, points(N, 1), 1);

  // drift: (b[N], dt) -> b[N]
  auto FD = [&](const Vec &a) {
    std::vector<Body> b = bodies(a, N);
    drift(b.data(), N, a.back());
    return numbers(b);
  };
  auto JD = [&](const Vec &a, const Vec &d) {
    std::vector<Body> b = bodies(a, N), db = bodies(d, N);
    drift_jvp(b.data(), db.data(), N, a.back(), d.back());
    return numbers(db);
  };
  auto VD = [&](const Vec &a, const Vec &yb) {
    std::vector<Body> b = bodies(a, N), ct = bodies(yb, N);
    double cdt = 0;
    drift_vjp(b.data(), N, a.back(), ct.data(), &cdt);
    Vec g = numbers(ct);
    g.push_back(cdt);
    return g;
  };
  std::vector<Vec> PD = points(N, 3);
  for (Vec &a : PD)
    a.push_back(0.1 + 0.2 * std::fabs(a[0]));
  tad_test::checkJvp("drift", FD, JD, PD);
  tad_test::checkVjp("drift", JD, VD, PD, 7 * N);
  {
    // The integer members are carried through the copies.
    std::vector<Body> b = bodies(PD[0], N);
    drift(b.data(), N, 0.1);
    tad_test::expectNear("drift ids", b[3].id, 3, 0);
  }

  // field: (s[N], at[3]) -> R
  auto charges = [&](const Vec &a) {
    std::vector<Charge> s(N);
    for (size_t i = 0; i < N; ++i) {
      for (int k = 0; k < 3; ++k)
        s[i].p.c[k] = a[4 * i + k];
      s[i].q = a[4 * i + 3];
    }
    return s;
  };
  auto FF = [&](const Vec &a) {
    return Vec{field(charges(a).data(), N, a.data() + 4 * N)};
  };
  auto JF = [&](const Vec &a, const Vec &d) {
    double r = 0;
    field_jvp(charges(a).data(), charges(d).data(), N, a.data() + 4 * N,
              d.data() + 4 * N, &r);
    return Vec{r};
  };
  auto VF = [&](const Vec &a, const Vec &yb) {
    std::vector<Charge> cs = charges(Vec(4 * N, 0.0));
    Vec cat(3, 0.0);
    field_vjp(charges(a).data(), N, a.data() + 4 * N, yb[0], cs.data(),
              cat.data());
    Vec g;
    for (const Charge &C : cs) {
      g.insert(g.end(), C.p.c, C.p.c + 3);
      g.push_back(C.q);
    }
    g.insert(g.end(), cat.begin(), cat.end());
    return g;
  };
  std::vector<Vec> PF = {tad_test::randomVec(4 * N + 3, 5),
                         tad_test::randomVec(4 * N + 3, 6)};
  tad_test::checkJvp("field", FF, JF, PF);
  tad_test::checkVjp("field", JF, VF, PF, 1);

  // local: x[6] -> R
  auto FL = [](const Vec &x) { return Vec{local(x.data())}; };
  auto JL = [](const Vec &x, const Vec &d) {
    double r = 0;
    local_jvp(x.data(), d.data(), &r);
    return Vec{r};
  };
  auto VL = [](const Vec &x, const Vec &yb) {
    Vec g(6, 0.0);
    local_vjp(x.data(), yb[0], g.data());
    return g;
  };
  std::vector<Vec> PL = {tad_test::randomVec(6, 7), tad_test::randomVec(6, 8)};
  tad_test::checkJvp("local", FL, JL, PL);
  tad_test::checkVjp("local", JL, VL, PL, 1);
  // springs: (k[3], x[4]) -> R over springs 0-1, 2-1, 3-0
  auto chain = [](const Vec &a) {
    std::vector<Spring> s = {{{0, 1}, a[0]}, {{2, 1}, a[1]}, {{3, 0}, a[2]}};
    return s;
  };
  auto FS = [&](const Vec &a) {
    return Vec{springs(chain(a).data(), 3, a.data() + 3)};
  };
  auto JS = [&](const Vec &a, const Vec &d) {
    double r = 0;
    springs_jvp(chain(a).data(), chain(d).data(), 3, a.data() + 3,
                d.data() + 3, &r);
    return Vec{r};
  };
  auto VS = [&](const Vec &a, const Vec &yb) {
    std::vector<Spring> cs = chain(Vec(3, 0.0));
    Vec cx(4, 0.0);
    springs_vjp(chain(a).data(), 3, a.data() + 3, yb[0], cs.data(), cx.data());
    Vec g = {cs[0].k, cs[1].k, cs[2].k};
    g.insert(g.end(), cx.begin(), cx.end());
    return g;
  };
  std::vector<Vec> PS = {tad_test::randomVec(7, 9), tad_test::randomVec(7, 10)};
  tad_test::checkJvp("springs", FS, JS, PS);
  tad_test::checkVjp("springs", JS, VS, PS, 1);
  {
    // The node indices of the cotangent springs are left as they were.
    std::vector<Spring> cs = chain(Vec(3, 0.0));
    Vec cx(4, 0.0), a = PS[0];
    springs_vjp(chain(a).data(), 3, a.data() + 3, 1.0, cs.data(), cx.data());
    tad_test::expectNear("springs nodes", cs[1].nodes[0], 2, 0);
  }
  return tad_test::report();
}
#endif
