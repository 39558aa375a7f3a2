//===- Transforms/Reverse/LinearTranspose.h - f_transpose -------*- C++ -*-===//
#ifndef TAD_TRANSFORMS_REVERSE_LINEARTRANSPOSE_H
#define TAD_TRANSFORMS_REVERSE_LINEARTRANSPOSE_H

#include "IR/IR.h"

namespace tad {

class Generator;

/// The signature of f_transpose: f's, with the linear array parameters made
/// writable (inputs and outputs exchange roles). For f returning a value and
/// linear in one scalar z, f_transpose(res..., ybar) returns zbar: the same
/// signature, so T(T(f)) has f's signature too.
FunctionP makeTransposeSignature(const Function &F, const Annotation &A);

/// Checks that f is structurally linear in the parameters A names and
/// builds f_transpose's body; reports violations at their expressions.
void buildTransposeBody(const Function &F, const Annotation &A, Function &T,
                        Generator &Gen);

} // namespace tad

#endif
