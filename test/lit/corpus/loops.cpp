// Loops: for, while, do/while, break, continue (in for and do/while loops),
// early return from inside a loop, nested loops, data-dependent trip counts.
// (while_accum, a while loop with continue and break, is in
// xfail_vjp_tape_int_residual.cpp: its VJP pops an int residual as a double.)
// JVPs and gradients against central finite differences, VJPs against the
// JVPs by the dot-product identity, compiled with clang++ and g++ (-Wall
// -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

// for with continue on a data condition.
TAD_JVP TAD_VJP double sum_skip(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (x[i] < 0)
      continue;
    s += x[i] * x[i];
  }
  return s;
}

// do/while with a data-dependent trip count and a continue, which jumps to
// the condition.
TAD_JVP TAD_VJP double do_halve(double x, double y) {
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
TAD_JVP TAD_VJP double first_above(const double *x, int n, double thr) {
  for (int i = 0; i < n; ++i) {
    if (x[i] > thr)
      return x[i] * thr + i;
  }
  return -thr * x[0];
}

// Nested loops with continue in the outer loop, break in the inner one, and
// a stride-2 increment.
TAD_JVP TAD_VJP double nested(const double *a, int n, int m) {
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
  auto sumSkipF = [](const Vec &x) { return Vec{sum_skip(x.data(), 5)}; };
  auto sumSkipJ = [](const Vec &x, const Vec &d) {
    double t;
    sum_skip_jvp(x.data(), d.data(), 5, &t);
    return Vec{t};
  };
  std::vector<Vec> sumSkipPts = {{1.0, -2.0, 0.5, 3.0, -0.25},
                                 {-1.0, -1.0, 2.0, 0.75, 1.5}};
  tad_test::checkJvp("sum_skip", sumSkipF, sumSkipJ, sumSkipPts);
  tad_test::checkVjp(
      "sum_skip", sumSkipJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(5, 0.0);
        sum_skip_vjp(x.data(), 5, yb[0], g.data());
        return g;
      },
      sumSkipPts, 1);
  tad_test::checkGradient(
      "sum_skip_grad", sumSkipF,
      [](const Vec &x) {
        Vec g(5, 0.0);
        sum_skip_grad(x.data(), 5, g.data());
        return g;
      },
      sumSkipPts);
  auto halveF = [](const Vec &x) { return Vec{do_halve(x[0], x[1])}; };
  auto halveJ = [](const Vec &x, const Vec &d) {
    double t;
    do_halve_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> halvePts = {
      {0.7, 1.0}, {3.0, -2.0}, {11.0, 0.5}, {50.0, 1.5}};
  tad_test::checkJvp("do_halve", halveF, halveJ, halvePts);
  tad_test::checkVjp(
      "do_halve", halveJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        do_halve_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      halvePts, 1);
  tad_test::checkGradient(
      "do_halve_grad", halveF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        do_halve_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      halvePts);
  auto firstF = [](const Vec &x) {
    return Vec{first_above(x.data(), 4, x[4])};
  };
  auto firstJ = [](const Vec &x, const Vec &d) {
    double t;
    first_above_jvp(x.data(), d.data(), 4, x[4], d[4], &t);
    return Vec{t};
  };
  std::vector<Vec> firstPts = {{0.1, 0.2, 1.5, 0.3, 1.0},
                               {2.0, 0.2, 1.5, 0.3, 1.0},
                               {0.1, 0.2, 0.5, 0.3, 1.0}};
  tad_test::checkJvp("first_above", firstF, firstJ, firstPts);
  tad_test::checkVjp(
      "first_above", firstJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(5, 0.0);
        first_above_vjp(x.data(), 4, x[4], yb[0], g.data(), &g[4]);
        return g;
      },
      firstPts, 1);
  tad_test::checkGradient(
      "first_above_grad", firstF,
      [](const Vec &x) {
        Vec g(5, 0.0);
        first_above_grad(x.data(), 4, x[4], g.data(), &g[4]);
        return g;
      },
      firstPts);
  auto nestedF = [](const Vec &x) { return Vec{nested(x.data(), 3, 4)}; };
  auto nestedJ = [](const Vec &x, const Vec &d) {
    double t;
    nested_jvp(x.data(), d.data(), 3, 4, &t);
    return Vec{t};
  };
  std::vector<Vec> nestedPts = {
      {0.5, -1.0, 2.0, 0.25, 1.5, -0.5, 0.75, 1.0, -2.0, 0.3, 0.6, 0.9},
      {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}};
  tad_test::checkJvp("nested", nestedF, nestedJ, nestedPts);
  tad_test::checkVjp(
      "nested", nestedJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(12, 0.0);
        nested_vjp(x.data(), 3, 4, yb[0], g.data());
        return g;
      },
      nestedPts, 1);
  tad_test::checkGradient(
      "nested_grad", nestedF,
      [](const Vec &x) {
        Vec g(12, 0.0);
        nested_grad(x.data(), 3, 4, g.data());
        return g;
      },
      nestedPts);
  return tad_test::report();
}
#endif
