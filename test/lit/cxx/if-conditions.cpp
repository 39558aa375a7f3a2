// Conditions of `if` that need statements before them: std::accumulate,
// std::inner_product and std::max_element, and calls that pass a reference,
// in the condition of an `if` or an `else if`, inside loops, and on the
// right of `&&` (where the guard keeps the range in bounds). Their loops
// and copies run before the branch (an `else if`'s inside the `else`), the
// condition's value held in a constant flag. Written as such code is: a
// trust-region step cut back to its radius, a Huber loss on row sums, rows
// gated by their largest entry if they exist, an integrator that stops when
// its state passes a limit. JVP against central differences, VJP against
// JVP by the dot-product identity, with clang++, g++ (ASan, UBSan, arrays
// of their exact size) and the plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// OUT-NOT: FAIL
// OUT: 146 checks, 0 failed
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc | FileCheck %s --check-prefix=OUT
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
// GEN: void step_jvp(
// GEN: const bool _cond = _acc > r * r;
// GEN: if (_cond) {
// GEN: double huber_vjp(
// GEN: } else {
// GEN-NEXT: double _acc_2 = 0.0;
// GEN: const bool _cond_1 = _acc_2 < -d;
// GEN: _tape.push<bool>(_cond_1);
// GEN: double peaks_jvp(
// GEN: const bool _arm = k < rows;
// GEN: const bool _cond = _arm && a[_best] > 0.2;
// GEN: double integrate_jvp(
// GEN: const double _t0 = advance_jvp(x_ref, d_x_ref, h, d_h, &_d_t0);
// GEN-NEXT: const bool _cond = _t0 > 2.0;
// GEN-NEXT: d_x = d_x_ref;
// GEN: double field_vjp(
// GEN: const bool _cond = _value.x > 0;
#include "tad/tad.h"
#include <algorithm>
#include <cmath>
#include <numeric>

struct Vec2 {
  double x, y;
};
Vec2 load(const double *a, int i) { return Vec2{a[2 * i], a[2 * i + 1]}; }

double advance(double &x, double h) {
  x += h * std::sin(x);
  return x;
}

// A trust-region step: minus the gradient, cut back to the radius r when
// longer.
TAD_JVP TAD_VJP void step(const double *g, int n, double r, double *p) {
  if (std::inner_product(g, g + n, g, 0.0) > r * r) {
    double s = r / std::sqrt(std::inner_product(g, g + n, g, 0.0));
    for (int i = 0; i < n; ++i)
      p[i] = -s * g[i];
  } else {
    for (int i = 0; i < n; ++i)
      p[i] = -g[i];
  }
}

// A Huber loss on the sum of each row.
TAD_JVP TAD_VJP double huber(const double *a, int rows, int n, double d) {
  double loss = 0;
  for (int i = 0; i < rows; ++i) {
    if (std::accumulate(a + i * n, a + (i + 1) * n, 0.0) > d) {
      loss += d * (std::accumulate(a + i * n, a + (i + 1) * n, 0.0) - d / 2);
    } else if (std::accumulate(a + i * n, a + (i + 1) * n, 0.0) < -d) {
      loss -= d * (std::accumulate(a + i * n, a + (i + 1) * n, 0.0) + d / 2);
    } else {
      double s = std::accumulate(a + i * n, a + (i + 1) * n, 0.0);
      loss += s * s / 2;
    }
  }
  return loss;
}

// Row k counts if it exists and its largest entry passes a threshold.
TAD_JVP TAD_VJP double peaks(const double *a, int rows, int n, int k) {
  double s = a[0] * a[1];
  if (k < rows && *std::max_element(a + k * n, a + k * n + n) > 0.2)
    s += std::exp(a[k * n]) * a[0];
  return s;
}

// Steps of x += h sin(x) until x passes 2.
TAD_JVP TAD_VJP double integrate(double x, double h, int steps) {
  for (int k = 0; k < steps; ++k)
    if (advance(x, h) > 2.0)
      break;
  return x * x;
}

