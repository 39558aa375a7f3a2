// Hyperbolic, exponential and logarithmic maths functions (sinh cosh tanh
// exp exp2 expm1 log log2 log10 log1p), spelled both std::f and plain f,
// including results fed back into the same variable. JVPs and gradients
// against central finite differences at points inside the domains, VJPs
// against the JVPs by the dot-product identity, compiled with clang++ and g++
// (-Wall -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

TAD_JVP TAD_VJP double hyp_std(double x, double y) {
  return std::sinh(x) * std::cosh(y) - std::tanh(x * y) + std::cosh(x - y);
}

TAD_JVP TAD_VJP double hyp_plain(double x, double y) {
  double t = tanh(x);
  t *= sinh(0.5 * y) + cosh(x);
  return t - tanh(y) * sinh(x);
}

TAD_JVP TAD_VJP double exp_log_std(double x, double y) {
  double a = std::exp(x) + std::exp2(y) - std::expm1(x * y);
  double b = std::log(x * x + 1.0) * std::log2(y + 3.0);
  b += std::log10(a * a) - std::log1p(x * x);
  return a * b;
}

// Each result is assigned back to the variable it is computed from.
TAD_JVP TAD_VJP double exp_log_plain(double x, double y) {
  double u = x;
  u = exp(u);
  u = log(u + y * y);
  double v = y;
  v = expm1(v);
  v = log1p(v * v);
  double w = exp2(x) + log2(u * u + 1.0) * log10(2.0 + v);
  return u * v + w;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  auto hyp_stdF = [](const Vec &x) { return Vec{hyp_std(x[0], x[1])}; };
  auto hyp_stdJ = [](const Vec &x, const Vec &d) {
    double t;
    hyp_std_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> hyp_stdPts = {{0.5, -1.2}, {2.0, 0.3}, {-1.5, 1.0}};
  tad_test::checkJvp("hyp_std", hyp_stdF, hyp_stdJ, hyp_stdPts);
  tad_test::checkVjp(
      "hyp_std", hyp_stdJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        hyp_std_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      hyp_stdPts, 1);
  tad_test::checkGradient(
      "hyp_std_grad", hyp_stdF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        hyp_std_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      hyp_stdPts);
  auto hyp_plainF = [](const Vec &x) { return Vec{hyp_plain(x[0], x[1])}; };
  auto hyp_plainJ = [](const Vec &x, const Vec &d) {
    double t;
    hyp_plain_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> hyp_plainPts = {{0.5, -1.2}, {2.0, 0.3}, {-1.5, 1.0}};
  tad_test::checkJvp("hyp_plain", hyp_plainF, hyp_plainJ, hyp_plainPts);
  tad_test::checkVjp(
      "hyp_plain", hyp_plainJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        hyp_plain_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      hyp_plainPts, 1);
  tad_test::checkGradient(
      "hyp_plain_grad", hyp_plainF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        hyp_plain_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      hyp_plainPts);
  auto expLogStdF = [](const Vec &x) { return Vec{exp_log_std(x[0], x[1])}; };
  auto expLogStdJ = [](const Vec &x, const Vec &d) {
    double t;
    exp_log_std_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> expLogStdPts = {{0.5, -1.2}, {1.5, 0.3}, {-1.5, 1.0}};
  tad_test::checkJvp("exp_log_std", expLogStdF, expLogStdJ, expLogStdPts);
  tad_test::checkVjp(
      "exp_log_std", expLogStdJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        exp_log_std_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      expLogStdPts, 1);
  tad_test::checkGradient(
      "exp_log_std_grad", expLogStdF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        exp_log_std_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      expLogStdPts);
  auto expLogPlainF = [](const Vec &x) {
    return Vec{exp_log_plain(x[0], x[1])};
  };
  auto expLogPlainJ = [](const Vec &x, const Vec &d) {
    double t;
    exp_log_plain_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> expLogPlainPts = {{0.5, -1.2}, {1.5, 0.3}, {-1.5, 1.0}};
  tad_test::checkJvp("exp_log_plain", expLogPlainF, expLogPlainJ,
                     expLogPlainPts);
  tad_test::checkVjp(
      "exp_log_plain", expLogPlainJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        exp_log_plain_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      expLogPlainPts, 1);
  tad_test::checkGradient(
      "exp_log_plain_grad", expLogPlainF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        exp_log_plain_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      expLogPlainPts);
  return tad_test::report();
}
#endif
