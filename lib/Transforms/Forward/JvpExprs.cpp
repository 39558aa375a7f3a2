//===- Transforms/Forward/JvpExprs.cpp - JVPs of expressions --------------===//
#include "Analysis/Activity.h"
#include "IR/Names.h"
#include "Rules/ExprBuilder.h"
#include "Rules/Rules.h"
#include "Transforms/Forward/CustomRules.h"
#include "Transforms/Forward/JvpBuilder.h"
#include "Transforms/Generator.h"
#include "Transforms/Prepare/Inline.h"
#include <functional>
#include <map>
#include <set>

namespace tad {

/// A temporary _tN (and its tangent _d_tN share the number).
std::pair<VarP, VarP> JvpBuilder::temps(const Type &Ty, SrcLoc Loc) {
  std::string N;
  do
    N = std::to_string(TempCount++);
  while (Names.taken("_t" + N) || Names.taken("_d_t" + N));
  VarP D = makeVar(Names.fresh("_d_t" + N), Ty.unqualified(), Loc);
  D->IsTangent = true;
  return {makeVar(Names.fresh("_t" + N), Ty.unqualified(), Loc), D};
}

VarP JvpBuilder::tangentOf(const Var *V) {
  auto It = Tan.find(V);
  return It == Tan.end() ? nullptr : It->second;
}

/// The tangent of an lvalue (x, x[i]); null when it has none.
ExprP JvpBuilder::tangentLValue(const ExprP &E) {
  if (E->is(Expr::Kind::VarRef)) {
    if (Constants.count(E->V.get()))
      return nullptr; // left out by the wrt list: its tangent is zero
    VarP T = Act.isActive(E->V.get()) || E->V->IsParam ? tangentOf(E->V.get())
                                                       : nullptr;
    return T ? mkVar(T, E->Loc) : nullptr;
  }
  if (E->is(Expr::Kind::Index)) {
    ExprP Base = tangentLValue(E->op(0));
    return Base ? mkIndex(Base, E->op(1), E->Loc) : nullptr;
  }
  if (isOffset(E)) { // a + k: d_a + k
    ExprP Base = tangentLValue(E->op(0));
    return Base ? mkOffset(Base, E->op(1), E->Loc) : nullptr;
  }
  return nullptr;
}

bool JvpBuilder::needsDiff(const ExprP &E) {
  return ActE.isActive(E) || ActE.hasActiveEffects(E);
}

/// `c ? A : B` whose arms call user functions: the calls must run only
/// in their arm, so the select becomes a branch assigning temporaries.
JvpBuilder::Dual JvpBuilder::selectAsBranch(const ExprP &E) {
  auto [T, DT] = temps(E->Ty, E->Loc);
  bool Floating = E->Ty.isFloating();
  Pre->push_back(mkDecl(T, nullptr, E->Loc));
  if (Floating)
    Pre->push_back(mkDecl(DT, lit(0, E->Ty), E->Loc));
  StmtP If = mkStmt(Stmt::Kind::If, E->Loc);
  If->Cond = E->op(0);
  If->HasElse = true;
  StmtList *Outer = Pre;
  for (int Arm = 1; Arm <= 2; ++Arm) {
    StmtList &L = Arm == 1 ? If->Body : If->Else;
    Pre = &L;
    Dual D = diff(E->op(Arm));
    L.push_back(mkAssign(mkVar(T), AssignOp::Set, D.P, E->Loc));
    if (Floating && D.T)
      L.push_back(
          mkAssign(mkVar(DT), AssignOp::Set, convert(D.T, E->Ty), E->Loc));
  }
  Pre = Outer;
  Pre->push_back(std::move(If));
  return {mkVar(T, E->Loc), Floating ? mkVar(DT, E->Loc) : nullptr};
}

/// An expression without a tangent of its own (integer, bool) that holds
/// a call writing a tracked array: keep it, with that call differentiated.
JvpBuilder::Dual JvpBuilder::rebuildPrimal(const ExprP &E) {
  if (!ActE.hasActiveEffects(E))
    return {E, nullptr};
  if (E->is(Expr::Kind::Binary) && isLogical(E->BOp) &&
      ActE.hasActiveEffects(E->op(1))) {
    // The call runs only when the left operand says so: a && b is
    // a ? b : false, a || b is a ? true : b, as an if.
    ExprP True = mkLit(1, E->Ty), False = mkLit(0, E->Ty);
    bool And = E->BOp == BinOp::LAnd;
    return selectAsBranch(mkSelect(E->op(0), And ? E->op(1) : True,
                                   And ? False : E->op(1), E->Ty, E->Loc));
  }
  auto Copy = std::make_shared<Expr>(*E);
  for (ExprP &O : Copy->Ops)
    O = diff(O).P;
  return {Copy, nullptr};
}

JvpBuilder::Dual JvpBuilder::diff(const ExprP &E) {
  if (!E || !needsDiff(E))
    return {E, nullptr};
  if (E->isUserCall())
    return diffUserCall(E, true);
  if (!E->Ty.isFloating() && !E->is(Expr::Kind::Select))
    return rebuildPrimal(E);
  switch (E->K) {
  case Expr::Kind::Lit:
    return {E, nullptr};
  case Expr::Kind::VarRef:
  case Expr::Kind::Index:
    return {E, E->Ty.isFloating() ? tangentLValue(E) : nullptr};
  case Expr::Kind::Unary: {
    if (E->UOp != UnOp::Neg || !E->Ty.isFloating())
      return {E, nullptr};
    Dual X = diff(E->op(0));
    std::vector<ExprP> Xs{X.P}, DXs{X.T};
    return {mkUnary(UnOp::Neg, X.P, E->Ty, E->Loc),
            negPrimitive().Jvp({Xs, DXs, nullptr, E->Ty})};
  }
  case Expr::Kind::Binary: {
    if (!E->Ty.isFloating())
      return {E, nullptr}; // comparisons, integer arithmetic
    Dual L = diff(E->op(0)), R = diff(E->op(1));
    std::vector<ExprP> Xs{L.P, R.P}, DXs{L.T, R.T};
    return {mkBinary(E->BOp, L.P, R.P, E->Ty, E->Loc),
            binaryPrimitive(E->BOp).Jvp({Xs, DXs, nullptr, E->Ty})};
  }
  case Expr::Kind::Select: {
    if (callsUserFunction(E->op(1)) || callsUserFunction(E->op(2)))
      return selectAsBranch(E);
    if (callsUserFunction(E->op(0))) {
      // The condition calls a function (which may write arrays, tracked
      // or not): it runs once, differentiated, and both the primal and
      // the tangent select read its value.
      auto [C, Unused] = temps(E->op(0)->Ty, E->Loc);
      C->Ty.Const = true;
      Pre->push_back(mkDecl(C, diff(E->op(0)).P, E->Loc));
      auto Copy = std::make_shared<Expr>(*E);
      Copy->Ops[0] = mkVar(C, E->Loc);
      return diff(Copy);
    }
    bool Saved = InSelectArm;
    InSelectArm = true;
    Dual T = diff(E->op(1)), Fa = diff(E->op(2));
    InSelectArm = Saved;
    return {mkSelect(E->op(0), T.P, Fa.P, E->Ty, E->Loc),
            E->Ty.isFloating() ? select(E->op(0), T.T, Fa.T, E->Ty) : nullptr};
  }
  case Expr::Kind::Cast: {
    if (!E->Ty.isFloating() || !E->op(0)->Ty.isFloating())
      return {E, nullptr};
    Dual X = diff(E->op(0));
    return {mkCast(E->Ty, X.P, E->Loc), convert(X.T, E->Ty)};
  }
  case Expr::Kind::Call:
    return E->Builtin >= 0 ? diffBuiltin(E) : diffUserCall(E, true);
  }
  return {E, nullptr};
}

JvpBuilder::Dual JvpBuilder::diffBuiltin(const ExprP &E) {
  const Primitive &P = primitive(E->Builtin);
  std::vector<ExprP> Xs, DXs;
  bool Any = false;
  for (const ExprP &A : E->Ops) {
    Dual D = diff(A);
    Xs.push_back(D.P);
    DXs.push_back(D.T);
    Any |= D.T != nullptr;
  }
  ExprP Call = mkBuiltinCall(E->Builtin, E->Callee, Xs, E->Ty, E->Loc);
  if (!Any || !E->Ty.isFloating())
    return {Call, nullptr};
  if (P.UsesResult && !InSelectArm) {
    // Bind the result to a temporary if the rule does read it.
    VarP T = temps(E->Ty, E->Loc).first;
    T->Ty.Const = true;
    ExprP Result = mkVar(T, E->Loc);
    ExprP Tangent = P.Jvp({Xs, DXs, Result, E->Ty});
    bool Reads = false;
    forEachVar(Tangent, [&](const VarP &V) { Reads |= V == T; });
    if (Reads) {
      Pre->push_back(mkDecl(T, Call, E->Loc));
      return {Result, Tangent};
    }
    --TempCount;
    return {Call, Tangent};
  }
  return {Call, P.Jvp({Xs, DXs, Call, E->Ty})};
}

} // namespace tad
