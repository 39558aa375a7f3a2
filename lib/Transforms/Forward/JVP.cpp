//===- Transforms/Forward/JVP.cpp - forward mode --------------------------===//
//
// The JVP pairs every active value with its tangent. Expressions are
// differentiated into (primal, tangent) pairs by the rule table; results of
// user calls, and of maths functions whose rule reuses the result, are bound
// to temporaries placed before the statement. Tangent updates of an
// assignment are emitted before the primal update, so they read the old
// primal values.
//
//===----------------------------------------------------------------------===//
#include "Transforms/Forward/JVP.h"
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

void JvpBuilder::emitWithComment(StmtList &Out, StmtList &&Stmts,
                                 const Stmt &Src) {
  if (Stmts.empty())
    return;
  if (Src.Loc.Line && Src.Loc.Line != LastCommentLine)
    Stmts.front()->Comment = "line " + std::to_string(Src.Loc.Line);
  LastCommentLine = Src.Loc.Line;
  for (StmtP &S : Stmts)
    Out.push_back(std::move(S));
}

void JvpBuilder::decl(const Stmt &S, StmtList &Out) {
  const Var *V = S.V.get();
  if (!Act.isActive(V)) {
    StmtList Pre0;
    Pre = &Pre0;
    StmtP C = cloneStmt(S);
    if (S.Init && ActE.hasActiveEffects(S.Init))
      C->Init = diff(S.Init).P;
    Pre0.push_back(std::move(C));
    if (Pre0.size() > 1)
      emitWithComment(Out, std::move(Pre0), S);
    else
      Out.push_back(std::move(Pre0.front()));
    return;
  }
  VarP DV = cloneVar(*V, Names.fresh(tangentName(V->Name)));
  DV->IsTangent = true;
  makeFields(DV);
  mapTangent(S.V, DV);
  StmtList Group;
  Pre = &Group;
  StmtP Primal = cloneStmt(S);
  if (V->Ty.isRecord() && !isContainer(*V)) { // S d_s = {}: set field by field
    Group.push_back(std::move(Primal));
    declareZeroRecord(DV, Group, S.Loc);
    emitWithComment(Out, std::move(Group), S);
    return;
  }
  StmtP Tangent = mkDecl(DV, nullptr, S.Loc);
  if (isContainer(*V) && V->Dims.empty()) {
    // std::vector<double> d_v(n): zeros, of the primal's size.
    DV->FinalSize = finalSize(S.V);
  } else if (!V->Dims.empty()) {
    // A __shared__ tangent, as its primal, is written before it is read.
    Tangent->HasInitList = !V->Shared;
    if (S.HasInitList)
      for (const ExprP &E : S.InitList) {
        Dual D = diff(E);
        Tangent->InitList.push_back(orZero(D.T, V->Ty));
      }
  } else {
    Dual D = diff(S.Init);
    Primal->Init = D.P;
    Tangent->Init = orZero(convert(D.T, V->Ty), V->Ty.unqualified());
  }
  Group.push_back(std::move(Primal));
  Group.push_back(std::move(Tangent));
  emitWithComment(Out, std::move(Group), S);
}

void JvpBuilder::assign(const Stmt &S, StmtList &Out) {
  VarP Root = rootVar(S.LHS);
  bool Active = Root && Act.isActive(Root.get()) && S.LHS->Ty.isFloating();
  StmtList Group;
  Pre = &Group;
  if (!Active) {
    StmtP C = cloneStmt(S);
    if (ActE.hasActiveEffects(S.RHS))
      C->RHS = diff(S.RHS).P;
    Group.push_back(std::move(C));
    if (Group.size() == 1)
      Out.push_back(std::move(Group.front()));
    else
      emitWithComment(Out, std::move(Group), S);
    return;
  }
  Dual R = diff(S.RHS);
  ExprP TL = tangentLValue(S.LHS);
  const Type &Ty = S.LHS->Ty;
  std::vector<ExprP> Xs{S.LHS, R.P}, DXs{TL, R.T};
  switch (S.AOp) {
  case AssignOp::Set:
    Group.push_back(mkAssign(
        TL, AssignOp::Set, orZero(convert(R.T, Ty), Ty.unqualified()), S.Loc));
    break;
  case AssignOp::Add:
  case AssignOp::Sub:
    if (R.T) {
      Group.push_back(mkAssign(TL, S.AOp, convert(R.T, Ty), S.Loc));
      Group.back()->Atomic = S.Atomic; // as atomic as the primal's
    }
    break;
  case AssignOp::Mul:
  case AssignOp::Div:
    if (!R.T) { // d *= c, d /= c
      Group.push_back(mkAssign(TL, S.AOp, R.P, S.Loc));
      break;
    }
    Group.push_back(mkAssign(
        TL, AssignOp::Set,
        orZero(convert(binaryPrimitive(S.AOp == AssignOp::Mul ? BinOp::Mul
                                                              : BinOp::Div)
                           .Jvp({Xs, DXs, nullptr, Ty}),
                       Ty),
               Ty),
        S.Loc));
    break;
  default:
    Gen.diags().error(S.Loc, "this compound assignment to a floating-point "
                             "value cannot be differentiated");
    break;
  }
  Group.push_back(mkAssign(S.LHS, S.AOp, R.P, S.Loc));
  Group.back()->Atomic = S.Atomic;
  emitWithComment(Out, std::move(Group), S);
}

