//===- Transforms/Inverse/Checks.cpp - step checks (1.4.6) ----------------===//
//
// Each tangent statement of the prepared JVP is read as a step
// (Analysis/Equasive.h) and checked: IA4 (the old value is not used, with
// the `+=` fix), IA6 (locations that may coincide), IA7 (a pivot that is not
// structurally non-zero: a warning and a run-time check); IA2 (a state array
// that is never read) on the function.
//
//===----------------------------------------------------------------------===//
#include "IR/Spelling.h"
#include "Transforms/Inverse/Inverse.h"

#include <algorithm>
#include <functional>

namespace tad {

namespace {

using VarMap = std::map<const Var *, ExprP>;

void indexPrimal(const StmtList &L, std::map<std::uint64_t, const Stmt *> &M) {
  for (const StmtP &S : L) {
    if (S->is(Stmt::Kind::Assign) && S->Loc.valid())
      M.emplace(S->Loc.Handle, S.get());
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      indexPrimal(*Sub, M);
  }
}

/// Checks every tangent step of the JVP (IA4, IA6, IA7).
class StepChecker {
  const Function &F;
  InversePlan &P;
  DiagSink &Diags;
  std::map<std::uint64_t, const Stmt *> Primal;
  VarMap ToPrimal; // tangent -> primal names, for messages
  std::set<const Var *> StateTangents;
  bool WantsCheck;
  std::vector<const Stmt *> Loops;       // enclosing for and if statements
  std::deque<StmtP> Guards;              // negated conditions of else arms
  std::set<const Var *> Reported;        // tangent locals already reported
  std::vector<const Var *> Accumulators; // tangents a bundled step reads

  bool isAccumulator(const Var *V) const {
    return std::find(Accumulators.begin(), Accumulators.end(), V) !=
           Accumulators.end();
  }
  std::string text(const ExprP &E) {
    return emitExpr(substituteVars(substituteVars(E, P.Defs), ToPrimal));
  }
  std::string stmtOf(const Stmt &S) {
    auto It = Primal.find(S.Loc.Handle);
    return It != Primal.end() ? stmtText(*It->second) : "statement";
  }

  void step(const Stmt &S) {
    VarP Root = rootVar(S.LHS);
    StepForm SF;
    if (!StateTangents.count(Root.get()) || !stepForm(S, SF)) {
      Diags.error(S.Loc, "tad cannot read '" + stmtOf(S) +
                             "' as a step on the state: its derivative is "
                             "not a combination of state tangents");
      return;
    }
    auto PIt = Primal.find(S.Loc.Handle);
    const Stmt *PS = PIt == Primal.end() ? nullptr : PIt->second;
    for (const LinearTerm &T : SF.Others) {
      VarP R = rootVar(T.At);
      if (Reported.count(R.get()))
        return;
      if (!StateTangents.count(R.get()) && !isAccumulator(R.get())) {
        Diags.error(S.Loc, "'" + stmtOf(S) + "' reads '" + text(T.At) +
                               "', which is neither state nor constant");
        return;
      }
      if (!isAccumulator(R.get()) &&
          overlap(SF.Self, T.At, P.Fixed, Loops) != Overlap::Distinct) {
        Diags.error(S.Loc, "cannot prove '" + text(SF.Self) + "' and '" +
                               text(T.At) + "' are distinct in '" + stmtOf(S) +
                               "' (line " + std::to_string(S.Loc.Line) +
                               "); pivot would be 1 + g'(" + text(SF.Self) +
                               ") when they are the same element");
        Diags.note(S.Loc, "use constant or affine indices that differ by a "
                          "constant, or distinct arrays");
        return;
      }
    }
    if (!SF.Pivot) {
      std::string Self = text(SF.Self);
      std::string Msg = "'" + stmtOf(S) + "' overwrites active '" + Self +
                        "' without using its old value (pivot d " + Self +
                        "'/d " + Self + " = 0); the step is singular";
      if (PS && PS->AOp == AssignOp::Set) {
        Stmt Fix(Stmt::Kind::Assign, PS->Loc);
        Fix.LHS = PS->LHS;
        Fix.RHS = PS->RHS;
        Fix.AOp = AssignOp::Add;
        Msg += ". Did you mean '" + stmtText(Fix) + "'?";
      }
      Diags.error(S.Loc, Msg);
      return;
    }
    if (!structurallyNonZero(SF.Pivot, P.Defs)) {
      bool New = P.CheckedPivots.insert(S.Loc.Handle).second;
      if (New && WantsCheck)
        Diags.warning(S.Loc, "pivot of '" + stmtOf(S) + "' is '" +
                                 text(SF.Pivot) + "'; a run-time check " +
                                 text(SF.Pivot) +
                                 " != 0 is inserted in the inverse modes");
    }
  }

