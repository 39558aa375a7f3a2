// Conditions of loops that need statements before they are tested:
// std::inner_product and std::max_element, a call passing a reference, a
// struct a call returns and a lambda called in place, in the condition of
// a `while`, a `for` and a `do`. What the condition needs runs where the
// loop tests it (`while (true) { <hoisted>; if (!_cond) break; ... }`), so
// a `continue` comes back to it. Written as such code is: a step halved
// until it is inside a trust region, an integrator run while its state
// stays below a limit, a prefix summed while its running maximum stays
// small, a point rotated until it crosses an axis. JVP against central
// differences, VJP against JVP by the dot-product identity, with clang++,
// g++ (ASan, UBSan) and the plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// OUT-NOT: FAIL
// OUT: 145 checks, 0 failed
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc | FileCheck %s --check-prefix=OUT
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
// GEN: void shrink_jvp(
// GEN: while (true) {
// GEN-NEXT: double _acc = 0.0;
// GEN: const bool _cond = _acc > r * r && halvings < 30;
// GEN: if (!_cond) {
// GEN-NEXT: break;
// GEN: double run_jvp(
// GEN: const bool _cond = _t0 < lim;
// GEN: double run_vjp(
// GEN: while (!_brk0) {
// GEN: const bool _cond = _c0 < lim;
// GEN: double prefix_jvp(
// GEN: for (int i = 0;; ++i) {
// GEN-NEXT: const bool _arm = i < n;
// GEN: const bool _cond = _arm && a[_best] < 1.0;
// GEN: double turn_jvp(
// GEN: } while (true);
// GEN: double turn_vjp(
// GEN: } while (!_brk0);
#include "tad/tad.h"
#include <algorithm>
#include <cmath>
#include <numeric>

struct Vec2 {
  double x, y;
};
Vec2 rotate(Vec2 p, double a) {
  return Vec2{std::cos(a) * p.x - std::sin(a) * p.y,
              std::sin(a) * p.x + std::cos(a) * p.y};
}

double advance(double &x, double h) {
  x += h * std::sin(x) + h;
  return x;
}

// A step halved until it lies inside the trust region of radius r.
TAD_JVP TAD_VJP void shrink(const double *g, int n, double r, double *p) {
  for (int i = 0; i < n; ++i)
    p[i] = -g[i];
  int halvings = 0;
  while (std::inner_product(p, p + n, p, 0.0) > r * r && halvings < 30) {
    for (int i = 0; i < n; ++i)
      p[i] *= 0.5;
    ++halvings;
  }
}

// Steps of an integrator while its state stays below lim; every other
// step is followed by a correction, the others skip it.
TAD_JVP TAD_VJP double run(double x, double h, double lim, int steps) {
  int k = 0;
  while (advance(x, h) < lim) {
    ++k;
    if (k >= steps)
      break;
    if (k % 2)
      continue;
    x -= 0.05 * h * x * x;
  }
  return x * lim;
}

// A prefix of a summed while its running maximum stays below 1.
TAD_JVP TAD_VJP double prefix(const double *a, int n) {
  double s = 0;
  for (int i = 0; i < n && *std::max_element(a, a + i + 1) < 1.0; ++i)
    s += a[i] * a[i] + std::sin(a[i]);
  return s;
}

