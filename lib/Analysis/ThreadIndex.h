//===- Analysis/ThreadIndex.h - indices each CUDA thread owns ---*- C++ -*-===//
//
// In a VJP kernel, the transpose of a read is an accumulation: where
// threads read the same element (a stencil's neighbours, shared weights,
// a scalar parameter), their cotangent accumulations collide and must be
// atomic. An accumulation at an index that no other thread of the launch
// can reach stays a plain `+=`. The indices tad proves to be a thread's
// own are its global index along x, `blockIdx.x * blockDim.x +
// threadIdx.x` (the operands in any order), written as such or through
// integer variables declared with its parts and never assigned (`int t =
// threadIdx.x; int i = blockIdx.x * blockDim.x + t;`), and the counter of
// a grid-stride loop, declared with it and stepped only by `+=
// blockDim.x * gridDim.x`: two threads of a one-dimensional launch never
// share one. A function that reads a .y or .z component of threadIdx,
// blockIdx, blockDim or gridDim is taken to run in several dimensions,
// where threads differing in y share the x index: it owns no index. (Such
// a kernel's primal writes are owned by one thread each, which is what
// makes its transposed writes right; tad assumes that of every primal
// kernel: no location is written by two threads without a barrier between
// them, atomics of the primal aside.)
//
//===----------------------------------------------------------------------===//
#ifndef TAD_ANALYSIS_THREADINDEX_H
#define TAD_ANALYSIS_THREADINDEX_H

#include "IR/IR.h"

#include <map>
#include <optional>
#include <set>

namespace tad {

class ThreadIndex {
  /// The integer variables that hold one value, with it.
  std::map<const Var *, ExprP> Values;
  bool OneDimensional = true;

  /// E through conversions and variables of one value.
  const Expr *resolve(const ExprP &E, unsigned Depth = 0) const;
  bool isBuiltin(const ExprP &E, const char *Name) const;
  /// `blockIdx.x * blockDim.x + threadIdx.x`, its operands in any order.
  bool isGlobalIndexX(const ExprP &E) const;

public:
  /// The owned indices of a function body (a generated one included: the
  /// variables of its primal part are the primal's).
  explicit ThreadIndex(const StmtList &Body);

  /// Whether no other thread of the launch evaluates Index to the same
  /// value.
  bool owns(const ExprP &Index) const;

  /// For an index into a __shared__ array (one per block): c when Index
  /// is `threadIdx.x + c` (or `threadIdx.x`, `c + threadIdx.x`,
  /// `threadIdx.x - c`) for an integer literal c, in a one-dimensional
  /// function; no other thread of the block evaluates it to the same
  /// value.
  std::optional<long long> blockOffset(const ExprP &Index) const;

  /// Whether the function reads no .y or .z of threadIdx, blockIdx,
  /// blockDim or gridDim.
  bool oneDimensional() const { return OneDimensional; }
};

/// A CUDA built-in variable (threadIdx.x, ...) by its lowered name.
bool isCudaBuiltin(const Var &V);

} // namespace tad

#endif // TAD_ANALYSIS_THREADINDEX_H
