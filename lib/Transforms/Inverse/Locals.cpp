//===- Transforms/Inverse/Locals.cpp - int locals for f_inverse -----------===//
//
// f_inverse stores nothing: the reverse sweep recomputes a block's locals
// at its front. An int local assigned in the body (`int p; for (...) { p =
// 2 * k; x[p] += ...; }`) cannot be undone, but where it is read only after
// such assignments in their blocks (and they read no state), each
// assignment is the declaration of a new local assigned once, which the
// sweep re-declares and the index analysis looks through like `int p = 2 *
// k;` (Analysis/Equasive.h, FixedInts).
//
//===----------------------------------------------------------------------===//
#include "Analysis/Loops.h"
#include "Transforms/Inverse/Inverse.h"

#include <algorithm>

namespace tad {

namespace {

class IntRebinder {
  const std::set<const Var *> &State;
  NameTable &Names;
  FixedInts &Fixed;

  bool readsState(const ExprP &E) {
    bool R = false;
    forEachVar(E, [&](const VarP &V) { R |= State.count(V.get()) != 0; });
    return R;
  }

  /// Whether L reads or assigns V anywhere.
  static bool mentions(const StmtList &L, const Var *V) {
    for (const StmtP &S : L) {
      for (const ExprP *E : {&S->Init, &S->LHS, &S->RHS, &S->Value, &S->Cond})
        if (readsVar(*E, V))
          return true;
      for (const ExprP &E : S->InitList)
        if (readsVar(E, V))
          return true;
      for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
        if (mentions(*Sub, V))
          return true;
    }
    return false;
  }

  /// Each `V = E;` at the top of a block of L as a new local assigned once,
  /// read by the statements after it up to the next such assignment; false
  /// when one of those assigns V otherwise.
  bool rebind(StmtList &L, const VarP &V) {
    for (size_t K = 0; K < L.size(); ++K) {
      Stmt &S = *L[K];
      if (!(S.is(Stmt::Kind::Assign) && S.AOp == AssignOp::Set &&
            S.LHS->is(Expr::Kind::VarRef) && S.LHS->V == V &&
            !readsVar(S.RHS, V.get()) && !readsState(S.RHS))) {
        for (StmtList *Sub : {&S.Body, &S.Else})
          if (!rebind(*Sub, V))
            return false;
        continue;
      }
      Type T = V->Ty;
      VarP W = makeVar(Names.fresh(V->Name), T, V->Loc);
      ExprP Init = S.RHS;
      SrcLoc Loc = S.Loc;
      L[K] = mkDecl(W, Init, Loc);
      Fixed[W.get()] = Init;
      std::map<const Var *, ExprP> M{{V.get(), mkVar(W)}};
      for (size_t J = K + 1; J < L.size(); ++J) {
        Stmt &X = *L[J];
        if (X.is(Stmt::Kind::Assign) && X.AOp == AssignOp::Set &&
            X.LHS->is(Expr::Kind::VarRef) && X.LHS->V == V)
          break; // the next assignment starts over
        std::set<const Var *> Assigned;
        collectAssigned(X, Assigned);
        if (Assigned.count(V.get()))
          return false;
        StmtList One;
        One.push_back(std::move(L[J]));
        substituteInStmts(One, M);
        L[J] = std::move(One[0]);
      }
    }
    return true;
  }

public:
  IntRebinder(const std::set<const Var *> &State, NameTable &Names,
              FixedInts &Fixed)
      : State(State), Names(Names), Fixed(Fixed) {}

  /// Integer locals assigned in the body (`int p; for (...) { p = 2 * k;
  /// x[p] += ...; }`): the reverse sweep cannot undo `p = 2 * k`, but where
  /// p is read only after such assignments in their blocks, each is the
  /// declaration of a local assigned once (re-declared by the sweep, and
  /// looked through by the index analysis like `int p = 2 * k;`).
  void run(StmtList &Body) {
    std::vector<VarP> Ints;
    std::function<void(const StmtList &)> Find = [&](const StmtList &L) {
      for (const StmtP &S : L) {
        if (S->is(Stmt::Kind::Assign) && S->LHS->is(Expr::Kind::VarRef)) {
          const VarP &V = S->LHS->V;
          if (V->Ty.Kind == ScalarKind::Int && !V->Ty.IsPointer &&
              V->Dims.empty() && !V->IsParam &&
              std::find(Ints.begin(), Ints.end(), V) == Ints.end())
            Ints.push_back(V);
        }
        for (const StmtList *Sub : {&S->Body, &S->Else})
          Find(*Sub);
      }
    };
    Find(Body);
    for (const VarP &V : Ints) {
      StmtList Trial = cloneList(Body);
      FixedInts Saved = Fixed;
      if (rebind(Trial, V) && !mentions(Trial, V.get()))
        Body = std::move(Trial);
      else
        Fixed = std::move(Saved);
    }
  }
};

} // namespace

void rebindIntLocals(StmtList &Body, const std::set<const Var *> &State,
                     NameTable &Names, FixedInts &Fixed) {
  IntRebinder(State, Names, Fixed).run(Body);
}

} // namespace tad
