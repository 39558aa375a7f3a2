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

// The transposes of the warp shuffles (docs: README, "Warp shuffles"), for
// the full mask and a lane operand that is the same in every lane (tad
// refuses others): each sends the cotangent g of a shuffle's result back
// to the lane that value was read from, with the same primitives.
//   down by d: lane s receives the cotangent of lane s - d (s >= d), plus
//              its own where its read was out of range (s + d >= 32) and
//              returned its own value;
//   up by d:   the mirror image;
//   xor by m:  its own inverse;
//   __shfl_sync from lane src: the sum of the warp's cotangents, to lane
//              src % 32.
// With a width operand, the same within each segment of width lanes.
// In the CPU emulation of tad's tests, TAD_CUDA_EMULATION, the shuffles
// and tad_emu_lane_id() are the emulation's.
#if defined(__CUDACC__) || defined(TAD_CUDA_EMULATION)
#if defined(__CUDACC__)
#define TAD_WARP_FN __device__ inline
#else
#define TAD_WARP_FN inline
#endif
namespace tad {
TAD_WARP_FN unsigned lane_id() {
#if defined(__CUDA_ARCH__)
  unsigned L;
  asm volatile("mov.u32 %0, %%laneid;" : "=r"(L));
  return L;
#elif defined(TAD_CUDA_EMULATION)
  return tad_emu_lane_id();
#else
  return 0;
#endif
}
template <typename T>
TAD_WARP_FN T shfl_down_sync_transpose(unsigned mask, T g, unsigned d) {
  unsigned S = lane_id();
  T Up = __shfl_up_sync(mask, g, d);
  T Ct = S >= d ? Up : T(0);
  if (S + d >= 32)
    Ct += g;
  return Ct;
}
template <typename T>
TAD_WARP_FN T shfl_up_sync_transpose(unsigned mask, T g, unsigned d) {
  unsigned S = lane_id();
  T Down = __shfl_down_sync(mask, g, d);
  T Ct = S + d < 32 ? Down : T(0);
  if (S < d)
    Ct += g;
  return Ct;
}
template <typename T>
TAD_WARP_FN T shfl_xor_sync_transpose(unsigned mask, T g, int m) {
  return __shfl_xor_sync(mask, g, m);
}
template <typename T>
TAD_WARP_FN T shfl_sync_transpose(unsigned mask, T g, int src) {
  T Sum = g;
  for (int O = 16; O > 0; O /= 2)
    Sum += __shfl_xor_sync(mask, Sum, O);
  return lane_id() == (static_cast<unsigned>(src) & 31u) ? Sum : T(0);
}
// With a width w (a power of 2 up to 32): the warp in segments of w lanes,
// each shuffling within itself (xor may read an earlier segment); a lane
// whose read leaves its segment gets its own value, as in CUDA.
template <typename T>
TAD_WARP_FN T shfl_down_sync_transpose(unsigned mask, T g, unsigned d, int w) {
  unsigned S = lane_id() % static_cast<unsigned>(w);
  T Up = __shfl_up_sync(mask, g, d, w);
  T Ct = S >= d ? Up : T(0);
  if (S + d >= static_cast<unsigned>(w))
    Ct += g;
  return Ct;
}
template <typename T>
TAD_WARP_FN T shfl_up_sync_transpose(unsigned mask, T g, unsigned d, int w) {
  unsigned S = lane_id() % static_cast<unsigned>(w);
  T Down = __shfl_down_sync(mask, g, d, w);
  T Ct = S + d < static_cast<unsigned>(w) ? Down : T(0);
  if (S < d)
    Ct += g;
  return Ct;
}
template <typename T>
TAD_WARP_FN T shfl_xor_sync_transpose(unsigned mask, T g, int m, int w) {
  // Lane t read lane t ^ m when that lane is not in a later segment than
  // t's; lane t ^ m read t under the same condition seen from it.
  unsigned W = static_cast<unsigned>(w), L = lane_id(),
           P = L ^ static_cast<unsigned>(m);
  T Other = __shfl_xor_sync(mask, g, m);
  T Ct = P < 32 && L < (P / W + 1) * W ? Other : T(0);
  if (!(P < (L / W + 1) * W))
    Ct += g;
  return Ct;
}
template <typename T>
TAD_WARP_FN T shfl_sync_transpose(unsigned mask, T g, int src, int w) {
  T Sum = g;
  for (int O = w / 2; O > 0; O /= 2)
    Sum += __shfl_xor_sync(mask, Sum, O);
  unsigned W = static_cast<unsigned>(w);
  return lane_id() % W == static_cast<unsigned>(src) % W ? Sum : T(0);
}
} // namespace tad
#undef TAD_WARP_FN
#endif

#endif // TAD_CUDA_H
