// Operands evaluated only when a condition holds: an arm of `?:`, the
// right side of `&&` and `||`. What such an operand needs before its
// statement (the loop of std::accumulate, std::inner_product or
// std::max_element, the struct a call returns, a reference argument's
// copy, a lambda called where it is defined) runs under the same
// condition, as C++ evaluates it: a guard that keeps a range in bounds
// keeps it in bounds in the derivatives too. Written as such code is: the
// mean of row k or zero past the last row, a gate on a row's sum, nested
// guards, a struct loaded only for a valid index, an in-place update
// through a reference. JVP against central differences, VJP against JVP by
// the dot-product identity, at indices inside and past the end, on arrays
// allocated to their exact size, with clang++, g++ (ASan, UBSan: an
// unguarded read past the end is a failure) and the plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// OUT-NOT: FAIL
// OUT: 255 checks, 0 failed
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc | FileCheck %s --check-prefix=OUT
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
// GEN: double rowmean_vjp(
// GEN: const bool _arm = k < rows;
// GEN: if (_arm) {
// GEN: ct_a[_k] += ct__acc;
// GEN: double gated_jvp(
// GEN: bool on = _arm && _acc > 0;
// GEN: if (!_arm_1) {
// GEN: bool off = _arm_1 || _acc_1 > 1;
#include "tad/tad.h"
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

struct Vec2 {
  double x, y;
};
Vec2 load(const double *a, int i) { return Vec2{a[2 * i], a[2 * i + 1]}; }
double bump(double &v, double s) {
  v += s;
  return v * v;
}

// The mean of row k, zero past the last row: the guard keeps the range in
// bounds.
TAD_JVP TAD_VJP double rowmean(const double *a, int rows, int n, int k) {
  double m =
      k < rows ? std::accumulate(a + k * n, a + k * n + n, 0.0) / n : 0.0;
  return m * m + a[0];
}

// A row counted only if it exists and its sum is positive.
TAD_JVP TAD_VJP double gated(const double *a, int rows, int n, int k) {
  bool on = k < rows && std::accumulate(a + k * n, a + k * n + n, 0.0) > 0;
  bool off = k >= rows || std::inner_product(a + k * n, a + k * n + n,
                                             a + k * n, 0.0) > 1;
  return (on ? a[0] * a[1] : -a[0]) + (off ? a[1] : 2 * a[1]);
}

// Nested guards: the largest of the next row if there is one, else the
// sum of this row, or zero past the end.
TAD_JVP TAD_VJP double nested(const double *a, int rows, int n, int k) {
  double r = k < rows ? (k + 1 < rows
                             ? *std::max_element(a + (k + 1) * n,
                                                 a + (k + 2) * n)
                             : std::accumulate(a + k * n, a + k * n + n, 0.0))
                      : 0.0;
  return r * a[0];
}

// A struct returned by a call and a reference argument, for a valid index
// only.
TAD_JVP TAD_VJP double points(double *a, int m, int i, double s) {
  double px = i < m ? load(a, i).x : s, py = i < m ? load(a, i).y : s;
  double e = i < m ? bump(a[2 * i], s) : s * s;
  return px * py + e;
}

