//===- Frontend/Lower/Containers.cpp - std::vector and std::array ---------===//
//
// The standard containers of scalars, lowered as the arrays they hold: a
// parameter `const std::vector<T> &x` is an input array, `std::vector<T>
// &y` an in-out one, a local `std::vector<T> v(n)` an array of run-time
// size (Var::Size), a `std::array<T, N>` an array of N. Element access
// (v[i], at, front, back) is indexing, v.size() the builtin `.size`,
// v.data() the array at offset 0; the operations that change a vector's
// size are calls on it (IR.h, ShapeOp) that the derivatives mirror on the
// tangent and undo on the cotangent. Copies and fills are loops.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"
#include "IR/Names.h"
#include "IR/Spelling.h"
#include "Rules/ExprBuilder.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

using namespace clang;

namespace tad {

std::optional<Lowerer::ContainerInfo> Lowerer::containerOf(QualType QT,
                                                           SourceLocation L) {
  const auto *CTSD = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      QT.getCanonicalType()->getAsCXXRecordDecl());
  if (!CTSD || !CTSD->isInStdNamespace())
    return std::nullopt;
  StringRef Name = CTSD->getName();
  if (Name != "vector" && Name != "array")
    return std::nullopt;
  const TemplateArgumentList &Args = CTSD->getTemplateArgs();
  ContainerInfo I;
  I.Kind = Name == "vector" ? Container::Vector : Container::Array;
  I.Elt = Args[0].getAsType();
  // The element as written (`std::size_t`, not `unsigned long`) where the
  // type keeps it: the generated code spells it so.
  if (const auto *TST = QT->getAs<TemplateSpecializationType>())
    if (!TST->template_arguments().empty() &&
        TST->template_arguments()[0].getKind() == TemplateArgument::Type)
      I.Elt = TST->template_arguments()[0].getAsType();
  std::optional<Type> T = scalarType(I.Elt);
  PrintingPolicy PP(Ctx.getLangOpts());
  PP.SuppressTagKeyword = true;
  const CXXRecordDecl *EltRD = I.Elt->getAsCXXRecordDecl();
  if (!T && I.Kind == Container::Vector && EltRD &&
      !EltRD->isInStdNamespace() && !I.Elt.isConstQualified())
    if (auto R = recordOf(I.Elt, L, "an element of this std::vector")) {
      T = Type::scalar(ScalarKind::Record);
      T->Rec = R;
    }
  if (!T || T->Kind == ScalarKind::Void || I.Elt.isConstQualified())
    fail(L, "std::" + Name.str() + " of '" + I.Elt.getAsString(PP) +
                "' is not supported yet: tad models std::vector and "
                "std::array of float, double, integer and bool elements, "
                "and std::vector of structs");
  I.EltTy = *T;
  if (I.Kind == Container::Array)
    I.N = Args[1].getAsIntegral().getZExtValue();
  return I;
}

/// The element type of a container parameter or local.
static Type containerType(Type Elt, Container Kind, std::uint64_t N) {
  Elt.Const = false;
  Elt.Cont = Kind;
  Elt.ContN = N;
  return Elt;
}

std::optional<Type> Lowerer::containerParamType(QualType QT, SourceLocation L,
                                                const std::string &What) {
  std::optional<ContainerInfo> I = containerOf(QT.getNonReferenceType(), L);
  if (!I)
    return std::nullopt;
  const char *Name =
      I->Kind == Container::Vector ? "std::vector" : "std::array";
  if (!QT->isLValueReferenceType())
    fail(L, What + " is a " + Name +
                " passed by value, which tad does not support yet: pass it "
                "by reference (`const " +
                QT.getNonReferenceType().getUnqualifiedType().getAsString() +
                " &` for an input)");
  Type T = containerType(I->EltTy, I->Kind, I->N);
  T.IsPointer = true;
  T.PointeeConst = QT.getNonReferenceType().isConstQualified();
  return T;
}

void Lowerer::failStructVector(SourceLocation L, const std::string &What) {
  fail(L, What + " is not supported yet: tad reads and writes the elements "
                 "of a std::vector of structs, without changing "
                 "its size");
}

