// Trigonometric maths functions and their inverses (sin cos tan asin acos
// atan atan2), spelled both std::f and plain f, with active and passive
// arguments. JVPs against central finite differences at points inside the
// domains, compiled with clang++ and g++ (-Wall -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

TAD_JVP double trig_std(double x, double y) {
  double s = std::sin(x) * std::cos(y);
  s += std::tan(0.5 * x) - std::cos(x * y);
  return s / (2.0 + std::sin(y));
}

TAD_JVP double trig_plain(double x, double y) {
  double t = tan(y);
  return sin(x * y) - cos(x) * t + sin(2.0) * x;
}

// The points put (x, y) in each of the four quadrants for atan2.
TAD_JVP double inv_trig_std(double x, double y) {
  return std::asin(x) + std::acos(y) * std::atan(x * y) + std::atan2(y, x);
}

// atan2 with one argument passive.
TAD_JVP double inv_trig_plain(double x, double y) {
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
  tad_test::checkJvp(
      "trig_std", [](const Vec &x) { return Vec{trig_std(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        trig_std_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{0.5, -1.2}, {2.0, 0.3}, {-1.5, 4.0}});
  tad_test::checkJvp(
      "trig_plain", [](const Vec &x) { return Vec{trig_plain(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        trig_plain_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{0.5, -1.2}, {2.0, 0.3}, {-1.5, 1.0}});
  tad_test::checkJvp(
      "inv_trig_std",
      [](const Vec &x) { return Vec{inv_trig_std(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        inv_trig_std_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{0.5, -0.2}, {-0.7, 0.3}, {0.1, 0.9}, {-0.4, -0.6}});
  tad_test::checkJvp(
      "inv_trig_plain",
      [](const Vec &x) { return Vec{inv_trig_plain(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        inv_trig_plain_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{1.2, -0.5}, {-1.5, 1.0}, {0.3, -1.8}, {-0.8, -0.9}});
  return tad_test::report();
}
#endif
