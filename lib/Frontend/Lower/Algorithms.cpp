//===- Frontend/Lower/Algorithms.cpp - <algorithm> and <numeric> ----------===//
//
// The basic algorithms of <algorithm> and <numeric> on ranges of scalars,
// lowered to the loops they are: std::fill and std::copy (statements),
// std::accumulate and std::inner_product (an accumulator and a loop,
// declared before the statement that reads them), std::max_element and
// std::min_element (the index of the first largest or smallest element,
// found by a loop before the statement; the call is supported
// dereferenced or as an index, `it - first`), std::min and std::max of a
// braced list (a left fold of the binary rule, which keeps the first of
// equal values as the standard does), and std::swap of two scalars (a
// temporary and two assignments).
//
// A range is `v.begin(), v.end()` (or cbegin/cend) of a std::vector or
// std::array variable, or `a, a + n` of an array variable, or a local
// pointer or iterator, either end moved by `+ k` or `- k`; anything else
// is refused at the call.
//
// The same positions give iterator locals (`auto it = v.begin()`), which
// are followed as local pointers are, as an offset into one container
// (`*it` is v[it_off], `++it` is ++it_off), and the comparisons and
// differences of two pointers or iterators into one array, which are those
// of their offsets.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"
#include "IR/Names.h"
#include "Rules/ExprBuilder.h"
#include "Rules/Rules.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace tad {

namespace {
Type sizeType() {
  Type T = Type::integer("std::size_t");
  T.Unsigned = true;
  return T;
}

/// X as a std::size_t.
ExprP asSize(ExprP X) {
  if (X->is(Expr::Kind::Lit))
    return mkLit(X->Value, sizeType(), X->Loc);
  if (X->Ty.sameScalar(sizeType()))
    return X;
  SrcLoc L = X->Loc;
  return mkCast(sizeType(), std::move(X), L);
}

/// A + B of sizes, folded where both are literals and where one is 0.
ExprP addSize(ExprP A, ExprP B, SrcLoc L) {
  if (A->is(Expr::Kind::Lit) && B->is(Expr::Kind::Lit))
    return mkLit(A->Value + B->Value, sizeType(), L);
  if (A->is(Expr::Kind::Lit) && A->Value == 0)
    return B;
  if (B->is(Expr::Kind::Lit) && B->Value == 0)
    return A;
  return mkBinary(BinOp::Add, std::move(A), std::move(B), sizeType(), L);
}

ExprP subSize(ExprP A, ExprP B, SrcLoc L) {
  if (A->is(Expr::Kind::Lit) && B->is(Expr::Kind::Lit) && A->Value >= B->Value)
    return mkLit(A->Value - B->Value, sizeType(), L);
  if (B->is(Expr::Kind::Lit) && B->Value == 0)
    return A;
  return mkBinary(BinOp::Sub, std::move(A), std::move(B), sizeType(), L);
}

/// E without the conversions, temporaries and iterator copies around it.
const clang::Expr *bare(const clang::Expr *E) {
  for (;;) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *CCE = dyn_cast<CXXConstructExpr>(E);
        CCE && CCE->getNumArgs() == 1 && CCE->getConstructor() &&
        CCE->getConstructor()->isCopyOrMoveConstructor()) {
      E = CCE->getArg(0);
      continue;
    }
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E);
        FC && FC->getCastKind() == CK_NoOp) {
      E = FC->getSubExpr();
      continue;
    }
    return E;
  }
}

/// The std:: algorithm CE calls ("accumulate"), or "".
std::string algorithmName(const clang::Expr *E, const SourceManager &SM) {
  const auto *CE = dyn_cast<CallExpr>(bare(E));
  if (!CE || isa<CXXMemberCallExpr>(CE) || isa<CXXOperatorCallExpr>(CE))
    return "";
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || !FD->isInStdNamespace() ||
      !SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())))
    return "";
  return FD->getNameAsString();
}

const char *const Supported =
    "tad models the ranges 'v.begin(), v.end()' of a std::vector or "
    "std::array variable and 'a, a + n' of an array variable (either end "
    "moved by '+ k' or '- k')";
} // namespace

