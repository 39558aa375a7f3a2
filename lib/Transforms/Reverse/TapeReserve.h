//===- Transforms/Reverse/TapeReserve.h - tape reservations ----*- C++ -*-===//
//
// The primal program of a VJP pushes its loops' residuals on the tape. Where
// the number of pushes of a loop is bounded by values known when the loop
// starts, one reservation before it sizes the tape once (tad/tape.h). The
// bound may only read what is in scope there and does not change while the
// loop runs: a triangular nest's inner bound (`j < i`) is not known before
// the outer loop, so the inner loop reserves for itself, once per outer
// iteration, and the outer loop reserves for the rest.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_REVERSE_TAPERESERVE_H
#define TAD_TRANSFORMS_REVERSE_TAPERESERVE_H

#include "IR/IR.h"

namespace tad {

/// Inserts, into the primal program L, reservations of the tape Tape for
/// the loop L[K] and the loops inside it (before each loop whose pushes
/// are bounded at its entry and not already counted by an enclosing
/// reservation). Returns the loop's new index in L.
size_t reserveTape(StmtList &L, size_t K, const VarP &Tape);

} // namespace tad

#endif
