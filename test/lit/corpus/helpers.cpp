// Calls to other functions of the same file: scalar helpers, a helper called
// several times, helpers taking arrays, a recursive helper (power by repeated
// squaring with an int exponent), a void helper writing an output array, a
// helper calling a helper, an int-valued helper, a float helper. JVPs against
// central finite differences, compiled with clang++ and g++ (-Wall -Wextra
// -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

static double sq(double x) { return x * x; }

// x^n by repeated squaring; negative n through the reciprocal.
static double ipow(double x, int n) {
  if (n == 0)
    return 1.0;
  if (n < 0)
    return 1.0 / ipow(x, -n);
  double h = ipow(x, n / 2);
  if (n % 2 == 0)
    return h * h;
  return h * h * x;
}

static double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}

static int argmax(const double *x, int n) {
  int k = 0;
  for (int i = 1; i < n; ++i)
    if (x[i] > x[k])
      k = i;
  return k;
}

// out = s * x + sq(x): a void helper writing an output array.
static void scale_into(const double *x, double s, double *out, int n) {
  for (int i = 0; i < n; ++i)
    out[i] = s * x[i] + sq(x[i]);
}

// Adds to an in-out array.
static void add_into(double *acc, const double *x, double w, int n) {
  for (int i = 0; i < n; ++i)
    acc[i] += w * x[i];
}

static float lerpf(float a, float b, float t) { return a + t * (b - a); }

TAD_JVP double uses_helpers(double x, double y) {
  return sq(x) + sq(y) * sq(x - y) + ipow(x, 5) - ipow(y, -3) + ipow(x, 0);
}

TAD_JVP double cosine(const double *a, const double *b, int n) {
  return dot(a, b, n) / std::sqrt(dot(a, a, n) * dot(b, b, n));
}

// Void helpers writing outputs and in-out arrays, including local arrays.
TAD_JVP void combine(const double *x, const double *y, double s, double *out,
                     int n) {
  double tmp[4];
  scale_into(x, s, tmp, n);
  scale_into(y, 2.0, out, n);
  add_into(out, tmp, s, n);
  int k = argmax(x, n);
  out[k] *= ipow(s, 3);
}

// Helpers called inside a loop, in both branches of an if, and as an index.
TAD_JVP double loop_calls(const double *x, int n, double p) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (x[i] > 0)
      s += ipow(x[i] + p, i + 1);
    else
      s -= sq(x[i] * p);
  }
  return s + x[argmax(x, n)];
}

TAD_JVP float blend(float a, float b, float t) {
  float m = lerpf(a, b, t);
  return lerpf(m, a * b, t * t) + lerpf(1.0f, 2.0f, t);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  tad_test::checkJvp(
      "uses_helpers",
      [](const Vec &x) { return Vec{uses_helpers(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        uses_helpers_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{1.2, 0.8}, {-0.7, 1.5}, {2.0, -1.3}});
  tad_test::checkJvp(
      "cosine",
      [](const Vec &x) { return Vec{cosine(x.data(), x.data() + 3, 3)}; },
      [](const Vec &x, const Vec &d) {
        double t;
        cosine_jvp(x.data(), d.data(), x.data() + 3, d.data() + 3, 3, &t);
        return Vec{t};
      },
      {{1, 2, 3, -1, 0.5, 2}, {0.3, -0.7, 1.1, 2, 1, -0.4}});
  // x = (x[0..3], y[0..3], s).
  tad_test::checkJvp(
      "combine",
      [](const Vec &x) {
        Vec out(4);
        combine(x.data(), x.data() + 4, x[8], out.data(), 4);
        return out;
      },
      [](const Vec &x, const Vec &d) {
        Vec out(4), dout(4);
        combine_jvp(x.data(), d.data(), x.data() + 4, d.data() + 4, x[8], d[8],
                    out.data(), dout.data(), 4);
        return dout;
      },
      {{1, 3, 0.5, -1, 0.2, -0.4, 1.5, 2, 0.7},
       {-1, 0.5, 0.25, 2, 1, 1, -1, 3, -1.3}});
  // x = (x[0..3], p).
  tad_test::checkJvp(
      "loop_calls",
      [](const Vec &x) { return Vec{loop_calls(x.data(), 4, x[4])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        loop_calls_jvp(x.data(), d.data(), 4, x[4], d[4], &t);
        return Vec{t};
      },
      {{0.5, -1, 1.5, 0.25, 0.3}, {-0.5, 2, -1.5, 0.75, -0.2}});
  tad_test::checkJvp(
      "blend",
      [](const Vec &x) {
        return Vec{blend(static_cast<float>(x[0]), static_cast<float>(x[1]),
                         static_cast<float>(x[2]))};
      },
      [](const Vec &x, const Vec &d) {
        float t;
        blend_jvp(static_cast<float>(x[0]), static_cast<float>(d[0]),
                  static_cast<float>(x[1]), static_cast<float>(d[1]),
                  static_cast<float>(x[2]), static_cast<float>(d[2]), &t);
        return Vec{t};
      },
      {{0.5, 1.5, 0.25}, {-1, 2, 0.75}}, 2e-3, 1e-3);
  return tad_test::report();
}
#endif
