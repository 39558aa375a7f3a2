// Reverse-mode limits: recursion through calls that pass arrays it cannot
// save or structs, calls
// that pass arrays in a condition or inside the arguments of a kept call
// (docs/errors.md, "Reverse mode").
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
#include "tad/tad.h"

// A recursive smoother on a pointer it writes: reverse mode saves the
// arrays a recursive call is passed, which it can for a std::vector only.
void smooth(double *x, int n) {
  if (n > 0)
    // CHECK: reverse-catalogue.cpp:[[@LINE+1]]:5: error: reverse mode through the recursive call of 'smooth' needs the values of 'x' as the call sees them, which the call or the code after it may change, and can save them for a whole std::vector only: pass a std::vector, or an array that does not change declared const
    smooth(x, n - 1);
  x[0] = x[0] * x[0];
}
TAD_VJP void smoothed(double *x) { smooth(x, 3); }

// Recursion that passes a struct: struct calls are inlined.
struct Pair {
  double x, y;
};
double walk(Pair p, int n) {
  if (n == 0)
    return p.x * p.y;
  Pair q{p.y, p.x + 0.1};
  // CHECK: reverse-catalogue.cpp:[[@LINE+1]]:10: error: recursion through calls that pass or return structs is not supported yet ('walk'): tad inlines such calls; pass the members
  return walk(q, n - 1);
}
TAD_VJP double walked(double a) { return walk(Pair{a, 2 * a}, 3); }

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
// CHECK: 4 errors generated.
