// The README's examples of custom rules, compiled and checked.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

double tp(double r, double t) { return t / r; }
TAD_CUSTOM_TRANSPOSE(tp) double fn(double r, double x) { return x / r; }

TAD_LINEAR(x) TAD_JVP TAD_VJP double F(double x) { return x + fn(3, x); }

double gt(double x, double t) { return std::cos(x) * t; }
TAD_CUSTOM_TRANSPOSE(gt) double g(double x, double dx) {
  return std::cos(x) * dx;
}
double sin_jvp_rule(double x, double d_x, double *d_return) {
  *d_return = g(x, d_x);
  return std::sin(x);
}
TAD_JVP TAD_VJP TAD_CUSTOM_JVP(sin_jvp_rule)
double mysin(double x) { return std::sin(x); }

// The linear solve.
TAD_CUSTOM_TRANSPOSE(St)
TAD_LINEAR(v, out) void S(const double *A, const double *v, double *out);
void solve(const double *A, const double *b, double *x);
void solve_jvp(const double *A, const double *d_A, const double *b,
               const double *d_b, double *x, double *d_x) {
  solve(A, b, x);
  double r[2];
  r[0] = d_b[0] - (d_A[0] * x[0] + d_A[1] * x[1]);
  r[1] = d_b[1] - (d_A[2] * x[0] + d_A[3] * x[1]);
  S(A, r, d_x);
}
TAD_CUSTOM_JVP(solve_jvp)
void solve(const double *A, const double *b, double *x) { S(A, b, x); }
TAD_VJP double loss(const double *A, const double *b) {
  double x[2];
  solve(A, b, x);
  return x[0] - x[1];
}
// S and St, defined after their use above.
void S(const double *A, const double *v, double *out) {
  double det = A[0] * A[3] - A[1] * A[2];
  out[0] = (A[3] * v[0] - A[1] * v[1]) / det;
  out[1] = (A[0] * v[1] - A[2] * v[0]) / det;
}
void St(const double *A, double *v, double *out) {
  double det = A[0] * A[3] - A[1] * A[2];
  v[0] += (A[3] * out[0] - A[2] * out[1]) / det;
  v[1] += (A[0] * out[1] - A[1] * out[0]) / det;
  out[0] = 0;
  out[1] = 0;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
int main() {
  using tad_test::Vec;
  double gF = 0, dF = 0, gs = 0, ds = 0;
  F_grad(6, &gF);
  F_jvp(6, 1, &dF);
  mysin_grad(0.5, &gs);
  mysin_jvp(0.5, 1, &ds);
  // tp and g are true rules: everything agrees with finite differences.
  auto FF = [](const Vec &v) { return Vec{F(v[0])}; };
  auto FS = [](const Vec &v) { return Vec{mysin(v[0])}; };
  tad_test::checkGradient("F", FF, [&](const Vec &) { return Vec{gF}; }, {{6}});
  tad_test::checkGradient("mysin", FS, [&](const Vec &) { return Vec{gs}; },
                          {{0.5}});
  // The solve's gradient against finite differences.
  const Vec Ab{2, 1, 0.5, 3, 1, 2}; // A, then b
  auto FL = [](const Vec &v) { return Vec{loss(v.data(), v.data() + 4)}; };
  auto GL = [](const Vec &v) {
    Vec G(6, 0.0);
    loss_grad(v.data(), v.data() + 4, G.data(), G.data() + 4);
    return G;
  };
  tad_test::checkGradient("loss", FL, GL, {Ab});
  bool Ok = F_transpose(6) == 8 && std::fabs(dF - 4.0 / 3) < 1e-15 &&
            std::fabs(ds - std::cos(0.5)) < 1e-15;
  return tad_test::report() || !Ok;
}
#endif
