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
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

TAD_JVP TAD_VJP double pow_int(double x, int n) { return std::pow(x, n) + x; }

TAD_JVP TAD_VJP double pow_lit(double x) { return pow(x, 0) + pow(x, 1); }

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  for (int N : {0, 1, 2}) {
    auto powIntF = [N](const Vec &x) { return Vec{pow_int(x[0], N)}; };
    auto powIntJ = [N](const Vec &x, const Vec &d) {
      double t;
      pow_int_jvp(x[0], d[0], N, &t);
      return Vec{t};
    };
    std::vector<Vec> powIntPts = {{0.0}, {1.5}};
    tad_test::checkJvp("pow_int", powIntF, powIntJ, powIntPts);
    tad_test::checkVjp(
        "pow_int", powIntJ,
        [N](const Vec &x, const Vec &yb) {
          Vec g(1, 0.0);
          pow_int_vjp(x[0], N, yb[0], &g[0]);
          return g;
        },
        powIntPts, 1);
    tad_test::checkGradient(
        "pow_int_grad", powIntF,
        [N](const Vec &x) {
          Vec g(1, 0.0);
          pow_int_grad(x[0], N, &g[0]);
          return g;
        },
        powIntPts);
  }
  auto powLitF = [](const Vec &x) { return Vec{pow_lit(x[0])}; };
  auto powLitJ = [](const Vec &x, const Vec &d) {
    double t;
    pow_lit_jvp(x[0], d[0], &t);
    return Vec{t};
  };
  std::vector<Vec> powLitPts = {{0.0}, {1.5}};
  tad_test::checkJvp("pow_lit", powLitF, powLitJ, powLitPts);
  tad_test::checkVjp(
      "pow_lit", powLitJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(1, 0.0);
        pow_lit_vjp(x[0], yb[0], &g[0]);
        return g;
      },
      powLitPts, 1);
  tad_test::checkGradient(
      "pow_lit_grad", powLitF,
      [](const Vec &x) {
        Vec g(1, 0.0);
        pow_lit_grad(x[0], &g[0]);
        return g;
      },
      powLitPts);
  return tad_test::report();
}
#endif
