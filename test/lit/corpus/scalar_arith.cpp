// Scalar arithmetic, locals, compound assignment: JVPs and gradients against
// central finite differences, VJPs against the JVPs by the dot-product
// identity, compiled with clang++ and g++ (-Wall -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

TAD_JVP TAD_VJP double poly(double x, double y) {
  double t = x * x - 3 * x * y + y / (1 + x * x);
  t *= x;
  t -= y * 0.5;
  t /= 2 + y * y;
  return -t + x;
}

TAD_JVP TAD_VJP float mixed(float a, double b, int k) {
  float s = a * static_cast<float>(k);
  double r = s / b;
  r += k / 2; // integer division, no derivative
  return static_cast<float>(r * a);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  auto polyF = [](const Vec &x) { return Vec{poly(x[0], x[1])}; };
  auto polyJ = [](const Vec &x, const Vec &d) {
    double t;
    poly_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> polyPts = {{0.5, -1.2}, {2.0, 0.3}, {-1.5, 4.0}};
  tad_test::checkJvp("poly", polyF, polyJ, polyPts);
  tad_test::checkVjp(
      "poly", polyJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        poly_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      polyPts, 1);
  tad_test::checkGradient(
      "poly_grad", polyF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        poly_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      polyPts);
  auto mixedF = [](const Vec &x) {
    return Vec{mixed(static_cast<float>(x[0]), x[1], 3)};
  };
  auto mixedJ = [](const Vec &x, const Vec &d) {
    float t;
    mixed_jvp(static_cast<float>(x[0]), static_cast<float>(d[0]), x[1], d[1], 3,
              &t);
    return Vec{t};
  };
  std::vector<Vec> mixedPts = {{0.5, 1.2}, {2.0, -3.0}};
  tad_test::checkJvp("mixed", mixedF, mixedJ, mixedPts, 2e-3, 1e-3);
  tad_test::checkVjp(
      "mixed", mixedJ,
      [](const Vec &x, const Vec &yb) {
        float ga = 0.0f;
        double gb = 0.0;
        mixed_vjp(static_cast<float>(x[0]), x[1], 3, static_cast<float>(yb[0]),
                  &ga, &gb);
        return Vec{ga, gb};
      },
      mixedPts, 1, 1e-5);
  tad_test::checkGradient(
      "mixed_grad", mixedF,
      [](const Vec &x) {
        float ga = 0.0f;
        double gb = 0.0;
        mixed_grad(static_cast<float>(x[0]), x[1], 3, &ga, &gb);
        return Vec{ga, gb};
      },
      mixedPts, 2e-3, 1e-3);
  return tad_test::report();
}
#endif
