// Runs CUDA kernels on the CPU, for the lit tests of generated kernels.
//
// Include it first, then compile the .cu file as C++ (g++ -x c++ -pthread):
// the CUDA qualifiers are empty, threadIdx/blockIdx are per thread,
// blockDim/gridDim per launch, and launch() runs a grid block after block,
// each block as blockDim.x * blockDim.y * blockDim.z real std::threads,
// so that __syncthreads() is a real barrier among the threads of a block.
// A thread that returns leaves the barrier (as a GPU's exited threads do).
// __syncwarp is the block's barrier (blocks of at most 32 threads).
// atomicAdd is a read-modify-write under one mutex. Nothing else of CUDA
// is provided; __shared__ variables are not (tad rejects them anyway).
#ifndef TAD_TEST_CUDA_EMU_H
#define TAD_TEST_CUDA_EMU_H

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline

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
inline std::mutex AtomicMutex;

} // namespace tad_emu

inline void __syncthreads() { tad_emu::CurrentBlock->wait(); }
// A warp barrier as a block barrier: right for blocks of at most 32 threads.
inline void __syncwarp(unsigned = 0xffffffffu) { __syncthreads(); }

template <typename T> T atomicAdd(T *Address, T Value) {
  std::lock_guard<std::mutex> L(tad_emu::AtomicMutex);
  T Old = *Address;
  *Address = Old + Value;
  return Old;
}

namespace tad_emu {

/// kernel<<<Grid, Block>>>(Args...), on the CPU.
template <typename... Params, typename... Args>
void launch(dim3 Grid, dim3 Block, void (*Kernel)(Params...), Args... As) {
  gridDim = Grid;
  blockDim = Block;
  unsigned N = Block.x * Block.y * Block.z;
  for (unsigned BZ = 0; BZ < Grid.z; ++BZ)
    for (unsigned BY = 0; BY < Grid.y; ++BY)
      for (unsigned BX = 0; BX < Grid.x; ++BX) {
        Barrier B(N);
        std::vector<std::thread> Threads;
        for (unsigned TZ = 0; TZ < Block.z; ++TZ)
          for (unsigned TY = 0; TY < Block.y; ++TY)
            for (unsigned TX = 0; TX < Block.x; ++TX)
              Threads.emplace_back([=, &B] {
                CurrentBlock = &B;
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
