// tad bug: the rule for pow(x, n) emits n * pow(x, n - 1) * dx, which is
// 0 * pow(0, -1) = 0 * inf = NaN at x = 0 when n == 0, although x^0 is
// constant and its derivative is 0 (finite differences give 0). A literal 0
// exponent is folded away only when it is spelled std::pow(x, 0); plain
// pow(x, 0) (::pow(double, double), the 0 wrapped in an int-to-double
// conversion) is not. Generated:
//   *d_return = static_cast<double>(n) * std::pow(x, n - 1) * d_x;   // pow_int
//   *d_return = 0 * std::pow(x, 0 - 1.0) * d_x + ...;                // pow_lit
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

TAD_JVP double pow_int(double x, int n) { return std::pow(x, n) + x; }

TAD_JVP double pow_lit(double x) { return pow(x, 0) + pow(x, 1); }

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  for (int N : {0, 1, 2})
    tad_test::checkJvp(
        "pow_int", [N](const Vec &x) { return Vec{pow_int(x[0], N)}; },
        [N](const Vec &x, const Vec &d) {
          double t;
          pow_int_jvp(x[0], d[0], N, &t);
          return Vec{t};
        },
        {{0.0}, {1.5}});
  tad_test::checkJvp(
      "pow_lit", [](const Vec &x) { return Vec{pow_lit(x[0])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        pow_lit_jvp(x[0], d[0], &t);
        return Vec{t};
      },
      {{0.0}, {1.5}});
  return tad_test::report();
}
#endif
