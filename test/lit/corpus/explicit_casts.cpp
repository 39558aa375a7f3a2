// Explicit casts are kept in the primal and the derivative code: functional
// (double(i)), C-style ((double)i) and static_cast, of variables, of
// expressions and of literals, int -> double, int -> float, float <->
// double, and float -> int (passive). tad used to drop them, so that
// double(i) / double(n) became the integer division i / n in f_jvp, f_vjp
// and f_transpose (primal value and derivative both wrong).
//
// Checks: the values the generated functions return against the primal
// compiled from this source; f_jvp against central finite differences;
// f_vjp against f_jvp by the dot-product identity; f_grad against finite
// differences; f_transpose against the dense matrix of the (linear)
// function; f_inverse and f_ijvp by round trips.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

// The three spellings of an int -> double conversion in a fraction.
// CHECK-LABEL: double frac_jvp(
// CHECK: static_cast<double>(i) / static_cast<double>(n)
TAD_JVP TAD_VJP double frac(double x, int i, int n) {
  double a = double(i) / double(n);
  double b = (double)i / n;
  double c = static_cast<double>(i) / n;
  return x * a + x * x * b + std::sin(x) * c;
}

// Casts of expressions and of literals.
TAD_JVP TAD_VJP double exprs(double x, int i, int n) {
  double a = double(i + 1) / n;
  double b = (double)(i * 3) / (double)(n * 2);
  double c = static_cast<double>(1) / 3 + (double)2 / 7 + double(5) / n;
  double d = x * static_cast<double>(i / 2) + x / (double)(n + i % 2);
  return x * a + x * x * b + c * x + d + (double)(n - i) / n * std::exp(x);
}

// float -> int is passive: the integer part carries no derivative (the
// points below keep away from its jumps).
TAD_JVP TAD_VJP double truncs(double x, double y) {
  int k = (int)(x * 3);
  int m = static_cast<int>(y) + int(2.5 * x);
  double s = x * k + y * m;
  s += (double)(int)(x * 10) / 10 * y; // a truncation, converted back
  return s + x * static_cast<int>(4.7);
}

// float <-> double and int -> float, in float code. Float rounding: step
// 1e-3, tolerance 2e-3 below.
TAD_JVP TAD_VJP double precision(double x, float y, int n) {
  float xf = (float)x;
  float p = static_cast<float>(x * y) + float(n) / float(n + 1);
  double back = double(y) * x + static_cast<double>(xf * y) / 3;
  float q = (float)n / 2 * xf + float(1) / 3 * y;
  return xf * y + p + back + q * (double)p;
}

// Linear in z, the coefficients built with casts: f_transpose.
TAD_LINEAR(z) double lfrac(int i, int n, double z) {
  return z * (double(i) / double(n)) + (double)i / n * z -
         static_cast<double>(i + 1) / (double)n * z * 0.5 +
         (float)z * (float(i) / 3.0f);
}

// Linear in arrays: y = M x with M built from casts.
TAD_LINEAR(x, y) void lweights(const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i) {
    y[i] = x[i] * (double(i) / double(n));
    for (int j = 0; j < i; ++j)
      y[i] += (double)(i - j) / n * x[j] + static_cast<double>(j) / 4 * x[j];
  }
}

