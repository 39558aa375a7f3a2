//===- Analysis/ThreadIndex.cpp - indices each CUDA thread owns -----------===//
#include "Analysis/ThreadIndex.h"

#include <map>

namespace tad {

namespace {

void forEachExpr(const Stmt &S, const std::function<void(const ExprP &)> &F) {
  for (const ExprP *E : {&S.Init, &S.LHS, &S.RHS, &S.Value, &S.Cond})
    if (*E)
      F(*E);
  for (const ExprP &E : S.InitList)
    F(E);
  for (const StmtList *L : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
    for (const StmtP &C : *L)
      forEachExpr(*C, F);
}

void forEachStmt(const StmtList &L,
                 const std::function<void(const Stmt &)> &F) {
  for (const StmtP &S : L) {
    F(*S);
    for (const StmtList *C : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      forEachStmt(*C, F);
  }
}

const Expr *stripCasts(const ExprP &E) {
  const Expr *X = E.get();
  while (X && X->is(Expr::Kind::Cast))
    X = X->op(0).get();
  return X;
}

/// {A, B} are the built-ins {X, Y}, in some order.
bool namedPair(const ExprP &A, const ExprP &B, const char *X, const char *Y) {
  const Expr *L = stripCasts(A), *R = stripCasts(B);
  auto Is = [](const Expr *E, const char *Name) {
    return E && E->is(Expr::Kind::VarRef) && E->V->Name == Name;
  };
  return (Is(L, X) && Is(R, Y)) || (Is(L, Y) && Is(R, X));
}

} // namespace

bool isCudaBuiltin(const Var &V) {
  for (const char *Prefix :
       {"threadIdx.", "blockIdx.", "blockDim.", "gridDim."})
    if (V.Name.rfind(Prefix, 0) == 0)
      return true;
  return false;
}

ThreadIndex::ThreadIndex(const StmtList &Body) {
  // The integer variables with one value: every declaration gives the
  // same initial value and nothing assigns them.
  std::map<const Var *, ExprP> Single;
  std::set<const Var *> Varying;
  // The increments of grid-stride loops, `i += blockDim.x * gridDim.x`:
  // a counter declared with the global index and stepped by the number of
  // threads visits indices no other thread visits.
  std::set<const Stmt *> GridSteps;
  forEachStmt(Body, [&](const Stmt &S) {
    if (S.is(Stmt::Kind::For) && S.ForInit.size() == 1 &&
        S.ForInc.size() == 1 && S.ForInit[0]->is(Stmt::Kind::Decl)) {
      const Stmt &Inc = *S.ForInc[0];
      const Expr *Step = Inc.RHS ? stripCasts(Inc.RHS) : nullptr;
      if (Inc.is(Stmt::Kind::Assign) && Inc.AOp == AssignOp::Add &&
          Inc.LHS->is(Expr::Kind::VarRef) && Inc.LHS->V == S.ForInit[0]->V &&
          Step && Step->is(Expr::Kind::Binary) && Step->BOp == BinOp::Mul &&
          namedPair(Step->op(0), Step->op(1), "blockDim.x", "gridDim.x"))
        GridSteps.insert(&Inc);
    }
    forEachExpr(S, [&](const ExprP &E) {
      forEachVar(E, [&](const VarP &V) {
        if (isCudaBuiltin(*V) && V->Name.back() != 'x')
          OneDimensional = false;
      });
    });
    if (S.is(Stmt::Kind::Decl)) {
      bool Scalar = S.V->Ty.Kind == ScalarKind::Int && !S.V->Ty.IsPointer &&
                    S.V->Dims.empty();
      auto It = Single.find(S.V.get());
      if (!Scalar || !S.Init ||
          (It != Single.end() && !sameExpr(It->second, S.Init)))
        Varying.insert(S.V.get());
      else
        Single.emplace(S.V.get(), S.Init);
    }
    if (S.is(Stmt::Kind::Assign) && !GridSteps.count(&S))
      if (VarP R = rootVar(S.LHS))
        Varying.insert(R.get());
  });
  for (const auto &D : Single)
    if (!Varying.count(D.first))
      Values.insert(D);
}

const Expr *ThreadIndex::resolve(const ExprP &E, unsigned Depth) const {
  const Expr *X = E.get();
  while (X && (X->is(Expr::Kind::Cast) || X->is(Expr::Kind::VarRef))) {
    if (X->is(Expr::Kind::Cast)) {
      X = X->op(0).get();
      continue;
    }
    auto It = Values.find(X->V.get());
    if (It == Values.end() || Depth++ > 16)
      break;
    X = It->second.get();
  }
  return X;
}

bool ThreadIndex::isBuiltin(const ExprP &E, const char *Name) const {
  const Expr *X = resolve(E);
  return X && X->is(Expr::Kind::VarRef) && X->V->Name == Name;
}

bool ThreadIndex::isGlobalIndexX(const ExprP &E) const {
  auto Pair = [&](const ExprP &A, const ExprP &B, const char *X,
                  const char *Y) {
    return (isBuiltin(A, X) && isBuiltin(B, Y)) ||
           (isBuiltin(A, Y) && isBuiltin(B, X));
  };
  auto BlockOffset = [&](const ExprP &A) {
    const Expr *X = resolve(A);
    return X && X->is(Expr::Kind::Binary) && X->BOp == BinOp::Mul &&
           Pair(X->op(0), X->op(1), "blockIdx.x", "blockDim.x");
  };
  const Expr *X = resolve(E);
  if (!X || !X->is(Expr::Kind::Binary) || X->BOp != BinOp::Add)
    return false;
  return (BlockOffset(X->op(0)) && isBuiltin(X->op(1), "threadIdx.x")) ||
         (BlockOffset(X->op(1)) && isBuiltin(X->op(0), "threadIdx.x"));
}

bool ThreadIndex::owns(const ExprP &Index) const {
  return OneDimensional && isGlobalIndexX(Index);
}

std::optional<long long> ThreadIndex::blockOffset(const ExprP &Index) const {
  if (!OneDimensional)
    return std::nullopt;
  if (isBuiltin(Index, "threadIdx.x"))
    return 0;
  const Expr *X = resolve(Index);
  if (!X || !X->is(Expr::Kind::Binary) ||
      (X->BOp != BinOp::Add && X->BOp != BinOp::Sub))
    return std::nullopt;
  auto Literal = [](const ExprP &E) -> std::optional<long long> {
    const Expr *L = stripCasts(E);
    if (L && L->is(Expr::Kind::Lit) && L->Ty.Kind == ScalarKind::Int)
      return (long long)L->Value;
    return std::nullopt;
  };
  if (isBuiltin(X->op(0), "threadIdx.x"))
    if (auto C = Literal(X->op(1)))
      return X->BOp == BinOp::Add ? *C : -*C;
  if (X->BOp == BinOp::Add && isBuiltin(X->op(1), "threadIdx.x"))
    if (auto C = Literal(X->op(0)))
      return *C;
  return std::nullopt;
}

} // namespace tad
