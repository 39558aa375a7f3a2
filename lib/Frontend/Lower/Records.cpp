//===- Frontend/Lower/Records.cpp - structs -------------------------------===//
//
// Structs of plain data: their types, member access, initialisation and
// copies. A struct variable's fields are variables of their own (IR.h:
// Var::Fields), so that the passes see scalars and arrays only; a copy or
// an initialisation is lowered field by field, and a call that passes a
// struct is inlined by the transforms (Prepare/Inline).
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace tad {

std::shared_ptr<const Record> Lowerer::recordOf(QualType QT, SourceLocation L,
                                                const std::string &What) {
  const auto *RD = QT->getAsCXXRecordDecl();
  if (!RD)
    return nullptr;
  RD = RD->getDefinition();
  std::string Name = QT.getUnqualifiedType().getAsString();
  if (!RD)
    fail(L, What + " has incomplete type '" + Name + "'");
  if (auto It = Records.find(RD); It != Records.end())
    return It->second;
  std::string Has = What + " has type '" + Name + "', ";
  if (RD->isUnion())
    fail(L, Has + "a union: tad cannot tell which member holds the value");
  if (RD->isLambda())
    fail(L, Has + "a lambda's closure; lambdas are not supported yet");
  if (RD->getNumBases() || RD->isPolymorphic())
    fail(L, Has + "which has base classes or virtual functions; tad "
                  "supports structs of plain data members");
  bool Constructors = false;
  for (const CXXConstructorDecl *C : RD->ctors())
    Constructors |= C->isUserProvided();
  if (Constructors && !RD->hasDefaultConstructor())
    fail(L, Has + "which has constructors but no default constructor; tad "
                  "declares derivative structs empty first: add 'S() = "
                  "default;'");
  auto R = std::make_shared<Record>();
  R->HasConstructors = Constructors;
  PrintingPolicy PP(Ctx.getLangOpts());
  PP.SuppressTagKeyword = true;
  PP.FullyQualifiedName = true;
  R->Spelling = Ctx.getRecordType(RD).getAsString(PP);
  for (const FieldDecl *FD : RD->fields()) {
    std::string FWhat =
        "member '" + FD->getNameAsString() + "' of '" + R->Spelling + "'";
    if (FD->isBitField())
      fail(FD->getLocation(), FWhat + " is a bit-field, which tad does not "
                                      "support");
    Record::Field F;
    F.Name = FD->getNameAsString();
    F.HasDefault = FD->hasInClassInitializer();
    QualType FT = FD->getType();
    if (const auto *CAT = Ctx.getAsConstantArrayType(FT)) {
      QualType Elt = CAT->getElementType();
      std::uint64_t N = CAT->getSize().getZExtValue();
      while (const auto *Inner = Ctx.getAsConstantArrayType(Elt)) {
        N *= Inner->getSize().getZExtValue();
        Elt = Inner->getElementType();
      }
      if (Elt->isRecordType())
        fail(FD->getLocation(), FWhat + " is an array of structs, which tad "
                                        "does not support yet");
      F.Dims.push_back(N);
      FT = Elt;
    }
    // A pointer member is a view of an array (`const double *W`), as a
    // pointer parameter is; a pointer to a struct or a pointer is not.
    bool View = FT->isPointerType() && F.Dims.empty() &&
                scalarType(FT->getPointeeType()) &&
                !FT->getPointeeType()->isVoidType();
    if (FT->isReferenceType() || (FT->isPointerType() && !View))
      fail(FD->getLocation(),
           FWhat + " is a " + (FT->isPointerType() ? "pointer" : "reference") +
               ": tad supports structs of values (scalars, structs and "
               "fixed arrays) and pointers to scalars (views of arrays)");
    if (auto Nested = recordOf(FT, FD->getLocation(), FWhat)) {
      F.Ty.Kind = ScalarKind::Record;
      F.Ty.Rec = Nested;
      R->HasFloats |= Nested->HasFloats;
    } else {
      F.Ty = lowerType(FT, FD->getLocation(), FWhat);
      R->HasFloats |= F.Ty.isFloating();
    }
    F.Ty.Const = FT.isConstQualified();
    R->Fields.push_back(std::move(F));
  }
  RecordDecls[R.get()] = RD;
  Records[RD] = R;
  return R;
}

bool Lowerer::hasPointerMember(const Record &R) {
  for (const Record::Field &F : R.Fields)
    if (F.Ty.IsPointer || (F.Ty.Rec && hasPointerMember(*F.Ty.Rec)))
      return true;
  return false;
}

void Lowerer::noViewCopy(const Type &T, SourceLocation L,
                         const std::string &What) {
  if (T.isRecord() && hasPointerMember(*T.Rec))
    fail(L, What + " of '" + T.Rec->Spelling +
                "', which has pointer members, is not supported yet: a "
                "struct of views can be a parameter (by value or by "
                "reference) only");
}

void Lowerer::declareFields(const VarP &V, SourceLocation L) {
  if (!V->Ty.isRecord())
    return;
  if (V->isArray() && !V->Ty.Reference && hasPointerMember(*V->Ty.Rec))
    fail(L, "'" + V->Name + "' is an array of, or a pointer to, '" +
                V->Ty.Rec->Spelling +
                "', which has a pointer member: tad supports them in "
                "struct values and references (b[i].p[k] is not "
                "supported yet)");
  if (V->isArray() && !V->Ty.Reference)
    if (std::string F = multiDimMember(*V->Ty.Rec); !F.empty())
      fail(L, "'" + V->Name + "' is an array of, or a pointer to, '" +
                  V->Ty.Rec->Spelling + "', whose member '" + F +
                  "' is a multi-dimensional array: tad supports one index "
                  "into a member of an array of structs (b[i].v[k])");
  makeFields(V);
}

std::string Lowerer::multiDimMember(const Record &R) {
  auto It = RecordDecls.find(&R);
  if (It == RecordDecls.end())
    return "";
  for (const FieldDecl *FD : It->second->fields()) {
    QualType T = FD->getType();
    if (const auto *A = Ctx.getAsConstantArrayType(T))
      if (A->getElementType()->isArrayType())
        return FD->getNameAsString();
    for (const Record::Field &F : R.Fields)
      if (F.Name == FD->getNameAsString() && F.Ty.Rec)
        if (std::string N = multiDimMember(*F.Ty.Rec); !N.empty())
          return FD->getNameAsString() + "." + N;
  }
  return "";
}

/// E without parentheses and implicit nodes: `(a + b)` is `a + b`.
static const clang::Expr *bare(const clang::Expr *E) {
  const clang::Expr *X = E->IgnoreImplicit();
  for (const clang::Expr *Y = nullptr; Y != X;)
    X = (Y = X)->IgnoreParens()->IgnoreImplicit();
  return X;
}

ExprP Lowerer::recordPlace(const clang::Expr *E) {
  const clang::Expr *X = bare(E);
  if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(X))
    if (isa<CXXConstructExpr>(FC->getSubExpr()->IgnoreImplicit()) ||
        isa<InitListExpr>(FC->getSubExpr()->IgnoreImplicit()))
      X = FC->getSubExpr()->IgnoreImplicit(); // S(a), S{a, b}
  // A struct made here: by a constructor, or braces (`f({a, b})`).
  const clang::Expr *Made = nullptr;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(X);
      CE && CE->getConstructor()->isUserProvided())
    Made = X;
  if (isa<InitListExpr>(X))
    Made = X;
  // A call returning a struct by value; one returning a reference is the
  // lvalue it returns (below).
  bool Returned = isa<CallExpr>(X) && X->isPRValue();
  if (const auto *CE = dyn_cast<CallExpr>(X))
    if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(CE->getDirectCallee()))
      if (MD->isInstance() && MD->getReturnType()->isLValueReferenceType() &&
          MD->getReturnType()->getPointeeCXXRecordDecl() &&
          MD->getReturnType()->getPointeeCXXRecordDecl()->getCanonicalDecl() ==
              MD->getParent()->getCanonicalDecl())
        fail(X->getExprLoc(), "a chained call of a member returning '*this' "
                              "is not supported yet; call the members in "
                              "statements of their own");
  if ((Returned || Made) && X->getType()->isRecordType()) {
    // `cross(a, b).z`, `norm(Vec3(x, y, z))`: the struct the call returns
    // or the constructor makes, held in a local.
    if (!((CopyBack && !NoCopyBack) || InReturn))
      fail(X->getExprLoc(), "a struct returned by a call can be read in a "
                            "declaration, an assignment, a return or an "
                            "'if' or loop condition only, not in a 'for' "
                            "loop's initializer or increment; store it in a "
                            "local first");
    auto V = std::make_shared<Var>();
    V->Name = freshName("_value");
    V->Loc = loc(X->getExprLoc());
    V->Ty = lowerType(X->getType().getUnqualifiedType(), X->getExprLoc(),
                      "this value");
    declareFields(V, X->getExprLoc());
    StmtP D = mkDecl(V, nullptr, V->Loc);
    D->HasInitList = true;
    if (Made) {
      StmtList Init;
      Init.push_back(std::move(D));
      initRecord(mkVar(V, V->Loc), X, Init);
      for (StmtP &S : Init)
        PreCall.push_back(std::move(S));
      return mkVar(V, V->Loc);
    }
    ExprP C = expr(X);
    PreCall.push_back(std::move(D));
    PreCall.push_back(mkAssign(mkVar(V, V->Loc), AssignOp::Set, C, V->Loc));
    return mkVar(V, V->Loc);
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(X);
      CO && X->getType()->isRecordType())
    return chosenRecord(CO);
  ExprP P = expr(X);
  bool Ok = P->Ty.isRecord() && !P->Ty.IsPointer &&
            (P->is(Expr::Kind::VarRef) || P->is(Expr::Kind::Index));
  if (!Ok)
    fail(E->getExprLoc(), "tad cannot follow this struct value: only struct "
                          "variables, parameters, members and elements of "
                          "arrays of structs are supported here");
  return P;
}

