//===- Transforms/Prepare/Normalize.h - flags for exits ---------*- C++ -*-===//
#ifndef TAD_TRANSFORMS_PREPARE_NORMALIZE_H
#define TAD_TRANSFORMS_PREPARE_NORMALIZE_H

#include "IR/IR.h"
#include "IR/Names.h"
#include "Transforms/Generator.h"

namespace tad {

/// F with `break`, `continue` and early `return` replaced by flags that
/// guard what follows them, and a single `return` at the end; null when F
/// has none of them. Reverse mode runs on the result.
FunctionP normalizeExits(const Function &F, NameTable &Names);

/// F as reverse mode and the modes built on it (f_transpose, the inverse
/// modes) take it: calls that pass arrays inlined (inlineArrayCalls, with
/// KeepJvpRules), exits turned into flags (normalizeExits), loop counters
/// alone in their conditions (isolateLoopCounters). Null when inlining
/// reported an error.
FunctionP prepareForReverse(const Function &F, FunctionSource &Src,
                            NameTable &Names, DiagSink &Diags,
                            bool KeepJvpRules = false);

} // namespace tad

#endif
