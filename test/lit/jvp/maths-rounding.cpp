// The maths library, piecewise part: the rounding functions (derivative
// 0, the result still computed), fmod, remainder, copysign, fdim, the
// predicates std::isfinite/isnan/isinf/signbit as conditions and
// std::numeric_limits constants, in double and float, in JVP and VJP.
// The JVPs are checked against central differences away from the kinks,
// the VJPs by the dot-product identity against the JVPs, the float
// functions against the double ones.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
//
// No digamma here, so no runtime header:
// CHECK-NOT: tad/maths.h
#include "tad/tad.h"
#include <cmath>
#include <limits>

// Derivative exactly 0: the tangent is a literal 0, the primal is kept.
// CHECK-LABEL: double steps_jvp(double x, double /*d_x*/, double *d_return) {
// CHECK: *d_return = 0.0;
// CHECK-NEXT: return std::floor(x) + std::ceil(x) + std::round(x) + std::trunc(x) +
// CHECK-NEXT: std::nearbyint(x) + std::rint(x);
TAD_JVP TAD_VJP double steps(double x) {
  return std::floor(x) + std::ceil(x) + std::round(x) + std::trunc(x) +
         std::nearbyint(x) + std::rint(x);
}

// x - floor(x): derivative exactly 1.
// CHECK-LABEL: double frac_jvp(double x, double d_x, double *d_return) {
// CHECK: double d_r = d_x;
// CHECK: *d_return = d_r;
TAD_JVP TAD_VJP double frac(double x) {
  double r = x - std::floor(x);
  return r;
}

// CHECK-LABEL: double pieces_jvp(
// CHECK: const double _t{{[0-9]+}} = std::fmod(x, y);
// CHECK: d_x - std::rint((x - _t{{[0-9]+}}) / y) * d_y
// CHECK: (std::signbit(x) == std::signbit(y) ? d_x : -d_x)
// CHECK: (x > y ? d_x - d_y : 0.0)
TAD_JVP TAD_VJP double pieces(double x, double y) {
  double s = 2 * x - std::floor(x) + std::ceil(y) * y + std::round(x * y);
  s += std::trunc(y) * x + std::nearbyint(x) * std::rint(y) * y;
  s += 1.5 * std::fmod(x, y) + std::remainder(x, y) * x;
  s += std::copysign(x, y) * y + std::fdim(x, y) + 0.5 * std::fdim(y, x);
  s += std::fmod(3.0, y) + std::remainder(x, 2.5);
  // The predicates as conditions, no derivative of their own.
  if (std::isnan(x) || std::isinf(y) || !std::isfinite(s))
    s = 0;
  if (std::signbit(y))
    s = -s * x;
  // std::numeric_limits constants.
  const double eps = std::numeric_limits<double>::epsilon();
  s += x * (eps / 2.220446049250313e-16); // x * 1: eps = 2^-52
  if (x > std::numeric_limits<double>::lowest() &&
      y < std::numeric_limits<double>::infinity() &&
      std::fabs(y) > std::numeric_limits<double>::min())
    s += std::fmin(x * y, std::numeric_limits<double>::max());
  return s;
}

