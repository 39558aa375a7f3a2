// Roots, powers and the remaining maths functions (sqrt cbrt pow hypot fabs
// fmin fmax fma erf erfc), spelled both std::f and plain f, with all
// combinations of active and passive arguments (pow with int, literal and
// active exponents, passive base). JVPs against central finite differences at
// points away from the kinks of fabs/fmin/fmax, compiled with clang++ and g++
// (-Wall -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

TAD_JVP double roots_std(double x, double y) {
  double r = std::sqrt(x * x + y * y + 1.0) * std::cbrt(x - 2.0 * y);
  r += std::hypot(x, y) - std::hypot(3.0, y) + std::hypot(x, 0.5);
  return r + std::sqrt(2.0) * std::cbrt(y);
}

TAD_JVP double roots_plain(double x, double y) {
  double s = sqrt(x);
  s = sqrt(s + y * y);
  return s * cbrt(x * y) + hypot(s, y);
}

// pow with an active base and exponent, int variable and literal exponents
// (0, 1, 2, negative, fractional), and a passive base.
TAD_JVP double powers(double x, double y, int n) {
  double p = std::pow(x, y) + pow(x, n) - pow(x, 0) * pow(y, 1);
  p += std::pow(x, 2) + std::pow(y, 3) * std::pow(x, -2);
  p += pow(x, 2.5) - pow(y * y, 0.5) + pow(2.0, x) * std::pow(1.5, y * x);
  return p;
}

// fabs, fmin, fmax on both sides of their kinks, and fma.
TAD_JVP double kinks(double x, double y, double z) {
  double a = std::fabs(x) * fabs(y - z) + fabs(2.0) * z;
  double b = std::fmin(x, y) + fmin(y * z, 0.25) - fmin(-3.0, x);
  double c = std::fmax(x, z) * fmax(0.5, y) + fmax(y * y, x);
  double d = std::fma(x, y, z) + fma(2.0, x, y) - std::fma(z, z, 1.0);
  d += fma(x, 3.0, 0.5) * std::fma(y, z, x * z);
  return a + b * c - d;
}

TAD_JVP double errfn(double x, double y) {
  double e = std::erf(x) * erf(y * 0.5) + std::erfc(x * y) - erfc(y);
  return e * (1.0 + std::erf(1.0));
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  tad_test::checkJvp(
      "roots_std", [](const Vec &x) { return Vec{roots_std(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        roots_std_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{0.5, -1.2}, {2.0, 0.3}, {-1.5, 1.0}});
  tad_test::checkJvp(
      "roots_plain", [](const Vec &x) { return Vec{roots_plain(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        roots_plain_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{0.5, -1.2}, {2.0, 0.3}, {1.5, 1.0}});
  for (int N : {-2, 0, 1, 3})
    tad_test::checkJvp(
        "powers", [N](const Vec &x) { return Vec{powers(x[0], x[1], N)}; },
        [N](const Vec &x, const Vec &d) {
          double t;
          powers_jvp(x[0], d[0], x[1], d[1], N, &t);
          return Vec{t};
        },
        {{0.5, 1.2}, {2.0, 0.3}, {1.5, -1.0}});
  tad_test::checkJvp(
      "kinks", [](const Vec &x) { return Vec{kinks(x[0], x[1], x[2])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        kinks_jvp(x[0], d[0], x[1], d[1], x[2], d[2], &t);
        return Vec{t};
      },
      {{0.5, -1.2, 0.7},
       {-2.0, 0.3, 1.5},
       {1.5, 2.0, -0.5},
       {-0.8, -1.5, -2.5},
       {-3.5, 0.9, 0.1}});
  tad_test::checkJvp(
      "errfn", [](const Vec &x) { return Vec{errfn(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        errfn_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{0.5, -1.2}, {1.5, 0.3}, {-1.0, 1.0}});
  return tad_test::report();
}
#endif
