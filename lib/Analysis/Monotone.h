//===- Analysis/Monotone.h - injectivity proofs for f_inverse ---*- C++ -*-===//
//
// f_inverse (THEORY.md 1.3, IA8) needs every step and lump to be one-to-one
// in the values it overwrites, globally, not only where its pivot is
// non-zero: `x = x * x` has pivot 2x, non-zero almost everywhere, yet maps
// -2 and 2 to 4. These proofs are structural, over the IR of the step's
// (or lump's) new values Phi as expressions of the old ones.
//
// A step phi(u) (u the slot) is split into terms c * t with c independent
// of u: the linear part A u, strictly monotone terms (u, odd powers u^3,
// increasing or decreasing functions of such: exp, tanh, cbrt, sinh, log,
// sqrt, atan, erf, ...; sums of terms of one direction) and terms of
// bounded slope |t'| <= B (c * sin(u), 0.3 * tanh(u + x[1]), fabs, ...).
// phi is strictly monotone, hence injective, when
//
//   * the monotone terms share one direction s, the linear part does not
//     oppose it (s A >= 0) and there are no bounded terms, or
//   * s A > sum B (or |A| > sum B without monotone terms): the slope is
//     bounded away from zero.
//
// Anything else (an even power, a product u * exp(u), cosh, fabs or sin
// alone, a coefficient whose sign is unknown on a monotone term) is not
// proved. When A or the bounds are run-time values (x = w * x + 0.5 sin x),
// the condition is returned for a run-time check.
//
// A lump x_M <- Phi(x_M) is injective when it is affine in x_M (then its
// block A is constant, and non-singular is checked by the LU), or when
// Phi_i = d_i x_i + G_i(x_M) with |dG_i/dx_j| <= B_ij and
//
//   L = max_i sum_j B_ij / |d_i| < 1
//
// (Phi(x) = Phi(y) gives |x - y| <= L |x - y| in the max norm); then also
// x <- D^-1 (y - G(x)) contracts with rate L, a safeguard for Newton's
// method.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_ANALYSIS_MONOTONE_H
#define TAD_ANALYSIS_MONOTONE_H

#include "IR/IR.h"

#include <functional>
#include <string>
#include <vector>

namespace tad {

/// What a location of Phi is: the index of the unknown (slot) it reads, -1
/// for a constant (state that the step only reads, parameters), -2 when it
/// may or may not be a slot.
using SlotOf = std::function<int(const ExprP &Location)>;
/// Prints an expression of Phi as the user wrote it, for messages.
using ExprText = std::function<std::string(const ExprP &)>;

struct StepProof {
  bool Proved = false;
  /// +1 (increasing) or -1: a literal, or an expression when it is the
  /// sign of a run-time coefficient.
  ExprP Dir;
  /// A condition that must hold at run time (null: none), and the slope
  /// margin it bounds from below (reported when it fails).
  ExprP Cond, Margin;
  std::string Why; ///< not proved: why, naming the construct
};
/// The proof for phi in its slot 0 (SlotName, for messages).
StepProof proveStepInjective(const ExprP &Phi, const SlotOf &Slot,
                             const ExprText &Text, const std::string &SlotName);

struct LumpProof {
  bool Proved = false;
  bool Affine = false;     ///< Phi is affine in x_M: nothing else to check
  std::vector<ExprP> Diag; ///< d_i
  ExprP L;                 ///< the contraction bound (literal or run time)
  std::string Why;
};
/// The proof for Phi_0..Phi_{K-1} in slots 0..K-1.
LumpProof proveLumpInjective(const std::vector<ExprP> &Phi, const SlotOf &Slot,
                             const ExprText &Text);

/// The new values of the first K elements of a lump function `void
/// lump(T *_s)` (straight-line: declarations and assignments to _s[j]) as
/// expressions of the old _s[j]; false (Why) when it is not of that form or
/// too large.
bool lumpOutputs(const Function &Fn, size_t K, std::vector<ExprP> &Phi,
                 std::string &Why);

/// The literal value of E when it folds to one (literals, + - * /, fabs,
/// fmax, fmin); ZeroAbsorbs: c * 0 is 0 for any c too (where c is finite).
bool foldConstant(const ExprP &E, double &Out, bool ZeroAbsorbs = false);

} // namespace tad

#endif
