// Loops: for, while, do/while, break, continue (in each kind of loop),
// early return from inside a loop, nested loops, data-dependent trip counts.
// JVPs against central finite differences, compiled with clang++ and g++
// (-Wall -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

// for with continue on a data condition.
TAD_JVP double sum_skip(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (x[i] < 0)
      continue;
    s += x[i] * x[i];
  }
  return s;
}

// while with continue (the counter is bumped first) and break.
TAD_JVP double while_accum(double x, double y, int n) {
  double s = 1.0;
  double term = 1.0;
  int i = 0;
  while (i < n) {
    i++;
    term *= x / i;
    if (i == 2)
      continue;
    s += term * y;
    if (i == 5)
      break;
  }
  return s;
}

// do/while with a data-dependent trip count and a continue, which jumps to
// the condition.
TAD_JVP double do_halve(double x, double y) {
  double r = x;
  double acc = 0;
  int k = 0;
  do {
    r *= 0.5;
    k++;
    if (k % 2 == 0)
      continue;
    acc -= r * y;
  } while (r > 1.0);
  return r + acc + k;
}

// Early return from inside a loop, else the fallback after it.
TAD_JVP double first_above(const double *x, int n, double thr) {
  for (int i = 0; i < n; ++i) {
    if (x[i] > thr)
      return x[i] * thr + i;
  }
  return -thr * x[0];
}

// Nested loops with continue in the outer loop, break in the inner one, and
// a stride-2 increment.
TAD_JVP double nested(const double *a, int n, int m) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (i == 1)
      continue;
    for (int j = 0; j < m; j += 2) {
      if (j > i + 1)
        break;
      s += a[i * m + j] * a[j];
    }
  }
  double p = 1;
  int k = 0;
  while (true) {
    p *= 1.0 + 0.1 * a[k];
    --k;
    k += 2;
    if (k >= n * m)
      break;
  }
  return s + p;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  tad_test::checkJvp(
      "sum_skip", [](const Vec &x) { return Vec{sum_skip(x.data(), 5)}; },
      [](const Vec &x, const Vec &d) {
        double t;
        sum_skip_jvp(x.data(), d.data(), 5, &t);
        return Vec{t};
      },
      {{1.0, -2.0, 0.5, 3.0, -0.25}, {-1.0, -1.0, 2.0, 0.75, 1.5}});
  for (int N : {1, 2, 4, 7})
    tad_test::checkJvp(
        "while_accum",
        [N](const Vec &x) { return Vec{while_accum(x[0], x[1], N)}; },
        [N](const Vec &x, const Vec &d) {
          double t;
          while_accum_jvp(x[0], d[0], x[1], d[1], N, &t);
          return Vec{t};
        },
        {{0.5, 2.0}, {-1.5, 0.3}, {2.5, -1.0}});
  tad_test::checkJvp(
      "do_halve", [](const Vec &x) { return Vec{do_halve(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        do_halve_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{0.7, 1.0}, {3.0, -2.0}, {11.0, 0.5}, {50.0, 1.5}});
  tad_test::checkJvp(
      "first_above",
      [](const Vec &x) { return Vec{first_above(x.data(), 4, x[4])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        first_above_jvp(x.data(), d.data(), 4, x[4], d[4], &t);
        return Vec{t};
      },
      {{0.1, 0.2, 1.5, 0.3, 1.0},
       {2.0, 0.2, 1.5, 0.3, 1.0},
       {0.1, 0.2, 0.5, 0.3, 1.0}});
  tad_test::checkJvp(
      "nested", [](const Vec &x) { return Vec{nested(x.data(), 3, 4)}; },
      [](const Vec &x, const Vec &d) {
        double t;
        nested_jvp(x.data(), d.data(), 3, 4, &t);
        return Vec{t};
      },
      {{0.5, -1.0, 2.0, 0.25, 1.5, -0.5, 0.75, 1.0, -2.0, 0.3, 0.6, 0.9},
       {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}});
  return tad_test::report();
}
#endif
