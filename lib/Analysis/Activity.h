//===- Analysis/Activity.h - activity analysis ------------------*- C++ -*-===//
//
// A variable is active when it is varied (its value depends on a
// differentiable input: a floating-point parameter or the contents of a
// floating-point array parameter) and useful (it influences an output: the
// floating-point return value or the contents of a non-const array
// parameter). Only active variables get tangents. The analysis is
// flow-insensitive per variable (an array counts as one variable) and
// ignores control dependences, which carry no derivative.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_ANALYSIS_ACTIVITY_H
#define TAD_ANALYSIS_ACTIVITY_H

#include "IR/ExprMemo.h"
#include "IR/IR.h"
#include <set>

namespace tad {

struct ActivityInfo {
  std::set<const Var *> Varied, Useful, Active;

  bool isActive(const Var *V) const { return Active.count(V) != 0; }
  /// E reads an active variable in a position that carries a value.
  bool isActive(const ExprP &E) const;
  /// E contains a call to a user function that may write an active array
  /// through a non-const pointer argument.
  bool hasActiveEffects(const ExprP &E) const;
};

/// ActivityInfo's questions about expressions with the answer for each node
/// kept (see IR/ExprMemo.h), for a pass that asks them of an expression and
/// of each of its subexpressions in turn, as the JVP does going down.
class ActiveExprs {
public:
  explicit ActiveExprs(const ActivityInfo &A) : A(A) {}
  /// ActivityInfo::isActive.
  bool isActive(const ExprP &E);
  /// ActivityInfo::hasActiveEffects.
  bool hasActiveEffects(const ExprP &E);

private:
  const ActivityInfo &A;
  ExprMemo<bool> Active, Effects;
};

/// Wrt, when not null, names the parameters derivatives are taken with
/// respect to (the others are constants: not varied).
ActivityInfo analyzeActivity(const Function &F,
                             const std::vector<std::string> *Wrt = nullptr);

} // namespace tad

#endif
