// std::max / std::min of expressions (which bind temporaries: the statement
// is an ExprWithCleanups) in assignments, compound assignments and stores
// into local arrays, and fmax / fmin, in every mode; and assert(...), which
// tad accepts and drops from the generated functions (as NDEBUG would: the
// primal still checks it). tad used to reject all of these with "this
// expression statement has no effect tad can differentiate; remove it".
//
// Checks (at points away from ties): f_jvp against central finite
// differences, f_vjp against f_jvp by the dot-product identity, f_grad
// against finite differences, f_transpose against f's coefficient, and the
// inverse modes by round trips, dense solves and log-determinants
// (invcheck.h).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc --implicit-check-not=assert
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx -DNDEBUG -DTAD_GENERATED='"%t.inc"' %s -o %t.ndebug && %t.ndebug
#include "tad/tad.h"
#include <algorithm>
#include <cassert>
#include <cmath>

// The reproducer.
// CHECK-LABEL: double assign_max_jvp(
// CHECK: s = std::max(x * 2, y);
TAD_JVP TAD_VJP double assign_max(double x, double y) {
  double s;
  s = std::max(x * 2, y);
  return s * y;
}

// Compound assignments, stores into local arrays (one of them nearly dead:
// only its first element is read, once), and the C spellings.
TAD_JVP TAD_VJP double accumulate(const double *x, int n) {
  double m[4] = {0, 0, 0, 0};
  double dead[2];
  double s = 0;
  for (int i = 0; i < n; ++i) {
    m[i % 4] = std::max(x[i] * x[i], 0.25);
    dead[i % 2] = std::max(x[i] * 2, 1.0);
    s += std::min(x[i] * 3.0, 1.0 - x[i]);
    s -= std::fmax(m[i % 4], std::sin(x[i])) * 0.5;
    s *= 1.0 + 0.1 * fmin(x[i], 0.5);
  }
  return s + m[0] * m[1] + 1e-3 * dead[0];
}

// A leaky-ReLU layer y = max(Wx, 0) + 0.01 min(Wx, 0), with asserts.
TAD_JVP TAD_VJP void relu_layer(const double *W, const double *x, double *y,
                                int n) {
  assert(n > 0 && "empty layer");
  for (int i = 0; i < n; ++i) {
    double a = 0;
    for (int j = 0; j < n; ++j)
      a += W[i * n + j] * x[j];
    assert(std::isfinite(a));
    y[i] = std::max(0.0, a);
    y[i] += std::min(a, 0.0) * 0.01;
  }
}

// asserts on inputs and on intermediate values.
TAD_JVP TAD_VJP double norm(const double *x, int n) {
  assert(n >= 1);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  assert(s >= 0);
  return std::sqrt(s);
}

// Linear in z, with max / min of the residual as coefficients.
TAD_LINEAR(z) double lclip(double c, double z) {
  double w;
  w = std::max(c * 2, 0.5) * z;
  w += std::min(c, 1.0) * z;
  return w;
}

