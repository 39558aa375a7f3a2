// A call that writes an array whose derivative is tracked, inside an
// expression whose own value carries no derivative (an int initialiser):
// the call goes through the callee's JVP, so the array's tangent is written.
// The VJP against the JVP by the dot-product identity.
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

// out[0] = x^2, returned value x * trunc(x).
TAD_JVP TAD_VJP double int_init(double x, double *out) {
  int k = static_cast<int>(put(out, x));
  return x * k;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  // Outputs the result and out[0]; out is a pure output here.
  auto intInitJ = [](const Vec &x, const Vec &d) {
    double out = 0, dout = 0, dr;
    int_init_jvp(x[0], d[0], &out, &dout, &dr);
    return Vec{dr, dout};
  };
  std::vector<Vec> intInitPts = {{1.5}, {-2.3}, {3.7}};
  tad_test::checkJvp(
      "int_init",
      [](const Vec &x) {
        double out = 0;
        double r = int_init(x[0], &out);
        return Vec{r, out};
      },
      intInitJ, intInitPts);
  // ybar = (ct_return, ct_out[0]); out's cotangent on exit is ignored.
  tad_test::checkVjp(
      "int_init", intInitJ,
      [](const Vec &x, const Vec &yb) {
        double out = 0, ctout = yb[1];
        Vec g(1, 0.0);
        int_init_vjp(x[0], &out, yb[0], &g[0], &ctout);
        return g;
      },
      intInitPts, 2);
  return tad_test::report();
}
#endif
