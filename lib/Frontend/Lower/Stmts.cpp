//===- Frontend/Lower/Stmts.cpp - statements ------------------------------===//
//
// Statements: declarations, assignments, control flow.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"
#include "IR/Names.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/StmtOpenMP.h"

using namespace clang;

namespace tad {

namespace {
ExprP trueLiteral(SrcLoc L) {
  return mkLit(1, Type::scalar(ScalarKind::Bool), L, "true");
}

} // namespace

void Lowerer::declStmt(const DeclStmt *DS, StmtList &Out) {
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD) {
      if (isa<TypedefNameDecl>(D) || isa<StaticAssertDecl>(D))
        continue;
      fail(D->getLocation(), "this declaration is not supported inside a "
                             "function tad differentiates");
    }
    if (VD->getType()->isReferenceType()) {
      referenceLocal(VD, Out);
      continue;
    }
    if (VD->getType()->isPointerType()) {
      pointerLocal(VD, Out);
      continue;
    }
    if (const auto *RD = VD->getType()->getAsCXXRecordDecl();
        RD && RD->isLambda()) {
      lambdaLocal(VD, Out);
      continue;
    }
    if (iteratorLocal(VD, Out) || containerLocal(VD, Out))
      continue;
    VarP V = declareLocal(VD);
    if (V->Ty.isRecord()) {
      recordLocal(V, VD, Out);
      continue;
    }
    if (!VD->getInit() && V->Dims.empty())
      Unwritten[VD] = LoopDepth;
    StmtP S = mkDecl(V, nullptr, loc(VD->getLocation()));
    CopyBack = true;
    if (const clang::Expr *Init = VD->getInit()) {
      Init = Init->IgnoreImplicit();
      if (const auto *IL = dyn_cast<InitListExpr>(Init)) {
        if (V->Dims.empty()) {
          if (IL->getNumInits() > 1)
            fail(Init->getExprLoc(), "unsupported initializer");
          if (IL->getNumInits() == 1)
            S->Init = expr(IL->getInit(0));
          else
            S->Init = mkLit(0, V->Ty.unqualified());
        } else if (auto Sh = Shapes.find(V.get()); Sh != Shapes.end()) {
          S->HasInitList = true;
          if (IL->getNumInits())
            flattenInit(IL, Sh->second, 0, V->Ty, S->InitList);
        } else {
          S->HasInitList = true;
          for (const clang::Expr *E : IL->inits())
            if (!isa<ImplicitValueInitExpr>(E))
              S->InitList.push_back(expr(E));
        }
      } else if (!V->Dims.empty()) {
        fail(Init->getExprLoc(), "unsupported array initializer");
      } else {
        S->Init = expr(Init);
      }
    }
    flushCalls(std::move(S), Out);
  }
}

/// An expression evaluated as a statement.
void Lowerer::exprStmt(const clang::Expr *E, StmtList &Out) {
  // s = std::max(x * 2, y) binds a temporary: the statement is wrapped.
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E->IgnoreParens()))
    E = EWC->getSubExpr();
  E = E->IgnoreParens();
  SrcLoc SL = loc(E->getExprLoc());
  // assert(c): c is passive (a bool) and checks nothing tad computes. It
  // is dropped from the generated functions, as NDEBUG would drop it; the
  // primal function still checks it.
  if (E->getBeginLoc().isMacroID()) {
    CharSourceRange R = SM.getExpansionRange(E->getBeginLoc());
    if (Lexer::getSourceText(CharSourceRange::getTokenRange(R.getBegin()), SM,
                             Ctx.getLangOpts()) == "assert" &&
        SM.getExpansionRange(E->getEndLoc()).getEnd() == R.getEnd())
      return;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (atomicAdd(CE, Out))
      return;
  if (pointerUpdate(E, Out))
    return;
  if (containerStmt(E, Out))
    return;
  if (algorithmStmt(E, Out)) // std::fill, std::copy, std::swap
    return;
  if (recordAssign(E, Out))
    return;
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Comma) {
      exprStmt(BO->getLHS(), Out);
      exprStmt(BO->getRHS(), Out);
      return;
    }
    if (BO->isAssignmentOp()) {
      ExprP LHS = lvalue(BO->getLHS());
      CopyBack = true;
      ExprP RHS = expr(BO->getRHS());
      for (const StmtP &C : PostCall)
        if (rootVar(C->LHS) == rootVar(LHS))
          fail(BO->getOperatorLoc(),
               "assigning the result of a call to '" + rootVar(LHS)->Name +
                   "', which the call also writes by reference, is not "
                   "supported: use another variable");
      AssignOp Op = AssignOp::Other;
      switch (BO->getOpcode()) {
      case BO_Assign:
        Op = AssignOp::Set;
        break;
      case BO_AddAssign:
        Op = AssignOp::Add;
        break;
      case BO_SubAssign:
        Op = AssignOp::Sub;
        break;
      case BO_MulAssign:
        Op = AssignOp::Mul;
        break;
      case BO_DivAssign:
        Op = AssignOp::Div;
        break;
      case BO_RemAssign:
        Op = AssignOp::Rem;
        break;
      default:
        break;
      }
      // A compound assignment computes in the common type: x *= 2.5 for
      // an int x is x = x * 2.5 truncated. Keep it as written.
      StmtP S = mkAssign(LHS, Op, RHS, SL);
      if (Op == AssignOp::Other)
        S->OtherOpSpelling = BO->getOpcodeStr().str();
      flushCalls(std::move(S), Out);
      return;
    }
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->isIncrementDecrementOp()) {
      ExprP LHS = lvalue(UO->getSubExpr());
      Type One = LHS->Ty.unqualified();
      Out.push_back(
          mkAssign(LHS, UO->isIncrementOp() ? AssignOp::Add : AssignOp::Sub,
                   mkLit(1, One), SL));
      return;
    }
  }
  if (isa<CallExpr>(E)) {
    CopyBack = true;
    ExprP C = expr(E);
    flushCalls(mkExprStmt(C, SL), Out);
    return;
  }
  // (void)x, static_cast<void>(x), void(x): mark x as used.
  if (const auto *C = dyn_cast<ExplicitCastExpr>(E))
    if (C->getType()->isVoidType() && !C->getSubExpr()->HasSideEffects(Ctx))
      return;
  if (!E->HasSideEffects(Ctx))
    fail(E->getExprLoc(), "this expression statement has no effect tad "
                          "can differentiate; remove it");
  fail(E->getExprLoc(), std::string("this expression statement (") +
                            E->getStmtClassName() +
                            ") is not supported by tad");
}

