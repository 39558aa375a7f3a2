//===- Transforms/Inline.h - inline calls that pass arrays ------*- C++ -*-===//
#ifndef TAD_TRANSFORMS_INLINE_H
#define TAD_TRANSFORMS_INLINE_H

#include "IR/IR.h"
#include "Transforms/Generator.h"
#include "Transforms/Names.h"

namespace tad {

/// F with every call that passes an array replaced by the callee's body;
/// null when F has no such call. Used by reverse mode.
FunctionP inlineArrayCalls(const Function &F, FunctionSource &Src,
                           NameTable &Names, DiagSink &Diags);

} // namespace tad

#endif