std::optional<Lowerer::Position> Lowerer::position(const clang::Expr *E) {
  E = bare(E);
  SrcLoc SL = loc(E->getExprLoc());
  // `first + k`, `last - k` (an iterator's operator or a pointer's).
  const clang::Expr *Inner = nullptr, *K = nullptr;
  bool Minus = false;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
      OC && OC->getNumArgs() == 2 &&
      (OC->getOperator() == OO_Plus || OC->getOperator() == OO_Minus) &&
      OC->getArg(1)->getType()->isIntegerType()) {
    Inner = OC->getArg(0);
    K = OC->getArg(1);
    Minus = OC->getOperator() == OO_Minus;
  } else if (const auto *BO = dyn_cast<BinaryOperator>(E);
             BO && BO->getType()->isPointerType() &&
             (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
             BO->getRHS()->getType()->isIntegerType()) {
    Inner = BO->getLHS();
    K = BO->getRHS();
    Minus = BO->getOpcode() == BO_Sub;
  }
  if (Inner) {
    std::optional<Position> P = position(Inner);
    if (!P)
      return std::nullopt;
    ExprP Off = asSize(expr(K));
    P->Off = Minus ? subSize(P->Off, Off, SL) : addSize(P->Off, Off, SL);
    return P;
  }
  // v.begin(), v.end() of a container variable.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const clang::Expr *Obj = MC->getImplicitObjectArgument();
    if (!Obj || !MC->getMethodDecl() || MC->getNumArgs() ||
        !containerOf(Obj->getType(), E->getExprLoc()))
      return std::nullopt;
    std::string M = MC->getMethodDecl()->getNameAsString();
    if (M != "begin" && M != "end" && M != "cbegin" && M != "cend")
      return std::nullopt;
    ExprP V = containerVar(Obj);
    if (!V)
      return std::nullopt;
    Position P;
    P.Base = V;
    P.Root = V->V.get();
    P.Off = M == "begin" || M == "cbegin" ? mkLit(0, sizeType(), SL)
                                          : asSize(sizeOf(V->V, SL));
    return P;
  }
  // A local pointer or iterator: its array at its offset.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (auto It = PointerLocals.find(DRE->getDecl());
        It != PointerLocals.end()) {
      Position P;
      P.Base = mkVar(It->second.Base, SL);
      P.Root = It->second.Base.get();
      P.Off = asSize(mkVar(It->second.Off, SL));
      return P;
    }
  // a, an array variable (a pointer parameter, a local array).
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E);
      DRE &&
      (DRE->getType()->isPointerType() || DRE->getType()->isArrayType())) {
    if (Aliases.count(DRE->getDecl()))
      return std::nullopt;
    VarP V = varFor(DRE->getDecl(), DRE->getLocation());
    if (!V->isArray() || V->Ty.isRecord())
      return std::nullopt;
    Position P;
    P.Base = mkVar(V, SL);
    P.Root = V.get();
    P.Off = mkLit(0, sizeType(), SL);
    return P;
  }
  return std::nullopt;
}

Lowerer::Position Lowerer::rangeStart(const clang::Expr *E,
                                      const std::string &Algo) {
  std::optional<Position> P = position(E);
  if (!P)
    fail(E->getExprLoc(),
         "this range of 'std::" + Algo + "' is not supported: " + Supported);
  if (P->Base->Ty.isRecord())
    fail(E->getExprLoc(), "'std::" + Algo +
                              "' over structs is not supported yet: tad "
                              "models the algorithms on ranges of scalars; "
                              "loop over the elements");
  return *P;
}

std::pair<Lowerer::Position, ExprP> Lowerer::range(const clang::Expr *First,
                                                   const clang::Expr *Last,
                                                   const std::string &Algo) {
  Position A = rangeStart(First, Algo), B = rangeStart(Last, Algo);
  if (A.Root != B.Root) // the ends in two variables
    fail(Last->getExprLoc(),
         "this range of 'std::" + Algo + "' is not supported: " + Supported);
  return {A, B.Off};
}

ExprP Lowerer::element(const Position &P, ExprP K, SrcLoc L) {
  return mkIndex(P.Base, std::move(K), L);
}

void Lowerer::hoistHere(SourceLocation L, const std::string &Algo) {
  if ((CopyBack && !NoCopyBack) || InReturn)
    return;
  fail(L, "'std::" + Algo +
              "' is supported in a declaration, an assignment, a call, a "
              "return or an 'if' or loop condition only, not in a 'for' "
              "loop's initializer or increment: assign its result to a local "
              "first");
}

