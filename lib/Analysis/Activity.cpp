//===- Analysis/Activity.cpp - activity analysis --------------------------===//
#include "Analysis/Activity.h"

#include <algorithm>
#include <map>
#include <vector>

namespace tad {

namespace {
/// A data-flow edge: the value of Dst is computed from Srcs.
struct Edge {
  const Var *Dst;
  std::vector<const Var *> Srcs;
};

/// Floating-point variables whose values flow into E's value. Index
/// expressions and conditions carry no derivative and are skipped.
void valueVars(const ExprP &E, std::vector<const Var *> &Out) {
  if (!E)
    return;
  switch (E->K) {
  case Expr::Kind::VarRef:
    if (E->V->carriesFloats())
      Out.push_back(E->V.get());
    return;
  case Expr::Kind::Index:
    valueVars(E->op(0), Out);
    return;
  case Expr::Kind::Select:
    valueVars(E->op(1), Out);
    valueVars(E->op(2), Out);
    return;
  case Expr::Kind::Binary:
    if (isComparison(E->BOp) || isLogical(E->BOp))
      return;
    break;
  case Expr::Kind::Unary:
    if (E->UOp == UnOp::Not)
      return;
    break;
  default:
    break;
  }
  if (!E->Ty.isFloating() && !E->is(Expr::Kind::Call) && !E->Ty.IsPointer)
    return; // integer arithmetic carries no derivative
  for (const ExprP &O : E->Ops)
    valueVars(O, Out);
}

class EdgeCollector {
public:
  std::vector<Edge> Edges;
  std::vector<const Var *> Returned;
  std::vector<const Var *> CallArrays; ///< local arrays passed to user calls

  void expr(const ExprP &E) {
    if (!E)
      return;
    for (const ExprP &O : E->Ops)
      expr(O);
    if (!E->isUserCall())
      return;
    // A callee may write any non-const floating array argument from any of
    // its floating arguments.
    std::vector<const Var *> Srcs;
    for (const ExprP &A : E->Ops)
      valueVars(A, Srcs);
    for (const ExprP &A : E->Ops) {
      if (!A->Ty.IsPointer || !A->Ty.isFloating())
        continue;
      VarP Root = rootVar(A);
      if (!Root)
        continue;
      if (!Root->IsParam)
        CallArrays.push_back(Root.get());
      if (!A->Ty.PointeeConst)
        Edges.push_back({Root.get(), Srcs});
    }
  }

  void list(const StmtList &L) {
    for (const StmtP &S : L)
      stmt(*S);
  }

