//===- Transforms/Prepare/MarkLinear.cpp - linear variables ---------------===//
//
// Linear transposition and custom JVP rules need to know which variables of
// a user's function carry the linear input: they are marked as tangents, so
// that linearize and transpose treat them as they treat a JVP's tangents.
//
//===----------------------------------------------------------------------===//
#include "Transforms/Prepare/MarkLinear.h"
#include "Analysis/Affine.h"

#include <map>

namespace tad {

namespace {

void collectAssignments(const StmtList &L,
                        std::vector<std::pair<const Var *, ExprP>> &Out) {
  for (const StmtP &S : L) {
    if (S->is(Stmt::Kind::Decl)) {
      Out.push_back({S->V.get(), S->Init});
      for (const ExprP &E : S->InitList)
        Out.push_back({S->V.get(), E});
    }
    if (S->is(Stmt::Kind::Assign))
      if (VarP R = rootVar(S->LHS))
        Out.push_back({R.get(), S->RHS});
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      collectAssignments(*Sub, Out);
  }
}

/// F with the variables of Lin replaced by copies marked as linear.
class Marker {
  std::map<const Var *, ExprP> M;

  ExprP subst(const ExprP &E) {
    if (!E)
      return E;
    if (E->is(Expr::Kind::VarRef)) {
      auto It = M.find(E->V.get());
      return It == M.end() ? E : It->second;
    }
    auto C = std::make_shared<Expr>(*E);
    for (ExprP &O : C->Ops)
      O = subst(O);
    return C;
  }

public:
  std::map<const Var *, VarP> Copies;

  Marker(const VarSet &Lin, const std::vector<VarP> &Vars) {
    for (const VarP &V : Vars)
      if (Lin.count(V.get())) {
        auto C = std::make_shared<Var>(*V);
        C->IsTangent = true;
        Copies[V.get()] = C;
        M[V.get()] = mkVar(C);
      }
  }

  void list(StmtList &L) {
    for (StmtP &S : L) {
      if (S->V && Copies.count(S->V.get()))
        S->V = Copies[S->V.get()];
      S->Init = subst(S->Init);
      for (ExprP &E : S->InitList)
        E = subst(E);
      S->LHS = subst(S->LHS);
      S->RHS = subst(S->RHS);
      S->Value = subst(S->Value);
      S->Cond = subst(S->Cond);
      for (StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
        list(*Sub);
    }
  }
};

void collectVars(const StmtList &L, std::vector<VarP> &Out) {
  for (const StmtP &S : L) {
    if (S->V)
      Out.push_back(S->V);
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      collectVars(*Sub, Out);
  }
}

/// Rebuilds calls with tangent arguments as DirectLinear calls of their
/// callee (a generated callee is the call's Target already).
class LinearCallFlagger {
  FunctionSource &Src;
  DiagSink &Diags;

  ExprP flag(const ExprP &E) {
    if (!E)
      return E;
    bool Tangent = false;
    forEachVar(E, [&](const VarP &V) { Tangent |= V->IsTangent; });
    if (!Tangent)
      return E;
    auto C = std::make_shared<Expr>(*E);
    for (ExprP &O : C->Ops)
      O = flag(O);
    if (C->isUserCall() && !C->LinearCall) {
      if (!C->Target && C->CalleeKey) {
        C->Target = Src.lower(C->CalleeKey);
        // The lowering has said why it failed (a template, no definition):
        // show where the callee is needed, not a second error.
        Ok &= C->Target != nullptr;
        if (!C->Target)
          Diags.note(C->Loc,
                     "'" + C->Callee +
                         "' is called here, in code tad differentiates");
      } else if (!C->Target) {
        Diags.error(C->Loc, "cannot transpose the call to '" + C->Callee +
                                "': tad does not know the function");
      }
      C->DirectLinear = C->Target != nullptr;
    }
    return C;
  }

public:
  bool Ok = true;
  LinearCallFlagger(FunctionSource &Src, DiagSink &Diags)
      : Src(Src), Diags(Diags) {}
  void list(StmtList &L) {
    for (StmtP &S : L) {
      for (ExprP *E : {&S->Init, &S->LHS, &S->RHS, &S->Value, &S->Cond})
        *E = flag(*E);
      for (ExprP &E : S->InitList)
        E = flag(E);
      for (StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
        list(*Sub);
    }
  }
};

} // namespace

/// Adds to Lin every variable assigned from a value that reads Lin.
void closeLinear(const StmtList &Body, VarSet &Lin) {
  std::vector<std::pair<const Var *, ExprP>> Assignments;
  collectAssignments(Body, Assignments);
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (auto &[V, E] : Assignments)
      if (!Lin.count(V) && mentions(E, Lin))
        Changed |= Lin.insert(V).second;
  }
}

std::map<const Var *, VarP> markLinear(StmtList &Body, const VarSet &Lin,
                                       std::vector<VarP> Vars) {
  collectVars(Body, Vars);
  Marker Mark(Lin, Vars);
  Mark.list(Body);
  return Mark.Copies;
}

bool flagLinearCalls(StmtList &Body, FunctionSource &Src, DiagSink &Diags) {
  LinearCallFlagger Flag(Src, Diags);
  Flag.list(Body);
  return Flag.Ok;
}

} // namespace tad