bool Lowerer::algorithmStmt(const clang::Expr *E, StmtList &Out) {
  std::string Algo = algorithmName(E, SM);
  if (Algo != "fill" && Algo != "copy" && Algo != "swap")
    return false;
  const auto *CE = cast<CallExpr>(bare(E));
  SourceLocation L = CE->getExprLoc();
  SrcLoc SL = loc(L);
  if (Algo == "swap") {
    if (CE->getNumArgs() != 2 || !scalarType(CE->getArg(0)->getType()) ||
        !scalarType(CE->getArg(1)->getType()))
      fail(L, "'std::swap' is supported on two scalars (variables, "
              "elements, members) only");
    ExprP A = expr(CE->getArg(0));
    VarP T = makeVar(freshName("_swap"), A->Ty.unqualified(), SL);
    T->Ty.Const = true;
    Out.push_back(mkDecl(T, A, SL));
    Out.push_back(mkAssign(lvalue(CE->getArg(0)), AssignOp::Set,
                           expr(CE->getArg(1)), SL));
    Out.push_back(
        mkAssign(lvalue(CE->getArg(1)), AssignOp::Set, mkVar(T, SL), SL));
    return true;
  }
  if (CE->getNumArgs() != 3)
    badArguments(CE, Algo);
  std::pair<Position, ExprP> RT = range(CE->getArg(0), CE->getArg(1), Algo);
  const Position &R = RT.first;
  const ExprP &To = RT.second;
  if (Algo == "fill") {
    // The value is computed once, converted to the element type.
    ExprP X = expr(CE->getArg(2));
    Type Elt = element(R, mkLit(0, sizeType()), SL)->Ty.unqualified();
    if (!X->Ty.sameScalar(Elt))
      X = mkCast(Elt, X, SL, true);
    if (!X->is(Expr::Kind::Lit)) {
      VarP T = makeVar(freshName("_value"), Elt, SL);
      T->Ty.Const = true;
      Out.push_back(mkDecl(T, X, SL));
      X = mkVar(T, SL);
    }
    Out.push_back(indexLoop(R.Off, To, SL, [&](const ExprP &K, StmtList &B) {
      B.push_back(mkAssign(element(R, K, SL), AssignOp::Set, X, SL));
    }));
    return true;
  }
  // std::copy(first, last, d_first): forward, element by element.
  Position D = rangeStart(CE->getArg(2), Algo);
  Out.push_back(indexLoop(R.Off, To, SL, [&](const ExprP &K, StmtList &B) {
    ExprP DK = addSize(D.Off, subSize(K, R.Off, SL), SL);
    ExprP X = element(R, K, SL);
    Type Elt = element(D, DK, SL)->Ty.unqualified();
    if (!X->Ty.sameScalar(Elt))
      X = mkCast(Elt, X, SL, true);
    B.push_back(mkAssign(element(D, DK, SL), AssignOp::Set, X, SL));
  }));
  return true;
}

ExprP Lowerer::extremum(const CallExpr *CE, const std::string &Algo) {
  SourceLocation L = CE->getExprLoc();
  SrcLoc SL = loc(L);
  if (CE->getNumArgs() != 2)
    badArguments(CE, Algo);
  hoistHere(L, Algo);
  std::pair<Position, ExprP> RT = range(CE->getArg(0), CE->getArg(1), Algo);
  const Position &R = RT.first;
  const ExprP &To = RT.second;
  // size_t _best = first; for (k = first + 1; k < last; ++k)
  //   if (a[_best] < a[k]) _best = k;   (min: a[k] < a[_best])
  VarP Best = makeVar(freshName("_best"), sizeType(), SL);
  PreCall.push_back(mkDecl(Best, R.Off, SL));
  bool Max = Algo == "max_element";
  PreCall.push_back(indexLoop(
      addSize(R.Off, mkLit(1, sizeType(), SL), SL), To, SL,
      [&](const ExprP &K, StmtList &B) {
        ExprP AB = element(R, mkVar(Best, SL), SL), AK = element(R, K, SL);
        StmtP If = mkStmt(Stmt::Kind::If, SL);
        If->Cond = mkBinary(BinOp::Lt, Max ? AB : AK, Max ? AK : AB,
                            Type::scalar(ScalarKind::Bool), SL);
        If->Body.push_back(mkAssign(mkVar(Best, SL), AssignOp::Set, K, SL));
        B.push_back(std::move(If));
      }));
  LastExtremum = R;
  return mkVar(Best, SL);
}

