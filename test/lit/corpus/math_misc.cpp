// Roots, powers and the remaining maths functions (sqrt cbrt pow hypot fabs
// fmin fmax fma erf erfc), spelled both std::f and plain f, with all
// combinations of active and passive arguments (pow with int, literal and
// active exponents, passive base). JVPs and gradients against central finite
// differences at points away from the kinks of fabs/fmin/fmax, VJPs against
// the JVPs by the dot-product identity, compiled with clang++ and g++ (-Wall
// -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

TAD_JVP TAD_VJP double roots_std(double x, double y) {
  double r = std::sqrt(x * x + y * y + 1.0) * std::cbrt(x - 2.0 * y);
  r += std::hypot(x, y) - std::hypot(3.0, y) + std::hypot(x, 0.5);
  return r + std::sqrt(2.0) * std::cbrt(y);
}

TAD_JVP TAD_VJP double roots_plain(double x, double y) {
  double s = sqrt(x);
  s = sqrt(s + y * y);
  return s * cbrt(x * y) + hypot(s, y);
}

// pow with an active base and exponent, int variable and literal exponents
// (0, 1, 2, negative, fractional), and a passive base.
TAD_JVP TAD_VJP double powers(double x, double y, int n) {
  double p = std::pow(x, y) + pow(x, n) - pow(x, 0) * pow(y, 1);
  p += std::pow(x, 2) + std::pow(y, 3) * std::pow(x, -2);
  p += pow(x, 2.5) - pow(y * y, 0.5) + pow(2.0, x) * std::pow(1.5, y * x);
  return p;
}

// fabs, fmin, fmax on both sides of their kinks, and fma.
TAD_JVP TAD_VJP double kinks(double x, double y, double z) {
  double a = std::fabs(x) * fabs(y - z) + fabs(2.0) * z;
  double b = std::fmin(x, y) + fmin(y * z, 0.25) - fmin(-3.0, x);
  double c = std::fmax(x, z) * fmax(0.5, y) + fmax(y * y, x);
  double d = std::fma(x, y, z) + fma(2.0, x, y) - std::fma(z, z, 1.0);
  d += fma(x, 3.0, 0.5) * std::fma(y, z, x * z);
  return a + b * c - d;
}

TAD_JVP TAD_VJP double errfn(double x, double y) {
  double e = std::erf(x) * erf(y * 0.5) + std::erfc(x * y) - erfc(y);
  return e * (1.0 + std::erf(1.0));
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  auto rootsStdF = [](const Vec &x) { return Vec{roots_std(x[0], x[1])}; };
  auto rootsStdJ = [](const Vec &x, const Vec &d) {
    double t;
    roots_std_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> rootsStdPts = {{0.5, -1.2}, {2.0, 0.3}, {-1.5, 1.0}};
  tad_test::checkJvp("roots_std", rootsStdF, rootsStdJ, rootsStdPts);
  tad_test::checkVjp(
      "roots_std", rootsStdJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        roots_std_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      rootsStdPts, 1);
  tad_test::checkGradient(
      "roots_std_grad", rootsStdF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        roots_std_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      rootsStdPts);
  auto rootsPlainF = [](const Vec &x) { return Vec{roots_plain(x[0], x[1])}; };
  auto rootsPlainJ = [](const Vec &x, const Vec &d) {
    double t;
    roots_plain_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> rootsPlainPts = {{0.5, -1.2}, {2.0, 0.3}, {1.5, 1.0}};
  tad_test::checkJvp("roots_plain", rootsPlainF, rootsPlainJ, rootsPlainPts);
  tad_test::checkVjp(
      "roots_plain", rootsPlainJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        roots_plain_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      rootsPlainPts, 1);
  tad_test::checkGradient(
      "roots_plain_grad", rootsPlainF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        roots_plain_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      rootsPlainPts);
  for (int N : {-2, 0, 1, 3}) {
    auto powersF = [N](const Vec &x) { return Vec{powers(x[0], x[1], N)}; };
    auto powersJ = [N](const Vec &x, const Vec &d) {
      double t;
      powers_jvp(x[0], d[0], x[1], d[1], N, &t);
      return Vec{t};
    };
    std::vector<Vec> powersPts = {{0.5, 1.2}, {2.0, 0.3}, {1.5, -1.0}};
    tad_test::checkJvp("powers", powersF, powersJ, powersPts);
    tad_test::checkVjp(
        "powers", powersJ,
        [N](const Vec &x, const Vec &yb) {
          Vec g(2, 0.0);
          powers_vjp(x[0], x[1], N, yb[0], &g[0], &g[1]);
          return g;
        },
        powersPts, 1);
    tad_test::checkGradient(
        "powers_grad", powersF,
        [N](const Vec &x) {
          Vec g(2, 0.0);
          powers_grad(x[0], x[1], N, &g[0], &g[1]);
          return g;
        },
        powersPts);
  }
  auto kinksF = [](const Vec &x) { return Vec{kinks(x[0], x[1], x[2])}; };
  auto kinksJ = [](const Vec &x, const Vec &d) {
    double t;
    kinks_jvp(x[0], d[0], x[1], d[1], x[2], d[2], &t);
    return Vec{t};
  };
  std::vector<Vec> kinksPts = {{0.5, -1.2, 0.7},
                               {-2.0, 0.3, 1.5},
                               {1.5, 2.0, -0.5},
                               {-0.8, -1.5, -2.5},
                               {-3.5, 0.9, 0.1}};
  tad_test::checkJvp("kinks", kinksF, kinksJ, kinksPts);
  tad_test::checkVjp(
      "kinks", kinksJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(3, 0.0);
        kinks_vjp(x[0], x[1], x[2], yb[0], &g[0], &g[1], &g[2]);
        return g;
      },
      kinksPts, 1);
  tad_test::checkGradient(
      "kinks_grad", kinksF,
      [](const Vec &x) {
        Vec g(3, 0.0);
        kinks_grad(x[0], x[1], x[2], &g[0], &g[1], &g[2]);
        return g;
      },
      kinksPts);
  auto errfnF = [](const Vec &x) { return Vec{errfn(x[0], x[1])}; };
  auto errfnJ = [](const Vec &x, const Vec &d) {
    double t;
    errfn_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> errfnPts = {{0.5, -1.2}, {1.5, 0.3}, {-1.0, 1.0}};
  tad_test::checkJvp("errfn", errfnF, errfnJ, errfnPts);
  tad_test::checkVjp(
      "errfn", errfnJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        errfn_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      errfnPts, 1);
  tad_test::checkGradient(
      "errfn_grad", errfnF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        errfn_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      errfnPts);
  return tad_test::report();
}
#endif