// The same in float, with the f-suffixed forms and std:: on floats.
// CHECK-LABEL: float piecesf_jvp(
// CHECK: std::numeric_limits<float>::epsilon()
TAD_JVP TAD_VJP float piecesf(float x, float y) {
  float s = 2 * x - floorf(x) + std::ceil(y) * y + roundf(x * y);
  s += truncf(y) * x + nearbyintf(x) * std::rint(y) * y;
  s += 1.5f * fmodf(x, y) + remainderf(x, y) * x;
  s += copysignf(x, y) * y + fdimf(x, y) + 0.5f * std::fdim(y, x);
  s += std::fmod(3.0f, y) + std::remainder(x, 2.5f);
  if (std::isnan(x) || std::isinf(y) || !std::isfinite(s))
    s = 0;
  if (std::signbit(y))
    s = -s * x;
  const float eps = std::numeric_limits<float>::epsilon();
  s += x * (eps / 1.1920929e-7f); // x * 1: eps = 2^-23
  if (x > std::numeric_limits<float>::lowest() &&
      y < std::numeric_limits<float>::infinity() &&
      std::fabs(y) > std::numeric_limits<float>::min())
    s += std::fmin(x * y, std::numeric_limits<float>::max());
  return s;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  using tad_test::expectNear;
  // steps: the tangent and the cotangent are exactly 0, the value kept.
  for (double x : {-2.7, -0.5, 0.25, 1.5, 3.49}) {
    double t = 1, c = 0;
    double v = steps_jvp(x, 1.0, &t);
    expectNear("steps_jvp value", v, steps(x), 0);
    expectNear("steps_jvp tangent", t, 0, 0);
    expectNear("steps_vjp value", steps_vjp(x, 1.0, &c), steps(x), 0);
    expectNear("steps_vjp cotangent", c, 0, 0);
    double f = frac_jvp(x, 1.0, &t);
    expectNear("frac_jvp value", f, x - std::floor(x), 0);
    expectNear("frac_jvp tangent", t, 1, 0);
    c = 0;
    frac_vjp(x, 1.0, &c);
    expectNear("frac_vjp cotangent", c, 1, 0);
  }

  // Points away from the kinks (x, y, x * y, x / y, 3 / y, x / 2.5 not
  // near integers or half-integers; x != y), y of both signs.
  std::vector<Vec> Points = {{0.3, 1.7},   {2.2, 0.65},  {-1.3, 0.8},
                             {5.9, -2.35}, {-0.7, -1.6}, {1.1, 3.3}};
  auto F = [](const Vec &v) { return Vec{pieces(v[0], v[1])}; };
  auto J = [](const Vec &v, const Vec &d) {
    double t;
    pieces_jvp(v[0], d[0], v[1], d[1], &t);
    return Vec{t};
  };
  auto V = [](const Vec &v, const Vec &yb) {
    Vec g(2, 0.0);
    pieces_vjp(v[0], v[1], yb[0], &g[0], &g[1]);
    return g;
  };
  tad_test::checkJvp("pieces", F, J, Points);
  tad_test::checkVjp("pieces", J, V, Points, 1);
  tad_test::checkGradient(
      "pieces_grad", F,
      [](const Vec &v) {
        Vec g(2, 0.0);
        pieces_grad(v[0], v[1], &g[0], &g[1]);
        return g;
      },
      Points);
  for (const Vec &P : Points) {
    double t;
    expectNear("pieces_jvp value", pieces_jvp(P[0], 1, P[1], 0, &t),
               pieces(P[0], P[1]), 0);
  }

  // float: the same function at the same (float) points, against the
  // double derivatives.
  for (const Vec &P : Points) {
    float x = static_cast<float>(P[0]), y = static_cast<float>(P[1]);
    for (Vec d : {Vec{1, 0}, Vec{0, 1}, Vec{0.6, -0.8}}) {
      float tf;
      double td;
      piecesf_jvp(x, static_cast<float>(d[0]), y, static_cast<float>(d[1]),
                  &tf);
      pieces_jvp(x, d[0], y, d[1], &td);
      expectNear("piecesf_jvp against pieces_jvp", tf, td,
                 1e-5 * std::fmax(1, std::fabs(td)));
    }
    float gx = 0, gy = 0;
    double hx = 0, hy = 0;
    piecesf_vjp(x, y, 1.0f, &gx, &gy);
    pieces_vjp(x, y, 1.0, &hx, &hy);
    expectNear("piecesf_vjp x", gx, hx, 1e-5 * std::fmax(1, std::fabs(hx)));
    expectNear("piecesf_vjp y", gy, hy, 1e-5 * std::fmax(1, std::fabs(hy)));
    float tv;
    expectNear("piecesf_jvp value", piecesf_jvp(x, 1, y, 0, &tv), piecesf(x, y),
               0);
  }
  return tad_test::report();
}
#endif
