//===- Transforms/Reverse/VJP.h - reverse mode ------------------*- C++ -*-===//
#ifndef TAD_TRANSFORMS_REVERSE_VJP_H
#define TAD_TRANSFORMS_REVERSE_VJP_H

#include "IR/IR.h"

namespace tad {

class Generator;

/// The signature of f_vjp: the primal parameters, then the cotangent of a
/// floating-point return value (`ct_return`, by value), then one cotangent
/// per floating-point parameter (`T *ct_x` for a scalar x, `T *ct_a` for an
/// array a). Cotangents accumulate. It returns what f returns.
FunctionP makeVjpSignature(const Function &F);

/// The parameters F's VJP is restricted to (TAD_VJP_WRT(...), the
/// arguments of tad::vjp), or null for all.
const std::vector<std::string> *vjpWrt(const Function &F);

/// f_vjp = transpose(linearize(jvp(f))): the primal program, which also
/// records the residuals, followed by the transposed linear program.
void buildVjpBody(const Function &F, Function &V, Generator &Gen);

/// f_grad(params..., ct params...) = f_vjp(params..., 1, ct params...), for
/// f with a floating-point result and no array outputs; null otherwise.
FunctionP makeGradient(const Function &F, const Function &Vjp);

} // namespace tad

#endif
