// Pointers into arrays, lowered as (array, integer offset): `&a[off]`,
// `a + off` and `&a[0]` passed to callees (the derivative passes the same
// offsets into the tangent and cotangent arrays); local pointers
// (`const double *row = A + i * n;`) read with `row[j]` and `*(row + j)`,
// written through, and moved in loops with `p++` and `p += n`. Written as
// dense linear algebra and a small network would be.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: FileCheck %s --input-file %t.inc
// CHECK: dot_jvp(A + i * n, d_A + i * n, x, d_x, n, &
#include "tad/tad.h"
#include <cmath>

static double dot(const double *x, const double *y, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * y[i];
  return s;
}
static void axpy(double a, const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] += a * x[i];
}

// y = tanh(A x) with A n x n, row by row through offsets and a local row
// pointer; then a residual connection into the second half of y.
TAD_JVP TAD_VJP void layer(const double *A, const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i) {
    double z;
    if (i % 2 == 0)
      z = dot(A + i * n, x, n);
    else
      z = dot(&A[i * n], &x[0], n);
    const double *row = A + i * n;
    z += 0.1 * row[0] * *(row + n - 1);
    y[i] = std::tanh(z);
  }
  axpy(0.5, x, &y[n / 2], n - n / 2);
}

// Column sums with a pointer stepped by n, a running pointer with p++,
// and a write through a local pointer.
TAD_JVP TAD_VJP double columns(const double *A, double *out, int n) {
  double total = 0;
  for (int j = 0; j < n; ++j) {
    const double *col = A + j;
    double s = 0;
    for (int i = 0; i < n; ++i) {
      s += *col * *col;
      col += n;
    }
    double *o = out + j;
    *o = std::sqrt(s);
  }
  const double *p = &out[0];
  for (int j = 0; j < n; ++j) {
    total += std::exp(-*p) * (j + 1);
    p++;
  }
  return total;
}

// Outputs through `&r` of a scalar (a one-element copy, written back).
static void sincos_into(double t, double *s, double *c) {
  *s = std::sin(t);
  *c = std::cos(t);
}
TAD_JVP TAD_VJP double outputs(double t, double u) {
  double acc = 0;
  for (int k = 1; k <= 3; ++k) {
    double s, c;
    sincos_into(k * t + u, &s, &c);
    acc += s * c + u * s;
  }
  return acc;
}

// Linear in x, y: y[k..] += 2 x[k] through offsets and a local pointer.
TAD_LINEAR(x, y) void shift_add(const double *x, double *y, int n) {
  double *half = y + n / 2;
  for (int k = 0; k < n / 2; ++k)
    half[k] += 2 * x[k];
  const double *xs = &x[1];
  for (int k = 0; k + 1 < n; ++k) {
    y[k] += 3 * *xs;
    ++xs;
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  const int n = 4;
  // (A, x) -> y
  auto F = [&](const Vec &a) {
    Vec y(n, 0.0);
    layer(a.data(), a.data() + n * n, y.data(), n);
    return y;
  };
  auto J = [&](const Vec &a, const Vec &d) {
    Vec y(n, 0.0), dy(n, 0.0);
    layer_jvp(a.data(), d.data(), a.data() + n * n, d.data() + n * n, y.data(),
              dy.data(), n);
    return dy;
  };
  auto V = [&](const Vec &a, const Vec &yb) {
    Vec y(n, 0.0), g(a.size(), 0.0), cy = yb;
    layer_vjp(a.data(), a.data() + n * n, y.data(), n, g.data(),
              g.data() + n * n, cy.data());
    return g;
  };
  std::vector<Vec> As = {tad_test::randomVec(n * n + n, 1),
                         tad_test::randomVec(n * n + n, 2)};
  tad_test::checkJvp("layer", F, J, As);
  tad_test::checkVjp("layer", J, V, As, n);

  auto FC = [&](const Vec &a) {
    Vec out(n, 0.0);
    double t = columns(a.data(), out.data(), n);
    out.insert(out.begin(), t);
    return out;
  };
  auto JC = [&](const Vec &a, const Vec &d) {
    Vec out(n, 0.0), dout(n, 0.0);
    double dt = 0;
    columns_jvp(a.data(), d.data(), out.data(), dout.data(), n, &dt);
    dout.insert(dout.begin(), dt);
    return dout;
  };
  auto VC = [&](const Vec &a, const Vec &yb) {
    Vec out(n, 0.0), g(a.size(), 0.0), cout(yb.begin() + 1, yb.end());
    columns_vjp(a.data(), out.data(), n, yb[0], g.data(), cout.data());
    return g;
  };
  tad_test::checkJvp("columns", FC, JC, As);
  tad_test::checkVjp("columns", JC, VC, As, n + 1);

  auto FO = [](const Vec &a) { return Vec{outputs(a[0], a[1])}; };
  auto JO = [](const Vec &a, const Vec &d) {
    double t = 0;
    outputs_jvp(a[0], d[0], a[1], d[1], &t);
    return Vec{t};
  };
  auto VO = [](const Vec &a, const Vec &yb) {
    Vec g(2, 0.0);
    outputs_vjp(a[0], a[1], yb[0], &g[0], &g[1]);
    return g;
  };
  std::vector<Vec> Os = {{0.3, -0.4}, {1.2, 0.8}};
  tad_test::checkJvp("outputs", FO, JO, Os);
  tad_test::checkVjp("outputs", JO, VO, Os, 1);
  tad_test::checkGradient(
      "outputs_grad", FO,
      [](const Vec &a) {
        Vec g(2, 0.0);
        outputs_grad(a[0], a[1], &g[0], &g[1]);
        return g;
      },
      Os);

  // <w, S x> = <S^T w, x>
  const int m = 6;
  Vec x = tad_test::randomVec(m, 5), w = tad_test::randomVec(m, 6);
  Vec y(m, 0.0), tx(m, 0.0), w2 = w;
  shift_add(x.data(), y.data(), m);
  shift_add_transpose(tx.data(), w2.data(), m);
  double l = 0, r = 0;
  for (int i = 0; i < m; ++i) {
    l += w[i] * y[i];
    r += tx[i] * x[i];
  }
  tad_test::expectNear("shift_add_transpose", l, r, 1e-12);
  return tad_test::report();
}
#endif
