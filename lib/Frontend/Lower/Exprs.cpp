//===- Frontend/Lower/Exprs.cpp - expressions -----------------------------===//
//
// Expressions: operators, conversions, subscripts, conditionals, and the
// targets of assignments.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"
#include "IR/Names.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace tad {

ExprP Lowerer::lowerCastTo(const clang::Expr *Sub, QualType To,
                           SourceLocation L, bool Implicit) {
  ExprP X = expr(Sub);
  Type T = lowerType(To, L, "this conversion");
  if (X->Ty.sameScalar(T) && X->Ty.IsPointer == T.IsPointer)
    return X;
  if (T.IsPointer || X->Ty.IsPointer)
    fail(L, "pointer conversions are not supported: tad cannot follow "
            "the converted pointer");
  return mkCast(T, X, loc(L), Implicit);
}

/// The base of a subscript or a pointer argument: an array variable.
ExprP Lowerer::arrayBase(const clang::Expr *E, const char *Use) {
  const clang::Expr *B = E->IgnoreParenImpCasts();
  if (const auto *CE = dyn_cast<CallExpr>(B)) // v.data()
    if (ExprP C = containerExpr(CE); C && isOffset(C))
      return C;
  if (isa<MemberExpr>(B)) // an array member, s.v
    if (ExprP M = expr(B);
        (M->is(Expr::Kind::VarRef) && M->V->isArray()) || isOffset(M))
      return M; // b[i].v of an array of structs: an offset
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(B))
    if (ExprP Row = multiSubscript(ASE, /*Row=*/true)) // m[i] of a 2-D m
      if (isOffset(Row) || Row->is(Expr::Kind::VarRef))
        return Row;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(B)) {
    // A pointer parameter of a function returning a reference, bound to
    // its argument (Lowerer::referenceCall).
    if (auto A = Aliases.find(DRE->getDecl()); A != Aliases.end())
      if (A->second->Ty.IsPointer &&
          (A->second->is(Expr::Kind::VarRef) || isOffset(A->second)))
        return A->second;
    if (auto P = PointerLocals.find(DRE->getDecl()); P != PointerLocals.end())
      return mkOffset(mkVar(P->second.Base, loc(DRE->getLocation())),
                      mkVar(P->second.Off), loc(DRE->getLocation()));
    VarP V = varFor(DRE->getDecl(), DRE->getLocation());
    if (V->isArray())
      return mkVar(V, loc(DRE->getLocation()));
  }
  // a + k, k + a, a - k: the array at an offset.
  if (const auto *BO = dyn_cast<BinaryOperator>(B))
    if (BO->getType()->isPointerType() &&
        (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub)) {
      bool PtrLeft = BO->getLHS()->getType()->isPointerType() ||
                     BO->getLHS()->getType()->isArrayType();
      const clang::Expr *P = PtrLeft ? BO->getLHS() : BO->getRHS();
      const clang::Expr *K = PtrLeft ? BO->getRHS() : BO->getLHS();
      ExprP Base = arrayBase(P, Use);
      ExprP Off = expr(K);
      if (Off->Ty.Kind != ScalarKind::Int)
        fail(K->getExprLoc(), "pointer offset is not an integer");
      if (BO->getOpcode() == BO_Sub)
        Off = mkUnary(UnOp::Neg, Off, Off->Ty.unqualified(), Off->Loc);
      return mkOffset(Base, Off, loc(BO->getExprLoc()));
    }
  // &a[k], &*p: the array at an offset.
  if (const auto *UO = dyn_cast<UnaryOperator>(B))
    if (UO->getOpcode() == UO_AddrOf) {
      const clang::Expr *X = UO->getSubExpr()->IgnoreParens();
      if (isa<ArraySubscriptExpr>(X) ||
          (isa<UnaryOperator>(X) &&
           cast<UnaryOperator>(X)->getOpcode() == UO_Deref)) {
        ExprP El = expr(X);
        if (El->is(Expr::Kind::Index))
          return mkOffset(El->op(0), El->op(1), loc(UO->getExprLoc()));
      }
    }
  if (const auto *CO = dyn_cast<ConditionalOperator>(B))
    fail(CO->getExprLoc(),
         "a pointer that may point into either of two arrays is not "
         "supported: tad cannot tell which array it reads or writes; "
         "branch on the condition and index each array directly");
  fail(E->getExprLoc(),
       std::string("tad cannot follow this pointer ") + Use +
           ": only arrays and pointers into them (a + k, &a[k], a local "
           "pointer set to one) may be indexed or passed");
}