ExprP Lowerer::containerVar(const clang::Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!DRE || Aliases.count(DRE->getDecl()))
    return nullptr;
  VarP V = varFor(DRE->getDecl(), DRE->getLocation());
  return isContainer(*V) ? mkVar(V, loc(DRE->getLocation())) : nullptr;
}

StmtP Lowerer::indexLoop(
    ExprP From, ExprP To, SrcLoc Loc,
    const std::function<void(const ExprP &, StmtList &)> &Body) {
  Type Size = Type::integer("std::size_t");
  Size.Unsigned = true;
  VarP K = makeVar(freshName("_k"), Size, Loc);
  StmtP For = mkStmt(Stmt::Kind::For, Loc);
  For->ForInit.push_back(mkDecl(K, std::move(From), Loc));
  For->Cond = mkBinary(BinOp::Lt, mkVar(K), std::move(To),
                       Type::scalar(ScalarKind::Bool), Loc);
  For->ForInc.push_back(mkAssign(mkVar(K), AssignOp::Add, mkLit(1, Size), Loc));
  Body(mkVar(K), For->Body);
  return For;
}

namespace {
/// X converted to the element type of the container V.
ExprP asElement(ExprP X, const ExprP &V) {
  Type Elt = V->Ty.element();
  if (X->Ty.sameScalar(Elt))
    return X;
  return mkCast(Elt, std::move(X), X->Loc, true);
}
} // namespace

ExprP Lowerer::containerExpr(const CallExpr *CE) {
  const clang::Expr *Obj = nullptr;
  std::string M;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE)) {
    if (OC->getOperator() != OO_Subscript)
      return nullptr;
    Obj = OC->getArg(0);
    M = "operator[]";
  } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    Obj = MC->getImplicitObjectArgument();
    if (!Obj || !MC->getMethodDecl())
      return nullptr;
    M = MC->getMethodDecl()->getNameAsString();
  } else {
    return nullptr;
  }
  SourceLocation L = CE->getExprLoc();
  if (!containerOf(Obj->getType(), L))
    return nullptr;
  ExprP V = containerVar(Obj);
  if (!V)
    fail(Obj->getExprLoc(),
         "tad follows std::vector and std::array variables (parameters and "
         "locals) only; this container is not one");
  SrcLoc SL = loc(L);
  unsigned First = isa<CXXOperatorCallExpr>(CE) ? 1 : 0;
  auto Arg = [&](unsigned K) {
    // The index as written: its conversion to size_type is implicit.
    const clang::Expr *A = CE->getArg(First + K);
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(A->IgnoreParens());
        ICE && ICE->getCastKind() == CK_IntegralCast)
      A = ICE->getSubExpr();
    return expr(A); // an integer (Clang converted a floating one)
  };
  ExprP Size = sizeOf(V->V, SL);
  if (M == "operator[]" || M == "at") // at's range check is the user's
    return mkIndex(V, Arg(0), SL);
  if (M == "size")
    return Size;
  if (M == "data")
    return mkOffset(V, mkLit(0, Type::integer("int")), SL);
  if (M == "front")
    return mkIndex(V, mkLit(0, Type::integer("int")), SL);
  if (M == "back")
    return mkIndex(
        V,
        Size->is(Expr::Kind::Lit)
            ? mkLit(Size->Value - 1, sizeType())
            : mkBinary(BinOp::Sub, Size, mkLit(1, sizeType()), sizeType(), SL),
        SL);
  if (M == "empty")
    return mkBinary(BinOp::Eq, Size, mkLit(0, sizeType()),
                    Type::scalar(ScalarKind::Bool), SL);
  if (M == "rbegin" || M == "rend")
    fail(L, "reverse iterators ('" + M +
                "') are not supported yet: index the container (v[i]) in a "
                "loop that counts down");
  if (M == "begin" || M == "end" || M == "cbegin" || M == "cend")
    fail(L, "an iterator ('" + M +
                "') is supported as a local (auto it = v.begin()), compared "
                "with another, and as a range of the algorithms tad models; "
                "index the container (v[i]) or loop over it with a "
                "range-based for");
  fail(L, "member function '" + M +
              "' of a standard container is not supported: tad models "
              "operator[], at, size, data, front, back, empty, push_back, "
              "emplace_back, pop_back, resize, assign, clear, reserve and "
              "fill");
}

