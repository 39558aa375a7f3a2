//===- tad/cuda.h - accumulation of shared cotangents in kernels -*- C++
//-*-===//
//
// What tad's generated CUDA code calls where threads may add to the same
// cotangent (docs: README, "CUDA kernels in reverse mode"):
//
//   tad::reduce_add(p, v)  every calling thread adds v to *p, where p is the
//                          same address in all of them (a kernel's scalar
//                          parameter, an element at a constant index): the
//                          converged threads of a warp sum their values
//                          and one of them makes the atomicAdd.
//   tad::atomic_add(p, v)  atomicAdd(p, v) on the device, *p += v on the
//                          host (for __host__ __device__ functions).
//
// Compiled by nvcc, both are device code. Compiled as C++ (the CPU
// emulation of CUDA in tad's tests defines TAD_CUDA_EMULATION and an
// atomicAdd of its own), both are that atomicAdd.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_CUDA_H
#define TAD_CUDA_H

#if defined(__CUDACC__)
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>

namespace tad {

template <typename T> __device__ inline void reduce_add(T *p, T v) {
  namespace cg = cooperative_groups;
  cg::coalesced_group g = cg::coalesced_threads();
  T sum = cg::reduce(g, v, cg::plus<T>());
  if (g.thread_rank() == 0)
    atomicAdd(p, sum);
}

template <typename T> __host__ __device__ inline void atomic_add(T *p, T v) {
#if defined(__CUDA_ARCH__)
  atomicAdd(p, v);
#else
  *p += v;
#endif
}

} // namespace tad

#elif defined(TAD_CUDA_EMULATION)

namespace tad {
template <typename T> inline void reduce_add(T *p, T v) { atomicAdd(p, v); }
template <typename T> inline void atomic_add(T *p, T v) { atomicAdd(p, v); }
} // namespace tad

#else

namespace tad {
template <typename T> inline void reduce_add(T *p, T v) { *p += v; }
template <typename T> inline void atomic_add(T *p, T v) { *p += v; }
} // namespace tad

#endif

#endif // TAD_CUDA_H