// Steps that add a max / min of other state values.
TAD_JVP TAD_VJP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE void steps(double *x) {
  for (int i = 1; i < 4; ++i)
    x[i] += std::max(x[i - 1] * 0.5, std::sin(x[i - 1]));
  x[0] -= std::fmin(x[3], 0.3) * 2;
  x[2] += std::min(x[0] * x[1], 0.1);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
#include "invcheck.h"
using tad_test::Vec;

int main() {
  {
    auto F = [](const Vec &x) { return Vec{assign_max(x[0], x[1])}; };
    auto J = [](const Vec &x, const Vec &d) {
      double t;
      assign_max_jvp(x[0], d[0], x[1], d[1], &t);
      return Vec{t};
    };
    std::vector<Vec> P = {{0.3, 1.1}, {0.9, 0.4}, {-0.7, -0.2}};
    tad_test::checkJvp("assign_max", F, J, P);
    tad_test::checkVjp(
        "assign_max", J,
        [](const Vec &x, const Vec &yb) {
          Vec g(2, 0.0);
          assign_max_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
          return g;
        },
        P, 1);
    tad_test::checkGradient(
        "assign_max_grad", F,
        [](const Vec &x) {
          Vec g(2, 0.0);
          assign_max_grad(x[0], x[1], &g[0], &g[1]);
          return g;
        },
        P);
  }
  {
    const int N = 6;
    auto F = [](const Vec &x) { return Vec{accumulate(x.data(), N)}; };
    auto J = [](const Vec &x, const Vec &d) {
      double t;
      accumulate_jvp(x.data(), d.data(), N, &t);
      return Vec{t};
    };
    std::vector<Vec> P = {tad_test::randomVec(N, 1), tad_test::randomVec(N, 2),
                          tad_test::randomVec(N, 3)};
    tad_test::checkJvp("accumulate", F, J, P);
    tad_test::checkVjp(
        "accumulate", J,
        [](const Vec &x, const Vec &yb) {
          Vec g(N, 0.0);
          accumulate_vjp(x.data(), N, yb[0], g.data());
          return g;
        },
        P, 1);
  }
  {
    const int N = 4;
    // Inputs: W (N*N) then x (N); outputs y.
    auto F = [](const Vec &v) {
      Vec y(N);
      relu_layer(v.data(), v.data() + N * N, y.data(), N);
      return y;
    };
    auto J = [](const Vec &v, const Vec &d) {
      Vec y(N), dy(N);
      relu_layer_jvp(v.data(), d.data(), v.data() + N * N, d.data() + N * N,
                     y.data(), dy.data(), N);
      return dy;
    };
    std::vector<Vec> P = {tad_test::randomVec(N * N + N, 4),
                          tad_test::randomVec(N * N + N, 5)};
    tad_test::checkJvp("relu_layer", F, J, P);
    tad_test::checkVjp(
        "relu_layer", J,
        [](const Vec &v, const Vec &yb) {
          Vec g(N * N + N, 0.0), y(N), cy = yb;
          relu_layer_vjp(v.data(), v.data() + N * N, y.data(), N, g.data(),
                         g.data() + N * N, cy.data());
          return g;
        },
        P, N);
  }
  {
    const int N = 5;
    auto F = [](const Vec &x) { return Vec{norm(x.data(), N)}; };
    auto J = [](const Vec &x, const Vec &d) {
      double t;
      norm_jvp(x.data(), d.data(), N, &t);
      return Vec{t};
    };
    std::vector<Vec> P = {tad_test::randomVec(N, 6), tad_test::randomVec(N, 7)};
    tad_test::checkJvp("norm", F, J, P);
    tad_test::checkGradient(
        "norm_grad", F,
        [](const Vec &x) {
          Vec g(N, 0.0);
          norm_grad(x.data(), N, g.data());
          return g;
        },
        P);
  }
  // lclip is c(z) = k z: its transpose is w -> k w, k = lclip(c, 1).
  for (double C : {-0.4, 0.1, 0.8, 1.7})
    for (double W : {1.0, -2.0})
      tad_test::expectNear("lclip_transpose", lclip_transpose(C, W),
                           lclip(C, 1.0) * W, 1e-15);
  {
    tad_test::InvProgram Prog;
    Prog.Name = "steps";
    Prog.N = 4;
    Prog.F = [](Vec &z) { steps(z.data()); };
    Prog.Jvp = [](Vec &z, Vec &t) { steps_jvp(z.data(), t.data()); };
    Prog.Ijvp = [](Vec &z, Vec &t) { steps_ijvp(z.data(), t.data()); };
    Prog.Ivjp = [](Vec &z, Vec &c) { steps_ivjp(z.data(), c.data()); };
    Prog.LogDet = [](Vec &z) { return steps_logdet(z.data()); };
    Prog.Inverse = [](Vec &z) { steps_inverse(z.data()); };
    Prog.Vjp = [](Vec &z, Vec &c) { steps_vjp(z.data(), c.data()); };
    for (unsigned Seed : {11u, 12u, 13u})
      tad_test::checkInverse(Prog, tad_test::randomVec(4, Seed));
    tad_test::checkJvp(
        "steps",
        [](const Vec &x) {
          Vec y = x;
          steps(y.data());
          return y;
        },
        [](const Vec &x, const Vec &d) {
          Vec y = x, t = d;
          steps_jvp(y.data(), t.data());
          return t;
        },
        {tad_test::randomVec(4, 11), tad_test::randomVec(4, 12)});
  }
  return tad_test::report();
}
#endif
