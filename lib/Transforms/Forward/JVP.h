//===- Transforms/Forward/JVP.h - forward mode ------------------*- C++ -*-===//
#ifndef TAD_TRANSFORMS_FORWARD_JVP_H
#define TAD_TRANSFORMS_FORWARD_JVP_H

#include "IR/IR.h"

namespace tad {

class Generator;

/// The signature of f_jvp: every floating-point parameter is followed by its
/// tangent of the same type; a floating-point return value stays the return
/// value and its tangent is written through a trailing `d_return` pointer.
FunctionP makeJvpSignature(const Function &F);

/// Fills the body of J (made by makeJvpSignature(F)) with F's JVP: each
/// statement followed by (or preceded by, for updates) its tangent
/// statement, tangents only for active variables, one rule-table lookup per
/// primitive. Callee JVPs are requested from Gen.
/// With Wrt, only the parameters it names are varied (a VJP restricted by
/// tad::vjp's list).
void buildJvpBody(const Function &F, Function &J, Generator &Gen,
                  const std::vector<std::string> *Wrt = nullptr);

} // namespace tad

#endif