bool Lowerer::containerStmt(const clang::Expr *E, StmtList &Out) {
  const auto *CE = dyn_cast<CallExpr>(E->IgnoreParens());
  if (!CE)
    return false;
  SourceLocation L = CE->getExprLoc();
  SrcLoc SL = loc(L);
  // v = w of two containers: w's size and elements.
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE)) {
    if (OC->getOperator() != OO_Equal ||
        !containerOf(OC->getArg(0)->getType(), L))
      return false;
    ExprP V = containerVar(OC->getArg(0));
    ExprP W = containerVar(OC->getArg(1));
    if (!V || !W)
      fail(L, "assigning this to a container is not supported: tad copies "
              "one container variable into another (v = w) only");
    if (V->Ty.isRecord())
      failStructVector(L, "assigning a whole std::vector of structs");
    if (V->Ty.Cont == Container::Vector)
      Out.push_back(mkExprStmt(
          mkShapeOp(ShapeOp::Resize, {V, sizeOf(W->V, SL)}, SL), SL));
    Out.push_back(indexLoop(mkLit(0, sizeType()), sizeOf(W->V, SL), SL,
                            [&](const ExprP &K, StmtList &Body) {
                              Body.push_back(mkAssign(
                                  mkIndex(V, K, SL), AssignOp::Set,
                                  asElement(mkIndex(W, K, SL), V), SL));
                            }));
    return true;
  }
  const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
  if (!MC || !MC->getImplicitObjectArgument() || !MC->getMethodDecl() ||
      !containerOf(MC->getImplicitObjectArgument()->getType(), L))
    return false;
  std::string M = MC->getMethodDecl()->getNameAsString();
  if (M != "push_back" && M != "emplace_back" && M != "resize" &&
      M != "assign" && M != "clear" && M != "pop_back" && M != "reserve" &&
      M != "shrink_to_fit" && M != "fill")
    return false;
  ExprP V = containerVar(MC->getImplicitObjectArgument());
  if (!V)
    return false; // containerExpr says why
  if (V->Ty.PointeeConst)
    return false; // Clang has refused it
  if (V->Ty.isRecord() && M != "reserve" && M != "shrink_to_fit")
    failStructVector(L, "'" + M + "' on a std::vector of structs");
  unsigned N = MC->getNumArgs();
  // The value, computed once before the container changes (it may read
  // the container: `c.fill(c[0])`).
  auto Value = [&](const clang::Expr *Value) {
    ExprP X = asElement(expr(Value), V);
    if (X->is(Expr::Kind::Lit))
      return X;
    VarP T = makeVar(freshName("_value"), X->Ty.unqualified(), SL);
    T->Ty.Const = true;
    Out.push_back(mkDecl(T, X, SL));
    return mkVar(T, SL);
  };
  auto Fill = [&](ExprP From, ExprP To, ExprP X) {
    if (isZeroLiteral(*X) && From->is(Expr::Kind::Lit) &&
        V->Ty.Cont == Container::Vector)
      return; // a vector's new elements are zero
    Out.push_back(indexLoop(std::move(From), std::move(To), SL,
                            [&](const ExprP &K, StmtList &Body) {
                              Body.push_back(mkAssign(mkIndex(V, K, SL),
                                                      AssignOp::Set, X, SL));
                            }));
  };
  if (M == "fill") { // std::array
    Fill(mkLit(0, sizeType()), sizeOf(V->V, SL), Value(MC->getArg(0)));
    return true;
  }
  if (M == "reserve" || M == "shrink_to_fit")
    return true; // the values do not change
  if ((M == "push_back" || M == "emplace_back") && N == 1) {
    CopyBack = true;
    ExprP X = asElement(expr(MC->getArg(0)), V);
    flushCalls(mkExprStmt(mkShapeOp(ShapeOp::PushBack, {V, X}, SL), SL), Out);
    return true;
  }
  if (M == "clear" || M == "pop_back") {
    ExprP To = M == "clear" ? mkLit(0, sizeType())
                            : mkBinary(BinOp::Sub, sizeOf(V->V, SL),
                                       mkLit(1, sizeType()), sizeType(), SL);
    Out.push_back(mkExprStmt(mkShapeOp(ShapeOp::Resize, {V, To}, SL), SL));
    return true;
  }
  if ((M == "resize" && (N == 1 || N == 2)) ||
      (M == "assign" && N == 2 && MC->getArg(0)->getType()->isIntegerType())) {
    ExprP Count = expr(MC->getArg(0)); // converted to size_type
    if (M == "assign") {
      // Every element is the value: the old ones go first.
      ExprP X = Value(MC->getArg(1));
      Out.push_back(mkExprStmt(
          mkShapeOp(ShapeOp::Resize, {V, mkLit(0, sizeType())}, SL), SL));
      Out.push_back(mkExprStmt(mkShapeOp(ShapeOp::Resize, {V, Count}, SL), SL));
      Fill(mkLit(0, sizeType()), sizeOf(V->V, SL), X);
      return true;
    }
    if (N == 1) {
      Out.push_back(mkExprStmt(mkShapeOp(ShapeOp::Resize, {V, Count}, SL), SL));
      return true;
    }
    // resize(n, x): the new elements, from the old size on, are x.
    Type Size = sizeType();
    ExprP X = Value(MC->getArg(1));
    VarP Old = makeVar(freshName("_size"), Size, SL);
    Old->Ty.Const = true;
    Out.push_back(mkDecl(Old, sizeOf(V->V, SL), SL));
    Out.push_back(mkExprStmt(mkShapeOp(ShapeOp::Resize, {V, Count}, SL), SL));
    Fill(mkVar(Old), sizeOf(V->V, SL), X);
    return true;
  }
  fail(L, "'" + M +
              "' with these arguments is not supported: tad models "
              "push_back(x), emplace_back(x), resize(n), resize(n, x), "
              "assign(n, x), clear() and pop_back()");
}

