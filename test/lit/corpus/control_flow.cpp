// Branches on data: else-if chains, ?:, comparisons, && || !, bool and int
// parameters and locals, early returns. JVPs and gradients against central
// finite differences at points away from the branch boundaries, VJPs against
// the JVPs by the dot-product identity, compiled with clang++ and g++ (-Wall
// -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

// An else-if chain of smooth pieces; the local starts uninitialised.
TAD_JVP TAD_VJP double piecewise(double x) {
  double y;
  if (x < -1.0) {
    y = -x * x + 2.0;
  } else if (x < 0.5) {
    y = 3.0 * x + 4.0;
  } else if (x <= 2.0) {
    y = x * x * x;
  } else {
    y = 8.0 + 12.0 * (x - 2.0);
  }
  return y;
}

// bool parameter and locals, && || !, ?:, == and !=.
TAD_JVP TAD_VJP double gated(double x, double y, bool flip) {
  bool bothPos = x > 0 && y > 0;
  bool anyBig = x > 5 || y > 5;
  double r = bothPos ? x * y : x + y;
  if (!anyBig && !flip)
    r *= 2.0;
  else if (flip || x != y)
    r = -r;
  if (bothPos == anyBig)
    r += y * y;
  return anyBig ? r / 2.0 : r - x;
}

// Early returns guarded by int and data conditions.
TAD_JVP TAD_VJP double early(double x, double y, int mode) {
  if (mode == 0)
    return x * y;
  double t = x - y;
  if (mode == 1 && t > 0)
    return t * t;
  if (mode >= 2) {
    if (t >= 0)
      return x / y;
    return y / x;
  }
  return -t * x;
}

// ReLU-, abs- and max-like selections on floats.
TAD_JVP TAD_VJP float leaky(float x, float y) {
  float a = x > 0.0f ? x : 0.01f * x;
  float b = y < 0.0f ? -y : y;
  float m = a >= b ? a : b;
  return m * a - b / 4.0f;
}

