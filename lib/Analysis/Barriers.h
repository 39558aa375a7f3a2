//===- Analysis/Barriers.h - CUDA barriers in reverse mode ------*- C++ -*-===//
//
// `__syncthreads()` (and `__syncwarp()`) split a kernel into phases; what a
// thread writes in one phase, others read in the next. The transpose runs
// the phases backwards and the data flows the other way, so the transpose of
// a barrier is a barrier at the transposed position: between the transposed
// phases. Linearize keeps a barrier in both the primal and the linear
// program, and the transpose emits it where the linear program has it.
//
// That is right only if every thread of a block meets the same barriers in
// the reverse sweep, in the same order: the control flow around a barrier
// must be the same for all of them. checkBarriers refuses a barrier under a
// condition that may differ between the threads of a block (one that reads
// threadIdx, a non-const array, or a value computed from them or assigned
// under such a condition, early exits included), and the barrier functions
// that return a value (`__syncthreads_count`, ...).
//
//===----------------------------------------------------------------------===//
#ifndef TAD_ANALYSIS_BARRIERS_H
#define TAD_ANALYSIS_BARRIERS_H

#include "IR/IR.h"

namespace tad {

/// `__syncthreads();` or `__syncwarp(...);` as a statement.
bool isBarrier(const Stmt &S);

/// Reports (to Diags, as errors for Mode, e.g. "reverse mode") the
/// barriers of the prepared function F that the reverse sweep cannot place;
/// false if there were any.
bool checkBarriers(const Function &F, const std::string &Mode, DiagSink &Diags);

} // namespace tad

#endif
