// Runs CUDA kernels on the CPU, for the lit tests of generated kernels.
//
// Include it first, then compile the .cu file as C++ (g++ -x c++ -pthread):
// the CUDA qualifiers are empty, threadIdx/blockIdx are per thread,
// blockDim/gridDim per launch, and launch() runs every thread of the grid
// as a real std::thread, at once, so that __syncthreads() is a real barrier
// among the threads of a block and threads of different blocks race as
// they would on a GPU (ThreadSanitizer sees them).
// A thread that returns leaves the barrier (as a GPU's exited threads do).
// __syncwarp is the block's barrier (blocks of at most 32 threads).
// atomicAdd is a read-modify-write under one mutex (tad/cuda.h's
// reduce_add and atomic_add call it: TAD_CUDA_EMULATION). Nothing else of
// CUDA is provided but the maths functions the C library lacks (rsqrt,
// __expf, ...) and __shared__ arrays: a __shared__ local is a static one,
// which all the threads of a block share, so kernels with shared memory
// run with launchBlocks (one block after another, its threads at once).
// Blocks of a GPU may run in any order, one after another too: a kernel
// that is right on the GPU is right so, and within a block its threads
// still race on shared memory as on a GPU (ThreadSanitizer sees them).
#ifndef TAD_TEST_CUDA_EMU_H
#define TAD_TEST_CUDA_EMU_H

#include <cmath>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#define TAD_CUDA_EMULATION 1
#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __shared__ static

struct dim3 {
  unsigned x, y, z;
  dim3(unsigned X = 1, unsigned Y = 1, unsigned Z = 1) : x(X), y(Y), z(Z) {}
};

inline thread_local dim3 threadIdx, blockIdx;
inline dim3 blockDim, gridDim;

namespace tad_emu {

/// A reusable barrier for the threads of one block.
class Barrier {
  std::mutex M;
  std::condition_variable CV;
  unsigned Count, Waiting = 0, Generation = 0;

  void release() {
    Waiting = 0;
    ++Generation;
    CV.notify_all();
  }

public:
  explicit Barrier(unsigned N) : Count(N) {}
  void wait() {
    std::unique_lock<std::mutex> L(M);
    unsigned G = Generation;
    if (++Waiting == Count) {
      release();
      return;
    }
    CV.wait(L, [&] { return G != Generation; });
  }
  /// A thread has returned: the others no longer wait for it.
  void leave() {
    std::lock_guard<std::mutex> L(M);
    --Count;
    if (Waiting > 0 && Waiting == Count)
      release();
  }
};

inline thread_local Barrier *CurrentBlock = nullptr;
/// The block's exchange slots for the warp shuffles and votes, one per
/// thread.
inline thread_local std::vector<double> *CurrentSlots = nullptr;
inline std::mutex AtomicMutex;

} // namespace tad_emu

inline void __syncthreads() { tad_emu::CurrentBlock->wait(); }
// A warp barrier as a block barrier: right for blocks of at most 32 threads.
inline void __syncwarp(unsigned = 0xffffffffu) { __syncthreads(); }

// The warp shuffles and votes, with CUDA's semantics over warps of 32
// consecutive threads (the width operand: segments of W lanes; the full
// mask: the mask is not modelled). Every thread of the block must call them, as
// __syncwarp: each writes its value to its slot, meets the others at the
// barrier, reads the slot of its source lane and meets them again.
inline unsigned tad_emu_thread() {
  return threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
}
inline unsigned tad_emu_lane_id() { return tad_emu_thread() % 32; }
namespace tad_emu {
template <typename T> T exchange(T V, unsigned SrcLane) {
  unsigned Me = tad_emu_thread(), Base = Me - Me % 32;
  std::vector<double> &Slots = *CurrentSlots;
  Slots[Me] = static_cast<double>(V);
  __syncthreads();
  unsigned Src = Base + SrcLane;
  T R = Src < Slots.size() ? static_cast<T>(Slots[Src]) : V;
  __syncthreads();
  return R;
}
} // namespace tad_emu
template <typename T> T __shfl_sync(unsigned, T V, int Src, int W = 32) {
  unsigned L = tad_emu_lane_id(), U = static_cast<unsigned>(W);
  return tad_emu::exchange(V, L - L % U + static_cast<unsigned>(Src) % U);
}
template <typename T>
T __shfl_down_sync(unsigned, T V, unsigned D, int W = 32) {
  unsigned L = tad_emu_lane_id(), U = static_cast<unsigned>(W);
  return tad_emu::exchange(V, L % U + D < U ? L + D : L);
}
template <typename T> T __shfl_up_sync(unsigned, T V, unsigned D, int W = 32) {
  unsigned L = tad_emu_lane_id(), U = static_cast<unsigned>(W);
  return tad_emu::exchange(V, L % U >= D ? L - D : L);
}
template <typename T> T __shfl_xor_sync(unsigned, T V, int M, int W = 32) {
  unsigned L = tad_emu_lane_id(), U = static_cast<unsigned>(W),
           P = L ^ static_cast<unsigned>(M);
  return tad_emu::exchange(V, P < (L / U + 1) * U ? P : L);
}
inline unsigned __ballot_sync(unsigned, int Pred) {
  unsigned R = 0;
  for (unsigned L = 0; L < 32; ++L)
    if (tad_emu::exchange(Pred ? 1 : 0, L))
      R |= 1u << L;
  return R;
}
inline int __any_sync(unsigned M, int Pred) {
  return __ballot_sync(M, Pred) != 0;
}
inline int __all_sync(unsigned M, int Pred) {
  return __ballot_sync(M, Pred) == __ballot_sync(M, 1);
}
inline unsigned __activemask() { return 0xffffffffu; }

