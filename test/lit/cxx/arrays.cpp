// 2-D and 3-D local arrays (lowered flat, indexed row-major; a row passed
// to a callee is a pointer at the row's offset), static const
// and constexpr local tables, and default arguments of callees: a 3x3
// rotation built as a matrix and applied in a loop, a Gauss quadrature
// with its weights in a static const table, a 2x2x2 trilinear
// interpolation, and a linear blur with a constexpr kernel (transposed).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: FileCheck %s --input-file %t.inc
// CHECK: double R[9] = {c, -s, 0, s, c, 0, 0, 0, 1};
// CHECK: R[i * 3 + j]
#include "tad/tad.h"
#include <cmath>

static double dot3(const double *a, const double *b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

// Rotate the points p (n x 3) about z by theta and scale them; returns the
// sum of squared distances to q.
TAD_JVP TAD_VJP double misfit(double theta, double scale, const double *p,
                              const double *q, int n) {
  double c = std::cos(theta), s = std::sin(theta);
  double R[3][3] = {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
  double err = 0;
  for (int k = 0; k < n; ++k) {
    double y[3];
    for (int i = 0; i < 3; ++i) {
      y[i] = 0;
      for (int j = 0; j < 3; ++j)
        y[i] += scale * R[i][j] * p[3 * k + j];
    }
    for (int i = 0; i < 3; ++i)
      err += (y[i] - q[3 * k + i]) * (y[i] - q[3 * k + i]);
    // The same through rows of R passed as pointers.
    for (int i = 0; i < 3; ++i)
      err += 0.1 * dot3(R[i], p + 3 * k) * dot3(R[2 - i], &p[3 * k]);
  }
  return err;
}

// A default argument: the number of quadrature intervals.
static double integrate(double a, double b, double k, int m = 4) {
  static const double node[3] = {-0.7745966692414834, 0.0, 0.7745966692414834};
  static const double weight[3] = {5.0 / 9, 8.0 / 9, 5.0 / 9};
  double h = (b - a) / m, sum = 0;
  for (int j = 0; j < m; ++j)
    for (int g = 0; g < 3; ++g) {
      double t = a + h * (j + 0.5 + 0.5 * node[g]);
      sum += 0.5 * h * weight[g] * std::exp(-k * t * t);
    }
  return sum;
}

TAD_JVP TAD_VJP double quad(double a, double b, double k) {
  return integrate(a, b, k) + 0.5 * integrate(a, b, 2 * k, 2);
}

// Trilinear interpolation in a 2x2x2 cell whose corner values are local.
TAD_JVP TAD_VJP double trilinear(const double *v, double x, double y,
                                 double z) {
  double c[2][2][2];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      for (int k = 0; k < 2; ++k)
        c[i][j][k] = v[4 * i + 2 * j + k] * (1 + 0.1 * i * j);
  double w[2][3] = {{1 - x, 1 - y, 1 - z}, {x, y, z}};
  double s = 0;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      for (int k = 0; k < 2; ++k)
        s += w[i][0] * w[j][1] * w[k][2] * c[i][j][k];
  return s * s;
}

// Linear in u: a blur with a constexpr kernel and a static const scale.
TAD_LINEAR(u, y) void blur(const double *u, double *y, int n) {
  constexpr double kernel[3] = {0.25, 0.5, 0.25};
  static const double gain = 2.0;
  for (int i = 1; i + 1 < n; ++i) {
    y[i] = 0;
    for (int d = 0; d < 3; ++d)
      y[i] += gain * kernel[d] * u[i - 1 + d];
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  const int n = 4;
  Vec q = tad_test::randomVec(3 * n, 5);
  // x = (theta, scale, p...)
  auto F = [&](const Vec &x) {
    return Vec{misfit(x[0], x[1], x.data() + 2, q.data(), n)};
  };
  auto J = [&](const Vec &x, const Vec &d) {
    double t = 0;
    Vec dq(q.size(), 0.0);
    misfit_jvp(x[0], d[0], x[1], d[1], x.data() + 2, d.data() + 2, q.data(),
               dq.data(), n, &t);
    return Vec{t};
  };
  auto V = [&](const Vec &x, const Vec &yb) {
    Vec g(x.size(), 0.0), gq(q.size(), 0.0);
    misfit_vjp(x[0], x[1], x.data() + 2, q.data(), n, yb[0], &g[0], &g[1],
               g.data() + 2, gq.data());
    return g;
  };
  std::vector<Vec> Xs = {tad_test::randomVec(2 + 3 * n, 1),
                         tad_test::randomVec(2 + 3 * n, 2)};
  tad_test::checkJvp("misfit", F, J, Xs);
  tad_test::checkVjp("misfit", J, V, Xs, 1);
  tad_test::checkGradient(
      "misfit_grad", F, [&](const Vec &x) { return V(x, Vec{1.0}); }, Xs);

  auto FQ = [](const Vec &x) { return Vec{quad(x[0], x[1], x[2])}; };
  auto JQ = [](const Vec &x, const Vec &d) {
    double t = 0;
    quad_jvp(x[0], d[0], x[1], d[1], x[2], d[2], &t);
    return Vec{t};
  };
  auto VQ = [](const Vec &x, const Vec &yb) {
    Vec g(3, 0.0);
    quad_vjp(x[0], x[1], x[2], yb[0], &g[0], &g[1], &g[2]);
    return g;
  };
  std::vector<Vec> Qs = {{-0.5, 1.2, 0.8}, {0.1, 2.0, 1.5}};
  tad_test::checkJvp("quad", FQ, JQ, Qs);
  tad_test::checkVjp("quad", JQ, VQ, Qs, 1);
  tad_test::checkGradient(
      "quad_grad", FQ,
      [](const Vec &x) {
        Vec g(3, 0.0);
        quad_grad(x[0], x[1], x[2], &g[0], &g[1], &g[2]);
        return g;
      },
      Qs);
  // The default argument is the primal's: m = 4 matches a 4-interval sum.
  tad_test::expectNear("quad default argument", quad(0, 1, 1),
                       integrate(0, 1, 1, 4) + 0.5 * integrate(0, 1, 2, 2), 0);

  // x = (v[8], x, y, z)
  auto FT = [](const Vec &a) {
    return Vec{trilinear(a.data(), a[8], a[9], a[10])};
  };
  auto JT = [](const Vec &a, const Vec &d) {
    double t = 0;
    trilinear_jvp(a.data(), d.data(), a[8], d[8], a[9], d[9], a[10], d[10], &t);
    return Vec{t};
  };
  auto VT = [](const Vec &a, const Vec &yb) {
    Vec g(11, 0.0);
    trilinear_vjp(a.data(), a[8], a[9], a[10], yb[0], g.data(), &g[8], &g[9],
                  &g[10]);
    return g;
  };
  std::vector<Vec> Ts = {tad_test::randomVec(11, 3),
                         tad_test::randomVec(11, 4)};
  tad_test::checkJvp("trilinear", FT, JT, Ts);
  tad_test::checkVjp("trilinear", JT, VT, Ts, 1);
  tad_test::checkGradient(
      "trilinear_grad", FT, [&](const Vec &a) { return VT(a, Vec{1.0}); }, Ts);

  // <w, B u> = <B^T w, u>
  const int m = 9;
  Vec u = tad_test::randomVec(m, 11), w = tad_test::randomVec(m, 12);
  w[0] = w[m - 1] = 0; // blur does not write the ends
  Vec y(m, 0.0), bu(m, 0.0), w2 = w;
  blur(u.data(), y.data(), m);
  blur_transpose(bu.data(), w2.data(), m);
  double l = 0, r = 0;
  for (int i = 0; i < m; ++i) {
    l += w[i] * y[i];
    r += bu[i] * u[i];
  }
  tad_test::expectNear("blur_transpose", l, r, 1e-12);
  return tad_test::report();
}
#endif
