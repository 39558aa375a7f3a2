//===- Analysis/Slopes.h - slopes of terms ----------------------*- C++ -*-===//
//
// The term-level analyses behind Analysis/Monotone.h's injectivity proofs:
// an expression of the old values of a step or lump (its slots) split into
// coefficient times term, bounds on the magnitude of a term and of its
// slope in a slot (as expressions, folded where they are literal; null:
// unbounded), and whether a term is strictly monotone in the slot. Each
// analysis that gives up records why in Why, naming the construct.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_ANALYSIS_SLOPES_H
#define TAD_ANALYSIS_SLOPES_H

#include "Analysis/Monotone.h"

#include <initializer_list>

namespace tad {
namespace slopes {

/// A double literal.
ExprP klit(double V);
/// Bound arithmetic: null (unbounded) absorbs; literals fold.
ExprP bAdd(const ExprP &A, const ExprP &B);
ExprP bSub(const ExprP &A, const ExprP &B);
ExprP bMul(const ExprP &A, const ExprP &B);
ExprP bDiv(const ExprP &A, const ExprP &B);
ExprP bMax(const ExprP &A, const ExprP &B);
ExprP bAbs(const ExprP &C);

bool isLocation(const ExprP &E);
/// Whether E is a call of one of the built-in maths functions Names.
bool named(const Expr &E, std::initializer_list<const char *> Names);

/// Strictly monotone in the slot: increasing, decreasing; or constant.
enum class Mono { Const, Inc, Dec, None };
Mono flip(Mono M);
Mono scaled(Mono M, double C);

/// The analyses of one Phi over its slots.
class Analyser {
  const SlotOf &Slot;
  const ExprText &Text;

public:
  std::string Why; ///< the first construct that defeated an analysis
  std::string SlotName = "the values it updates";

  Analyser(const SlotOf &Slot, const ExprText &Text) : Slot(Slot), Text(Text) {}

  /// Whether E reads a slot (or a location that may be one).
  bool depends(const ExprP &E);

  void because(const std::string &W);

  /// E = sum Coef * Atom + (terms without slots), Coef without slots.
  struct Term {
    ExprP Coef, Atom;
  };
  void split(const ExprP &E, const ExprP &Coef, std::vector<Term> &Out);

  /// sup |E| (null: unbounded).
  ExprP value(const ExprP &E);

  /// sup |dE/dx_J| over all values (null: unbounded; Why says where).
  ExprP slope(const ExprP &E, int J);

  /// Flattens a product into its factors.
  void factors(const ExprP &E, std::vector<ExprP> &Out);

  /// An integer power B^P (P >= 1) of a base that reads the slot.
  Mono power(const ExprP &E, const ExprP &Base, double P);

  /// Whether E is strictly monotone in the (single) slot.
  Mono monotone(const ExprP &E);
};

} // namespace slopes
} // namespace tad

#endif
