// For-loop increments whose JVP needs temporaries (a result-reusing maths
// rule, a call to a differentiated function): tad moves the increment to the
// end of the loop body and before each `continue` of that loop. JVPs and
// gradients against central finite differences, VJPs against the JVPs by the
// dot-product identity.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

static double quart(double x) { return x * x * x * x; }

// Steps of size sqrt(t) * dt: the increment uses a result-reusing rule.
TAD_JVP TAD_VJP double sqrt_step(double x, double dt) {
  double s = 0;
  for (double t = 0.1; t < 1; t += std::sqrt(t) * dt)
    s += t * x;
  return s;
}

// Steps of size dt^4: the increment calls a user function; a `continue`
// (of this loop, and one of an inner loop) must still run it.
TAD_JVP TAD_VJP double helper_step(double x, double dt) {
  double s = 0;
  int k = 0;
  for (double t = 0; t < 1; t += quart(dt)) {
    ++k;
    if (k % 3 == 0)
      continue;
    for (int j = 0; j < 2; ++j) {
      if (j == 0)
        continue;
      s += t * x;
    }
  }
  return s;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  auto sqrtF = [](const Vec &x) { return Vec{sqrt_step(x[0], x[1])}; };
  auto sqrtJ = [](const Vec &x, const Vec &d) {
    double t;
    sqrt_step_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> sqrtPts = {{1.5, 0.13}, {-2.0, 0.31}};
  tad_test::checkJvp("sqrt_step", sqrtF, sqrtJ, sqrtPts);
  tad_test::checkVjp(
      "sqrt_step", sqrtJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        sqrt_step_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      sqrtPts, 1);
  tad_test::checkGradient(
      "sqrt_step_grad", sqrtF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        sqrt_step_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      sqrtPts);
  auto helperF = [](const Vec &x) { return Vec{helper_step(x[0], x[1])}; };
  auto helperJ = [](const Vec &x, const Vec &d) {
    double t;
    helper_step_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> helperPts = {{1.5, 0.6}, {-2.0, 0.7}, {0.5, 0.55}};
  tad_test::checkJvp("helper_step", helperF, helperJ, helperPts);
  tad_test::checkVjp(
      "helper_step", helperJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        helper_step_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      helperPts, 1);
  tad_test::checkGradient(
      "helper_step_grad", helperF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        helper_step_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      helperPts);
  return tad_test::report();
}
#endif
