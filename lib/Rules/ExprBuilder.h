//===- Rules/ExprBuilder.h - folding expression helpers ---------*- C++ -*-===//
//
// Builders for derivative expressions. A null ExprP stands for an exact zero
// (a tangent that is structurally zero), and the builders fold it away, along
// with multiplications by one, so generated code carries no `0 * x` noise.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_RULES_EXPRBUILDER_H
#define TAD_RULES_EXPRBUILDER_H

#include "IR/IR.h"

namespace tad {

ExprP lit(double V, const Type &Ty);
bool isLitValue(const ExprP &E, double V);
ExprP add(ExprP A, ExprP B);
ExprP sub(ExprP A, ExprP B);
ExprP mul(ExprP A, ExprP B);
/// A / B; null when A is zero. B must not be null.
ExprP div(ExprP A, ExprP B);
ExprP neg(ExprP A);
/// A call to the built-in maths function `Name` (e.g. "cos").
ExprP mathCall(const char *Name, std::vector<ExprP> Args);
ExprP select(ExprP C, ExprP T, ExprP F, const Type &Ty);
ExprP cmp(BinOp Op, ExprP A, ExprP B);
/// Converts A to the floating type Ty if it is not already of that type.
ExprP convert(ExprP A, const Type &Ty);
/// Zero of type Ty when E is null.
ExprP orZero(ExprP E, const Type &Ty);
/// The number of elements of the array variable V: `v.size()` (a
/// std::size_t) for a std::vector, N for a std::array or a local array.
ExprP sizeOf(const VarP &V, SrcLoc Loc = {});

} // namespace tad

#endif