ExprP Lowerer::loopCondition(const clang::Expr *C, SrcLoc L, StmtList &Top) {
  StmtList Hoisted;
  ExprP E = hoistedCondition(C, L, Hoisted);
  if (Hoisted.empty())
    return E;
  // What the condition needs runs where the loop tests it, its exit a
  // break: <hoisted>; const bool _cond = c; if (!_cond) break;
  for (StmtP &S : Hoisted)
    Top.push_back(std::move(S));
  StmtP Exit = mkStmt(Stmt::Kind::If, L);
  Exit->Cond = mkUnary(UnOp::Not, E, E->Ty, L);
  Exit->Body.push_back(mkStmt(Stmt::Kind::Break, L));
  Top.push_back(std::move(Exit));
  return nullptr;
}

StmtList Lowerer::body(const clang::Stmt *S) {
  StmtList Out;
  if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
    for (const clang::Stmt *Child : CS->body())
      stmt(Child, Out);
  } else {
    stmt(S, Out);
  }
  return Out;
}

void Lowerer::checkNoConditionVariable(const clang::Stmt *S,
                                       const VarDecl *CV) {
  if (CV)
    fail(CV->getLocation(), "declarations in conditions are not supported; "
                            "declare the variable before the statement");
  (void)S;
}

void Lowerer::stmt(const clang::Stmt *S, StmtList &Out) {
  SourceLocation L = S->getBeginLoc();
  Nest Depth(*this, L);
  SrcLoc SL = loc(L);
  if (const auto *E = dyn_cast<clang::Expr>(S))
    return exprStmt(E, Out);
  if (const auto *D = dyn_cast<OMPExecutableDirective>(S))
    return ompDirective(D, Out);
  switch (S->getStmtClass()) {
  case clang::Stmt::NullStmtClass:
    return;
  case clang::Stmt::AttributedStmtClass: // [[fallthrough]];, [[likely]]
    return stmt(cast<AttributedStmt>(S)->getSubStmt(), Out);
  case clang::Stmt::CompoundStmtClass: {
    StmtP B = mkStmt(Stmt::Kind::Block, SL);
    B->Body = body(S);
    Out.push_back(std::move(B));
    return;
  }
  case clang::Stmt::DeclStmtClass:
    return declStmt(cast<DeclStmt>(S), Out);
  case clang::Stmt::IfStmtClass: {
    const auto *IS = cast<IfStmt>(S);
    if (IS->getInit())
      fail(IS->getInit()->getBeginLoc(),
           "if statements with an initializer are not supported");
    if (IS->isConstexpr())
      fail(L, "'if constexpr' is not supported");
    checkNoConditionVariable(S, IS->getConditionVariable());
    StmtP If = mkStmt(Stmt::Kind::If, SL);
    If->Cond = hoistedCondition(IS->getCond(), SL, Out);
    If->Body = body(IS->getThen());
    if (IS->getElse()) {
      If->HasElse = true;
      If->Else = body(IS->getElse());
    }
    Out.push_back(std::move(If));
    return;
  }
  case clang::Stmt::ForStmtClass: {
    const auto *FS = cast<ForStmt>(S);
    checkNoConditionVariable(S, FS->getConditionVariable());
    StmtP For = mkStmt(Stmt::Kind::For, SL);
    ++NoCopyBack;
    if (FS->getInit())
      stmt(FS->getInit(), For->ForInit);
    --NoCopyBack;
    ++LoopDepth;
    if (FS->getCond()) // for (init;; inc) { <hoisted>; if (!_cond) break;
      For->Cond = loopCondition(FS->getCond(), SL, For->Body);
    ++NoCopyBack;
    if (FS->getInc())
      exprStmt(FS->getInc(), For->ForInc);
    --NoCopyBack;
    for (StmtP &B : body(FS->getBody()))
      For->Body.push_back(std::move(B));
    --LoopDepth;
    Out.push_back(std::move(For));
    return;
  }
  case clang::Stmt::WhileStmtClass: {
    const auto *WS = cast<WhileStmt>(S);
    checkNoConditionVariable(S, WS->getConditionVariable());
    StmtP W = mkStmt(Stmt::Kind::While, SL);
    ++LoopDepth;
    StmtList Top;
    W->Cond = loopCondition(WS->getCond(), SL, Top);
    if (!W->Cond) // while (true) { <hoisted>; if (!_cond) break; <body> }
      W->Cond = trueLiteral(SL);
    W->Body = std::move(Top);
    for (StmtP &B : body(WS->getBody()))
      W->Body.push_back(std::move(B));
    --LoopDepth;
    Out.push_back(std::move(W));
    return;
  }
  case clang::Stmt::DoStmtClass: {
    const auto *DS = cast<DoStmt>(S);
    StmtP D = mkStmt(Stmt::Kind::DoWhile, SL);
    ++LoopDepth;
    D->Body = body(DS->getBody());
    StmtList Bottom;
    D->Cond = loopCondition(DS->getCond(), SL, Bottom);
    --LoopDepth;
    if (!D->Cond) {
      // do { <body> <hoisted>; if (!_cond) break; } while (true): right
      // only if no 'continue' skips the hoisted part.
      if (const ContinueStmt *C = ownJump<ContinueStmt>(DS->getBody()))
        fail(C->getBeginLoc(),
             "'continue' in a 'do' loop whose condition needs statements "
             "before it is tested is not supported; use a 'while' loop");
      for (StmtP &B : Bottom)
        D->Body.push_back(std::move(B));
      D->Cond = trueLiteral(SL);
    }
    Out.push_back(std::move(D));
    return;
  }
  case clang::Stmt::BreakStmtClass:
    if (!LoopDepth)
      fail(L, "'break' outside a loop is not supported");
    Out.push_back(mkStmt(Stmt::Kind::Break, SL));
    return;
  case clang::Stmt::ContinueStmtClass:
    Out.push_back(mkStmt(Stmt::Kind::Continue, SL));
    return;
  case clang::Stmt::ReturnStmtClass: {
    const auto *RS = cast<ReturnStmt>(S);
    const clang::Expr *V = RS->getRetValue();
    if (ReturnsThis) { // `return *this;` of an `operator+=`
      const auto *UO =
          V ? dyn_cast<UnaryOperator>(V->IgnoreParenImpCasts()) : nullptr;
      if (!UO || UO->getOpcode() != UO_Deref ||
          !isa<CXXThisExpr>(UO->getSubExpr()->IgnoreParenImpCasts()))
        fail(L, "a member function returning a reference to its object must "
                "'return *this;'");
      Out.push_back(mkReturn(nullptr, SL));
      return;
    }
    if (V && V->getType()->isRecordType()) {
      ExprP R = recordValue(V, Out);
      Out.push_back(mkReturn(R, SL));
      return;
    }
    InReturn = true;
    CopyBack = true;
    ExprP R = V ? expr(V) : nullptr;
    InReturn = false;
    if (!PostCall.empty()) {
      // `return g(y);` with g writing y by reference: the value held in a
      // constant while y is copied back, then returned.
      VarP T = makeVar(freshName("_result"), R->Ty.unqualified(), SL);
      T->Ty.Const = true;
      flushCalls(mkDecl(T, R, SL), Out);
      R = mkVar(T, SL);
    }
    CopyBack = false;
    for (StmtP &P : PreCall) // the structs calls return, read by R
      Out.push_back(std::move(P));
    PreCall.clear();
    Out.push_back(mkReturn(R, SL));
    return;
  }
  case clang::Stmt::GotoStmtClass:
  case clang::Stmt::IndirectGotoStmtClass:
    fail(L, "'goto' is not supported: tad differentiates structured "
            "control flow only (use loops, break and continue)");
  case clang::Stmt::LabelStmtClass:
    fail(L, "labels are not supported: tad differentiates structured "
            "control flow only");
  case clang::Stmt::SwitchStmtClass:
    return switchStmt(cast<SwitchStmt>(S), Out);
  case clang::Stmt::CXXTryStmtClass:
    fail(L, "exceptions are not supported in differentiated code");
  case clang::Stmt::CXXForRangeStmtClass:
    return rangeFor(cast<CXXForRangeStmt>(S), Out);
  case clang::Stmt::GCCAsmStmtClass:
  case clang::Stmt::MSAsmStmtClass:
    fail(L, "inline assembly cannot be differentiated");
  default:
    fail(L, std::string("statement '") + S->getStmtClassName() +
                "' is not supported by tad");
  }
}
} // namespace tad
