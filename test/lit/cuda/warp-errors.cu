// Warp shuffles reverse mode cannot transpose are errors at the shuffle:
// under a condition that may differ between threads (the lanes would not
// all execute the transposed shuffle in the reverse sweep; also the arm of
// a divergent `?:`), with a mask other than the full 0xffffffff, with a
// lane operand or a width that may differ between lanes. Forward mode keeps
// every one of them (kernel 'fwd' is fine).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=note:
#include "tad/tad.h"

TAD_VJP __global__ void branch(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  double v = x[i];
  if (i < n) {
    // CHECK: warp-errors.cu:[[@LINE+1]]:9: error: reverse mode cannot place the transposed '__shfl_down_sync': it is under a condition that may differ between the threads of a block, and the lanes of the warp would not all execute the shuffle in the reverse sweep; keep warp shuffles out of such branches and loops
    v = __shfl_down_sync(0xffffffff, v, 1);
    // CHECK: warp-errors.cu:[[@LINE-3]]:9: note: the threads of a block may take different paths here
    y[i] = v * v;
  }
}

TAD_VJP __global__ void select(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  double xi = x[i];
  // CHECK: warp-errors.cu:[[@LINE+2]]:22: error: reverse mode cannot place the transposed '__shfl_xor_sync': it is under a condition
  // CHECK: warp-errors.cu:[[@LINE+1]]:16: note: the threads of a block may take different paths here
  double v = i < n ? __shfl_xor_sync(0xffffffff, xi, 1) : 0.0;
  y[i] = v * xi;
}

TAD_VJP __global__ void mask(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  // CHECK: warp-errors.cu:[[@LINE+1]]:14: error: reverse mode supports '__shfl_sync' only with the full mask 0xffffffff: the transposed shuffle must know which lanes take part
  double v = __shfl_sync(0x0000ffff, x[i], 0);
  y[i] = v * x[i];
}

TAD_VJP __global__ void gather(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int src = (threadIdx.x + 7) % 32;
  // CHECK: warp-errors.cu:[[@LINE+1]]:44: error: reverse mode supports '__shfl_sync' only with the same lane operand in every thread (a constant or a value of uniform loop counters): the transpose sends each cotangent back along the same offset, which a per-lane operand breaks
  double v = __shfl_sync(0xffffffff, x[i], src);
  y[i] = v * x[i];
}

TAD_VJP __global__ void width(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int w = 1 << (threadIdx.x % 3);
  // CHECK: warp-errors.cu:[[@LINE+1]]:52: error: reverse mode supports '__shfl_down_sync' only with the same width in every thread (a constant or a value of uniform loop counters): the transpose works on the same segments of the warp
  double v = __shfl_down_sync(0xffffffff, x[i], 1, w);
  y[i] = v * x[i];
}

TAD_JVP __global__ void fwd(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    y[i] = __shfl_sync(0x0000ffff, x[i], i % 32) * x[i];
}
