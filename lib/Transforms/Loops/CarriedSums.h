//===- Transforms/Loops/CarriedSums.h - sums in scalars ---------*- C++ -*-===//
//
// The transpose of a stencil loop, `b[i] = a[i - 1] + a[i] + a[i + 1]`, is a
// scatter: iteration i adds to ct_a[i - 1], ct_a[i] and ct_a[i + 1], so
// consecutive iterations read and write the same element three times, a
// dependence chain through memory that compilers do not break (they cannot
// see that nothing else in the loop reads ct_a). carrySums rewrites such
// loops so that each element is stored once: the partial sums of the
// elements that later iterations still add to are carried from one
// iteration to the next in scalars, and stored after the loop.
//
// A loop qualifies when it is canonical (isCanonicalFor) with a
// straight-line body, and the array is written there only by `+=` at
// indices `k + i + c` (k the same loop-invariant terms, i the counter, c
// integer constants) and read nowhere in the loop. Sums are reassociated
// (the result can differ in the last bits); arrays are assumed distinct, as
// everywhere in reverse mode.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_LOOPS_CARRIEDSUMS_H
#define TAD_TRANSFORMS_LOOPS_CARRIEDSUMS_H

#include "IR/IR.h"
#include "IR/Names.h"

namespace tad {

/// Rewrites every qualifying loop in L (nested ones included).
void carrySums(StmtList &L, NameTable &Names);

} // namespace tad

#endif
