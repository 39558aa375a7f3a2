//===- Transforms/Loops/GatherStencils.h - stencil gathers ------*- C++ -*-===//
//
// The transpose of a 2-D stencil sweep,
//
//   for i, for j: b[i*n + j] = c * (a[i*n + j] + a[(i-1)*n + j] + ...),
//
// scatters: each (i, j) reads and zeroes ct_b[i*n + j] and adds to five
// elements of ct_a. gatherStencils turns such a nest around: every element
// of the block that all the terms reach receives its five contributions in
// one statement (a gather, with the sweep's own shape: compilers vectorize
// it), the terms that fall on the edges of that block are added by short
// edge loops, and ct_b is zeroed by a loop of its own. Statements of the
// outer loop around the inner one (the transposed boundary of the sweep)
// move to a loop of their own.
//
// The rewritten code runs when a guard computed before the loop holds: the
// gathered block is not empty, the zeroed array is addressed one-to-one by
// the nest, and the outer statements touch other elements of it; otherwise
// the original loop runs. The additions are reassociated (results can
// differ in the last bits); arrays are assumed distinct, as everywhere in
// reverse mode.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_LOOPS_GATHERSTENCILS_H
#define TAD_TRANSFORMS_LOOPS_GATHERSTENCILS_H

#include "IR/IR.h"

namespace tad {

/// Rewrites every qualifying loop nest in L (nested ones included).
void gatherStencils(StmtList &L);

} // namespace tad

#endif