ExprP Lowerer::chosenRecord(const ConditionalOperator *CO) {
  SourceLocation L = CO->getExprLoc();
  if (!((CopyBack && !NoCopyBack) || InReturn))
    fail(L, "a struct chosen by '?:' can be read in a declaration, an "
            "assignment, a return or an 'if' or loop condition only; store "
            "it in a local first");
  // `c ? p : q`: a local the branches of an if set, before the statement.
  ExprP C = expr(CO->getCond());
  std::size_t Pre = PreCall.size(), Post = PostCall.size();
  ExprP A = recordPlace(CO->getTrueExpr());
  ExprP B = recordPlace(CO->getFalseExpr());
  if (PreCall.size() != Pre || PostCall.size() != Post)
    fail(L, "the arms of this '?:' of structs make or return structs, which "
            "tad does not support yet: use an 'if'");
  auto V = std::make_shared<Var>();
  V->Name = freshName("_chosen");
  V->Loc = loc(L);
  V->Ty = lowerType(CO->getType().getUnqualifiedType(), L, "this value");
  declareFields(V, L);
  noViewCopy(V->Ty, L, "a '?:'");
  StmtP D = mkDecl(V, nullptr, V->Loc);
  D->HasInitList = true;
  PreCall.push_back(std::move(D));
  StmtP If = mkStmt(Stmt::Kind::If, V->Loc);
  If->Cond = C;
  If->HasElse = true;
  copyFields(mkVar(V, V->Loc), A, If->Body, V->Loc);
  copyFields(mkVar(V, V->Loc), B, If->Else, V->Loc);
  PreCall.push_back(std::move(If));
  return mkVar(V, V->Loc);
}

