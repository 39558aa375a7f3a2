// Scalar arithmetic, locals, compound assignment: JVPs against central
// finite differences, compiled with clang++ and g++ (-Wall -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

TAD_JVP double poly(double x, double y) {
  double t = x * x - 3 * x * y + y / (1 + x * x);
  t *= x;
  t -= y * 0.5;
  t /= 2 + y * y;
  return -t + x;
}

TAD_JVP float mixed(float a, double b, int k) {
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
  tad_test::checkJvp(
      "poly", [](const Vec &x) { return Vec{poly(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        poly_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{0.5, -1.2}, {2.0, 0.3}, {-1.5, 4.0}});
  tad_test::checkJvp(
      "mixed",
      [](const Vec &x) {
        return Vec{mixed(static_cast<float>(x[0]), x[1], 3)};
      },
      [](const Vec &x, const Vec &d) {
        float t;
        mixed_jvp(static_cast<float>(x[0]), static_cast<float>(d[0]), x[1],
                  d[1], 3, &t);
        return Vec{t};
      },
      {{0.5, 1.2}, {2.0, -3.0}}, 2e-3, 1e-3);
  return tad_test::report();
}
#endif
