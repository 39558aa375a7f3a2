// Struct values written the short way: a braced list assigned to a struct
// (`p = {p.y, -p.x}`, `acc = {}`), which may read the struct it assigns,
// and a struct chosen by `?:` (`Body heavy = a.m > b.m ? a : b;`) in a
// declaration, an assignment and a return, between variables, parameters
// and elements of arrays of structs. The braced value is made in a local
// first, the chosen one in a local that the branches of an if set. JVP
// against central differences, VJP against JVP by the dot-product
// identity, with clang++, g++ (ASan, UBSan) and the plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// OUT-NOT: FAIL
// OUT: 49 checks, 0 failed
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc | FileCheck %s --check-prefix=OUT
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
// GEN: double spiral_jvp(
// GEN: Vec2 _value = {};
// GEN: double heaviest_vjp(
// GEN: Body _chosen = {};
#include "tad/tad.h"
#include <cmath>

struct Vec2 {
  double x, y;
};
struct Body {
  Vec2 pos;
  double m;
};

// A point turned a quarter and pulled in, n times; the sum of its
// positions restarted every third step.
TAD_JVP TAD_VJP double spiral(double x, double y, double s, int n) {
  Vec2 p{x, y};
  Vec2 acc{};
  double e = 0;
  for (int k = 0; k < n; ++k) {
    p = {s * p.y, -s * std::sin(p.x)};
    acc = {acc.x + p.x, acc.y + p.y * p.y};
    if (k % 3 == 2) {
      e += acc.x * acc.y;
      acc = {};
    }
  }
  return e + acc.x + p.x * p.y;
}

Vec2 nearer(const Vec2 &a, const Vec2 &b) {
  return a.x * a.x + a.y * a.y < b.x * b.x + b.y * b.y ? a : b;
}

// The heaviest body of each pair weighted by its position, the pair's
// nearer position to the origin, and a body moved by a chosen velocity.
TAD_JVP TAD_VJP double heaviest(const Body *b, int n, Vec2 v, Vec2 w) {
  double e = 0;
  for (int i = 0; i + 1 < n; ++i) {
    Body heavy = b[i].m > b[i + 1].m ? b[i] : b[i + 1];
    e += heavy.m * heavy.pos.x - heavy.pos.y;
    Vec2 q = nearer(b[i].pos, b[i + 1].pos);
    e += q.x * q.y;
  }
  Vec2 u{0, 0};
  u = v.x > w.x ? v : w;
  return e + u.x * std::cos(u.y);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  // spiral: (x, y, s) -> R over several step counts.
  for (int N : {1, 3, 7}) {
    auto F = [&](const Vec &x) { return Vec{spiral(x[0], x[1], x[2], N)}; };
    auto J = [&](const Vec &x, const Vec &d) {
      double r = 0;
      spiral_jvp(x[0], d[0], x[1], d[1], x[2], d[2], N, &r);
      return Vec{r};
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      Vec g(3, 0.0);
      spiral_vjp(x[0], x[1], x[2], N, yb[0], &g[0], &g[1], &g[2]);
      return g;
    };
    std::vector<Vec> P = {{0.3, -0.7, 0.9}, {1.1, 0.4, 0.8}};
    tad_test::checkJvp("spiral", F, J, P);
    tad_test::checkVjp("spiral", J, V, P, 1);
  }
  {
    // p = {s p.y, -s sin(p.x)} from (0, 2) is (2, -0) only if the new p.y
    // reads the old p.x: then acc = {2, 0} and the result is 2.
    double E = spiral(0.0, 2.0, 1.0, 1);
    tad_test::expectNear("spiral reads the old point", E, 2.0, 1e-15);
  }

  // heaviest: (b[N] (pos, m), v, w) -> R.
  const int N = 5;
  auto Bodies = [&](const Vec &x) {
    std::vector<Body> b(N);
    for (int i = 0; i < N; ++i)
      b[i] = Body{{x[3 * i], x[3 * i + 1]}, x[3 * i + 2]};
    return b;
  };
  auto F = [&](const Vec &x) {
    std::vector<Body> b = Bodies(x);
    Vec2 v{x[3 * N], x[3 * N + 1]}, w{x[3 * N + 2], x[3 * N + 3]};
    return Vec{heaviest(b.data(), N, v, w)};
  };
  auto J = [&](const Vec &x, const Vec &d) {
    std::vector<Body> b = Bodies(x), db = Bodies(d);
    Vec2 v{x[3 * N], x[3 * N + 1]}, w{x[3 * N + 2], x[3 * N + 3]};
    Vec2 dv{d[3 * N], d[3 * N + 1]}, dw{d[3 * N + 2], d[3 * N + 3]};
    double r = 0;
    heaviest_jvp(b.data(), db.data(), N, v, dv, w, dw, &r);
    return Vec{r};
  };
  auto V = [&](const Vec &x, const Vec &yb) {
    std::vector<Body> b = Bodies(x), cb = Bodies(Vec(3 * N, 0.0));
    Vec2 v{x[3 * N], x[3 * N + 1]}, w{x[3 * N + 2], x[3 * N + 3]};
    Vec2 cv{0, 0}, cw{0, 0};
    heaviest_vjp(b.data(), N, v, w, yb[0], cb.data(), &cv, &cw);
    Vec g(3 * N + 4);
    for (int i = 0; i < N; ++i) {
      g[3 * i] = cb[i].pos.x;
      g[3 * i + 1] = cb[i].pos.y;
      g[3 * i + 2] = cb[i].m;
    }
    g[3 * N] = cv.x;
    g[3 * N + 1] = cv.y;
    g[3 * N + 2] = cw.x;
    g[3 * N + 3] = cw.y;
    return g;
  };
  std::vector<Vec> P = {tad_test::randomVec(3 * N + 4, 11),
                        tad_test::randomVec(3 * N + 4, 12)};
  P[1][3 * N] = P[1][3 * N + 2] + 0.5; // v chosen in one, w in the other
  P[0][3 * N] = P[0][3 * N + 2] - 0.5;
  tad_test::checkJvp("heaviest", F, J, P);
  tad_test::checkVjp("heaviest", J, V, P, 1);
  return tad_test::report();
}
#endif