void Lowerer::structVectorLocal(const VarDecl *VD, const Record &R) {
  // Its elements, and its tangent's and cotangent's, are value-initialized
  // (zero): what the derivatives need, unless the struct sets values.
  bool Defaults = R.HasConstructors, Arrays = false;
  std::function<void(const Record &)> Scan = [&](const Record &S) {
    Defaults |= S.HasConstructors;
    for (const Record::Field &F : S.Fields) {
      Defaults |= F.HasDefault;
      Arrays |= !F.Dims.empty();
      if (F.Ty.isRecord())
        Scan(*F.Ty.Rec);
    }
  };
  Scan(R);
  if (Arrays)
    fail(VD->getLocation(), "a local std::vector of '" + R.Spelling +
                                "', which has array members, is not "
                                "supported yet");
  if (Defaults)
    fail(VD->getLocation(),
         "a local std::vector of '" + R.Spelling +
             "', which has default member initializers or constructors, is "
             "not supported yet");
  const clang::Expr *Init = VD->getInit();
  const auto *CCE =
      Init ? dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit()) : nullptr;
  unsigned Args = 0;
  if (CCE)
    for (const clang::Expr *A : CCE->arguments())
      Args += !isa<CXXDefaultArgExpr>(A);
  if (!CCE || Args != 1 || !CCE->getArg(0)->getType()->isIntegerType())
    fail(VD->getLocation(), "a local std::vector of structs is supported "
                            "with a size only (std::vector<" +
                                R.Spelling +
                                "> v(n)): set its elements after it");
}

