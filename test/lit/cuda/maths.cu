// Device maths of the completed library in a kernel: tad's CUDA prelude
// declares floor/rint/fmod/remainder/copysign/fdim/asinh/acosh/atanh/
// lgamma/tgamma and their f forms, the generated kernel calls them by the
// names written, and the output includes tad/maths.h (tad::digamma is a
// __host__ __device__ function under nvcc).
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/kernel.cu
// RUN: %tad-gen %t.dir/kernel.cu -- %tad-flags
// RUN: FileCheck %s --input-file %t.dir/kernel.tad.cu
// RUN: %if nvcc %{ %nvcc -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' -c %t.dir/kernel.cu -o %t.o %}
#include "tad/tad.h"

TAD_JVP TAD_VJP __global__ void k(const float *__restrict__ x,
                                  float *__restrict__ y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float v = x[i];
    y[i] = v - floorf(v) + rintf(v) + fmodf(v, 0.7f) + remainderf(v, 1.3f) +
           copysignf(v, v - 1) + fdimf(v, 0.5f) + asinhf(v) +
           acoshf(v * v + 1.5f) + atanhf(0.5f * v) + lgammaf(v + 2) +
           tgammaf(v + 1.5f);
  }
}

// CHECK: #include "tad/maths.h"
// CHECK-LABEL: // JVP of 'k'
// CHECK: (std::signbit(v) == std::signbit(v - 1) ? d_v : -d_v)
// CHECK: tad::digamma(v + 2) * d_v
// CHECK: y[i] = v - floorf(v) + rintf(v) + fmodf(v, 0.7f) + remainderf(v, 1.3f) +
// CHECK-LABEL: // VJP of 'k'
// CHECK: tad::digamma(v + 2)
#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif
