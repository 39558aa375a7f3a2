// Assorted constructs: int index arrays (gather/scatter), mutual recursion
// through forward declarations, a helper updating a local array in place and
// returning a value, a void helper with an early return, a double loop
// counter with an active step, by-value parameters assigned in the body,
// std::min/std::max/std::abs. JVPs and gradients against central finite
// differences, VJPs against the JVPs by the dot-product identity, compiled
// with clang++ and g++ (-Wall -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <algorithm>
#include <cmath>

static double sq(double x) { return x * x; }

// y[idx[i]] += -x[i] * x[idx[i]]^4: an int array indexes both reads and
// writes of an in-out array.
TAD_JVP TAD_VJP void scatter(const double *x, const int *idx, double *y,
                             int n) {
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

TAD_JVP TAD_VJP double mutual(double x, int n) {
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
TAD_JVP TAD_VJP double unit(const double *x, double *out) {
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
TAD_JVP TAD_VJP double counters(double x, double dt) {
  double s = 0;
  for (double t = 0; t < 1.0; t += dt)
    s += t * x;
  x *= dt;
  dt = x - dt;
  if (dt > 0)
    x = -x;
  return s + x * dt;
}

TAD_JVP TAD_VJP double min_max_abs(double x, double y) {
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
  auto scatterJ = [](const Vec &x, const Vec &d) {
    Vec y(x.begin() + 5, x.end()), dy(d.begin() + 5, d.end());
    scatter_jvp(x.data(), d.data(), Idx, y.data(), dy.data(), 5);
    return dy;
  };
  std::vector<Vec> scatterPts = {
      {0.5, -1, 1.5, 0.25, 0.75, 1, 2, 3, 4, 5},
      {-0.3, 0.8, 1.1, -0.6, 0.9, 0.5, -0.5, 0.25, 1, 0}};
  tad_test::checkJvp(
      "scatter",
      [](const Vec &x) {
        Vec y(x.begin() + 5, x.end());
        scatter(x.data(), Idx, y.data(), 5);
        return y;
      },
      scatterJ, scatterPts);
  // y is in-out: ct_y holds ybar on entry and the cotangent of the input y
  // on exit.
  tad_test::checkVjp(
      "scatter", scatterJ,
      [](const Vec &x, const Vec &yb) {
        Vec y(x.begin() + 5, x.end()), ctx(5, 0.0), cty = yb;
        scatter_vjp(x.data(), Idx, y.data(), 5, ctx.data(), cty.data());
        ctx.insert(ctx.end(), cty.begin(), cty.end());
        return ctx;
      },
      scatterPts, 5);
  for (int N : {1, 4, 7}) {
    auto mutualF = [N](const Vec &x) { return Vec{mutual(x[0], N)}; };
    auto mutualJ = [N](const Vec &x, const Vec &d) {
      double t;
      mutual_jvp(x[0], d[0], N, &t);
      return Vec{t};
    };
    std::vector<Vec> mutualPts = {{0.5}, {-1.3}, {1.7}};
    tad_test::checkJvp("mutual", mutualF, mutualJ, mutualPts);
    tad_test::checkVjp(
        "mutual", mutualJ,
        [N](const Vec &x, const Vec &yb) {
          Vec g(1, 0.0);
          mutual_vjp(x[0], N, yb[0], &g[0]);
          return g;
        },
        mutualPts, 1);
    tad_test::checkGradient(
        "mutual_grad", mutualF,
        [N](const Vec &x) {
          Vec g(1, 0.0);
          mutual_grad(x[0], N, &g[0]);
          return g;
        },
        mutualPts);
  }
  // Outputs out[0..2] and the norm.
  auto unitJ = [](const Vec &x, const Vec &d) {
    Vec out(4), dout(4);
    unit_jvp(x.data(), d.data(), out.data(), dout.data(), &dout[3]);
    return dout;
  };
  std::vector<Vec> unitPts = {{1, 2, 3}, {-0.5, 0.25, 2}, {3, -4, 0.5}};
  tad_test::checkJvp(
      "unit",
      [](const Vec &x) {
        Vec out(4);
        out[3] = unit(x.data(), out.data());
        return out;
      },
      unitJ, unitPts);
  // ybar = (ct_out[0..2], ct_return), the layout of unitJ's outputs; out is
  // a pure output.
  tad_test::checkVjp(
      "unit", unitJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(3, 0.0), out(3), ctout(yb.begin(), yb.begin() + 3);
        unit_vjp(x.data(), out.data(), yb[3], g.data(), ctout.data());
        return g;
      },
      unitPts, 4);
  auto countersF = [](const Vec &x) { return Vec{counters(x[0], x[1])}; };
  auto countersJ = [](const Vec &x, const Vec &d) {
    double t;
    counters_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> countersPts = {{1.5, 0.13}, {-2.0, 0.3}, {0.7, 0.045}};
  tad_test::checkJvp("counters", countersF, countersJ, countersPts);
  tad_test::checkVjp(
      "counters", countersJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        counters_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      countersPts, 1);
  tad_test::checkGradient(
      "counters_grad", countersF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        counters_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      countersPts);
  auto minMaxF = [](const Vec &x) { return Vec{min_max_abs(x[0], x[1])}; };
  auto minMaxJ = [](const Vec &x, const Vec &d) {
    double t;
    min_max_abs_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> minMaxPts = {
      {0.5, -1.2}, {2.0, 0.3}, {-1.5, 1.0}, {0.9, 1.4}};
  tad_test::checkJvp("min_max_abs", minMaxF, minMaxJ, minMaxPts);
  tad_test::checkVjp(
      "min_max_abs", minMaxJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        min_max_abs_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      minMaxPts, 1);
  tad_test::checkGradient(
      "min_max_abs_grad", minMaxF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        min_max_abs_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      minMaxPts);
  return tad_test::report();
}
#endif
