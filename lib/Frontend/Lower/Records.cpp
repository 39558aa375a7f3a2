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
  for (const CXXConstructorDecl *C : RD->ctors())
    if (C->isUserProvided())
      fail(L, Has + "which has a user-provided constructor; tad supports "
                    "structs initialised by aggregate initialisation ('S s "
                    "= {a, b};') or member by member (constructors are not "
                    "supported yet)");
  auto R = std::make_shared<Record>();
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

/// Whether R has an array member (anywhere in it).
static bool hasArrayMember(const Record &R) {
  for (const Record::Field &F : R.Fields)
    if (!F.Dims.empty() || F.Ty.IsPointer ||
        (F.Ty.Rec && hasArrayMember(*F.Ty.Rec)))
      return true;
  return false;
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
  if (V->isArray() && !V->Ty.Reference && hasArrayMember(*V->Ty.Rec))
    fail(L, "'" + V->Name + "' is an array of, or a pointer to, '" +
                V->Ty.Rec->Spelling +
                "', which has an array or pointer member: tad supports "
                "them in struct values and references (b[i].v[k] is not "
                "supported yet)");
  makeFields(V);
}

ExprP Lowerer::recordPlace(const clang::Expr *E) {
  const clang::Expr *X = E->IgnoreImplicit();
  if (isa<CallExpr>(X) && X->getType()->isRecordType()) {
    // `cross(a, b).z`: the struct the call returns, held in a local.
    if (!((CopyBack && !NoCopyBack) || InReturn))
      fail(X->getExprLoc(), "a struct returned by a call can be read in a "
                            "declaration, an assignment or a return only; "
                            "store it in a local first");
    auto V = std::make_shared<Var>();
    V->Name = freshName("_value");
    V->Loc = loc(X->getExprLoc());
    V->Ty = lowerType(X->getType().getUnqualifiedType(), X->getExprLoc(),
                      "this value");
    declareFields(V, X->getExprLoc());
    StmtP D = mkDecl(V, nullptr, V->Loc);
    D->HasInitList = true;
    ExprP C = expr(X);
    PreCall.push_back(std::move(D));
    PreCall.push_back(mkAssign(mkVar(V, V->Loc), AssignOp::Set, C, V->Loc));
    return mkVar(V, V->Loc);
  }
  ExprP P = expr(E);
  bool Ok = P->Ty.isRecord() && !P->Ty.IsPointer &&
            (P->is(Expr::Kind::VarRef) || P->is(Expr::Kind::Index));
  if (!Ok)
    fail(E->getExprLoc(), "tad cannot follow this struct value: only struct "
                          "variables, parameters, members and elements of "
                          "arrays of structs are supported here");
  return P;
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

void Lowerer::copyRecord(const ExprP &Dst, const ExprP &Src, StmtList &Out,
                         SrcLoc Loc) {
  copyFields(Dst, Src, Out, Loc);
}

void Lowerer::initRecord(const ExprP &Dst, const clang::Expr *Init,
                         StmtList &Out) {
  const RecordDecl *RD = RecordDecls.at(Dst->Ty.Rec.get());
  SrcLoc Loc = loc(Init ? Init->getExprLoc() : RD->getLocation());
  if (Init)
    Init = Init->IgnoreImplicit();
  if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(Init)) {
    const CXXConstructorDecl *C = CE->getConstructor();
    if (C->isCopyOrMoveConstructor() && CE->getNumArgs() == 1) {
      copyRecord(Dst, recordPlace(CE->getArg(0)), Out, Loc);
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
      copyRecord(Dst, recordPlace(Init), Out, Loc);
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
    for (const Record::Field &F : V->Ty.Rec->Fields)
      if (F.HasDefault)
        fail(VD->getLocation(),
             "a local array of '" + V->Ty.Rec->Spelling +
                 "', which has default member initializers, is not "
                 "supported yet");
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
  ExprP Dst = recordPlace(L);
  noViewCopy(Dst->Ty, E->getExprLoc(), "an assignment");
  StmtList Copies;
  R = R->IgnoreImplicit();
  if (isa<InitListExpr>(R))
    fail(R->getExprLoc(), "assigning a braced list to a struct is not "
                          "supported yet; assign the members");
  SrcLoc Loc = loc(E->getExprLoc());
  if (isa<CallExpr>(R)) { // a function returning a struct: inlined
    CopyBack = true;
    flushCalls(mkAssign(Dst, AssignOp::Set, expr(R), Loc), Out);
    return true;
  }
  copyRecord(Dst, recordPlace(R), Copies, Loc);
  for (StmtP &S : Copies)
    Out.push_back(std::move(S));
  return true;
}

ExprP Lowerer::recordValue(const clang::Expr *E, StmtList &Out) {
  const clang::Expr *X = E->IgnoreImplicit();
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(X))
    if (CCE->getConstructor()->isCopyOrMoveConstructor() &&
        CCE->getNumArgs() == 1) // `return c;`: the local itself
      return recordValue(CCE->getArg(0), Out);
  if (isa<CallExpr>(X))
    return expr(X);
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
