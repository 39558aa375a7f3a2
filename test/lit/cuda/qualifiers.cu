// A .cu input: tad-gen parses it with its CUDA prelude (no CUDA headers),
// keeps __host__/__device__/__global__, inline and __restrict__ on the
// generated functions, keeps CUDA's built-in variables, writes .tad.cu next
// to the input, and nvcc compiles the result warning-free.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/kernel.cu
// RUN: %tad-gen %t.dir/kernel.cu -- %tad-flags
// RUN: FileCheck %s --input-file %t.dir/kernel.tad.cu
// RUN: %if nvcc %{ %nvcc -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' -c %t.dir/kernel.cu -o %t.o %}
#include "tad/tad.h"

__host__ __device__ inline double sq(double x) { return x * x; }

TAD_JVP __host__ __device__ double f(double x) { return sq(x) * 3; }

TAD_JVP __global__ void k(const double *__restrict__ x,
                          double *__restrict__ y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    y[i] = f(x[i]);
}

// CHECK-LABEL: // JVP of 'f'
// CHECK: __host__ __device__ double f_jvp(double x, double d_x, double *d_return) {
// CHECK: const double _t0 = sq_jvp(x, d_x, &_d_t0);
// CHECK-LABEL: // JVP of 'k'
// CHECK: __global__ void k_jvp(const double *__restrict__ x,
// CHECK-NEXT: const double *__restrict__ d_x, double *__restrict__ y,
// CHECK-NEXT: double *__restrict__ d_y, int n) {
// CHECK: int i = blockIdx.x * blockDim.x + threadIdx.x;
// CHECK: d_y[i] = _d_t0;
// CHECK-LABEL: // JVP of 'sq'
// CHECK: inline __host__ __device__ double sq_jvp(double x, double d_x,

#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif
