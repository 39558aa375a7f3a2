//===- Transforms/Inverse.h - inverse accumulation ---------------*- C++
//-*-===//
//
// Inverse accumulation (THEORY.md part 1) for a function whose active part
// is a sequence of in-place steps on its state (its non-const
// floating-point pointer parameters):
//
//   f_ijvp   = the JVP, linearized, its linear part reversed with the step
//              rule  d_x[i] = (d_x[i] - sum_r b_r d_x[r]) / a   (J^-1 v)
//   f_ivjp   = the JVP with each tangent step replaced, in place, by
//              ct_x[i] /= a; ct_x[r] -= b_r ct_x[i]             (J^-T w)
//   f_logdet = the JVP with each tangent step replaced by s += log|a|
//   f_inverse = the primal reversed, each step solved for its old value
//              with the inverse column of the rule table        (f^-1)
//
// The pivot a and partials b_r come from the JVP's statement for the step
// (Analysis/Equasive.h): no second derivative engine.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_INVERSE_H
#define TAD_TRANSFORMS_INVERSE_H

#include "Analysis/Equasive.h"
#include "IR/IR.h"

#include <map>
#include <memory>
#include <set>
#include <string>

namespace tad {

class Generator;

/// What inverse accumulation knows about one primal function, computed
/// once (its diagnostics are reported once) and shared by the four modes.
struct InversePlan {
  bool Ok = false;
  /// The primal with array calls inlined, exits normalized and active
  /// temporaries forwarded into their uses.
  FunctionP Prepared;
  /// Prepared's JVP with the tangents of everything but the state dropped.
  FunctionP Jvp;
  /// Prepared's state parameters, and their tangents in Jvp.
  std::vector<VarP> State;
  std::map<const Var *, VarP> TangentOf;
  /// Jvp's const locals with their initializers (pivots look through them).
  std::map<const Var *, ExprP> Defs;
  FixedInts Fixed;
  /// Statements (by location handle) whose pivot needs a run-time check.
  std::set<std::uint64_t> CheckedPivots;
};

/// "ijvp", "ivjp", "logdet", "inverse": the annotation asking for a mode,
/// and the suffix of the generated function's name.
bool isInverseMode(const std::string &Kind);
/// The Function::Mode of the generated function of Kind.
std::string inverseModeName(const std::string &Kind);

/// The state parameters of F: its non-const floating-point pointers.
bool isStateParam(const Var &P);

/// The signature of the generated function of Kind for F (DESIGN: names
/// and buffer conventions are documented in docs/architecture.md).
FunctionP makeInverseSignature(const Function &F, const std::string &Kind);

/// The plan for F, built on first use.
std::shared_ptr<InversePlan> planInverse(const Function &F, Generator &Gen);

/// Fills G (made by makeInverseSignature(F, Kind)).
void buildInverseBody(const Function &F, Function &G, Generator &Gen);

/// f_inverse's body (InverseFunction.cpp).
void buildInverseFunction(const Function &F, const InversePlan &P, Function &G,
                          Generator &Gen);

/// Replaces variables in every expression of L (in place).
void substituteInStmts(StmtList &L, const std::map<const Var *, ExprP> &M);

} // namespace tad

#endif
