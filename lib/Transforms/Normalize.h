//===- Transforms/Normalize.h - structured exits to flags -------*- C++ -*-===//
#ifndef TAD_TRANSFORMS_NORMALIZE_H
#define TAD_TRANSFORMS_NORMALIZE_H

#include "IR/IR.h"
#include "Transforms/Names.h"

namespace tad {

/// F with `break`, `continue` and early `return` replaced by flags that
/// guard what follows them, and a single `return` at the end; null when F
/// has none of them. Reverse mode runs on the result.
FunctionP normalizeExits(const Function &F, NameTable &Names);

} // namespace tad

#endif