// A lambda called where it is defined, in an arm.
TAD_JVP TAD_VJP double scaled(const double *a, int n, int k, double w) {
  double t = k < n ? [&](double u) { return w * u * a[k]; }(a[k]) : w;
  return t * t;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  const int Rows = 3, N = 4;
  // rowmean, gated, nested: a[Rows * N] -> R, for every row and one past.
  using Fn = double (*)(const double *, int, int, int);
  using Jv = double (*)(const double *, const double *, int, int, int,
                        double *);
  using Vj = double (*)(const double *, int, int, int, double, double *);
  struct Case {
    const char *Name;
    Fn F;
    Jv J;
    Vj V;
  };
  for (const Case &C : {Case{"rowmean", rowmean, rowmean_jvp, rowmean_vjp},
                        Case{"gated", gated, gated_jvp, gated_vjp},
                        Case{"nested", nested, nested_jvp, nested_vjp}}) {
    for (int K = 0; K <= Rows; ++K) {
      auto F = [&](const Vec &a) { return Vec{C.F(a.data(), Rows, N, K)}; };
      auto J = [&](const Vec &a, const Vec &d) {
        double r = 0;
        C.J(a.data(), d.data(), Rows, N, K, &r);
        return Vec{r};
      };
      auto V = [&](const Vec &a, const Vec &yb) {
        Vec g(a.size(), 0.0);
        C.V(a.data(), Rows, N, K, yb[0], g.data());
        return g;
      };
      std::vector<Vec> P = {tad_test::randomVec(Rows * N, 10 + K),
                            tad_test::randomVec(Rows * N, 20 + K)};
      for (double &x : P[1]) // positive rows: the other side of the gates
        x = std::fabs(x) + 0.4;
      tad_test::checkJvp(C.Name, F, J, P);
      tad_test::checkVjp(C.Name, J, V, P, 1);
    }
  }
  {
    // Past the end every guarded operand is zero or the other arm.
    Vec a = tad_test::randomVec(Rows * N, 3);
    tad_test::expectNear("rowmean past", rowmean(a.data(), Rows, N, Rows),
                         a[0], 0);
    tad_test::expectNear("nested past", nested(a.data(), Rows, N, Rows), 0, 0);
    double s = 0;
    for (int j = 0; j < N; ++j)
      s += a[(Rows - 1) * N + j];
    tad_test::expectNear("nested last", nested(a.data(), Rows, N, Rows - 1),
                         s * a[0], 1e-14);
  }

  // points: (a[2M], s) -> (R, a[2M]), for every point and one past.
  const int M = 3;
  for (int I = 0; I <= M; ++I) {
    auto F = [&](const Vec &x) {
      Vec a(x.begin(), x.end() - 1);
      double r = points(a.data(), M, I, x.back());
      a.insert(a.begin(), r);
      return a;
    };
    auto J = [&](const Vec &x, const Vec &d) {
      Vec a(x.begin(), x.end() - 1), da(d.begin(), d.end() - 1);
      double r = 0;
      points_jvp(a.data(), da.data(), M, I, x.back(), d.back(), &r);
      da.insert(da.begin(), r);
      return da;
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      Vec a(x.begin(), x.end() - 1), ca(yb.begin() + 1, yb.end());
      double cs = 0;
      points_vjp(a.data(), M, I, x.back(), yb[0], ca.data(), &cs);
      ca.push_back(cs);
      return ca;
    };
    std::vector<Vec> P = {tad_test::randomVec(2 * M + 1, 30 + I),
                          tad_test::randomVec(2 * M + 1, 40 + I)};
    tad_test::checkJvp("points", F, J, P);
    tad_test::checkVjp("points", J, V, P, 2 * M + 1);
  }

  // scaled: (a[N], w) -> R, for every k and one past.
  for (int K = 0; K <= N; ++K) {
    auto F = [&](const Vec &x) {
      Vec a(x.begin(), x.end() - 1);
      return Vec{scaled(a.data(), N, K, x.back())};
    };
    auto J = [&](const Vec &x, const Vec &d) {
      Vec a(x.begin(), x.end() - 1), da(d.begin(), d.end() - 1);
      double r = 0;
      scaled_jvp(a.data(), da.data(), N, K, x.back(), d.back(), &r);
      return Vec{r};
    };
    auto V = [&](const Vec &x, const Vec &yb) {
      Vec a(x.begin(), x.end() - 1), g(N, 0.0);
      double cw = 0;
      scaled_vjp(a.data(), N, K, x.back(), yb[0], g.data(), &cw);
      g.push_back(cw);
      return g;
    };
    std::vector<Vec> P = {tad_test::randomVec(N + 1, 50 + K),
                          tad_test::randomVec(N + 1, 60 + K)};
    tad_test::checkJvp("scaled", F, J, P);
    tad_test::checkVjp("scaled", J, V, P, 1);
  }
  return tad_test::report();
}
#endif