ExprP Lowerer::expr(const clang::Expr *E) {
  E = E->IgnoreParens();
  SourceLocation L = E->getExprLoc();
  Nest Depth(*this, L);
  SrcLoc SL = loc(L);

  // A template argument in an instantiation (`N` of template <int N>): its
  // value, spelled as a number (the source says `N`).
  if (const auto *ST = dyn_cast<SubstNonTypeTemplateParmExpr>(E)) {
    clang::Expr::EvalResult R;
    if (!ST->getType()->isIntegralOrEnumerationType() ||
        !ST->EvaluateAsInt(R, Ctx))
      return expr(ST->getReplacement());
    llvm::APSInt V = R.Val.getInt();
    Type T = lowerType(ST->getType(), L, "this template argument");
    if (ST->getType()->isBooleanType())
      return mkLit(V.getBoolValue(), T, SL,
                   V.getBoolValue() ? "true" : "false");
    llvm::SmallString<24> Digits;
    V.toString(Digits, 10);
    return mkLit(static_cast<double>(V.getExtValue()), T, SL,
                 std::string(Digits));
  }
  if (const auto *FL = dyn_cast<FloatingLiteral>(E))
    return literal(E, FL->getValueAsApproximateDouble(), E->getType());
  if (const auto *IL = dyn_cast<IntegerLiteral>(E))
    return literal(E, static_cast<double>(IL->getValue().getSExtValue()),
                   E->getType());
  if (const auto *BL = dyn_cast<CXXBoolLiteralExpr>(E))
    return mkLit(BL->getValue(), Type::scalar(ScalarKind::Bool), SL);

  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
      return mkLit(static_cast<double>(EC->getInitVal().getSExtValue()),
                   lowerType(E->getType(), L, "this enumerator"), SL,
                   EC->getQualifiedNameAsString());
    if (auto A = Aliases.find(DRE->getDecl()); A != Aliases.end())
      return A->second;
    if (Lambdas.count(DRE->getDecl()))
      fail(L, "the lambda '" + DRE->getDecl()->getNameAsString() +
                  "' can only be called: passing or copying a lambda is not "
                  "supported yet");
    if (auto P = PointerLocals.find(DRE->getDecl()); P != PointerLocals.end())
      fail(L,
           std::string(DRE->getType()->isPointerType() ? "local pointer '"
                                                       : "local iterator '") +
               DRE->getDecl()->getNameAsString() +
               "' is followed as an offset into '" + P->second.Base->Name +
               "': using it as a value is not supported; read or write "
               "through it, move it, compare it or subtract it");
    VarP V = varFor(DRE->getDecl(), L);
    if (V->Ty.Reference && V->Ty.IsPointer) // a T & parameter: element 0
      return mkIndex(mkVar(V, SL), mkLit(0, Type::integer("int")), SL);
    return mkVar(V, SL);
  }

  // CUDA's threadIdx.x, blockIdx.y, ...: passive integers, kept by name.
  if (const auto *POE = dyn_cast<PseudoObjectExpr>(E))
    if (const auto *PRE = dyn_cast<MSPropertyRefExpr>(
            POE->getSyntacticForm()->IgnoreParens()))
      if (const auto *Base =
              dyn_cast<DeclRefExpr>(cast<OpaqueValueExpr>(PRE->getBaseExpr())
                                        ->getSourceExpr()
                                        ->IgnoreParenImpCasts())) {
        std::string Name = Base->getDecl()->getNameAsString() + "." +
                           PRE->getPropertyDecl()->getNameAsString();
        auto &V = CudaBuiltins[Name];
        if (!V) {
          V = std::make_shared<Var>();
          V->Name = Name;
          V->Ty = lowerType(E->getType(), L, "'" + Name + "'");
          V->Ty.Const = true;
        }
        return mkVar(V, SL);
      }

  // std::min(x, 0.0) binds its arguments to references: the temporaries
  // are values here.
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    return expr(EWC->getSubExpr());
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    return expr(MTE->getSubExpr());
  // A default argument of the callee, as if written at the call.
  if (const auto *DAE = dyn_cast<CXXDefaultArgExpr>(E))
    return expr(DAE->getExpr());

  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E)) {
    switch (ICE->getCastKind()) {
    case CK_LValueToRValue:
    case CK_NoOp:
    case CK_ArrayToPointerDecay:
      return expr(ICE->getSubExpr());
    case CK_IntegralToFloating:
    case CK_FloatingCast:
    case CK_FloatingToIntegral:
    case CK_IntegralCast:
    case CK_IntegralToBoolean:
    case CK_FloatingToBoolean:
      // The conversion of an explicit cast (double(i): a NoOp cast over
      // this one) is explicit: it must be printed, else i / n in
      // double(i) / double(n) would be integer division.
      return lowerCastTo(ICE->getSubExpr(), E->getType(), L,
                         !ICE->isPartOfExplicitCast());
    case CK_PointerToBoolean:
      fail(L, "testing a pointer is not supported: tad cannot follow "
              "pointers other than array parameters; pass a flag or a "
              "count instead");
    default:
      fail(L, std::string("implicit conversion '") + ICE->getCastKindName() +
                  "' is not supported by tad");
    }
  }
  if (const auto *CE = dyn_cast<ExplicitCastExpr>(E)) {
    if (isa<CStyleCastExpr>(E) || isa<CXXStaticCastExpr>(E) ||
        isa<CXXFunctionalCastExpr>(E))
      return lowerCastTo(CE->getSubExpr(), E->getType(), L, false);
    std::string Spelled = CE->getStmtClassName();
    if (const auto *Named = dyn_cast<CXXNamedCastExpr>(E))
      Spelled = Named->getCastName();
    fail(L, "'" + Spelled +
                "' is not supported by tad: only conversions "
                "between arithmetic types (static_cast, C-style and "
                "functional casts) are");
  }

  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    if (ExprP Flat = multiSubscript(ASE))
      return Flat;
    ExprP Base = arrayBase(ASE->getBase(), "in a subscript");
    ExprP Idx = expr(ASE->getIdx());
    if (Idx->Ty.Kind != ScalarKind::Int && Idx->Ty.Kind != ScalarKind::Bool)
      fail(ASE->getIdx()->getExprLoc(), "array index is not an integer");
    return mkIndex(Base, Idx, SL);
  }

  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    switch (UO->getOpcode()) {
    case UO_Minus:
      return mkUnary(UnOp::Neg, expr(UO->getSubExpr()),
                     lowerType(E->getType(), L, "this expression"), SL);
    case UO_Plus:
      return expr(UO->getSubExpr());
    case UO_LNot:
      return mkUnary(UnOp::Not, expr(UO->getSubExpr()),
                     Type::scalar(ScalarKind::Bool), SL);
    case UO_Not:
      return mkUnary(UnOp::BitNot, expr(UO->getSubExpr()),
                     lowerType(E->getType(), L, "this expression"), SL);
    case UO_Deref: // *p is p[0]
      if (isa<CXXThisExpr>(UO->getSubExpr()->IgnoreParenImpCasts()) &&
          ThisPlace)
        return ThisPlace;
      if (ExprP D = extremumDeref(UO->getSubExpr())) // *std::max_element
        return D;
      return mkIndex(arrayBase(UO->getSubExpr(), "in a dereference"),
                     mkLit(0, Type::integer("int")), SL);
    case UO_PreInc:
    case UO_PreDec:
    case UO_PostInc:
    case UO_PostDec:
      fail(L, "increment or decrement inside an expression is not "
              "supported: write it as a statement of its own");
    case UO_AddrOf:
      fail(L, "taking an address is not supported: tad cannot follow "
              "writes through the pointer it makes");
    default:
      fail(L, std::string("unary operator '") +
                  UnaryOperator::getOpcodeStr(UO->getOpcode()).str() +
                  "' is not supported");
    }
  }

  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isAssignmentOp())
      fail(L, "assignment inside an expression is not supported: write "
              "it as a statement of its own");
    if (BO->getOpcode() == BO_Comma)
      fail(L, "the comma operator is not supported here");
    static const std::map<BinaryOperatorKind, BinOp> Ops = {
        {BO_Add, BinOp::Add},  {BO_Sub, BinOp::Sub},
        {BO_Mul, BinOp::Mul},  {BO_Div, BinOp::Div},
        {BO_Rem, BinOp::Rem},  {BO_LT, BinOp::Lt},
        {BO_LE, BinOp::Le},    {BO_GT, BinOp::Gt},
        {BO_GE, BinOp::Ge},    {BO_EQ, BinOp::Eq},
        {BO_NE, BinOp::Ne},    {BO_LAnd, BinOp::LAnd},
        {BO_LOr, BinOp::LOr},  {BO_And, BinOp::BitAnd},
        {BO_Or, BinOp::BitOr}, {BO_Xor, BinOp::BitXor},
        {BO_Shl, BinOp::Shl},  {BO_Shr, BinOp::Shr}};
    auto It = Ops.find(BO->getOpcode());
    if (It == Ops.end())
      fail(L, "binary operator '" + BO->getOpcodeStr().str() +
                  "' is not supported");
    // std::max_element(a, a + n) - a: an index.
    if (BO->getOpcode() == BO_Sub && BO->getLHS()->getType()->isPointerType())
      if (ExprP I = extremumIndex(BO->getLHS(), BO->getRHS(), E->getType(), L))
        return I;
    if (ExprP C = pointerCompare(BO)) // p < x + n, p - x
      return C;
    ExprP LHS = expr(BO->getLHS()), RHS;
    if (BO->isLogicalOp()) { // the right side runs only if the left decides
      Guard G{LHS, nullptr, SL};
      RHS = guardedOperand(BO->getRHS(), G, BO->getOpcode() == BO_LOr);
      LHS = G.test();
    } else {
      RHS = expr(BO->getRHS());
    }
    if (LHS->Ty.IsPointer || RHS->Ty.IsPointer)
      fail(L, "pointer arithmetic is not supported: tad cannot follow "
              "the resulting pointer");
    return mkBinary(It->second, LHS, RHS,
                    lowerType(E->getType(), L, "this expression"), SL);
  }

  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    Guard G{expr(CO->getCond()), nullptr, SL};
    ExprP T = guardedOperand(CO->getTrueExpr(), G, false);
    ExprP F = guardedOperand(CO->getFalseExpr(), G, true);
    return mkSelect(G.test(), T, F,
                    lowerType(E->getType(), L, "this expression"), SL);
  }

  if (const auto *CE = dyn_cast<CallExpr>(E))
    return call(CE);

  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return member(ME);
  if (isa<CXXThisExpr>(E))
    fail(L, "'this' is supported in member accesses and '*this' only");
  // A copy of a struct (an argument passed by value): the struct itself.
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(E))
    if (CCE->getConstructor()->isCopyOrMoveConstructor() &&
        CCE->getNumArgs() == 1 && !CCE->getConstructor()->isUserProvided())
      return recordPlace(CCE->getArg(0));

  if (isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E))
    fail(L, "null pointers are not supported");
  fail(L, std::string("this expression (") + E->getStmtClassName() +
              ") is not supported by tad");
}

