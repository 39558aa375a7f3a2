//===- Transforms/Prepare/LoopConditions.h - counters alone -----*- C++ -*-===//
//
// Reverse mode runs a canonical loop (`for (int i = a; i < b; ++i)`)
// backwards by its bounds; any other loop records its trip count and the
// indices its body uses on the tape. `for (int i = 1; i + 1 < n; ++i)`,
// common in stencils, is canonical once its condition is written
// `i < n - 1`, which is the same test for a signed counter (overflow aside,
// which is undefined either way).
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_PREPARE_LOOPCONDITIONS_H
#define TAD_TRANSFORMS_PREPARE_LOOPCONDITIONS_H

#include "IR/IR.h"

namespace tad {

/// F with every `for` over a signed integer counter i stepping by one whose
/// condition compares i plus other terms with a bound rewritten to compare
/// i alone (`i + 1 < n` -> `i < n - 1`, `n > i - 2` -> `i < n + 2`); null
/// when there is none.
FunctionP isolateLoopCounters(const Function &F);

class NameTable;

/// F with every loop `for (T s = a; s > 0; s >>= k)` (a tree reduction's
/// halving stride; also `s != 0`, `s >= 1`) whose body assigns neither s
/// nor what a reads rewritten as a counted loop over the shifts, which
/// reverse mode runs backwards without a tape:
/// `for (int _j = 0; _j < W; ++_j) { T s = a >> k * _j; if (s > 0) body }`,
/// W = the bits of T / k (rounded up), s > 0 the loop's condition (once
/// false it stays so: a later iteration does nothing). Null when there is
/// none.
FunctionP countShiftLoops(const Function &F, NameTable &Names);

} // namespace tad

#endif
