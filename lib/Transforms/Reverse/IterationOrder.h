//===- Transforms/Reverse/IterationOrder.h - any order ----------*- C++ -*-===//
//
// The transpose of a loop runs its iterations backwards, which is always
// right. When no value flows from one iteration of the transposed body to
// another, any order is right, and forwards is what compilers vectorize
// best (the transposed inner loop of a Gaussian mixture's gradient stays
// scalar backwards and is vectorized forwards).
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_REVERSE_ITERATIONORDER_H
#define TAD_TRANSFORMS_REVERSE_ITERATIONORDER_H

#include "IR/IR.h"

namespace tad {

/// True if the iterations of a loop over Counter with body Body commute:
/// the body calls no function (a tape pop, a VJP) and has no control flow
/// but `if` and canonical `for`; a variable from outside it is either only
/// added to (`+=`, `-=`) and not read, or not written; an array from
/// outside is either only added to, or every access to it (reads, `=`)
/// is at one element Counter + c (c fixed in the loop). Sums are
/// reassociated.
bool iterationsCommute(const StmtList &Body, const VarP &Counter);

} // namespace tad

#endif
