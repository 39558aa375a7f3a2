//===- Transforms/Reverse/IterationOrder.cpp - loops in any order ---------===//
#include "Transforms/Reverse/IterationOrder.h"
#include "Analysis/Affine.h"

#include <map>
#include <set>

namespace tad {

namespace {

class Scan {
  /// Variables declared in the body (inner counters included).
  std::set<const Var *> Locals;
  /// Outside scalars read, and outside scalars added to.
  std::set<const Var *> ScalarReads, ScalarSums;
  struct Access {
    ExprP Index;
    bool Read; // a read or an `=`; else a `+=`
  };
  std::map<const Var *, std::vector<Access>> Arrays;
  /// Outside variables written anywhere (for the invariance of indices).
  std::set<const Var *> Written;
  bool Ok = true;

  void expr(const ExprP &E) {
    if (!E || !Ok)
      return;
    if (E->isUserCall()) {
      Ok = false;
      return;
    }
    if (E->is(Expr::Kind::VarRef)) {
      if (!Locals.count(E->V.get()))
        ScalarReads.insert(E->V.get());
      return;
    }
    if (E->is(Expr::Kind::Index) && E->op(0)->is(Expr::Kind::VarRef)) {
      const Var *A = E->op(0)->V.get();
      if (!Locals.count(A))
        Arrays[A].push_back({E->op(1), true});
      expr(E->op(1));
      return;
    }
    for (const ExprP &O : E->Ops)
      expr(O);
  }

  void assign(const Stmt &S) {
    const ExprP &L = S.LHS;
    bool Sum = S.AOp == AssignOp::Add || S.AOp == AssignOp::Sub;
    VarP Root = rootVar(L);
    if (!Root) {
      Ok = false;
      return;
    }
    if (Locals.count(Root.get())) {
      if (L->is(Expr::Kind::Index))
        expr(L->op(1));
      return;
    }
    Written.insert(Root.get());
    if (L->is(Expr::Kind::VarRef) ||
        (L->is(Expr::Kind::Unary) && L->UOp == UnOp::Deref)) {
      if (!Sum)
        Ok = false;
      ScalarSums.insert(Root.get());
      return;
    }
    if (!L->is(Expr::Kind::Index) || !L->op(0)->is(Expr::Kind::VarRef)) {
      Ok = false;
      return;
    }
    expr(L->op(1));
    Arrays[Root.get()].push_back({L->op(1), !Sum});
  }

public:
  void list(const StmtList &L) {
    for (const StmtP &S : L) {
      if (!Ok)
        return;
      switch (S->K) {
      case Stmt::Kind::Decl:
        expr(S->Init);
        for (const ExprP &E : S->InitList)
          expr(E);
        Locals.insert(S->V.get());
        break;
      case Stmt::Kind::Assign:
        expr(S->RHS);
        assign(*S);
        break;
      case Stmt::Kind::If:
        expr(S->Cond);
        list(S->Body);
        list(S->Else);
        break;
      case Stmt::Kind::For:
        list(S->ForInit);
        expr(S->Cond);
        list(S->ForInc);
        list(S->Body);
        break;
      case Stmt::Kind::Block:
        list(S->Body);
        break;
      default:
        Ok = false;
      }
    }
  }

  bool commutes(const Var *Counter) {
    if (!Ok)
      return false;
    for (const Var *V : ScalarSums)
      if (ScalarReads.count(V))
        return false;
    for (const auto &[A, Accesses] : Arrays) {
      bool OnlySums = true;
      for (const Access &X : Accesses)
        OnlySums &= !X.Read;
      // Only read, or only added to; else every access at one element
      // Counter + c.
      if (!Written.count(A) || (OnlySums && !ScalarReads.count(A)))
        continue;
      const ExprP &F = Accesses.front().Index;
      for (const Access &X : Accesses)
        if (!sameExpr(X.Index, F))
          return false;
      AffineSum S;
      flatten(F, 1, S);
      int CounterTerms = 0;
      for (const auto &T : S.Terms) {
        if (T.second->is(Expr::Kind::VarRef) && T.second->V.get() == Counter) {
          CounterTerms += T.first;
          continue;
        }
        if (mentions(T.second, Locals) || mentions(T.second, Written) ||
            mentions(T.second, {Counter}))
          return false;
      }
      if (CounterTerms != 1 || ScalarReads.count(A))
        return false;
    }
    return true;
  }
};

} // namespace

bool iterationsCommute(const StmtList &Body, const VarP &Counter) {
  Scan S;
  S.list(Body);
  return S.commutes(Counter.get());
}

} // namespace tad
