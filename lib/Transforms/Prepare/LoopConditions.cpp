//===- Transforms/Prepare/LoopConditions.cpp - `i + c < b` as `i < b - c` -===//
#include "Transforms/Prepare/LoopConditions.h"
#include "Analysis/Affine.h"
#include "Analysis/Loops.h"
#include "IR/Names.h"
#include "Rules/ExprBuilder.h"

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

/// E through conversions: the integer literal V?
bool isIntLit(const ExprP &E, double V) {
  const Expr *X = E.get();
  while (X && X->is(Expr::Kind::Cast))
    X = X->op(0).get();
  return X && X->is(Expr::Kind::Lit) && X->Ty.Kind == ScalarKind::Int &&
         X->Value == V;
}

/// The shift k of `for (T s = a; s > 0; s >>= k)` (also `s != 0`, `s >= 1`)
/// whose body assigns neither s nor what a reads; 0 if S is not one.
unsigned shiftLoopStep(const Stmt &S) {
  if (!S.is(Stmt::Kind::For) || S.ForInit.size() != 1 || S.ForInc.size() != 1 ||
      !S.Cond)
    return 0;
  const Stmt &Init = *S.ForInit[0], &Inc = *S.ForInc[0];
  if (!Init.is(Stmt::Kind::Decl) || Init.V->Ty.Kind != ScalarKind::Int ||
      Init.V->Ty.IsPointer || !Init.V->Dims.empty() || !Init.Init ||
      Init.V->Ty.IntSpelling == "bool")
    return 0;
  if (!Inc.is(Stmt::Kind::Assign) || Inc.AOp != AssignOp::Other ||
      Inc.OtherOpSpelling != ">>=" || !Inc.LHS->is(Expr::Kind::VarRef) ||
      Inc.LHS->V != Init.V || !Inc.RHS)
    return 0;
  const Expr *K = Inc.RHS.get();
  while (K->is(Expr::Kind::Cast))
    K = K->op(0).get();
  if (!K->is(Expr::Kind::Lit) || K->Ty.Kind != ScalarKind::Int ||
      K->Value < 1 || K->Value > 8 || K->Value != double(unsigned(K->Value)))
    return 0;
  const Expr &C = *S.Cond;
  if (!C.is(Expr::Kind::Binary) || !C.op(0)->is(Expr::Kind::VarRef) ||
      C.op(0)->V != Init.V ||
      !((C.BOp == BinOp::Gt && isIntLit(C.op(1), 0)) ||
        (C.BOp == BinOp::Ne && isIntLit(C.op(1), 0)) ||
        (C.BOp == BinOp::Ge && isIntLit(C.op(1), 1))))
    return 0;
  std::set<const Var *> InBody;
  collectAssigned(S.Body, InBody);
  bool Clean = !InBody.count(Init.V.get()) && !callsUserFunction(Init.Init);
  forEachVar(Init.Init,
             [&](const VarP &V) { Clean &= !InBody.count(V.get()); });
  return Clean ? unsigned(K->Value) : 0;
}

/// The bits of an integer type as tad spells it: 64 for the long and
/// 64-bit types, else 32 (narrower types are promoted to int).
unsigned bitsOf(const Type &T) {
  const std::string &N = T.IntSpelling;
  for (const char *Wide : {"long", "size_t", "64", "ptrdiff_t"})
    if (N.find(Wide) != std::string::npos)
      return 64;
  return 32;
}

bool countShifts(StmtList &L, NameTable &Names) {
  bool Changed = false;
  for (StmtP &S : L) {
    for (StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      Changed |= countShifts(*Sub, Names);
    unsigned K = shiftLoopStep(*S);
    if (!K)
      continue;
    // for (int _j = 0; _j < W / k (rounded up); ++_j) {
    //   T s = a >> k * _j;
    //   if (s > 0) body
    // }
    StmtP Init = std::move(S->ForInit[0]);
    const VarP &Sv = Init->V;
    Type Int = Type::integer("int");
    Type Bool = S->Cond->Ty;
    unsigned W = (bitsOf(Sv->Ty) + K - 1) / K;
    VarP J = makeVar(Names.fresh("_j"), Int, Init->Loc);
    StmtP F = mkStmt(Stmt::Kind::For, S->Loc);
    F->Comment = S->Comment;
    F->ForInit.push_back(mkDecl(J, lit(0, Int), Init->Loc));
    F->Cond = mkBinary(BinOp::Lt, mkVar(J), lit(double(W), Int), Bool);
    F->ForInc.push_back(mkAssign(mkVar(J), AssignOp::Add, lit(1, Int)));
    ExprP Shift =
        K == 1 ? mkVar(J)
               : mkBinary(BinOp::Mul, lit(double(K), Int), mkVar(J), Int);
    Init->Init = mkBinary(BinOp::Shr, Init->Init, Shift, Init->Init->Ty);
    StmtP If = mkStmt(Stmt::Kind::If, S->Loc);
    If->Cond = S->Cond;
    If->Body = std::move(S->Body);
    F->Body.push_back(std::move(Init));
    F->Body.push_back(std::move(If));
    S = std::move(F);
    Changed = true;
  }
  return Changed;
}

} // namespace

FunctionP countShiftLoops(const Function &F, NameTable &Names) {
  FunctionP G = cloneFunction(F);
  if (!countShifts(G->Body, Names))
    return nullptr;
  return G;
}

FunctionP isolateLoopCounters(const Function &F) {
  FunctionP G = cloneFunction(F);
  if (!rewrite(G->Body))
    return nullptr;
  return G;
}

} // namespace tad
