//===- Transforms/Prepare/LoopConditions.cpp - `i + c < b` as `i < b - c` -===//
#include "Transforms/Prepare/LoopConditions.h"
#include "Analysis/Affine.h"

namespace tad {

namespace {

bool isSignedInt(const Type &T) {
  return T.Kind == ScalarKind::Int && !T.IsPointer && !T.Unsigned &&
         T.IntSpelling.find("unsigned") == std::string::npos &&
         T.IntSpelling.find("size_t") == std::string::npos &&
         T.IntSpelling != "bool";
}

BinOp mirrored(BinOp Op) {
  switch (Op) {
  case BinOp::Lt:
    return BinOp::Gt;
  case BinOp::Le:
    return BinOp::Ge;
  case BinOp::Gt:
    return BinOp::Lt;
  default:
    return BinOp::Le;
  }
}

/// `Side op Other` with the counter in Side: `I op Other - rest of Side`.
ExprP isolate(const ExprP &Side, const ExprP &Other, BinOp Op, const Var *I,
              const Type &BoolTy) {
  AffineSum L;
  flatten(Side, 1, L);
  int Count = 0;
  AffineSum R;
  flatten(Other, 1, R);
  VarP Counter;
  for (const auto &T : L.Terms) {
    if (T.second->is(Expr::Kind::VarRef) && T.second->V.get() == I) {
      Count += T.first > 0 ? 1 : 100; // a negated counter: no
      Counter = T.second->V;
      continue;
    }
    if (mentions(T.second, {I}))
      return nullptr;
    R.Terms.push_back({-T.first, T.second});
  }
  if (Count != 1 || Side->is(Expr::Kind::VarRef))
    return nullptr; // no counter, or already `i op b`
  if (mentions(Other, {I}))
    return nullptr;
  ExprP Bound = rebuild(R.Terms, R.Const - L.Const, Counter->Ty);
  return mkBinary(Op, mkVar(Counter), Bound, BoolTy);
}

bool rewrite(StmtList &L) {
  bool Changed = false;
  for (StmtP &S : L) {
    for (StmtList *Sub : {&S->Body, &S->Else})
      Changed |= rewrite(*Sub);
    if (!S->is(Stmt::Kind::For) || S->ForInit.size() != 1 ||
        S->ForInc.size() != 1 || !S->Cond)
      continue;
    const Stmt &Init = *S->ForInit[0], &Inc = *S->ForInc[0];
    if (!Init.is(Stmt::Kind::Decl) || !isSignedInt(Init.V->Ty) ||
        !Inc.is(Stmt::Kind::Assign) || !Inc.LHS->is(Expr::Kind::VarRef) ||
        Inc.LHS->V != Init.V)
      continue;
    const Expr &C = *S->Cond;
    if (!C.is(Expr::Kind::Binary) ||
        (C.BOp != BinOp::Lt && C.BOp != BinOp::Le && C.BOp != BinOp::Gt &&
         C.BOp != BinOp::Ge) ||
        !isSignedInt(C.op(0)->Ty) || !isSignedInt(C.op(1)->Ty))
      continue;
    const Var *I = Init.V.get();
    ExprP New = isolate(C.op(0), C.op(1), C.BOp, I, C.Ty);
    if (!New)
      New = isolate(C.op(1), C.op(0), mirrored(C.BOp), I, C.Ty);
    if (New) {
      S->Cond = New;
      Changed = true;
    }
  }
  return Changed;
}

} // namespace

FunctionP isolateLoopCounters(const Function &F) {
  FunctionP G = cloneFunction(F);
  if (!rewrite(G->Body))
    return nullptr;
  return G;
}

} // namespace tad
