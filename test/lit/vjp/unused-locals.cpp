// Generated code keeps no local that nothing reads (they fail
// -Wall -Wextra -Werror: -Wunused-variable, -Wunused-but-set-variable):
// - a local array whose only read is multiplied by 0.0 kept a tangent
//   array that was set and never used (JVP), and the same for scalars;
// - TAD_VJP_WRT leaving out an array that a custom JVP rule reads emitted
//   `const double *ct_A = 0.0;` and writes through it (it did not
//   compile), and left the copy of a scalar argument unread;
// - a primal `(void)t;` is dropped in the derivatives, which left t (a
//   local, computed with a maths call) unused, and the temporary bound to
//   a callee's JVP result when t was that result.
// Checked against central differences and by the dot-product identity,
// with clang++ and g++ (warnings are errors) and through the plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc --implicit-check-not=ct_A
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t && %t
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

// A physicist's switched-off term: the array is filled, its one read has
// a zero coefficient.
// CHECK-LABEL: double damped_jvp(
// CHECK-NOT: d_a[
// CHECK: return
TAD_JVP TAD_VJP double damped(double x, double k) {
  double a[3];
  for (int i = 0; i < 3; ++i)
    a[i] = std::sin(x * i) * k;
  return x * x * k + a[1] * 0.0;
}

// The same with a scalar and with the zero on the left.
TAD_JVP TAD_VJP double off(double x, double y) {
  double u = std::exp(x * y);
  double v = 0.0 * u;
  return x * y + v;
}

// A 1x1 "solve" with a rule for its JVP; the loss is differentiated in x
// only: A and the scale s are constants of the VJP.
void scale_rule(const double *A, const double *d_A, double s, double d_s,
                double x, double d_x, double *y, double *d_y) {
  y[0] = A[0] * s * x;
  d_y[0] = (d_A[0] * s + A[0] * d_s) * x + A[0] * s * d_x;
}
TAD_CUSTOM_JVP(scale_rule)
void scale(const double *A, double s, double x, double *y) {
  y[0] = A[0] * s * x;
}
// CHECK-LABEL: double loss_vjp(
TAD_VJP_WRT(x) double loss(const double *A, double s, double x) {
  double y[1];
  scale(A, s, x, y);
  return y[0] * y[0] + std::sin(x);
}
// Two arrays left out, one output kept.
TAD_VJP_WRT(x)
void model(const double *A, const double *B, double x, double *out) {
  double y[1], z[1];
  scale(A, 2.0, x, y);
  scale(B, y[0], x, z);
  out[0] = z[0] * y[0];
}

// A parameter and locals marked used with (void).
TAD_JVP TAD_VJP double voided(double x, double t) {
  (void)t;
  double u = std::sin(x);
  (void)u;
  double w[2] = {x, x * x};
  static_cast<void>(w);
  return x * x * x;
}

// A callee's result marked unused: the call stays, it writes the output
// (its JVP's result was bound to a temporary nothing read).
double square_into(double a, double *out) {
  out[0] = a * a;
  return a;
}
TAD_JVP TAD_VJP double through_output(double x, double y) {
  double o[1];
  double r = square_into(x * y, o);
  (void)r;
  return o[0] + y;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  std::vector<Vec> Pts{{0.7, 1.3}, {-0.4, 2.1}};
  auto jvp2 = [](auto F, auto FJ, const char *Name, std::vector<Vec> P) {
    tad_test::Primal Pr = [F](const Vec &v) { return Vec{F(v[0], v[1])}; };
    tad_test::Jvp J = [FJ](const Vec &v, const Vec &d) {
      double Dr = 0;
      FJ(v[0], d[0], v[1], d[1], &Dr);
      return Vec{Dr};
    };
    tad_test::checkJvp(Name, Pr, J, P);
  };
  jvp2(damped, damped_jvp, "damped jvp", Pts);
  jvp2(off, off_jvp, "off jvp", Pts);
  jvp2(voided, voided_jvp, "voided jvp", Pts);
  jvp2(through_output, through_output_jvp, "through_output jvp", Pts);
  auto grad2 = [](auto F, auto FG, const char *Name, std::vector<Vec> P) {
    tad_test::Primal Pr = [F](const Vec &v) { return Vec{F(v[0], v[1])}; };
    tad_test::checkGradient(
        Name, Pr,
        [FG](const Vec &v) {
          Vec G(2, 0.0);
          FG(v[0], v[1], &G[0], &G[1]);
          return G;
        },
        P);
  };
  grad2(damped, damped_grad, "damped grad", Pts);
  grad2(off, off_grad, "off grad", Pts);
  grad2(voided, voided_grad, "voided grad", Pts);
  grad2(through_output, through_output_grad, "through_output grad", Pts);

  const double A[1] = {1.5}, B[1] = {-0.8};
  tad_test::Primal L = [&](const Vec &v) { return Vec{loss(A, 0.6, v[0])}; };
  tad_test::checkGradient("loss wrt x", L,
                          [&](const Vec &v) {
                            Vec G(1, 0.0);
                            loss_grad(A, 0.6, v[0], &G[0]);
                            return G;
                          },
                          {{0.3}, {-1.2}});
  tad_test::Primal M = [&](const Vec &v) {
    Vec Out(1);
    model(A, B, v[0], Out.data());
    return Out;
  };
  tad_test::checkVjp(
      "model wrt x",
      [&](const Vec &v, const Vec &d) {
        return tad_test::centralDifference(M, v, d, 1e-6);
      },
      [&](const Vec &v, const Vec &ybar) {
        Vec Out(1), Cx(1, 0.0), Cy = ybar;
        model_vjp(A, B, v[0], Out.data(), Cx.data(), Cy.data());
        return Cx;
      },
      {{0.3}, {-1.2}}, 1, 1e-8);
  return tad_test::report();
}
#endif