  void list(const StmtList &L) {
    for (const StmtP &S : L) {
      if (S->is(Stmt::Kind::Decl) && S->V->IsTangent) {
        Reported.insert(S->V.get());
        Diags.error(S->Loc,
                    "tad cannot read this statement as steps on the state: "
                    "it calls a function whose body is not a single "
                    "'return' statement (inverse accumulation inlines "
                    "scalar functions of that form only)");
        continue;
      }
      if (isLumpPlaceholder(*S))
        continue;
      if (isBundle(*S, P.Bundles)) { // the accumulations are checked
        Accumulators.clear();
        step(bundledStep(*S, P.Bundles, &Accumulators));
        Accumulators.clear();
        continue;
      }
      if (S->is(Stmt::Kind::Assign))
        if (VarP R = rootVar(S->LHS); R && R->IsTangent) {
          step(*S);
          continue;
        }
      if (S->is(Stmt::Kind::If)) { // its condition holds in its body
        for (bool Else : {false, true}) {
          const Stmt *G = branchGuard(*S, Else, Guards);
          if (G)
            Loops.push_back(G);
          list(Else ? S->Else : S->Body);
          if (G)
            Loops.pop_back();
        }
        continue;
      }
      bool Loop = S->is(Stmt::Kind::For);
      if (Loop)
        Loops.push_back(S.get());
      for (const StmtList *Sub : {&S->Body, &S->Else})
        list(*Sub);
      if (Loop)
        Loops.pop_back();
    }
  }

public:
  StepChecker(const Function &F, InversePlan &P, DiagSink &Diags)
      : F(F), P(P), Diags(Diags) {
    indexPrimal(P.Prepared->Body, Primal);
    for (auto &[S, T] : P.TangentOf) {
      StateTangents.insert(T.get());
      for (const VarP &V : P.State)
        if (V.get() == S)
          ToPrimal[T.get()] = mkVar(V);
    }
    WantsCheck = F.hasAnnotation("ijvp") || F.hasAnnotation("ivjp");
  }
  void run() { list(P.Jvp->Body); }
};

} // namespace

/// IA2: a state parameter the function never reads.
void checkStateRead(const Function &F, const std::vector<VarP> &State,
                    DiagSink &Diags) {
  for (const VarP &V : State) {
    bool Read = false;
    std::function<void(const StmtList &)> Walk = [&](const StmtList &L) {
      for (const StmtP &S : L) {
        for (const ExprP *E : {&S->Init, &S->RHS, &S->Value, &S->Cond})
          Read |= readsVar(*E, V.get());
        if (S->is(Stmt::Kind::Assign) && S->AOp != AssignOp::Set)
          Read |= rootVar(S->LHS) == V;
        for (const StmtList *Sub :
             {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
          Walk(*Sub);
      }
    };
    Walk(F.Body);
    if (!Read)
      Diags.error(V->Loc, "active input '" + V->Name + "' of '" + F.Name +
                              "' never influences an output: the Jacobian "
                              "has a zero column and is singular");
  }
}

void checkSteps(const Function &F, InversePlan &P, DiagSink &Diags) {
  StepChecker(F, P, Diags).run();
}

} // namespace tad
