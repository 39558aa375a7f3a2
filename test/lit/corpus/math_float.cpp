// float maths: std::f on float arguments (the float overloads) and the C
// float functions sinf, expf, ... in float-only code, float arrays, and
// float/double mixing. JVPs and gradients against central finite differences
// with a float tolerance (2e-3, step 1e-3), VJPs against the JVPs by the
// dot-product identity (tolerance 1e-5), compiled with clang++ and g++ (-Wall
// -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

// std:: overloads on float.
TAD_JVP TAD_VJP float std_float(float x, float y) {
  float a = std::sin(x) * std::cos(y) + std::exp(0.5f * x) - std::log(y * y);
  a += std::sqrt(x * x + 1.0f) * std::tanh(y) + std::atan2(y, x);
  a -= std::pow(x, 3) + std::pow(y, x) * 0.1f + std::hypot(x, y);
  return a / (2.0f + std::erf(y));
}

// The C float functions.
TAD_JVP TAD_VJP float c_float(float x, float y) {
  float a = sinf(x) + cosf(x * y) * tanf(0.5f * y) - expf(-x * x);
  a *= logf(1.0f + y * y) + sqrtf(fabsf(x) + 1.0f);
  a += powf(y * y + 1.0f, 0.5f * x) - atanf(x) * asinf(0.5f * y);
  a -= acosf(0.3f * x) + sinhf(y) * coshf(0.5f * x) - expm1f(0.25f * y);
  a += log2f(x * x + 2.0f) + log10f(y * y + 3.0f) - log1pf(x * x);
  return a + exp2f(y) * cbrtf(x) - erfcf(x) + fminf(x, y) * fmaxf(x, y);
}

// A float array in, a float array out, with fmaf.
TAD_JVP TAD_VJP void float_arrays(const float *x, float *y, int n) {
  float acc = 0.0f;
  for (int i = 0; i < n; ++i) {
    acc = std::fma(acc, 0.5f, x[i]);
    y[i] = fmaf(x[i], acc, std::fabs(x[i]));
  }
}

