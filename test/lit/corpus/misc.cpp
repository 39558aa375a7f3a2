// Assorted constructs: int index arrays (gather/scatter), mutual recursion
// through forward declarations, a helper updating a local array in place and
// returning a value, a void helper with an early return, a double loop
// counter with an active step, by-value parameters assigned in the body,
// std::min/std::max/std::abs. JVPs against central finite differences,
// compiled with clang++ and g++ (-Wall -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <algorithm>
#include <cmath>

static double sq(double x) { return x * x; }

// y[idx[i]] += -x[i] * x[idx[i]]^4: an int array indexes both reads and
// writes of an in-out array.
TAD_JVP void scatter(const double *x, const int *idx, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[idx[i]] += -x[i] * sq(sq(x[idx[i]]));
}

// Mutual recursion: even(x, n) = x * odd(x, n - 1), odd = 2 x even(x, n - 1).
static double odd_part(double x, int n);
static double even_part(double x, int n) {
  if (n == 0)
    return 1.0;
  return x * odd_part(x, n - 1);
}
static double odd_part(double x, int n) {
  if (n == 0)
    return 1.0 + x;
  return 2.0 * x * even_part(x, n - 1);
}

TAD_JVP double mutual(double x, int n) {
  return even_part(x, n) - odd_part(x, n - 1);
}

// Normalises v in place and returns its former norm.
static double normalize(double *v, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += v[i] * v[i];
  s = std::sqrt(s);
  for (int i = 0; i < n; ++i)
    v[i] /= s;
  return s;
}

static void put_if(double *y, double x, bool skip) {
  if (skip)
    return;
  y[0] = x * x;
}

// A local array updated by a helper; a void helper that returns early.
TAD_JVP double unit(const double *x, double *out) {
  double v[3] = {x[0], x[1], x[2]};
  double s = normalize(v, 3);
  for (int i = 0; i < 3; ++i)
    out[i] = v[i];
  put_if(out, s, true);
  put_if(out, s * v[0], false);
  return s;
}

// A double loop counter stepped by an active amount; by-value parameters
// assigned in the body.
TAD_JVP double counters(double x, double dt) {
  double s = 0;
  for (double t = 0; t < 1.0; t += dt)
    s += t * x;
  x *= dt;
  dt = x - dt;
  if (dt > 0)
    x = -x;
  return s + x * dt;
}

TAD_JVP double min_max_abs(double x, double y) {
  double yy = y * y;
  return std::min(x, y) * std::max(x, yy) + std::abs(y) - std::abs(x);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  static const int Idx[5] = {2, 0, 2, 4, 1};
  // x = (x[0..4], y[0..4]); outputs the final y.
  tad_test::checkJvp(
      "scatter",
      [](const Vec &x) {
        Vec y(x.begin() + 5, x.end());
        scatter(x.data(), Idx, y.data(), 5);
        return y;
      },
      [](const Vec &x, const Vec &d) {
        Vec y(x.begin() + 5, x.end()), dy(d.begin() + 5, d.end());
        scatter_jvp(x.data(), d.data(), Idx, y.data(), dy.data(), 5);
        return dy;
      },
      {{0.5, -1, 1.5, 0.25, 0.75, 1, 2, 3, 4, 5},
       {-0.3, 0.8, 1.1, -0.6, 0.9, 0.5, -0.5, 0.25, 1, 0}});
  for (int N : {1, 4, 7})
    tad_test::checkJvp(
        "mutual", [N](const Vec &x) { return Vec{mutual(x[0], N)}; },
        [N](const Vec &x, const Vec &d) {
          double t;
          mutual_jvp(x[0], d[0], N, &t);
          return Vec{t};
        },
        {{0.5}, {-1.3}, {1.7}});
  // Outputs out[0..2] and the norm.
  tad_test::checkJvp(
      "unit",
      [](const Vec &x) {
        Vec out(4);
        out[3] = unit(x.data(), out.data());
        return out;
      },
      [](const Vec &x, const Vec &d) {
        Vec out(4), dout(4);
        unit_jvp(x.data(), d.data(), out.data(), dout.data(), &dout[3]);
        return dout;
      },
      {{1, 2, 3}, {-0.5, 0.25, 2}, {3, -4, 0.5}});
  tad_test::checkJvp(
      "counters", [](const Vec &x) { return Vec{counters(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        counters_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{1.5, 0.13}, {-2.0, 0.3}, {0.7, 0.045}});
  tad_test::checkJvp(
      "min_max_abs", [](const Vec &x) { return Vec{min_max_abs(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        min_max_abs_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{0.5, -1.2}, {2.0, 0.3}, {-1.5, 1.0}, {0.9, 1.4}});
  return tad_test::report();
}
#endif
