// Trigonometric maths functions and their inverses (sin cos tan asin acos
// atan atan2), spelled both std::f and plain f, with active and passive
// arguments. JVPs and gradients against central finite differences at points
// inside the domains, VJPs against the JVPs by the dot-product identity,
// compiled with clang++ and g++ (-Wall -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

TAD_JVP TAD_VJP double trig_std(double x, double y) {
  double s = std::sin(x) * std::cos(y);
  s += std::tan(0.5 * x) - std::cos(x * y);
  return s / (2.0 + std::sin(y));
}

TAD_JVP TAD_VJP double trig_plain(double x, double y) {
  double t = tan(y);
  return sin(x * y) - cos(x) * t + sin(2.0) * x;
}

// The points put (x, y) in each of the four quadrants for atan2.
TAD_JVP TAD_VJP double inv_trig_std(double x, double y) {
  return std::asin(x) + std::acos(y) * std::atan(x * y) + std::atan2(y, x);
}

// atan2 with one argument passive.
TAD_JVP TAD_VJP double inv_trig_plain(double x, double y) {
  double a = asin(0.5 * x) * acos(0.5 * y);
  a += atan(x) - atan2(x, y + 2.0);
  a -= atan2(y, 2.0) * atan2(-1.5, x);
  return a;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  auto trigStdF = [](const Vec &x) { return Vec{trig_std(x[0], x[1])}; };
  auto trigStdJ = [](const Vec &x, const Vec &d) {
    double t;
    trig_std_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> trigStdPts = {{0.5, -1.2}, {2.0, 0.3}, {-1.5, 4.0}};
  tad_test::checkJvp("trig_std", trigStdF, trigStdJ, trigStdPts);
  tad_test::checkVjp(
      "trig_std", trigStdJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        trig_std_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      trigStdPts, 1);
  tad_test::checkGradient(
      "trig_std_grad", trigStdF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        trig_std_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      trigStdPts);
  auto trigPlainF = [](const Vec &x) { return Vec{trig_plain(x[0], x[1])}; };
  auto trigPlainJ = [](const Vec &x, const Vec &d) {
    double t;
    trig_plain_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> trigPlainPts = {{0.5, -1.2}, {2.0, 0.3}, {-1.5, 1.0}};
  tad_test::checkJvp("trig_plain", trigPlainF, trigPlainJ, trigPlainPts);
  tad_test::checkVjp(
      "trig_plain", trigPlainJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        trig_plain_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      trigPlainPts, 1);
  tad_test::checkGradient(
      "trig_plain_grad", trigPlainF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        trig_plain_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      trigPlainPts);
  auto invStdF = [](const Vec &x) { return Vec{inv_trig_std(x[0], x[1])}; };
  auto invStdJ = [](const Vec &x, const Vec &d) {
    double t;
    inv_trig_std_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> invStdPts = {
      {0.5, -0.2}, {-0.7, 0.3}, {0.1, 0.9}, {-0.4, -0.6}};
  tad_test::checkJvp("inv_trig_std", invStdF, invStdJ, invStdPts);
  tad_test::checkVjp(
      "inv_trig_std", invStdJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        inv_trig_std_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      invStdPts, 1);
  tad_test::checkGradient(
      "inv_trig_std_grad", invStdF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        inv_trig_std_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      invStdPts);
  auto invPlainF = [](const Vec &x) { return Vec{inv_trig_plain(x[0], x[1])}; };
  auto invPlainJ = [](const Vec &x, const Vec &d) {
    double t;
    inv_trig_plain_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> invPlainPts = {
      {1.2, -0.5}, {-1.5, 1.0}, {0.3, -1.8}, {-0.8, -0.9}};
  tad_test::checkJvp("inv_trig_plain", invPlainF, invPlainJ, invPlainPts);
  tad_test::checkVjp(
      "inv_trig_plain", invPlainJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        inv_trig_plain_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      invPlainPts, 1);
  tad_test::checkGradient(
      "inv_trig_plain_grad", invPlainF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        inv_trig_plain_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      invPlainPts);
  return tad_test::report();
}
#endif
