// Pointer/array parameters read and written with subscripts (const double*
// inputs, double* outputs, in-out arrays), fixed-size local arrays (with and
// without initialisers), compound assignment on array elements, nested loops
// over arrays. JVPs against central finite differences, VJPs against the JVPs
// by the dot-product identity, gradients against central finite differences,
// compiled with clang++ and g++ (-Wall -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

// y = A x, A n-by-m row-major; y is a pure output.
TAD_JVP TAD_VJP void matvec(const double *A, const double *x, double *y, int n,
                            int m) {
  for (int i = 0; i < n; ++i) {
    y[i] = 0;
    for (int j = 0; j < m; ++j)
      y[i] += A[i * m + j] * x[j];
  }
}

// y += a x: an in-out array.
TAD_JVP TAD_VJP void axpy(double a, const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] += a * x[i];
}

// C = A B for A 2x3, B 3x2, through a local 2x2 buffer; returns the trace.
TAD_JVP TAD_VJP double matmul(const double *A, const double *B, double *C) {
  double tmp[4];
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      double s = 0;
      for (int k = 0; k < 3; ++k)
        s += A[i * 3 + k] * B[k * 2 + j];
      tmp[i * 2 + j] = s;
    }
  }
  for (int i = 0; i < 4; ++i)
    C[i] = tmp[i];
  return tmp[0] + tmp[3];
}

// Local arrays: a constant initialiser, an initialiser from active values,
// an uninitialised one filled element by element; -= *= /= on elements.
TAD_JVP TAD_VJP double local_arrays(double x, double y) {
  double w[3] = {0.5, -1.0, 2.0};
  double u[3] = {x, y, x * y};
  double v[4];
  v[0] = x;
  v[1] = y;
  v[2] = x * y;
  v[3] = x - y;
  double s = 0;
  for (int i = 0; i < 3; ++i) {
    w[i] *= v[i + 1];
    u[i] -= w[i];
    u[i] /= 1.0 + v[i] * v[i];
    s += w[i] * v[i] + u[i];
  }
  return s;
}

