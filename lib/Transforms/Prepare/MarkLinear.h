//===- Transforms/Prepare/MarkLinear.h - linear variables -------*- C++ -*-===//
#ifndef TAD_TRANSFORMS_PREPARE_MARKLINEAR_H
#define TAD_TRANSFORMS_PREPARE_MARKLINEAR_H

#include "IR/IR.h"
#include "Transforms/Generator.h"
#include <map>
#include <set>

namespace tad {

using VarSet = std::set<const Var *>;

/// Adds to Lin every variable assigned from a value that reads Lin.
void closeLinear(const StmtList &Body, VarSet &Lin);
/// Replaces the variables of Lin in Body (declarations and uses) by copies
/// marked as tangents, those declared in Body and those of Outer (declared
/// outside it: parameters); returns each original's copy.
std::map<const Var *, VarP> markLinear(StmtList &Body, const VarSet &Lin,
                                       std::vector<VarP> Outer = {});
/// Rebuilds the calls of Body with tangent arguments as DirectLinear calls
/// of their callee (lowered through Src; an unknown callee is an error).
/// False when a callee could not be lowered (its lowering has reported
/// why; a note marks the call): the body cannot be transposed.
bool flagLinearCalls(StmtList &Body, FunctionSource &Src, DiagSink &Diags);

} // namespace tad

#endif // TAD_TRANSFORMS_PREPARE_MARKLINEAR_H
