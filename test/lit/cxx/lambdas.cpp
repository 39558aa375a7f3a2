// Lambdas defined and called inside the function, as numerical code uses
// them: small kernels capturing by reference (the variable itself: reads
// and writes, an output array included) and by value (a copy taken where
// the lambda is defined: later changes of the variable do not reach it),
// [&] and [=] defaults, init-captures, a mutable lambda keeping state
// between calls, a lambda calling another, a lambda defined in a loop
// capturing the counter, one called where it is defined, one capturing a
// struct by value. Each call is inlined. JVP against central differences,
// VJP against JVP by the dot-product identity, with clang++, g++ and the
// plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: FileCheck %s --input-file %t.inc
// CHECK-LABEL: // JVP of 'energy'
// CHECK: const double scale_1 = scale;
// CHECK: d__c{{[0-9]+}} = d_scale_1 * std::sin(v_1) + scale_1 * (std::cos(v_1) * d_v_1);
// CHECK-NOT: lambda
// CHECK-LABEL: // VJP of 'energy'
#include "tad/tad.h"
#include <cmath>

struct Coeffs {
  double a, b;
};

TAD_JVP TAD_VJP double energy(const double *x, int n, double k) {
  double e = 0;
  auto spring = [&](double a, double b) { return 0.5 * k * (b - a) * (b - a); };
  auto add = [&e](double v) { e += v; };
  for (int i = 0; i + 1 < n; ++i)
    add(spring(x[i], x[i + 1]));
  double scale = k;
  auto scaled = [scale](double v) { return scale * std::sin(v); };
  scale = 100; // the lambda keeps its copy
  for (int i = 0; i < n; ++i)
    e += scaled(x[i]);
  const double c = [&](double t) { return t * t; }(x[0]);
  return e + c;
}

// Writes through a captured output array; [=] and an init-capture.
TAD_JVP TAD_VJP void smooth(const double *x, double *y, int n, double w) {
  auto at = [=](int i) { return x[i < 0 ? 0 : (i >= n ? n - 1 : i)]; };
  auto put = [&, h = 0.5 * w](int i, double v) {
    y[i] = h * v + (1 - h) * x[i];
  };
  for (int i = 0; i < n; ++i) {
    auto mix = [&, i](double a) { return a * at(i - 1) + (1 - a) * at(i + 1); };
    put(i, mix(0.25) + std::exp(-at(i)));
  }
}

// A mutable lambda's copy is its state; a struct captured by value.
TAD_JVP TAD_VJP double series(const double *x, int n, Coeffs c) {
  double acc = 0;
  auto term = [acc, c](double v) mutable {
    acc = c.a * acc + c.b * v; // the copy, not the outer acc
    return acc;
  };
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += term(x[i]);
  return s + acc; // acc is still 0
}

// A lambda called where it is defined, in the return.
TAD_JVP TAD_VJP double blend(double x, double h) {
  double w = std::exp(-h * h);
  return [&] { return w * std::sin(x) + (1 - w) * x * h; }();
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  const int n = 5;
  std::vector<Vec> S = {tad_test::randomVec(n + 1, 1),
                        tad_test::randomVec(n + 1, 2)};
  { // energy: (x, k) -> e
    auto F = [&](const Vec &a) { return Vec{energy(a.data(), n, a[n])}; };
    auto J = [&](const Vec &a, const Vec &d) {
      double de = 0;
      energy_jvp(a.data(), d.data(), n, a[n], d[n], &de);
      return Vec{de};
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Vec c(n + 1, 0.0);
      energy_vjp(a.data(), n, a[n], yb[0], c.data(), &c[n]);
      return c;
    };
    tad_test::checkJvp("energy", F, J, S);
    tad_test::checkVjp("energy", J, V, S, 1);
    // By value: the copy of k, not 100.
    double x[n] = {0, 0, 0, 0, 0.5};
    tad_test::expectNear("energy copy", energy(x, n, 2.0),
                         0.5 * 2.0 * 0.25 + 2.0 * std::sin(0.5), 1e-12);
  }
  { // smooth: (x, w) -> y
    auto F = [&](const Vec &a) {
      Vec y(n, 0.0);
      smooth(a.data(), y.data(), n, a[n]);
      return y;
    };
    auto J = [&](const Vec &a, const Vec &d) {
      Vec y(n, 0.0), dy(n, 0.0);
      smooth_jvp(a.data(), d.data(), y.data(), dy.data(), n, a[n], d[n]);
      return dy;
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Vec y(n, 0.0), c(n + 1, 0.0), cy = yb;
      smooth_vjp(a.data(), y.data(), n, a[n], c.data(), cy.data(), &c[n]);
      return c;
    };
    tad_test::checkJvp("smooth", F, J, S);
    tad_test::checkVjp("smooth", J, V, S, n);
  }
  { // series: (x, a, b) -> s
    std::vector<Vec> S2 = {tad_test::randomVec(n + 2, 3),
                           tad_test::randomVec(n + 2, 4)};
    auto F = [&](const Vec &a) {
      return Vec{series(a.data(), n, {a[n], a[n + 1]})};
    };
    auto J = [&](const Vec &a, const Vec &d) {
      double ds = 0;
      series_jvp(a.data(), d.data(), n, {a[n], a[n + 1]}, {d[n], d[n + 1]},
                 &ds);
      return Vec{ds};
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Vec c(n + 2, 0.0);
      Coeffs cc{0, 0};
      series_vjp(a.data(), n, {a[n], a[n + 1]}, yb[0], c.data(), &cc);
      c[n] = cc.a;
      c[n + 1] = cc.b;
      return c;
    };
    tad_test::checkJvp("series", F, J, S2);
    tad_test::checkVjp("series", J, V, S2, 1);
    double x[n] = {1, 1, 1, 1, 1};
    tad_test::expectNear("series state", series(x, n, {0.5, 1.0}),
                         1 + 1.5 + 1.75 + 1.875 + 1.9375, 1e-12);
  }
  {
    auto F = [](const Vec &a) { return Vec{blend(a[0], a[1])}; };
    auto J = [](const Vec &a, const Vec &d) {
      double r = 0;
      blend_jvp(a[0], d[0], a[1], d[1], &r);
      return Vec{r};
    };
    auto V = [](const Vec &a, const Vec &yb) {
      Vec g(2, 0.0);
      blend_vjp(a[0], a[1], yb[0], &g[0], &g[1]);
      return g;
    };
    std::vector<Vec> P = {{0.7, 0.4}, {-1.1, 1.3}};
    tad_test::checkJvp("blend", F, J, P);
    tad_test::checkVjp("blend", J, V, P, 1);
  }
  return tad_test::report();
}
#endif
