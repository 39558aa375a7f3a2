//===- Transforms/Prepare/Inline.h - inline array calls ---------*- C++ -*-===//
#ifndef TAD_TRANSFORMS_PREPARE_INLINE_H
#define TAD_TRANSFORMS_PREPARE_INLINE_H

#include "IR/IR.h"
#include "IR/Names.h"
#include "Transforms/Generator.h"

namespace tad {

/// F with every call that passes an array replaced by the callee's body;
/// null when F has no such call. Used by reverse mode. Calls of functions
/// with a registered array transpose are kept (transposed by the rule), and
/// with KeepJvpRules, calls of functions with a custom JVP (the JVP then
/// inlines the rule).
FunctionP inlineArrayCalls(const Function &F, FunctionSource &Src,
                           NameTable &Names, DiagSink &Diags,
                           bool KeepJvpRules = false);

/// F with every call that passes a struct replaced by the callee's body
/// (forward mode); null when F has no such call.
FunctionP inlineStructCalls(const Function &F, FunctionSource &Src,
                            NameTable &Names, DiagSink &Diags);

/// The body of F, already transformed code (a custom JVP rule marked by
/// markJvpRule), for a call with arguments Args: array parameters replaced
/// by their arguments, scalar ones bound to fresh locals (which keep the
/// parameter's tangent marking), locals renamed, the final `return`
/// dropped. A null argument for an array parameter is an array of zeros:
/// its elements read as 0.
StmtList inlineBody(const Function &F, const std::vector<ExprP> &Args,
                    FunctionSource &Src, NameTable &Names, DiagSink &Diags,
                    SrcLoc Loc);

} // namespace tad

#endif