ExprP Lowerer::guardedOperand(const clang::Expr *E, Guard &G, bool Negate) {
  std::size_t Pre = PreCall.size(), Post = PostCall.size();
  ExprP R = expr(E);
  if (PreCall.size() == Pre && PostCall.size() == Post)
    return R;
  StmtList Hoisted(std::make_move_iterator(PreCall.begin() + Pre),
                   std::make_move_iterator(PreCall.end()));
  PreCall.resize(Pre);
  if (!G.Flag) { // const bool _arm = <condition>; before the operand's
    G.Flag = makeVar(freshName("_arm"), Type::scalar(ScalarKind::Bool), G.Loc);
    G.Flag->Ty.Const = true;
    PreCall.push_back(mkDecl(G.Flag, G.Cond, G.Loc));
  }
  auto Guarded = [&](StmtList Body) {
    StmtP If = mkStmt(Stmt::Kind::If, G.Loc);
    ExprP Test = mkVar(G.Flag, G.Loc);
    If->Cond = Negate ? mkUnary(UnOp::Not, Test, Test->Ty, G.Loc) : Test;
    If->Body = std::move(Body);
    return If;
  };
  StmtList Inside;
  for (StmtP &S : Hoisted) {
    if (!S->is(Stmt::Kind::Decl)) {
      Inside.push_back(std::move(S));
      continue;
    }
    // The declaration before the guard, its value set under it.
    VarP V = S->V;
    SrcLoc At = S->Loc;
    if (S->Init && !S->Init->is(Expr::Kind::Lit)) {
      if (V->isArray() || V->Ty.isRecord()) // they come without a value
        fail(E->getExprLoc(), "internal error: a guarded operand declares "
                              "an array or a struct with a value");
      V->Ty.Const = false;
      Inside.push_back(
          mkAssign(mkVar(V, At), AssignOp::Set, std::move(S->Init), At));
      S->Init = mkLit(0, V->Ty.unqualified(), At);
    }
    for (std::size_t I = 0; I < S->InitList.size(); ++I)
      Inside.push_back(mkAssign(
          mkIndex(mkVar(V, At), mkLit(double(I), Type::integer("int"), At), At),
          AssignOp::Set, std::move(S->InitList[I]), At));
    if (!S->InitList.empty()) {
      S->InitList.clear();
      S->HasInitList = true; // T v[n] = {}: zero until the guard sets it
    }
    PreCall.push_back(std::move(S));
  }
  if (!Inside.empty())
    PreCall.push_back(Guarded(std::move(Inside)));
  // Copies back of reference arguments: only where the call ran.
  if (PostCall.size() > Post) {
    StmtList Back(std::make_move_iterator(PostCall.begin() + Post),
                  std::make_move_iterator(PostCall.end()));
    PostCall.resize(Post);
    PostCall.push_back(Guarded(std::move(Back)));
  }
  return R;
}

