//===- Transforms/Inverse/Inverse.h - inverse accumulation ------*- C++ -*-===//
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
#ifndef TAD_TRANSFORMS_INVERSE_INVERSE_H
#define TAD_TRANSFORMS_INVERSE_INVERSE_H

#include "Analysis/Equasive.h"
#include "Analysis/Monotone.h"
#include "IR/IR.h"
#include "IR/Names.h"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace tad {

class Generator;

/// A lump (THEORY.md 1.2, 1.4.2): consecutive statements of one block that
/// couple K state locations through temporaries, x_M <- Phi(x_M, x_R). Its
/// Jacobian blocks A (K x K) and B (K x |R|) are computed at run time by
/// K + |R| seeded JVPs of Phi on local copies, then factored.
struct LumpInfo {
  std::uint64_t Handle = 0; ///< the lump's Block (and placeholder) location
  unsigned FirstLine = 0, LastLine = 0;
  /// The state locations: the K it writes, then the ones it only reads.
  std::vector<ExprP> Locs;
  size_t K = 0;
  Type Elem;
  /// Variables the lump reads that are neither state nor its own locals
  /// (parameters, counters, locals of the enclosing block).
  std::vector<VarP> Free;
  /// Phi as a function `void lump(T *_s)` over Locs, and its JVP.
  FunctionP Fn, Jvp;
  size_t width() const { return Locs.size(); }
};

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
  std::vector<LumpInfo> Lumps;
  /// Prepared's accumulators (Accumulators.cpp), and the bundles of their
  /// tangents in Jvp (by location handle).
  std::set<const Var *> Accumulators;
  std::set<std::uint64_t> Bundles;
  const LumpInfo *lumpAt(std::uint64_t Handle) const {
    for (const LumpInfo &L : Lumps)
      if (L.Handle == Handle)
        return &L;
    return nullptr;
  }
};

/// The JVP's stand-in for a lump's tangent statements, at the lump's start:
/// `d_m0 = __tad_lump(x_m0, ..., x_r.., d_m0, ..., d_r.., free...)`.
constexpr const char *LumpCallee = "__tad_lump";
bool isLumpPlaceholder(const Stmt &S);

/// Code for a lump (Lump.cpp). Values: the K + |R| pre-lump values
/// of its locations; Tangents: the K + |R| (co)tangent locations; Free:
/// what the lump's free variables read there. Kind is "ijvp", "ivjp" or
/// "logdet" (LogDet: the accumulator).
StmtP lumpRule(const LumpInfo &L, const std::string &Kind,
               const std::vector<ExprP> &Values,
               const std::vector<ExprP> &Tangents,
               const std::vector<ExprP> &Free, const VarP &LogDet,
               const std::string &Where, NameTable &Names);
/// A single step x_i = phi(x_i, x_R) whose slot occurs more than once in
/// phi, as a lump of width 1, for Newton's method in f_inverse; false when
/// its locations cannot be told apart.
bool stepLump(const Stmt &S, const std::vector<VarP> &State,
              const FixedInts &Fixed, const std::vector<const Stmt *> &Loops,
              const std::string &FName, Generator &Gen, LumpInfo &Out);
/// f_inverse of a lump: Newton's method on Phi(x_M, x_R) = y_M (with the
/// contraction's fixed-point safeguard when Proof is one).
StmtP lumpInverse(const LumpInfo &L, const std::string &Where, NameTable &Names,
                  const LumpProof *Proof = nullptr);
/// f_inverse of a step made a lump of width 1 (stepLump) and proved
/// strictly monotone: tad::MonotoneSolve.
StmtP stepInverse(const LumpInfo &L, const StepProof &Proof,
                  const std::string &Where, NameTable &Names);
/// IA8 for f_inverse (Analysis/Monotone.h): the proof that the lump (or
/// step) is injective, or false with why not.
bool proveLump(const LumpInfo &L, LumpProof &Proof, std::string &Why);
bool proveStep(const LumpInfo &L, StepProof &Proof, std::string &Why);
/// E (over the lump function's _s[j]) over the state locations Locs[j].
ExprP lumpToState(const LumpInfo &L, const ExprP &E);
/// The slots of a lump function's _s: j < K, else constants.
SlotOf lumpSlots(const LumpInfo &L);

/// f_inverse of a step whose new value branches on the state
/// (Piecewise.cpp): what it asks of the inverse sweep.
struct PieceProof {
  ExprP Dir, Cond, Margin; ///< StepProof's, over the state
  std::string Why;
};
struct PieceHooks {
  std::string SlotName;
  /// Whether E reads the slot (or a location that may be it); whether E
  /// is the slot.
  std::function<bool(const ExprP &)> ReadsSlot, IsSlot;
  /// E with the slot replaced by V.
  std::function<ExprP(const ExprP &, const ExprP &)> AtBreakpoint;
  /// The undo of a piece `x = phi_k` (false: an error was reported).
  std::function<bool(const Stmt &, StmtList &)> Invert;
  /// The proof that a piece is strictly monotone in the slot.
  std::function<bool(const Stmt &, PieceProof &)> Prove;
  /// Reports why the step cannot be inverted, at S.
  std::function<void(const Stmt &, const std::string &)> fail;
};
/// The first `?:` of E (pre-order) whose condition reads the state.
ExprP stateSelect(const ExprP &E,
                  const std::function<bool(const ExprP &)> &ReadsState);
/// The undo of S, `x = Phi` with Sel (stateSelect) in Phi: under the same
/// condition when it does not read x, else with the piece read off the new
/// value (the header comment of Piecewise.cpp).
void piecewiseInverse(const Stmt &S, const ExprP &Phi, const ExprP &Sel,
                      const PieceHooks &H, const std::string &Where,
                      NameTable &Names, StmtList &Out);

/// "ijvp", "ivjp", "logdet", "inverse": the annotation asking for a mode,
/// and the suffix of the generated function's name.
bool isInverseMode(const std::string &Kind);
/// The Function::Mode of the generated function of Kind.
std::string inverseModeName(const std::string &Kind);
/// The Kind of a generated inverse-mode function (empty for others).
std::string inverseKindOf(const Function &G);

/// The state parameters of F: its non-const floating-point pointers.
bool isStateParam(const Var &P);
/// IA1 and a state to act on: reports (and returns false) when F returns
/// an active value or has no state parameter.
bool checkInverseShape(const Function &F, DiagSink &Diags);

/// Temporaries.cpp: forwards the active temporaries of F (being prepared
/// for Plan) into their uses and wraps what cannot be forwarded in lumps,
/// recorded in Plan; reports IA3 and active locals it cannot handle.
void forwardTemporaries(Function &F, DiagSink &Diags, InversePlan &Plan);
/// Whether S (at any depth) reads V; with BesidesUpdates, not counting an
/// update of V (`V += E` reads V only if E does).
bool stmtReads(const Stmt &S, const Var *V, bool BesidesUpdates = false);
/// Whether E is a location: a variable, an element or a dereference.
bool isLocation(const ExprP &E);
/// The locations rooted at a variable of Vars that E reads.
void readLocations(const ExprP &E, const std::set<const Var *> &Vars,
                   std::vector<ExprP> &Out);
/// Replaces the state locations of E that are Locs[j] by Repl[j].
ExprP replaceLocations(const ExprP &E, const std::vector<ExprP> &Locs,
                       const std::vector<ExprP> &Repl, const FixedInts &Fixed,
                       const std::vector<const Stmt *> &Loops,
                       const std::set<const Var *> &State);

/// Accumulators.cpp. Whether S is the declaration of a scalar active
/// local (a candidate accumulator: temporaries assigned once are forwarded
/// before).
bool isAccumulatorDecl(const Stmt &S, const std::set<const Var *> &Active,
                       const std::set<const Var *> &State);
/// Checks every accumulator of Body (the prepared primal, temporaries
/// forwarded) and records it in Plan.Accumulators; reports the first that
/// inverse accumulation cannot take and returns false.
bool checkAccumulators(const StmtList &Body,
                       const std::set<const Var *> &Active,
                       const std::set<const Var *> &State,
                       const FixedInts &Fixed, DiagSink &Diags,
                       InversePlan &Plan);
/// Whether the declaration L[K] is an accumulator's (of the primal, or its
/// tangent in the JVP).
using AccumulatorTest = std::function<bool(const StmtList &L, size_t K)>;
/// Whether the variable L[K] declares is updated by a later statement of L.
bool updatedAfter(const StmtList &L, size_t K);
/// Bundles each accumulator of Body (checked by checkAccumulators) with its
/// step: `{ double s = 0; step; the accumulation; }`, recorded in Handles
/// by the step's handle. Returns the declaration of one whose shape it does
/// not recognise (an internal error), else null.
const Stmt *bundleAccumulators(StmtList &Body, const AccumulatorTest &IsAcc,
                               std::set<std::uint64_t> &Handles);
/// Whether S is a bundle made by bundleAccumulators.
bool isBundle(const Stmt &S, const std::set<std::uint64_t> &Handles);
/// The step of a bundle (through the bundles it nests), or S; the
/// accumulators it reads are added to Accumulators.
const Stmt &bundledStep(const Stmt &S, const std::set<std::uint64_t> &Handles,
                        std::vector<const Var *> *Accumulators = nullptr);

/// The signature of the generated function of Kind for F (DESIGN: names
/// and buffer conventions are documented in docs/architecture.md).
FunctionP makeInverseSignature(const Function &F, const std::string &Kind);

/// The plan for F, built on first use.
std::shared_ptr<InversePlan> planInverse(const Function &F, Generator &Gen);

/// Fills G (made by makeInverseSignature(F, Kind)).
void buildInverseBody(const Function &F, Function &G, Generator &Gen);

/// f_inverse's body (Function.cpp).
void buildInverseFunction(const Function &F, const InversePlan &P, Function &G,
                          Generator &Gen);

/// The step checks (Checks.cpp): IA4, IA6 and IA7 on the tangent
/// statements of P.Jvp (recording the pivots to check at run time), IA2 on
/// the state parameters.
void checkSteps(const Function &F, InversePlan &P, DiagSink &Diags);
void checkStateRead(const Function &F, const std::vector<VarP> &State,
                    DiagSink &Diags);

/// Removes from a JVP the statements and terms of the tangents in Zero
/// (parameters, constants for inverse accumulation), and of the tangent
/// locals that become zero with them (added to Zero).
void dropParamTangents(StmtList &L, std::set<const Var *> &Zero);

/// The dense fallback (Dense.cpp) of f_ijvp, f_ivjp or f_logdet for
/// F marked TAD_DENSE(n) (annotation Dense).
void buildDenseBody(const Function &F, Function &G, Generator &Gen,
                    const Annotation &Dense);

/// Locals.cpp: each assignment `p = E` of an int local that is read only
/// after such assignments in their blocks, as the declaration of a new
/// local assigned once (added to Fixed), for f_inverse's sweep.
void rebindIntLocals(StmtList &Body, const std::set<const Var *> &State,
                     NameTable &Names, FixedInts &Fixed);

/// Replaces variables in every expression of L (in place).
void substituteInStmts(StmtList &L, const std::map<const Var *, ExprP> &M);

} // namespace tad

#endif
