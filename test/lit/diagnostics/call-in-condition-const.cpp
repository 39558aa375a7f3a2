// A call in a condition that only reads an array (the callee takes
// 'const double *') writes nothing and should be accepted: the condition is
// evaluated as in the primal. tad decides whether a call writes from the
// argument's type instead of the callee's parameter, and rejects it with
// "a call in this condition writes an array whose derivative is tracked;
// move the call out of the condition" (at the '>').
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
#include "tad/tad.h"

double norm2(const double *a, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * a[i];
  return s;
}

TAD_JVP double damped(double x) {
  double v[2] = {x, 2 * x};
  if (norm2(v, 2) > 1.0)
    v[0] = v[0] * 0.5;
  return v[0] + v[1];
}
// GEN: double damped_jvp(double x, double d_x, double *d_return)
