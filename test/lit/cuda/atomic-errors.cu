// atomicAdd is an atomic `x += v` as a statement; its result (the old
// value) is an error at the call.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP __global__ void oldvalue(const double *x, double *total, double *y,
                                 int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    // CHECK: atomic-errors.cu:[[@LINE+1]]:12: error: the result of atomicAdd (the old value) is not supported: call it as a statement, 'atomicAdd(&x, v);'
    y[i] = atomicAdd(total, x[i]);
}