ExprP Lowerer::algorithm(const CallExpr *CE) {
  SourceLocation L = CE->getExprLoc();
  SrcLoc SL = loc(L);
  // *std::max_element(first, last): the element at the index.
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
      OC && OC->getOperator() == OO_Star && OC->getNumArgs() == 1)
    return extremumDeref(OC->getArg(0));
  // std::max_element(first, last) - first: the index, from first.
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
      OC && OC->getOperator() == OO_Minus && OC->getNumArgs() == 2)
    return extremumIndex(OC->getArg(0), OC->getArg(1), CE->getType(), L);
  std::string Algo = algorithmName(CE, SM);
  if (Algo.empty())
    return nullptr;
  if (Algo == "max_element" || Algo == "min_element")
    failResultUse(L, Algo);
  if (Algo == "fill" || Algo == "copy" || Algo == "swap")
    fail(L, "'std::" + Algo +
                "' is supported as a statement of its own only, not inside "
                "an expression");
  if ((Algo == "min" || Algo == "max") && CE->getNumArgs() >= 1 &&
      isa<CXXStdInitializerListExpr>(bare(CE->getArg(0)))) {
    const auto *SIL = cast<CXXStdInitializerListExpr>(bare(CE->getArg(0)));
    const auto *IL =
        dyn_cast<InitListExpr>(SIL->getSubExpr()->IgnoreImplicit());
    if (CE->getNumArgs() != 1 || !IL || IL->getNumInits() == 0)
      badArguments(CE, Algo); // a comparison, an empty list
    Type RT = lowerType(CE->getType(), L, "the result of this call");
    const Primitive *P = findMathPrimitive(Algo, 2);
    // A left fold: the binary rule keeps the first of equal values, as
    // std::max returns the first largest and std::min the first smallest.
    ExprP Acc = expr(IL->getInit(0));
    for (unsigned I = 1; I < IL->getNumInits(); ++I)
      Acc = mkBuiltinCall(P->Id, "std::" + Algo, {Acc, expr(IL->getInit(I))},
                          RT, SL);
    return Acc;
  }
  if (Algo != "accumulate" && Algo != "inner_product")
    return nullptr;
  unsigned N = CE->getNumArgs();
  bool Inner = Algo == "inner_product";
  if (Inner && N != 4) // with operations
    badArguments(CE, Algo);
  hoistHere(L, Algo);
  std::pair<Position, ExprP> RT = range(CE->getArg(0), CE->getArg(1), Algo);
  const Position &R = RT.first;
  const ExprP &To = RT.second;
  std::optional<Position> R2;
  if (Inner)
    R2 = rangeStart(CE->getArg(2), Algo);
  const clang::Expr *InitE = CE->getArg(Inner ? 3 : 2);
  Type AccTy = lowerType(CE->getType(), L, "the result of this call");
  Type Elt = element(R, mkLit(0, sizeType()), SL)->Ty.unqualified();
  if (!AccTy.sameScalar(Elt) || AccTy.IsPointer)
    fail(InitE->getExprLoc(),
         "the initial value of 'std::" + Algo + "' has type '" +
             InitE->getType().getAsString() +
             "', not the type of the elements: every partial sum would be "
             "converted to it; write the initial value in the element type "
             "(0.0 for double)");
  // The operation of accumulate(first, last, init, op): a lambda.
  const CXXMethodDecl *Op = nullptr;
  if (N == 4 && !Inner) {
    const clang::Expr *F = bare(CE->getArg(3));
    if (const auto *LE = dyn_cast<LambdaExpr>(F)) {
      Op = lambda(LE, freshName("_lambda"), PreCall);
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(F);
               DRE && Lambdas.count(DRE->getDecl())) {
      Op = Lambdas[DRE->getDecl()];
    } else {
      badArguments(CE, Algo);
    }
  }
  VarP Acc = makeVar(freshName("_acc"), AccTy.unqualified(), SL);
  PreCall.push_back(mkDecl(Acc, expr(InitE), SL));
  PreCall.push_back(indexLoop(R.Off, To, SL, [&](const ExprP &K, StmtList &B) {
    ExprP X = element(R, K, SL);
    if (Inner) {
      ExprP Y = element(*R2, addSize(R2->Off, subSize(K, R.Off, SL), SL), SL);
      if (!Y->Ty.sameScalar(Elt))
        fail(CE->getArg(2)->getExprLoc(),
             "the second range of 'std::inner_product' must hold elements "
             "of the type of the first");
      B.push_back(mkAssign(mkVar(Acc, SL), AssignOp::Add,
                           mkBinary(BinOp::Mul, X, Y, AccTy.unqualified(), SL),
                           SL));
    } else if (Op) {
      auto Call = std::make_shared<tad::Expr>(
          *mkUserCall("lambda", ClangFunctionSource::keyOf(Op),
                      {mkVar(Acc, SL), X}, AccTy.unqualified(), SL));
      Call->MustInline = true;
      B.push_back(mkAssign(mkVar(Acc, SL), AssignOp::Set, Call, SL));
    } else {
      B.push_back(mkAssign(mkVar(Acc, SL), AssignOp::Add, X, SL));
    }
  }));
  return mkVar(Acc, SL);
}