// Steps with cast coefficients: the inverse modes.
TAD_JVP TAD_IJVP TAD_INVERSE void shear(double *x, int n) {
  for (int i = 1; i < n; ++i)
    x[i] += (double(i) / double(n)) * std::sin(x[i - 1]);
  x[0] *= std::exp((double)1 / n + 0.5 * (double)(n % 3));
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
#include "invcheck.h"
using tad_test::Vec;

static const int I = 3, N = 7;

int main() {
  std::vector<Vec> Pts = {{0.3, 0.7}, {-0.8, 1.3}, {1.7, 0.4}};

  // frac, exprs: one input x; i, n fixed.
  using Scalar3 = double (*)(double, int, int);
  struct Case {
    const char *Name;
    Scalar3 F;
    double (*J)(double, double, int, int, double *);
    double (*V)(double, int, int, double, double *);
    double (*G)(double, int, int, double *);
  } Cases[] = {{"frac", frac, frac_jvp, frac_vjp, frac_grad},
               {"exprs", exprs, exprs_jvp, exprs_vjp, exprs_grad}};
  for (const Case &C : Cases) {
    auto F = [&](const Vec &x) { return Vec{C.F(x[0], I, N)}; };
    auto J = [&](const Vec &x, const Vec &d) {
      double t;
      double v = C.J(x[0], d[0], I, N, &t);
      tad_test::expectNear(C.Name, v, C.F(x[0], I, N), 1e-15);
      return Vec{t};
    };
    std::vector<Vec> P1 = {{0.3}, {-0.8}, {1.7}};
    tad_test::checkJvp(C.Name, F, J, P1);
    tad_test::checkVjp(
        C.Name, J,
        [&](const Vec &x, const Vec &yb) {
          Vec g(1, 0.0);
          double v = C.V(x[0], I, N, yb[0], &g[0]);
          tad_test::expectNear(C.Name, v, C.F(x[0], I, N), 1e-15);
          return g;
        },
        P1, 1);
    tad_test::checkGradient(
        C.Name, F,
        [&](const Vec &x) {
          Vec g(1, 0.0);
          C.G(x[0], I, N, &g[0]);
          return g;
        },
        P1);
  }

  // truncs: two inputs, away from the jumps of the truncations.
  {
    auto F = [](const Vec &x) { return Vec{truncs(x[0], x[1])}; };
    auto J = [](const Vec &x, const Vec &d) {
      double t;
      double v = truncs_jvp(x[0], d[0], x[1], d[1], &t);
      tad_test::expectNear("truncs", v, truncs(x[0], x[1]), 1e-15);
      return Vec{t};
    };
    std::vector<Vec> P2 = {{0.31, 0.72}, {-0.84, 1.33}, {1.77, 2.46}};
    tad_test::checkJvp("truncs", F, J, P2);
    tad_test::checkVjp(
        "truncs", J,
        [](const Vec &x, const Vec &yb) {
          Vec g(2, 0.0);
          truncs_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
          return g;
        },
        P2, 1);
  }

  // precision: x and y (a float) vary.
  {
    auto F = [](const Vec &x) {
      return Vec{precision(x[0], static_cast<float>(x[1]), N)};
    };
    auto J = [](const Vec &x, const Vec &d) {
      double t;
      double v = precision_jvp(x[0], d[0], static_cast<float>(x[1]),
                               static_cast<float>(d[1]), N, &t);
      tad_test::expectNear("precision", v,
                           precision(x[0], static_cast<float>(x[1]), N), 0);
      return Vec{t};
    };
    std::vector<Vec> P2 = {{0.5, 1.25}, {-1.5, 0.75}, {2.0, -0.5}};
    tad_test::checkJvp("precision", F, J, P2, 2e-3, 1e-3);
    tad_test::checkVjp(
        "precision", J,
        [](const Vec &x, const Vec &yb) {
          double gx = 0;
          float gy = 0;
          precision_vjp(x[0], static_cast<float>(x[1]), N, yb[0], &gx, &gy);
          return Vec{gx, gy};
        },
        P2, 1, 1e-5);
  }

  // lfrac: T(f)(w) = f(1) w, with f(1) computed by the compiler.
  for (double W : {1.0, -2.5, 0.125})
    tad_test::expectNear("lfrac_transpose", lfrac_transpose(I, N, W),
                         lfrac(I, N, 1.0) * W, 1e-6 * std::fabs(W));

  // lweights: the matrix of f_transpose is the transpose of f's.
  {
    const int M = 5;
    double Fm[M][M], Tm[M][M];
    for (int K = 0; K < M; ++K) {
      double x[M] = {0}, y[M] = {0};
      x[K] = 1;
      lweights(x, y, M);
      for (int R = 0; R < M; ++R)
        Fm[R][K] = y[R];
      double cx[M] = {0}, cy[M] = {0};
      cy[K] = 1;
      lweights_transpose(cx, cy, M);
      for (int R = 0; R < M; ++R)
        Tm[R][K] = cx[R];
    }
    for (int R = 0; R < M; ++R)
      for (int K = 0; K < M; ++K)
        tad_test::expectNear("lweights_transpose", Tm[R][K], Fm[K][R], 1e-15);
  }

  // shear: f_ijvp inverts f_jvp, f_inverse inverts shear.
  {
    const int M = 4;
    Vec Z0 = {0.4, -0.3, 0.9, 0.2};
    Vec V = {0.1, 0.5, -0.7, 0.3};
    Vec X = Z0, U = V;
    shear_ijvp(X.data(), U.data(), M);
    Vec X2 = Z0, Back = U;
    shear_jvp(X2.data(), Back.data(), M);
    for (int K = 0; K < M; ++K)
      tad_test::expectNear("shear: J f_ijvp(v) = v", Back[K], V[K], 1e-12);
    Vec Y = Z0;
    shear(Y.data(), M);
    shear_inverse(Y.data(), M);
    for (int K = 0; K < M; ++K)
      tad_test::expectNear("shear: f_inverse(f(z)) = z", Y[K], Z0[K], 1e-12);
    tad_test::checkJvp(
        "shear",
        [](const Vec &x) {
          Vec y = x;
          shear(y.data(), 4);
          return y;
        },
        [](const Vec &x, const Vec &d) {
          Vec y = x, t = d;
          shear_jvp(y.data(), t.data(), 4);
          return t;
        },
        {Z0, V});
  }
  return tad_test::report();
}
#endif
