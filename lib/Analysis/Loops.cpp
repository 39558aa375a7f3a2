//===- Analysis/Loops.cpp - counted loops ---------------------------------===//
#include "Analysis/Loops.h"
#include "Rules/ExprBuilder.h"

namespace tad {

void collectResized(const Stmt &S, std::set<const Var *> &Out, bool Nested) {
  if (S.is(Stmt::Kind::ExprStmt) && shapeOp(*S.Value) != ShapeOp::None)
    if (VarP R = rootVar(S.Value->op(0)))
      Out.insert(R.get());
  if (Nested)
    for (const StmtList *L : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
      collectResized(*L, Out);
}

void collectResized(const StmtList &L, std::set<const Var *> &Out) {
  for (const StmtP &S : L)
    collectResized(*S, Out, true);
}

void collectAssigned(const StmtList &L, std::set<const Var *> &Out) {
  for (const StmtP &S : L)
    collectAssigned(*S, Out);
}

void collectAssigned(const Stmt &S, std::set<const Var *> &Out) {
  if (S.is(Stmt::Kind::Assign))
    if (VarP R = rootVar(S.LHS))
      Out.insert(R.get());
  // A change of a std::vector's size writes the vector.
  collectResized(S, Out, /*Nested=*/false);
  collectAssigned(S.Body, Out);
  collectAssigned(S.Else, Out);
  collectAssigned(S.ForInit, Out);
  collectAssigned(S.ForInc, Out);
}

bool isCanonicalFor(const Stmt &S) {
  if (S.ForInit.size() != 1 || S.ForInc.size() != 1 || !S.Cond)
    return false;
  const Stmt &I = *S.ForInit[0], &Inc = *S.ForInc[0];
  if (!I.is(Stmt::Kind::Decl) || I.V->Ty.Kind != ScalarKind::Int || !I.Init ||
      !I.V->Dims.empty())
    return false;
  if (!Inc.is(Stmt::Kind::Assign) || !Inc.LHS->is(Expr::Kind::VarRef) ||
      Inc.LHS->V != I.V || !isLitValue(Inc.RHS, 1) ||
      (Inc.AOp != AssignOp::Add && Inc.AOp != AssignOp::Sub))
    return false;
  const Expr &C = *S.Cond;
  if (!C.is(Expr::Kind::Binary) || !C.op(0)->is(Expr::Kind::VarRef) ||
      C.op(0)->V != I.V)
    return false;
  bool Up = Inc.AOp == AssignOp::Add;
  if (Up ? (C.BOp != BinOp::Lt && C.BOp != BinOp::Le)
         : (C.BOp != BinOp::Gt && C.BOp != BinOp::Ge))
    return false;
  std::set<const Var *> InBody;
  collectAssigned(S.Body, InBody);
  bool Clean = !InBody.count(I.V.get());
  // The bound's values, and the sizes it reads (v.size() stays while the
  // body writes v's elements, not while it resizes v).
  forEachValueVar(C.op(1),
                  [&](const VarP &V) { Clean &= !InBody.count(V.get()); });
  std::set<const Var *> Resized;
  collectResized(S.Body, Resized);
  forEachVar(C.op(1), [&](const VarP &V) { Clean &= !Resized.count(V.get()); });
  return Clean && !C.op(1)->isUserCall();
}

bool isStridedFor(const Stmt &S) {
  if (S.ForInit.size() != 1 || S.ForInc.size() != 1 || !S.Cond)
    return false;
  const Stmt &I = *S.ForInit[0], &Inc = *S.ForInc[0];
  if (!I.is(Stmt::Kind::Decl) || I.V->Ty.Kind != ScalarKind::Int || !I.Init ||
      !I.V->Dims.empty() || I.V->Ty.IsPointer)
    return false;
  if (!Inc.is(Stmt::Kind::Assign) || !Inc.LHS->is(Expr::Kind::VarRef) ||
      Inc.LHS->V != I.V || Inc.AOp != AssignOp::Add || isLitValue(Inc.RHS, 1) ||
      callsUserFunction(Inc.RHS))
    return false;
  const Expr &C = *S.Cond;
  if (!C.is(Expr::Kind::Binary) || !C.op(0)->is(Expr::Kind::VarRef) ||
      C.op(0)->V != I.V || (C.BOp != BinOp::Lt && C.BOp != BinOp::Le) ||
      callsUserFunction(S.Cond))
    return false;
  std::set<const Var *> InBody;
  collectAssigned(S.Body, InBody);
  bool Clean = !InBody.count(I.V.get());
  for (const ExprP &E : {C.op(1), Inc.RHS})
    forEachVar(
        E, [&](const VarP &V) { Clean &= !InBody.count(V.get()) && V != I.V; });
  return Clean;
}

} // namespace tad
