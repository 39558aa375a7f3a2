// __shared__ locals tad refuses, each at its name: a dynamic (extern)
// array, one in a __device__ function, a scalar, an array of structs, and
// arrays declared inside a loop or a branch (the reverse sweep zeroes a
// shared cotangent once, at the top level, with the whole block). And two
// limits met with shared memory: a tree reduction by a product (its loop
// would need the tape, host memory) and a barrier under a condition on
// the thread's own element of a tile.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=note:
#include "tad/tad.h"

TAD_JVP TAD_VJP __global__ void dynamic(const double *x, double *y, int n) {
  // CHECK: shared-errors.cu:[[@LINE+1]]:28: error: extern __shared__ array 'buf' is not supported: its size is set at launch, and tad needs the size of its tangent and cotangent arrays; give it a fixed size
  extern __shared__ double buf[];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  buf[threadIdx.x] = i < n ? x[i] : 0.0;
  __syncthreads();
  if (i < n)
    y[i] = buf[threadIdx.x] * buf[threadIdx.x];
}

TAD_JVP TAD_VJP __device__ double helper(double v) {
  // CHECK: shared-errors.cu:[[@LINE+1]]:21: error: __shared__ array 'tmp' is supported in a __global__ function only (a __device__ function's shared memory would be its callers' too); declare it in the kernel and pass it down
  __shared__ double tmp[4];
  tmp[0] = v;
  return tmp[0] * v;
}

TAD_JVP TAD_VJP __global__ void scalar(const double *x, double *y, int n) {
  // CHECK: shared-errors.cu:[[@LINE+1]]:21: error: __shared__ variable 'total' is not supported: tad supports __shared__ arrays of fixed size; declare a one-element array
  __shared__ double total;
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (threadIdx.x == 0)
    total = x[0];
  __syncthreads();
  if (i < n)
    y[i] = total * x[i];
}

struct Pair {
  double a, b;
};

TAD_JVP TAD_VJP __global__ void records(const double *x, double *y, int n) {
  // CHECK: shared-errors.cu:[[@LINE+1]]:19: error: __shared__ array 'ps' of structs is not supported yet; use an array per field
  __shared__ Pair ps[8];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  ps[threadIdx.x].a = i < n ? x[i] : 0.0;
  __syncthreads();
  if (i < n)
    y[i] = ps[threadIdx.x].a;
}

TAD_JVP TAD_VJP __global__ void nested(const double *x, double *y, int n,
                                       int reps) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  for (int r = 0; r < reps; ++r) {
    // CHECK: shared-errors.cu:[[@LINE+1]]:23: error: __shared__ array 'tile' must be declared in the outermost block of the kernel, not inside a loop, a branch or a nested block: the reverse sweep zeroes its cotangent once, with every thread of the block
    __shared__ double tile[8];
    tile[threadIdx.x] = i < n ? x[i] : 0.0;
    __syncthreads();
    if (i < n)
      y[i] += tile[threadIdx.x] * tile[threadIdx.x];
    __syncthreads();
  }
}

TAD_JVP TAD_VJP __global__ void branch(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (n > 0) {
    // CHECK: shared-errors.cu:[[@LINE+1]]:23: error: __shared__ array 'tile' must be declared in the outermost block
    __shared__ double tile[8];
    tile[threadIdx.x] = i < n ? x[i] : 0.0;
    __syncthreads();
    if (i < n)
      y[i] = tile[threadIdx.x];
  }
}

// A tree reduction whose combine is not linear overwrites, in its loop,
// the values its reverse sweep needs: they would go on the tape, which is
// host memory (P-device-tape).
TAD_JVP TAD_VJP __global__ void product(const double *x, double *out, int n) {
  __shared__ double tile[8];
  unsigned t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  tile[t] = i < n ? x[i] : 1.0;
  __syncthreads();
  // CHECK: shared-errors.cu:[[@LINE+1]]:3: error: reverse mode of this loop in device code needs a tape for the values of its iterations, and tad's tape is host memory: not supported in a __global__ or __device__ function yet
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
    if (t < s)
      tile[t] *= tile[t + s];
    __syncthreads();
  }
  if (t == 0)
    atomicAdd(out, tile[0]);
}

// A barrier under a condition on the thread's own element of a tile: the
// threads of a block may read different values there.
TAD_VJP __global__ void owncond(const double *x, double *y, int n) {
  __shared__ double tile[8];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  tile[threadIdx.x] = i < n ? x[i] : 0.0;
  __syncthreads();
  if (tile[threadIdx.x] > 0) {
    if (i < n)
      y[i] = x[i] * x[i];
    // CHECK: shared-errors.cu:[[@LINE+1]]:5: error: reverse mode cannot place the transposed '__syncthreads()': it is under a condition that may differ between the threads of a block
    __syncthreads();
    // CHECK: shared-errors.cu:[[@LINE-5]]:25: note: this condition reads threadIdx, memory other threads may write, or a function's result
  }
}