ExprP Lowerer::member(const MemberExpr *ME) {
  SourceLocation L = ME->getMemberLoc();
  const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!FD)
    fail(L, "'" + ME->getMemberDecl()->getNameAsString() +
                "' is not a data member: member functions and static "
                "members are not supported yet");
  ExprP Place;
  if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
    if (!ThisPlace)
      fail(L, "'this' is supported in member accesses and '*this' only");
    Place = ThisPlace;
  } else if (ME->isArrow()) {
    ExprP Base = arrayBase(ME->getBase(), "before '->'");
    Place = mkIndex(Base, mkLit(0, Type::integer("int")), loc(L));
  } else {
    Place = recordPlace(ME->getBase());
  }
  // A field of a struct passed by reference is a reference too (element
  // 0 of a one-element array, as a `T &` parameter is).
  return scalarPlace(fieldOfPlace(Place, FD->getFieldIndex()));
}

void Lowerer::initRecord(const ExprP &Dst, const clang::Expr *Init,
                         StmtList &Out) {
  const RecordDecl *RD = RecordDecls.at(Dst->Ty.Rec.get());
  SrcLoc Loc = loc(Init ? Init->getExprLoc() : RD->getLocation());
  if (Init)
    Init = bare(Init);
  if (const auto *FC = dyn_cast_or_null<CXXFunctionalCastExpr>(Init))
    if (isa<CXXConstructExpr>(FC->getSubExpr()->IgnoreImplicit()))
      Init = FC->getSubExpr()->IgnoreImplicit(); // S(a)
  if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(Init)) {
    const CXXConstructorDecl *C = CE->getConstructor();
    if (C->isUserProvided())
      return construct(Dst, CE, Out);
    if (C->isCopyOrMoveConstructor() && CE->getNumArgs() == 1) {
      copyFields(Dst, recordPlace(CE->getArg(0)), Out, Loc);
      return;
    }
    if (CE->getNumArgs() == 0)
      Init = nullptr; // default-initialised: the member initializers
  }
  if (isa_and_nonnull<CallExpr>(Init)) { // a function returning a struct
    Out.push_back(mkAssign(Dst, AssignOp::Set, expr(Init), Loc));
    return;
  }
  if (const auto *FC = dyn_cast_or_null<CXXFunctionalCastExpr>(Init))
    Init = FC->getSubExpr()->IgnoreImplicit(); // Vec3{a, b, c}
  const auto *IL = dyn_cast_or_null<InitListExpr>(Init);
  if (Init && !IL) {
    if (Init->getType()->isRecordType() && Init->isGLValue() &&
        !isa<CXXConstructExpr>(Init)) {
      copyFields(Dst, recordPlace(Init), Out, Loc);
      return;
    }
    fail(Init->getExprLoc(), "this struct initializer is not supported: tad "
                             "supports '= {a, b, ...}', copies of struct "
                             "variables and elements, and default "
                             "initialisation (functions returning structs "
                             "are not supported yet)");
  }
  if (IL && IL->getNumInits() == 1 && IL->getInit(0)->getType()->isRecordType())
    return initRecord(Dst, IL->getInit(0), Out); // S s{t}
  unsigned K = 0;
  for (const FieldDecl *FD : RD->fields()) {
    const clang::Expr *E = nullptr;
    if (IL && K < IL->getNumInits())
      E = IL->getInit(K);
    else if (!IL && FD->hasInClassInitializer())
      E = FD->getInClassInitializer();
    ExprP F = fieldOfPlace(Dst, K++);
    if (E)
      E = E->IgnoreImplicit();
    if (const auto *DI = dyn_cast_or_null<CXXDefaultInitExpr>(E))
      E = DI->getExpr()->IgnoreImplicit();
    if (F->Ty.isRecord()) {
      initRecord(F, E, Out);
      continue;
    }
    if (!E || isa<ImplicitValueInitExpr>(E))
      continue;                                        // zero, from `= {}`
    if (const auto *Sub = dyn_cast<InitListExpr>(E)) { // an array member
      if (!F->V->Dims.empty() || F->Ty.IsPointer) {
        for (unsigned J = 0; J < Sub->getNumInits(); ++J)
          if (!isa<ImplicitValueInitExpr>(Sub->getInit(J)))
            Out.push_back(
                mkAssign(mkIndex(F, mkLit(double(J), Type::integer("int"))),
                         AssignOp::Set, expr(Sub->getInit(J)), Loc));
        continue;
      }
      if (Sub->getNumInits() > 1)
        fail(Sub->getExprLoc(), "unsupported initializer");
      if (Sub->getNumInits() == 0)
        continue;
      E = Sub->getInit(0);
    }
    Out.push_back(mkAssign(scalarPlace(F), AssignOp::Set, expr(E), Loc));
  }
}

