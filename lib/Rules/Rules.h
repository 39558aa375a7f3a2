//===- Rules/Rules.h - the rule table ---------------------------*- C++ -*-===//
//
// One row per primitive: the arithmetic operators and the <cmath> functions.
// Each row holds the primitive's JVP rule; later modes add their rules
// (transpose of linear primitives, pivot/inverse for inverse accumulation)
// as further columns of the same row.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_RULES_RULES_H
#define TAD_RULES_RULES_H

#include "IR/IR.h"
#include <string>
#include <vector>

namespace tad {

/// Operands of a JVP rule: primal arguments, their tangents (null = zero)
/// and an expression for the primal result (a temporary when the rule
/// reuses it).
struct JvpArgs {
  const std::vector<ExprP> &X;
  const std::vector<ExprP> &DX;
  ExprP Result;
  Type Ty; ///< the floating type of the result
};
using JvpRule = ExprP (*)(const JvpArgs &);

/// The transpose of a primitive that is linear in some operands: given the
/// operands, which of them are linear, and the cotangent G of the result,
/// the cotangent contribution of each linear operand (index, expression).
using TransposeRule = std::vector<std::pair<unsigned, ExprP>> (*)(
    const std::vector<ExprP> &X, const std::vector<bool> &Linear, ExprP G);

/// The inverse of a unary primitive that is injective on its domain: given
/// the result R, the operand (THEORY.md 1.3, used by f_inverse).
using InverseRule = ExprP (*)(ExprP R);

struct Primitive {
  BuiltinId Id;
  const char *Name; ///< "sin", or the operator's spelling ("+", "neg")
  unsigned Arity;
  /// The JVP rule refers to the primal result (exp, tanh, sqrt, ...); the
  /// JVP then binds the result to a temporary instead of recomputing it.
  bool UsesResult;
  JvpRule Jvp;
  /// Null for primitives that are not linear in any operand (sin, exp...).
  TransposeRule Transpose = nullptr;
  /// Null for primitives with no inverse (sin, cos, fabs, ...) and for
  /// the operators (inverted per operand by f_inverse).
  InverseRule Inverse = nullptr;
};

/// The whole table.
const std::vector<Primitive> &primitives();
/// The row of a <cmath> function spelled `Name` ("sin", "std::sin", "sinf",
/// "fabs", "abs", "min", ...), or null. `Arity` disambiguates overloads.
const Primitive *findMathPrimitive(const std::string &Name, unsigned Arity = 0);
/// The row of an arithmetic operator.
const Primitive &binaryPrimitive(BinOp Op);
const Primitive &negPrimitive();
const Primitive &primitive(BuiltinId Id);

} // namespace tad

#endif