// Points on the right half-plane pull, those on the left push; a lambda
// called in place decides which pairs interact.
TAD_JVP TAD_VJP double field(const double *a, int m, double q) {
  double e = 0;
  for (int i = 0; i < m; ++i) {
    if (load(a, i).x > 0)
      e += q * load(a, i).y * load(a, i).y;
    else
      e -= q * std::sin(load(a, i).y);
    if ([&] { return a[2 * i] * a[2 * i + 1] > 0.1; }())
      e += a[2 * i] * q;
  }
  return e;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  // step: (g[N], r) -> p[N], inside and outside the radius.
  const int N = 4;
  for (double R : {0.3, 3.0}) {
    auto F = [&](const Vec &x) {
      Vec p(N);
      step(x.data(), N, x.back(), p.data());
      return p;
    };
    auto J = [&](const Vec &x, const Vec &d) {
      Vec p(N), dp(N);
      step_jvp(x.data(), d.data(), N, x.back(), d.back(), p.data(), dp.data());
      return dp;
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      Vec p(N), cg(N + 1, 0.0), cp = yb;
      step_vjp(x.data(), N, x.back(), p.data(), cg.data(), &cg[N], cp.data());
      return cg;
    };
    std::vector<Vec> P = {tad_test::randomVec(N + 1, 1),
                          tad_test::randomVec(N + 1, 2)};
    for (Vec &X : P)
      X.back() = R;
    tad_test::checkJvp("step", F, J, P);
    tad_test::checkVjp("step", J, V, P, N);
  }

  // huber: (a[Rows * N], d) -> R, rows on all three pieces.
  const int Rows = 5;
  {
    auto F = [&](const Vec &x) {
      return Vec{huber(x.data(), Rows, N, x.back())};
    };
    auto J = [&](const Vec &x, const Vec &d) {
      double r = 0;
      huber_jvp(x.data(), d.data(), Rows, N, x.back(), d.back(), &r);
      return Vec{r};
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      Vec g(Rows * N + 1, 0.0);
      huber_vjp(x.data(), Rows, N, x.back(), yb[0], g.data(), &g.back());
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(Rows * N + 1, 3),
                          tad_test::randomVec(Rows * N + 1, 4)};
    for (Vec &X : P)
      X.back() = 0.7;
    int Pieces[3] = {0, 0, 0};
    for (const Vec &X : P)
      for (int i = 0; i < Rows; ++i) {
        double s = std::accumulate(&X[i * N], &X[i * N] + N, 0.0);
        ++Pieces[s > 0.7 ? 0 : s < -0.7 ? 1 : 2];
      }
    tad_test::expectNear("huber: every piece",
                         Pieces[0] && Pieces[1] && Pieces[2], 1, 0);
    tad_test::checkJvp("huber", F, J, P);
    tad_test::checkVjp("huber", J, V, P, 1);
  }

  // peaks: a[Rows * N] -> R, for every row and one past.
  for (int K = 0; K <= Rows; ++K) {
    auto F = [&](const Vec &a) { return Vec{peaks(a.data(), Rows, N, K)}; };
    auto J = [&](const Vec &a, const Vec &d) {
      double r = 0;
      peaks_jvp(a.data(), d.data(), Rows, N, K, &r);
      return Vec{r};
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Vec g(a.size(), 0.0);
      peaks_vjp(a.data(), Rows, N, K, yb[0], g.data());
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(Rows * N, 10 + K),
                          tad_test::randomVec(Rows * N, 20 + K)};
    tad_test::checkJvp("peaks", F, J, P);
    tad_test::checkVjp("peaks", J, V, P, 1);
  }
  {
    Vec a = tad_test::randomVec(Rows * N, 5);
    tad_test::expectNear("peaks past", peaks(a.data(), Rows, N, Rows),
                         a[0] * a[1], 0);
  }

  // integrate: (x, h) -> R, stopping early or running all steps.
  for (double X0 : {0.5, 1.9}) {
    auto F = [&](const Vec &x) { return Vec{integrate(x[0], x[1], 6)}; };
    auto J = [&](const Vec &x, const Vec &d) {
      double r = 0;
      integrate_jvp(x[0], d[0], x[1], d[1], 6, &r);
      return Vec{r};
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      Vec g(2, 0.0);
      integrate_vjp(x[0], x[1], 6, yb[0], &g[0], &g[1]);
      return g;
    };
    std::vector<Vec> P = {{X0, 0.1}, {X0 + 0.013, 0.07}};
    tad_test::checkJvp("integrate", F, J, P);
    tad_test::checkVjp("integrate", J, V, P, 1);
  }
  // field: (a[2M], q) -> R.
  const int M = 6;
  {
    auto F = [&](const Vec &x) { return Vec{field(x.data(), M, x.back())}; };
    auto J = [&](const Vec &x, const Vec &d) {
      double r = 0;
      field_jvp(x.data(), d.data(), M, x.back(), d.back(), &r);
      return Vec{r};
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      Vec g(2 * M + 1, 0.0);
      field_vjp(x.data(), M, x.back(), yb[0], g.data(), &g.back());
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(2 * M + 1, 6),
                          tad_test::randomVec(2 * M + 1, 7)};
    tad_test::checkJvp("field", F, J, P);
    tad_test::checkVjp("field", J, V, P, 1);
  }
  return tad_test::report();
}
#endif