  void stmt(const Stmt &S) {
    switch (S.K) {
    case Stmt::Kind::Decl: {
      std::vector<const Var *> Srcs;
      valueVars(S.Init, Srcs);
      for (const ExprP &E : S.InitList)
        valueVars(E, Srcs);
      Edges.push_back({S.V.get(), Srcs});
      expr(S.Init);
      for (const ExprP &E : S.InitList)
        expr(E);
      return;
    }
    case Stmt::Kind::Assign: {
      std::vector<const Var *> Srcs;
      valueVars(S.RHS, Srcs);
      if (S.AOp != AssignOp::Set)
        valueVars(S.LHS, Srcs);
      if (VarP Root = rootVar(S.LHS))
        Edges.push_back({Root.get(), Srcs});
      expr(S.RHS);
      return;
    }
    case Stmt::Kind::ExprStmt:
      expr(S.Value);
      return;
    case Stmt::Kind::Return:
      valueVars(S.Value, Returned);
      expr(S.Value);
      return;
    default:
      expr(S.Cond);
      list(S.ForInit);
      list(S.ForInc);
      list(S.Body);
      list(S.Else);
      return;
    }
  }
};
} // namespace

ActivityInfo analyzeActivity(const Function &F,
                             const std::vector<std::string> *Wrt) {
  EdgeCollector C;
  C.list(F.Body);
  ActivityInfo A;
  for (const VarP &P : F.Params) {
    if (!P->carriesFloats())
      continue;
    bool Wanted =
        !Wrt || std::find(Wrt->begin(), Wrt->end(), P->Name) != Wrt->end();
    // A struct's inputs and outputs are its floating fields.
    std::vector<const Var *> Values{P.get()};
    if (P->Ty.isRecord()) {
      Values.clear();
      forEachLeafField(*P, [&](const VarP &L) {
        if (L->carriesFloats())
          Values.push_back(L.get());
      });
    }
    for (const Var *V : Values) {
      if (Wanted)
        A.Varied.insert(V);
      if (V->Ty.IsPointer && !V->Ty.PointeeConst)
        A.Useful.insert(V);
    }
  }
  if (F.RetTy.holdsFloats())
    for (const Var *R : C.Returned) {
      A.Useful.insert(R);
      if (R->Ty.isRecord()) // a struct result: its fields
        forEachLeafField(*R, [&](const VarP &L) { A.Useful.insert(L.get()); });
    }

  // Varied is what the varied inputs reach along the edges (source to
  // destination), useful what the outputs reach against them: two graph
  // searches, linear in the edges (a sweep to a fixed point over the edges
  // took one sweep per link of a chain of locals).
  std::map<const Var *, std::vector<const Var *>> Readers, Sources;
  for (const Edge &E : C.Edges) {
    for (const Var *S : E.Srcs)
      Readers[S].push_back(E.Dst);
    std::vector<const Var *> &Into = Sources[E.Dst];
    Into.insert(Into.end(), E.Srcs.begin(), E.Srcs.end());
  }
  auto Reach = [](std::set<const Var *> &Set,
                  const std::map<const Var *, std::vector<const Var *>> &Next) {
    std::vector<const Var *> Work(Set.begin(), Set.end());
    while (!Work.empty()) {
      const Var *V = Work.back();
      Work.pop_back();
      auto It = Next.find(V);
      if (It != Next.end())
        for (const Var *W : It->second)
          if (Set.insert(W).second)
            Work.push_back(W);
    }
  };
  Reach(A.Varied, Readers);
  Reach(A.Useful, Sources);
  for (const Var *V : A.Varied)
    if (A.Useful.count(V))
      A.Active.insert(V);
  // A floating local array handed to a differentiated callee needs a tangent
  // array (zero if nothing varied flows into it): the callee's JVP reads one.
  for (const Var *V : C.CallArrays)
    if (V->carriesFloats())
      A.Active.insert(V);
  // A struct with an active field is active: it has a tangent struct.
  std::vector<const Var *> Fields(A.Active.begin(), A.Active.end());
  for (const Var *V : Fields)
    for (VarP P = V->Parent.lock(); P; P = P->Parent.lock())
      A.Active.insert(P.get());
  return A;
}

bool ActivityInfo::isActive(const ExprP &E) const {
  std::vector<const Var *> Vs;
  valueVars(E, Vs);
  for (const Var *V : Vs)
    if (Active.count(V))
      return true;
  return false;
}

bool ActivityInfo::hasActiveEffects(const ExprP &E) const {
  if (!E)
    return false;
  if (E->isUserCall())
    for (const ExprP &A : E->Ops)
      if (A->Ty.IsPointer && !A->Ty.PointeeConst && A->Ty.isFloating())
        if (VarP R = rootVar(A); R && Active.count(R.get()))
          return true;
  for (const ExprP &O : E->Ops)
    if (hasActiveEffects(O))
      return true;
  return false;
}

bool ActiveExprs::isActive(const ExprP &E) {
  // valueVars' walk, answering for each node whether a variable it would
  // collect is active.
  if (!E)
    return false;
  switch (E->K) {
  case Expr::Kind::VarRef:
    return E->V->carriesFloats() && A.Active.count(E->V.get());
  case Expr::Kind::Index:
    return isActive(E->op(0));
  case Expr::Kind::Select:
    return Active.get(E,
                      [&] { return isActive(E->op(1)) || isActive(E->op(2)); });
  case Expr::Kind::Binary:
    if (isComparison(E->BOp) || isLogical(E->BOp))
      return false;
    break;
  case Expr::Kind::Unary:
    if (E->UOp == UnOp::Not)
      return false;
    break;
  default:
    break;
  }
  if ((!E->Ty.isFloating() && !E->is(Expr::Kind::Call) && !E->Ty.IsPointer) ||
      E->Ops.empty())
    return false;
  return Active.get(E, [&] {
    for (const ExprP &O : E->Ops)
      if (isActive(O))
        return true;
    return false;
  });
}

bool ActiveExprs::hasActiveEffects(const ExprP &E) {
  if (!E || E->Ops.empty())
    return false;
  return Effects.get(E, [&] {
    if (E->isUserCall())
      for (const ExprP &Arg : E->Ops)
        if (Arg->Ty.IsPointer && !Arg->Ty.PointeeConst && Arg->Ty.isFloating())
          if (VarP R = rootVar(Arg); R && A.Active.count(R.get()))
            return true;
    for (const ExprP &O : E->Ops)
      if (hasActiveEffects(O))
        return true;
    return false;
  });
}

} // namespace tad