/// The first `return` in S (not in a lambda's body), or null.
static const ReturnStmt *firstReturn(const clang::Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return nullptr;
  if (const auto *R = dyn_cast<ReturnStmt>(S))
    return R;
  for (const clang::Stmt *C : S->children())
    if (const ReturnStmt *R = firstReturn(C))
      return R;
  return nullptr;
}

void Lowerer::construct(const ExprP &Dst, const CXXConstructExpr *CE,
                        StmtList &Out) {
  SourceLocation L = CE->getExprLoc();
  const FunctionDecl *Def = nullptr;
  if (!CE->getConstructor()->hasBody(Def))
    fail(L, "the definition of this constructor is not visible");
  const auto *C = cast<CXXConstructorDecl>(Def);
  if (++ConstructDepth > 16)
    fail(L, "constructors that construct their own struct are not "
            "supported");
  // The parameters bound to the arguments: values are copied into locals,
  // references name what they are bound to.
  std::vector<std::pair<const ValueDecl *, std::optional<ExprP>>> SavedAlias;
  std::vector<std::pair<const ValueDecl *, VarP>> SavedVar;
  for (unsigned I = 0; I < C->getNumParams() && I < CE->getNumArgs(); ++I) {
    const ParmVarDecl *P = C->getParamDecl(I);
    const clang::Expr *A = CE->getArg(I);
    QualType PT = P->getType();
    auto OldA = Aliases.find(P);
    SavedAlias.push_back({P, OldA == Aliases.end()
                                 ? std::nullopt
                                 : std::optional<ExprP>(OldA->second)});
    auto OldV = Vars.find(P);
    SavedVar.push_back({P, OldV == Vars.end() ? nullptr : OldV->second});
    if (PT->isReferenceType() || PT->isPointerType()) {
      if (PT.getNonReferenceType()->isRecordType())
        Aliases[P] = recordPlace(A);
      else if (PT->isPointerType())
        Aliases[P] = arrayBase(A, "argument");
      else if (PT.getNonReferenceType().isConstQualified())
        Aliases[P] = expr(A);
      else
        Aliases[P] = lvalue(A);
      continue;
    }
    auto V = std::make_shared<Var>();
    V->Name =
        freshName(P->getNameAsString().empty() ? "_arg" : P->getNameAsString());
    V->Loc = loc(A->getExprLoc());
    V->Ty = lowerType(PT.getUnqualifiedType(), P->getLocation(),
                      "parameter '" + P->getNameAsString() + "'");
    declareFields(V, P->getLocation());
    if (V->Ty.isRecord()) {
      noViewCopy(V->Ty, A->getExprLoc(), "a copy");
      StmtP D = mkDecl(V, nullptr, V->Loc);
      D->HasInitList = true;
      Out.push_back(std::move(D));
      initRecord(mkVar(V, V->Loc), A, Out);
    } else {
      Out.push_back(mkDecl(V, expr(A), V->Loc));
    }
    Aliases.erase(P);
    Vars[P] = V;
  }
  ExprP SavedThis = ThisPlace;
  ThisPlace = Dst;
  // The member initializers (the default member initializers included),
  // then the body.
  for (const CXXCtorInitializer *I : C->inits()) {
    if (I->isDelegatingInitializer()) { // S(a) : S(a, 1) {...}
      initRecord(Dst, I->getInit(), Out);
      continue;
    }
    if (!I->isMemberInitializer())
      fail(I->getSourceLocation().isValid() ? I->getSourceLocation() : L,
           "this constructor initializer is not supported: tad follows "
           "initializers of the struct's own members");
    const FieldDecl *FD = I->getMember();
    ExprP F = fieldOfPlace(Dst, FD->getFieldIndex());
    const clang::Expr *E = I->getInit()->IgnoreImplicit();
    if (const auto *DI = dyn_cast<CXXDefaultInitExpr>(E))
      E = DI->getExpr()->IgnoreImplicit();
    if (const auto *PL = dyn_cast<ParenListExpr>(E);
        PL && PL->getNumExprs() == 1)
      E = PL->getExpr(0)->IgnoreImplicit();
    if (F->Ty.isRecord()) {
      initRecord(F, E, Out);
      continue;
    }
    if (isa<ImplicitValueInitExpr>(E))
      continue;
    if (!F->V->Dims.empty() || F->Ty.IsPointer || isa<InitListExpr>(E))
      fail(E->getExprLoc(), "this member initializer is not supported: "
                            "initialise array and pointer members in the "
                            "constructor's body");
    Out.push_back(
        mkAssign(scalarPlace(F), AssignOp::Set, expr(E), loc(E->getExprLoc())));
  }
  if (const auto *Body = dyn_cast_or_null<CompoundStmt>(C->getBody())) {
    // The body's statements are statements of their own: the copies of
    // the statement being lowered wait.
    StmtList Pre = std::move(PreCall), Post = std::move(PostCall);
    PreCall.clear();
    PostCall.clear();
    bool Back = CopyBack;
    if (const ReturnStmt *R = firstReturn(Body))
      fail(R->getBeginLoc(), "a 'return' in a constructor is not supported");
    for (const clang::Stmt *S : Body->body())
      stmt(S, Out);
    PreCall = std::move(Pre);
    PostCall = std::move(Post);
    CopyBack = Back;
  }
  ThisPlace = SavedThis;
  for (auto &[P, Old] : SavedAlias) {
    if (Old)
      Aliases[P] = *Old;
    else
      Aliases.erase(P);
  }
  for (auto &[P, Old] : SavedVar) {
    if (Old)
      Vars[P] = Old;
    else
      Vars.erase(P);
  }
  --ConstructDepth;
}

