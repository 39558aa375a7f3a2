// Reverse mode of a loop whose iterations' values need the tape is an
// error at the loop in device code (tad::Tape is host memory; the
// generated kernel would not compile with nvcc): a grid-stride loop that
// carries a value across its iterations, a while loop in a __device__
// helper annotated on its own, the transpose of a linear kernel. A counted
// loop whose values are recomputed needs no tape and is fine (kernel
// 'counted'; shared-cotangents.cu has a grid-stride loop that needs none);
// so is the JVP of every one of them.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=note:
#include "tad/tad.h"
#include <cmath>

// A grid-stride loop carrying a value from one element to the next.
TAD_JVP TAD_VJP __global__ void gridstride(const double *x, double *y, int n) {
  int g = blockIdx.x * blockDim.x + threadIdx.x;
  double v = 0;
  // CHECK: device-tape.cu:[[@LINE+1]]:3: error: reverse mode of this loop in device code needs a tape for the values of its iterations, and tad's tape is host memory: not supported in a __global__ or __device__ function yet
  for (int i = g; i < n; i += blockDim.x * gridDim.x)
    v = sin(v) + x[i];
  if (g < n)
    y[g] = v;
}

TAD_JVP TAD_VJP __device__ double iterate(double v, int k) {
  // CHECK: device-tape.cu:[[@LINE+1]]:3: error: reverse mode of this loop in device code needs a tape
  while (k > 0) {
    v = v * v + 0.5;
    --k;
  }
  return v;
}

TAD_JVP TAD_LINEAR(x) __global__ void scan(const double *x, double *y, int n) {
  if (threadIdx.x == 0) {
    double s = 0;
    int i = 0;
    // CHECK: device-tape.cu:[[@LINE+1]]:5: error: reverse mode of this loop in device code needs a tape
    while (i < n) {
      s = 0.5 * s + x[i];
      y[i] = s;
      i += 1 + i % 2;
    }
  }
}

TAD_JVP TAD_VJP __global__ void counted(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    double s = 0;
    for (int k = 0; k < 4; ++k)
      s += sin(x[i] * k);
    y[i] = s;
  }
}
