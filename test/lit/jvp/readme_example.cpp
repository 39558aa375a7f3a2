// The example in README.md: the generated text, line by line, and its
// values against finite differences.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc --match-full-lines --strict-whitespace
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t && %t
#include "tad/tad.h"
#include <cmath>

TAD_JVP double f(double x, const double *w, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::sin(w[i] * x);
  return s;
}

// CHECK:double f_jvp(double x, double d_x, const double *w, const double *d_w, int n,
// CHECK-NEXT:             double *d_return) {
// CHECK-NEXT:  // line 11
// CHECK-NEXT:  double s = 0;
// CHECK-NEXT:  double d_s = 0.0;
// CHECK-NEXT:  // line 12
// CHECK-NEXT:  for (int i = 0; i < n; ++i) {
// CHECK-NEXT:    // line 13
// CHECK-NEXT:    d_s += std::cos(w[i] * x) * (d_w[i] * x + w[i] * d_x);
// CHECK-NEXT:    s += std::sin(w[i] * x);
// CHECK-NEXT:  }
// CHECK-NEXT:  // line 14
// CHECK-NEXT:  *d_return = d_s;
// CHECK-NEXT:  return s;
// CHECK-NEXT:}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  tad_test::checkJvp(
      "f", [](const Vec &v) { return Vec{f(v[0], v.data() + 1, 3)}; },
      [](const Vec &v, const Vec &d) {
        double t;
        f_jvp(v[0], d[0], v.data() + 1, d.data() + 1, 3, &t);
        return Vec{t};
      },
      {{0.3, 1, 2, -1}, {-2, 0.5, 0.25, 3}});
  return tad_test::report();
}
#endif

// With the plugin (here, so that the line numbers checked above stay):
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
