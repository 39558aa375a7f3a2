// Inverse accumulation in device code: f_ivjp, f_logdet and f_inverse of a
// __host__ __device__ function (per-thread state) keep its qualifiers, and
// their run-time helpers (tad::pivot, the lump LU of tad/lu.h,
// tad::newton_failed, tad::MonotoneSolve) are host and device functions
// under nvcc: a failure in device code prints where and traps. nvcc
// compiles the result warning-free. (f_ijvp needs the tape, which is
// host-only.)
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/kernel.cu
// RUN: %tad-gen %t.dir/kernel.cu -- %tad-flags 2>&1 | FileCheck %s --check-prefix=GEN
// RUN: FileCheck %s --input-file %t.dir/kernel.tad.cu
// RUN: %if nvcc %{ %nvcc -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' -c %t.dir/kernel.cu -o %t.o %}
#include "tad/tad.h"
#include <cmath>

// GEN: kernel.cu:[[@LINE+3]]:8: warning: pivot of 'x[0] *= w;' is 'w'
TAD_IVJP TAD_LOGDET TAD_INVERSE __host__ __device__ void step(double *x,
                                                              double w) {
  x[0] *= w;
  x[1] += std::sin(x[0]);
  double t = x[0]; // a 2-lump: a rotation written directly
  x[0] = 0.6 * x[0] - 0.8 * x[1];
  x[1] = 0.8 * t + 0.6 * x[1];
  x[2] = x[2] + 0.5 * std::sin(x[2]); // tad::MonotoneSolve in f_inverse
}

// CHECK: __host__ __device__ void step_ivjp(double *x, double *ct_x, double w) {
// CHECK: ct_x[0] /= tad::pivot(w,
// CHECK: tad::lu_solve_transposed(2,
// CHECK: __host__ __device__ double step_logdet(double *x, double w) {
// CHECK: tad::lu_logabsdet(2,
// CHECK: __host__ __device__ void step_inverse(double *x, double w) {
// CHECK: tad::MonotoneSolve<double>
// CHECK: tad::newton_failed(

#ifdef TAD_GENERATED
#include TAD_GENERATED
__global__ void kernel(double *x, double *c, double *ld, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    step_ivjp(x + 3 * i, c + 3 * i, 0.5);
    ld[i] = step_logdet(x + 3 * i, 0.5);
    step_inverse(x + 3 * i, 0.5);
  }
}
#endif