// In-place prefix sum and scaling of an in-out array, and a running
// product written to a separate output.
TAD_JVP TAD_VJP void scan_inplace(double *x, double *prod, int n) {
  for (int i = 1; i < n; ++i)
    x[i] += x[i - 1];
  double acc = 1.0;
  for (int i = 0; i < n; ++i) {
    acc *= x[i];
    prod[i] = acc;
    x[i] /= 1.0 + i;
    x[i] -= 0.25 * acc;
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  // x = (A[0..5], x[0..2]).
  auto matvecJ = [](const Vec &x, const Vec &d) {
    Vec y(2), dy(2, 123.0); // initial tangent contents are ignored
    matvec_jvp(x.data(), d.data(), x.data() + 6, d.data() + 6, y.data(),
               dy.data(), 2, 3);
    return dy;
  };
  std::vector<Vec> matvecPts = {{1, 2, 3, 4, 5, 6, 0.5, -1, 2},
                                {-0.3, 0.7, 1.1, 2.0, -1.5, 0.2, 3, 1, -2}};
  tad_test::checkJvp(
      "matvec",
      [](const Vec &x) {
        Vec y(2);
        matvec(x.data(), x.data() + 6, y.data(), 2, 3);
        return y;
      },
      matvecJ, matvecPts);
  // y is a pure output: its cotangent on entry is ybar, on exit ignored.
  tad_test::checkVjp(
      "matvec", matvecJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(x.size(), 0.0), y(2), cty = yb;
        matvec_vjp(x.data(), x.data() + 6, y.data(), 2, 3, g.data(),
                   g.data() + 6, cty.data());
        return g;
      },
      matvecPts, 2);
  // x = (a, x[0..3], y[0..3]); outputs the final y.
  auto axpyJ = [](const Vec &x, const Vec &d) {
    Vec y(x.begin() + 5, x.end()), dy(d.begin() + 5, d.end());
    axpy_jvp(x[0], d[0], x.data() + 1, d.data() + 1, y.data(), dy.data(), 4);
    return dy;
  };
  std::vector<Vec> axpyPts = {{2.0, 1, 2, 3, 4, 0.5, 0.25, -1, 3},
                              {-0.5, 0.3, -2, 1.5, 0.1, 1, 1, 1, 1}};
  tad_test::checkJvp(
      "axpy",
      [](const Vec &x) {
        Vec y(x.begin() + 5, x.end());
        axpy(x[0], x.data() + 1, y.data(), 4);
        return y;
      },
      axpyJ, axpyPts);
  // y is in-out: ct_y holds ybar on entry and the cotangent of the input y
  // on exit.
  tad_test::checkVjp(
      "axpy", axpyJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(x.size(), 0.0), y(x.begin() + 5, x.end()), cty = yb;
        axpy_vjp(x[0], x.data() + 1, y.data(), 4, &g[0], g.data() + 1,
                 cty.data());
        for (int i = 0; i < 4; ++i)
          g[5 + i] += cty[i];
        return g;
      },
      axpyPts, 4);
  // x = (A[0..5], B[0..5]); outputs C and the trace.
  auto matmulJ = [](const Vec &x, const Vec &d) {
    Vec c(5), dc(5);
    matmul_jvp(x.data(), d.data(), x.data() + 6, d.data() + 6, c.data(),
               dc.data(), &dc[4]);
    return dc;
  };
  std::vector<Vec> matmulPts = {
      {1, 2, 3, 4, 5, 6, -1, 0.5, 2, 1.5, 0.25, -3},
      {0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 2, 1, -1, 3, 0.5, 0.7}};
  tad_test::checkJvp(
      "matmul",
      [](const Vec &x) {
        Vec c(5);
        c[4] = matmul(x.data(), x.data() + 6, c.data());
        return c;
      },
      matmulJ, matmulPts);
  // ybar = (ct_C[0..3], ct_return), the layout of matmulJ's outputs.
  tad_test::checkVjp(
      "matmul", matmulJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(x.size(), 0.0), c(4), ctc(yb.begin(), yb.begin() + 4);
        matmul_vjp(x.data(), x.data() + 6, c.data(), yb[4], g.data(),
                   g.data() + 6, ctc.data());
        return g;
      },
      matmulPts, 5);
  auto localArraysF = [](const Vec &x) {
    return Vec{local_arrays(x[0], x[1])};
  };
  auto localArraysJ = [](const Vec &x, const Vec &d) {
    double t;
    local_arrays_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> localArraysPts = {{0.5, 1.5}, {-2.0, 0.75}, {1.25, -3.0}};
  tad_test::checkJvp("local_arrays", localArraysF, localArraysJ,
                     localArraysPts);
  tad_test::checkVjp(
      "local_arrays", localArraysJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        local_arrays_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      localArraysPts, 1);
  tad_test::checkGradient(
      "local_arrays_grad", localArraysF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        local_arrays_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      localArraysPts);
  // x = x[0..4]; outputs the final x and prod.
  auto scanJ = [](const Vec &x, const Vec &d) {
    Vec a = x, da = d, p(5), dp(5);
    scan_inplace_jvp(a.data(), da.data(), p.data(), dp.data(), 5);
    da.insert(da.end(), dp.begin(), dp.end());
    return da;
  };
  std::vector<Vec> scanPts = {{0.5, 1.0, -0.5, 2.0, 0.25},
                              {1.1, 0.9, 1.2, 0.8, 1.0}};
  tad_test::checkJvp(
      "scan_inplace",
      [](const Vec &x) {
        Vec a = x, p(5);
        scan_inplace(a.data(), p.data(), 5);
        a.insert(a.end(), p.begin(), p.end());
        return a;
      },
      scanJ, scanPts);
  // x in-out (ct_x returns the input cotangent), prod a pure output.
  tad_test::checkVjp(
      "scan_inplace", scanJ,
      [](const Vec &x, const Vec &yb) {
        Vec a = x, p(5), cta(yb.begin(), yb.begin() + 5),
            ctp(yb.begin() + 5, yb.end());
        scan_inplace_vjp(a.data(), p.data(), 5, cta.data(), ctp.data());
        return cta;
      },
      scanPts, 10);
  return tad_test::report();
}
#endif
