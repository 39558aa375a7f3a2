// A barrier the reverse sweep cannot place is an error at the barrier,
// with a note at what makes the threads of a block differ: a condition on
// threadIdx, an early exit only some threads take, a value computed from
// threadIdx or from memory, a loop whose trip count differs between
// threads. The threads would not meet the same barriers in the reverse
// sweep (the early-exit threads are still running there). Forward mode
// keeps the barrier where it is (kernel 'fwd' is fine); the barriers that
// return a value are refused. The transpose (TAD_LINEAR) checks the same.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=note:
#include "tad/tad.h"

TAD_VJP __global__ void branch(const double *x, double *y, int n) {
  int t = threadIdx.x;
  if (t < 4) {
    y[t] = x[t] * x[t];
    // CHECK: barrier-errors.cu:[[@LINE+1]]:5: error: reverse mode cannot place the transposed '__syncthreads()': it is under a condition that may differ between the threads of a block, and the threads would not meet the same barriers in the reverse sweep; keep barriers out of such branches and loops (guard the work with `if (i < n)` instead of returning early)
    __syncthreads();
    // CHECK: barrier-errors.cu:[[@LINE-4]]:9: note: the threads of a block may take different paths here
    // CHECK: barrier-errors.cu:[[@LINE-6]]:7: note: 't' may differ between the threads of a block from here
  }
  if (t < n)
    y[t] *= y[(t + 1) % n];
}

TAD_VJP __global__ void early(const double *x, double *tmp, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n)
    return;
  tmp[i] = x[i] * x[i];
  // CHECK: barrier-errors.cu:[[@LINE+1]]:3: error: reverse mode cannot place the transposed '__syncthreads()'
  __syncthreads();
  // CHECK: barrier-errors.cu:[[@LINE-4]]:5: note: an early exit ('return', 'break' or 'continue') that only some threads may take
  y[i] = tmp[(i + 1) % n] * x[i];
}

TAD_VJP __global__ void local(const double *x, double *y, int n) {
  int t = threadIdx.x;
  int odd = t % 2;
  y[t] = x[t] * x[t];
  if (odd == 0 && n > 1)
    // CHECK: barrier-errors.cu:[[@LINE+1]]:5: error: reverse mode cannot place the transposed '__syncwarp()'
    __syncwarp();
  // CHECK: barrier-errors.cu:[[@LINE-3]]:16: note: the threads of a block may take different paths here
  // CHECK: barrier-errors.cu:[[@LINE-6]]:7: note: 'odd' may differ between the threads of a block from here
}

TAD_VJP __global__ void trips(const double *x, const int *len, double *y) {
  int t = threadIdx.x;
  // len[0] is the same for every thread (a const array), len[t] is not.
  for (int k = 0; k < len[0]; ++k) {
    y[t] += x[t] * x[k];
    __syncthreads();
  }
  for (int k = 0; k < len[t]; ++k) {
    y[t] += x[t] * x[k];
    // CHECK: barrier-errors.cu:[[@LINE+1]]:5: error: reverse mode cannot place the transposed '__syncthreads()'
    __syncthreads();
    // CHECK: barrier-errors.cu:[[@LINE-4]]:21: note: the threads of a block may take different paths here
    // CHECK: barrier-errors.cu:[[@LINE-11]]:7: note: 't' may differ
  }
}

TAD_VJP __global__ void loopexit(const double *x, double *y, int n) {
  int t = threadIdx.x;
  for (int k = 0; k < n; ++k) {
    if (x[t] > k)
      break;
    y[t] += x[t] * x[k];
    // CHECK: barrier-errors.cu:[[@LINE+1]]:5: error: reverse mode cannot place the transposed '__syncthreads()'
    __syncthreads();
    // CHECK: barrier-errors.cu:[[@LINE-4]]:7: note: an early exit
  }
}

// A condition on memory other threads may write.
TAD_VJP __global__ void memory(const double *x, double *y, int n) {
  int t = blockIdx.x * blockDim.x;
  y[t] = x[t] * x[t];
  if (y[0] > 0)
    // CHECK: barrier-errors.cu:[[@LINE+1]]:5: error: reverse mode cannot place the transposed '__syncthreads()'
    __syncthreads();
  // CHECK: barrier-errors.cu:[[@LINE-3]]:12: note: this condition reads threadIdx, memory other threads may write, or a function's result
  y[t] += n * x[t];
}

TAD_VJP __global__ void count(const double *x, double *y, int n) {
  int t = threadIdx.x;
  // CHECK: barrier-errors.cu:[[@LINE+1]]:11: error: reverse mode does not support '__syncthreads_count': the value of a barrier cannot be recorded for the reverse sweep yet
  int c = __syncthreads_count(t < n);
  y[t] = x[t] * x[t] * c;
}

TAD_LINEAR(x, y) __global__ void lin(const double *x, double *y, int n) {
  int t = threadIdx.x;
  if (t < n) {
    y[t] = 2 * x[t];
    // CHECK: barrier-errors.cu:[[@LINE+1]]:5: error: the transpose cannot place the transposed '__syncthreads()'
    __syncthreads();
    // CHECK: barrier-errors.cu:[[@LINE-4]]:9: note: the threads of a block may take different paths here
    // CHECK: barrier-errors.cu:[[@LINE-6]]:7: note: 't' may differ
  }
}

// Forward mode: the barrier stays where it is.
TAD_JVP __global__ void fwd(const double *x, double *y, int n) {
  int t = threadIdx.x;
  if (t < n) {
    y[t] = x[t] * x[t];
    __syncthreads();
  }
}
// CHECK: 8 errors generated