void Lowerer::recordLocal(const VarP &V, const VarDecl *VD, StmtList &Out) {
  SrcLoc Loc = loc(VD->getLocation());
  noViewCopy(V->Ty, VD->getLocation(), "a local");
  if (!V->Dims.empty()) {
    const clang::Expr *Init = VD->getInit();
    if (Init)
      Init = Init->IgnoreImplicit();
    bool Default = !Init || (isa<CXXConstructExpr>(Init) &&
                             cast<CXXConstructExpr>(Init)->getNumArgs() == 0);
    if (const auto *IL = dyn_cast_or_null<InitListExpr>(Init)) {
      Default = true;
      for (const clang::Expr *X : IL->inits())
        Default &= isa<ImplicitValueInitExpr>(X);
    }
    if (!Default)
      fail(Init->getExprLoc(), "initializers of local arrays of structs are "
                               "not supported yet; assign the elements");
    bool Defaults = V->Ty.Rec->HasConstructors;
    for (const Record::Field &F : V->Ty.Rec->Fields)
      Defaults |= F.HasDefault;
    if (Defaults)
      fail(VD->getLocation(),
           "a local array of '" + V->Ty.Rec->Spelling +
               "', which has default member initializers or constructors, "
               "is not supported yet");
    StmtP D = mkDecl(V, nullptr, Loc);
    D->HasInitList = true;
    Out.push_back(std::move(D));
    return;
  }
  // `S s = {}` (all fields zero) and then what the source sets.
  StmtP D = mkDecl(V, nullptr, Loc);
  D->HasInitList = true;
  Out.push_back(std::move(D));
  CopyBack = true;
  StmtList Inits;
  initRecord(mkVar(V, Loc), VD->getInit(), Inits);
  for (StmtP &S : Inits)
    flushCalls(std::move(S), Out);
}