bool Lowerer::containerLocal(const VarDecl *VD, StmtList &Out) {
  SourceLocation L = VD->getLocation();
  std::optional<ContainerInfo> I = containerOf(VD->getType(), L);
  if (!I) {
    // `auto it = v.begin()`: what tad says of the call.
    if (VD->getInit())
      if (const auto *MC =
              dyn_cast<CXXMemberCallExpr>(VD->getInit()->IgnoreImplicit()))
        containerExpr(MC);
    return false;
  }
  if (VD->isStaticLocal())
    fail(L, "static local containers are not supported: their state would "
            "be shared between the primal and derivative functions");
  SrcLoc SL = loc(L);
  auto V = std::make_shared<Var>();
  V->Name = VD->getNameAsString();
  V->Loc = SL;
  if (I->EltTy.isRecord())
    structVectorLocal(VD, *I->EltTy.Rec);
  V->Ty = containerType(I->EltTy, I->Kind, I->N);
  if (I->Kind == Container::Vector)
    V->Ty.IsPointer = true;
  else
    V->Dims = {I->N};
  if (V->Ty.isRecord())
    declareFields(V, L);
  Vars[VD] = V;
  ExprP Ref = mkVar(V, SL);
  StmtP D = mkDecl(V, nullptr, SL);
  StmtList After;
  auto Elements = [&](const InitListExpr *IL) {
    if (I->Kind == Container::Array) {
      D->HasInitList = true;
      for (const clang::Expr *E : IL->inits())
        if (!isa<ImplicitValueInitExpr>(E))
          D->InitList.push_back(asElement(expr(E), Ref));
      return;
    }
    V->Size = mkLit(IL->getNumInits(), sizeType());
    for (unsigned K = 0; K < IL->getNumInits(); ++K)
      After.push_back(mkAssign(mkIndex(Ref, mkLit(K, Type::integer("int")), SL),
                               AssignOp::Set,
                               asElement(expr(IL->getInit(K)), Ref), SL));
  };
  const clang::Expr *Init = VD->getInit();
  if (Init)
    Init = Init->IgnoreImplicit();
  if (const auto *EWC = dyn_cast_or_null<ExprWithCleanups>(Init))
    Init = EWC->getSubExpr()->IgnoreImplicit();
  if (const auto *IL = dyn_cast_or_null<InitListExpr>(Init)) {
    // std::array<double, 3> a = {1, 2, 3}: the braces of its array member.
    if (IL->getNumInits() == 1)
      if (const auto *Inner =
              dyn_cast<InitListExpr>(IL->getInit(0)->IgnoreImplicit()))
        IL = Inner;
    Elements(IL);
  } else if (const auto *CCE = dyn_cast_or_null<CXXConstructExpr>(Init)) {
    std::vector<const clang::Expr *> Args;
    for (const clang::Expr *A : CCE->arguments())
      if (!isa<CXXDefaultArgExpr>(A))
        Args.push_back(A);
    const clang::Expr *A0 = Args.empty() ? nullptr : Args[0]->IgnoreImplicit();
    if (const auto *MTE = dyn_cast_or_null<MaterializeTemporaryExpr>(A0))
      A0 = MTE->getSubExpr()->IgnoreImplicit();
    if (Args.empty()) {
      if (I->Kind == Container::Array &&
          (CCE->isListInitialization() || CCE->requiresZeroInitialization()))
        D->HasInitList = true; // std::array<double, 3> a{}: zeros
    } else if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(A0)) {
      Elements(cast<InitListExpr>(SIL->getSubExpr()->IgnoreImplicit()));
    } else if (ExprP W = containerVar(Args[0])) { // a copy
      if (I->Kind == Container::Vector)
        V->Size = sizeOf(W->V, SL);
      After.push_back(indexLoop(mkLit(0, sizeType()), sizeOf(W->V, SL), SL,
                                [&](const ExprP &K, StmtList &Body) {
                                  Body.push_back(mkAssign(
                                      mkIndex(Ref, K, SL), AssignOp::Set,
                                      asElement(mkIndex(W, K, SL), Ref), SL));
                                }));
    } else if (I->Kind == Container::Vector && Args.size() <= 2 &&
               Args[0]->getType()->isIntegerType()) {
      V->Size = expr(Args[0]); // std::vector<double> v(n[, x])
      if (Args.size() == 2) {
        ExprP X = asElement(expr(Args[1]), Ref);
        if (!isZeroLiteral(*X))
          After.push_back(indexLoop(mkLit(0, sizeType()), sizeOf(V, SL), SL,
                                    [&](const ExprP &K, StmtList &Body) {
                                      Body.push_back(
                                          mkAssign(mkIndex(Ref, K, SL),
                                                   AssignOp::Set, X, SL));
                                    }));
      }
    } else {
      fail(Init->getExprLoc(),
           "this initialisation of a container is not supported: tad "
           "models a size, a size and a value, a braced list and a copy of "
           "another container variable");
    }
  } else if (Init) {
    fail(Init->getExprLoc(),
         "this initialisation of a container is not supported: tad models "
         "a size, a size and a value, a braced list and a copy of another "
         "container variable");
  }
  Out.push_back(std::move(D));
  for (StmtP &S : After)
    Out.push_back(std::move(S));
  return true;
}

} // namespace tad
