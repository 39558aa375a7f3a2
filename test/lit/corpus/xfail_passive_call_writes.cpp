// XFAIL: *
// Status: the cast case is fixed; `w && put(...)` is now a designed error
// (a writing call as the right operand of &&), so this stays XFAIL.
// tad bug: a call to a user function that writes an array whose derivative
// is tracked, made inside an expression whose value is passive (an int or
// bool initialiser), is emitted as a call of the primal function, so the
// tangent of the array is never written: a silently wrong derivative. (The
// same call in an if condition is rejected with "a call in this condition
// writes an array whose derivative is tracked", and in a double expression
// it is differentiated correctly.) For
//   int k = static_cast<int>(put(out, x));
// tad emits, with the d_out parameter left unused:
//   double ke_jvp(double x, double d_x, double *out, double * /*d_out*/, ...)
//   int k = put(out, x);
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

static double put(double *out, double v) {
  out[0] = v * v;
  return v;
}

// out[0] = x^2, returned value x * trunc(x).
TAD_JVP double int_init(double x, double *out) {
  int k = static_cast<int>(put(out, x));
  return x * k;
}

// out[0] = (2x)^2 when w, returned value x or -x.
TAD_JVP double bool_init(double x, double *out, bool w) {
  bool b = w && put(out, 2.0 * x) > 0;
  return b ? x : -x;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  // Outputs the result and out[0]; out is a pure output here.
  tad_test::checkJvp(
      "int_init",
      [](const Vec &x) {
        double out = 0;
        double r = int_init(x[0], &out);
        return Vec{r, out};
      },
      [](const Vec &x, const Vec &d) {
        double out = 0, dout = 0, dr;
        int_init_jvp(x[0], d[0], &out, &dout, &dr);
        return Vec{dr, dout};
      },
      {{1.5}, {-2.3}, {3.7}});
  tad_test::checkJvp(
      "bool_init",
      [](const Vec &x) {
        double out = 0;
        double r = bool_init(x[0], &out, true);
        return Vec{r, out};
      },
      [](const Vec &x, const Vec &d) {
        double out = 0, dout = 0, dr;
        bool_init_jvp(x[0], d[0], &out, &dout, true, &dr);
        return Vec{dr, dout};
      },
      {{1.5}, {-2.3}});
  return tad_test::report();
}
#endif
