// tad bug: a call to a user function inside a branch of ?: is hoisted out of
// the conditional and runs whatever the condition. When the call writes an
// array, the JVP performs the write (and its tangent's) even when the primal
// takes the other branch: here out[0] and d_out[0] are overwritten for
// w == false, so the tangent of the in-out array is 2 x d_x instead of the
// incoming d_out[0] (and out[0] is x * x instead of unchanged). Generated:
//   double _d_t0;
//   const double _t0 = put_jvp(out, d_out, x, d_x, &_d_t0);
//   *d_return = w ? _d_t0 : 3.0 * d_x;
//   return w ? _t0 : 3.0 * x;
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

static double put(double *out, double v) {
  out[0] = v * v;
  return v;
}

TAD_JVP double ternary_side_effect(double x, double *out, bool w) {
  return w ? put(out, x) : 3.0 * x;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  // x = (x, out[0]); outputs the result and the final out[0].
  for (bool W : {true, false})
    tad_test::checkJvp(
        W ? "ternary_side_effect/w" : "ternary_side_effect",
        [W](const Vec &x) {
          double out = x[1];
          double r = ternary_side_effect(x[0], &out, W);
          return Vec{r, out};
        },
        [W](const Vec &x, const Vec &d) {
          double out = x[1], dout = d[1], dr;
          ternary_side_effect_jvp(x[0], d[0], &out, &dout, W, &dr);
          return Vec{dr, dout};
        },
        {{0.5, 2.0}, {-1.3, 0.25}});
  return tad_test::report();
}
#endif