void JvpBuilder::exprStmt(const Stmt &S, StmtList &Out) {
  const ExprP &E = S.Value;
  if (shapeOp(*E) != ShapeOp::None)
    return mirrorShapeOp(S, Out);
  if (!E->isUserCall() || !ActE.hasActiveEffects(E)) {
    Out.push_back(cloneStmt(S));
    return;
  }
  if (inlineJvpRule(S, Out))
    return;
  StmtList Group;
  Pre = &Group;
  Dual D = diffUserCall(E, false);
  if (D.T && E->Ty.isVoid()) // a linear call on arrays: its tangent call
    Group.push_back(mkExprStmt(D.T, S.Loc));
  if (D.P) // a void callee: the call is the statement
    Group.push_back(mkExprStmt(D.P, S.Loc));
  emitWithComment(Out, std::move(Group), S);
}

void JvpBuilder::ret(const Stmt &S, StmtList &Out) {
  if (!S.Value || !DReturn) {
    Out.push_back(cloneStmt(S));
    return;
  }
  StmtList Group;
  Pre = &Group;
  if (F.RetTy.isRecord()) {
    // A struct result: its tangent through `S *d_return`, field by field
    // (integer fields carried), then the primal struct returned.
    ExprP Dst = DReturn->Ty.IsPointer
                    ? mkIndex(mkVar(DReturn), lit(0, Type::integer("int")))
                    : mkVar(DReturn);
    StmtList Copies;
    copyFields(Dst, S.Value, Copies, S.Loc);
    for (StmtP &C : Copies) {
      Type Ty = C->LHS->Ty.unqualified();
      if (Ty.isFloating())
        C->RHS = orZero(convert(diff(C->RHS).T, Ty), Ty);
      Group.push_back(std::move(C));
    }
    Group.push_back(mkReturn(S.Value, S.Loc));
    emitWithComment(Out, std::move(Group), S);
    return;
  }
  Dual D = diff(S.Value);
  ExprP Target = mkUnary(UnOp::Deref, mkVar(DReturn), F.RetTy.unqualified());
  Group.push_back(mkAssign(Target, AssignOp::Set,
                           orZero(convert(D.T, F.RetTy), F.RetTy.unqualified()),
                           S.Loc));
  Group.push_back(mkReturn(D.P, S.Loc));
  emitWithComment(Out, std::move(Group), S);
}

/// Conditions are evaluated as in the primal; a call in one that would
/// write an active array cannot be differentiated there.
void JvpBuilder::checkCondition(const ExprP &C) {
  if (C && ActE.hasActiveEffects(C))
    Gen.diags().error(firstEffectfulCall(C)->Loc,
                      "a call in this condition writes an array whose "
                      "derivative is tracked; move the call out of the "
                      "condition");
}

/// The innermost call in E that writes a tracked array.
const Expr *JvpBuilder::firstEffectfulCall(const ExprP &E) {
  for (const ExprP &O : E->Ops)
    if (ActE.hasActiveEffects(O))
      return firstEffectfulCall(O);
  return E.get();
}