void Lowerer::failResultUse(SourceLocation L, const std::string &Algo) {
  fail(L, "the result of 'std::" + Algo +
              "' is supported dereferenced ('*std::" + Algo +
              "(first, last)') or as an index ('std::" + Algo +
              "(first, last) - first') only");
}

void Lowerer::badArguments(const CallExpr *CE, const std::string &Algo) {
  std::string Forms =
      Algo == "accumulate"
          ? "std::accumulate(first, last, init) and std::accumulate(first, "
            "last, init, op) with op a lambda of this function"
      : Algo == "inner_product"
          ? "std::inner_product(first1, last1, first2, init)"
      : Algo == "min" || Algo == "max"
          ? "std::" + Algo + "(a, b) and std::" + Algo + "({a, b, ...})"
      : Algo == "fill" ? "std::fill(first, last, value)"
      : Algo == "copy" ? "std::copy(first, last, d_first)"
                       : "std::" + Algo + "(first, last)";
  fail(CE->getExprLoc(), "'std::" + Algo +
                             "' with these arguments is not supported: tad "
                             "models " +
                             Forms);
}

ExprP Lowerer::extremumDeref(const clang::Expr *It) {
  std::string Algo = algorithmName(It, SM);
  if (Algo != "max_element" && Algo != "min_element")
    return nullptr;
  const auto *CE = cast<CallExpr>(bare(It));
  ExprP Best = extremum(CE, Algo);
  return element(LastExtremum, Best, loc(CE->getExprLoc()));
}

ExprP Lowerer::extremumIndex(const clang::Expr *It, const clang::Expr *First,
                             QualType T, SourceLocation L) {
  std::string Algo = algorithmName(It, SM);
  if (Algo != "max_element" && Algo != "min_element")
    return nullptr;
  const auto *CE = cast<CallExpr>(bare(It));
  ExprP Best = extremum(CE, Algo);
  Position F = rangeStart(First, Algo);
  if (F.Root != LastExtremum.Root)
    failResultUse(First->getExprLoc(), Algo);
  SrcLoc SL = loc(L);
  // As the canonical type (a library's difference_type is long).
  return mkCast(lowerType(T.getCanonicalType(), L, "this index"),
                subSize(Best, F.Off, SL), SL);
}

//===----------------------------------------------------------------------===//
// Iterators and pointer comparisons
//===----------------------------------------------------------------------===//

namespace {
/// A std::vector iterator (libstdc++'s and libc++'s); std::array's are
/// pointers.
bool isIterator(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && (RD->getName() == "__normal_iterator" ||
                RD->getName() == "__wrap_iter");
}

const char *const IteratorUses =
    "tad follows an iterator as an offset into its container: dereference "
    "it (*it), index it (it[k]), compare it or subtract it from another "
    "iterator of the same container, and move it in a statement of its own "
    "(++it, it += k, it = v.begin())";

std::optional<BinOp> comparison(OverloadedOperatorKind Op) {
  switch (Op) {
  case OO_EqualEqual:
    return BinOp::Eq;
  case OO_ExclaimEqual:
    return BinOp::Ne;
  case OO_Less:
    return BinOp::Lt;
  case OO_Greater:
    return BinOp::Gt;
  case OO_LessEqual:
    return BinOp::Le;
  case OO_GreaterEqual:
    return BinOp::Ge;
  default:
    return std::nullopt;
  }
}
} // namespace