// A point scaled and rotated by a until it crosses the x axis; a lambda
// called in place also stops it when it gets too small.
TAD_JVP TAD_VJP double turn(double px, double py, double a, double s) {
  Vec2 p{px, py};
  int k = 0;
  do {
    p = rotate(p, a);
    p.x *= s;
    p.y *= s;
    ++k;
  } while (rotate(p, a).y > 0 && k < 12 &&
           [&] { return p.x * p.x + p.y * p.y > 0.01; }());
  return p.x + 2 * p.y;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  // shrink: (g[N], r) -> p[N], no halving, one, several.
  const int N = 4;
  for (double R : {0.2, 0.7, 5.0}) {
    auto F = [&](const Vec &x) {
      Vec p(N);
      shrink(x.data(), N, x.back(), p.data());
      return p;
    };
    auto J = [&](const Vec &x, const Vec &d) {
      Vec p(N), dp(N);
      shrink_jvp(x.data(), d.data(), N, x.back(), d.back(), p.data(),
                 dp.data());
      return dp;
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      Vec p(N), cg(N + 1, 0.0), cp = yb;
      shrink_vjp(x.data(), N, x.back(), p.data(), cg.data(), &cg[N], cp.data());
      return cg;
    };
    std::vector<Vec> P = {tad_test::randomVec(N + 1, 1),
                          tad_test::randomVec(N + 1, 2)};
    for (Vec &X : P)
      X.back() = R;
    tad_test::checkJvp("shrink", F, J, P);
    tad_test::checkVjp("shrink", J, V, P, N);
  }
  {
    Vec g = {0.6, -0.8, 0.0, 0.0}, p(N);
    shrink(g.data(), N, 0.3, p.data());
    tad_test::expectNear("shrink halves twice", p[0], -0.15, 1e-15);
  }

  // run: (x, h, lim) -> R, stopping on the limit or on the count.
  for (double Lim : {1.3, 2.2, 40.0}) {
    auto F = [&](const Vec &x) { return Vec{run(x[0], x[1], x[2], 9)}; };
    auto J = [&](const Vec &x, const Vec &d) {
      double r = 0;
      run_jvp(x[0], d[0], x[1], d[1], x[2], d[2], 9, &r);
      return Vec{r};
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      Vec g(3, 0.0);
      run_vjp(x[0], x[1], x[2], 9, yb[0], &g[0], &g[1], &g[2]);
      return g;
    };
    std::vector<Vec> P = {{0.4, 0.13, Lim}, {0.45, 0.11, Lim + 0.01}};
    tad_test::checkJvp("run", F, J, P);
    tad_test::checkVjp("run", J, V, P, 1);
  }

  // prefix: a[N2] -> R, the running maximum crossing 1 at several places.
  const int N2 = 7;
  for (int Cross = 0; Cross <= N2; ++Cross) {
    auto F = [&](const Vec &a) { return Vec{prefix(a.data(), N2)}; };
    auto J = [&](const Vec &a, const Vec &d) {
      double r = 0;
      prefix_jvp(a.data(), d.data(), N2, &r);
      return Vec{r};
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Vec g(N2, 0.0);
      prefix_vjp(a.data(), N2, yb[0], g.data());
      return g;
    };
    Vec A = tad_test::randomVec(N2, 30 + Cross);
    for (double &X : A)
      X = 0.4 * X;
    if (Cross < N2)
      A[Cross] = 1.5;
    std::vector<Vec> P = {A};
    tad_test::checkJvp("prefix", F, J, P);
    tad_test::checkVjp("prefix", J, V, P, 1);
  }

  // turn: (px, py, a, s) -> R, crossing the axis or shrinking first.
  for (double S : {0.6, 0.97}) {
    auto F = [&](const Vec &x) { return Vec{turn(x[0], x[1], x[2], x[3])}; };
    auto J = [&](const Vec &x, const Vec &d) {
      double r = 0;
      turn_jvp(x[0], d[0], x[1], d[1], x[2], d[2], x[3], d[3], &r);
      return Vec{r};
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      Vec g(4, 0.0);
      turn_vjp(x[0], x[1], x[2], x[3], yb[0], &g[0], &g[1], &g[2], &g[3]);
      return g;
    };
    std::vector<Vec> P = {{1.0, 0.2, 0.31, S}, {0.9, 0.1, 0.27, S}};
    tad_test::checkJvp("turn", F, J, P);
    tad_test::checkVjp("turn", J, V, P, 1);
  }
  return tad_test::report();
}
#endif