void JvpBuilder::stmt(const Stmt &S, StmtList &Out) {
  switch (S.K) {
  case Stmt::Kind::Decl:
    return decl(S, Out);
  case Stmt::Kind::Assign:
    return assign(S, Out);
  case Stmt::Kind::ExprStmt:
    return exprStmt(S, Out);
  case Stmt::Kind::Return:
    return ret(S, Out);
  case Stmt::Kind::Break:
  case Stmt::Kind::Continue:
    Out.push_back(cloneStmt(S));
    return;
  case Stmt::Kind::If:
  case Stmt::Kind::For:
  case Stmt::Kind::While:
  case Stmt::Kind::DoWhile:
  case Stmt::Kind::Block: {
    checkCondition(S.Cond);
    StmtP C = mkStmt(S.K, S.Loc);
    if (S.Loc.Line && !S.is(Stmt::Kind::Block) && S.Loc.Line != LastCommentLine)
      C->Comment = "line " + std::to_string(S.Loc.Line);
    C->Cond = S.Cond;
    C->HasElse = S.HasElse;
    C->ForInit = list(S.ForInit);
    C->ForInc = list(S.ForInc);
    C->Body = list(S.Body);
    if (!isExpressionList(C->ForInc)) {
      // The increment's JVP needs temporaries, which a for-increment
      // cannot declare: it moves to the end of the body and before each
      // `continue` of this loop.
      runBeforeContinues(C->Body, C->ForInc);
      for (const StmtP &I : C->ForInc)
        C->Body.push_back(cloneStmt(*I));
      C->ForInc.clear();
    }
    C->Else = list(S.Else);
    if (S.Parallel && !C->ForInc.empty()) {
      // The tangent loop's iterations are as independent as the primal's;
      // a reduction variable's tangent is a sum too.
      C->Parallel = true;
      for (const VarP &R : S.Reduction) {
        C->Reduction.push_back(R);
        if (ExprP T = tangentLValue(mkVar(R)))
          C->Reduction.push_back(T->V);
      }
    }
    LastCommentLine = 0;
    Out.push_back(std::move(C));
    return;
  }
  }
}

/// Statements that can stand in a for-increment (comma-separated).
bool JvpBuilder::isExpressionList(const StmtList &L) {
  for (const StmtP &S : L)
    if (!S->is(Stmt::Kind::Assign) && !S->is(Stmt::Kind::ExprStmt))
      return false;
  return true;
}

/// Inserts copies of Inc before every `continue` that belongs to the loop
/// whose body is L (not to loops nested in it).
void JvpBuilder::runBeforeContinues(StmtList &L, const StmtList &Inc) {
  for (size_t I = 0; I < L.size(); ++I) {
    Stmt &S = *L[I];
    if (S.is(Stmt::Kind::Continue)) {
      for (const StmtP &X : Inc)
        L.insert(L.begin() + I++, cloneStmt(*X));
    } else if (S.is(Stmt::Kind::If) || S.is(Stmt::Kind::Block)) {
      runBeforeContinues(S.Body, Inc);
      runBeforeContinues(S.Else, Inc);
    }
  }
}

StmtList JvpBuilder::list(const StmtList &L) {
  StmtList Out;
  LastCommentLine = 0; // each block notes its own lines
  ++ListDepth;
  for (const StmtP &S : L)
    stmt(*S, Out);
  --ListDepth;
  return Out;
}

FunctionP makeJvpSignature(const Function &F) {
  auto J = std::make_unique<Function>();
  J->Name = F.Name + "_jvp";
  J->Namespace = F.Namespace;
  J->RetTy = F.RetTy;
  J->Qualifiers = F.Qualifiers;
  J->Loc = F.Loc;
  J->File = F.File;
  J->Key = &F;
  J->Mode = "JVP";
  NameTable Names(F);
  for (const VarP &P : F.Params) {
    J->Params.push_back(P);
    if (P->carriesFloats()) {
      VarP T = cloneVar(*P, Names.fresh(tangentName(P->Name)));
      T->IsParam = true;
      T->IsTangent = true;
      makeFields(T);
      J->Params.push_back(T);
    }
  }
  if (F.RetTy.holdsFloats()) { // `T *d_return`, `S *d_return`
    Type RT = F.RetTy.unqualified();
    RT.IsPointer = true;
    VarP D = makeVar(Names.fresh("d_return"), RT, F.Loc);
    D->IsParam = true;
    D->IsTangent = true;
    makeFields(D);
    J->Params.push_back(D);
  }
  return J;
}

void buildJvpBody(const Function &F, Function &J, Generator &Gen,
                  const std::vector<std::string> *Wrt) {
  // Calls that pass structs are inlined: the callee's fields become the
  // caller's variables.
  NameTable Names(F);
  for (const VarP &P : J.Params)
    Names.fresh(P->Name);
  FunctionP Inlined = inlineStructCalls(F, Gen.source(), Names, Gen.diags());
  JvpBuilder(Inlined ? *Inlined : F, J, Gen, Wrt).run();
}

} // namespace tad
