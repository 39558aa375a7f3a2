// Branches on data: else-if chains, ?:, comparisons, && || !, bool and int
// parameters and locals, early returns. JVPs against central finite
// differences at points away from the branch boundaries, compiled with
// clang++ and g++ (-Wall -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

// An else-if chain of smooth pieces; the local starts uninitialised.
TAD_JVP double piecewise(double x) {
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
TAD_JVP double gated(double x, double y, bool flip) {
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
TAD_JVP double early(double x, double y, int mode) {
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
TAD_JVP float leaky(float x, float y) {
  float a = x > 0.0f ? x : 0.01f * x;
  float b = y < 0.0f ? -y : y;
  float m = a >= b ? a : b;
  return m * a - b / 4.0f;
}

// int locals whose values depend on data, used as factors and in ?:.
TAD_JVP double int_mix(double x, double y, int k) {
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
  tad_test::checkJvp(
      "piecewise", [](const Vec &x) { return Vec{piecewise(x[0])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        piecewise_jvp(x[0], d[0], &t);
        return Vec{t};
      },
      {{-2.5}, {-1.7}, {0.0}, {0.2}, {1.3}, {1.9}, {3.0}});
  for (bool Flip : {false, true})
    tad_test::checkJvp(
        Flip ? "gated/flip" : "gated",
        [Flip](const Vec &x) { return Vec{gated(x[0], x[1], Flip)}; },
        [Flip](const Vec &x, const Vec &d) {
          double t;
          gated_jvp(x[0], d[0], x[1], d[1], Flip, &t);
          return Vec{t};
        },
        {{1.5, 2.0}, {-1.0, 2.0}, {6.0, 1.0}, {7.0, 8.0}, {2.0, 2.5}});
  for (int Mode : {0, 1, 2, 3})
    tad_test::checkJvp(
        "early", [Mode](const Vec &x) { return Vec{early(x[0], x[1], Mode)}; },
        [Mode](const Vec &x, const Vec &d) {
          double t;
          early_jvp(x[0], d[0], x[1], d[1], Mode, &t);
          return Vec{t};
        },
        {{2.0, 0.5}, {0.5, 2.0}, {-1.5, 1.25}});
  tad_test::checkJvp(
      "leaky",
      [](const Vec &x) {
        return Vec{leaky(static_cast<float>(x[0]), static_cast<float>(x[1]))};
      },
      [](const Vec &x, const Vec &d) {
        float t;
        leaky_jvp(static_cast<float>(x[0]), static_cast<float>(d[0]),
                  static_cast<float>(x[1]), static_cast<float>(d[1]), &t);
        return Vec{t};
      },
      {{1.5, 0.5}, {0.5, -1.5}, {-2.0, 0.25}, {-0.5, -0.75}}, 2e-3, 1e-3);
  for (int K : {1, 2, 3, 5})
    tad_test::checkJvp(
        "int_mix", [K](const Vec &x) { return Vec{int_mix(x[0], x[1], K)}; },
        [K](const Vec &x, const Vec &d) {
          double t;
          int_mix_jvp(x[0], d[0], x[1], d[1], K, &t);
          return Vec{t};
        },
        {{1.5, 0.5}, {-0.7, 2.0}, {3.0, -1.0}});
  return tad_test::report();
}
#endif
