// Calls to other functions of the same file: scalar helpers, a helper called
// several times, helpers taking arrays, a recursive helper (power by repeated
// squaring with an int exponent), a void helper writing an output array, a
// helper calling a helper, an int-valued helper, a float helper. JVPs and
// gradients against central finite differences, VJPs against the JVPs by the
// dot-product identity, compiled with clang++ and g++ (-Wall -Wextra
// -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
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

TAD_JVP TAD_VJP double uses_helpers(double x, double y) {
  return sq(x) + sq(y) * sq(x - y) + ipow(x, 5) - ipow(y, -3) + ipow(x, 0);
}

TAD_JVP TAD_VJP double cosine(const double *a, const double *b, int n) {
  return dot(a, b, n) / std::sqrt(dot(a, a, n) * dot(b, b, n));
}

// Void helpers writing outputs and in-out arrays, including local arrays.
TAD_JVP TAD_VJP void combine(const double *x, const double *y, double s,
                             double *out, int n) {
  double tmp[4];
  scale_into(x, s, tmp, n);
  scale_into(y, 2.0, out, n);
  add_into(out, tmp, s, n);
  int k = argmax(x, n);
  out[k] *= ipow(s, 3);
}

// Helpers called inside a loop, in both branches of an if, and as an index.
TAD_JVP TAD_VJP double loop_calls(const double *x, int n, double p) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (x[i] > 0)
      s += ipow(x[i] + p, i + 1);
    else
      s -= sq(x[i] * p);
  }
  return s + x[argmax(x, n)];
}

TAD_JVP TAD_VJP float blend(float a, float b, float t) {
  float m = lerpf(a, b, t);
  return lerpf(m, a * b, t * t) + lerpf(1.0f, 2.0f, t);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  auto usesF = [](const Vec &x) { return Vec{uses_helpers(x[0], x[1])}; };
  auto usesJ = [](const Vec &x, const Vec &d) {
    double t;
    uses_helpers_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> usesPts = {{1.2, 0.8}, {-0.7, 1.5}, {2.0, -1.3}};
  tad_test::checkJvp("uses_helpers", usesF, usesJ, usesPts);
  tad_test::checkVjp(
      "uses_helpers", usesJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        uses_helpers_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      usesPts, 1);
  tad_test::checkGradient(
      "uses_helpers_grad", usesF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        uses_helpers_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      usesPts);
  auto cosineF = [](const Vec &x) {
    return Vec{cosine(x.data(), x.data() + 3, 3)};
  };
  auto cosineJ = [](const Vec &x, const Vec &d) {
    double t;
    cosine_jvp(x.data(), d.data(), x.data() + 3, d.data() + 3, 3, &t);
    return Vec{t};
  };
  std::vector<Vec> cosinePts = {{1, 2, 3, -1, 0.5, 2},
                                {0.3, -0.7, 1.1, 2, 1, -0.4}};
  tad_test::checkJvp("cosine", cosineF, cosineJ, cosinePts);
  tad_test::checkVjp(
      "cosine", cosineJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(6, 0.0);
        cosine_vjp(x.data(), x.data() + 3, 3, yb[0], g.data(), g.data() + 3);
        return g;
      },
      cosinePts, 1);
  tad_test::checkGradient(
      "cosine_grad", cosineF,
      [](const Vec &x) {
        Vec g(6, 0.0);
        cosine_grad(x.data(), x.data() + 3, 3, g.data(), g.data() + 3);
        return g;
      },
      cosinePts);
  // x = (x[0..3], y[0..3], s).
  auto combineJ = [](const Vec &x, const Vec &d) {
    Vec out(4), dout(4);
    combine_jvp(x.data(), d.data(), x.data() + 4, d.data() + 4, x[8], d[8],
                out.data(), dout.data(), 4);
    return dout;
  };
  std::vector<Vec> combinePts = {{1, 3, 0.5, -1, 0.2, -0.4, 1.5, 2, 0.7},
                                 {-1, 0.5, 0.25, 2, 1, 1, -1, 3, -1.3}};
  tad_test::checkJvp(
      "combine",
      [](const Vec &x) {
        Vec out(4);
        combine(x.data(), x.data() + 4, x[8], out.data(), 4);
        return out;
      },
      combineJ, combinePts);
  // out is a pure output: ct_out holds ybar on entry, is ignored on exit.
  tad_test::checkVjp(
      "combine", combineJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(9, 0.0), out(4), ctout = yb;
        combine_vjp(x.data(), x.data() + 4, x[8], out.data(), 4, g.data(),
                    g.data() + 4, &g[8], ctout.data());
        return g;
      },
      combinePts, 4);
  // x = (x[0..3], p).
  auto loopF = [](const Vec &x) { return Vec{loop_calls(x.data(), 4, x[4])}; };
  auto loopJ = [](const Vec &x, const Vec &d) {
    double t;
    loop_calls_jvp(x.data(), d.data(), 4, x[4], d[4], &t);
    return Vec{t};
  };
  std::vector<Vec> loopPts = {{0.5, -1, 1.5, 0.25, 0.3},
                              {-0.5, 2, -1.5, 0.75, -0.2}};
  tad_test::checkJvp("loop_calls", loopF, loopJ, loopPts);
  tad_test::checkVjp(
      "loop_calls", loopJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(5, 0.0);
        loop_calls_vjp(x.data(), 4, x[4], yb[0], g.data(), &g[4]);
        return g;
      },
      loopPts, 1);
  tad_test::checkGradient(
      "loop_calls_grad", loopF,
      [](const Vec &x) {
        Vec g(5, 0.0);
        loop_calls_grad(x.data(), 4, x[4], g.data(), &g[4]);
        return g;
      },
      loopPts);
  auto blendF = [](const Vec &x) {
    return Vec{blend(static_cast<float>(x[0]), static_cast<float>(x[1]),
                     static_cast<float>(x[2]))};
  };
  auto blendJ = [](const Vec &x, const Vec &d) {
    float t;
    blend_jvp(static_cast<float>(x[0]), static_cast<float>(d[0]),
              static_cast<float>(x[1]), static_cast<float>(d[1]),
              static_cast<float>(x[2]), static_cast<float>(d[2]), &t);
    return Vec{t};
  };
  std::vector<Vec> blendPts = {{0.5, 1.5, 0.25}, {-1, 2, 0.75}};
  tad_test::checkJvp("blend", blendF, blendJ, blendPts, 2e-3, 1e-3);
  tad_test::checkVjp(
      "blend", blendJ,
      [](const Vec &x, const Vec &yb) {
        float g[3] = {0.0f, 0.0f, 0.0f};
        blend_vjp(static_cast<float>(x[0]), static_cast<float>(x[1]),
                  static_cast<float>(x[2]), static_cast<float>(yb[0]), &g[0],
                  &g[1], &g[2]);
        return Vec{g[0], g[1], g[2]};
      },
      blendPts, 1, 1e-5);
  tad_test::checkGradient(
      "blend_grad", blendF,
      [](const Vec &x) {
        float g[3] = {0.0f, 0.0f, 0.0f};
        blend_grad(static_cast<float>(x[0]), static_cast<float>(x[1]),
                   static_cast<float>(x[2]), &g[0], &g[1], &g[2]);
        return Vec{g[0], g[1], g[2]};
      },
      blendPts, 2e-3, 1e-3);
  return tad_test::report();
}
#endif