bool Lowerer::iteratorLocal(const VarDecl *VD, StmtList &Out) {
  if (!isIterator(VD->getType()))
    return false;
  std::string Name = VD->getNameAsString();
  SourceLocation L = VD->getLocation();
  const auto *Made =
      VD->getInit() ? dyn_cast<CXXConstructExpr>(bare(VD->getInit())) : nullptr;
  if (!VD->getInit() || (Made && Made->getNumArgs() == 0))
    fail(L, "local iterator '" + Name +
                "' must be initialized: tad follows an iterator into one "
                "container, set where it is declared");
  if (VD->isStaticLocal())
    fail(L, "static local iterators are not supported");
  std::optional<Position> P = position(VD->getInit());
  if (!P)
    fail(VD->getInit()->getExprLoc(),
         "this iterator is not supported: tad follows iterators set from "
         "'v.begin()' or 'v.end()' (or cbegin, cend) of a std::vector "
         "variable or from another iterator, moved by '+ k' or '- k'");
  if (P->Base->Ty.isRecord() || !P->Base->is(Expr::Kind::VarRef))
    fail(L, "iterators over structs are not supported yet: index the "
            "vector (v[i].x) or loop over it with a range-based for");
  VarP O = makeVar(freshName(Name + "_off"), sizeType(), loc(L));
  Out.push_back(mkDecl(O, P->Off, loc(L)));
  PointerLocals[VD] = {P->Base->V, O};
  return true;
}

ExprP Lowerer::iteratorExpr(const CallExpr *CE) {
  const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
  if (!OC || OC->getNumArgs() == 0 || !isIterator(OC->getArg(0)->getType()))
    return nullptr;
  SourceLocation L = OC->getOperatorLoc();
  SrcLoc SL = loc(L);
  auto At = [&](const clang::Expr *E) {
    std::optional<Position> P = position(E);
    if (!P)
      fail(E->getExprLoc(),
           std::string("this iterator is not supported: ") + IteratorUses);
    if (P->Base->Ty.isRecord())
      fail(E->getExprLoc(), "iterators over structs are not supported yet: "
                            "index the vector (v[i].x) or loop over it "
                            "with a range-based for");
    return *P;
  };
  OverloadedOperatorKind Op = OC->getOperator();
  if (Op == OO_Star && OC->getNumArgs() == 1) {
    Position P = At(OC->getArg(0));
    return mkIndex(P.Base, P.Off, SL);
  }
  if (Op == OO_Subscript) {
    Position P = At(OC->getArg(0));
    return mkIndex(P.Base, addSize(P.Off, asSize(expr(OC->getArg(1))), SL), SL);
  }
  std::optional<BinOp> Cmp = comparison(Op);
  bool Difference = Op == OO_Minus && OC->getNumArgs() == 2 &&
                    isIterator(OC->getArg(1)->getType());
  if (Cmp || Difference) {
    Position A = At(OC->getArg(0)), B = At(OC->getArg(1));
    if (A.Root != B.Root)
      fail(L, "these iterators are of two containers: tad compares and "
              "subtracts iterators of one container only");
    if (Cmp)
      return mkBinary(*Cmp, A.Off, B.Off, Type::scalar(ScalarKind::Bool), SL);
    return mkCast(lowerType(CE->getType(), L, "this difference"),
                  mkBinary(BinOp::Sub, A.Off, B.Off, sizeType(), SL), SL);
  }
  if (Op == OO_Arrow)
    fail(L, "iterators over structs are not supported yet: index the "
            "vector (v[i].x) or loop over it with a range-based for");
  fail(L, std::string("this use of an iterator is not supported: ") +
              IteratorUses);
}

