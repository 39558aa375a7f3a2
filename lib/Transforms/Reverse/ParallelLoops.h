//===- Transforms/Reverse/ParallelLoops.h - OpenMP in reverse -*- C++ -*-===//
//
// A `#pragma omp parallel for` loop stays parallel in the reverse sweep.
// Its transposed iterations meet only where the primal's shared a value
// they read: the transpose of a read is an accumulation. For each
// transposed parallel loop, an accumulation into a scalar declared outside
// it (the cotangent of a scalar every iteration reads) joins the loop's
// `reduction(+ : ...)`; an accumulation into an array element is a plain
// `+=` when every accumulation into that array in the loop is at the
// loop's counter (no other iteration reaches it), else `#pragma omp
// atomic`. A loop whose transposed body reads a scalar it also accumulates
// runs sequentially.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_REVERSE_PARALLELLOOPS_H
#define TAD_TRANSFORMS_REVERSE_PARALLELLOOPS_H

#include "IR/IR.h"

namespace tad {

/// Makes the shared accumulations of the transposed parallel loops in L
/// (nested ones included) reductions or atomics.
void shareParallelAccumulations(StmtList &L);

} // namespace tad

#endif // TAD_TRANSFORMS_REVERSE_PARALLELLOOPS_H
