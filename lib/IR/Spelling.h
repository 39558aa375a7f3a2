//===- IR/Spelling.h - C++ spellings of IR ----------------------*- C++ -*-===//
#ifndef TAD_IR_SPELLING_H
#define TAD_IR_SPELLING_H

#include "IR/IR.h"
#include <string>

namespace tad {

/// The C++ spelling of a type ("const double *__restrict__").
std::string cppType(const Type &T);
/// A literal's C++ spelling: the user's where known, else the shortest
/// decimal that round-trips, with an `f` suffix for float.
std::string cppLiteral(const Expr &Lit);
/// C++ source of one expression (parenthesised by precedence).
std::string emitExpr(const ExprP &E);

/// C++ operator precedence, loosest first, as emitExpr parenthesises.
enum Prec {
  PSelect = 2,
  PLOr = 3,
  PLAnd = 4,
  PBitOr = 5,
  PBitXor = 6,
  PBitAnd = 7,
  PEq = 8,
  PRel = 9,
  PShift = 11,
  PAdd = 12,
  PMul = 13,
  PUnary = 15,
  PPrimary = 16,
};
int precOf(BinOp Op);
int precOf(const Expr &E);
/// Whether operand I of E is printed in parentheses.
bool parenthesized(const Expr &E, size_t I);
/// An implicit conversion of a variable, element, call or literal happens
/// again in the printed context; anything compound keeps the cast so that,
/// say, integer division stays integer division.
bool castVanishes(const Expr &E);
/// `std::vector<double>`, `std::array<double, 3>` for a container type.
std::string containerType(const Type &T);
/// `v.data()` for E = v + k with v a container variable, else empty.
std::string containerData(const Expr &E);
bool isZeroLiteral(const Expr &E);
/// How many operands of a method call (isMethodCall) are printed.
size_t methodOperands(const Expr &E);

} // namespace tad

#endif // TAD_IR_SPELLING_H
