// Reverse-mode limits: recursion through calls that pass arrays, calls
// that pass arrays in a condition or inside the arguments of a kept call
// (docs/errors.md, "Reverse mode").
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
#include "tad/tad.h"

// A recursive smoother: reverse mode inlines calls that pass arrays.
void smooth(double *x, int n) {
  if (n > 0)
    // CHECK: reverse-catalogue.cpp:[[@LINE+1]]:5: error: reverse mode does not support recursion through calls that pass arrays ('smooth') yet
    smooth(x, n - 1);
  x[0] = x[0] * x[0];
}
TAD_VJP void smoothed(double *x) { smooth(x, 3); }

double total(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i];
  return s;
}
TAD_VJP double gated(const double *x) {
  double y = 1;
  // CHECK: reverse-catalogue.cpp:[[@LINE+1]]:26: error: reverse mode cannot differentiate a call that passes arrays or structs in a loop condition yet; call it in the loop body
  while (total(x, 2) * y < 10)
    y *= 2;
  return y * x[0];
}

// A call with a custom JVP stays a call; its arguments may not call
// functions that pass arrays.
void scale_rule(const double *a, const double *d_a, double s, double d_s,
                double *b, double *d_b) {
  b[0] = s * a[0];
  d_b[0] = d_s * a[0] + s * d_a[0];
}
TAD_CUSTOM_JVP(scale_rule)
void scale(const double *a, double s, double *b) { b[0] = s * a[0]; }
TAD_VJP double normalized(const double *x) {
  double b[1];
  // CHECK: reverse-catalogue.cpp:[[@LINE+1]]:12: error: call the function in a statement of its own, before this call
  scale(x, total(x, 2), b);
  return b[0];
}
// CHECK: 3 errors generated.
