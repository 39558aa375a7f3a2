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

#endif // TAD_CUDA_PRELUDE_H
