//===- tad/cuda_prelude.h - CUDA keywords for tad's own parse ---*- C++ -*-===//
//
// Clang 19 cannot include CUDA 13's headers, so tad parses .cu files with
// -nocudainc and force-includes this prelude instead: the CUDA function
// qualifiers as the attributes Clang knows, and the built-in variables
// (threadIdx, blockIdx, blockDim, gridDim). nvcc, which compiles what tad
// writes, never sees this file.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_CUDA_PRELUDE_H
#define TAD_CUDA_PRELUDE_H

#define __host__ __attribute__((host))
#define __device__ __attribute__((device))
#define __global__ __attribute__((global))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __managed__ __attribute__((managed))
#define __forceinline__ __inline__ __attribute__((always_inline))

#include <__clang_cuda_builtin_vars.h>

// The barriers CUDA's headers declare (__syncthreads is a Clang built-in),
// as library functions: reverse mode places a transposed __syncwarp like a
// __syncthreads, and refuses the others, whose results it cannot record.
#pragma clang system_header
__device__ void __syncwarp();
__device__ void __syncwarp(unsigned int mask);
__device__ int __syncthreads_count(int predicate);
__device__ int __syncthreads_and(int predicate);
__device__ int __syncthreads_or(int predicate);

// The warp shuffles (rows of tad's rule table for floating values: the
// JVP shuffles the tangent, the transpose is in tad/cuda.h) and the warp
// votes (integers, no derivative).
#define TAD_CUDA_SHFL(N, L)                                                    \
  __device__ int N(unsigned mask, int var, L);                                 \
  __device__ unsigned N(unsigned mask, unsigned var, L);                       \
  __device__ long long N(unsigned mask, long long var, L);                     \
  __device__ float N(unsigned mask, float var, L);                             \
  __device__ double N(unsigned mask, double var, L);                           \
  __device__ int N(unsigned mask, int var, L, int width);                      \
  __device__ float N(unsigned mask, float var, L, int width);                  \
  __device__ double N(unsigned mask, double var, L, int width);
TAD_CUDA_SHFL(__shfl_sync, int srcLane)
TAD_CUDA_SHFL(__shfl_up_sync, unsigned delta)
TAD_CUDA_SHFL(__shfl_down_sync, unsigned delta)
TAD_CUDA_SHFL(__shfl_xor_sync, int laneMask)
#undef TAD_CUDA_SHFL
__device__ unsigned __ballot_sync(unsigned mask, int predicate);
__device__ int __any_sync(unsigned mask, int predicate);
__device__ int __all_sync(unsigned mask, int predicate);
__device__ unsigned __activemask();

// The maths functions device code calls, as CUDA's headers declare them
// (the double and float overloads, the f-suffixed float functions, the
// fast intrinsics): tad's rules differentiate them by name, and the
// generated code calls the same functions, which nvcc provides.
#define TAD_CUDA_MATH1(N)                                                      \
  __device__ double N(double);                                                 \
  __device__ float N(float);                                                   \
  __device__ float N##f(float);
#define TAD_CUDA_MATH2(N)                                                      \
  __device__ double N(double, double);                                         \
  __device__ float N(float, float);                                            \
  __device__ float N##f(float, float);
TAD_CUDA_MATH1(sin) TAD_CUDA_MATH1(cos) TAD_CUDA_MATH1(tan)
TAD_CUDA_MATH1(asin) TAD_CUDA_MATH1(acos) TAD_CUDA_MATH1(atan)
TAD_CUDA_MATH1(sinh) TAD_CUDA_MATH1(cosh) TAD_CUDA_MATH1(tanh)
TAD_CUDA_MATH1(exp) TAD_CUDA_MATH1(exp2) TAD_CUDA_MATH1(expm1)
TAD_CUDA_MATH1(log) TAD_CUDA_MATH1(log2) TAD_CUDA_MATH1(log10)
TAD_CUDA_MATH1(log1p) TAD_CUDA_MATH1(sqrt) TAD_CUDA_MATH1(rsqrt)
TAD_CUDA_MATH1(cbrt) TAD_CUDA_MATH1(erf) TAD_CUDA_MATH1(erfc)
TAD_CUDA_MATH1(fabs) TAD_CUDA_MATH1(floor) TAD_CUDA_MATH1(ceil)
TAD_CUDA_MATH1(round) TAD_CUDA_MATH1(trunc)
TAD_CUDA_MATH1(nearbyint) TAD_CUDA_MATH1(rint)
TAD_CUDA_MATH1(asinh) TAD_CUDA_MATH1(acosh) TAD_CUDA_MATH1(atanh)
TAD_CUDA_MATH1(lgamma) TAD_CUDA_MATH1(tgamma)
TAD_CUDA_MATH2(atan2) TAD_CUDA_MATH2(pow) TAD_CUDA_MATH2(hypot)
TAD_CUDA_MATH2(fmin) TAD_CUDA_MATH2(fmax) TAD_CUDA_MATH2(fmod)
TAD_CUDA_MATH2(remainder) TAD_CUDA_MATH2(copysign) TAD_CUDA_MATH2(fdim)
#undef TAD_CUDA_MATH1
#undef TAD_CUDA_MATH2
__device__ double fma(double, double, double);
__device__ float fma(float, float, float);
__device__ float fmaf(float, float, float);
__device__ float __expf(float);
__device__ float __exp10f(float);
__device__ float __logf(float);
__device__ float __log2f(float);
__device__ float __log10f(float);
__device__ float __sinf(float);
__device__ float __cosf(float);
__device__ float __tanf(float);
__device__ float __powf(float, float);
__device__ float __fdividef(float, float);

// atomicAdd: as a statement, `atomicAdd(&x, v);` is an atomic `x += v` to
// tad (its result, the old value, is not supported).
__device__ int atomicAdd(int *address, int val);
__device__ unsigned int atomicAdd(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicAdd(unsigned long long *address,
                                        unsigned long long val);
__device__ float atomicAdd(float *address, float val);
__device__ double atomicAdd(double *address, double val);

#endif // TAD_CUDA_PRELUDE_H
