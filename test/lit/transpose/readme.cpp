// The f_transpose examples of README.md: their signatures, and values.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t && %t
#include "tad/tad.h"

TAD_LINEAR(x, y)
void matvec(const double *A, const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i) {
    y[i] = 0;
    for (int j = 0; j < n; ++j)
      y[i] += A[i * n + j] * x[j];
  }
}
// CHECK: void matvec_transpose(const double *A, double *x, double *y, int n);

TAD_LINEAR(z) double scale(double c, double z) { return c * z; }
// CHECK: double scale_transpose(double c, double z);

#ifdef TAD_GENERATED
#include TAD_GENERATED
int main() {
  const double A[4] = {1, 2, 3, 4};
  double x[2] = {0, 0}, w[2] = {1, -1};
  matvec_transpose(A, x, w, 2); // x = A^T w = (1 - 3, 2 - 4)
  return (x[0] == -2 && x[1] == -2 && scale_transpose(3, 2) == 6) ? 0 : 1;
}
#endif

// With the plugin (here, so that the line numbers checked above stay):
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