bool Lowerer::recordAssign(const clang::Expr *E, StmtList &Out) {
  const clang::Expr *L = nullptr, *R = nullptr;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (OC->getOperator() != OO_Equal || OC->getNumArgs() != 2 ||
        !OC->getArg(0)->getType()->isRecordType())
      return false;
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee());
    if (M && M->isUserProvided())
      return false; // a call of the user's operator

    L = OC->getArg(0);
    R = OC->getArg(1);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() != BO_Assign || !BO->getType()->isRecordType())
      return false;
    L = BO->getLHS();
    R = BO->getRHS();
  } else {
    return false;
  }
  CopyBack = true;
  ExprP Dst = recordPlace(L);
  noViewCopy(Dst->Ty, E->getExprLoc(), "an assignment");
  StmtList Copies;
  R = bare(R);
  SrcLoc Loc = loc(E->getExprLoc());
  if (isa<InitListExpr>(R)) {
    // `v = {a, b}`, `v = {}`: the value made in a local first (it may read
    // v: `v = {v.y, v.x}`), then copied.
    StmtList Made;
    ExprP Src = recordValue(R, Made);
    for (StmtP &S : Made)
      flushCalls(std::move(S), Out);
    CopyBack = false;
    copyFields(Dst, Src, Out, Loc);
    return true;
  }
  if (isa<CallExpr>(R) && R->isPRValue()) { // returns a struct: inlined
    flushCalls(mkAssign(Dst, AssignOp::Set, expr(R), Loc), Out);
    return true;
  }
  copyFields(Dst, recordPlace(R), Copies, Loc);
  // The structs the right side made (PreCall) before the copies.
  for (StmtP &S : PreCall)
    Out.push_back(std::move(S));
  PreCall.clear();
  CopyBack = false;
  for (StmtP &S : Copies)
    Out.push_back(std::move(S));
  return true;
}