ExprP Lowerer::lvalue(const clang::Expr *E) {
  const clang::Expr *X = E->IgnoreParens();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(X)) {
    if (auto A = Aliases.find(DRE->getDecl()); A != Aliases.end())
      return A->second;
    Unwritten.erase(DRE->getDecl());
    VarP V = varFor(DRE->getDecl(), DRE->getLocation());
    if (V->Ty.Reference)
      return expr(X);
    if (!V->IsParam && !Vars.count(DRE->getDecl()))
      fail(X->getExprLoc(), "writes to global variables are not supported");
    if (V->Ty.Const && V->Loc.Handle && !V->IsParam && V->Dims.empty() &&
        !isa<ParmVarDecl>(DRE->getDecl()) &&
        cast<VarDecl>(DRE->getDecl())->hasGlobalStorage())
      fail(X->getExprLoc(), "writes to global variables are not supported");
    if (V->Ty.IsPointer)
      fail(X->getExprLoc(), "assigning to a pointer is not supported: tad "
                            "cannot follow the pointer afterwards");
    return mkVar(V, loc(X->getExprLoc()));
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(X))
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(AS->getBase()->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD->hasGlobalStorage() && !VD->isLocalVarDecl())
          fail(X->getExprLoc(), "writes to global variables are not "
                                "supported");
  if (const auto *CE = dyn_cast<CallExpr>(X)) {
    if (ExprP C = containerExpr(CE)) // v[i] = x
      return C;
    if (ExprP I = iteratorExpr(CE)) // *it = x
      return I;
    if (const FunctionDecl *FD = CE->getDirectCallee())
      if (FD->getReturnType()->isLValueReferenceType())
        return referenceCall(CE);
  }
  if (isa<ArraySubscriptExpr>(X) || isa<MemberExpr>(X) ||
      (isa<UnaryOperator>(X) &&
       cast<UnaryOperator>(X)->getOpcode() == UO_Deref))
    return expr(X);
  fail(X->getExprLoc(), "tad cannot follow this write: only variables and "
                        "subscripts of array variables may be assigned");
}

ExprP Lowerer::condition(const clang::Expr *C) {
  ExprP E = expr(C);
  return E;
}

ExprP Lowerer::hoistedCondition(const clang::Expr *C, SrcLoc L, StmtList &Out) {
  CopyBack = true;
  ExprP E = condition(C);
  if (PreCall.empty() && PostCall.empty()) {
    CopyBack = false;
    return E;
  }
  // What the condition hoists (an algorithm's loop, a reference argument's
  // copy in and back) runs before the branch, the condition's value held
  // in a constant flag between the two.
  VarP Flag = makeVar(freshName("_cond"), Type::scalar(ScalarKind::Bool), L);
  Flag->Ty.Const = true;
  flushCalls(mkDecl(Flag, E, L), Out);
  return mkVar(Flag, L);
}
} // namespace tad
