// A function carrying both TAD_CUSTOM_JVP and TAD_CUSTOM_TRANSPOSE (the
// linear-solve shape of THEORY.md table 2.7, CT-23, with both rules on the
// solve itself): forward mode uses its JVP rule, also when a residual (the
// matrix) carries a tangent; reverse mode uses the transpose rule where it
// applies (only the linear arguments carry derivatives) and the JVP rule,
// linearized, where a residual does (its tangent goes through the solve
// again, transposed by the rule). tad used to refuse forward mode with
// "cannot differentiate with respect to 'A', a residual of 'solve'".
//
// Checks: f_jvp against central finite differences of the primal, f_vjp
// against f_jvp by the dot-product identity, f_grad against finite
// differences, for a 2x2 solve (arrays) and a scalar division.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

// x = A^-1 b for a 2x2 A; the transpose rule applies A^-T.
void solve_t(const double *A, double *b, double *x) {
  double det = A[0] * A[3] - A[1] * A[2];
  b[0] += (A[3] * x[0] - A[2] * x[1]) / det;
  b[1] += (A[0] * x[1] - A[1] * x[0]) / det;
  x[0] = 0;
  x[1] = 0;
}
void solve(const double *A, const double *b, double *x);
// d x = A^-1 (d b - d A x): through the solve again.
void solve_rule(const double *A, const double *d_A, const double *b,
                const double *d_b, double *x, double *d_x) {
  solve(A, b, x);
  double r[2];
  r[0] = d_b[0] - (d_A[0] * x[0] + d_A[1] * x[1]);
  r[1] = d_b[1] - (d_A[2] * x[0] + d_A[3] * x[1]);
  solve(A, r, d_x);
}
TAD_CUSTOM_JVP(solve_rule)
TAD_CUSTOM_TRANSPOSE(solve_t)
    TAD_LINEAR(b, x) void solve(const double *A, const double *b, double *x) {
  double det = A[0] * A[3] - A[1] * A[2];
  x[0] = (A[3] * b[0] - A[1] * b[1]) / det;
  x[1] = (A[0] * b[1] - A[2] * b[0]) / det;
}

// The matrix and the right-hand side both vary.
// CHECK-LABEL: // JVP of 'loss'
// CHECK: solve_jvp(A, d_A, b, d_b, x, d_x);
// CHECK-LABEL: // VJP of 'loss'
// CHECK: solve_t(A, ct_r, ct_x);
TAD_JVP TAD_VJP double loss(const double *A, const double *b) {
  double x[2];
  solve(A, b, x);
  return x[0] * x[0] - 2 * x[1] + std::sin(x[0] * x[1]);
}

// Only the right-hand side varies (A is a constant local matrix).
// CHECK-LABEL: // VJP of 'rhs_only'
// CHECK: solve_t(A, ct_r, ct_x);
TAD_JVP TAD_VJP double rhs_only(const double *b) {
  double A[4] = {2, 1, 0.5, 3};
  double x[2];
  solve(A, b, x);
  return x[0] * x[1];
}

// The scalar shape: q(a, z) = z / a, linear in z.
double q_t(double a, double ct) { return ct / a; }
double q(double a, double z);
double q_rule(double a, double d_a, double z, double d_z, double *d_ret) {
  *d_ret = q(a, d_z) - z * d_a / (a * a);
  return z / a;
}
TAD_CUSTOM_JVP(q_rule) TAD_CUSTOM_TRANSPOSE(q_t) double q(double a, double z) {
  return z / a;
}
// Both arguments vary: forward mode calls q's rule, reverse mode
// linearizes it.
// CHECK-LABEL: // JVP of 'both'
// CHECK: q_jvp(a * a + 1, 2.0 * (a * d_a), z, d_z, &_d_t0);
TAD_JVP TAD_VJP double both(double a, double z) { return q(a * a + 1, z) * z; }
// Only z varies: reverse mode calls the transpose rule.
// CHECK-LABEL: // VJP of 'z_only'
// CHECK: q_t(3.0, _g0)
// CHECK-LABEL: // JVP of 'solve'
// CHECK: solve_rule(A, d_A, b, d_b, x, d_x);
// CHECK-LABEL: // JVP of 'q'
// CHECK: return q_rule(a, d_a, z, d_z, d_return);
// CHECK-LABEL: // VJP of 'q'
// CHECK: q_t(a, _g0)
TAD_JVP TAD_VJP double z_only(double z) { return q(3.0, z * z) + z; }

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  // loss: inputs A (4) then b (2), around a well-conditioned A.
  std::vector<Vec> P = {{2, 1, 0.5, 3, 1, 2}, {1.5, -0.4, 0.3, 2.2, -0.7, 0.9}};
  auto LossF = [](const Vec &v) { return Vec{loss(v.data(), v.data() + 4)}; };
  auto LossJ = [](const Vec &v, const Vec &d) {
    double t;
    double y = loss_jvp(v.data(), d.data(), v.data() + 4, d.data() + 4, &t);
    tad_test::expectNear("loss_jvp value", y, loss(v.data(), v.data() + 4),
                         1e-14);
    return Vec{t};
  };
  tad_test::checkJvp("loss", LossF, LossJ, P);
  tad_test::checkVjp(
      "loss", LossJ,
      [](const Vec &v, const Vec &yb) {
        Vec g(6, 0.0);
        loss_vjp(v.data(), v.data() + 4, yb[0], g.data(), g.data() + 4);
        return g;
      },
      P, 1);
  tad_test::checkGradient(
      "loss_grad", LossF,
      [](const Vec &v) {
        Vec g(6, 0.0);
        loss_grad(v.data(), v.data() + 4, g.data(), g.data() + 4);
        return g;
      },
      P);

  // rhs_only: b varies.
  std::vector<Vec> PB = {{1, 2}, {-0.3, 0.8}};
  auto RhsF = [](const Vec &b) { return Vec{rhs_only(b.data())}; };
  auto RhsJ = [](const Vec &b, const Vec &d) {
    double t;
    rhs_only_jvp(b.data(), d.data(), &t);
    return Vec{t};
  };
  tad_test::checkJvp("rhs_only", RhsF, RhsJ, PB);
  tad_test::checkVjp(
      "rhs_only", RhsJ,
      [](const Vec &b, const Vec &yb) {
        Vec g(2, 0.0);
        rhs_only_vjp(b.data(), yb[0], g.data());
        return g;
      },
      PB, 1);

  // The scalar shape.
  std::vector<Vec> P2 = {{0.7, 1.3}, {-1.2, 0.4}};
  auto BothF = [](const Vec &x) { return Vec{both(x[0], x[1])}; };
  auto BothJ = [](const Vec &x, const Vec &d) {
    double t;
    both_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  tad_test::checkJvp("both", BothF, BothJ, P2);
  tad_test::checkVjp(
      "both", BothJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        both_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      P2, 1);
  std::vector<Vec> P1 = {{0.7}, {-1.9}};
  auto ZF = [](const Vec &x) { return Vec{z_only(x[0])}; };
  auto ZJ = [](const Vec &x, const Vec &d) {
    double t;
    z_only_jvp(x[0], d[0], &t);
    return Vec{t};
  };
  tad_test::checkJvp("z_only", ZF, ZJ, P1);
  tad_test::checkGradient(
      "z_only_grad", ZF,
      [](const Vec &x) {
        Vec g(1, 0.0);
        z_only_grad(x[0], &g[0]);
        return g;
      },
      P1);
  return tad_test::report();
}
#endif
