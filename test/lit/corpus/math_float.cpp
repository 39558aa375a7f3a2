// float maths: std::f on float arguments (the float overloads) and the C
// float functions sinf, expf, ... in float-only code, float arrays, and
// float/double mixing. JVPs against central finite differences with a float
// tolerance (2e-3, step 1e-3), compiled with clang++ and g++ (-Wall -Wextra
// -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

// std:: overloads on float.
TAD_JVP float std_float(float x, float y) {
  float a = std::sin(x) * std::cos(y) + std::exp(0.5f * x) - std::log(y * y);
  a += std::sqrt(x * x + 1.0f) * std::tanh(y) + std::atan2(y, x);
  a -= std::pow(x, 3) + std::pow(y, x) * 0.1f + std::hypot(x, y);
  return a / (2.0f + std::erf(y));
}

// The C float functions.
TAD_JVP float c_float(float x, float y) {
  float a = sinf(x) + cosf(x * y) * tanf(0.5f * y) - expf(-x * x);
  a *= logf(1.0f + y * y) + sqrtf(fabsf(x) + 1.0f);
  a += powf(y * y + 1.0f, 0.5f * x) - atanf(x) * asinf(0.5f * y);
  a -= acosf(0.3f * x) + sinhf(y) * coshf(0.5f * x) - expm1f(0.25f * y);
  a += log2f(x * x + 2.0f) + log10f(y * y + 3.0f) - log1pf(x * x);
  return a + exp2f(y) * cbrtf(x) - erfcf(x) + fminf(x, y) * fmaxf(x, y);
}

// A float array in, a float array out, with fmaf.
TAD_JVP void float_arrays(const float *x, float *y, int n) {
  float acc = 0.0f;
  for (int i = 0; i < n; ++i) {
    acc = std::fma(acc, 0.5f, x[i]);
    y[i] = fmaf(x[i], acc, std::fabs(x[i]));
  }
}

// float and double mixed: a double computed from floats and returned as float.
TAD_JVP float mixed_precision(float x, double y) {
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
  tad_test::checkJvp(
      "std_float",
      [](const Vec &x) { return Vec{std_float(f(x[0]), f(x[1]))}; },
      [](const Vec &x, const Vec &d) {
        float t;
        std_float_jvp(f(x[0]), f(d[0]), f(x[1]), f(d[1]), &t);
        return Vec{t};
      },
      {{0.5f, 1.2f}, {2.0f, 0.3f}, {-1.5f, 0.8f}}, 2e-3, 1e-3);
  tad_test::checkJvp(
      "c_float", [](const Vec &x) { return Vec{c_float(f(x[0]), f(x[1]))}; },
      [](const Vec &x, const Vec &d) {
        float t;
        c_float_jvp(f(x[0]), f(d[0]), f(x[1]), f(d[1]), &t);
        return Vec{t};
      },
      {{0.5f, 1.2f}, {2.0f, 0.3f}, {-1.5f, -1.0f}}, 2e-3, 1e-3);
  tad_test::checkJvp(
      "float_arrays",
      [](const Vec &x) {
        float xf[4], yf[4];
        for (int i = 0; i < 4; ++i)
          xf[i] = f(x[i]);
        float_arrays(xf, yf, 4);
        return Vec(yf, yf + 4);
      },
      [](const Vec &x, const Vec &d) {
        float xf[4], dxf[4], yf[4], dyf[4];
        for (int i = 0; i < 4; ++i) {
          xf[i] = f(x[i]);
          dxf[i] = f(d[i]);
        }
        float_arrays_jvp(xf, dxf, yf, dyf, 4);
        return Vec(dyf, dyf + 4);
      },
      {{0.5f, -1.2f, 2.0f, 0.25f}, {-2.0f, 0.3f, 1.5f, -0.75f}}, 2e-3, 1e-3);
  tad_test::checkJvp(
      "mixed_precision",
      [](const Vec &x) { return Vec{mixed_precision(f(x[0]), x[1])}; },
      [](const Vec &x, const Vec &d) {
        float t;
        mixed_precision_jvp(f(x[0]), f(d[0]), x[1], d[1], &t);
        return Vec{t};
      },
      {{0.5f, 1.2f}, {2.0f, 0.3f}, {-1.5f, -1.0f}}, 2e-3, 1e-3);
  return tad_test::report();
}
#endif