// int locals whose values depend on data, used as factors and in ?:.
TAD_JVP TAD_VJP double int_mix(double x, double y, int k) {
  int sgn = x < 0 ? -1 : 1;
  int q = k / 2 + k % 3;
  double r = sgn * x + q * y;
  r -= (k > 2) * y;
  if (!(q > 1) || sgn < 0)
    r /= 1.0 + y * y;
  return r * q - sgn;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  auto piecewiseF = [](const Vec &x) { return Vec{piecewise(x[0])}; };
  auto piecewiseJ = [](const Vec &x, const Vec &d) {
    double t;
    piecewise_jvp(x[0], d[0], &t);
    return Vec{t};
  };
  std::vector<Vec> piecewisePts = {{-2.5}, {-1.7}, {0.0}, {0.2},
                                   {1.3},  {1.9},  {3.0}};
  tad_test::checkJvp("piecewise", piecewiseF, piecewiseJ, piecewisePts);
  tad_test::checkVjp(
      "piecewise", piecewiseJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(1, 0.0);
        piecewise_vjp(x[0], yb[0], &g[0]);
        return g;
      },
      piecewisePts, 1);
  tad_test::checkGradient(
      "piecewise_grad", piecewiseF,
      [](const Vec &x) {
        Vec g(1, 0.0);
        piecewise_grad(x[0], &g[0]);
        return g;
      },
      piecewisePts);
  for (bool Flip : {false, true}) {
    const char *Name = Flip ? "gated/flip" : "gated";
    auto F = [Flip](const Vec &x) { return Vec{gated(x[0], x[1], Flip)}; };
    auto J = [Flip](const Vec &x, const Vec &d) {
      double t;
      gated_jvp(x[0], d[0], x[1], d[1], Flip, &t);
      return Vec{t};
    };
    std::vector<Vec> Pts = {
        {1.5, 2.0}, {-1.0, 2.0}, {6.0, 1.0}, {7.0, 8.0}, {2.0, 2.5}};
    tad_test::checkJvp(Name, F, J, Pts);
    tad_test::checkVjp(
        Name, J,
        [Flip](const Vec &x, const Vec &yb) {
          Vec g(2, 0.0);
          gated_vjp(x[0], x[1], Flip, yb[0], &g[0], &g[1]);
          return g;
        },
        Pts, 1);
    tad_test::checkGradient(
        Name, F,
        [Flip](const Vec &x) {
          Vec g(2, 0.0);
          gated_grad(x[0], x[1], Flip, &g[0], &g[1]);
          return g;
        },
        Pts);
  }
  for (int Mode : {0, 1, 2, 3}) {
    auto F = [Mode](const Vec &x) { return Vec{early(x[0], x[1], Mode)}; };
    auto J = [Mode](const Vec &x, const Vec &d) {
      double t;
      early_jvp(x[0], d[0], x[1], d[1], Mode, &t);
      return Vec{t};
    };
    std::vector<Vec> Pts = {{2.0, 0.5}, {0.5, 2.0}, {-1.5, 1.25}};
    tad_test::checkJvp("early", F, J, Pts);
    tad_test::checkVjp(
        "early", J,
        [Mode](const Vec &x, const Vec &yb) {
          Vec g(2, 0.0);
          early_vjp(x[0], x[1], Mode, yb[0], &g[0], &g[1]);
          return g;
        },
        Pts, 1);
    tad_test::checkGradient(
        "early_grad", F,
        [Mode](const Vec &x) {
          Vec g(2, 0.0);
          early_grad(x[0], x[1], Mode, &g[0], &g[1]);
          return g;
        },
        Pts);
  }
  auto leakyF = [](const Vec &x) {
    return Vec{leaky(static_cast<float>(x[0]), static_cast<float>(x[1]))};
  };
  auto leakyJ = [](const Vec &x, const Vec &d) {
    float t;
    leaky_jvp(static_cast<float>(x[0]), static_cast<float>(d[0]),
              static_cast<float>(x[1]), static_cast<float>(d[1]), &t);
    return Vec{t};
  };
  std::vector<Vec> leakyPts = {
      {1.5, 0.5}, {0.5, -1.5}, {-2.0, 0.25}, {-0.5, -0.75}};
  tad_test::checkJvp("leaky", leakyF, leakyJ, leakyPts, 2e-3, 1e-3);
  tad_test::checkVjp(
      "leaky", leakyJ,
      [](const Vec &x, const Vec &yb) {
        float g[2] = {0.0f, 0.0f};
        leaky_vjp(static_cast<float>(x[0]), static_cast<float>(x[1]),
                  static_cast<float>(yb[0]), &g[0], &g[1]);
        return Vec{g[0], g[1]};
      },
      leakyPts, 1, 1e-5);
  tad_test::checkGradient(
      "leaky_grad", leakyF,
      [](const Vec &x) {
        float g[2] = {0.0f, 0.0f};
        leaky_grad(static_cast<float>(x[0]), static_cast<float>(x[1]), &g[0],
                   &g[1]);
        return Vec{g[0], g[1]};
      },
      leakyPts, 2e-3, 1e-3);
  for (int K : {1, 2, 3, 5}) {
    auto F = [K](const Vec &x) { return Vec{int_mix(x[0], x[1], K)}; };
    auto J = [K](const Vec &x, const Vec &d) {
      double t;
      int_mix_jvp(x[0], d[0], x[1], d[1], K, &t);
      return Vec{t};
    };
    std::vector<Vec> Pts = {{1.5, 0.5}, {-0.7, 2.0}, {3.0, -1.0}};
    tad_test::checkJvp("int_mix", F, J, Pts);
    tad_test::checkVjp(
        "int_mix", J,
        [K](const Vec &x, const Vec &yb) {
          Vec g(2, 0.0);
          int_mix_vjp(x[0], x[1], K, yb[0], &g[0], &g[1]);
          return g;
        },
        Pts, 1);
    tad_test::checkGradient(
        "int_mix_grad", F,
        [K](const Vec &x) {
          Vec g(2, 0.0);
          int_mix_grad(x[0], x[1], K, &g[0], &g[1]);
          return g;
        },
        Pts);
  }
  return tad_test::report();
}
#endif
