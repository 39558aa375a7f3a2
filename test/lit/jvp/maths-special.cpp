// The maths library, special functions: asinh, acosh, atanh, lgamma and
// tgamma (their derivatives through tad::digamma, from tad/maths.h, which
// the output includes), in double and float, in JVP and VJP. The JVPs are
// checked against central differences, the VJPs by the dot-product
// identity against the JVPs, tad::digamma against finite differences of
// std::lgamma and known values, the float functions against the double
// ones.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
//
// CHECK: #include "tad/maths.h"
#include "tad/tad.h"
#include <cmath>

// CHECK-LABEL: // JVP of 'special'
// CHECK: d_x / std::sqrt(x * x + 1.0)
// CHECK: tad::digamma(x + 2) * d_x
// CHECK: const double _t{{[0-9]+}} = std::tgamma(y + 1.5);
// CHECK: _t{{[0-9]+}} * tad::digamma(y + 1.5) * d_y
TAD_JVP TAD_VJP double special(double x, double y) {
  double s = std::asinh(x) + std::asinh(x * y);
  s += std::acosh(1.5 + x * x) * y + std::acosh(y * y + 1.2);
  s += std::atanh(0.5 * y) + std::atanh(x / 3) * x;
  s += std::lgamma(x + 2) + std::lgamma(y - 2.5) * x; // y - 2.5 < 0
  s += std::tgamma(y + 1.5) + 0.1 * std::tgamma(x - 1.45) * y;
  return s;
}

// CHECK-LABEL: // JVP of 'specialf'
// CHECK: tad::digamma(x + 2) * d_x
// CHECK: tad::digamma(y - 2.5f) * d_y
TAD_JVP TAD_VJP float specialf(float x, float y) {
  float s = asinhf(x) + std::asinh(x * y);
  s += acoshf(1.5f + x * x) * y + std::acosh(y * y + 1.2f);
  s += atanhf(0.5f * y) + std::atanh(x / 3) * x;
  s += lgammaf(x + 2) + std::lgamma(y - 2.5f) * x;
  s += tgammaf(y + 1.5f) + 0.1f * std::tgamma(x - 1.45f) * y;
  return s;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
// After the generated code, which must include it itself (with the plugin,
// the generated code comes at the end of the file, after main).
#include "fdcheck.h"
#include "tad/maths.h"
using tad_test::Vec;

int main() {
  using tad_test::expectNear;
  // digamma against central differences of lgamma (both signs, across the
  // recurrence's threshold 10), and known values.
  for (double x : {-3.7, -1.5, -0.5, -0.01, 0.01, 0.3, 1.0, 2.5, 6.0, 9.99,
                   10.0, 10.5, 50.0, 1e3, 1e6}) {
    double h = 1e-6 * std::fmax(1, std::fabs(x));
    if (std::fabs(x) < 0.1)
      h = 1e-9;
    double fd = (std::lgamma(x + h) - std::lgamma(x - h)) / (2 * h);
    double d = tad::digamma(x);
    expectNear("digamma against lgamma differences", d, fd,
               1e-6 * std::fmax(1, std::fabs(fd)));
    expectNear("digamma float", tad::digamma(static_cast<float>(x)),
               tad::digamma(static_cast<double>(static_cast<float>(x))),
               1e-6 * std::fmax(1, std::fabs(d)));
  }
  const double Gamma = 0.57721566490153286061, Ln2 = 0.69314718055994530942;
  expectNear("digamma(1) = -gamma", tad::digamma(1.0), -Gamma, 2e-15);
  expectNear("digamma(1/2)", tad::digamma(0.5), -Gamma - 2 * Ln2, 2e-15);
  expectNear("digamma(-1/2)", tad::digamma(-0.5), -Gamma - 2 * Ln2 + 2, 4e-15);
  expectNear("digamma(10)", tad::digamma(10.0),
             -Gamma + 1 + 1. / 2 + 1. / 3 + 1. / 4 + 1. / 5 + 1. / 6 + 1. / 7 +
                 1. / 8 + 1. / 9,
             2e-15);
  for (double Pole : {0.0, -1.0, -4.0}) {
    tad_test::checks()++;
    if (!std::isnan(tad::digamma(Pole))) {
      tad_test::failures()++;
      std::printf("FAIL digamma(%g) is not nan\n", Pole);
    }
  }

  std::vector<Vec> Points = {
      {0.3, 0.7}, {-0.4, 1.2}, {1.7, -0.6}, {-0.8, -1.1}, {2.4, 0.2}};
  auto F = [](const Vec &v) { return Vec{special(v[0], v[1])}; };
  auto J = [](const Vec &v, const Vec &d) {
    double t;
    special_jvp(v[0], d[0], v[1], d[1], &t);
    return Vec{t};
  };
  auto V = [](const Vec &v, const Vec &yb) {
    Vec g(2, 0.0);
    special_vjp(v[0], v[1], yb[0], &g[0], &g[1]);
    return g;
  };
  tad_test::checkJvp("special", F, J, Points);
  tad_test::checkVjp("special", J, V, Points, 1);
  for (const Vec &P : Points) {
    double t;
    expectNear("special_jvp value", special_jvp(P[0], 1, P[1], 0, &t),
               special(P[0], P[1]), 0);
  }

  for (const Vec &P : Points) {
    float x = static_cast<float>(P[0]), y = static_cast<float>(P[1]);
    for (Vec d : {Vec{1, 0}, Vec{0, 1}, Vec{0.6, -0.8}}) {
      float tf;
      double td;
      specialf_jvp(x, static_cast<float>(d[0]), y, static_cast<float>(d[1]),
                   &tf);
      special_jvp(x, d[0], y, d[1], &td);
      expectNear("specialf_jvp against special_jvp", tf, td,
                 1e-4 * std::fmax(1, std::fabs(td)));
    }
    float gx = 0, gy = 0;
    double hx = 0, hy = 0;
    specialf_vjp(x, y, 1.0f, &gx, &gy);
    special_vjp(x, y, 1.0, &hx, &hy);
    expectNear("specialf_vjp x", gx, hx, 1e-4 * std::fmax(1, std::fabs(hx)));
    expectNear("specialf_vjp y", gy, hy, 1e-4 * std::fmax(1, std::fabs(hy)));
  }
  return tad_test::report();
}
#endif
