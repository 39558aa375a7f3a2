// XFAIL: *
// Known limitation of reverse mode: a call that passes an array inside '?:'
// (or '&&', '||'). Input (was corpus/ternary_side_effect.cpp):
//   static double put(double *out, double v) { out[0] = v * v; return v; }
//   TAD_JVP TAD_VJP double ternary_side_effect(double x, double *out, bool w) {
//     return w ? put(out, x) : 3.0 * x;
//   }
// tad-gen prints, and generates nothing:
//   error: reverse mode cannot differentiate a call that passes arrays inside
//   '?:', '&&' or '||' yet; call it in a statement of its own
//   error: internal error: array argument in a call reverse mode does not
//   inline
// (the second, an "internal error" on the argument `out` of the same call,
// follows the first). Expected: ternary_side_effect_vjp(x, out, w,
// ct_return, ct_x, ct_out) with out in-out, checked against the JVP by the
// dot-product identity; the JVP alone (TAD_JVP) is generated and passes its
// finite-difference checks.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

static double put(double *out, double v) {
  out[0] = v * v;
  return v;
}

// The call writes out[0] only when w is true.
TAD_JVP TAD_VJP double ternary_side_effect(double x, double *out, bool w) {
  return w ? put(out, x) : 3.0 * x;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  // x = (x, out[0]); outputs the result and the final out[0].
  for (bool W : {true, false}) {
    const char *Name = W ? "ternary_side_effect/w" : "ternary_side_effect";
    auto J = [W](const Vec &x, const Vec &d) {
      double out = x[1], dout = d[1], dr;
      ternary_side_effect_jvp(x[0], d[0], &out, &dout, W, &dr);
      return Vec{dr, dout};
    };
    std::vector<Vec> Pts = {{0.5, 2.0}, {-1.3, 0.25}};
    tad_test::checkJvp(
        Name,
        [W](const Vec &x) {
          double out = x[1];
          double r = ternary_side_effect(x[0], &out, W);
          return Vec{r, out};
        },
        J, Pts);
    // out is in-out: ct_out holds ybar[1] on entry and the cotangent of the
    // input out[0] on exit.
    tad_test::checkVjp(
        Name, J,
        [W](const Vec &x, const Vec &yb) {
          double out = x[1], ctx = 0, ctout = yb[1];
          ternary_side_effect_vjp(x[0], &out, W, yb[0], &ctx, &ctout);
          return Vec{ctx, ctout};
        },
        Pts, 2);
  }
  return tad_test::report();
}
#endif
