// CT-20: the generated code of a custom transpose. F calls fn, whose
// registered rule is tp = 2t / r. F's transpose and the reverse sweep of
// F's VJP call tp directly and contain nothing of fn's body (no division by
// r); F's JVP calls fn itself on the tangent.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
#include "tad/tad.h"

double tp(double r, double t) { return 2 * t / r; }
TAD_CUSTOM_TRANSPOSE(tp) double fn(double r, double x) { return x / r; }
TAD_LINEAR(x) TAD_JVP TAD_VJP double F(double x) { return x + fn(3, x); }

// CHECK-LABEL: // transpose of 'F'
// CHECK-NOT: fn(
// CHECK-NOT: / r
// CHECK: _ct_x += tp(3, _g0);
// CHECK-LABEL: // JVP of 'F'
// CHECK: *d_return = d_x + fn(3, d_x);
// CHECK-LABEL: // VJP of 'F'
// The forward sweep computes the value with fn; the reverse sweep calls tp.
// CHECK: double _ret = x + fn(3, x);
// CHECK: // reverse sweep
// CHECK-NOT: fn(
// CHECK: _ct_x += tp(3, _g0);
// CHECK-LABEL: // gradient of 'F'

#ifdef TAD_GENERATED
#include TAD_GENERATED
int main() {
  double g = 0;
  F_grad(6, &g);
  // 1 + tp(3, 1) = 1 + 2/3, as registered; the transpose agrees.
  return !(g == 1 + 2.0 / 3 && F_transpose(6) == 6 + 2 * 6.0 / 3);
}
#endif