template <typename T> T atomicAdd(T *Address, T Value) {
  std::lock_guard<std::mutex> L(tad_emu::AtomicMutex);
  T Old = *Address;
  *Address = Old + Value;
  return Old;
}

// CUDA's maths functions that the C library lacks, as host functions.
inline double rsqrt(double X) { return 1 / std::sqrt(X); }
inline float rsqrt(float X) { return 1 / std::sqrt(X); }
inline float rsqrtf(float X) { return 1 / std::sqrt(X); }
inline float __expf(float X) { return std::exp(X); }
inline float __exp10f(float X) { return std::pow(10.0f, X); }
inline float __logf(float X) { return std::log(X); }
inline float __log2f(float X) { return std::log2(X); }
inline float __log10f(float X) { return std::log10(X); }
inline float __sinf(float X) { return std::sin(X); }
inline float __cosf(float X) { return std::cos(X); }
inline float __tanf(float X) { return std::tan(X); }
inline float __powf(float X, float Y) { return std::pow(X, Y); }
inline float __fdividef(float X, float Y) { return X / Y; }

namespace tad_emu {

/// kernel<<<Grid, Block>>>(Args...), on the CPU: every thread of the grid
/// at once, so that threads of different blocks race as on a GPU.
template <typename... Params, typename... Args>
void launch(dim3 Grid, dim3 Block, void (*Kernel)(Params...), Args... As) {
  gridDim = Grid;
  blockDim = Block;
  unsigned N = Block.x * Block.y * Block.z;
  std::vector<std::unique_ptr<Barrier>> Barriers;
  std::vector<std::unique_ptr<std::vector<double>>> Slots;
  std::vector<std::thread> Threads;
  for (unsigned BZ = 0; BZ < Grid.z; ++BZ)
    for (unsigned BY = 0; BY < Grid.y; ++BY)
      for (unsigned BX = 0; BX < Grid.x; ++BX) {
        Barriers.push_back(std::make_unique<Barrier>(N));
        Barrier *B = Barriers.back().get();
        Slots.push_back(std::make_unique<std::vector<double>>(N));
        std::vector<double> *S = Slots.back().get();
        for (unsigned TZ = 0; TZ < Block.z; ++TZ)
          for (unsigned TY = 0; TY < Block.y; ++TY)
            for (unsigned TX = 0; TX < Block.x; ++TX)
              Threads.emplace_back([=] {
                CurrentBlock = B;
                CurrentSlots = S;
                blockIdx = dim3(BX, BY, BZ);
                threadIdx = dim3(TX, TY, TZ);
                Kernel(As...);
                B->leave();
              });
      }
  for (std::thread &T : Threads)
    T.join();
}

/// kernel<<<Grid, Block>>>(Args...) for a kernel with __shared__ arrays
/// (statics here): the blocks one after another, the threads of each at
/// once.
template <typename... Params, typename... Args>
void launchBlocks(dim3 Grid, dim3 Block, void (*Kernel)(Params...),
                  Args... As) {
  gridDim = Grid;
  blockDim = Block;
  unsigned N = Block.x * Block.y * Block.z;
  for (unsigned BZ = 0; BZ < Grid.z; ++BZ)
    for (unsigned BY = 0; BY < Grid.y; ++BY)
      for (unsigned BX = 0; BX < Grid.x; ++BX) {
        Barrier B(N);
        std::vector<double> S(N);
        std::vector<std::thread> Threads;
        for (unsigned TZ = 0; TZ < Block.z; ++TZ)
          for (unsigned TY = 0; TY < Block.y; ++TY)
            for (unsigned TX = 0; TX < Block.x; ++TX)
              Threads.emplace_back([=, &B, &S] {
                CurrentBlock = &B;
                CurrentSlots = &S;
                blockIdx = dim3(BX, BY, BZ);
                threadIdx = dim3(TX, TY, TZ);
                Kernel(As...);
                B.leave();
              });
        for (std::thread &T : Threads)
          T.join();
      }
}

} // namespace tad_emu

#endif
