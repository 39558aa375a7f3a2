//===- Transforms/Reverse/SharedCotangents.h - VJP kernels ----*- C++ -*-===//
//
// Many threads run a VJP kernel at once. Its cotangent arrays (the ct_ of
// the kernel's array parameters) are global memory all of them see, and
// the transpose of a read is an accumulation: threads that read the same
// element (neighbours of a stencil, shared weights, a scalar parameter)
// add to the same cotangent. makeSharedAccumulationsSafe rewrites, in the
// generated reverse-mode function of device code (__global__ or
// __device__), every `+=` or `-=` into a cotangent array that another
// thread may reach as an atomicAdd:
//
// - An array all of whose accumulations are at the thread's own index
//   (Analysis/ThreadIndex.h) keeps plain `+=`, as the accumulations of a
//   thread into its own elements follow each other.
// - An accumulation into an address the same for every thread (a kernel's
//   scalar parameter's `*ct_a`, an element at a constant index of a
//   kernel's array parameter) is reduced
//   over the warp first (`tad::reduce_add`, include/tad/cuda.h: one
//   atomicAdd per group of converged threads).
// - Any other is an `atomicAdd` (`tad::atomic_add` in a __host__ __device__
//   function, plain `+=` when run on the host).
//
// A __device__ function's scalar and reference cotangents (`*ct_v` for a
// scalar parameter v, `ct_r` for a `double &r`) belong to the calling
// thread, as its return value does: plain. It also refuses a tape in device
// code (tad::Tape is host memory), with an error at the loop that needs it.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_REVERSE_SHAREDCOTANGENTS_H
#define TAD_TRANSFORMS_REVERSE_SHAREDCOTANGENTS_H

#include "IR/IR.h"

#include <vector>

namespace tad {

/// Whether F runs on the device (__global__, or __device__ with or without
/// __host__).
bool isDeviceCode(const Function &F);

/// G is the reverse-mode function of device code, complete; SharedArrays
/// its cotangent parameters that point to global memory (arrays), Scalars
/// the pointers through which it adds its scalar parameters' cotangents.
/// BlockArrays are the cotangents of its __shared__ arrays (shared memory
/// of the block): an accumulation into one stays plain when every
/// accumulation into that array is at `threadIdx.x + c`, one c for all
/// (no other thread of the block reaches that element), and is atomic
/// otherwise.
void makeSharedAccumulationsSafe(
    Function &G, const std::vector<const Var *> &SharedArrays,
    const std::vector<const Var *> &Scalars,
    const std::vector<const Var *> &BlockArrays = {});

class NameTable;

/// The statements that zero the __shared__ cotangent arrays among Decls
/// (the reverse sweep's cotangent declarations) with the threads of the
/// block, each its elements by the block's stride
/// (`for (unsigned _k = threadIdx.x; _k < N; _k += blockDim.x)`; by the
/// linear index in the block when Primal, the function's body, reads a .y
/// or .z built-in), then a `__syncthreads()`; appends those arrays to
/// Shared. Empty if none.
StmtList zeroSharedCotangents(const StmtList &Decls, const StmtList &Primal,
                              NameTable &Names,
                              std::vector<const Var *> &Shared);

/// In device code, an error at the first loop of Primal that pushes to the
/// tape Tape (tad::Tape is host memory); false if there was one.
bool checkNoDeviceTape(const Function &G, const StmtList &Primal,
                       const VarP &Tape, DiagSink &Diags);

} // namespace tad

#endif // TAD_TRANSFORMS_REVERSE_SHAREDCOTANGENTS_H
