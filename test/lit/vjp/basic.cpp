// Reverse mode: f_vjp = transpose(linearize(jvp(f))). Each VJP is checked
// against the JVP by the dot-product identity, and each gradient against
// central finite differences. Loops with known bounds run backwards without
// a tape; other loops and branches inside loops record on the tape.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: FileCheck %s --input-file %t.inc
#include "tad/tad.h"
#include <cmath>

// A reduction over an array, a branch on data, a maths function.
TAD_JVP TAD_VJP double f(double x, const double *w, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::sin(w[i] * x);
  double t = s * s;
  if (t > 1)
    t = std::sqrt(t);
  return t * x;
}
// The canonical loop runs by its bounds, with no tape; forwards, since its
// transposed iterations are independent (they add to ct_w[i] and to the
// cotangent of x, and read nothing another iteration writes):
// CHECK-LABEL: double f_vjp(double x, const double *w, int n, double ct_return, double *ct_x,
// CHECK-NOT: tad::Tape
// CHECK: reverse sweep
// CHECK: for (int i = 0; i < n; ++i) {
// CHECK-NEXT: // line 18
// CHECK-NEXT: const double _g{{[0-9]+}} = std::cos(w[i] * x) * ct_s;
// CHECK-NEXT: ct_w[i] += _g{{[0-9]+}} * x;
// CHECK-NEXT: _ct_x += w[i] * _g{{[0-9]+}};
// CHECK-LABEL: // VJP of 'g'

// An in-place update of an in-out array in a while loop (trip count on
// the tape), and a branch inside the loop.
TAD_JVP TAD_VJP void g(const double *x, double *y, int n) {
  int k = 0;
  while (k < n) {
    y[k] = x[k] * y[k] + std::exp(x[k]);
    if (y[k] > 2)
      y[k] /= x[k] + 3;
    else
      y[k] *= 2;
    k += 1;
  }
}

// Locals, compound assignment, do-while, nested loops, local arrays.
TAD_JVP TAD_VJP double h(const double *a, double b, int m) {
  double acc[3] = {b, 2 * b, 0};
  double p = 1;
  int it = 0;
  do {
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < m; ++j)
        acc[i] += a[j] * p;
      p *= std::tanh(acc[i]);
    }
    p -= b / (1 + acc[2] * acc[2]);
    ++it;
  } while (it < 2);
  return p + acc[0] * acc[1] - acc[2] / (2 + b * b);
}

// A float function with a ?: and mixed precision.
TAD_JVP TAD_VJP float q(float u, double v) {
  float r = u > 0 ? u * u : -u;
  double s = r * v;
  s /= 1 + v * v;
  return static_cast<float>(s) + std::exp(u);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  const int N = 4;
  auto fJ = [](const Vec &x, const Vec &d) {
    double t;
    f_jvp(x[0], d[0], x.data() + 1, d.data() + 1, N, &t);
    return Vec{t};
  };
  auto fV = [](const Vec &x, const Vec &yb) {
    Vec g(x.size(), 0.0);
    f_vjp(x[0], x.data() + 1, N, yb[0], &g[0], g.data() + 1);
    return g;
  };
  std::vector<Vec> fPts = {{0.7, 1, 2, -1, 0.5}, {-1.3, 0.2, 0.1, 0.4, 3}};
  tad_test::checkVjp("f", fJ, fV, fPts, 1);
  tad_test::checkGradient(
      "f_grad", [](const Vec &x) { return Vec{f(x[0], x.data() + 1, N)}; },
      [](const Vec &x) {
        Vec g(x.size(), 0.0);
        f_grad(x[0], x.data() + 1, N, &g[0], g.data() + 1);
        return g;
      },
      fPts);

  // g: inputs x (N) and y (N, in-out); outputs y.
  auto gJ = [](const Vec &v, const Vec &d) {
    Vec y(v.begin() + N, v.end()), dy(d.begin() + N, d.end());
    g_jvp(v.data(), d.data(), y.data(), dy.data(), N);
    return dy;
  };
  auto gV = [](const Vec &v, const Vec &yb) {
    Vec y(v.begin() + N, v.end()), ctx(N, 0.0), cty = yb;
    g_vjp(v.data(), y.data(), N, ctx.data(), cty.data());
    Vec out = ctx;
    out.insert(out.end(), cty.begin(), cty.end());
    return out;
  };
  tad_test::checkVjp("g", gJ, gV,
                     {{0.1, -0.5, 0.9, 0.3, 1, 2, 3, -1},
                      {1.2, 0.4, -0.2, 0.6, 0.5, -2, 0.25, 4}},
                     N);

  auto hJ = [](const Vec &v, const Vec &d) {
    double t;
    h_jvp(v.data(), d.data(), v[3], d[3], 3, &t);
    return Vec{t};
  };
  auto hV = [](const Vec &v, const Vec &yb) {
    Vec g(v.size(), 0.0);
    h_vjp(v.data(), v[3], 3, yb[0], g.data(), &g[3]);
    return g;
  };
  tad_test::checkVjp("h", hJ, hV,
                     {{0.1, 0.2, -0.3, 0.5}, {0.4, -0.1, 0.3, 1.5}}, 1);

  auto qJ = [](const Vec &v, const Vec &d) {
    float t;
    q_jvp(static_cast<float>(v[0]), static_cast<float>(d[0]), v[1], d[1], &t);
    return Vec{t};
  };
  auto qV = [](const Vec &v, const Vec &yb) {
    float gu = 0;
    double gv = 0;
    q_vjp(static_cast<float>(v[0]), v[1], static_cast<float>(yb[0]), &gu, &gv);
    return Vec{gu, gv};
  };
  tad_test::checkVjp("q", qJ, qV, {{0.5, 1.5}, {-0.7, 0.3}}, 1, 1e-5);
  return tad_test::report();
}
#endif