ExprP Lowerer::recordValue(const clang::Expr *E, StmtList &Out) {
  const clang::Expr *X = bare(E);
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(X))
    if (CCE->getConstructor()->isCopyOrMoveConstructor() &&
        CCE->getNumArgs() == 1) // `return c;`: the local itself
      return recordValue(CCE->getArg(0), Out);
  if (isa<CallExpr>(X) && X->isPRValue())
    return expr(X);
  if (const auto *CO = dyn_cast<ConditionalOperator>(X)) {
    // `return c ? a : b;`: the chosen local, set before the statement.
    bool Back = CopyBack;
    CopyBack = true;
    std::size_t Pre = PreCall.size();
    ExprP R = chosenRecord(CO);
    CopyBack = Back;
    for (std::size_t K = Pre; K < PreCall.size(); ++K)
      Out.push_back(std::move(PreCall[K]));
    PreCall.resize(Pre);
    return R;
  }
  if (X->isGLValue() && !isa<CXXConstructExpr>(X) && !isa<InitListExpr>(X))
    return recordPlace(X);
  // `return {a, b};`, `return Vec3{...};`: a local holds the value.
  auto V = std::make_shared<Var>();
  V->Name = freshName("_value");
  V->Loc = loc(E->getExprLoc());
  V->Ty = lowerType(E->getType().getUnqualifiedType(), E->getExprLoc(),
                    "this value");
  declareFields(V, E->getExprLoc());
  StmtP D = mkDecl(V, nullptr, V->Loc);
  D->HasInitList = true;
  Out.push_back(std::move(D));
  initRecord(mkVar(V, V->Loc), X, Out);
  return mkVar(V, V->Loc);
}

} // namespace tad
