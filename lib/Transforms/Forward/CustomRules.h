//===- Transforms/Forward/CustomRules.h - user rules as code ----*- C++ -*-===//
#ifndef TAD_TRANSFORMS_FORWARD_CUSTOMRULES_H
#define TAD_TRANSFORMS_FORWARD_CUSTOMRULES_H

#include "IR/IR.h"

namespace tad {

class Generator;

/// The body of a generated function that calls the user's rule R with its
/// own parameters (f_transpose of f with a custom transpose, f_jvp of f
/// with a custom JVP).
void buildRuleCall(const Function &R, Function &T);

/// J for f's reverse mode when f has a custom JVP R: R's body, its tangent
/// parameters (f_jvp's layout) and what they flow into marked as tangents,
/// its calls with tangent arguments marked as linear calls.
FunctionP markJvpRule(const Function &F, const Function &R, Generator &Gen);

} // namespace tad

#endif // TAD_TRANSFORMS_FORWARD_CUSTOMRULES_H