bool Lowerer::iteratorUpdate(const clang::Expr *E, StmtList &Out) {
  const auto *OC = dyn_cast<CXXOperatorCallExpr>(E->IgnoreParens());
  if (!OC || OC->getNumArgs() == 0)
    return false;
  const auto *DRE = dyn_cast<DeclRefExpr>(OC->getArg(0)->IgnoreParens());
  auto It = DRE ? PointerLocals.find(DRE->getDecl()) : PointerLocals.end();
  if (It == PointerLocals.end() || !isIterator(DRE->getType()))
    return false;
  const PointerLocal &PL = It->second;
  SrcLoc SL = loc(OC->getOperatorLoc());
  ExprP Off = mkVar(PL.Off, SL);
  switch (OC->getOperator()) {
  case OO_PlusPlus:
  case OO_MinusMinus:
    Out.push_back(mkAssign(
        Off, OC->getOperator() == OO_PlusPlus ? AssignOp::Add : AssignOp::Sub,
        mkLit(1, sizeType()), SL));
    return true;
  case OO_PlusEqual:
  case OO_MinusEqual:
    Out.push_back(mkAssign(
        Off, OC->getOperator() == OO_PlusEqual ? AssignOp::Add : AssignOp::Sub,
        asSize(expr(OC->getArg(1))), SL));
    return true;
  case OO_Equal: {
    std::optional<Position> P = position(OC->getArg(1));
    if (!P || P->Root != PL.Base.get())
      fail(OC->getArg(1)->getExprLoc(),
           "iterator '" + DRE->getDecl()->getNameAsString() +
               "' is followed as an offset into '" + PL.Base->Name +
               "': it may be set to a position in that container only "
               "(v.begin(), v.end(), another of its iterators, moved by "
               "'+ k' or '- k')");
    Out.push_back(mkAssign(Off, AssignOp::Set, P->Off, SL));
    return true;
  }
  default:
    fail(OC->getOperatorLoc(),
         std::string("this use of an iterator is not supported: ") +
             IteratorUses);
  }
}

/// E names a position in an array: an array or pointer variable, a local
/// pointer, `p + k`, `&a[k]`, `v.begin()` of a std::array.
bool Lowerer::arrayPointer(const clang::Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (isa<CXXMemberCallExpr>(bare(E)))
    return position(E).has_value();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return BO->getType()->isPointerType() &&
           (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
           arrayPointer(BO->getLHS()->getType()->isPointerType()
                            ? BO->getLHS()
                            : BO->getRHS());
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (const auto *A =
            dyn_cast<ArraySubscriptExpr>(UO->getSubExpr()->IgnoreParens()))
      return UO->getOpcode() == UO_AddrOf && arrayPointer(A->getBase());
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && !Aliases.count(VD) &&
         (PointerLocals.count(VD) || VD->getType()->isPointerType() ||
          VD->getType()->isArrayType());
}

ExprP Lowerer::pointerCompare(const BinaryOperator *BO) {
  const clang::Expr *A = BO->getLHS(), *B = BO->getRHS();
  if (!A->getType()->isPointerType() || !B->getType()->isPointerType() ||
      !(BO->isComparisonOp() || BO->getOpcode() == BO_Sub) ||
      !arrayPointer(A) || !arrayPointer(B))
    return nullptr;
  SrcLoc SL = loc(BO->getOperatorLoc());
  // A pointer's array and offset: `a.end()` of a std::array (a pointer) as
  // a position, anything else as the base of a pointer argument is (a local
  // pointer's offset stays signed: `p >= a` after `--p` is false).
  Type Int = Type::integer("int");
  auto Place = [&](const clang::Expr *E) -> std::pair<const Var *, ExprP> {
    if (isa<CXXMemberCallExpr>(bare(E)))
      if (std::optional<Position> P = position(E))
        return {P->Root, P->Off};
    ExprP X = arrayBase(E, "in this comparison");
    return {rootVar(X).get(), isOffset(X) ? X->op(1) : mkLit(0, Int, SL)};
  };
  auto [RA, OA] = Place(A);
  auto [RB, OB] = Place(B);
  if (!RA || RA != RB)
    fail(BO->getOperatorLoc(),
         "these pointers point into two arrays ('" +
             (RA ? RA->Name : std::string("?")) + "' and '" +
             (RB ? RB->Name : std::string("?")) +
             "'): tad compares and subtracts pointers into one array only");
  // One type for both sides (a local pointer's int offset against a
  // container's size).
  if (!OA->Ty.sameScalar(OB->Ty))
    OB = mkCast(OA->Ty.unqualified(), OB, SL);
  static const std::map<BinaryOperatorKind, BinOp> Ops = {
      {BO_LT, BinOp::Lt}, {BO_LE, BinOp::Le}, {BO_GT, BinOp::Gt},
      {BO_GE, BinOp::Ge}, {BO_EQ, BinOp::Eq}, {BO_NE, BinOp::Ne}};
  if (BO->getOpcode() == BO_Sub)
    return mkCast(
        lowerType(BO->getType(), BO->getOperatorLoc(), "this difference"),
        mkBinary(BinOp::Sub, OA, OB, OA->Ty.unqualified(), SL), SL);
  return mkBinary(Ops.at(BO->getOpcode()), OA, OB,
                  Type::scalar(ScalarKind::Bool), SL);
}

} // namespace tad
