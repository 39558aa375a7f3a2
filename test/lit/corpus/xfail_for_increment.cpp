// XFAIL: *
// Status: the sqrt case now works (maths results are recomputed in a for
// increment); a user call in the increment is now a clear error, so this
// stays XFAIL until increments with calls are supported.
// tad bug: when the increment of a for loop needs a temporary in the JVP (a
// maths function whose rule reuses its result, like sqrt, exp, tan, pow, or a
// call to a user function), the temporary's declaration is emitted inside
// the for-increment, which is not valid C++. For
//   for (double t = 0.1; t < 1; t += std::sqrt(t) * dt)
// tad emits
//   for (; t < 1; const double _t0 = std::sqrt(t),
//                 d_t += d_t / (2.0 * _t0) * dt + _t0 * d_dt,
//                 t += _t0 * dt) {
// and for t += quart(dt) (a user helper)
//   for (; t < 1; double _d_t0, const double _t0 = quart_jvp(dt, d_dt, &_d_t0),
//                 d_t += _d_t0, t += _t0) {
// Both fail to compile with clang++ and g++.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

static double quart(double x) { return x * x * x * x; }

// Steps of size sqrt(t) * dt: the increment uses a result-reusing rule.
TAD_JVP double sqrt_step(double x, double dt) {
  double s = 0;
  for (double t = 0.1; t < 1; t += std::sqrt(t) * dt)
    s += t * x;
  return s;
}

// Steps of size dt^4: the increment calls a user function.
TAD_JVP double helper_step(double x, double dt) {
  double s = 0;
  for (double t = 0; t < 1; t += quart(dt))
    s += t * x;
  return s;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  tad_test::checkJvp(
      "sqrt_step", [](const Vec &x) { return Vec{sqrt_step(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        sqrt_step_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{1.5, 0.13}, {-2.0, 0.31}});
  tad_test::checkJvp(
      "helper_step", [](const Vec &x) { return Vec{helper_step(x[0], x[1])}; },
      [](const Vec &x, const Vec &d) {
        double t;
        helper_step_jvp(x[0], d[0], x[1], d[1], &t);
        return Vec{t};
      },
      {{1.5, 0.6}, {-2.0, 0.7}});
  return tad_test::report();
}
#endif
