//===- Transforms/Forward/CustomRules.cpp - user rules as code ------------===//
//
// A generated function that calls its user rule, and a custom JVP rule as
// the J that reverse mode linearizes.
//
//===----------------------------------------------------------------------===//
#include "Transforms/Forward/CustomRules.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Forward/JVP.h"
#include "Transforms/Prepare/MarkLinear.h"

#include <functional>
#include <map>

namespace tad {

void buildRuleCall(const Function &R, Function &T) {
  std::vector<ExprP> Args;
  for (const VarP &P : T.Params)
    Args.push_back(mkVar(P));
  auto Call = std::make_shared<Expr>(
      *mkUserCall(qualifiedName(R), R.Key, std::move(Args), R.RetTy, T.Loc));
  if (R.RetTy.isVoid())
    T.Body.push_back(mkExprStmt(Call, T.Loc));
  else
    T.Body.push_back(mkReturn(Call, T.Loc));
}

namespace {
/// Rewrites every expression of L, bottom-up, with Fn.
void rewriteExprs(StmtList &L, const std::function<ExprP(const ExprP &)> &Fn) {
  std::function<ExprP(const ExprP &)> Walk = [&](const ExprP &E) -> ExprP {
    if (!E)
      return E;
    auto C = std::make_shared<Expr>(*E);
    for (ExprP &O : C->Ops)
      O = Walk(O);
    return Fn(C);
  };
  for (StmtP &S : L) {
    for (ExprP *E : {&S->Init, &S->LHS, &S->RHS, &S->Value, &S->Cond})
      *E = Walk(*E);
    for (ExprP &E : S->InitList)
      E = Walk(E);
    for (StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      rewriteExprs(*Sub, Fn);
  }
}
} // namespace

FunctionP markJvpRule(const Function &F, const Function &R, Generator &Gen) {
  // f_jvp's signature (F's parameters, each floating one followed by its
  // tangent, then the result's tangent), with R's body over it.
  FunctionP J = makeJvpSignature(F);
  J->Body = cloneList(R.Body);
  std::map<const Var *, const VarP *> Param;
  for (size_t I = 0; I < R.Params.size(); ++I)
    Param[R.Params[I].get()] = &J->Params[I];
  // (Children are rewritten first: d_ret is J's parameter by then.)
  const Var *DRet = F.RetTy.isFloating() ? J->Params.back().get() : nullptr;
  rewriteExprs(J->Body, [&](const ExprP &E) -> ExprP {
    // d_ret[0], as `*d_ret` lowers, is the result's tangent.
    if (DRet && E->is(Expr::Kind::Index) && E->op(0)->is(Expr::Kind::VarRef) &&
        E->op(0)->V.get() == DRet && isLitValue(E->op(1), 0))
      return mkUnary(UnOp::Deref, mkVar(J->Params.back()), E->Ty, E->Loc);
    if (E->is(Expr::Kind::VarRef))
      if (auto It = Param.find(E->V.get()); It != Param.end())
        return mkVar(*It->second, E->Loc);
    return E;
  });
  // The locals the tangents flow into are tangents too.
  VarSet Lin;
  for (const VarP &P : J->Params)
    if (P->IsTangent)
      Lin.insert(P.get());
  closeLinear(J->Body, Lin);
  for (const VarP &P : J->Params)
    Lin.erase(P.get());
  markLinear(J->Body, Lin);
  flagLinearCalls(J->Body, Gen.source(), Gen.diags());
  return J;
}

} // namespace tad