// float and double mixed: a double computed from floats and returned as float.
TAD_JVP TAD_VJP float mixed_precision(float x, double y) {
  double t = std::sin(static_cast<double>(x)) * y;
  float u = std::cos(x) * static_cast<float>(y);
  t += u * std::exp(y);
  return static_cast<float>(t) + u;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

static float f(double V) { return static_cast<float>(V); }

int main() {
  auto stdFloatF = [](const Vec &x) {
    return Vec{std_float(f(x[0]), f(x[1]))};
  };
  auto stdFloatJ = [](const Vec &x, const Vec &d) {
    float t;
    std_float_jvp(f(x[0]), f(d[0]), f(x[1]), f(d[1]), &t);
    return Vec{t};
  };
  std::vector<Vec> stdFloatPts = {{0.5f, 1.2f}, {2.0f, 0.3f}, {-1.5f, 0.8f}};
  tad_test::checkJvp("std_float", stdFloatF, stdFloatJ, stdFloatPts, 2e-3,
                     1e-3);
  tad_test::checkVjp(
      "std_float", stdFloatJ,
      [](const Vec &x, const Vec &yb) {
        float g[2] = {0.0f, 0.0f};
        std_float_vjp(f(x[0]), f(x[1]), f(yb[0]), &g[0], &g[1]);
        return Vec{g[0], g[1]};
      },
      stdFloatPts, 1, 1e-5);
  tad_test::checkGradient(
      "std_float_grad", stdFloatF,
      [](const Vec &x) {
        float g[2] = {0.0f, 0.0f};
        std_float_grad(f(x[0]), f(x[1]), &g[0], &g[1]);
        return Vec{g[0], g[1]};
      },
      stdFloatPts, 2e-3, 1e-3);
  auto cFloatF = [](const Vec &x) { return Vec{c_float(f(x[0]), f(x[1]))}; };
  auto cFloatJ = [](const Vec &x, const Vec &d) {
    float t;
    c_float_jvp(f(x[0]), f(d[0]), f(x[1]), f(d[1]), &t);
    return Vec{t};
  };
  std::vector<Vec> cFloatPts = {{0.5f, 1.2f}, {2.0f, 0.3f}, {-1.5f, -1.0f}};
  tad_test::checkJvp("c_float", cFloatF, cFloatJ, cFloatPts, 2e-3, 1e-3);
  tad_test::checkVjp(
      "c_float", cFloatJ,
      [](const Vec &x, const Vec &yb) {
        float g[2] = {0.0f, 0.0f};
        c_float_vjp(f(x[0]), f(x[1]), f(yb[0]), &g[0], &g[1]);
        return Vec{g[0], g[1]};
      },
      cFloatPts, 1, 1e-5);
  tad_test::checkGradient(
      "c_float_grad", cFloatF,
      [](const Vec &x) {
        float g[2] = {0.0f, 0.0f};
        c_float_grad(f(x[0]), f(x[1]), &g[0], &g[1]);
        return Vec{g[0], g[1]};
      },
      cFloatPts, 2e-3, 1e-3);
  auto arraysJ = [](const Vec &x, const Vec &d) {
    float xf[4], dxf[4], yf[4], dyf[4];
    for (int i = 0; i < 4; ++i) {
      xf[i] = f(x[i]);
      dxf[i] = f(d[i]);
    }
    float_arrays_jvp(xf, dxf, yf, dyf, 4);
    return Vec(dyf, dyf + 4);
  };
  std::vector<Vec> arraysPts = {{0.5f, -1.2f, 2.0f, 0.25f},
                                {-2.0f, 0.3f, 1.5f, -0.75f}};
  tad_test::checkJvp(
      "float_arrays",
      [](const Vec &x) {
        float xf[4], yf[4];
        for (int i = 0; i < 4; ++i)
          xf[i] = f(x[i]);
        float_arrays(xf, yf, 4);
        return Vec(yf, yf + 4);
      },
      arraysJ, arraysPts, 2e-3, 1e-3);
  // y is a pure output: ct_y holds ybar on entry, is ignored on exit.
  tad_test::checkVjp(
      "float_arrays", arraysJ,
      [](const Vec &x, const Vec &yb) {
        float xf[4], yf[4], ctx[4] = {0.0f, 0.0f, 0.0f, 0.0f}, cty[4];
        for (int i = 0; i < 4; ++i) {
          xf[i] = f(x[i]);
          cty[i] = f(yb[i]);
        }
        float_arrays_vjp(xf, yf, 4, ctx, cty);
        return Vec(ctx, ctx + 4);
      },
      arraysPts, 4, 1e-5);
  auto mixedPrecF = [](const Vec &x) {
    return Vec{mixed_precision(f(x[0]), x[1])};
  };
  auto mixedPrecJ = [](const Vec &x, const Vec &d) {
    float t;
    mixed_precision_jvp(f(x[0]), f(d[0]), x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> mixedPrecPts = {{0.5f, 1.2f}, {2.0f, 0.3f}, {-1.5f, -1.0f}};
  tad_test::checkJvp("mixed_precision", mixedPrecF, mixedPrecJ, mixedPrecPts,
                     2e-3, 1e-3);
  tad_test::checkVjp(
      "mixed_precision", mixedPrecJ,
      [](const Vec &x, const Vec &yb) {
        float gx = 0.0f;
        double gy = 0.0;
        mixed_precision_vjp(f(x[0]), x[1], f(yb[0]), &gx, &gy);
        return Vec{gx, gy};
      },
      mixedPrecPts, 1, 1e-5);
  tad_test::checkGradient(
      "mixed_precision_grad", mixedPrecF,
      [](const Vec &x) {
        float gx = 0.0f;
        double gy = 0.0;
        mixed_precision_grad(f(x[0]), x[1], &gx, &gy);
        return Vec{gx, gy};
      },
      mixedPrecPts, 2e-3, 1e-3);
  return tad_test::report();
}
#endif
